"""Requests that try to get out of the API: SQL in filters, paths that climb out."""

from __future__ import annotations

import hashlib
from pathlib import Path

import httpx
import pytest

INJECTIONS = [
    "' OR '1'='1", "x'; DROP TABLE statements; --", '" OR ""="', "1 UNION SELECT text FROM articles", "%", "_",
]
FILTERS = {
    "statements": ["speaker_entity_id", "kind", "outlet", "proposition_id", "stance", "q"],
    "stances": ["statement_id", "proposition_id", "entity_id", "stance", "method"],
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


# Issue 20: every 405 names the methods the path takes, in the Allow header and the message.
def _route_paths(db: Path) -> list[str]:
    from fastapi import routing

    from claimledger.server import create_app

    # Newer FastAPI keeps each included router whole in app.routes; iter_route_contexts opens them.
    routes = create_app(db).router.routes
    paths = []
    for route in routing.iter_route_contexts(routes) if hasattr(routing, "iter_route_contexts") else routes:
        path = getattr(route, "path", "")
        if path and "{" not in path and not path.startswith(("/docs", "/redoc", "/openapi")):
            paths.append(path)
    return sorted(set(paths)) + ["/static/report.css", "/api/entities/someone"]


@pytest.mark.parametrize("method", ["PUT", "DELETE", "PATCH"])
def test_wrong_method_names_the_allowed_ones(api: httpx.Client, story_db: Path, method: str) -> None:
    for path in _route_paths(story_db):
        response = api.request(method, path)
        if response.status_code != 405:
            continue
        allow = response.headers.get("allow", "")
        assert allow.strip(), (method, path)
        assert "it takes ." not in response.text and f"it takes {allow}" in response.text.replace("&#39;", "'"), path
