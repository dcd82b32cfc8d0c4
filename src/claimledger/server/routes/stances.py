"""/api/stances: each statement's stance on a proposition, and the backend that decided it."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query

from ...records import STANCE_LABELS
from ...store import _rows, queries
from .._deps import LedgerDep, PageParams, paged
from .._schemas import Page, StanceItem

router = APIRouter(prefix="/api/stances", tags=["stances"])


@router.get("", response_model=Page[StanceItem], summary="List stances")
def list_stances(
    ledger: LedgerDep,
    paging: PageParams,
    statement_id: str | None = None,
    proposition_id: str | None = None,
    entity_id: Annotated[str | None, Query(description="The actor who made the statement.")] = None,
    stance: Annotated[str | None, Query(description=f"One of {', '.join(STANCE_LABELS)}.")] = None,
    method: Annotated[str | None, Query(description="The backend that decided it, e.g. rules.v1.")] = None,
) -> dict[str, Any]:
    listing = queries.stances(
        statement_id=statement_id, proposition_id=proposition_id, entity_id=entity_id, stance=stance, method=method
    )
    return paged(ledger, listing, paging, _rows.record_row)
