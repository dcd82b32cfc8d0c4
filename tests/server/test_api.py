"""The REST API and the pages, over a real server on loopback (tests/loopback.py)."""

from __future__ import annotations

import json
import re
import socket
import sqlite3
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
import story
from loopback import running_server

from claimledger.errors import ConfigError
from claimledger.server import SETTINGS, create_app, serve
from claimledger.store import Ledger
from claimledger.store.export import ledger_to_dict

RESOURCES = (
    "articles", "entities", "statements", "stances", "propositions", "positions", "contradictions", "framing",
)
TOKEN = "s3cret-token"






@pytest.fixture(scope="module")
def export(story_db: Path) -> dict:
    with Ledger.open(story_db) as ledger:
        return json.loads(json.dumps(ledger_to_dict(ledger), default=str))


def _items(api: httpx.Client, resource: str, **params) -> list[dict]:
    response = api.get(f"/api/{resource}", params=params)
    assert response.status_code == 200, response.text
    return response.json()["items"]


def _error(response: httpx.Response, status: int, code: str) -> None:
    assert response.status_code == status
    body = response.json()
    assert body == {"ok": False, "error": body["error"], "status": status}
    assert body["error"].startswith(code)


@pytest.mark.parametrize("resource", RESOURCES)
def test_api_lists_each_resource_as_its_export_rows(api: httpx.Client, export: dict, resource: str) -> None:
    body = api.get(f"/api/{resource}").json()
    assert body["ok"] is True and body["offset"] == 0 and body["limit"] == 50
    expected = export[resource]
    if resource == "articles":  # dates as ISO text either way
        expected = [{**a, "published_at": a["published_at"]} for a in expected]
    assert body["total"] == len(expected) and [_plain(item) for item in body["items"]] == expected


def _plain(row: dict) -> dict:
    """An API row as the export writes it: `<role>_fragments` absent, not null, where a span is one piece."""
    return {k: v for k, v in row.items() if not (k.endswith("_fragments") and v is None)}


def test_api_pages_through_statements(api: httpx.Client, export: dict) -> None:
    ids = [s["id"] for s in export["statements"]]
    pages = [api.get("/api/statements", params={"limit": 3, "offset": offset}).json() for offset in (0, 3)]
    assert [s["id"] for page in pages for s in page["items"]] == ids
    assert all(page["total"] == len(ids) for page in pages)
    assert api.get("/api/statements", params={"offset": 99}).json()["items"] == []
    far = api.get("/api/statements", params={"offset": 2**64}).json()  # past SQL's integers: found by schemathesis
    assert (far["total"], far["offset"], far["items"]) == (len(ids), 2**64, [])


@pytest.mark.parametrize("params", [{"limit": 0}, {"limit": 501}, {"offset": -1}])
def test_api_refuses_bad_paging_with_one_line(api: httpx.Client, params: dict) -> None:
    _error(api.get("/api/statements", params=params), 422, "E068")


@pytest.mark.parametrize(
    ("params", "count"),
    [
        ({"speaker_entity_id": story.BLINKEN}, 2),
        ({"kind": "direct"}, 1),
        ({"outlet": "Gulf Wire"}, 2),
        ({"proposition_id": story.PROPOSITION}, 4),
        ({"proposition_id": "no-such-proposition"}, 0),
        ({"stance": "deny"}, 1),
        ({"q": "drones russia"}, 2),
        ({"outlet": "Caspian Times", "kind": "mixed"}, 1),
    ],
)
def test_api_filters_statements(api: httpx.Client, params: dict, count: int) -> None:
    assert len(_items(api, "statements", **params)) == count


def test_api_filters_the_other_resources(api: httpx.Client) -> None:
    assert [a["outlet"] for a in _items(api, "articles", published_from="2022-11-06")] == ["Caspian Times"]
    assert [e["id"] for e in _items(api, "entities", q="secretary")] == [story.BLINKEN]
    assert _items(api, "entities", type="ORG") == []
    assert [p["entity_id"] for p in _items(api, "positions", stance="hedge")] == [story.PERSIAN]
    assert [c["kind"] for c in _items(api, "contradictions", kind="dispute")] == ["dispute"]
    assert len(_items(api, "contradictions", entity_id=story.BLINKEN)) == 1
    assert [f["outlet"] for f in _items(api, "framing", outlet="Gulf Wire")] == ["Gulf Wire"]
    assert len(_items(api, "propositions", q="drones")) == 1


def test_api_gets_one_record_or_a_404(api: httpx.Client, export: dict) -> None:
    statement = export["statements"][0]
    assert _plain(api.get(f"/api/statements/{statement['id']}").json()) == statement
    article = api.get(f"/api/articles/{statement['article_id']}").json()
    assert article["text"][statement["content_start"] : statement["content_end"]] == statement["content_text"]
    assert api.get(f"/api/entities/{story.BLINKEN}").json()["name"] == "Antony Blinken"
    assert api.get(f"/api/propositions/{story.PROPOSITION}").json()["statement_ids"]
    _error(api.get("/api/articles/a-missing"), 404, "E060")
    _error(api.get("/api/nothing-here"), 404, "E066")


def test_api_is_described_by_openapi_and_docs_work_offline(api: httpx.Client) -> None:
    schema = api.get("/openapi.json").json()
    for resource in RESOURCES:
        assert f"/api/{resource}" in schema["paths"]
    statement = schema["components"]["schemas"]["Statement"]["properties"]
    assert statement["content_start"]["type"] == "integer"
    assert "requestBody" in schema["paths"]["/api/articles"]["post"]
    docs = api.get("/docs")
    assert docs.status_code == 200 and "cdn" not in docs.text and "/static-docs/swagger-ui-bundle.js" in docs.text
    assert api.get("/static-docs/swagger-ui-bundle.js").status_code == 200


@pytest.mark.parametrize("path", ["/", "/positions", "/timeline", "/contradictions", "/framing", "/statements",
                                  "/propositions", "/actors", "/articles"])
def test_pages_render_the_report_sections(api: httpx.Client, path: str) -> None:
    page = api.get(path)
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    assert "script-src 'self'" in page.headers["content-security-policy"]
    assert '<script src="/static/report.js" defer></script>' in page.text
    assert "<script>" not in page.text  # no inline script on the pages


def test_article_page_highlights_spans_and_escapes_text(api: httpx.Client, export: dict) -> None:
    hostile = next(a for a in export["articles"] if "<script>" in a["text"])
    page = api.get(f"/articles/{hostile['id']}").text
    assert "&lt;script&gt;alert(&#39;pwned&#39;)&lt;/script&gt;" in page and "alert('pwned')" not in page
    for s in (s for s in export["statements"] if s["article_id"] == hostile["id"]):
        assert f'id="st-{s["id"]}"' in page
    assert api.get("/articles/a-missing").status_code == 404


def test_errors_are_html_for_browsers(api: httpx.Client) -> None:
    page = api.get("/no-such-page", headers={"accept": "text/html"})
    assert page.status_code == 404 and "<!doctype html>" in page.text and "E066" in page.text


def test_report_route_allows_only_its_own_script(api: httpx.Client) -> None:
    report = api.get("/report")
    policy = report.headers["content-security-policy"]
    assert "script-src 'sha256-" in policy and "default-src 'none'" in policy
    assert "script-src 'unsafe-inline'" not in policy


def test_uploads_are_off_without_a_token(api: httpx.Client) -> None:
    sent = api.post("/api/articles", json={"text": "Mayor said the river is clean."}, headers=_bearer(TOKEN))
    _error(sent, 403, "E061")


@pytest.fixture
def upload_api(tmp_path: Path, story_db: Path) -> Iterator[httpx.Client]:
    db = tmp_path / "upload.db"
    with sqlite3.connect(story_db) as source, sqlite3.connect(db) as copy:
        source.backup(copy)
    with running_server(db, token=TOKEN, max_upload_bytes=2_000) as url, httpx.Client(base_url=url, timeout=120) as c:
        yield c


def _bearer(token: str) -> dict[str, str]:
    return {"authorization": f"Bearer {token}"}


def test_uploads_need_the_token_and_a_small_valid_article(upload_api: httpx.Client) -> None:
    article = {"text": "The port is safe, the harbour master said on Monday."}
    missing = upload_api.post("/api/articles", json=article)
    _error(missing, 401, "E062")
    assert missing.headers["www-authenticate"] == "Bearer"
    _error(upload_api.post("/api/articles", json=article, headers=_bearer("wrong")), 401, "E062")
    _error(upload_api.post("/api/articles", json={"text": "x" * 3_000}, headers=_bearer(TOKEN)), 413, "E063")
    _error(upload_api.post("/api/articles", content=b"{not json", headers=_bearer(TOKEN)), 422, "E064")
    _error(upload_api.post("/api/articles", json={"title": "no text"}, headers=_bearer(TOKEN)), 422, "E064")
    bad_date = {**article, "published_at": "last week"}
    _error(upload_api.post("/api/articles", json=bad_date, headers=_bearer(TOKEN)), 422, "E064")
    assert upload_api.get("/api/articles").json()["total"] == 2  # nothing was written


def test_upload_with_the_token_adds_and_analyses_the_article(upload_api: httpx.Client) -> None:
    article = {
        "title": "Harbour master: port is safe",
        "text": "Harbour master: port is safe\nThe port is safe, harbour master Ana Ruiz said on Monday. "
                "\"Nothing leaked,\" she told reporters.\n",
        "outlet": "Port Gazette",
        "published_at": "2022-11-07",
    }
    added = upload_api.post("/api/articles", json=article, headers=_bearer(TOKEN))
    assert added.status_code == 201, added.text
    body = added.json()
    assert body["ok"] and body["added"] and body["statements"] >= 1
    stored = upload_api.get(f"/api/articles/{body['article_id']}").json()
    assert stored["outlet"] == "Port Gazette" and stored["published_at"] == "2022-11-07"
    said = _items(upload_api, "statements", article_id=body["article_id"])
    assert any("Nothing leaked" in s["content_text"] for s in said)
    again = upload_api.post("/api/articles", json=article, headers=_bearer(TOKEN)).json()
    assert again["added"] is False and upload_api.get("/api/articles").json()["total"] == 3


def test_upload_in_a_language_without_a_model_is_stored_not_analysed(upload_api: httpx.Client) -> None:
    article = {
        "text": "Hafenmeisterin: Der Hafen ist sicher\nDer Hafen ist sicher, sagte Hafenmeisterin Anja Ruhland "
                "am Montag. „Es ist nichts ausgelaufen“, sagte sie vor Journalisten in Wolgast.\n",
    }
    added = upload_api.post("/api/articles", json=article, headers=_bearer(TOKEN)).json()
    assert (added["added"], added["language"], added["analysed"], added["statements"]) == (True, "de", False, 0)
    stored = upload_api.get(f"/api/articles/{added['article_id']}").json()
    assert (stored["language"], stored["analysed"]) == ("de", False)
    assert not _items(upload_api, "statements", article_id=added["article_id"])


def test_server_listens_on_loopback_by_default() -> None:
    assert {s.name: s.default for s in SETTINGS}["host"] == "127.0.0.1"


def test_serve_on_a_busy_port_is_one_line(story_db: Path) -> None:
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        with pytest.raises(ConfigError, match=r"^E065 cannot serve on 127\.0\.0\.1:\d+: "):
            serve(story_db, port=busy.getsockname()[1])


def test_loopback_server_answers_only_loopback_host_names(story_db: Path) -> None:
    from claimledger.server.app import LOOPBACK_NAMES

    with running_server(story_db, allowed_hosts=LOOPBACK_NAMES) as url, httpx.Client(base_url=url) as client:
        assert client.get("/api/entities").status_code == 200
        assert client.get("/api/entities", headers={"host": "localhost:8000"}).status_code == 200
        rebound = client.get("/api/entities", headers={"host": "attacker.example"})
        assert rebound.status_code == 400


def test_an_empty_ledger_serves_empty_pages_and_lists(tmp_path: Path) -> None:
    db = tmp_path / "empty.db"
    Ledger.open(db).close()
    with running_server(db) as url, httpx.Client(base_url=url) as client:
        for path in ("/", "/positions", "/timeline", "/contradictions", "/framing", "/statements", "/articles"):
            assert client.get(path).status_code == 200, path
        assert client.get("/api/statements").json() == {"ok": True, "total": 0, "limit": 50, "offset": 0, "items": []}


# Issue 19: contradictions come best-founded first and can be filtered by their strength (confidence).
def test_api_contradictions_sorted_and_filtered_by_strength(api: httpx.Client) -> None:
    every = _items(api, "contradictions")
    strengths = [c["strength"] for c in every if c["strength"] is not None]
    assert strengths == sorted(strengths, reverse=True)
    floor = min(strengths)
    assert len(_items(api, "contradictions", min_strength=floor)) == len(strengths)
    assert _items(api, "contradictions", min_strength=1.0) == [c for c in every if c["strength"] == 1.0]
    assert api.get("/api/contradictions", params={"min_strength": 2}).status_code in (400, 422)


# Issue 21: the front door. A query parameter a route does not take is refused, not ignored.
def _api_get_paths(db: Path) -> list[str]:
    """Every GET route of the API, read from the app, so that a new route is checked too."""
    from fastapi import FastAPI, routing

    app: FastAPI = create_app(db)
    # Newer FastAPI keeps each included router whole in app.routes; iter_route_contexts opens them.
    routes = routing.iter_route_contexts(app.routes) if hasattr(routing, "iter_route_contexts") else app.routes
    return sorted({
        route.path for route in routes
        if "GET" in (getattr(route, "methods", None) or ()) and getattr(route, "path", "").startswith("/api/")
    })


def test_every_api_route_refuses_an_unknown_query_parameter(api: httpx.Client, story_db: Path) -> None:
    paths = _api_get_paths(story_db)
    assert {f"/api/{resource}" for resource in RESOURCES} <= set(paths)
    schema = api.get("/openapi.json").json()
    for path in paths:
        declared = [p["name"] for p in schema["paths"][path]["get"].get("parameters", []) if p["in"] == "query"]
        url = re.sub(r"\{[^}]+\}", "someone", path)
        known = {"limit": 5} if "limit" in declared else {}
        response = api.get(url, params={**known, "no_such_filter": "x"})
        _error(response, 422, "E081")
        message = response.json()["error"]
        assert message.startswith(f"E081 {url} takes no query parameter 'no_such_filter'."), path
        taken = message.rsplit("it takes: ", 1)[1].rstrip(".")
        assert set(taken.split(", ")) == (set(declared) or {"none"}), path


def test_api_names_each_unknown_parameter_and_what_the_route_takes(api: httpx.Client) -> None:
    response = api.get("/api/statements", params={"speaker": "lucia-ortega", "kind": "direct", "Limit": 2})
    _error(response, 422, "E081")
    assert response.json()["error"] == (
        "E081 /api/statements takes no query parameter 'speaker' or 'Limit'. The query parameters it takes: "
        "limit, offset, article_id, speaker_entity_id, kind, outlet, proposition_id, stance, q."
    )
    assert api.get("/api/statements", params={"speaker_entity_id": story.BLINKEN, "limit": 1}).status_code == 200


def test_api_documents_its_422_in_the_error_shape(api: httpx.Client) -> None:
    schema = api.get("/openapi.json").json()
    for path, operations in schema["paths"].items():
        if path.startswith("/api/"):
            for method, operation in operations.items():
                assert operation["responses"]["422"]["content"]["application/json"]["schema"] == {
                    "$ref": "#/components/schemas/ErrorOut"
                }, (method, path)


def test_pages_ignore_tracking_parameters(api: httpx.Client) -> None:
    for path in ("/", "/positions", "/report"):
        assert api.get(path, params={"utm_source": "newsletter", "fbclid": "x"}).status_code == 200, path


def test_api_lists_stances_filtered_and_paged(api: httpx.Client, export: dict) -> None:
    stances = export["stances"]
    assert len(stances) == 4
    first = stances[0]
    assert _items(api, "stances", statement_id=first["statement_id"]) == [first]
    assert _items(api, "stances", proposition_id=story.PROPOSITION) == stances
    assert _items(api, "stances", proposition_id="no-such-proposition") == []
    assert [s["stance"] for s in _items(api, "stances", stance="support")] == ["support", "support"]
    blinken = {s["id"] for s in export["statements"] if s["speaker_entity_id"] == story.BLINKEN}
    said = _items(api, "stances", entity_id=story.BLINKEN)
    assert said and {s["statement_id"] for s in said} == blinken & {s["statement_id"] for s in stances}
    assert _items(api, "stances", entity_id=story.PERSIAN, stance="support") == []
    assert _items(api, "stances", method="rules.v1") == stances and _items(api, "stances", method="nli.v1") == []
    pages = [api.get("/api/stances", params={"limit": 3, "offset": offset}).json() for offset in (0, 3)]
    assert [len(page["items"]) for page in pages] == [3, 1] and all(page["total"] == 4 for page in pages)
    assert [s for page in pages for s in page["items"]] == stances
    assert api.get("/api/stances", params={"offset": 99}).json()["items"] == []
    _error(api.get("/api/stances", params={"limit": 0}), 422, "E068")


def test_favicon_is_a_small_svg(api: httpx.Client) -> None:
    icon = api.get("/favicon.ico")
    assert icon.status_code == 200 and icon.headers["content-type"] == "image/svg+xml"
    assert "max-age" in icon.headers["cache-control"] and len(icon.content) < 1_000
    assert ET.fromstring(icon.text).tag == "{http://www.w3.org/2000/svg}svg"


# Issue 21: the database filters, counts and pages the lists. Filters together, and
# with paging, answer what the export holds.
def test_api_filters_statements_together_and_pages_them(api: httpx.Client, export: dict) -> None:
    statements, stances = export["statements"], export["stances"]
    gulf = next(a["id"] for a in export["articles"] if a["outlet"] == "Gulf Wire")
    stance_of = {s["statement_id"]: s["stance"] for s in stances}

    def ids(**params) -> list[str]:
        return [s["id"] for s in _items(api, "statements", **params)]

    assert ids(article_id=gulf, stance="support") == [
        s["id"] for s in statements if s["article_id"] == gulf and stance_of[s["id"]] == "support"
    ]
    assert ids(speaker_entity_id=story.BLINKEN, q="DRONES ukraine") == [
        s["id"] for s in statements if s["speaker_entity_id"] == story.BLINKEN and "Ukraine" in s["content_text"]
    ]
    persian = ids(outlet="Caspian Times", proposition_id=story.PROPOSITION, speaker_entity_id=story.PERSIAN)
    assert persian == [s["id"] for s in statements if s["speaker_text"] == "Amir-Abdollahian"]
    assert ids(q="according") == []  # the words are looked for in the content and the speaker, not the cue
    assert ids(q="blinken killing") == [s["id"] for s in statements if "killing" in s["content_text"]]
    blinken = [s["id"] for s in statements if s["speaker_entity_id"] == story.BLINKEN]
    for offset in (0, 1, 2, 5):
        page = api.get("/api/statements", params={"speaker_entity_id": story.BLINKEN, "limit": 1, "offset": offset})
        assert page.json()["total"] == 2 and [s["id"] for s in page.json()["items"]] == blinken[offset : offset + 1]


def test_api_filters_the_other_resources_together(api: httpx.Client, export: dict) -> None:
    first, second = (s["id"] for s in export["statements"][:2])
    gulf, caspian = (a["id"] for a in export["articles"])
    window = {"published_from": "2022-11-05", "published_to": "2022-11-05"}
    assert [a["outlet"] for a in _items(api, "articles", **window)] == ["Gulf Wire"]
    assert [a["outlet"] for a in _items(api, "articles", q="caspian")] == ["Caspian Times"]  # the source
    assert [a["outlet"] for a in _items(api, "articles", q="drones russia")] == ["Gulf Wire", "Caspian Times"]
    assert _items(api, "articles", outlet="Gulf Wire", q="tehran") == []
    _error(api.get("/api/articles", params={"published_to": "yesterday"}), 422, "E068")
    assert [e["id"] for e in _items(api, "entities", q="blinken SECRETARY")] == [story.BLINKEN]  # alias and role
    assert [e["id"] for e in _items(api, "entities", type="PERSON", q="iran's")] == [story.PERSIAN]
    assert [p["id"] for p in _items(api, "propositions", statement_id=first, q="drones")] == [story.PROPOSITION]
    assert _items(api, "propositions", statement_id="no-such-statement") == []
    said = _items(api, "stances", entity_id=story.PERSIAN, proposition_id=story.PROPOSITION, method="rules.v1")
    assert [s["stance"] for s in said] == ["deny", "hedge"]
    assert len(_items(api, "positions", entity_id=story.BLINKEN, proposition_id=story.PROPOSITION)) == 1
    assert _items(api, "positions", entity_id=story.PERSIAN, stance="support") == []
    strong = _items(api, "contradictions", proposition_id=story.PROPOSITION, min_strength=0.5)
    assert [c["kind"] for c in strong] == ["reversal"]
    disputes = _items(api, "contradictions", entity_id=story.PERSIAN, kind="dispute")
    assert [(c["statement_a"], c["statement_b"]) for c in disputes] == [(first, second)]
    assert [f["outlet"] for f in _items(api, "framing", article_id=gulf)] == ["Gulf Wire"]
    assert _items(api, "framing", outlet="Gulf Wire", article_id=caspian) == []


def test_api_gets_one_record_by_id_or_a_404(api: httpx.Client, export: dict) -> None:
    for resource, kind in (("statements", "statement"), ("entities", "entity"), ("propositions", "proposition")):
        record = export[resource][-1]
        assert _plain(api.get(f"/api/{resource}/{record['id']}").json()) == record
        missing = api.get(f"/api/{resource}/no-such-{kind}")
        _error(missing, 404, "E060")
        assert kind in missing.json()["error"]
