"""The web app keeps serving while `claimledger analyze` writes to the same SQLite ledger.

Readers must never error, and never see half of a batch: articles only ever
grow, and every statement a reader sees belongs to an article it can fetch.
"""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import httpx
from loopback import running_server

from claimledger.store import Ledger


def test_serving_while_analyze_writes(tmp_path: Path, examples_dir: Path) -> None:
    db = tmp_path / "live.db"
    Ledger.open(db).close()  # an empty ledger, being served before anything is in it
    with running_server(db) as url, httpx.Client(base_url=url, timeout=60) as api:
        writer = subprocess.Popen(
            [sys.executable, "-m", "claimledger.cli", "analyze", str(examples_dir / "harbor-story"),
             "--db", str(db), "--batch-size", "1"],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        )
        seen_totals, polls = [], 0
        deadline = time.monotonic() + 300
        while writer.poll() is None and time.monotonic() < deadline:
            statements = api.get("/api/statements", params={"limit": 500})
            positions = api.get("/api/positions")
            articles = api.get("/api/articles", params={"limit": 500})
            for response in (statements, positions, articles):
                assert response.status_code == 200, response.text
            known = {a["id"] for a in articles.json()["items"]}
            assert {s["article_id"] for s in statements.json()["items"]} <= known
            seen_totals.append(articles.json()["total"])
            polls += 1
        out, err = writer.communicate(timeout=60)
        assert writer.returncode == 0, err
        final = api.get("/api/articles").json()["total"]
    assert polls >= 3
    assert seen_totals == sorted(seen_totals)  # never a step back
    assert final == 4 and "Traceback" not in err
