"""A made-up two-article story, built by hand as records, for store and report tests.

Two outlets report the same dispute: Iran's foreign minister first denies
sending drones to Russia, later admits a few were sent before the war, and
the US Secretary of State says they are killing civilians. The second
article carries a stray `<script>` the cleaner left in, as scraped pages do.

The fixtures at the end are imported by the conftest.py of tests/store and
tests/report.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from claimledger.records import (
    Article,
    Contradiction,
    CorpusAnalysis,
    Entity,
    Framing,
    Mention,
    ParsedArticle,
    Position,
    Proposition,
    RemovedLine,
    SkippedInput,
    Span,
    Stance,
    Statement,
    TimelinePoint,
    article_id,
    statement_id,
)
from claimledger.store import Ledger

TEXT_A = (
    "Iran denies sending drones to Russia\n"
    "Iran's foreign minister Hossein Amir-Abdollahian said on Friday that "
    "\"Iran has not sent any drones to Russia for use in the war in Ukraine.\"\n"
    "US Secretary of State Antony Blinken claimed that Iranian drones were "
    "killing civilians in Ukraine.\n"
)

TEXT_B = (
    "Tehran admits drones went to Russia before the war\n"
    "Amir-Abdollahian admitted on Saturday that Iran had supplied "
    "\"a limited number of drones to Russia months before the war in Ukraine.\"\n"
    "<script>alert('pwned')</script>\n"
    "According to Blinken, the drones are still being used against Ukrainian cities.\n"
)

PERSIAN = "hossein-amir-abdollahian"
BLINKEN = "antony-blinken"
PROPOSITION = "p-iran-supplied-drones"


def span(text: str, phrase: str, after: int = 0) -> Span:
    """The span of the first `phrase` in `text` at or after `after`."""
    start = text.index(phrase, after)
    return Span(start, start + len(phrase), phrase)


def sentence_of(text: str, inner: Span) -> Span:
    """The line around `inner`: headlines and sentences are one line each here."""
    start = text.rfind("\n", 0, inner.start) + 1
    end = text.index("\n", inner.end)
    return Span(start, end, text[start:end])


def statement(
    text: str,
    article: str,
    *,
    content: str,
    kind: str,
    speaker: str,
    cue: str,
    lemma: str,
    when: tuple[str, str] | None = None,
) -> Statement:
    content_span = span(text, content)
    said_at_span = span(text, when[1]) if when else None
    return Statement(
        id=statement_id(article, content_span.start, content_span.end),
        article_id=article,
        content=content_span,
        kind=kind,  # type: ignore[arg-type]
        speaker=span(text, speaker),
        cue=span(text, cue),
        cue_lemma=lemma,
        sentence=sentence_of(text, content_span),
        said_at=when[0] if when else None,
        said_at_text=when[1] if when else None,
        said_at_span=said_at_span,
        confidence=0.9,
    )


def mentions(text: str, article: str, names: list[tuple[str, str]]) -> list[Mention]:
    return [Mention(article, *_offsets(span(text, name)), name, label) for name, label in names]


def _offsets(s: Span) -> tuple[int, int]:
    return s.start, s.end


def parsed_articles(*, dated: bool = True) -> list[ParsedArticle]:
    """The two articles with their statements and mentions."""
    id_a, id_b = article_id(TEXT_A), article_id(TEXT_B)
    article_a = Article(
        id=id_a,
        source="corpus/gulfwire-denial.html",
        text=TEXT_A,
        source_kind="html",
        title="Iran denies sending drones to Russia",
        outlet="Gulf Wire",
        url="https://gulfwire.example/iran-denies-drones",
        published_at=date(2022, 11, 5) if dated else None,
        date_source="html" if dated else None,
        removed_boilerplate=[RemovedLine(4, "Subscribe to our newsletter", "call-to-action")],
    )
    article_b = Article(
        id=id_b,
        source="corpus/caspian-times-admits.txt",
        text=TEXT_B,
        title="Tehran admits drones went to Russia before the war",
        outlet="Caspian Times",
        published_at=date(2022, 11, 6) if dated else None,
        date_source="manifest" if dated else None,
    )
    statements_a = [
        statement(
            TEXT_A, id_a,
            content="Iran has not sent any drones to Russia for use in the war in Ukraine.",
            kind="direct", speaker="Iran's foreign minister Hossein Amir-Abdollahian",
            cue="said", lemma="say", when=("2022-11-04", "on Friday"),
        ),
        statement(
            TEXT_A, id_a,
            content="Iranian drones were killing civilians in Ukraine",
            kind="indirect", speaker="US Secretary of State Antony Blinken",
            cue="claimed", lemma="claim",
        ),
    ]
    statements_b = [
        statement(
            TEXT_B, id_b,
            content="Iran had supplied \"a limited number of drones to Russia months "
            "before the war in Ukraine.\"",
            kind="mixed", speaker="Amir-Abdollahian", cue="admitted", lemma="admit",
            when=("2022-11-05", "on Saturday"),
        ),
        statement(
            TEXT_B, id_b,
            content="the drones are still being used against Ukrainian cities",
            kind="according_to", speaker="Blinken", cue="According to", lemma="according to",
        ),
    ]
    return [
        ParsedArticle(
            article_a,
            statements_a,
            mentions(TEXT_A, id_a, [
                ("Iran", "GPE"),
                ("Hossein Amir-Abdollahian", "PERSON"),
                ("Antony Blinken", "PERSON"),
            ]),
        ),
        ParsedArticle(
            article_b,
            statements_b,
            mentions(TEXT_B, id_b, [("Amir-Abdollahian", "PERSON"), ("Blinken", "PERSON")]),
        ),
    ]


SKIPPED = [
    SkippedInput(
        "corpus/broken-feed.xml", "E006 cannot read corpus/broken-feed.xml: not a feed.", "E006"
    )
]


def analysis(batch: list[ParsedArticle]) -> CorpusAnalysis:
    """What the corpus stages would make of `parsed_articles()`."""
    (a1, a2), (b1, b2) = batch[0].statements, batch[1].statements
    return CorpusAnalysis(
        entities=[
            Entity(PERSIAN, "PERSON", "Hossein Amir-Abdollahian",
                   ["Hossein Amir-Abdollahian", "Amir-Abdollahian"], ["Iran's foreign minister"]),
            Entity(BLINKEN, "PERSON", "Antony Blinken",
                   ["Antony Blinken", "Blinken"], ["US Secretary of State"]),
        ],
        speaker_links={a1.id: PERSIAN, a2.id: BLINKEN, b1.id: PERSIAN, b2.id: BLINKEN},
        propositions=[
            Proposition(
                PROPOSITION, "Iran supplied drones to Russia", [a1.id, a2.id, b1.id, b2.id]
            ),
        ],
        stances=[
            Stance(a1.id, PROPOSITION, "deny", 0.92, "rules.v1"),
            Stance(a2.id, PROPOSITION, "support", 0.81, "rules.v1"),
            Stance(b1.id, PROPOSITION, "hedge", 0.64, "rules.v1"),
            Stance(b2.id, PROPOSITION, "support", 0.77, "rules.v1"),
        ],
        positions=[
            Position(PERSIAN, PROPOSITION, [
                TimelinePoint("2022-11-04", "deny", a1.id),
                TimelinePoint("2022-11-05", "hedge", b1.id),
            ]),
            Position(BLINKEN, PROPOSITION, [
                TimelinePoint(None, "support", a2.id),
                TimelinePoint(None, "support", b2.id),
            ]),
        ],
        contradictions=[
            Contradiction("reversal", PROPOSITION, a1.id, b1.id,
                          "Denied sending any drones, then admitted a few before the war.",
                          apparent=True, strength=0.62),
            Contradiction("dispute", PROPOSITION, a1.id, a2.id,
                          "Amir-Abdollahian denies what Blinken asserts."),
        ],
        framing=[
            Framing(batch[0].article.id, "Gulf Wire",
                    {PERSIAN: {"say": 1}, BLINKEN: {"claim": 1}}, [PERSIAN], [BLINKEN],
                    ["Blinken's statement is reported with 'claimed'."],
                    camps={PERSIAN: "deny", BLINKEN: "support"}, camp_pivot=PROPOSITION,
                    cues_by_camp={"deny": {"say": 1}, "support": {"claim": 1}},
                    covered_propositions=[PROPOSITION]),
            Framing(batch[1].article.id, "Caspian Times",
                    {PERSIAN: {"admit": 1}, BLINKEN: {"according to": 1}}, [], [PERSIAN, BLINKEN],
                    camps={PERSIAN: "deny", BLINKEN: "support"}, camp_pivot=PROPOSITION,
                    cues_by_camp={"deny": {"admit": 1}, "support": {"according to": 1}},
                    covered_propositions=[PROPOSITION]),
        ],
    )


# --- fixtures ------------------------------------------------------------------


@pytest.fixture
def batch() -> list[ParsedArticle]:
    return parsed_articles()


@pytest.fixture
def story_analysis(batch: list[ParsedArticle]) -> CorpusAnalysis:
    return analysis(batch)


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "story.db"


@pytest.fixture
def ledger(
    db_path: Path, batch: list[ParsedArticle], story_analysis: CorpusAnalysis
) -> Iterator[Ledger]:
    """The story, parsed and analysed, in a fresh SQLite ledger."""
    with Ledger.open(db_path) as opened:
        opened.add_parsed(batch, SKIPPED)
        opened.replace_analysis(story_analysis)
        yield opened
