"""Handing freed memory back to the operating system between big steps."""

from __future__ import annotations

import ctypes
import ctypes.util
import gc
from functools import lru_cache

__all__ = ["keep_loaded", "release_memory"]


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


def keep_loaded() -> None:
    """Take everything alive now out of the garbage collector's rounds (`gc.freeze`).

    Called when a model has loaded: the spaCy pipeline, the tagger and the
    sentence encoder are over half a million objects that live as long as the
    process, and every full collection walked them all, 0.26 s each time
    (`release_memory` runs one after each batch). Frozen objects are still
    freed by reference counting when they go; only a cycle among them would stay.
    """
    gc.freeze()


@lru_cache(maxsize=1)
def _malloc_trim():
    name = ctypes.util.find_library("c")
    try:
        return ctypes.CDLL(name).malloc_trim if name else None
    except (OSError, AttributeError):  # not glibc (macOS, musl): nothing to trim
        return None
