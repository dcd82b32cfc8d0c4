"""How each article reports its speakers: which verbs, who is quoted, what it covers.

The same statement reads differently as "X said" and as "X claimed": the
first is neutral, the second casts doubt. Per article this stage counts cue
lemmas per speaker and per camp of speakers (`claims.camps`), splits speakers
into those quoted directly and those only paraphrased, lists which of the
story's contested propositions the article reports and which it leaves out,
and writes plain-sentence notes on any asymmetry.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence

from ..records import Article, Camps, Framing, Proposition, Statement
from . import _lexicon as lex
from ._text import shorten
from .camps import camp_names

QUOTED_KINDS = frozenset({"direct", "mixed"})
OMITTED_IN_NOTE = 3


def describe_framing(
    articles: Sequence[Article],
    statements: Sequence[Statement],
    entity_of: Mapping[str, str | None],
    *,
    entity_names: Mapping[str, str] | None = None,
    camps: Camps | None = None,
    propositions: Sequence[Proposition] = (),
    contested: Sequence[str] = (),
) -> list[Framing]:
    """One `Framing` per article that is not a duplicate, in article order.

    `entity_of` maps statement id → entity id (statements without an actor
    are left out); `entity_names` gives the names used in the notes
    (entity ids otherwise). A negated cue is counted as "not <lemma>".
    `camps` places actors in camps (`claims.camps.assign_camps`);
    `contested` lists the ids of the contested `propositions`, whose
    coverage is reported.
    """
    by_article: dict[str, list[Statement]] = {}
    for statement in statements:
        by_article.setdefault(statement.article_id, []).append(statement)
    names = entity_names or {}
    members = {p.id: set(p.statement_ids) for p in propositions}
    labels = {p.id: p.label for p in propositions}
    camps = camps or Camps()
    names_of_camps = camp_names(camps, labels)
    framings = []
    for article in articles:
        if article.duplicate_of is not None:
            continue
        said = by_article.get(article.id, [])
        framing = _frame(article, said, entity_of, names)
        ids = {s.id for s in said}
        framing.covered_propositions = [p for p in contested if not members.get(p, set()).isdisjoint(ids)]
        covered = set(framing.covered_propositions)
        framing.omitted_propositions = [p for p in contested if p not in covered]
        _add_camps(framing, camps, names_of_camps, names)
        if said and framing.omitted_propositions:
            framing.notes.append(_coverage_note(framing, labels, len(contested)))
        framings.append(framing)
    return framings


def _add_camps(framing: Framing, camps: Camps, camp_names: Mapping[str, str], names: Mapping[str, str]) -> None:
    """Cue counts per camp, and a note when doubt is cast on one camp only."""
    framing.camps = {e: camps.of[e] for e in framing.cues_by_speaker if e in camps.of}
    framing.camp_pivot = camps.pivot
    by_camp: dict[str, Counter[str]] = {}
    for entity, camp in framing.camps.items():
        by_camp.setdefault(camp, Counter()).update(framing.cues_by_speaker[entity])
    framing.cues_by_camp = {camp: dict(sorted(counts.items())) for camp, counts in sorted(by_camp.items())}
    doubted = [camp for camp, counts in framing.cues_by_camp.items() if lex.DOUBT_CUES & counts.keys()]
    if len(doubted) == 1 and len(framing.cues_by_camp) > 1:
        camp = doubted[0]
        verbs = ", ".join(f"'{c}'" for c in sorted(lex.DOUBT_CUES & framing.cues_by_camp[camp].keys()))
        who = ", ".join(names.get(e, e) for e, c in framing.camps.items() if c == camp)
        others = "; ".join(
            f"the camp {camp_names[other]} gets {', '.join(repr(c) for c in sorted(counts))}"
            for other, counts in framing.cues_by_camp.items()
            if other != camp
        )
        framing.notes.append(f"Casts doubt ({verbs}) only on the camp {camp_names[camp]} ({who}); {others}.")


def _coverage_note(framing: Framing, labels: Mapping[str, str], contested: int) -> str:
    # A large story leaves out thousands per article: only the ones named are shortened.
    named = [f"\u201c{shorten(labels.get(p, p), 8)}\u201d" for p in framing.omitted_propositions[:OMITTED_IN_NOTE]]
    more = len(framing.omitted_propositions) - OMITTED_IN_NOTE
    listed = ", ".join(named) + (f" and {more} more" if more > 0 else "")
    covered = len(framing.covered_propositions)
    return f"Reports {covered} of the story's {contested} contested propositions; leaves out {listed}."


def _frame(
    article: Article,
    statements: Sequence[Statement],
    entity_of: Mapping[str, str | None],
    names: Mapping[str, str],
) -> Framing:
    cues: dict[str, Counter[str]] = {}
    quoted: list[str] = []
    speakers: list[str] = []
    for statement in statements:
        entity = entity_of.get(statement.id)
        if entity is None:
            continue
        if entity not in speakers:
            speakers.append(entity)
        if statement.kind in QUOTED_KINDS and entity not in quoted:
            quoted.append(entity)
        # Punctuation (a headline's "Mayor Ortega: …") reports speech but is no verb to count.
        if statement.cue_lemma and any(ch.isalpha() for ch in statement.cue_lemma):
            # "did not deny" is no denial: count it apart as "not deny".
            lemma = ("not " if statement.cue_negated else "") + statement.cue_lemma.lower()
            cues.setdefault(entity, Counter())[lemma] += 1
    paraphrased = [e for e in speakers if e not in quoted]
    cues_by_speaker = {e: dict(sorted(c.items())) for e, c in cues.items()}
    return Framing(
        article_id=article.id,
        outlet=article.outlet,
        cues_by_speaker=cues_by_speaker,
        quoted_entities=quoted,
        paraphrased_entities=paraphrased,
        notes=_notes(cues_by_speaker, quoted, paraphrased, names),
    )


def _notes(
    cues: Mapping[str, Mapping[str, int]],
    quoted: Sequence[str],
    paraphrased: Sequence[str],
    names: Mapping[str, str],
) -> list[str]:
    def who(entities: Sequence[str]) -> str:
        return ", ".join(names.get(e, e) for e in entities)

    def verbs(lemmas: set[str]) -> str:
        return ", ".join(f"'{lemma}'" for lemma in sorted(lemmas))

    def using(vocabulary: frozenset[str]) -> tuple[list[str], set[str]]:
        entities = [e for e, counts in cues.items() if vocabulary & counts.keys()]
        return entities, {lemma for e in entities for lemma in cues[e] if lemma in vocabulary}

    notes = []
    doubted, doubt_verbs = using(lex.DOUBT_CUES)
    neutral, neutral_verbs = using(lex.NEUTRAL_CUES)
    only_neutral = [e for e in neutral if e not in doubted]
    if doubted:
        note = f"Uses doubt-casting {verbs(doubt_verbs)} for {who(doubted)}"
        if only_neutral:
            plain_verbs = {lemma for e in only_neutral for lemma in cues[e] if lemma in lex.NEUTRAL_CUES}
            note += f"; neutral {verbs(plain_verbs)} for {who(only_neutral)}"
        notes.append(note + ".")
    deniers = [e for e, counts in cues.items() if any(lex.lemma_of(c) in lex.DENY_CUES for c in counts)]
    if deniers:
        denial_verbs = {c for e in deniers for c in cues[e] if lex.lemma_of(c) in lex.DENY_CUES}
        notes.append(f"Reports denials ({verbs(denial_verbs)}) by {who(deniers)}.")
    if quoted and paraphrased:
        notes.append(f"Quotes {who(quoted)} directly; reports {who(paraphrased)} only in paraphrase.")
    elif paraphrased:
        notes.append(f"Quotes no one directly; reports {who(paraphrased)} in paraphrase.")
    return notes
