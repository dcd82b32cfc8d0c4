"""The entailment model's runtime: premises cut to fit, weights saved and loaded, probabilities out."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from claimledger.claims.entailment import (
    ENTAILMENT_LABELS,
    SHIPPED_WEIGHTS,
    EntailmentConfig,
    EntailmentModel,
    fit_premise,
)
from claimledger.errors import ConfigError


def _words(text: str) -> int:
    return len(text.split())


def test_fit_premise_keeps_a_short_premise_whole() -> None:
    premise = "The plant manager said the filters were installed. Nobody was hurt."
    assert fit_premise(premise, "The filters were installed.", _words, 50) == premise


def test_fit_premise_keeps_the_sentences_closest_to_the_hypothesis_in_order() -> None:
    premise = (
        "The weather was mild on Tuesday. Quillon Chemical Works denied any leak from its plant. "
        "Fishermen met at the harbour. Later the company admitted a small leak from the plant in February."
    )
    fitted = fit_premise(premise, "There was a leak from the Quillon plant.", _words, 25)
    assert fitted == (
        "Quillon Chemical Works denied any leak from its plant. "
        "Later the company admitted a small leak from the plant in February."
    )


def test_fit_premise_returns_one_long_sentence_for_the_tokenizer_to_cut() -> None:
    premise = "word " * 40 + "end. Short one."
    assert fit_premise(premise, "word", _words, 10).startswith("word word")


@pytest.fixture(scope="module")
def untrained(tmp_path_factory) -> Path:
    from claimledger.claims.entailment import build_network, save_weights

    folder = tmp_path_factory.mktemp("nli")
    save_weights(build_network(EntailmentConfig()), folder)
    return folder


def test_entailment_model_predicts_probabilities_per_pair(untrained: Path) -> None:
    model = EntailmentModel.load(untrained)
    statements = ["The company denied that there was a leak.", "It rained all day in Kestrel Bay, the mayor said.", "Yes."]
    propositions = ["There was a leak.", "It rained in Kestrel Bay.", "The river is clean."]
    probabilities = model.predict(statements, propositions, batch_size=2)
    assert probabilities.shape == (3, 3)
    assert np.allclose(probabilities.sum(axis=1), 1.0, atol=1e-5)
    assert model.labels == ENTAILMENT_LABELS
    # Batching and length-sorting do not change a pair's result.
    alone = model.predict(statements[1:2], propositions[1:2])
    assert np.allclose(alone[0], probabilities[1], atol=1e-5)


def test_entailment_model_handles_no_pairs_and_long_statements(untrained: Path) -> None:
    model = EntailmentModel.load(untrained)
    assert model.predict([], []).shape == (0, 3)
    long = " ".join(f"Sentence number {i} says nothing about rivers." for i in range(80)) + " The leak reached the river."
    assert model.predict([long], ["A leak reached the river."]).shape == (1, 3)


def test_entailment_model_load_names_a_missing_folder(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="E048"):
        EntailmentModel.load(tmp_path / "nowhere")


def test_entailment_config_round_trips_through_json() -> None:
    config = EntailmentConfig(trained_layers=3, lora_rank=8)
    assert EntailmentConfig.from_json(config.to_json()) == config


@pytest.mark.skipif(not (SHIPPED_WEIGHTS / "weights.safetensors").exists(), reason="no shipped entailment weights yet")
def test_entailment_model_shipped_weights_load_and_sum_to_one() -> None:
    model = EntailmentModel.load()
    probabilities = model.predict(["Officials denied that the plant leaked."], ["The plant leaked."])
    assert probabilities.shape == (1, 3)
    assert abs(float(probabilities.sum()) - 1.0) < 1e-5
