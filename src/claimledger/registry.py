"""Backends looked up by name: stance backends, executors, export formats.

Built-in backends register themselves exactly as a third party would::

    stance_backends = Registry("stance backend")

    @stance_backends.register("rules")
    def make_rule_stance(**options): ...

An unknown name raises `ConfigError` listing the names that exist.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Generic, TypeVar

from .errors import ConfigError, Errors

T = TypeVar("T")


class Registry(Generic[T]):
    def __init__(self, kind: str) -> None:
        self.kind = kind
        self._entries: dict[str, T] = {}

    def register(self, name: str) -> Callable[[T], T]:
        def decorate(entry: T) -> T:
            self._entries[name] = entry
            return entry

        return decorate

    def get(self, name: str) -> T:
        try:
            return self._entries[name]
        except KeyError:
            options = ", ".join(sorted(self._entries)) or "none"
            raise ConfigError(
                Errors.E030.format(kind=self.kind, name=name, options=options)
            ) from None

    def names(self) -> list[str]:
        return sorted(self._entries)

    def __contains__(self, name: object) -> bool:
        return name in self._entries
