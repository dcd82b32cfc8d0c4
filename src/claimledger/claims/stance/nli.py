"""The NLI stance backend: a natural-language-inference cross-encoder.

The statement as said is the premise, the proposition the hypothesis:
entailment → support, contradiction → deny, neutral → neutral; when the
winning side leads the other by less than `margin` (the model is torn
between entailment and contradiction) the stance is hedge.

`model` is a local folder or a hub id of a sentence-transformers
CrossEncoder with three labels (or $CLAIMLEDGER_NLI_MODEL). Hub ids are read
from the local cache only unless HF_HUB_OFFLINE=0 is set. The label order
comes from the model's `id2label`; give `labels` ("contradiction,entailment,
neutral") for a model whose config names them LABEL_0...

Registered as "nli"; results carry method "nli.v1:<model>".
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from typing import Any

import numpy as np

from ...errors import ConfigError, Errors
from ...records import Proposition, Stance, StanceLabel, Statement
from ._registry import stance_backends
from .labels import NLI_STANCE
from .model import statement_text



def nli_labels(id2label: dict[int, str]) -> list[str]:
    """The model's labels in output order, named entailment / contradiction / neutral."""
    names = []
    for index in range(len(id2label)):
        raw = str(id2label[index]).lower()
        name = next((n for n in NLI_STANCE if raw.startswith(n[:6])), None)
        if name is None:
            raise ValueError(f"its label {index} is {id2label[index]!r}, not entailment, contradiction or neutral")
        names.append(name)
    if sorted(names) != sorted(NLI_STANCE):
        raise ValueError(f"its labels are {names}, expected entailment, contradiction and neutral")
    return names


def nli_stance(probabilities: np.ndarray, labels: Sequence[str], margin: float) -> tuple[StanceLabel, float]:
    """The stance of one pair from its label probabilities."""
    p = dict(zip(labels, (float(v) for v in probabilities)))
    best = max(p, key=p.__getitem__)
    if best != "neutral" and abs(p["entailment"] - p["contradiction"]) < margin:
        return "hedge", 1.0 - abs(p["entailment"] - p["contradiction"])
    return NLI_STANCE[best], p[best]


@stance_backends.register("nli")
class NliStance:
    def __init__(
        self, model: str | None = None, margin: float = 0.2, batch_size: int = 32, device: str | None = None,
        labels: str | Sequence[str] | None = None,
    ) -> None:
        name = model or os.environ.get("CLAIMLEDGER_NLI_MODEL")
        if not name:
            raise ConfigError(
                Errors.E031.format(what="NLI", name="(none)", reason="no model given: pass model= or set "
                                   "CLAIMLEDGER_NLI_MODEL to a cross-encoder folder or hub id",
                                   package="sentence-transformers")
            )
        self.name = str(name)
        self.margin = margin
        self.batch_size = batch_size
        self.method = f"nli.v1:{self.name}"
        self._model = self._load(device)
        try:
            if labels is not None:
                given = labels.split(",") if isinstance(labels, str) else list(labels)
                self.labels = nli_labels({i: label.strip() for i, label in enumerate(given)})
            else:
                self.labels = nli_labels(self._model.config.id2label)
        except ValueError as error:
            raise ConfigError(
                Errors.E031.format(what="NLI", name=self.name, reason=error, package="sentence-transformers")
            ) from error

    def _load(self, device: str | None) -> Any:
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        try:
            from sentence_transformers import CrossEncoder

            return CrossEncoder(self.name, device=device)
        except (ImportError, OSError, ValueError, RuntimeError) as error:
            raise ConfigError(
                Errors.E031.format(what="NLI", name=self.name, reason=error, package="sentence-transformers")
            ) from error

    def predict(self, pairs: Sequence[tuple[Statement, Proposition]]) -> list[Stance]:
        if not pairs:
            return []
        inputs = [(statement_text(statement), proposition.label) for statement, proposition in pairs]
        probabilities = np.asarray(
            self._model.predict(inputs, batch_size=self.batch_size, apply_softmax=True, show_progress_bar=False)
        ).reshape(len(pairs), -1)
        stances = []
        for (statement, proposition), row in zip(pairs, probabilities):
            label, score = nli_stance(row, self.labels, self.margin)
            stances.append(Stance(statement.id, proposition.id, label, round(score, 4), self.method))
        return stances
