"""The agent test on phrases of our own, read from the real parse."""

from __future__ import annotations

import pytest

from claimledger.nlp.animacy import Animacy, agent_behind, classify_phrase


def _head(nlp, text: str, phrase: str):
    doc = nlp(text)
    start = text.index(phrase)
    return doc.char_span(start, start + len(phrase), alignment_mode="expand").root


@pytest.mark.parametrize(
    ("text", "phrase", "expected"),
    [
        ("Inspector Maya Brandt said the pipe was cracked.", "Inspector Maya Brandt", Animacy.AGENT),
        ("The ministry said the talks had ended.", "The ministry", Animacy.AGENT),
        ("Residents downstream said the smell was sharp.", "Residents downstream", Animacy.AGENT),
        ("Forty percent of voters said the race was close.", "Forty percent of voters", Animacy.AGENT),
        ("Several economists said growth would slow.", "Several economists", Animacy.AGENT),
        ("A new poll shows the mayor ahead.", "A new poll", Animacy.EVIDENCE),
        ("The documents show that the firm knew.", "The documents", Animacy.EVIDENCE),
        ("The samples tell a different story.", "The samples", Animacy.EVIDENCE),
        ("The 1970s declared an end to the boom.", "The 1970s", Animacy.THING),
        ("Dead fish showed that something was wrong.", "Dead fish", Animacy.THING),
        # A share of people polled, and people described by what follows "those".
        ("However, 63 percent said the mayor was right.", "63 percent", Animacy.UNKNOWN),
        ("Those close to him say that he will run.", "Those close to him", Animacy.AGENT),
    ],
)
def test_classify_phrase_reads_the_head(nlp, text, phrase, expected):
    assert classify_phrase(_head(nlp, text, phrase), "say") is expected


def test_classify_phrase_it_speaks_only_with_a_verb_of_saying(nlp):
    doc = nlp("It said the plant was safe. It shows how far the river has fallen.")
    said, shows = doc[0], doc[6]
    assert classify_phrase(said, "say") is Animacy.AGENT
    assert classify_phrase(shows, "show") is not Animacy.AGENT


def test_agent_behind_finds_who_issued_the_document(nlp):
    text = "The river was clean, according to a statement from the company."
    head = _head(nlp, text, "a statement from the company")
    assert agent_behind(head).text == "company"


@pytest.mark.parametrize(
    ("text", "name"),
    [
        # The small model reads these names as a work of art and a product.
        ('Bemoaning the "phony system," Trump accused Holt of being a Democrat.', "Trump"),
        ("In a Wall Street Journal essay last week, Ivanka Trump acknowledged their uphill battle.", "Ivanka Trump"),
        # ... and this one as a verb ("to trump"): a verb is no subject.
        ("U.S. officials met on Friday. Trump this week also said he would consider it.", "Trump"),
    ],
)
def test_a_capitalised_name_as_subject_is_an_agent_whatever_the_recogniser_says(nlp, text, name):
    assert classify_phrase(_head(nlp, text, name), "say") is Animacy.AGENT
