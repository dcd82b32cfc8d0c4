"""The ledger: SQLAlchemy tables over SQLite or PostgreSQL, and its exports.

`Ledger` is the only code that talks to the database; `queries` builds the
listings it pages (filtered, counted and paged by the database, for the API's
lists); `export` writes what it holds as JSON (docs/export.md), CSV or Parquet,
and `export_schema()` is the JSON Schema that JSON export follows.
"""

from .export import EXPORT_FORMATS, export, export_schema, ledger_to_dict
from .ledger import Ledger
from .schema import SCHEMA_VERSION

__all__ = ["EXPORT_FORMATS", "SCHEMA_VERSION", "Ledger", "export", "export_schema", "ledger_to_dict"]
