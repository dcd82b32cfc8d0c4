"""What kind of input a file or a response is: by name, by content type, by content.

The extension decides when it is one we know; otherwise the first bytes do.
"""

from __future__ import annotations

import json
import re
from typing import Literal

from .decode import bom_encoding
from .manifest import is_manifest_name

__all__ = ["InputKind", "kind_of"]

InputKind = Literal["text", "html", "feed", "jsonl", "manifest", "json", "unsupported"]

_BY_EXTENSION: dict[str, InputKind] = {
    ".txt": "text",
    ".text": "text",
    ".md": "text",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".xml": "feed",
    ".rss": "feed",
    ".atom": "feed",
}
_BY_CONTENT_TYPE: dict[str, InputKind] = {
    "text/html": "html",
    "application/xhtml+xml": "html",
    "application/rss+xml": "feed",
    "application/atom+xml": "feed",
    "application/rdf+xml": "feed",
    "application/xml": "feed",
    "text/xml": "feed",
    "application/x-ndjson": "jsonl",
    "application/jsonl": "jsonl",
    "application/x-jsonlines": "jsonl",
}
# Content types that are certainly not an article, whatever the bytes say.
_NOT_TEXT = re.compile(r"^(image|audio|video|font)/|^application/(pdf|zip|gzip|x-tar|msword|vnd\.)")
_FEED_ROOT = re.compile(r"<(rss|feed|rdf:rdf)\b", re.IGNORECASE)
_HTML_MARK = re.compile(r"<(!doctype html|html|head|body|article|main|div|p|h1)\b", re.IGNORECASE)
# How much of the start is looked at.
_HEAD = 4096


def kind_of(name: str, head: bytes, content_type: str | None = None) -> InputKind:
    """The kind of input named `name` (a file name or URL path) starting with `head`.

    `content_type` is an HTTP Content-Type; it wins over the name, which wins
    over the content, except that "text/plain" and generic types are sniffed
    (servers send them for anything).
    """
    media = (content_type or "").split(";")[0].strip().lower()
    if _NOT_TEXT.search(media):
        return "unsupported"
    if media in _BY_CONTENT_TYPE:
        return _BY_CONTENT_TYPE[media]
    base = name.rsplit("/", 1)[-1]
    if is_manifest_name(base):
        return "manifest"
    suffix = "." + base.rsplit(".", 1)[-1].lower() if "." in base else ""
    if suffix in _BY_EXTENSION and not media:
        return _BY_EXTENSION[suffix]
    return _sniff(head)


def _sniff(head: bytes) -> InputKind:
    encoding = bom_encoding(head) or "utf-8"
    start = head[:_HEAD].decode(encoding, "replace").lstrip("\ufeff \t\r\n")
    if start.startswith("<"):
        if _FEED_ROOT.search(start):
            return "feed"
        if start.startswith("<?xml") and not _HTML_MARK.search(start):
            return "feed"  # XML that is not HTML: let the feed parser judge it
        return "html"
    if start.startswith(("{", "[")):
        return "jsonl" if _first_line_is_object(start) else "json"
    return "text"


def _first_line_is_object(start: str) -> bool:
    line, newline, _ = start.partition("\n")
    if not newline:  # a first line longer than the head: JSONL holds whole articles
        return start.startswith("{")
    try:
        return isinstance(json.loads(line), dict)
    except ValueError:
        return False
