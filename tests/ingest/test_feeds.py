"""Tests for claimledger.ingest.feeds: RSS and Atom entries as articles."""

from __future__ import annotations

from datetime import date

import pytest

from claimledger.errors import InputError
from claimledger.ingest import read_inputs
from claimledger.ingest.feeds import parse_feed
from claimledger.records import Article, SkippedInput

PAGE = (
    "<html><head><title>Spokesman does not rule out future sales</title>"
    "<meta property='og:site_name' content='The Example Times'>"
    "<meta property='article:published_time' content='2022-07-19'></head><body><article>"
    "<p>The foreign ministry spokesman said on Wednesday that technical cooperation with Moscow predates the war in Ukraine.</p>"
    "<p>Asked about reports of drone sales, he did not deny them and said relations were bilateral.</p>"
    "</article></body></html>"
)


def test_read_inputs_rss_entries_become_articles(ingest_data):
    source = str(ingest_data / "feed.rss")
    first, second, third = read_inputs([source])
    assert isinstance(first, Article) and isinstance(second, Article)
    assert first.source == f"{source}#1"
    assert first.source_kind == "feed"
    assert first.title == "Envoy says drones were shipped this summer"
    assert first.url == "https://example.org/world/envoy-drones"
    assert first.outlet == "The Example Times - World"
    assert (first.published_at, first.date_source) == (date(2022, 11, 7), "feed")
    # content:encoded is used over the short description, and cleaned.
    assert first.text.splitlines() == [
        "Envoy says drones were shipped this summer",
        "The special envoy said on Monday that dozens of drones had been shipped over the summer.",
        '"The evidence is in plain sight," he wrote on social media.',
    ]
    assert [r.text for r in first.removed_boilerplate] == ["Subscribe"]
    # A summary-only entry is read from its summary: a feed file never reaches the network.
    assert second.text == (
        "Spokesman does not rule out future sales\n"
        "The foreign ministry spokesman said technical cooperation with Moscow predates the war.\n"
        "He did not deny the reports."
    )
    assert isinstance(third, SkippedInput)
    assert third == SkippedInput(
        f"{source}#3", f"E011 cannot read {source}#3: the feed entry has no text, only a title or a link.", "E011"
    )


def test_read_inputs_atom_entries_become_articles(ingest_data):
    first, second = read_inputs([str(ingest_data / "feed.atom")])
    assert first.title == "Ukraine says it downs ten drones a day"
    assert first.outlet == "Example Wire"
    assert first.published_at == date(2022, 11, 6)  # published, not updated
    assert first.text.splitlines()[1] == "The president said air defences were downing at least ten drones every day."
    assert second.published_at == date(2022, 11, 8)  # only updated is given
    assert second.text == "Ministry rejects neutrality claim\nThe ministry said the claim of neutrality was not credible."


def test_read_inputs_feed_url_fetches_linked_pages(ingest_data, fake_site):
    client = fake_site(
        {
            "https://example.org/world/rss": ("application/rss+xml", (ingest_data / "feed.rss").read_bytes()),
            "https://example.org/world/spokesman-sales": ("text/html; charset=utf-8", PAGE),
        }
    )
    first, second, third = read_inputs(["https://example.org/world/rss"], client=client)
    assert first.source == "https://example.org/world/rss#1"  # full text in the feed: no fetch
    assert second.source == "https://example.org/world/spokesman-sales"
    assert second.source_kind == "feed"
    assert "technical cooperation with Moscow predates the war in Ukraine" in second.text
    assert second.outlet == "The Example Times"  # the page's site name, not the feed title
    assert (second.published_at, second.date_source) == (date(2022, 7, 20), "feed")
    assert third.code == "E011"


def test_read_inputs_feed_falls_back_to_summary_when_page_fails(ingest_data, fake_site):
    client = fake_site({"https://example.org/world/rss": ("application/rss+xml", (ingest_data / "feed.rss").read_bytes())})
    _, second, _ = read_inputs(["https://example.org/world/rss"], client=client)
    assert second.source == "https://example.org/world/rss#2"
    assert second.text.endswith("He did not deny the reports.")


def test_read_inputs_feed_file_fetches_pages_only_with_a_client(ingest_data, fake_site):
    client = fake_site({"https://example.org/world/spokesman-sales": ("text/html", PAGE)})
    _, second, _ = read_inputs([str(ingest_data / "feed.rss")], client=client)
    assert second.source == "https://example.org/world/spokesman-sales"


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"<?xml version='1.0'?><catalog><book>Not a feed</book></catalog>", "not an RSS or Atom feed"),
        (b"<?xml version='1.0'?><rss version='2.0'><channel><title>Empty</title></channel></rss>", "the feed has no entries"),
    ],
)
def test_parse_feed_rejects_non_feeds_with_e006(data, reason):
    with pytest.raises(InputError) as caught:
        parse_feed(data, "x.xml")
    assert caught.value.code == "E006"
    assert reason in str(caught.value)


def test_read_inputs_feed_file_with_xml_extension(tmp_path, ingest_data):
    path = tmp_path / "world.xml"
    path.write_bytes((ingest_data / "feed.atom").read_bytes())
    assert [item.title for item in read_inputs([str(path)])] == [
        "Ukraine says it downs ten drones a day",
        "Ministry rejects neutrality claim",
    ]


@pytest.mark.parametrize(("data", "code"), [(b"", "E002"), (b" \n", "E002"), (b"\x00\x01<rss>" * 50, "E003")])
def test_read_inputs_empty_or_binary_feed_file_is_one_skip(tmp_path, data, code):
    path = tmp_path / "feed.rss"
    path.write_bytes(data)
    assert [item.code for item in read_inputs([str(path)])] == [code]


def test_read_inputs_xml_that_is_not_a_feed_is_e006(tmp_path):
    path = tmp_path / "catalog.xml"
    path.write_text("<?xml version='1.0'?><catalog><book>Not news</book></catalog>", encoding="utf-8")
    (item,) = read_inputs([str(path)])
    assert item.reason == f"E006 cannot read {path}: not an RSS or Atom feed."
