"""Only agents speak: statements on texts of our own (issue 18)."""

from __future__ import annotations

from claimledger.attribution.agents import keep_agent_speakers
from claimledger.records import Span, Statement


def _speakers(parsed) -> dict[str, str | None]:
    return {s.content.text: (s.speaker.text if s.speaker else None) for s in parsed.statements}


def test_cited_evidence_is_content_not_speaker(analyse):
    parsed = analyse(
        "Title\nMayor Lena Ortega claimed on Monday that the plant had leaked, citing water samples and dead fish.\n"
    )
    speakers = _speakers(parsed)
    assert "water samples" not in speakers.values() and "dead fish" not in speakers.values()
    assert speakers["the plant had leaked"].endswith("Lena Ortega")
    assert speakers["water samples and dead fish"].endswith("Lena Ortega")


def test_cited_people_are_the_speakers(analyse):
    parsed = analyse(
        "Title\nThe ministry is preparing new rules, the Harbor Gazette reported, citing people familiar with the plan.\n"
    )
    assert "people familiar with the plan" in _speakers(parsed).values()


def test_a_thing_in_a_quote_is_no_speaker(analyse):
    parsed = analyse(
        'Title\n"The readings from March tell a different story than the one we heard," Ortega told the council.\n'
    )
    speakers = _speakers(parsed)
    assert set(speakers.values()) == {"Ortega"}


def test_document_speaks_for_who_issued_it(analyse):
    parsed = analyse("Title\nThe mayor's office has not released its data, according to a statement from the company.\n")
    (statement,) = parsed.statements
    assert statement.speaker.text == "the company"


def test_participle_cue_belongs_to_the_speaker_not_a_thing(analyse):
    parsed = analyse(
        "Title\nMayor Lena Ortega said on Wednesday that solvent kept reaching the river after the plant installed "
        "its filters, disputing the company's account of a single release.\n"
    )
    speakers = _speakers(parsed)
    assert "the plant" not in speakers.values()
    assert speakers["the company's account of a single release"].endswith("Lena Ortega")
    # The speaker's own act is not part of what she said.
    assert "solvent kept reaching the river after the plant installed its filters" in speakers


def test_split_clause_is_one_statement(analyse):
    parsed = analyse(
        "Title\nDana Whitmore, who leads the group Friends of the Lake, said that residents downstream had "
        "complained about a sharp smell for weeks.\n"
    )
    speakers = _speakers(parsed)
    assert speakers["residents downstream had complained about a sharp smell for weeks"].endswith("Whitmore")


def test_quote_after_said_in_one_paragraph_continues_it(analyse):
    parsed = analyse(
        'Title\nSpokeswoman Helen Marr denied it. "There has been no release of any kind," she said. '
        '"Our discharge is tested every day and it has always met its permit."\n'
    )
    continued = [s for s in parsed.statements if s.content.text.startswith("Our discharge")]
    assert len(continued) == 1 and continued[0].cue is None


def test_a_relative_clause_cue_is_spoken_by_its_own_subject(nlp):
    # The tagger's span may run over the noun the clause hangs on ("a charge the
    # mayor's office", seen on the demo story): the speaker is the cue's own subject.
    text = "Lindqvist said the city was using the river to score points, a charge the mayor's office denied."
    doc = nlp(text)

    def span(piece: str) -> Span:
        start = text.index(piece)
        return Span(start, start + len(piece), piece)

    tagged = Statement(
        id="s1", article_id="a1", content=span("the city was using the river to score points"), kind="indirect",
        speaker=span("a charge the mayor's office"), cue=span("denied"), cue_lemma="deny",
    )
    (kept,) = keep_agent_speakers(doc, [tagged])
    assert kept.speaker.text == "the mayor's office"


def test_an_agent_citing_evidence_keeps_the_statement_the_content_runs_into(analyse):
    parsed = analyse(
        "Title\nIn a statement, the Association of Flight Attendants called Clinton a champion, "
        "citing her work after the attacks.\n"
    )
    assert any(s.speaker is not None and "Association of Flight Attendants" in s.speaker.text for s in parsed.statements)


def test_a_poll_is_no_speaker_but_the_statement_keeps_it_as_evidence(analyse, tmp_path):
    from claimledger.store import Ledger
    from claimledger.store.export import ledger_to_dict

    parsed = analyse(
        "Title\nA poll released on Monday shows that the mayor is ahead by six points.\n", attribution="combined"
    )
    (statement,) = parsed.statements
    assert statement.speaker is None
    assert statement.evidence.text == "A poll released on Monday"
    with Ledger.open(tmp_path / "l.db") as ledger:
        ledger.add_parsed([parsed])
        assert ledger.statements()[0].evidence == statement.evidence
        (exported,) = ledger_to_dict(ledger)["statements"]
    assert (exported["evidence_text"], exported["speaker_text"]) == ("A poll released on Monday", None)
