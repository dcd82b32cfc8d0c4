"""The pieces of an interrupted span, and quotes interrupted by their own cue.

A quote split by "he said" (`"X," he said, "Y."`) is one statement whose
content is two pieces; the statement's content span runs from the first piece
to the last, and `Statement.content_fragments` holds the pieces (docs/export.md).
Pieces that only whitespace and punctuation separate are one piece, as the
scorers read them.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from dataclasses import replace

from ..records import Fragments, Offsets, Span, Statement


def _is_glue(ch: str) -> bool:
    return ch.isspace() or unicodedata.category(ch).startswith("P")


def joined(text: str, pieces: Iterable[Offsets]) -> Fragments:
    """`pieces` in order, overlapping ones and ones apart by only whitespace and punctuation joined."""
    out: list[Offsets] = []
    for start, end in sorted(p for p in pieces if p[1] > p[0]):
        if out and (start <= out[-1][1] or all(_is_glue(c) for c in text[out[-1][1] : start])):
            out[-1] = (out[-1][0], max(out[-1][1], end))
        else:
            out.append((start, end))
    return tuple(out)


def shared_characters(a: Fragments, b: Fragments) -> int:
    """Characters two spans of pieces share."""
    return sum(max(0, min(ae, be) - max(as_, bs)) for as_, ae in a for bs, be in b)


def pieces_length(pieces: Fragments) -> int:
    return sum(end - start for start, end in pieces)


def hull(pieces: Fragments) -> Offsets:
    """From the first piece's start to the last one's end."""
    return pieces[0][0], pieces[-1][1]


def stored(pieces: Fragments) -> Fragments:
    """What a statement keeps as a role's fragments: the pieces when there are several, else ()."""
    return pieces if len(pieces) > 1 else ()


def merge_interrupted_quotes(text: str, statements: list[Statement]) -> list[Statement]:
    """One statement for `"X," he said, "Y."`, where the rules found one per quote.

    Two direct statements with the same cue and speaker, one quote closing
    before the cue and the other opening after it, with nothing but the cue,
    the speaker and punctuation between them, become one statement of two
    content pieces. A second quote that another cue also claims (`"X," he
    said, "Y," he told Putin`) stays a statement of its own.
    """
    by_cue: dict[tuple, list[Statement]] = {}
    for s in statements:
        if s.cue is not None and s.kind == "direct" and not s.content_fragments:
            key = (s.cue.start, s.cue.end, s.speaker.start if s.speaker else None)
            by_cue.setdefault(key, []).append(s)
    claimed: dict[Offsets, set[Offsets]] = {}
    for s in statements:
        if s.cue is not None:
            claimed.setdefault((s.content.start, s.content.end), set()).add((s.cue.start, s.cue.end))
    merged: dict[int, Statement] = {}
    gone: set[int] = set()
    for (cue_start, cue_end, _), group in by_cue.items():
        before = [s for s in group if s.content.end <= cue_start]
        after = [s for s in group if s.content.start >= cue_end]
        if not before or not after:
            continue
        first = max(before, key=lambda s: s.content.end)
        second = min(after, key=lambda s: s.content.start)
        if claimed.get((second.content.start, second.content.end), set()) - {(cue_start, cue_end)}:
            continue
        parts = [first.cue, *([first.speaker] if first.speaker else [])]
        between = [
            ch for i, ch in enumerate(text[first.content.end : second.content.start], start=first.content.end)
            if not any(p.start <= i < p.end for p in parts)
        ]
        if any(ch.isalnum() for ch in between):
            continue
        pieces = ((first.content.start, first.content.end), (second.content.start, second.content.end))
        start, end = hull(pieces)
        merged[id(first)] = replace(
            first, id="", content=Span(start, end, text[start:end]), content_fragments=pieces,
            confidence=max(first.confidence, second.confidence),
        )
        gone.add(id(second))
    if not merged:
        return statements
    return [merged.get(id(s), s) for s in statements if id(s) not in gone]
