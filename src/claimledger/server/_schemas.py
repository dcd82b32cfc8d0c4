"""The API's response models, made from the ledger's tables.

An API item is an export row (docs/export.md): the table's columns, in order, with
the same names and meaning, so the OpenAPI schema is derived from the schema
of the ledger rather than written out a second time.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import Any, Generic, TypeVar

from pydantic import BaseModel, Field, create_model, field_validator
from sqlalchemy import JSON, Boolean, Date, DateTime, Float, Integer, Table

from ..records import RemovedLine, TimelinePoint
from ..store.schema import articles, contradictions, entities, framing, positions, propositions, stances, statements

__all__ = [
    "ArticleIn",
    "ArticleItem",
    "ContradictionItem",
    "EntityItem",
    "FramingItem",
    "Page",
    "PositionItem",
    "PropositionItem",
    "StanceItem",
    "StatementItem",
    "Uploaded",
]

T = TypeVar("T")

# What each JSON column holds (docs/export.md), for the schema.
_JSON_TYPES: dict[str, Any] = {
    "removed_boilerplate": list[RemovedLine],
    "aliases": list[str],
    "roles": list[str],
    "timeline": list[TimelinePoint],
    "cues_by_speaker": dict[str, dict[str, int]],
    "quoted_entities": list[str],
    "paraphrased_entities": list[str],
    "notes": list[str],
}
_TYPES: tuple[tuple[type, type], ...] = (
    (Boolean, bool), (Integer, int), (Float, float), (DateTime, datetime), (Date, date),
)


def _python_type(column: Any) -> Any:
    if isinstance(column.type, JSON):
        return _JSON_TYPES.get(column.name, Any)
    for sql_type, python in _TYPES:
        if isinstance(column.type, sql_type):
            return python
    return str


def model_for(table: Table, name: str, **extra: Any) -> type[BaseModel]:
    """A pydantic model of one export row of `table` (its columns but `pk`)."""
    fields: dict[str, Any] = {}
    for column in table.c:
        if column.name == "pk":
            continue
        python = _python_type(column)
        fields[column.name] = (python | None, None) if column.nullable else (python, ...)
    return create_model(name, **fields, **extra)


ArticleItem = model_for(articles, "Article")
EntityItem = model_for(entities, "Entity")
StatementItem = model_for(statements, "Statement")
PropositionItem = model_for(propositions, "Proposition", statement_ids=(list[str], ...))
StanceItem = model_for(stances, "Stance")
PositionItem = model_for(positions, "Position")
ContradictionItem = model_for(contradictions, "Contradiction")
FramingItem = model_for(framing, "Framing")


class ErrorOut(BaseModel):
    """What every error answers: a one-line message and the HTTP status."""

    ok: bool = False
    error: str
    status: int


class Page(BaseModel, Generic[T]):
    """One page of a list: `items` from `offset`, `total` matching in all."""

    ok: bool = True
    total: int
    limit: int
    offset: int
    items: list[T]


_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


class ArticleIn(BaseModel):
    """An article to add, as a JSONL line would give it."""

    text: str = Field(min_length=1, description="The article's text; its first line is the title when none is given.")
    title: str | None = None
    outlet: str | None = None
    url: str | None = None
    published_at: date | None = Field(None, description="ISO date of publication.")

    @field_validator("published_at", mode="before")
    @classmethod
    def _iso_date_only(cls, value: object) -> object:
        # pydantic alone would also read 0 or "0" as a Unix time.
        if value is not None and not (isinstance(value, str) and _ISO_DATE.fullmatch(value)):
            raise ValueError("must be an ISO date, YYYY-MM-DD")
        return value


class Uploaded(BaseModel):
    ok: bool = True
    article_id: str
    added: bool = Field(description="False when the article was in the ledger already.")
    statements: int
    duplicate_of: str | None = None
    language: str | None = Field(
        None, description="ISO 639-1 code of the article's language; null when it could not be told."
    )
    analysed: bool = Field(
        True, description="False when claimledger has no model for the language: stored, not analysed."
    )
