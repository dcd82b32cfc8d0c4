"""The NLI stance backend on a tiny cross-encoder built and saved inside the test (random weights, no download)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from claimledger.claims.stance import predict_stances, stance_backends
from claimledger.claims.stance.nli import NliStance, nli_labels, nli_stance
from claimledger.errors import ConfigError
from claimledger.records import Proposition, Span, Statement

WORDS = "the ferry operator cut safety inspections minister denied said never were not it looks like".split()


def _tiny_cross_encoder(directory: Path, id2label: dict[int, str]) -> Path:
    from transformers import BertConfig, BertForSequenceClassification, BertTokenizer

    vocab = directory / "vocab.txt"
    vocab.write_text("\n".join(["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]", *WORDS]) + "\n", encoding="utf-8")
    config = BertConfig(
        vocab_size=5 + len(WORDS), hidden_size=16, num_hidden_layers=1, num_attention_heads=2,
        intermediate_size=32, max_position_embeddings=64, num_labels=3,
        id2label=id2label, label2id={v: k for k, v in id2label.items()},
    )
    BertForSequenceClassification(config).save_pretrained(directory)
    BertTokenizer(str(vocab)).save_pretrained(directory)
    return directory


@pytest.fixture(scope="module")
def tiny_nli(tmp_path_factory) -> Path:
    return _tiny_cross_encoder(
        tmp_path_factory.mktemp("nli"), {0: "contradiction", 1: "entailment", 2: "neutral"}
    )


def _pairs() -> list[tuple[Statement, Proposition]]:
    texts = ["the operator never cut inspections", "it looks like inspections were cut", "the ferry were not"]
    proposition = Proposition(id="p1", label="the ferry operator cut safety inspections")
    return [
        (Statement(id=f"s{i}", article_id="a1", content=Span(0, len(t), t), kind="indirect"), proposition)
        for i, t in enumerate(texts)
    ]


def test_a_saved_cross_encoder_gives_one_stance_per_pair(tiny_nli):
    backend = stance_backends.get("nli")(model=str(tiny_nli))
    assert backend.labels == ["contradiction", "entailment", "neutral"]
    stances = predict_stances(_pairs(), backend)
    assert len(stances) == 3
    assert all(s.method == f"nli.v1:{tiny_nli}" for s in stances)
    assert all(0.0 <= s.score <= 1.0 for s in stances)
    # The same model on the same pairs decides the same way.
    assert [s.stance for s in stances] == [s.stance for s in backend.predict(_pairs())]


def test_the_label_order_comes_from_the_model(tmp_path):
    path = _tiny_cross_encoder(tmp_path, {0: "ENTAILMENT", 1: "neutral", 2: "Contradiction"})
    assert NliStance(model=str(path)).labels == ["entailment", "neutral", "contradiction"]


def test_a_model_without_nli_labels_is_refused_unless_they_are_given(tmp_path):
    path = _tiny_cross_encoder(tmp_path, {0: "LABEL_0", 1: "LABEL_1", 2: "LABEL_2"})
    with pytest.raises(ConfigError, match="E031 .*LABEL_0"):
        NliStance(model=str(path))
    assert NliStance(model=str(path), labels="contradiction,entailment,neutral").labels[1] == "entailment"


def test_a_missing_model_fails_cleanly(tmp_path, monkeypatch):
    monkeypatch.delenv("CLAIMLEDGER_NLI_MODEL", raising=False)
    with pytest.raises(ConfigError, match="E031"):
        NliStance(model=str(tmp_path / "nowhere"))
    with pytest.raises(ConfigError, match="E031 .*CLAIMLEDGER_NLI_MODEL"):
        NliStance()


def test_nli_stance_mapping():
    labels = ["contradiction", "entailment", "neutral"]
    assert nli_stance(np.array([0.05, 0.9, 0.05]), labels, 0.2) == ("support", 0.9)
    assert nli_stance(np.array([0.8, 0.1, 0.1]), labels, 0.2)[0] == "deny"
    assert nli_stance(np.array([0.1, 0.1, 0.8]), labels, 0.2)[0] == "neutral"
    label, score = nli_stance(np.array([0.45, 0.5, 0.05]), labels, 0.2)
    assert label == "hedge" and score == pytest.approx(0.95)
    with pytest.raises(ValueError):
        nli_labels({0: "yes", 1: "no", 2: "maybe"})
