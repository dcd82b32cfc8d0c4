"""Scoring stance labels: confusion, per-class and macro F1, accuracy, the FNC-1 score.

One scorer for every stance data set, so the figures `evaluate fnc1`,
`evaluate emergent` and `train stance --cross-validate` print are computed
the same way. The FNC-1 score follows the competition's scorer: 0.25 for
telling related from unrelated, 0.75 more for the exact related label; it is
reported as a share of the best possible score on the same pairs.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from rich.table import Table

from .metrics import PRF, Count

FNC_LABELS: tuple[str, ...] = ("agree", "disagree", "discuss", "unrelated")
EMERGENT_LABELS: tuple[str, ...] = ("for", "against", "observing")


@dataclass(frozen=True, slots=True)
class LabelScores:
    """A confusion matrix over `labels`: `confusion[gold][predicted]` counts pairs."""

    labels: tuple[str, ...]
    confusion: tuple[tuple[int, ...], ...]

    @property
    def per_class(self) -> dict[str, PRF]:
        return {
            label: PRF(
                tp=self.confusion[i][i],
                predicted=sum(row[i] for row in self.confusion),
                gold=sum(self.confusion[i]),
            )
            for i, label in enumerate(self.labels)
        }

    @property
    def macro_f1(self) -> float:
        return sum(prf.f1 for prf in self.per_class.values()) / len(self.labels)

    @property
    def accuracy(self) -> Count:
        return Count(sum(self.confusion[i][i] for i in range(len(self.labels))), sum(map(sum, self.confusion)))


@dataclass(frozen=True, slots=True)
class FncScores:
    """The FNC-1 score of a run and the best score possible on the same pairs."""

    labels: LabelScores
    score: float
    max_score: float

    @property
    def percent(self) -> float:
        return 100 * self.score / self.max_score if self.max_score else 0.0


def score_labels(gold: Sequence[str], predicted: Sequence[str], labels: Sequence[str]) -> LabelScores:
    """Count `predicted` against `gold`, pair by pair; both must use `labels`."""
    if len(gold) != len(predicted):
        raise ValueError(f"{len(gold)} gold labels but {len(predicted)} predictions")
    index = {label: i for i, label in enumerate(labels)}
    matrix = [[0] * len(labels) for _ in labels]
    for g, p in zip(gold, predicted):
        matrix[index[g]][index[p]] += 1
    return LabelScores(tuple(labels), tuple(tuple(row) for row in matrix))


def score_fnc(gold: Sequence[str], predicted: Sequence[str]) -> FncScores:
    """The FNC-1 competition score of `predicted` against `gold`, with its confusion matrix."""
    score = 0.0
    best = 0.0
    for g, p in zip(gold, predicted):
        related_gold, related_predicted = g != "unrelated", p != "unrelated"
        best += 1.0 if related_gold else 0.25
        if related_gold == related_predicted:
            score += 0.25
        if related_gold and g == p:
            score += 0.75
    return FncScores(score_labels(gold, predicted, FNC_LABELS), score, best)


def format_label_scores(scores: LabelScores, title: str) -> Table:
    """A Rich table: P/R/F1 and support per class, then the confusion matrix (gold rows)."""
    table = Table(title=title)
    table.add_column("gold \\ predicted", no_wrap=True)
    for label in scores.labels:
        table.add_column(label, justify="right")
    for column in ("P", "R", "F1", "gold"):
        table.add_column(column, justify="right")
    for label, row in zip(scores.labels, scores.confusion):
        prf = scores.per_class[label]
        figures = (f"{100 * v:.1f}" for v in (prf.precision, prf.recall, prf.f1))
        table.add_row(label, *(str(n) for n in row), *figures, str(prf.gold))
    return table


def summary_line(scores: LabelScores, fnc: FncScores | None = None) -> str:
    """One line of headline figures, the same wherever stance scores are printed."""
    parts = []
    if fnc is not None:
        parts.append(f"FNC score {fnc.percent:.2f}% of max ({fnc.score:.2f}/{fnc.max_score:.2f})")
    parts.append(f"accuracy {100 * scores.accuracy.ratio:.2f}% ({scores.accuracy.hit}/{scores.accuracy.total})")
    parts.append(f"macro-F1 {scores.macro_f1:.4f}")
    parts.append("F1 " + ", ".join(f"{label} {prf.f1:.3f}" for label, prf in scores.per_class.items()))
    return "; ".join(parts)
