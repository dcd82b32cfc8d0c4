"""Tests for claimledger.ingest.jsonl: one article per line, broken lines skipped."""

from __future__ import annotations

import codecs
from datetime import date

import pytest

from claimledger.errors import InputError
from claimledger.ingest import read_inputs
from claimledger.ingest.jsonl import article_from_json_line
from claimledger.records import Article, SkippedInput


def test_read_inputs_jsonl_skips_broken_lines_and_reads_the_rest(ingest_data):
    source = str(ingest_data / "articles.jsonl")
    items = list(read_inputs([source]))
    articles = [item for item in items if isinstance(item, Article)]
    skipped = [item for item in items if isinstance(item, SkippedInput)]
    assert [a.source for a in articles] == [f"{source}:1", f"{source}:3"]
    assert [(s.code, s.source) for s in skipped] == [("E008", source)] * 4
    assert [s.reason for s in skipped] == [
        f"E008 cannot read {source} line 2: invalid JSON (Expecting value at column 1).",
        f"E008 cannot read {source} line 5: expected a JSON object, found list.",
        f"E008 cannot read {source} line 6: published_at 'last Tuesday' is not an ISO date.",
        f"E008 cannot read {source} line 7: no 'text' field, or it is empty.",
    ]


def test_article_from_json_line_maps_fields():
    line = (
        '{"text": "Envoy warns\\nThe ministry warned of complicity.\\nRead more: Sanctions widen", '
        '"title": "Envoy warns of complicity", "url": "https://example.org/a1", "outlet": "Example Wire", '
        '"published_at": "2022-11-08T10:00:00Z", "extra": [1, 2]}'
    )
    article = article_from_json_line(line, "a.jsonl", 1)
    assert article.text == "Envoy warns\nThe ministry warned of complicity.\n"
    assert (article.title, article.url, article.outlet) == ("Envoy warns of complicity", "https://example.org/a1", "Example Wire")
    assert (article.published_at, article.date_source) == (date(2022, 11, 8), "jsonl")
    assert (article.source, article.source_kind) == ("a.jsonl:1", "jsonl")


def test_article_from_json_line_title_defaults_to_first_line():
    article = article_from_json_line(b'{"text": "Headline\\nBody."}', "a.jsonl", 4)
    assert (article.title, article.published_at, article.date_source) == ("Headline", None, None)


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        (b'{"text": 42}', "field 'text' must be a string"),
        (b'{"text": "ok", "title": ["x"]}', "field 'title' must be a string"),
        (b'{"text": "   "}', "no 'text' field, or it is empty"),
        (b'{"text": "caf\xe9"}', "not valid UTF-8"),
        (b'"just a string"', "expected a JSON object, found str"),
    ],
)
def test_article_from_json_line_bad_lines_are_e008(line, reason):
    with pytest.raises(InputError) as caught:
        article_from_json_line(line, "a.jsonl", 3)
    assert caught.value.code == "E008"
    assert str(caught.value) == f"E008 cannot read a.jsonl line 3: {reason}."


def test_read_inputs_jsonl_with_bom_and_crlf(tmp_path):
    path = tmp_path / "a.ndjson"
    path.write_bytes(codecs.BOM_UTF8 + b'{"text": "One\\nFirst."}\r\n{"text": "Two\\nSecond."}\r\n')
    assert [item.title for item in read_inputs([str(path)])] == ["One", "Two"]


def test_read_inputs_jsonl_utf16(tmp_path):
    path = tmp_path / "a.jsonl"
    path.write_bytes('{"text": "Bakan\\nİHA satmadık."}\n'.encode("utf-16"))
    (article,) = read_inputs([str(path)])
    assert article.text == "Bakan\nİHA satmadık."


def test_read_inputs_jsonl_binary_or_empty_is_one_skip(tmp_path):
    binary = tmp_path / "b.jsonl"
    binary.write_bytes(b"\x00\x01\x02" * 100)
    empty = tmp_path / "e.jsonl"
    empty.write_bytes(b"\n\n")
    assert [item.code for item in read_inputs([str(binary), str(empty)])] == ["E003", "E002"]


def test_read_inputs_jsonl_streams_line_by_line(tmp_path):
    path = tmp_path / "big.jsonl"
    path.write_text("".join(f'{{"text": "Story {n}\\nBody {n}."}}\n' for n in range(3)), encoding="utf-8")
    items = read_inputs([str(path)])
    assert next(items).title == "Story 0"
    # Lines are read as they are needed: appending now is still seen.
    with path.open("a", encoding="utf-8") as file:
        file.write('{"text": "Story late\\nBody."}\n')
    assert [item.title for item in items] == ["Story 1", "Story 2", "Story late"]


# Issue 20: one bad line of any kind costs that line alone, named by its number.
BAD_LINES = [
    (b"\x00\x00\x00\x00", "NUL bytes"),
    (b'{"text": "caf\xe9 au lait"}', "UTF-8"),
    (b'{"text": "lone \\ud800 surrogate"}', "cannot be encoded"),
    (b'{"text": "bell \\u0007 ringing"}', "control characters"),
    (b'{"text": 5}', "must be a string"),
    (b'["a list"]', "JSON object"),
    (b'{"text": "unclosed', "invalid JSON"),
    (b'{"title": "no text"}', "no 'text'"),
    (b'{"text": "Dated story.", "published_at": "yesterday"}', "ISO date"),
]


@pytest.mark.parametrize(("bad", "why"), BAD_LINES)
@pytest.mark.parametrize("position", [0, 1, 2])
def test_read_inputs_jsonl_bad_line_costs_only_itself(tmp_path, bad, why, position):
    good = [b'{"text": "Mayor Ann Lee said the river was clean."}', b'{"text": "The council met on Monday."}']
    lines = list(good)
    lines.insert(position, bad)
    path = tmp_path / "mixed.jsonl"
    path.write_bytes(b"\n".join(lines) + b"\n")
    items = list(read_inputs([str(path)]))
    articles = [i for i in items if not hasattr(i, "code")]
    (skipped,) = [i for i in items if hasattr(i, "code")]
    assert len(articles) == 2
    assert skipped.code == "E008" and f"line {position + 1}" in skipped.reason and why in skipped.reason
