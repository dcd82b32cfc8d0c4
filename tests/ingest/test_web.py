"""Tests for claimledger.ingest.web and URL inputs: never the network."""

from __future__ import annotations

import socket

import httpx
import pytest

from claimledger.errors import InputError
from claimledger.ingest import read_inputs
from claimledger.ingest.web import fetch, is_url
from claimledger.records import Article, SkippedInput

PAGE = (
    "<html><head><title>Envoy warns of complicity</title>"
    "<meta property='og:site_name' content='Example Wire'></head><body><article>"
    "<p>The foreign ministry warned on Tuesday of complicity with Moscow in the war against Ukraine.</p>"
    "<p>Officials said the consequences would be larger than the benefits of the support.</p>"
    "</article></body></html>"
)


def only(items) -> Article | SkippedInput:
    (item,) = list(items)
    return item


def test_read_inputs_url_html_page(fake_site):
    client = fake_site({"https://example.org/envoy": ("text/html; charset=utf-8", PAGE)})
    article = only(read_inputs(["https://example.org/envoy"], client=client))
    assert isinstance(article, Article)
    assert (article.source, article.source_kind, article.url) == (
        "https://example.org/envoy",
        "url",
        "https://example.org/envoy",
    )
    assert (article.title, article.outlet) == ("Envoy warns of complicity", "Example Wire")
    assert "complicity with Moscow" in article.text


def test_read_inputs_url_follows_redirects_and_keeps_final_url(mock_client):
    def handle(request: httpx.Request) -> httpx.Response:
        if request.url.path == "/old":
            return httpx.Response(301, headers={"location": "https://example.org/new"})
        return httpx.Response(200, headers={"content-type": "text/html"}, content=PAGE)

    article = only(read_inputs(["https://example.org/old"], client=mock_client(handle)))
    assert (article.source, article.url) == ("https://example.org/old", "https://example.org/new")


def test_read_inputs_url_plain_text_and_sniffed_feed(fake_site, ingest_data):
    client = fake_site(
        {
            "https://example.org/story.txt": ("text/plain", "Talks resume\nThe talks resumed on Monday.\n"),
            "https://example.org/feed": ("application/octet-stream", (ingest_data / "feed.atom").read_bytes()),
        }
    )
    text, *entries = read_inputs(["https://example.org/story.txt", "https://example.org/feed"], client=client)
    assert (text.source_kind, text.text) == ("url", "Talks resume\nThe talks resumed on Monday.\n")
    assert [entry.source_kind for entry in entries] == ["feed", "feed"]


def test_read_inputs_url_http_error_is_e005(fake_site):
    item = only(read_inputs(["https://example.org/missing"], client=fake_site({})))
    assert item == SkippedInput(
        "https://example.org/missing", "E005 cannot fetch https://example.org/missing: HTTP 404 Not Found.", "E005"
    )


def test_read_inputs_url_connect_error_is_e005(mock_client):
    def refuse(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("[Errno 111] Connection refused", request=request)

    item = only(read_inputs(["https://down.example.org/"], client=mock_client(refuse)))
    assert item.code == "E005"
    assert item.reason == "E005 cannot fetch https://down.example.org/: connection failed ([Errno 111] Connection refused)."


def test_read_inputs_url_timeout_is_e005(mock_client):
    def slow(request: httpx.Request) -> httpx.Response:
        raise httpx.ReadTimeout("timed out", request=request)

    item = only(read_inputs(["https://slow.example.org/"], client=mock_client(slow), timeout=3))
    assert item.reason == "E005 cannot fetch https://slow.example.org/: timed out after 3 s."


def test_read_inputs_url_redirect_loop_is_e005(mock_client):
    def loop(request: httpx.Request) -> httpx.Response:
        return httpx.Response(302, headers={"location": str(request.url)})

    item = only(read_inputs(["https://loop.example.org/"], client=mock_client(loop)))
    assert item.reason == "E005 cannot fetch https://loop.example.org/: too many redirects."


def test_read_inputs_unreachable_loopback_port_is_e005():
    # A port that was free a moment ago: nothing listens there.
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    item = only(read_inputs([f"http://127.0.0.1:{port}/story"], timeout=2, allow_private_addresses=True))
    assert item.code == "E005"
    assert item.source == f"http://127.0.0.1:{port}/story"
    assert "connection failed" in item.reason


def test_read_inputs_url_empty_or_unsupported_content(fake_site):
    client = fake_site(
        {
            "https://example.org/empty": ("text/html", b"  \n"),
            "https://example.org/photo": ("image/png", b"\x89PNG\r\n\x1a\n\x00\x00"),
        }
    )
    empty, photo = read_inputs(["https://example.org/empty", "https://example.org/photo"], client=client)
    assert empty.reason == "E005 cannot fetch https://example.org/empty: the server sent an empty response."
    assert photo.code == "E010"


def test_fetch_rejects_other_schemes():
    with httpx.Client() as client, pytest.raises(InputError) as caught:
        fetch(client, "ftp://example.org/story.txt", timeout=1)
    assert str(caught.value) == (
        "E005 cannot fetch ftp://example.org/story.txt: unsupported URL scheme 'ftp' (use http or https)."
    )


def test_is_url():
    assert is_url("https://example.org") and is_url("HTTP://x") and is_url("ftp://x")
    assert not is_url("articles/story.txt") and not is_url("C:\\news\\a.txt")


# Issue 20: requests to private addresses are refused by default, on every hop.
@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1:9/story",
        "http://localhost:9/story",
        "http://[::1]:9/story",
        "http://10.0.0.7/story",
        "http://172.16.4.2/story",
        "http://192.168.1.1/story",
        "http://169.254.169.254/latest/meta-data/",
        "http://100.64.0.1/story",
        "http://224.0.0.1/story",
        "http://0.0.0.0/story",
    ],
)
def test_read_inputs_private_address_is_refused_naming_url_and_address(url):
    item = only(read_inputs([url], timeout=1))
    assert item.code == "E080"
    assert item.reason.startswith(f"E080 refused to fetch {url}: it resolves to ")
    assert "\n" not in item.reason


def test_read_inputs_redirect_to_private_address_is_refused(mock_client):
    def handle(request):
        if request.url.host == "example.org":
            return httpx.Response(302, headers={"Location": "http://169.254.169.254/latest/meta-data/"})
        return httpx.Response(200, text="secret", headers={"Content-Type": "text/plain"})

    item = only(read_inputs(["https://example.org/old"], client=mock_client(handle)))
    assert item.code == "E080" and "169.254.169.254" in item.reason


def test_read_inputs_redirect_to_another_scheme_is_refused(mock_client):
    def handle(request):
        return httpx.Response(302, headers={"Location": "file:///etc/passwd"})

    item = only(read_inputs(["https://example.org/old"], client=mock_client(handle)))
    assert item.code == "E005" and "a redirect to file:" in item.reason and "'file'" in item.reason


def test_read_inputs_feed_links_to_loopback_are_refused_and_the_run_goes_on(mock_client, tmp_path):
    feed = (
        '<?xml version="1.0"?><rss version="2.0"><channel><title>Harbor</title>'
        "<item><title>Inside</title><link>http://127.0.0.1:8080/admin</link><description>Teaser</description></item>"
        "<item><title>Ferry</title><link>https://example.org/ferry</link></item>"
        "</channel></rss>"
    )

    def handle(request):
        if request.url.path == "/feed":
            return httpx.Response(200, text=feed, headers={"Content-Type": "application/rss+xml"})
        if request.url.host == "example.org":
            return httpx.Response(200, text="Ferry\nThe ferry ran late on Monday, the port said.", headers={"Content-Type": "text/plain"})
        raise AssertionError(f"fetched {request.url}")

    items = list(read_inputs(["https://example.org/feed"], client=mock_client(handle)))
    assert [getattr(i, "title", None) for i in items] == ["Inside", "Ferry"]  # the teaser stands in
