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


def test_a_window_gives_every_actor_many_batches():
    """Actors load the models once per window: a window grows with the actors sharing it."""
    from claimledger.executors.ray import BATCHES_PER_ACTOR, WINDOW_BATCHES, RayExecutor

    assert RayExecutor(1).batches_per_window() == WINDOW_BATCHES
    assert RayExecutor(64).batches_per_window() == 64 * BATCHES_PER_ACTOR
    assert RayExecutor(64, window_batches=5).batches_per_window() == 5


def test_results_are_handed_on_in_input_order_as_soon_as_each_batch_is_complete():
    from claimledger.executors.ray import _InOrder
    from claimledger.records import Article, ParsedArticle

    def parsed(name: str) -> ParsedArticle:
        return ParsedArticle(Article(id=name, source=name, text=name))

    results = _InOrder([0, 2, 1])
    assert [[p.article.id for p in batch] for batch in results.ready()] == [[]]  # the empty first batch at once
    results.add(2, 0, parsed("c0"))
    assert list(results.ready()) == []  # batch 1 is not complete yet
    results.add(1, 1, parsed("b1"))
    results.add(1, 0, parsed("b0"))
    assert [[p.article.id for p in batch] for batch in results.ready()] == [["b0", "b1"], ["c0"]]
    assert list(results.ready()) == []


def test_windows_one_after_another_write_the_same_ledger(local_ray, tmp_path: Path, examples_dir: Path):
    from claimledger.executors import RayExecutor

    story = str(examples_dir / "harbor-story")
    local, on_ray = tmp_path / "local.db", tmp_path / "ray.db"
    analyze([story], str(local), batch_size=1, attribution="rules")
    with RayExecutor(2, window_batches=3) as executor:  # four one-article batches: windows of 3 and 1
        analyze([story], str(on_ray), batch_size=1, attribution="rules", executor=executor)
    assert _export(on_ray) == _export(local)
