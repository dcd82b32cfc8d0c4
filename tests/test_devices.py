"""Tests for claimledger/devices.py and --device on a machine without a GPU."""

from __future__ import annotations

from pathlib import Path

import pytest
import torch
from typer.testing import CliRunner

from claimledger.cli import app
from claimledger.devices import resolve_device, spacy_on_device
from claimledger.errors import ConfigError

no_gpu = pytest.mark.skipif(torch.cuda.is_available(), reason="a GPU is here")


def test_resolve_device_cpu_is_cpu():
    assert resolve_device("cpu") == "cpu"
    assert spacy_on_device("cpu") is False


@no_gpu
def test_resolve_device_auto_falls_back_to_cpu():
    assert resolve_device("auto") == "cpu"


@no_gpu
@pytest.mark.parametrize("device", ["cuda", "cuda:0"])
def test_resolve_device_cuda_without_gpu_says_so(device: str):
    expected = rf"^E070 --device {device} was asked for, but this machine has .*--device cpu"
    with pytest.raises(ConfigError, match=expected):
        resolve_device(device)


@pytest.mark.parametrize("device", ["tpu", "cuda:x", "cpu:1", ""])
def test_resolve_device_unknown_name_lists_the_valid_ones(device: str):
    with pytest.raises(ConfigError, match="E030 unknown device .*cpu, cuda, cuda:N, auto"):
        resolve_device(device)


@no_gpu
def test_analyze_device_cuda_without_gpu_is_one_line_and_writes_nothing(tmp_path: Path, examples_dir: Path):
    db = tmp_path / "ledger.db"
    story = str(examples_dir / "harbor-story")
    result = CliRunner().invoke(app, ["analyze", story, "--db", str(db), "--device", "cuda"])
    assert result.exit_code == 1
    assert result.stderr.startswith("error: E070 --device cuda was asked for")
    assert "Traceback" not in result.output
    assert not db.exists()


@no_gpu
def test_analyze_device_auto_runs_on_cpu(tmp_path: Path, examples_dir: Path):
    db = tmp_path / "ledger.db"
    story = examples_dir / "harbor-story" / "01-kestrel-bay-courier.txt"
    result = CliRunner().invoke(app, ["analyze", str(story), "--db", str(db), "--device", "auto"])
    assert result.exit_code == 0, result.output
    assert "1 article(s) added" in result.stdout
