"""What every executor and every stage it runs provide."""

from __future__ import annotations

import ctypes
import ctypes.util
import gc
from collections.abc import Iterable, Iterator, Sequence
from functools import lru_cache
from typing import Protocol

from ..errors import ConfigError, Errors
from ..records import Article, ParsedArticle


class Stage(Protocol):
    """The per-article stages as one picklable callable (`pipeline.ArticleStage`)."""

    def load(self) -> None:
        """Load the models, once per process, before the first batch."""

    def __call__(self, articles: Sequence[Article]) -> list[ParsedArticle]: ...


class Executor(Protocol):
    name: str
    workers: int

    def map(self, stage: Stage, batches: Iterable[Sequence[Article]]) -> Iterator[list[ParsedArticle]]:
        """`stage` over each batch, yielded in input order as each is done.

        `batches` is consumed lazily: only a few batches are in flight at a time.
        """
        ...

    def close(self) -> None: ...

    def __enter__(self) -> Executor: ...

    def __exit__(self, *exc_info: object) -> None: ...


def check_workers(workers: int) -> int:
    if workers < 1:
        raise ConfigError(Errors.E073.format(workers=workers))
    return workers


def first_source(batch: Sequence[Article]) -> str:
    return batch[0].source if batch else "an empty batch"


def run_batch(stage: Stage, batch: Sequence[Article]) -> list[ParsedArticle]:
    """`stage` over one batch, then the heap the batch left behind handed back (`release_memory`)."""
    results = stage(list(batch))
    release_memory()
    return results


def release_memory() -> None:
    """Free cyclic garbage and return free heap pages to the operating system.

    A batch parses, tags and encodes thousands of small objects of every size
    and frees them; glibc keeps the freed pages, scattered between the few
    objects that live on, and the process grew batch after batch (200 MiB
    over 160 articles in the memory benchmark) though nothing was kept.
    `malloc_trim` gives them back, so memory stays flat however long the
    corpus. Elsewhere than glibc it is a no-op beyond the garbage collection.
    """
    gc.collect()
    trim = _malloc_trim()
    if trim is not None:
        trim(0)


@lru_cache(maxsize=1)
def _malloc_trim():
    name = ctypes.util.find_library("c")
    try:
        return ctypes.CDLL(name).malloc_trim if name else None
    except (OSError, AttributeError):  # not glibc (macOS, musl): nothing to trim
        return None
