"""The stance reader: LoRA adapters over the shipped encoder, trained here on sentences of our own."""

from __future__ import annotations

import numpy as np
import pytest

from claimledger.claims.stance.classifier import StanceClassifier, TextPair, mix_reader
from claimledger.claims.stance.reader import READER_FILE, READER_LABELS, PairReader, is_short
from claimledger.claims.stance.train import Hyperparameters, fit_reader
from claimledger.errors import ConfigError

CLAIM = "The ferry operator cut safety inspections to save money"
# Three ways a headline can stand to the claim, each said in four different ways.
EXAMPLES = {
    "agree": [
        "Ferry operator cut safety checks to save cash",
        "Audit confirms ferry firm slashed inspections to cut costs",
        "Yes, the ferry company really did cut its safety inspections",
        "Ferry operator admits cutting inspections to save money",
    ],
    "disagree": [
        "Ferry operator did not cut safety inspections, audit finds",
        "No, the ferry firm never slashed its safety checks",
        "Claims that ferry inspections were cut are false",
        "Ferry company denies cutting safety inspections",
    ],
    "discuss": [
        "Report: ferry operator may have cut safety inspections",
        "Union alleges ferry firm cut safety checks",
        "Ferry operator reportedly cut inspections, sources say",
        "Was the ferry firm cutting safety inspections? Questions grow",
    ],
}


@pytest.fixture(scope="module")
def trained() -> PairReader:
    pairs = [TextPair(CLAIM, text) for texts in EXAMPLES.values() for text in texts]
    labels = [label for label, texts in EXAMPLES.items() for _ in texts]
    settings = Hyperparameters(reader_rank=4, reader_epochs=12, reader_learning_rate=2e-3, reader_batch_size=4)
    return fit_reader(pairs, labels, settings)


def test_the_reader_learns_the_pairs_it_is_trained_on(trained):
    pairs = [TextPair(CLAIM, text) for texts in EXAMPLES.values() for text in texts]
    probabilities = trained.probabilities(pairs)
    assert probabilities.shape == (12, 3)
    assert np.allclose(probabilities.sum(axis=1), 1.0, atol=1e-5)
    predicted = [READER_LABELS[i] for i in probabilities.argmax(axis=1)]
    wanted = [label for label, texts in EXAMPLES.items() for _ in texts]
    assert sum(p == w for p, w in zip(predicted, wanted)) >= 10


def test_only_the_adapters_and_the_head_are_saved_and_they_load_back(trained, tmp_path):
    trained.save(tmp_path)
    saved = tmp_path / READER_FILE
    # rank-4 adapters on 6 layers and a 3-way head: far below the 90 MB encoder
    assert saved.stat().st_size < 2_000_000
    loaded = PairReader.load(tmp_path, trained.config)
    pairs = [TextPair(CLAIM, EXAMPLES["disagree"][0]), TextPair(CLAIM, EXAMPLES["discuss"][1])]
    assert np.allclose(loaded.probabilities(pairs), trained.probabilities(pairs), atol=1e-5)


def test_a_reader_file_that_does_not_fit_gives_e054(trained, tmp_path):
    (tmp_path / READER_FILE).write_bytes(b"not a safetensors file")
    with pytest.raises(ConfigError, match="E054 .*reader.safetensors"):
        PairReader.load(tmp_path, trained.config)
    trained.save(tmp_path)
    bigger = type(trained.config)(rank=8, alpha=16)
    with pytest.raises(ConfigError, match="E054 .*reader.safetensors"):
        PairReader.load(tmp_path, bigger)


def test_headlines_and_statements_are_short_articles_are_not():
    assert is_short("Ferry operator cut safety checks to save cash")
    assert is_short("The minister denied that the operator cut inspections. He called it a smear.")
    article = " ".join(f"Sentence number {n} of the article says something." for n in range(8))
    assert not is_short(article)


def test_mixing_keeps_the_unrelated_share_and_splits_the_rest():
    stages = np.array([[0.6, 0.1, 0.1, 0.2], [0.1, 0.1, 0.1, 0.7]])
    read = np.array([[0.0, 1.0, 0.0], [1.0, 0.0, 0.0]])
    mixed = mix_reader(stages, read, 0.5)
    assert mixed[:, 3].tolist() == stages[:, 3].tolist()
    assert np.allclose(mixed.sum(axis=1), 1.0)
    assert mixed[0, :3] == pytest.approx(0.8 * np.array([0.375, 0.5625, 0.0625]))
    assert np.allclose(mix_reader(stages, read, np.array([[0.0], [0.0]])), stages)


def test_the_shipped_model_carries_a_reader_with_its_weight():
    shipped = StanceClassifier.load()
    assert shipped.reader is not None
    assert 0.0 <= shipped.config["reader"]["weight"] <= 1.0
    assert shipped.config["reader"]["trained_on"]["emergent_pairs"] > 1_000
