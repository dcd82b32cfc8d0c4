"""The command line end to end, on the demo story and on bad input."""

from __future__ import annotations

import json
import socket
from pathlib import Path

import pytest
from typer.testing import CliRunner

from claimledger.cli import app

runner = CliRunner()


def _run(*args: str):
    return runner.invoke(app, list(args), catch_exceptions=False)


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory, examples_dir: Path) -> Path:
    db = tmp_path_factory.mktemp("demo") / "demo.db"
    result = _run("analyze", str(examples_dir / "harbor-story"), "--db", str(db))
    assert result.exit_code == 0, result.output
    return db


def test_analyze_demo_story_fills_every_stage(demo_db: Path):
    export = json.loads(_run("export", "--db", str(demo_db), "--format", "json").stdout)
    assert export["schema"] == "claimledger/1"
    assert len(export["articles"]) == 4
    for table in ("statements", "entities", "propositions", "stances", "positions", "framing"):
        assert export[table], table
    outlets = {a["outlet"] for a in export["articles"]}
    assert "Kestrel Bay Courier" in outlets  # from the manifest
    assert all(a["published_at"] for a in export["articles"])
    names = {e["name"] for e in export["entities"]}
    assert {"Lucia Ortega", "Helen Marsh"} <= names


def test_analyze_twice_adds_nothing(demo_db: Path, examples_dir: Path):
    before = json.loads(_run("export", "--db", str(demo_db)).stdout)
    result = _run("analyze", str(examples_dir / "harbor-story"), "--db", str(demo_db))
    assert result.exit_code == 0
    assert "0 article(s) added" in result.stdout
    after = json.loads(_run("export", "--db", str(demo_db)).stdout)
    assert len(after["statements"]) == len(before["statements"])
    assert len(after["articles"]) == len(before["articles"])


def test_report_and_show_on_demo(demo_db: Path, tmp_path: Path):
    html = tmp_path / "demo.html"
    assert _run("report", "--db", str(demo_db), "-o", str(html)).exit_code == 0
    assert "<mark" in html.read_text(encoding="utf-8")
    for what in ("statements", "entities", "propositions", "contradictions"):
        result = _run("show", what, "--db", str(demo_db))
        assert result.exit_code == 0, what


def test_export_csv_and_parquet(demo_db: Path, tmp_path: Path):
    for fmt in ("csv", "parquet"):
        out = tmp_path / fmt
        assert _run("export", "--db", str(demo_db), "--format", fmt, "-o", str(out)).exit_code == 0
        assert any(out.iterdir())


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_analyze_bad_inputs_one_line_each_and_goes_on(tmp_path: Path, examples_dir: Path):
    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "binary.txt").write_bytes(bytes(range(256)) * 8)
    (bad / "empty.txt").write_text("")
    (bad / "latin.txt").write_bytes("Caf\xe9 owner said the river was \xab clean \xbb.\n".encode("latin-1") + b"\xff\xfe\x00")
    good = examples_dir / "harbor-story" / "01-kestrel-bay-courier.txt"
    url = f"http://127.0.0.1:{_closed_port()}/story"
    db = tmp_path / "l.db"
    result = runner.invoke(app, ["analyze", str(bad), str(good), url, "--db", str(db)])
    assert result.exit_code == 2
    assert "Traceback" not in result.output
    lines = [line for line in result.stderr.splitlines() if line.startswith("skipped:")]
    for name in ("binary.txt", "empty.txt", url):
        assert sum(name in line for line in lines) == 1, (name, lines)
    assert "1 article(s) added" in result.stdout


def test_commands_on_missing_ledger_fail_cleanly(tmp_path: Path):
    result = runner.invoke(app, ["export", "--db", str(tmp_path / "nothing.db")])
    assert result.exit_code == 1
    assert "Traceback" not in result.output


@pytest.mark.parametrize("command", ["report", "serve"])
def test_views_of_a_missing_ledger_fail_in_one_line(tmp_path: Path, command: str):
    missing = tmp_path / "nothing.db"
    result = runner.invoke(app, [command, "--db", str(missing)])
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert "E020" in result.output and not missing.exists()


def test_serve_on_a_busy_port_fails_in_one_line(demo_db: Path):
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = str(busy.getsockname()[1])
        result = runner.invoke(app, ["serve", "--db", str(demo_db), "--port", port])
    assert result.exit_code == 1 and "E065 cannot serve on 127.0.0.1:" in result.output
    assert "Traceback" not in result.output


def test_analyze_keeps_ledger_when_given_not_a_ledger(tmp_path: Path):
    not_ledger = tmp_path / "notes.db"
    not_ledger.write_text("these are my notes, not a database\n")
    result = runner.invoke(app, ["analyze", str(tmp_path), "--db", str(not_ledger)])
    assert result.exit_code == 1
    assert not_ledger.read_text() == "these are my notes, not a database\n"


@pytest.mark.parametrize("extractor", ["rules", "model", "combined"])
def test_evaluate_polnear_prints_every_role(small_polnear: Path, extractor: str):
    result = _run("evaluate", "polnear", str(small_polnear / "dev"), "--attribution", extractor)
    assert result.exit_code == 0, result.output
    for row in ("source", "cue", "content", "relation", "exact", "overlap"):
        assert row in result.stdout


def test_evaluate_polnear_on_a_folder_that_is_not_one(tmp_path: Path):
    result = runner.invoke(app, ["evaluate", "polnear", str(tmp_path)])
    assert result.exit_code == 1
    assert "E044" in result.stderr and str(tmp_path) in result.stderr
