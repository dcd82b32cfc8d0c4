"""Bytes to text, or a clear reason why not.

In order:

1. a byte-order mark settles it (UTF-8, UTF-16, UTF-32);
2. UTF-16 and UTF-32 without one are recognised: UTF-16 of the Latin script
   by its zero bytes, which fall on every other byte, and any script by
   reading as text in one wide encoding (`wide_without_bom`);
3. UTF-8, then the encoding the input declares (an HTTP header,
   `<meta charset>`, `<?xml encoding?>`);
4. text that is *almost* UTF-8 (valid multi-byte sequences next to broken
   ones) is damaged, not in another encoding: it is refused (E012) with the
   offset of the first bad byte, since any guess would corrupt the names and
   quotes around it;
5. otherwise a legacy 8-bit encoding (Latin-1, Windows-1252, …) is detected
   with charset-normalizer, and accepted only when its decoding reads as
   language; `Decoded.encoding` then says "… (detected)" so the ledger
   records that the encoding was inferred.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

from ..errors import input_error

__all__ = ["Decoded", "declared_charset", "decode_bytes", "decode_text", "looks_binary", "strip_bom"]

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
# UTF-16 without a byte-order mark: the share of zero bytes at odd (LE) or
# even (BE) offsets past which the input is read as UTF-16.
_UTF16_ZERO_SHARE = 0.3
# charset-normalizer's "chaos" (0 = reads cleanly) above which a detected
# encoding is not trusted.
_MAX_CHAOS = 0.2
# Among equally good 8-bit candidates, the commonest in news archives first.
_PREFERRED = ("cp1252", "latin_1", "iso8859_15", "cp1250", "iso8859_2")
# A UTF-8 lead byte followed by its continuation bytes.
_UTF8_MULTIBYTE = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")

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
    if bom_encoding(data) in ("utf-16", "utf-32") or wide_without_bom(data):
        return False  # NUL bytes are expected there
    sample = data[:_SAMPLE]
    if b"\x00" in sample:
        return True
    controls = sum(sample.count(c) for c in _CONTROL)
    return bool(sample) and controls / len(sample) > _MAX_CONTROL_SHARE


def utf16_without_bom(data: bytes) -> str | None:
    """"utf-16-le" or "utf-16-be" when the zero bytes of `data` say so, else None."""
    sample = data[: _SAMPLE - _SAMPLE % 2]
    if len(sample) < 4:
        return None
    even, odd = sample[0::2], sample[1::2]
    zero_even, zero_odd = even.count(0) / len(even), odd.count(0) / len(odd)
    if zero_odd > _UTF16_ZERO_SHARE and zero_even < 0.05:
        return "utf-16-le"
    if zero_even > _UTF16_ZERO_SHARE and zero_odd < 0.05:
        return "utf-16-be"
    return None


def wide_without_bom(data: bytes) -> str | None:
    """UTF-32 or UTF-16 (either byte order) without a byte-order mark, in any script.

    UTF-16 of the Latin script shows in its zero bytes (`utf16_without_bom`).
    Other scripts have few zero bytes, so each wide encoding is tried on a
    sample and kept when it reads as text: every character assigned and
    printable, and most letters from one script block (a binary file, or
    UTF-8 read two bytes at a time, scatters over many blocks). Valid UTF-8
    is never taken for a wide encoding.
    """
    latin = utf16_without_bom(data)
    if latin:
        return latin
    sample = data[:_SAMPLE]
    if not sample or b"\x00" not in sample and _valid_utf8(sample):
        return None
    scores: dict[str, float] = {}
    for encoding, unit in (("utf-32-le", 4), ("utf-32-be", 4), ("utf-16-le", 2), ("utf-16-be", 2)):
        piece = sample[: len(sample) - len(sample) % unit]
        if len(piece) < 4 * unit:
            continue
        try:
            text = piece.decode(encoding)
        except UnicodeDecodeError:
            continue
        score = _text_score(text)
        if score is not None:
            scores[encoding] = score
    # Both byte orders may read as some text; the one that reads as more of it wins.
    return max(scores, key=scores.__getitem__) if scores else None


def _valid_utf8(sample: bytes) -> bool:
    try:
        sample.decode("utf-8")
    except UnicodeDecodeError as exc:
        return exc.start >= len(sample) - 3  # only a character cut by the sample's end
    return True


def _text_score(text: str) -> float | None:
    """How much `text` reads as writing (higher: more), or None when it cannot be."""
    import unicodedata

    if not text:
        return None
    letters: dict[int, int] = {}
    separators = spaces = 0
    for char in text:
        category = unicodedata.category(char)
        if category in ("Cn", "Co", "Cs") or (category == "Cc" and char not in "\t\n\r\x0c"):
            return None
        code = ord(char)
        if category[0] in "LM":  # letters and the marks that vowel them (Thai, Devanagari)
            # Han, kana and Hangul are one script here, spread as they are over many blocks.
            block = -1 if 0x3040 <= code <= 0x9FFF or 0xAC00 <= code <= 0xD7AF else code >> 7
            letters[block] = letters.get(block, 0) + 1
        # Spaces, line breaks and CJK punctuation: bytes of another encoding read two
        # at a time never pair into these.
        separators += char in " \t\n\r" or 0x3000 <= code <= 0x303F or 0xFF00 <= code <= 0xFF65
        spaces += char in " \n"
    counted = sum(letters.values())
    dominant = max(letters.values(), default=0)
    if counted < len(text) * 0.4 or dominant < 0.6 * counted:
        return None
    if letters.get(-1) == dominant and separators * 60 < len(text):
        return None  # "Han" with no space or CJK punctuation: 8-bit text read two bytes at a time
    return dominant / counted + 4 * spaces / len(text) + 2 * separators / len(text)


def declared_charset(data: bytes) -> str | None:
    """The charset an HTML or XML document declares near its start, if valid."""
    match = _DECLARED.search(data[:4096])
    if not match:
        return None
    name = (match["meta"] or match["xml"]).decode("ascii", "replace")
    return _known_codec(name)


@dataclass(frozen=True, slots=True)
class Decoded:
    """Text and the encoding it was read in ("utf-8", "cp1252 (detected)", …)."""

    text: str
    encoding: str


def decode_bytes(data: bytes, source: str, *, declared: str | None = None) -> str:
    """`decode_text(...).text`: the text alone."""
    return decode_text(data, source, declared=declared).text


def decode_text(data: bytes, source: str, *, declared: str | None = None) -> Decoded:
    """Decode the whole input `data`; `declared` is an encoding the input states.

    Raises `InputError` E002 (empty), E003 (binary), E012 (damaged UTF-8) or
    E004 (no encoding reads it). A byte-order mark is not part of the text.
    """
    if not data.strip(b" \t\r\n\x00\x0b\x0c"):
        raise input_error("E002", source=source)
    if looks_binary(data):
        raise input_error("E003", source=source)
    # A byte-order mark settles it; otherwise UTF-8 first, then what the
    # input declares (pages often declare "iso-8859-1" yet are UTF-8).
    marked = bom_encoding(data) or wide_without_bom(data)
    codec = _known_codec(declared) if declared else None
    encodings = [marked] if marked else ["utf-8"] + ([codec] if codec and codec != "utf-8" else [])
    utf8_error: UnicodeDecodeError | None = None
    for encoding in encodings:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError as exc:
            utf8_error = exc if encoding == "utf-8" else utf8_error
            continue
        except LookupError:
            continue
        return _checked(text, source, _codec_name(encoding))
    if marked:
        raise input_error("E004", source=source)
    if utf8_error is not None and _UTF8_MULTIBYTE.search(data):
        # Valid UTF-8 sequences next to the broken one: damaged UTF-8, not a legacy encoding.
        raise input_error("E012", source=source, offset=utf8_error.start)
    detected = _detect_8bit(data)
    if detected is None:
        raise input_error("E004", source=source)
    return _checked(data.decode(detected), source, f"{detected} (detected)")


def _checked(text: str, source: str, encoding: str) -> Decoded:
    if not text.strip():
        raise input_error("E002", source=source)
    return Decoded(text.lstrip("\ufeff"), encoding)


def _codec_name(encoding: str) -> str:
    wide = {"utf-16-le": "utf-16", "utf-16-be": "utf-16", "utf-32-le": "utf-32", "utf-32-be": "utf-32"}
    return {"utf-8-sig": "utf-8", **wide}.get(encoding, encoding)


def _detect_8bit(data: bytes) -> str | None:
    """The single-byte encoding that reads `data` as language, if one clearly does."""
    from charset_normalizer import from_bytes

    matches = [m for m in from_bytes(data, cp_isolation=None) if m.chaos <= _MAX_CHAOS]
    if not matches:
        return None
    best = min(m.chaos for m in matches)
    tied = {m.encoding for m in matches if m.chaos <= best + 1e-9}
    tied |= {alias for m in matches if m.chaos <= best + 1e-9 for alias in m.could_be_from_charset}
    for preferred in _PREFERRED:
        if preferred in tied:
            try:
                data.decode(preferred)
            except UnicodeDecodeError:
                continue
            return preferred
    return matches[0].encoding


def _known_codec(name: str) -> str | None:
    try:
        return codecs.lookup(name.strip()).name
    except LookupError:
        return None
