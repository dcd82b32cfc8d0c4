"""The HTML report (one self-contained page) and the web app's pages, from one set of templates."""

from .render import render_page, render_report, write_report

__all__ = ["render_page", "render_report", "write_report"]
