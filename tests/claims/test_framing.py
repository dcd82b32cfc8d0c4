"""Tests for claimledger/claims/framing.py."""

from __future__ import annotations

from claimledger.claims.framing import describe_framing
from claimledger.records import Article
from claim_builders import make_statement

TEXT = (
    "The mayor claimed the budget was balanced. \u201cWe cut nothing,\u201d the treasurer said. "
    "The union said the schools lost staff. The treasurer did not deny the report."
)


def _statements():
    return [
        make_statement(TEXT, "the budget was balanced", cue="claimed", cue_lemma="claim", entity="mayor"),
        make_statement(TEXT, "We cut nothing", cue="said", cue_lemma="say", kind="direct", entity="treasurer"),
        make_statement(TEXT, "the schools lost staff", cue="said", cue_lemma="say", entity="union"),
        make_statement(TEXT, "the report", cue="did not deny", cue_lemma="deny", entity="treasurer", negated=True),
    ]


def test_describe_framing_counts_cues_and_splits_quoted_from_paraphrased():
    article = Article(id="a1", source="x.txt", text=TEXT, outlet="Daily Ledger")
    names = {"mayor": "Mayor Ruiz", "treasurer": "Treasurer Okafor", "union": "Teachers' Union"}
    [framing] = describe_framing([article], _statements(), {s.id: s.speaker_entity_id for s in _statements()},
                                 entity_names=names)
    assert framing.outlet == "Daily Ledger"
    assert framing.cues_by_speaker == {
        "mayor": {"claim": 1},
        "treasurer": {"not deny": 1, "say": 1},
        "union": {"say": 1},
    }
    assert framing.quoted_entities == ["treasurer"]
    assert framing.paraphrased_entities == ["mayor", "union"]
    assert framing.notes == [
        "Uses doubt-casting 'claim' for Mayor Ruiz; neutral 'say' for Treasurer Okafor, Teachers' Union.",
        "Quotes Treasurer Okafor directly; reports Mayor Ruiz, Teachers' Union only in paraphrase.",
    ]


def test_describe_framing_notes_denials_and_skips_duplicates():
    text = "The firm rejected the audit."
    statement = make_statement(text, "the audit", cue="rejected", cue_lemma="reject", entity="firm")
    original = Article(id="a1", source="a.txt", text=text)
    copy = Article(id="a2", source="b.txt", text=text, duplicate_of="a1")
    framings = describe_framing([original, copy], [statement], {statement.id: "firm"})
    assert [f.article_id for f in framings] == ["a1"]
    assert framings[0].notes == [
        "Reports denials ('reject') by firm.",
        "Quotes no one directly; reports firm in paraphrase.",
    ]


def test_describe_framing_article_without_statements():
    [framing] = describe_framing([Article(id="a9", source="c.txt", text="Nothing said.")], [], {})
    assert framing.cues_by_speaker == {} and framing.notes == []


def test_describe_framing_never_counts_punctuation_as_a_reporting_verb():
    text = "Mayor Ruiz: the budget was balanced"
    headline = make_statement(text, "the budget was balanced", cue=":", cue_lemma=":", entity="mayor")
    article = Article(id="a1", source="x.txt", text=text)
    [framing] = describe_framing([article], [headline], {headline.id: "mayor"})
    assert framing.cues_by_speaker == {}
    assert framing.paraphrased_entities == ["mayor"]
