"""The ledger on a real PostgreSQL server (fixture `postgres_url`, tests/postgres.py)."""

from __future__ import annotations

import dataclasses

import pytest
import story

from claimledger.errors import LedgerError
from claimledger.records import CorpusAnalysis, ParsedArticle
from claimledger.store import Ledger
from claimledger.store.export import ledger_to_dict


def test_postgresql_ledger_round_trips_articles_and_analysis(postgres_url: str, batch: list[ParsedArticle]) -> None:
    analysis = story.analysis(batch)
    with Ledger.open(postgres_url) as ledger:
        assert ledger.add_parsed(batch, story.SKIPPED) == 2
        ledger.replace_analysis(analysis)
    with Ledger.open(postgres_url, create=False) as ledger:
        assert ledger.articles() == [p.article for p in batch]
        assert ledger.statements() == [
            dataclasses.replace(s, speaker_entity_id=analysis.speaker_links[s.id]) for p in batch for s in p.statements
        ]
        assert ledger.mentions() == [m for p in batch for m in p.mentions]
        assert ledger.propositions() == analysis.propositions
        assert ledger.contradictions() == analysis.contradictions
        assert ledger.skipped() == story.SKIPPED


def test_postgresql_ledger_exports_what_sqlite_exports(
    postgres_url: str, db_path, batch: list[ParsedArticle]
) -> None:
    exports = []
    for db in (postgres_url, db_path):
        with Ledger.open(db) as ledger:
            ledger.add_parsed(batch)
            ledger.replace_analysis(story.analysis(batch))
            exports.append(ledger_to_dict(ledger))
    assert exports[0] == exports[1]


def test_postgresql_failed_analysis_keeps_the_old_one(postgres_url: str, batch: list[ParsedArticle]) -> None:
    with Ledger.open(postgres_url) as ledger:
        ledger.add_parsed(batch)
        ledger.replace_analysis(story.analysis(batch))
        broken = CorpusAnalysis(speaker_links={"s-not-there": None})
        with pytest.raises(LedgerError, match="E024"):
            ledger.replace_analysis(broken)
        assert ledger.propositions() == story.analysis(batch).propositions


def test_postgresql_embedding_cache_round_trips(postgres_url: str) -> None:
    with Ledger.open(postgres_url) as ledger:
        ledger.add_embeddings({"k1": b"\x00\x01", "k2": b"\x02"})
        ledger.add_embeddings({"k1": b"\x09"})  # a key already there is kept
        assert ledger.embeddings(["k1", "k2", "k3"]) == {"k1": b"\x00\x01", "k2": b"\x02"}


def test_postgresql_unreachable_server_gives_one_line_error(postgres_server: str) -> None:
    url = postgres_server.rsplit("/", 1)[0] + "/no_such_database"
    with pytest.raises(LedgerError) as caught:
        Ledger.open(url)
    assert str(caught.value).startswith("E020 cannot open ledger postgresql+psycopg://postgres@127.0.0.1")
    assert "\n" not in str(caught.value)
