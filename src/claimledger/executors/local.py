"""Executors on this machine: in this process, or a pool of worker processes.

The pool uses spawned processes (never fork: a forked copy of a process that
has started torch's thread pool can hang). Each worker loads the models once,
in its initializer, and gives torch its share of the cores, so N workers on N
cores do not fight over threads.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor

from ..errors import ClaimledgerError, ConfigError, Errors, ExecutorError
from ..records import Article, ParsedArticle
from ._base import Stage, check_threads, check_workers, first_source, run_batch

logger = logging.getLogger(__name__)

_IN_FLIGHT_PER_WORKER = 2  # batches queued per worker: enough to keep it busy, few enough to stay small


class LocalExecutor:
    """The stages in this process, one batch after another.

    `threads` caps torch's threads while the stages run (then gives back what
    it had, for the corpus stages); None leaves torch its default, every core.
    """

    name = "local"
    workers = 1

    def __init__(self, *, threads: int | None = None) -> None:
        self.threads = check_threads(threads)

    def map(self, stage: Stage, batches: Iterable[Sequence[Article]]) -> Iterator[list[ParsedArticle]]:
        previous = _limit_torch_threads(self.threads) if self.threads else None
        try:
            for batch in batches:
                yield run_batch(stage, batch) if batch else []
        finally:
            if previous:
                _limit_torch_threads(previous)

    def close(self) -> None:
        pass

    def __enter__(self) -> LocalExecutor:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()


class ProcessExecutor:
    """The stages in `workers` processes, each loading the models once and giving
    torch `threads_per_worker` threads (default: its share of the cores)."""

    name = "local"

    def __init__(self, workers: int, *, threads_per_worker: int | None = None) -> None:
        self.workers = check_workers(workers)
        self.threads = check_threads(threads_per_worker) or max(1, (os.cpu_count() or 1) // workers)
        self._pool: ProcessPoolExecutor | None = None
        self._stage: Stage | None = None

    def map(self, stage: Stage, batches: Iterable[Sequence[Article]]) -> Iterator[list[ParsedArticle]]:
        pool = self._start(stage)
        pending: deque[tuple[str, Future | None]] = deque()
        for batch in batches:
            pending.append((first_source(batch), pool.submit(_run_batch, list(batch)) if batch else None))
            if len(pending) >= self.workers * _IN_FLIGHT_PER_WORKER:
                yield self._result(*pending.popleft())
        while pending:
            yield self._result(*pending.popleft())

    def _start(self, stage: Stage) -> ProcessPoolExecutor:
        if self._pool is not None and self._stage == stage:
            return self._pool
        self.close()
        self._pool = ProcessPoolExecutor(
            self.workers,
            mp_context=multiprocessing.get_context("spawn"),
            initializer=_start_worker,
            initargs=(stage, self.threads),
        )
        self._stage = stage
        return self._pool

    def _result(self, source: str, future: Future | None) -> list[ParsedArticle]:
        if future is None:
            return []
        try:
            return future.result()
        except ClaimledgerError:
            raise
        except Exception as error:  # a bug in a worker: say where, keep the trace in the log
            logger.error("worker failed on the batch starting with %s", source, exc_info=error)
            reason = f"{type(error).__name__}: {error}".splitlines()[0]
            raise ExecutorError(Errors.E071.format(executor=self.name, source=source, reason=reason)) from error

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None

    def __enter__(self) -> ProcessExecutor:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()


# The stage a worker process runs, set once by its initializer, or why it could not load.
_worker_stage: Stage | None = None
_worker_error: ClaimledgerError | None = None


def _limit_torch_threads(threads: int) -> int | None:
    """Give torch `threads` threads in this process; the number it had, or None without torch."""
    try:
        import torch
    except ImportError:  # the rule stages need no torch
        return None
    previous = torch.get_num_threads()
    torch.set_num_threads(threads)
    return previous


def _start_worker(stage: Stage, threads: int) -> None:
    global _worker_stage, _worker_error
    for variable in ("OMP_NUM_THREADS", "MKL_NUM_THREADS", "OPENBLAS_NUM_THREADS"):
        os.environ[variable] = str(threads)
    _limit_torch_threads(threads)
    try:
        stage.load()
    except ClaimledgerError as error:
        # An initializer that raises breaks the whole pool with no message; say it with the first batch.
        _worker_error = error
    _worker_stage = stage


def _run_batch(batch: list[Article]) -> list[ParsedArticle]:
    if _worker_error is not None:
        raise _worker_error
    if _worker_stage is None:
        raise RuntimeError("worker process started without its initializer")
    return run_batch(_worker_stage, batch)


def make_local(
    *, workers: int = 1, address: str | None = None, threads: int | None = None
) -> LocalExecutor | ProcessExecutor:
    if address is not None:
        raise ConfigError(Errors.E072.format(executor="local", reason="--address is for --executor ray"))
    if check_workers(workers) == 1:
        return LocalExecutor(threads=threads)
    return ProcessExecutor(workers, threads_per_worker=threads)
