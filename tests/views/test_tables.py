"""Tests for claimledger/views/tables.py: the `claimledger show` tables."""

from __future__ import annotations

from pathlib import Path

import pytest
from rich.console import Console

from claimledger.errors import ConfigError
from claimledger.records import ParsedArticle
from claimledger.store import Ledger
from claimledger.views import TABLES, render_table


def _text(ledger: Ledger, what: str) -> str:
    console = Console(width=200, record=True, color_system=None)
    console.print(render_table(ledger, what))
    return console.export_text()


def test_render_table_shows_names_not_ids(ledger: Ledger) -> None:
    text = _text(ledger, "statements")
    assert "Antony Blinken" in text and "Caspian Times" in text
    assert "antony-blinken" not in text


def test_render_table_clips_long_quotes(ledger: Ledger) -> None:
    text = _text(ledger, "contradictions")
    assert "…" in text and "reversal (apparent)" in text


def test_render_table_ranks_contradictions_by_strength(ledger: Ledger) -> None:
    text = _text(ledger, "contradictions")
    assert "0.62" in text
    assert text.index("│ reversal (apparent)") < text.index("│ dispute")  # measured (0.62) before unmeasured


def test_render_table_prints_article_words_literally(
    db_path: Path, batch: list[ParsedArticle]
) -> None:
    batch[0].article.title = "[bold]Drones[/bold] and [red]"
    with Ledger.open(db_path) as ledger:
        ledger.add_parsed(batch)
        assert "[bold]Drones[/bold] and [red]" in _text(ledger, "articles")


@pytest.mark.parametrize(
    "what", ["statements", "entities", "propositions", "contradictions", "articles", "skipped"]
)
def test_render_table_renders_every_table(ledger: Ledger, what: str) -> None:
    assert what in TABLES
    assert _text(ledger, what).strip()


def test_render_table_unknown_name_lists_the_tables(ledger: Ledger) -> None:
    with pytest.raises(ConfigError, match="unknown table 'statement'. Available: articles, "):
        render_table(ledger, "statement")
