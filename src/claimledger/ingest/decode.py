"""Bytes to text, or a clear reason why not.

UTF-8 (with or without a byte-order mark) and UTF-16/UTF-32 with a byte-order
mark are read as such. Another encoding is used only when the input declares
it (an HTTP header, `<meta charset>`, `<?xml encoding?>`). Nothing is guessed:
a wrong guess silently corrupts every name and quote in the article, while a
skipped file with a reason can be converted and read again.
"""

from __future__ import annotations

import codecs
import re

from ..errors import input_error

__all__ = ["declared_charset", "decode_bytes", "looks_binary", "strip_bom"]

# How much of the input is inspected to tell text from binary.
_SAMPLE = 8192
# Share of control bytes (other than tab, newlines, form feed, escape) past
# which an input is binary. Text files have none; a few stray ones happen.
_MAX_CONTROL_SHARE = 0.05
_CONTROL = bytes(b for b in range(32) if b not in b"\t\n\r\x0b\x0c\x1b")

_BOMS: tuple[tuple[bytes, str], ...] = (
    # UTF-32 first: its little-endian mark begins with UTF-16's.
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_DECLARED = re.compile(
    rb"""<meta[^>]+charset\s*=\s*["']?\s*(?P<meta>[\w.:-]+)"""
    rb"""|<\?xml[^>]+encoding\s*=\s*["'](?P<xml>[\w.:-]+)""",
    re.IGNORECASE,
)


def bom_encoding(data: bytes) -> str | None:
    """The encoding a byte-order mark at the start of `data` announces, if any."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return encoding
    return None


def strip_bom(data: bytes) -> bytes:
    """`data` without a leading UTF-8 byte-order mark."""
    return data[len(codecs.BOM_UTF8) :] if data.startswith(codecs.BOM_UTF8) else data


def looks_binary(data: bytes) -> bool:
    """NUL bytes or many control bytes near the start: an image, archive, PDF…"""
    if bom_encoding(data) in ("utf-16", "utf-32"):
        return False  # NUL bytes are expected there
    sample = data[:_SAMPLE]
    if b"\x00" in sample:
        return True
    controls = sum(sample.count(c) for c in _CONTROL)
    return bool(sample) and controls / len(sample) > _MAX_CONTROL_SHARE


def declared_charset(data: bytes) -> str | None:
    """The charset an HTML or XML document declares near its start, if valid."""
    match = _DECLARED.search(data[:4096])
    if not match:
        return None
    name = (match["meta"] or match["xml"]).decode("ascii", "replace")
    return _known_codec(name)


def decode_bytes(data: bytes, source: str, *, declared: str | None = None) -> str:
    """Decode the whole input `data`; `declared` is an encoding the input states.

    Raises `InputError` E002 (empty), E003 (binary) or E004 (not UTF-8 and no
    usable declared encoding). A byte-order mark is not part of the text.
    """
    if not data.strip():
        raise input_error("E002", source=source)
    if looks_binary(data):
        raise input_error("E003", source=source)
    # A byte-order mark settles it; otherwise UTF-8 first, then what the
    # input declares (pages often declare "iso-8859-1" yet are UTF-8).
    bom = bom_encoding(data)
    codec = _known_codec(declared) if declared else None
    encodings = [bom] if bom else ["utf-8"] + ([codec] if codec and codec != "utf-8" else [])
    for encoding in encodings:
        try:
            text = data.decode(encoding)
        except (UnicodeDecodeError, LookupError):
            continue
        if not text.strip():
            raise input_error("E002", source=source)
        return text
    raise input_error("E004", source=source)


def _known_codec(name: str) -> str | None:
    try:
        return codecs.lookup(name.strip()).name
    except LookupError:
        return None
