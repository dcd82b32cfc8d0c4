"""/api/framing: how each article reports its speakers."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter

from ...store import _rows, queries
from .._deps import LedgerDep, PageParams, paged
from .._schemas import FramingItem, Page

router = APIRouter(prefix="/api/framing", tags=["framing"])


@router.get("", response_model=Page[FramingItem], summary="List framing, one record per article")
def list_framing(
    ledger: LedgerDep, paging: PageParams, outlet: str | None = None, article_id: str | None = None
) -> dict[str, Any]:
    return paged(ledger, queries.framing(outlet=outlet, article_id=article_id), paging, _rows.record_row)
