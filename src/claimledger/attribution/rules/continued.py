"""Quoted paragraphs that continue the previous speaker's quote."""

from __future__ import annotations

from spacy.tokens import Doc

from ...records import Article, Statement
from .spans import CharSpan, make_statement


def continued_quotes(
    article: Article, doc: Doc, quotes: list[CharSpan], found: list[Statement]
) -> list[Statement]:
    """A paragraph that is one quote, right after a quoted statement, continues it."""
    text = article.text
    covered = [(s.content.start, s.content.end) for s in found]
    by_start = sorted(found, key=lambda s: s.content.start)
    continued = []
    for q_start, q_end in quotes:
        if any(c_start < q_end and q_start < c_end for c_start, c_end in covered):
            continue
        line_start = text.rfind("\n", 0, q_start) + 1
        if len(text[q_start:q_end].split()) < 4:
            continue
        before = [s for s in by_start if s.content.end <= q_start and s.kind in ("direct", "mixed")]
        if not before:
            continue
        previous = before[-1]
        if text[line_start:q_start - 1].strip():
            # Within a paragraph: “…,” she said. “…” — the next sentence is one
            # more quote, right after the sentence that gave its speaker and cue.
            between = text[previous.content.end : q_start - 1]
            if not _only_the_attribution(between, previous) or not between.rstrip().endswith("."):
                continue
        else:
            between = text[previous.content.end : line_start]
            if between.count("\n") > 2 or len(between.strip()) > 60:
                continue
        sent = doc.char_span(line_start, q_end, alignment_mode="expand") or doc[:]
        statement = make_statement(article, sent, (q_start, q_end), None, None, None, "direct", 0.5)
        if statement:
            statement.parent_id = previous.id or None
            continued.append(statement)
    return continued


def _only_the_attribution(between: str, previous: Statement) -> bool:
    """Whether the text between a quote and the next one holds nothing but the
    first quote's speaker and cue ("," she said. ")."""
    rest = between
    for part in (previous.speaker, previous.cue):
        if part is not None:
            rest = rest.replace(part.text, "", 1)
    return "\n" not in between and len(rest.strip(" \t,.;:“”\"'’‘")) <= 12
