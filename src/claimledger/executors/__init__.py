"""Executors: where the per-article stages run, by name.

Every executor runs the same stage function over batches of articles and
yields each batch's results in input order as soon as it is done, so the
pipeline can write it to the ledger and drop it; no executor has a stage of
its own::

    executor = get_executor("local", workers=2)     # or "ray", address=...
    with executor:
        for parsed in executor.map(stage, batches):
            ledger.add_parsed(parsed)

- ``"local"`` (the default): in this process with ``workers=1``, else a pool of
  `workers` processes that each load the models once (`local.py`).
- ``"ray"``: Ray Data ``map_batches`` over actors that each load the models
  once, on a local Ray or the cluster at ``address`` (`ray.py`; needs
  ``pip install 'claimledger[ray]'``).

A stage is any picklable callable from a list of `Article` to a list of
`ParsedArticle` with a `load()` method that loads its models
(`pipeline.ArticleStage`).
"""

from __future__ import annotations

from ..registry import Registry
from ._base import Executor, Stage
from .local import LocalExecutor, ProcessExecutor, make_local
from .ray import RayExecutor, make_ray

__all__ = [
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
    name: str = "local", *, workers: int = 1, address: str | None = None, threads: int | None = None
) -> Executor:
    """The executor registered as `name`, for `workers` parallel workers of `threads` threads each
    (None: the executor's default, see `LocalExecutor`, `ProcessExecutor`, `RayExecutor`)."""
    return executors.get(name)(workers=workers, address=address, threads=threads)
