"""The ledger's tables, as SQLAlchemy Core, portable to SQLite and PostgreSQL.

Column names, in order, are the field names of the JSON export (docs/export.md), so
a row and an exported object are the same shape and nothing is renamed on the
way out.
Every table has an integer `pk` so that reads come back in the order things
were written (statements keep their relative order even without dates); the
records' own ids are unique columns next to it.

Two groups of tables:

* per-article, written once by `Ledger.add_parsed` and never changed
  (except `statements.speaker_entity_id`): articles, statements, mentions,
  plus the `skipped` log;
* corpus-wide, deleted and rewritten together by `Ledger.replace_analysis`:
  entities, propositions, proposition_statements, stances, positions,
  contradictions, framing, and `claim_units` (which general proposition each
  sentence of a statement joined: what an incremental run builds on; not
  exported, since `proposition_statements` says the same per statement).

Beside them, two caches: `embeddings` holds sentence vectors keyed by model
and text, so that re-analysing a grown corpus embeds only new statements, and
`sketches` the MinHash sketch of each original article, so that finding the
copies among new articles does not re-read and re-sketch every article held.
They are no part of the ledger's meaning: emptying them changes nothing but
speed, and a ledger written before they existed gets them on the next open.

Indexes are on the columns the API's lists filter by (`queries.py`), so that
the database finds a page without reading the table. Like the caches, they
change nothing but speed: `Ledger.open` creates any that an older ledger lacks.
"""

from __future__ import annotations

from sqlalchemy import (
    JSON,
    Boolean,
    Column,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
)

SCHEMA_VERSION = "claimledger/1"

metadata = MetaData()

_ID = 64  # ids are short digests or slugs; 64 leaves room for both.


def _pk() -> Column:
    return Column("pk", Integer, primary_key=True, autoincrement=True)


def _keyed() -> tuple[Column, Column]:
    """The columns of a record with an id: its row number, and the id itself."""
    return _pk(), Column("id", String(_ID), nullable=False, unique=True)


def _ref(name: str, target: str, *, nullable: bool = False, index: bool = True) -> Column:
    """A column holding another record's id, checked by the database."""
    return Column(name, String(_ID), ForeignKey(target), nullable=nullable, index=index)


meta = Table(
    "meta",
    metadata,
    Column("key", String(64), primary_key=True),
    Column("value", Text, nullable=False),
)

articles = Table(
    "articles",
    metadata,
    *_keyed(),
    Column("source", Text, nullable=False),
    Column("outlet", Text, index=True),
    Column("title", Text),
    Column("published_at", Date, index=True),
    Column("text", Text, nullable=False),
    # Not a foreign key: the original may arrive in a later batch.
    Column("duplicate_of", String(_ID)),
    Column("source_kind", String(32), nullable=False),
    Column("url", Text),
    Column("date_source", String(32)),
    Column("removed_boilerplate", JSON, nullable=False),  # [{line_no, text, reason}]
    Column("encoding", String(64)),
    Column("language", String(16)),  # ISO 639-1; null where it could not be told
    Column("analysed", Boolean),  # false: no model for the language; null (older ledgers): analysed
)

skipped = Table(
    "skipped",
    metadata,
    _pk(),
    Column("source", Text, nullable=False),
    Column("reason", Text, nullable=False),
    Column("code", String(16), nullable=False),
    Column("run_at", DateTime(timezone=True), nullable=False),
)

statements = Table(
    "statements",
    metadata,
    *_keyed(),
    _ref("article_id", "articles.id"),
    # Not a foreign key: entities are rewritten by every analysis.
    Column("speaker_entity_id", String(_ID), index=True),
    Column("speaker_text", Text),
    Column("speaker_start", Integer),
    Column("speaker_end", Integer),
    Column("cue_text", Text),
    Column("cue_start", Integer),
    Column("cue_end", Integer),
    Column("content_text", Text, nullable=False),
    Column("content_start", Integer, nullable=False),
    Column("content_end", Integer, nullable=False),
    Column("kind", String(16), nullable=False, index=True),
    Column("said_at", String(32)),
    Column("said_at_text", Text),
    Column("confidence", Float, nullable=False),
    Column("cue_lemma", String(64)),
    Column("cue_negated", Boolean, nullable=False),
    # Spans whose text is read back from the article, not stored twice.
    Column("sentence_start", Integer),
    Column("sentence_end", Integer),
    Column("said_at_start", Integer),
    Column("said_at_end", Integer),
    Column("parent_id", String(_ID)),
    # The pieces of an interrupted span ([[start, end], ...]), null when it is one piece.
    Column("content_fragments", JSON),
    Column("speaker_fragments", JSON),
    Column("cue_fragments", JSON),
    # What a statement with no agent behind it was reported through ("a poll"), or null.
    Column("evidence_text", Text),
    Column("evidence_start", Integer),
    Column("evidence_end", Integer),
)

mentions = Table(
    "mentions",
    metadata,
    _pk(),
    _ref("article_id", "articles.id"),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("text", Text, nullable=False),
    Column("label", String(16), nullable=False),
    Column("entity_id", String(_ID)),
)

entities = Table(
    "entities",
    metadata,
    *_keyed(),
    Column("type", String(16), nullable=False),
    Column("name", Text, nullable=False),
    Column("aliases", JSON, nullable=False),
    Column("roles", JSON, nullable=False),
)

propositions = Table(
    "propositions",
    metadata,
    *_keyed(),
    Column("label", Text, nullable=False),
    # The general proposition this one narrows ("… for use in the war"), or
    # null. Not a foreign key: a ledger is rewritten as a whole.
    Column("parent_id", String(_ID), nullable=True),
)

#: Nullable columns added after a table first shipped, as (table, column):
#: opening an older ledger adds them, so it needs no rebuild.
ADDED_COLUMNS: tuple[tuple[str, str], ...] = (
    ("articles", "encoding"),
    ("articles", "language"),
    ("articles", "analysed"),
    ("propositions", "parent_id"),
    ("framing", "camps"),
    ("framing", "camp_pivot"),
    ("framing", "cues_by_camp"),
    ("framing", "covered_propositions"),
    ("framing", "omitted_propositions"),
    ("contradictions", "strength"),
    ("statements", "content_fragments"),
    ("statements", "speaker_fragments"),
    ("statements", "cue_fragments"),
    ("statements", "evidence_text"),
    ("statements", "evidence_start"),
    ("statements", "evidence_end"),
)

proposition_statements = Table(
    "proposition_statements",
    metadata,
    _pk(),
    # Indexed with the statement (below): a proposition's statements are read from the index alone.
    _ref("proposition_id", "propositions.id", index=False),
    _ref("statement_id", "statements.id"),
    Index("ix_proposition_statements_members", "proposition_id", "statement_id"),
)

stances = Table(
    "stances",
    metadata,
    _pk(),
    _ref("statement_id", "statements.id"),
    _ref("proposition_id", "propositions.id"),
    Column("stance", String(16), nullable=False),
    Column("score", Float, nullable=False),
    Column("method", String(64), nullable=False),
    # The statements with a stance, read from the index alone.
    Index("ix_stances_stance_statement_id", "stance", "statement_id"),
)

positions = Table(
    "positions",
    metadata,
    _pk(),
    Column("entity_id", String(_ID), nullable=False, index=True),
    _ref("proposition_id", "propositions.id"),
    Column("timeline", JSON, nullable=False),  # [{date, stance, statement_id}]
)

contradictions = Table(
    "contradictions",
    metadata,
    _pk(),
    Column("kind", String(16), nullable=False),
    _ref("proposition_id", "propositions.id"),
    _ref("statement_a", "statements.id", index=False),
    _ref("statement_b", "statements.id", index=False),
    Column("explanation", Text, nullable=False),
    Column("apparent", Boolean, nullable=False),
    Column("strength", Float),
)

framing = Table(
    "framing",
    metadata,
    _pk(),
    _ref("article_id", "articles.id"),
    Column("outlet", Text, index=True),
    Column("cues_by_speaker", JSON, nullable=False),  # {entity_id: {cue_lemma: count}}
    Column("quoted_entities", JSON, nullable=False),
    Column("paraphrased_entities", JSON, nullable=False),
    Column("notes", JSON, nullable=False),
    Column("camps", JSON),  # {entity_id: "support" | "deny"}
    Column("camp_pivot", String(_ID)),
    Column("cues_by_camp", JSON),  # {camp: {cue_lemma: count}}
    Column("covered_propositions", JSON),
    Column("omitted_propositions", JSON),
)

claim_units = Table(
    "claim_units",
    metadata,
    _pk(),
    _ref("statement_id", "statements.id"),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    _ref("proposition_id", "propositions.id", index=False),
    Column("assigned", Boolean, nullable=False),
)

embeddings = Table(
    "embeddings",
    metadata,
    Column("key", String(_ID), primary_key=True),  # digest of the model name and the text
    Column("vector", LargeBinary, nullable=False),  # float32, native byte order of numpy's "<f4"
)

sketches = Table(
    "sketches",
    metadata,
    Column("article_id", String(_ID), ForeignKey("articles.id"), primary_key=True),
    Column("kind", String(64), primary_key=True),  # how it was made: `ingest.DuplicateIndex.kind`
    Column("sketch", LargeBinary, nullable=False),  # datasketch's LeanMinHash.serialize, little-endian
)

#: Tables added after claimledger/1 was first written; `Ledger.open` creates them when missing
#: (an empty `claim_units` only means the next analysis clusters every claim afresh, and
#: missing `sketches` are made again from the articles' texts on the next run).
ADDED_TABLES: tuple[Table, ...] = (embeddings, claim_units, sketches)

#: The corpus-wide tables, children before parents: the order to delete in.
ANALYSIS_TABLES: tuple[Table, ...] = (
    framing,
    contradictions,
    positions,
    stances,
    claim_units,
    proposition_statements,
    propositions,
    entities,
)
