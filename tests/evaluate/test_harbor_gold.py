"""The demo story's hand annotation (examples/harbor-story/gold.json).

The gold was written from the four articles' text alone, in the seeds gold's
schema ("claimledger-gold/1"). These tests check that it is well-formed, that
every span it names is verbatim in its article, and that `evaluate gold`
scores a ledger of the demo story against it. No accuracy floors here: they
are set where the pipeline is tuned.
"""

from __future__ import annotations

import csv
from collections import Counter
from pathlib import Path

import pytest

from claimledger.evaluate import format_scores, load_gold, score_gold
from claimledger.evaluate.gold import article_key, is_apparent

KINDS = {"direct", "indirect", "mixed"}
STANCES = {"support", "deny", "hedge"}
ENTITY_TYPES = {"PERSON", "ORG", "GPE", "NORP"}


@pytest.fixture(scope="module")
def story_dir(examples_dir: Path) -> Path:
    return examples_dir / "harbor-story"


@pytest.fixture(scope="module")
def gold(story_dir: Path) -> dict:
    return load_gold(story_dir / "gold.json")


@pytest.fixture(scope="module")
def texts(story_dir: Path, gold: dict) -> dict[str, str]:
    """Raw article text by gold article key ("01-kestrel-bay-courier")."""
    return {article_key(a["file"]): (story_dir / a["file"]).read_text(encoding="utf-8") for a in gold["articles"]}


def test_harbor_gold_covers_the_story(story_dir: Path, gold: dict):
    assert gold["schema"] == "claimledger-gold/1"
    files = sorted(p.name for p in story_dir.glob("*.txt"))
    assert sorted(a["file"] for a in gold["articles"]) == files
    with (story_dir / "manifest.csv").open(newline="", encoding="utf-8") as fh:
        outlets = {row["file"]: row["outlet"] for row in csv.DictReader(fh)}
    for a in gold["articles"]:
        assert set(a) >= {"file", "title", "outlet", "boilerplate"}
        assert a["outlet"] == outlets[a["file"]]
        assert isinstance(a["boilerplate"], list)


def test_harbor_gold_records_are_well_formed(gold: dict):
    entities = {e["id"]: e for e in gold["entities"]}
    assert len(entities) == len(gold["entities"])
    for e in gold["entities"]:
        assert set(e) >= {"id", "type", "name", "aliases", "roles"}
        assert e["type"] in ENTITY_TYPES
        assert e["aliases"] and isinstance(e["roles"], list)
    assert entities["kestrel-bay"]["type"] == "GPE"

    statements = {s["id"]: s for s in gold["statements"]}
    assert len(statements) == len(gold["statements"])
    keys = {article_key(a["file"]) for a in gold["articles"]}
    for s in gold["statements"]:
        assert set(s) >= {"id", "article", "speaker", "speaker_text", "cue", "kind", "content", "time_text"}
        assert s["article"] in keys
        assert s["speaker"] is None or s["speaker"] in entities
        assert s["kind"] in KINDS
        assert s["content"]

    prop_ids = set()
    for p in gold["propositions"]:
        assert p["id"] not in prop_ids and p["text"] and p["stances"]
        prop_ids.add(p["id"])
        for st in p["stances"]:
            assert st["speaker"] in entities
            assert st["stance"] in STANCES
            for sid in st["statements"]:
                assert statements[sid]["speaker"] == st["speaker"], (p["id"], sid)

    listed = {(sid, p["id"]): st["stance"] for p in gold["propositions"] for st in p["stances"] for sid in st["statements"]}
    for c in gold["contradictions"]:
        assert c["kind"] in {"reversal", "dispute"}
        assert c["proposition"] in prop_ids
        a, b = c["statement_a"], c["statement_b"]
        assert statements[a]["speaker"] == c["speaker_a"] and statements[b]["speaker"] == c["speaker_b"]
        stance_a, stance_b = listed[(a, c["proposition"])], listed[(b, c["proposition"])]
        if c["kind"] == "dispute":
            assert c["speaker_a"] != c["speaker_b"]
            assert {stance_a, stance_b} == {"support", "deny"}, c
        else:
            assert c["speaker_a"] == c["speaker_b"]
            assert stance_a != stance_b, c
    kinds = Counter(c["kind"] for c in gold["contradictions"])
    assert kinds["reversal"] and kinds["dispute"]
    assert any(is_apparent(c) for c in gold["contradictions"] if c["kind"] == "reversal")


def test_harbor_gold_spans_are_verbatim(gold: dict, texts: dict[str, str]):
    for s in gold["statements"]:
        text = texts[s["article"]]
        for field in ("content", "speaker_text", "cue", "time_text"):
            if s[field] is not None:
                assert s[field] in text, (s["id"], field, s[field])
    for a in gold["articles"]:
        lines = {line.strip() for line in texts[article_key(a["file"])].splitlines()}
        assert a["title"] in lines
        for line in a["boilerplate"]:
            assert line in lines, line
    story = "\n".join(texts.values())
    for e in gold["entities"]:
        for alias in e["aliases"]:
            assert alias in story, (e["id"], alias)


def test_harbor_gold_aliases_name_one_entity_each(gold: dict):
    owners: dict[str, set[str]] = {}
    for e in gold["entities"]:
        for name in [e["name"], *e["aliases"]]:
            key = name.casefold().removeprefix("the ")
            owners.setdefault(key, set()).add(e["id"])
    assert {k: v for k, v in owners.items() if len(v) > 1} == {}


@pytest.mark.slow
def test_harbor_gold_scores_a_ledger_of_the_demo_story(story_dir: Path, gold: dict, tmp_path: Path):
    from claimledger.pipeline import analyze
    from claimledger.store import Ledger
    from claimledger.store.export import ledger_to_dict

    db = tmp_path / "harbor.db"
    # The articles by name (their manifest beside them still applies): the
    # folder also holds gold.json, which is not an input.
    summary = analyze([str(story_dir / a["file"]) for a in gold["articles"]], str(db))
    assert not summary.skipped, summary.skipped
    with Ledger.open(str(db), create=False) as ledger:
        export = ledger_to_dict(ledger)

    scores = score_gold(export, gold)
    assert scores.statements.gold == len(gold["statements"])
    assert scores.statements.predicted > 0
    assert scores.speakers.total > 0
    assert scores.stances.gold == len(
        {(st["speaker"], p["id"], st["stance"]) for p in gold["propositions"] for st in p["stances"]}
    )
    assert scores.reversals.gold == sum(c["kind"] == "reversal" for c in gold["contradictions"])
    assert scores.disputes.gold == sum(c["kind"] == "dispute" for c in gold["contradictions"])
    assert scores.apparent_flagged.total == sum(
        c["kind"] == "reversal" and is_apparent(c) for c in gold["contradictions"]
    )
    assert scores.time_expressions.total == sum(bool(s["time_text"]) for s in gold["statements"])
    assert scores.boilerplate_removed is not None and scores.boilerplate_removed.total == sum(
        len(a["boilerplate"]) for a in gold["articles"]
    )
    assert scores.attributions is not None
    sections = [row[0] for row in scores.as_rows()]
    for section in ("statements precision", "speaker accuracy", "stances recall", "reversals recall",
                    "disputes recall", "time expressions found"):
        assert section in sections
    assert format_scores(scores, title="Harbor gold").row_count == len(sections)
