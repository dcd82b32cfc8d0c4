"""/api/stances: each statement's stance on a proposition, and the backend that decided it."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query

from ...records import STANCE_LABELS, Stance
from ...store import _rows
from .._deps import Index, PageParams, paged
from .._schemas import Page, StanceItem

router = APIRouter(prefix="/api/stances", tags=["stances"])


@router.get("", response_model=Page[StanceItem], summary="List stances")
def list_stances(
    index: Index,
    paging: PageParams,
    statement_id: str | None = None,
    proposition_id: str | None = None,
    entity_id: Annotated[str | None, Query(description="The actor who made the statement.")] = None,
    stance: Annotated[str | None, Query(description=f"One of {', '.join(STANCE_LABELS)}.")] = None,
    method: Annotated[str | None, Query(description="The backend that decided it, e.g. rules.v1.")] = None,
) -> dict[str, Any]:
    def speaker(s: Stance) -> str | None:
        statement = index.statements.get(s.statement_id)
        return statement.speaker_entity_id if statement is not None else None

    def keep(s: Stance) -> bool:
        return (
            (statement_id is None or s.statement_id == statement_id)
            and (proposition_id is None or s.proposition_id == proposition_id)
            and (entity_id is None or speaker(s) == entity_id)
            and (stance is None or s.stance == stance)
            and (method is None or s.method == method)
        )

    return paged(filter(keep, index.stances.values()), paging, _rows.record_row)
