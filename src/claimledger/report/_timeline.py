"""Where each stance goes on an actor's timeline, as percentages of its width.

Every lane (one actor, one proposition) shares one date axis, from the
story's first to its last date, labelled with ticks at a round interval (days,
weeks, half-months, months, years), so lanes can be read against each other.
A point goes where its date is: statements of one day share a place, and
points that would overlap stack upwards (`Mark.level`) rather than move
sideways to dates they were not said on. A point without a date goes where
the point before it is, one level up, and is drawn as undated; in a lane with
no date at all, the points are spaced out in the ledger's order.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

from ..records import Contradiction, Position

__all__ = ["Axis", "Lane", "Mark", "ReversalMark", "Tick", "lanes", "parse_when"]

_LEFT, _RIGHT = 3.0, 97.0  # the axis's ends, in percent of the track, so symbols fit
_GAP = 10.0  # points of one level at least this far apart, so that they never overlap on a phone
_MAX_TICKS = 5  # labels that fit side by side on a phone
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


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
class Tick:
    """A labelled date on the axis; `align` says which end of the label is at `x`
    ("start", "middle" or "end"), so labels near the ends stay inside the track."""

    x: float
    label: str
    align: str


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

    def ticks(self) -> list[Tick]:
        """At most five labelled dates, at the finest round interval that gives no more;
        the year is written on the first label and where it changes."""
        if self.start is None or self.end is None:
            return []
        for unit, every in _STEPS:
            days = _tick_days(self.start, self.end, unit, every)
            if len(days) <= _MAX_TICKS:
                break
        ticks, year = [], None
        for day in days:
            x = round(self.x(day), 2)
            label = _tick_label(day, unit, with_year=day.year != year)
            ticks.append(Tick(x, label, "start" if x < 10 else "end" if x > 90 else "middle"))
            year = day.year
        return ticks


# Tick intervals, the finest first: (unit, how many of it).
_STEPS = (
    ("day", 1), ("day", 2), ("week", 1), ("half-month", 1), ("week", 2),
    ("month", 1), ("month", 2), ("month", 3), ("month", 6),
    *(("year", n) for n in (1, 2, 5, 10, 20, 50, 100, 200, 500, 1000)),
)


def _tick_days(start: date, end: date, unit: str, every: int) -> list[date]:
    """The round dates from `start` to `end`: every day (or other day), Monday,
    1st and 15th, first of a month (of every 2nd, 3rd, 6th month) or New Year."""
    if unit in ("day", "week"):
        first = start if unit == "day" else start + timedelta(days=-start.weekday() % 7)
        step = timedelta(days=every * (7 if unit == "week" else 1))
        return [first + step * i for i in range((end - first) // step + 1)] if first <= end else []
    if unit == "year":
        return [date(y, 1, 1) for y in range(start.year, end.year + 1) if y % every == 0 and start <= date(y, 1, 1)]
    days = []
    for month in range(start.year * 12 + start.month - 1, end.year * 12 + end.month):
        y, m = divmod(month, 12)
        if m % every == 0:
            days += [date(y, m + 1, d) for d in ((1, 15) if unit == "half-month" else (1,))]
    return [d for d in days if start <= d <= end]


def _tick_label(day: date, unit: str, with_year: bool) -> str:
    """ "3 Feb" (with " 2025" where the year is new), "Feb 2025", or "2025"."""
    if unit == "year":
        return str(day.year)
    label = _MONTHS[day.month - 1] if unit == "month" else f"{day.day} {_MONTHS[day.month - 1]}"
    return f"{label} {day.year}" if with_year else label


@dataclass(frozen=True)
class Mark:
    """One stance on the track: `x` in percent; `when` as shown ('' when undated);
    `level` counts the points stacked under it (0: on the axis)."""

    x: float
    stance: str
    statement_id: str
    when: str
    dated: bool
    level: int = 0


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

    @property
    def levels(self) -> int:
        """How many points high the lane's tallest stack is."""
        return max((mark.level for mark in self.marks), default=0) + 1


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
        if any(days):
            xs, previous = [], _LEFT
            for day in days:  # an undated point goes where the one before it is
                previous = axis.x(day) if day else previous
                xs.append(previous)
        else:
            xs = _in_order(len(days))
        for point, x, level, text, day in zip(position.timeline, xs, _levels(xs), shown, days):
            lane.marks.append(Mark(round(x, 2), point.stance, point.statement_id, text, day is not None, level))
        lane.reversals = _reversals(lane.marks, contradictions)
        result.append(lane)
    return axis, result


def _in_order(n: int) -> list[float]:
    """Places for `n` undated points, in order from the left, a gap apart where they fit."""
    gap = min(_GAP, (_RIGHT - _LEFT) / max(n - 1, 1))
    return [_LEFT + gap * i for i in range(n)]


def _levels(xs: Sequence[float]) -> list[int]:
    """The level of each of `xs` (in timeline order): the lowest with no point nearer than a gap."""
    rows: list[list[float]] = []
    levels = []
    for x in xs:
        level = next((i for i, row in enumerate(rows) if all(abs(x - other) >= _GAP for other in row)), len(rows))
        if level == len(rows):
            rows.append([])
        rows[level].append(x)
        levels.append(level)
    return levels


def _reversals(marks: Sequence[Mark], contradictions: Sequence[Contradiction]) -> list[ReversalMark]:
    at: Mapping[str, float] = {m.statement_id: m.x for m in marks}
    found = []
    for i, c in enumerate(contradictions):
        if c.kind == "reversal" and c.statement_a in at and c.statement_b in at:
            a, b = sorted((at[c.statement_a], at[c.statement_b]))
            found.append(ReversalMark(a, b, i))
    return found
