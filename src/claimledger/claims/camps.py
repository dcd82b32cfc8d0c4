"""Camps: actors who side together across a story's contested propositions.

Framing is read per camp as well as per speaker ("claimed" for one side,
"said" for the other), so actors are split into two camps by how they agree:
each actor's net side on each contested proposition is +1 (asserts) or -1
(denies); two actors agree as much as the products of their sides add up to;
the sign of each actor's entry in the leading eigenvector of that agreement
matrix puts them in one camp or the other (the spectral answer to "split
these actors so that most agreements fall within a camp"). Actors with no
side on a contested proposition, or whose entry is zero, are in no camp.

The camps are named by their side on the *pivot*, the contested proposition
with the most actors on both sides: "support" or "deny" (`camp_name` reads
"for “Iran supplied drones to Russia”").
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np

from ..records import Camps, Position
from ._text import shorten

CAMP_LABEL_WORDS = 8
_SIDE = {"support": 1, "deny": -1}


def contested_propositions(positions: Sequence[Position]) -> list[str]:
    """Ids of the contested propositions, in first-seen order: those on which actors end on
    different sides (their latest stances differ) or one actor moved between sides.

    The one definition the ledger's views share: the report's overview lists
    these, and framing counts an outlet's coverage against them.
    """
    latest: dict[str, set[str]] = {}
    wavered: set[str] = set()
    for position in positions:
        if not position.timeline:
            continue
        latest.setdefault(position.proposition_id, set()).add(position.timeline[-1].stance)
        if len({point.stance for point in position.timeline}) > 1:
            wavered.add(position.proposition_id)
    return [p for p, sides in latest.items() if len(sides) >= 2 or p in wavered]


def assign_camps(positions: Sequence[Position]) -> Camps:
    """Each actor who takes a side on a contested proposition, in the "support" or "deny" camp."""
    net = _net_sides(positions)
    contested = _contested(net)
    if not contested:
        return Camps()
    actors = sorted({actor for (actor, proposition), side in net.items() if side and proposition in contested})
    column = {p: j for j, p in enumerate(contested)}
    row = {a: i for i, a in enumerate(actors)}
    sides = np.zeros((len(actors), len(contested)))
    for (actor, proposition), side in net.items():
        if actor in row and proposition in column:
            sides[row[actor], column[proposition]] = side
    _, vectors = np.linalg.eigh(sides @ sides.T)
    leading = vectors[:, -1]

    pivot = max(range(len(contested)), key=lambda j: (np.count_nonzero(sides[:, j]), -j))
    # Orient the eigenvector so that the positive camp supports the pivot.
    if float(leading @ sides[:, pivot]) < 0:
        leading = -leading
    return Camps(
        contested[pivot],
        {actor: "support" if leading[i] > 0 else "deny" for i, actor in enumerate(actors) if abs(leading[i]) > 1e-9},
    )


def _net_sides(positions: Sequence[Position]) -> dict[tuple[str, str], int]:
    """(actor, proposition) → +1 asserts, -1 denies, 0 neither on balance; in first-seen order."""
    return {(p.entity_id, p.proposition_id): _net_side(p) for p in positions}


def _contested(net: Mapping[tuple[str, str], int]) -> list[str]:
    sides: dict[str, set[int]] = {}
    for (_, proposition), side in net.items():
        if side:
            sides.setdefault(proposition, set()).add(side)
    return [p for p, found in sides.items() if found == {1, -1}]


def camp_name(side: str, pivot_label: str) -> str:
    """"for “<pivot>”" or "against “<pivot>”"."""
    word = {"support": "for", "deny": "against"}.get(side, side)
    return f"{word} \u201c{shorten(pivot_label, CAMP_LABEL_WORDS)}\u201d"


def camp_names(camps: Camps, labels: Mapping[str, str]) -> dict[str, str]:
    """Side → readable name, for the camps in `camps`."""
    label = labels.get(camps.pivot or "", camps.pivot or "")
    return {side: camp_name(side, label) for side in ("support", "deny")}


def _net_side(position: Position) -> int:
    total = sum(_SIDE.get(point.stance, 0) for point in position.timeline)
    return (total > 0) - (total < 0)
