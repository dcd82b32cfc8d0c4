"""Tests for claimledger/claims/affiliation.py."""

from __future__ import annotations

from claimledger.claims.affiliation import affiliations, same_side
from claimledger.records import Entity

IRAN = Entity("iran", "GPE", "Iran", ["Iran", "Iranian", "Tehran"])
US = Entity("us", "GPE", "United States", ["United States", "US", "U.S."])
UN = Entity("un", "ORG", "United Nations", ["United Nations", "UN"])
FIRM = Entity("firm", "ORG", "Quillon Chemical Works", ["Quillon", "the company"])


def _person(id: str, *roles: str) -> Entity:
    return Entity(id, "PERSON", id.title(), [id.title()], list(roles))


def test_a_role_ties_a_person_to_the_actor_it_names_as_its_principal():
    people = [
        _person("minister", "Iranian Foreign Minister"),
        _person("envoy", "US Special Envoy for Iran"),
        _person("ambassador", "Iran's ambassador and permanent representative to the UN"),
        _person("spokeswoman", "spokeswoman for the company"),
        _person("chief", "Quillon's chief executive"),
        _person("mayor"),
    ]
    tied = affiliations([IRAN, US, UN, FIRM, *people])
    assert tied["minister"] == {"minister", "iran"}
    # "for Iran", "to the UN": the actor after the preposition is a counterpart, not whom the role speaks for.
    assert tied["envoy"] == {"envoy", "us"}
    assert tied["ambassador"] == {"ambassador", "iran"}
    assert tied["spokeswoman"] == {"spokeswoman", "firm"}
    assert tied["chief"] == {"chief", "firm"}
    assert tied["mayor"] == {"mayor"}
    assert tied["iran"] == {"iran"}


def test_same_side_through_the_actor_or_a_third_they_both_speak_for():
    tied = affiliations([IRAN, US, _person("minister", "Iranian Foreign Minister"),
                         _person("ambassador", "Iran's ambassador"), _person("envoy", "US Special Envoy for Iran")])
    assert same_side("minister", "iran", tied)
    assert same_side("minister", "ambassador", tied)
    assert not same_side("envoy", "minister", tied)
    assert not same_side("us", "iran", tied)
    assert same_side("someone", "someone", tied)
