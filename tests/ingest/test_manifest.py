"""Tests for claimledger.ingest.manifest and manifests found while reading."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from claimledger.errors import InputError
from claimledger.ingest import read_inputs
from claimledger.ingest.manifest import ManifestEntry, apply_manifest, is_manifest_name, parse_manifest
from claimledger.ingest.text import article_from_text
from claimledger.records import Article, SkippedInput

STORY = "Talks resume\nThe talks resumed on Monday.\n"


def write_folder(tmp_path, manifest_name: str, manifest: str) -> None:
    (tmp_path / "a.txt").write_text(STORY, encoding="utf-8")
    (tmp_path / "b.txt").write_text("Talks stall\nThe talks stalled on Tuesday.\n", encoding="utf-8")
    (tmp_path / manifest_name).write_text(manifest, encoding="utf-8")


def test_read_inputs_folder_manifest_overrides_file_metadata(ingest_data):
    folder = ingest_data / "folder"
    articles = {a.source: a for a in read_inputs([str(folder)])}
    alpha = articles[str(folder / "alpha.txt")]
    assert (alpha.outlet, alpha.published_at, alpha.date_source, alpha.url) == (
        "Example Wire",
        date(2022, 11, 5),
        "manifest",
        "https://wire.example.net/alpha",
    )
    assert alpha.title == "Ministers trade accusations over drone deliveries"  # no title in the manifest
    gamma = articles[str(folder / "sub" / "gamma.txt")]  # keyed by its path from the manifest's folder
    assert (gamma.title, gamma.outlet, gamma.published_at) == ("Gamma headline from the manifest", "The Example Times", date(2022, 11, 7))
    assert gamma.text.startswith("Gamma story\n")  # the text is never touched
    beta = articles[str(folder / "beta.md")]
    assert (beta.outlet, beta.published_at, beta.date_source) == (None, None, None)


def test_read_inputs_json_manifest(tmp_path):
    manifest = [{"file": "a.txt", "outlet": "Example Wire", "published_at": "2022-11-05T08:00:00Z", "title": "Given title"}]
    write_folder(tmp_path, "seeds.manifest.json", json.dumps(manifest))
    a, b = read_inputs([str(tmp_path)])
    assert (a.title, a.outlet, a.published_at) == ("Given title", "Example Wire", date(2022, 11, 5))
    assert (b.outlet, b.published_at) == (None, None)


def test_read_inputs_json_manifest_keyed_by_file(tmp_path):
    write_folder(tmp_path, "manifest.json", json.dumps({"b.txt": {"outlet": "Example Times"}}))
    a, b = read_inputs([str(tmp_path)])
    assert (a.outlet, b.outlet) == (None, "Example Times")


def test_read_inputs_single_file_uses_manifest_beside_it(tmp_path):
    write_folder(tmp_path, "manifest.csv", "file,outlet,published_at\na.txt,Example Wire,2022-11-05\n")
    (article,) = read_inputs([str(tmp_path / "a.txt")])
    assert (article.outlet, article.date_source) == ("Example Wire", "manifest")


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("manifest.csv", "name,outlet\na.txt,X\n", "no 'file' column (columns: name, outlet)"),
        ("manifest.csv", "file,published_at\na.txt,05/11/2022\n", "row 1: published_at '05/11/2022' is not an ISO date"),
        ("manifest.json", "{not json", "invalid JSON (Expecting property name enclosed in double quotes at line 1)"),
        ("manifest.json", '["a.txt"]', "expected a list of objects, or an object of objects keyed by file name"),
        ("manifest.json", '[{"file": "a.txt", "outlet": 3}]', "row 1: 'outlet' must be a string"),
    ],
)
def test_read_inputs_bad_manifest_is_e009_and_files_still_read(tmp_path, name, content, reason):
    write_folder(tmp_path, name, content)
    skipped, a, b = read_inputs([str(tmp_path)])
    assert skipped == SkippedInput(str(tmp_path / name), f"E009 cannot read manifest {tmp_path / name}: {reason}.", "E009")
    assert isinstance(a, Article) and isinstance(b, Article)
    assert a.outlet is None and a.date_source is None


def test_read_inputs_unreadable_manifest_is_e009(tmp_path):
    write_folder(tmp_path, "manifest.csv", "")
    (tmp_path / "manifest.csv").write_bytes("file,outlet\na.txt,Café Press\n".encode() + b"\xff\n")
    skipped, *articles = read_inputs([str(tmp_path)])
    assert skipped.code == "E009"
    assert "damaged UTF-8" in skipped.reason
    assert len(articles) == 2


def test_read_inputs_latin1_manifest_is_read(tmp_path):
    write_folder(tmp_path, "manifest.csv", "")
    (tmp_path / "manifest.csv").write_bytes("file,outlet\na.txt,Café Presse du Nord\n".encode("latin-1"))
    outlets = {Path(a.source).name: a.outlet for a in read_inputs([str(tmp_path)])}
    assert outlets["a.txt"] == "Café Presse du Nord"


def test_read_inputs_manifest_given_directly_is_checked_not_read(tmp_path):
    write_folder(tmp_path, "manifest.csv", "file,outlet\na.txt,X\n")
    assert list(read_inputs([str(tmp_path / "manifest.csv")])) == []


@pytest.mark.parametrize(
    ("name", "expected"),
    [("manifest.csv", True), ("Manifest.JSON", True), ("seeds.manifest.csv", True), ("manifest.txt", False), ("mymanifest.csv", False)],
)
def test_is_manifest_name(name, expected):
    assert is_manifest_name(name) is expected


def test_parse_manifest_normalises_paths_and_blanks():
    entries = parse_manifest("\ufefffile,outlet,title\n./sub\\c.txt, Example Wire ,\n", "manifest.csv")
    assert entries == {"sub/c.txt": ManifestEntry(file="./sub\\c.txt", outlet="Example Wire")}


def test_parse_manifest_row_without_file_is_e009():
    with pytest.raises(InputError, match="row 1 names no file"):
        parse_manifest("file,outlet\n,Example Wire\n", "manifest.csv")


def test_apply_manifest_only_overrides_what_it_says():
    article = article_from_text(STORY, "a.txt", url="https://example.org/a")
    updated = apply_manifest(article, ManifestEntry(file="a.txt", outlet="Example Wire"))
    assert (updated.outlet, updated.url, updated.title, updated.date_source) == (
        "Example Wire",
        "https://example.org/a",
        "Talks resume",
        None,
    )
    assert article.outlet is None  # the original is not changed


# Issue 20: one bad row of a manifest costs that row alone, and a manifest's problems are said.
@pytest.mark.parametrize(
    ("rows", "reason"),
    [
        ("a.txt,X,extra\n", "row 2 has more fields than the header"),
        ("a.txt\n", "row 2 has fewer fields than the header"),
        ("a.txt,X\na.txt,Y\n", "row 3: file 'a.txt' is listed twice (the first row is kept)"),
        (",X\n", "row 2 names no file"),
    ],
)
def test_read_inputs_bad_manifest_row_costs_only_itself(tmp_path, rows, reason):
    write_folder(tmp_path, "manifest.csv", "file,outlet\nb.txt,Example Times\n" + rows)
    items = list(read_inputs([str(tmp_path)]))
    skipped = [i for i in items if isinstance(i, SkippedInput)]
    articles = {i.source.rsplit("/", 1)[-1]: i for i in items if isinstance(i, Article)}
    assert [s.reason for s in skipped] == [f"E009 cannot read manifest {tmp_path / 'manifest.csv'}: {reason}."]
    assert articles["b.txt"].outlet == "Example Times"  # the good row still applies
    assert set(articles) == {"a.txt", "b.txt"}


def test_read_inputs_manifest_naming_a_missing_file_is_said_once(tmp_path, caplog):
    write_folder(tmp_path, "manifest.csv", "file,outlet\na.txt,X\nmissing.txt,Z\n")
    with caplog.at_level("WARNING", logger="claimledger"):
        items = list(read_inputs([str(tmp_path)]))
    assert all(isinstance(i, Article) for i in items) and len(items) == 2
    said = [r.getMessage() for r in caplog.records if "W005" in r.getMessage()]
    assert said == [f"W005 the manifest {tmp_path / 'manifest.csv'} lists 'missing.txt', which is not a file beside it; its row is not used."]
