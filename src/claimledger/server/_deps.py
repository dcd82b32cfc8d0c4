"""What every route needs: the ledger's records for this request, and paging."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import date
from typing import Annotated, Any, TypeVar

from fastapi import Depends, HTTPException, Query, Request

from ..errors import Errors
from ..report._story import Story
from ..views._index import LedgerIndex
from ._schemas import ErrorOut

__all__ = [
    "DEFAULT_LIMIT", "MAX_LIMIT", "NOT_FOUND", "Index", "IsoDate", "PageParams", "Paging", "contains", "iso_date",
    "not_found", "one", "paged", "story_of",
]

T = TypeVar("T")

DEFAULT_LIMIT = 50
MAX_LIMIT = 500

#: The `responses` of a get-one route: a 404 in the error shape.
NOT_FOUND: dict[int | str, dict[str, Any]] = {404: {"model": ErrorOut, "description": "No record with that id."}}

# A date filter is an ISO date string: pydantic would also take "0" (as a Unix
# time), which no user means.
IsoDate = Annotated[
    str | None, Query(description="An ISO date, YYYY-MM-DD.", json_schema_extra={"format": "date"})
]


def iso_date(value: str | None, name: str, path: str) -> date | None:
    """The date `value` names, or a 422 naming the parameter."""
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise HTTPException(422, Errors.E068.format(path=path, reason=f"{name}: not a date ({value!r})")) from None


def _index(request: Request) -> LedgerIndex:
    """The ledger's records, read afresh for each request: another process may be
    adding articles, and each collection is read only when a route asks for it."""
    return LedgerIndex(request.app.state.ledger)


Index = Annotated[LedgerIndex, Depends(_index)]


def story_of(index: LedgerIndex) -> Story:
    return Story(index)


class Paging:
    def __init__(
        self,
        limit: Annotated[int, Query(ge=1, le=MAX_LIMIT, description="Items per page.")] = DEFAULT_LIMIT,
        offset: Annotated[int, Query(ge=0, description="Items to skip.")] = 0,
    ) -> None:
        self.limit = limit
        self.offset = offset


PageParams = Annotated[Paging, Depends()]


def paged(items: Iterable[T], paging: Paging, row: Callable[[T], Any]) -> dict[str, Any]:
    """One page of `items`, each made a row by `row`, with the total that matched."""
    chosen: Sequence[T] = list(items)
    window = chosen[paging.offset : paging.offset + paging.limit]
    return {
        "ok": True,
        "total": len(chosen),
        "limit": paging.limit,
        "offset": paging.offset,
        "items": [row(item) for item in window],
    }


def one(records: Mapping[str, T], kind: str, identifier: str, row: Callable[[T], Any]) -> Any:
    """The row of the record `identifier`, or a 404 naming the `kind` of record."""
    if identifier not in records:
        raise not_found(kind, identifier)
    return row(records[identifier])


def not_found(kind: str, identifier: str) -> HTTPException:
    return HTTPException(404, Errors.E060.format(kind=kind, id=identifier))


def contains(text: str | None, words: str | None) -> bool:
    """Whether `text` holds every word of `words`, ignoring case."""
    if not words:
        return True
    haystack = (text or "").casefold()
    return all(word in haystack for word in words.casefold().split())
