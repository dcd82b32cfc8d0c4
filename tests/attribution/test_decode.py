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


def _at(text, needle):
    start = text.index(needle)
    return start, start + len(needle)


def test_quote_continued_after_its_cue_s_sentence_joins_the_relation():
    # "“X,” he said. “Y.”": the cue takes the nearer piece; the other is no longer lost.
    text = "“The river is safe,” Ortega said. “The plant is clean.”"
    spans = {
        "source": [_at(text, "Ortega")], "cue": [_at(text, "said")],
        "content": [_at(text, "“The river is safe,”"), _at(text, "“The plant is clean.”")],
    }
    (relation,) = link_relations(spans, [0, text.index("“The plant")], text)
    assert relation.content == (_at(text, "“The river is safe,”"), _at(text, "“The plant is clean.”"))
    (alone,) = link_relations(spans, [0, text.index("“The plant")], text, attach_unlinked=False)
    assert alone.content == (_at(text, "“The river is safe,”"),)


def test_a_content_on_another_line_is_not_attached_to_the_cue():
    text = "Plant is clean: Ortega\nThe river is safe, according to Brandt."
    spans = {
        "source": [_at(text, "Brandt")], "cue": [_at(text, "according to")],
        "content": [_at(text, "Plant is clean"), _at(text, "The river is safe")],
    }
    (relation,) = link_relations(spans, [0, text.index("The river")], text)
    assert relation.content == (_at(text, "The river is safe"),)


def test_a_colon_or_a_dash_between_source_and_content_is_their_cue():
    from claimledger.attribution.decode import add_mark_cues

    text = "WALLACE: Let us start with the debate.\n“I am ashamed.” ― Krystal Correa\n"
    spans = {
        "source": [_at(text, "WALLACE"), _at(text, "Krystal Correa")], "cue": [],
        "content": [_at(text, "Let us start with the debate."), _at(text, "“I am ashamed.”")],
    }
    found = add_mark_cues(spans, text)
    assert found["cue"] == [_at(text, ":"), _at(text, "―")]
    relations = link_relations(found, [0, text.index("“I am")], text)
    assert [(r.source, r.content) for r in relations] == [
        ((_at(text, "WALLACE"),), (_at(text, "Let us start with the debate."),)),
        ((_at(text, "Krystal Correa"),), (_at(text, "“I am ashamed.”"),)),
    ]
    # A colon inside a sentence, with no source before it, is no cue.
    assert add_mark_cues({"source": [], "cue": [], "content": [(9, 20)]}, text)["cue"] == []
