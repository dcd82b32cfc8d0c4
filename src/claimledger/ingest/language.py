"""Which language an article is written in, with lingua's bundled models (no network).

Readers mark every article with its language here (`Article.language`, ISO
639-1), so the decision travels with the article to wherever it is analysed;
the pipeline then leaves articles in a language it has no model for out of
the analysis (`pipeline.is_analysed`).

Detection is kept cheap: the candidates are the common languages of news
(`LANGUAGES`), only the article's first `SAMPLE_CHARS` characters are read,
and lingua runs in its low-accuracy mode (trigrams only, a few milliseconds
an article), which is as reliable as its full mode on a paragraph or more.
On less it is not (on single English sentences of PolNeAR it named another
language for 5% of those under 50 letters, 0.2% of those of 80 to 120, none
over 200), so a text with fewer than `MIN_LETTERS` letters, or one on which
lingua cannot decide, has no language (None) and is analysed as before.
"""

from __future__ import annotations

from functools import lru_cache

from lingua import IsoCode639_1, Language, LanguageDetector, LanguageDetectorBuilder

__all__ = ["LANGUAGES", "MIN_LETTERS", "SAMPLE_CHARS", "detect_language"]

#: The candidate languages: the common languages of news, by ISO 639-1 code.
LANGUAGES: tuple[str, ...] = (
    "ar", "de", "el", "en", "es", "fa", "fr", "he", "it", "ja", "ko", "nl", "pl", "pt", "ru", "sv", "tr",
    "uk", "zh",
)
#: Characters of an article read to decide its language (the headline and the lead).
SAMPLE_CHARS = 1000
#: Below this many letters a text has no language: a headline or a sentence is too little to tell.
MIN_LETTERS = 100
#: How far apart the best two languages' confidences must be for lingua to name one.
_MIN_DISTANCE = 0.05


def detect_language(text: str) -> str | None:
    """The ISO 639-1 code of the language `text` is written in, or None when it cannot be told.

    >>> detect_language("Bundeskanzler Olaf Scholz sagte am Montag in Berlin, die Hilfen für die "
    ...                 "Landwirte im Norden würden bis zum Jahresende verlängert.")
    'de'
    >>> detect_language("Hallo") is None
    True
    """
    sample = text[:SAMPLE_CHARS]
    if sum(ch.isalpha() for ch in sample) < MIN_LETTERS:
        return None
    detector = _detector()
    try:
        found = detector.detect_language_of(sample)
    except ValueError:  # lone surrogates, which lingua cannot encode
        found = detector.detect_language_of(sample.encode("utf-8", "replace").decode("utf-8"))
    return found.iso_code_639_1.name.lower() if found is not None else None


@lru_cache(maxsize=1)
def _detector() -> LanguageDetector:
    """One detector per process; lingua loads each language's model on first use."""
    languages = [Language.from_iso_code_639_1(getattr(IsoCode639_1, code.upper())) for code in LANGUAGES]
    builder = LanguageDetectorBuilder.from_languages(*languages).with_minimum_relative_distance(_MIN_DISTANCE)
    return builder.with_low_accuracy_mode().build()

