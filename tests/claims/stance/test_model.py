"""The shipped stance model and the "model" backend, on sentences of our own."""

from __future__ import annotations

import numpy as np
import pytest

from claimledger.claims.stance import predict_stances, stance_backends
from claimledger.claims.stance.classifier import TEXT_LABELS, StanceClassifier, TextPair, decide
from claimledger.claims.stance.model import statement_text
from claimledger.errors import ConfigError
from claimledger.records import Proposition, Span, Statement

CLAIM = "The ferry operator cut safety inspections to save money"


@pytest.fixture(scope="module")
def shipped() -> StanceClassifier:
    return StanceClassifier.load()


def test_the_shipped_model_is_small_and_says_what_it_is(shipped):
    assert shipped.config["format"] == "claimledger-stance/1"
    assert shipped.config["labels"] == list(TEXT_LABELS)
    assert shipped.config["trained_on"]["fnc1_train_pairs"] > 30_000
    assert shipped.config["trained_on"]["emergent_pairs"] > 1_000


def test_probabilities_are_a_distribution_over_the_four_labels(shipped):
    p = shipped.probabilities([TextPair(CLAIM, "Officials confirmed the ferry operator cut safety inspections.")])
    assert p.shape == (1, 4)
    assert p.sum() == pytest.approx(1.0, abs=1e-5)


def test_sensible_stances_on_our_own_sentences(shipped):
    pairs = [
        TextPair(CLAIM, "A recipe for lemon cake: three eggs, sugar, flour and two lemons. Bake for 40 minutes."),
        TextPair(
            CLAIM,
            "The operator denied the report. \"Claims that we cut safety inspections are false and baseless,\" "
            "a spokesman said, calling the story a hoax.",
        ),
        TextPair(
            CLAIM,
            "The ferry operator cut safety inspections to save money, an official audit published on Monday found. "
            "The audit shows inspections fell by half after the budget cuts.",
        ),
    ]
    labels = [label for label, _ in shipped.predict(pairs)]
    assert labels[0] == "unrelated"
    assert labels[1] == "disagree"
    assert labels[2] in ("agree", "discuss")


def test_the_model_backend_speaks_the_ledger_vocabulary():
    content = "the ferry operator cut safety inspections to save money"
    statement = Statement(
        id="s1", article_id="a1", content=Span(30, 30 + len(content), content), kind="indirect",
        speaker=Span(0, 12, "The minister"), cue=Span(13, 29, "firmly denied that"), cue_lemma="deny",
    )
    assert statement_text(statement) == f"The minister firmly denied that {content}"
    negated = Statement(id="s2", article_id="a1", content=statement.content, kind="indirect",
                        cue=Span(13, 18, "deny"), cue_lemma="deny", cue_negated=True)
    assert statement_text(negated) == f"did not deny {content}"
    proposition = Proposition(id="p1", label=CLAIM, statement_ids=["s1"])
    stances = predict_stances([(statement, proposition)], stance_backends.get("model")())
    assert stances[0].method == "model.v2"
    assert stances[0].stance in ("support", "deny", "hedge", "neutral")
    assert 0.0 <= stances[0].score <= 1.0


def test_decide_prefers_unrelated_only_when_stage_one_says_so():
    p = np.array([[0.1, 0.05, 0.25, 0.6], [0.3, 0.05, 0.25, 0.4]])
    (first, _), (second, score) = decide(p)
    assert first == "unrelated"
    assert second == "agree" and score == pytest.approx(0.3 / 0.6)


def test_a_folder_that_is_not_a_model_gives_e054(tmp_path):
    with pytest.raises(ConfigError, match="E054 .*config.json"):
        StanceClassifier.load(tmp_path)
    (tmp_path / "config.json").write_text('{"format": "something-else"}', encoding="utf-8")
    with pytest.raises(ConfigError, match="E054 .*format"):
        StanceClassifier.load(tmp_path)
