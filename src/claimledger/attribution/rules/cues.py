"""Cue verbs: the verbs that report what someone said, and a cue that repeats another."""

from __future__ import annotations

from spacy.tokens import Token

from ...nlp.cues import DIRECTIVE_CUES, OBJECT_CUES, SPEECH_VERBS


def is_cue_verb(token: Token) -> bool:
    if token.lemma_.lower() not in SPEECH_VERBS | OBJECT_CUES | DIRECTIVE_CUES:
        return False
    return token.pos_ == "VERB" or token.tag_.startswith("VB")


def repeats_cue(verb: Token) -> bool:
    """"X said that A but said B" misparsed with the second "said" joined to A:
    the second cue repeats the first, whose speaker says both, and B is not part of A."""
    clause = verb.head
    return (
        verb.dep_ == "conj" and clause.dep_ == "ccomp" and is_cue_verb(clause.head)
        and clause.head.lemma_ == verb.lemma_ and is_cue_verb(verb)
    )
