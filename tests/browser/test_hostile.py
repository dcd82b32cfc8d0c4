"""Article text that carries markup is shown as text, never run, in the report and the web app.

The hostile article goes through the whole pipeline, so its script tags,
event handlers and `javascript:` links end up in titles, statements, quotes,
speaker names and the article page, everywhere the views put text.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from loopback import running_server

from claimledger.report import write_report
from claimledger.store import Ledger

HOSTILE = """<script>window.__pwned = "title"</script> Harbor <b onmouseover="window.__pwned='b'">reopens</b>
Mayor <img src=x onerror="window.__pwned='img'"> Lena Ortega said on Monday that <script>window.__pwned="content"</script> the harbor was safe.
"<a href="javascript:window.__pwned='link'">Click here</a> for the report," the port authority said.
The port authority denied that <svg onload="window.__pwned='svg'"></svg> the water was unsafe, according to Ortega.
"""
SECTIONS = ["overview", "positions", "contradictions", "framing", "statements", "propositions", "actors"]


@pytest.fixture(scope="module")
def hostile_db(tmp_path_factory) -> Path:
    from claimledger.pipeline import analyze

    folder = tmp_path_factory.mktemp("hostile")
    (folder / "hostile.txt").write_text(HOSTILE, encoding="utf-8")
    db = folder / "hostile.db"
    assert not analyze([str(folder / "hostile.txt")], str(db)).skipped
    return db


@pytest.fixture(scope="module")
def hostile_sites(hostile_db: Path) -> Iterator[dict[str, str]]:
    with Ledger.open(hostile_db, create=False) as ledger:
        report = write_report(ledger, hostile_db.with_suffix(".html")).as_uri()
        article = ledger.articles()[0].id
    with running_server(hostile_db) as base:
        yield {"report": report, "app": base, "article": article}


@pytest.mark.parametrize("where", ["report", "app"])
def test_hostile_markup_is_shown_as_text_and_never_runs(browser, hostile_sites: dict[str, str], where: str) -> None:
    context = browser.new_context()
    page = context.new_page()
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    if where == "report":
        urls = [f"{hostile_sites['report']}#{section}" for section in SECTIONS]
    else:
        urls = [f"{hostile_sites['app']}/{'' if s == 'overview' else s}" for s in SECTIONS]
        urls.append(f"{hostile_sites['app']}/articles/{hostile_sites['article']}")
    seen = ""
    for url in urls:
        page.goto(url)
        for element in page.locator("[onmouseover], [onerror], [onload], a[href^='javascript:']").all():
            pytest.fail(f"{url}: a live element came from article text: {element.evaluate('e => e.outerHTML')}")
        for link in page.locator("a.quote-link, summary").all()[:6]:
            if link.is_visible():
                link.click()
        seen += page.locator("body").inner_text()
        assert page.evaluate("window.__pwned") is None, url
    context.close()
    assert not dialogs
    assert "<script>" in seen  # shown, as text
    assert "javascript:window.__pwned" in seen or "Click here" in seen
