"""The HTML report: one self-contained page showing everything in a ledger."""

from .render import render_report, write_report

__all__ = ["render_report", "write_report"]
