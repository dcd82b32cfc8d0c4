"""Remove site chrome lines from plain article text.

The cleaner works on whole lines only. It never edits inside a line, so the
text it returns is the input with some lines taken out, each with its line
terminator, and nothing else changed: the title line stays, blank lines stay,
and offsets into the cleaned text map back onto the input line by line (the
ledger's offsets contract, docs/export.md).

A line is chrome when one of these rules recognises it; the rule's name is the
`RemovedLine.reason`:

==================  ===========================================================
call-to-action      the whole line is UI vocabulary: "› Subscribe", "Abone Ol",
                    "Back to top button", "Artículos relacionados"
link-label          a link to another story behind a label: "Read next: …",
                    "Lire aussi : …", "Lesen Sie auch: …"
site-notice         comment forms, captcha, cookie, newsletter, copyright lines
staff-credit        a staff bio or reporting credit among the last lines
repeated-line       a short label that appears more than once and shares no
                    word with the rest of the article
menu-glue           navigation labels glued together ("Defence NewsÖne Çıkan")
                    before or after the article body, sharing no word with it
trailer             a short label after the body, sharing no word with the
                    article, in a trailer that already holds chrome
==================  ===========================================================

The first four rules look for vocabulary (`_vocab.py`, several languages); the
last three only use the shape of the document (repetition, position, shared
words), so they also catch chrome in languages the vocabulary lacks.

Precision matters more than recall: a chrome line left in costs a little noise
downstream, an article line taken out loses a statement for good. So every
rule that does not rest on vocabulary also requires that the line be short,
not a sentence, and share no content word with the article.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import cache

from ..records import RemovedLine
from . import _vocab

__all__ = ["clean_text", "split_lines"]

# One line with its terminator; "\r\n", "\r" and "\n" all end a line. Unlike
# str.splitlines this does not split on form feeds or U+2028, which a text
# editor would not show as line breaks either.
_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+")
_WORD = re.compile(r"[^\W\d_]+(?:['\-][^\W\d_]+)*")
_CONTENT_WORD = re.compile(r"[^\W\d_]{3,}")
_TERMINAL = ".!?…:;。！？"
_QUOTES = re.compile("[\"“”„«»]|(?:^|\\s)['‘’]|['‘’](?:\\s|$)")
_CLOSERS = "\"'”’»)]›"

# Lengths, in words, past which a line is not a label.
_MAX_LABEL_WORDS = 8
_MAX_LINKED_HEADLINE_WORDS = 30
_MAX_NOTICE_WORDS = 40
_SENTENCE_WORDS = 12
# Staff bios and credits are looked for among this many last non-empty lines.
_CREDIT_TAIL = 3


def split_lines(raw: str) -> list[str]:
    """Split `raw` into lines that keep their terminators: `"".join(...) == raw`."""
    return _LINE.findall(raw)


def clean_text(raw: str) -> tuple[str, list[RemovedLine]]:
    """Remove site chrome lines from `raw`.

    Returns the cleaned text (the input minus whole chrome lines, nothing
    else changed) and one `RemovedLine` per line taken out, numbered from 0.

    >>> clean_text("Minister resigns\\nThe minister resigned on Monday.\\nAbone Ol\\n")[0]
    'Minister resigns\\nThe minister resigned on Monday.\\n'
    """
    lines = [_Line.of(no, raw_line) for no, raw_line in enumerate(split_lines(raw))]
    reasons: dict[int, str] = {}
    doc = _Document(lines)

    # Pass 1: rules that recognise a line by what it says.
    for line in doc.nonempty:
        for reason, rule in _CONTENT_RULES:
            if rule(line, doc):
                reasons[line.no] = reason
                break

    # Pass 2: rules that recognise a line by where it stands, once the lines
    # pass 1 found are out of the way (they must not count as article body).
    doc.exclude(reasons)
    header, trailer = doc.zones(reasons)
    for line in header + trailer:
        if line.no not in reasons and _is_glued_menu(line, doc):
            reasons[line.no] = "menu-glue"
    if any(line.no in reasons for line in trailer):
        for line in trailer:
            if line.no not in reasons and _is_isolated_label(line, doc):
                reasons[line.no] = "trailer"

    kept = "".join(line.raw for line in lines if line.no not in reasons)
    removed = [RemovedLine(line.no, line.text, reasons[line.no]) for line in lines if line.no in reasons]
    return kept, removed


# --- one line, and the document around it ------------------------------------


@dataclass(frozen=True, slots=True)
class _Line:
    no: int
    raw: str  # with its terminator, exactly as in the input
    text: str  # without the terminator, exactly as in the input
    norm: str  # `_normalise`d: NFKC, casefolded, straight apostrophes, single spaces
    words: tuple[str, ...]
    content_words: frozenset[str]  # topic words, glued labels split ("newsöne", "news", "öne")

    @classmethod
    def of(cls, no: int, raw: str) -> _Line:
        text = raw.rstrip("\r\n")
        norm = _normalise(text)
        found = set(_CONTENT_WORD.findall(norm))
        if _glue_points(text):
            found |= set(_CONTENT_WORD.findall(_normalise(_unglue(text))))
        return cls(no, raw, text, norm, tuple(_WORD.findall(norm)), frozenset(found - _vocab.STOP_WORDS))

    @property
    def is_sentence(self) -> bool:
        """Ends like a sentence, or is too long to be a label."""
        return self.norm.rstrip(_CLOSERS + " ").endswith(tuple(_TERMINAL)) or (
            len(self.words) >= _SENTENCE_WORDS
        )


class _Document:
    """The lines of one input, with the vocabulary each line shares with the rest."""

    def __init__(self, lines: Sequence[_Line]) -> None:
        self.nonempty = [line for line in lines if line.norm]
        self.title_no = self.nonempty[0].no if self.nonempty else -1
        self.title_norm = self.nonempty[0].norm if self.nonempty else ""
        self.counts = Counter(line.norm for line in self.nonempty)
        self._excluded: set[int] = set()
        self._vocabulary: Counter[str] = Counter()
        self._by_norm: dict[str, Counter[str]] = {}
        self._count_words()

    def exclude(self, numbers: Iterable[int]) -> None:
        """Stop counting these lines as article text when comparing vocabulary."""
        self._excluded |= set(numbers)
        self._count_words()

    def _count_words(self) -> None:
        self._vocabulary = Counter()
        self._by_norm = {}
        for line in self.nonempty:
            if line.no in self._excluded:
                continue
            words = line.content_words
            self._vocabulary.update(words)
            self._by_norm.setdefault(line.norm, Counter()).update(words)

    def is_isolated(self, line: _Line) -> bool:
        """True when no content word of `line` occurs in any other (different) line."""
        own = self._by_norm.get(line.norm, Counter())
        return all(self._vocabulary[w] - own[w] <= 0 for w in line.content_words)

    def zones(self, reasons: dict[int, str]) -> tuple[list[_Line], list[_Line]]:
        """Non-empty lines before the first and after the last body sentence.

        The title line is not body and belongs to no zone. With no body
        sentence at all both zones are empty: position says nothing then.
        """
        body = [
            i
            for i, line in enumerate(self.nonempty)
            if line.is_sentence and line.no not in reasons and line.no != self.title_no
        ]
        if not body:
            return [], []
        header = [line for line in self.nonempty[: body[0]] if line.no != self.title_no]
        return header, self.nonempty[body[-1] + 1 :]


def _glue_points(text: str) -> list[int]:
    """Where a lowercase letter runs into a capitalised word: "News|Öne".

    Two navigation labels whose separating space was lost look like this.
    """
    points = []
    for word in _CONTENT_WORD.finditer(text):
        letters = word.group()
        if letters[1:].islower() or letters.isupper():
            continue  # the usual case, decided in C: nothing glued inside
        start = word.start()
        points.extend(
            start + i
            for i in range(1, len(letters) - 1)
            if letters[i - 1].islower() and letters[i].isupper() and letters[i + 1].islower()
        )
    return points


def _unglue(text: str) -> str:
    for i in reversed(_glue_points(text)):
        text = text[:i] + " " + text[i:]
    return text


def _normalise(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).casefold()
    # casefold turns Turkish "İ" into "i" + U+0307 (combining dot): drop the dot
    # so "İlgili Haberler" reads as "ilgili haberler".
    text = text.replace("\u0307", "").replace("’", "'").replace("‘", "'")
    return " ".join(text.split())


# --- the rules ----------------------------------------------------------------


@cache
def _ui_phrases() -> tuple[frozenset[tuple[str, ...]], int]:
    phrases = frozenset(tuple(_WORD.findall(_normalise(p))) for p in _vocab.UI_PHRASES)
    return phrases, max(len(p) for p in phrases)


@cache
def _link_label() -> re.Pattern[str]:
    labels = sorted((_normalise(label) for label in _vocab.LINK_LABELS), key=len, reverse=True)
    alternatives = "|".join(re.escape(label) for label in labels)
    # A label, then ":" / "»" / "|" or a spaced dash, then the linked headline.
    return re.compile(rf"^\W*(?:{alternatives})\s*(?::|»|\||\s[-–—]\s)\s*(?P<rest>\S.*)$")


@cache
def _patterns(name: str) -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{p})" for p in getattr(_vocab, name)))


def _is_call_to_action(line: _Line, doc: _Document) -> bool:
    """The line is made of UI phrases only (symbols and counters aside)."""
    words = line.words
    if not words or len(words) > _MAX_LABEL_WORDS:
        return False
    phrases, longest = _ui_phrases()
    # Can words[i:] be cut into known phrases? (a tiny word-break DP)
    fits = [False] * len(words) + [True]
    for i in range(len(words) - 1, -1, -1):
        fits[i] = any(
            fits[j] and tuple(words[i:j]) in phrases
            for j in range(i + 1, min(len(words), i + longest) + 1)
        )
    return fits[0]


def _is_link_label(line: _Line, doc: _Document) -> bool:
    match = _link_label().match(line.norm)
    return bool(match) and len(_WORD.findall(match["rest"])) <= _MAX_LINKED_HEADLINE_WORDS


def _is_site_notice(line: _Line, doc: _Document) -> bool:
    # A notice never quotes anyone; an article line quoting one does
    # ("'We use cookies to track you,' the chief executive admitted").
    return (
        len(line.words) <= _MAX_NOTICE_WORDS
        and not _QUOTES.search(line.text)
        and bool(_patterns("NOTICE_PATTERNS").search(line.norm))
    )


def _is_staff_credit(line: _Line, doc: _Document) -> bool:
    tail = {other.no for other in doc.nonempty[-_CREDIT_TAIL:]}
    return (
        line.no in tail
        and line.no != doc.title_no
        and len(line.words) <= _MAX_NOTICE_WORDS
        and bool(_patterns("CREDIT_PATTERNS").search(line.norm))
    )


def _is_repeated_label(line: _Line, doc: _Document) -> bool:
    return doc.counts[line.norm] > 1 and _is_isolated_label(line, doc)


def _is_isolated_label(line: _Line, doc: _Document) -> bool:
    """A short non-sentence line, not the title, sharing no word with the article."""
    return (
        line.no != doc.title_no
        and 0 < len(line.words) <= _MAX_LABEL_WORDS
        and not line.is_sentence
        and bool(line.content_words)  # "No", "OK": nothing to be isolated by
        and line.norm != doc.title_norm
        and doc.is_isolated(line)
    )


def _is_glued_menu(line: _Line, doc: _Document) -> bool:
    return bool(_glue_points(line.text)) and _is_isolated_label(line, doc)


_Rule = Callable[[_Line, _Document], bool]
# Order matters only for the reason recorded when two rules agree.
_CONTENT_RULES: tuple[tuple[str, _Rule], ...] = (
    ("site-notice", _is_site_notice),
    ("link-label", _is_link_label),
    ("call-to-action", _is_call_to_action),
    ("staff-credit", _is_staff_credit),
    ("repeated-line", _is_repeated_label),
)
