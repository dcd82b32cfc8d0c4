"""One Chromium for the session, driven by Playwright; never downloaded.

The browser is the system's Chromium (Debian's package, which `.ci/run`
installs): `$CLAIMLEDGER_CHROMIUM`, else `chromium` or `chromium-browser` on
PATH. Without one the browser tests are skipped and say why.
"""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from loopback import running_server

from claimledger.report import write_report
from claimledger.store import Ledger

LAPTOP = {"width": 1366, "height": 900}


def chromium_executable() -> str | None:
    given = os.environ.get("CLAIMLEDGER_CHROMIUM")
    if given:
        return given if Path(given).exists() else None
    return shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    playwright_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")
    executable = chromium_executable()
    if executable is None:
        pytest.skip("no Chromium: install Debian's `chromium` or set CLAIMLEDGER_CHROMIUM to its path")
    with playwright_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable)
        yield browser
        browser.close()


@pytest.fixture
def page(browser) -> Iterator[object]:
    context = browser.new_context(viewport=LAPTOP)
    yield context.new_page()
    context.close()


@pytest.fixture(scope="session", params=["harbor", pytest.param("seeds", marks=pytest.mark.evaluation)])
def story_db(request) -> Path:
    """The demo story (in every run) and the sample story (in the evaluation tier)."""
    return request.getfixturevalue(f"{request.param}_db")


@pytest.fixture
def story_gold(request, examples_dir: Path) -> dict:
    """The hand annotation of the story `story_db` holds."""
    if request.node.callspec.params["story_db"] == "seeds":
        return request.getfixturevalue("seeds_gold")
    return json.loads((examples_dir / "harbor-story" / "gold.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def report_file(story_db: Path) -> Path:
    with Ledger.open(story_db, create=False) as ledger:
        return write_report(ledger, story_db.with_suffix(".html"))


@pytest.fixture(scope="session")
def app_url(story_db: Path) -> Iterator[str]:
    with running_server(story_db) as url:
        yield url


@pytest.fixture(params=["report", "app"])
def site(request, story_db: Path) -> Callable[[str], str]:
    """The URL of a section: in the report file, or the page of the served app."""
    if request.param == "report":
        url = request.getfixturevalue("report_file").as_uri()
        return lambda section: f"{url}#{section}"
    base = request.getfixturevalue("app_url")
    return lambda section: base + ("/" if section == "overview" else f"/{section}")
