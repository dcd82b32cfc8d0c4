"""Manifests: per-file metadata kept beside the article files.

A folder of saved articles rarely says where each came from. A manifest
beside the files does: `manifest.csv` / `manifest.json`, or any
`*.manifest.csv` / `*.manifest.json`. Each row names a `file` (its path
relative to the manifest's folder, usually just the file name) and gives
`outlet`, `published_at` (an ISO date) and optionally `title` and `url`::

    file,outlet,published_at,title,url
    000.txt,Example Times,2022-11-05,,https://example.org/a

or in JSON, a list of such objects (or one object mapping file name to
fields). What a manifest says wins over what the file says (date_source
"manifest"). A manifest with any bad row is rejected whole (E009), so that a
typo never assigns a date to the wrong article; the files are still read.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from datetime import date
from pathlib import PurePosixPath

from ..errors import InputError, input_error
from ..records import Article
from .dates import parse_iso_date

__all__ = ["ManifestEntry", "apply_manifest", "is_manifest_name", "parse_manifest"]

_FIELDS = ("file", "outlet", "published_at", "title", "url")


@dataclass(frozen=True, slots=True)
class ManifestEntry:
    """What a manifest says about one file; None where it says nothing."""

    file: str
    outlet: str | None = None
    published_at: date | None = None
    title: str | None = None
    url: str | None = None


def is_manifest_name(name: str) -> bool:
    """`manifest.csv`, `manifest.json`, `seeds.manifest.csv`, … (any case)."""
    lower = name.lower()
    return any(lower == f"manifest.{ext}" or lower.endswith(f".manifest.{ext}") for ext in ("csv", "json"))


def parse_manifest(text: str, source: str) -> dict[str, ManifestEntry]:
    """Entries by normalised file path; raises `InputError` E009 on any bad row."""
    text = text.lstrip("\ufeff")
    rows = _json_rows(text, source) if source.lower().endswith(".json") else _csv_rows(text, source)
    entries: dict[str, ManifestEntry] = {}
    for number, row in enumerate(rows, start=1):
        entry = _entry(row, source, number)
        key = manifest_key(entry.file)
        if key in entries:
            raise _error(source, f"file '{entry.file}' is listed twice")
        entries[key] = entry
    return entries


def manifest_key(path: str) -> str:
    """The form manifests and lookups compare paths in: "./a\\b.txt" → "a/b.txt"."""
    return str(PurePosixPath(path.strip().replace("\\", "/")))


def apply_manifest(article: Article, entry: ManifestEntry) -> Article:
    """`article` with the manifest's values put over the file's own."""
    return replace(
        article,
        outlet=entry.outlet or article.outlet,
        title=entry.title or article.title,
        url=entry.url or article.url,
        published_at=entry.published_at or article.published_at,
        date_source="manifest" if entry.published_at else article.date_source,
    )


def _csv_rows(text: str, source: str) -> list[Mapping[str, object]]:
    try:
        reader = csv.DictReader(io.StringIO(text))
        header = [name.strip().lower() for name in reader.fieldnames or ()]
        if "file" not in header:
            raise _error(source, "no 'file' column (columns: " + (", ".join(header) or "none") + ")")
        reader.fieldnames = header
        return list(reader)
    except csv.Error as exc:
        raise _error(source, f"invalid CSV ({exc})") from None


def _json_rows(text: str, source: str) -> Iterable[Mapping[str, object]]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise _error(source, f"invalid JSON ({exc.msg} at line {exc.lineno})") from None
    if isinstance(data, dict):  # {"a.txt": {"outlet": ...}, ...}
        data = [{"file": name, **fields} if isinstance(fields, dict) else None for name, fields in data.items()]
    if not isinstance(data, list) or not all(isinstance(row, dict) for row in data):
        raise _error(source, "expected a list of objects, or an object of objects keyed by file name")
    return data


def _entry(row: Mapping[str, object], source: str, number: int) -> ManifestEntry:
    values: dict[str, str | None] = {}
    for name in _FIELDS:
        value = row.get(name)
        if value is not None and not isinstance(value, str):
            raise _error(source, f"row {number}: '{name}' must be a string")
        values[name] = (value or "").strip() or None
    if not values["file"]:
        raise _error(source, f"row {number} names no file")
    published = None
    if values["published_at"]:
        try:
            published = parse_iso_date(values["published_at"])
        except ValueError:
            raise _error(source, f"row {number}: published_at '{values['published_at']}' is not an ISO date") from None
    return ManifestEntry(
        file=values["file"],
        outlet=values["outlet"],
        published_at=published,
        title=values["title"],
        url=values["url"],
    )


def _error(source: str, reason: str) -> InputError:
    return input_error("E009", source=source, reason=reason)
