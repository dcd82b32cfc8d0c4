"""Finding quoted passages in article text.

News text mixes straight and curly double quotes, single curly quotes used
as quotation marks in headlines, and the same curly character used as an
apostrophe ("Iran’s"). Quotes are paired within a paragraph; a quote left open
at the end of a paragraph runs to its end, as in the convention of opening
every paragraph of a multi-paragraph quote and closing only the last one.
"""

from __future__ import annotations

import re

_OPENERS = {"“": "”", "„": "“", "«": "»", '"': '"', "‘": "’"}
_LINE = re.compile(r"[^\n]+")


def _is_apostrophe(text: str, i: int) -> bool:
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    return before.isalnum() and after.isalnum()


def _closing_index(text: str, start: int, end: int, opener: str) -> int | None:
    closer = _OPENERS[opener]
    i = start
    while True:
        i = text.find(closer, i, end)
        if i < 0:
            return None
        # A closing single quote must not sit inside a word ("Iran’s").
        if closer == "’" and (_is_apostrophe(text, i) or (i + 1 < end and text[i + 1].isalpha())):
            i += 1
            continue
        return i


def find_quotes(text: str, *, min_words: int = 2) -> list[tuple[int, int]]:
    """Return (start, end) offsets of the inside of each quotation.

    Spans exclude the quotation marks themselves and are at least `min_words`
    words long (shorter quoted words are usually scare quotes, still found by
    the caller through `min_words=1`).
    """
    spans: list[tuple[int, int]] = []
    for line in _LINE.finditer(text):
        i, end = line.start(), line.end()
        while i < end:
            ch = text[i]
            if ch in _OPENERS and not (ch in "‘'" and _is_apostrophe(text, i)):
                if ch == "‘" and i > line.start() and text[i - 1].isalnum():
                    i += 1
                    continue
                close = _closing_index(text, i + 1, end, ch)
                inner_end = close if close is not None else end
                inner = text[i + 1 : inner_end]
                if len(inner.split()) >= min_words:
                    spans.append((i + 1, inner_end))
                i = (close + 1) if close is not None else end
                continue
            i += 1
    return spans


def inside(span: tuple[int, int], quotes: list[tuple[int, int]], slack: int = 2) -> tuple[int, int] | None:
    """The quote that contains `span` (allowing `slack` characters), if any."""
    start, end = span
    for q_start, q_end in quotes:
        if q_start - slack <= start and end <= q_end + slack:
            return q_start, q_end
    return None


def overlapping(span: tuple[int, int], quotes: list[tuple[int, int]]) -> list[tuple[int, int]]:
    start, end = span
    return [q for q in quotes if q[0] < end and start < q[1]]
