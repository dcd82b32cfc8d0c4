"""Tests for the report's view-model: camps, timelines, the matrix's columns."""

from __future__ import annotations

from datetime import date

import story

from claimledger.records import Contradiction, Framing, Position, TimelinePoint
from claimledger.report._camps import ledger_camps
from claimledger.report._story import Story
from claimledger.report._timeline import Axis, lanes, parse_when
from claimledger.store import Ledger
from claimledger.views._index import LedgerIndex


def _position(actor: str, proposition: str, *stances: str) -> Position:
    points = [TimelinePoint(None, s, f"{actor}-{proposition}-{i}") for i, s in enumerate(stances)]
    return Position(actor, proposition, points)


def test_ledger_camps_read_the_framing_rows() -> None:
    rows = [
        Framing("a1", None, camps={"a": "support", "b": "deny"}, camp_pivot="main"),
        Framing("a2", None, camps={"c": "support"}, camp_pivot="main"),
        Framing("a3", None),
    ]
    camps = ledger_camps(rows)
    assert camps.pivot == "main"
    assert camps.of == {"a": "support", "b": "deny", "c": "support"}
    assert camps.camp("f") == "unaligned" and camps.camp(None) == "unaligned"


def test_ledger_camps_without_framing() -> None:
    assert ledger_camps([]).pivot is None


def test_parse_when_reads_dates_months_and_intervals() -> None:
    assert parse_when("2022-10-01/2022-10-31") == date(2022, 10, 1)
    assert parse_when("2022-10") == date(2022, 10, 1)
    assert parse_when("2022") == date(2022, 1, 1)
    assert parse_when("last week") is None and parse_when(None) is None


def test_lanes_share_one_axis_and_mark_reversals() -> None:
    a = Position("x", "p", [TimelinePoint("2022-11-01", "deny", "s1"), TimelinePoint("2022-11-11", "support", "s2")])
    b = Position("y", "p", [TimelinePoint(None, "hedge", "s3"), TimelinePoint(None, "hedge", "s4")])
    dates = {"s1": "2022-11-01", "s2": "2022-11-11", "s3": "", "s4": ""}
    reversal = Contradiction("reversal", "p", "s1", "s2", "denied, then admitted")
    axis, (lane_a, lane_b) = lanes([a, b], dates.__getitem__, [reversal])
    assert axis == Axis(date(2022, 11, 1), date(2022, 11, 11))
    assert [m.x for m in lane_a.marks] == [3.0, 97.0]
    assert [(r.start, r.end, r.index) for r in lane_a.reversals] == [(3.0, 97.0, 0)]
    assert [m.dated for m in lane_b.marks] == [False, False]
    assert lane_b.marks[0].x < lane_b.marks[1].x  # undated points keep their order


def test_story_overview_names_who_stands_where(ledger: Ledger) -> None:
    view = Story(LedgerIndex(ledger))
    (summary,) = view.contested
    assert summary.sides == {"hedge": [story.PERSIAN], "support": [story.BLINKEN]}
    assert view.matrix.propositions == [story.PROPOSITION]
    assert set(view.matrix.actors) == {story.PERSIAN, story.BLINKEN}
    assert view.matrix.cells[(story.PERSIAN, story.PROPOSITION)].reversed
    assert not view.matrix.cells[(story.BLINKEN, story.PROPOSITION)].reversed
    assert [t.entity_id for t in view.timelines] == view.matrix.actors
    gulf = next(o for o in view.framing if o.outlet == "Gulf Wire")
    assert {bar.lemma: bar.counts for bar in gulf.bars} == {"claim": {"support": 1}, "say": {"deny": 1}}
    blinken = next(s for s in gulf.speakers if s.entity_id == story.BLINKEN)
    assert (blinken.quoted, blinken.paraphrased) == (0, 1)
