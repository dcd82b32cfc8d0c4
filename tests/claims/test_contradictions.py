"""Tests for claimledger/claims/contradictions.py."""

from __future__ import annotations

from dataclasses import replace

from claim_builders import make_statement

from claimledger.claims.contradictions import conflict_strength, find_contradictions, narrowed_denial
from claimledger.claims.positions import build_positions
from claimledger.claims.scope import qualifiers, scopes_differ
from claimledger.records import Stance

NAMES = {"mayor": "Ana Lopez", "union": "the dockers' union", "firm": "Harbour Ltd"}


def _find(statements, stances, **options):
    """Contradictions among `statements`, each spoken by its own `speaker_entity_id`."""
    positions = build_positions(statements, stances, {s.id: s.speaker_entity_id for s in statements})
    return find_contradictions(positions, statements, stances, NAMES, **options)


def _analyse(statements, labels, scores=None):
    scores = scores or [0.8] * len(statements)
    stances = [Stance(s.id, "p1", label, score, "rules.v1") for s, label, score in zip(statements, labels, scores)]
    entity_of = {s.id: s.speaker_entity_id for s in statements}
    positions = build_positions(statements, stances, entity_of)
    return find_contradictions(positions, statements, stances, NAMES)


def test_qualifiers_find_purpose_time_quantity_condition():
    assert qualifiers("we sold no cranes to be used in the strike") == {"purpose": "to be used in the strike"}
    assert set(qualifiers("a limited number of cranes months before the strike")) == {"time", "quantity"}
    assert qualifiers("the port will reopen if the court agrees") == {"condition": "if the court agrees"}
    assert scopes_differ("sold cranes for use in the strike", "sold cranes")
    assert not scopes_differ("sold cranes", "bought cranes")


def test_purpose_scope_includes_things_said_to_be_put_to_that_use():
    # "cranes that are being used in the strike" restricts the cranes as "for use in the strike" does.
    assert qualifiers("it sells cranes to the mill that are being used now in the strike") == {
        "purpose": "that are being used now in the strike"
    }
    assert "purpose" not in qualifiers("the cranes that the mill used were old")


def test_reversal_real_when_scopes_match():
    text = "Lopez denied selling the harbour. Later she admitted selling the harbour."
    deny = make_statement(
        text, "selling the harbour", cue="denied", cue_lemma="deny", entity="mayor", said_at="2023-01-05"
    )
    text2 = "Later she admitted selling the harbour to a developer."
    admit = make_statement(text2, "selling the harbour to a developer", article="a2", cue="admitted", cue_lemma="admit",
                           entity="mayor", said_at="2023-03-01")
    [reversal] = _analyse([deny, admit], ["deny", "support"])
    assert reversal.kind == "reversal"
    assert (reversal.statement_a, reversal.statement_b) == (deny.id, admit.id)
    assert reversal.apparent is False
    assert reversal.explanation.startswith(
        "Ana Lopez denied \u201cselling the harbour\u201d (2023-01-05) but later admitted"
    )


def test_reversal_apparent_when_scopes_differ():
    t1 = "\u201cWe have not sold any cranes to be used in the strike,\u201d Lopez said."
    t2 = "Lopez said the city sold a limited number of cranes months before the strike."
    denial = make_statement(t1, "We have not sold any cranes to be used in the strike", kind="direct", entity="mayor")
    sale = make_statement(
        t2, "the city sold a limited number of cranes months before the strike", article="a2", entity="mayor"
    )
    [reversal] = _analyse([denial, sale], ["deny", "support"])
    assert reversal.apparent is True
    assert "in another statement" in reversal.explanation
    assert "to be used in the strike" in reversal.explanation
    assert reversal.explanation.endswith("so the conflict may be only apparent.")


def test_reversal_apparent_when_hedged():
    t1 = "Lopez said the harbour was sold."
    t2 = "Lopez said the harbour was not sold, but it may have been leased."
    a = make_statement(t1, "the harbour was sold", entity="mayor")
    b = make_statement(t2, "the harbour was not sold, but it may have been leased", article="a2", entity="mayor")
    [reversal] = _analyse([a, b], ["support", "deny"])
    assert reversal.apparent is True


def test_no_reversal_for_hedge_or_same_stance():
    text = "Lopez said the harbour was sold. Lopez said it may be sold. Lopez said it was sold."
    a = make_statement(text, "the harbour was sold", entity="mayor")
    b = make_statement(text, "it may be sold", entity="mayor")
    c = make_statement(text, "it was sold", entity="mayor")
    assert _analyse([a, b, c], ["support", "hedge", "support"]) == []


def test_dispute_one_per_actor_pair_with_most_confident_pair():
    text = "Union: the harbour was sold. Union: it was sold in May. Firm: no sale happened. Mayor: sold."
    weak = make_statement(text, "the harbour was sold", entity="union")
    strong = make_statement(text, "it was sold in May", entity="union")
    denial = make_statement(text, "no sale happened", entity="firm")
    disputes = _analyse([weak, strong, denial], ["support", "support", "deny"], [0.6, 0.9, 0.8])
    assert [c.kind for c in disputes] == ["dispute"]
    assert (disputes[0].statement_a, disputes[0].statement_b) == (strong.id, denial.id)
    assert disputes[0].explanation.startswith(
        "the dockers' union said \u201cit was sold in May\u201d, while Harbour Ltd"
    )


def test_views_narrow_quotes_and_scopes():
    text = "We never sold the harbour. We only leased the pier to be used in summer."
    denial = make_statement(text, text, kind="direct", entity="mayor")
    view = make_statement(text, "We never sold the harbour.", kind="direct", entity="mayor")
    claim = make_statement("The firm said it bought the harbour.", "it bought the harbour", article="a2", entity="firm")
    stances = [Stance(denial.id, "p1", "deny", 0.8, "r"), Stance(claim.id, "p1", "support", 0.8, "r")]
    positions = build_positions([denial, claim], stances, {denial.id: "mayor", claim.id: "firm"})
    [dispute] = find_contradictions(positions, [denial, claim], stances, NAMES, claims={(denial.id, "p1"): view})
    assert "\u201cWe never sold the harbour\u201d" in dispute.explanation
    assert dispute.apparent is False


def test_time_scope_is_a_phrase_not_a_clause_about_another_act():
    assert "time" not in qualifiers("the firm admits selling cranes after having said it had not")
    assert "time" not in qualifiers("cranes were sold before being inspected")
    assert qualifiers("cranes were sold before the strike") == {"time": "before the strike"}


def test_same_two_statements_in_conflict_on_two_propositions_are_one_dispute():
    text = "Union: the harbour was sold to the firm. Firm: no sale of the harbour happened."
    claim = make_statement(text, "the harbour was sold to the firm", entity="union")
    denial = make_statement(text, "no sale of the harbour happened", entity="firm")
    stances = [
        Stance(claim.id, p, "support", 0.8, "r") for p in ("p-sale", "p-owner")
    ] + [Stance(denial.id, p, "deny", 0.8, "r") for p in ("p-sale", "p-owner")]
    positions = build_positions([claim, denial], stances, {claim.id: "union", denial.id: "firm"})
    disputes = find_contradictions(positions, [claim, denial], stances, NAMES)
    assert [(c.kind, c.proposition_id) for c in disputes] == [("dispute", "p-sale")]


def test_a_dispute_already_shown_gives_way_to_the_next_pair_of_the_two_actors():
    text = (
        "Union: the harbour was sold to the firm. Union: the firm owns the pier. "
        "Firm: no sale of the harbour happened."
    )
    sale = make_statement(text, "the harbour was sold to the firm", entity="union")
    pier = make_statement(text, "the firm owns the pier", entity="union")
    denial = make_statement(text, "no sale of the harbour happened", entity="firm")
    stances = [
        Stance(sale.id, "p-sale", "support", 0.9, "r"), Stance(denial.id, "p-sale", "deny", 0.8, "r"),
        Stance(sale.id, "p-owner", "support", 0.9, "r"), Stance(pier.id, "p-owner", "support", 0.6, "r"),
        Stance(denial.id, "p-owner", "deny", 0.8, "r"),
    ]
    disputes = _find([sale, pier, denial], stances)
    assert [(c.proposition_id, c.statement_a, c.statement_b) for c in disputes] == [
        ("p-sale", sale.id, denial.id), ("p-owner", pier.id, denial.id),
    ]


def test_dispute_needs_claims_restricted_the_same_way():
    text = (
        "Union: the harbour was sold months before the strike. Union: the harbour was sold to be used in the strike. "
        "Firm: no harbour was sold to be used in the strike."
    )
    early = make_statement(text, "the harbour was sold months before the strike", entity="union")
    for_strike = make_statement(text, "the harbour was sold to be used in the strike", entity="union")
    denial = make_statement(text, "no harbour was sold to be used in the strike", entity="firm")
    [dispute] = _analyse([early, for_strike, denial], ["support", "support", "deny"], [0.9, 0.6, 0.8])
    assert (dispute.statement_a, dispute.statement_b) == (for_strike.id, denial.id)
    # A sale before the strike and a denial of one for use in it may both be true.
    assert _analyse([early, denial], ["support", "deny"]) == []


def test_dispute_needs_its_two_claims_as_alike_as_min_directness():
    text = "Union: the harbour was sold. Union: the pier is unsafe. Firm: no sale of the harbour happened."
    sale = make_statement(text, "the harbour was sold", entity="union")
    pier = make_statement(text, "the pier is unsafe", entity="union")
    denial = make_statement(text, "no sale of the harbour happened", entity="firm")
    statements = [sale, pier, denial]
    stances = [
        Stance(sale.id, "p1", "support", 0.7, "r"), Stance(pier.id, "p1", "support", 0.9, "r"),
        Stance(denial.id, "p1", "deny", 0.9, "r"),
    ]
    alike = {frozenset((sale.id, denial.id)): 0.8, frozenset((pier.id, denial.id)): 0.3}

    def similarity(a, b):
        return alike.get(frozenset((a.id, b.id)), 0.0)

    [dispute] = _find(statements, stances, similarity=similarity, min_directness=0.6)
    assert (dispute.statement_a, dispute.statement_b) == (sale.id, denial.id)
    assert dispute.strength == conflict_strength(sale, 0.7, denial, 0.9, similarity)
    assert _find(statements, stances, similarity=similarity, min_directness=0.85) == []


def test_conflict_strength_is_directness_times_firmness():
    text = "Union: the harbour was sold. Firm: no sale of the harbour happened."
    sale = make_statement(text, "the harbour was sold", entity="union")
    denial = make_statement(text, "no sale of the harbour happened", entity="firm")
    assert conflict_strength(sale, 0.9, denial, 0.9) == 0.9  # both attributions sure (confidence 1.0)
    assert conflict_strength(sale, 0.9, denial, 0.9, lambda a, b: 0.5) == 0.45
    unsure = replace(denial, confidence=0.4)
    assert conflict_strength(sale, 0.9, unsure, 0.9) == 0.569  # sqrt(0.9 * 0.9 * 0.4)
    # An explicit denial ("denied", 0.9) makes a firmer conflict than a hedged one (0.6).
    assert conflict_strength(sale, 0.9, denial, 0.9) > conflict_strength(sale, 0.9, denial, 0.6)
    assert conflict_strength(sale, 0.9, denial, 0.9, lambda a, b: -0.2) == 0.0


def test_a_switch_seen_on_two_overlapping_propositions_is_one_reversal():
    text = "Lopez: the harbour was sold. Lopez: the firm owns the pier. Lopez: the harbour was never sold."
    sold = make_statement(text, "the harbour was sold", entity="mayor")
    pier = make_statement(text, "the firm owns the pier", entity="mayor")
    never = make_statement(text, "the harbour was never sold", entity="mayor")
    stances = [
        Stance(sold.id, "p-sale", "support", 0.8, "r"), Stance(never.id, "p-sale", "deny", 0.8, "r"),
        Stance(pier.id, "p-owner", "support", 0.8, "r"), Stance(never.id, "p-owner", "deny", 0.8, "r"),
    ]
    [reversal] = _find([sold, pier, never], stances)
    assert (reversal.proposition_id, reversal.statement_a, reversal.statement_b) == ("p-sale", sold.id, never.id)
    assert reversal.strength == conflict_strength(sold, 0.8, never, 0.8)


def test_narrowed_denial_general_denial_against_a_narrow_admission_is_real():
    # Issue 19: "no spill of any kind" then "a small spill before the new valves" is a true reversal.
    t1 = "\u201cThere has been no spill of any kind from the depot,\u201d Lopez said."
    t2 = "Lopez said there had been a small spill before the new valves were fitted."
    denial = make_statement(t1, "There has been no spill of any kind from the depot", kind="direct", entity="mayor")
    admission = make_statement(t2, "there had been a small spill before the new valves were fitted", article="a2",
                               entity="mayor")
    assert narrowed_denial(admission, denial) == ""
    [reversal] = _analyse([denial, admission], ["deny", "support"])
    assert reversal.apparent is False


def test_narrowed_denial_says_why_a_narrow_denial_leaves_the_rest_open():
    t1 = "Lopez said the city sold cranes months before the strike."
    t2 = "\u201cWe have not sold any cranes to be used in the strike,\u201d Lopez said."
    sale = make_statement(t1, "the city sold cranes months before the strike", entity="mayor")
    denial = make_statement(t2, "We have not sold any cranes to be used in the strike", article="a2", entity="mayor")
    why = narrowed_denial(sale, denial)
    assert why.startswith("the denial is limited by \u201cto be used in the strike\u201d")


def test_contradictions_need_confident_stances_of_resolved_speakers():
    text = "The union said the harbour was sold. The firm asked to see the sale. A source denied the sale."
    claim = make_statement(text, "the harbour was sold", entity="union")
    request = make_statement(text, "to see the sale", entity="firm")
    stranger = make_statement(text, "the sale", entity="a-source")  # no entity of that id: unresolved
    stances = [Stance(claim.id, "p1", "support", 0.8, "r"), Stance(request.id, "p1", "deny", 0.5, "r"),
               Stance(stranger.id, "p1", "deny", 0.9, "r")]
    assert _find([claim, request, stranger], stances) == []


def test_contradiction_explanation_names_both_statements_and_the_claim():
    text = "The union said the harbour was sold. The firm denied that the harbour was sold."
    claim = make_statement(text, "the harbour was sold", entity="union")
    denial = make_statement(text, "that the harbour was sold", cue="denied", cue_lemma="deny", entity="firm")
    stances = [Stance(claim.id, "p1", "support", 0.8, "r"), Stance(denial.id, "p1", "deny", 0.9, "r")]
    [dispute] = _find([claim, denial], stances, labels={"p1": "The harbour was sold"})
    assert dispute.explanation == (
        "the dockers' union said \u201cthe harbour was sold\u201d, while Harbour Ltd denied \u201cthat the harbour "
        "was sold\u201d: the first asserts and the second denies \u201cThe harbour was sold\u201d."
    )
    assert dispute.strength is not None and dispute.strength >= 0.3


def test_two_actors_of_one_side_are_no_dispute():
    text = "Harbour Ltd said it sold the pier. Its spokeswoman Ana Lopez denied that the pier was sold."
    claim = make_statement(text, "it sold the pier", entity="firm")
    denial = make_statement(text, "the pier was sold", cue="denied", cue_lemma="deny", entity="mayor")
    stances = [Stance(claim.id, "p1", "support", 0.8, "r"), Stance(denial.id, "p1", "deny", 0.9, "r")]
    assert [c.kind for c in _find([claim, denial], stances)] == ["dispute"]
    allies = {"mayor": frozenset({"mayor", "firm"}), "firm": frozenset({"firm"})}
    assert _find([claim, denial], stances, allies=allies) == []


def test_a_denial_and_an_admission_reported_by_several_outlets_are_one_switch():
    # Outlets re-reporting the denial and the admission make the timeline zigzag
    # (deny, admit, deny, admit): one switch each way, shown by its strongest pair.
    def said(article: str, content: str, date: str):
        return make_statement(f"Lopez said {content}.", content, article=article, entity="mayor", said_at=date)

    first = said("a1", "the harbour was not sold", "2023-01-01")
    admits = said("a2", "the harbour was sold", "2023-02-01")
    again = said("a3", "the harbour was not sold", "2023-03-01")
    finally_ = said("a4", "the harbour was sold", "2023-04-01")
    reversals = _analyse([first, admits, again, finally_], ["deny", "support", "deny", "support"], [0.7, 0.9, 0.7, 0.7])
    assert [(r.statement_a, r.statement_b) for r in reversals] == [(first.id, admits.id), (admits.id, again.id)]
