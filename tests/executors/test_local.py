"""Tests for claimledger/executors/local.py: worker processes write the same ledger as one process."""

from __future__ import annotations

from pathlib import Path

import pytest

from claimledger.errors import ConfigError
from claimledger.executors import AutoExecutor, LocalExecutor, ProcessExecutor, get_executor
from claimledger.pipeline import analyze
from claimledger.store import Ledger, ledger_to_dict


def _export(db: Path) -> dict:
    with Ledger.open(db, create=False) as ledger:
        return ledger_to_dict(ledger)


def test_workers_2_write_the_same_ledger_as_one_process(tmp_path: Path, examples_dir: Path):
    story = str(examples_dir / "harbor-story")
    one, two = tmp_path / "one.db", tmp_path / "two.db"
    first = analyze([story], str(one), batch_size=2)
    second = analyze([story], str(two), batch_size=2, workers=2)
    assert (second.added, second.statements) == (first.added, first.statements) == (4, first.statements)
    assert _export(two) == _export(one)


def test_workers_report_a_model_that_cannot_load_in_one_line(tmp_path: Path, examples_dir: Path):
    # The error is raised in the worker processes and must reach the caller as it is.
    with pytest.raises(ConfigError, match=r"^E036 cannot load the attribution tagger from .*nowhere"):
        analyze([str(examples_dir / "harbor-story")], str(tmp_path / "l.db"), tagger=str(tmp_path / "nowhere"),
                workers=2)
    with Ledger.open(tmp_path / "l.db") as ledger:
        assert ledger.count("articles") == 0


def test_get_executor_by_name_and_workers():
    assert isinstance(get_executor("local"), AutoExecutor)
    assert isinstance(get_executor("local", workers=3), ProcessExecutor)
    # A worker is one core, in this process as in the pool.
    assert get_executor("local", workers=1).threads == 1
    assert get_executor("local", workers=3).threads == 1
    assert get_executor("local", workers=1, threads=2).threads == 2
    with pytest.raises(ConfigError, match="E030 unknown executor 'dask'. Available: local, ray"):
        get_executor("dask")
    with pytest.raises(ConfigError, match="E073 --workers must be at least 1, not 0"):
        get_executor("local", workers=0)
    with pytest.raises(ConfigError, match="E072 .*--address is for --executor ray"):
        get_executor("local", address="ray://head:10001")
    assert get_executor("local", workers=3, threads=2).threads == 2
    assert get_executor("local", threads=2).threads == 2
    with pytest.raises(ConfigError, match="E073 --threads must be at least 1, not 0"):
        get_executor("local", workers=2, threads=0)


class _ThreadsSeen:
    """A stage that notes how many threads torch had for each batch."""

    def __init__(self) -> None:
        self.seen: list[int] = []

    def load(self) -> None:
        pass

    def __call__(self, articles):
        import torch

        self.seen.append(torch.get_num_threads())
        return []


def test_in_process_threads_hold_while_the_stages_run_and_are_given_back():
    import torch

    from claimledger.records import Article

    before = torch.get_num_threads()
    stage = _ThreadsSeen()
    batches = [[Article(id="a", source="a.txt", text="One.")], [Article(id="b", source="b.txt", text="Two.")]]
    assert list(LocalExecutor(threads=1).map(stage, batches)) == [[], []]
    assert stage.seen == [1, 1]
    assert torch.get_num_threads() == before  # the corpus stages after get every thread back


def test_cli_analyze_workers_option(tmp_path: Path, examples_dir: Path):
    from typer.testing import CliRunner

    from claimledger.cli import app

    story = str(examples_dir / "harbor-story" / "01-kestrel-bay-courier.txt")
    bad = CliRunner().invoke(app, ["analyze", story, "--db", str(tmp_path / "a.db"), "--workers", "0"])
    assert bad.exit_code == 1
    assert "E073 --workers must be at least 1, not 0" in bad.stderr
    no_threads = CliRunner().invoke(app, ["analyze", story, "--db", str(tmp_path / "c.db"), "--threads", "0"])
    assert no_threads.exit_code == 1
    assert "E073 --threads must be at least 1, not 0" in no_threads.stderr
    unknown = CliRunner().invoke(app, ["analyze", story, "--db", str(tmp_path / "b.db"), "--executor", "spark"])
    # Refused as the command line is read, naming the executors there are.
    assert unknown.exit_code == 2
    assert "'spark' is not one of 'local', 'ray'" in " ".join(unknown.output.split())


_GiB = 2**30


def test_automatic_workers_follow_the_cores_the_memory_and_the_input():
    auto = AutoExecutor(cores=4, memory=64 * _GiB)
    cpu = _ThreadsSeen()
    # One worker per 64 articles seen, at most one per core.
    assert [auto.workers_for(cpu, n) for n in (1, 63, 64, 128, 200, 10_000, None)] == [1, 1, 1, 2, 3, 4, 4]
    # Each automatic worker is given 2 GiB of RAM, and `threads` cores.
    assert AutoExecutor(cores=4, memory=5 * _GiB).workers_for(cpu, None) == 2
    assert AutoExecutor(cores=8, memory=64 * _GiB, threads=2).workers_for(cpu, None) == 4
    unknown = AutoExecutor(cores=4)
    unknown.memory = None  # where the system does not say, the cores decide
    assert unknown.workers_for(cpu, None) == 4
    # A GPU is owned by this process.
    on_gpu = _ThreadsSeen()
    on_gpu.device = "cuda:0"
    assert auto.workers_for(on_gpu, 10_000) == 1


def test_a_small_input_runs_in_this_process_on_every_core():
    import torch

    from claimledger.records import Article

    every_core = torch.get_num_threads()
    stage = _ThreadsSeen()
    batches = [[Article(id=f"{b}{i}", source=f"{b}{i}.txt", text="One.") for i in range(3)] for b in "ab"]
    with AutoExecutor(cores=2, memory=64 * _GiB) as auto:
        assert list(auto.map(stage, iter(batches))) == [[], []]
        assert isinstance(auto._chosen, LocalExecutor) and auto.workers == 1
    assert stage.seen == [every_core, every_core]
