"""schemathesis against the server's own OpenAPI document, over a real server on loopback.

Every operation is called with generated valid and invalid input (coverage,
fuzzing and stateful phases, all checks): no 5xx, no undocumented status or
shape, invalid input refused, valid input accepted.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from loopback import running_server

from claimledger.store import Ledger

TOKEN = "schemathesis-token"


def _schemathesis() -> str:
    found = shutil.which("schemathesis") or str(Path(sys.executable).parent / "schemathesis")
    if not Path(found).exists():
        pytest.skip("schemathesis is not installed")
    return found




def _run(url: str, *options: str) -> subprocess.CompletedProcess:
    command = [
        _schemathesis(), "run", f"{url}/openapi.json", "--checks", "all", "--generation-deterministic",
        "--no-color", *options,
    ]
    return subprocess.run(command, capture_output=True, text=True, timeout=600)


def test_every_operation_conforms_to_the_openapi_document(story_db: Path) -> None:
    with running_server(story_db) as url:
        result = _run(url, "--max-examples", "30")
    assert result.returncode == 0, result.stdout[-6000:]
    assert "passed" in result.stdout


def test_uploads_with_the_token_conform_too(tmp_path: Path, story_db: Path) -> None:
    db = tmp_path / "uploads.db"
    db.write_bytes(story_db.read_bytes())
    with running_server(db, token=TOKEN) as url:
        result = _run(url, "--include-method", "POST", "--max-examples", "6", "-H", f"Authorization: Bearer {TOKEN}")
    assert result.returncode == 0, result.stdout[-6000:]
    with Ledger.open(db, create=False) as ledger:  # whatever was uploaded left a consistent ledger
        ids = {a.id for a in ledger.articles()}
        assert all(s.article_id in ids for s in ledger.statements())
