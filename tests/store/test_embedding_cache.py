"""Tests for claimledger/store/embedding_cache.py and incremental re-analysis."""

from __future__ import annotations

import shutil
from pathlib import Path

import numpy as np
import pytest

from claimledger.claims import SentenceEncoder, claim_texts
from claimledger.claims.embeddings import DEFAULT_PACKAGE
from claimledger.pipeline import analyze
from claimledger.store import Ledger, ledger_to_dict
from claimledger.store.embedding_cache import CachedEncoder, embedding_key


class CountingEncoder:
    """A deterministic stand-in for the sentence encoder that counts what it is asked."""

    name = "counting"

    def __init__(self) -> None:
        self.seen: list[str] = []

    def encode(self, texts, batch_size: int = 64) -> np.ndarray:
        self.seen.extend(texts)
        vectors = np.array([[len(t), t.count(" "), 1.0] for t in texts], dtype=np.float32).reshape(-1, 3)
        return vectors / np.linalg.norm(vectors, axis=1, keepdims=True).clip(1e-9)


def test_cached_encoder_encodes_each_text_once(db_path: Path):
    inner = CountingEncoder()
    with Ledger.open(db_path) as ledger:
        first = CachedEncoder(inner, ledger).encode(["Iran denies it", "Blinken says so", "Iran denies it"])
    with Ledger.open(db_path) as ledger:  # a later run: the vectors come from the ledger
        cached = CachedEncoder(inner, ledger)
        again = cached.encode(["Blinken says so", "Iran denies it", "A new claim here"])
    assert inner.seen == ["Iran denies it", "Blinken says so", "A new claim here"]
    assert cached.encoded == 1
    np.testing.assert_array_equal(again[:2], first[[1, 0]])
    assert again.dtype == np.float32 and again.shape == (3, 3)


def test_cached_encoder_empty_input(db_path: Path):
    with Ledger.open(db_path) as ledger:
        assert CachedEncoder(CountingEncoder(), ledger).encode([]).shape == (0, 3)


def test_adding_an_article_gives_the_ledger_a_full_rebuild_gives(tmp_path: Path, examples_dir: Path):
    story = examples_dir / "harbor-story"
    first_three = tmp_path / "three"
    shutil.copytree(story, first_three, ignore=shutil.ignore_patterns("04-*"))
    grown, rebuilt = tmp_path / "grown.db", tmp_path / "rebuilt.db"
    analyze([str(first_three)], str(grown), attribution="rules")
    with Ledger.open(grown) as ledger:
        cached_before = ledger.count("embeddings")
    added = analyze([str(story)], str(grown), attribution="rules")
    assert (added.added, added.already_known) == (1, 3)
    analyze([str(story)], str(rebuilt), attribution="rules")
    with Ledger.open(grown) as a, Ledger.open(rebuilt) as b:
        assert cached_before < a.count("embeddings") == b.count("embeddings")
        grown_export, rebuilt_export = ledger_to_dict(a), ledger_to_dict(b)
    for article in (*grown_export["articles"], *rebuilt_export["articles"]):
        del article["source"]  # the first three were read from the copy
    for table in ("articles", "statements", "entities", "propositions", "stances", "contradictions", "framing"):
        assert grown_export[table] == rebuilt_export[table], table


@pytest.mark.parametrize("workers", [1, 2])
def test_claims_are_embedded_with_their_articles_so_the_corpus_stages_encode_none(
    workers: int, tmp_path: Path, examples_dir: Path, monkeypatch: pytest.MonkeyPatch
):
    """The claims' vectors are made where the per-article stages run (here, or
    in worker processes) and reach the ledger with their articles."""
    encoded_by_corpus_stages: list[int] = []
    encode = CachedEncoder.encode

    def counting(self: CachedEncoder, texts, batch_size: int = 32):
        vectors = encode(self, texts, batch_size)
        encoded_by_corpus_stages.append(self.encoded)
        return vectors

    monkeypatch.setattr(CachedEncoder, "encode", counting)
    db = tmp_path / "story.db"
    analyze([str(examples_dir / "harbor-story")], str(db), attribution="rules", workers=workers)
    assert encoded_by_corpus_stages and encoded_by_corpus_stages[-1] == 0
    with Ledger.open(db) as ledger:
        texts = claim_texts(ledger.statements())
        stored = ledger.embeddings(embedding_key(DEFAULT_PACKAGE, text) for text in texts)
    assert texts and len(stored) == len(set(texts))
    vectors = np.stack([np.frombuffer(stored[embedding_key(DEFAULT_PACKAGE, text)], dtype="<f4") for text in texts])
    np.testing.assert_allclose(vectors, SentenceEncoder().encode(texts), atol=1e-4)
