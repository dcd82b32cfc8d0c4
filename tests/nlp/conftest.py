from __future__ import annotations

import pytest

from claimledger.nlp.parser import load_parser
from claimledger.pipeline import analyze_articles
from claimledger.records import Article, article_id


@pytest.fixture(scope="session")
def nlp():
    return load_parser()


@pytest.fixture
def analyse():
    """Run the per-article stages on a text of our own and return its ParsedArticle."""

    def run(text: str, **fields) -> object:
        article = Article(id=article_id(text), source="test.txt", text=text, **fields)
        return next(iter(analyze_articles([article])))

    return run
