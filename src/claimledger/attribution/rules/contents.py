"""What a cue verb reports: its clause, object or quote, as a statement's content."""

from __future__ import annotations

from spacy.tokens import Span as SpacySpan
from spacy.tokens import Token

from ...nlp.cues import (
    DIRECTIVE_CUES,
    OBJECT_CUES,
    SPEECH_VERBS,
    STATEMENT_NOUNS,
    WEAK_CUES,
)
from ...nlp.quotes import inside
from .cues import repeats_cue
from .nouns import sourced_noun_quote
from .spans import CharSpan, subtree_span, tokens_span, trim
from .speakers import has_subject, is_speaker, subject_of

_PREP_CUES = {
    "express": ("about", "over", "at"),
    "warn": ("of", "against", "about"),
    "complain": ("about", "of"),
    "speak": ("of",),
    "point": ("to",),
}

# Participles that report what the speaker did while speaking: "…, citing water
# samples", "…, disputing the company's account". They end a reported clause.
_ACT_PARTICIPLES = SPEECH_VERBS | OBJECT_CUES | frozenset({"cite", "point"})


def misparsed_report_noun(verb: Token) -> Token | None:
    """"X once more denied claims that …" misparsed with the cue as an
    adjective of "claims", itself in apposition to X: the claims noun."""
    head = verb.head
    if verb.dep_ == "amod" and head.lemma_.lower() in STATEMENT_NOUNS and head.dep_ == "appos":
        return head if is_speaker(head.head) else None
    return None


def _noun_with_clause(noun: Token) -> CharSpan:
    """The noun phrase and a that-clause right after it, wherever the parser hung the clause."""
    start, end = subtree_span(noun)
    following = noun.doc[noun.right_edge.i + 1] if noun.right_edge.i + 1 < len(noun.doc) else None
    if following is not None and following.lower_ == "that" and following.dep_ == "mark":
        end = max(end, subtree_span(following.head)[1])
    return start, end


def _not_a_repeated_cue(token: Token) -> bool:
    return not repeats_cue(token)


def _relative_object_kept(token: Token) -> bool:
    """Whether a child of a reported clause stays in its content when the clause's
    object is a relative pronoun before the cue ("drones, which X claims Moscow is
    using in the war, as well as spare parts"): a noun the parser coordinated with
    the object-less verb belongs with that pronoun's noun, outside the content, and
    so does its "and" / "as well as"."""
    def stray(child: Token) -> bool:
        return child.dep_ == "conj" and child.pos_ in ("NOUN", "PROPN") and child.head.pos_ == "VERB"

    if repeats_cue(token) or stray(token):
        return False
    return not (token.dep_ == "cc" and any(stray(c) for c in token.head.children))


def _object_is_relative(verb: Token, clause: Token) -> bool:
    """"which X claims Moscow is using …": the cue heads a relative clause whose
    pronoun is the object of what is said, and the said verb has no object of its own."""
    # The parser hangs the pronoun on either verb.
    pronouns = [c for v in (verb, clause) for c in v.children if c.tag_ == "WDT" and c.i < verb.i]
    return (
        verb.dep_ == "relcl"
        and any(c.dep_ in ("dobj", "obj") for c in pronouns)
        and not any(c.dep_ in ("dobj", "obj") and c.i > verb.i for c in clause.children)
    )


def _adjacent_quotes(verb: Token, sent: SpacySpan, quotes: list[CharSpan], text: str) -> list[CharSpan]:
    """Quotes that open right after the cue or close right before it (`text`: the parsed text)."""
    found = []
    for q_start, q_end in quotes:
        if q_start > verb.idx:
            gap = text[verb.idx + len(verb.text) : q_start]
            if (
                len(gap) < 40 and gap.count(" ") <= 5 and q_start <= sent.end_char + 1
                and (":" in gap or "," in gap)
            ):
                found.append((q_start, q_end))
        elif q_end <= verb.idx and q_end >= sent.start_char:
            gap = text[q_end + 1 : verb.idx]
            if len(gap) < 60 and gap.count(" ") <= 7 and not any(c in gap for c in "“”\""):
                found.append((q_start, q_end))
    return found


def _expand_to_quote(span: CharSpan, quotes: list[CharSpan]) -> CharSpan:
    return inside(span, quotes, slack=2) or span


def _cut_at_speech_acts(span: CharSpan, sent: SpacySpan, quotes: list[CharSpan]) -> CharSpan:
    """A reported clause without the speaker's own acts hung on its end:
    "the plant had leaked solvent[, citing water samples]", "the city was using
    the river[, a charge the mayor's office denied]"."""
    start, end = span
    for token in sent:
        if not start < token.idx < end or token.i == 0 or sent.doc[token.i - 1].text != ",":
            continue
        if inside((token.idx, token.idx + len(token)), quotes):
            continue
        acts = token.tag_ == "VBG" and token.lemma_.lower() in _ACT_PARTICIPLES
        charge = (
            token.lower_ in ("a", "an") and token.head.lemma_.lower() in STATEMENT_NOUNS
            and any(t.lemma_.lower() in _ACT_PARTICIPLES and t.pos_ == "VERB" for t in token.head.subtree)
        )
        if acts or charge:
            return start, sent.doc[token.i - 1].idx
    return span


def _object_content(obj: Token) -> CharSpan:
    """The object of a cue; a relative pronoun stands for the noun it modifies
    ("reports that Iran might sell drones, which he did not deny")."""
    clause = obj.head
    if obj.tag_ == "WDT" and clause.dep_ == "relcl":
        return subtree_span(clause.head, {"relcl", "punct"})
    return subtree_span(obj)


def verb_contents(verb: Token, sent: SpacySpan, quotes: list[CharSpan], text: str) -> list[tuple[CharSpan, float]]:
    lemma = verb.lemma_.lower()
    contents: list[tuple[CharSpan, float]] = []
    noun = misparsed_report_noun(verb)
    if noun is not None:
        start, end = _noun_with_clause(noun)
        contents.append((trim(text, max(start, verb.idx + len(verb)), end), 0.6))
    subjectless = not has_subject(verb)
    for child in verb.children:
        if subjectless and child.i < verb.i and child.tag_ == "VBG" and subject_of(child) is not None:
            continue  # "Iran commenting on X | said that …": the speaker's phrase
        if child.dep_ == "ccomp" or (child.dep_ == "xcomp" and (lemma in DIRECTIVE_CUES or child.tag_ == "VBG")):
            # "asserted that A and that B": two statements.
            clauses = [child, *(c for c in child.conjuncts if any(g.dep_ == "mark" for g in c.children))]
            skip = {"conj", "cc"} if len(clauses) > 1 else set()
            for clause in clauses:
                repeated = any(repeats_cue(c) for c in clause.children)
                keep = _relative_object_kept if _object_is_relative(verb, clause) else _not_a_repeated_cue
                span = subtree_span(clause, skip | ({"cc"} if repeated else set()), keep=keep)
                span = _cut_at_speech_acts(span, sent, quotes)
                # A cue quoted inside someone's words ("“They told this town there was
                # no release,” Whitlock said") reports only its own clause.
                quoted_cue = inside((verb.idx, verb.idx + len(verb)), quotes) is not None
                contents.append((span if quoted_cue else _expand_to_quote(span, quotes), 0.85))
        elif child.dep_ == "dobj" and lemma in OBJECT_CUES and child.ent_type_ not in ("DATE", "TIME"):
            contents.append((_object_content(child), 0.75))
        elif child.dep_ == "oprd" and lemma == "call":
            # "called the development of relations a growing concern"
            objects = [c for c in verb.children if c.dep_ == "dobj"]
            start = subtree_span(objects[0])[0] if objects else subtree_span(child)[0]
            contents.append(((start, subtree_span(child)[1]), 0.7))
        elif child.dep_ == "prep" and child.i > verb.i and lemma in _PREP_CUES and child.lower_ in _PREP_CUES[lemma]:
            # "expressed concern about the expansion", "warned of complicity"
            for pobj in child.children:
                if pobj.dep_ == "pobj":
                    contents.append((subtree_span(pobj), 0.6))
    for quote in _adjacent_quotes(verb, sent, quotes, text):
        if not any(c[0] <= quote[0] < c[1] or quote[0] <= c[0] < quote[1] for c, _ in contents):
            contents.append((quote, 0.85))
    rest = [t for t in sent if t.i > verb.i and not t.is_punct]
    # "responded to a tweet from X by …, “…”": the quote is X's, not the verb's.
    claimed = sourced_noun_quote(rest, sent, quotes, text)
    if claimed is not None:
        contents = [
            ((start, min(end, claimed[0])), confidence) for (start, end), confidence in contents if start < claimed[0]
        ]
        rest = [t for t in rest if t.idx < claimed[0]]
    if not contents and lemma in SPEECH_VERBS and lemma not in WEAK_CUES:
        if len(rest) >= 4 and any(t.pos_ in ("VERB", "AUX") for t in rest):
            contents.append((tokens_span(rest), 0.55))
    return _join_split_clause(contents, sent)


def _join_split_clause(contents: list[tuple[CharSpan, float]], sent: SpacySpan) -> list[tuple[CharSpan, float]]:
    """A verbless content of a cue followed, with only a space between, by another
    is one clause the parser split in two ("said that [residents downstream] [had
    complained …]")."""
    text = sent.doc.text
    joined: list[tuple[CharSpan, float]] = []
    for (start, end), confidence in sorted(contents):
        previous = joined[-1][0] if joined else None
        if (
            previous is not None and previous[1] <= start and not text[previous[1] : start].strip()
            and not any(t.pos_ in ("VERB", "AUX") for t in sent if previous[0] <= t.idx < previous[1])
        ):
            (previous_start, _), previous_confidence = joined.pop()
            joined.append(((previous_start, end), min(previous_confidence, confidence)))
        else:
            joined.append(((start, end), confidence))
    return joined
