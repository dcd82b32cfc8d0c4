"""JSON Lines: one article per line.

Each line is an object with `text` (required) and optionally `title`, `url`,
`outlet` and `published_at` (an ISO date or datetime); other fields are
ignored. A line that breaks these rules is skipped with its line number and
the lines after it are still read.
"""

from __future__ import annotations

import json

from ..errors import InputError, input_error
from ..records import Article
from .dates import parse_iso_date
from .text import article_from_text

__all__ = ["STRING_FIELDS", "article_from_json_line", "line_source"]

STRING_FIELDS: tuple[str, ...] = ("text", "title", "url", "outlet", "published_at")


def line_source(source: str, line_no: int) -> str:
    """How an article from line `line_no` (from 1) of `source` names its source."""
    return f"{source}:{line_no}"


def article_from_json_line(line: bytes | str, source: str, line_no: int) -> Article:
    """The article on line `line_no` (counted from 1) of the JSONL input `source`.

    Raises `InputError` E008 naming the line when it is not a usable record,
    or E007 when its text is nothing but chrome.
    """
    if (b"\x00" in line) if isinstance(line, bytes) else ("\x00" in line):
        raise _line_error(source, line_no, "it holds NUL bytes (binary data)")
    try:
        if isinstance(line, bytes):
            line = line.decode("utf-8")
        record = json.loads(line)
    except UnicodeDecodeError:
        raise _line_error(source, line_no, "not valid UTF-8") from None
    except json.JSONDecodeError as exc:
        raise _line_error(source, line_no, f"invalid JSON ({exc.msg} at column {exc.colno})") from None
    if not isinstance(record, dict):
        raise _line_error(source, line_no, f"expected a JSON object, found {type(record).__name__}")
    for name in STRING_FIELDS:
        if record.get(name) is not None and not isinstance(record[name], str):
            raise _line_error(source, line_no, f"field '{name}' must be a string")
    for name in STRING_FIELDS:
        value = record.get(name)
        if isinstance(value, str):
            try:
                value.encode("utf-8")
            except UnicodeEncodeError:
                # A lone surrogate ("\ud800") decodes from JSON but can be stored nowhere.
                raise _line_error(source, line_no, f"field '{name}' holds characters that cannot be encoded") from None
            if any(ord(c) < 32 and c not in "\t\n\r" for c in value):
                raise _line_error(source, line_no, f"field '{name}' holds control characters")
    text = record.get("text") or ""
    if not text.strip():
        raise _line_error(source, line_no, "no 'text' field, or it is empty")
    published = None
    if record.get("published_at"):
        try:
            published = parse_iso_date(record["published_at"])
        except ValueError:
            reason = f"published_at '{record['published_at']}' is not an ISO date"
            raise _line_error(source, line_no, reason) from None
    return article_from_text(
        text,
        line_source(source, line_no),
        source_kind="jsonl",
        title=_field(record, "title"),
        outlet=_field(record, "outlet"),
        url=_field(record, "url"),
        published_at=published,
        date_source="jsonl",
    )


def _field(record: dict[str, object], name: str) -> str | None:
    value = record.get(name)
    return value.strip() or None if isinstance(value, str) else None


def _line_error(source: str, line_no: int, reason: str) -> InputError:
    return input_error("E008", source=source, line=line_no, reason=reason)
