"""From tag scores to spans, and from spans to relations.

Decoding is a Viterbi search per role over O/B/I log-probabilities in which
"I" may only follow "B" or "I", so a span is never opened by an "I"; argmax
decoding fragments long contents. Span ends are snapped to whole words,
because a subword tagger may stop inside one, and sources and cues are cut at
line breaks, which the subword tokenizer never sees.

Relations are built around cues: each cue takes the nearest content that does
not overlap it (most contents follow their cue; "…, he said" precedes it) and
the nearest source in the same sentence.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence

import numpy as np

from ..evaluate.polnear import ROLES, Offsets, SpanRelation
from .encoding import BEGIN, INSIDE, OUTSIDE

_NEG = -1e9
# transition[previous, next]: 0 when allowed, _NEG when "I" would open a span.
_TRANSITIONS = np.zeros((3, 3))
_TRANSITIONS[OUTSIDE, INSIDE] = _NEG
_START = np.array([0.0, 0.0, _NEG])

MAX_CONTENT_GAP = 250
"""Characters a content may lie from its cue and still be its content."""


def viterbi(log_probs: np.ndarray) -> np.ndarray:
    """Best valid O/B/I path for one role; `log_probs` is (n, 3)."""
    n = len(log_probs)
    if n == 0:
        return np.zeros(0, dtype=np.int64)
    back = np.zeros((n, 3), dtype=np.int64)
    score = _START + log_probs[0]
    for i in range(1, n):
        candidates = score[:, None] + _TRANSITIONS
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


def decode_spans(log_probs: np.ndarray, offsets: np.ndarray, text: str) -> dict[str, list[Offsets]]:
    """Spans of every role from (n, roles, 3) log-probabilities."""
    spans = {role: tag_spans(viterbi(log_probs[:, r]), offsets, text) for r, role in enumerate(ROLES)}
    for role in ("source", "cue"):
        spans[role] = split_lines(spans[role], text)
    return spans


def _gap(a: Offsets, b: Offsets) -> int:
    return max(0, a[0] - b[1], b[0] - a[1])


def _overlaps(a: Offsets, b: Offsets) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def link_relations(spans: dict[str, list[Offsets]], sentence_starts: Sequence[int]) -> list[SpanRelation]:
    """Group decoded spans into relations around each cue.

    `sentence_starts` are the sorted character offsets where sentences begin;
    a source must share its cue's sentence, a content may run across sentences.
    """

    def sentence(span: Offsets) -> int:
        return bisect_right(sentence_starts, span[0])

    relations = []
    for cue in spans["cue"]:
        contents = [c for c in spans["content"] if not _overlaps(c, cue) and _gap(c, cue) <= MAX_CONTENT_GAP]
        if not contents:
            continue
        # Nearest first; at equal distance the content after the cue.
        content = min(contents, key=lambda c: (_gap(c, cue), c[0] < cue[0]))
        sources = [
            s for s in spans["source"]
            if sentence(s) == sentence(cue) and not _overlaps(s, cue) and not _overlaps(s, content)
        ]
        source = min(sources, key=lambda s: _gap(s, cue), default=None)
        relations.append(SpanRelation(cue=(cue,), content=(content,), source=(source,) if source else ()))
    return relations
