"""The readers of claimledger.datasets on real rows of each shared set, and their held-out split."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest

from claimledger.datasets import DATASETS, NLIPair, group_key, in_split, is_heldout, read_pairs
from claimledger.errors import ConfigError

# The first two pairs each reader yields, checked by hand against the file and its SOURCE.md mapping:
# (premise starts with, hypothesis starts with, label).
FIRST_ROWS: dict[str, list[tuple[str, str, str]]] = {
    "snli-devtest": [
        ("Two women are embracing while holding to go packages.", "The sisters are hugging goodbye", "neither"),
        ("Two women are embracing while holding to go packages.", "Two woman are holding packages.", "entails"),
    ],
    "mnli-taxinli": [
        ("and that you're very much right but the jury", "Even if you're correct", "contradicts"),
        ("Radar reconstructions performed after 9/11", "The flight was tracked by the radar", "entails"),
    ],
    "snli-counterfactual": [
        ("A man is riding a red motorcycle", "A man rides his motorcyle with his won.", "neither"),
        ("A man is riding a motorcycle", "A man rides his motorcyle with his won.", "entails"),
    ],
    "conjnli": [
        ("He was born in Illinois, but moved to Oklahoma in 1949.", "He was born in Illinois.", "entails"),
        ('Season eight of "South Park"', 'Season eight of "South Park"', "contradicts"),
    ],
    "negation-nli": [
        ("The second thing I learned is not the importance", "Everyone who works in law must work together.", "neither"),
        ("The second thing I learned is the importance", "Everyone who works in law must not work together.", "contradicts"),
    ],
    "breaking-nli": [
        ("Several women stand on a platform near the yellow line.", "Several women stand on a platform near the red line.", "contradicts"),
        ("Several women stand on a platform near the yellow line.", "Several women stand on a platform near the green line.", "contradicts"),
    ],
    "megaveridicality": [
        ("someone confirmed that a particular thing happened", "that thing happened", "entails"),
        ("someone confirmed that a particular thing happened", "that thing didn't happen", "not_entails"),
    ],
    "rte": [
        ("No Weapons of Mass Destruction Found in Iraq Yet.", "Weapons of Mass Destruction Found in Iraq.", "not_entails"),
        ("A place of sorrow, after Pope John Paul II died", "Pope Benedict XVI is the new leader", "entails"),
    ],
    "commitmentbank": [
        ("Polly had to think quickly.", "Polly was not an experienced ocean sailor", "entails"),
    ],
    "anli-dev-EVAL-ONLY": [
        ("Linguistics is the scientific study of language", "Form and meaning are the only aspects", "contradicts"),
        ("Franco Zeffirelli, KBE Grande Ufficiale OMRI", "Franco Zeffirelli had a political career", "entails"),
    ],
    "arc-stance": [
        ("Wives should never speak at conventions", "We don't need to hear from candidate's spouse", "entails"),
        ("It is hard to believe that someone actually believes", "Comment sections have failed", "neither"),
    ],
    "perspectrum": [
        ("It is the state’s duty to protect its community", "Vaccination must be made compulsory", "entails"),
    ],
    "ibm-argq-stance": [
        ('"marriage" isn\'t keeping up with the times.', "We should abandon marriage", "entails"),
        (".a multi-party system would be too confusing", "We should adopt a multi-party system", "contradicts"),
    ],
    "ibm-argkp": [
        ("`people reach their limit", "Assisted suicide should be a criminal offence", "contradicts"),
    ],
    "ibm-claim-stance": [
        ("Exposure to violent video games causes", "This house believes that the sale of violent video games", "entails"),
        ("video game violence is not related to serious aggressive", "This house believes that the sale", "contradicts"),
    ],
    "climate-fever": [
        ('"Recent Research Shows Human Activity', "Global warming is driving polar bears toward extinction", "neither"),
        ("Environmental impacts include the extinction", "Global warming is driving polar bears toward extinction", "entails"),
    ],
    "healthver": [
        ("Covid19 infection began in Wuhan", "The CORONAVIRUS is not of natural origin", "neither"),
        ("A principal defence against uncontrolled inflammation", "Vitamin D appears increase COVID-19 mortality", "contradicts"),
    ],
    "fool-me-twice": [
        ("Then prime minister Indira Gandhi declared", "Filming for the movie Gandhi in India was delayed", "entails"),
        ("Stargell was born in Earlsboro, Oklahoma", "Willie Stargell lived with his father", "contradicts"),
    ],
    "fever-dev": [
        ("Soul Food is a 1997 American comedy-drama film", "Fox 2000 Pictures released the film Soul Food.", "entails"),
        ("It is the second largest provider of Spanish content", "Telemundo is a English-language television network.", "contradicts"),
    ],
    "covidfact": [
        ("Dr. Anthony Fauci said based on modeling", "Fauci predicts us deaths from coronavirus", "entails"),
        ("Dr. Anthony Fauci said based on modeling", "Fauci predicts us deaths globally coronavirus", "contradicts"),
    ],
    "semeval2016-stance": [
        ("dear lord thank u for all of ur blessings", "There is no God.", "contradicts"),
    ],
    "emergent": [
        ("BMO forecasts 19M Apple Watch sales in 2015", "Apple will sell 19 million Apple Watches in 2015", "neither"),
        ("World's oldest burger", "Two Australian men kept a McDonald's Quarter Pounder", "entails"),
    ],
}

# Sets whose held-out part the brief requires, and how many pairs it has at least.
REQUIRED_HELDOUT = ("snli-devtest", "negation-nli", "perspectrum", "climate-fever")


@pytest.mark.parametrize("name", sorted(FIRST_ROWS))
def test_reader_maps_labels_of_first_rows(datasets_dir: Path, name: str) -> None:
    expected = FIRST_ROWS[name]
    pairs = list(itertools.islice(read_pairs(name, "all", datasets_dir), len(expected)))
    for pair, (premise, hypothesis, label) in zip(pairs, expected, strict=True):
        assert isinstance(pair, NLIPair)
        assert pair.dataset == name or (name == "megaveridicality" and pair.dataset == "factuality-veridicality")
        assert pair.premise.startswith(premise), pair.premise
        assert pair.hypothesis.startswith(hypothesis), pair.hypothesis
        assert pair.label == label


def test_reader_every_set_has_a_reader_test() -> None:
    assert set(DATASETS) - set(FIRST_ROWS) == {"fnc1", "factuality-veridicality"}


def test_reader_semeval_target_becomes_a_proposition(datasets_dir: Path) -> None:
    favour = next(p for p in read_pairs("semeval2016-stance", "all", datasets_dir) if p.label == "entails")
    assert favour.hypothesis.endswith(".")


def test_reader_negation_nli_rte_part_is_binary(datasets_dir: Path) -> None:
    pairs = list(read_pairs("negation-nli", "all", datasets_dir))
    assert {p.label for p in pairs} == {"entails", "contradicts", "neither", "not_entails"}
    assert {p.label for p in pairs if p.binary} == {"entails", "not_entails"}
    assert sum(p.binary for p in pairs) == 1500


def test_reader_binary_sets_mark_their_pairs(datasets_dir: Path) -> None:
    for name in ("rte", "megaveridicality"):
        assert all(p.binary for p in itertools.islice(read_pairs(name, "all", datasets_dir), 50))
    assert not any(p.binary for p in itertools.islice(read_pairs("snli-devtest", "all", datasets_dir), 50))


def test_reader_ibm_claim_stance_skips_shifted_rows(datasets_dir: Path) -> None:
    pairs = list(read_pairs("ibm-claim-stance", "all", datasets_dir))
    assert 2380 <= len(pairs) <= 2394
    assert {p.label for p in pairs} == {"entails", "contradicts"}


def test_is_heldout_same_group_however_written() -> None:
    tokenised = "A man is n't riding a horse ."
    plain = "A man is riding a horse."
    assert group_key(tokenised) == group_key(plain)
    assert is_heldout(tokenised) == is_heldout(plain)


@pytest.mark.parametrize("name", REQUIRED_HELDOUT)
def test_split_is_deterministic_and_disjoint(datasets_dir: Path, name: str) -> None:
    train = list(read_pairs(name, "train", datasets_dir))
    heldout = list(read_pairs(name, "heldout", datasets_dir))
    assert heldout == list(read_pairs(name, "heldout", datasets_dir))
    assert len(heldout) >= 100 and len(train) > 5 * len(heldout)
    assert not {group_key(p.group) for p in train} & {group_key(p.group) for p in heldout}
    assert not {p.premise for p in train} & {p.premise for p in heldout} or name in ("perspectrum", "climate-fever")
    assert all(in_split(p, "heldout") for p in heldout)


def test_split_claims_never_on_both_sides(datasets_dir: Path) -> None:
    for name in ("perspectrum", "climate-fever"):
        train = {p.hypothesis for p in read_pairs(name, "train", datasets_dir)}
        heldout = {p.hypothesis for p in read_pairs(name, "heldout", datasets_dir)}
        assert heldout and not train & heldout


def test_read_pairs_anli_is_whole_only(datasets_dir: Path) -> None:
    with pytest.raises(ConfigError, match="E049"):
        list(read_pairs("anli-dev-EVAL-ONLY", "heldout", datasets_dir))


def test_read_pairs_unknown_set_lists_the_known_ones() -> None:
    with pytest.raises(ConfigError, match="E030.*snli-devtest"):
        list(read_pairs("snli", "all"))


def test_datasets_eval_only_sets_are_not_trainable() -> None:
    for name in ("anli-dev-EVAL-ONLY", "semeval2016-stance", "rte", "climate-fever"):
        assert not DATASETS[name].trainable
