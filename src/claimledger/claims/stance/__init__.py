"""Stance: a statement's stance on a proposition, by backends looked up by name.

- `_registry`: the `StanceBackend` protocol, the `stance_backends` registry,
  and the checking of a backend's settings before a run starts;
- `labels`: the one map between the ledger's labels and every other label set;
- the backends, each registering itself as a plugin would: `rules` (the
  offline default: cue semantics, negation, modality), `entail` (the rules
  with the project's entailment model on top, where its weights are
  installed), `model` (the text stance model trained on FNC-1 and
  Emergent), `nli` (any NLI cross-encoder), `llm` (an OpenAI-compatible
  endpoint);
- beside them, what the text stance model is made of (`classifier`,
  `features`, `reader`, `train`) and `text`, which runs any backend on plain
  (claim, evidence) pairs as the stance data sets give them.
"""

from __future__ import annotations

from . import llm as _llm  # noqa: F401  (the built-in backends register themselves on import)
from . import model as _model  # noqa: F401
from . import nli as _nli  # noqa: F401
from . import rules as _rules  # noqa: F401
from . import entail as _entail  # noqa: F401
from ._registry import (
    RUN_SETTINGS,
    StanceBackend,
    backend_settings,
    check_stance_settings,
    get_stance_backend,
    parse_settings,
    predict_stances,
    stance_backends,
    stance_settings,
)
from .labels import STANCE_LABELS

__all__ = [
    "RUN_SETTINGS",
    "STANCE_LABELS",
    "StanceBackend",
    "backend_settings",
    "check_stance_settings",
    "get_stance_backend",
    "parse_settings",
    "predict_stances",
    "stance_backends",
    "stance_settings",
]
