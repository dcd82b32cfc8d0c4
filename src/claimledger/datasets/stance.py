"""FNC-1 and Emergent as entailment pairs (their own folders under shared/datasets).

FNC-1: the body is the statement, the headline the proposition; agree →
entails, disagree → contradicts, discuss and unrelated → neither. Only the
training bodies of the project's split are ever read for training
(`claimledger.evaluate.fnc1.is_heldout`: CRC-32 of the Body ID divisible by
5); a body enters as its sentences most similar to the headline, at most
FNC_BODY_WORDS words. Emergent: the article headline is the statement, the
claim the proposition; for → entails, against → contradicts, observing →
neither; grouped by claim id.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from ..evaluate.emergent import read_emergent
from ..evaluate.fnc1 import is_heldout as fnc1_heldout
from ..evaluate.fnc1 import read_fnc1
from ._base import NLIPair

FNC_BODY_WORDS = 60
FNC_STANCE = {"agree": "entails", "disagree": "contradicts", "discuss": "neither", "unrelated": "neither"}
EMERGENT_STANCE = {"for": "entails", "against": "contradicts", "observing": "neither"}


def read_fnc1_pairs(folder: Path, split: str = "train") -> Iterator[NLIPair]:
    """FNC-1 pairs of the bodies of `split` (train / heldout / all of the project's body split)."""
    from ..claims.entailment import fit_premise

    pairs = read_fnc1(folder / "train_bodies.csv", folder / "train_stances.csv", split)  # type: ignore[arg-type]
    closest: dict[tuple[str, str], str] = {}
    for pair in pairs:
        key = (pair.body_id, pair.headline)
        if key not in closest:
            closest[key] = fit_premise(pair.body, pair.headline, lambda t: len(t.split()), FNC_BODY_WORDS)
        yield NLIPair(closest[key], pair.headline, FNC_STANCE[pair.stance], "fnc1", f"fnc1-body {pair.body_id}")


def fnc1_group_heldout(group: str) -> bool:
    """The FNC-1 held-out rule on an NLIPair's group ("fnc1-body ID")."""
    return fnc1_heldout(group.removeprefix("fnc1-body "))


def read_emergent_pairs(folder: Path) -> Iterator[NLIPair]:
    for pair in read_emergent(folder / "emergent-dev.csv"):
        yield NLIPair(pair.headline, pair.claim, EMERGENT_STANCE[pair.stance], "emergent", f"emergent-claim {pair.claim_id}")
