"""Plain text to an `Article`: clean it, then read title, date and outlet off it.

Every reader ends here: HTML, feed entries and JSON lines are turned into
text first, and `article_from_text` makes the one kind of record they all
produce. What a reader knows from metadata (a title, a date, a site name) is
passed in and wins over what the text itself suggests.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date

from ..errors import input_error
from ..records import Article, RemovedLine, article_id
from .clean import clean_text, split_lines
from .dates import header_date
from .language import detect_language

__all__ = ["article_from_text", "first_line", "guess_outlet", "with_title"]

# "The All Israel News Staff is a team of journalists in Israel."
_STAFF_OUTLET = re.compile(
    r"^(?:the )?(?P<outlet>.{2,60}?) (?:staff|team|desk|newsroom) (?:is|are) an? (?:team|group) of",
    re.IGNORECASE,
)
# "Headline - Site Name", "Headline | Site Name"
_TITLE_SUFFIX = re.compile(r"^(?P<headline>.+?)\s+[-|–—]\s+(?P<site>[^-|–—]{2,40})$")
_MAX_SITE_WORDS = 4


def article_from_text(
    raw: str,
    source: str,
    *,
    source_kind: str = "text",
    title: str | None = None,
    outlet: str | None = None,
    url: str | None = None,
    published_at: date | None = None,
    date_source: str | None = None,
) -> Article:
    """Clean `raw` and make the `Article`; raises `InputError` E007 if nothing is left.

    `Article.text` is `raw` minus chrome lines, nothing else changed. Without
    a `title` the first non-empty line is the title; without a date, a short
    date line under the title gives one (date_source "text"); without an
    outlet, a staff line or a "Headline - Site" title may name it. The
    language is told from the cleaned text (`language.detect_language`).
    """
    text, removed = clean_text(raw)
    if not text.strip():
        raise input_error("E007", source=source)
    title = title or first_line(text)
    if published_at is None and (found := header_date(split_lines(text))):
        published_at, date_source = found, "text"
    return Article(
        id=article_id(text),
        source=source,
        text=text,
        source_kind=source_kind,
        title=title,
        outlet=outlet or guess_outlet(text, removed),
        url=url,
        published_at=published_at,
        date_source=date_source if published_at else None,
        removed_boilerplate=removed,
        language=detect_language(text),
    )


def first_line(text: str) -> str | None:
    """The first non-empty line of `text`, stripped."""
    return next((line.strip() for line in text.splitlines() if line.strip()), None)


def with_title(title: str | None, body: str) -> str:
    """`body` headed by `title` as its first line, unless it already starts with it.

    Extracted page text and feed summaries usually lack the headline, which
    plain-text articles carry as their first line; headlines hold statements
    too ("Blinken: Iran-Russia military relations growing concern").
    """
    title = (title or "").strip()
    if not title or body.lstrip().startswith(title):
        return body
    return f"{title}\n{body}"


def guess_outlet(text: str, removed: Sequence[RemovedLine] = ()) -> str | None:
    """The outlet the text names for itself, when it does so unambiguously.

    Two signals only: a staff line among the removed chrome ("The All Israel
    News Staff is a team of journalists"), and a title "Headline - Site" whose
    headline also stands alone on a later line, as when a page's <title> adds
    the site name to its <h1>. A guess is never made from a suffix alone:
    "Talks stall - Analysis" names no outlet.
    """
    for line in removed:
        if line.reason == "staff-credit" and (match := _STAFF_OUTLET.match(line.text.strip())):
            return match["outlet"].strip()
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    if not lines or not (match := _TITLE_SUFFIX.match(lines[0])):
        return None
    site = match["site"].strip()
    if len(site.split()) <= _MAX_SITE_WORDS and match["headline"].strip() in lines[1:]:
        return site
    return None
