"""RSS and Atom feeds: one article per entry.

An entry with its full text (`content:encoded`, Atom `<content>`) is an
article as it stands. An entry with only a summary is read from its linked
page when the reader may fetch it, and from the summary otherwise. The
fetching itself happens in the readers; this module only parses.
"""

from __future__ import annotations

import logging
from dataclasses import replace
from datetime import date

import feedparser

from ..errors import input_error
from ..records import Article
from .html import fragment_text
from .text import article_from_text, with_title

__all__ = ["article_from_entry", "entry_link", "has_full_text", "merge_entry", "parse_feed"]

logger = logging.getLogger(__name__)

_HTML_TYPES = ("text/html", "application/xhtml+xml", "html", "xhtml")


def parse_feed(data: bytes, source: str) -> feedparser.FeedParserDict:
    """Parse feed bytes; raises `InputError` E006 when they are not a feed.

    Always bytes, never a str: given a str, feedparser would take a URL or a
    path and fetch it.
    """
    try:
        feed = feedparser.parse(data)
    except Exception as exc:  # feedparser is lenient, but not on everything
        raise input_error("E006", source=source, reason=f"cannot parse feed ({exc})") from exc
    if not feed.get("version") and not feed.entries:
        raise input_error("E006", source=source, reason="not an RSS or Atom feed")
    if not feed.entries:
        raise input_error("E006", source=source, reason="the feed has no entries")
    if feed.get("bozo"):
        logger.debug("%s: malformed feed read leniently: %s", source, feed.get("bozo_exception"))
    return feed


def entry_link(entry: feedparser.FeedParserDict) -> str | None:
    """The entry's page URL, when it is an http(s) URL."""
    link = (entry.get("link") or "").strip()
    return link if link.lower().startswith(("http://", "https://")) else None


def has_full_text(entry: feedparser.FeedParserDict) -> bool:
    """True when the entry carries the article itself, not just a teaser."""
    return any((part.get("value") or "").strip() for part in entry.get("content") or ())


def article_from_entry(
    entry: feedparser.FeedParserDict, feed: feedparser.FeedParserDict, *, source: str
) -> Article:
    """The article an entry carries: its full content, else its summary.

    Raises `InputError` E011 when the entry has no text at all, E007 when
    its text is all chrome.
    """
    parts = [part for part in entry.get("content") or () if (part.get("value") or "").strip()]
    detail = parts[0] if parts else entry.get("summary_detail") or {}
    value = detail.get("value") or entry.get("summary") or ""
    body = fragment_text(value) if detail.get("type", "text/html") in _HTML_TYPES else value
    title = (entry.get("title") or "").strip() or None
    if not body.strip():
        raise input_error("E011", source=source)
    published = _entry_date(entry)
    return article_from_text(
        with_title(title, body),
        source,
        source_kind="feed",
        title=title,
        outlet=_feed_title(feed),
        url=entry_link(entry),
        published_at=published,
        date_source="feed",
    )


def merge_entry(
    page: Article, entry: feedparser.FeedParserDict, feed: feedparser.FeedParserDict
) -> Article:
    """A page fetched from an entry's link, completed with what the entry says.

    The entry's date wins (a feed states it explicitly); the page's title and
    site name win (the feed title is often a section name: "World - Example Times").
    """
    published = _entry_date(entry)
    return replace(
        page,
        source_kind="feed",
        title=page.title or (entry.get("title") or "").strip() or None,
        outlet=page.outlet or _feed_title(feed),
        url=entry_link(entry) or page.url,
        published_at=published or page.published_at,
        date_source="feed" if published else page.date_source,
    )


def _entry_date(entry: feedparser.FeedParserDict) -> date | None:
    parsed = entry.get("published_parsed") or entry.get("updated_parsed")
    return date(parsed.tm_year, parsed.tm_mon, parsed.tm_mday) if parsed else None


def _feed_title(feed: feedparser.FeedParserDict) -> str | None:
    return (feed.feed.get("title") or "").strip() or None
