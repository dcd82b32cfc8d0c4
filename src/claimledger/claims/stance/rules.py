"""The offline stance backend: cue-verb semantics, negation and modality.

A statement's proposition is the affirmative form of its content (see
`propositions.proposition_text`), so its stance is the polarity with which
the speaker commits to that content:

- the cue decides first: "denied (claims that) X" → deny X; "admitted X" →
  support; a negated denial ("did not deny X") → hedge; "suggested X" →
  hedge; a request ("called on Kyiv to prove X") → hedge;
- otherwise the content does: a verdict ("X is unfounded"), a negative
  implicative ("failed to provide X") or a negator ("have not sold",
  "never", "no parties") → deny; a condition or modal ("if it is proven",
  "cannot confirm", "may", "it looks like") → hedge; else support.

Registered as "rules"; results carry method "rules.v1".
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ...records import Proposition, Stance, StanceLabel, Statement
from .. import _lexicon as lex
from .._text import plain
from ..nesting import claim_key
from ._registry import stance_backends

METHOD = "rules.v1"

# A directive's content is an infinitive, with or without its addressee ("asked
# to provide proof", "asked Kyiv to provide proof"); "called the ties a concern"
# is no request.
_INFINITIVE = re.compile(r"^\W*(?:[\w'’.-]+\s+){0,4}?(?:not\s+)?to\s", re.IGNORECASE)

# Scores say how directly the words commit the speaker, not how true it is.
_SCORE = {
    "deny_cue": 0.9,
    "admit_cue": 0.9,
    "strong_cue": 0.8,
    "plain_cue": 0.7,
    "negated_deny_cue": 0.7,
    "verdict": 0.85,
    "negation": 0.8,
    "implicative": 0.75,
    "hedge": 0.6,
    "double_negation": 0.6,
    "directive": 0.5,
    "negated_cue": 0.5,
}


def cue_words(statement: Statement) -> list[str]:
    """The words of the cue as written plus its lemma ("firmly rejecting", "reject")."""
    found = lex.words(statement.cue.text) if statement.cue else []
    if statement.cue_lemma:
        found += lex.words(statement.cue_lemma)
    return found


def content_stance(text: str) -> tuple[StanceLabel, float]:
    """The stance a speaker takes by asserting `text` with a plain cue."""
    text = plain(text)
    if lex.NEGATED_HEDGE.search(text) or lex.CONDITION.search(text):
        return "hedge", _SCORE["hedge"]
    if lex.DISQUALIFIER.search(text):
        return "deny", _SCORE["verdict"]
    if lex.NEGATIVE_IMPLICATIVE.search(text):
        return "deny", _SCORE["implicative"]
    if lex.is_negated(text):
        return "deny", _SCORE["negation"]
    if lex.MODALITY.search(text):
        return "hedge", _SCORE["hedge"]
    return "support", _SCORE["plain_cue"]


def statement_stance(statement: Statement) -> tuple[StanceLabel, float]:
    """Stance of `statement` on the affirmative form of its own content."""
    text = plain(statement.content.text)
    kind = lex.cue_class(cue_words(statement))
    if kind == "deny":
        if statement.cue_negated:
            return "hedge", _SCORE["negated_deny_cue"]
        if lex.is_negated(text):
            return "support", _SCORE["double_negation"]
        return "deny", _SCORE["deny_cue"]
    if statement.cue_negated:
        # "did not confirm X" leaves X open; "did not say X" says nothing.
        return ("hedge" if kind == "admit" else "neutral"), _SCORE["negated_cue"]
    if kind == "hedge":
        return "hedge", _SCORE["hedge"]
    if kind == "directive" and _INFINITIVE.match(text):
        return "hedge", _SCORE["directive"]
    label, score = content_stance(text)
    if label == "support":
        score = _SCORE[{"admit": "admit_cue", "strong": "strong_cue"}.get(kind or "", "plain_cue")]
    return label, score


@stance_backends.register("rules")
class RuleStance:
    """The "rules" stance backend. Needs no model and takes no settings."""

    method = METHOD

    def predict(self, pairs: Sequence[tuple[Statement, Proposition]]) -> list[Stance]:
        # A claim's stance is read from its own words, so a claim paired with
        # several propositions is read once.
        read: dict[tuple[str, int, int], tuple[StanceLabel, float]] = {}
        stances = []
        for statement, proposition in pairs:
            key = claim_key(statement)
            if key not in read:
                read[key] = statement_stance(statement)
            label, score = read[key]
            stances.append(Stance(statement.id, proposition.id, label, round(score, 3), self.method))
        return stances
