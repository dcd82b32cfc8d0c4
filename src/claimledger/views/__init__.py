"""Views of a ledger for people: terminal tables (the HTML report is in `report`)."""

from .tables import TABLES, render_table

__all__ = ["TABLES", "render_table"]
