"""Actor mentions on sentences written for these tests."""

from __future__ import annotations

from claimledger.nlp.mentions import extract_mentions
from claimledger.records import Article


def _mentions(nlp, text):
    return {(m.text, m.label) for m in extract_mentions(Article(id="a", source="t.txt", text=text), nlp(text), [])}


def test_names_coordinated_with_a_person_are_persons(nlp):
    found = _mentions(
        nlp,
        "The talks brought together presidents Vladimir Putin, Recep Tayyip Erdogan and Iran Ebrahim Raisi in Tehran.\n"
        "Kanaani repeated remarks by Khamenei and Raisi on Tuesday.\n",
    )
    assert ("Ebrahim Raisi", "PERSON") in found  # "Iran" in front is the country, not the name
    assert ("Raisi", "PERSON") in found
    assert ("Raisi", "GPE") not in found
    assert ("Iran", "GPE") in found
