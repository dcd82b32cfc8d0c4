"""/api/framing: how each article reports its speakers."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter

from ...records import Framing
from ...store import _rows
from .._deps import Index, PageParams, paged
from .._schemas import FramingItem, Page

router = APIRouter(prefix="/api/framing", tags=["framing"])


@router.get("", response_model=Page[FramingItem], summary="List framing, one record per article")
def list_framing(
    index: Index, paging: PageParams, outlet: str | None = None, article_id: str | None = None
) -> dict[str, Any]:
    def keep(f: Framing) -> bool:
        return (outlet is None or f.outlet == outlet) and (article_id is None or f.article_id == article_id)

    return paged(filter(keep, index.framing), paging, _rows.record_row)
