"""Sentence vectors kept in the ledger, so a grown corpus embeds only what is new.

`CachedEncoder` wraps any `claims.Encoder`: texts whose vector the ledger
already holds (same model, same text) are read back, the rest are encoded in
one call and written for next time. Re-analysing a ledger after adding ten
articles then costs ten articles' worth of encoding, not the whole corpus.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from typing import Any

import numpy as np

from .._memory import release_memory
from ..claims.embeddings import ENCODE_BATCH, encoder_name
from .ledger import Ledger

__all__ = ["CachedEncoder", "cache_entries", "embedding_key"]

_DTYPE = np.dtype("<f4")


def embedding_key(model: str, text: str) -> str:
    """The cache key of `text` embedded by `model`."""
    return hashlib.sha256(f"{model}\x1f{text}".encode("utf-8")).hexdigest()[:40]


def cache_entries(model: str, texts: Sequence[str], vectors: np.ndarray) -> dict[str, bytes]:
    """`texts` embedded by `model` as the cache keeps them: key → float32 bytes."""
    rows = np.asarray(vectors, dtype=_DTYPE)
    return {embedding_key(model, text): vector.tobytes() for text, vector in zip(texts, rows)}


class CachedEncoder:
    """An encoder that reads and writes its vectors through the ledger's cache."""

    def __init__(self, encoder: Any, ledger: Ledger) -> None:
        self.encoder = encoder
        self.ledger = ledger
        self.encoded = 0  # texts that reached the encoder: what the cache did not save

    @property
    def name(self) -> str:
        return encoder_name(self.encoder)

    def encode(self, texts: Sequence[str], batch_size: int = ENCODE_BATCH) -> np.ndarray:
        if not texts:
            return self.encoder.encode(texts, batch_size=batch_size)
        keys = [embedding_key(self.name, text) for text in texts]
        stored = self.ledger.embeddings(keys)
        missing = list(dict.fromkeys(text for text, key in zip(texts, keys) if key not in stored))
        if missing:
            new = cache_entries(self.name, missing, self.encoder.encode(missing, batch_size=batch_size))
            self.ledger.add_embeddings(new)
            # torch's threads keep the activations they freed in heaps of their
            # own (250 MB after 15,000 claims); the corpus stages after this need it.
            release_memory()
            stored.update(new)
            self.encoded += len(missing)
        return np.stack([np.frombuffer(stored[key], dtype=_DTYPE) for key in keys])
