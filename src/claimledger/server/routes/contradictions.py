"""/api/contradictions: reversals and disputes, with both statements."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query

from ...records import Contradiction
from ...store import _rows
from ...views._index import strongest_first
from .._deps import Index, PageParams, paged
from .._schemas import ContradictionItem, Page

router = APIRouter(prefix="/api/contradictions", tags=["contradictions"])


@router.get("", response_model=Page[ContradictionItem], summary="List contradictions")
def list_contradictions(
    index: Index,
    paging: PageParams,
    kind: Annotated[str | None, Query(description="reversal or dispute.")] = None,
    proposition_id: str | None = None,
    entity_id: Annotated[str | None, Query(description="An actor who made either statement.")] = None,
    min_strength: Annotated[
        float | None,
        Query(ge=0.0, le=1.0, description="Only contradictions at least this well founded (their strength, 0 to 1)."),
    ] = None,
) -> dict[str, Any]:
    """The best-founded first (by `strength`; unmeasured ones last, in ledger order)."""
    def speakers(c: Contradiction) -> set[str | None]:
        found = (index.statements.get(c.statement_a), index.statements.get(c.statement_b))
        return {s.speaker_entity_id for s in found if s is not None}

    def keep(c: Contradiction) -> bool:
        return (
            (kind is None or c.kind == kind)
            and (proposition_id is None or c.proposition_id == proposition_id)
            and (entity_id is None or entity_id in speakers(c))
            and (min_strength is None or (c.strength is not None and c.strength >= min_strength))
        )

    ranked = sorted(filter(keep, index.contradictions), key=strongest_first)
    return paged(ranked, paging, _rows.record_row)
