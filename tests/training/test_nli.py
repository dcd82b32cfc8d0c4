"""Training the entailment model: a tiny run checkpoints, and a resumed run goes on from its step."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from claimledger.cli import app
from claimledger.errors import ConfigError
from claimledger.training.nli import (
    CHECKPOINT_DIR,
    STATE_FILE,
    SUMMARY_FILE,
    NliSettings,
    epoch_batches,
    load_checkpoint,
    train_nli,
    training_mix,
)

# Sets that read in well under a second, with three-way, binary and claim-stance labels.
TINY_MIX = {"negation-nli": 12, "megaveridicality": 6, "perspectrum": 6}


def _tiny() -> NliSettings:
    return NliSettings(mix=dict(TINY_MIX), batch_size=4)


def test_training_mix_is_deterministic_and_has_no_heldout_pairs(datasets_dir: Path) -> None:
    from claimledger.datasets import is_heldout

    first, counts = training_mix(_tiny(), datasets_dir)
    again, _ = training_mix(_tiny(), datasets_dir)
    assert first == again
    assert counts == TINY_MIX
    assert not any(is_heldout(p.group) for p in first)


def test_training_mix_refuses_evaluation_only_sets(datasets_dir: Path) -> None:
    with pytest.raises(ConfigError, match="E030"):
        training_mix(NliSettings(mix={"anli-dev-EVAL-ONLY": 10}), datasets_dir)


def test_training_mix_max_pairs_scales_every_set(datasets_dir: Path) -> None:
    _, counts = training_mix(NliSettings(mix={"negation-nli": 300, "perspectrum": 100}, max_pairs=40), datasets_dir)
    assert counts == {"negation-nli": 30, "perspectrum": 10}


def test_epoch_batches_cover_every_pair_once() -> None:
    lengths = [5, 9, 3, 7, 11, 2, 8]
    batches = epoch_batches(lengths, seed=1, epoch=0, batch_size=3)
    assert sorted(i for b in batches for i in b) == list(range(7))
    assert batches == epoch_batches(lengths, seed=1, epoch=0, batch_size=3)


@pytest.mark.slow
def test_train_nli_checkpoints_and_resume_goes_on_from_its_step(datasets_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "nli"
    first = train_nli(out, _tiny(), root=datasets_dir, threads=1, max_steps=2)
    assert first.step == 2 and not first.finished
    assert (out / CHECKPOINT_DIR / STATE_FILE).exists()
    assert (out / "weights.safetensors").exists() and (out / "config.json").exists()
    saved = load_checkpoint(out)
    assert saved["step"] == 2 and saved["seed"] == 0 and "optimiser" in saved

    second = train_nli(out, root=datasets_dir, threads=1, resume=True)
    assert second.resumed_from == 2
    assert second.finished and second.step == second.total_steps == 6
    summary = json.loads((out / SUMMARY_FILE).read_text())
    assert summary["finished"] and summary["counts"] == TINY_MIX


@pytest.mark.slow
def test_train_nli_resume_refuses_other_settings(datasets_dir: Path, tmp_path: Path) -> None:
    train_nli(tmp_path, _tiny(), root=datasets_dir, threads=1, max_steps=1)
    other = NliSettings(mix=dict(TINY_MIX), batch_size=8)
    with pytest.raises(ConfigError, match="E047"):
        train_nli(tmp_path, other, root=datasets_dir, resume=True)


def test_train_nli_resume_without_checkpoint_fails_cleanly(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["train", "nli", "-o", str(tmp_path), "--resume"])
    assert result.exit_code == 1
    assert "E047" in result.output and "no checkpoint" in result.output


@pytest.mark.slow
def test_cli_train_nli_then_evaluate_nli(datasets_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "nli"
    runner = CliRunner()
    args = ["train", "nli", "-o", str(out), "--max-pairs", "40", "--datasets", str(datasets_dir), "--max-steps", "1"]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    assert "stopped at step 1/" in result.output
    result = runner.invoke(app, ["train", "nli", "-o", str(out), "--resume", "--datasets", str(datasets_dir)])
    assert result.exit_code == 0, result.output
    assert "finished at step" in result.output

    result = runner.invoke(
        app, ["evaluate", "nli", "commitmentbank", "--model", str(out), "--datasets", str(datasets_dir)]
    )
    assert result.exit_code == 0, result.output
    assert "accuracy" in result.output and "contradicts" in result.output
