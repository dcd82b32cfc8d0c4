"""Tests for claimledger/claims/stance/_registry.py and labels.py: backends by name, settings checked first."""

from __future__ import annotations

import pytest

from claimledger.claims.stance import (
    backend_settings,
    check_stance_settings,
    get_stance_backend,
    parse_settings,
    stance_backends,
    stance_settings,
)
from claimledger.claims.stance.labels import LEDGER_STANCE, STANCE_LABELS, TEXT_LABEL
from claimledger.errors import ConfigError


def test_registry_lists_every_builtin_backend():
    assert {"rules", "entail", "model", "nli", "llm"} <= set(stance_backends.names())


def test_labels_map_both_ways():
    assert set(LEDGER_STANCE.values()) == set(STANCE_LABELS)
    assert all(LEDGER_STANCE[TEXT_LABEL[label]] == label for label in STANCE_LABELS)


def test_stance_settings_unknown_backend_lists_the_names():
    with pytest.raises(ConfigError, match="E030.*Available: .*rules"):
        stance_settings("oracle", {})


def test_stance_settings_refuse_a_setting_the_backend_does_not_take():
    with pytest.raises(ConfigError, match="E074.*'rules' has no setting 'temperature'"):
        check_stance_settings("rules", {"temperature": "0.2"})


def test_stance_settings_type_command_line_values_as_their_defaults():
    assert check_stance_settings("nli", {"margin": "0.35", "batch_size": "8"}) == {"margin": 0.35, "batch_size": 8}
    with pytest.raises(ConfigError, match="E075.*margin.*'wide'"):
        check_stance_settings("nli", {"margin": "wide"})


def test_stance_settings_pass_the_run_device_only_where_a_backend_takes_it():
    assert stance_settings("rules", {}, device="cuda", batch_size=16) == {}
    assert stance_settings("nli", {"model": "x"}, device="cpu", batch_size=None) == {"model": "x", "device": "cpu"}
    # a setting named for the backend wins over the run's
    assert stance_settings("model", {"device": "cuda:1"}, device="cpu")["device"] == "cuda:1"
    assert {"device", "batch_size"} <= set(backend_settings("entail"))


def test_parse_settings_reads_key_value_pairs():
    assert parse_settings(["model=/tmp/m", "batch-size=4"]) == {"model": "/tmp/m", "batch_size": "4"}
    with pytest.raises(ConfigError, match="E076"):
        parse_settings(["margin"])


def test_get_stance_backend_builds_with_checked_settings():
    assert get_stance_backend("rules").method == "rules.v1"
    with pytest.raises(ConfigError, match="E074"):
        get_stance_backend("rules", device="cpu")
