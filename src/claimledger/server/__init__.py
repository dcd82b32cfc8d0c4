"""`claimledger serve`: the report's views as web pages, and a REST API over the ledger.

The layout follows Datasette: `app.py` builds the application, `settings.py`
holds the settings table; `routes/` has one module per resource;
`handle_exception.py` is the one error handler; templates and static files are
the report's, shipped in the package. The app (FastAPI, uvicorn) is imported on
first use, so reading the settings stays cheap.
"""

from __future__ import annotations

from typing import Any

from .settings import SETTINGS, Setting

__all__ = ["SETTINGS", "Setting", "create_app", "serve"]


def __getattr__(name: str) -> Any:
    if name in ("create_app", "serve"):
        from . import app

        return getattr(app, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
