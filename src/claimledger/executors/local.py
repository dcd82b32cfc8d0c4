"""Executors on this machine: in this process, or a pool of worker processes.

A worker is one core: torch gets one thread in each (``--threads`` says
otherwise), as a Ray actor reserves one CPU, so ``--workers N`` means N cores
and N workers on N cores do not fight over threads. With no ``--workers``,
`AutoExecutor` starts one worker per core, or runs in this process on every
core when the input is too small to pay for starting processes.

The pool uses spawned processes (never fork: a forked copy of a process that
has started torch's thread pool can hang). Each worker loads the models once,
in its initializer.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from itertools import chain

from ..errors import ClaimledgerError, ConfigError, Errors, ExecutorError
from ..records import Article, ParsedArticle
from ._base import Stage, check_threads, check_workers, first_source, run_batch

logger = logging.getLogger(__name__)

_IN_FLIGHT_PER_WORKER = 2  # batches queued per worker: enough to keep it busy, few enough to stay small
# A worker process spends about 4 s more than this process starting up (spawning,
# importing torch, loading the models on a busy machine) and saves about 0.08 s an
# article on 2 cores (2.95 against 2.38 articles/s): it pays for itself after some
# 50 articles, so the automatic choice starts one for every 64.
ARTICLES_PER_WORKER = 64
WORKER_MEMORY = 2 * 2**30  # bytes of RAM set aside for each automatic worker (about 1 GiB at its peak)


class LocalExecutor:
    """The stages in this process, one batch after another.

    `threads` caps torch's threads while the stages run (then gives back what
    it had, for the corpus stages); None leaves torch its default, every core.
    `--workers 1` is one core, so `make_local` gives it one thread.
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
    torch `threads_per_worker` threads (default one: a worker is one core)."""

    name = "local"

    def __init__(self, workers: int, *, threads_per_worker: int | None = None) -> None:
        self.workers = check_workers(workers)
        self.threads = check_threads(threads_per_worker) or 1
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


class AutoExecutor:
    """As many one-core workers as the machine and the input allow.

    It reads the input until it has enough articles to busy every core, then
    starts one worker process per `ARTICLES_PER_WORKER` articles seen (at most
    one per core, and per `WORKER_MEMORY` of RAM). When that is one worker, the
    stages run in this process with torch on every core (`threads`, when given,
    caps it): a small input is not worth starting processes for. On a GPU the
    stages run in this process, which owns the device.
    """

    name = "local"

    def __init__(self, *, threads: int | None = None, cores: int | None = None,
                 memory: int | None = None) -> None:
        self.threads = check_threads(threads)
        self.cores = cores or available_cores()
        self.memory = memory if memory is not None else physical_memory()
        self.workers = 1  # until `map` has seen the input
        self._chosen: LocalExecutor | ProcessExecutor | None = None

    def map(self, stage: Stage, batches: Iterable[Sequence[Article]]) -> Iterator[list[ParsedArticle]]:
        enough = self.workers_for(stage, None) * ARTICLES_PER_WORKER
        iterator = iter(batches)
        seen: list[Sequence[Article]] = []
        articles = 0
        while articles < enough and (batch := next(iterator, None)) is not None:
            seen.append(batch)
            articles += len(batch)
        yield from self._executor(self.workers_for(stage, articles)).map(stage, chain(seen, iterator))

    def workers_for(self, stage: Stage, articles: int | None) -> int:
        """Workers for `articles` articles (None: as many as there could be) of `stage`."""
        if not str(getattr(stage, "device", "cpu")).startswith("cpu"):
            return 1
        by_memory = self.memory // WORKER_MEMORY if self.memory else self.cores
        most = max(1, min(self.cores // (self.threads or 1), by_memory))
        return most if articles is None else min(most, max(1, articles // ARTICLES_PER_WORKER))

    def _executor(self, workers: int) -> LocalExecutor | ProcessExecutor:
        if self._chosen is None or self._chosen.workers != workers:
            self.close()
            self._chosen = (
                LocalExecutor(threads=self.threads) if workers == 1
                else ProcessExecutor(workers, threads_per_worker=self.threads)
            )
        self.workers = workers
        return self._chosen

    def close(self) -> None:
        if self._chosen is not None:
            self._chosen.close()
            self._chosen = None

    def __enter__(self) -> AutoExecutor:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()


def available_cores() -> int:
    """The cores this process may run on (a container's or `taskset`'s share, not the machine's)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # macOS and Windows have no affinity call
        return os.cpu_count() or 1


def physical_memory() -> int | None:
    """Bytes of RAM, or None where the system does not say."""
    try:
        return os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES")
    except (AttributeError, ValueError, OSError):
        return None


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
    *, workers: int | None = None, address: str | None = None, threads: int | None = None
) -> LocalExecutor | ProcessExecutor | AutoExecutor:
    """`workers` one-core workers (`threads` threads each, when given), or with None, `AutoExecutor`."""
    if address is not None:
        raise ConfigError(Errors.E072.format(executor="local", reason="--address is for --executor ray"))
    if workers is None:
        return AutoExecutor(threads=threads)
    if check_workers(workers) == 1:
        return LocalExecutor(threads=check_threads(threads) or 1)
    return ProcessExecutor(workers, threads_per_worker=threads)
