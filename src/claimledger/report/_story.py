"""`Story`: what every view of a ledger shows, computed once from its records.

The report and the web app's pages render the same templates from a `Story`;
each section is computed the first time a template asks for it, so a page
that shows one section reads only what that section needs.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property

from ..records import Article, Camps, Contradiction, Entity, Position, Statement
from ..views._index import LedgerIndex, strongest_first
from ._camps import CAMP_ORDER, ledger_camps
from ._model import Segment, framing_by_outlet, highlight
from ._timeline import Axis, Lane, Tick, lanes
from ._title import DEFAULT_TITLE, shared_title_words

__all__ = ["MATRIX_COLUMNS", "SECTIONS", "Story"]

#: The sections of the report, in order: (element id / page name, title).
SECTIONS: tuple[tuple[str, str], ...] = (
    ("overview", "Overview"),
    ("positions", "Positions"),
    ("timeline", "Timeline"),
    ("contradictions", "Contradictions"),
    ("framing", "Framing"),
    ("statements", "Statements"),
    ("propositions", "Propositions"),
    ("actors", "Actors"),
    ("articles", "Articles"),
)

#: At most this many propositions are columns of the matrix (the most contested).
MATRIX_COLUMNS = 10

QUOTED_KINDS = frozenset({"direct", "mixed"})


@dataclass
class PropositionSummary:
    """A proposition with who stands where on it (each actor's latest stance)."""

    id: str
    label: str
    statements: int
    sides: dict[str, list[str]] = field(default_factory=dict)  # stance → actor ids
    wavered: bool = False  # an actor's own stances on it differ over time

    @property
    def actors(self) -> int:
        return sum(len(ids) for ids in self.sides.values())

    @property
    def contested(self) -> bool:
        """Actors end up on different sides of it, or one actor moved between sides."""
        return len(self.sides) >= 2 or self.wavered


@dataclass
class Cell:
    """One actor's position on one proposition, with the statements behind it."""

    position: Position
    reversed: bool


@dataclass
class Matrix:
    actors: list[str]
    propositions: list[str]
    cells: dict[tuple[str, str], Cell]


@dataclass
class ActorTimeline:
    entity_id: str
    lanes: list[Lane]


@dataclass
class CueBar:
    """How often an outlet used one reporting verb, by camp of the speaker."""

    lemma: str
    counts: dict[str, int]

    @property
    def total(self) -> int:
        return sum(self.counts.values())


@dataclass
class SpeakerReport:
    entity_id: str
    camp: str
    quoted: int = 0
    paraphrased: int = 0
    cues: Counter[str] = field(default_factory=Counter)


@dataclass
class OutletView:
    outlet: str | None
    articles: int
    bars: list[CueBar]
    speakers: list[SpeakerReport]
    notes: list[str]

    @property
    def widest(self) -> int:
        return max((bar.total for bar in self.bars), default=1) or 1


@dataclass
class ContradictionCard:
    index: int
    contradiction: Contradiction
    a: Statement | None
    b: Statement | None


class Story:
    """The view-model of one ledger; `index` holds its records, `title` names it
    (by default, see `default_title`)."""

    def __init__(self, index: LedgerIndex, title: str | None = None) -> None:
        self.index = index
        self._title = title

    # --- overview ----------------------------------------------------------------

    @cached_property
    def title(self) -> str:
        return self._title or self.default_title

    @cached_property
    def default_title(self) -> str:
        """The label of the contested proposition the most articles speak to; failing
        that, the words the articles' titles share; failing that, "Claim ledger"."""
        articles = {sid: s.article_id for sid, s in self.index.statements.items()}

        def coverage(p: PropositionSummary) -> tuple[int, int]:
            statement_ids = self.index.propositions[p.id].statement_ids
            return len({articles[sid] for sid in statement_ids if sid in articles}), p.statements

        if self.contested:
            return max(self.contested, key=coverage).label  # max() keeps the first of equals
        titles = (a.title for a in self.index.articles.values() if not a.duplicate_of)
        return shared_title_words(titles) or DEFAULT_TITLE

    @cached_property
    def actors(self) -> list[Entity]:
        """The entities that speak or are spoken for (`LedgerIndex.actor_ids`), who speaks most first."""
        spoken = self.index.statements_per_entity
        actors = [e for e in self.index.entities.values() if e.id in self.index.actor_ids]
        return sorted(actors, key=lambda e: (-spoken[e.id], e.name.casefold()))

    @cached_property
    def mentioned(self) -> list[Entity]:
        """Every other entity: named in the coverage, but no one speaks for it; by name."""
        others = [e for e in self.index.entities.values() if e.id not in self.index.actor_ids]
        return sorted(others, key=lambda e: e.name.casefold())

    @cached_property
    def outlets(self) -> list[str]:
        return sorted({a.outlet for a in self.index.articles.values() if a.outlet})

    @cached_property
    def dates(self) -> tuple[date, date] | None:
        days = sorted(a.published_at for a in self.index.articles.values() if a.published_at)
        return (days[0], days[-1]) if days else None

    @cached_property
    def propositions(self) -> list[PropositionSummary]:
        """Every proposition, the most contested first (then in ledger order)."""
        summaries = {
            p.id: PropositionSummary(p.id, p.label, len(p.statement_ids))
            for p in self.index.propositions.values()
        }
        for position in self.index.positions:
            summary = summaries.get(position.proposition_id)
            if summary is not None and position.timeline:
                summary.sides.setdefault(position.timeline[-1].stance, []).append(position.entity_id)
                summary.wavered |= len({point.stance for point in position.timeline}) > 1
        # sorted() is stable: ties keep the ledger's order
        return sorted(summaries.values(), key=lambda s: (-s.contested, -s.actors, -s.statements))

    @cached_property
    def contested(self) -> list[PropositionSummary]:
        return [p for p in self.propositions if p.contested]

    # --- positions ---------------------------------------------------------------

    @cached_property
    def camps(self) -> Camps:
        return ledger_camps(self.index.framing)

    @cached_property
    def reversal_pairs(self) -> set[tuple[str, str]]:
        """(actor, proposition) pairs with a reversal on record."""
        pairs = set()
        for c in self.index.contradictions:
            s = self.index.statements.get(c.statement_a)
            if c.kind == "reversal" and s is not None and s.speaker_entity_id:
                pairs.add((s.speaker_entity_id, c.proposition_id))
        return pairs

    @cached_property
    def matrix(self) -> Matrix:
        """Actors × the contested propositions, then those several actors spoke to
        (or every one with a position, when no two actors share one)."""
        shared = [p for p in self.propositions if p.contested or p.actors >= 2]
        columns = [p.id for p in (shared or [p for p in self.propositions if p.actors])[:MATRIX_COLUMNS]]
        chosen = set(columns)
        cells = {
            (p.entity_id, p.proposition_id): Cell(p, (p.entity_id, p.proposition_id) in self.reversal_pairs)
            for p in self.index.positions
            if p.proposition_id in chosen and p.timeline
        }
        filled = Counter(actor for actor, _ in cells)
        spoken = self.index.statements_per_entity
        actors = sorted(filled, key=lambda a: (-filled[a], -spoken[a], self.index.entity_name(a)))
        return Matrix(actors, columns, cells)

    def evidence(self, cell: Cell) -> list[tuple[str, Statement]]:
        """The statements behind a cell, each with its stance, in timeline order."""
        return [
            (point.stance, self.index.statements[point.statement_id])
            for point in cell.position.timeline
            if point.statement_id in self.index.statements
        ]

    @cached_property
    def _lanes(self) -> tuple[Axis, list[Lane]]:
        return lanes(self.index.positions, self._when_id, self.index.contradictions)

    @property
    def axis(self) -> Axis:
        return self._lanes[0]

    @cached_property
    def ticks(self) -> list[Tick]:
        """The dates labelled on the timelines' shared axis."""
        return self.axis.ticks()

    @cached_property
    def timelines(self) -> list[ActorTimeline]:
        """One timeline per actor of the matrix, over the matrix's propositions, in its order.

        The propositions one actor alone spoke to stay in the propositions section.
        """
        columns = {pid: i for i, pid in enumerate(self.matrix.propositions)}
        by_actor: dict[str, list[Lane]] = defaultdict(list)
        for lane in self._lanes[1]:
            if lane.proposition_id in columns:
                by_actor[lane.entity_id].append(lane)
        return [
            ActorTimeline(a, sorted(by_actor[a], key=lambda lane: columns[lane.proposition_id]))
            for a in self.matrix.actors
            if by_actor[a]
        ]

    def _when_id(self, statement_id: str) -> str:
        s = self.index.statements.get(statement_id)
        return self.index.when(s) if s else ""

    # --- contradictions ------------------------------------------------------------

    @cached_property
    def contradictions(self) -> list[ContradictionCard]:
        """One card per contradiction, the best-founded first (unmeasured ones last, as stored);
        each keeps its ledger index, which the timeline's reversal marks link to."""
        statements = self.index.statements
        cards = [
            ContradictionCard(i, c, statements.get(c.statement_a), statements.get(c.statement_b))
            for i, c in enumerate(self.index.contradictions)
        ]
        return sorted(cards, key=lambda card: strongest_first(card.contradiction))

    # --- framing -------------------------------------------------------------------

    @cached_property
    def framing(self) -> list[OutletView]:
        """Per outlet: reporting verbs by camp, and who is quoted or paraphrased how often."""
        kinds: dict[str | None, dict[str, Counter[str]]] = defaultdict(lambda: defaultdict(Counter))
        for s in self.index.statements.values():
            if s.speaker_entity_id:
                article = self.index.articles.get(s.article_id)
                form = "quoted" if s.kind in QUOTED_KINDS else "paraphrased"
                kinds[article.outlet if article else None][s.speaker_entity_id][form] += 1
        views = []
        for summary in framing_by_outlet(self.index.framing):
            bars: dict[str, Counter[str]] = defaultdict(Counter)
            speakers = {}
            for entity_id in summary.speakers():
                camp = self.camps.camp(entity_id)
                cues = summary.cues.get(entity_id, Counter())
                for lemma, n in cues.items():
                    bars[lemma][camp] += n
                forms = kinds[summary.outlet].get(entity_id, Counter())
                speakers[entity_id] = SpeakerReport(entity_id, camp, forms["quoted"], forms["paraphrased"], cues)
            ordered = sorted(bars.items(), key=lambda item: (-sum(item[1].values()), item[0]))
            views.append(OutletView(
                summary.outlet,
                summary.articles,
                [CueBar(lemma, {c: counts[c] for c in CAMP_ORDER if counts[c]}) for lemma, counts in ordered],
                list(speakers.values()),
                summary.notes,
            ))
        return views

    # --- statements and articles ---------------------------------------------------------

    @cached_property
    def speakers(self) -> list[str]:
        """Every speaker name in the statements table, for its filter."""
        return sorted({self.index.speaker(s) for s in self.index.statements.values()}, key=str.casefold)

    def stances_of(self, statement: Statement) -> list[str]:
        return sorted({st.stance for st in self.index.stances_per_statement.get(statement.id, [])})

    def segments(self, article: Article) -> list[Segment]:
        return highlight(article.text, self._by_article[article.id])

    @cached_property
    def _by_article(self) -> dict[str, list[Statement]]:
        found: dict[str, list[Statement]] = defaultdict(list)
        for s in self.index.statements.values():
            found[s.article_id].append(s)
        return found
