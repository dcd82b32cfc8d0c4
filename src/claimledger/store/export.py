"""The ledger as one JSON object (docs/export.md), and as tables for CSV and Parquet.

`ledger_to_dict` builds the export object; the formats are writers of that
object, registered by name exactly as a plugin would add one::

    @EXPORT_FORMATS.register("ndjson")
    def write_ndjson(doc: dict, out: Path | None) -> None: ...

The CSV and Parquet writers turn each list of the object into one table, with
the ledger's column names: one row per record, nested values in JSON text
(Parquet keeps plain lists as lists).

`export_schema()` is the JSON Schema of the object (`export.schema.json`,
shipped beside this module): the contract's fields required, the extensions
checked where present, any record free to carry more.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from datetime import date, datetime
from importlib import resources
from pathlib import Path
from typing import Any

import pandas as pd
from sqlalchemy import Integer

from ..errors import ConfigError, Errors, LedgerError
from ..registry import Registry
from . import _rows
from .ledger import Ledger
from .schema import SCHEMA_VERSION, metadata

__all__ = [
    "EXPORT_FORMATS",
    "EXPORT_TABLES",
    "NO_DATES_NOTE",
    "export",
    "export_schema",
    "ledger_to_dict",
    "table_frame",
]

Writer = Callable[[dict[str, Any], Path | None], None]

#: Export formats by name: a writer of the `ledger_to_dict` object.
EXPORT_FORMATS: Registry[Writer] = Registry("export format")

#: The top-level lists of the export, in order; each is one table in CSV/Parquet.
EXPORT_TABLES: tuple[str, ...] = (
    "articles",
    "entities",
    "statements",
    "mentions",
    "propositions",
    "stances",
    "positions",
    "contradictions",
    "framing",
    "skipped",
)

NO_DATES_NOTE = "said_at null: no publication dates known; statements keep relative order"


def ledger_to_dict(ledger: Ledger) -> dict[str, Any]:
    """Everything in `ledger` as one JSON-ready object (schema "claimledger/1").

    Dates are ISO strings. docs/export.md describes every field; beyond the
    contract are article `source_kind`, `url`, `date_source`, `encoding`,
    `removed_boilerplate`; statement `cue_lemma`, `cue_negated`,
    `sentence_start/end`, `said_at_start/end`, `parent_id` (`content_fragments`,
    `speaker_fragments` and `cue_fragments` are in the contract, and present
    only where a span is interrupted); proposition `parent_id` (the general
    proposition a scoped one narrows); contradiction `apparent` and `strength`;
    framing `paraphrased_entities`, `camps`, `camp_pivot`, `cues_by_camp`,
    `covered_propositions`, `omitted_propositions`; and the top-level
    `mentions`, `skipped` and (when no article is dated) `note`.
    """
    articles = [_iso(_rows.article_row(a)) for a in ledger.iter_articles()]
    doc: dict[str, Any] = {"schema": SCHEMA_VERSION}
    if not any(article["published_at"] for article in articles):
        doc["note"] = NO_DATES_NOTE
    doc["articles"] = articles
    doc["entities"] = [_rows.record_row(e) for e in ledger.entities()]
    doc["statements"] = [_one_piece_spans_plain(_rows.statement_row(s)) for s in ledger.iter_statements()]
    doc["mentions"] = [_rows.record_row(m) for m in ledger.mentions()]
    doc["propositions"] = [_rows.record_row(p) for p in ledger.propositions()]
    doc["stances"] = [_rows.record_row(s) for s in ledger.stances()]
    doc["positions"] = [_rows.record_row(p) for p in ledger.positions()]
    doc["contradictions"] = [_rows.record_row(c) for c in ledger.contradictions()]
    doc["framing"] = [_rows.record_row(f) for f in ledger.framing()]
    doc["skipped"] = [
        _iso({**_rows.record_row(s), "run_at": run_at}) for run_at, s in ledger.skipped_log()
    ]
    return doc


def export(ledger: Ledger, format: str, out: Path | None = None) -> None:
    """Write `ledger` in `format` (see `EXPORT_FORMATS.names()`) to `out`.

    JSON goes to stdout when `out` is None; table formats need a folder.
    An unknown format raises `ConfigError` listing the available ones.
    """
    writer = EXPORT_FORMATS.get(format)  # fail before reading the ledger
    writer(ledger_to_dict(ledger), None if out is None else Path(out))


def export_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of the `ledger_to_dict` object, as a fresh dict.

    Validate an export with it, e.g. ``jsonschema.validate(doc, export_schema())``.
    It requires the contract's fields and checks the extensions where present;
    docs/export.md describes every field.
    """
    text = resources.files(__package__).joinpath(_SCHEMA_FILE).read_text(encoding="utf-8")
    return json.loads(text)


# --- writers ---------------------------------------------------------------------


@EXPORT_FORMATS.register("json")
def write_json(doc: dict[str, Any], out: Path | None) -> None:
    """One JSON object, to stdout or to `out` (a file, or `ledger.json` in a folder)."""
    text = json.dumps(doc, ensure_ascii=False, indent=2) + "\n"
    if out is None:
        sys.stdout.write(text)
        return
    path = out / "ledger.json" if out.is_dir() else out
    with _writing(path):
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


@EXPORT_FORMATS.register("csv")
def write_csv(doc: dict[str, Any], out: Path | None) -> None:
    """One `<table>.csv` per table in folder `out`; lists and objects as JSON text."""
    for name, path in _table_paths("csv", out):
        with _writing(path):
            _frame(doc, name, keep_lists=False).to_csv(path, index=False)


@EXPORT_FORMATS.register("parquet")
def write_parquet(doc: dict[str, Any], out: Path | None) -> None:
    """One `<table>.parquet` per table in folder `out`; lists stay lists,
    objects (such as `cues_by_speaker`) become JSON text."""
    for name, path in _table_paths("parquet", out):
        with _writing(path):
            _frame(doc, name, keep_lists=True).to_parquet(path, index=False)


# --- helpers -----------------------------------------------------------------------


_SCHEMA_FILE = "export.schema.json"  # package data, beside this module

_FRAGMENT_FIELDS = ("content_fragments", "speaker_fragments", "cue_fragments")


def _one_piece_spans_plain(row: dict[str, Any]) -> dict[str, Any]:
    """A statement row without the `<role>_fragments` of spans that are one piece (docs/export.md:
    absent unless the span is interrupted); tables keep the column, empty there."""
    for name in _FRAGMENT_FIELDS:
        if row.get(name) is None:
            row.pop(name, None)
    return row


def _iso(row: dict[str, Any]) -> dict[str, Any]:
    """The row with its dates and times as ISO strings."""
    return {k: v.isoformat() if isinstance(v, date | datetime) else v for k, v in row.items()}


def _columns(name: str) -> list[str]:
    """A table's export columns: the ledger's columns, without the row number."""
    columns = [c for c in metadata.tables[name].c.keys() if c != "pk"]
    return [*columns, "statement_ids"] if name == "propositions" else columns


def _frame(doc: dict[str, Any], name: str, *, keep_lists: bool) -> pd.DataFrame:
    return table_frame(name, doc[name], keep_lists=keep_lists, keep_objects=False)


def table_frame(
    name: str, rows: Iterable[dict[str, Any]], *, keep_lists: bool = True, keep_objects: bool = True
) -> pd.DataFrame:
    """Rows of the ledger table `name` (export rows) as a DataFrame with its columns.

    Lists and objects stay Python values, or become JSON text for formats that
    cannot hold them; integer columns with gaps stay integers.
    """
    columns = _columns(name)
    flat = [
        {c: _flat(row.get(c), keep_lists=keep_lists, keep_objects=keep_objects) for c in columns} for row in rows
    ]
    frame = pd.DataFrame(flat, columns=columns, dtype=object)
    # Offsets and counts with gaps must stay integers ("12", not "12.0").
    for column in metadata.tables[name].c:
        if column.name in frame and isinstance(column.type, Integer) and column.name != "pk":
            frame[column.name] = frame[column.name].astype("Int64")
    return frame.infer_objects()


def _flat(value: Any, *, keep_lists: bool, keep_objects: bool = False) -> Any:
    if (isinstance(value, dict) and not keep_objects) or (isinstance(value, list) and not keep_lists):
        return json.dumps(value, ensure_ascii=False)
    return value


def _table_paths(suffix: str, out: Path | None) -> list[tuple[str, Path]]:
    if out is None:
        raise ConfigError(Errors.E026.format(format=suffix))
    with _writing(out):
        out.mkdir(parents=True, exist_ok=True)
    return [(name, out / f"{name}.{suffix}") for name in EXPORT_TABLES]


@contextmanager
def _writing(path: Path) -> Iterator[None]:
    """Turn an OS error while writing `path` into a one-line `LedgerError`."""
    try:
        yield
    except OSError as e:
        reason = e.strerror or str(e)
        raise LedgerError(Errors.E027.format(path=path, reason=reason)) from e
