"""/api/propositions: what the statements are about, grouped."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query

from ...store import _rows, queries
from .._deps import NOT_FOUND, LedgerDep, PageParams, one, paged
from .._schemas import Page, PropositionItem

router = APIRouter(prefix="/api/propositions", tags=["propositions"])


@router.get("", response_model=Page[PropositionItem], summary="List propositions")
def list_propositions(
    ledger: LedgerDep,
    paging: PageParams,
    statement_id: Annotated[str | None, Query(description="Propositions this statement is in.")] = None,
    q: Annotated[str | None, Query(description="Words in the label.")] = None,
) -> dict[str, Any]:
    return paged(ledger, queries.propositions(statement_id=statement_id, q=q), paging, _rows.record_row)


@router.get("/{proposition_id}", response_model=PropositionItem, summary="One proposition", responses=NOT_FOUND)
def get_proposition(proposition_id: str, ledger: LedgerDep) -> dict[str, Any]:
    listing = queries.propositions(id=proposition_id)
    return one(ledger, listing, "proposition", proposition_id, _rows.record_row)
