"""Tests for claimledger.ingest.readers (read_inputs) and the package's public surface."""

from __future__ import annotations

import logging
import os

import pytest

import claimledger.ingest
from claimledger.ingest import read_inputs
from claimledger.records import Article, SkippedInput

STORY = "Talks resume\nThe talks resumed on Monday.\n"


def test_ingest_exports_exactly_its_public_api():
    assert claimledger.ingest.__all__ == ["DuplicateIndex", "clean_text", "read_inputs"]
    for name in claimledger.ingest.__all__:
        assert getattr(claimledger.ingest, name).__doc__


def test_read_inputs_walks_folders_sorted_skipping_hidden_and_manifests(ingest_data):
    folder = ingest_data / "folder"
    sources = [item.source for item in read_inputs([str(folder)])]
    assert sources == [str(folder / "alpha.txt"), str(folder / "beta.md"), str(folder / "sub" / "gamma.txt")]


def test_read_inputs_missing_path_is_e001_and_the_rest_continue(tmp_path):
    (tmp_path / "a.txt").write_text(STORY, encoding="utf-8")
    missing, article = read_inputs([str(tmp_path / "nope.txt"), str(tmp_path / "a.txt")])
    assert missing == SkippedInput(str(tmp_path / "nope.txt"), f"E001 cannot read {tmp_path / 'nope.txt'}: file not found.", "E001")
    assert isinstance(article, Article)


def test_read_inputs_is_lazy(tmp_path):
    first, second = tmp_path / "a.txt", tmp_path / "b.txt"
    first.write_text(STORY, encoding="utf-8")
    second.write_text(STORY, encoding="utf-8")
    items = read_inputs([str(first), str(second)])
    assert isinstance(next(items), Article)
    second.unlink()  # not read yet, so now it is missing
    assert next(items).code == "E001"


def test_read_inputs_accepts_one_path_and_pathlike(tmp_path):
    (tmp_path / "a.txt").write_text(STORY, encoding="utf-8")
    assert [a.title for a in read_inputs(str(tmp_path / "a.txt"))] == ["Talks resume"]
    assert [a.source for a in read_inputs([tmp_path / "a.txt"])] == [str(tmp_path / "a.txt")]


@pytest.mark.parametrize(
    ("content", "kind"),
    [
        (b"Talks resume\nThe talks resumed on Monday.\n", "text"),
        (b"<!doctype html><html><body><article><p>The talks resumed on Monday in Vienna, officials said.</p></article></body></html>", "html"),
        (b'{"text": "Talks resume\\nThe talks resumed."}\n', "jsonl"),
    ],
)
def test_read_inputs_sniffs_unknown_extensions(tmp_path, content, kind):
    path = tmp_path / "story.dat"
    path.write_bytes(content)
    (article,) = read_inputs([str(path)])
    assert article.source_kind == kind


def test_read_inputs_sniffs_feed_without_extension(tmp_path, ingest_data):
    path = tmp_path / "feed"
    path.write_bytes((ingest_data / "feed.rss").read_bytes())
    kinds = [getattr(item, "source_kind", None) or item.code for item in read_inputs([str(path)])]
    assert kinds == ["feed", "feed", "E011"]


def test_read_inputs_json_document_is_e010(tmp_path):
    path = tmp_path / "gold.json"
    path.write_text('{\n  "articles": []\n}\n', encoding="utf-8")
    (item,) = read_inputs([str(path)])
    assert item.code == "E010"
    assert "JSON Lines" in item.reason


def test_read_inputs_logs_each_skip_once(tmp_path, caplog):
    with caplog.at_level(logging.WARNING, logger="claimledger.ingest"):
        list(read_inputs([str(tmp_path / "nope.txt")]))
    assert [r.getMessage() for r in caplog.records] == [f"E001 cannot read {tmp_path / 'nope.txt'}: file not found."]


def test_read_inputs_empty_folder_yields_nothing(tmp_path):
    assert list(read_inputs([str(tmp_path)])) == []


def test_read_inputs_seeds_folder(seeds_dir, seeds_gold):
    articles = list(read_inputs([str(seeds_dir)]))
    assert [a.title for a in articles] == [a["title"] for a in seeds_gold["articles"]]
    assert [a.outlet for a in articles] == [a["outlet"] for a in seeds_gold["articles"]]
    for article in articles:
        raw = (seeds_dir / article.source.rsplit("/", 1)[-1]).read_text(encoding="utf-8")
        kept = "".join(line for n, line in enumerate(raw.splitlines(keepends=True)) if n not in {r.line_no for r in article.removed_boilerplate})
        assert article.text == kept


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
def test_read_inputs_special_file_is_e010(tmp_path):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    (item,) = read_inputs([str(fifo)])
    assert item.reason == f"E010 cannot read {fifo}: unsupported input (not a regular file or folder)."
