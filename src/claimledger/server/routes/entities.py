"""/api/entities: the actors, resolved across the corpus."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query

from ...records import ENTITY_TYPES
from ...store import _rows, queries
from .._deps import NOT_FOUND, LedgerDep, PageParams, one, paged
from .._schemas import EntityItem, Page

router = APIRouter(prefix="/api/entities", tags=["entities"])


@router.get("", response_model=Page[EntityItem], summary="List actors")
def list_entities(
    ledger: LedgerDep,
    paging: PageParams,
    type: Annotated[str | None, Query(description=f"One of {', '.join(ENTITY_TYPES)}.")] = None,
    q: Annotated[str | None, Query(description="Words in the name, an alias or a role.")] = None,
) -> dict[str, Any]:
    return paged(ledger, queries.entities(type=type, q=q), paging, _rows.record_row)


@router.get("/{entity_id}", response_model=EntityItem, summary="One actor", responses=NOT_FOUND)
def get_entity(entity_id: str, ledger: LedgerDep) -> dict[str, Any]:
    return one(ledger, queries.entities(id=entity_id), "entity", entity_id, _rows.record_row)
