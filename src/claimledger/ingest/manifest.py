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

__all__ = ["ManifestEntry", "apply_manifest", "is_annotation_name", "is_manifest_name", "parse_manifest", "read_manifest"]

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


def is_annotation_name(name: str) -> bool:
    """`gold.json`, `seeds.gold.json`: a hand annotation kept beside the articles
    it annotates (`claimledger evaluate gold`), never an article itself."""
    lower = name.lower()
    return lower == "gold.json" or lower.endswith(".gold.json")


def parse_manifest(text: str, source: str) -> dict[str, ManifestEntry]:
    """Entries by normalised file path; raises `InputError` E009 on any bad row."""
    entries, problems = read_manifest(text, source)
    if problems:
        raise problems[0]
    return entries


def read_manifest(text: str, source: str) -> tuple[dict[str, ManifestEntry], list[InputError]]:
    """Entries by normalised file path, and an E009 for each bad row.

    A bad row (no file, a value of the wrong type, a date that is no date, a
    file listed again, a CSV row with more or fewer fields than the header)
    costs only itself. A manifest that cannot be read at all raises E009.
    """
    text = text.lstrip("\ufeff")
    rows = _json_rows(text, source) if source.lower().endswith(".json") else _csv_rows(text, source)
    entries: dict[str, ManifestEntry] = {}
    problems: list[InputError] = []
    for number, row in enumerate(rows, start=1):
        try:
            entry = _entry(row, source, number)
        except InputError as exc:
            problems.append(exc)
            continue
        key = manifest_key(entry.file)
        if key in entries:
            problems.append(_error(source, f"row {number}: file '{entry.file}' is listed twice (the first row is kept)"))
            continue
        entries[key] = entry
    return entries, problems


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


# Marks a CSV row that ended before the header did (DictReader fills such rows with None).
_RAGGED = "\x00short"


def _csv_rows(text: str, source: str) -> list[Mapping[str, object]]:
    try:
        reader = csv.reader(io.StringIO(text))
        header = [name.strip().lower() for name in next(reader, [])]
        if "file" not in header:
            raise _error(source, "no 'file' column (columns: " + (", ".join(header) or "none") + ")")
        rows: list[Mapping[str, object]] = []
        for fields in reader:
            if not any(field.strip() for field in fields):
                continue  # a blank line
            row: dict[str | None, object] = dict(zip(header, fields))
            if len(fields) > len(header):
                row[None] = fields[len(header):]
            elif len(fields) < len(header):
                row[_RAGGED] = True
            rows.append(row)  # type: ignore[arg-type]
        return rows
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
    if None in row:
        raise _error(source, f"row {number} has more fields than the header")
    if row.get(_RAGGED):
        raise _error(source, f"row {number} has fewer fields than the header")
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
