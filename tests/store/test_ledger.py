"""Tests for claimledger/store/ledger.py: round trips, idempotence, atomicity, bad files."""

from __future__ import annotations

import dataclasses
import sqlite3
import sys
from pathlib import Path

import pytest
import story
from sqlalchemy import text

from claimledger.errors import ConfigError, LedgerError
from claimledger.records import ClaimUnit, CorpusAnalysis, Entity, ParsedArticle, Proposition, Statement
from claimledger.store import Ledger
from claimledger.store.schema import SCHEMA_VERSION

# --- round trips ----------------------------------------------------------------


def test_ledger_round_trips_parsed_articles(db_path: Path, batch: list[ParsedArticle]) -> None:
    with Ledger.open(db_path) as ledger:
        ledger.add_parsed(batch)
    with Ledger.open(db_path) as ledger:  # reopened: nothing lives only in memory
        assert ledger.articles() == [p.article for p in batch]
        assert ledger.statements() == [s for p in batch for s in p.statements]
        assert ledger.mentions() == [m for p in batch for m in p.mentions]
        assert ledger.article_ids() == {p.article.id for p in batch}


def test_ledger_round_trips_rebuild_spans_from_article_text(ledger: Ledger) -> None:
    for s in ledger.statements():
        text = ledger.get_article(s.article_id).text  # type: ignore[union-attr]
        for span in (s.content, s.speaker, s.cue, s.sentence, s.said_at_span):
            if span is not None:
                assert text[span.start : span.end] == span.text


def test_ledger_round_trips_analysis(ledger: Ledger, story_analysis: CorpusAnalysis) -> None:
    assert ledger.entities() == story_analysis.entities
    assert ledger.propositions() == story_analysis.propositions
    assert ledger.stances() == story_analysis.stances
    assert ledger.positions() == story_analysis.positions
    assert ledger.contradictions() == story_analysis.contradictions
    assert ledger.framing() == story_analysis.framing
    links = {s.id: s.speaker_entity_id for s in ledger.statements()}
    assert links == story_analysis.speaker_links


def test_ledger_round_trips_skipped_inputs_with_run_time(ledger: Ledger) -> None:
    assert ledger.skipped() == story.SKIPPED
    [(run_at, skipped)] = ledger.skipped_log()
    assert skipped == story.SKIPPED[0]
    assert run_at.year >= 2024


def test_ledger_get_article_returns_none_for_unknown_id(ledger: Ledger) -> None:
    assert ledger.get_article("a-not-there") is None


def test_ledger_iter_articles_streams(ledger: Ledger) -> None:
    articles = ledger.iter_articles()
    first = next(articles)
    assert first.outlet == "Gulf Wire"
    assert [a.outlet for a in articles] == ["Caspian Times"]


def test_ledger_count_names_tables(ledger: Ledger) -> None:
    assert ledger.count("statements") == 4
    with pytest.raises(ConfigError, match="unknown ledger table 'statement'.*statements"):
        ledger.count("statement")


# --- add_parsed ---------------------------------------------------------------------


def test_add_parsed_is_idempotent(db_path: Path, batch: list[ParsedArticle]) -> None:
    with Ledger.open(db_path) as ledger:
        assert ledger.add_parsed(batch) == 2
        assert ledger.add_parsed(batch) == 0
        assert ledger.add_parsed([batch[0], batch[0]]) == 0
        assert ledger.count("articles") == 2
        assert ledger.count("statements") == 4
        assert ledger.count("mentions") == 5


def test_add_parsed_drops_repeats_within_a_batch(db_path: Path, batch: list[ParsedArticle]) -> None:
    with Ledger.open(db_path) as ledger:
        assert ledger.add_parsed([batch[1], batch[1], batch[0]]) == 2
        assert [a.outlet for a in ledger.iter_articles()] == ["Caspian Times", "Gulf Wire"]


def test_add_parsed_writes_nothing_when_one_row_fails(
    db_path: Path, batch: list[ParsedArticle]
) -> None:
    clash = dataclasses.replace(batch[1].statements[0], id=batch[0].statements[0].id)
    broken = ParsedArticle(batch[1].article, [clash], [])
    with Ledger.open(db_path) as ledger:
        with pytest.raises(LedgerError, match="^E023 cannot write to ledger .*Nothing was written"):
            ledger.add_parsed([batch[0], broken], story.SKIPPED)
        assert ledger.count("articles") == ledger.count("statements") == 0
        assert ledger.skipped() == []


def test_add_parsed_refuses_statement_of_unknown_article(
    db_path: Path, batch: list[ParsedArticle]
) -> None:
    stray = dataclasses.replace(batch[0].statements[0], article_id="a-elsewhere")
    with Ledger.open(db_path) as ledger:
        with pytest.raises(LedgerError, match="E024 .*refers to article 'a-elsewhere'"):
            ledger.add_parsed([ParsedArticle(batch[0].article, [stray])])
        assert ledger.article_ids() == set()


# --- replace_analysis -----------------------------------------------------------------


def test_replace_analysis_replaces_the_previous_one(
    ledger: Ledger, batch: list[ParsedArticle]
) -> None:
    first = batch[0].statements[0]
    smaller = CorpusAnalysis(
        entities=[Entity("iran", "GPE", "Iran")],
        speaker_links={first.id: "iran"},
        propositions=[Proposition("p-new", "Drones were sent before the war", [first.id])],
    )
    ledger.replace_analysis(smaller)
    assert ledger.entities() == smaller.entities
    assert ledger.propositions() == smaller.propositions
    assert ledger.stances() == ledger.positions() == ledger.contradictions() == []
    assert ledger.framing() == []
    assert {s.id: s.speaker_entity_id for s in ledger.statements() if s.speaker_entity_id} == {
        first.id: "iran"
    }


def test_replace_analysis_failure_keeps_the_old_analysis(
    ledger: Ledger, story_analysis: CorpusAnalysis
) -> None:
    # Two entities with one id: the database refuses halfway, after the deletes.
    twice = Entity("antony-blinken", "PERSON", "Blinken")
    bad = dataclasses.replace(
        story_analysis, entities=[*story_analysis.entities, twice], speaker_links={}
    )
    with pytest.raises(LedgerError, match="^E023 "):
        ledger.replace_analysis(bad)
    assert ledger.entities() == story_analysis.entities
    assert ledger.stances() == story_analysis.stances
    assert ledger.contradictions() == story_analysis.contradictions
    assert {s.id: s.speaker_entity_id for s in ledger.statements()} == story_analysis.speaker_links


def test_replace_analysis_refuses_unknown_statement(
    ledger: Ledger, story_analysis: CorpusAnalysis
) -> None:
    bad = dataclasses.replace(
        story_analysis,
        propositions=[Proposition("p-x", "Something", ["s-not-there"])],
    )
    with pytest.raises(LedgerError, match="proposition 'p-x' refers to statement 's-not-there'"):
        ledger.replace_analysis(bad)
    assert ledger.propositions() == story_analysis.propositions


def test_replace_analysis_refuses_stance_on_unknown_proposition(
    ledger: Ledger, story_analysis: CorpusAnalysis
) -> None:
    bad = dataclasses.replace(story_analysis, propositions=[])
    with pytest.raises(LedgerError, match="refers to proposition 'p-iran-supplied-drones'"):
        ledger.replace_analysis(bad)


def test_replace_analysis_keeps_claim_units_and_refuses_unknown_ones(
    ledger: Ledger, story_analysis: CorpusAnalysis
) -> None:
    first = story_analysis.propositions[0]
    unit = ClaimUnit(first.statement_ids[0], 0, 10, first.id, assigned=True)
    ledger.replace_analysis(dataclasses.replace(story_analysis, claim_units=[unit]))
    assert ledger.claim_units() == [unit]
    stray = ClaimUnit(first.statement_ids[0], 0, 10, "p-not-there")
    with pytest.raises(LedgerError, match="claim unit of statement .* refers to proposition 'p-not-there'"):
        ledger.replace_analysis(dataclasses.replace(story_analysis, claim_units=[stray]))
    assert ledger.claim_units() == [unit]


def test_replace_analysis_keeps_how_the_claim_units_were_grouped(
    ledger: Ledger, story_analysis: CorpusAnalysis
) -> None:
    assert ledger.clustering() is None  # nothing analysed yet
    ledger.replace_analysis(dataclasses.replace(story_analysis, clustering="minilm threshold=0.6"))
    assert ledger.clustering() == "minilm threshold=0.6"
    ledger.replace_analysis(dataclasses.replace(story_analysis, clustering="minilm threshold=0.7"))
    assert ledger.clustering() == "minilm threshold=0.7"
    ledger.replace_analysis(dataclasses.replace(story_analysis, clustering=None))
    assert ledger.clustering() is None


# --- opening --------------------------------------------------------------------------


def test_open_creates_missing_file_and_folder(tmp_path: Path) -> None:
    path = tmp_path / "new" / "story.db"
    with Ledger.open(path) as ledger:
        assert ledger.count("articles") == 0
    assert path.exists()


def test_open_refuses_missing_file_when_not_creating(tmp_path: Path) -> None:
    with pytest.raises(LedgerError, match="E020 .*no such file"):
        Ledger.open(tmp_path / "typo.db", create=False)
    assert not (tmp_path / "typo.db").exists()


def test_open_accepts_an_sqlalchemy_url(db_path: Path, batch: list[ParsedArticle]) -> None:
    with Ledger.open(f"sqlite:///{db_path}") as ledger:
        ledger.add_parsed(batch)
    with Ledger.open(db_path) as ledger:
        assert len(ledger.article_ids()) == 2


def test_open_uses_wal_so_readers_do_not_block(ledger: Ledger, db_path: Path) -> None:
    with ledger._engine.connect() as conn:
        assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"
    with Ledger.open(db_path) as reader:  # a second reader while the first is open
        assert reader.count("statements") == 4


def test_ledger_writer_commits_while_a_reader_is_streaming(
    db_path: Path, batch: list[ParsedArticle]
) -> None:
    with Ledger.open(db_path) as writer, Ledger.open(db_path) as reader:
        writer.add_parsed(batch[:1])
        streaming = reader.iter_statements()
        first = next(streaming)  # the reader now holds a read transaction
        assert writer.add_parsed(batch[1:]) == 1
        # The reader keeps its snapshot; a new read sees the new article.
        assert [first, *streaming] == batch[0].statements
        assert reader.count("statements") == 4


def test_open_postgresql_without_driver_gives_ledger_error(monkeypatch: pytest.MonkeyPatch) -> None:
    # psycopg is a dependency: hide every PostgreSQL driver, as on a machine without one.
    import claimledger.store.ledger as ledger_module

    monkeypatch.setattr(ledger_module, "find_spec", lambda name: None)
    for driver in ("psycopg", "psycopg2"):
        monkeypatch.setitem(sys.modules, driver, None)  # `import` of it now fails
    hidden = r"E020 cannot open ledger postgresql://claims:\*\*\*@.*psycopg"  # no password
    with pytest.raises(LedgerError, match=hidden):
        Ledger.open("postgresql://claims:secret@localhost/ledger")


def test_open_non_sqlite_file_gives_ledger_error(tmp_path: Path) -> None:
    path = tmp_path / "notes.txt"
    path.write_text("Iran denies sending drones to Russia.\n" * 200)
    with pytest.raises(LedgerError) as caught:
        Ledger.open(path)
    message = str(caught.value)
    assert message.startswith("E020 cannot open ledger")
    assert "not an SQLite database" in message
    assert "\n" not in message


def test_open_foreign_sqlite_database_gives_ledger_error(tmp_path: Path) -> None:
    path = tmp_path / "other.db"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE recipes (name TEXT)")
    with pytest.raises(LedgerError, match="E020 .*not a claimledger ledger"):
        Ledger.open(path)


def test_open_other_schema_version_gives_ledger_error(db_path: Path) -> None:
    Ledger.open(db_path).close()
    with sqlite3.connect(db_path) as conn:
        conn.execute("UPDATE meta SET value = 'claimledger/0' WHERE key = 'schema'")
    with pytest.raises(LedgerError, match=f"E022 .*claimledger/0.*expected {SCHEMA_VERSION}"):
        Ledger.open(db_path)


def test_open_folder_gives_ledger_error(tmp_path: Path) -> None:
    with pytest.raises(LedgerError, match="E020 .*folder"):
        Ledger.open(tmp_path)


def test_statement_fields_are_all_stored() -> None:
    # A new Statement field must get a column (and a line in _rows) before it ships.
    from claimledger.store.schema import statements

    flattened = {"content", "speaker", "cue", "sentence", "said_at_span", "evidence"}
    for field in dataclasses.fields(Statement):
        if field.name not in flattened:
            assert field.name in statements.c, field.name


def test_open_adds_columns_an_older_ledger_lacks(
    db_path: Path, batch: list[ParsedArticle], story_analysis: CorpusAnalysis
) -> None:
    with Ledger.open(db_path) as ledger:
        ledger.add_parsed(batch)
    with sqlite3.connect(db_path) as conn:  # a ledger written before propositions had parents
        conn.execute("ALTER TABLE propositions DROP COLUMN parent_id")

    general = story_analysis.propositions[0]
    narrow = dataclasses.replace(general, id="p-narrow", label="narrow", parent_id=general.id)
    analysis = dataclasses.replace(story_analysis, propositions=[*story_analysis.propositions, narrow])
    with Ledger.open(db_path, create=False) as ledger:
        ledger.replace_analysis(analysis)
        assert ledger.propositions()[-1] == narrow
        assert len(ledger.articles()) == len(batch)


def _older_ledger(db_path: Path, batch: list[ParsedArticle], analysis: CorpusAnalysis, change: str) -> None:
    """The story analysed in a ledger, then `change` (SQL) made to look like an older claimledger's."""
    with Ledger.open(db_path) as ledger:
        ledger.add_parsed(batch)
        ledger.replace_analysis(analysis)
    with sqlite3.connect(db_path) as conn:
        conn.execute(change)


def test_contradictions_of_an_older_ledger_read_back_without_strength(
    db_path: Path, batch: list[ParsedArticle], story_analysis: CorpusAnalysis
) -> None:
    # a ledger written before contradictions had a strength
    _older_ledger(db_path, batch, story_analysis, "ALTER TABLE contradictions DROP COLUMN strength")
    with Ledger.open(db_path, create=False) as ledger:
        assert [c.strength for c in ledger.contradictions()] == [None, None]
        ledger.replace_analysis(story_analysis)
        assert ledger.contradictions() == story_analysis.contradictions


def test_open_adds_the_claim_units_an_older_ledger_lacks(
    db_path: Path, batch: list[ParsedArticle], story_analysis: CorpusAnalysis
) -> None:
    _older_ledger(db_path, batch, story_analysis, "DROP TABLE claim_units")  # before incremental clustering
    with Ledger.open(db_path, create=False) as ledger:
        assert ledger.claim_units() == []  # the next analysis clusters every claim afresh
        assert ledger.entities() == story_analysis.entities


def _german(batch: list[ParsedArticle]) -> ParsedArticle:
    """An article in a language without a model: stored, not analysed."""
    article = dataclasses.replace(batch[0].article, id="a-german", source="hafen.txt", language="de", analysed=False)
    return ParsedArticle(article)


def test_ledger_round_trips_article_language_and_analysed(db_path: Path, batch: list[ParsedArticle]) -> None:
    german = _german(batch)
    with Ledger.open(db_path) as ledger:
        ledger.add_parsed([*batch, german])
    with Ledger.open(db_path) as ledger:
        assert ledger.get_article(german.article.id) == german.article
        assert [(a.language, a.analysed) for a in ledger.articles()] == [(None, True)] * len(batch) + [("de", False)]


def test_articles_of_an_older_ledger_read_back_analysed(
    db_path: Path, batch: list[ParsedArticle], story_analysis: CorpusAnalysis
) -> None:
    # a ledger written before languages were told apart: every article in it was analysed
    _older_ledger(db_path, batch, story_analysis, "ALTER TABLE articles DROP COLUMN analysed")
    with sqlite3.connect(db_path) as conn:
        conn.execute("ALTER TABLE articles DROP COLUMN language")
    with Ledger.open(db_path, create=False) as ledger:
        assert [(a.language, a.analysed) for a in ledger.articles()] == [(None, True)] * len(batch)
        ledger.add_parsed([_german(batch)])
        assert ledger.get_article("a-german").analysed is False
        assert ledger.entities() == story_analysis.entities
