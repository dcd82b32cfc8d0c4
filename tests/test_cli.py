"""The command line end to end, on the demo story and on bad input."""

from __future__ import annotations

import json
import socket
import sqlite3
import subprocess
import sys
from importlib import import_module, metadata
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
    assert _run("report", "--db", str(demo_db), "-o", str(html), "--title", "The Orrin River leak").exit_code == 0
    assert "<title>The Orrin River leak · claimledger report</title>" in html.read_text(encoding="utf-8")
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
    latin = "Caf\xe9 owner said the river was \xab clean \xbb.\n".encode("latin-1")
    (bad / "latin.txt").write_bytes(latin + b"\xff\xfe\x00")
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


def test_evaluate_polnear_scores_the_ledger_and_labels_the_tagger_alone(small_polnear: Path):
    # Issue 18: the figure is the ledger's; the tagger's own spans only beside it, named as such.
    result = _run("evaluate", "polnear", str(small_polnear / "dev"), "--tagger-alone")
    assert result.exit_code == 0, result.output
    assert "the ledger" in result.stdout and "the tagger alone" in result.stdout
    assert result.stdout.index("the ledger") < result.stdout.index("the tagger alone")


def test_evaluate_polnear_on_a_folder_that_is_not_one(tmp_path: Path):
    result = runner.invoke(app, ["evaluate", "polnear", str(tmp_path)])
    assert result.exit_code == 1
    assert "E044" in result.stderr and str(tmp_path) in result.stderr


# Issue 20: options are checked before any work, and the project's warnings reach the terminal.
@pytest.mark.parametrize("size", ["0", "-3"])
def test_analyze_refuses_a_batch_size_under_one_before_reading(tmp_path: Path, size: str):
    db = tmp_path / "l.db"
    result = runner.invoke(app, ["analyze", str(tmp_path), "--db", str(db), "--batch-size", size])
    assert result.exit_code == 2 and "Traceback" not in result.output
    assert not db.exists()


def test_analyze_batch_size_under_one_from_python_is_e073(tmp_path: Path):
    from claimledger.errors import ConfigError
    from claimledger.pipeline import analyze

    with pytest.raises(ConfigError, match="E073 --batch-size must be at least 1, not 0"):
        analyze([str(tmp_path)], tmp_path / "l.db", batch_size=0)
    assert not (tmp_path / "l.db").exists()


def test_analyze_empty_folder_says_so(tmp_path: Path):
    folder = tmp_path / "empty"
    folder.mkdir()
    result = runner.invoke(app, ["analyze", str(folder), "--db", str(tmp_path / "l.db")])
    assert result.exit_code == 0
    assert f"warning: {folder} holds no files to read" in result.stderr


def test_analyze_without_inputs_needs_a_ledger(tmp_path: Path):
    result = runner.invoke(app, ["analyze", "--db", str(tmp_path / "none.db")])
    assert result.exit_code == 1 and "E020" in result.output and "Traceback" not in result.output
    assert not (tmp_path / "none.db").exists()


# Issue 19: the stance backend's settings are checked before any work (a wrong backend: issue 21 below).
@pytest.mark.parametrize(
    ("options", "code"),
    [(["--stance-option", "temperature=0.3"], "E074"),
     (["--stance", "nli", "--stance-option", "margin=wide"], "E075"), (["--stance-option", "margin"], "E076")],
)
def test_analyze_refuses_a_wrong_stance_backend_or_setting_before_reading(tmp_path: Path, options, code):
    db = tmp_path / "l.db"
    result = runner.invoke(app, ["analyze", str(tmp_path), "--db", str(db), *options])
    assert result.exit_code == 1 and code in result.output and "Traceback" not in result.output
    assert not db.exists()


def test_analyze_passes_the_run_device_to_the_stance_backend(tmp_path: Path, monkeypatch):
    from claimledger.claims.stance import stance_backends
    from claimledger.claims.stance.rules import RuleStance
    from claimledger.pipeline import analyze

    built = []

    class Recording(RuleStance):
        def __init__(self, device: str | None = None, batch_size: int = 8, note: str = "") -> None:
            built.append({"device": device, "batch_size": batch_size, "note": note})

    monkeypatch.setitem(stance_backends._entries, "recording", Recording)
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text("The mayor said the bridge was unsafe.\n", encoding="utf-8")
    analyze([str(tmp_path / "in")], tmp_path / "l.db", device="cpu", stance="recording",
            stance_options={"batch_size": "4", "note": "x"})
    assert built == [{"device": "cpu", "batch_size": 4, "note": "x"}]


# Issue 21: the front door. A version; every option that takes a name lists the names and refuses
# any other at once; one rule for --db.
@pytest.mark.parametrize("flag", ["--version", "-V"])
def test_version_prints_the_installed_version(flag: str):
    result = runner.invoke(app, [flag])
    assert result.exit_code == 0
    assert result.stdout == f"claimledger {metadata.version('claimledger')}\n"


def test_version_and_help_load_no_backend():
    # The names an option takes are read when its command runs, not when the CLI starts.
    for args in (["--version"], ["--help"], ["evaluate", "--help"]):
        probe = (
            f"import sys\nfrom claimledger.cli import app\ntry:\n    app({args!r})\nexcept SystemExit:\n    pass\n"
            "print(sorted(m for m in sys.modules if m.startswith(('claimledger.attribution', 'spacy', 'torch'))))"
        )
        loaded = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=120)
        assert loaded.stdout.splitlines()[-1] == "[]", (args, loaded.stdout, loaded.stderr)


def _registered(module: str, attribute: str) -> list[str]:
    found = getattr(import_module(module), attribute)
    return found.names() if hasattr(found, "names") else list(found)


@pytest.mark.parametrize(
    ("args", "option", "names"),
    [
        (["analyze", ".", "--stance", "oracle"], "--stance", ("claimledger.claims.stance", "stance_backends")),
        (["analyze", ".", "--attribution", "tagger"], "--attribution", ("claimledger.attribution", "extractors")),
        (["analyze", ".", "--executor", "spark"], "--executor", ("claimledger.executors", "executors")),
        (["analyze", ".", "--device", "tpu"], "--device", ("claimledger.devices", "DEVICES")),
        (["export", "--format", "xml"], "--format", ("claimledger.store.export", "EXPORT_FORMATS")),
        (["show", "everything"], "WHAT", ("claimledger.views", "TABLES")),
        (["evaluate", "fnc1", "--bodies", "b.csv", "--stances", "s.csv", "--split", "test"], "--split",
         ("claimledger.evaluate.fnc1", "SPLITS")),
        (["evaluate", "emergent", "e.csv", "--backend", "oracle"], "--backend",
         ("claimledger.claims.stance", "stance_backends")),
    ],
)
def test_a_wrong_name_is_a_usage_error_listing_the_names(tmp_path: Path, monkeypatch, args, option, names):
    monkeypatch.chdir(tmp_path)  # whatever --db is, ./ledger.db: nothing may appear here
    result = runner.invoke(app, args)
    assert result.exit_code == 2 and "Traceback" not in result.output
    assert f"Invalid value for '{option}" in result.output
    for name in _registered(*names):
        assert f"'{name}'" in result.output, name
    assert not list(tmp_path.iterdir())


def test_analyze_takes_a_numbered_cuda_device_and_no_other_form():
    from typer import BadParameter

    from claimledger.cli import DEVICES

    assert [DEVICES(device) for device in ("cpu", "cuda", "cuda:1", "auto")] == ["cpu", "cuda", "cuda:1", "auto"]
    for wrong in ("cuda:N", "cuda:x", "cpu:1", "gpu", ""):
        with pytest.raises(BadParameter, match="is not one of 'cpu', 'cuda', 'cuda:N', 'auto'"):
            DEVICES(wrong)


_STANCE = ("claimledger.claims.stance", "stance_backends")
_EXTRACTORS = ("claimledger.attribution", "extractors")


@pytest.mark.parametrize(
    ("command", "registries"),
    [
        (["analyze"], [_STANCE, _EXTRACTORS, ("claimledger.executors", "executors")]),
        (["export"], [("claimledger.store.export", "EXPORT_FORMATS")]),
        (["evaluate", "fnc1"], [_STANCE, ("claimledger.evaluate.fnc1", "SPLITS")]),
        (["evaluate", "polnear"], [_EXTRACTORS]),
    ],
)
def test_help_lists_the_names_an_option_takes(command: list[str], registries: list[tuple[str, str]]):
    result = runner.invoke(app, [*command, "--help"], env={"COLUMNS": "240"})
    assert result.exit_code == 0
    for registry in registries:
        assert f"<{'|'.join(_registered(*registry))}>" in result.stdout, registry
    assert "<cpu|cuda|cuda:N|auto>" in result.stdout or command == ["export"]
    assert "<bool>" not in result.stdout


def test_help_of_show_lists_the_tables():
    from claimledger.views import TABLES

    result = runner.invoke(app, ["show", "--help"], env={"COLUMNS": "240"})
    assert f"The table to show: {', '.join(TABLES.names())}." in result.stdout


def test_help_usage_writes_arguments_plainly():
    usage = {
        ("analyze",): "claimledger analyze [OPTIONS] [INPUTS]...",
        ("evaluate", "gold"): "claimledger evaluate gold [OPTIONS] GOLD_FILE",
        ("show",): "claimledger show [OPTIONS] [WHAT]",
    }
    for command, line in usage.items():
        assert line in runner.invoke(app, [*command, "--help"], env={"COLUMNS": "240"}).stdout, command
    assert "<bool>" not in runner.invoke(app, ["--help"]).stdout


@pytest.mark.parametrize("command", [["export"], ["report"], ["show"], ["serve"], ["analyze"]])
def test_a_command_without_db_reads_ledger_db_here_and_says_when_there_is_none(tmp_path: Path, monkeypatch, command):
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, command)
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert "E020 cannot open ledger ledger.db" in result.stderr
    assert not list(tmp_path.iterdir())


def test_export_and_report_without_db_read_ledger_db_here(demo_db: Path, tmp_path: Path, monkeypatch):
    with sqlite3.connect(demo_db) as source, sqlite3.connect(tmp_path / "ledger.db") as copy:
        source.backup(copy)
    monkeypatch.chdir(tmp_path)
    export = _run("export")
    assert export.exit_code == 0 and len(json.loads(export.stdout)["articles"]) == 4
    assert _run("report").exit_code == 0 and "<mark" in (tmp_path / "story.html").read_text(encoding="utf-8")
