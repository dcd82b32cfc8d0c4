"""General propositions and their narrower, scoped versions.

"Iran supplied drones to Russia", "… *for use in the war*" and "… *months
before the war*" are three propositions, not one: a speaker can deny the
second and admit the third without contradicting themselves, and both bear on
the first. So propositions are grouped on two levels:

1. every claim is clustered on its affirmative text; each cluster is a
   general proposition;
2. within a general proposition, the claims that carry a qualifier (those
   that `strip_scope` changes) are grouped by how they are narrowed
   (`scope_key`: purpose, time before or after, quantity) and each group is
   clustered again; each such cluster is a narrower proposition whose
   `parent_id` is the general one. Clustering all scoped claims together was
   measured to mix "not sold for use in the war" with "sold a few months
   before the war", which are different questions.

A claim may bear on more than one general proposition ("the rockets it
sold are being used against the city" is about both the sale and the use):
besides its own cluster, a claim joins every other cluster of at least
two claims whose members it is, on average, as close to as the clustering
threshold asks of a merge (`NestedPropositions.also`).

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
from .propositions import DEFAULT_THRESHOLD, _normalise, assign_propositions, group_means, similarity_blocks
from .scope import QUALIFIERS

# Claims narrowed the same way are already one question; they split only
# where the general clustering would split them.
CHILD_THRESHOLD = DEFAULT_THRESHOLD
# A lone claim is not yet a proposition others can join; measured on the seed
# story, joining singletons too (or only clusters of three) did worse.
ALSO_MIN_MEMBERS = 2
# Purpose and time phrases run to the end of their clause; a quantity only
# qualifies the noun after it ("a limited number of | drones"). A condition
# ("if it is proven") hedges a claim rather than narrowing it.
_NARROWING: tuple[tuple[str, re.Pattern[str]], ...] = (
    *((kind, pattern) for kind, pattern in QUALIFIERS if kind in ("purpose", "time")),
    (
        "quantity",
        re.compile(
            r"\b(?:(?:a|an)\s+)?(?:limited|small|few|handful|certain)\s+(?:number|amount|quantity|quantities)\s+of\s+"
            r"|\bonly\s+(?:a\s+few\s+)?",
            re.IGNORECASE,
        ),
    ),
)
# "before the war" and "after the war" narrow a claim in opposite directions.
_DIRECTION = re.compile(r"\b(?:(?P<earlier>before|prior to|ahead of|until)|after|since)\b", re.IGNORECASE)
_TRAILING = re.compile(r"[\s,;:]+$")


@dataclass(frozen=True)
class NestedPropositions:
    """Propositions on two levels and which of them each claim belongs to.

    `members[i]` lists indices into `propositions`: the general proposition
    of claim `i` first, then its narrower one when it has a scope.
    `scoped[i]` says whether claim `i` carries a narrowing qualifier.
    `also[i]` lists the other general propositions claim `i` bears on.
    `vectors` holds each claim's normalised embedding, for `similarity`.
    """

    propositions: list[Proposition]
    members: list[list[int]]
    scoped: list[bool]
    vectors: dict[tuple[str, int, int], np.ndarray] = field(default_factory=dict)
    also: list[list[int]] = field(default_factory=list)
    scopes: list[frozenset[str]] = field(default_factory=list)
    """`scopes[i]`: how claim `i` is narrowed (`scope_key`), empty when it is not."""

    def similarity(self, a: Statement, b: Statement) -> float:
        """Cosine similarity of two clustered claims (0.0 for a claim not clustered here)."""
        va, vb = self.vectors.get(claim_key(a)), self.vectors.get(claim_key(b))
        return 0.0 if va is None or vb is None else float(va @ vb)


def claim_key(claim: Statement) -> tuple[str, int, int]:
    """What tells one claim (a `split_claims` view) from another: its statement and its span."""
    return claim.id, claim.content.start, claim.content.end


def scope_phrases(text: str) -> list[tuple[int, int]]:
    """Offsets of the purpose, time and quantity qualifiers in `text`."""
    return [m.span() for _, pattern in _NARROWING for m in pattern.finditer(text)]


def scope_key(text: str) -> frozenset[str]:
    """How `text` is narrowed: {"purpose"}, {"quantity", "time:before"}, … (empty when it is not).

    Two claims share a narrower proposition only when they are narrowed the
    same way: "not sold *for use in the war*" and "sold a few *before the
    war*" are about different questions however alike their words.
    """
    found = set()
    for kind, pattern in _NARROWING:
        for match in pattern.finditer(text):
            if kind == "time":
                direction = _DIRECTION.search(match.group())
                found.add("time:before" if direction and direction.group("earlier") else "time:after")
            else:
                found.add(kind)
    return frozenset(found)


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
    # A claim is scoped when a qualifier is found and cutting it changes the text.
    keys = [key if (key := scope_key(text)) and strip_scope(text) != _tidy(text) else frozenset() for text in texts]
    scoped = [bool(key) for key in keys]
    unit_vectors = _normalise(encoder.encode(list(texts)))
    general, assignment = assign_propositions(units, unit_vectors, threshold=threshold, known=known, texts=texts)
    propositions = list(general)
    members = [[index] for index in assignment]
    also = _also_about(unit_vectors, assignment, threshold)
    for row, extra in enumerate(also):
        for index in extra:
            if units[row].id not in propositions[index].statement_ids:
                propositions[index] = replace(
                    propositions[index], statement_ids=[*propositions[index].statement_ids, units[row].id]
                )

    by_scope: dict[tuple[int, frozenset[str]], list[int]] = {}
    for row, key in enumerate(keys):
        if key:
            by_scope.setdefault((assignment[row], key), []).append(row)
    for (parent_index, _), rows in by_scope.items():
        # The claims narrowed one way are clustered again, on the same vectors.
        children, child_of = assign_propositions(
            [units[r] for r in rows], unit_vectors[rows], threshold=child_threshold, texts=[texts[r] for r in rows]
        )
        parent = propositions[parent_index]
        offset = len(propositions)
        propositions += [_as_child(child, parent) for child in children]
        for row, child_index in zip(rows, child_of):
            members[row].append(offset + child_index)
    vectors = {claim_key(unit): unit_vectors[i] for i, unit in enumerate(units)}
    return NestedPropositions(propositions, members, scoped, vectors, also, keys)


def _also_about(vectors: np.ndarray, assignment: Sequence[int], threshold: float) -> list[list[int]]:
    """For each claim, the other general propositions (of `ALSO_MIN_MEMBERS` claims or more) it bears on.

    A claim joins another cluster when its mean similarity to that cluster's
    members reaches `threshold`, the test average linkage applies to a merge
    (`group_means`); claims are scored in blocks.
    """
    clusters: dict[int, list[int]] = {}
    for row, index in enumerate(assignment):
        clusters.setdefault(index, []).append(row)
    joinable, means = group_means(
        vectors, {index: rows for index, rows in clusters.items() if len(rows) >= ALSO_MIN_MEMBERS}
    )
    also: list[list[int]] = [[] for _ in assignment]
    if not joinable:
        return also
    for start, block in similarity_blocks(vectors, means):
        for offset, column in zip(*np.nonzero(block >= threshold)):
            row, index = start + int(offset), joinable[int(column)]
            if assignment[row] != index:
                also[row].append(index)
    return also


def _as_child(child: Proposition, parent: Proposition) -> Proposition:
    digest = hashlib.sha256(f"{parent.id}\x1f{child.id}".encode()).hexdigest()[:12]
    return replace(child, id="p" + digest, parent_id=parent.id)


# Narrowings that make an admission partial: "only a few", "before the war".
PARTIAL = frozenset({"quantity", "time:before"})


def stance_on_parent(stance: Stance, scope: frozenset[str] = frozenset()) -> Stance:
    """The stance a scoped claim takes on its general proposition (see module doc).

    A narrow denial leaves the general claim open (hedge); so does a partial
    admission, narrowed to a quantity or to a time before ("sold a few,
    months before the war": DESIGN.md's hedge). A claim narrowed otherwise
    ("sold drones *that are used in the war*") asserts the general one.
    """
    partial = stance.stance == "support" and bool(scope & PARTIAL)
    derived: StanceLabel = "hedge" if stance.stance == "deny" or partial else stance.stance
    return replace(stance, stance=derived, score=round(stance.score * 0.8, 3), method=f"{stance.method}+scope")
