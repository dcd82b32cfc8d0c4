"""Which camp each actor is in, read off the positions alone.

A story's camps are named after its pivot: the proposition the most actors
took a side on. An actor's camp is their latest stance on it. Actors who said
nothing about the pivot join the camp of those they agree with elsewhere (the
same stance on another proposition), or the camp opposite those they
contradict (support against deny); with no such evidence, or a tie, they stay
unaligned. Nothing here knows any story: it is arithmetic over `Position`s.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from ..records import Position

__all__ = ["CAMP_ORDER", "Camps", "actor_camps"]

#: The camps, in the order charts show them; "unaligned" is every other actor.
CAMP_ORDER: tuple[str, ...] = ("support", "deny", "hedge", "unaligned")

_OPPOSITE = {"support": "deny", "deny": "support"}


@dataclass(frozen=True)
class Camps:
    """`pivot` is the proposition the camps are named after (None without positions)."""

    pivot: str | None = None
    of: dict[str, str] = field(default_factory=dict)

    def camp(self, entity_id: str | None) -> str:
        return self.of.get(entity_id or "", "unaligned")


def latest_stances(positions: Iterable[Position]) -> dict[tuple[str, str], str]:
    """(actor, proposition) → the stance the actor took last."""
    return {(p.entity_id, p.proposition_id): p.timeline[-1].stance for p in positions if p.timeline}


def actor_camps(positions: Iterable[Position]) -> Camps:
    latest = latest_stances(positions)
    pivot = _pivot(latest)
    if pivot is None:
        return Camps()
    camps = {actor: stance for (actor, proposition), stance in latest.items() if proposition == pivot}
    by_proposition: dict[str, dict[str, str]] = {}
    for (actor, proposition), stance in latest.items():
        by_proposition.setdefault(proposition, {})[actor] = stance
    for actor in dict.fromkeys(actor for actor, _ in latest):
        if actor in camps:
            continue
        votes: Counter[str] = Counter()
        for stances in by_proposition.values():
            mine = stances.get(actor)
            for other, theirs in stances.items():
                if mine is None or other == actor or other not in camps:
                    continue
                if theirs == mine:
                    votes[camps[other]] += 1
                elif _OPPOSITE.get(theirs) == mine and camps[other] in _OPPOSITE:
                    votes[_OPPOSITE[camps[other]]] += 1
        ranked = votes.most_common(2)
        if ranked and (len(ranked) == 1 or ranked[0][1] > ranked[1][1]):
            camps[actor] = ranked[0][0]
    return Camps(pivot, camps)


def _pivot(latest: dict[tuple[str, str], str]) -> str | None:
    """The proposition with the most actors supporting or denying it; then the most
    actors with any stance; then the first seen."""
    sides: Counter[str] = Counter()
    actors: Counter[str] = Counter()
    for (_, proposition), stance in latest.items():
        actors[proposition] += 1
        sides[proposition] += stance in _OPPOSITE
    if not actors:
        return None
    # max() keeps the first of equals: ties go to the proposition seen first
    return max(actors, key=lambda p: (sides[p], actors[p]))
