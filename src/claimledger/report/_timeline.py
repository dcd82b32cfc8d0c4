"""Where each stance goes on an actor's timeline, as percentages of its width.

Every lane (one actor, one proposition) shares one date axis, from the
story's first to its last date, so lanes can be read against each other. A
point without a date keeps its place in the ledger's order: it goes just after
the point before it, and is drawn as undated.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date

from ..records import Contradiction, Position

__all__ = ["Axis", "Lane", "Mark", "ReversalMark", "lanes", "parse_when"]

_LEFT, _RIGHT = 3.0, 97.0  # the axis's ends, in percent of the track, so symbols fit
_GAP = 10.0  # the least distance between two points of a lane, so that they never overlap on a phone


def parse_when(value: str | None) -> date | None:
    """The first day of an ISO date, month, year or interval ("2022-10-01/2022-10-31")."""
    if not value:
        return None
    head = value.split("/", 1)[0].strip()
    for text in (head[:10], head[:7] + "-01", head[:4] + "-01-01"):
        try:
            return date.fromisoformat(text)
        except ValueError:
            continue
    return None


@dataclass(frozen=True)
class Axis:
    start: date | None
    end: date | None

    @classmethod
    def spanning(cls, days: Iterable[date | None]) -> Axis:
        known = sorted(d for d in days if d is not None)
        return cls(known[0], known[-1]) if known else cls(None, None)

    def x(self, day: date) -> float:
        if self.start is None or self.end is None or self.end == self.start:
            return 50.0
        fraction = (day - self.start).days / (self.end - self.start).days
        return _LEFT + (_RIGHT - _LEFT) * fraction


@dataclass(frozen=True)
class Mark:
    """One stance on the track: `x` in percent; `when` as shown ('' when undated)."""

    x: float
    stance: str
    statement_id: str
    when: str
    dated: bool


@dataclass(frozen=True)
class ReversalMark:
    """A reversal between two marks of a lane; `index` is the contradiction's."""

    start: float
    end: float
    index: int

    @property
    def width(self) -> float:
        return max(self.end - self.start, 1.0)


@dataclass
class Lane:
    entity_id: str
    proposition_id: str
    marks: list[Mark] = field(default_factory=list)
    reversals: list[ReversalMark] = field(default_factory=list)


def lanes(
    positions: Sequence[Position],
    when: Callable[[str], str],
    contradictions: Sequence[Contradiction],
) -> tuple[Axis, list[Lane]]:
    """The axis and one lane per position; `when` gives a statement's date (ISO or '')."""
    axis = Axis.spanning(parse_when(when(p.statement_id)) for pos in positions for p in pos.timeline)
    result = []
    for position in positions:
        lane = Lane(position.entity_id, position.proposition_id)
        shown = [when(point.statement_id) for point in position.timeline]
        days = [parse_when(text) for text in shown]
        wanted, previous = [], None
        for day in days:  # an undated point goes where the one before it is
            previous = axis.x(day) if day else (previous if previous is not None else _LEFT)
            wanted.append(previous)
        for point, x, text, day in zip(position.timeline, _spread(wanted), shown, days):
            lane.marks.append(Mark(round(x, 2), point.stance, point.statement_id, text, day is not None))
        lane.reversals = _reversals(lane.marks, contradictions)
        result.append(lane)
    return axis, result


def _spread(xs: Sequence[float]) -> list[float]:
    """`xs` (in timeline order) pushed apart to at least a gap each, within the track."""
    if not xs:
        return []
    gap = min(_GAP, (_RIGHT - _LEFT) / max(len(xs) - 1, 1))
    placed: list[float] = []
    for x in xs:  # left to right: each at least a gap after the one before
        placed.append(max(x, placed[-1] + gap) if placed else x)
    placed[-1] = min(placed[-1], _RIGHT)
    for i in range(len(placed) - 2, -1, -1):  # right to left: back inside the track, moving as little as needed
        placed[i] = min(placed[i], placed[i + 1] - gap)
    return placed


def _reversals(marks: Sequence[Mark], contradictions: Sequence[Contradiction]) -> list[ReversalMark]:
    at: Mapping[str, float] = {m.statement_id: m.x for m in marks}
    found = []
    for i, c in enumerate(contradictions):
        if c.kind == "reversal" and c.statement_a in at and c.statement_b in at:
            a, b = sorted((at[c.statement_a], at[c.statement_b]))
            found.append(ReversalMark(a, b, i))
    return found
