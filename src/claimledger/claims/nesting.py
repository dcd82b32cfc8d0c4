"""General propositions and their narrower, scoped versions.

"Iran supplied drones to Russia", "… *for use in the war*" and "… *months
before the war*" are three propositions, not one: a speaker can deny the
second and admit the third without contradicting themselves, and both bear on
the first. So propositions are grouped on two levels:

1. every claim is clustered on its affirmative text; each cluster is a
   general proposition;
2. within a general proposition, the claims that carry a qualifier (those
   that `strip_scope` changes) are clustered again, tighter; each such
   cluster is a narrower proposition whose `parent_id` is the general one.

Clustering the general level on the stripped *core* instead was measured on
the seed story and lost reversals: short cores ("we have sold weapons") drift
away from the claim they qualify.

A scoped claim belongs to both, and its stance on the general proposition is
derived (`stance_on_parent`): asserting the narrow claim asserts the general
one ("sold drones before the war" → sold drones), while denying only the
narrow claim leaves the general one open ("did not sell them *for use in the
war*" hedges on whether they were sold at all).

Typical use::

    nested = nest_propositions(units, texts, encoder)
    for unit_index, proposition_indices in enumerate(nested.members): ...
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

import numpy as np

from ..records import Proposition, Stance, StanceLabel, Statement
from .embeddings import Encoder
from .propositions import DEFAULT_THRESHOLD, _normalise, assign_propositions
from .scope import QUALIFIERS

# Measured on the seed story: narrower claims about one general claim are
# closer to each other than the general cluster's members are.
CHILD_THRESHOLD = 0.7
# Purpose and time phrases run to the end of their clause; a quantity only
# qualifies the noun after it ("a limited number of | drones"). A condition
# ("if it is proven") hedges a claim rather than narrowing it.
_NARROWING = (
    *(pattern for kind, pattern in QUALIFIERS if kind in ("purpose", "time")),
    re.compile(
        r"\b(?:(?:a|an)\s+)?(?:limited|small|few|handful|certain)\s+(?:number|amount|quantity|quantities)\s+of\s+"
        r"|\bonly\s+(?:a\s+few\s+)?",
        re.IGNORECASE,
    ),
)
_TRAILING = re.compile(r"[\s,;:]+$")


@dataclass(frozen=True)
class NestedPropositions:
    """Propositions on two levels and which of them each claim belongs to.

    `members[i]` lists indices into `propositions`: the general proposition
    of claim `i` first, then its narrower one when it has a scope.
    `scoped[i]` says whether claim `i` carries a narrowing qualifier.
    `vectors` holds each claim's normalised embedding, for `similarity`.
    """

    propositions: list[Proposition]
    members: list[list[int]]
    scoped: list[bool]
    vectors: dict[tuple[str, int, int], np.ndarray] = field(default_factory=dict)

    def similarity(self, a: Statement, b: Statement) -> float:
        """Cosine similarity of two clustered claims (0.0 for a claim not clustered here)."""
        va, vb = self.vectors.get(claim_key(a)), self.vectors.get(claim_key(b))
        return 0.0 if va is None or vb is None else float(va @ vb)


def claim_key(claim: Statement) -> tuple[str, int, int]:
    """What tells one claim (a `split_claims` view) from another: its statement and its span."""
    return claim.id, claim.content.start, claim.content.end


def scope_phrases(text: str) -> list[tuple[int, int]]:
    """Offsets of the purpose, time and quantity qualifiers in `text`."""
    return [m.span() for pattern in _NARROWING for m in pattern.finditer(text)]


def strip_scope(text: str) -> str:
    """`text` without its narrowing qualifiers: the general claim it makes."""
    kept, last = [], 0
    for start, end in sorted(scope_phrases(text)):
        if start >= last:
            kept.append(text[last:start])
            last = end
        else:
            last = max(last, end)
    kept.append(text[last:])
    return _tidy("".join(kept)) or text


def _tidy(text: str) -> str:
    """Whitespace collapsed, trailing punctuation gone: how `strip_scope` leaves text."""
    return _TRAILING.sub("", " ".join(text.split()))


def nest_propositions(
    units: Sequence[Statement],
    texts: Sequence[str],
    encoder: Encoder,
    *,
    threshold: float = DEFAULT_THRESHOLD,
    child_threshold: float = CHILD_THRESHOLD,
    known: Sequence[str | None] | None = None,
) -> NestedPropositions:
    """Cluster `units` (claims, with their affirmative `texts`) on two levels.

    `known` keeps the general groups of an earlier run (see `assign_propositions`);
    the narrower level is always clustered afresh within each general proposition.
    """
    if not units:
        return NestedPropositions([], [], [])
    scoped = [strip_scope(text) != _tidy(text) for text in texts]
    unit_vectors = _normalise(encoder.encode(list(texts)))
    general, assignment = assign_propositions(units, unit_vectors, threshold=threshold, known=known, texts=texts)
    propositions = list(general)
    members = [[index] for index in assignment]

    by_parent: dict[int, list[int]] = {}
    for row, is_scoped in enumerate(scoped):
        if is_scoped:
            by_parent.setdefault(assignment[row], []).append(row)
    for parent_index, rows in by_parent.items():
        # The scoped claims are clustered again, tighter, on the same vectors.
        children, child_of = assign_propositions(
            [units[r] for r in rows], unit_vectors[rows], threshold=child_threshold
        )
        parent = propositions[parent_index]
        offset = len(propositions)
        propositions += [_as_child(child, parent) for child in children]
        for row, child_index in zip(rows, child_of):
            members[row].append(offset + child_index)
    vectors = {claim_key(unit): unit_vectors[i] for i, unit in enumerate(units)}
    return NestedPropositions(propositions, members, scoped, vectors)


def _as_child(child: Proposition, parent: Proposition) -> Proposition:
    digest = hashlib.sha256(f"{parent.id}\x1f{child.id}".encode()).hexdigest()[:12]
    return replace(child, id="p" + digest, parent_id=parent.id)


def stance_on_parent(stance: Stance) -> Stance:
    """The stance a scoped claim takes on its general proposition (see module doc)."""
    derived: StanceLabel = "hedge" if stance.stance == "deny" else stance.stance
    return replace(stance, stance=derived, score=round(stance.score * 0.8, 3), method=f"{stance.method}+scope")
