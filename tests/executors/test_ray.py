"""Tests for claimledger/executors/ray.py against a local Ray started here (two CPUs)."""

from __future__ import annotations

from pathlib import Path

import pytest

from claimledger.errors import ConfigError
from claimledger.pipeline import analyze
from claimledger.store import Ledger, ledger_to_dict

ray = pytest.importorskip("ray", reason="Ray is not installed (pip install 'claimledger[ray]')")


@pytest.fixture(scope="module")
def local_ray():
    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False, logging_level="ERROR")
    yield
    ray.shutdown()


def _export(db: Path) -> dict:
    with Ledger.open(db, create=False) as ledger:
        return ledger_to_dict(ledger)


def test_ray_executor_writes_the_same_ledger_as_local(local_ray, tmp_path: Path, examples_dir: Path):
    story = str(examples_dir / "harbor-story")
    local, on_ray = tmp_path / "local.db", tmp_path / "ray.db"
    # Rules only: the stage function is the same whatever extractor it runs, and rules load fast.
    analyze([story], str(local), batch_size=2, attribution="rules")
    summary = analyze([story], str(on_ray), batch_size=2, attribution="rules", executor="ray", workers=2)
    assert summary.added == 4 and summary.statements > 0
    assert _export(on_ray) == _export(local)
    assert ray.is_initialized()  # a Ray the caller started is left running


def test_ray_executor_reports_a_model_that_cannot_load_in_one_line(local_ray, tmp_path: Path, examples_dir: Path):
    with pytest.raises(ConfigError, match=r"^E031 cannot load the spaCy model 'no_such_model'"):
        analyze([str(examples_dir / "harbor-story")], str(tmp_path / "l.db"), model="no_such_model",
                executor="ray", workers=1)


def test_ray_executor_refuses_actors_larger_than_any_node(local_ray, tmp_path: Path, examples_dir: Path):
    from claimledger.errors import ExecutorError

    with pytest.raises(ExecutorError, match=r"E072 .*--threads 3 reserves more CPUs per actor than any Ray node"):
        analyze([str(examples_dir / "harbor-story")], str(tmp_path / "l.db"), attribution="rules",
                executor="ray", workers=1, threads=3)
    with Ledger.open(tmp_path / "l.db") as ledger:
        assert ledger.count("articles") == 0


def test_ray_executor_without_workers_starts_one_actor_per_cpu(local_ray, tmp_path: Path, examples_dir: Path):
    from claimledger.executors import RayExecutor

    local, on_ray = tmp_path / "local.db", tmp_path / "ray.db"
    analyze([str(examples_dir / "harbor-story")], str(local), batch_size=2, attribution="rules")
    with RayExecutor() as executor:
        analyze([str(examples_dir / "harbor-story")], str(on_ray), batch_size=2, attribution="rules",
                executor=executor)
        assert executor.workers == 2  # the two CPUs of the local Ray
    assert _export(on_ray) == _export(local)
