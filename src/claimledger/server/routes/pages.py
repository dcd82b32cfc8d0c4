"""The web pages: the report's sections, one page each, the report itself, and the favicon."""

from __future__ import annotations

import base64
import hashlib
import re

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from ...report import render_page, render_report
from ...report._story import SECTIONS
from .._deps import Index, not_found, story_of

router = APIRouter(include_in_schema=False)

#: What each page shows beyond its own section.
_WITH = {"positions": ("positions", "timeline")}


def _section_page(name: str, title: str):
    def page(index: Index) -> HTMLResponse:
        story = story_of(index)
        articles = list(index.articles.values()) if name == "articles" else []
        sections = _WITH.get(name, (name,))
        return HTMLResponse(render_page(story, sections, title=title, current=name, articles=articles))

    page.__name__ = f"{name}_page"
    return page


for _name, _title in SECTIONS:
    router.add_api_route(
        "/" if _name == "overview" else f"/{_name}", _section_page(_name, _title), methods=["GET"],
        response_class=HTMLResponse,
    )


@router.get("/articles/{article_id}", response_class=HTMLResponse)
def article_page(article_id: str, index: Index) -> HTMLResponse:
    article = index.articles.get(article_id)
    if article is None:
        raise not_found("article", article_id)
    story = story_of(index)
    return HTMLResponse(render_page(
        story, ["articles"], title=article.title or article.source, current="articles",
        articles=[article], show_text=True,
    ))


@router.get("/report", response_class=HTMLResponse)
def report_page(request: Request) -> HTMLResponse:
    """The self-contained report, as `claimledger report` writes it; its one inline
    script (article text is escaped, so no other can be there) is allowed by hash."""
    html = render_report(request.app.state.ledger)
    scripts = " ".join(f"'sha256-{_digest(code)}'" for code in _SCRIPT.findall(html))
    policy = f"default-src 'none'; style-src 'unsafe-inline'; script-src {scripts}; base-uri 'none'"
    return HTMLResponse(html, headers={"Content-Security-Policy": policy})


_SCRIPT = re.compile(r"<script>(.*?)</script>", re.S)


def _digest(code: str) -> str:
    return base64.b64encode(hashlib.sha256(code.encode("utf-8")).digest()).decode()


# The report's accent colour behind a "c". Kept here rather than as a file: the
# package data (pyproject.toml) ships the report's static files, not the server's.
_FAVICON = (
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32">'
    '<rect width="32" height="32" rx="6" fill="#0b5cad"/>'
    '<text x="16" y="24" text-anchor="middle" font-family="Georgia, serif" font-size="24" font-weight="bold" '
    'fill="#ffffff">c</text></svg>'
)


@router.get("/favicon.ico")
def favicon() -> Response:
    """What browsers ask for on every page; an SVG, which they take whatever the
    path's suffix, so long as the type says so."""
    return Response(_FAVICON, media_type="image/svg+xml", headers={"Cache-Control": "public, max-age=86400"})
