"""Requests that try to get out of the API: SQL in filters, paths that climb out."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
import story
from loopback import running_server

from claimledger.store import Ledger

INJECTIONS = ["' OR '1'='1", "x'; DROP TABLE statements; --", '" OR ""="', "1 UNION SELECT text FROM articles", "%", "_"]
FILTERS = {
    "statements": ["speaker_entity_id", "kind", "outlet", "proposition_id", "stance", "q"],
    "articles": ["outlet", "q"],
    "entities": ["q", "type"],
    "positions": ["stance", "entity_id", "proposition_id"],
    "contradictions": ["kind", "entity_id"],
    "framing": ["outlet"],
    "propositions": ["q"],
}


@pytest.fixture(scope="module")
def story_db(tmp_path_factory) -> Path:
    db = tmp_path_factory.mktemp("hostile-api") / "story.db"
    batch = story.parsed_articles()
    with Ledger.open(db) as ledger:
        ledger.add_parsed(batch, story.SKIPPED)
        ledger.replace_analysis(story.analysis(batch))
    return db


@pytest.fixture(scope="module")
def api(story_db: Path) -> Iterator[httpx.Client]:
    with running_server(story_db) as url, httpx.Client(base_url=url, timeout=30) as client:
        yield client


def test_filters_cannot_inject_sql(api: httpx.Client, story_db: Path) -> None:
    before = hashlib.sha256(story_db.read_bytes()).hexdigest()
    for resource, names in FILTERS.items():
        for name in names:
            for value in INJECTIONS:
                response = api.get(f"/api/{resource}", params={name: value})
                assert response.status_code in (200, 422), (resource, name, value, response.text)
                if response.status_code == 200:
                    assert response.json()["items"] == [], (resource, name, value)
    assert hashlib.sha256(story_db.read_bytes()).hexdigest() == before  # nothing was written
    assert len(api.get("/api/statements").json()["items"]) == 4


@pytest.mark.parametrize(
    "path",
    [
        "/api/articles/..%2F..%2F..%2Fetc%2Fpasswd",
        "/api/articles/../../etc/passwd",
        "/static/..%2F..%2F..%2Fpyproject.toml",
        "/static/../../../pyproject.toml",
        "/static/%2e%2e/%2e%2e/store/schema.py",
        "/articles/..%2F..%2Fetc%2Fpasswd",
        "/api/statements/%00",
    ],
)
def test_no_path_climbs_out_of_the_app(api: httpx.Client, path: str) -> None:
    response = api.get(path)
    assert response.status_code in (400, 404), (path, response.status_code)
    assert "root:" not in response.text and "[project]" not in response.text and "Table(" not in response.text
