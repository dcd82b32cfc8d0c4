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


@pytest.mark.parametrize(
    ("text", "encoding", "detected"),
    [
        ("Nouvelles\nLe ministre a démenti la livraison à Moscou, selon « Le Monde ».\n", "latin-1", "cp1252"),
        ("Aus Berlin\nDer Außenminister sagte, die Lösung sei „schön“ – für Bürger.\n", "cp1252", "cp1252"),
        ("Zprávy\nMinistr zahraničí řekl, že Příliš žluťoučký kůň úpěl ďábelské ódy.\n", "cp1250", "cp1250"),
    ],
    ids=["latin-1", "windows-1252", "windows-1250"],
)
def test_legacy_8bit_files_are_detected_and_say_so(tmp_path, text, encoding, detected):
    item = read_one(tmp_path, "legacy.txt", text.encode(encoding))
    assert isinstance(item, Article)
    assert item.text == text
    assert item.encoding == f"{detected} (detected)"


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_utf16_without_bom_is_recognised(tmp_path, encoding):
    item = read_one(tmp_path, "story.txt", TEXT.encode(encoding))
    assert isinstance(item, Article)
    assert (item.text, item.encoding) == (TEXT, "utf-16")


def test_damaged_utf8_is_e012_with_the_offset(tmp_path):
    data = "Başlık\nBakan açıklama yaptı.\n".encode() + b"\xff\xfe broken\n"
    item = read_one(tmp_path, "damaged.txt", data)
    assert isinstance(item, SkippedInput) and item.code == "E012"
    bad = data.index(b"\xff")
    assert f"offset {bad}" in item.reason and "damaged.txt" in item.reason


def test_utf8_and_bom_files_record_their_encoding(tmp_path):
    assert read_one(tmp_path, "a.txt", TEXT.encode()).encoding == "utf-8"
    assert read_one(tmp_path, "b.txt", codecs.BOM_UTF8 + TEXT.encode()).encoding == "utf-8"


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
