"""How each article reports its speakers: which verbs, who is quoted.

The same statement reads differently as "X said" and as "X claimed": the
first is neutral, the second casts doubt. Per article this stage counts cue
lemmas per speaker, splits speakers into those quoted directly and those only
paraphrased, and writes plain-sentence notes on any asymmetry.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence

from ..records import Article, Framing, Statement
from . import _lexicon as lex

QUOTED_KINDS = frozenset({"direct", "mixed"})


def describe_framing(
    articles: Sequence[Article],
    statements: Sequence[Statement],
    entity_of: Mapping[str, str | None],
    *,
    entity_names: Mapping[str, str] | None = None,
) -> list[Framing]:
    """One `Framing` per article that is not a duplicate, in article order.

    `entity_of` maps statement id → entity id (statements without an actor
    are left out); `entity_names` gives the names used in the notes
    (entity ids otherwise). A negated cue is counted as "not <lemma>".
    """
    by_article: dict[str, list[Statement]] = {}
    for statement in statements:
        by_article.setdefault(statement.article_id, []).append(statement)
    names = entity_names or {}
    return [
        _frame(article, by_article.get(article.id, []), entity_of, names)
        for article in articles
        if article.duplicate_of is None
    ]


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
        if statement.cue_lemma:
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
