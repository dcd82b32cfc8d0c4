"""HTML pages to articles, with trafilatura doing the main-text extraction.

trafilatura drops navigation, footers and comments and reads the metadata
(title, date, site name, canonical URL). Its text then goes through the same
line cleaner as plain text, for chrome it keeps inside the article body
("Read next: …" links, subscription prompts).
"""

from __future__ import annotations

import logging
from html.parser import HTMLParser

import trafilatura

from ..errors import input_error
from ..records import Article
from .dates import parse_iso_date
from .text import article_from_text, with_title

__all__ = ["article_from_html", "fragment_text"]

logger = logging.getLogger(__name__)

# Only dates the page states in its markup (meta tags, <time>, JSON-LD), never
# a date guessed from the running text, and the original publication date
# rather than the last update.
_DATE_PARAMS = {"extensive_search": False, "original_date": True}


def article_from_html(
    html: str, source: str, *, url: str | None = None, source_kind: str = "html"
) -> Article:
    """Extract the article in `html`; raises `InputError` E006 or E007.

    `Article.text` is the extracted main text, headed by the page title when
    the text does not start with it; `published_at` comes from the page
    metadata (date_source "html") and `outlet` from its site name.
    """
    document = _extract(html, source, url)
    body = (document.text or "") if document is not None else ""
    if not body.strip():
        # Markup too broken for trafilatura to find a main text in (stray
        # closing tags, no <body>): fall back on the text of every block.
        body = fragment_text(html)
        if not body.strip():
            raise input_error("E007", source=source)
        return article_from_text(body, source, source_kind=source_kind, url=url)
    published = None
    if document.date:
        try:
            published = parse_iso_date(document.date)
        except ValueError:
            logger.debug("%s: ignoring unreadable page date %r", source, document.date)
    return article_from_text(
        with_title(document.title, body),
        source,
        source_kind=source_kind,
        title=document.title or None,
        outlet=document.sitename or None,
        url=document.url or url,
        published_at=published,
        date_source="html",
    )


def _extract(html: str, source: str, url: str | None) -> trafilatura.settings.Document | None:
    options = dict(
        url=url,
        with_metadata=True,
        include_comments=False,
        include_tables=True,
        date_extraction_params=_DATE_PARAMS,
    )
    try:
        document = trafilatura.bare_extraction(html, **options)
        # Short pages fall under trafilatura's minimum size; try again,
        # favouring recall, before giving up on them.
        if document is None or not (document.text or "").strip():
            document = trafilatura.bare_extraction(html, favor_recall=True, **options)
    except Exception as exc:  # trafilatura and lxml raise many kinds on odd markup
        logger.debug("trafilatura failed on %s", source, exc_info=True)
        raise input_error("E006", source=source, reason=f"cannot parse HTML ({exc})") from exc
    return document


# --- HTML fragments (feed summaries) ------------------------------------------

_BLOCKS = frozenset(
    "address article aside blockquote br dd div dl dt figcaption figure footer "
    "h1 h2 h3 h4 h5 h6 header hr li main ol p pre section table tr ul".split()
)
_SKIPPED = frozenset(("script", "style", "template", "noscript"))


class _FragmentText(HTMLParser):
    """Text of an HTML fragment, one line per block element."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skipping = 0

    def handle_starttag(self, tag: str, attrs: object) -> None:
        if tag in _SKIPPED:
            self._skipping += 1
        elif tag in _BLOCKS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIPPED:
            self._skipping = max(0, self._skipping - 1)
        elif tag in _BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self._skipping:
            self.parts.append(data)


def fragment_text(fragment: str) -> str:
    """Plain text of an HTML fragment such as a feed entry's summary.

    Block elements become lines; whitespace inside a line is collapsed.
    """
    parser = _FragmentText()
    parser.feed(fragment)
    parser.close()
    lines = (" ".join(line.split()) for line in "".join(parser.parts).split("\n"))
    return "\n".join(line for line in lines if line)
