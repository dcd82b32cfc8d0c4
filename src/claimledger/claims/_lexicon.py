"""What reporting words mean for stance, scope and framing.

`nlp/cues.py` says which words *report* speech; this module says what they
*commit the speaker to*: a denial, an admission, a hedge or a plain
assertion. The lists are about English news language in general, never about
one story. Lemmas are matched through `lemma_of`, which knows their inflected
forms ("denied", "rejecting", "said"), so no parser is needed at this stage.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

# --- what a cue commits its speaker to ----------------------------------------
# Checked in this order: a cue that contains both "repeat" and "deny" denies.
DENY_CUES = frozenset(
    """
    deny reject refute dismiss rebuff repudiate rebut dispute contest disown
    debunk contradict disavow denial rejection rebuttal
    """.split()
)
ADMIT_CUES = frozenset(
    "admit acknowledge confirm concede accept recognise recognize verify admission".split()
)
HEDGE_CUES = frozenset(
    "suggest speculate hint guess wonder question doubt suspect estimate believe think".split()
)
# A directive reports a request, not an assertion: "called on Kyiv to provide
# proof that …" does not vouch for what it asks to be shown.
DIRECTIVE_CUES = frozenset("ask urge call demand request press push implore".split())
# Cues that vouch strongly for their content (the speaker, not the outlet).
STRONG_CUES = frozenset(
    """
    claim allege accuse assert insist maintain charge stress emphasise emphasize
    declare affirm assure reiterate repeat contend argue
    """.split()
)
CUE_CLASSES: tuple[tuple[str, frozenset[str]], ...] = (
    ("deny", DENY_CUES),
    ("admit", ADMIT_CUES),
    ("hedge", HEDGE_CUES),
    ("directive", DIRECTIVE_CUES),
    ("strong", STRONG_CUES),
)

# --- framing: how an outlet's verb colours a speaker --------------------------
DOUBT_CUES = frozenset("claim allege insist purport".split())
NEUTRAL_CUES = frozenset("say tell state add note".split())

# Nouns that wrap a proposition: "claims (made by the West) that X",
# "reports about X". Stripping the wrapper leaves what is claimed.
WRAPPER_NOUNS = frozenset(
    """
    claim allegation charge accusation assertion statement remark report
    rumour rumor suggestion speculation suspicion story
    """.split()
)

_IRREGULAR = {
    "say": ("said",),
    "tell": ("told",),
    "write": ("wrote", "written"),
    "speak": ("spoke", "spoken"),
    "think": ("thought",),
    "hold": ("held",),
    "make": ("made",),
}


def word_forms(lemma: str) -> set[str]:
    """Inflected forms of an English verb or noun lemma.

    Over-generates on purpose ("admited" beside "admitted"): a form nobody
    writes costs nothing, a form missing loses a cue.
    """
    forms = {lemma, *_IRREGULAR.get(lemma, ())}
    if lemma.endswith("y") and len(lemma) > 2 and lemma[-2] not in "aeiou":
        forms |= {lemma[:-1] + "ies", lemma[:-1] + "ied", lemma + "ing"}
        return forms
    forms.add(lemma + ("es" if lemma.endswith(("s", "sh", "ch", "x", "z")) else "s"))
    if lemma.endswith("e"):
        forms |= {lemma + "d", lemma[:-1] + "ing"}
    else:
        doubled = lemma + lemma[-1]
        forms |= {lemma + "ed", lemma + "ing", doubled + "ed", doubled + "ing"}
    return forms


@lru_cache(maxsize=1)
def _form_index() -> dict[str, str]:
    index: dict[str, str] = {}
    for _, lemmas in CUE_CLASSES:
        for lemma in sorted(lemmas):
            for form in word_forms(lemma):
                index.setdefault(form, lemma)
    for lemma in sorted(DOUBT_CUES | NEUTRAL_CUES | WRAPPER_NOUNS):
        for form in word_forms(lemma):
            index.setdefault(form, lemma)
    return index


def lemma_of(word: str) -> str:
    """The lexicon lemma of `word`, or the word lowercased when it is unknown."""
    low = word.lower()
    return _form_index().get(low, low)


_WORD = re.compile(r"[A-Za-z]+(?:['’][A-Za-z]+)?|n['’]t")


def words(text: str) -> list[str]:
    """Lowercased word tokens, with typographic apostrophes made plain."""
    return [w.lower().replace("’", "'") for w in _WORD.findall(text)]


def cue_class(cue_words: Iterable[str]) -> str | None:
    """The first class in `CUE_CLASSES` that one of `cue_words` belongs to."""
    lemmas = {lemma_of(w) for w in cue_words}
    for name, members in CUE_CLASSES:
        if lemmas & members:
            return name
    return None


# --- polarity and modality inside a content span ------------------------------
# Fixed expressions that contain a negator but do not negate the clause.
NON_NEGATING = re.compile(
    r"\b(?:not only|not just|not least|no doubt|no matter|nothing but|whether or not|if not)\b",
    re.IGNORECASE,
)
NEGATION = re.compile(
    r"\b(?:not|never|no|nor|neither|none|nothing|nobody|cannot)\b|n['’]t\b", re.IGNORECASE
)
# Verbs that entail their complement did not happen: "failed to provide X".
NEGATIVE_IMPLICATIVE = re.compile(r"\b(?:fail|fails|failed|failing) to\b", re.IGNORECASE)
# Predicates that call the subject clause false: "… is totally unfounded".
DISQUALIFIER = re.compile(
    r"\b(?:is|are|was|were|be|been)\s+(?:\w+ly\s+)?(?:unfounded|baseless|groundless|false|untrue|"
    r"fabricated|fake|lies|a lie|nonsense|absurd|ridiculous|misleading|biased|not true)\b",
    re.IGNORECASE,
)
# Hedges that contain a negator and must be read before negation is.
NEGATED_HEDGE = re.compile(
    r"\b(?:cannot|can['’]?t|could not|couldn['’]t) (?:confirm|say|rule out|verify)\b"
    r"|\bnot (?:sure|clear|certain)\b|\bunclear\b",
    re.IGNORECASE,
)
CONDITION = re.compile(r"\b(?:if|unless|whether)\b", re.IGNORECASE)
# "may" only in lower case: "May" is a month.
MODALITY = re.compile(
    r"\b(?:(?-i:may)|might|could|possibly|perhaps|probably|likely|apparently|reportedly|"
    r"seems?|appears? to|looks? like|it is possible|it['’]s possible)\b",
    re.IGNORECASE,
)


def strip_non_negating(text: str) -> str:
    return NON_NEGATING.sub(" ", text)


def is_negated(text: str) -> bool:
    """True when `text` contains a negator that negates ("not only" does not)."""
    return bool(NEGATION.search(strip_non_negating(text)))
