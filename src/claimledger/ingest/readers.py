"""Read inputs (files, folders, URLs, feeds, JSON Lines) as a stream of articles.

This is the edge where ingest touches the world: it opens files, walks
folders, fetches URLs and hands bytes to the parsers of each kind (`text`,
`html`, `feeds`, `jsonl`), which are pure. Nothing that goes wrong with one
input stops the others: each failure becomes a `SkippedInput` with a one-line
reason, logged as a warning.
"""

from __future__ import annotations

import io
import logging
import os
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import feedparser
import httpx

from ..errors import InputError, Warnings, input_error
from ..records import Article, SkippedInput
from .decode import bom_encoding, declared_charset, decode_bytes, decode_text, looks_binary, strip_bom
from .feeds import article_from_entry, entry_link, has_full_text, merge_entry, parse_feed
from .html import article_from_html
from .jsonl import article_from_json_line
from .manifest import (
    ManifestEntry,
    apply_manifest,
    is_annotation_name,
    is_manifest_name,
    manifest_key,
    read_manifest,
)
from .sniff import InputKind, kind_of
from .text import article_from_text
from .web import fetch, is_url, make_client, megabytes

__all__ = ["MAX_ARTICLE_CHARS", "MAX_INPUT_BYTES", "read_inputs"]

logger = logging.getLogger(__name__)

_Item = Article | SkippedInput
# Bytes read to decide an input's kind before reading it whole.
_HEAD = 4096
#: The longest article text: spaCy's own limit for one parse (its parser and
#: NER need about 1 GB of memory per 100,000 characters at worst).
MAX_ARTICLE_CHARS = 1_000_000
#: The largest file or page read as one article (HTML carries markup); JSON
#: Lines files are streamed line by line and may be any size.
MAX_INPUT_BYTES = 16 * 1024 * 1024
#: `extra` of log records whose news a run's summary also carries (skipped inputs).
IN_SUMMARY = {"in_summary": True}


def read_inputs(
    inputs: Sequence[str],
    *,
    client: httpx.Client | None = None,
    timeout: float = 20.0,
    allow_private_addresses: bool = False,
) -> Iterator[Article | SkippedInput]:
    """Read each input and yield its articles, or why it was skipped, one at a time.

    An input is a file, a folder (walked recursively in sorted order; hidden
    files and folders are skipped, manifests are applied, not read as
    articles, and hand annotations (`gold.json`, `*.gold.json`) are left
    alone), an http(s) URL, an RSS/Atom feed (file or URL; one article per
    entry) or a JSON Lines file (one article per line). Nothing is read before
    it is needed, so a large corpus streams through.

    `client` fetches URLs; without one a client is made when the first URL
    comes and closed at the end. Pages that feed entries link to are fetched
    for feeds read from a URL, and for feed files only when a `client` is
    given: local files never cause network access on their own. URLs, their
    redirects and feed entry links that resolve to a loopback, private,
    link-local or reserved address are refused (E080, and the run goes on)
    unless `allow_private_addresses`.

    >>> for item in read_inputs(["articles/", "https://example.org/story"]):
    ...     print(item.id if isinstance(item, Article) else item.reason)  # doctest: +SKIP
    """
    if isinstance(inputs, (str, os.PathLike)):
        inputs = [inputs]
    reader = _Reader(client, timeout, allow_private=allow_private_addresses)
    try:
        for value in inputs:
            for item in reader.read(os.fspath(value)):
                yield _within_limit(item)
    finally:
        reader.close()


def _within_limit(item: _Item) -> _Item:
    """The article, or why it is too long to parse as one."""
    if isinstance(item, Article) and len(item.text) > MAX_ARTICLE_CHARS:
        return _skip(
            input_error("E013", source=item.source, size=f"{len(item.text):,} characters",
                        limit=f"{MAX_ARTICLE_CHARS:,} characters")
        )
    return item


class _Reader:
    """The state of one `read_inputs` call: its HTTP client and manifests seen."""

    def __init__(self, client: httpx.Client | None, timeout: float, *, allow_private: bool = False) -> None:
        self._given_client = client
        self._own_client: httpx.Client | None = None
        self._timeout = timeout
        self._allow_private = allow_private
        # Manifest entries per folder (resolved path), and manifests read.
        self._manifests: dict[Path, dict[str, ManifestEntry]] = {}
        self._manifest_files: set[Path] = set()

    # --- resources ---------------------------------------------------------

    @property
    def client(self) -> httpx.Client:
        if self._given_client is not None:
            return self._given_client
        if self._own_client is None:
            self._own_client = make_client(self._timeout)
        return self._own_client

    def close(self) -> None:
        if self._own_client is not None:
            self._own_client.close()

    # --- inputs ------------------------------------------------------------

    def read(self, value: str) -> Iterator[_Item]:
        if is_url(value):
            yield from self._read_url(value)
            return
        path = Path(value)
        if not path.exists():
            yield _skip(input_error("E001", source=value))
        elif path.is_dir():
            yield from self._read_folder(path)
        elif not path.is_file():  # a device or a pipe: reading it could block forever
            yield _skip(input_error("E010", source=value, reason="not a regular file or folder"))
        elif is_manifest_name(path.name):
            yield from self._load_manifest(path)
        else:
            yield from self._load_manifests(path.parent)
            yield from self._read_file(path, value, [path.parent])

    def _read_folder(self, root: Path) -> Iterator[_Item]:
        found = False
        for dirpath, dirnames, filenames in os.walk(root):
            dirnames[:] = sorted(name for name in dirnames if not name.startswith("."))
            here = Path(dirpath)
            names = sorted(name for name in filenames if not name.startswith("."))
            yield from self._load_manifests(here, names)
            # Manifests of this folder and of every folder above it, up to the root.
            scopes = [here, *(root / parent for parent in here.relative_to(root).parents)]
            for name in names:
                if not is_manifest_name(name) and not is_annotation_name(name):
                    found = True
                    yield from self._read_file(here / name, str(here / name), scopes)
        if not found:
            logger.warning("%s holds no files to read", root)

    def _read_file(self, path: Path, source: str, scopes: Sequence[Path]) -> Iterator[_Item]:
        entry = self._manifest_entry(path, scopes)
        try:
            with path.open("rb") as file:
                head = file.read(_HEAD)
                kind = kind_of(path.name, head)
                if kind == "jsonl":  # streamed: JSONL files can be large
                    for item in self._json_file(file, head, source):
                        yield _with_manifest(item, entry)
                    return
                size = os.fstat(file.fileno()).st_size
                if size > MAX_INPUT_BYTES:  # refused before it is read into memory
                    yield _skip(input_error("E013", source=source, size=megabytes(size),
                                            limit=megabytes(MAX_INPUT_BYTES)))
                    return
                data = head + file.read()
        except OSError as exc:
            yield _skip(input_error("E006", source=source, reason=exc.strerror or str(exc)))
            return
        for item in self._parse(_Payload(source, data, kind, source_kind=kind)):
            yield _with_manifest(item, entry)

    def _read_url(self, url: str) -> Iterator[_Item]:
        try:
            response = fetch(self.client, url, timeout=self._timeout, max_bytes=MAX_INPUT_BYTES, allow_private=self._allow_private)
        except InputError as exc:
            yield _skip(exc)
            return
        yield from self._parse(_Payload.of_response(response, url, source_kind="url"), may_fetch=True)

    # --- by kind -----------------------------------------------------------

    def _parse(self, payload: _Payload, *, may_fetch: bool = False) -> Iterator[_Item]:
        """The articles in a whole input, or why it was skipped."""
        try:
            if payload.kind == "jsonl":
                if not payload.data.strip():
                    raise input_error("E002", source=payload.source)
                yield from self._json_lines(strip_bom(payload.data).splitlines(), payload.source)
            elif payload.kind == "feed":
                _check_text(payload.data, payload.source)
                feed = parse_feed(payload.data, payload.source)
                yield from self._feed(feed, payload.source, may_fetch)
            else:
                yield _article(payload)
        except InputError as exc:
            yield _skip(exc)

    def _json_file(self, file: io.BufferedReader, head: bytes, source: str) -> Iterator[_Item]:
        if not head.strip():
            yield _skip(input_error("E002", source=source))
            return
        yield from self._json_lines(_file_lines(file, head), source)

    def _json_lines(self, lines: Iterable[bytes | str], source: str) -> Iterator[_Item]:
        """One article or one skip per line: a bad line costs only itself.

        A file whose first lines are all bad is not JSON Lines at all (a binary
        file named .jsonl): it is refused whole, as one E003 instead of a skip per line.
        """
        held: list[_Item] = []  # the items of the first lines, until one is an article
        for number, line in enumerate(lines, start=1):
            if not line.strip():
                continue
            try:
                item: _Item = article_from_json_line(line, source, number)
            except InputError as exc:
                item = _skip(exc)
            if held is None:
                yield item
                continue
            held.append(item)
            if isinstance(item, Article):
                yield from held
                held = None  # type: ignore[assignment]
            elif len(held) == _BAD_LINES_FOR_BINARY and _looks_binary_lines(held):
                yield _skip(input_error("E003", source=source))
                return
        if held and _looks_binary_lines(held):
            yield _skip(input_error("E003", source=source))
        elif held:
            yield from held

    def _feed(self, feed: feedparser.FeedParserDict, source: str, may_fetch: bool) -> Iterator[_Item]:
        # Linked pages are fetched for feeds from the web, or when the caller
        # gave a client; a feed file alone never reaches the network.
        may_fetch = may_fetch or self._given_client is not None
        for number, entry in enumerate(feed.entries, start=1):
            link = entry_link(entry)
            try:
                if link and may_fetch and not has_full_text(entry):
                    page = self._linked_page(link, entry)
                    if page is not None:
                        yield merge_entry(page, entry, feed)
                        continue
                yield article_from_entry(entry, feed, source=f"{source}#{number}")
            except InputError as exc:
                yield _skip(exc)

    def _linked_page(self, link: str, entry: feedparser.FeedParserDict) -> Article | None:
        """The page a feed entry links to; None to fall back on the entry's summary."""
        try:
            response = fetch(self.client, link, timeout=self._timeout, max_bytes=MAX_INPUT_BYTES, allow_private=self._allow_private)
            return _article(_Payload.of_response(response, link, source_kind="feed"))
        except InputError as exc:
            if not (entry.get("summary") or "").strip():
                raise
            # A refused address is said out loud; an unreachable page is routine.
            log = logger.warning if exc.code == "E080" else logger.info
            log("%s Using the feed entry's summary instead.", exc)
            return None

    # --- manifests ---------------------------------------------------------

    def _load_manifests(self, folder: Path, names: Iterable[str] | None = None) -> Iterator[_Item]:
        """Read the manifests in `folder` (once each); yields E009 skips for bad ones."""
        if names is None:
            try:
                names = sorted(os.listdir(folder))
            except OSError:
                return
        for name in names:
            if is_manifest_name(name) and not name.startswith("."):
                yield from self._load_manifest(folder / name)

    def _load_manifest(self, path: Path) -> Iterator[_Item]:
        resolved = path.resolve()
        if resolved in self._manifest_files:
            return
        self._manifest_files.add(resolved)
        try:
            entries, problems = read_manifest(decode_bytes(path.read_bytes(), str(path)), str(path))
        except InputError as exc:
            # An unreadable manifest is a bad manifest: report it as E009.
            if exc.code != "E009":
                exc = input_error("E009", source=str(path), reason=str(exc).split(": ", 1)[-1].rstrip("."))
            yield _skip(exc)
            return
        except OSError as exc:
            yield _skip(input_error("E009", source=str(path), reason=exc.strerror or str(exc)))
            return
        for problem in problems:
            yield _skip(problem)
        for key, entry in entries.items():
            if not (resolved.parent / key).is_file():
                # Said, not skipped: the articles read are fine, the manifest is only out of date.
                logger.warning("%s", Warnings.W005.format(source=path, file=entry.file))
        self._manifests.setdefault(resolved.parent, {}).update(entries)

    def _manifest_entry(self, path: Path, scopes: Sequence[Path]) -> ManifestEntry | None:
        """What the nearest manifest says about `path`, if any says anything."""
        for folder in scopes:
            entries = self._manifests.get(folder.resolve())
            if entries:
                entry = entries.get(manifest_key(path.relative_to(folder).as_posix()))
                if entry is not None:
                    return entry
        return None


# --- helpers -------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Payload:
    """The bytes of one whole input, with what is known about them."""

    source: str
    data: bytes
    kind: InputKind
    source_kind: str  # "url" or "feed" when fetched for one, else the kind
    url: str | None = None
    charset: str | None = None  # as declared by the server

    @classmethod
    def of_response(cls, response: httpx.Response, source: str, *, source_kind: str) -> _Payload:
        content_type = response.headers.get("content-type")
        kind = kind_of(response.url.path, response.content[:_HEAD], content_type)
        return cls(source, response.content, kind, source_kind, str(response.url), response.charset_encoding)


def _article(payload: _Payload) -> Article:
    """The one article in a text or HTML input; raises `InputError`."""
    source, data = payload.source, payload.data
    if payload.kind == "html":
        html = decode_text(data, source, declared=payload.charset or declared_charset(data))
        kind = _kind_label(payload.source_kind, "html")
        article = article_from_html(html.text, source, url=payload.url, source_kind=kind)
        article.encoding = html.encoding
        return article
    if payload.kind == "text":
        text = decode_text(data, source, declared=payload.charset)
        kind = _kind_label(payload.source_kind, "text")
        article = article_from_text(text.text, source, source_kind=kind, url=payload.url)
        article.encoding = text.encoding
        return article
    raise input_error("E010", source=source, reason=_UNSUPPORTED.get(payload.kind, payload.kind))


_UNSUPPORTED: dict[str, str] = {
    "json": "a JSON document; give articles as JSON Lines, one object per line",
    "manifest": "a manifest is read from the folder of the files it describes",
    "unsupported": "not text, HTML, a feed or JSON Lines",
}


def _kind_label(source_kind: str, kind: str) -> str:
    """`Article.source_kind`: "url" and "feed" say where it came from, else the format."""
    return source_kind if source_kind in ("url", "feed") else kind


_BAD_LINES_FOR_BINARY = 8  # first lines that all fail, most with NUL bytes or broken UTF-8, make a file binary


def _looks_binary_lines(items: Sequence[_Item]) -> bool:
    """Whether most of `items`, skipped lines all, failed for bytes no text has."""
    binary = sum(isinstance(item, SkippedInput) and ("NUL bytes" in item.reason or "UTF-8" in item.reason) for item in items)
    return all(isinstance(item, SkippedInput) for item in items) and binary * 4 >= len(items) * 3


def _check_text(data: bytes, source: str) -> None:
    """Raise E002 or E003 when `data` is empty or binary."""
    if not data.strip():
        raise input_error("E002", source=source)
    if looks_binary(data):
        raise input_error("E003", source=source)


def _file_lines(file: io.BufferedReader, head: bytes) -> Iterator[bytes | str]:
    """The lines of an open file whose first `head` bytes were already read."""
    file.seek(0)
    encoding = bom_encoding(head)
    if encoding in ("utf-16", "utf-32"):
        yield from io.TextIOWrapper(file, encoding=encoding)
        return
    lines = iter(file)
    first = next(lines, b"")
    yield strip_bom(first)
    yield from lines


def _with_manifest(item: _Item, entry: ManifestEntry | None) -> _Item:
    return apply_manifest(item, entry) if entry is not None and isinstance(item, Article) else item


def _skip(exc: InputError) -> SkippedInput:
    logger.warning("%s", exc, extra=IN_SUMMARY)  # the run's summary lists it: callers need not print it twice
    return SkippedInput(source=exc.source, reason=str(exc), code=exc.code)
