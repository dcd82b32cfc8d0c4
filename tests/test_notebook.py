"""The Python API for notebooks: claimledger.open / claimledger.analyze → DataFrames."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pandas as pd
import pytest
import story

import claimledger
from claimledger.errors import LedgerError
from claimledger.store import Ledger
from claimledger.store.export import ledger_to_dict


def test_public_api_is_pinned() -> None:
    assert claimledger.__all__ == sorted(claimledger.__all__)
    assert claimledger.__all__ == ["__version__", "analyze", "open"]


def test_open_gives_every_table_as_a_dataframe(ledger: Ledger, db_path: Path) -> None:
    export = json.loads(json.dumps(ledger_to_dict(ledger), default=str))
    with claimledger.open(db_path) as led:
        statements = led.statements()
        assert isinstance(statements, pd.DataFrame)
        assert list(statements["id"]) == [s["id"] for s in export["statements"]]
        assert set(export["statements"][0]) <= set(statements.columns)
        assert statements["content_start"].dtype == "Int64"
        blinken = statements[statements["speaker_entity_id"] == story.BLINKEN]
        assert set(blinken["speaker"]) == {"Antony Blinken"}
        assert set(statements["outlet"]) == {"Gulf Wire", "Caspian Times"}
        for table in ("articles", "entities", "mentions", "propositions", "stances", "contradictions", "skipped"):
            assert len(getattr(led, table)()) == len(export[table]), table
        assert "text" not in led.articles(text=False).columns


def test_positions_and_framing_come_tidy(ledger: Ledger, db_path: Path) -> None:
    with claimledger.open(db_path) as led:
        positions = led.positions()
        persian = positions[positions["entity_id"] == story.PERSIAN]
        assert list(persian["stance"]) == ["deny", "hedge"] and list(persian["step"]) == [0, 1]
        assert set(positions["proposition"]) == {"Iran supplied drones to Russia"}
        framing = led.framing()
        claimed = framing[(framing["cue_lemma"] == "claim")]
        assert list(claimed["speaker"]) == ["Antony Blinken"] and list(claimed["outlet"]) == ["Gulf Wire"]
        contradictions = led.contradictions()
        assert list(contradictions["speaker_b"]) == ["Hossein Amir-Abdollahian", "Antony Blinken"]


def test_open_a_missing_ledger_is_one_line_error(tmp_path: Path) -> None:
    with pytest.raises(LedgerError, match="^E020 .*no such file"):
        claimledger.open(tmp_path / "missing.db")
    assert not (tmp_path / "missing.db").exists()


def test_analyze_runs_the_pipeline_and_writes_a_report(harbor_db: Path, examples_dir: Path, tmp_path: Path) -> None:
    db = tmp_path / "again.db"
    with sqlite3.connect(harbor_db) as source, sqlite3.connect(db) as copy:
        source.backup(copy)  # the pipeline ran once for the session already
    with claimledger.analyze(examples_dir / "harbor-story", db=db) as led:
        assert led.run.added == 0 and led.run.already_known == 4
        assert len(led.articles()) == 4 and len(led.statements()) > 0
        assert led.report(tmp_path / "story.html").read_text(encoding="utf-8").startswith("<!doctype html>")
