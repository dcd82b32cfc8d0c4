"""How rule and tagger statements combine (the default extractor)."""

from __future__ import annotations

import dataclasses

from claimledger.attribution import Combination, combine_statements, get_extractor
from claimledger.records import Span, Statement

TEXT = "Ortega said the river was safe. Brandt doubts that the plant is clean."


def _statement(content: str, cue: str, speaker: str, text: str = TEXT, **fields) -> Statement:
    def span(needle: str) -> Span:
        start = text.index(needle)
        return Span(start, start + len(needle), needle)

    return Statement(
        id="", article_id="a", content=span(content), kind="indirect", cue=span(cue), speaker=span(speaker),
        cue_lemma=cue, **fields,
    )


def test_the_tagger_s_spans_stand_for_an_attribution_both_found():
    ruled = [_statement("the river was safe", "said", "Ortega")]
    tagged = [
        _statement("the river was safe.", "said", "Ortega"),  # the same statement, tagged the PolNeAR way
        _statement("that the plant is clean", "doubts", "Brandt"),  # one the rules missed
    ]
    combined = combine_statements(ruled, tagged)
    assert [s.content.text for s in combined] == ["the river was safe.", "that the plant is clean"]
    assert all(s.id for s in combined)


def test_rules_add_what_the_tagger_missed_unless_it_is_nested_in_a_tagged_content():
    text = "Ortega said Brandt doubts the plant is clean. Critics warned of a leak."
    outer = _statement("Brandt doubts the plant is clean", "said", "Ortega", text, confidence=0.9)
    nested = _statement("the plant is clean", "doubts", "Brandt", text)
    missed = _statement("a leak", "warned", "Critics", text)
    how = Combination(rules_add=frozenset({"indirect"}))
    combined = combine_statements([nested, missed], [outer], how)
    assert [s.cue.text for s in combined] == ["said", "warned"]
    nesting = Combination(rules_add=frozenset({"indirect", "nested-indirect"}))
    assert [s.cue.text for s in combine_statements([nested, missed], [outer], nesting)] == ["said", "doubts", "warned"]
    assert combine_statements([nested, missed], [outer], Combination(rules_add=frozenset())) == [outer]


def test_an_unsure_tagger_gives_way_to_the_rules():
    ruled = [_statement("the river was safe", "said", "Ortega")]
    tagged = [_statement("Ortega", "said", "Ortega", confidence=0.4)]
    how = Combination(tagger_min_confidence=0.6)
    assert [s.content.text for s in combine_statements(ruled, tagged, how)] == ["the river was safe"]
    sure = [dataclasses.replace(tagged[0], confidence=0.9)]
    assert [s.content.text for s in combine_statements(ruled, sure, how)] == ["Ortega"]


def test_a_report_the_rules_split_into_claims_keeps_its_claims():
    text = "Ortega asserted that the river was safe and that the plant was clean."
    whole = _statement("that the river was safe and that the plant was clean", "asserted", "Ortega", text,
                       confidence=0.95)
    first = _statement("the river was safe", "asserted", "Ortega", text)
    second = _statement("the plant was clean", "asserted", "Ortega", text)
    split = Combination(conventions=frozenset({"split"}))
    assert [s.content.text for s in combine_statements([first, second], [whole], split)] == [
        "the river was safe", "the plant was clean",
    ]
    assert combine_statements([first, second], [whole], Combination(conventions=frozenset())) == [whole]


def test_a_headline_of_the_rules_stands_for_the_whole_line():
    text = "Plant is clean: Ortega\nThe river is safe, Brandt said."
    headline = _statement("Plant is clean", ":", "Ortega", text)
    tagged = [
        _statement("Plant is clean: Ortega", "is", "Plant", text, confidence=0.9),
        _statement("The river is safe", "said", "Brandt", text, confidence=0.9),
    ]
    how = Combination(conventions=frozenset({"headline"}))
    assert [(s.speaker.text, s.content.text) for s in combine_statements([headline], tagged, how)] == [
        ("Ortega", "Plant is clean"), ("Brandt", "The river is safe"),
    ]


def test_a_continued_quote_is_added_only_where_no_kept_content_holds_it():
    text = "“It is safe,” Ortega said.\n“The plant is clean.”\n“And so is the bay.”"
    said = _statement("It is safe", "said", "Ortega", text, confidence=0.9)
    held = dataclasses.replace(
        said, content=Span(1, text.index("clean") + 5, text[1 : text.index("clean") + 5]),
        content_fragments=((1, 11), (text.index("The plant"), text.index("clean") + 5)),
    )
    continued = [
        Statement(id="", article_id="a", content=Span(s, s + len(n), n), kind="direct")
        for n in ("The plant is clean", "And so is the bay") for s in [text.index(n)]
    ]
    combined = combine_statements(continued, [held], Combination(rules_add=frozenset({"continued"})))
    assert [s.content.text for s in combined if s.cue is None] == ["And so is the bay"]


def test_unknown_extractor_lists_the_known_ones():
    import pytest

    from claimledger.errors import ConfigError

    with pytest.raises(ConfigError, match="combined.*model.*rules"):
        get_extractor("crf")
