"""The tagger's relations as ledger `Statement`s.

Spans stay as tagged (a content keeps its "that" and its quotation marks, as
PolNeAR annotates them). A content split by its own cue ("The river," Ortega
said, "is safe") keeps its parts as `content_fragments`; its span runs from
the first part to the last.
The parse adds what a span alone does not say: the cue's lemma and negation,
the kind (direct when the content is quoted), the sentence, and one statement
per conjunct of a coordinated source ("Moscow and Tehran").
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from spacy.tokens import Doc

from ..nlp.quotes import find_quotes
from ..records import Article, Fragments, Offsets, Span, SpanRelation, Statement
from .fragments import hull, joined, stored
from .rules import finalize_statements, speaker_spans, statement_kind


def _span(article: Article, offsets: Offsets) -> Span:
    return Span(offsets[0], offsets[1], article.text[offsets[0] : offsets[1]])


def _cue_semantics(doc: Doc, cue: Offsets) -> tuple[str, bool]:
    """The cue's lemma ("according to", "deny", "point out") and whether it is negated."""
    span = doc.char_span(*cue, alignment_mode="expand")
    if span is None or len(span) == 0:
        return doc.text[cue[0] : cue[1]].lower(), False
    words = [t.lower_ for t in span]
    if words[:2] == ["according", "to"]:
        return "according to", False
    root = span.root
    particles = [c.lower_ for c in root.children if c.dep_ == "prt" and c in span]
    negated = any(t.dep_ == "neg" or t.lower_ in ("not", "n't", "never") for t in span) or any(
        c.dep_ == "neg" for c in root.children
    )
    return " ".join([root.lemma_.lower(), *particles]), negated


def _another_title(conjunct) -> bool:
    """Whether a later conjunct of a speaker is one more title of the same person: a
    singular common noun with no determiner of its own ("… and permanent representative"),
    or a name behind such a title ("his wife and current nominee Hillary Clinton")."""
    own = {c.dep_ for c in conjunct.children}
    if own & {"det", "poss"}:
        return False
    if conjunct.tag_ == "NN":
        return True
    return conjunct.pos_ == "PROPN" and any(c.dep_ == "compound" and c.tag_ == "NN" for c in conjunct.children)


def _speakers(doc: Doc, source: Offsets) -> list[Offsets]:
    """One span per coordinated speaker ("Moscow and Tehran"); the tagged span itself
    otherwise, and where the conjuncts are titles of one person.

    A tagged source that is the last conjunct of a coordinated subject
    ("Oslo and [Helsinki] denied") brings the other conjuncts with it.
    """
    span = doc.char_span(*source, alignment_mode="expand")
    if span is None or len(span) == 0:
        return [source]
    head = span.root
    while head.dep_ == "conj" and head.head.i < head.i:
        head = head.head
    widened = head.i < span.start and head.dep_ in ("nsubj", "nsubjpass")
    if any(_another_title(t) for t in head.conjuncts if t.i > head.i):
        # "Iran's ambassador and permanent representative", "the former secretary of
        # state and current nominee": titles of one person, not two speakers.
        return [source]
    parts = speaker_spans(head)
    inside = [p for p in parts if widened or (source[0] <= p[0] and p[1] <= source[1])]
    return inside if len(inside) > 1 else [source]


def relations_to_statements(article: Article, doc: Doc, relations: Sequence[SpanRelation]) -> list[Statement]:
    """Statements of `article` (parsed as `doc`) from tagged relations."""
    quotes = find_quotes(article.text)
    found: list[Statement] = []
    for relation in relations:
        if not relation.content or not relation.cue:
            continue
        # A content split by its own cue ("The river, Ortega said, is safe")
        # is one statement of two content pieces.
        cue = relation.cue[0]
        pieces, continued = _continuations(article.text, joined(article.text, relation.content), cue)
        content = hull(pieces)
        lemma, negated = _cue_semantics(doc, cue)
        kind = "according_to" if lemma == "according to" else statement_kind(content, quotes)
        cue_tokens = doc.char_span(*cue, alignment_mode="expand")
        sentence = cue_tokens.sent if cue_tokens is not None and len(cue_tokens) else None
        speakers = _speakers(doc, relation.source[0]) if relation.source else [None]
        for speaker in speakers:
            found.append(
                Statement(
                    id="",
                    article_id=article.id,
                    content=_span(article, content),
                    kind=kind,  # type: ignore[arg-type]
                    speaker=_span(article, speaker) if speaker else None,
                    cue=_span(article, cue),
                    cue_lemma=lemma,
                    cue_negated=negated,
                    sentence=_span(article, (sentence.start_char, sentence.end_char)) if sentence else None,
                    confidence=relation.confidence,
                    content_fragments=stored(pieces),
                )
            )
        for start, end in continued:
            found.append(
                Statement(
                    id="", article_id=article.id, content=_span(article, (start, end)),
                    kind=statement_kind((start, end), quotes),  # type: ignore[arg-type]
                    sentence=_span(article, (start, end)), confidence=relation.confidence,
                )
            )
    return finalize_statements(found)


_SENTENCE_END = re.compile(r"[.!?]")


def _continuations(text: str, pieces: Fragments, cue: Offsets) -> tuple[Fragments, Fragments]:
    """The pieces of a content that stay with its cue, and those that continue it in sentences
    of their own (`"X," she said. "Y."`: "Y" is said on, as a quoted paragraph that continues
    a quote is; the ledger keeps it as a statement of its own, without cue or speaker)."""
    last = cue[1]
    for k, (start, end) in enumerate(pieces):
        if start >= cue[1] and k and _SENTENCE_END.search(_strip_quotes(text[last:start])):
            return pieces[:k], pieces[k:]
        last = max(last, end)
    return pieces, ()


def _strip_quotes(between: str) -> str:
    return between.strip(" \n\"\u201c\u201d'\u2018\u2019")

