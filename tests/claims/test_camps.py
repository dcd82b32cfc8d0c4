"""Camps of actors (claims/camps.py) and how framing reads them."""

from __future__ import annotations

from claim_builders import make_statement

from claimledger.claims.camps import assign_camps, camp_names, contested_propositions
from claimledger.claims.framing import describe_framing
from claimledger.records import Article, Camps, Position, Proposition, TimelinePoint


def _position(entity: str, proposition: str, *stances: str) -> Position:
    return Position(entity, proposition, [TimelinePoint(None, s, f"{entity}-{i}") for i, s in enumerate(stances)])


PROPOSITIONS = [
    Proposition("p-sold", "Norland sold rockets to Westmark"),
    Proposition("p-used", "Westmark fired the rockets at the harbour"),
    Proposition("p-rain", "It rained on Tuesday"),
]
POSITIONS = [
    _position("ostrava", "p-sold", "support", "support"),
    _position("ostrava", "p-used", "support"),
    _position("harbour-board", "p-used", "support"),
    _position("norland", "p-sold", "deny", "support", "deny"),
    _position("westmark", "p-used", "deny"),
    _position("westmark", "p-sold", "deny"),
    _position("weather-office", "p-rain", "support"),
]


def test_contested_propositions_need_both_sides():
    assert contested_propositions(POSITIONS) == ["p-sold", "p-used"]


def test_assign_camps_splits_actors_by_agreement():
    camps = assign_camps(POSITIONS)
    assert camps.pivot == "p-sold"
    assert camps.of == {"ostrava": "support", "harbour-board": "support", "norland": "deny", "westmark": "deny"}
    assert camps.camp("weather-office") == "unaligned"  # no side on anything contested
    assert camp_names(camps, {p.id: p.label for p in PROPOSITIONS}) == {
        "support": "for \u201cNorland sold rockets to Westmark\u201d",
        "deny": "against \u201cNorland sold rockets to Westmark\u201d",
    }


def test_assign_camps_without_contested_propositions():
    assert assign_camps([_position("a", "p", "support")]) == Camps()


TEXT = "Ostrava claimed Norland sold rockets. Norland said it sold none. Westmark denied firing them."


def test_framing_counts_cues_per_camp_and_reports_coverage():
    statements = [
        make_statement(TEXT, "Norland sold rockets", cue="claimed", cue_lemma="claim", entity="ostrava"),
        make_statement(TEXT, "it sold none", cue="said", cue_lemma="say", entity="norland"),
        make_statement(TEXT, "firing them", cue="denied", cue_lemma="deny", entity="westmark"),
    ]
    sold = Proposition("p-sold", "Norland sold rockets to Westmark", [statements[0].id, statements[1].id])
    used = Proposition("p-used", "Westmark fired the rockets at the harbour", ["elsewhere"])
    [framing] = describe_framing(
        [Article(id="a1", source="x.txt", text=TEXT, outlet="Harbor News")],
        statements,
        {s.id: s.speaker_entity_id for s in statements},
        entity_names={"ostrava": "Ostrava", "norland": "Norland", "westmark": "Westmark"},
        camps=assign_camps(POSITIONS),
        propositions=[sold, used],
        contested=["p-sold", "p-used"],
    )
    claim = "\u201cNorland sold rockets to Westmark\u201d"
    for_sold, against_sold = f"for {claim}", f"against {claim}"
    assert framing.camps == {"ostrava": "support", "norland": "deny", "westmark": "deny"}
    assert framing.camp_pivot == "p-sold"
    assert framing.cues_by_camp == {"deny": {"deny": 1, "say": 1}, "support": {"claim": 1}}
    assert framing.covered_propositions == ["p-sold"] and framing.omitted_propositions == ["p-used"]
    doubt = f"Casts doubt ('claim') only on the camp {for_sold} (Ostrava); the camp {against_sold} gets 'deny', 'say'."
    assert doubt in framing.notes
    assert framing.notes[-1] == (
        "Reports 1 of the story's 2 contested propositions; "
        "leaves out \u201cWestmark fired the rockets at the harbour\u201d."
    )


def test_contested_propositions_count_a_hedge_against_an_assertion_and_a_wavering_actor():
    # The report's overview and framing's coverage share this one definition.
    positions = [
        _position("ostrava", "p-hedged", "support"),
        _position("norland", "p-hedged", "hedge"),
        _position("westmark", "p-moved", "deny", "support"),
        _position("weather-office", "p-rain", "support", "support"),
    ]
    assert contested_propositions(positions) == ["p-hedged", "p-moved"]
