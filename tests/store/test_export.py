"""Tests for claimledger/store/export.py: the docs/export.md contract and the table formats."""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
import story

from claimledger.errors import ConfigError
from claimledger.store import EXPORT_FORMATS, Ledger, export, ledger_to_dict
from claimledger.store.export import EXPORT_TABLES, NO_DATES_NOTE

# docs/export.md, field by field: what each must hold. Extra fields are allowed.
STR, OPT_STR, INT, OPT_INT, NUM = (str,), (str, type(None)), (int,), (int, type(None)), (int, float)
ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
ISO_DATE_OR_INTERVAL = re.compile(r"^\d{4}-\d{2}-\d{2}(/\d{4}-\d{2}-\d{2})?$")

CONTRACT: dict[str, dict[str, tuple[type, ...]]] = {
    "articles": {
        "id": STR, "source": STR, "outlet": OPT_STR, "title": OPT_STR,
        "published_at": OPT_STR, "text": STR, "duplicate_of": OPT_STR,
        "language": OPT_STR, "analysed": (bool,),
    },
    "entities": {"id": STR, "type": STR, "name": STR, "aliases": (list,), "roles": (list,)},
    "statements": {
        "id": STR, "article_id": STR, "speaker_entity_id": OPT_STR,
        "speaker_text": OPT_STR, "speaker_start": OPT_INT, "speaker_end": OPT_INT,
        "cue_text": OPT_STR, "cue_start": OPT_INT, "cue_end": OPT_INT,
        "content_text": STR, "content_start": INT, "content_end": INT,
        "kind": STR, "said_at": OPT_STR, "said_at_text": OPT_STR, "confidence": NUM,
    },
    "propositions": {"id": STR, "label": STR, "statement_ids": (list,)},
    "stances": {
        "statement_id": STR, "proposition_id": STR, "stance": STR, "score": NUM, "method": STR,
    },
    "positions": {"entity_id": STR, "proposition_id": STR, "timeline": (list,)},
    "contradictions": {
        "kind": STR, "proposition_id": STR, "statement_a": STR, "statement_b": STR,
        "explanation": STR,
    },
    "framing": {
        "outlet": OPT_STR, "article_id": STR, "cues_by_speaker": (dict,),
        "quoted_entities": (list,), "notes": (list,),
    },
}
ENUMS = {
    ("entities", "type"): {"PERSON", "ORG", "GPE", "NORP", "OTHER"},
    ("statements", "kind"): {"direct", "indirect", "mixed", "according_to"},
    ("stances", "stance"): {"support", "deny", "hedge", "neutral"},
    ("contradictions", "kind"): {"reversal", "dispute"},
}


@pytest.fixture
def doc(ledger: Ledger) -> dict[str, Any]:
    return ledger_to_dict(ledger)


def test_ledger_to_dict_follows_every_field_of_the_contract(doc: dict[str, Any]) -> None:
    assert doc["schema"] == "claimledger/1"
    for table, fields in CONTRACT.items():
        assert doc[table], f"the story should fill {table}"
        for row in doc[table]:
            for name, types in fields.items():
                assert isinstance(row[name], types), (table, name, row[name])
                if (table, name) in ENUMS:
                    assert row[name] in ENUMS[table, name], (table, name)
    for article in doc["articles"]:
        assert article["published_at"] is None or ISO_DATE.match(article["published_at"])
    for s in doc["statements"]:
        assert s["said_at"] is None or ISO_DATE_OR_INTERVAL.match(s["said_at"])
        assert 0 <= s["confidence"] <= 1
    for position in doc["positions"]:
        for point in position["timeline"]:
            assert set(point) == {"date", "stance", "statement_id"}
    for f in doc["framing"]:
        for cues in f["cues_by_speaker"].values():
            assert all(isinstance(n, int) for n in cues.values())


def test_ledger_to_dict_offsets_index_the_stored_text(doc: dict[str, Any]) -> None:
    texts = {a["id"]: a["text"] for a in doc["articles"]}
    for s in doc["statements"]:
        text = texts[s["article_id"]]
        for span in ("speaker", "cue", "content"):
            if s[f"{span}_start"] is not None:
                assert text[s[f"{span}_start"] : s[f"{span}_end"]] == s[f"{span}_text"]
        if s["said_at_start"] is not None:
            assert text[s["said_at_start"] : s["said_at_end"]] == s["said_at_text"]
        assert s["content_text"] in text[s["sentence_start"] : s["sentence_end"]]
    for m in doc["mentions"]:
        assert texts[m["article_id"]][m["start"] : m["end"]] == m["text"]


def test_ledger_to_dict_ids_refer_to_records_in_the_export(doc: dict[str, Any]) -> None:
    statements = {s["id"] for s in doc["statements"]}
    entities = {e["id"] for e in doc["entities"]}
    propositions = {p["id"] for p in doc["propositions"]}
    assert {s["speaker_entity_id"] for s in doc["statements"]} <= entities
    assert {sid for p in doc["propositions"] for sid in p["statement_ids"]} <= statements
    assert {s["proposition_id"] for s in doc["stances"]} <= propositions
    for c in doc["contradictions"]:
        assert {c["statement_a"], c["statement_b"]} <= statements


def test_ledger_to_dict_keeps_extras_and_is_json(doc: dict[str, Any]) -> None:
    assert doc["contradictions"][0]["apparent"] is True
    # strength: measured for the reversal, not for the dispute (null, as in older ledgers)
    assert [c["strength"] for c in doc["contradictions"]] == [0.62, None]
    assert doc["framing"][0]["paraphrased_entities"] == [story.BLINKEN]
    assert doc["statements"][0]["cue_lemma"] == "say"
    assert doc["articles"][0]["removed_boilerplate"][0]["reason"] == "call-to-action"
    assert doc["skipped"][0]["code"] == "E006"
    assert "note" not in doc
    assert json.loads(json.dumps(doc)) == doc


def test_ledger_to_dict_notes_when_no_article_is_dated(db_path: Path) -> None:
    with Ledger.open(db_path) as ledger:
        ledger.add_parsed(story.parsed_articles(dated=False))
        doc = ledger_to_dict(ledger)
    assert doc["note"] == NO_DATES_NOTE
    assert all(a["published_at"] is None for a in doc["articles"])


def test_export_json_writes_to_stdout(ledger: Ledger, capsys: pytest.CaptureFixture[str]) -> None:
    export(ledger, "json", None)
    assert json.loads(capsys.readouterr().out) == ledger_to_dict(ledger)


def test_export_json_writes_to_a_file(ledger: Ledger, tmp_path: Path) -> None:
    out = tmp_path / "out" / "story.json"
    export(ledger, "json", out)
    assert json.loads(out.read_text(encoding="utf-8"))["articles"][1]["outlet"] == "Caspian Times"


def test_export_csv_writes_one_file_per_table(ledger: Ledger, tmp_path: Path) -> None:
    doc = ledger_to_dict(ledger)
    export(ledger, "csv", tmp_path / "csv")
    assert sorted(p.stem for p in (tmp_path / "csv").iterdir()) == sorted(EXPORT_TABLES)
    for table in EXPORT_TABLES:
        frame = pd.read_csv(tmp_path / "csv" / f"{table}.csv", keep_default_na=False)
        assert len(frame) == len(doc[table]), table
    statements = pd.read_csv(tmp_path / "csv" / "statements.csv")
    assert statements["content_start"].tolist() == [s["content_start"] for s in doc["statements"]]
    assert "cue_start" in (tmp_path / "csv" / "statements.csv").read_text().splitlines()[0]
    entities = pd.read_csv(tmp_path / "csv" / "entities.csv")
    assert json.loads(entities["aliases"][1]) == ["Antony Blinken", "Blinken"]
    articles = pd.read_csv(tmp_path / "csv" / "articles.csv")
    assert articles["text"].tolist() == [a["text"] for a in doc["articles"]]


def test_export_csv_keeps_offsets_integers_where_some_are_missing(
    db_path: Path, tmp_path: Path
) -> None:
    with Ledger.open(db_path) as ledger:
        batch = story.parsed_articles()
        batch[0].statements[0].speaker = None  # "Iran has denied…" with no span
        ledger.add_parsed(batch)
        export(ledger, "csv", tmp_path)
    header, first, second, *_ = (tmp_path / "statements.csv").read_text().splitlines()
    starts = header.split(",").index("cue_start")
    assert ",,," in first  # no speaker: empty cells, not "nan"
    assert re.fullmatch(r"\d+", second.split(",")[starts])


def test_export_parquet_writes_one_file_per_table(ledger: Ledger, tmp_path: Path) -> None:
    doc = ledger_to_dict(ledger)
    export(ledger, "parquet", tmp_path / "pq")
    for table in EXPORT_TABLES:
        frame = pd.read_parquet(tmp_path / "pq" / f"{table}.parquet")
        assert len(frame) == len(doc[table]), table
    positions = pd.read_parquet(tmp_path / "pq" / "positions.parquet")
    assert [p["stance"] for p in positions["timeline"][0]] == ["deny", "hedge"]
    framing = pd.read_parquet(tmp_path / "pq" / "framing.parquet")
    assert json.loads(framing["cues_by_speaker"][0]) == doc["framing"][0]["cues_by_speaker"]
    articles = pd.read_parquet(tmp_path / "pq" / "articles.parquet")
    assert date.fromisoformat(articles["published_at"][0]) == date(2022, 11, 5)


def test_export_unknown_format_lists_the_available_ones(ledger: Ledger) -> None:
    available = r"unknown export format 'xlsx'\. Available: csv, json, parquet"
    with pytest.raises(ConfigError, match=available):
        export(ledger, "xlsx", None)
    assert EXPORT_FORMATS.names() == ["csv", "json", "parquet"]


def test_export_csv_needs_an_output_folder(ledger: Ledger) -> None:
    with pytest.raises(ConfigError, match="E026 .*--out DIR"):
        export(ledger, "csv", None)
