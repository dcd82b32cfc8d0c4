"""The Ray executor: the same stage function as Ray Data ``map_batches``.

Articles are sent in windows of batches: each window becomes one Ray Dataset
mapped by a pool of actors that load the models once (the callable-class
pattern of Ray Data), and its results come back to be written, batch by batch
in input order, before the next window is read, so the driver never holds
more than a window. A window gives each actor `BATCHES_PER_ACTOR` batches
(`WINDOW_BATCHES` at least): the actors load the models again for every
window, so a window's work must dwarf that load however many actors share it.
With no `address`, a Ray on this machine is started (and stopped after); with
one (``ray://host:10001`` or ``auto``), the cluster there is used, and
claimledger must be installed on its nodes. A Ray already started by the caller
(``ray.init(...)``) is used as it is.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator, Sequence
from itertools import islice
from typing import Any

from ..errors import ClaimledgerError, Errors, ExecutorError
from ..records import Article, ParsedArticle
from ._base import Stage, check_threads, check_workers, first_source, run_batch

logger = logging.getLogger(__name__)

WINDOW_BATCHES = 32  # the fewest batches per Ray Dataset
# Batches per actor per window: 16 batches of 32 articles are some 6 minutes of
# work for one CPU, against about 10 s to start an actor and load the models.
BATCHES_PER_ACTOR = 16


class RayExecutor:
    """Ray Data over `workers` actors (`threads` CPUs each, default one), locally or on the
    cluster at `address`; with `workers` None, as many as the cluster's CPUs can hold.
    Ray gives an actor as many threads as the CPUs it reserves."""

    name = "ray"

    def __init__(
        self, workers: int | None = None, *, address: str | None = None, window_batches: int | None = None,
        threads: int | None = None,
    ) -> None:
        self.workers = None if workers is None else check_workers(workers)
        self.threads = check_threads(threads) or 1
        self.address = address
        self.window_batches = window_batches
        self._started_ray = False

    def map(self, stage: Stage, batches: Iterable[Sequence[Article]]) -> Iterator[list[ParsedArticle]]:
        ray = self._connect()
        # An actor that reserves more CPUs than any node has is never placed: Ray would wait forever.
        largest = max((node["Resources"].get("CPU", 0) for node in ray.nodes() if node.get("Alive")), default=0)
        if self.threads > largest:
            reason = f"--threads {self.threads} reserves more CPUs per actor than any Ray node has ({largest:g})"
            raise ExecutorError(Errors.E072.format(executor=self.name, reason=reason))
        if self.workers is None:
            self.workers = max(1, int(ray.cluster_resources().get("CPU", 1) // self.threads))
        iterator = iter(batches)
        while window := [list(batch) for batch in islice(iterator, self.batches_per_window())]:
            yield from self._run_window(ray, stage, window)

    def batches_per_window(self) -> int:
        """`window_batches` when given, else `BATCHES_PER_ACTOR` for each actor (`WINDOW_BATCHES` at least)."""
        if self.window_batches is not None:
            return self.window_batches
        return max(WINDOW_BATCHES, BATCHES_PER_ACTOR * (self.workers or 1))

    def _connect(self) -> Any:
        try:
            import ray
        except ImportError as e:
            reason = "Ray is not installed; install it with `pip install 'claimledger[ray]'`"
            raise ExecutorError(Errors.E072.format(executor=self.name, reason=reason)) from e
        if not ray.is_initialized():
            try:
                ray.init(address=self.address, include_dashboard=False, log_to_driver=False, logging_level="ERROR")
            except Exception as e:  # connection refused, bad address, version mismatch, ...
                reason = f"{type(e).__name__}: {e}".splitlines()[0]
                raise ExecutorError(Errors.E072.format(executor=self.name, reason=reason)) from e
            self._started_ray = True
        ray.data.DataContext.get_current().enable_progress_bars = False
        # Ray Data logs each dataset's plan and its pickling of our records at INFO/WARNING.
        logging.getLogger("ray.data").setLevel(logging.ERROR)
        return ray

    def _run_window(self, ray: Any, stage: Stage, window: list[list[Article]]) -> Iterator[list[ParsedArticle]]:
        rows = [
            {"batch": b, "index": i, "article": article}
            for b, batch in enumerate(window)
            for i, article in enumerate(batch)
        ]
        results = _InOrder([len(batch) for batch in window])
        yield from results.ready()  # empty batches at the front
        if rows:
            dataset = ray.data.from_items(rows).map_batches(
                _ActorStage,
                fn_constructor_kwargs={"stage": stage},
                batch_size=max(len(batch) for batch in window),
                # No more actors than batches: a short last window would start actors with nothing to do.
                compute=ray.data.ActorPoolStrategy(size=min(self.workers, sum(1 for batch in window if batch))),
                num_cpus=self.threads,
                num_gpus=self._gpus_per_actor(ray, stage),
                batch_format="numpy",
            )
            try:
                for row in dataset.iter_rows():
                    if row["failure"] is not None:
                        raise row["failure"]
                    results.add(row["batch"], row["index"], row["parsed"])
                    yield from results.ready()
            except ClaimledgerError:
                raise
            except Exception as error:
                _raise_stage_error(error, self.name, first_source(window[0]))

    def _gpus_per_actor(self, ray: Any, stage: Stage) -> float | None:
        """On CUDA, the cluster's GPUs shared out among the actors (one each at most)."""
        if not str(getattr(stage, "device", "cpu")).startswith("cuda"):
            return None
        gpus = ray.cluster_resources().get("GPU", 0)
        return min(1.0, gpus / self.workers) if gpus else None

    def close(self) -> None:
        if self._started_ray:
            import ray

            ray.shutdown()
            self._started_ray = False

    def __enter__(self) -> RayExecutor:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()


class _InOrder:
    """A window's results as they come back, in any order, handed on batch by
    batch in input order as soon as each batch is complete."""

    def __init__(self, sizes: Sequence[int]) -> None:
        self.sizes = list(sizes)
        self.found: list[list[tuple[int, ParsedArticle]]] = [[] for _ in self.sizes]
        self.handed = 0  # batches handed on so far

    def add(self, batch: int, index: int, parsed: ParsedArticle) -> None:
        self.found[batch].append((index, parsed))

    def ready(self) -> Iterator[list[ParsedArticle]]:
        while self.handed < len(self.sizes) and len(self.found[self.handed]) == self.sizes[self.handed]:
            found, self.found[self.handed] = self.found[self.handed], []
            self.handed += 1
            yield [parsed for _, parsed in sorted(found, key=lambda pair: pair[0])]


class _ActorStage:
    """One Ray actor: loads the models once, then runs the stage on each batch it is given.

    Our own errors (a model that cannot load, a bad option) travel back as data
    in the `failure` column: raised here, Ray would report them as a dead actor
    with the message buried in a remote traceback.
    """

    def __init__(self, stage: Stage) -> None:
        self.stage = stage
        self.failure: ClaimledgerError | None = None
        try:
            stage.load()
        except ClaimledgerError as error:
            self.failure = error

    def __call__(self, batch: dict[str, Any]) -> dict[str, Any]:
        import numpy as np

        rows = len(batch["article"])
        parsed, failure = np.empty(rows, dtype=object), np.empty(rows, dtype=object)
        try:
            if self.failure is not None:
                raise self.failure
            parsed[:] = run_batch(self.stage, batch["article"])
        except ClaimledgerError as error:
            failure[:] = [error] * rows
        return {"batch": batch["batch"], "index": batch["index"], "parsed": parsed, "failure": failure}


def _raise_stage_error(error: Exception, executor: str, source: str) -> None:
    """A bug in an actor reaches the driver wrapped by Ray: say where, keep the trace in the log."""
    logger.error("Ray failed on the window starting with %s", source, exc_info=error)
    reason = f"{type(error).__name__}: {error}".splitlines()[0]
    raise ExecutorError(Errors.E071.format(executor=executor, source=source, reason=reason)) from error


def make_ray(*, workers: int | None = None, address: str | None = None, threads: int | None = None) -> RayExecutor:
    return RayExecutor(workers, address=address, threads=threads)
