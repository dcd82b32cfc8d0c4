"""The report and the web app at laptop and phone widths (issue 21): anchor jumps
clear of the sticky header, a matrix whose every cell can be reached on a phone,
one place on the timeline per day, and a page that never scrolls sideways."""

from __future__ import annotations

from collections.abc import Iterator
from itertools import pairwise

import pytest
from playwright.sync_api import expect

from claimledger.report._story import SECTIONS

VIEWPORTS = {"laptop": {"width": 1280, "height": 800}, "phone": {"width": 390, "height": 844}}


@pytest.fixture(params=list(VIEWPORTS))
def sized_page(browser, request) -> Iterator[object]:
    """A page at laptop width, then at phone width."""
    context = browser.new_context(viewport=VIEWPORTS[request.param])
    yield context.new_page()
    context.close()


@pytest.fixture
def phone_page(browser) -> Iterator[object]:
    context = browser.new_context(viewport=VIEWPORTS["phone"])
    yield context.new_page()
    context.close()


def _assert_below_header(page, target) -> None:
    """`target` is in the viewport, and not under the header where the header sticks."""
    header = page.locator("body > header")
    sticky = header.evaluate("h => getComputedStyle(h).position") == "sticky"
    head = header.bounding_box()
    top = head["y"] + head["height"] if sticky else 0
    box = target.bounding_box()
    assert box is not None and top - 1 <= box["y"] and box["y"] + box["height"] <= page.viewport_size["height"], (
        f"{target}: top {box and box['y']}, header ends at {top}"
    )


def test_anchor_jump_leaves_its_heading_visible(sized_page, site) -> None:
    page = sized_page
    for name, _ in SECTIONS:
        page.goto(site("overview"))
        page.locator(f"body > header nav a:text-is('{dict(SECTIONS)[name]}')").click()
        _assert_below_header(page, page.locator(f"section#{name} > h2"))
    # a link into a section: the contested proposition opens in the propositions section
    page.goto(site("overview"))
    link = page.locator("ul.contested a").first
    target = link.get_attribute("href").rsplit("#", 1)[1]
    link.click()
    _assert_below_header(page, page.locator(f'[id="{target}"] > summary'))


def test_matrix_cells_are_all_reachable_at_phone_width(phone_page, site) -> None:
    page = phone_page
    page.goto(site("positions"))
    cells = page.locator("table.matrix a.cell")
    assert cells.count() > 0
    expect(page.locator(".scroller:has(table.matrix)")).to_have_class("scroller overflows")  # the cue shows
    for cell in cells.all():
        cell.click(trial=True)  # scrolled into view, visible and the element a tap would hit
    last = cells.last
    row = last.locator("xpath=ancestor::tr/th")
    last.scroll_into_view_if_needed()
    assert row.bounding_box()["x"] >= 0  # the actor's name stays beside the cell
    target = last.get_attribute("href").split("#", 1)[1]
    last.click()
    expect(page.locator(f'[id="{target}"]')).to_be_visible()


def test_same_day_statements_share_a_timeline_position(sized_page, site, story_db) -> None:
    page = sized_page
    page.goto(site("timeline"))
    groups = page.evaluate("""() => Array.from(document.querySelectorAll(".track")).flatMap(track => {
        const days = {};
        track.querySelectorAll(".point[data-when]").forEach(point => {
          const when = point.dataset.when, box = point.getBoundingClientRect();
          if (when) { (days[when] = days[when] || []).push([box.left + box.width / 2, box.top, box.bottom]); }
        });
        return Object.values(days);
      })""")
    demo = story_db.stem == "harbor"  # its mayor says three things on 10 March, and it runs over two months
    assert groups and (not demo or any(len(group) >= 3 for group in groups))
    for group in groups:
        assert max(x for x, _, _ in group) - min(x for x, _, _ in group) < 1, group  # one place on the axis
        spans = sorted((top, bottom) for _, top, bottom in group)
        assert all(below[0] >= above[1] - 1 for above, below in pairwise(spans)), group  # stacked, not piled
    ticks = page.locator(".actor-timeline").first.locator(".axis .tick:visible")
    assert ticks.count() >= (2 if demo else 1)
    boxes = [tick.bounding_box() for tick in ticks.all()]
    assert all(a["x"] + a["width"] <= b["x"] for a, b in pairwise(boxes))  # date labels that can be read


def test_page_never_scrolls_sideways_at_phone_width(phone_page, site) -> None:
    page = phone_page
    overflow = "document.scrollingElement.scrollWidth - document.scrollingElement.clientWidth"
    opened = "document.querySelectorAll('details').forEach(d => { d.open = true; })"
    for name, _ in SECTIONS:
        page.goto(site(name))
        page.evaluate(opened)
        assert page.evaluate(overflow) <= 0, name  # wide tables scroll in their own box, the page never sideways
    page.goto(site("articles"))
    to_article = page.locator("section#articles h3 a")  # the app's article pages (the report holds every text)
    if to_article.count():
        to_article.first.click()
        page.evaluate(opened)
        assert page.evaluate(overflow) <= 0, page.url
