"""/api/statements: who said what, with the spans it came from."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query

from ...records import STANCE_LABELS, STATEMENT_KINDS, Statement
from ...store import _rows
from .._deps import NOT_FOUND, Index, PageParams, contains, one, paged
from .._schemas import Page, StatementItem

router = APIRouter(prefix="/api/statements", tags=["statements"])


@router.get("", response_model=Page[StatementItem], summary="List statements")
def list_statements(
    index: Index,
    paging: PageParams,
    article_id: str | None = None,
    speaker_entity_id: str | None = None,
    kind: Annotated[str | None, Query(description=f"One of {', '.join(STATEMENT_KINDS)}.")] = None,
    outlet: str | None = None,
    proposition_id: Annotated[str | None, Query(description="Statements in this proposition.")] = None,
    stance: Annotated[str | None, Query(description=f"Having this stance: {', '.join(STANCE_LABELS)}.")] = None,
    q: Annotated[str | None, Query(description="Words in the content or the speaker as written.")] = None,
) -> dict[str, Any]:
    members = None
    if proposition_id is not None:
        proposition = index.propositions.get(proposition_id)
        members = set(proposition.statement_ids) if proposition else set()

    def keep(s: Statement) -> bool:
        article = index.articles.get(s.article_id)
        stances = index.stances_per_statement.get(s.id, [])
        return (
            (article_id is None or s.article_id == article_id)
            and (speaker_entity_id is None or s.speaker_entity_id == speaker_entity_id)
            and (kind is None or s.kind == kind)
            and (outlet is None or (article is not None and article.outlet == outlet))
            and (members is None or s.id in members)
            and (stance is None or any(st.stance == stance for st in stances))
            and contains(f"{s.content.text} {s.speaker.text if s.speaker else ''}", q)
        )

    return paged(filter(keep, index.statements.values()), paging, _rows.statement_row)


@router.get("/{statement_id}", response_model=StatementItem, summary="One statement", responses=NOT_FOUND)
def get_statement(statement_id: str, index: Index) -> dict[str, Any]:
    return one(index.statements, "statement", statement_id, _rows.statement_row)
