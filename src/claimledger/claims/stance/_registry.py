"""The stance registry: backends by name, their settings checked before any work.

Every backend has one method, `predict(pairs) -> list[Stance]`, one stance
per (statement, proposition) pair and in the same order, labelled
support | deny | hedge | neutral with a score in [0, 1] and its versioned
name in `Stance.method`. Backends are registered by name in
`stance_backends`; what is registered is a callable taking keyword settings
(a class, as the built-in backends are)::

    @stance_backends.register("nli")
    class NliStance:
        def __init__(self, model=None, batch_size=32, device=None): ...

A run hands a backend two kinds of settings (`stance_settings`): the run's
own (`device`, `batch_size`), given to a backend only where it takes them,
and the settings named for the backend (`--stance-option KEY=VALUE`), which
it must take: an unknown name or a value of the wrong type is refused
(`check_stance_settings`) before anything is read.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Mapping, Sequence
from typing import Any, Protocol, runtime_checkable

from ...errors import ConfigError, Errors
from ...records import STANCE_LABELS, Proposition, Stance, Statement
from ...registry import Registry

# Settings a run has whatever the backend; a backend that does not take one is not given it.
RUN_SETTINGS = ("device", "batch_size")


@runtime_checkable
class StanceBackend(Protocol):
    """Decides the stance of each statement on its paired proposition."""

    method: str

    def predict(self, pairs: Sequence[tuple[Statement, Proposition]]) -> list[Stance]: ...


stance_backends: Registry[Callable[..., StanceBackend]] = Registry("stance backend")


def backend_settings(name: str) -> dict[str, inspect.Parameter]:
    """The keyword settings the backend registered as `name` takes (E030 for an unknown name)."""
    factory = stance_backends.get(name)
    try:
        parameters = inspect.signature(factory).parameters
    except (TypeError, ValueError):  # a builtin or C callable: nothing to check against
        return {}
    return {
        key: p for key, p in parameters.items()
        if p.kind in (inspect.Parameter.KEYWORD_ONLY, inspect.Parameter.POSITIONAL_OR_KEYWORD)
    }


def parse_settings(given: Sequence[str]) -> dict[str, str]:
    """`["model=path", "margin=0.3"]` → {"model": "path", "margin": "0.3"} (E076 for a pair without "=")."""
    settings: dict[str, str] = {}
    for item in given:
        key, sep, value = item.partition("=")
        if not sep or not key.strip():
            raise ConfigError(Errors.E076.format(given=item))
        settings[key.strip().replace("-", "_")] = value.strip()
    return settings


def check_stance_settings(name: str, settings: Mapping[str, object]) -> dict[str, object]:
    """`settings` for the backend `name`, each checked against what it takes and typed as its default.

    Raises `ConfigError` for an unknown backend (E030), a setting it does not
    take (E074) or a value that cannot be read as the setting's type (E075),
    and whatever the backend's own `check(**settings)` raises, where it has
    one. Cheap: nothing is loaded, so a run calls it before reading its inputs.
    """
    accepted = backend_settings(name)
    open_ended = any(p.kind is inspect.Parameter.VAR_KEYWORD for p in _all_parameters(name))
    checked: dict[str, object] = {}
    for key, value in settings.items():
        parameter = accepted.get(key)
        if parameter is None:
            if open_ended:
                checked[key] = value
                continue
            options = ", ".join(sorted(accepted)) or "none"
            raise ConfigError(Errors.E074.format(name=name, option=key, options=options))
        checked[key] = _typed(name, key, value, parameter.default)
    # A backend may check more itself, as cheaply (that its weights are there).
    check = getattr(stance_backends.get(name), "check", None)
    if callable(check):
        check(**checked)
    return checked


def stance_settings(name: str, settings: Mapping[str, object] = {}, **run: object) -> dict[str, object]:
    """What the backend `name` is built with: the checked `settings`, and those of the run's
    settings (`device`, `batch_size`; None: not set) that it takes and `settings` does not set."""
    checked = check_stance_settings(name, settings)
    accepted = backend_settings(name)
    for key, value in run.items():
        if value is not None and key in accepted and key not in checked:
            checked[key] = value
    return checked


def get_stance_backend(backend: str | StanceBackend, **settings: object) -> StanceBackend:
    """The backend registered as `backend`, built with `settings`; an instance passes through."""
    if isinstance(backend, str):
        return stance_backends.get(backend)(**check_stance_settings(backend, settings))
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


def _all_parameters(name: str) -> list[inspect.Parameter]:
    try:
        return list(inspect.signature(stance_backends.get(name)).parameters.values())
    except (TypeError, ValueError):
        return []


def _typed(name: str, key: str, value: object, default: Any) -> object:
    """`value` as the type of `default` when it is given as text (from the command line)."""
    if not isinstance(value, str) or default is inspect.Parameter.empty or default is None:
        return value
    kind = type(default)
    try:
        if kind is bool:
            low = value.lower()
            if low not in ("true", "false", "1", "0", "yes", "no"):
                raise ValueError("give true or false")
            return low in ("true", "1", "yes")
        if kind in (int, float):
            return kind(value)
    except ValueError as error:
        raise ConfigError(Errors.E075.format(name=name, option=key, value=value, reason=error)) from error
    return value
