"""Tests for the report's view-model: camps, timelines, the matrix's columns."""

from __future__ import annotations

from datetime import date

import story

from claimledger.records import Contradiction, Framing, Position, TimelinePoint
from claimledger.report._camps import ledger_camps
from claimledger.report._story import Story
from claimledger.report._timeline import Axis, Tick, lanes, parse_when
from claimledger.report._title import shared_title_words
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


# Issue 21: three statements of one day read as one day, not as eleven.
def test_lanes_stack_statements_of_one_day_at_one_place() -> None:
    days = {"s1": "2025-03-10", "s2": "2025-03-10", "s3": "2025-03-10", "s4": "2025-03-11", "s5": "2025-04-02",
            "s6": ""}
    points = [TimelinePoint(days[sid] or None, "support", sid) for sid in days]
    start = Position("y", "p", [TimelinePoint("2025-02-01", "deny", "s0")])
    axis, (_, lane) = lanes([start, Position("x", "p", points)], {**days, "s0": "2025-02-01"}.__getitem__, [])
    same_day = lane.marks[:3]
    assert {m.x for m in same_day} == {round(axis.x(date(2025, 3, 10)), 2)}
    assert [m.level for m in same_day] == [0, 1, 2]
    assert lane.marks[3].x == round(axis.x(date(2025, 3, 11)), 2) and lane.marks[3].level == 3  # too near to sit below
    assert (lane.marks[4].x, lane.marks[4].level) == (97.0, 0)
    undated = lane.marks[5]
    assert (undated.x, undated.level, undated.dated) == (97.0, 1, False)  # on the statement before it
    assert lane.levels == 4


def test_axis_ticks_at_round_dates_that_fit_a_phone() -> None:
    ticks = Axis(date(2025, 2, 1), date(2025, 4, 3)).ticks()
    assert [t.label for t in ticks] == ["1 Feb 2025", "15 Feb", "1 Mar", "15 Mar", "1 Apr"]
    assert ticks[0] == Tick(3.0, "1 Feb 2025", "start") and ticks[-1].align == "end"
    assert [t.label for t in Axis(date(2024, 12, 30), date(2025, 1, 2)).ticks()] == [
        "30 Dec 2024", "31 Dec", "1 Jan 2025", "2 Jan"]
    assert [t.label for t in Axis(date(2024, 3, 5), date(2025, 2, 1)).ticks()] == [
        "May 2024", "Jul", "Sep", "Nov", "Jan 2025"]
    assert [t.label for t in Axis(date(2019, 6, 1), date(2025, 2, 1)).ticks()] == ["2020", "2022", "2024"]
    assert Axis(date(2025, 3, 10), date(2025, 3, 10)).ticks() == [Tick(50.0, "10 Mar 2025", "middle")]
    assert Axis(None, None).ticks() == []


def test_shared_title_words_name_a_story_without_a_contested_proposition() -> None:
    titles = [
        "Mayor says Quillon plant leaked solvent into the Orrin River",
        "Quillon rejects river pollution claims as shares dip",
        "Quillon admits 'small release' into Orrin River before new filters",
        None,
    ]
    assert shared_title_words(titles) == "Quillon Orrin River"
    assert shared_title_words(["Ferry resumes", "Council meets"]) is None
    assert shared_title_words([]) is None


def test_story_title_and_actors(ledger: Ledger) -> None:
    view = Story(LedgerIndex(ledger))
    assert view.title == view.default_title == "Iran supplied drones to Russia"
    assert Story(LedgerIndex(ledger), "Drones").title == "Drones"
    assert [e.id for e in view.actors] == [story.BLINKEN, story.PERSIAN] and view.mentioned == []  # two statements each


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
