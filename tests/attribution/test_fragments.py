"""Spans interrupted by their cue ("X," he said, "Y."): one statement of several pieces."""

from __future__ import annotations

from claimledger.attribution.fragments import joined, merge_interrupted_quotes
from claimledger.attribution.statements import relations_to_statements
from claimledger.records import Article, Span, SpanRelation, Statement, article_id

QUOTE = "Title\n“The river is safe,” Mayor Lena Ortega said, “and the plant is clean.”\n"


def _at(text: str, needle: str) -> tuple[int, int]:
    start = text.index(needle)
    return start, start + len(needle)


def test_rules_give_an_interrupted_quote_two_content_pieces(analyse):
    parsed = analyse(QUOTE)
    (statement,) = [s for s in parsed.statements if s.cue_lemma == "say"]
    assert [QUOTE[s:e] for s, e in statement.content_fragments] == ["The river is safe", "and the plant is clean"]
    assert statement.content.start == statement.content_fragments[0][0]
    assert statement.content.end == statement.content_fragments[-1][1]
    assert statement.speaker.text == "Mayor Lena Ortega"
    assert statement.kind == "direct"


def test_tagger_relation_with_two_content_pieces_is_one_statement(nlp):
    text = "The river, Ortega said, is safe to swim in.\n"
    relation = SpanRelation(
        source=(_at(text, "Ortega"),), cue=(_at(text, "said"),),
        content=(_at(text, "The river"), _at(text, "is safe to swim in.")), confidence=0.9,
    )
    article = Article(id=article_id(text), source="t.txt", text=text)
    (statement,) = relations_to_statements(article, nlp(text), [relation])
    assert statement.content_fragments == relation.content
    assert statement.content.text == "The river, Ortega said, is safe to swim in."
    assert statement.fragments("speaker") == (_at(text, "Ortega"),)
    assert statement.confidence == 0.9


def test_pieces_apart_by_punctuation_only_are_one():
    text = "“It is safe,” “and clean.”"
    assert joined(text, [(14, 26), (0, 13)]) == ((0, 26),)
    assert joined("ab he said cd", [(0, 2), (11, 13)]) == ((0, 2), (11, 13))


def _direct(text: str, content: str, cue: str, speaker: str, *, nth: int = 0) -> Statement:
    def span(needle: str, skip: int = 0) -> Span:
        start = -1
        for _ in range(skip + 1):
            start = text.index(needle, start + 1)
        return Span(start, start + len(needle), needle)

    return Statement(id="", article_id="a", content=span(content), kind="direct", speaker=span(speaker, nth),
                     cue=span(cue), cue_lemma=cue)


def test_a_second_quote_another_cue_claims_stays_its_own_statement():
    # "“X,” Khamenei said, “Y,” Khamenei told Putin.": the second quote is what he told Putin.
    text = "“Nato is a danger,” Khamenei said, “it knows no limits,” Khamenei told Putin."
    said_first = _direct(text, "Nato is a danger", "said", "Khamenei")
    said_second = _direct(text, "it knows no limits", "said", "Khamenei")
    told = _direct(text, "it knows no limits", "told", "Khamenei", nth=1)
    assert merge_interrupted_quotes(text, [said_first, said_second, told]) == [said_first, said_second, told]
    # Without the second cue, the two quotes are one statement.
    (merged,) = merge_interrupted_quotes(text, [said_first, said_second])
    assert [text[s:e] for s, e in merged.content_fragments] == ["Nato is a danger", "it knows no limits"]


def test_claims_of_an_interrupted_quote_leave_its_cue_out():
    from claimledger.claims.propositions import split_claims

    text = "“The river is safe to swim in,” Ortega said, “and the plant is clean again.”"
    first, second = _at(text, "The river is safe to swim in"), _at(text, "and the plant is clean again.")
    statement = Statement(
        id="s", article_id="a", content=Span(first[0], second[1], text[first[0] : second[1]]), kind="direct",
        content_fragments=(first, second),
    )
    assert [c.content.text for c in split_claims(statement)] == [
        "The river is safe to swim in", "and the plant is clean again.",
    ]


def test_a_piece_in_a_sentence_after_the_cue_s_is_a_continued_quote(nlp):
    # "“X,” she said. “Y.”": PolNeAR's one content of two pieces; the ledger's statement and a
    # continued quote, as the rules make of a quoted paragraph that continues a quote.
    text = "“There was no release,” she said. “Our discharge is tested every day.”\n"
    relation = SpanRelation(
        source=(_at(text, "she"),), cue=(_at(text, "said"),),
        content=(_at(text, "There was no release"), _at(text, "Our discharge is tested every day.")),
    )
    article = Article(id=article_id(text), source="t.txt", text=text)
    said, continued = relations_to_statements(article, nlp(text), [relation])
    assert (said.content.text, said.content_fragments, said.speaker.text) == ("There was no release", (), "she")
    assert continued.content.text == "Our discharge is tested every day."
    assert continued.speaker is None and continued.cue is None and continued.kind == "direct"
