"""Reading FNC-1 (Fake News Challenge stage 1) and its held-out split.

Two files: bodies (`Body ID`, `articleBody`) and stances (`Headline`,
`Body ID`, `Stance` in agree / disagree / discuss / unrelated). A headline is
a claim, a body the evidence.

The split: FNC-1's training data comes with no development set, and the
same headline is paired with many bodies, so pairs are split by body. A body
is held out when the CRC-32 of its id (as written, e.g. "712") is divisible
by 5: about a fifth of the bodies, the same on every machine and Python
version. `claimledger train stance` trains on the other bodies only, and
`claimledger evaluate fnc1 --split heldout` scores the held-out ones.
"""

from __future__ import annotations

import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from ..errors import input_error
from ._csv import read_rows
from .stances import FNC_LABELS

Split = Literal["all", "train", "heldout"]
SPLITS: tuple[str, ...] = ("all", "train", "heldout")
HELDOUT_MODULUS = 5


@dataclass(frozen=True, slots=True)
class FncPair:
    """One stances row: a headline, the body it is paired with, and the gold stance."""

    line: int
    headline: str
    body_id: str
    body: str
    stance: str
    row: dict[str, str]


def is_heldout(body_id: str) -> bool:
    """Whether the body with this id is in the held-out part of the split."""
    return zlib.crc32(body_id.strip().encode("utf-8")) % HELDOUT_MODULUS == 0


def in_split(body_id: str, split: Split) -> bool:
    return split == "all" or is_heldout(body_id) == (split == "heldout")


def read_bodies(path: str | Path) -> dict[str, str]:
    """Body ID → article text."""
    rows = read_rows(path, dataset="FNC-1", what="bodies", columns=("Body ID", "articleBody"))
    return {row["Body ID"].strip(): row["articleBody"] or "" for row in rows}


def read_fnc1(bodies_path: str | Path, stances_path: str | Path, split: Split = "all") -> list[FncPair]:
    """The pairs of a stances file joined with their bodies, keeping the bodies of `split`."""
    bodies = read_bodies(bodies_path)
    rows = read_rows(stances_path, dataset="FNC-1", what="stances", columns=("Headline", "Body ID", "Stance"))
    pairs = []
    for line, row in enumerate(rows, start=2):
        body_id = (row["Body ID"] or "").strip()
        stance = (row["Stance"] or "").strip().lower()
        if stance not in FNC_LABELS:
            raise input_error(
                "E052", source=str(stances_path), line=line,
                reason=f"unknown stance {row['Stance']!r}; expected one of {', '.join(FNC_LABELS)}",
            )
        if body_id not in bodies:
            raise input_error("E053", source=str(stances_path), line=line, body_id=body_id, bodies=str(bodies_path))
        if in_split(body_id, split):
            pairs.append(FncPair(line, row["Headline"] or "", body_id, bodies[body_id], stance, row))
    return pairs
