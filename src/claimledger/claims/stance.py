"""Stance backends: a statement's stance on a proposition, by name.

Every backend has one method, `predict(pairs) -> list[Stance]`, one stance
per (statement, proposition) pair and in the same order, labelled
support | deny | hedge | neutral with a score in [0, 1] and its versioned
name in `Stance.method`. Backends are registered by name in
`stance_backends` as factories taking keyword options::

    @stance_backends.register("nli")
    def make_nli(**options) -> StanceBackend: ...

The offline default, "rules", lives in `stance_rules`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Protocol, runtime_checkable

from ..errors import Errors
from ..records import STANCE_LABELS, Proposition, Stance, Statement
from ..registry import Registry


@runtime_checkable
class StanceBackend(Protocol):
    """Decides the stance of each statement on its paired proposition."""

    method: str

    def predict(self, pairs: Sequence[tuple[Statement, Proposition]]) -> list[Stance]: ...


stance_backends: Registry[Callable[..., StanceBackend]] = Registry("stance backend")


def get_stance_backend(backend: str | StanceBackend, **options: object) -> StanceBackend:
    """The backend registered as `backend`, built with `options`; an instance passes through."""
    if isinstance(backend, str):
        return stance_backends.get(backend)(**options)
    return backend


def predict_stances(
    pairs: Sequence[tuple[Statement, Proposition]], backend: str | StanceBackend = "rules"
) -> list[Stance]:
    """Run `backend` over `pairs` and check it kept its side of the protocol."""
    model = get_stance_backend(backend)
    stances = model.predict(pairs)
    if len(stances) != len(pairs):
        raise ValueError(Errors.E034.format(name=model.method, got=len(stances), expected=len(pairs)))
    for stance in stances:
        if stance.stance not in STANCE_LABELS:
            raise ValueError(
                Errors.E035.format(name=model.method, label=stance.stance, options=", ".join(STANCE_LABELS))
            )
    return stances


# The built-in backends register themselves on import, like a plugin would.
from . import stance_llm as _stance_llm  # noqa: E402,F401
from . import stance_model as _stance_model  # noqa: E402,F401
from . import stance_nli as _stance_nli  # noqa: E402,F401
from . import stance_rules as _stance_rules  # noqa: E402,F401
