"""Tests for claimledger.ingest.sniff: the kind of an input by type, name and content."""

from __future__ import annotations

import pytest

from claimledger.ingest.sniff import kind_of


@pytest.mark.parametrize(
    ("name", "head", "kind"),
    [
        ("a.txt", b"<html>", "text"),  # a known extension wins over the content
        ("a.md", b"# Title", "text"),
        ("a.HTM", b"", "html"),
        ("a.ndjson", b"", "jsonl"),
        ("a.rss", b"", "feed"),
        ("manifest.csv", b"file,outlet", "manifest"),
        ("a", b"\xef\xbb\xbf<?xml version='1.0'?>\n<rss version='2.0'>", "feed"),
        ("a", b"<?xml version='1.0'?><feed xmlns='http://www.w3.org/2005/Atom'>", "feed"),
        ("a", b"  <!DOCTYPE html><html>", "html"),
        ("a", b"<div><p>Fragment</p></div>", "html"),
        ("a.json", b'{"text": "x"}\n{"text": "y"}', "jsonl"),
        ("a.json", b'{\n  "articles": []\n}', "json"),
        ("a.json", b'{"text": "' + b"x" * 5000, "jsonl"),  # a first line longer than the head
        ("a.dat", b"Plain words.", "text"),
    ],
)
def test_kind_of_by_name_and_content(name, head, kind):
    assert kind_of(name, head) == kind


@pytest.mark.parametrize(
    ("content_type", "head", "kind"),
    [
        ("text/html; charset=utf-8", b"", "html"),
        ("application/atom+xml", b"", "feed"),
        ("application/x-ndjson", b"", "jsonl"),
        ("image/png", b"<html>", "unsupported"),
        ("application/pdf", b"", "unsupported"),
        ("text/plain", b"<rss version='2.0'>", "feed"),  # generic types are sniffed
        ("application/octet-stream", b"Words.", "text"),
    ],
)
def test_kind_of_by_content_type(content_type, head, kind):
    assert kind_of("/story.html", head, content_type) == kind
