"""Clean-up of what the finders found: ids, duplicates found by two rules, nesting."""

from __future__ import annotations

from ...records import Statement, statement_id
from ..fragments import pieces_length, shared_characters


def finalize_statements(found: list[Statement]) -> list[Statement]:
    """Give ids, drop duplicates found by two rules, link nested statements."""
    best: dict[tuple, Statement] = {}
    for s in found:
        key = (s.content.start, s.content.end, s.speaker.start if s.speaker else None)
        if key not in best or s.confidence > best[key].confidence:
            best[key] = s
    kept: list[Statement] = []
    for s in sorted(best.values(), key=lambda s: (-s.confidence, s.content.start)):
        duplicate = False
        for other in kept:
            same_speaker = (s.speaker and other.speaker and s.speaker.start == other.speaker.start) or (
                s.speaker is None and other.speaker is None
            )
            # By pieces: what lies between the pieces of an interrupted quote is no part of it.
            overlap = shared_characters(s.fragments("content"), other.fragments("content"))
            shorter = min(pieces_length(s.fragments("content")), pieces_length(other.fragments("content")))
            if same_speaker and overlap > 0.6 * shorter:
                duplicate = True
                break
        if not duplicate:
            kept.append(s)
    kept.sort(key=lambda s: (s.content.start, s.speaker.start if s.speaker else -1))
    for s in kept:
        s.id = statement_id(s.article_id, s.content.start, s.content.end, s.speaker.start if s.speaker else -1)
    for s in kept:
        parents = [
            p for p in kept
            if p is not s and p.content.start <= s.content.start and s.content.end <= p.content.end
            and (p.content.end - p.content.start) > (s.content.end - s.content.start)
        ]
        if parents:
            s.parent_id = min(parents, key=lambda p: p.content.end - p.content.start).id
    return kept
