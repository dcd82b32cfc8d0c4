"""Headline attributions: "Blinken: Iran-Russia ties a growing concern" on a line of its own."""

from __future__ import annotations

from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from ...nlp.cues import COLLECTIVE_NOUNS, MEDIA_NOUNS
from ...records import Article, Statement
from .cues import is_cue_verb
from .spans import CharSpan, make_statement, statement_kind, tokens_span
from .speakers import NAME_ENTS, subject_of


def lines(doc: Doc) -> list[SpacySpan]:
    """Each non-empty line of the text as a span (headlines are whole lines;
    the parser may split one at its colon)."""
    spans, start = [], 0
    for line in doc.text.split("\n"):
        end = start + len(line)
        if line.strip():
            span = doc.char_span(start, end, alignment_mode="contract")
            if span is not None and len(span):
                spans.append(span)
        start = end + 1
    return spans


def _looks_like_name(tokens: list[Token]) -> bool:
    words = [t for t in tokens if not (t.is_punct or t.is_space)]
    if not 1 <= len(words) <= 7:
        return False
    if any(t.ent_type_ in NAME_ENTS for t in words):
        return True
    # The parser tags a lone name in a headline as anything, even a verb.
    return all(t.text[:1].isupper() for t in words) and words[-1].pos_ not in ("ADP", "DET", "CCONJ", "PRON")


def _names_a_source(tokens: list[Token]) -> bool:
    """Whether a headline's tail names who reports: a name, or a word like "report" or "officials"."""
    return any(
        t.ent_type_ in NAME_ENTS or t.lemma_.lower() in MEDIA_NOUNS | COLLECTIVE_NOUNS | {"source"} for t in tokens
    )


def headline(article: Article, sent: SpacySpan, quotes: list[CharSpan]) -> list[Statement]:
    """ "Speaker: claim" or "Claim: Speaker" on a line of its own."""
    if len(sent) > 30 or not any(t.text == ":" for t in sent):
        return []
    colon = next(t for t in sent if t.text == ":")
    reported = [t.i < colon.i for t in sent if is_cue_verb(t) and subject_of(t) is not None]
    left = [t for t in sent if t.i < colon.i and not t.is_space]
    right = [t for t in sent if t.i > colon.i and not t.is_space]
    # A site name glued to the headline: "… growing concern - Site Name".
    for k, t in enumerate(right):
        if t.text in ("-", "–", "|") and 0 < len(right) - k - 1 <= 4:
            right = right[:k]
            break
    if not left or not right:
        return []
    if _looks_like_name(left) and len(right) >= 3 and not reported:
        speaker, content = tokens_span(left), tokens_span(right)
    elif _looks_like_name(right) and len(left) >= 3 and (not reported or all(reported) and _names_a_source(right)):
        # "US asks Iran to stop X: report": a claim reported by someone, itself
        # a report, is the named source's statement.
        speaker, content = tokens_span(right), tokens_span(left)
    else:
        return []
    statement = make_statement(
        article, sent, content, speaker, tokens_span([colon]), ":", statement_kind(content, quotes), 0.6
    )
    return [statement] if statement else []
