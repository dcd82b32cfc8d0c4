"""Statements named by a noun: "claims made by the West that …", "a tweet from X, “…”"."""

from __future__ import annotations

from collections.abc import Iterable

from spacy.tokens import Span as SpacySpan
from spacy.tokens import Token

from ...nlp.cues import STATEMENT_NOUNS
from ...records import Article, Statement
from .cues import is_cue_verb
from .spans import CharSpan, make_statement, statement_kind, subtree_span, tokens_span
from .speakers import agent_of, speaker_spans


def _noun_speaker(noun: Token) -> Token | None:
    agent = agent_of(noun, ("by", "from"))
    if agent is None:
        for child in noun.children:
            if child.dep_ == "acl":
                agent = agent_of(child)
                if agent is not None:
                    break
    if agent is not None:
        return agent
    for child in noun.children:
        if child.dep_ == "poss" and child.pos_ == "PROPN":
            return child
        if child.dep_ in ("compound", "amod") and child.ent_type_ in ("GPE", "NORP", "ORG"):
            return child
    return None


def _that_clause(noun: Token, sent: SpacySpan) -> CharSpan | None:
    """The "that …" clause that follows a statement noun."""
    for child in noun.children:
        if child.dep_ in ("acl", "ccomp") and any(g.lower_ == "that" and g.dep_ == "mark" for g in child.children):
            return subtree_span(child)
    # The small parser often attaches the clause elsewhere: fall back on the
    # surface "NOUN (by X) that CLAUSE" up to the next comma-led participle.
    tokens = [t for t in sent if t.i > noun.i]
    for k, t in enumerate(tokens[:8]):
        if t.lower_ == "that" and t.dep_ in ("mark", "dep", "nsubj") or (t.lower_ == "that" and t.tag_ == "IN"):
            clause = []
            for u in tokens[k + 1 :]:
                if u.text == "," and u.i + 1 < sent.end and u.nbor().tag_ == "VBG":
                    break
                clause.append(u)
            if len(clause) >= 3:
                return tokens_span(clause)
            break
        if t.is_punct and t.text != ",":
            break
    return None


def _is_statement_noun(token: Token) -> bool:
    return token.pos_ == "NOUN" and token.lemma_.lower() in STATEMENT_NOUNS


def _noun_quote(noun: Token, sent: SpacySpan, quotes: list[CharSpan], text: str) -> CharSpan | None:
    """The quotation a statement noun introduces later in its sentence: "replied
    to a tweet from X on Friday, “…”". It is the noun's when it follows a comma
    or a colon and no reporting verb stands between the noun and the quote to
    claim it ("a tweet from X, saying “…”" is the sayer's)."""
    for q_start, q_end in quotes:
        if q_start <= noun.idx:
            continue
        if q_start > sent.end_char or len(text[q_start:q_end].split()) < 4:
            return None
        # Only what follows the noun: the whole prefix would be copied per quote.
        if not text[noun.idx : q_start].rstrip(" “\"‘«").endswith((",", ":")):
            return None
        between = [t for t in sent if noun.i < t.i and t.idx < q_start]
        if any(is_cue_verb(t) or _is_statement_noun(t) and _noun_speaker(t) is not None for t in between):
            return None
        return q_start, q_end
    return None


def sourced_noun_quote(
    tokens: Iterable[Token], sent: SpacySpan, quotes: list[CharSpan], text: str
) -> CharSpan | None:
    """The first quote in `tokens` that a statement noun with its own speaker introduces."""
    for noun in tokens:
        if _is_statement_noun(noun) and _noun_speaker(noun) is not None:
            quote = _noun_quote(noun, sent, quotes, text)
            if quote is not None:
                return quote
    return None


def noun_cues(article: Article, sent: SpacySpan, quotes: list[CharSpan]) -> list[Statement]:
    found = []
    for noun in sent:
        if not _is_statement_noun(noun):
            continue
        speaker_head = _noun_speaker(noun)
        if speaker_head is None:
            continue
        content = _that_clause(noun, sent) or _noun_quote(noun, sent, quotes, article.text)
        if content is None:
            continue
        cue = tokens_span([noun])
        for speaker in speaker_spans(speaker_head):
            statement = make_statement(
                article, sent, content, speaker, cue, noun.lemma_.lower(),
                statement_kind(content, quotes), 0.65,
            )
            if statement:
                found.append(statement)
    return found
