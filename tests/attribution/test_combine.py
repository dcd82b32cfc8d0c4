"""How rule and tagger statements combine (the default extractor)."""

from __future__ import annotations

from claimledger.attribution import combine_statements, get_extractor
from claimledger.records import Span, Statement

TEXT = "Ortega said the river was safe. Brandt doubts that the plant is clean."


def _statement(content: str, cue: str, speaker: str) -> Statement:
    def span(needle: str) -> Span:
        start = TEXT.index(needle)
        return Span(start, start + len(needle), needle)

    return Statement(
        id="", article_id="a", content=span(content), kind="indirect", cue=span(cue), speaker=span(speaker)
    )


def test_tagger_statements_the_rules_missed_are_added():
    ruled = [_statement("the river was safe", "said", "Ortega")]
    tagged = [
        _statement("the river was safe.", "said", "Ortega"),  # the same statement, tagged the PolNeAR way
        _statement("that the plant is clean", "doubts", "Brandt"),  # one the rules missed
    ]
    combined = combine_statements(ruled, tagged)
    assert [s.content.text for s in combined] == ["the river was safe", "that the plant is clean"]
    assert all(s.id for s in combined)


def test_unknown_extractor_lists_the_known_ones():
    import pytest

    from claimledger.errors import ConfigError

    with pytest.raises(ConfigError, match="combined.*model.*rules"):
        get_extractor("crf")
