"""What the report template shows that is not a record as it stands.

Pieces `Story` (`_story.py`) builds on: an article's text cut into segments
so that spans can be highlighted, framing summed per outlet, and the stance
symbols.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from itertools import pairwise
from typing import NamedTuple

from ..records import Framing, Statement

#: Each stance has a colour (CSS class) and a symbol, so it reads without colour too.
STANCE_SYMBOLS = {"support": "✓", "deny": "✗", "hedge": "~", "neutral": "○"}


class Segment(NamedTuple):
    """A run of article text with the same highlighting throughout.

    `classes` names the kinds of span covering it ("content", "speaker",
    "cue", "time"); `anchors` are the statements whose content starts here;
    `covers` every statement whose content covers it (to light it up whole).
    """

    text: str
    classes: tuple[str, ...]
    anchors: tuple[str, ...]
    covers: tuple[str, ...] = ()


def highlight(text: str, statements: Iterable[Statement]) -> list[Segment]:
    """Cut `text` at every span boundary of `statements`.

    Spans may nest or overlap (a statement inside another's content), so the
    text is cut at all boundaries and each piece lists what covers it, rather
    than nesting tags.
    """
    spans: list[tuple[int, int, str, str]] = []
    for s in statements:
        kinds = {"content": s.content, "speaker": s.speaker, "cue": s.cue, "time": s.said_at_span}
        for kind, span in kinds.items():
            if span is not None and 0 <= span.start < span.end <= len(text):
                spans.append((span.start, span.end, kind, s.id))
    cuts = sorted({0, len(text), *(p for start, end, *_ in spans for p in (start, end))})
    segments = []
    for a, b in pairwise(cuts):
        covering = [(kind, sid, start) for start, end, kind, sid in spans if start <= a < b <= end]
        classes = tuple(sorted({kind for kind, _, _ in covering}))
        anchors = tuple(sid for kind, sid, start in covering if kind == "content" and start == a)
        covers = tuple(dict.fromkeys(sid for kind, sid, _ in covering if kind == "content"))
        segments.append(Segment(text[a:b], classes, anchors, covers))
    return segments


@dataclass
class OutletFraming:
    """The framing records of one outlet's articles, summed."""

    outlet: str | None
    articles: int = 0
    cues: dict[str, Counter[str]] = field(default_factory=dict)
    quoted: set[str] = field(default_factory=set)
    paraphrased: set[str] = field(default_factory=set)
    notes: list[str] = field(default_factory=list)

    def speakers(self) -> list[str]:
        """Everyone this outlet reports, the most cued first."""
        everyone = set(self.cues) | self.quoted | self.paraphrased
        return sorted(everyone, key=lambda e: (-sum(self.cues.get(e, Counter()).values()), e))


def framing_by_outlet(framing: Iterable[Framing]) -> list[OutletFraming]:
    """One summary per outlet, in order of first appearance; unknown outlets last."""
    outlets: dict[str | None, OutletFraming] = {}
    for f in framing:
        summary = outlets.setdefault(f.outlet, OutletFraming(f.outlet))
        summary.articles += 1
        for entity_id, cues in f.cues_by_speaker.items():
            summary.cues.setdefault(entity_id, Counter()).update(cues)
        summary.quoted.update(f.quoted_entities)
        summary.paraphrased.update(f.paraphrased_entities)
        summary.notes.extend(note for note in f.notes if note not in summary.notes)
    return sorted(outlets.values(), key=lambda o: o.outlet is None)


def safe_url(url: str | None) -> str | None:
    """`url` when it is a web address; never a `javascript:` or other scheme."""
    if url and url.lower().startswith(("http://", "https://")):
        return url
    return None
