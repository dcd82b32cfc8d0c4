"""Only agents speak: the last check on every extractor's speakers.

Both extractors take the subject of a reporting verb as its speaker, so a
sentence such as "The samples tell a different story" or "…, citing water
samples and dead fish" yields a "speaker" that is evidence or a thing
(`nlp.animacy`). This stage decides, per statement, from the parse:

- an agent (or a phrase of unknown animacy, which may be an unlisted role
  noun) stays the speaker;
- evidence that names who stands behind it speaks for them: "according to a
  statement from the company" is the company's statement;
- other evidence is no speaker: the statement is kept without one, the evidence
  recorded as such (`Statement.evidence`), when it is plainly reported ("a poll
  released on Monday shows …"), and dropped when the evidence was only cited or
  sits inside someone else's quote;
- a thing as the subject of a participle ("…after the plant installed its
  filters, disputing the company's account") hands the cue to the subject
  of the clause the participle hangs on, when that one is an agent; else the
  statement is no attribution and is dropped.
"""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Doc, Token

from ..nlp.animacy import Animacy, agent_behind, classify_phrase
from ..nlp.quotes import find_quotes, inside
from ..records import Span, Statement
from .rules import finalize_statements, speaker_spans

# How far up a chain of participles and clauses the speaker of a participle cue is looked for.
_MAX_CLIMB = 4


def keep_agent_speakers(doc: Doc, statements: list[Statement]) -> list[Statement]:
    """`statements` of the article parsed as `doc`, each with an agent as its speaker or none."""
    text = doc.text
    quotes = find_quotes(text)
    kept: list[Statement] = []
    changed = False
    for statement in statements:
        checked = _checked(doc, statement, quotes)
        changed |= checked is not statement
        if checked is not None:
            kept.append(checked)
    # New speakers change ids (a statement's id includes its speaker's offset) and may make duplicates.
    return finalize_statements(kept) if changed else statements


def _checked(doc: Doc, statement: Statement, quotes: list[tuple[int, int]]) -> Statement | None:
    if statement.speaker is None:
        return statement
    span = doc.char_span(statement.speaker.start, statement.speaker.end, alignment_mode="expand")
    if span is None or not len(span):
        return statement
    head = span.root
    cue = _cue_token(doc, statement)
    subject = _subject_inside(cue, span)
    if subject is not None and subject.i != head.i:
        # "a charge the mayor's office denied": the span runs over the noun the
        # cue's clause hangs on; the speaker is the cue's own subject.
        statement = _with_speaker(doc, statement, subject)
        head = subject
    if statement.cue_lemma == "cite" and (cue is None or not (_cited_by(head, cue) or statement.content.end > cue.idx)):
        # "X claimed Z, citing Y": Y speaks when Y is an agent, else X cites Y as
        # evidence (Y is the content); "X … citing" with Z alone as the content is
        # X's claim found a second time.
        return None
    animacy = classify_phrase(head, statement.cue_lemma)
    if animacy in (Animacy.AGENT, Animacy.UNKNOWN):
        return statement
    if animacy is Animacy.EVIDENCE:
        agent = agent_behind(head)
        if agent is not None:
            return _with_speaker(doc, statement, agent)
        cited = statement.cue_lemma == "cite"
        quoted = cue is not None and inside((cue.idx, cue.idx + len(cue)), quotes) is not None
        if cited or quoted:
            return None
        # Plainly reported ("a poll released on Monday shows …"): no speaker, and the poll as its evidence.
        return replace(statement, speaker=None, speaker_fragments=(), evidence=statement.speaker, id="", parent_id=None)
    # A thing: only a participle's cue may belong to someone else in the sentence.
    if cue is not None and cue.tag_ == "VBG":
        agent = _governing_agent(cue)
        if agent is not None:
            return _with_speaker(doc, statement, agent)
    return None


def _cue_token(doc: Doc, statement: Statement) -> Token | None:
    if statement.cue is None:
        return None
    span = doc.char_span(statement.cue.start, statement.cue.end, alignment_mode="expand")
    return span.root if span is not None and len(span) else None


def _subject_inside(cue: Token | None, span) -> Token | None:
    if cue is None:
        return None
    return next(
        (c for c in cue.children if c.dep_ == "nsubj" and span.start <= c.i < span.end), None
    )


def _cited_by(head: Token, cue: Token) -> bool:
    return any(token.i == cue.i for token in head.ancestors) and head.i > cue.i


def _governing_agent(verb: Token) -> Token | None:
    """The nearest agent subject up the clauses a participle hangs on."""
    current = verb
    for _ in range(_MAX_CLIMB):
        if current.dep_ not in ("advcl", "xcomp", "conj", "ccomp", "acl") or current.head is current:
            return None
        current = current.head
        for child in current.children:
            if child.dep_ == "nsubj" and classify_phrase(child) is Animacy.AGENT:
                return child
    return None


def _with_speaker(doc: Doc, statement: Statement, head: Token) -> Statement:
    start, end = speaker_spans(head)[0]
    return replace(statement, speaker=Span(start, end, doc.text[start:end]), id="", parent_id=None)
