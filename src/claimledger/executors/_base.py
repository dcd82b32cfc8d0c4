"""What every executor and every stage it runs provide."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from typing import Protocol

from .._memory import release_memory
from ..errors import ConfigError, Errors
from ..records import Article, ParsedArticle


class Stage(Protocol):
    """The per-article stages as one picklable callable (`pipeline.ArticleStage`)."""

    def load(self) -> None:
        """Load the models, once per process, before the first batch."""

    def __call__(self, articles: Sequence[Article]) -> list[ParsedArticle]: ...


class Executor(Protocol):
    name: str
    workers: int | None  # None until the executor has chosen (`AutoExecutor`, `RayExecutor`)

    def map(self, stage: Stage, batches: Iterable[Sequence[Article]]) -> Iterator[list[ParsedArticle]]:
        """`stage` over each batch, yielded in input order as each is done.

        `batches` is consumed lazily: only a few batches are in flight at a time.
        """
        ...

    def close(self) -> None: ...

    def __enter__(self) -> Executor: ...

    def __exit__(self, *exc_info: object) -> None: ...


def check_workers(workers: int) -> int:
    return _at_least_one("--workers", workers)


def check_threads(threads: int | None) -> int | None:
    """Threads per worker, or None for the executor's default."""
    return None if threads is None else _at_least_one("--threads", threads)


def _at_least_one(option: str, value: int) -> int:
    if value < 1:
        raise ConfigError(Errors.E073.format(option=option, value=value))
    return value


def first_source(batch: Sequence[Article]) -> str:
    return batch[0].source if batch else "an empty batch"


def run_batch(stage: Stage, batch: Sequence[Article]) -> list[ParsedArticle]:
    """`stage` over one batch, then the heap the batch left behind handed back (`release_memory`)."""
    results = stage(list(batch))
    release_memory()
    return results
