"""Contradictions: an actor against itself (reversal) or against another (dispute).

- A *reversal* is a switch between support and deny in one actor's
  timeline on one proposition (one per switch). It is marked `apparent`
  when the two statements are restricted in different ways ("not sold *for
  use in the war*" vs "sold *months before the war*") or one of them is
  hedged ("may", "if it is proven"), since then both may be true.
- A *dispute* is two actors on opposite sides (support vs deny) of one
  proposition; one per actor pair and proposition, from the pair of
  statements with the same scope and the highest confidence. A claim may
  bear on several propositions, so a pair already shown on one proposition
  gives way to the two actors' next pair on another, and the same two
  statements are never listed twice.

Each carries a one-sentence explanation written from the records.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from itertools import combinations

from ..records import Contradiction, Position, Stance, Statement, TimelinePoint
from . import _lexicon as lex
from ._text import shorten
from .positions import date_key
from .scope import qualifiers, scopes_differ
from .stance_rules import cue_words

QUOTE_WORDS = 14
_NOUN = {"support": "assertion", "deny": "denial"}


OPPOSITE = {"support": "deny", "deny": "support"}

Similarity = Callable[[Statement, Statement], float]
"""How closely two claims say the same thing, in [-1, 1]."""


def find_contradictions(
    positions: Sequence[Position],
    statements: Sequence[Statement],
    stances: Sequence[Stance],
    entity_names: Mapping[str, str],
    *,
    claims: Mapping[tuple[str, str], Statement] | None = None,
    similarity: Similarity | None = None,
) -> list[Contradiction]:
    """Reversals within each position, then disputes between positions.

    `claims` may give, per (statement id, proposition id), the sentence of a
    long statement that joined that proposition (see `split_claims`); scopes
    are read and quotes taken from it instead of the whole statement.
    `similarity` scores how closely two claims say the same thing; with it,
    a dispute shows the most directly opposed pair of the two actors'
    statements.
    """
    by_id = {s.id: s for s in statements}
    views = claims or {}

    def claim(statement_id: str, proposition_id: str) -> Statement:
        return views.get((statement_id, proposition_id), by_id[statement_id])

    scores = {(st.statement_id, st.proposition_id): st.score for st in stances}
    similar = similarity or _no_similarity
    found: list[Contradiction] = []
    for position in positions:
        found += _reversals(position, by_id, claim, entity_names)
    found += _disputes(positions, claim, scores, entity_names, similar)
    # A claim may bear on several propositions; the same two statements in
    # conflict are one contradiction, kept on the first proposition found.
    seen: set[tuple[str, frozenset[str]]] = set()
    unique = []
    for contradiction in found:
        key = (contradiction.kind, frozenset((contradiction.statement_a, contradiction.statement_b)))
        if key not in seen:
            seen.add(key)
            unique.append(contradiction)
    return unique


def _no_similarity(a: Statement, b: Statement) -> float:
    return 0.0


def _reversals(
    position: Position,
    by_id: Mapping[str, Statement],
    claim: Callable[[str, str], Statement],
    names: Mapping[str, str],
) -> list[Contradiction]:
    found = []
    points = [p for p in position.timeline if p.statement_id in by_id and p.stance in OPPOSITE]
    # The adjacent pair: on the seed story, the most similar pair of the two
    # runs around a switch was measured to miss more reversals than it found.
    for before, after in zip(points, points[1:]):
        if after.stance != OPPOSITE[before.stance]:
            continue
        a, b = (claim(p.statement_id, position.proposition_id) for p in (before, after))
        hedged = any(lex.MODALITY.search(x.content.text) or lex.CONDITION.search(x.content.text) for x in (a, b))
        scope = _scope_clause(a, before.stance, b, after.stance)
        name = names.get(position.entity_id, position.entity_id)
        sequence = "later" if _dated_in_order(a, b) else "in another statement"
        why = f"{name} {_reported(a, before.stance)}{_when(a)} but {sequence} {_reported(b, after.stance)}{_when(b)}"
        if scope:
            why += f"; {scope}, so the conflict may be only apparent"
        elif hedged:
            why += "; one of the two is hedged, so the conflict may be only apparent"
        found.append(
            Contradiction("reversal", position.proposition_id, a.id, b.id, why + ".", apparent=hedged or bool(scope))
        )
    return found


def _disputes(
    positions: Sequence[Position],
    claim: Callable[[str, str], Statement],
    scores: Mapping[tuple[str, str], float],
    names: Mapping[str, str],
    similarity: Similarity,
) -> list[Contradiction]:
    by_proposition: dict[str, list[Position]] = {}
    for position in positions:
        by_proposition.setdefault(position.proposition_id, []).append(position)

    found = []
    taken: set[frozenset[str]] = set()
    for proposition, group in by_proposition.items():
        for one, other in combinations(group, 2):
            if one.entity_id == other.entity_id:
                continue
            # A pair already shown on another proposition (a claim may bear on
            # several) gives way to the next most direct pair of the two actors.
            candidates = [
                pair for pair in _opposed(one, other) + _opposed(other, one)
                if frozenset(p.statement_id for p in pair) not in taken
            ]
            if not candidates:
                continue

            # max() keeps the first of equals, so ties go to the earliest pair.
            support, deny = max(
                candidates, key=lambda pair: _strength(pair, proposition, claim, scores, similarity)
            )
            taken.add(frozenset((support.statement_id, deny.statement_id)))
            a, b = claim(support.statement_id, proposition), claim(deny.statement_id, proposition)
            scope = _scope_clause(a, "support", b, "deny")
            holder = one if support in one.timeline else other
            opponent = other if holder is one else one
            why = (
                f"{names.get(holder.entity_id, holder.entity_id)} {_reported(a, 'support')}{_when(a)}, while "
                f"{names.get(opponent.entity_id, opponent.entity_id)} {_reported(b, 'deny')}{_when(b)}"
            )
            if scope:
                why += f"; {scope}, so they may not be in direct conflict"
            found.append(Contradiction("dispute", proposition, a.id, b.id, why + ".", apparent=bool(scope)))
    return found


def _strength(
    pair: tuple[TimelinePoint, TimelinePoint],
    proposition: str,
    claim: Callable[[str, str], Statement],
    scores: Mapping[tuple[str, str], float],
    similarity: Similarity,
) -> tuple[bool, bool, float, float]:
    """Rank a (support, deny) pair: reported side by side in one article
    first (the exchange a reporter set up), then same scope, then how
    directly the two claims oppose each other, then joint confidence."""
    a, b = (claim(p.statement_id, proposition) for p in pair)
    confidence = scores.get((a.id, proposition), 0.5) * a.confidence
    confidence *= scores.get((b.id, proposition), 0.5) * b.confidence
    return a.article_id == b.article_id, not scopes_differ(a.content.text, b.content.text), similarity(a, b), confidence


def _opposed(supporter: Position, denier: Position) -> list[tuple[TimelinePoint, TimelinePoint]]:
    return [
        (s, d)
        for s in supporter.timeline
        if s.stance == "support"
        for d in denier.timeline
        if d.stance == "deny"
    ]


def _reported(statement: Statement, stance: str) -> str:
    """"denied "…"", "admitted "…"", "did not deny "…"" or "said "…""."""
    quote = f"\u201c{shorten(statement.content.text, QUOTE_WORDS)}\u201d"
    kind = lex.cue_class(cue_words(statement))
    if statement.cue_negated and statement.cue is not None:
        return f"{statement.cue.text.lower()} {quote}"
    if kind == "deny" and stance == "deny":
        return f"denied {quote}"
    if kind == "admit" and stance == "support":
        return f"admitted {quote}"
    return f"said {quote}"


def _when(statement: Statement) -> str:
    when = statement.said_at_text or statement.said_at
    return f" ({when})" if when else ""


def _dated_in_order(a: Statement, b: Statement) -> bool:
    return bool(a.said_at and b.said_at and date_key(a.said_at) < date_key(b.said_at))


def _scope_clause(a: Statement, stance_a: str, b: Statement, stance_b: str) -> str:
    """Why two statements may both hold, or "" when their scopes match."""
    if not scopes_differ(a.content.text, b.content.text):
        return ""
    qa, qb = qualifiers(a.content.text), qualifiers(b.content.text)
    parts = [
        f"the {_NOUN[stance]} is limited by \u201c{', '.join(q.values())}\u201d"
        for q, stance in ((qa, stance_a), (qb, stance_b))
        if q
    ]
    if len(parts) == 1:
        parts.append("the other is not")
    return " while ".join(parts)
