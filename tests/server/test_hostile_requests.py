"""Requests that try to get out of the API: SQL in filters, paths that climb out."""

from __future__ import annotations

import hashlib
from pathlib import Path

import httpx
import pytest

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
