"""Camps: actors who side together across a story's contested propositions.

Framing is read per camp as well as per speaker ("claimed" for one side,
"said" for the other), so actors are split into two camps by how they agree:
each actor's net side on each contested proposition is +1 (asserts) or -1
(denies); two actors agree as much as the products of their sides add up to;
the sign of each actor's entry in the leading eigenvector of that agreement
matrix puts them in one camp or the other (the spectral answer to "split
these actors so that most agreements fall within a camp"). Actors with no
side on a contested proposition, or whose entry is zero, are in no camp.

Each camp is named by where it stands on the *central* proposition, the one
with the most actors on both sides: "for “Iran supplied drones to Russia”".
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from ..records import Position, Proposition
from ._text import shorten

CAMP_LABEL_WORDS = 8
_SIDE = {"support": 1, "deny": -1}


def contested_propositions(positions: Sequence[Position]) -> list[str]:
    """Ids of the propositions that some actor asserts and another denies, in first-seen order."""
    sides: dict[str, set[int]] = {}
    for position in positions:
        side = _net_side(position)
        if side:
            sides.setdefault(position.proposition_id, set()).add(side)
    return [p for p, found in sides.items() if found == {1, -1}]


def assign_camps(positions: Sequence[Position], propositions: Sequence[Proposition]) -> dict[str, str]:
    """Entity id → camp name, for the actors who take a side on a contested proposition."""
    contested = contested_propositions(positions)
    if not contested:
        return {}
    actors = sorted({p.entity_id for p in positions if p.proposition_id in contested and _net_side(p)})
    column = {p: j for j, p in enumerate(contested)}
    row = {a: i for i, a in enumerate(actors)}
    sides = np.zeros((len(actors), len(contested)))
    for position in positions:
        if position.entity_id in row and position.proposition_id in column:
            sides[row[position.entity_id], column[position.proposition_id]] = _net_side(position)
    agreement = sides @ sides.T
    _, vectors = np.linalg.eigh(agreement)
    leading = vectors[:, -1]

    central = max(range(len(contested)), key=lambda j: (np.count_nonzero(sides[:, j]), -j))
    # Orient the eigenvector so that the positive camp asserts the central proposition.
    if float(leading @ sides[:, central]) < 0:
        leading = -leading
    labels = {p.id: p.label for p in propositions}
    claim = shorten(labels.get(contested[central], contested[central]), CAMP_LABEL_WORDS)
    names = {1: f"for \u201c{claim}\u201d", -1: f"against \u201c{claim}\u201d"}
    return {actor: names[1 if leading[i] > 0 else -1] for i, actor in enumerate(actors) if abs(leading[i]) > 1e-9}


def _net_side(position: Position) -> int:
    total = sum(_SIDE.get(point.stance, 0) for point in position.timeline)
    return (total > 0) - (total < 0)
