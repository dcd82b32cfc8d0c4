"""\"According to X\" statements."""

from __future__ import annotations

from spacy.tokens import Span as SpacySpan

from ...nlp.cues import STATEMENT_NOUNS
from ...records import Article, Statement
from .spans import CharSpan, make_statement, subtree_span
from .speakers import agent_of, speaker_spans


def according_to(article: Article, sent: SpacySpan, quotes: list[CharSpan]) -> list[Statement]:
    found = []
    for token in sent:
        if token.lower_ != "according" or token.i + 1 >= len(token.doc) or token.nbor().lower_ != "to":
            continue
        to = token.nbor()
        objects = [c for c in to.children if c.dep_ == "pobj"] or [
            c for c in token.children if c.dep_ == "pobj"
        ]
        if not objects:
            continue
        source = objects[0]
        phrase = subtree_span(source)
        speaker_head = agent_of(source) if source.lemma_ in STATEMENT_NOUNS | {"post", "tweet", "interview"} else None
        speaker = speaker_spans(speaker_head)[0] if speaker_head is not None else speaker_spans(source)[0]
        phrase_end = max(phrase[1], speaker[1])
        if token.idx - sent.start_char <= 3:
            content = (phrase_end, sent.end_char)
        elif phrase_end >= sent.end_char - 2:
            content = (sent.start_char, token.idx)
        else:
            content = (phrase_end, sent.end_char)
        cue = (token.idx, to.idx + len(to.text))
        statement = make_statement(article, sent, content, speaker, cue, "according to", "according_to", 0.8)
        if statement:
            found.append(statement)
    return found
