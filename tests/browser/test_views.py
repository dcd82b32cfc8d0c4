"""The report and the web app in a real browser: what an editor clicks through."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from playwright.sync_api import expect

from claimledger.store import Ledger
from claimledger.views._index import LedgerIndex, strongest_first


def _index(db: Path) -> LedgerIndex:
    ledger = Ledger.open(db, create=False)
    index = LedgerIndex(ledger)
    index.statements, index.contradictions  # read now, so the ledger can be closed
    ledger.close()
    return index


def test_matrix_shows_the_gold_central_actors(page, story_gold: dict, site) -> None:
    stances = Counter(
        side["speaker"] for p in story_gold["propositions"] for side in p["stances"] for _ in side["statements"]
    )
    names = {e["id"]: {e["name"], *e["aliases"]} for e in story_gold["entities"]}
    page.goto(site("positions"))
    rows = page.locator("table.matrix tbody th[scope=row]").all_inner_texts()
    for actor, _ in stances.most_common(4):
        assert any(row in names[actor] or any(alias in row for alias in names[actor]) for row in rows), actor


def test_matrix_cell_opens_its_evidence(page, site) -> None:
    page.goto(site("positions"))
    cell = page.locator("table.matrix a.cell").first
    target = cell.get_attribute("href").split("#", 1)[1]
    cell.click()
    evidence = page.locator(f'[id="{target}"]')
    expect(evidence).to_be_visible()
    expect(evidence.locator("blockquote.quote").first).to_be_visible()


def test_contradiction_opens_to_both_quotes(page, site, story_db: Path) -> None:
    index = _index(story_db)
    first = min(index.contradictions, key=strongest_first)  # the cards show the strongest first
    page.goto(site("contradictions"))
    card = page.locator("details.contradiction").first
    quotes = card.locator(".pair blockquote.quote")
    expect(quotes.first).to_be_hidden()
    card.locator("summary").click()
    expect(quotes).to_have_count(2)
    for quote, sid in zip(quotes.all(), (first.statement_a, first.statement_b)):
        expect(quote).to_be_visible()
        text = " ".join(index.statements[sid].content.text.split())
        assert text in " ".join(quote.inner_text().split())


def test_quote_opens_its_highlighted_source_span(page, site, story_db: Path) -> None:
    index = _index(story_db)
    page.goto(site("contradictions"))
    card = page.locator("details.contradiction").first
    card.locator("summary").click()
    link = card.locator("a.quote-link").first
    sid = link.get_attribute("href").rsplit("#st-", 1)[1]
    link.click()
    focused = page.locator("mark.focus")
    expect(focused.first).to_be_in_viewport()
    assert "".join(focused.all_inner_texts()) == index.statements[sid].content.text


def test_statements_table_filters(page, site, story_db: Path) -> None:
    index = _index(story_db)
    speakers = Counter(index.speaker(s) for s in index.statements.values())
    speaker, count = speakers.most_common(1)[0]
    page.goto(site("statements"))
    rows = page.locator("#statements-table tbody tr")
    expect(rows.locator("visible=true")).to_have_count(len(index.statements))
    page.select_option("form.filter select[name=speaker]", label=speaker)
    expect(rows.locator("visible=true")).to_have_count(count)
    expect(page.locator("form.filter output.count")).to_have_text(f"{count} of {len(index.statements)} statements")
    words = next(s for s in index.statements.values() if index.speaker(s) == speaker).content.text.split()[:3]
    page.fill("form.filter input[name=q]", " ".join(words))
    visible = rows.locator("visible=true")
    assert 1 <= visible.count() <= count
    page.select_option("form.filter select[name=speaker]", value="")
    page.fill("form.filter input[name=q]", "")
    expect(rows.locator("visible=true")).to_have_count(len(index.statements))
