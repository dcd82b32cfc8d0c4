"""Running any stance backend on plain (claim, evidence) texts, as the stance data sets give them.

Each pair becomes what the pipeline hands a backend: a statement whose
content is the evidence (no speaker, no cue: an article or a headline
speaks for itself) and a proposition labelled with the claim. The ledger's
labels map back onto FNC-1's: support → agree, deny → disagree, hedge →
discuss, neutral → unrelated. So `evaluate fnc1` and `evaluate emergent`
score exactly what `analyze --stance NAME` would decide.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from ...records import Proposition, Span, Statement
from ._registry import StanceBackend, get_stance_backend
from .classifier import TextPair
from .labels import TEXT_LABEL



def as_ledger_pair(pair: TextPair, index: int) -> tuple[Statement, Proposition]:
    statement = Statement(
        id=f"pair-{index}", article_id=f"evidence-{index}",
        content=Span(0, len(pair.evidence), pair.evidence), kind="indirect",
    )
    return statement, Proposition(id=f"claim-{index}", label=pair.claim, statement_ids=[statement.id])


def label_texts(
    pairs: Sequence[TextPair],
    backend: str | StanceBackend = "model",
    *,
    chunk: int = 256,
    progress: Callable[[int], None] = lambda done: None,
    **options: object,
) -> list[tuple[str, float]]:
    """(FNC-1 label, score) for each pair, decided by `backend`; `progress` hears each chunk's size."""
    model = get_stance_backend(backend, **options)
    labelled: list[tuple[str, float]] = []
    for start in range(0, len(pairs), chunk):
        batch = [as_ledger_pair(pair, start + i) for i, pair in enumerate(pairs[start : start + chunk])]
        labelled += [(TEXT_LABEL[s.stance], s.score) for s in model.predict(batch)]
        progress(len(batch))
    return labelled
