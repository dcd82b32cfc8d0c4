"""Property-based tests: the cleaner and the extractors never raise on any text,
and every offset they produce indexes the stored text.

The texts mix arbitrary Unicode (any category, surrogates excluded since a
Python str read from a file never holds them) with the words and punctuation
news is made of, so that the examples reach the attribution rules, the quote
finder and the cleaner's chrome rules rather than only their first checks.
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from claimledger.errors import InputError
from claimledger.ingest.clean import clean_text, split_lines
from claimledger.ingest.text import article_from_text
from claimledger.records import Article, article_id

NEWS_PIECES = [
    "Mayor Lena Ortega said", " that ", "the river was safe", ". ", "\u201c", "\u201d", '"', "'", " denied ",
    "according to officials", ", ", "\n", "\n\n", "Read next: ", "Abone Ol", "Subscribe", " on Friday",
    "She added:", " claimed ", "not", " Blinken: ", "\u2014", "(", ")", "\t", "\u00a0", "\r\n", "Ortega",
    " told reporters ", "last week", "in October", ":", "http://example.org", "<script>alert(1)</script>",
]
any_unicode = st.text(st.characters(blacklist_categories=("Cs",)), max_size=80)
news_like = st.lists(st.one_of(st.sampled_from(NEWS_PIECES), any_unicode), max_size=40).map("".join)
texts = st.one_of(any_unicode, news_like)


@settings(max_examples=300, deadline=None)
@given(texts)
def test_cleaner_never_raises_and_only_removes_whole_lines(raw: str):
    text, removed = clean_text(raw)
    lines = split_lines(raw)
    for line in removed:
        assert lines[line.line_no].rstrip("\r\n") == line.text.rstrip("\r\n")
    kept = [line for no, line in enumerate(lines) if no not in {r.line_no for r in removed}]
    assert text == "".join(kept)


@settings(max_examples=300, deadline=None)
@given(texts)
def test_article_from_text_gives_an_article_or_e007(raw: str):
    try:
        article = article_from_text(raw, "prop.txt")
    except InputError as exc:
        assert exc.code == "E007"
        return
    assert article.id == article_id(article.text)
    assert article.text.strip()


def _check_offsets(parsed) -> None:
    text = parsed.article.text
    for statement in parsed.statements:
        for span in (statement.content, statement.speaker, statement.cue, statement.sentence, statement.said_at_span):
            if span is not None:
                assert 0 <= span.start <= span.end <= len(text)
                assert text[span.start : span.end] == span.text
    for mention in parsed.mentions:
        assert text[mention.start : mention.end] == mention.text


@pytest.fixture(scope="module")
def stages():
    from claimledger.pipeline import analyze_articles

    def run(text: str, attribution: str):
        article = Article(id=article_id(text), source="prop.txt", text=text)
        return next(iter(analyze_articles([article], attribution=attribution)))

    return run


@pytest.mark.parametrize("attribution", ["rules", "combined"])
def test_extractors_never_raise_and_offsets_index_the_text(stages, attribution: str):
    @settings(max_examples=60 if attribution == "rules" else 25, deadline=None,
              suppress_health_check=[HealthCheck.too_slow])
    @given(news_like.filter(str.strip))
    def check(text: str):
        _check_offsets(stages(text, attribution))

    check()
