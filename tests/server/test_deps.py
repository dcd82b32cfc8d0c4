"""What every route needs (server/_deps.py): here, refusing query parameters a route does not declare."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, FastAPI, Query
from fastapi.testclient import TestClient
from pydantic import BaseModel

from claimledger.server import handle_exception
from claimledger.server._deps import PageParams, refuse_unknown_query


class Window(BaseModel):
    since: str | None = None
    until: str | None = None


def _client() -> TestClient:
    router = APIRouter()

    @router.get("/plain")
    def plain(paging: PageParams, who: str | None = None, kind: Annotated[str | None, Query(alias="type")] = None):
        return {"limit": paging.limit, "who": who, "kind": kind}

    @router.get("/window")
    def window(span: Annotated[Window, Query()]):
        return span.model_dump()

    app = FastAPI()
    handle_exception.install(app)
    app.include_router(router, prefix="/api", dependencies=[Depends(refuse_unknown_query)])
    return TestClient(app)


def test_refuse_unknown_query_takes_declared_names_aliases_and_paging() -> None:
    client = _client()
    assert client.get("/api/plain", params={"who": "x", "type": "y", "limit": 2}).json() == {
        "limit": 2, "who": "x", "kind": "y",
    }
    refused = client.get("/api/plain", params={"kind": "y"}).json()
    assert refused["status"] == 422 and refused["error"] == (
        "E081 /api/plain takes no query parameter 'kind'. The query parameters it takes: limit, offset, who, type."
    )


def test_refuse_unknown_query_reads_the_fields_of_a_query_model() -> None:
    client = _client()
    assert client.get("/api/window", params={"since": "2022-11-01"}).status_code == 200
    refused = client.get("/api/window", params={"from": "2022-11-01"}).json()
    assert refused["error"].endswith("takes no query parameter 'from'. The query parameters it takes: since, until.")
