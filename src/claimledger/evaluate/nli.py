"""Scoring the entailment model on a shared set: accuracy, per-class P/R/F1, confusion.

Three-way gold (entails / contradicts / neither) is scored on the three
classes. The pairs of a part labelled entailed / not entailed only
(`NLIPair.binary`: rte, megaveridicality, negation-nli's RTE file) are scored
on two classes, entails against not_entails, where a prediction of
contradicts or neither counts as not_entails. A set with both kinds
(negation-nli) gets both tables; its accuracy counts every pair.

The counting is `evaluate.stances.score_labels` over `evaluate.metrics`, the
same as `evaluate fnc1` and `evaluate emergent`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from ..datasets import NLI_LABELS, NOT_ENTAILS, WHOLE_ONLY, NLIPair, read_pairs
from .metrics import Count
from .stances import LabelScores, format_label_scores, score_labels

__all__ = ["NliScores", "default_split", "evaluate_nli", "score_nli"]

BINARY_LABELS: tuple[str, ...] = ("entails", NOT_ENTAILS)


def _binary(label: str) -> str:
    return "entails" if label == "entails" else NOT_ENTAILS


def _right(gold: str, predicted: str) -> bool:
    return gold == predicted or (gold == NOT_ENTAILS and predicted != "entails")


@dataclass(frozen=True, slots=True)
class NliScores:
    """The scores of one set.

    `three_way`: over the pairs with three-way gold; `binary`: entails against
    not_entails over the pairs of binary parts; `accuracy`: every pair, a
    not_entails gold matched by either of its labels.
    """

    dataset: str
    split: str
    accuracy: Count
    three_way: LabelScores | None
    binary: LabelScores | None

    def tables(self, title: str) -> list:
        tables = []
        if self.three_way is not None:
            tables.append(format_label_scores(self.three_way, f"{title}: three-way gold"))
        if self.binary is not None:
            tables.append(format_label_scores(self.binary, f"{title}: binary gold (contradicts, neither = not_entails)"))
        return tables

    def summary(self) -> str:
        parts = [f"accuracy {100 * self.accuracy.ratio:.2f}% ({self.accuracy.hit}/{self.accuracy.total})"]
        for name, scores in (("three-way", self.three_way), ("binary", self.binary)):
            if scores is not None:
                f1 = ", ".join(f"{label} {prf.f1:.3f}" for label, prf in scores.per_class.items())
                parts.append(f"{name}: accuracy {100 * scores.accuracy.ratio:.2f}%, macro-F1 {scores.macro_f1:.4f}, F1 {f1}")
        return "; ".join(parts)


def score_nli(
    gold: Sequence[str], predicted: Sequence[str], dataset: str = "", split: str = "",
    binary: Sequence[bool] | None = None,
) -> NliScores:
    """`predicted` (ENTAILMENT_LABELS) against `gold` (the same, or not_entails), pair by pair.

    `binary` marks the pairs of a part labelled entailed / not entailed only
    (`NLIPair.binary`); without it, a pair is binary when its gold is not_entails.
    """
    if len(gold) != len(predicted):
        raise ValueError(f"{len(gold)} gold labels but {len(predicted)} predictions")
    if binary is None:
        binary = [g == NOT_ENTAILS for g in gold]
    accuracy = Count(sum(_right(g, p) for g, p in zip(gold, predicted)), len(gold))
    three = [(g, p) for g, p, b in zip(gold, predicted, binary) if not b]
    two = [(g, p) for g, p, b in zip(gold, predicted, binary) if b]
    three_way = score_labels([g for g, _ in three], [p for _, p in three], NLI_LABELS) if three else None
    two_way = score_labels([_binary(g) for g, _ in two], [_binary(p) for _, p in two], BINARY_LABELS) if two else None
    return NliScores(dataset, split, accuracy, three_way, two_way)


def default_split(name: str) -> str:
    """heldout, or all for a set that is evaluated whole (anli-dev-EVAL-ONLY)."""
    return "all" if name in WHOLE_ONLY else "heldout"


def evaluate_nli(
    name: str,
    split: str | None = None,
    *,
    model: str | Path | None = None,
    root: str | Path | None = None,
    device: str = "cpu",
    batch_size: int = 32,
    limit: int | None = None,
    progress: Callable[[int], None] | None = None,
) -> tuple[NliScores, list[NLIPair], np.ndarray]:
    """Score the entailment model (`model` folder, default the shipped one) on `split` of set `name`.

    Returns the scores, the pairs and their (n, 3) probabilities.
    """
    from ..claims.entailment import EntailmentModel

    split = split or default_split(name)
    pairs = list(read_pairs(name, split, root))  # type: ignore[arg-type]
    if limit is not None:
        pairs = pairs[:limit]
    loaded = EntailmentModel.load(model, device=device)
    chunks = []
    step = max(batch_size * 8, 256)
    for start in range(0, len(pairs), step):
        part = pairs[start : start + step]
        chunks.append(loaded.predict([p.premise for p in part], [p.hypothesis for p in part], batch_size))
        if progress is not None:
            progress(len(part))
    probabilities = np.vstack(chunks) if chunks else np.zeros((0, len(loaded.labels)), np.float32)
    predicted = [loaded.labels[i] for i in probabilities.argmax(1)] if len(pairs) else []
    scores = score_nli([p.label for p in pairs], predicted, name, split, [p.binary for p in pairs])
    return scores, pairs, probabilities
