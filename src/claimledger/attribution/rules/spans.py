"""Character spans in a parsed article, and the `Statement` built from them."""

from __future__ import annotations

from collections.abc import Iterable

from spacy.tokens import Span as SpacySpan
from spacy.tokens import Token

from ...nlp.cues import NON_SPEAKERS
from ...nlp.quotes import inside, overlapping
from ...records import Article, Span, Statement

CharSpan = tuple[int, int]

_TRIM_LEFT = " \t\n,;:—–-“”\"‘'«»"
_TRIM_RIGHT = " \t\n,;:—–-“”\"’'«»."


def trim(text: str, start: int, end: int) -> CharSpan:
    """Shrink a span past quotation marks, punctuation and a leading "that"."""
    while start < end and text[start] in _TRIM_LEFT:
        start += 1
    if text[start:end].lower().startswith("that "):
        start += 5
    while end > start and text[end - 1] in _TRIM_RIGHT:
        end -= 1
    # Keep a closing bracket or a period that belongs to an abbreviation.
    return start, end


def tokens_span(tokens: Iterable[Token]) -> CharSpan:
    tokens = list(tokens)
    return tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)


def subtree_span(token: Token, skip_deps: set[str] = frozenset(), keep=None) -> CharSpan:
    """Span of `token`'s subtree without the children in `skip_deps` (or that
    `keep` rejects), cut to the contiguous run of tokens around `token`."""
    kept = [token]
    for child in token.children:
        if child.dep_ in skip_deps or (keep is not None and not keep(child)):
            continue
        kept.extend(child.subtree)
    kept.sort(key=lambda t: t.i)
    # Only the contiguous run around the head: a skipped child in the middle
    # would otherwise be swallowed back.
    left = right = kept.index(token)
    while left > 0 and kept[left - 1].i == kept[left].i - 1:
        left -= 1
    while right < len(kept) - 1 and kept[right + 1].i == kept[right].i + 1:
        right += 1
    while right > left and kept[right].is_space:
        right -= 1
    return tokens_span(kept[left : right + 1])


def _span(article: Article, start: int, end: int) -> Span:
    return Span(start, end, article.text[start:end])


def statement_kind(content: CharSpan, quotes: list[CharSpan]) -> str:
    if inside(content, quotes, slack=1):
        return "direct"
    return "mixed" if overlapping(content, quotes) else "indirect"


def make_statement(
    article: Article,
    sent: SpacySpan,
    content: CharSpan,
    speaker: CharSpan | None,
    cue: CharSpan | None,
    cue_lemma: str | None,
    kind: str,
    confidence: float,
    *,
    cue_negated: bool = False,
) -> Statement | None:
    start, end = trim(article.text, *content)
    if end - start < 2 or article.text[start:end].lower() in NON_SPEAKERS:
        return None
    if speaker is not None:
        s_start, s_end = trim(article.text, *speaker)
        speaker_span = _span(article, s_start, s_end) if s_end > s_start else None
    else:
        speaker_span = None
    return Statement(
        id="",
        article_id=article.id,
        content=_span(article, start, end),
        kind=kind,  # type: ignore[arg-type]
        speaker=speaker_span,
        cue=_span(article, *cue) if cue else None,
        cue_lemma=cue_lemma,
        cue_negated=cue_negated,
        sentence=_span(article, sent.start_char, sent.end_char),
        confidence=confidence,
    )
