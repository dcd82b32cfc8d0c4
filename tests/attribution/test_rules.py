"""Attribution on sentences written for these tests (no sample-story text)."""

from __future__ import annotations


def _by_content(parsed):
    return {s.content.text: s for s in parsed.statements}


def test_extract_statements_indirect_said_that(analyse):
    parsed = analyse("Harbor News\nMayor Lena Ortega said on Monday that the river was safe to swim in.\n")
    (statement,) = [s for s in parsed.statements if s.cue_lemma == "say"]
    assert statement.speaker.text == "Mayor Lena Ortega"
    assert statement.content.text == "the river was safe to swim in"
    assert statement.kind == "indirect"
    assert statement.said_at_text == "on Monday"


def test_extract_statements_direct_quote_after_cue(analyse):
    parsed = analyse("Title\n“We have released nothing into the water,” the spokeswoman said.\n")
    (statement,) = parsed.statements
    assert statement.kind == "direct"
    assert statement.content.text == "We have released nothing into the water"
    assert statement.speaker.text == "the spokeswoman"


def test_extract_statements_according_to(analyse):
    parsed = analyse("Title\nThe plant leaked solvent for three days, according to inspector Maya Brandt.\n")
    (statement,) = [s for s in parsed.statements if s.kind == "according_to"]
    assert statement.speaker.text == "inspector Maya Brandt"
    assert statement.content.text == "The plant leaked solvent for three days"


def test_extract_statements_denial_takes_object(analyse):
    parsed = analyse("Title\nThe company firmly rejected the allegations of a leak.\n")
    (statement,) = parsed.statements
    assert statement.cue_lemma == "reject"
    assert statement.content.text == "the allegations of a leak"


def test_extract_statements_negated_cue(analyse):
    parsed = analyse("Title\nThe company did not deny reports that the filters had failed.\n")
    (statement,) = [s for s in parsed.statements if s.cue_lemma == "deny"]
    assert statement.cue_negated
    assert statement.cue.text == "did not deny"


def test_extract_statements_coordinated_speakers_split(analyse):
    parsed = analyse("Title\nBoth Norland and Westmark have repeatedly denied claims that they shared the data.\n")
    speakers = sorted(s.speaker.text for s in parsed.statements if s.cue_lemma == "deny")
    assert len(speakers) == 2
    assert any("Norland" in s for s in speakers) and any("Westmark" in s for s in speakers)


def test_extract_statements_headline_colon(analyse):
    parsed = analyse("Ortega: river cleanup will take years\nThe mayor spoke in the morning.\n")
    (statement,) = [s for s in parsed.statements if s.cue_lemma == ":"]
    assert statement.speaker.text == "Ortega"
    assert statement.content.text == "river cleanup will take years"


def test_extract_statements_offsets_index_text(analyse):
    text = "Title\n“It is over,” Ortega said, “and we move on.” Brandt claimed that the data was hidden.\n"
    parsed = analyse(text)
    assert parsed.statements
    for s in parsed.statements:
        assert text[s.content.start : s.content.end] == s.content.text
        if s.speaker:
            assert text[s.speaker.start : s.speaker.end] == s.speaker.text


def test_extract_statements_nested_statement_linked_to_parent(analyse):
    parsed = analyse("Title\nBrandt said that the company denied the leak for weeks.\n")
    inner = next(s for s in parsed.statements if s.cue_lemma == "deny")
    outer = next(s for s in parsed.statements if s.cue_lemma == "say")
    assert inner.parent_id == outer.id


# --- repairs of parses the small spaCy model gets wrong -------------------------


def test_participle_before_a_subjectless_cue_gives_the_speaker(analyse):
    parsed = analyse(
        "Boat sales\nNorland commenting on the possible delivery of boats to Westmark said Wednesday that "
        "its cooperation with Westmark predates the war.\n"
    )
    said = [s for s in parsed.statements if s.cue_lemma == "say"]
    assert [(s.speaker.text, s.content.text) for s in said] == [
        ("Norland", "its cooperation with Westmark predates the war")
    ]
    assert said[0].said_at_text == "Wednesday"
    assert not [s for s in parsed.statements if s.cue_lemma == "comment"]


def test_denial_misparsed_as_adjective_of_claims(analyse):
    parsed = analyse(
        "Title\nIn a call with his counterpart on Friday, Norland Foreign Minister Arvid Lund once more denied "
        "claims made by the opposition that those ministers had sold boats to Westmark for use in the dispute, "
        "urging calm.\n"
    )
    denied = [s for s in parsed.statements if s.cue_lemma == "deny"]
    assert len(denied) == 1
    assert denied[0].speaker.text.endswith("Arvid Lund")
    assert denied[0].content.text.startswith("claims made by the opposition that those ministers had sold boats")


def test_reflexive_subject_borrows_the_pronoun_on_the_auxiliary(analyse):
    parsed = analyse(
        "Title\nMinister Arvid Lund further stated that last year he had himself asked Westmark to submit "
        "its alleged evidence to Norland officials.\n"
    )
    asked = [s for s in parsed.statements if s.cue_lemma == "ask"]
    assert [(s.speaker.text, s.content.text) for s in asked] == [
        ("he", "to submit its alleged evidence to Norland officials")
    ]
