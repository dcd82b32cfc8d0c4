"""Small text helpers shared by the claim stages: sentences, trimming, quotes."""

from __future__ import annotations

import re

# A sentence ends at . ! or ? (and any closing quotes) before a space and a
# capital or an opening quote. Initials and short abbreviations ("U.S.",
# "Gen.") do not end one.
_BOUNDARY = re.compile(r"[.!?][\"”’')\]]*\s+(?=[\"“‘(\[]?[A-Z0-9])")
_ABBREVIATION = re.compile(r"(?:\b[A-Z]\.(?:[A-Z]\.)*|\b(?:Mr|Mrs|Ms|Dr|Gen|Sen|Rep|St|Lt|Col|Gov|Prof|No|vs)\.)$")
_QUOTES = str.maketrans({"“": " ", "”": " ", '"': " ", "‘": "'", "’": "'", "[": " ", "]": " "})
_SPACES = re.compile(r"\s+")


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) offsets of the sentences of `text`, whitespace trimmed."""
    spans: list[tuple[int, int]] = []
    start = 0
    for match in _BOUNDARY.finditer(text):
        end = match.start() + 1
        if _ABBREVIATION.search(text[start:end]):
            continue
        # keep closing quotes with the sentence they close
        end = match.end() - len(match.group()) + len(match.group().rstrip())
        spans.append((start, end))
        start = match.end()
    if start < len(text):
        spans.append((start, len(text)))
    return [_trim(text, s, e) for s, e in spans if text[s:e].strip()]


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def plain(text: str) -> str:
    """`text` without quote marks or editorial brackets, spaces collapsed."""
    return _SPACES.sub(" ", text.translate(_QUOTES)).strip().strip("'").strip()


def shorten(text: str, max_words: int = 12) -> str:
    """The first `max_words` words of `text`, with "…" when anything was cut."""
    parts = text.split()
    if len(parts) <= max_words:
        return " ".join(parts).rstrip(" ,;:.")
    return " ".join(parts[:max_words]).rstrip(" ,;:.") + "…"


def capitalise(text: str) -> str:
    return text[:1].upper() + text[1:]
