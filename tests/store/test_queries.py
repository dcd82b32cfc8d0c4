"""Tests for claimledger/store/queries.py: the listings the API pages, run by `Ledger.page`.

The reference is what the API answered before the database filtered: every
record read into memory and kept or dropped in Python (`_KEEP` below, the
routes' old code). Each listing must page exactly that, in the same order,
for every filter alone and in combination, on a ledger whose texts hold what
trips up SQL: letters whose case folding is not one letter (ß, ﬁ, İ), the
Kelvin sign, LIKE's wildcards, quotes and backslashes in JSON, undated and
unnamed articles, positions with no timeline, contradictions of equal strength.
"""

from __future__ import annotations

import dataclasses
import random
import sqlite3
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import story

from claimledger.records import (
    Article,
    Contradiction,
    CorpusAnalysis,
    Entity,
    Framing,
    ParsedArticle,
    Position,
    Proposition,
    Stance,
    Statement,
    TimelinePoint,
    article_id,
)
from claimledger.store import Ledger, queries
from claimledger.views._index import strongest_first

# --- a ledger with the awkward cases --------------------------------------------

_LINES = {  # outlet, title, date: [(speaker, cue, content)]
    ("Gulf Wire", "Iran denies sending drones", date(2022, 11, 5)): [
        ("Foreign minister Amir-Abdollahian", "said", "Iran has not sent any drones to Russia"),
        ("Antony Blinken", "claimed", "Iranian DRONES were killing civilians"),
        ("the STRAßENBAUAMT", "wrote", "the ﬁnal offer stands at 100% of the cost"),
    ],
    ("Caspian Times", "École: Drohnen über der Straße", date(2022, 11, 6)): [
        ("Amir-Abdollahian", "admitted", "a limited number of drones went to Russia"),
        ("İstanbul officials", "said", "it was 5 K colder in a_b than in ab"),
        ("the ΣΊΣΥΦΟΣ desk", "noted", "“Nothing leaked,” the port said"),
    ],
    (None, None, None): [
        ("a spokesman", "said", "back\\slash and \"quotes\" are fine"),
        ("Blinken", "told", "the drones are still being used"),
    ],
    ("Gulf Wire", "100% sure_thing", date(2022, 11, 7)): [
        ("Ana Ruiz", "said", "the harbour is safe, STRASSE or not"),
    ],
}
_SPEAKERS = {  # the entity each speaker as written resolves to; absent: unresolved
    "Foreign minister Amir-Abdollahian": "persian", "Amir-Abdollahian": "persian", "Antony Blinken": "blinken",
    "Blinken": "blinken", "Ana Ruiz": "ruiz", "the STRAßENBAUAMT": "amt",
}


def _awkward() -> tuple[list[ParsedArticle], CorpusAnalysis]:
    batch: list[ParsedArticle] = []
    for n, ((outlet, title, published), lines) in enumerate(_LINES.items()):
        text = (title or f"Untitled {n}") + "\n" + "".join(f"{who} {cue} {what}.\n" for who, cue, what in lines)
        aid = article_id(text)
        article = Article(aid, f"corpus/{n}-{outlet or 'unknown'}.html", text, "html", title=title, outlet=outlet,
                          published_at=published)
        said = [story.statement(text, aid, content=what, kind=("direct", "indirect", "mixed")[i % 3], speaker=who,
                                cue=cue, lemma=cue) for i, (who, cue, what) in enumerate(lines)]
        if n == 2:  # a statement with no speaker span at all
            said[0] = dataclasses.replace(said[0], speaker=None)
        batch.append(ParsedArticle(article, said))
    every = [s for p in batch for s in p.statements]
    links = {s.id: _SPEAKERS.get(s.speaker.text) if s.speaker else None for s in every}
    entities = [
        Entity("persian", "PERSON", "Hossein Amir-Abdollahian", ["Amir-Abdollahian"], ["Iran's foreign minister"]),
        Entity("blinken", "PERSON", "Antony Blinken", ["Blinken", 'Tony "the diplomat" B.'], ["Secretary"]),
        Entity("ruiz", "PERSON", "Ana Ruiz", ["Ána Ruiz", "back\\slash"], []),
        Entity("amt", "ORG", "Straßenbauamt", [], ["ROADS office", "ﬁnance"]),
        Entity("nobody", "GPE", "Gulf", [], []),
    ]
    drones, roads, empty = "p-drones", "p-roads", "p-empty"
    members = {drones: [s.id for s in every if "drones" in s.content.text.casefold()],
               roads: [every[2].id, every[4].id, every[7].id], empty: []}
    propositions = [Proposition(drones, "Iran supplied drones to Russia", members[drones]),
                    Proposition(roads, "The STRAßE is safe", members[roads], parent_id=drones),
                    Proposition(empty, "100% of nothing", [])]
    labels = ("support", "deny", "hedge", "neutral")
    stances = [Stance(sid, pid, labels[(i + len(pid)) % 4], 0.5 + i / 100, ("rules.v1", "nli.v1")[i % 2])
               for pid in (drones, roads) for i, sid in enumerate(members[pid])]
    positions = [
        Position("persian", drones, [TimelinePoint("2022-11-04", "deny", every[0].id),
                                     TimelinePoint(None, "hedge", every[3].id)]),
        Position("blinken", drones, [TimelinePoint(None, "support", every[1].id)]),
        Position("amt", roads, []),
        Position("blinken", roads, [TimelinePoint(None, "deny", every[7].id)]),
    ]
    pairs = [(drones, 0, 3), (drones, 1, 0), (roads, 2, 4), (drones, 7, 3), (roads, 4, 7), (drones, 0, 1)]
    strengths = [0.5, None, 0.9, 0.5, None, 1.0]
    contradictions = [
        Contradiction(("reversal", "dispute")[i % 2], pid, every[a].id, every[b].id, f"why {i}", strength=strength)
        for i, ((pid, a, b), strength) in enumerate(zip(pairs, strengths, strict=True))
    ]
    framing = [Framing(p.article.id, p.article.outlet, {}, [], [], []) for p in batch]
    analysis = CorpusAnalysis(entities=entities, speaker_links=links, propositions=propositions, stances=stances,
                              positions=positions, contradictions=contradictions, framing=framing)
    return batch, analysis


@pytest.fixture(params=["sqlite", "postgresql"])
def awkward(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Ledger]:
    db = request.getfixturevalue("postgres_url") if request.param == "postgresql" else tmp_path / "awkward.db"
    batch, analysis = _awkward()
    with Ledger.open(db) as ledger:
        ledger.add_parsed(batch)
        ledger.replace_analysis(analysis)
        yield ledger


def _sqlite(ledger: Ledger) -> bool:
    return "://" not in ledger.name


# --- the reference: the routes' filters before this module ------------------------


def contains_words(text: str | None, words: str | None) -> bool:
    """Whether `text` holds every word of `words`, ignoring case (the server's old `contains`)."""
    if not words:
        return True
    haystack = (text or "").casefold()
    return all(word in haystack for word in words.casefold().split())


def _keep_statements(ledger: Ledger) -> Callable[..., list[Statement]]:
    articles = {a.id: a for a in ledger.articles()}
    propositions = {p.id: p for p in ledger.propositions()}
    stances: dict[str, list[Stance]] = {}
    for st in ledger.stances():
        stances.setdefault(st.statement_id, []).append(st)

    def keep(*, article_id=None, speaker_entity_id=None, kind=None, outlet=None, proposition_id=None, stance=None,
             q=None) -> list[Statement]:
        members = None
        if proposition_id is not None:
            found = propositions.get(proposition_id)
            members = set(found.statement_ids) if found else set()
        return [
            s for s in ledger.statements()
            if (article_id is None or s.article_id == article_id)
            and (speaker_entity_id is None or s.speaker_entity_id == speaker_entity_id)
            and (kind is None or s.kind == kind)
            and (outlet is None or (s.article_id in articles and articles[s.article_id].outlet == outlet))
            and (members is None or s.id in members)
            and (stance is None or any(st.stance == stance for st in stances.get(s.id, [])))
            and contains_words(f"{s.content.text} {s.speaker.text if s.speaker else ''}", q)
        ]

    return keep


def _keep_articles(ledger: Ledger) -> Callable[..., list[Article]]:
    def keep(*, outlet=None, published_from=None, published_to=None, q=None) -> list[Article]:
        return [
            a for a in ledger.articles()
            if (outlet is None or a.outlet == outlet)
            and (published_from is None or (a.published_at is not None and a.published_at >= published_from))
            and (published_to is None or (a.published_at is not None and a.published_at <= published_to))
            and contains_words(f"{a.title or ''} {a.source}", q)
        ]

    return keep


def _keep_entities(ledger: Ledger) -> Callable[..., list[Entity]]:
    def keep(*, type=None, q=None) -> list[Entity]:
        return [e for e in ledger.entities()
                if (type is None or e.type == type) and contains_words(" ".join([e.name, *e.aliases, *e.roles]), q)]

    return keep


def _keep_propositions(ledger: Ledger) -> Callable[..., list[Proposition]]:
    def keep(*, statement_id=None, q=None) -> list[Proposition]:
        return [p for p in ledger.propositions()
                if (statement_id is None or statement_id in p.statement_ids) and contains_words(p.label, q)]

    return keep


def _keep_stances(ledger: Ledger) -> Callable[..., list[Stance]]:
    speakers = {s.id: s.speaker_entity_id for s in ledger.statements()}

    def keep(*, statement_id=None, proposition_id=None, entity_id=None, stance=None, method=None) -> list[Stance]:
        return [
            s for s in ledger.stances()
            if (statement_id is None or s.statement_id == statement_id)
            and (proposition_id is None or s.proposition_id == proposition_id)
            and (entity_id is None or speakers.get(s.statement_id) == entity_id)
            and (stance is None or s.stance == stance)
            and (method is None or s.method == method)
        ]

    return keep


def _keep_positions(ledger: Ledger) -> Callable[..., list[Position]]:
    def keep(*, entity_id=None, proposition_id=None, stance=None) -> list[Position]:
        return [
            p for p in ledger.positions()
            if (entity_id is None or p.entity_id == entity_id)
            and (proposition_id is None or p.proposition_id == proposition_id)
            and (stance is None or bool(p.timeline) and p.timeline[-1].stance == stance)
        ]

    return keep


def _keep_contradictions(ledger: Ledger) -> Callable[..., list[Contradiction]]:
    speakers = {s.id: s.speaker_entity_id for s in ledger.statements()}

    def keep(*, kind=None, proposition_id=None, entity_id=None, min_strength=None) -> list[Contradiction]:
        kept = [
            c for c in ledger.contradictions()
            if (kind is None or c.kind == kind)
            and (proposition_id is None or c.proposition_id == proposition_id)
            and (entity_id is None or entity_id in {speakers.get(c.statement_a), speakers.get(c.statement_b)})
            and (min_strength is None or (c.strength is not None and c.strength >= min_strength))
        ]
        return sorted(kept, key=strongest_first)

    return keep


def _keep_framing(ledger: Ledger) -> Callable[..., list[Framing]]:
    def keep(*, outlet=None, article_id=None) -> list[Framing]:
        return [f for f in ledger.framing()
                if (outlet is None or f.outlet == outlet) and (article_id is None or f.article_id == article_id)]

    return keep


_KEEP = {
    "statements": _keep_statements, "articles": _keep_articles, "entities": _keep_entities,
    "propositions": _keep_propositions, "stances": _keep_stances, "positions": _keep_positions,
    "contradictions": _keep_contradictions, "framing": _keep_framing,
}

# Words to search for. PostgreSQL compares lower() forms, not casefold ones: there,
# only the words whose answer does not hang on that difference.
_WORDS = ["drones", "DRONES russia", "russia drones iran", "", "   ", "zzz", "%", "_", "100%", "a_b", "\\", '"',
          "said", "corpus .html", "gulf", "diplomat\"", "b."]
_FOLDED = ["straße", "STRASSE", "ss", "final", "ﬁ", "fi", "k", "école", "ÉCOLE", "“nothing", "σίσυφος", "istanbul",
           "i̇stanbul", "ána", "roads office"]


def _choices(ledger: Ledger, resource: str) -> dict[str, list[Any]]:
    """Values to try for each filter of `resource`: those the ledger holds, and one it does not."""
    statements = ledger.statements()
    words = _WORDS + (_FOLDED if _sqlite(ledger) else [])
    ids = {
        "article_id": sorted({s.article_id for s in statements}),
        "statement_id": [s.id for s in statements][::2],
        "entity_id": sorted({e.id for e in ledger.entities()}),
        "proposition_id": sorted({p.id for p in ledger.propositions()}),
    }
    options: dict[str, dict[str, list[Any]]] = {
        "statements": {
            "article_id": ids["article_id"], "speaker_entity_id": ids["entity_id"],
            "kind": ["direct", "indirect", "mixed"], "outlet": ["Gulf Wire", "Caspian Times"],
            "proposition_id": ids["proposition_id"], "stance": ["support", "deny", "hedge"], "q": words,
        },
        "articles": {
            "outlet": ["Gulf Wire", "Caspian Times"], "published_from": [date(2022, 11, 6)],
            "published_to": [date(2022, 11, 5), date(2022, 11, 6)], "q": words,
        },
        "entities": {"type": ["PERSON", "ORG"], "q": words},
        "propositions": {"statement_id": ids["statement_id"], "q": words},
        "stances": {
            "statement_id": ids["statement_id"], "proposition_id": ids["proposition_id"],
            "entity_id": ids["entity_id"], "stance": ["support", "deny", "hedge"], "method": ["rules.v1", "nli.v1"],
        },
        "positions": {
            "entity_id": ids["entity_id"], "proposition_id": ids["proposition_id"],
            "stance": ["support", "deny", "hedge"],
        },
        "contradictions": {
            "kind": ["reversal", "dispute"], "proposition_id": ids["proposition_id"], "entity_id": ids["entity_id"],
            "min_strength": [0.0, 0.5, 0.95],
        },
        "framing": {"outlet": ["Gulf Wire", "Caspian Times"], "article_id": ids["article_id"]},
    }
    return {name: [*values, "no-such-value" if name not in _NOT_TEXT else None]
            for name, values in options[resource].items()}


_NOT_TEXT = {"published_from", "published_to", "min_strength"}


def _combinations(choices: dict[str, list[Any]], seed: int) -> Iterator[dict[str, Any]]:
    """No filter, each filter with each value, then 60 random combinations of two or three."""
    yield {}
    for name, values in choices.items():
        for value in values:
            yield {name: value}
    rng = random.Random(seed)
    names = sorted(choices)
    for _ in range(60):
        chosen = rng.sample(names, min(len(names), rng.choice((2, 3))))
        yield {name: rng.choice(choices[name]) for name in chosen}


def _windows(total: int) -> list[tuple[int, int]]:
    return [(500, 0), (1, 0), (2, 1), (3, total - 2 if total > 2 else 0), (2, total), (4, total + 3)]


@pytest.mark.parametrize("resource", sorted(_KEEP))
def test_listing_pages_what_python_filtering_kept(awkward: Ledger, resource: str) -> None:
    keep, listing = _KEEP[resource](awkward), getattr(queries, resource)
    for filters in _combinations(_choices(awkward, resource), seed=len(resource)):
        expected = keep(**filters)
        for limit, offset in _windows(len(expected)):
            page = awkward.page(listing(**filters), limit, max(offset, 0))
            assert page.total == len(expected), (filters, limit, offset)
            assert page.items == expected[max(offset, 0) : max(offset, 0) + limit], (filters, limit, offset)


def test_listings_find_something_for_most_filters(awkward: Ledger) -> None:
    # The comparison above is only as good as its cases: most single filters match something.
    found = [awkward.page(queries.statements(q=q), 50).total for q in ("drones", "DRONES russia", "100%", "a_b")]
    assert found == [4, 2, 1, 1]
    assert awkward.page(queries.statements(q="%"), 50).total == 1 and awkward.page(queries.statements(q="_"), 50).total
    assert awkward.page(queries.positions(stance="hedge"), 50).total == 1
    assert [c.strength for c in awkward.page(queries.contradictions(), 50).items] == [1.0, 0.9, 0.5, 0.5, None, None]
    assert awkward.page(queries.entities(q='"the diplomat"'), 50).items[0].id == "blinken"


def test_word_search_folds_case_as_python_does_on_sqlite(tmp_path: Path) -> None:
    batch, analysis = _awkward()
    with Ledger.open(tmp_path / "folded.db") as ledger:
        ledger.add_parsed(batch)
        ledger.replace_analysis(analysis)

        def said(q: str) -> list[str]:
            return [s.content.text for s in ledger.page(queries.statements(q=q), 50).items]

        assert said("strasse") == ["the ﬁnal offer stands at 100% of the cost", "the harbour is safe, STRASSE or not"]
        assert said("final") == ["the ﬁnal offer stands at 100% of the cost"]
        assert said("istanbul") == []  # "İ" folds to "i" and a combining dot
        assert [a.outlet for a in ledger.page(queries.articles(q="ÉCOLE straße"), 50).items] == ["Caspian Times"]
        assert [e.id for e in ledger.page(queries.entities(q="finance"), 50).items] == ["amt"]


def test_page_reads_only_the_page(awkward: Ledger) -> None:
    page = awkward.page(queries.statements(), limit=2, offset=3)
    assert page.total == 9 and [s.id for s in page.items] == [s.id for s in awkward.statements()[3:5]]
    assert page.items == awkward.statements()[3:5]  # sentences and times cut from the article, as the readers do
    assert awkward.page(queries.statements(id=page.items[0].id), 1).items == page.items[:1]
    assert awkward.page(queries.statements(id="no-such-statement"), 1) == queries.Page(0, [])
    assert awkward.page(queries.propositions(id="p-roads"), 1).items[0].statement_ids
    assert awkward.page(queries.statements(), 2**70, 2**64) == queries.Page(9, [])  # beyond SQL's integers


# --- indexes ------------------------------------------------------------------------


def _indexes(db: Path) -> set[str]:
    with sqlite3.connect(db) as conn:
        return {name for (name,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'index'")
                if name.startswith("ix_")}


def test_the_filters_have_indexes(ledger: Ledger, db_path: Path) -> None:
    assert {
        "ix_statements_article_id", "ix_statements_speaker_entity_id", "ix_statements_kind", "ix_articles_outlet",
        "ix_articles_published_at", "ix_stances_statement_id", "ix_stances_proposition_id",
        "ix_stances_stance_statement_id", "ix_proposition_statements_members", "ix_framing_outlet",
    } <= _indexes(db_path)


def test_open_adds_the_indexes_an_older_ledger_lacks(ledger: Ledger, db_path: Path) -> None:
    declared = _indexes(db_path)
    ledger.close()
    with sqlite3.connect(db_path) as conn:  # a ledger written before the API paged in SQL
        for name in ("ix_statements_speaker_entity_id", "ix_statements_kind", "ix_stances_stance_statement_id"):
            conn.execute(f"DROP INDEX {name}")
        conn.execute("DROP TABLE sqlite_stat1")
    assert _indexes(db_path) < declared
    for _ in range(2):  # and again: nothing to do the second time
        with Ledger.open(db_path, create=False) as reopened:
            assert reopened.page(queries.statements(speaker_entity_id=story.BLINKEN), 10).total == 2
        assert _indexes(db_path) == declared
        with sqlite3.connect(db_path) as conn:  # and measured, for SQLite's planner to choose among them
            assert conn.execute("SELECT count(*) FROM sqlite_stat1 WHERE tbl = 'statements'").fetchone()[0]
