"""Scoring entailment predictions: three-way and binary gold, accuracy over both."""

from __future__ import annotations

import pytest

from claimledger.evaluate.nli import default_split, score_nli


def test_score_nli_three_way_counts_confusion_and_f1() -> None:
    gold = ["entails", "contradicts", "neither", "entails"]
    predicted = ["entails", "neither", "neither", "contradicts"]
    scores = score_nli(gold, predicted)
    assert scores.binary is None
    assert scores.accuracy.hit == 2 and scores.accuracy.total == 4
    assert scores.three_way.confusion == ((1, 1, 0), (0, 0, 1), (0, 0, 1))
    assert scores.three_way.per_class["neither"].precision == pytest.approx(0.5)
    assert "macro-F1" in scores.summary()


def test_score_nli_binary_gold_accepts_either_negative() -> None:
    gold = ["not_entails", "not_entails", "entails", "contradicts"]
    predicted = ["contradicts", "neither", "entails", "entails"]
    scores = score_nli(gold, predicted, binary=[True, True, True, False])
    assert scores.accuracy.hit == 3
    assert scores.binary.labels == ("entails", "not_entails")
    assert scores.binary.confusion == ((1, 0), (0, 2))
    assert scores.three_way.accuracy.total == 1


def test_score_nli_without_binary_marks_treats_not_entails_as_binary() -> None:
    scores = score_nli(["not_entails", "entails"], ["neither", "entails"])
    assert scores.binary.accuracy.total == 1 and scores.three_way.accuracy.total == 1


def test_score_nli_only_binary_gold_has_no_three_way_table() -> None:
    scores = score_nli(["not_entails", "entails"], ["entails", "entails"], binary=[True, True])
    assert scores.three_way is None
    assert len(scores.tables("rte")) == 1


def test_score_nli_rejects_unequal_lengths() -> None:
    with pytest.raises(ValueError):
        score_nli(["entails"], [])


def test_default_split_scores_anli_whole() -> None:
    assert default_split("anli-dev-EVAL-ONLY") == "all"
    assert default_split("snli-devtest") == "heldout"
