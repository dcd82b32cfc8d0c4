"""Scope qualifiers: what restricts a claim to a purpose, a time or a quantity.

"We have not sold drones *to be used in the war*" and "we sold a *limited
number* of drones *months before the war*" only look contradictory; their
scopes differ. `qualifiers` finds such restrictions so that contradictions
can say when a conflict may be only apparent.
"""

from __future__ import annotations

import re

from ._text import plain, shorten

_TAIL = r"[^,.;:]*"
QUALIFIERS: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "purpose",
        re.compile(
            r"\b(?:for (?:the |its |their )?use|to be used|(?:in order )?to use|intended for|destined for"
            r"|for (?:its|their|the) war effort"
            # "drones that are being used in the war": restricted to those put to that use.
            r"|(?:that|which) (?:are|were|is|was|have been|had been) (?:now )?(?:being )?used(?: now)?"
            r" (?:in|against|for))\b" + _TAIL,
            re.IGNORECASE,
        ),
    ),
    (
        "time",
        re.compile(
            r"\b(?:(?:(?:a few|few|several|some|many|\d+|two|three|four|five|six) )?(?:days|weeks|months|years)"
            r" (?:before|after)|before|prior to|after|since|until|ahead of)\s"
            # "after having said", "before being asked": a clause about another act, not a time.
            r"(?!\w+ing\b)" + _TAIL,
            re.IGNORECASE,
        ),
    ),
    (
        "quantity",
        re.compile(
            r"\b(?:a limited|limited|a small|a handful of|a few|only a|only)\s"
            r"(?:number|amount|quantity|quantities)?" + _TAIL,
            re.IGNORECASE,
        ),
    ),
    ("condition", re.compile(r"\b(?:if|unless|provided that|on condition that)\s" + _TAIL, re.IGNORECASE)),
)


def qualifiers(text: str) -> dict[str, str]:
    """Kind → the first phrase of that kind in `text` ({"purpose": "for use in Ukraine"})."""
    text = plain(text)
    found: dict[str, str] = {}
    for kind, pattern in QUALIFIERS:
        match = pattern.search(text)
        if match:
            found[kind] = shorten(match.group(), 8)
    return found


def scopes_differ(a: str, b: str) -> bool:
    """True when `a` and `b` are restricted in different ways (or only one is)."""
    return set(qualifiers(a)) != set(qualifiers(b))
