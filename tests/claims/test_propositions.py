"""Tests for claimledger/claims/propositions.py."""

from __future__ import annotations

import numpy as np
import pytest
from claim_builders import make_statement

from claimledger.claims.propositions import (
    affirmative,
    assign_propositions,
    canonical_claim,
    cluster_propositions,
    is_clause,
    is_elliptical,
    proposition_text,
    proposition_texts,
    split_claims,
)


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ("claims made by the opposition that the council had sold the harbour", "the council had sold the harbour"),
        ("reports about the closure of the northern mine", "the closure of the northern mine"),
        ("We have not sold and will not sell the harbour", "We have sold and will sell the harbour"),
        ("The company never paid the fine", "The company paid the fine"),
        ("to suggest that the board hid the losses is \u201ctotally unfounded.\u201d", "the board hid the losses"),
        ("the auditors failed to find any evidence of fraud", "the auditors find any evidence of fraud"),
        ("Not only is the river polluted, the lake is too", "Not only is the river polluted, the lake is too"),
        ("the union's demands", "the union's demands"),
    ],
)
def test_proposition_text_strips_wrapper_verdict_and_negation(content, expected):
    assert affirmative(content) == expected


def test_proposition_text_reads_the_content_span():
    text = "The mayor denied reports that the bridge was unsafe."
    statement = make_statement(text, "reports that the bridge was unsafe", cue="denied")
    assert proposition_text(statement) == "the bridge was unsafe"


@pytest.mark.parametrize(("content", "expected"), [("it had not", True), ("so", True), ("the bridge fell", False)])
def test_is_elliptical_content_words(content, expected):
    assert is_elliptical(content) is expected


def test_proposition_texts_resolves_ellipsis_from_same_sentence():
    text = "Council admits closing the library after having said it had not"
    admits = make_statement(text, "closing the library", cue="admits")
    ellipsis = make_statement(text, "it had not", cue="having said")
    assert proposition_texts([admits, ellipsis]) == ["closing the library", "closing the library"]


def test_proposition_texts_resolves_pronoun_from_quoting_parent():
    text = '"The ministry denies it, but the records show the tender was rigged," the auditor said.'
    parent = make_statement(text, "The ministry denies it, but the records show the tender was rigged", kind="direct")
    child = make_statement(text, "it", cue="denies")
    child.parent_id = parent.id
    assert proposition_texts([parent, child])[1] == "the records show the tender was rigged"


def test_split_claims_one_view_per_sentence_same_id():
    text = "The plant is safe. We inspected it twice last year. Fine."
    statement = make_statement(text, text, kind="direct")
    views = split_claims(statement)
    assert [v.content.text for v in views] == ["The plant is safe.", "We inspected it twice last year. Fine."]
    assert {v.id for v in views} == {statement.id}
    assert all(text[v.content.start : v.content.end] == v.content.text for v in views)


def test_split_claims_a_question_asserts_nothing_of_its_own():
    text = "They told this town there was no spill. Now it is a small spill. Next month, what will it be?"
    views = split_claims(make_statement(text, text, kind="direct"))
    assert [v.content.text for v in views] == [
        "They told this town there was no spill.", "Now it is a small spill. Next month, what will it be?"
    ]


def test_split_claims_keeps_abbreviations_and_single_sentences():
    text = "The U.S. Treasury will not lift the sanctions."
    statement = make_statement(text, text)
    assert split_claims(statement) == [statement]


def _statements():
    text_a = "The minister said the mine will close in spring."
    text_b = "The union denied that the mine will close in spring."
    text_c = "The mayor said the stadium budget doubled."
    return [
        make_statement(text_a, "the mine will close in spring", article="a1", cue="said"),
        make_statement(text_b, "that the mine will close in spring", article="a2", cue="denied"),
        make_statement(text_c, "the stadium budget doubled", article="a3", cue="said"),
    ]


def test_cluster_propositions_groups_assertion_with_denial(bow_encoder):
    statements = _statements()
    vectors = bow_encoder.encode(proposition_texts(statements))
    propositions = cluster_propositions(statements, vectors, threshold=0.6)
    assert [len(p.statement_ids) for p in propositions] == [2, 1]
    assert propositions[0].statement_ids == [statements[0].id, statements[1].id]
    assert propositions[0].label == "The mine will close in spring"


def test_cluster_propositions_ids_are_stable(bow_encoder):
    statements = _statements()
    vectors = bow_encoder.encode(proposition_texts(statements))
    first = cluster_propositions(statements, vectors)
    again = cluster_propositions(list(statements), vectors.copy())
    assert [p.id for p in first] == [p.id for p in again]
    assert all(p.id.startswith("p") for p in first)


def test_assign_propositions_reports_each_rows_proposition(bow_encoder):
    statements = _statements()
    propositions, rows = assign_propositions(statements, bow_encoder.encode(proposition_texts(statements)))
    assert rows == [0, 0, 1]
    assert len(propositions) == 2


def test_cluster_propositions_label_prefers_plain_member():
    text = "They did not raise the rent. The landlord raised the rent."
    denial = make_statement(text, "They did not raise the rent")
    claim = make_statement(text, "The landlord raised the rent")
    vectors = np.ones((2, 3))
    assert cluster_propositions([denial, claim], vectors)[0].label == "The landlord raised the rent"


def test_cluster_propositions_empty_input():
    assert cluster_propositions([], np.zeros((0, 4))) == []


def test_cluster_propositions_rejects_mismatched_embeddings(bow_encoder):
    with pytest.raises(ValueError, match="E032"):
        cluster_propositions(_statements(), np.zeros((2, 4)))


@pytest.mark.parametrize("threshold", [0.0, 1.5])
def test_cluster_propositions_rejects_bad_threshold(threshold):
    with pytest.raises(ValueError, match="E033"):
        cluster_propositions(_statements(), np.ones((3, 4)), threshold=threshold)


def test_average_linkage_matches_scipy_on_the_whole_matrix():
    """Clustering by group sums over the similarity graph's edges gives the flat
    clusters of scipy's average linkage over the whole distance matrix, also
    for near-copies of the same points (texts repeated with small changes)."""
    from scipy.cluster.hierarchy import fcluster, linkage
    from scipy.spatial.distance import pdist

    from claimledger.claims.propositions import _average_linkage, _normalise

    rng = np.random.default_rng(7)
    centres = rng.normal(size=(12, 16))
    points = np.repeat(centres, 25, axis=0) + rng.normal(scale=0.6, size=(300, 16))
    copies = np.concatenate([points[:60] + rng.normal(scale=0.02, size=(60, 16)) for _ in range(3)])

    def partition(labels) -> list[list[int]]:
        return sorted(sorted(i for i, x in enumerate(labels) if x == label) for label in set(labels))

    for vectors in (_normalise(points), _normalise(np.concatenate([points, copies]))):
        for threshold in (0.3, 0.5, 0.7, 0.9):
            whole = fcluster(
                linkage(np.clip(pdist(vectors, metric="cosine"), 0.0, 2.0), method="average"),
                t=1.0 - threshold, criterion="distance",
            )
            assert partition(_average_linkage(vectors, threshold)) == partition(list(whole))


def test_average_linkage_of_nothing_and_of_one_row():
    from claimledger.claims.propositions import _average_linkage

    assert _average_linkage(np.zeros((0, 4)), 0.6) == []
    assert _average_linkage(np.array([[1.0, 0.0]]), 0.6) == [0]


# --- adding to an earlier clustering -----------------------------------------------


def _clustered_points(seed: int = 3) -> np.ndarray:
    rng = np.random.default_rng(seed)
    centres = rng.normal(size=(6, 16))
    return np.repeat(centres, 10, axis=0) + rng.normal(scale=0.3, size=(60, 16))


def test_assign_propositions_with_nothing_known_is_a_full_clustering():
    vectors = _clustered_points()
    statements = [make_statement(f"Claim number {i} here.", f"Claim number {i} here") for i in range(60)]
    full = assign_propositions(statements, vectors, threshold=0.5)
    assert assign_propositions(statements, vectors, threshold=0.5, known=[None] * 60) == full


def test_assign_propositions_keeps_earlier_groups_and_places_new_rows():
    vectors = _clustered_points()
    statements = [make_statement(f"Claim number {i} here.", f"Claim number {i} here") for i in range(62)]
    # An earlier run split the first cluster in two (which a full run would
    # not), saw five clusters, and has not seen the last two rows.
    stranger = np.random.default_rng(9).normal(size=(1, 16)) * 5
    vectors = np.vstack([vectors[:50], vectors[:1] + 0.01, stranger])
    known = [f"g{i // 10}" if i >= 5 else "g-split" for i in range(50)] + [None, None]
    propositions, rows = assign_propositions(statements[:52], vectors, threshold=0.5, known=known)
    members = {tuple(r for r, index in enumerate(rows) if index == p) for p in range(len(propositions))}
    # The earlier groups are kept apart as they were; the row close to the
    # first one on average joins it.
    assert (0, 1, 2, 3, 4, 50) in members and (5, 6, 7, 8, 9) in members
    assert (51,) in members  # like nothing before it: a proposition of its own
    assert len(propositions) == 7


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        # negative polarity items read affirmatively once the negator is gone
        ("There has been no spill of any kind at the quarry", "There has been a spill of some kind at the quarry"),
        ("there was no leak from the tank", "There was a leak from the tank"),
        ("nothing had been dumped since", "Something had been dumped since"),
        # attribution frames go: "Claims by X that …", "…," she said
        ("claims by the governor of Alder County that the quarry had poisoned the well",
         "The quarry had poisoned the well"),
        ("\u201cThe quarry never poisoned the well,\u201d she said.", "The quarry poisoned the well"),
    ],
)
def test_canonical_claim_reads_as_an_assertion_without_its_frame(content, expected):
    assert canonical_claim(affirmative(content), 40) == expected


def test_label_prefers_a_clause_to_an_infinitive_fragment():
    text = "The board asked auditors to inspect the ledgers. It said it had asked auditors to inspect the ledgers."
    fragment = make_statement(text, "to inspect the ledgers", cue="asked")
    clause = make_statement(text, "it had asked auditors to inspect the ledgers", cue="said")
    vectors = np.array([[1.0, 0.0], [0.9, 0.1]])
    [proposition] = cluster_propositions([fragment, clause], vectors, threshold=0.5)
    assert proposition.label == "It had asked auditors to inspect the ledgers"
    assert is_clause(proposition.label) and not is_clause("to inspect the ledgers")
