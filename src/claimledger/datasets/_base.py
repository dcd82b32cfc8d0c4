"""The record every entailment reader yields, the held-out rule, and the table of sets."""

from __future__ import annotations

import re
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

NLILabel = Literal["entails", "contradicts", "neither", "not_entails"]
NLI_LABELS: tuple[str, ...] = ("entails", "contradicts", "neither")
"""The three classes of the model. A binary set's negative class is `not_entails` (contradicts or neither)."""
NOT_ENTAILS = "not_entails"

Split = Literal["all", "train", "heldout"]
SPLITS: tuple[str, ...] = ("all", "train", "heldout")
HELDOUT_MODULUS = 10

_NEGATION = re.compile(r"\b(?:not|no|never|n't|nobody|nothing|none|neither|nor)\b|n't\b")
_NON_WORD = re.compile(r"[^a-z0-9]+")


@dataclass(frozen=True, slots=True)
class NLIPair:
    """One labelled pair: does `premise` (the statement) entail `hypothesis` (the proposition)?

    `group` is what the held-out split is decided on (`is_heldout`): the
    premise for general NLI, the claim for claim-stance sets, a body for FNC-1.
    """

    premise: str
    hypothesis: str
    label: NLILabel
    dataset: str
    group: str
    binary: bool = False
    """From a part labelled entailed / not entailed only: its `entails` is scored against not_entails, not 3-way."""


def group_key(text: str) -> str:
    """`text` lower-cased, without negations, punctuation or spacing: the same premise, however tokenised or negated."""
    lowered = text.lower().replace("\u2019", "'")
    return _NON_WORD.sub(" ", _NEGATION.sub(" ", lowered)).strip()


def is_heldout(group: str) -> bool:
    """Whether pairs of this group are held out: the CRC-32 of its key is divisible by 10.

    The key drops case, punctuation and negation, so SNLI's tokenised premises,
    their detokenised copies in other sets and their negated variants all
    fall on the same side, in every set.
    """
    return zlib.crc32(group_key(group).encode("utf-8")) % HELDOUT_MODULUS == 0


def in_split(pair: NLIPair, split: Split) -> bool:
    return split == "all" or is_heldout(pair.group) == (split == "heldout")


Reader = Callable[[Path], Iterator[NLIPair]]


@dataclass(frozen=True, slots=True)
class DataSet:
    """A shared set: its folder under shared/datasets, its reader, its licence and whether weights may learn from it."""

    name: str
    folder: str
    reader: Reader
    licence: str
    trainable: bool
    why: str = ""
    """Why the set is evaluation-only, when it is."""

    def path(self, root: Path) -> Path:
        return root / self.folder
