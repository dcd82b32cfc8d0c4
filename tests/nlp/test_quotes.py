from claimledger.nlp.quotes import find_quotes


def test_find_quotes_pairs_curly_and_straight_quotes():
    text = '“We will not pay,” she said. He added: "That is final for now."'
    spans = [text[s:e] for s, e in find_quotes(text)]
    assert spans == ["We will not pay,", "That is final for now."]


def test_find_quotes_ignores_apostrophes():
    text = "The mayor’s office said ‘no deal was reached’ on Monday."
    assert [text[s:e] for s, e in find_quotes(text)] == ["no deal was reached"]


def test_find_quotes_open_quote_runs_to_end_of_paragraph():
    text = "“The first paragraph of a long quote\n“ends here.”"
    assert [text[s:e] for s, e in find_quotes(text)] == ["The first paragraph of a long quote", "ends here."]
