"""Every command of the CLI on a PostgreSQL ledger (`--db postgresql://…`)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from claimledger.cli import app

runner = CliRunner()


def _run(*args: str):
    return runner.invoke(app, list(args), catch_exceptions=False)


@pytest.fixture(scope="module")
def demo_urls(postgres_server: str, tmp_path_factory, examples_dir: Path) -> tuple[str, str]:
    """The demo story analysed into a PostgreSQL ledger and into an SQLite one."""
    import psycopg

    with psycopg.connect(postgres_server, autocommit=True) as conn:
        conn.execute('CREATE DATABASE "cli_demo"')
    url = postgres_server.rsplit("/", 1)[0] + "/cli_demo"
    sqlite = str(tmp_path_factory.mktemp("cli-pg") / "demo.db")
    for db in (url, sqlite):
        result = _run("analyze", str(examples_dir / "harbor-story"), "--db", db)
        assert result.exit_code == 0, result.output
    return url, sqlite


def test_cli_postgresql_analyze_exports_the_same_ledger_as_sqlite(demo_urls: tuple[str, str]):
    url, sqlite = demo_urls
    on_postgres = json.loads(_run("export", "--db", url).stdout)
    on_sqlite = json.loads(_run("export", "--db", sqlite).stdout)
    assert on_postgres["statements"] and on_postgres["propositions"]
    assert on_postgres == on_sqlite


def test_cli_postgresql_analyze_again_adds_nothing(demo_urls: tuple[str, str], examples_dir: Path):
    result = _run("analyze", str(examples_dir / "harbor-story"), "--db", demo_urls[0])
    assert result.exit_code == 0
    assert "0 article(s) added" in result.stdout


def test_cli_postgresql_report_show_and_tables(demo_urls: tuple[str, str], tmp_path: Path):
    url = demo_urls[0]
    html = tmp_path / "demo.html"
    assert _run("report", "--db", url, "-o", str(html)).exit_code == 0
    assert "<mark" in html.read_text(encoding="utf-8")
    for what in ("statements", "entities", "propositions", "contradictions", "articles", "skipped"):
        assert _run("show", what, "--db", url).exit_code == 0, what
    out = tmp_path / "csv"
    assert _run("export", "--db", url, "--format", "csv", "-o", str(out)).exit_code == 0
    assert (out / "statements.csv").exists()


def test_cli_postgresql_evaluate_gold(postgres_url: str, seeds_dir: Path, shared_dir: Path):
    assert _run("analyze", str(seeds_dir), "--db", postgres_url, "--attribution", "rules").exit_code == 0
    result = _run("evaluate", "gold", str(shared_dir / "corpus" / "seeds.gold.json"), "--db", postgres_url)
    assert result.exit_code == 0, result.output
    assert "speaker" in result.stdout.lower()


def test_cli_postgresql_missing_database_is_one_line(postgres_server: str):
    url = postgres_server.rsplit("/", 1)[0] + "/missing_db"
    result = runner.invoke(app, ["show", "statements", "--db", url])
    assert result.exit_code == 1
    assert result.stderr.startswith("error: E020 cannot open ledger postgresql")
    assert "Traceback" not in result.output
