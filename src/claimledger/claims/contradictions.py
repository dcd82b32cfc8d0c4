"""Contradictions: an actor against itself (reversal) or against another (dispute).

- A *reversal* is a switch between support and deny in one actor's
  timeline on one proposition: one per direction (deny → support, support →
  deny), shown by its strongest pair, since outlets reporting the same denial
  and admission make the timeline zigzag between them. It is marked `apparent`
  when the two statements are restricted in different ways ("not sold *for
  use in the war*" vs "sold *months before the war*") or one of them is
  hedged ("may", "if it is proven"), since then both may be true. A
  statement is one side of an actor's reversals on one proposition only:
  overlapping propositions would show the same switch again.
- A *dispute* is two actors on opposite sides (support vs deny) of one
  proposition; one per actor pair and proposition, from the pair of
  statements reported side by side in one article if there is one, then the
  strongest. A claim may bear on several propositions, so a pair already
  shown on one proposition gives way to the two actors' next pair on
  another, and the same two statements are never listed twice. Only claims
  in direct conflict make a dispute: restricted the same way (not "sold
  *before the war*" against "not sold *for use in the war*") and, when
  similarity is known, as alike as `min_directness` asks (two claims that
  share a proposition only through its other members deny and assert
  different things). Two actors of one side (a minister and the government
  his role names, `affiliation`) are no dispute: one side changed its account.

Each carries a one-sentence explanation written from the records, and a
`strength` (`conflict_strength`): how directly the two claims oppose each
other (the similarity of their affirmative forms) times how firmly the two
speakers commit to their sides (the geometric mean of stance score times
attribution confidence), so that a reader can take the clearest first.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from itertools import combinations

from ..records import Contradiction, Position, Stance, Statement, TimelinePoint
from . import _lexicon as lex
from ._text import shorten
from .affiliation import same_side
from .positions import date_key
from .scope import qualifiers, scopes_differ
from .stance.rules import cue_words

QUOTE_WORDS = 14
# A contradiction needs both sides to commit: a stance scored below this (a
# request, a negated cue, a hedge) is no side to contradict.
MIN_STANCE_SCORE = 0.6
# and the two claims to oppose each other clearly enough (`conflict_strength`).
MIN_STRENGTH = 0.25


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
    min_directness: float | None = None,
    labels: Mapping[str, str] | None = None,
    min_score: float = MIN_STANCE_SCORE,
    min_strength: float = MIN_STRENGTH,
    allies: Mapping[str, frozenset[str]] | None = None,
) -> list[Contradiction]:
    """Reversals within each position, then disputes between positions.

    `claims` may give, per (statement id, proposition id), the sentence of a
    long statement that joined that proposition (see `split_claims`); scopes
    are read and quotes taken from it instead of the whole statement.
    `similarity` scores how closely two claims say the same thing; with it,
    a contradiction's strength counts how directly its claims oppose each
    other, and with `min_directness` too, a dispute needs its two claims at
    least that similar (`analyze_claims` passes its clustering threshold: as
    alike as a merge asks).

    Precision first: both sides must be stances of resolved speakers (an
    entity in `entity_names`) scored at least `min_score`, and the conflict
    at least `min_strength`; `labels` (proposition id → its canonical claim)
    lets the explanation say what the two statements answer oppositely;
    `allies` (entity id → the actors it speaks for, `affiliation.affiliations`)
    keeps two actors of one side out of the disputes.
    """
    by_id = {s.id: s for s in statements}
    scored = {(st.statement_id, st.proposition_id): st.score for st in stances}
    positions = [
        _confident(p, scored, min_score) for p in positions if p.entity_id in entity_names
    ]
    question = labels or {}
    views = claims or {}

    def claim(statement_id: str, proposition_id: str) -> Statement:
        return views.get((statement_id, proposition_id), by_id[statement_id])

    scores = {(st.statement_id, st.proposition_id): st.score for st in stances}

    def strength(a: Statement, b: Statement, proposition: str) -> float:
        return conflict_strength(a, scores.get((a.id, proposition), 0.5), b, scores.get((b.id, proposition), 0.5),
                                 similarity)

    floor = None if similarity is None else min_directness
    found: list[Contradiction] = []
    # statement id → the proposition of the first reversal showing it, per actor
    shown: dict[str, dict[str, str]] = {}
    for position in positions:
        on = shown.setdefault(position.entity_id, {})
        for reversal in _reversals(position, by_id, claim, entity_names, strength, question):
            if reversal.strength is not None and reversal.strength < min_strength:
                continue
            ends = (reversal.statement_a, reversal.statement_b)
            # Overlapping propositions show one switch several times ("sold" then
            # "never used in the war" on both "sold drones" and "drones used"):
            # a statement is one side of the actor's reversals on one proposition.
            if any(on.get(end, position.proposition_id) != position.proposition_id for end in ends):
                continue
            for end in ends:
                on.setdefault(end, position.proposition_id)
            found.append(reversal)
    found += [
        dispute
        for dispute in _disputes(positions, claim, entity_names, strength, similarity, floor, question, allies or {})
        if dispute.strength is None or dispute.strength >= min_strength
    ]
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


def _confident(position: Position, scores: Mapping[tuple[str, str], float], floor: float) -> Position:
    """`position` keeping only the points whose stance is scored at least `floor`."""
    kept = [p for p in position.timeline if scores.get((p.statement_id, position.proposition_id), 1.0) >= floor]
    return Position(position.entity_id, position.proposition_id, kept)


def narrowed_denial(support: Statement, deny: Statement) -> str:
    """Why an assertion and a denial may both hold, or "" when they truly conflict.

    They may both hold when the denial is narrowed in a way the assertion is
    not ("not sold *for use in the war*" against "sold *months before the
    war*"): a narrow denial leaves the rest open. A general denial ("no
    release of any kind") is contradicted by any narrowed assertion of it ("a
    small release before the filters"), and two claims narrowed the same way
    conflict directly.
    """
    qs, qd = qualifiers(support.content.text), qualifiers(deny.content.text)
    if not qd or set(qd) == set(qs):
        return ""
    clause = f"the denial is limited by \u201c{', '.join(qd.values())}\u201d"
    if qs:
        return f"{clause} while the assertion is limited by \u201c{', '.join(qs.values())}\u201d"
    return f"{clause} and the assertion is not"


def conflict_strength(
    a: Statement, score_a: float, b: Statement, score_b: float, similarity: Similarity | None = None
) -> float:
    """How well founded a conflict between claims `a` and `b` is, in [0, 1].

    Directness (the similarity of the two claims, 1.0 when it is not known)
    times firmness: the geometric mean over the two sides of the stance score
    (an explicit "denied" or "admitted" scores above a bare "said", a hedge
    below) times the attribution confidence (who said it is surer).
    """
    directness = 1.0 if similarity is None else max(0.0, similarity(a, b))
    firmness = math.sqrt(max(0.0, score_a * a.confidence * score_b * b.confidence))
    return round(directness * firmness, 3)


Strength = Callable[[Statement, Statement, str], float]
"""The strength of a conflict between two claims on a proposition."""


def _reversals(
    position: Position,
    by_id: Mapping[str, Statement],
    claim: Callable[[str, str], Statement],
    names: Mapping[str, str],
    strength: Strength,
    labels: Mapping[str, str],
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
        scope = narrowed_denial(a, b) if before.stance == "support" else narrowed_denial(b, a)
        name = names.get(position.entity_id, position.entity_id)
        sequence = "later" if _dated_in_order(a, b) else "in another statement"
        why = f"{name} {_reported(a, before.stance)}{_when(a)} but {sequence} {_reported(b, after.stance)}{_when(b)}"
        why += _on_question(labels, position.proposition_id, before.stance)
        if scope:
            why += f"; {scope}, so the conflict may be only apparent"
        elif hedged:
            why += "; one of the two is hedged, so the conflict may be only apparent"
        found.append((
            before.stance,
            Contradiction(
                "reversal", position.proposition_id, a.id, b.id, why + ".", apparent=hedged or bool(scope),
                strength=strength(a, b, position.proposition_id),
            ),
        ))
    # One switch, one card: a denial and a later admission that several outlets
    # report (each with its own quotes) make the timeline zigzag between them, but
    # the actor switched once. Per direction, the strongest pair shows it; an
    # apparent reversal (scopes differ, or hedged) is a separate finding.
    best: dict[tuple[str, bool], Contradiction] = {}
    for direction, reversal in found:
        key = (direction, reversal.apparent)
        if key not in best or (reversal.strength or 0.0) > (best[key].strength or 0.0):
            best[key] = reversal
    return [reversal for direction, reversal in found if best[(direction, reversal.apparent)] is reversal]


def _disputes(
    positions: Sequence[Position],
    claim: Callable[[str, str], Statement],
    names: Mapping[str, str],
    strength: Strength,
    similarity: Similarity | None,
    floor: float | None,
    labels: Mapping[str, str],
    allies: Mapping[str, frozenset[str]],
) -> list[Contradiction]:
    by_proposition: dict[str, list[Position]] = {}
    for position in positions:
        by_proposition.setdefault(position.proposition_id, []).append(position)

    found = []
    taken: set[frozenset[str]] = set()
    for proposition, group in by_proposition.items():
        for one, other in combinations(group, 2):
            if same_side(one.entity_id, other.entity_id, allies):
                continue
            # A pair already shown on another proposition (a claim may bear on
            # several) gives way to the next most direct pair of the two actors.
            candidates = []
            for support, deny in _opposed(one, other) + _opposed(other, one):
                if frozenset((support.statement_id, deny.statement_id)) in taken:
                    continue
                a, b = claim(support.statement_id, proposition), claim(deny.statement_id, proposition)
                if scopes_differ(a.content.text, b.content.text):
                    continue  # "sold before the war" against "not sold for use in it": no direct conflict
                if floor is not None and similarity is not None and similarity(a, b) < floor:
                    continue
                candidates.append((a, b, support, strength(a, b, proposition)))
            if not candidates:
                continue

            # The exchange a reporter set up (both in one article) first, then
            # the strongest; max() keeps the first of equals, the earliest pair.
            a, b, support, power = max(candidates, key=lambda c: (c[0].article_id == c[1].article_id, c[3]))
            taken.add(frozenset((a.id, b.id)))
            holder = one if support in one.timeline else other
            opponent = other if holder is one else one
            why = (
                f"{names.get(holder.entity_id, holder.entity_id)} {_reported(a, 'support')}{_when(a)}, while "
                f"{names.get(opponent.entity_id, opponent.entity_id)} {_reported(b, 'deny')}{_when(b)}"
                f"{_on_question(labels, proposition, 'support')}."
            )
            found.append(Contradiction("dispute", proposition, a.id, b.id, why, strength=power))
    return found


def _opposed(supporter: Position, denier: Position) -> list[tuple[TimelinePoint, TimelinePoint]]:
    return [
        (s, d)
        for s in supporter.timeline
        if s.stance == "support"
        for d in denier.timeline
        if d.stance == "deny"
    ]


def _on_question(labels: Mapping[str, str], proposition: str, first: str) -> str:
    """": the first asserts and the second denies “<canonical claim>”" (empty without a label)."""
    label = labels.get(proposition)
    if not label:
        return ""
    order = (
        "the first asserts and the second denies" if first == "support" else "the first denies and the second asserts"
    )
    return f": {order} \u201c{shorten(label, QUOTE_WORDS)}\u201d"


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
