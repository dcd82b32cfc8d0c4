"""`Ledger`: the one edge between claimledger and its database.

Everything else in claimledger works on records; this class turns them into
rows and back. A ledger is one SQLite file by default, or any database
SQLAlchemy can reach by URL (PostgreSQL for teams)::

    with Ledger.open("story.db") as ledger:
        ledger.add_parsed(batch, skipped)
        ledger.replace_analysis(analyse(ledger.statements(), ledger.mentions()))
        for statement in ledger.iter_statements():
            ...
        page = ledger.page(queries.statements(kind="direct"), limit=50)  # see `queries`

Each write is one transaction: it all lands or none of it does, so what the
ledger already holds is never half-overwritten. Every database error becomes
a `LedgerError` with a one-line message.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence, Set
from contextlib import contextmanager
from datetime import UTC, datetime
from importlib.util import find_spec
from pathlib import Path
from typing import Any, TypeVar

from sqlalchemy import (
    Column,
    ColumnElement,
    Connection,
    Engine,
    Select,
    Table,
    bindparam,
    case,
    create_engine,
    delete,
    event,
    func,
    insert,
    inspect,
    select,
    update,
)
from sqlalchemy import text as sql_text
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, NoSuchModuleError, SQLAlchemyError

from ..errors import ConfigError, Errors, LedgerError
from ..records import (
    Article,
    ClaimUnit,
    Contradiction,
    CorpusAnalysis,
    Entity,
    Framing,
    Mention,
    ParsedArticle,
    Position,
    Proposition,
    SkippedInput,
    Stance,
    Statement,
)
from . import _rows, _sql
from .queries import Listing, Page, statement_rows
from .schema import (
    ADDED_COLUMNS,
    ADDED_TABLES,
    ANALYSIS_TABLES,
    SCHEMA_VERSION,
    articles,
    claim_units,
    contradictions,
    embeddings,
    entities,
    framing,
    mentions,
    meta,
    metadata,
    positions,
    proposition_statements,
    propositions,
    sketches,
    stances,
    statements,
)
from .schema import skipped as skipped_inputs  # `skipped` is add_parsed's argument

__all__ = ["Ledger"]

T = TypeVar("T")

_BUSY_TIMEOUT_MS = 10_000  # how long a writer waits for another one to finish
_STREAM_BATCH = 200  # rows fetched at a time by the iter_* readers
_IN_CHUNK = 500  # ids per IN (...) clause, well under every backend's limit
_PAST_THE_END = 2**62  # an offset beyond any table's rows, and within SQL's 64-bit integers
_CLUSTERING = "clustering"  # meta key: how the analysis's claim units were grouped
# Meta keys of two counters: one is raised in every transaction that adds articles, the
# other records the value the current analysis was computed from. A run killed between
# the two (after its last batch, before or during the corpus stages) leaves the second
# behind the first, so the next run knows the analysis is stale and redoes it.
_ARTICLES_GENERATION = "articles_generation"
_ANALYSIS_GENERATION = "analysis_generation"
_WRITE = "claimledger_write"  # execution option marking a write transaction


class Ledger:
    """A claimledger database. Open it with `Ledger.open`; close it when done."""

    def __init__(self, engine: Engine, name: str) -> None:
        self._engine = engine
        #: How the ledger is named in messages: its path, or its URL without password.
        self.name = name

    # --- opening and closing -----------------------------------------------------

    @classmethod
    def open(cls, db: str | os.PathLike[str], *, create: bool = True) -> Ledger:
        """Open the ledger at `db`, a file path or an SQLAlchemy URL.

        A path is an SQLite file, created (with its folder) when missing unless
        `create` is false. `postgresql://…` uses psycopg 3 when it is installed.
        Raises `LedgerError` when `db` is not a claimledger ledger.
        """
        engine, name = _connect(db, create=create)
        ledger = cls(engine, name)
        try:
            ledger._prepare()
        except BaseException:
            ledger.close()
            raise
        return ledger

    def close(self) -> None:
        """Release the database connections. The ledger can't be used afterwards."""
        self._engine.dispose()

    def __enter__(self) -> Ledger:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"<Ledger {self.name}>"

    def _prepare(self) -> None:
        """Create the tables in an empty database; check the version of a ledger."""
        with self._guard("E020"), self._transaction() as conn:
            tables = set(inspect(conn).get_table_names())
            if meta.name not in tables:
                if tables:
                    # Someone else's database: never write into it.
                    raise LedgerError(
                        Errors.E020.format(
                            db=self.name,
                            reason="it is a database but not a claimledger ledger (no meta table)",
                        )
                    )
                metadata.create_all(conn)
                conn.execute(insert(meta), [{"key": "schema", "value": SCHEMA_VERSION}])
                return
            found = conn.scalar(select(meta.c.value).where(meta.c.key == "schema"))
            if found != SCHEMA_VERSION:
                raise LedgerError(
                    Errors.E022.format(db=self.name, found=found, expected=SCHEMA_VERSION)
                )
            missing = [table for table in ADDED_TABLES if table.name not in tables]
            if missing:
                metadata.create_all(conn, tables=missing)
            _add_missing_columns(conn)
            if _add_missing_indexes(conn):
                _update_statistics(conn)

    # --- writing -------------------------------------------------------------------

    def add_parsed(
        self, batch: Sequence[ParsedArticle], skipped: Sequence[SkippedInput] = ()
    ) -> int:
        """Add articles with their statements, mentions and claim vectors; log skipped inputs.

        One transaction. Articles already in the ledger (same id) are left as
        they are, with their statements and mentions, so re-running the same
        inputs adds nothing twice. Returns how many articles were new.
        """
        with self._writing() as conn:
            named = {p.article.id for p in batch} | {ref for _, ref in _article_refs(batch)}
            present = _present(conn, articles.c.id, named)
            new: list[ParsedArticle] = []
            for parsed in batch:
                if parsed.article.id not in present:
                    present.add(parsed.article.id)  # also drops repeats within the batch
                    new.append(parsed)
            self._check_refs("article", present, _article_refs(new))

            _insert(conn, articles, [_rows.article_row(p.article) for p in new])
            if new:
                _set_meta(conn, _ARTICLES_GENERATION, str(_generation(conn, _ARTICLES_GENERATION) + 1))
            _insert(conn, statements, [_rows.statement_row(s) for p in new for s in p.statements])
            _insert(conn, mentions, [_rows.record_row(m) for p in new for m in p.mentions])
            _insert_embeddings(conn, {key: v for p in new for key, v in p.claim_vectors.items()})
            run_at = datetime.now(UTC)
            _insert(conn, skipped_inputs, [
                {**_rows.record_row(s), "run_at": run_at} for s in skipped
            ])
        return len(new)

    def replace_analysis(self, analysis: CorpusAnalysis, generation: int | None = None) -> None:
        """Replace every corpus-wide result with `analysis`, in one transaction.

        Entities, propositions, stances, positions, contradictions and framing
        are deleted and rewritten; each statement's `speaker_entity_id` is set
        from `analysis.speaker_links` (statements it doesn't name get None).
        If anything fails, the previous analysis is left exactly as it was.
        `generation` is `articles_generation()` as read before the analysis read
        the ledger (default: now): articles added meanwhile leave it stale.
        """
        with self._writing() as conn:
            if generation is None:
                generation = _generation(conn, _ARTICLES_GENERATION)
            _set_meta(conn, _ANALYSIS_GENERATION, str(generation))
            # Every statement's speaker link as held, read once: its ids are what the analysis may
            # point at, and only the links that changed are written (a run that adds a few articles
            # to a large ledger leaves almost all of them as they were).
            held = {sid: eid for sid, eid in conn.execute(select(statements.c.id, statements.c.speaker_entity_id))}
            self._check_analysis(conn, analysis, held.keys())
            for table in ANALYSIS_TABLES:
                conn.execute(delete(table))

            _insert(conn, entities, map(_rows.record_row, analysis.entities))
            _insert(conn, propositions, map(_rows.record_row, analysis.propositions))
            _insert(conn, proposition_statements, [
                {"proposition_id": p.id, "statement_id": s}
                for p in analysis.propositions
                for s in p.statement_ids
            ])
            _insert(conn, stances, map(_rows.record_row, analysis.stances))
            _insert(conn, positions, map(_rows.record_row, analysis.positions))
            _insert(conn, contradictions, map(_rows.record_row, analysis.contradictions))
            _insert(conn, framing, map(_rows.record_row, analysis.framing))
            _insert(conn, claim_units, map(_rows.record_row, analysis.claim_units))
            conn.execute(delete(meta).where(meta.c.key == _CLUSTERING))
            if analysis.clustering is not None:
                conn.execute(insert(meta), [{"key": _CLUSTERING, "value": analysis.clustering}])

            links = {sid: analysis.speaker_links.get(sid) for sid in held}
            changed = [{"statement": sid, "entity": eid} for sid, eid in links.items() if eid != held[sid]]
            if changed:
                conn.execute(
                    update(statements)
                    .where(statements.c.id == bindparam("statement"))
                    .values(speaker_entity_id=bindparam("entity")),
                    changed,
                )
            _update_statistics(conn)

    def _check_analysis(self, conn: Connection, analysis: CorpusAnalysis, statement_ids: Set[str]) -> None:
        """Refuse an analysis that points at statements (other than `statement_ids`, the
        ledger's), propositions or articles that don't exist, with a message naming the first one."""
        a = analysis
        self._check_refs("statement", statement_ids, [
            *((f"speaker link '{sid}'", sid) for sid in a.speaker_links),
            *((f"proposition '{p.id}'", sid) for p in a.propositions for sid in p.statement_ids),
            *((f"a stance on '{s.proposition_id}'", s.statement_id) for s in a.stances),
            *((f"a claim unit on '{u.proposition_id}'", u.statement_id) for u in a.claim_units),
            *(
                (f"a contradiction on '{c.proposition_id}'", sid)
                for c in a.contradictions
                for sid in (c.statement_a, c.statement_b)
            ),
            *(
                (f"the position of '{p.entity_id}'", point.statement_id)
                for p in a.positions
                for point in p.timeline
            ),
        ])
        self._check_refs("proposition", {p.id for p in a.propositions}, [
            *((f"a stance of statement '{s.statement_id}'", s.proposition_id) for s in a.stances),
            *((f"claim unit of statement '{u.statement_id}'", u.proposition_id) for u in a.claim_units),
            *((f"the position of '{p.entity_id}'", p.proposition_id) for p in a.positions),
            *((f"a contradiction ({c.kind})", c.proposition_id) for c in a.contradictions),
        ])
        framed = [f.article_id for f in a.framing]
        self._check_refs(
            "article",
            _present(conn, articles.c.id, framed),
            [(f"framing of outlet '{f.outlet}'", f.article_id) for f in a.framing],
        )

    def _check_refs(self, kind: str, known: Set[str], refs: Iterable[tuple[str, str]]) -> None:
        for what, ref in refs:
            if ref not in known:
                raise LedgerError(Errors.E024.format(db=self.name, what=what, kind=kind, ref=ref))

    def add_embeddings(self, vectors: Mapping[str, bytes]) -> None:
        """Cache sentence vectors by key (see `embedding_cache`); keys already there are kept."""
        with self._writing() as conn:
            _insert_embeddings(conn, vectors)

    def add_sketches(self, made: Mapping[str, bytes], kind: str) -> None:
        """Keep the near-duplicate sketches of articles by id (see `ingest.DuplicateIndex`),
        in place of any of that `kind` kept before; ids of no article are left out."""
        with self._writing() as conn:
            held = sorted(_present(conn, articles.c.id, made))
            for i in range(0, len(held), _IN_CHUNK):
                chunk = held[i : i + _IN_CHUNK]
                conn.execute(delete(sketches).where(sketches.c.kind == kind, sketches.c.article_id.in_(chunk)))
            _insert(conn, sketches, [{"article_id": i, "kind": kind, "sketch": made[i]} for i in held])

    # --- reading ---------------------------------------------------------------------

    def embeddings(self, keys: Iterable[str]) -> dict[str, bytes]:
        """The cached vectors of those `keys` that the ledger holds."""
        wanted = sorted(set(keys))
        found: dict[str, bytes] = {}
        for i in range(0, len(wanted), _IN_CHUNK):
            chunk = wanted[i : i + _IN_CHUNK]
            query = select(embeddings.c.key, embeddings.c.vector).where(embeddings.c.key.in_(chunk))
            found.update((row["key"], bytes(row["vector"])) for row in self._read(query))
        return found

    def article_ids(self) -> set[str]:
        """The ids of all articles in the ledger."""
        return {row["id"] for row in self._read(select(articles.c.id))}

    def iter_articles(self) -> Iterator[Article]:
        """All articles in the order they were added, fetched a few at a time."""
        for row in self._stream(select(articles).order_by(articles.c.pk)):
            yield _rows.article_from_row(row)

    def iter_sketches(self, kind: str) -> Iterator[tuple[str, bytes | None, str | None]]:
        """The original articles (not copies) in the order they were added, a few at a time:
        each id with its sketch of `kind` (`add_sketches`), or, where none is kept, its text."""
        kept = select(sketches.c.article_id, sketches.c.sketch).where(sketches.c.kind == kind).subquery()
        query = (
            select(articles.c.id, kept.c.sketch, case((kept.c.sketch.is_(None), articles.c.text)).label("text"))
            .outerjoin(kept, kept.c.article_id == articles.c.id)
            .where(articles.c.duplicate_of.is_(None))
            .order_by(articles.c.pk)
        )
        for row in self._stream(query):
            yield row["id"], None if row["sketch"] is None else bytes(row["sketch"]), row["text"]

    def articles(self) -> list[Article]:
        return list(self.iter_articles())

    def get_article(self, article_id: str) -> Article | None:
        """The article with id `article_id`, or None when there is none."""
        rows = self._read(select(articles).where(articles.c.id == article_id))
        return _rows.article_from_row(rows[0]) if rows else None

    def count(self, table: str) -> int:
        """How many rows `table` (a name such as "statements") holds."""
        try:
            target = metadata.tables[table]
        except KeyError:
            options = ", ".join(sorted(metadata.tables))
            raise ConfigError(
                Errors.E030.format(kind="ledger table", name=table, options=options)
            ) from None
        return self._read(select(func.count().label("n")).select_from(target))[0]["n"]

    def page(self, listing: Listing[T], limit: int, offset: int = 0) -> Page[T]:
        """Records `offset` to `offset + limit` of those `listing` matches (see `queries`),
        in its order, and how many it matches in all.

        The database filters, orders, counts and pages: first the page's row
        numbers (from indexes where the filters have them), then those rows alone.
        A page that comes back short tells the total without counting.
        """
        with self._guard("E025"), self._engine.connect() as conn:
            # Databases take 64-bit numbers; a larger offset is past the end of any table just the same.
            window = listing.keys().limit(min(limit, _PAST_THE_END)).offset(min(offset, _PAST_THE_END))
            keys = list(conn.scalars(window))
            if 0 < len(keys) < limit or (not keys and offset == 0):
                total = offset + len(keys)
            else:
                total = conn.scalar(listing.count()) or 0
            found = {row["pk"]: row for row in conn.execute(listing.rows(keys)).mappings()} if keys else {}
            return Page(total, listing.records(conn, [found[key] for key in keys]))

    def iter_statements(self) -> Iterator[Statement]:
        """All statements in the order they were added, fetched a few at a time."""
        for row in self._stream(_statements_query()):
            yield _rows.statement_from_row(row, row["sentence_piece"], row["said_at_piece"])

    def statements(self) -> list[Statement]:
        return list(self.iter_statements())

    def mentions(self) -> list[Mention]:
        return self._records(mentions, _rows.mention_from_row)

    def entities(self) -> list[Entity]:
        return self._records(entities, _rows.entity_from_row)

    def propositions(self) -> list[Proposition]:
        members: dict[str, list[str]] = {}
        for row in self._read(select(proposition_statements).order_by(proposition_statements.c.pk)):
            members.setdefault(row["proposition_id"], []).append(row["statement_id"])
        return self._records(
            propositions,
            lambda row: Proposition(row["id"], row["label"], members.get(row["id"], []), row["parent_id"]),
        )

    def claim_units(self) -> list[ClaimUnit]:
        """Which general proposition each claim joined in the last analysis (see `ClaimUnit`)."""
        return self._records(claim_units, _rows.claim_unit_from_row)

    def articles_generation(self) -> int:
        """How many transactions have added articles to this ledger."""
        with self._guard("E025"), self._engine.connect() as conn:
            return _generation(conn, _ARTICLES_GENERATION)

    def analysis_is_stale(self) -> bool:
        """Whether articles were added after the current analysis was computed.

        A ledger written before the counters were kept has neither and is taken
        as up to date when it holds an analysis; one with articles and no
        analysis at all is stale.
        """
        with self._guard("E025"), self._engine.connect() as conn:
            added = _generation(conn, _ARTICLES_GENERATION)
            analysed = conn.scalar(select(meta.c.value).where(meta.c.key == _ANALYSIS_GENERATION))
            if analysed is None:
                return added > 0 or (
                    conn.scalar(select(articles.c.id).limit(1)) is not None
                    and conn.scalar(select(entities.c.id).limit(1)) is None
                )
            return added > int(analysed)

    def clustering(self) -> str | None:
        """How the last analysis grouped its `claim_units` (`CorpusAnalysis.clustering`); None if unknown."""
        rows = self._read(select(meta.c.value).where(meta.c.key == _CLUSTERING))
        return rows[0]["value"] if rows else None

    def stances(self) -> list[Stance]:
        return self._records(stances, _rows.stance_from_row)

    def positions(self) -> list[Position]:
        return self._records(positions, _rows.position_from_row)

    def contradictions(self) -> list[Contradiction]:
        return self._records(contradictions, _rows.contradiction_from_row)

    def framing(self) -> list[Framing]:
        return self._records(framing, _rows.framing_from_row)

    def skipped(self) -> list[SkippedInput]:
        """Every input a run skipped, oldest run first."""
        return [record for _, record in self.skipped_log()]

    def skipped_log(self) -> list[tuple[datetime, SkippedInput]]:
        """Every skipped input with the time of the run that skipped it."""
        return self._records(
            skipped_inputs, lambda row: (row["run_at"], _rows.skipped_from_row(row))
        )

    # --- plumbing ----------------------------------------------------------------------

    def _records(self, table: Table, make: Callable[[Mapping[str, Any]], T]) -> list[T]:
        return [make(row) for row in self._read(select(table).order_by(table.c.pk))]

    def _read(self, query: Select) -> list[Mapping[str, Any]]:
        with self._guard("E025"), self._engine.connect() as conn:
            return list(conn.execute(query).mappings())

    def _stream(self, query: Select) -> Iterator[Mapping[str, Any]]:
        with self._guard("E025"), self._engine.connect() as conn:
            result = conn.execution_options(yield_per=_STREAM_BATCH).execute(query)
            yield from result.mappings()

    @contextmanager
    def _writing(self) -> Iterator[Connection]:
        with self._guard("E023"), self._transaction() as conn:
            yield conn

    @contextmanager
    def _transaction(self) -> Iterator[Connection]:
        """A write transaction: committed at the end, rolled back on any error."""
        with self._engine.connect() as conn, conn.execution_options(**{_WRITE: True}).begin():
            yield conn

    @contextmanager
    def _guard(self, code: str) -> Iterator[None]:
        """Turn a database error into a one-line `LedgerError` under `code`."""
        try:
            yield
        except SQLAlchemyError as e:
            message = getattr(Errors, code).format(db=self.name, reason=_reason(e))
            raise LedgerError(message) from e


# --- module helpers ----------------------------------------------------------------


def _generation(conn: Connection, key: str) -> int:
    value = conn.scalar(select(meta.c.value).where(meta.c.key == key))
    return int(value) if value is not None else 0


def _set_meta(conn: Connection, key: str, value: str) -> None:
    conn.execute(delete(meta).where(meta.c.key == key))
    conn.execute(insert(meta), [{"key": key, "value": value}])


def _connect(db: str | os.PathLike[str], *, create: bool) -> tuple[Engine, str]:
    """An engine for `db` and the name to show for it; nothing is opened yet."""
    text = os.fspath(db)
    if "://" in text:
        try:
            url = make_url(text)
        except ArgumentError as e:
            raise LedgerError(Errors.E020.format(db=text, reason=str(e))) from e
        if url.drivername == "postgresql" and find_spec("psycopg") is not None:
            url = url.set(drivername="postgresql+psycopg")
        name = url.render_as_string(hide_password=True)
    else:
        path = Path(text).expanduser()
        name = str(path)
        if path.is_dir():
            raise LedgerError(Errors.E020.format(db=name, reason="it is a folder, not a file"))
        if not path.exists():
            if not create:
                raise LedgerError(Errors.E020.format(db=name, reason="no such file"))
            path.parent.mkdir(parents=True, exist_ok=True)
        url = URL.create("sqlite", database=str(path))
    try:
        engine = create_engine(url)
    except (NoSuchModuleError, ModuleNotFoundError) as e:
        reason = f"no database driver for '{url.drivername}' is installed ({e})"
        if url.get_backend_name() == "postgresql":
            reason += '; install one with `pip install "psycopg[binary]"`'
        raise LedgerError(Errors.E020.format(db=name, reason=reason)) from e
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _sqlite_connect)
        event.listen(engine, "begin", _sqlite_begin)
    return engine, name


def _sqlite_connect(dbapi_connection: Any, _record: Any) -> None:
    """Per connection: WAL so readers never block the writer, a wait instead of
    'database is locked', and foreign keys checked as PostgreSQL would."""
    # The sqlite3 module would BEGIN only before DML; let `_sqlite_begin` do it,
    # so that table creation is transactional too.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    try:
        cursor.execute(f"PRAGMA busy_timeout = {_BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA journal_mode = WAL")
        cursor.execute("PRAGMA foreign_keys = ON")
    finally:
        cursor.close()
    # The word search of the listings, as Python compares words (see `_sql`).
    dbapi_connection.create_function(_sql.CONTAINS_WORDS, 2, _sql.contains_words, deterministic=True)


def _sqlite_begin(conn: Connection) -> None:
    """Writers take the write lock up front (BEGIN IMMEDIATE): two concurrent
    writers then wait their turn, where a read lock upgraded halfway through
    would fail with 'database is locked'."""
    write = conn.get_execution_options().get(_WRITE, False)
    conn.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")


def _reason(error: SQLAlchemyError) -> str:
    """The first line of what the driver said, in plain words where we know better."""
    detail = str(error.orig if isinstance(error, DBAPIError) else error).strip()
    if "file is not a database" in detail:
        return "it is not an SQLite database, so not a claimledger ledger"
    return detail.splitlines()[0] if detail else type(error).__name__


def _present(conn: Connection, column: Column, ids: Iterable[str], *where: ColumnElement[bool]) -> set[str]:
    """Which of `ids` are in `column` (in rows that also match `where`), asked a chunk at a time."""
    wanted = sorted(set(ids))
    found: set[str] = set()
    for i in range(0, len(wanted), _IN_CHUNK):
        found.update(conn.scalars(select(column).where(column.in_(wanted[i : i + _IN_CHUNK]), *where)))
    return found


def _insert(conn: Connection, table: Table, rows: Iterable[Mapping[str, Any]]) -> None:
    """One executemany INSERT of `rows`, each cut down to `table`'s columns."""
    columns = table.c.keys()
    batch = [{name: row[name] for name in columns if name in row} for row in rows]
    if batch:
        conn.execute(insert(table), batch)


def _insert_embeddings(conn: Connection, vectors: Mapping[str, bytes]) -> None:
    """Cache the vectors whose keys the ledger does not hold yet."""
    new = set(vectors) - _present(conn, embeddings.c.key, vectors)
    _insert(conn, embeddings, [{"key": key, "vector": vectors[key]} for key in sorted(new)])


def _article_refs(batch: Iterable[ParsedArticle]) -> Iterator[tuple[str, str]]:
    for parsed in batch:
        for s in parsed.statements:
            yield f"statement '{s.id}'", s.article_id
        for m in parsed.mentions:
            yield f"mention '{m.text}'", m.article_id


def _statements_query() -> Select:
    """Statements with the text of their sentence and time expression, in the order they were added."""
    return statement_rows().order_by(statements.c.pk)


def _add_missing_columns(conn: Connection) -> None:
    """Bring a ledger written by an older claimledger up to the current tables."""
    inspector = inspect(conn)
    for table_name, column_name in ADDED_COLUMNS:
        present = {c["name"] for c in inspector.get_columns(table_name)}
        if column_name not in present:
            column = metadata.tables[table_name].c[column_name]
            kind = column.type.compile(dialect=conn.dialect)
            conn.execute(sql_text(f"ALTER TABLE {table_name} ADD COLUMN {column_name} {kind}"))


def _add_missing_indexes(conn: Connection) -> bool:
    """Create the indexes the tables declare that a ledger written by an older claimledger
    lacks; whether there were any."""
    inspector = inspect(conn)
    created = False
    for table in metadata.sorted_tables:
        present = {index["name"] for index in inspector.get_indexes(table.name)}
        for index in table.indexes:
            if index.name not in present:
                index.create(conn)
                created = True
    return created


def _update_statistics(conn: Connection) -> None:
    """Have SQLite measure its tables and indexes (PostgreSQL's autovacuum does so by itself).

    Without the figures its planner takes any index that fits: for statements of one
    speaker and one kind it walked a third of the table by kind. Measuring a ledger
    of 100,000 statements takes a tenth of a second, after an analysis that takes minutes.
    """
    if conn.dialect.name == "sqlite":
        conn.exec_driver_sql("ANALYZE")
