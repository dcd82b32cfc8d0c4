"""/api/positions: each actor's stances on a proposition, over time."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query

from ...records import STANCE_LABELS
from ...store import _rows, queries
from .._deps import LedgerDep, PageParams, paged
from .._schemas import Page, PositionItem

router = APIRouter(prefix="/api/positions", tags=["positions"])


@router.get("", response_model=Page[PositionItem], summary="List positions")
def list_positions(
    ledger: LedgerDep,
    paging: PageParams,
    entity_id: str | None = None,
    proposition_id: str | None = None,
    stance: Annotated[str | None, Query(description=f"Latest stance: {', '.join(STANCE_LABELS)}.")] = None,
) -> dict[str, Any]:
    listing = queries.positions(entity_id=entity_id, proposition_id=proposition_id, stance=stance)
    return paged(ledger, listing, paging, _rows.record_row)
