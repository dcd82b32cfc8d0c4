"""Counts and precision/recall/F1, shared by every scorer."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Count:
    """`hit` out of `total`; `ratio` is 0.0 when there is nothing to count."""

    hit: int
    total: int

    @property
    def ratio(self) -> float:
        return self.hit / self.total if self.total else 0.0


@dataclass(frozen=True, slots=True)
class PRF:
    """`tp` true positives out of `predicted` predictions and `gold` gold items."""

    tp: int
    predicted: int
    gold: int

    @property
    def precision(self) -> float:
        return self.tp / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return self.tp / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0
