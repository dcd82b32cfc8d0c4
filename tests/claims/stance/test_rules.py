"""Tests for claimledger/claims/stance/rules.py and the stance registry."""

from __future__ import annotations

import pytest

from claimledger.claims.stance import (
    StanceBackend,
    get_stance_backend,
    predict_stances,
    stance_backends,
)
from claimledger.claims.stance.rules import RuleStance, content_stance, statement_stance
from claimledger.errors import ConfigError
from claimledger.records import Proposition, Stance
from claim_builders import make_statement

CASES = [
    # (sentence, content, cue, cue_lemma, negated, expected)
    ("The mayor denied claims that the bridge was unsafe.", "claims that the bridge was unsafe", "denied", "deny", False, "deny"),
    ("The firm firmly rejected the report.", "the report", "firmly rejected", "reject", False, "deny"),
    ("Police dismissed rumours of a second suspect.", "rumours of a second suspect", "dismissed", "dismiss", False, "deny"),
    ("The board admitted the accounts were wrong.", "the accounts were wrong", "admitted", "admit", False, "support"),
    ("The club acknowledged that the fee was paid.", "that the fee was paid", "acknowledged", "acknowledge", False, "support"),
    ("The mayor claimed the budget was balanced.", "the budget was balanced", "claimed", "claim", False, "support"),
    ("She said the vote was rigged.", "the vote was rigged", "said", "say", False, "support"),
    ("He said the company has not paid the fine.", "the company has not paid the fine", "said", "say", False, "deny"),
    ("She said they never met the buyer.", "they never met the buyer", "said", "say", False, "deny"),
    ("He said no staff were dismissed.", "no staff were dismissed", "said", "say", False, "deny"),
    ("The spokesman did not deny reports of layoffs.", "reports of layoffs", "did not deny", "deny", True, "hedge"),
    ("The minister did not confirm the deal.", "the deal", "did not confirm", "confirm", True, "hedge"),
    ("He did not say the plant would close.", "the plant would close", "did not say", "say", True, "neutral"),
    ("She said the merger may collapse.", "the merger may collapse", "said", "say", False, "hedge"),
    ("He said it looks like the prices will rise.", "it looks like the prices will rise", "said", "say", False, "hedge"),
    ("She said she cannot confirm the report.", "she cannot confirm the report", "said", "say", False, "hedge"),
    ("He said they will act if it is proven that the dam leaked.", "they will act if it is proven that the dam leaked", "said", "say", False, "hedge"),
    ("She said that to suggest the board hid losses is \u201cunfounded.\u201d", "to suggest the board hid losses is \u201cunfounded.\u201d", "said", "say", False, "deny"),
    ("He said the auditors failed to find any fraud.", "the auditors failed to find any fraud", "said", "say", False, "deny"),
    ("The senator suggested the tax could be cut.", "the tax could be cut", "suggested", "suggest", False, "hedge"),
    ("The council asked the firm to prove the soil is clean.", "to prove the soil is clean", "asked", "ask", False, "hedge"),
    ("The council called the plan a waste of money.", "the plan a waste of money", "called", "call", False, "support"),
    ("He said not only the river is polluted.", "not only the river is polluted", "said", "say", False, "support"),
]


@pytest.mark.parametrize(("sentence", "content", "cue", "lemma", "negated", "expected"), CASES)
def test_statement_stance_rules(sentence, content, cue, lemma, negated, expected):
    statement = make_statement(sentence, content, cue=cue, cue_lemma=lemma, negated=negated)
    label, score = statement_stance(statement)
    assert label == expected
    assert 0.0 < score <= 1.0


def test_statement_stance_uses_cue_text_when_lemma_missing():
    statement = make_statement("Officials have refuted the reports.", "the reports", cue="have refuted")
    assert statement_stance(statement)[0] == "deny"


def test_content_stance_plain_assertion_supports():
    assert content_stance("the harbour was sold in May") == ("support", 0.7)


def test_rule_backend_predicts_one_stance_per_pair():
    statement = make_statement("The firm denied the leak.", "the leak", cue="denied", cue_lemma="deny")
    proposition = Proposition("p1", "The leak", [statement.id])
    [stance] = RuleStance().predict([(statement, proposition)])
    assert stance == Stance(statement.id, "p1", "deny", 0.9, "rules.v1")


def test_rules_backend_is_registered():
    assert "rules" in stance_backends.names()
    backend = get_stance_backend("rules")
    assert isinstance(backend, StanceBackend)
    assert backend.method == "rules.v1"


def test_unknown_backend_lists_available():
    with pytest.raises(ConfigError, match=r"E030 unknown stance backend 'oracle'\. Available: .*rules"):
        get_stance_backend("oracle")


class _Broken:
    method = "broken.v0"

    def __init__(self, stances):
        self.stances = stances

    def predict(self, pairs):
        return self.stances


def test_predict_stances_checks_count_and_labels():
    statement = make_statement("He said the dam leaked.", "the dam leaked", cue="said", cue_lemma="say")
    pairs = [(statement, Proposition("p1", "The dam leaked", [statement.id]))]
    with pytest.raises(ValueError, match="E034"):
        predict_stances(pairs, _Broken([]))
    with pytest.raises(ValueError, match="E035"):
        predict_stances(pairs, _Broken([Stance(statement.id, "p1", "agree", 1.0, "broken.v0")]))  # type: ignore[arg-type]
    assert predict_stances(pairs)[0].stance == "support"
