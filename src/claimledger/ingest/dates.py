"""Publication dates: ISO strings from metadata, and date lines in a text header."""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date, datetime

__all__ = ["header_date", "parse_iso_date"]

# How many non-empty lines after the title may hold a date line.
_HEADER_LINES = 6
_MAX_DATE_LINE_WORDS = 10

_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"),
            ("may",), ("june", "jun"), ("july", "jul"), ("august", "aug"),
            ("september", "sep", "sept"), ("october", "oct"), ("november", "nov"),
            ("december", "dec"),
        ),
        start=1,
    )
    for name in names
}
_MONTH = "|".join(sorted(_MONTHS, key=len, reverse=True))
_DATE_FORMS = (
    # 2022-11-05, 2022-11-05T10:00:00Z
    re.compile(r"\b(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})\b"),
    # 5 November 2022, 5 Nov. 2022
    re.compile(rf"\b(?P<d>\d{{1,2}})\.? (?P<mon>{_MONTH})\.?,? (?P<y>\d{{4}})\b", re.I),
    # November 5, 2022
    re.compile(rf"\b(?P<mon>{_MONTH})\.? (?P<d>\d{{1,2}})(?:st|nd|rd|th)?,? (?P<y>\d{{4}})\b", re.I),
    # 05.11.2022 (day first, as everywhere dots are used)
    re.compile(r"\b(?P<d>\d{1,2})\.(?P<m>\d{1,2})\.(?P<y>\d{4})\b"),
)


def parse_iso_date(value: str) -> date:
    """`"2022-11-05"` or an ISO datetime (`"2022-11-05T10:00:00Z"`) → its date.

    Raises `ValueError` for anything else, so callers can say which value was bad.
    """
    value = value.strip()
    try:
        return date.fromisoformat(value)
    except ValueError:
        return datetime.fromisoformat(value).date()


def header_date(lines: Iterable[str]) -> date | None:
    """The date on a short date line just under the title ("Published 5 November 2022").

    `lines` are the article's lines from the top, title first. Only a short
    line in the first few counts: a date inside a sentence is usually about
    something else ("in March 2022 the talks stalled").
    """
    seen = 0
    for line in lines:
        words = line.split()
        if not words:
            continue
        seen += 1
        if seen == 1:  # the title
            continue
        if seen > _HEADER_LINES + 1:
            break
        if len(words) <= _MAX_DATE_LINE_WORDS and (found := _date_in(line)):
            return found
    return None


def _date_in(line: str) -> date | None:
    for form in _DATE_FORMS:
        match = form.search(line)
        if not match:
            continue
        parts = match.groupdict()
        month = int(parts["m"]) if parts.get("m") else _MONTHS[parts["mon"].lower()]
        try:
            return date(int(parts["y"]), month, int(parts["d"]))
        except ValueError:  # 31.02.2022 and the like: not a date after all
            continue
    return None
