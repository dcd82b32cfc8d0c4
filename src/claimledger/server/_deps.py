"""What every route needs: the ledger, paging, and the shapes of lists and errors.

The API's lists are listings of the store (`store.queries`): the database
filters, counts and pages them, and a route only names its filters. The pages
render from `Index`, the ledger's records read into memory.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date
from typing import Annotated, Any, TypeVar

from fastapi import Depends, HTTPException, Query, Request
from fastapi.dependencies.models import Dependant
from pydantic import BaseModel

from ..errors import Errors
from ..report._story import Story
from ..store import Ledger
from ..store.queries import Listing
from ..views._index import LedgerIndex
from ._schemas import ErrorOut

__all__ = [
    "DEFAULT_LIMIT", "INVALID", "MAX_LIMIT", "NOT_FOUND", "Index", "IsoDate", "LedgerDep", "PageParams", "Paging",
    "declared_query", "iso_date", "not_found", "one", "paged", "refuse_unknown_query", "story_of",
]

T = TypeVar("T")

DEFAULT_LIMIT = 50
MAX_LIMIT = 500

#: The `responses` of a get-one route: a 404 in the error shape.
NOT_FOUND: dict[int | str, dict[str, Any]] = {404: {"model": ErrorOut, "description": "No record with that id."}}
#: The 422 of every API route, in the error shape (FastAPI would describe its own `detail` list).
INVALID: dict[int | str, dict[str, Any]] = {
    422: {"model": ErrorOut, "description": "A query parameter that is invalid or that the route does not take."}
}

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


def _ledger(request: Request) -> Ledger:
    return request.app.state.ledger


#: The app's ledger: the API's routes ask it for one page at a time.
LedgerDep = Annotated[Ledger, Depends(_ledger)]


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


def paged(ledger: Ledger, listing: Listing[T], paging: Paging, row: Callable[[T], Any]) -> dict[str, Any]:
    """The page of `listing` that `paging` asks for, each record made a row by `row`,
    with the total that matched."""
    page = ledger.page(listing, paging.limit, paging.offset)
    return {
        "ok": True,
        "total": page.total,
        "limit": paging.limit,
        "offset": paging.offset,
        "items": [row(item) for item in page.items],
    }


def one(ledger: Ledger, listing: Listing[T], kind: str, identifier: str, row: Callable[[T], Any]) -> Any:
    """The row of the one record `listing` finds (by id), or a 404 naming the `kind` of record."""
    found = ledger.page(listing, limit=1).items
    if not found:
        raise not_found(kind, identifier)
    return row(found[0])


def not_found(kind: str, identifier: str) -> HTTPException:
    return HTTPException(404, Errors.E060.format(kind=kind, id=identifier))


def refuse_unknown_query(request: Request) -> None:
    """A 422 naming each query parameter the route does not declare, and those it does.

    Without it a misspelt filter (`?speaker=` for `?speaker_entity_id=`) would be
    ignored, and the whole list would come back as if every record matched.
    """
    dependant = getattr(request.scope.get("route"), "dependant", None)
    if dependant is None:
        return
    accepted = list(dict.fromkeys(declared_query(dependant)))
    unknown = [name for name in dict.fromkeys(request.query_params) if name not in accepted]
    if unknown:
        raise HTTPException(422, Errors.E081.format(
            path=request.url.path, unknown=" or ".join(map(repr, unknown)), accepted=", ".join(accepted) or "none",
        ))


def declared_query(dependant: Dependant) -> Iterator[str]:
    """The query parameters a route declares, its dependencies' (paging) first, as
    FastAPI reads them: the names the OpenAPI document lists."""
    for sub in dependant.dependencies:
        yield from declared_query(sub)
    for field in dependant.query_params:
        model = field.field_info.annotation
        if isinstance(model, type) and issubclass(model, BaseModel):  # a query parameter model: each field is one
            yield from (info.alias or name for name, info in model.model_fields.items())
        else:
            yield field.alias
