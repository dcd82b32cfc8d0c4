"""Finding annotated strings in article text, and comparing spans and names.

Gold annotations give content verbatim, but a ledger's stored text may differ
in small ways (curly vs straight quotes, doubled spaces, a no-break space).
`locate` finds a string robustly: an exact match first, then a match after
normalising quotes, dashes, whitespace and case, then the longest common
substring when it covers at least 60% of the string. When a string occurs more
than once, the occurrence closest to its `near` anchors (the cue, the speaker)
wins, so a short content such as "it" is found where it was said.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from difflib import SequenceMatcher

# Characters that differ between sources but not in meaning.
_CHAR_MAP = {
    "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'",
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"',
    "\u00ab": '"', "\u00bb": '"',
    "\u2010": "-", "\u2011": "-", "\u2013": "-", "\u2014": "-", "\u2212": "-",
}

FUZZY_MIN_SHARE = 0.6
"""Share of a string the longest common substring must cover to count as found."""

Offsets = tuple[int, int]


def normalise_with_map(text: str) -> tuple[str, list[int]]:
    """Lower-case `text`, straighten quotes and dashes, collapse whitespace runs.

    Returns the normalised string and, for each of its characters, the index
    of the character of `text` it came from.
    """
    out: list[str] = []
    index: list[int] = []
    in_space = False
    for i, ch in enumerate(text):
        ch = _CHAR_MAP.get(ch, ch)
        if ch.isspace():
            if in_space:
                continue
            ch, in_space = " ", True
        else:
            in_space = False
        for c in ch.lower():
            out.append(c)
            index.append(i)
    return "".join(out), index


def normalise(text: str) -> str:
    """`normalise_with_map` without the map, stripped."""
    return normalise_with_map(text)[0].strip()


def alias_key(name: str) -> str:
    """The form names are compared in: normalised, without a leading "the"."""
    key = normalise(name)
    return key[4:] if key.startswith("the ") else key


def gap(a: Offsets, b: Offsets) -> int:
    """Characters between two spans; 0 when they touch or overlap."""
    return max(0, a[0] - b[1], b[0] - a[1])


def overlap(a: Offsets, b: Offsets) -> int:
    """Characters two spans share."""
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def occurrences(text: str, needle: str) -> list[Offsets]:
    """Every (possibly overlapping) occurrence of `needle` in `text`."""
    found: list[Offsets] = []
    start = text.find(needle)
    while needle and start >= 0:
        found.append((start, start + len(needle)))
        start = text.find(needle, start + 1)
    return found


def _word_bounded(text: str, span: Offsets) -> bool:
    """Whether the span does not start or end inside a word."""
    start, end = span
    if start >= end:
        return False
    cut_left = start > 0 and text[start - 1].isalnum() and text[start].isalnum()
    cut_right = end < len(text) and text[end].isalnum() and text[end - 1].isalnum()
    return not (cut_left or cut_right)


def _best(text: str, spans: list[Offsets], near: list[str]) -> Offsets:
    if len(spans) == 1:
        return spans[0]
    # One distance per anchor, in the order given (cue before speaker): an
    # anchor counts only where it stands as whole words, so "he" is not found
    # inside "the".
    anchors = [
        [a for a in occurrences(text, n) if _word_bounded(text, a)] for n in near
    ]

    def rank(span: Offsets) -> tuple[object, ...]:
        distances = [min((gap(span, a) for a in group), default=float("inf")) for group in anchors]
        return (not _word_bounded(text, span), *distances, span[0])

    return min(spans, key=rank)


def _fuzzy(norm_text: str, norm_needle: str) -> Offsets | None:
    matcher = SequenceMatcher(None, norm_text, norm_needle, autojunk=False)
    m = matcher.find_longest_match(0, len(norm_text), 0, len(norm_needle))
    if m.size == 0 or m.size < FUZZY_MIN_SHARE * len(norm_needle):
        return None
    start = max(0, m.a - m.b)
    return start, min(len(norm_text), start + len(norm_needle))


def locate(text: str, needle: str, near: Iterable[str] = ()) -> Offsets | None:
    """Offsets of `needle` in `text` (end exclusive), or None when it is not there.

    Tries an exact match, then a normalised one, then the fuzzy longest common
    substring; among several occurrences prefers whole words closest to `near`.
    """
    needle = needle.strip()
    if not needle:
        return None
    near = [n for n in near if n]
    spans = occurrences(text, needle)
    if spans:
        return _best(text, spans, near)
    norm_text, index = normalise_with_map(text)
    norm_needle = normalise(needle)
    if not norm_needle or not norm_text:
        return None
    norm_spans = occurrences(norm_text, norm_needle)
    if norm_spans:
        norm_near = [normalise(n) for n in near]
        start, end = _best(norm_text, norm_spans, norm_near)
    else:
        found = _fuzzy(norm_text, norm_needle)
        if found is None:
            return None
        start, end = found
    return index[start], index[end - 1] + 1


def contains_word(text_key: str, name_key: str) -> bool:
    """Whether normalised `name_key` stands as whole words in normalised `text_key`."""
    if not name_key:
        return False
    return re.search(rf"(?<!\w){re.escape(name_key)}(?!\w)", text_key) is not None
