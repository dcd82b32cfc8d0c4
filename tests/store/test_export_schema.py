"""Tests for claimledger/store/export.schema.json: the export contract (docs/export.md) as a JSON Schema."""

from __future__ import annotations

import copy
import re
import tomllib
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import story

import claimledger.store
from claimledger.records import Article, CorpusAnalysis, ParsedArticle, Span, Statement, article_id, statement_id
from claimledger.store import Ledger, export_schema, ledger_to_dict
from claimledger.store.export import EXPORT_TABLES

REPO = Path(__file__).resolve().parents[2]
DOCS = (REPO / "docs" / "export.md").read_text(encoding="utf-8")

Doc = dict[str, Any]

# “X,” Ortega said, “Y.”: a quote in two pieces, and a speaker split by an aside.
QUOTE = "“The river is safe,” Ortega, the mayor, said on Monday, “and the plant is clean.”\n"


@pytest.fixture(scope="module")
def validator() -> jsonschema.Draft202012Validator:
    schema = export_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


@pytest.fixture(scope="module")
def harbor_doc(harbor_db: Path) -> Doc:
    with Ledger.open(harbor_db, create=False) as ledger:
        return ledger_to_dict(ledger)


@pytest.fixture
def doc(ledger: Ledger) -> Doc:
    return ledger_to_dict(ledger)


def problems(validator: jsonschema.Draft202012Validator, doc: Doc) -> list[str]:
    return [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator.iter_errors(doc)]


def interrupted_quote() -> ParsedArticle:
    """An article whose one statement has its content and its speaker in two pieces each."""
    first, second = span(QUOTE, "The river is safe"), span(QUOTE, "and the plant is clean")
    ortega, mayor = span(QUOTE, "Ortega"), span(QUOTE, "the mayor")
    content = Span(first.start, second.end, QUOTE[first.start : second.end])
    speaker = Span(ortega.start, mayor.end, QUOTE[ortega.start : mayor.end])
    article = Article(article_id(QUOTE), "quote.txt", QUOTE, outlet="River Post")
    statement = Statement(
        id=statement_id(article.id, content.start, content.end, speaker.start),
        article_id=article.id,
        content=content,
        kind="direct",
        speaker=speaker,
        cue=span(QUOTE, "said"),
        cue_lemma="say",
        said_at_span=span(QUOTE, "on Monday"),
        said_at_text="on Monday",
        content_fragments=((first.start, first.end), (second.start, second.end)),
        speaker_fragments=((ortega.start, ortega.end), (mayor.start, mayor.end)),
    )
    return ParsedArticle(article, [statement])


def span(text: str, phrase: str) -> Span:
    start = text.index(phrase)
    return Span(start, start + len(phrase), phrase)


# --- the schema itself -------------------------------------------------------------


def test_export_schema_is_a_draft_2020_12_schema() -> None:
    schema = export_schema()
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    jsonschema.Draft202012Validator.check_schema(schema)
    assert schema["properties"]["schema"] == {"const": claimledger.store.SCHEMA_VERSION}
    schema["required"].clear()
    assert export_schema()["required"], "each call gives a fresh dict"
    assert "export_schema" in claimledger.store.__all__


def test_export_schema_ships_as_package_data() -> None:
    pyproject = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    assert "store/export.schema.json" in pyproject["tool"]["setuptools"]["package-data"]["claimledger"]
    assert any(r.startswith("jsonschema") for r in pyproject["project"]["optional-dependencies"]["test"])


# --- exports that must pass --------------------------------------------------------


def test_export_schema_accepts_the_demo_story(validator: jsonschema.Draft202012Validator, harbor_doc: Doc) -> None:
    assert harbor_doc["statements"] and harbor_doc["contradictions"] and harbor_doc["framing"]
    assert problems(validator, harbor_doc) == []


def test_export_schema_accepts_the_story_ledger(validator: jsonschema.Draft202012Validator, doc: Doc) -> None:
    assert doc["skipped"] and [c["strength"] for c in doc["contradictions"]] == [0.62, None]
    assert problems(validator, doc) == []


def test_export_schema_accepts_a_ledger_without_dates(
    validator: jsonschema.Draft202012Validator, db_path: Path
) -> None:
    with Ledger.open(db_path) as ledger:
        ledger.add_parsed(story.parsed_articles(dated=False))
        doc = ledger_to_dict(ledger)
    assert "note" in doc and not doc["propositions"]
    assert problems(validator, doc) == []


def test_export_schema_accepts_interrupted_spans(
    validator: jsonschema.Draft202012Validator,
    db_path: Path,
    batch: list[ParsedArticle],
    story_analysis: CorpusAnalysis,
) -> None:
    with Ledger.open(db_path) as ledger:
        ledger.add_parsed([*batch, interrupted_quote()])
        ledger.replace_analysis(story_analysis)
        doc = ledger_to_dict(ledger)
    (quoted,) = [s for s in doc["statements"] if "content_fragments" in s]
    assert [QUOTE[a:b] for a, b in quoted["speaker_fragments"]] == ["Ortega", "the mayor"]
    assert "cue_fragments" not in quoted
    assert problems(validator, doc) == []


def test_export_schema_accepts_an_empty_ledger(validator: jsonschema.Draft202012Validator, db_path: Path) -> None:
    with Ledger.open(db_path) as ledger:
        doc = ledger_to_dict(ledger)
    assert all(doc[name] == [] for name in EXPORT_TABLES)
    assert problems(validator, doc) == []


def test_export_schema_allows_extra_fields(validator: jsonschema.Draft202012Validator, doc: Doc) -> None:
    doc["generator"] = "a tool of one's own"
    doc["statements"][0]["sentiment"] = 0.3
    doc["articles"][0]["section"] = None
    doc["framing"][0]["cues_by_speaker"][story.BLINKEN]["tweet"] = 2
    assert problems(validator, doc) == []


def test_demo_export_offsets_index_the_article_text(harbor_doc: Doc) -> None:
    texts = {a["id"]: a["text"] for a in harbor_doc["articles"]}

    def within(text: str, start: int | None, end: int | None) -> bool:
        if start is None or end is None:
            return start is None and end is None
        return 0 <= start <= end <= len(text)

    for s in harbor_doc["statements"]:
        text = texts[s["article_id"]]
        for role in ("speaker", "cue", "content"):
            start, end = s[f"{role}_start"], s[f"{role}_end"]
            assert within(text, start, end), (s["id"], role)
            assert s[f"{role}_text"] == (None if start is None else text[start:end]), (s["id"], role)
            for a, b in s.get(f"{role}_fragments", []):
                assert start <= a < b <= end, (s["id"], role)
        for role in ("sentence", "said_at"):
            assert within(text, s[f"{role}_start"], s[f"{role}_end"]), (s["id"], role)
        if s["said_at_start"] is not None:
            assert text[s["said_at_start"] : s["said_at_end"]] == s["said_at_text"]
    for m in harbor_doc["mentions"]:
        assert within(texts[m["article_id"]], m["start"], m["end"])
        assert texts[m["article_id"]][m["start"] : m["end"]] == m["text"]


# --- exports that must fail --------------------------------------------------------


def _set(path: tuple[Any, ...], value: Any) -> Callable[[Doc], None]:
    def change(doc: Doc) -> None:
        *parents, last = path
        target = doc
        for key in parents:
            target = target[key]
        target[last] = value

    return change


def _drop(path: tuple[Any, ...]) -> Callable[[Doc], None]:
    def change(doc: Doc) -> None:
        *parents, last = path
        target = doc
        for key in parents:
            target = target[key]
        del target[last]

    return change


BROKEN: dict[str, Callable[[Doc], None]] = {
    "statement without content_start": _drop(("statements", 0, "content_start")),
    "stance agree": _set(("stances", 0, "stance"), "agree"),
    "negative offset": _set(("statements", 0, "content_start"), -1),
    "negative speaker offset": _set(("statements", 1, "speaker_end"), -5),
    "negative mention offset": _set(("mentions", 0, "start"), -1),
    "offset as a string": _set(("statements", 0, "cue_start"), "86"),
    "offset with a fraction": _set(("statements", 0, "content_end"), 176.5),
    "schema claimledger/2": _set(("schema",), "claimledger/2"),
    "no schema": _drop(("schema",)),
    "no framing list": _drop(("framing",)),
    "entity type LOCATION": _set(("entities", 0, "type"), "LOCATION"),
    "statement kind quote": _set(("statements", 0, "kind"), "quote"),
    "contradiction kind conflict": _set(("contradictions", 0, "kind"), "conflict"),
    "timeline stance agree": _set(("positions", 0, "timeline", 0, "stance"), "agree"),
    "confidence above 1": _set(("statements", 0, "confidence"), 1.5),
    "score below 0": _set(("stances", 0, "score"), -0.1),
    "strength above 1": _set(("contradictions", 0, "strength"), 62),
    "null fragments": _set(("statements", 0, "content_fragments"), None),
    "fragments of one piece": _set(("statements", 0, "content_fragments"), [[107, 176]]),
    "fragment of three offsets": _set(("statements", 0, "content_fragments"), [[107, 120, 3], [130, 176]]),
    "published_at not ISO": _set(("articles", 0, "published_at"), "4 Nov 2022"),
    "said_at not ISO": _set(("statements", 0, "said_at"), "Friday"),
    "analysed null": _set(("articles", 0, "analysed"), None),
    "text null": _set(("articles", 0, "text"), None),
    "aliases a string": _set(("entities", 0, "aliases"), "Amir-Abdollahian"),
    "statement_ids missing": _drop(("propositions", 0, "statement_ids")),
    "explanation missing": _drop(("contradictions", 0, "explanation")),
    "cue count a string": _set(("framing", 0, "cues_by_speaker", story.PERSIAN, "say"), "1"),
    "camp unaligned": _set(("framing", 0, "camps", story.PERSIAN), "unaligned"),
    "articles an object": _set(("articles",), {}),
}


@pytest.mark.parametrize("change", BROKEN.values(), ids=BROKEN.keys())
def test_export_schema_rejects(
    validator: jsonschema.Draft202012Validator, doc: Doc, change: Callable[[Doc], None]
) -> None:
    assert problems(validator, doc) == []
    broken = copy.deepcopy(doc)
    change(broken)
    assert problems(validator, broken)


# --- the schema, the export and the docs agree ----------------------------------


def _record_schemas(schema: Doc) -> Iterator[tuple[str, Doc]]:
    """(top-level list, the schema of its records) for every list of the export."""
    for name, prop in schema["properties"].items():
        if prop.get("type") == "array":
            yield name, schema["$defs"][prop["items"]["$ref"].rsplit("/", 1)[-1]]


def test_export_schema_declares_every_field_the_export_writes(
    doc: Doc, harbor_doc: Doc, db_path: Path, batch: list[ParsedArticle]
) -> None:
    schema = export_schema()
    with Ledger.open(db_path.with_name("quote.db")) as ledger:
        ledger.add_parsed([*batch, interrupted_quote()])
        quoted = ledger_to_dict(ledger)
    for exported in (doc, harbor_doc, quoted):
        assert set(exported) <= set(schema["properties"])
        for name, record in _record_schemas(schema):
            for row in exported[name]:
                assert set(row) <= set(record["properties"]), (name, set(row) - set(record["properties"]))


def _documented_fields() -> dict[str, dict[str, str]]:
    """docs/export.md's tables: section → field → 'contract', 'extension' or 'absent' (a contract field
    that may be left out)."""
    fields: dict[str, dict[str, str]] = {}
    section = None
    for line in DOCS.splitlines():
        if line.startswith("## "):
            section = line[3:].strip()
            fields[section] = {}
        elif section and line.startswith("| `"):
            cells = [c.strip() for c in line.strip("|").split(" | ")]
            status = "extension" if "extension" in cells or len(cells) == 3 else "contract"
            if status == "contract" and "absent" in cells[1]:
                status = "absent"
            for name in re.findall(r"`([a-z_]+)`", cells[0]):
                fields[section][name] = status
    return fields


def test_docs_describe_every_field_and_mark_the_contract() -> None:
    schema = export_schema()
    documented = _documented_fields()
    top = documented["Top level"]
    assert set(top) == set(schema["properties"])
    assert {n for n, status in top.items() if status == "contract"} == set(schema["required"])
    for name, record in _record_schemas(schema):
        fields = documented[name]
        assert set(fields) == set(record["properties"]), name
        if top[name] == "extension":  # a list beyond the contract: its records are whole
            assert set(record["required"]) == set(fields), name
        else:
            assert {n for n, status in fields.items() if status == "contract"} == set(record["required"]), name
