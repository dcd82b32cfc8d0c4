"""/api/positions: each actor's stances on a proposition, over time."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query

from ...records import STANCE_LABELS, Position
from ...store import _rows
from .._deps import Index, PageParams, paged
from .._schemas import Page, PositionItem

router = APIRouter(prefix="/api/positions", tags=["positions"])


@router.get("", response_model=Page[PositionItem], summary="List positions")
def list_positions(
    index: Index,
    paging: PageParams,
    entity_id: str | None = None,
    proposition_id: str | None = None,
    stance: Annotated[str | None, Query(description=f"Latest stance: {', '.join(STANCE_LABELS)}.")] = None,
) -> dict[str, Any]:
    def keep(p: Position) -> bool:
        return (
            (entity_id is None or p.entity_id == entity_id)
            and (proposition_id is None or p.proposition_id == proposition_id)
            and (stance is None or bool(p.timeline) and p.timeline[-1].stance == stance)
        )

    return paged(filter(keep, index.positions), paging, _rows.record_row)
