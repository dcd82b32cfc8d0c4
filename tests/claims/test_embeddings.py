"""Tests for claimledger/claims/embeddings.py (loads the shipped MiniLM)."""

from __future__ import annotations

import pickle

import numpy as np
import pytest

from claimledger.claims.embeddings import SentenceEncoder
from claimledger.errors import ConfigError


def test_encoder_rows_are_normalised_and_paraphrases_close(minilm):
    vectors = minilm.encode(
        ["The council sold the harbour.", "The harbour was sold by the council.", "Rain is expected on Sunday."]
    )
    assert vectors.shape == (3, 384) and vectors.dtype == np.float32
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)
    assert vectors[0] @ vectors[1] > vectors[0] @ vectors[2] + 0.3


def test_encoder_empty_input(minilm):
    assert minilm.encode([]).shape == (0, 384)


def test_encoder_pickles_without_its_model(minilm):
    minilm.encode(["warm"])
    clone = pickle.loads(pickle.dumps(minilm))
    assert clone._model is None and clone.model is None


def test_encoder_bad_path_raises_config_error(tmp_path):
    with pytest.raises(ConfigError, match="E031"):
        SentenceEncoder(str(tmp_path / "no-such-model")).encode(["x"])
