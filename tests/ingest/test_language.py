"""Tests for claimledger.ingest.language: which language an article is in."""

from __future__ import annotations

from pathlib import Path

import pytest

from claimledger.ingest import read_inputs
from claimledger.ingest.language import MIN_LETTERS, detect_language
from claimledger.ingest.text import article_from_text
from claimledger.records import Article

ARTICLES = Path(__file__).resolve().parents[1] / "data" / "languages" / "articles"

GERMAN = (
    "Bürgermeister Andreas Kühnert verteidigte das Vorhaben. „Ohne einen modernen Hafen verlieren wir "
    "die Kreuzfahrtschiffe an andere Städte“, sagte Kühnert am Donnerstag im Stadtrat."
)
ENGLISH_QUOTING_GERMAN = (
    "The mayor of Wolgast, Andreas Kühnert, defended the harbour plan on Thursday. Without a modern "
    "harbour, he said, the town would lose its cruise ships to its neighbours. His opponents were not "
    "convinced and asked for a new study of the birds that nest along the river. \"Wir sind nicht gegen "
    "den Hafen\", one councillor said, before the vote was postponed until the autumn."
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (GERMAN, "de"),
        (
            "Banka Başkanı Selim Karadağ, Ankara'da düzenlediği basın toplantısında \"Enflasyonda kalıcı "
            "bir düşüş görene kadar sıkı duruşumuzu koruyacağız\" dedi.",
            "tr",
        ),
        (
            "Мэр города Аркадий Северцев заявил журналистам: «Новый мост разгрузит центр города и сократит "
            "время в пути для сотен тысяч жителей».",
            "ru",
        ),
        (ENGLISH_QUOTING_GERMAN, "en"),
    ],
)
def test_detect_language_names_the_language_of_a_paragraph(text: str, expected: str) -> None:
    assert detect_language(text) == expected


@pytest.mark.parametrize(
    "text",
    ["", "   \n\t ", "Hallo", "Investieren Sie jetzt: die besten Aktien", "12:30 — 4,5 % — 2024-02-12 " * 20],
)
def test_detect_language_of_short_or_empty_text_is_none(text: str) -> None:
    assert sum(ch.isalpha() for ch in text) < MIN_LETTERS
    assert detect_language(text) is None


def test_detect_language_reads_text_with_lone_surrogates() -> None:
    # Bad input never crashes: a lone surrogate (as a broken decoder can leave) is read past.
    assert detect_language(ENGLISH_QUOTING_GERMAN.replace("town", "to\ud800wn")) == "en"


def test_article_from_text_marks_the_language() -> None:
    assert article_from_text(GERMAN, "hafen.txt").language == "de"
    assert article_from_text("Minister denies drone sales\n", "short.txt").language is None


def test_read_inputs_marks_each_article_of_a_mixed_folder() -> None:
    found = {Path(a.source).name: a.language for a in read_inputs([str(ARTICLES)]) if isinstance(a, Article)}
    assert found == {
        "de-agrarhilfen.html": "de",
        "de-hafen.txt": "de",
        "en-ferry-fares.txt": "en",
        "en-harbour-dredging.txt": "en",
        "ru-most.txt": "ru",
        "tr-merkez-bankasi.txt": "tr",
    }
