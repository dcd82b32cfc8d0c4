"""/api/contradictions: reversals and disputes, with both statements."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query

from ...records import Contradiction
from ...store import _rows
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
) -> dict[str, Any]:
    def speakers(c: Contradiction) -> set[str | None]:
        found = (index.statements.get(c.statement_a), index.statements.get(c.statement_b))
        return {s.speaker_entity_id for s in found if s is not None}

    def keep(c: Contradiction) -> bool:
        return (
            (kind is None or c.kind == kind)
            and (proposition_id is None or c.proposition_id == proposition_id)
            and (entity_id is None or entity_id in speakers(c))
        )

    return paged(filter(keep, index.contradictions), paging, _rows.record_row)
