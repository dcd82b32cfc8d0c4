"""Fixtures shared by the whole suite.

The sample story lives in ../shared beside the checkout and never inside the
project; tests that need it read it from there (or from $CLAIMLEDGER_SHARED)
and are skipped when it is absent.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("CLAIMLEDGER_SHARED", REPO_ROOT.parent / "shared"))


def _require(path: Path) -> Path:
    if not path.exists():
        pytest.skip(f"{path} is not available")
    return path


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    return _require(SHARED)


@pytest.fixture(scope="session")
def seeds_dir(shared_dir: Path) -> Path:
    return _require(shared_dir / "corpus" / "seeds")


@pytest.fixture(scope="session")
def seeds_gold(shared_dir: Path) -> dict:
    path = _require(shared_dir / "corpus" / "seeds.gold.json")
    return json.loads(path.read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def examples_dir() -> Path:
    return REPO_ROOT / "examples"


# Ledgers built in tmp_path from the hand-made two-article story in story.py,
# shared by the store, report and views tests.
from story import batch, db_path, ledger, story_analysis  # noqa: E402,F401
