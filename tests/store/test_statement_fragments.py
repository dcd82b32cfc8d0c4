"""Interrupted spans (`Statement.content_fragments` and the like) through the store and the export."""

from __future__ import annotations

import dataclasses
import json
import sqlite3
from pathlib import Path

from claimledger.records import CorpusAnalysis, ParsedArticle, Span, Statement, statement_id
from claimledger.store import Ledger
from claimledger.store.export import export, ledger_to_dict

QUOTE = "“The river is safe,” Ortega said, “and the plant is clean.”"


def _interrupted(batch: list[ParsedArticle]) -> tuple[ParsedArticle, Statement]:
    """An article with one statement whose quote is split by its cue."""
    article = dataclasses.replace(batch[0].article, id="a-quote", source="quote.txt", text=QUOTE)
    first, second = QUOTE.index("The river"), QUOTE.index("and the plant")
    pieces = ((first, first + len("The river is safe")), (second, second + len("and the plant is clean")))
    start, end = pieces[0][0], pieces[1][1]
    cue, speaker = QUOTE.index("said"), QUOTE.index("Ortega")
    statement = Statement(
        id=statement_id(article.id, start, end, speaker),
        article_id=article.id,
        content=Span(start, end, QUOTE[start:end]),
        kind="direct",
        speaker=Span(speaker, speaker + 6, "Ortega"),
        cue=Span(cue, cue + 4, "said"),
        cue_lemma="say",
        content_fragments=pieces,
    )
    return ParsedArticle(article, [statement]), statement


def test_fragments_round_trip_through_the_ledger(db_path: Path, batch: list[ParsedArticle]) -> None:
    parsed, statement = _interrupted(batch)
    with Ledger.open(db_path) as ledger:
        ledger.add_parsed([*batch, parsed])
    with Ledger.open(db_path) as ledger:
        (stored,) = [s for s in ledger.statements() if s.article_id == "a-quote"]
    assert stored == statement
    assert [QUOTE[s:e] for s, e in stored.fragments("content")] == ["The river is safe", "and the plant is clean"]
    # One-piece spans stay as they were: no fragments.
    assert all(s.content_fragments == () for s in ledger_statements(db_path) if s.article_id != "a-quote")


def ledger_statements(db_path: Path) -> list[Statement]:
    with Ledger.open(db_path) as ledger:
        return ledger.statements()


def test_export_gives_fragments_only_for_interrupted_spans(
    db_path: Path, batch: list[ParsedArticle], tmp_path: Path
) -> None:
    parsed, _ = _interrupted(batch)
    with Ledger.open(db_path) as ledger:
        ledger.add_parsed([*batch, parsed])
        export(ledger, "json", tmp_path / "ledger.json")
        doc = ledger_to_dict(ledger)
    written = json.loads((tmp_path / "ledger.json").read_text(encoding="utf-8"))
    assert written["statements"] == doc["statements"]
    by_article = {s["article_id"]: s for s in written["statements"]}
    quoted = by_article["a-quote"]
    pieces = quoted["content_fragments"]
    assert [QUOTE[s:e] for s, e in pieces] == ["The river is safe", "and the plant is clean"]
    # start/end give the whole stretch, "Ortega said" and all (docs/export.md)
    assert (quoted["content_start"], quoted["content_end"]) == (pieces[0][0], pieces[-1][1])
    assert "speaker_fragments" not in quoted and "cue_fragments" not in quoted
    others = [s for s in written["statements"] if s["article_id"] != "a-quote"]
    assert others and not any(key.endswith("_fragments") for s in others for key in s)


def test_csv_export_keeps_the_fragment_columns(db_path: Path, batch: list[ParsedArticle], tmp_path: Path) -> None:
    parsed, _ = _interrupted(batch)
    with Ledger.open(db_path) as ledger:
        ledger.add_parsed([*batch, parsed])
        export(ledger, "csv", tmp_path)
    header = (tmp_path / "statements.csv").read_text(encoding="utf-8").splitlines()[0].split(",")
    assert {"content_fragments", "speaker_fragments", "cue_fragments"} <= set(header)


def test_a_ledger_written_before_fragments_opens_and_reads_one_piece_spans(
    db_path: Path, batch: list[ParsedArticle], story_analysis: CorpusAnalysis
) -> None:
    with Ledger.open(db_path) as ledger:
        ledger.add_parsed(batch)
        ledger.replace_analysis(story_analysis)
    with sqlite3.connect(db_path) as conn:  # as an older claimledger wrote it
        for role in ("content", "speaker", "cue"):
            conn.execute(f"ALTER TABLE statements DROP COLUMN {role}_fragments")
    parsed, statement = _interrupted(batch)
    with Ledger.open(db_path, create=False) as ledger:
        held = ledger.statements()
        assert [s.id for s in held] == [s.id for p in batch for s in p.statements]
        assert all(s.content_fragments == s.speaker_fragments == s.cue_fragments == () for s in held)
        ledger.add_parsed([parsed])  # and new statements keep their pieces
        assert ledger.statements()[-1] == statement


def test_stale_fragments_are_not_the_span_s() -> None:
    # A stage that replaced the content and not its pieces: the pieces no longer frame it.
    _, statement = _interrupted([ParsedArticle(dataclasses.replace(_dummy_article(), text=QUOTE))])
    moved = dataclasses.replace(statement, content=Span(1, 18, QUOTE[1:18]))
    assert moved.fragments("content") == ((1, 18),)
    assert statement.fragments("cue") == ((statement.cue.start, statement.cue.end),)


def _dummy_article():
    from claimledger.records import Article

    return Article(id="a", source="a.txt", text="")
