"""General propositions and their scoped versions (claims/nesting.py)."""

from __future__ import annotations

from claim_builders import make_statement

from claimledger.claims import analyze_claims
from claimledger.claims.nesting import nest_propositions, scope_key, stance_on_parent, strip_scope
from claimledger.records import Article, Entity, Stance

TEXT = (
    "Norland sold rockets to Westmark. "
    "We have not sold rockets to Westmark for use in the border war. "
    "Norland sold a small number of rockets to Westmark months before the border war. "
    "The harbour will reopen in May."
)


def test_strip_scope_removes_purpose_time_and_quantity():
    purpose = "We have sold rockets to Westmark for use in the border war"
    assert strip_scope(purpose) == "We have sold rockets to Westmark"
    assert strip_scope("Norland sold a small number of rockets months before the war") == "Norland sold rockets"
    assert strip_scope("the sale happened prior to the war") == "the sale happened"
    assert strip_scope("The harbour will reopen") == "The harbour will reopen"


def test_stance_on_parent_turns_a_narrow_denial_into_a_hedge():
    denial = Stance("s1", "p-child", "deny", 0.9, "rules.v1")
    assertion = Stance("s2", "p-child", "support", 0.8, "rules.v1")
    assert stance_on_parent(denial).stance == "hedge"
    assert stance_on_parent(assertion).stance == "support"
    assert stance_on_parent(denial).method == "rules.v1+scope"


def _claims():
    plain = make_statement(TEXT, "Norland sold rockets to Westmark", cue_lemma="say", entity="ostrava")
    purpose = make_statement(
        TEXT, "We have not sold rockets to Westmark for use in the border war", cue_lemma="say", entity="norland"
    )
    before = make_statement(
        TEXT, "Norland sold a small number of rockets to Westmark months before the border war",
        cue_lemma="admit", entity="norland",
    )
    harbour = make_statement(TEXT, "The harbour will reopen in May", cue_lemma="say", entity="ostrava")
    return plain, purpose, before, harbour


def test_scoped_claims_get_a_narrower_proposition_under_the_general_one(bow_encoder):
    claims = _claims()
    texts = ["Norland sold rockets to Westmark", "We have sold rockets to Westmark for use in the border war",
             "Norland sold rockets to Westmark months before the border war", "The harbour will reopen in May"]
    nested = nest_propositions(claims, texts, bow_encoder, threshold=0.5, child_threshold=0.9)

    assert nested.scoped == [False, True, True, False]
    general = nested.propositions[nested.members[0][0]]
    assert general.parent_id is None
    assert {claims[i].id for i in range(3)} <= set(general.statement_ids)
    children = [nested.propositions[m[1]] for m in nested.members[1:3]]
    assert all(child.parent_id == general.id for child in children)
    assert children[0].id != children[1].id  # purpose and time are different narrowings
    assert nested.members[3] == [nested.members[3][0]] and nested.members[3][0] != nested.members[0][0]


def test_analyze_claims_reads_a_narrow_denial_as_a_hedge_on_the_general_claim(bow_encoder):
    plain, purpose, before, harbour = _claims()
    entities = [Entity("ostrava", "GPE", "Ostrava"), Entity("norland", "GPE", "Norland")]
    analysis = analyze_claims(
        [Article(id="a1", source="x.txt", text=TEXT)], [plain, purpose, before, harbour], entities, {},
        encoder=bow_encoder, threshold=0.5,
    )
    by_id = {p.id: p for p in analysis.propositions}
    on = {(s.statement_id, by_id[s.proposition_id].parent_id is None): s.stance for s in analysis.stances}
    assert on[(purpose.id, False)] == "deny"  # denies the narrow claim outright …
    assert on[(purpose.id, True)] == "hedge"  # … and leaves the general one open
    assert on[(before.id, True)] == "support"
    reversal = next(c for c in analysis.contradictions if c.kind == "reversal")
    assert {reversal.statement_a, reversal.statement_b} == {purpose.id, before.id}
    assert reversal.apparent and by_id[reversal.proposition_id].parent_id is None


def test_scope_key_says_how_a_claim_is_narrowed():
    assert scope_key("We have sold rockets to Westmark for use in the border war") == {"purpose"}
    assert scope_key("Norland sold a small number of rockets months before the border war") == {
        "quantity", "time:before",
    }
    assert scope_key("the sale happened prior to the war") == {"time:before"}
    assert scope_key("rockets kept arriving after the ceasefire") == {"time:after"}
    assert scope_key("Norland sold rockets to Westmark") == frozenset()


def test_narrowings_of_different_kinds_never_share_a_narrower_proposition(bow_encoder):
    # Near-identical words, different questions: even a child threshold that
    # would merge anything keeps purpose, earlier and later apart.
    text = (
        "Norland sold rockets to Westmark. Norland sold rockets to Westmark for use in the border war. "
        "Norland sold rockets to Westmark before the border war. "
        "Norland sold rockets to Westmark after the border war. "
        "Norland sold rockets to Westmark for use in the border war, Ostrava said."
    )
    sentences = [
        "Norland sold rockets to Westmark",
        "Norland sold rockets to Westmark for use in the border war",
        "Norland sold rockets to Westmark before the border war",
        "Norland sold rockets to Westmark after the border war",
    ]
    claims = [make_statement(text, s, entity="ostrava") for s in sentences]
    claims.append(make_statement(text, sentences[1], article="a2", entity="norland"))
    texts = [c.content.text for c in claims]
    nested = nest_propositions(claims, texts, bow_encoder, threshold=0.5, child_threshold=0.01)

    assert len({m[0] for m in nested.members}) == 1  # one general proposition
    purpose, before, after, purpose_again = (nested.members[i][1] for i in (1, 2, 3, 4))
    assert purpose == purpose_again
    assert len({purpose, before, after}) == 3


def test_a_claim_also_joins_another_proposition_it_bears_on(bow_encoder):
    text = (
        "Norland sold rockets to Westmark. Norland sold the rockets to Westmark. "
        "Westmark fires rockets at Ostrava. Westmark fires the rockets at Ostrava. "
        "Westmark fires the rockets Norland sold at Ostrava. The harbour will reopen in May."
    )
    contents = [
        "Norland sold rockets to Westmark", "Norland sold the rockets to Westmark",
        "Westmark fires rockets at Ostrava", "Westmark fires the rockets at Ostrava",
        "Westmark fires the rockets Norland sold at Ostrava", "The harbour will reopen in May",
    ]
    claims = [make_statement(text, c, entity="ostrava") for c in contents]
    nested = nest_propositions(claims, contents, bow_encoder, threshold=0.6)

    sale, use, both, harbour = (nested.members[i][0] for i in (0, 2, 4, 5))
    assert sale != use and both in (sale, use)
    assert nested.also[4] == [sale if both == use else use]  # the mixed claim bears on both
    assert all(not nested.also[i] for i in (0, 1, 2, 3, 5))
    assert claims[4].id in nested.propositions[nested.also[4][0]].statement_ids


def test_analyze_claims_gives_a_stance_on_every_proposition_a_claim_bears_on(bow_encoder):
    text = (
        "Norland sold rockets to Westmark. Norland sold the rockets to Westmark. "
        "Westmark fires rockets at Ostrava. Westmark fires the rockets at Ostrava. "
        "Westmark fires the rockets Norland sold at Ostrava."
    )
    contents = [
        "Norland sold rockets to Westmark", "Norland sold the rockets to Westmark",
        "Westmark fires rockets at Ostrava", "Westmark fires the rockets at Ostrava",
        "Westmark fires the rockets Norland sold at Ostrava",
    ]
    claims = [make_statement(text, c, cue_lemma="say", entity="ostrava") for c in contents]
    analysis = analyze_claims(
        [Article(id="a1", source="x.txt", text=text)], claims, [Entity("ostrava", "GPE", "Ostrava")], {},
        encoder=bow_encoder, threshold=0.6,
    )
    on = [s.proposition_id for s in analysis.stances if s.statement_id == claims[4].id]
    assert len(on) == 2 and len(set(on)) == 2


def test_stance_on_parent_turns_a_partial_admission_into_a_hedge():
    # "sold a few cranes, months before the strike" neither asserts nor denies "sold cranes" outright.
    admission = Stance("s1", "p1", "support", 0.7, "rules.v1")
    assert stance_on_parent(admission, frozenset({"quantity"})).stance == "hedge"
    assert stance_on_parent(admission, frozenset({"time:before"})).stance == "hedge"
    # narrowed to a use, the admission asserts the general claim
    assert stance_on_parent(admission, frozenset({"purpose"})).stance == "support"
