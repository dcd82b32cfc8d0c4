"""The hand-made two-article story (tests/story.py) as a ledger, served on loopback."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
import story
from loopback import running_server

from claimledger.store import Ledger


@pytest.fixture(scope="module")
def story_db(tmp_path_factory) -> Path:
    db = tmp_path_factory.mktemp("server") / "story.db"
    batch = story.parsed_articles()
    with Ledger.open(db) as ledger:
        ledger.add_parsed(batch, story.SKIPPED)
        ledger.replace_analysis(story.analysis(batch))
    return db


@pytest.fixture(scope="module")
def api(story_db: Path) -> Iterator[httpx.Client]:
    with running_server(story_db) as url, httpx.Client(base_url=url, timeout=30) as client:
        yield client
