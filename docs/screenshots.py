"""Take the README's screenshots of a report with the system's Chromium (Playwright).

    claimledger analyze examples/harbor-story --db demo.db
    claimledger report --db demo.db -o demo.html
    python docs/screenshots.py demo.html

Writes docs/report-laptop.png, docs/report-laptop-framing.png (1366 wide) and
docs/report-phone.png (390 wide). The browser is $CLAIMLEDGER_CHROMIUM, else
`chromium` on PATH; nothing is downloaded.
"""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

DOCS = Path(__file__).resolve().parent
SHOTS = (
    # (file, viewport, section to scroll to)
    ("report-laptop.png", {"width": 1366, "height": 1000}, None),
    ("report-laptop-framing.png", {"width": 1366, "height": 900}, "framing"),
    ("report-phone.png", {"width": 390, "height": 1500}, None),
)


def take_screenshots(browser, report: Path, out: Path = DOCS) -> list[Path]:
    """The shots of `report` taken with a launched Playwright `browser` into `out`; the files written."""
    written = []
    for name, viewport, section in SHOTS:
        page = browser.new_page(viewport=viewport)
        page.goto(report.resolve().as_uri() + (f"#{section}" if section else ""))
        page.wait_for_load_state("networkidle")
        # Transitions frozen at their end (the scroll cues fade in), so a shot is the same every time.
        page.screenshot(path=out / name, animations="disabled")
        page.close()
        written.append(out / name)
    return written


def main(report: Path) -> list[Path]:
    executable = os.environ.get("CLAIMLEDGER_CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")
    if not executable:
        sys.exit("no Chromium: install Debian's `chromium` or set CLAIMLEDGER_CHROMIUM")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable)
        try:
            return take_screenshots(browser, report)
        finally:
            browser.close()


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    for path in main(Path(sys.argv[1])):
        print(f"wrote {path}")
