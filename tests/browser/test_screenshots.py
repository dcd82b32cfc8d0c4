"""The README's screenshots are of the demo story as the report shows it now."""

from __future__ import annotations

import importlib.util
from pathlib import Path

from PIL import Image, ImageChops

from claimledger.report import write_report
from claimledger.store import Ledger

DOCS = Path(__file__).resolve().parents[2] / "docs"
# Pixels that may differ between two renderings of the same page (none did on
# this machine); a changed figure or word in a shot differs by far more.
TOLERANCE = 0.0005


def _screenshots_script():
    spec = importlib.util.spec_from_file_location("screenshots", DOCS / "screenshots.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_readme_screenshots_are_the_demo_story_now(browser, harbor_db: Path, tmp_path: Path) -> None:
    with Ledger.open(harbor_db, create=False) as ledger:
        report = write_report(ledger, tmp_path / "demo.html")
    fresh = _screenshots_script().take_screenshots(browser, report, tmp_path)
    assert [path.name for path in fresh] == ["report-laptop.png", "report-laptop-framing.png", "report-phone.png"]
    for path in fresh:
        shipped, now = Image.open(DOCS / path.name).convert("RGB"), Image.open(path).convert("RGB")
        assert shipped.size == now.size, path.name
        changed = ImageChops.difference(shipped, now).convert("L").point(lambda v: 255 if v else 0)
        share = sum(changed.histogram()[1:]) / (now.width * now.height)
        assert share <= TOLERANCE, (
            f"docs/{path.name} is not the demo story's report now ({share:.2%} of its pixels differ): "
            "retake the screenshots with `python docs/screenshots.py demo.html`"
        )
