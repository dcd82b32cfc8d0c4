"""Scoring attribution relations as spans: source, cue and content, exact and overlapping.

The unit is the contiguous span (a fragment of a discontinuous annotation
counts on its own, as in token-tagging evaluations), per role, per document,
without repeats: a source that speaks in three relations is one source span.
A tagger's roles are scored on the spans it tagged (`Extracted.spans`), as
published PolNeAR taggers are; other extractors' on the spans of their relations.

Exact
    A predicted span is right when a gold span of the same role has the same
    start and end (surrounding whitespace never counts).
Overlap
    Predicted and gold spans of a role are paired one to one, greedily by
    characters shared; a pair counts when they share any character.
Relations
    A predicted relation is right when one gold relation, not already taken,
    agrees with it on all three roles: exactly (the same fragments) or by
    overlap (each role overlaps, and a missing source matches only a missing
    source).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from rich.table import Table

from ..records import ATTRIBUTION_ROLES, Extracted, Fragments, Offsets, SpanRelation, Statement
from ._spans import overlap
from .metrics import PRF

Pair = tuple[Extracted | Sequence[SpanRelation], Sequence[SpanRelation]]
"""(predicted, gold) of one document."""


@dataclass(slots=True)
class _Tally:
    tp: int = 0
    predicted: int = 0
    gold: int = 0

    def add(self, tp: int, predicted: int, gold: int) -> None:
        self.tp += tp
        self.predicted += predicted
        self.gold += gold

    def prf(self) -> PRF:
        return PRF(self.tp, self.predicted, self.gold)


@dataclass(frozen=True, slots=True)
class AttributionScores:
    """Per-role and whole-relation precision/recall/F1, exact and by overlap."""

    exact: dict[str, PRF]
    overlap: dict[str, PRF]
    relations_exact: PRF
    relations_overlap: PRF
    documents: int = 0


def statements_to_relations(statements: Iterable[Statement]) -> list[SpanRelation]:
    """Ledger statements as spans, for scoring against annotated relations: an
    interrupted span as its pieces (`Statement.fragments`), as the export gives them."""
    return [
        SpanRelation(cue=s.fragments("cue"), content=s.fragments("content"), source=s.fragments("speaker"))
        for s in statements
    ]


def export_span(statement: Mapping[str, Any], field: str) -> Fragments:
    """The pieces of one span ("speaker", "cue" or "content") of an exported statement:
    its `<field>_fragments` where it has them (docs/export.md), else its start and end;
    () where the statement has no such span. Read as the independent scorer reads them."""
    pieces = statement.get(f"{field}_fragments")
    if isinstance(pieces, list) and pieces:
        found = sorted(
            (p[0], p[1]) for p in pieces
            if isinstance(p, (list, tuple)) and len(p) == 2 and all(isinstance(x, int) for x in p) and p[1] > p[0]
        )
        if found:
            return tuple(found)
    start, end = statement.get(f"{field}_start"), statement.get(f"{field}_end")
    return ((start, end),) if isinstance(start, int) and isinstance(end, int) and start < end else ()


def overlap_matches(predicted: Sequence[Offsets], gold: Sequence[Offsets]) -> int:
    """How many one-to-one pairs of overlapping spans, taken greedily by characters shared."""
    candidates = sorted(
        ((overlap(p, g), i, j) for i, p in enumerate(predicted) for j, g in enumerate(gold) if overlap(p, g)),
        reverse=True,
    )
    used_p: set[int] = set()
    used_g: set[int] = set()
    for _, i, j in candidates:
        if i not in used_p and j not in used_g:
            used_p.add(i)
            used_g.add(j)
    return len(used_p)


def _fragments_overlap(a: Fragments, b: Fragments) -> bool:
    if not a or not b:
        return not a and not b
    return any(overlap(x, y) for x in a for y in b)


def _relation_matches(
    predicted: Sequence[SpanRelation], gold: Sequence[SpanRelation], same: Callable[[Fragments, Fragments], bool]
) -> int:
    taken: set[int] = set()
    for relation in predicted:
        for j, truth in enumerate(gold):
            if j not in taken and all(same(relation.role(r), truth.role(r)) for r in ATTRIBUTION_ROLES):
                taken.add(j)
                break
    return len(taken)


def score_attributions(pairs: Iterable[Pair]) -> AttributionScores:
    """Score predicted against gold relations, document by document."""
    exact = {role: _Tally() for role in ATTRIBUTION_ROLES}
    overlapping = {role: _Tally() for role in ATTRIBUTION_ROLES}
    rel_exact, rel_overlap = _Tally(), _Tally()
    documents = 0
    for predicted, gold in pairs:
        documents += 1
        if not isinstance(predicted, Extracted):
            predicted = Extracted(predicted)
        for role in ATTRIBUTION_ROLES:
            p, g = predicted.role_spans(role), Extracted(gold).role_spans(role)
            exact[role].add(len(set(p) & set(g)), len(p), len(g))
            overlapping[role].add(overlap_matches(p, g), len(p), len(g))
        relations = predicted.relations
        rel_exact.add(_relation_matches(relations, gold, lambda a, b: set(a) == set(b)), len(relations), len(gold))
        rel_overlap.add(_relation_matches(relations, gold, _fragments_overlap), len(relations), len(gold))
    return AttributionScores(
        exact={role: t.prf() for role, t in exact.items()},
        overlap={role: t.prf() for role, t in overlapping.items()},
        relations_exact=rel_exact.prf(),
        relations_overlap=rel_overlap.prf(),
        documents=documents,
    )


def format_attribution_scores(scores: AttributionScores, title: str) -> Table:
    """A Rich table: one row per role and for whole relations, exact and overlap P/R/F1."""
    rows = [(role, scores.exact[role], scores.overlap[role]) for role in ATTRIBUTION_ROLES]
    rows.append(("relation", scores.relations_exact, scores.relations_overlap))
    return span_scores_table(f"{title} ({scores.documents} documents)", rows)


def span_scores_table(title: str, rows: Iterable[tuple[str, PRF | None, PRF]]) -> Table:
    """A Rich table of (name, exact, overlap) scores as P/R/F1 percentages and the gold count;
    a row without exact scores leaves those cells empty."""
    table = Table(title=title)
    table.add_column("", no_wrap=True)
    for column in ("exact P", "exact R", "exact F1", "overlap P", "overlap R", "overlap F1", "gold"):
        table.add_column(column, justify="right")
    for name, ex, ov in rows:
        exact = ("", "", "") if ex is None else (f"{100 * v:.1f}" for v in (ex.precision, ex.recall, ex.f1))
        table.add_row(
            name, *exact, *(f"{100 * v:.1f}" for v in (ov.precision, ov.recall, ov.f1)), str((ex or ov).gold)
        )
    return table
