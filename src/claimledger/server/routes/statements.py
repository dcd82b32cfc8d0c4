"""/api/statements: who said what, with the spans it came from."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query

from ...records import STANCE_LABELS, STATEMENT_KINDS
from ...store import _rows, queries
from .._deps import NOT_FOUND, LedgerDep, PageParams, one, paged
from .._schemas import Page, StatementItem

router = APIRouter(prefix="/api/statements", tags=["statements"])


@router.get("", response_model=Page[StatementItem], summary="List statements")
def list_statements(
    ledger: LedgerDep,
    paging: PageParams,
    article_id: str | None = None,
    speaker_entity_id: str | None = None,
    kind: Annotated[str | None, Query(description=f"One of {', '.join(STATEMENT_KINDS)}.")] = None,
    outlet: str | None = None,
    proposition_id: Annotated[str | None, Query(description="Statements in this proposition.")] = None,
    stance: Annotated[str | None, Query(description=f"Having this stance: {', '.join(STANCE_LABELS)}.")] = None,
    q: Annotated[str | None, Query(description="Words in the content or the speaker as written.")] = None,
) -> dict[str, Any]:
    """In the order they were added; `outlet` is the article's, `stance` one on any proposition."""
    listing = queries.statements(
        article_id=article_id, speaker_entity_id=speaker_entity_id, kind=kind, outlet=outlet,
        proposition_id=proposition_id, stance=stance, q=q,
    )
    return paged(ledger, listing, paging, _rows.statement_row)


@router.get("/{statement_id}", response_model=StatementItem, summary="One statement", responses=NOT_FOUND)
def get_statement(statement_id: str, ledger: LedgerDep) -> dict[str, Any]:
    return one(ledger, queries.statements(id=statement_id), "statement", statement_id, _rows.statement_row)
