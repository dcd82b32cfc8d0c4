"""Tests for claimledger/claims/positions.py."""

from __future__ import annotations

from claimledger.claims.positions import build_positions, order_by_date
from claimledger.records import Stance
from claim_builders import make_statement


def _stance(statement, label, proposition="p1"):
    return Stance(statement.id, proposition, label, 0.8, "rules.v1")


def test_order_by_date_sorts_dated_items_in_their_slots():
    items = [("a", "2023-03-01"), ("b", None), ("c", "2023-01-01/2023-01-31"), ("d", None)]
    assert [x for x, _ in order_by_date(items, lambda i: i[1])] == ["c", "b", "a", "d"]


def test_build_positions_one_timeline_per_actor_and_proposition():
    text = "The minister said the mine will close. The union said the mine will not close. He said it will."
    first = make_statement(text, "the mine will close", entity="minister", said_at="2023-05-02")
    union = make_statement(text, "the mine will not close", entity="union")
    later = make_statement(text, "it will", entity="minister", said_at="2023-04-01")
    stances = [_stance(first, "support"), _stance(union, "deny"), _stance(later, "hedge"), _stance(later, "neutral", "p2")]
    entity_of = {s.id: s.speaker_entity_id for s in (first, union, later)}

    positions = build_positions([first, union, later], stances, entity_of)

    assert [(p.entity_id, p.proposition_id) for p in positions] == [("minister", "p1"), ("union", "p1")]
    minister = positions[0]
    assert [(t.statement_id, t.stance, t.date) for t in minister.timeline] == [
        (later.id, "hedge", "2023-04-01"),
        (first.id, "support", "2023-05-02"),
    ]


def test_build_positions_falls_back_to_statement_order_and_skips_unlinked():
    text = "A said the fee rose. B said it did not. Someone said it did."
    a1 = make_statement(text, "the fee rose", entity="a")
    a2 = make_statement(text, "it did not", entity="a")
    anon = make_statement(text, "it did.", entity=None)
    stances = [_stance(a2, "deny"), _stance(a1, "support"), _stance(anon, "support")]
    positions = build_positions([a1, a2, anon], stances, {a1.id: "a", a2.id: "a", anon.id: None})
    assert len(positions) == 1
    assert [t.statement_id for t in positions[0].timeline] == [a1.id, a2.id]
