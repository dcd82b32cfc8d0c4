"""Attribution: who said what, found in a parsed article.

`extract_statements(article, doc)` returns one `Statement` per attribution:

- verb cues with a clause, a quote or an object as content
  ("Blinken claimed on Friday that …", "“…,” he said", "denied the claims");
- "according to X" statements;
- statements named by a noun ("claims made by the West that …");
- headline attributions ("Blinken: Iran-Russia ties a growing concern");
- quoted paragraphs that continue the previous speaker's quote.

Coordinated speakers ("Moscow and Tehran refuted …") give one statement per
speaker. Statements found inside another statement's content are kept and
linked to it with `parent_id`. This is a rule-based first version over the
dependency parse; it is written so that a trained tagger can replace it
behind the same function.
"""

from __future__ import annotations

from spacy.tokens import Doc

from ...nlp.quotes import find_quotes
from ...records import Article, Statement
from ..fragments import merge_interrupted_quotes
from .according import according_to
from .continued import continued_quotes
from .finalize import finalize_statements
from .headlines import headline, lines
from .nouns import noun_cues
from .spans import statement_kind
from .speakers import speaker_spans
from .verbs import citing, verb_cues

__all__ = ["extract_statements", "finalize_statements", "speaker_spans", "statement_kind"]


def extract_statements(article: Article, doc: Doc) -> list[Statement]:
    """All attributions in `doc`, the parse of `article.text`."""
    text = article.text
    quotes = find_quotes(text)
    found: list[Statement] = []
    for sent in doc.sents:
        found += according_to(article, sent, quotes)
        found += verb_cues(article, sent, quotes)
        found += noun_cues(article, sent, quotes)
        found += citing(article, sent, quotes)
    for line in lines(doc):
        found += headline(article, line, quotes)
    found += continued_quotes(article, doc, quotes, found)
    return finalize_statements(merge_interrupted_quotes(text, found))
