"""Executors: where the per-article stages run, by name.

Every executor runs the same stage function over batches of articles and
yields each batch's results in input order as soon as it is done, so the
pipeline can write it to the ledger and drop it; no executor has a stage of
its own::

    executor = get_executor("local", workers=2)     # or "ray", address=...
    with executor:
        for parsed in executor.map(stage, batches):
            ledger.add_parsed(parsed)

A worker is one core (one torch thread, one CPU reserved on Ray) unless
`threads` says otherwise; ``workers=None`` lets the executor choose.

- ``"local"`` (the default): in this process with ``workers=1``, else a pool of
  `workers` processes that each load the models once; with ``workers=None``,
  one per core, or this process on every core for a small input (`local.py`).
- ``"ray"``: Ray Data ``map_batches`` over actors that each load the models
  once, on a local Ray or the cluster at ``address``; with ``workers=None``,
  one per CPU of the cluster (`ray.py`; needs ``pip install 'claimledger[ray]'``).

A stage is any picklable callable from a list of `Article` to a list of
`ParsedArticle` with a `load()` method that loads its models
(`pipeline.ArticleStage`).
"""

from __future__ import annotations

from ..registry import Registry
from ._base import Executor, Stage
from .local import AutoExecutor, LocalExecutor, ProcessExecutor, make_local
from .ray import RayExecutor, make_ray

__all__ = [
    "AutoExecutor",
    "Executor",
    "LocalExecutor",
    "ProcessExecutor",
    "RayExecutor",
    "Stage",
    "executors",
    "get_executor",
]

executors: Registry = Registry("executor")
executors.register("local")(make_local)
executors.register("ray")(make_ray)


def get_executor(
    name: str = "local", *, workers: int | None = None, address: str | None = None, threads: int | None = None
) -> Executor:
    """The executor registered as `name`, for `workers` parallel workers of `threads` threads each
    (None: the executor chooses, see `AutoExecutor` and `RayExecutor`)."""
    return executors.get(name)(workers=workers, address=address, threads=threads)
