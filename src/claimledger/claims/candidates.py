"""Which propositions a claim may bear on beyond the cluster it joined.

A proposition stands for a question; a claim answers it in its own words,
and a denial or a narrowed admission is often worded far from the claim it
answers ("there had been a small release before the filters" against "there
had been no release from the site"). So besides the propositions it joined
(`nest_propositions`), each claim is scored against the general propositions
whose canonical claim is close to it, on its full affirmative text or on its
core (its narrowing qualifiers cut, `strip_scope`, on both sides), at most
`MAX_CANDIDATES` of them, the closest first. A speaker who already answered a
question is taken to bear on it at a lower bar (`ACTOR_BONUS`): shared actors
are evidence of a shared question that wording alone misses.

Only propositions of `MIN_MEMBERS` statements or more are candidates: a
proposition no one else speaks to cannot be contested.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np

from ..records import Statement
from .embeddings import Encoder
from .nesting import NestedPropositions, strip_scope
from .propositions import _normalise

MAX_CANDIDATES = 3
MIN_MEMBERS = 2
ACTOR_BONUS = 0.1


def candidate_propositions(
    units: Sequence[Statement],
    texts: Sequence[str],
    nested: NestedPropositions,
    encoder: Encoder,
    *,
    threshold: float,
    entity_of: Mapping[str, str | None] | None = None,
    limit: int | None = None,
    actor_bonus: float = ACTOR_BONUS,
) -> list[list[int]]:
    """Per claim, indices (into `nested.propositions`) of the general propositions it may also bear on.

    `texts` are the claims' affirmative texts (`proposition_texts`); the
    propositions a claim already belongs to (`members`, `also`) are not
    repeated. `entity_of` maps statement id → speaker entity, for the lower
    bar (`actor_bonus` below `threshold`) on a question the same speaker
    already answered.
    """
    limit = MAX_CANDIDATES if limit is None else limit
    propositions = nested.propositions
    general = [
        i for i, p in enumerate(propositions) if p.parent_id is None and len(set(p.statement_ids)) >= MIN_MEMBERS
    ]
    found: list[list[int]] = [[] for _ in units]
    if not general or not units or limit <= 0:
        return found
    labels = [propositions[i].label.rstrip("…").strip() for i in general]
    label_cores = [strip_scope(label) for label in labels]
    cores = [strip_scope(text) for text in texts]
    vectors = _normalise(encoder.encode([*labels, *label_cores, *texts, *cores]))
    n = len(general)
    label_vectors, label_core_vectors = vectors[:n], vectors[n : 2 * n]
    claim_vectors, core_vectors = vectors[2 * n : 2 * n + len(texts)], vectors[2 * n + len(texts) :]
    similarity = np.maximum(claim_vectors @ label_vectors.T, core_vectors @ label_core_vectors.T)

    speakers: dict[int, set[str]] = {}
    if entity_of is not None:
        for column, index in enumerate(general):
            speakers[column] = {e for sid in propositions[index].statement_ids if (e := entity_of.get(sid))}
    for row, unit in enumerate(units):
        already = set(nested.members[row]) | set(nested.also[row] if nested.also else ())
        speaker = entity_of.get(unit.id) if entity_of is not None else None
        scored = []
        for column, index in enumerate(general):
            if index in already:
                continue
            bar = threshold - (actor_bonus if speaker and speaker in speakers.get(column, ()) else 0.0)
            if similarity[row, column] >= bar:
                scored.append((-float(similarity[row, column]), index))
        found[row] = [index for _, index in sorted(scored)[:limit]]
    return found
