"""Speakers: who says what a cue reports, read off the dependency parse."""

from __future__ import annotations

from spacy.tokens import Token

from ...nlp.animacy import Animacy, classify_phrase
from ...nlp.cues import NON_SPEAKERS, SPEAKER_PRONOUNS, STATEMENT_NOUNS
from .cues import repeats_cue
from .spans import CharSpan, subtree_span, tokens_span

_SPEAKER_SKIP_DEPS = {"relcl", "acl", "advcl", "punct", "cc", "conj", "prep"}
NAME_ENTS = {"PERSON", "ORG", "GPE", "NORP"}
_REFLEXIVES = frozenset("himself herself themselves itself myself ourselves".split())


def is_speaker(token: Token) -> bool:
    if token.lower_ in NON_SPEAKERS:
        return False
    if token.pos_ == "PRON":
        return token.lower_ in SPEAKER_PRONOUNS
    return token.pos_ in ("PROPN", "NOUN") or token.ent_type_ in NAME_ENTS


def speaker_spans(head: Token) -> list[CharSpan]:
    """The written speaker phrase(s) headed by `head`, one per conjunct."""
    conjuncts = [head, *[t for t in head.conjuncts if t.i > head.i]]
    if len(conjuncts) > 1:
        return [subtree_span(t, _SPEAKER_SKIP_DEPS) for t in conjuncts]
    # "Russian and Iranian officials": one speaker per nationality.
    for child in head.children:
        if child.dep_ == "amod" and child.ent_type_ == "NORP" and list(child.conjuncts):
            return [tokens_span([a]) for a in (child, *child.conjuncts)]
    return [subtree_span(head, _SPEAKER_SKIP_DEPS - {"prep", "punct"}, keep=_keeps_in_speaker)]


def _keeps_in_speaker(child: Token) -> bool:
    """Titles and appositions stay in a speaker phrase; times and clauses go.

    "Iran's Ambassador to the United Nations Amir Saeid Iravani" keeps its
    "to" phrase, "Amirabdollahian in November" loses "in November", and an
    apposition with a verb in it is a misparse of what follows the speaker.
    """
    if child.dep_ == "prep":
        return child.lower_ in ("of", "to", "for") and not any(
            t.ent_type_ in ("DATE", "TIME") for t in child.subtree
        )
    if child.dep_ == "appos":
        return not any(t.pos_ == "VERB" for t in child.subtree)
    return True


def _subject_of_auxiliary(verb: Token) -> Token | None:
    """A subject the parser hung on the verb's auxiliary: "he had himself asked",
    "The Republic has, on many occasions, rejected …"."""
    return next(
        (s for aux in verb.children if aux.dep_ == "aux" for s in aux.children
         if s.dep_ == "nsubj" and is_speaker(s)),
        None,
    )


def subject_of(verb: Token) -> Token | None:
    for child in verb.children:
        if child.dep_ == "nsubj" and child.lower_ in _REFLEXIVES:
            return _subject_of_auxiliary(verb)
        if child.dep_ in ("nsubj", "nsubjpass") and is_speaker(child):
            # "Kanaani was asked": a passive subject is spoken to, not speaking.
            return agent_of(verb) if child.dep_ == "nsubjpass" else child
    return None if has_subject(verb) else _subject_of_auxiliary(verb)


def participle_subject(verb: Token) -> Token | None:
    """"Iran, commenting on X, said that …" read with "Iran commenting" as a
    clause of its own: the participle's subject is the cue's speaker."""
    for child in verb.children:
        if child.i < verb.i and child.dep_ in ("ccomp", "advcl", "csubj") and child.tag_ == "VBG":
            subject = subject_of(child)
            if subject is not None:
                return subject
    return None


def has_subject(verb: Token) -> bool:
    return any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in verb.children)


def misparsed_subject(verb: Token) -> Token | None:
    """A name left of a subjectless cue verb that the parser attached wrongly
    ("Amirabdollahian further stated …" read as an adjective)."""
    for token in reversed([t for t in verb.subtree if t.i < verb.i]):
        if token.dep_ in ("amod", "npadvmod", "dep", "compound", "advmod", "nmod"):
            if token.ent_type_ in ("PERSON", "NORP", "ORG") or token.pos_ == "PROPN":
                return token
    return None


def name_just_before(verb: Token) -> Token | None:
    """A name right before the cue that the parser split off into a sentence
    of its own ("Brandt | said that …")."""
    k = verb.i - 1
    while k >= 0 and verb.doc[k].pos_ == "ADV":
        k -= 1
    if k < 0 or verb.doc[k].is_space or verb.doc[k].dep_ != "ROOT":
        return None
    token = verb.doc[k]
    return token if token.pos_ == "PROPN" or token.ent_type_ in ("PERSON", "ORG", "GPE", "NORP") else None


def agent_of(token: Token, preps: tuple[str, ...] = ("by",)) -> Token | None:
    """The "by X" of a passive or a noun ("a post by X"); `preps` may add "from" ("a tweet from X")."""
    for child in token.children:
        if child.dep_ == "agent" or (child.dep_ == "prep" and child.lower_ in preps):
            for pobj in child.children:
                if pobj.dep_ == "pobj" and is_speaker(pobj):
                    return pobj
    return None


def _nearest_person_before(token: Token, lower_bound: int) -> Token | None:
    for t in reversed(token.doc[lower_bound : token.i]):
        if t.ent_type_ == "PERSON" and t.ent_iob_ in ("B", "I"):
            ent = next(e for e in token.doc.ents if e.start <= t.i < e.end)
            return ent.root
    return None


def inherited_subject(verb: Token) -> Token | None:
    """Subject of a participle or a coordinated verb: "…, claiming that …"."""
    current = verb
    climbing = ("advcl", "conj", "xcomp", "acl", "pcomp", "amod", "relcl")
    for _ in range(4):
        if current.dep_ not in climbing:
            return None
        head = current.head
        if current.dep_ == "amod" and head.lemma_.lower() in STATEMENT_NOUNS:
            # "X once more denied claims …" misparsed as an adjective of "claims".
            return head.head if head.dep_ == "appos" and is_speaker(head.head) else None
        if current.dep_ == "relcl" or (current.dep_ in ("acl", "amod") and head.pos_ in ("PROPN", "NOUN")):
            # "Iravani, …, rejecting" / "officials denying": the noun is the speaker.
            return head if is_speaker(head) else None
        if repeats_cue(current):
            head = head.head  # the first cue's speaker says the second
        subject = subject_of(head)
        if subject is not None and classify_phrase(subject) in (Animacy.THING, Animacy.EVIDENCE):
            # "X said that solvent kept leaking after the plant installed filters,
            # disputing …": a thing does not dispute; the speaker is further up,
            # past the reported clause if need be.
            current, climbing = head, (*climbing, "ccomp")
            continue
        if subject is not None:
            # A participle after "with X, …" belongs to X, not to the clause subject.
            if subject.ent_type_ not in NAME_ENTS and subject.pos_ != "PRON":
                person = _nearest_person_before(verb, head.i)
                if person is not None:
                    return person
            return subject
        current = head
    return None
