"""From tag scores to spans and relations (no model needed)."""

from __future__ import annotations

import numpy as np

from claimledger.attribution.decode import link_relations, tag_spans, viterbi
from claimledger.attribution.encoding import BEGIN, INSIDE, OUTSIDE
from claimledger.records import SpanRelation


def _log(probabilities):
    return np.log(np.asarray(probabilities, dtype=float))


def test_viterbi_never_opens_a_span_with_inside():
    # Argmax would read O I I: a span opened by "I".
    log_probs = _log([[0.8, 0.1, 0.1], [0.2, 0.35, 0.45], [0.1, 0.1, 0.8]])
    path = viterbi(log_probs).tolist()
    assert path[0] == OUTSIDE
    assert path[1] == BEGIN and path[2] == INSIDE


def test_viterbi_bridges_a_weak_outside_inside_a_span():
    log_probs = _log([[0.1, 0.8, 0.1], [0.1, 0.1, 0.8], [0.5, 0.05, 0.45], [0.1, 0.1, 0.8]])
    assert viterbi(log_probs).tolist() == [BEGIN, INSIDE, INSIDE, INSIDE]


def test_tag_spans_snaps_to_whole_words():
    text = "Ortega reiterated it"
    # Subwords: "Ortega" "reiter" "##ated" "it"; the tagger stopped inside "reiterated".
    offsets = np.array([[0, 6], [7, 13], [13, 17], [18, 20]])
    path = np.array([OUTSIDE, BEGIN, OUTSIDE, OUTSIDE])
    assert tag_spans(path, offsets, text) == [(7, 17)]


def test_link_relations_nearest_content_and_source_in_the_sentence():
    text = "Ortega said the river was safe. “It is not,” Brandt replied."
    def at(needle):
        start = text.index(needle)
        return start, start + len(needle)

    spans = {
        "source": [at("Ortega"), at("Brandt")],
        "cue": [at("said"), at("replied")],
        "content": [at("the river was safe"), at("“It is not,”")],
    }
    relations = link_relations(spans, [0, text.index("“")], text)
    assert relations == [
        SpanRelation(source=(at("Ortega"),), cue=(at("said"),), content=(at("the river was safe"),)),
        SpanRelation(source=(at("Brandt"),), cue=(at("replied"),), content=(at("“It is not,”"),)),
    ]


def test_cue_without_content_gives_no_relation():
    assert link_relations({"source": [(0, 5)], "cue": [(6, 10)], "content": []}, [0], "Brandt said") == []


def test_content_split_by_its_cue_keeps_both_parts():
    text = "The river, Ortega said, is safe to swim in."
    def at(needle):
        start = text.index(needle)
        return start, start + len(needle)

    spans = {"source": [at("Ortega")], "cue": [at("said")], "content": [at("The river,"), at("is safe to swim in.")]}
    (relation,) = link_relations(spans, [0], text)
    assert relation.content == (at("The river,"), at("is safe to swim in."))


def test_sources_and_cues_do_not_cross_lines():
    from claimledger.attribution.decode import split_lines

    text = "Harbor News\nMayor Lena Ortega said"
    assert split_lines([(0, 29)], text) == [(0, 11), (12, 29)]
    assert split_lines([(11, 13)], "Harbor News\n\nX") == []
