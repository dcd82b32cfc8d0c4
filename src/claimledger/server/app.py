"""The web application: `create_app` builds it, `serve` runs it with uvicorn.

The settings (name, default, help) are one table in `settings.py`, which the
CLI's `serve` options are made from.
"""

from __future__ import annotations

import ipaddress
import os
import socket
import threading
from collections.abc import AsyncIterator, Callable, Sequence
from contextlib import asynccontextmanager
from dataclasses import dataclass
from typing import Any

import uvicorn
from fastapi import Depends, FastAPI, Request, Response
from fastapi.staticfiles import StaticFiles
from fastapi_offline import FastAPIOffline
from starlette.middleware.trustedhost import TrustedHostMiddleware

from .. import __version__
from ..errors import ConfigError, Errors
from ..store import Ledger
from . import handle_exception
from ._deps import INVALID, refuse_unknown_query
from .routes import API_ROUTERS, PAGE_ROUTERS
from .settings import DEFAULTS, SETTINGS, TOKEN_VARIABLE, Setting

__all__ = ["SETTINGS", "Setting", "ServerSettings", "create_app", "serve"]




@dataclass(frozen=True)
class ServerSettings:
    token: str | None = None
    max_upload_bytes: int = DEFAULTS["max_upload_bytes"]


DESCRIPTION = """The claimledger ledger over HTTP: articles, entities (actors), statements,
stances, propositions, positions, contradictions and framing. Items have the fields of the JSON
export (docs/export.md); lists take `limit` and `offset` and answer `{ok, total, limit, offset, items}`.
A query parameter a route does not take is refused (422), not ignored.
Errors answer `{"ok": false, "error", "status"}`. Adding articles needs the server's token."""

# Pages take scripts and styles from /static only (inline style attributes place
# timeline points); the API docs and the report set their own.
_PAGE_CSP = ("default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
             "base-uri 'none'; form-action 'self'; frame-ancestors 'none'")
_DOCS = ("/docs", "/redoc")


def create_app(
    db: str | os.PathLike[str],
    *,
    token: str | None = None,
    max_upload_bytes: int = DEFAULTS["max_upload_bytes"],
    allowed_hosts: Sequence[str] | None = None,
) -> FastAPI:
    """The app serving the ledger `db`, which must exist (`LedgerError` otherwise).

    `allowed_hosts` are the Host headers answered (all when None); `serve` on a
    loopback address allows only loopback names, so a web page cannot reach the
    ledger by rebinding its own domain name to 127.0.0.1.
    """
    ledger = Ledger.open(db, create=False)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        yield
        ledger.close()

    app = FastAPIOffline(
        title="claimledger", version=__version__, description=DESCRIPTION, lifespan=lifespan,
        static_url="/static-docs",
    )
    app.state.ledger = ledger
    app.state.settings = ServerSettings(token or None, max_upload_bytes)
    app.state.write_lock = threading.Lock()
    app.mount("/static", StaticFiles(packages=[("claimledger.report", "static")]), name="static")
    handle_exception.install(app)
    app.middleware("http")(_security_headers)
    if allowed_hosts is not None:
        app.add_middleware(TrustedHostMiddleware, allowed_hosts=list(allowed_hosts))
    for router in API_ROUTERS:
        app.include_router(router, dependencies=[Depends(refuse_unknown_query)], responses=INVALID)
    for router in PAGE_ROUTERS:
        app.include_router(router)
    return app


LOOPBACK_NAMES = ("127.0.0.1", "localhost", "::1", "[::1]")


def _is_loopback(host: str) -> bool:
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return host == "localhost"


async def _security_headers(request: Request, call_next: Any) -> Response:
    response: Response = await call_next(request)
    response.headers.setdefault("X-Content-Type-Options", "nosniff")
    response.headers.setdefault("Referrer-Policy", "no-referrer")
    if not request.url.path.startswith(_DOCS):
        response.headers.setdefault("Content-Security-Policy", _PAGE_CSP)
        response.headers.setdefault("X-Frame-Options", "DENY")
    return response


def serve(
    db: str | os.PathLike[str],
    *,
    host: str = DEFAULTS["host"],
    port: int = DEFAULTS["port"],
    token: str | None = None,
    max_upload_bytes: int = DEFAULTS["max_upload_bytes"],
    log_level: str = "info",
    on_ready: Callable[[str], None] | None = None,
) -> None:
    """Serve the ledger `db` until interrupted. The port is bound first, so a busy
    one is a one-line `ConfigError` rather than a server that never starts;
    `on_ready` is then told the URL."""
    app = create_app(
        db, token=token or os.environ.get(TOKEN_VARIABLE), max_upload_bytes=max_upload_bytes,
        allowed_hosts=LOOPBACK_NAMES if _is_loopback(host) else None,
    )
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
        family = infos[0][0]
        sock = socket.socket(family, socket.SOCK_STREAM)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind((host, port))
    except OSError as e:
        raise ConfigError(Errors.E065.format(host=host, port=port, reason=e.strerror or e)) from e
    if on_ready is not None:
        on_ready(f"http://{host}:{sock.getsockname()[1]}/")
    config = uvicorn.Config(app, log_level=log_level, host=host, port=port)
    uvicorn.Server(config).run(sockets=[sock])
