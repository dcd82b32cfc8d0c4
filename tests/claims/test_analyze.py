"""Tests for claimledger/claims/__init__.py: `analyze_claims` and the public surface."""

from __future__ import annotations

from claim_builders import make_statement

import claimledger.claims as claims
from claimledger.claims import analyze_claims
from claimledger.records import Article, Entity

TEXT = (
    "The minister said the mine will close in spring. "
    "The union denied that the mine will close in spring. "
    "\u201cThe mine will not close in spring. Our order book is full,\u201d the owner said."
)


def test_public_names_are_pinned():
    assert claims.__all__ == sorted(claims.__all__)
    assert set(claims.__all__) == {
        "DEFAULT_THRESHOLD", "Encoder", "SentenceEncoder", "StanceBackend", "analyze_claims",
        "assign_camps", "assign_propositions", "build_positions", "claim_texts", "cluster_propositions",
        "clustering_key",
        "contested_propositions",
        "describe_framing", "find_contradictions", "get_stance_backend", "nest_propositions", "predict_stances",
        "proposition_text",
        "proposition_texts", "split_claims", "stance_backends",
    }


def test_analyze_claims_end_to_end(bow_encoder):
    article = Article(id="a1", source="x.txt", text=TEXT, outlet="Mining Weekly")
    minister = make_statement(TEXT, "the mine will close in spring", cue="said", cue_lemma="say", entity="minister")
    union = make_statement(TEXT, "that the mine will close in spring", cue="denied", cue_lemma="deny", entity="union")
    owner = make_statement(
        TEXT, "The mine will not close in spring. Our order book is full,", cue="said", cue_lemma="say", kind="direct"
    )
    entities = [Entity("minister", "PERSON", "Minister Diaz"), Entity("union", "ORG", "Miners' Union"),
                Entity("owner", "ORG", "Northern Mines")]
    links = {owner.id: "owner"}  # resolution linked the unnamed speaker

    analysis = analyze_claims([article], [owner, union, minister], entities, links, encoder=bow_encoder)

    central = analysis.propositions[0]
    assert central.label == "The mine will close in spring"
    assert set(central.statement_ids) == {minister.id, union.id, owner.id}
    labels = {s.statement_id: s.stance for s in analysis.stances if s.proposition_id == central.id}
    assert labels == {minister.id: "support", union.id: "deny", owner.id: "deny"}
    assert len({(s.statement_id, s.proposition_id) for s in analysis.stances}) == len(analysis.stances)
    assert {p.entity_id for p in analysis.positions if p.proposition_id == central.id} == {"minister", "union", "owner"}
    disputes = [c for c in analysis.contradictions if c.kind == "dispute"]
    assert {(c.statement_a, c.statement_b) for c in disputes} == {(minister.id, union.id), (minister.id, owner.id)}
    owner_side = next(c for c in disputes if c.statement_b == owner.id).explanation
    assert "\u201cThe mine will not close in spring\u201d" in owner_side and "order book" not in owner_side
    assert analysis.framing[0].quoted_entities == ["owner"]
    assert analysis.speaker_links == links and analysis.entities == entities


def test_claims_are_placed_only_beside_a_grouping_made_the_same_way(bow_encoder, monkeypatch):
    monkeypatch.setattr(claims, "MAX_ASSIGNED", 1.0)  # one new claim of two may be placed
    article = Article(id="a1", source="x.txt", text=TEXT)
    minister = make_statement(TEXT, "the mine will close in spring", cue="said", cue_lemma="say", entity="minister")
    union = make_statement(TEXT, "that the mine will close in spring", cue="denied", cue_lemma="deny", entity="union")
    first = analyze_claims([article], [minister], [], {}, encoder=bow_encoder)
    assert first.clustering == claims.clustering_key(bow_encoder, claims.DEFAULT_THRESHOLD)
    assert claims.clustering_key(bow_encoder, 0.7) != first.clustering

    def grown(clustering):
        both = analyze_claims([article], [minister, union], [], {}, encoder=bow_encoder,
                              earlier=first.claim_units, earlier_clustering=clustering)
        return [unit.assigned for unit in both.claim_units]

    assert grown(first.clustering) == [False, True]  # the union's claim placed beside the earlier grouping
    assert grown(claims.clustering_key(bow_encoder, 0.7)) == [False, False]  # grouped otherwise: afresh
    assert grown(None) == [False, False]  # not known how: afresh


def test_analyze_claims_empty_corpus(bow_encoder):
    analysis = analyze_claims([], [], [], {}, encoder=bow_encoder)
    assert analysis.propositions == [] and analysis.stances == [] and analysis.contradictions == []


def _shares_a_long_word(a: str, b: str) -> bool:
    return bool({w for w in a.lower().split() if len(w) >= 5} & set(b.lower().split()))


class _Reading:
    """A backend that reads the proposition: support where the claim shares a word of five letters
    or more with the proposition's label, neutral elsewhere (a stand-in for the entailment model)."""

    method = "reading.v0"
    reads_proposition = True
    candidate_similarity = 0.0  # every proposition of two statements is a candidate
    actor_bonus = 0.0

    def predict(self, pairs):
        from claimledger.records import Stance

        return [
            Stance(s.id, p.id, "support" if _shares_a_long_word(p.label, s.content.text) else "neutral", 0.8,
                   self.method)
            for s, p in pairs
        ]


def test_analyze_claims_scores_candidates_only_with_a_backend_that_reads_the_proposition(bow_encoder):
    text = (
        "The warden said the depot spilled diesel. "
        "The clerk said the river looked clean. The guide said the diesel depot trail was closed."
    )
    articles = [Article(id="a1", source="x.txt", text=text), Article(id="a2", source="y.txt", text=text)]
    said = [
        make_statement(text, "the depot spilled diesel", entity="warden"),
        make_statement(text, "the depot spilled diesel", article="a2", entity="ranger"),
        make_statement(text, "the river looked clean", entity="clerk"),
        make_statement(text, "the diesel depot trail was closed", entity="guide"),
    ]
    rules = analyze_claims(articles, said, [], {}, encoder=bow_encoder, threshold=0.9)
    reading = analyze_claims(articles, said, [], {}, encoder=bow_encoder, threshold=0.9, stance_backend=_Reading())
    spill = next(p for p in reading.propositions if p.label.lower().startswith("the depot spilled"))
    on_spill = {s.statement_id: s.stance for s in reading.stances if s.proposition_id == spill.id}
    # the guide's "depot trail" is a candidate the backend reads as bearing on it; the clerk's is dropped
    assert on_spill.get(said[3].id) == "support" and said[3].id in spill.statement_ids
    assert said[2].id not in on_spill
    assert all(s.stance != "neutral" for s in reading.stances)
    # the rules read a claim's own words only: no candidates
    assert len(rules.stances) < len(reading.stances)
