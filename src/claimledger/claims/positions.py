"""Position timelines: each actor's stances on each proposition, in order."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import TypeVar

from ..records import Position, Stance, Statement, TimelinePoint

T = TypeVar("T")


def date_key(value: str) -> tuple[str, str]:
    """Sort key of an ISO date or interval: "2022-10-01/2022-10-31" → (start, end)."""
    start, _, end = value.partition("/")
    return start, end or start


def order_by_date(items: Sequence[T], date_of: Callable[[T], str | None]) -> list[T]:
    """`items` with the dated ones sorted among themselves, undated ones kept in place.

    Undated items cannot be placed against dated ones, so they keep their
    slot; dated items are sorted (stably) into the slots dated items held.
    """
    ordered = list(items)
    slots = [i for i, item in enumerate(ordered) if date_of(item)]
    dated = sorted((ordered[i] for i in slots), key=lambda item: date_key(date_of(item) or ""))
    for slot, item in zip(slots, dated):
        ordered[slot] = item
    return ordered


def build_positions(
    statements: Sequence[Statement],
    stances: Sequence[Stance],
    entity_of: Mapping[str, str | None],
) -> list[Position]:
    """One timeline per (actor, proposition) from the non-neutral stances.

    `entity_of` maps statement id → entity id; statements with no actor have
    no position. Points are ordered by `said_at` where it is known and by the
    order of `statements` (which the caller gives in publication order)
    otherwise. A statement counts once per proposition.
    """
    by_id = {s.id: s for s in statements}
    rank = {s.id: i for i, s in enumerate(statements)}
    groups: dict[tuple[str, str], dict[str, Stance]] = {}
    for stance in stances:
        entity = entity_of.get(stance.statement_id)
        if stance.stance == "neutral" or entity is None or stance.statement_id not in by_id:
            continue
        groups.setdefault((entity, stance.proposition_id), {}).setdefault(stance.statement_id, stance)

    positions = []
    for (entity, proposition), chosen in groups.items():
        ids = sorted(chosen, key=rank.__getitem__)
        ids = order_by_date(ids, lambda sid: by_id[sid].said_at)
        timeline = [TimelinePoint(by_id[sid].said_at, chosen[sid].stance, sid) for sid in ids]
        positions.append(Position(entity, proposition, timeline))
    return positions
