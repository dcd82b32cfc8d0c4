"""Span scoring of attribution relations: exact, overlap, whole relations."""

from __future__ import annotations

from claimledger.evaluate.attributions import score_attributions, statements_to_relations
from claimledger.records import Span, SpanRelation, Statement

GOLD = [
    SpanRelation(source=((0, 17),), cue=((18, 22),), content=((23, 50),)),
    SpanRelation(source=((60, 67),), cue=((68, 77),), content=((52, 59),)),
]


def test_exact_and_overlap_per_role():
    predicted = [
        SpanRelation(source=((0, 17),), cue=((18, 22),), content=((28, 50),)),  # content starts late
        SpanRelation(source=(), cue=((68, 77),), content=((52, 59),)),  # no source
        SpanRelation(source=((90, 95),), cue=((96, 100),), content=((101, 120),)),  # not in gold
    ]
    scores = score_attributions([(predicted, GOLD)])
    assert (scores.exact["source"].tp, scores.exact["source"].predicted, scores.exact["source"].gold) == (1, 2, 2)
    assert scores.exact["cue"].tp == 2
    assert scores.exact["content"].tp == 1
    assert scores.overlap["content"].tp == 2
    assert scores.relations_exact.tp == 0
    assert scores.relations_overlap.tp == 1  # the second one lacks its source
    assert scores.documents == 1


def test_overlap_pairs_one_to_one():
    gold = [SpanRelation(cue=((0, 4),), content=((5, 40),))]
    predicted = [SpanRelation(cue=((0, 4),), content=((5, 20),)), SpanRelation(cue=((0, 4),), content=((21, 40),))]
    scores = score_attributions([(predicted, gold)])
    assert scores.overlap["content"].tp == 1
    assert scores.overlap["content"].predicted == 2


def test_repeated_spans_count_once():
    gold = [
        SpanRelation(source=((0, 2),), cue=((3, 7),), content=((8, 20),)),
        SpanRelation(source=((0, 2),), cue=((22, 30),), content=((31, 40),)),
    ]
    scores = score_attributions([(gold, gold)])
    assert scores.exact["source"].gold == 1
    assert scores.relations_exact.f1 == 1.0


def test_statements_as_relations():
    statement = Statement(
        id="s", article_id="a", content=Span(10, 20, "x" * 10), kind="indirect",
        speaker=Span(0, 4, "Lena"), cue=Span(5, 9, "said"),
    )
    anonymous = Statement(id="t", article_id="a", content=Span(30, 40, "y" * 10), kind="direct")
    assert statements_to_relations([statement, anonymous]) == [
        SpanRelation(source=((0, 4),), cue=((5, 9),), content=((10, 20),)),
        SpanRelation(source=(), cue=(), content=((30, 40),)),
    ]
