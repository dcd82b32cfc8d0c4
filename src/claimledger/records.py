"""The typed records that flow through every stage of claimledger.

This module is the one vocabulary of the system. Readers produce `Article`s
(or `SkippedInput`s), the language stages add `Mention`s and `Statement`s (the
attribution tagger's bare `SpanRelation`s, which scorers also use, come first), the
corpus stages turn those into `Entity`, `Proposition`, `Stance`, `Position`,
`Contradiction` and `Framing` records, and the store writes them all down.
No stage invents a dict shape of its own.

Offsets are always character offsets (Python `str` indices) into
`Article.text`, end exclusive, so every record can be traced back to the exact
span of its source.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date
from typing import Literal

StatementKind = Literal["direct", "indirect", "mixed", "according_to"]
EntityType = Literal["PERSON", "ORG", "GPE", "NORP", "OTHER"]
StanceLabel = Literal["support", "deny", "hedge", "neutral"]
ContradictionKind = Literal["reversal", "dispute"]

STATEMENT_KINDS: tuple[str, ...] = ("direct", "indirect", "mixed", "according_to")
ENTITY_TYPES: tuple[str, ...] = ("PERSON", "ORG", "GPE", "NORP", "OTHER")
STANCE_LABELS: tuple[str, ...] = ("support", "deny", "hedge", "neutral")


@dataclass(frozen=True, slots=True)
class Span:
    """A stretch of an article's text: `text == article.text[start:end]`."""

    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class RemovedLine:
    """A line of site chrome the cleaner took out of the raw input.

    `line_no` counts lines of the raw input from 0; `reason` says which rule
    recognised it (for example "repeated-across-articles" or "call-to-action").
    """

    line_no: int
    text: str
    reason: str


@dataclass(slots=True)
class Article:
    """One news article, cleaned, with where it came from.

    `id` is derived from the cleaned text alone (`article_id`), so the same
    article ingested twice from different paths or URLs is one article.
    `date_source` says where `published_at` came from: "html", "manifest",
    "jsonl", "feed", "text" or None. `encoding` is the one its bytes were
    read in ("utf-8", "utf-16", "cp1252 (detected)"), None when not read
    from bytes (JSON Lines, feeds). `language` is the ISO 639-1 code of the
    language it is written in, as read (`ingest.language`), None when it could
    not be told (a very short text); `analysed` is False when the pipeline has
    no model for that language: the article is stored, not analysed.
    """

    id: str
    source: str
    text: str
    source_kind: str = "text"
    title: str | None = None
    outlet: str | None = None
    url: str | None = None
    published_at: date | None = None
    date_source: str | None = None
    removed_boilerplate: list[RemovedLine] = field(default_factory=list)
    duplicate_of: str | None = None
    encoding: str | None = None
    language: str | None = None
    analysed: bool = True


@dataclass(frozen=True, slots=True)
class SkippedInput:
    """An input that could not be read, with a one-line reason.

    Bad input becomes a record, never a crash: the pipeline goes on with the
    rest and reports what it skipped.
    """

    source: str
    reason: str
    code: str


@dataclass(frozen=True, slots=True)
class Mention:
    """A reference to an actor in an article: a name, a title, a pronoun.

    `label` is the spaCy entity label (PERSON, ORG, GPE, NORP) or "ROLE" for a
    role description ("the top diplomat") or "PRON" for a pronoun.
    `entity_id` is filled in by entity resolution.
    """

    article_id: str
    start: int
    end: int
    text: str
    label: str
    entity_id: str | None = None


Offsets = tuple[int, int]
"""(start, end) character offsets into an article's text, end exclusive."""
Fragments = tuple[Offsets, ...]
"""The pieces of a span that may be discontinuous ("The river," … "is safe")."""
ATTRIBUTION_ROLES: tuple[str, ...] = ("source", "cue", "content")


@dataclass(frozen=True, slots=True)
class SpanRelation:
    """An attribution as bare character spans: who (source), how (cue), what (content).

    What the attribution tagger outputs and what annotated corpora (PolNeAR,
    the seeds gold) are scored as, before a `Statement` is made of it. Each role
    is a tuple of fragments, empty when the role is absent (a relation without
    a source). `confidence` is how sure an extractor is of it (1.0 for
    annotations); scoring ignores it.
    """

    cue: Fragments
    content: Fragments
    source: Fragments = ()
    confidence: float = 1.0

    def role(self, name: str) -> Fragments:
        return getattr(self, name)


@dataclass(frozen=True, slots=True)
class Extracted:
    """What an extractor found in one text: relations, and optionally the
    spans of each role on their own (a tagger's spans, linked to a cue or not)."""

    relations: tuple[SpanRelation, ...] | list[SpanRelation]
    spans: dict[str, list[Offsets]] | None = None

    def role_spans(self, role: str) -> list[Offsets]:
        """The distinct spans of `role`: the tagged ones when known, else the relations'."""
        if self.spans is not None:
            return sorted(set(self.spans[role]))
        return sorted({fragment for relation in self.relations for fragment in relation.role(role)})


@dataclass(slots=True)
class Statement:
    """One attribution: someone (speaker) said something (content) via a cue.

    `speaker` is the span as written ("he", "the top diplomat", "Blinken");
    `speaker_entity_id` is the actor it was resolved to. `cue_lemma` is the
    lemma of the reporting verb (or "according to", ":"), and `cue_negated`
    is true when the cue itself is negated ("did not deny").
    `sentence` is the sentence (or headline) the statement was found in.
    `parent_id` links a statement nested inside another one's content.
    `content_fragments` (and `speaker_fragments`, `cue_fragments`) are the
    pieces of a span interrupted by something that is not part of it (the
    quote of `"X," he said, "Y."` is two pieces); the span itself then runs
    from the first piece's start to the last one's end. Empty when the span
    is one piece. `evidence` is what a statement with no agent behind it was
    reported through ("a poll released on Monday shows …", "the ad says …"):
    documents, polls and data are no speakers (`nlp.animacy`), but a reader
    wants to know where the claim comes from.
    """

    id: str
    article_id: str
    content: Span
    kind: StatementKind
    speaker: Span | None = None
    cue: Span | None = None
    cue_lemma: str | None = None
    cue_negated: bool = False
    sentence: Span | None = None
    speaker_entity_id: str | None = None
    said_at: str | None = None
    said_at_text: str | None = None
    said_at_span: Span | None = None
    parent_id: str | None = None
    confidence: float = 1.0
    content_fragments: Fragments = ()
    speaker_fragments: Fragments = ()
    cue_fragments: Fragments = ()
    evidence: Span | None = None

    def fragments(self, role: str) -> Fragments:
        """The pieces of the "content", "speaker" or "cue" span: its fragments,
        else the span as one piece; () when the statement has no such span.

        Fragments that do not run from the span's start to its end (left over
        when a stage replaced the span and not them) are not the span's.
        """
        span = getattr(self, role)
        if span is None:
            return ()
        pieces = getattr(self, f"{role}_fragments")
        if len(pieces) > 1 and pieces[0][0] == span.start and pieces[-1][1] == span.end:
            return pieces
        return ((span.start, span.end),)


@dataclass(slots=True)
class Entity:
    """An actor resolved across the corpus: one person, organisation or place."""

    id: str
    type: EntityType
    name: str
    aliases: list[str] = field(default_factory=list)
    roles: list[str] = field(default_factory=list)


@dataclass(slots=True)
class Proposition:
    """A contested proposition: statements about the same thing, grouped."""

    id: str
    label: str
    statement_ids: list[str] = field(default_factory=list)
    parent_id: str | None = None


@dataclass(frozen=True, slots=True)
class ClaimUnit:
    """Which general proposition one claim (a sentence of a statement) joined.

    The claim is the `split_claims` view of statement `statement_id` whose
    content runs from `start` to `end`. `assigned` is True when an incremental
    run placed it beside an earlier clustering rather than clustering it
    (see `claims.propositions.assign_propositions`).
    """

    statement_id: str
    start: int
    end: int
    proposition_id: str
    assigned: bool = False


@dataclass(frozen=True, slots=True)
class Stance:
    """A statement's stance on a proposition, and the backend that decided it.

    `method` is the versioned backend name, e.g. "rules.v1".
    """

    statement_id: str
    proposition_id: str
    stance: StanceLabel
    score: float
    method: str


@dataclass(frozen=True, slots=True)
class TimelinePoint:
    date: str | None
    stance: StanceLabel
    statement_id: str


@dataclass(slots=True)
class Position:
    """One actor's stances on one proposition, in the order they were said."""

    entity_id: str
    proposition_id: str
    timeline: list[TimelinePoint] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class Contradiction:
    """Two statements in conflict on one proposition.

    A reversal is one actor against itself over time; a dispute is two actors
    against each other. `apparent` marks a reversal whose scopes differ
    ("sold before the war" vs "not sold for use in the war"). `strength` (0..1)
    says how well founded the conflict is: how directly the two claims oppose
    each other and how firmly each speaker takes their side (None: not
    measured, as in ledgers written before it was).
    """

    kind: ContradictionKind
    proposition_id: str
    statement_a: str
    statement_b: str
    explanation: str
    apparent: bool = False
    strength: float | None = None


CampSide = Literal["support", "deny"]


@dataclass(frozen=True, slots=True)
class Camps:
    """The story's two camps: each actor's side on the `pivot` proposition.

    `pivot` is the contested proposition with the most actors on both sides
    (None when nothing is contested); `of` maps entity id → "support" or
    "deny". Actors in neither camp are "unaligned".
    """

    pivot: str | None = None
    of: dict[str, CampSide] = field(default_factory=dict)

    def camp(self, entity_id: str | None) -> str:
        return self.of.get(entity_id or "", "unaligned")


@dataclass(slots=True)
class Framing:
    """How one article reports its speakers.

    `cues_by_speaker` maps entity id to cue lemma counts; `quoted_entities`
    are the actors quoted directly, `paraphrased_entities` those only
    reported indirectly. `camps` maps the article's speakers to their camp,
    "support" or "deny" (their side on the story's pivot proposition,
    `camp_pivot`; see `claims.camps`), and `cues_by_camp` counts cue lemmas
    per camp. `covered_propositions` are the story's contested propositions
    this article reports a statement on; `omitted_propositions` the others.
    """

    article_id: str
    outlet: str | None
    cues_by_speaker: dict[str, dict[str, int]] = field(default_factory=dict)
    quoted_entities: list[str] = field(default_factory=list)
    paraphrased_entities: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    camps: dict[str, str] = field(default_factory=dict)
    camp_pivot: str | None = None
    cues_by_camp: dict[str, dict[str, int]] = field(default_factory=dict)
    covered_propositions: list[str] = field(default_factory=list)
    omitted_propositions: list[str] = field(default_factory=list)


@dataclass(slots=True)
class ParsedArticle:
    """An article with what the language stages found in it.

    This is what a batch of the per-article stages (parse → attribute →
    time) hands to the store; the corpus stages (resolve → framing) work on
    the whole ledger's statements and mentions.
    """

    article: Article
    statements: list[Statement] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    # The sentence vectors of its claims, as the ledger's embedding cache keeps
    # them (key → float32 bytes; `store.embedding_cache`): embedded with the
    # article, on the worker, so the corpus stages find them cached.
    claim_vectors: dict[str, bytes] = field(default_factory=dict)


@dataclass(slots=True)
class CorpusAnalysis:
    """What the corpus-wide stages produce from all statements in a ledger."""

    entities: list[Entity] = field(default_factory=list)
    speaker_links: dict[str, str | None] = field(default_factory=dict)
    propositions: list[Proposition] = field(default_factory=list)
    stances: list[Stance] = field(default_factory=list)
    positions: list[Position] = field(default_factory=list)
    contradictions: list[Contradiction] = field(default_factory=list)
    framing: list[Framing] = field(default_factory=list)
    #: Each claim's general proposition: what an incremental run builds on.
    claim_units: list[ClaimUnit] = field(default_factory=list)
    #: How those were grouped (encoder, threshold, version: `claims.clustering_key`);
    #: an incremental run builds on `claim_units` only under the same key.
    clustering: str | None = None


# --- identifiers -----------------------------------------------------------
# Identifiers are derived from content, never from insertion order, so that
# re-running the same inputs, or running them on another machine or executor,
# gives the same ids.

_WS = re.compile(r"\s+")


def _digest(*parts: str, size: int = 16) -> str:
    h = hashlib.sha256()
    for part in parts:
        h.update(part.encode("utf-8"))
        h.update(b"\x1f")
    return h.hexdigest()[:size]


def article_id(text: str) -> str:
    """Id of an article: a digest of its cleaned text, whitespace-normalised."""
    return "a" + _digest(_WS.sub(" ", text).strip())


def statement_id(article: str, content_start: int, content_end: int, speaker_start: int = -1) -> str:
    """Id of a statement: its article, content span and where its speaker is.

    The speaker's offset is part of it because coordinated speakers ("Moscow
    and Tehran refuted …") make two statements with one content.
    """
    return "s" + _digest(article, str(content_start), str(content_end), str(speaker_start), size=12)


def slugify(name: str) -> str:
    """`"Hossein Amir-Abdollahian"` → `"hossein-amir-abdollahian"`."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-")
    return slug or "x" + _digest(name, size=8)
