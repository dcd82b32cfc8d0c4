"""Reading Emergent (Ferreira & Vlachos, NAACL 2016): claims and article headlines.

Columns used: `claimHeadline` (the claim), `articleHeadline` (the evidence),
`articleHeadlineStance` (for / against / observing) and `claimId`, by which
cross-validation groups pairs so no claim is both trained and scored on.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..errors import input_error
from ._csv import read_rows
from .stances import EMERGENT_LABELS

COLUMNS = ("claimHeadline", "articleHeadline", "articleHeadlineStance", "claimId")


@dataclass(frozen=True, slots=True)
class EmergentPair:
    """One row: a claim, a headline about it, the headline's gold stance."""

    line: int
    claim_id: str
    claim: str
    headline: str
    stance: str
    row: dict[str, str]


def read_emergent(path: str | Path) -> list[EmergentPair]:
    pairs = []
    for line, row in enumerate(read_rows(path, dataset="Emergent", what="", columns=COLUMNS), start=2):
        stance = (row["articleHeadlineStance"] or "").strip().lower()
        if stance not in EMERGENT_LABELS:
            raise input_error(
                "E052", source=str(path), line=line,
                reason=f"unknown stance {row['articleHeadlineStance']!r}; expected one of {', '.join(EMERGENT_LABELS)}",
            )
        claim, headline = row["claimHeadline"] or "", row["articleHeadline"] or ""
        pairs.append(EmergentPair(line, row["claimId"].strip(), claim, headline, stance, row))
    return pairs
