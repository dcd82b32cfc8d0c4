"""`claimledger serve`: the report's views as web pages, and a REST API over the ledger.

The layout follows Datasette: `app.py` builds the application and holds the
settings; `routes/` has one module per resource; `handle_exception.py` is the
one error handler; templates and static files are the report's, shipped in the
package.
"""

from .app import SETTINGS, Setting, create_app, serve

__all__ = ["SETTINGS", "Setting", "create_app", "serve"]
