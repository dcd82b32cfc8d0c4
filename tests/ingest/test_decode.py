"""Tests for claimledger.ingest.decode, directly and through read_inputs."""

from __future__ import annotations

import codecs

import pytest

from claimledger.errors import InputError
from claimledger.ingest import read_inputs
from claimledger.ingest.decode import declared_charset, decode_bytes, looks_binary
from claimledger.records import Article, SkippedInput

TEXT = "Bakan açıklama yaptı\nDışişleri Bakanı İHA satılmadığını söyledi.\n"


def read_one(tmp_path, name: str, data: bytes):
    path = tmp_path / name
    path.write_bytes(data)
    (item,) = read_inputs([str(path)])
    return item


@pytest.mark.parametrize(
    "data",
    [TEXT.encode("utf-8"), codecs.BOM_UTF8 + TEXT.encode("utf-8"), TEXT.encode("utf-16"), TEXT.encode("utf-32")],
    ids=["utf-8", "utf-8-bom", "utf-16-bom", "utf-32-bom"],
)
def test_decode_bytes_reads_utf_with_or_without_bom(tmp_path, data):
    item = read_one(tmp_path, "story.txt", data)
    assert isinstance(item, Article)
    assert item.text == TEXT  # the byte-order mark is not part of the text
    assert item.title == "Bakan açıklama yaptı"


def test_decode_bytes_latin1_file_is_e004(tmp_path):
    item = read_one(tmp_path, "latin1.txt", "Le ministre a démenti la livraison à Moscou.\n".encode("latin-1"))
    assert isinstance(item, SkippedInput)
    assert item.code == "E004"
    assert "latin1.txt" in item.reason and "UTF-8" in item.reason


def test_decode_bytes_binary_file_is_e003(tmp_path):
    png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4
    item = read_one(tmp_path, "picture.txt", png)
    assert (item.code, item.source) == ("E003", str(tmp_path / "picture.txt"))


def test_decode_bytes_binary_without_nul_is_e003():
    data = bytes([1, 2, 3, 4, 5, 6, 7, 8]) * 20 + b"some text"
    assert looks_binary(data)
    with pytest.raises(InputError) as caught:
        decode_bytes(data, "x.bin")
    assert caught.value.code == "E003"


@pytest.mark.parametrize("data", [b"", b"   \n\t\r\n", codecs.BOM_UTF8 + b"\n \n"], ids=["empty", "blank", "bom-blank"])
def test_decode_bytes_empty_file_is_e002(tmp_path, data):
    item = read_one(tmp_path, "empty.txt", data)
    assert item.code == "E002"
    assert item.reason == f"E002 cannot read {tmp_path / 'empty.txt'}: file is empty."


def test_decode_bytes_uses_a_declared_charset_only_when_utf8_fails():
    latin = "<meta charset='iso-8859-1'><p>démenti</p>".encode("latin-1")
    assert declared_charset(latin) == "iso8859-1"
    assert "démenti" in decode_bytes(latin, "x.html", declared=declared_charset(latin))
    utf8 = "<meta charset='iso-8859-1'><p>démenti</p>".encode("utf-8")
    assert "démenti" in decode_bytes(utf8, "x.html", declared="iso-8859-1")


def test_declared_charset_ignores_unknown_names():
    assert declared_charset(b'<meta charset="no-such-codec">') is None
    assert declared_charset(b'<?xml version="1.0" encoding="windows-1254"?><rss/>') == "cp1254"
    assert declared_charset(b"<p>no declaration</p>") is None


def test_looks_binary_accepts_text_and_utf16():
    assert not looks_binary(TEXT.encode("utf-8"))
    assert not looks_binary(TEXT.encode("utf-16"))
    assert not looks_binary(b"tabs\tand\x0cform feeds\n")
