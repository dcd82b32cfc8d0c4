"""Tests for claimledger/claims/stance/entail.py: the rule layer over the entailment model's probabilities."""

from __future__ import annotations

import numpy as np
from claim_builders import make_statement

from claimledger.claims.stance.entail import combine, own_words
from claimledger.records import Proposition

LABELS = ("entails", "contradicts", "neither")


def _p(entails, contradicts, neither):
    return np.array([entails, contradicts, neither])


def test_combine_composes_the_speakers_side_with_what_their_words_say_of_the_claim():
    # asserting words that contradict the claim denies it
    assert combine(("support", 0.7), _p(0.1, 0.8, 0.1), LABELS, member=False, own=False)[0] == "deny"
    # denying words that entail it denies it; denying words that contradict it is no assertion
    assert combine(("deny", 0.9), _p(0.85, 0.1, 0.05), LABELS, member=True, own=False)[0] == "deny"
    assert combine(("deny", 0.9), _p(0.1, 0.85, 0.05), LABELS, member=True, own=False)[0] == "hedge"
    assert combine(("support", 0.9), _p(0.85, 0.1, 0.05), LABELS, member=False, own=False)[0] == "support"


def test_combine_neither_is_neutral_for_a_candidate_and_the_rules_for_a_member():
    assert combine(("support", 0.7), _p(0.1, 0.1, 0.8), LABELS, member=False, own=False)[0] == "neutral"
    assert combine(("deny", 0.8), _p(0.1, 0.1, 0.8), LABELS, member=True, own=False) == ("deny", 0.8)


def test_combine_keeps_a_hedge_the_rules_found():
    # "the ferry may have been overloaded": the model reads no modality; the rules do.
    assert combine(("hedge", 0.6), _p(0.9, 0.05, 0.05), LABELS, member=True, own=False)[0] == "hedge"


def test_combine_never_denies_a_claim_in_the_speakers_own_words():
    assert combine(("support", 0.7), _p(0.1, 0.85, 0.05), LABELS, member=True, own=True)[0] == "support"


def test_own_words_compares_the_canonical_claim():
    text = "The ferry operator said the ferry had been overloaded."
    said = make_statement(text, "the ferry had been overloaded", cue="said")
    assert own_words(said, Proposition("p1", "The ferry had been overloaded", [said.id]))
    assert not own_words(said, Proposition("p2", "The ferry sank in the storm", [said.id]))


def test_entail_backend_without_weights_is_refused_when_built(tmp_path):
    import pytest

    from claimledger.claims.stance import get_stance_backend
    from claimledger.errors import ConfigError

    with pytest.raises(ConfigError, match="E048.*no weights.safetensors"):
        get_stance_backend("entail", weights=str(tmp_path))


def test_entail_backend_missing_weights_refused_by_the_settings_check(tmp_path):
    import pytest

    from claimledger.claims.stance import stance_settings
    from claimledger.errors import ConfigError

    with pytest.raises(ConfigError, match="E048"):
        stance_settings("entail", {"weights": str(tmp_path)}, device="cpu")
