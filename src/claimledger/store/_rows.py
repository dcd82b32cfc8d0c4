"""Records to rows and back.

A row is a plain dict whose keys are the ledger's column names, which are also
the field names of the JSON export (docs/export.md). Spans are flattened to
`<name>_text/_start/_end`; everything else keeps its record field name. This
module is the one place that knows the mapping, so the database and the
export can never disagree about it.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import asdict
from typing import Any

from ..records import (
    Article,
    ClaimUnit,
    Contradiction,
    Entity,
    Fragments,
    Framing,
    Mention,
    Position,
    RemovedLine,
    SkippedInput,
    Span,
    Stance,
    Statement,
    TimelinePoint,
)

Row = dict[str, Any]


def _span_columns(prefix: str, span: Span | None, *, text: bool = True) -> Row:
    if span is None:
        row: Row = {f"{prefix}_start": None, f"{prefix}_end": None}
    else:
        row = {f"{prefix}_start": span.start, f"{prefix}_end": span.end}
    if text:
        row = {f"{prefix}_text": span.text if span else None, **row}
    return row


def _span(row: Mapping[str, Any], prefix: str, text: str | None = None) -> Span | None:
    start, end = row[f"{prefix}_start"], row[f"{prefix}_end"]
    if start is None or end is None:
        return None
    return Span(start, end, row[f"{prefix}_text"] if text is None else text)


# --- articles ----------------------------------------------------------------


def article_row(article: Article) -> Row:
    """The contract's fields first, then claimledger's extras."""
    return {
        "id": article.id,
        "source": article.source,
        "outlet": article.outlet,
        "title": article.title,
        "published_at": article.published_at,
        "text": article.text,
        "duplicate_of": article.duplicate_of,
        "language": article.language,
        "analysed": article.analysed,
        "source_kind": article.source_kind,
        "url": article.url,
        "date_source": article.date_source,
        "encoding": article.encoding,
        "removed_boilerplate": [asdict(line) for line in article.removed_boilerplate],
    }


def article_from_row(row: Mapping[str, Any]) -> Article:
    return Article(
        id=row["id"],
        source=row["source"],
        text=row["text"],
        source_kind=row["source_kind"],
        title=row["title"],
        outlet=row["outlet"],
        url=row["url"],
        published_at=row["published_at"],
        date_source=row["date_source"],
        removed_boilerplate=[RemovedLine(**line) for line in row["removed_boilerplate"]],
        duplicate_of=row["duplicate_of"],
        encoding=row["encoding"],
        language=row["language"],
        # Null in ledgers written before languages were told apart: those articles were analysed.
        analysed=row["analysed"] is None or bool(row["analysed"]),
    )


# --- statements --------------------------------------------------------------


def statement_row(statement: Statement) -> Row:
    """The contract's fields first, then claimledger's extras.

    The sentence and the time expression keep only their offsets: their text
    is in the article already.
    """
    s = statement
    return {
        "id": s.id,
        "article_id": s.article_id,
        "speaker_entity_id": s.speaker_entity_id,
        **_span_columns("speaker", s.speaker),
        **_span_columns("cue", s.cue),
        **_span_columns("content", s.content),
        "kind": s.kind,
        "said_at": s.said_at,
        "said_at_text": s.said_at_text,
        "confidence": s.confidence,
        "cue_lemma": s.cue_lemma,
        "cue_negated": s.cue_negated,
        **_span_columns("sentence", s.sentence, text=False),
        **_span_columns("said_at", s.said_at_span, text=False),
        "parent_id": s.parent_id,
        "content_fragments": _fragments_column(s.fragments("content")),
        "speaker_fragments": _fragments_column(s.fragments("speaker")),
        "cue_fragments": _fragments_column(s.fragments("cue")),
        **_span_columns("evidence", s.evidence),
    }


def _fragments_column(fragments: Fragments) -> list[list[int]] | None:
    """An interrupted span's pieces as [[start, end], ...]; None for a span of one piece."""
    return [[start, end] for start, end in fragments] if len(fragments) > 1 else None


def _fragments(value: Any) -> Fragments:
    """Stored pieces back as fragments; () for null (one piece, or a ledger written before fragments)."""
    return tuple((int(start), int(end)) for start, end in value) if value else ()


def statement_from_row(
    row: Mapping[str, Any], sentence_text: str | None, said_at_span_text: str | None
) -> Statement:
    """Rebuild a `Statement`; the caller reads the two stored-once texts."""
    return Statement(
        id=row["id"],
        article_id=row["article_id"],
        content=_span(row, "content"),  # type: ignore[arg-type]  # never null
        kind=row["kind"],
        speaker=_span(row, "speaker"),
        cue=_span(row, "cue"),
        cue_lemma=row["cue_lemma"],
        cue_negated=bool(row["cue_negated"]),
        sentence=_span(row, "sentence", sentence_text or ""),
        speaker_entity_id=row["speaker_entity_id"],
        said_at=row["said_at"],
        said_at_text=row["said_at_text"],
        said_at_span=_span(row, "said_at", said_at_span_text or ""),
        parent_id=row["parent_id"],
        confidence=row["confidence"],
        content_fragments=_fragments(row.get("content_fragments")),
        speaker_fragments=_fragments(row.get("speaker_fragments")),
        cue_fragments=_fragments(row.get("cue_fragments")),
        evidence=_span(row, "evidence") if "evidence_start" in row else None,
    )


# --- the flat records ----------------------------------------------------------
# Mentions, entities, stances, contradictions, framing and skipped inputs are
# flat already (lists and dicts go to JSON columns), so their fields are their
# row; only a list of records (a position's timeline) becomes a list of dicts.


def record_row(record: Any) -> Row:
    """A flat record as a row: what `asdict` gives, without deep-copying the
    lists and dicts that go to JSON columns as they are (rewriting a grown
    ledger's analysis spent most of its time in `asdict`)."""
    return {name: _plain(getattr(record, name)) for name in record.__dataclass_fields__}


def _plain(value: Any) -> Any:
    if isinstance(value, list) and value and dataclasses.is_dataclass(value[0]):
        return [asdict(item) for item in value]
    return value


def mention_from_row(row: Mapping[str, Any]) -> Mention:
    return Mention(**_fields(row, Mention))


def entity_from_row(row: Mapping[str, Any]) -> Entity:
    return Entity(**_fields(row, Entity))


def claim_unit_from_row(row: Mapping[str, Any]) -> ClaimUnit:
    fields = _fields(row, ClaimUnit)
    return ClaimUnit(**{**fields, "assigned": bool(fields["assigned"])})


def stance_from_row(row: Mapping[str, Any]) -> Stance:
    return Stance(**_fields(row, Stance))


def contradiction_from_row(row: Mapping[str, Any]) -> Contradiction:
    fields = _fields(row, Contradiction)
    return Contradiction(**{**fields, "apparent": bool(fields["apparent"])})


_FRAMING_DEFAULTED = frozenset(
    f.name for f in dataclasses.fields(Framing) if f.default_factory is not dataclasses.MISSING
)


def framing_from_row(row: Mapping[str, Any]) -> Framing:
    # Columns added later are null in rows an older claimledger wrote: those
    # fields take their (empty) defaults.
    fields = _fields(row, Framing)
    return Framing(**{n: v for n, v in fields.items() if v is not None or n not in _FRAMING_DEFAULTED})


def skipped_from_row(row: Mapping[str, Any]) -> SkippedInput:
    return SkippedInput(**_fields(row, SkippedInput))


def position_from_row(row: Mapping[str, Any]) -> Position:
    timeline = [TimelinePoint(**point) for point in row["timeline"]]
    return Position(row["entity_id"], row["proposition_id"], timeline)


def _fields(row: Mapping[str, Any], cls: type) -> Row:
    """The columns of `row` that are fields of `cls` (drops `pk` and the like)."""
    return {name: row[name] for name in cls.__dataclass_fields__}
