"""From tag scores to spans, and from spans to relations.

Decoding is a Viterbi search per role over O/B/I log-probabilities in which
"I" may only follow "B" or "I", so a span is never opened by an "I"; argmax
decoding fragments long contents. Span ends are snapped to whole words,
because a subword tagger may stop inside one, and sources and cues are cut at
line breaks, which the subword tokenizer never sees.

Relations are built around cues (`link_relations`): each cue takes a content
(its own sentence's first, then the nearest, each content to one cue where it
can be) and the nearest source in its sentence; a content no cue took joins
the relation of its best cue as a further piece.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence

import numpy as np

from ..records import ATTRIBUTION_ROLES, Offsets, SpanRelation
from .encoding import BEGIN, INSIDE, OUTSIDE

_NEG = -1e9
# transition[previous, next]: 0 when allowed, _NEG when "I" would open a span.
_TRANSITIONS = np.zeros((3, 3))
_TRANSITIONS[OUTSIDE, INSIDE] = _NEG
_START = np.array([0.0, 0.0, _NEG])

MAX_CONTENT_GAP = 250
"""Characters a content may lie from its cue and still be its content."""


def viterbi(log_probs: np.ndarray, continuation: float = 0.0) -> np.ndarray:
    """Best valid O/B/I path for one role; `log_probs` is (n, 3).

    The tagger scores each subword on its own, so when it is unsure whether a
    phrase is a source at all, the unsure mass splits between "B" on the first
    word and "I" on the rest, and the span stops after one word ("Hillary" of
    "Hillary Clinton"). `continuation` is a bonus (in log space) for carrying a
    span on, chosen per role on the selection data.
    """
    n = len(log_probs)
    if n == 0:
        return np.zeros(0, dtype=np.int64)
    transitions = _TRANSITIONS.copy()
    transitions[[BEGIN, INSIDE], INSIDE] += continuation
    back = np.zeros((n, 3), dtype=np.int64)
    score = _START + log_probs[0]
    for i in range(1, n):
        candidates = score[:, None] + transitions
        back[i] = candidates.argmax(axis=0)
        score = candidates.max(axis=0) + log_probs[i]
    path = np.zeros(n, dtype=np.int64)
    path[-1] = score.argmax()
    for i in range(n - 1, 0, -1):
        path[i - 1] = back[i, path[i]]
    return path


def _snap(text: str, start: int, end: int) -> Offsets:
    while start > 0 and text[start - 1].isalnum() and text[start].isalnum():
        start -= 1
    while end < len(text) and text[end].isalnum() and text[end - 1].isalnum():
        end += 1
    return start, end


def tag_spans(path: np.ndarray, offsets: np.ndarray, text: str) -> list[Offsets]:
    """Character spans of the B/I runs of one role's tag path."""
    spans: list[Offsets] = []
    start = None
    for i, tag in enumerate([*path.tolist(), OUTSIDE]):
        if start is not None and tag != INSIDE:
            spans.append(_snap(text, int(offsets[start, 0]), int(offsets[i - 1, 1])))
            start = None
        if tag == BEGIN:
            start = i
    return spans


def split_lines(spans: list[Offsets], text: str) -> list[Offsets]:
    """Cut spans at line breaks, dropping blank pieces.

    The subword tokenizer does not see line breaks, so a source can run from a
    headline into the first line ("Harbor News\nMayor Lena Ortega"); sources and
    cues never cross lines.
    """
    pieces: list[Offsets] = []
    for start, end in spans:
        for line in re.finditer(r"[^\n]+", text[start:end]):
            piece = text[start + line.start() : start + line.end()]
            if piece.strip():
                lead = len(piece) - len(piece.lstrip())
                trail = len(piece) - len(piece.rstrip())
                pieces.append((start + line.start() + lead, start + line.end() - trail))
    return pieces


_ONE_LINE_ROLES = ("source", "cue")


def decode_role(
    log_probs: np.ndarray, offsets: np.ndarray, text: str, role: str, continuation: float = 0.0
) -> list[Offsets]:
    """Spans of one role from its (n, 3) log-probabilities."""
    spans = tag_spans(viterbi(log_probs, continuation), offsets, text)
    return split_lines(spans, text) if role in _ONE_LINE_ROLES else spans


def decode_spans(
    log_probs: np.ndarray, offsets: np.ndarray, text: str, continuation: dict[str, float] | None = None
) -> dict[str, list[Offsets]]:
    """Spans of every role from (n, roles, 3) log-probabilities."""
    continuation = continuation or {}
    spans = {
        role: decode_role(log_probs[:, r], offsets, text, role, continuation.get(role, 0.0))
        for r, role in enumerate(ATTRIBUTION_ROLES)
    }
    return add_mark_cues(spans, text)


_SOURCE_THEN_CONTENT = re.compile(r"[^\S\n]*[:\u2015\u2014\u2013][^\S\n]*[\"\u201c]?")
_CONTENT_THEN_SOURCE = re.compile(r"[\"\u201d]?[^\S\n]*[\u2015\u2014\u2013][^\S\n]*")


def add_mark_cues(spans: dict[str, list[Offsets]], text: str) -> dict[str, list[Offsets]]:
    """A colon or a dash that is all that stands between a source and a content is their cue.

    A transcript's "WALLACE: Let's start …" and a quote signed "“…” ― Name" are
    attributions whose cue is one mark, which a subword tagger rarely tags; the
    source and the content around it it does tag.
    """
    cues = list(spans["cue"])
    for start, end in spans["source"]:
        if any(_overlaps((start, end), cue) for cue in cues):
            continue
        after = _SOURCE_THEN_CONTENT.match(text, end)
        if after and any(c[0] in (after.end(), after.end() - 1) for c in spans["content"]):
            mark = end + len(after.group(0)) - len(after.group(0).lstrip())
            cues.append((mark, mark + 1))
            continue
        for c_start, c_end in spans["content"]:
            between = text[c_end:start]
            if c_end <= start and _CONTENT_THEN_SOURCE.fullmatch(between):
                mark = c_end + next(i for i, ch in enumerate(between) if ch in "\u2015\u2014\u2013")
                cues.append((mark, mark + 1))
                break
    return {**spans, "cue": sorted(set(cues))} if len(cues) > len(spans["cue"]) else spans


def span_confidence(log_probs: np.ndarray, offsets: np.ndarray, span: Offsets) -> float:
    """Mean probability the tagger gave the tags of `span` (B on its first subword, I on the rest)."""
    inside = np.nonzero((offsets[:, 0] >= span[0]) & (offsets[:, 1] <= span[1]))[0]
    if len(inside) == 0:
        return 0.0
    probs = np.exp(log_probs[inside])
    return float(np.mean([probs[0, BEGIN], *probs[1:, INSIDE]]))


def _gap(a: Offsets, b: Offsets) -> int:
    return max(0, a[0] - b[1], b[0] - a[1])


def _overlaps(a: Offsets, b: Offsets) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _only_glue(text: str, between: Offsets, parts: Sequence[Offsets]) -> bool:
    """Whether `between` holds nothing but `parts` (cue, source) and punctuation."""
    kept = [
        ch for i, ch in enumerate(text[between[0] : between[1]], start=between[0])
        if not any(start <= i < end for start, end in parts)
    ]
    return not any(ch.isalnum() for ch in kept)


def link_relations(
    spans: dict[str, list[Offsets]], sentence_starts: Sequence[int], text: str, *, attach_unlinked: bool = True
) -> list[SpanRelation]:
    """Group decoded spans into relations around each cue.

    `sentence_starts` are the sorted character offsets where sentences begin.
    Each cue takes a content: one in its own sentence before one outside it,
    then the nearest, and one no other cue has taken before one already taken
    (pairs are made greedily, best first). A source must share its cue's
    sentence. A content split by its own cue ("The river, Ortega said, is
    safe") keeps both parts, as the annotation does; with `attach_unlinked`,
    any content no cue took becomes a further piece of its best cue's relation
    (`"X," he said. "Y."`), so no tagged content is lost for want of a cue.
    """

    def sentence(offset: int) -> int:
        return bisect_right(sentence_starts, offset)

    def cost(cue: Offsets, content: Offsets) -> tuple:
        apart = sentence(cue[0]) not in (sentence(content[0]), sentence(content[1] - 1))
        return apart, _gap(content, cue), content[0] < cue[0]

    candidates = {
        cue: [c for c in spans["content"] if not _overlaps(c, cue) and _gap(c, cue) <= MAX_CONTENT_GAP]
        for cue in spans["cue"]
    }
    chosen: dict[Offsets, Offsets] = {}
    taken: set[Offsets] = set()
    for _, cue, content in sorted((cost(cue, c), cue, c) for cue, cs in candidates.items() for c in cs):
        if cue not in chosen and content not in taken:
            chosen[cue] = content
            taken.add(content)
    for cue, contents in candidates.items():
        if cue not in chosen and contents:
            chosen[cue] = min(contents, key=lambda c: cost(cue, c))

    relations = []
    for cue in spans["cue"]:
        if cue not in chosen:
            continue
        content = chosen[cue]
        sources = [
            s for s in spans["source"]
            if sentence(s[0]) == sentence(cue[0]) and not _overlaps(s, cue) and not _overlaps(s, content)
        ]
        source = min(sources, key=lambda s: _gap(s, cue), default=None)
        parts = (content,)
        after = content[0] >= cue[1]
        others = [
            c for c in candidates[cue]
            if (c[0] >= cue[1]) != after and sentence(c[0]) == sentence(cue[0]) == sentence(content[0])
        ]
        if others:
            first, second = sorted([content, min(others, key=lambda c: _gap(c, cue))])
            if _only_glue(text, (first[1], second[0]), [cue, *([source] if source else [])]):
                parts = (first, second)
        relations.append(SpanRelation(cue=(cue,), content=parts, source=(source,) if source else ()))
    if attach_unlinked:
        relations = _attach_unlinked(relations, candidates, cost, text)
    return relations


def _attach_unlinked(
    relations: list[SpanRelation], candidates: dict[Offsets, list[Offsets]], cost, text: str
) -> list[SpanRelation]:
    """Each content no relation holds becomes a further piece of the relation of its best cue.

    A quote interrupted by its cue across sentences (`"X," he said. "Y."`) is one
    content of two pieces in PolNeAR, and the tagger tags both; the cue takes the
    nearer piece, and the other would be lost. Only a cue on the content's own
    line takes it.
    """
    held = {part for relation in relations for part in relation.content}
    index = {relation.cue[0]: k for k, relation in enumerate(relations)}
    extra: dict[int, list[Offsets]] = {}
    for content in sorted({c for cs in candidates.values() for c in cs} - held):
        # Only a piece on the cue's own line: a headline is not the next paragraph's content.
        cues = [
            cue for cue, cs in candidates.items()
            if content in cs and cue in index and "\n" not in text[min(cue[1], content[1]) : max(cue[0], content[0])]
        ]
        if cues:
            best = min(cues, key=lambda cue: cost(cue, content))
            extra.setdefault(index[best], []).append(content)
    for k, pieces in extra.items():
        relation = relations[k]
        parts = tuple(sorted({*relation.content, *pieces}))
        relations[k] = SpanRelation(cue=relation.cue, content=parts, source=relation.source)
    return relations
