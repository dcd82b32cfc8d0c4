"""FNC-1 and Emergent as entailment pairs: labels, the project's body split, short premises."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest

from claimledger.datasets import read_pairs
from claimledger.datasets.stance import FNC_BODY_WORDS, fnc1_group_heldout


@pytest.fixture(scope="module")
def fnc1_pairs(datasets_dir: Path) -> dict[str, list]:
    if not (datasets_dir / "fnc1").exists():
        pytest.skip("shared/datasets/fnc1 is not available")
    return {split: list(read_pairs("fnc1", split, datasets_dir)) for split in ("train", "heldout")}


def test_fnc1_training_pairs_keep_only_training_bodies(fnc1_pairs) -> None:
    assert fnc1_pairs["train"] and fnc1_pairs["heldout"]
    assert not any(fnc1_group_heldout(p.group) for p in fnc1_pairs["train"])
    assert all(fnc1_group_heldout(p.group) for p in fnc1_pairs["heldout"])


def test_fnc1_maps_stances(fnc1_pairs) -> None:
    first = fnc1_pairs["train"][0]
    # train_stances.csv row 2: "Police find mass graves…", Body ID 712, unrelated.
    assert first.hypothesis.startswith("Police find mass graves")
    assert first.label == "neither"
    assert {p.label for p in fnc1_pairs["train"]} == {"entails", "contradicts", "neither"}


def test_fnc1_premise_is_short_and_close_to_the_headline(fnc1_pairs) -> None:
    agree = [p for p in fnc1_pairs["train"] if p.label == "entails"][:50]
    assert all(len(p.premise.split()) <= FNC_BODY_WORDS + 60 for p in agree)
    assert sum(len(p.premise.split()) for p in agree) / len(agree) <= FNC_BODY_WORDS


def test_emergent_maps_stances_and_groups_by_claim(datasets_dir: Path) -> None:
    pairs = list(itertools.islice(read_pairs("emergent", "all", datasets_dir), 3))
    assert pairs[0].label == "neither" and pairs[0].group.startswith("emergent-claim ")
    train = {p.group for p in read_pairs("emergent", "train", datasets_dir)}
    heldout = {p.group for p in read_pairs("emergent", "heldout", datasets_dir)}
    assert heldout and not train & heldout
