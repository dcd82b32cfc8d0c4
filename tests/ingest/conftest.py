"""Fixtures for the ingest tests: the hand-written inputs and fake web servers."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import httpx
import pytest

DATA = Path(__file__).resolve().parents[1] / "data" / "ingest"


@pytest.fixture(scope="session")
def ingest_data() -> Path:
    """tests/data/ingest: small inputs written by hand (see its README.md)."""
    return DATA


@pytest.fixture
def mock_client() -> Iterator[Callable[[Callable[[httpx.Request], httpx.Response]], httpx.Client]]:
    """Make an `httpx.Client` whose requests are answered by a function, never the network."""
    clients: list[httpx.Client] = []

    def make(handler: Callable[[httpx.Request], httpx.Response]) -> httpx.Client:
        client = httpx.Client(transport=httpx.MockTransport(handler), follow_redirects=True)
        clients.append(client)
        return client

    yield make
    for client in clients:
        client.close()


@pytest.fixture
def fake_site(mock_client) -> Callable[[dict[str, tuple[str, bytes | str]]], httpx.Client]:
    """Make a client on a fake site: URL → (content type, body); anything else is a 404."""

    def make(pages: dict[str, tuple[str, bytes | str]]) -> httpx.Client:
        def handle(request: httpx.Request) -> httpx.Response:
            if str(request.url) not in pages:
                return httpx.Response(404, request=request)
            content_type, body = pages[str(request.url)]
            return httpx.Response(200, headers={"content-type": content_type}, content=body, request=request)

        return mock_client(handle)

    return make
