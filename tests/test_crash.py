"""Crash safety: `analyze` killed (SIGKILL) at random moments leaves a ledger that
opens and is consistent, and re-running the same command finishes the job,
with the same result as a run that was never interrupted.
"""

from __future__ import annotations

import json
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from claimledger.store import Ledger
from claimledger.store.export import ledger_to_dict

KILLS = 4


def _analyze(inputs: Path, db: Path) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "claimledger.cli", "analyze", str(inputs), "--db", str(db), "--batch-size", "1"],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
    )


def _export(db: Path) -> dict:
    with Ledger.open(db, create=False) as ledger:
        doc = json.loads(json.dumps(ledger_to_dict(ledger), default=str))
    doc.pop("skipped")
    for article in doc["articles"]:
        article.pop("source")  # the same files, from another temporary folder
    return doc


def _check_consistent(db: Path) -> None:
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
    with Ledger.open(db, create=False) as ledger:  # opens, and its records hang together
        articles = {a.id for a in ledger.articles()}
        statements = ledger.statements()
        assert {s.article_id for s in statements} <= articles
        ids = {s.id for s in statements}
        assert len(ids) == len(statements)
        for proposition in ledger.propositions():
            assert set(proposition.statement_ids) <= ids


@pytest.mark.slow
def test_killed_runs_leave_a_consistent_ledger_and_a_rerun_finishes(tmp_path: Path, examples_dir: Path) -> None:
    story = examples_dir / "harbor-story"
    clean_db = tmp_path / "clean.db"
    started = time.monotonic()
    clean = _analyze(story, clean_db)
    assert clean.wait(timeout=600) == 0, clean.stderr.read()
    duration = time.monotonic() - started
    expected = _export(clean_db)

    chance = random.Random(20261130)
    db = tmp_path / "killed.db"
    for _ in range(KILLS):
        run = _analyze(story, db)
        time.sleep(chance.uniform(0.3, 1.0) * duration)
        if run.poll() is None:
            run.send_signal(signal.SIGKILL)
        run.wait(timeout=60)
        if db.exists():
            _check_consistent(db)

    rerun = _analyze(story, db)
    assert rerun.wait(timeout=600) == 0, rerun.stderr.read()
    _check_consistent(db)
    assert _export(db) == expected
