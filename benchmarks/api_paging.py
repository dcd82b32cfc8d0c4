"""API paging: `/api/statements` on a ledger of 100,000 statements, against bare SQL.

    python benchmarks/api_paging.py [--statements N] [--repeat R] [--keep DB] [--ledger DB]

Builds a synthetic ledger through the store's own write path
(`Ledger.add_parsed`, then `Ledger.replace_analysis`): N statements (default
100,000) in articles of 10, from 40 outlets; one actor for every 50 statements,
a few of whom say much and most little, 15% of speakers unresolved; one
proposition for every 100 statements, 60% of statements in one, each with a
stance; the positions and reversals those imply; framing for every article.
Contents are words from a small vocabulary, some in curly quotes.

Then pages through `/api/statements` with FastAPI's TestClient (the whole app
in-process: routing, query checks, the store's query, the response model,
JSON) with filters by speaker, article, kind, outlet, proposition, stance and
words (`q`), at offsets from 0 to the last page. Beside each request the same
page is read with bare SQL on the same database in the same run (the stdlib
`sqlite3`, hand-written: a COUNT and a SELECT ... ORDER BY pk LIMIT OFFSET), and
the page's ids are checked to be the same. Each is timed `--repeat` times
after two unmeasured runs; p50 and p95 are printed, and the ratio of the p50s.
The app's floor (a request that reads no ledger) is timed the same way, and
last, the way the route answered before issue 21 (the statements, articles and
stances read into memory and filtered in Python on every request) three times
for two requests.

It ends with a block to paste into benchmarks/RESULTS.md. The figures are only
comparable when nothing else runs on the machine: the load average is printed.
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import shutil
import sqlite3
import statistics
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from itertools import accumulate
from pathlib import Path
from typing import Any

PER_ARTICLE = 10
OUTLETS = 40
PAGE = 50
_KINDS = (("direct", 35), ("indirect", 45), ("mixed", 10), ("according_to", 10))
_CUES = ("said", "told reporters", "claimed", "warned", "insisted", "denied", "added")
_FIRST = ("Ana", "Omar", "Lena", "Jorge", "Mei", "Tariq", "Sofia", "Ivan", "Grace", "Kwame", "Nadia", "Pavel")
_LAST = ("Ruiz", "Haddad", "Novak", "Okafor", "Chen", "Silva", "Petrov", "Mbeki", "Larsen", "Kaur", "Rossi")
_WORDS = (
    "the minister government port harbour city council budget tax election vote drones russia ukraine war "
    "ceasefire border trade deal sanctions oil gas prices inflation court ruling police protest union strike "
    "hospital school water river pollution climate emissions report audit contract bridge railway airport "
    "fishing quota farmers subsidy housing rent migrants asylum talks summit treaty missile attack shelter "
    "ministry spokesman agency company shares market bank loan debt reform pension workers wages health"
).split()


# --- the ledger -----------------------------------------------------------------------


class Zipf:
    """Picks items as words and speakers come: the k-th one about 1/k as often as the first."""

    def __init__(self, items: Sequence[Any]) -> None:
        self.items = list(items)
        self.cumulative = list(accumulate(1 / rank for rank in range(1, len(self.items) + 1)))

    def pick(self, rng: random.Random) -> Any:
        return rng.choices(self.items, cum_weights=self.cumulative)[0]


def build(db: Path, statements: int, seed: int = 21) -> float:
    """Write the synthetic ledger to `db`; the seconds it took."""
    from claimledger.records import (
        Article,
        Entity,
        ParsedArticle,
        Span,
        Statement,
        article_id,
        statement_id,
    )
    from claimledger.store import Ledger

    rng = random.Random(seed)
    words = Zipf(rng.sample(_WORDS, len(_WORDS)))
    actors = [
        Entity(f"e{i}", "PERSON", f"{_FIRST[i % len(_FIRST)]} {_LAST[i // len(_FIRST) % len(_LAST)]} {i}",
               [f"{_LAST[i // len(_FIRST) % len(_LAST)]} {i}"], [rng.choice(("minister", "spokesman", "mayor"))])
        for i in range(max(1, statements // 50))
    ]
    outlets = [f"Outlet {i}" for i in range(OUTLETS)]
    speakers = Zipf(actors)
    started = time.perf_counter()
    batch: list[ParsedArticle] = []
    links: dict[str, str | None] = {}
    said: list[Statement] = []
    with Ledger.open(db) as ledger:
        for n in range(statements // PER_ARTICLE):
            title = " ".join(words.pick(rng) for _ in range(7)).capitalize() + f" ({n})"
            lines, spans = [title], []
            offset = len(title) + 1
            for _ in range(PER_ARTICLE):
                actor = speakers.pick(rng) if rng.random() > 0.15 else None
                speaker = actor.aliases[0] if actor else "a spokesman"
                content = " ".join(words.pick(rng) for _ in range(rng.randint(10, 25)))
                quoted = rng.random() < 0.3
                cue = rng.choice(_CUES)
                line = f"{speaker} {cue} " + (f"“{content}”." if quoted else f"{content}.")
                start = offset + len(speaker) + len(cue) + 2 + quoted
                spans.append((actor, Span(offset, offset + len(speaker), speaker),
                              Span(offset + len(speaker) + 1, offset + len(speaker) + 1 + len(cue), cue),
                              Span(start, start + len(content), content), Span(offset, offset + len(line), line)))
                lines.append(line)
                offset += len(line) + 1
            text = "\n".join(lines) + "\n"
            aid = article_id(text)
            published = date(2022, 1, 1) + timedelta(days=n * 365 // (statements // PER_ARTICLE))
            article = Article(aid, f"corpus/{n:06d}.html", text, "html", title=title, outlet=rng.choice(outlets),
                              published_at=published)
            found = []
            for actor, speaker, cue, content, sentence in spans:
                kind = rng.choices([k for k, _ in _KINDS], [w for _, w in _KINDS])[0]
                s = Statement(statement_id(aid, content.start, content.end), aid, content, kind, speaker=speaker,
                              cue=cue, cue_lemma=cue.text.split()[0], sentence=sentence,
                              said_at=published.isoformat(), confidence=0.9)
                links[s.id] = actor.id if actor else None
                found.append(s)
            said.extend(found)
            batch.append(ParsedArticle(article, found))
            if len(batch) == 500:
                ledger.add_parsed(batch)
                batch = []
        ledger.add_parsed(batch)
        ledger.replace_analysis(_analysis(rng, said, links, actors))
    return time.perf_counter() - started


def _analysis(rng: random.Random, said: list, links: dict, actors: list) -> Any:
    from claimledger.records import (
        Contradiction,
        CorpusAnalysis,
        Framing,
        Position,
        Proposition,
        Stance,
        TimelinePoint,
    )

    labels, weights = ("support", "deny", "hedge", "neutral"), (40, 30, 15, 15)
    propositions = Zipf([f"p{i}" for i in range(max(1, len(said) // 100))])
    members: dict[str, list[str]] = defaultdict(list)
    stances, timelines = [], defaultdict(list)
    for s in said:
        if rng.random() < 0.6:
            pid = propositions.pick(rng)
            members[pid].append(s.id)
            label = rng.choices(labels, weights)[0]
            stances.append(Stance(s.id, pid, label, round(rng.random(), 3), rng.choice(("rules.v1", "nli.v1"))))
            if links[s.id]:
                timelines[(links[s.id], pid)].append(TimelinePoint(s.said_at, label, s.id))
    positions = [Position(entity, pid, points) for (entity, pid), points in timelines.items()]
    contradictions = [
        Contradiction("reversal", p.proposition_id, a.statement_id, b.statement_id, "changed sides",
                      strength=round(rng.random(), 3))
        for p in positions for a, b in zip(p.timeline, p.timeline[1:], strict=False)
        if {a.stance, b.stance} == {"support", "deny"}
    ][: len(said) // 50]
    framing = [Framing(aid, None) for aid in dict.fromkeys(s.article_id for s in said)]
    return CorpusAnalysis(
        entities=actors, speaker_links=links, stances=stances, positions=positions, contradictions=contradictions,
        framing=framing,
        propositions=[Proposition(pid, f"proposition {pid}", members[pid]) for pid in propositions.items],
    )


# --- the requests -----------------------------------------------------------------------


@dataclass
class Case:
    name: str
    params: dict[str, Any]
    where: str = ""  # the bare SQL's condition, with `?` for `args`
    args: tuple[Any, ...] = ()


def cases(db: Path, statements: int) -> list[Case]:
    """The requests to time, with values read from the ledger (the busiest speaker, …)."""
    with sqlite3.connect(db) as conn:
        def one(sql: str, *args: Any) -> Any:
            return conn.execute(sql, args).fetchone()[0]

        speakers = conn.execute(
            "SELECT speaker_entity_id, count(*) n FROM statements WHERE speaker_entity_id IS NOT NULL "
            "GROUP BY speaker_entity_id ORDER BY n DESC, speaker_entity_id"
        ).fetchall()
        (busiest, busy_n), (rare, _) = speakers[0], speakers[len(speakers) // 2]
        article = one("SELECT id FROM articles WHERE pk = ?", statements // PER_ARTICLE // 2)
        direct = one("SELECT count(*) FROM statements WHERE kind = 'direct'")
        outlet = one("SELECT outlet FROM articles GROUP BY outlet ORDER BY count(*) DESC, outlet")
        proposition = one("SELECT proposition_id FROM proposition_statements GROUP BY proposition_id "
                          "ORDER BY count(*) DESC, proposition_id")
        words = "instr(lower(content_text || ' ' || coalesce(speaker_text, '')), ?) > 0"
        common, rarer = _WORDS[0], f"{_WORDS[5]} {_WORDS[30]}"
        with_common = one(f"SELECT count(*) FROM statements WHERE {words}", common)
    by_speaker, by_kind = "speaker_entity_id = ?", "kind = ?"
    return [
        Case("no filter, offset 0", {}),
        Case(f"no filter, offset {statements // 2:,}", {"offset": statements // 2}),
        Case("no filter, last page", {"offset": statements - PAGE}),
        Case(f"speaker (busiest, {busy_n:,} statements)", {"speaker_entity_id": busiest}, by_speaker, (busiest,)),
        Case("speaker (busiest), last page", {"speaker_entity_id": busiest, "offset": busy_n - PAGE},
             by_speaker, (busiest,)),
        Case("speaker (median)", {"speaker_entity_id": rare}, by_speaker, (rare,)),
        Case("article", {"article_id": article}, "article_id = ?", (article,)),
        Case(f"kind=direct ({direct:,})", {"kind": "direct"}, by_kind, ("direct",)),
        Case("kind=direct, last page", {"kind": "direct", "offset": direct - PAGE}, by_kind, ("direct",)),
        Case("speaker + kind", {"speaker_entity_id": busiest, "kind": "direct"},
             f"{by_speaker} AND {by_kind}", (busiest, "direct")),
        Case("outlet (article join)", {"outlet": outlet},
             "article_id IN (SELECT id FROM articles WHERE outlet = ?)", (outlet,)),
        Case("proposition (membership join)", {"proposition_id": proposition},
             "id IN (SELECT statement_id FROM proposition_statements WHERE proposition_id = ?)", (proposition,)),
        Case("stance=deny (stances join)", {"stance": "deny"},
             "id IN (SELECT statement_id FROM stances WHERE stance = ?)", ("deny",)),
        Case(f"q={common}", {"q": common}, words, (common,)),
        Case(f"q={rarer}", {"q": rarer}, f"{words} AND {words}", tuple(rarer.split())),
        Case(f"q={common}, last page", {"q": common, "offset": with_common - PAGE}, words, (common,)),
    ]


def bare_page(conn: sqlite3.Connection, case: Case) -> tuple[int, list[str]]:
    """The case's total and page with hand-written SQL: what the API answers, without the API."""
    where = f"WHERE {case.where}" if case.where else ""
    total = conn.execute(f"SELECT count(*) FROM statements {where}", case.args).fetchone()[0]
    rows = conn.execute(
        f"SELECT * FROM statements {where} ORDER BY pk LIMIT ? OFFSET ?",
        (*case.args, PAGE, case.params.get("offset", 0)),
    ).fetchall()
    return total, [row[1] for row in rows]


def timings(run: Callable[[], object], repeat: int) -> list[float]:
    for _ in range(2):
        run()
    measured = []
    for _ in range(repeat):
        started = time.perf_counter()
        run()
        measured.append(time.perf_counter() - started)
    return measured


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[round(q * (len(ordered) - 1))]


def before(ledger: Any, speaker_entity_id: str | None = None) -> dict[str, Any]:
    """A page as the route answered it before issue 21: the statements, articles and stances
    read into memory (`LedgerIndex`), then filtered in Python."""
    from claimledger.store import _rows
    from claimledger.views._index import LedgerIndex

    index = LedgerIndex(ledger)

    def keep(s: Any) -> bool:
        article = index.articles.get(s.article_id)  # read for the outlet and stance filters
        stances = index.stances_per_statement.get(s.id, [])
        return (speaker_entity_id is None or s.speaker_entity_id == speaker_entity_id) and (article, stances) != ()

    kept = list(filter(keep, index.statements.values()))
    return {"total": len(kept), "items": [_rows.statement_row(s) for s in kept[:PAGE]]}


# --- the run ----------------------------------------------------------------------------


def machine() -> str:
    memory = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    return (f"{platform.machine()}, {os.cpu_count()} CPUs, {memory:.0f} GiB, Python {platform.python_version()}, "
            f"SQLite {sqlite3.sqlite_version}")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--statements", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=30, help="timed runs of each request")
    parser.add_argument("--keep", type=Path, default=None, help="keep the built ledger at this path")
    parser.add_argument("--ledger", type=Path, default=None, help="time this ledger (from --keep) instead of building")
    args = parser.parse_args(argv)

    from fastapi.testclient import TestClient

    from claimledger.server import create_app
    from claimledger.store import Ledger

    load = os.getloadavg()
    print(f"machine: {machine()}")
    print(f"load average at start: {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}")
    work = Path(tempfile.mkdtemp(prefix="claimledger-paging-"))
    try:
        db = args.ledger or args.keep or work / "paging.db"
        if args.ledger is None:
            seconds = build(db, args.statements)
            print(f"built {db} in {seconds:.0f} s")
        with Ledger.open(db, create=False) as ledger:
            counts = {t: ledger.count(t) for t in ("articles", "statements", "entities", "propositions", "stances",
                                                  "positions", "contradictions", "framing")}
        size = db.stat().st_size / 2**20
        print("ledger: " + ", ".join(f"{n:,} {t}" for t, n in counts.items()) + f"; {size:.0f} MiB")

        rows = []
        bare = sqlite3.connect(db)
        timed = cases(db, counts["statements"])
        with TestClient(create_app(db)) as client:
            floor = timings(lambda: client.get("/favicon.ico"), args.repeat)
            print(f"the app's floor, a request that reads no ledger (/favicon.ico): "
                  f"p50 {percentile(floor, 0.5) * 1000:.1f} ms, p95 {percentile(floor, 0.95) * 1000:.1f} ms")
            for case in timed:
                params = {**case.params, "limit": PAGE}

                def api(params: dict[str, Any] = params) -> dict[str, Any]:
                    response = client.get("/api/statements", params=params)
                    assert response.status_code == 200, response.text
                    return response.json()

                answer, (total, ids) = api(), bare_page(bare, case)
                assert (answer["total"], [s["id"] for s in answer["items"]]) == (total, ids), case.name
                api_times = timings(api, args.repeat)
                sql_times = timings(lambda case=case: bare_page(bare, case), args.repeat)
                row = (case.name, total, percentile(api_times, 0.5), percentile(api_times, 0.95),
                       percentile(sql_times, 0.5), percentile(sql_times, 0.95))
                rows.append(row)
                print(f"{row[0]:42s} total {row[1]:>7,}  API p50 {row[2] * 1000:7.1f} ms p95 {row[3] * 1000:7.1f} ms"
                      f"  SQL p50 {row[4] * 1000:7.1f} ms p95 {row[5] * 1000:7.1f} ms  {row[2] / row[4]:5.1f}x")
        bare.close()

        old = []
        with Ledger.open(db, create=False) as ledger:
            busiest = next(c.params["speaker_entity_id"] for c in timed if "speaker_entity_id" in c.params)
            for name, filters in (("no filter, offset 0", {}), ("speaker (busiest)", {"speaker_entity_id": busiest})):
                seconds = timings(lambda filters=filters: before(ledger, **filters), 3)
                old.append((name, statistics.median(seconds)))
                print(f"before issue 21, {name}: {old[-1][1]:.2f} s a request (median of 3)")
    finally:
        shutil.rmtree(work, ignore_errors=True)

    load = os.getloadavg()
    print(f"load average at end: {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}")
    print("\n--- paste into benchmarks/RESULTS.md ---")
    print(f"Machine: {machine()}. `python benchmarks/api_paging.py --repeat {args.repeat}`, load average "
          f"{load[0]:.2f} at the end. Ledger: " + ", ".join(f"{n:,} {t}" for t, n in counts.items()) + ".\n")
    print("| request (`/api/statements`, limit 50) | total | API p50 | API p95 | bare SQL p50 | bare SQL p95 | "
          "API / SQL (p50) |\n|---|---|---|---|---|---|---|")
    for name, total, a50, a95, s50, s95 in rows:
        print(f"| {name} | {total:,} | {a50 * 1000:.1f} ms | {a95 * 1000:.1f} ms | {s50 * 1000:.1f} ms | "
              f"{s95 * 1000:.1f} ms | {a50 / s50:.1f}x |")
    print(f"\nThe app's floor, a request that reads no ledger (`/favicon.ico`): p50 {percentile(floor, 0.5) * 1000:.1f}"
          f" ms. Before (every statement, article and stance read, then filtered in Python, on every request): "
          + "; ".join(f"{name} {seconds:.2f} s" for name, seconds in old) + ".")


if __name__ == "__main__":
    main()
