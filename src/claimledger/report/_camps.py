"""The story's camps as the ledger records them, for the views.

The claims stage places actors in camps (`claims.camps.assign_camps`) and
each framing row keeps the camps of its article's speakers; the views read
them back from there rather than work them out again.
"""

from __future__ import annotations

from collections.abc import Iterable

from ..records import Camps, Framing

__all__ = ["CAMP_ORDER", "ledger_camps"]

#: The camps, in the order charts show them; "unaligned" is every other actor.
CAMP_ORDER: tuple[str, ...] = ("support", "deny", "unaligned")


def ledger_camps(framing: Iterable[Framing]) -> Camps:
    """The camps of every speaker in the ledger's framing rows."""
    pivot, of = None, {}
    for row in framing:
        pivot = pivot or row.camp_pivot
        of.update(row.camps)
    return Camps(pivot, of)
