"""Builders for hand-made claim-stage inputs, shared by the tests in this folder.

Kept out of conftest.py so test modules can import them by a name no other
test folder uses.
"""

from __future__ import annotations

import re

import numpy as np

from claimledger.records import Span, Statement, statement_id


class BagOfWordsEncoder:
    """A tiny deterministic encoder for unit tests: hashed word counts."""

    def __init__(self, dim: int = 256) -> None:
        self.dim = dim

    def encode(self, texts, batch_size: int = 64) -> np.ndarray:
        rows = np.zeros((len(texts), self.dim), dtype=np.float32)
        for i, text in enumerate(texts):
            for word in re.findall(r"[a-z]+", text.lower()):
                rows[i, sum(map(ord, word)) * 7919 % self.dim] += 1.0
        norms = np.linalg.norm(rows, axis=1, keepdims=True)
        return rows / np.where(norms == 0, 1, norms)


def make_statement(
    text: str,
    content: str,
    *,
    article: str = "a1",
    speaker: str | None = None,
    cue: str | None = None,
    cue_lemma: str | None = None,
    kind: str = "indirect",
    entity: str | None = None,
    said_at: str | None = None,
    negated: bool = False,
) -> Statement:
    """A statement over a hand-written sentence `text` (the first match of each part)."""

    def span(part: str | None) -> Span | None:
        if part is None:
            return None
        start = text.index(part)
        return Span(start, start + len(part), part)

    content_span = span(content)
    speaker_span = span(speaker)
    return Statement(
        id=statement_id(article, content_span.start, content_span.end, speaker_span.start if speaker_span else -1),
        article_id=article,
        content=content_span,
        kind=kind,
        speaker=speaker_span,
        cue=span(cue),
        cue_lemma=cue_lemma,
        cue_negated=negated,
        sentence=Span(0, len(text), text),
        speaker_entity_id=entity,
        said_at=said_at,
    )
