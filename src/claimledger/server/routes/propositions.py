"""/api/propositions: what the statements are about, grouped."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query

from ...records import Proposition
from ...store import _rows
from .._deps import NOT_FOUND, Index, PageParams, contains, one, paged
from .._schemas import Page, PropositionItem

router = APIRouter(prefix="/api/propositions", tags=["propositions"])


@router.get("", response_model=Page[PropositionItem], summary="List propositions")
def list_propositions(
    index: Index,
    paging: PageParams,
    statement_id: Annotated[str | None, Query(description="Propositions this statement is in.")] = None,
    q: Annotated[str | None, Query(description="Words in the label.")] = None,
) -> dict[str, Any]:
    def keep(p: Proposition) -> bool:
        return (statement_id is None or statement_id in p.statement_ids) and contains(p.label, q)

    return paged(filter(keep, index.propositions.values()), paging, _rows.record_row)


@router.get("/{proposition_id}", response_model=PropositionItem, summary="One proposition", responses=NOT_FOUND)
def get_proposition(proposition_id: str, index: Index) -> dict[str, Any]:
    return one(index.propositions, "proposition", proposition_id, _rows.record_row)
