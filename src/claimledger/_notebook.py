"""The ledger as pandas DataFrames, for notebooks.

::

    import claimledger
    led = claimledger.open("story.db")
    led.statements().groupby("speaker").size()

Each table has the columns of the JSON export (docs/export.md), plus the names a
reader wants beside the ids (the speaker's name, the outlet, a proposition's
label). Positions and framing come tidy: one row per timeline point, one row
per (article, speaker, reporting verb).
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pandas as pd

from .store import Ledger, _rows
from .store.export import table_frame
from .views._index import LedgerIndex

if TYPE_CHECKING:
    from .pipeline import RunSummary

__all__ = ["LedgerFrames", "analyze", "open_ledger"]


class LedgerFrames:
    """An open ledger whose tables come back as DataFrames.

    `ledger` is the underlying `claimledger.store.Ledger` for typed records;
    `run` is the summary of the `analyze` that made it, if one did. Each call
    reads the ledger afresh.
    """

    def __init__(self, ledger: Ledger, run: RunSummary | None = None) -> None:
        self.ledger = ledger
        self.run = run

    def __repr__(self) -> str:
        return f"<LedgerFrames {self.ledger.name}>"

    def __enter__(self) -> LedgerFrames:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def close(self) -> None:
        self.ledger.close()

    # --- tables -------------------------------------------------------------------

    def articles(self, *, text: bool = True) -> pd.DataFrame:
        """One row per article; `text=False` leaves the (long) texts out."""
        frame = table_frame("articles", map(_rows.article_row, self.ledger.iter_articles()))
        return frame if text else frame.drop(columns=["text"])

    def entities(self) -> pd.DataFrame:
        frame = table_frame("entities", map(_rows.record_row, self.ledger.entities()))
        index = LedgerIndex(self.ledger)
        frame["statements"] = [index.statements_per_entity[e] for e in frame["id"]]
        return frame

    def statements(self) -> pd.DataFrame:
        """One row per statement, with `speaker` (resolved name, else as written),
        `outlet` and `published_at` of its article."""
        index = LedgerIndex(self.ledger)
        statements = list(index.statements.values())
        frame = table_frame("statements", map(_rows.statement_row, statements))
        frame.insert(2, "speaker", [index.speaker(s) for s in statements])
        frame.insert(3, "outlet", [_article_field(index, s.article_id, "outlet") for s in statements])
        frame.insert(4, "published_at", pd.to_datetime(
            [_article_field(index, s.article_id, "published_at") for s in statements]
        ))
        return frame

    def mentions(self) -> pd.DataFrame:
        return table_frame("mentions", map(_rows.record_row, self.ledger.mentions()))

    def propositions(self) -> pd.DataFrame:
        frame = table_frame("propositions", map(_rows.record_row, self.ledger.propositions()))
        frame["statements"] = frame["statement_ids"].map(len)
        return frame

    def stances(self) -> pd.DataFrame:
        index = LedgerIndex(self.ledger)
        frame = table_frame("stances", map(_rows.record_row, index.stances.values()))
        frame["proposition"] = frame["proposition_id"].map(index.proposition_label)
        return frame

    def positions(self) -> pd.DataFrame:
        """One row per point of each actor's timeline on each proposition."""
        index = LedgerIndex(self.ledger)
        rows = [
            {
                "entity_id": p.entity_id, "actor": index.entity_name(p.entity_id),
                "proposition_id": p.proposition_id, "proposition": index.proposition_label(p.proposition_id),
                "step": step, "date": point.date, "stance": point.stance, "statement_id": point.statement_id,
            }
            for p in index.positions
            for step, point in enumerate(p.timeline)
        ]
        columns = ["entity_id", "actor", "proposition_id", "proposition", "step", "date", "stance", "statement_id"]
        return pd.DataFrame(rows, columns=columns)

    def contradictions(self) -> pd.DataFrame:
        """One row per contradiction, with both speakers' names and the proposition's label."""
        index = LedgerIndex(self.ledger)
        frame = table_frame("contradictions", map(_rows.record_row, index.contradictions))
        for side in ("a", "b"):
            frame[f"speaker_{side}"] = [
                index.speaker(index.statements[sid]) if sid in index.statements else None
                for sid in frame[f"statement_{side}"]
            ]
        frame["proposition"] = frame["proposition_id"].map(index.proposition_label)
        return frame

    def framing(self) -> pd.DataFrame:
        """One row per (article, speaker, reporting verb) with how often the verb was used,
        and whether the outlet quoted the speaker directly."""
        index = LedgerIndex(self.ledger)
        rows = [
            {
                "article_id": f.article_id, "outlet": f.outlet, "entity_id": entity,
                "speaker": index.entity_name(entity), "cue_lemma": lemma, "count": count,
                "quoted": entity in f.quoted_entities,
            }
            for f in index.framing
            for entity, cues in f.cues_by_speaker.items()
            for lemma, count in cues.items()
        ]
        columns = ["article_id", "outlet", "entity_id", "speaker", "cue_lemma", "count", "quoted"]
        return pd.DataFrame(rows, columns=columns)

    def skipped(self) -> pd.DataFrame:
        rows = [{**_rows.record_row(s), "run_at": run_at} for run_at, s in self.ledger.skipped_log()]
        return table_frame("skipped", rows)

    # --- views ----------------------------------------------------------------------

    def report(self, path: str | os.PathLike[str]) -> Path:
        """Write the self-contained HTML report; returns its path."""
        from .report import write_report

        return write_report(self.ledger, path)


def _article_field(index: LedgerIndex, article_id: str, name: str) -> Any:
    article = index.articles.get(article_id)
    return getattr(article, name) if article else None


def open_ledger(db: str | os.PathLike[str]) -> LedgerFrames:
    """Open an existing ledger (a SQLite path or an SQLAlchemy URL) for reading as DataFrames."""
    return LedgerFrames(Ledger.open(db, create=False))


def analyze(paths: Sequence[str | os.PathLike[str]] | str | os.PathLike[str], *, db: str | os.PathLike[str],
            **options: Any) -> LedgerFrames:
    """Run the whole pipeline on `paths` (files, folders, URLs, feeds) into the ledger `db`,
    and return it open. `options` are those of `claimledger analyze` (batch_size,
    device, attribution, tagger, stance, and stance_options: the stance backend's
    settings, as `--stance-option` gives them)."""
    from .pipeline import analyze as run_pipeline

    inputs = [os.fspath(paths)] if isinstance(paths, str | os.PathLike) else [os.fspath(p) for p in paths]
    run = run_pipeline(inputs, os.fspath(db), **options)
    frames = open_ledger(db)
    frames.run = run
    return frames
