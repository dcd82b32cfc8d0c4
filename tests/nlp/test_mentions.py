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


def test_the_west_is_not_a_person_and_the_is_not_a_role(nlp):
    from claimledger.records import Span, Statement

    text = "Title\nThe West claims the boats were sold to Norland.\n"
    start = text.index("The West")
    speaker = Span(start, start + len("The West"), "The West")
    statement = Statement(id="s", article_id="a", content=Span(0, 5, "Title"), kind="indirect", speaker=speaker)
    found = {
        (m.text, m.label)
        for m in extract_mentions(Article(id="a", source="t.txt", text=text), nlp(text), [statement])
    }
    assert ("West", "PERSON") not in found
    assert not any(label == "ROLE" and name.lower() == "the" for name, label in found)
