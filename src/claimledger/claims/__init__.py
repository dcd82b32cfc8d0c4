"""The corpus-level claim stages: propositions, stance, positions, contradictions, framing.

`analyze_claims` chains them after entity resolution::

    analysis = analyze_claims(articles, statements, entities, speaker_links,
                              encoder=SentenceEncoder())

Each stage is also a plain function over records and can run alone:
`split_claims` / `proposition_texts` / `nest_propositions` (general
propositions and their scoped versions, each labelled by its canonical claim)
→ `candidate_propositions` (the others a claim may bear on, for a backend that
reads the proposition) → stance backend (`claims.stance`, default "rules") →
`build_positions` → `find_contradictions`;
`assign_camps` splits actors into camps, and `describe_framing` reads each
article's verbs, quotes and coverage.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace

from .. import __version__
from ..records import Article, ClaimUnit, CorpusAnalysis, Entity, Stance, Statement
from .camps import assign_camps, contested_propositions
from .candidates import ACTOR_BONUS, candidate_propositions
from .affiliation import affiliations
from .contradictions import find_contradictions
from .embeddings import Encoder, SentenceEncoder, encoder_name
from .framing import describe_framing
from .nesting import claim_key, nest_propositions, scope_key, stance_on_parent
from .positions import build_positions, order_by_date
from .propositions import (
    DEFAULT_THRESHOLD,
    assign_propositions,
    claim_texts,
    cluster_propositions,
    proposition_text,
    proposition_texts,
    split_claims,
)
from .stance import StanceBackend, get_stance_backend, predict_stances, stance_backends

__all__ = [
    "DEFAULT_THRESHOLD",
    "Encoder",
    "SentenceEncoder",
    "StanceBackend",
    "analyze_claims",
    "assign_camps",
    "assign_propositions",
    "build_positions",
    "claim_texts",
    "cluster_propositions",
    "clustering_key",
    "contested_propositions",
    "describe_framing",
    "find_contradictions",
    "get_stance_backend",
    "nest_propositions",
    "predict_stances",
    "proposition_text",
    "proposition_texts",
    "split_claims",
    "stance_backends",
]

# An incremental run places new claims beside the earlier clustering instead
# of clustering every claim again (`assign_propositions`). Once more than this
# share of the ledger's claims would have been placed that way since the last
# full clustering, the run clusters everything afresh, so the placed claims
# never exceed this share. Clustering everything would also have regrouped
# some earlier claims around the new ones: adding 10 PolNeAR articles to 1,000
# (benchmarks/RESULTS.md), 1,021 of 26,823 claims sat in a general proposition
# made up differently, 99.3% of the general propositions were the same.
MAX_ASSIGNED = 0.1

# Raise it with any change that groups the same claims differently (their
# affirmative texts, the linkage, the placing), so that ledgers grouped the old
# way are grouped afresh on their next run instead of mixing the two.
GROUPING_VERSION = 1


def clustering_key(encoder: Encoder, threshold: float) -> str:
    """What a general grouping depends on: new claims are placed beside an
    earlier grouping only when it was made under the same key."""
    return f"{encoder_name(encoder)} threshold={threshold:g} grouping={GROUPING_VERSION} claimledger={__version__}"


def analyze_claims(
    articles: Sequence[Article],
    statements: Sequence[Statement],
    entities: Sequence[Entity],
    speaker_links: Mapping[str, str | None],
    *,
    encoder: Encoder,
    stance_backend: str | StanceBackend = "rules",
    threshold: float = DEFAULT_THRESHOLD,
    earlier: Sequence[ClaimUnit] = (),
    earlier_clustering: str | None = None,
) -> CorpusAnalysis:
    """Propositions, stances, positions, contradictions and framing for a corpus.

    `speaker_links` maps statement id → entity id from entity resolution; a
    statement missing from it keeps its own `speaker_entity_id`. Statements
    of duplicate articles are left out. Statements are put in publication
    order (articles with a date sorted among themselves, then by position in
    the article), which is the order positions fall back on when `said_at` is
    unknown.

    `earlier` is the previous analysis's `claim_units` and `earlier_clustering`
    its `clustering`: with them, the claims already clustered keep their
    general propositions and only new claims are placed. Everything is
    clustered afresh instead when the earlier grouping was made otherwise
    (another encoder or threshold, another version: `clustering_key`) or
    would be stretched too far (`MAX_ASSIGNED`). Everything after the general
    grouping is recomputed in full.
    """
    ordered = _publication_order(articles, statements)

    units = [unit for statement in ordered for unit in split_claims(statement)]
    clustering = clustering_key(encoder, threshold)
    placed = _placed_before(units, earlier if earlier_clustering == clustering else ())
    known = None if placed is None else [unit.proposition_id if unit else None for unit in placed]
    nested_texts = proposition_texts(units)
    nested = nest_propositions(units, nested_texts, encoder, threshold=threshold, known=known)
    propositions = nested.propositions
    entity_of = {s.id: speaker_links.get(s.id, s.speaker_entity_id) for s in ordered}
    # Each claim is also read against the general propositions it may answer
    # beyond its own cluster (`candidate_propositions`). Only a backend that
    # reads the proposition (`reads_proposition`) can tell whether a claim
    # bears on a question worded otherwise; it may ask for a lower bar than
    # the clustering's, since it drops the candidates a claim does not bear
    # on. The rules read a claim's own words alone: its own propositions only.
    backend = get_stance_backend(stance_backend)
    reads = bool(getattr(backend, "reads_proposition", False))
    candidates = (
        candidate_propositions(
            units, nested_texts, nested, encoder, entity_of=entity_of,
            threshold=getattr(backend, "candidate_similarity", threshold),
            actor_bonus=getattr(backend, "actor_bonus", ACTOR_BONUS),
        )
        if reads else [[] for _ in units]
    )
    # A claim is narrower than a general proposition when it carries a qualifier
    # the proposition's canonical claim does not ("a small release *before the
    # filters*" against "there had been a release"); its stance there is derived.
    label_scopes = [scope_key(p.label) for p in propositions]

    def narrower(i: int, index: int) -> bool:
        return nested.scoped[i] and not nested.scopes[i] <= label_scopes[index]

    # (claim, proposition, its general proposition, whether the stance is derived from a narrower one,
    # whether the claim joined the proposition rather than being a candidate for it)
    rows = [
        (i, index, indices[0], index == indices[0] and narrower(i, index), True)
        for i, indices in enumerate(nested.members)
        for index in indices
    ] + [
        (i, index, index, False, True)
        for i, extra in enumerate(nested.also) for index in extra
    ] + [(i, index, index, narrower(i, index), False) for i, extra in enumerate(candidates) for index in extra]
    claims = [units[i] for i, *_ in rows]
    said = predict_stances([(claim, propositions[row[1]]) for claim, row in zip(claims, rows)], backend)
    # A candidate the backend finds the claim does not bear on is no stance of the claim's.
    kept = [k for k, (stance, row) in enumerate(zip(said, rows)) if stance.stance != "neutral" or row[4]]
    rows, claims, said = [rows[k] for k in kept], [claims[k] for k in kept], [said[k] for k in kept]
    stances, _ = _one_per_pair(
        [
            stance_on_parent(stance, nested.scopes[i]) if derived else stance
            for stance, (i, _, _, derived, _) in zip(said, rows)
        ],
        claims,
    )
    # Contradictions are read on each general proposition from what every
    # claim says outright, narrow or not: "not sold for use in the war" then
    # "sold a few before the war" is a reversal, flagged apparent by scope.
    general = [propositions[root].id for _, _, root, _, _ in rows]
    outright, outright_claims = _one_per_pair(
        [replace(stance, proposition_id=root) for stance, root in zip(said, general)], claims
    )

    # A claim that bears on a candidate proposition is one of its statements, as a member is.
    joined: dict[int, list[str]] = {}
    for (i, index, _, _, member), stance in zip(rows, said):
        if not member and stance.stance != "neutral":
            joined.setdefault(index, []).append(units[i].id)
    for index, ids in joined.items():
        extra = [sid for sid in dict.fromkeys(ids) if sid not in propositions[index].statement_ids]
        if extra:
            members = [*propositions[index].statement_ids, *extra]
            propositions[index] = replace(propositions[index], statement_ids=members)

    names = {entity.id: entity.name for entity in entities}
    positions = build_positions(ordered, stances, entity_of)
    sides = build_positions(ordered, outright, entity_of)
    contradictions = find_contradictions(
        sides, ordered, outright, names,
        claims=outright_claims, similarity=nested.similarity, min_directness=threshold,
        labels={p.id: p.label for p in propositions}, allies=affiliations(entities),
    )
    return CorpusAnalysis(
        entities=list(entities),
        speaker_links=dict(speaker_links),
        propositions=propositions,
        stances=stances,
        positions=positions,
        contradictions=contradictions,
        framing=describe_framing(
            articles, ordered, entity_of, entity_names=names, camps=assign_camps(positions),
            propositions=propositions, contested=contested_propositions(positions),
        ),
        claim_units=[
            ClaimUnit(
                *claim_key(unit), propositions[indices[0]].id,
                assigned=placed is not None and (placed[i] is None or placed[i].assigned),
            )
            for i, (unit, indices) in enumerate(zip(units, nested.members))
        ],
        clustering=clustering,
    )


def _placed_before(units: Sequence[Statement], earlier: Sequence[ClaimUnit]) -> list[ClaimUnit | None] | None:
    """Per claim, where the earlier analysis put it (None: a new claim); None to cluster everything afresh.

    Afresh when there is no earlier analysis, when a claim it placed is gone
    (the ledger changed otherwise than by adding articles), or when the
    claims placed rather than clustered would exceed `MAX_ASSIGNED`.
    """
    if not earlier:
        return None
    by_key = {(u.statement_id, u.start, u.end): u for u in earlier}
    placed = [by_key.get(claim_key(unit)) for unit in units]
    if sum(unit is not None for unit in placed) != len(by_key):
        return None
    if sum(unit is None or unit.assigned for unit in placed) > MAX_ASSIGNED * len(units):
        return None
    return placed


def _publication_order(articles: Sequence[Article], statements: Sequence[Statement]) -> list[Statement]:
    duplicates = {a.id for a in articles if a.duplicate_of is not None}
    ranked = order_by_date(articles, lambda a: a.published_at.isoformat() if a.published_at else None)
    rank = {a.id: i for i, a in enumerate(ranked)}
    for statement in statements:  # articles not given come after, as first seen
        rank.setdefault(statement.article_id, len(rank))
    kept = [s for s in statements if s.article_id not in duplicates]
    return sorted(kept, key=lambda s: (rank[s.article_id], s.content.start, s.content.end))


def _one_per_pair(
    stances: Sequence[Stance], units: Sequence[Statement]
) -> tuple[list[Stance], dict[tuple[str, str], Statement]]:
    """One stance per (statement, proposition), and the claim view it came from.

    A statement whose several sentences joined one proposition keeps the
    most committed of their stances: a label beats neutral, then the score.
    """
    best: dict[tuple[str, str], tuple[Stance, Statement]] = {}
    for stance, unit in zip(stances, units):
        key = (stance.statement_id, stance.proposition_id)
        if key not in best or _rank(stance) > _rank(best[key][0]):
            best[key] = (stance, unit)
    return [stance for stance, _ in best.values()], {key: unit for key, (_, unit) in best.items()}


def _rank(stance: Stance) -> tuple[bool, float]:
    return stance.stance != "neutral", stance.score
