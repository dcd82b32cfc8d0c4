"""The one map between the ledger's stance labels and every other label set a backend reads or writes.

The ledger speaks `STANCE_LABELS` (support, deny, hedge, neutral). The text
stance data sets speak FNC-1's four labels, NLI models three, the project's
entailment model three of its own; Emergent three more. Each map says how
one set reads in the other, and every backend and scorer uses these.
"""

from __future__ import annotations

from ...records import STANCE_LABELS, StanceLabel

__all__ = [
    "ENTAILMENT_STANCE",
    "LEDGER_STANCE",
    "NLI_STANCE",
    "STANCE_LABELS",
    "TEXT_LABEL",
    "TEXT_LABELS",
    "TEXT_TO_EMERGENT",
]

# FNC-1 (and the text stance model): its labels in the model's output order.
TEXT_LABELS: tuple[str, ...] = ("agree", "disagree", "discuss", "unrelated")
# text label → ledger: "discuss" reports a claim without taking a side.
LEDGER_STANCE: dict[str, StanceLabel] = {
    "agree": "support", "disagree": "deny", "discuss": "hedge", "unrelated": "neutral",
}
# ledger → text label, as `evaluate fnc1` scores a backend.
TEXT_LABEL: dict[str, str] = {ledger: text for text, ledger in LEDGER_STANCE.items()}
# text label → Emergent's.
TEXT_TO_EMERGENT: dict[str, str] = {
    "agree": "for", "disagree": "against", "discuss": "observing", "unrelated": "observing",
}
# A three-way NLI cross-encoder's labels → ledger (a near tie of the first two is a hedge).
NLI_STANCE: dict[str, StanceLabel] = {"entailment": "support", "contradiction": "deny", "neutral": "neutral"}
# The project's entailment model (`claims.entailment.ENTAILMENT_LABELS`) → ledger.
ENTAILMENT_STANCE: dict[str, StanceLabel] = {"entails": "support", "contradicts": "deny", "neither": "neutral"}
