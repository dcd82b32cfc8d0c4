"""Statements a cue verb introduces ("Blinken claimed on Friday that …", "“…,” he said",
"denied the claims"), and the sources a report cites."""

from __future__ import annotations

from spacy.tokens import Span as SpacySpan
from spacy.tokens import Token

from ...nlp.animacy import Animacy, classify_phrase
from ...records import Article, Statement
from .contents import misparsed_report_noun, verb_contents
from .cues import is_cue_verb
from .spans import CharSpan, make_statement, statement_kind, subtree_span, tokens_span
from .speakers import (
    has_subject,
    inherited_subject,
    misparsed_subject,
    name_just_before,
    participle_subject,
    speaker_spans,
    subject_of,
)


def _in_quote(token: Token, quotes: list[CharSpan]) -> bool:
    return any(q_start <= token.idx < q_end for q_start, q_end in quotes)


def _cue_span(verb: Token, quotes: list[CharSpan]) -> tuple[CharSpan, str, bool]:
    tokens = [verb]
    # A "not" inside a quote that the parser hung on the cue is not the cue's.
    negations = [c for c in verb.children if c.dep_ == "neg" and not _in_quote(c, quotes)]
    negated = bool(negations)
    if negated:
        tokens += [c for c in verb.children if c.dep_ in ("neg", "aux") and c.i < verb.i and not _in_quote(c, quotes)]
    particles = [c for c in verb.children if c.dep_ == "prt"]
    tokens += particles
    tokens.sort(key=lambda t: t.i)
    lemma = verb.lemma_.lower() + "".join(" " + p.lower_ for p in particles)
    return tokens_span(tokens), lemma, negated


def _leads_a_report(verb: Token) -> bool:
    """The participle of "Iran commenting on X said that …": its clause only
    introduces the report, so it is not a statement of its own."""
    head = verb.head
    return (
        verb.tag_ == "VBG" and verb.dep_ in ("ccomp", "advcl", "csubj") and head.i > verb.i
        and is_cue_verb(head) and not has_subject(head)
    )


def verb_cues(article: Article, sent: SpacySpan, quotes: list[CharSpan]) -> list[Statement]:
    found = []
    for verb in sent:
        if not is_cue_verb(verb):
            continue
        if verb.dep_ == "amod" and verb.tag_ == "VBN" and misparsed_report_noun(verb) is None:
            continue  # "its alleged support": an adjective, not a report
        if _leads_a_report(verb):
            continue
        subject = subject_of(verb)
        if subject is None and not has_subject(verb):
            subject = (
                participle_subject(verb) or inherited_subject(verb) or misparsed_subject(verb)
                or name_just_before(verb)
            )
        if subject is None:
            continue
        contents = verb_contents(verb, sent, quotes, article.text)
        if not contents:
            continue
        cue, cue_lemma, negated = _cue_span(verb, quotes)
        for speaker in speaker_spans(subject):
            for content, confidence in contents:
                statement = make_statement(
                    article, sent, content, speaker, cue, cue_lemma,
                    statement_kind(content, quotes), confidence, cue_negated=negated,
                )
                if statement:
                    found.append(statement)
    return found


def citing(article: Article, sent: SpacySpan, quotes: list[CharSpan]) -> list[Statement]:
    """"…, the newspaper reported, citing people briefed on the matter": the
    cited source is a second speaker of what the clause reports."""
    found = []
    for verb in sent:
        if verb.lemma_ != "cite" or verb.tag_ != "VBG":
            continue
        sources = [c for c in verb.children if c.dep_ == "dobj"]
        if not sources:
            continue
        if classify_phrase(sources[0]) in (Animacy.EVIDENCE, Animacy.THING):
            # "X claimed …, citing water samples": the samples are X's evidence, what X cites.
            subject = inherited_subject(verb)
            if subject is not None:
                for speaker in speaker_spans(subject):
                    statement = make_statement(
                        article, sent, subtree_span(sources[0]), speaker, tokens_span([verb]), "cite", "indirect", 0.6
                    )
                    if statement:
                        found.append(statement)
            continue
        head = verb.head
        contents = [c for c, _ in verb_contents(head, sent, quotes, article.text)] if is_cue_verb(head) else []
        if not contents:
            contents = [(sent.start_char, verb.idx)]
        for speaker in speaker_spans(sources[0]):
            for content in contents:
                statement = make_statement(
                    article, sent, content, speaker, tokens_span([verb]), "cite", statement_kind(content, quotes), 0.6
                )
                if statement:
                    found.append(statement)
    return found
