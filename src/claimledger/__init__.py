"""claimledger: a sourced ledger of who said what about a contested story.

For notebooks::

    import claimledger
    led = claimledger.analyze(["articles/"], db="story.db")   # or claimledger.open("story.db")
    led.statements()          # a pandas DataFrame
"""

from __future__ import annotations

import logging
import os
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ._notebook import LedgerFrames

__version__ = "0.1.0"
__all__ = ["__version__", "analyze", "open"]

# A library never configures logging; only the CLI prints.
logging.getLogger(__name__).addHandler(logging.NullHandler())


def open(db: str | os.PathLike[str]) -> LedgerFrames:  # noqa: A001 - `claimledger.open` reads as intended
    """Open an existing ledger; its tables come back as pandas DataFrames."""
    from ._notebook import open_ledger  # pandas and the store load on first use, not on import

    return open_ledger(db)


def analyze(
    paths: Sequence[str | os.PathLike[str]] | str | os.PathLike[str], *, db: str | os.PathLike[str], **options: Any
) -> LedgerFrames:
    """Run the pipeline on `paths` into the ledger `db` and return it open (see `open`)."""
    from ._notebook import analyze as run

    return run(paths, db=db, **options)
