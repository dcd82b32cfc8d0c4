"""The ledger's records loaded once and looked up by id, for every view.

Views show names, not ids: a statement's speaker is the resolved actor's
canonical name (or the words as written when unresolved), an article is its
outlet (or title, or source). Each collection is read from the ledger the
first time a view asks for it.
"""

from __future__ import annotations

from collections import Counter
from functools import cached_property

from ..claims.affiliation import affiliations
from ..records import Article, Contradiction, Entity, Framing, Position, Proposition, Stance, Statement
from ..store import Ledger

#: Shown where a value is unknown.
NONE = "—"


def strongest_first(contradiction: Contradiction) -> tuple[bool, float]:
    """Sort key: the best-founded contradictions first, those without a strength
    (ledgers written before it was measured) last (see `conflict_strength`)."""
    strength = contradiction.strength
    return strength is None, -(strength or 0.0)


class LedgerIndex:
    def __init__(self, ledger: Ledger) -> None:
        self.ledger = ledger

    @cached_property
    def articles(self) -> dict[str, Article]:
        return {a.id: a for a in self.ledger.iter_articles()}

    @cached_property
    def statements(self) -> dict[str, Statement]:
        return {s.id: s for s in self.ledger.iter_statements()}

    @cached_property
    def entities(self) -> dict[str, Entity]:
        return {e.id: e for e in self.ledger.entities()}

    @cached_property
    def propositions(self) -> dict[str, Proposition]:
        return {p.id: p for p in self.ledger.propositions()}

    @cached_property
    def stances(self) -> dict[tuple[str, str], Stance]:
        """Stances by (statement id, proposition id)."""
        return {(s.statement_id, s.proposition_id): s for s in self.ledger.stances()}

    @cached_property
    def positions(self) -> list[Position]:
        return self.ledger.positions()

    @cached_property
    def contradictions(self) -> list[Contradiction]:
        return self.ledger.contradictions()

    @cached_property
    def framing(self) -> list[Framing]:
        return self.ledger.framing()

    @cached_property
    def stances_per_statement(self) -> dict[str, list[Stance]]:
        """Each statement's stances, as the ledger lists them."""
        found: dict[str, list[Stance]] = {}
        for stance in self.stances.values():
            found.setdefault(stance.statement_id, []).append(stance)
        return found

    @cached_property
    def statements_per_article(self) -> Counter[str]:
        return Counter(s.article_id for s in self.statements.values())

    @cached_property
    def not_analysed(self) -> Counter[str]:
        """How many articles are stored but not analysed (no model for their language), by language."""
        return Counter(a.language or NONE for a in self.articles.values() if not a.analysed)

    @cached_property
    def statements_per_entity(self) -> Counter[str]:
        return Counter(s.speaker_entity_id for s in self.statements.values() if s.speaker_entity_id)

    @cached_property
    def actor_ids(self) -> frozenset[str]:
        """The entities that speak or are spoken for: the speaker of a statement, or
        an actor a speaker's role names ("Quillon spokeswoman" speaks for Quillon).
        Every other entity is only mentioned."""
        tied = affiliations(list(self.entities.values()))
        speakers = self.statements_per_entity.keys()
        return frozenset(eid for speaker in speakers for eid in tied.get(speaker, (speaker,)) if eid in self.entities)

    def entity_name(self, entity_id: str | None) -> str:
        entity = self.entities.get(entity_id) if entity_id else None
        return entity.name if entity else (entity_id or NONE)

    def speaker(self, statement: Statement) -> str:
        """The resolved actor's name, else the speaker as written."""
        if statement.speaker_entity_id:
            return self.entity_name(statement.speaker_entity_id)
        return statement.speaker.text if statement.speaker else NONE

    def outlet(self, article_id: str) -> str:
        """The article's outlet, else its title, else where it came from."""
        article = self.articles.get(article_id)
        if article is None:
            return article_id
        return article.outlet or article.title or article.source

    def published(self, article_id: str) -> str:
        """The article's publication date (ISO), else ''."""
        article = self.articles.get(article_id)
        return article.published_at.isoformat() if article and article.published_at else ""

    def when(self, statement: Statement) -> str:
        """When it was said, else when its article was published, else ''."""
        return statement.said_at or self.published(statement.article_id)

    def proposition_label(self, proposition_id: str) -> str:
        proposition = self.propositions.get(proposition_id)
        return proposition.label if proposition else proposition_id
