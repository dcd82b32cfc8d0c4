"""The trained stance backend: the text-level stance model on (proposition, statement).

The proposition's label is the claim; the statement as said (speaker, cue,
content) is the evidence, so a denial's cue ("denied that ...") is read with
its content. The model's labels map onto the ledger's: agree → support,
disagree → deny, discuss (reports it without taking a side) → hedge,
unrelated → neutral.

A statement is short evidence, so the model's reader (`reader`) reads
it together with the proposition. Registered as "model"; results carry method
"model.v2" (v1 had no reader). `model` (or $CLAIMLEDGER_STANCE_MODEL) points
at a folder from `claimledger train stance`; the shipped model otherwise.
"""

from __future__ import annotations

import os
from collections.abc import Sequence

from ...records import Proposition, Stance, StanceLabel, Statement
from ._registry import stance_backends
from .classifier import StanceClassifier, TextPair
from .labels import LEDGER_STANCE

METHOD = "model.v2"


def statement_text(statement: Statement) -> str:
    """The statement as said: "<speaker> <cue> <content>", with a negated cue's "not" kept."""
    cue = statement.cue.text if statement.cue else ""
    if statement.cue_negated and "not" not in cue.lower().split() and "n't" not in cue.lower():
        cue = f"did not {statement.cue_lemma or cue}".strip()
    parts = (statement.speaker.text if statement.speaker else "", cue, statement.content.text)
    return " ".join(part.strip() for part in parts if part and part.strip())


@stance_backends.register("model")
class ModelStance:
    method = METHOD

    def __init__(self, model: str | None = None, batch_size: int = 64, device: str | None = None) -> None:
        from ..embeddings import SentenceEncoder

        path = model or os.environ.get("CLAIMLEDGER_STANCE_MODEL") or None
        encoder = SentenceEncoder(device=device) if device is not None else None
        self.classifier = StanceClassifier.load(path, encoder=encoder)
        self.batch_size = batch_size

    def predict(self, pairs: Sequence[tuple[Statement, Proposition]]) -> list[Stance]:
        texts = [TextPair(proposition.label, statement_text(statement)) for statement, proposition in pairs]
        return [
            Stance(statement.id, proposition.id, LEDGER_STANCE[label], round(score, 4), METHOD)
            for (statement, proposition), (label, score) in zip(pairs, self.classifier.predict(texts, self.batch_size))
        ]
