"""/api/contradictions: reversals and disputes, with both statements."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query

from ...store import _rows, queries
from .._deps import LedgerDep, PageParams, paged
from .._schemas import ContradictionItem, Page

router = APIRouter(prefix="/api/contradictions", tags=["contradictions"])


@router.get("", response_model=Page[ContradictionItem], summary="List contradictions")
def list_contradictions(
    ledger: LedgerDep,
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
    listing = queries.contradictions(
        kind=kind, proposition_id=proposition_id, entity_id=entity_id, min_strength=min_strength
    )
    return paged(ledger, listing, paging, _rows.record_row)
