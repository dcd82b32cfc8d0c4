"""/api/entities: the actors, resolved across the corpus."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query

from ...records import ENTITY_TYPES, Entity
from ...store import _rows
from .._deps import NOT_FOUND, Index, PageParams, contains, one, paged
from .._schemas import EntityItem, Page

router = APIRouter(prefix="/api/entities", tags=["entities"])


@router.get("", response_model=Page[EntityItem], summary="List actors")
def list_entities(
    index: Index,
    paging: PageParams,
    type: Annotated[str | None, Query(description=f"One of {', '.join(ENTITY_TYPES)}.")] = None,
    q: Annotated[str | None, Query(description="Words in the name, an alias or a role.")] = None,
) -> dict[str, Any]:
    def keep(e: Entity) -> bool:
        return (type is None or e.type == type) and contains(" ".join([e.name, *e.aliases, *e.roles]), q)

    return paged(filter(keep, index.entities.values()), paging, _rows.record_row)


@router.get("/{entity_id}", response_model=EntityItem, summary="One actor", responses=NOT_FOUND)
def get_entity(entity_id: str, index: Index) -> dict[str, Any]:
    return one(index.entities, "entity", entity_id, _rows.record_row)
