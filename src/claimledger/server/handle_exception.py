"""The one error handler: any error becomes `{"ok": false, "error", "status"}` JSON
for the API, or an HTML page for a browser, with a one-line message and no trace."""

from __future__ import annotations

import logging

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from starlette.exceptions import HTTPException
from starlette.routing import Match, Mount

from ..errors import ClaimledgerError, Errors
from ..report import render_page
from ..report._story import SECTIONS

__all__ = ["handle_exception", "install"]

logger = logging.getLogger(__name__)


def install(app: FastAPI) -> None:
    for kind in (HTTPException, RequestValidationError, Exception):
        app.add_exception_handler(kind, handle_exception)


async def handle_exception(request: Request, exc: Exception) -> Response:
    status, message, headers = _describe(request, exc)
    if _wants_json(request):
        return JSONResponse({"ok": False, "error": message, "status": status}, status, headers=headers)
    html = render_page(None, [], title=f"Error {status}", message=message)
    return HTMLResponse(html, status, headers=headers)


def _describe(request: Request, exc: Exception) -> tuple[int, str, dict[str, str] | None]:
    path = request.url.path
    if isinstance(exc, HTTPException) and exc.status_code == 405:
        allowed = _allowed(request) or (getattr(exc, "headers", None) or {}).get("Allow") or "GET, HEAD"
        return 405, Errors.E069.format(method=request.method, path=path, allowed=allowed), {"Allow": allowed}
    if isinstance(exc, HTTPException):
        if exc.status_code == 404 and exc.detail == "Not Found":  # no route at all
            pages = ", ".join("/" if name == "overview" else f"/{name}" for name, _ in SECTIONS)
            return 404, Errors.E066.format(path=path, pages=pages), None
        return exc.status_code, str(exc.detail), getattr(exc, "headers", None)
    if isinstance(exc, RequestValidationError):
        problems = "; ".join(
            f"{'.'.join(str(part) for part in error['loc'])}: {error['msg']}" for error in exc.errors()
        )
        return 422, Errors.E068.format(path=path, reason=problems or "not understood"), None
    if isinstance(exc, ClaimledgerError):
        logger.error("%s: %s", path, exc)
        return 500, str(exc), None
    logger.exception("internal error at %s", path)
    return 500, Errors.E067.format(path=path), None


_METHODS = ("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE")


def _allowed(request: Request) -> str:
    """Every method some route serves at this path (Starlette names only the first route's).

    Each method is tried against the app's routes as they match a request
    (routers included with a prefix too); a mount (static files) is read only.
    """
    methods: set[str] = set()
    for method in _METHODS:
        scope = {**request.scope, "method": method}
        for route in request.app.router.routes:
            match, _ = route.matches(scope)
            if match is Match.FULL:
                methods |= {"GET", "HEAD"} if isinstance(route, Mount) else {method}
                break
    return ", ".join(sorted(methods))


def _wants_json(request: Request) -> bool:
    if request.url.path.startswith(("/api/", "/openapi")) or request.url.path == "/api":
        return True
    accept = request.headers.get("accept", "")
    return "application/json" in accept and "text/html" not in accept
