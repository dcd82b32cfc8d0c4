"""Tests for claimledger.ingest.html: pages through trafilatura, fragments by hand."""

from __future__ import annotations

from datetime import date

import pytest

from claimledger.errors import InputError
from claimledger.ingest import read_inputs
from claimledger.ingest.html import article_from_html, fragment_text
from claimledger.records import Article, article_id


@pytest.fixture(scope="module")
def page(ingest_data) -> Article:
    (article,) = read_inputs([str(ingest_data / "page.html")])
    return article


def test_article_from_html_reads_metadata(page, ingest_data):
    assert page.source == str(ingest_data / "page.html")
    assert page.source_kind == "html"
    assert page.title == "Minister denies selling drones for the war"
    assert page.outlet == "The Example Times"
    assert page.url == "https://example.org/world/2022/11/05/minister-denies-drones"
    assert (page.published_at, page.date_source) == (date(2022, 11, 5), "html")
    assert page.id == article_id(page.text)


def test_article_from_html_keeps_article_text_and_title_line(page):
    lines = page.text.splitlines()
    assert lines[0] == page.title
    assert any(line.startswith('"We have not sold and will not sell') for line in lines)
    assert lines[-1].startswith("The European Union imposed sanctions")


def test_article_from_html_drops_nav_footer_and_linked_headlines(page):
    for chrome in ("Politics", "Accept all", "Related Articles", "All rights reserved", "Privacy policy", "Read next"):
        assert chrome not in page.text
    assert [(r.text, r.reason) for r in page.removed_boilerplate] == [
        ("Read next: Kremlin says it has no information about drone purchases", "link-label")
    ]


def test_article_from_html_without_date_has_none():
    html = (
        "<html><head><title>Talks resume</title></head><body><article>"
        + "<p>The negotiators met again in Vienna on Monday and said the talks would go on.</p>" * 3
        + "</article></body></html>"
    )
    article = article_from_html(html, "talks.html")
    assert (article.published_at, article.date_source) == (None, None)
    assert article.text.startswith("Talks resume\n")


def test_article_from_html_short_page_still_read():
    article = article_from_html("<html><body><p>The minister resigned on Monday.</p></body></html>", "short.html")
    assert "The minister resigned on Monday." in article.text


@pytest.mark.parametrize("html", ["<html><body><nav><a href='/'>Home</a></nav></body></html>", "<html></html>"])
def test_article_from_html_without_text_is_e007(html):
    with pytest.raises(InputError) as caught:
        article_from_html(html, "empty.html")
    assert caught.value.code == "E007"


def test_read_inputs_html_with_declared_latin1(tmp_path):
    html = (
        "<html><head><meta http-equiv='Content-Type' content='text/html; charset=iso-8859-1'>"
        "<title>Le ministre dément</title></head><body><article>"
        + "<p>Le ministre a démenti samedi toute livraison de drones à la Russie.</p>" * 3
        + "</article></body></html>"
    )
    path = tmp_path / "page.htm"
    path.write_bytes(html.encode("latin-1"))
    (article,) = read_inputs([str(path)])
    assert isinstance(article, Article)
    assert "démenti" in article.text


def test_fragment_text_makes_lines_from_blocks():
    fragment = "<p>First  paragraph<br>with a break.</p><script>var x = 1;</script><ul><li>One</li><li>Two &amp; three</li></ul>"
    assert fragment_text(fragment) == "First paragraph\nwith a break.\nOne\nTwo & three"
    assert fragment_text("plain summary") == "plain summary"
