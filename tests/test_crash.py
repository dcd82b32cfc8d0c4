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


# Issue 20: a run killed at a stage boundary left the analysis stale for good (the rerun
# found no new article and skipped the corpus stages). Each point below kills a run with
# os._exit, which like SIGKILL runs no clean-up, at one boundary of `analyze`.
_KILLED_AT = r"""
import os, sys
import claimledger.pipeline as pipeline
import claimledger.store.ledger as ledger_module

point, story, db = sys.argv[1:4]
batches = 0

def progress(stage, count):
    global batches
    if stage == "articles":
        batches += 1
        if point == f"after-batch-{batches}":
            os._exit(137)
    elif point == "before-corpus":
        os._exit(137)

if point == "inside-corpus":
    def killed(*args, **kwargs):
        os._exit(137)
    pipeline.analyze_claims = killed  # after entity resolution, before propositions

if point == "writing-analysis":
    insert = ledger_module._insert
    def insert_then_die(conn, table, rows):
        insert(conn, table, rows)
        if table.name == "stances":
            os._exit(137)  # inside the analysis's transaction, half written
    ledger_module._insert = insert_then_die

pipeline.analyze([story], db, batch_size=1, progress=progress)
"""


def _killed_run(point: str, story: Path, db: Path) -> None:
    run = subprocess.run(
        [sys.executable, "-c", _KILLED_AT, point, str(story), str(db)], capture_output=True, text=True, timeout=600
    )
    assert run.returncode == (0 if point == "nowhere" else 137), run.stderr


@pytest.fixture(scope="module")
def clean_export(examples_dir: Path, tmp_path_factory) -> dict:
    """The demo story's export from a run that nothing stopped, made the same way."""
    db = tmp_path_factory.mktemp("clean") / "clean.db"
    _killed_run("nowhere", examples_dir / "harbor-story", db)
    return _export(db)


@pytest.mark.slow
@pytest.mark.parametrize(
    ("point", "rerun_with_inputs"),
    [
        ("after-batch-4", True),  # every article written, no analysis yet
        ("after-batch-2", True),  # half the articles written
        ("before-corpus", False),
        ("inside-corpus", False),
        ("writing-analysis", True),
    ],
)
def test_run_killed_at_a_stage_boundary_is_finished_by_the_next(
    point: str, rerun_with_inputs: bool, tmp_path: Path, examples_dir: Path, clean_export: dict
) -> None:
    story = examples_dir / "harbor-story"
    db = tmp_path / "killed.db"
    _killed_run(point, story, db)
    _check_consistent(db)
    with Ledger.open(db, create=False) as ledger:
        assert ledger.analysis_is_stale()
    # The next run, with the same inputs or none at all, brings the analysis up to date.
    # (the same batch size as the clean run: the tagger's windows are batched across articles)
    args = ["analyze", str(story), "--batch-size", "1"] if rerun_with_inputs else ["analyze"]
    rerun = subprocess.run(
        [sys.executable, "-m", "claimledger.cli", *args, "--db", str(db)], capture_output=True, text=True, timeout=600
    )
    assert rerun.returncode == 0, rerun.stderr
    with Ledger.open(db, create=False) as ledger:
        assert not ledger.analysis_is_stale()
    assert _export(db) == clean_export


def test_analysis_generation_follows_added_articles(tmp_path: Path) -> None:
    from claimledger.records import Article, CorpusAnalysis, ParsedArticle

    with Ledger.open(tmp_path / "l.db") as ledger:
        assert not ledger.analysis_is_stale()  # empty: nothing to analyse
        ledger.add_parsed([ParsedArticle(Article(id="a1", source="x", text="One."))])
        assert ledger.analysis_is_stale() and ledger.articles_generation() == 1
        generation = ledger.articles_generation()
        ledger.add_parsed([ParsedArticle(Article(id="a2", source="y", text="Two."))])  # while analysing
        ledger.replace_analysis(CorpusAnalysis(), generation=generation)
        assert ledger.analysis_is_stale()  # the analysis did not see a2
        ledger.replace_analysis(CorpusAnalysis())
        assert not ledger.analysis_is_stale()
        ledger.add_parsed([ParsedArticle(Article(id="a2", source="y", text="Two."))])  # nothing new
        assert not ledger.analysis_is_stale()
