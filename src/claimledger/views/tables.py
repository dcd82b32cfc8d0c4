"""Terminal tables for `claimledger show`, one per kind of record.

Each table is registered by name, so `show WHAT` lists what exists when WHAT
is unknown. Long quotes are cut to one readable line; ids are shown as names.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable

from rich.table import Table
from rich.text import Text

from ..registry import Registry
from ..store import Ledger
from ._index import NONE, LedgerIndex, strongest_first

__all__ = ["TABLES", "render_table"]

#: Table builders by name: what `claimledger show WHAT` accepts.
TABLES: Registry[Callable[[LedgerIndex], Table]] = Registry("table")

_QUOTE = 90  # characters of a quote shown in a terminal row


def render_table(ledger: Ledger, what: str) -> Table:
    """The `what` table (see `TABLES.names()`) of `ledger`, ready for `rich` to print."""
    return TABLES.get(what)(LedgerIndex(ledger))


def clip(text: str | None, width: int = _QUOTE) -> str:
    """`text` on one line, cut to `width` characters with an ellipsis."""
    flat = " ".join((text or "").split())
    return flat if len(flat) <= width else flat[: width - 1].rstrip() + "…"


def _table(title: str, *columns: str, caption: str | None = None) -> Table:
    table = Table(title=title, title_justify="left", caption=caption, caption_justify="left")
    for column in columns:
        table.add_column(column, overflow="fold")
    return table


def _add_row(table: Table, *cells: str | Text) -> None:
    """Add a row of plain text: article words such as "[bold]" are not rich markup."""
    table.add_row(*(cell if isinstance(cell, Text) else Text(cell) for cell in cells))


@TABLES.register("articles")
def articles_table(index: LedgerIndex) -> Table:
    table = _table("Articles", "id", "outlet", "title", "published", "statements", "source")
    for a in index.articles.values():
        date = a.published_at.isoformat() if a.published_at else NONE
        title = clip(a.title, 60) + (f" (duplicate of {a.duplicate_of})" if a.duplicate_of else "")
        title += "" if a.analysed else f" ({a.language or NONE}: stored, not analysed)"
        count = str(index.statements_per_article[a.id])
        _add_row(table, a.id, a.outlet or NONE, title, date, count, a.source)
    return table


@TABLES.register("statements")
def statements_table(index: LedgerIndex) -> Table:
    table = _table(
        "Statements", "speaker", "cue", "kind", "content", "outlet", "date",
        caption="date: when it was said; dimmed, when the article was published",
    )
    for s in index.statements.values():
        cue = s.cue.text if s.cue else NONE
        when = Text(index.when(s) or NONE, style="" if s.said_at else "dim")
        _add_row(
            table, index.speaker(s), cue, s.kind, clip(s.content.text),
            index.outlet(s.article_id), when,
        )
    return table


@TABLES.register("entities")
def entities_table(index: LedgerIndex) -> Table:
    table = _table("Entities", "name", "type", "aliases", "roles", "statements", "id")
    for e in index.entities.values():
        _add_row(
            table, e.name, e.type, ", ".join(e.aliases), ", ".join(e.roles),
            str(index.statements_per_entity[e.id]), e.id,
        )
    return table


@TABLES.register("propositions")
def propositions_table(index: LedgerIndex) -> Table:
    table = _table("Propositions", "label", "statements", "stances", "id")
    for p in index.propositions.values():
        counts = Counter(
            index.stances[key].stance for key in ((s, p.id) for s in p.statement_ids)
            if key in index.stances
        )
        summary = ", ".join(f"{n} {label}" for label, n in counts.most_common()) or NONE
        _add_row(table, p.label, str(len(p.statement_ids)), summary, p.id)
    return table


@TABLES.register("contradictions")
def contradictions_table(index: LedgerIndex) -> Table:
    table = _table("Contradictions", "kind", "strength", "proposition", "statement A", "statement B", "why")
    for c in sorted(index.ledger.contradictions(), key=strongest_first):
        kind = c.kind + (" (apparent)" if c.apparent else "")
        strength = NONE if c.strength is None else f"{c.strength:.2f}"
        _add_row(
            table, kind, strength, clip(index.proposition_label(c.proposition_id), 40),
            _quote(index, c.statement_a), _quote(index, c.statement_b), c.explanation,
        )
    return table


@TABLES.register("skipped")
def skipped_table(index: LedgerIndex) -> Table:
    table = _table("Skipped inputs", "run at", "code", "source", "reason")
    for run_at, s in index.ledger.skipped_log():
        _add_row(table, run_at.strftime("%Y-%m-%d %H:%M"), s.code, s.source, s.reason)
    return table


def _quote(index: LedgerIndex, statement_id: str) -> str:
    """`Speaker (outlet, date): "content…"` for one statement."""
    s = index.statements.get(statement_id)
    if s is None:
        return statement_id
    where = ", ".join(filter(None, (index.outlet(s.article_id), index.when(s))))
    return f'{index.speaker(s)} ({where}): "{clip(s.content.text, 60)}"'
