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
