"""Listings: which records of one table a list asks for, in the order it shows them.

A listing is a query, not its answer: `Ledger.page` runs it, and the database
filters, counts and pages, so a list of a million statements reads only the
page it shows. One function per kind of record takes the filters by name::

    page = ledger.page(queries.statements(speaker_entity_id="antony-blinken", q="drones"), limit=50)
    page.total, page.items  # how many matched; the first 50, as `Statement`s

A filter left None does not filter. Each listing keeps the order the ledger's
own readers give (the order records were written; contradictions best-founded
first), so a page is a slice of what `Ledger.statements()` and the export list.
Filters on other tables (a statement's outlet is its article's) are subqueries
on indexed columns.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from functools import cache
from typing import Any, Generic, TypeVar

from sqlalchemy import ColumnElement, Connection, Select, Table, func, or_, select

from ..records import Article, Contradiction, Entity, Framing, Position, Proposition, Stance, Statement
from . import _rows, schema
from ._sql import json_last, json_strings, words_in

__all__ = [
    "Listing", "Page", "articles", "contradictions", "entities", "framing", "positions", "propositions", "stances",
    "statements",
]

T = TypeVar("T")

Rows = Sequence[Mapping[str, Any]]


@dataclass(frozen=True)
class Page(Generic[T]):
    """One page of a listing's records, and how many records it matched in all."""

    total: int
    items: list[T]


@dataclass(frozen=True)
class Listing(Generic[T]):
    """Rows of `table` that meet every condition of `where`, ordered by `order` then
    by row number; `read` selects a page's rows (by `pk`), `records` makes them records."""

    table: Table
    where: tuple[ColumnElement[bool], ...]
    records: Callable[[Connection, Rows], list[T]]
    order: tuple[ColumnElement[Any], ...] = ()
    read: Select | None = None

    def keys(self) -> Select:
        """The row numbers of the matches, in order: what is paged with LIMIT and OFFSET."""
        return select(self.table.c.pk).where(*self.where).order_by(*self.order, self.table.c.pk)

    def count(self) -> Select:
        return select(func.count()).select_from(self.table).where(*self.where)

    def rows(self, keys: Sequence[int]) -> Select:
        """The rows numbered `keys`, in any order, with what `records` needs."""
        query = self.read if self.read is not None else select(self.table)
        return query.where(self.table.c.pk.in_(keys))


def articles(
    *,
    outlet: str | None = None,
    published_from: date | None = None,
    published_to: date | None = None,
    q: str | None = None,
) -> Listing[Article]:
    """Articles of `outlet`, published on or after `published_from` and on or before
    `published_to` (undated ones are left out by either), with every word of `q`
    in the title or the source."""
    a = schema.articles.c
    return Listing(schema.articles, _kept(
        _equal(a.outlet, outlet),
        None if published_from is None else a.published_at >= published_from,
        None if published_to is None else a.published_at <= published_to,
        words_in(func.coalesce(a.title, "") + " " + a.source, q),
    ), _each(_rows.article_from_row))


def statements(
    *,
    id: str | None = None,
    article_id: str | None = None,
    speaker_entity_id: str | None = None,
    kind: str | None = None,
    outlet: str | None = None,
    proposition_id: str | None = None,
    stance: str | None = None,
    q: str | None = None,
) -> Listing[Statement]:
    """Statements of an article, a resolved speaker, a kind, an outlet (their
    article's), in a proposition, with a stance on any proposition, with every word
    of `q` in the content or the speaker as written."""
    s, a, members, st = schema.statements.c, schema.articles.c, schema.proposition_statements.c, schema.stances.c
    return Listing(
        schema.statements,
        _kept(
            _equal(s.id, id),
            _equal(s.article_id, article_id),
            _equal(s.speaker_entity_id, speaker_entity_id),
            _equal(s.kind, kind),
            None if outlet is None else s.article_id.in_(select(a.id).where(a.outlet == outlet)),
            None if proposition_id is None else s.id.in_(
                select(members.statement_id).where(members.proposition_id == proposition_id)
            ),
            None if stance is None else s.id.in_(select(st.statement_id).where(st.stance == stance)),
            words_in(s.content_text + " " + func.coalesce(s.speaker_text, ""), q),
        ),
        _each(lambda row: _rows.statement_from_row(row, row["sentence_piece"], row["said_at_piece"])),
        read=statement_rows(),
    )


def entities(*, id: str | None = None, type: str | None = None, q: str | None = None) -> Listing[Entity]:
    """Actors of a `type`, with every word of `q` in the name, an alias or a role."""
    e = schema.entities.c
    named = e.name + " " + json_strings(e.aliases) + " " + json_strings(e.roles)
    return Listing(
        schema.entities, _kept(_equal(e.id, id), _equal(e.type, type), words_in(named, q)),
        _each(_rows.entity_from_row),
    )


def propositions(
    *, id: str | None = None, statement_id: str | None = None, q: str | None = None
) -> Listing[Proposition]:
    """Propositions that statement `statement_id` is in, with every word of `q` in the label."""
    p, members = schema.propositions.c, schema.proposition_statements.c
    return Listing(schema.propositions, _kept(
        _equal(p.id, id),
        None if statement_id is None else p.id.in_(
            select(members.proposition_id).where(members.statement_id == statement_id)
        ),
        words_in(p.label, q),
    ), _with_members)


def stances(
    *,
    statement_id: str | None = None,
    proposition_id: str | None = None,
    entity_id: str | None = None,
    stance: str | None = None,
    method: str | None = None,
) -> Listing[Stance]:
    """Stances of a statement, on a proposition, of statements by actor `entity_id`,
    of one label, decided by one backend."""
    st = schema.stances.c
    return Listing(schema.stances, _kept(
        _equal(st.statement_id, statement_id),
        _equal(st.proposition_id, proposition_id),
        None if entity_id is None else st.statement_id.in_(_said_by(entity_id)),
        _equal(st.stance, stance),
        _equal(st.method, method),
    ), _each(_rows.stance_from_row))


def positions(
    *, entity_id: str | None = None, proposition_id: str | None = None, stance: str | None = None
) -> Listing[Position]:
    """Positions of an actor, on a proposition, whose latest stance is `stance`."""
    p = schema.positions.c
    return Listing(schema.positions, _kept(
        _equal(p.entity_id, entity_id),
        _equal(p.proposition_id, proposition_id),
        None if stance is None else json_last(p.timeline, "stance") == stance,
    ), _each(_rows.position_from_row))


def contradictions(
    *,
    kind: str | None = None,
    proposition_id: str | None = None,
    entity_id: str | None = None,
    min_strength: float | None = None,
) -> Listing[Contradiction]:
    """Contradictions of a kind, on a proposition, where actor `entity_id` made either
    statement, at least `min_strength` strong; the best-founded first, those with no
    strength last (as `views._index.strongest_first` sorts them), else in ledger order."""
    c = schema.contradictions.c
    return Listing(
        schema.contradictions,
        _kept(
            _equal(c.kind, kind),
            _equal(c.proposition_id, proposition_id),
            None if entity_id is None else or_(
                c.statement_a.in_(_said_by(entity_id)), c.statement_b.in_(_said_by(entity_id))
            ),
            None if min_strength is None else c.strength >= min_strength,
        ),
        _each(_rows.contradiction_from_row),
        order=(c.strength.is_(None), c.strength.desc()),
    )


def framing(*, outlet: str | None = None, article_id: str | None = None) -> Listing[Framing]:
    """Framing of an outlet's articles, or of one article."""
    f = schema.framing.c
    return Listing(
        schema.framing, _kept(_equal(f.outlet, outlet), _equal(f.article_id, article_id)),
        _each(_rows.framing_from_row),
    )


# --- helpers -----------------------------------------------------------------------


def _kept(*conditions: ColumnElement[bool] | None) -> tuple[ColumnElement[bool], ...]:
    """The conditions of the filters that were given."""
    return tuple(c for c in conditions if c is not None)


def _equal(column: ColumnElement[Any], value: object | None) -> ColumnElement[bool] | None:
    return None if value is None else column == value


def _said_by(entity_id: str) -> Select:
    """The ids of the statements whose speaker is the actor `entity_id`."""
    return select(schema.statements.c.id).where(schema.statements.c.speaker_entity_id == entity_id)


def _each(make: Callable[[Mapping[str, Any]], T]) -> Callable[[Connection, Rows], list[T]]:
    def records(_conn: Connection, rows: Rows) -> list[T]:
        return [make(row) for row in rows]

    return records


def _with_members(conn: Connection, rows: Rows) -> list[Proposition]:
    """The propositions of `rows`, each with its statements (read for these alone)."""
    ps = schema.proposition_statements.c
    held: dict[str, list[str]] = {row["id"]: [] for row in rows}
    query = select(ps.proposition_id, ps.statement_id).where(ps.proposition_id.in_(list(held))).order_by(ps.pk)
    for proposition_id, statement_id in conn.execute(query):
        held[proposition_id].append(statement_id)
    return [Proposition(row["id"], row["label"], held[row["id"]], row["parent_id"]) for row in rows]


@cache
def statement_rows() -> Select:
    """Statements with the text of their sentence and time expression, cut from the
    article by the database so that the article text never travels (what
    `Ledger.iter_statements` reads too)."""
    s, a = schema.statements.c, schema.articles.c

    def piece(prefix: str) -> ColumnElement[str]:
        start, end = s[f"{prefix}_start"], s[f"{prefix}_end"]
        return func.substr(a.text, start + 1, end - start).label(f"{prefix}_piece")

    return select(schema.statements, piece("sentence"), piece("said_at")).join(
        schema.articles, a.id == s.article_id
    )
