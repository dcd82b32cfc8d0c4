"""Tests for claimledger/claims/candidates.py: the propositions a claim may bear on beyond its cluster."""

from __future__ import annotations

from claim_builders import BagOfWordsEncoder, make_statement

from claimledger.claims.candidates import candidate_propositions
from claimledger.claims.nesting import NestedPropositions
from claimledger.records import Proposition

TEXT = (
    "The warden said the depot had spilled diesel into the creek. "
    "The ranger said the depot had spilled diesel into the creek. "
    "The depot said the depot had spilled some diesel before the new valves were fitted. "
    "The baker said the bread was fresh."
)


def _claims():
    return [
        make_statement(TEXT, "the depot had spilled diesel into the creek", entity="warden"),
        make_statement(TEXT[60:], "the depot had spilled diesel into the creek", article="a2", entity="ranger"),
        make_statement(TEXT, "the depot had spilled some diesel before the new valves were fitted", entity="depot"),
        make_statement(TEXT, "the bread was fresh", entity="baker"),
    ]


def _nested(claims):
    spill = Proposition("p-spill", "The depot had spilled diesel into the creek", [claims[0].id, claims[1].id])
    small = Proposition("p-small", "The depot had spilled some diesel before the new valves were fitted", [claims[2].id])
    bread = Proposition("p-bread", "The bread was fresh", [claims[3].id])
    return NestedPropositions([spill, small, bread], [[0], [0], [1], [2]], [False, False, True, False],
                              also=[[], [], [], []])


def test_candidate_propositions_reach_a_question_worded_otherwise_and_skip_unrelated_ones():
    claims = _claims()
    texts = [c.content.text for c in claims]
    found = candidate_propositions(claims, texts, _nested(claims), BagOfWordsEncoder(), threshold=0.6)
    assert found[2] == [0]  # the narrow admission bears on the general spill
    assert found[3] == []  # the bread does not
    assert found[0] == [] and found[1] == []  # members are not repeated


def test_candidate_propositions_are_bounded_and_need_a_proposition_of_two_statements():
    claims = _claims()
    texts = [c.content.text for c in claims]
    nested = _nested(claims)
    assert candidate_propositions(claims, texts, nested, BagOfWordsEncoder(), threshold=0.3, limit=0)[2] == []
    # p-small has one statement: nobody is scored against it
    assert all(1 not in row for row in candidate_propositions(claims, texts, nested, BagOfWordsEncoder(),
                                                              threshold=0.0))
