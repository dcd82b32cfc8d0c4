"""Attribution: who said what, found in a parsed article.

`extract_statements(article, doc)` returns one `Statement` per attribution:

- verb cues with a clause, a quote or an object as content
  ("Blinken claimed on Friday that …", "“…,” he said", "denied the claims");
- "according to X" statements;
- statements named by a noun ("claims made by the West that …");
- headline attributions ("Blinken: Iran-Russia ties a growing concern");
- quoted paragraphs that continue the previous speaker's quote.

Coordinated speakers ("Moscow and Tehran refuted …") give one statement per
speaker. Statements found inside another statement's content are kept and
linked to it with `parent_id`. This is a rule-based first version over the
dependency parse; it is written so that a trained tagger can replace it
behind the same function.
"""

from __future__ import annotations

from collections.abc import Iterable

from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from ..nlp.cues import (
    COLLECTIVE_NOUNS,
    DIRECTIVE_CUES,
    MEDIA_NOUNS,
    NON_SPEAKERS,
    OBJECT_CUES,
    SPEAKER_PRONOUNS,
    SPEECH_VERBS,
    STATEMENT_NOUNS,
    WEAK_CUES,
)
from ..nlp.animacy import Animacy, classify_phrase
from ..nlp.quotes import find_quotes, inside, overlapping
from ..records import Article, Span, Statement, statement_id
from .fragments import merge_interrupted_quotes, pieces_length, shared_characters

CharSpan = tuple[int, int]

_TRIM_LEFT = " \t\n,;:—–-“”\"‘'«»"
_TRIM_RIGHT = " \t\n,;:—–-“”\"’'«»."
_SPEAKER_SKIP_DEPS = {"relcl", "acl", "advcl", "punct", "cc", "conj", "prep"}
_NAME_ENTS = {"PERSON", "ORG", "GPE", "NORP"}
_REFLEXIVES = frozenset("himself herself themselves itself myself ourselves".split())


def extract_statements(article: Article, doc: Doc) -> list[Statement]:
    """All attributions in `doc`, the parse of `article.text`."""
    text = article.text
    quotes = find_quotes(text)
    found: list[Statement] = []
    for sent in doc.sents:
        found += _according_to(article, sent, quotes)
        found += _verb_cues(article, sent, quotes)
        found += _noun_cues(article, sent, quotes)
        found += _citing(article, sent, quotes)
    for line in _lines(doc):
        found += _headline(article, line, quotes)
    found += _continued_quotes(article, doc, quotes, found)
    return finalize_statements(merge_interrupted_quotes(text, found))


# --- spans ----------------------------------------------------------------


def _trim(text: str, start: int, end: int) -> CharSpan:
    """Shrink a span past quotation marks, punctuation and a leading "that"."""
    while start < end and text[start] in _TRIM_LEFT:
        start += 1
    if text[start:end].lower().startswith("that "):
        start += 5
    while end > start and text[end - 1] in _TRIM_RIGHT:
        end -= 1
    # Keep a closing bracket or a period that belongs to an abbreviation.
    return start, end


def _tokens_span(tokens: Iterable[Token]) -> CharSpan:
    tokens = list(tokens)
    return tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)


def _subtree_span(token: Token, skip_deps: set[str] = frozenset(), keep=None) -> CharSpan:
    """Span of `token`'s subtree without the children in `skip_deps` (or that
    `keep` rejects), cut to the contiguous run of tokens around `token`."""
    kept = [token]
    for child in token.children:
        if child.dep_ in skip_deps or (keep is not None and not keep(child)):
            continue
        kept.extend(child.subtree)
    kept.sort(key=lambda t: t.i)
    # Only the contiguous run around the head: a skipped child in the middle
    # would otherwise be swallowed back.
    left = right = kept.index(token)
    while left > 0 and kept[left - 1].i == kept[left].i - 1:
        left -= 1
    while right < len(kept) - 1 and kept[right + 1].i == kept[right].i + 1:
        right += 1
    while right > left and kept[right].is_space:
        right -= 1
    return _tokens_span(kept[left : right + 1])


def _span(article: Article, start: int, end: int) -> Span:
    return Span(start, end, article.text[start:end])


def statement_kind(content: CharSpan, quotes: list[CharSpan]) -> str:
    if inside(content, quotes, slack=1):
        return "direct"
    return "mixed" if overlapping(content, quotes) else "indirect"


def _statement(
    article: Article,
    sent: SpacySpan,
    content: CharSpan,
    speaker: CharSpan | None,
    cue: CharSpan | None,
    cue_lemma: str | None,
    kind: str,
    confidence: float,
    *,
    cue_negated: bool = False,
) -> Statement | None:
    start, end = _trim(article.text, *content)
    if end - start < 2 or article.text[start:end].lower() in NON_SPEAKERS:
        return None
    if speaker is not None:
        s_start, s_end = _trim(article.text, *speaker)
        speaker_span = _span(article, s_start, s_end) if s_end > s_start else None
    else:
        speaker_span = None
    return Statement(
        id="",
        article_id=article.id,
        content=_span(article, start, end),
        kind=kind,  # type: ignore[arg-type]
        speaker=speaker_span,
        cue=_span(article, *cue) if cue else None,
        cue_lemma=cue_lemma,
        cue_negated=cue_negated,
        sentence=_span(article, sent.start_char, sent.end_char),
        confidence=confidence,
    )


# --- speakers --------------------------------------------------------------


def _is_speaker(token: Token) -> bool:
    if token.lower_ in NON_SPEAKERS:
        return False
    if token.pos_ == "PRON":
        return token.lower_ in SPEAKER_PRONOUNS
    return token.pos_ in ("PROPN", "NOUN") or token.ent_type_ in _NAME_ENTS


def speaker_spans(head: Token) -> list[CharSpan]:
    """The written speaker phrase(s) headed by `head`, one per conjunct."""
    conjuncts = [head, *[t for t in head.conjuncts if t.i > head.i]]
    if len(conjuncts) > 1:
        return [_subtree_span(t, _SPEAKER_SKIP_DEPS) for t in conjuncts]
    # "Russian and Iranian officials": one speaker per nationality.
    for child in head.children:
        if child.dep_ == "amod" and child.ent_type_ == "NORP" and list(child.conjuncts):
            return [_tokens_span([a]) for a in (child, *child.conjuncts)]
    return [_subtree_span(head, _SPEAKER_SKIP_DEPS - {"prep", "punct"}, keep=_keeps_in_speaker)]


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
         if s.dep_ == "nsubj" and _is_speaker(s)),
        None,
    )


def _subject(verb: Token) -> Token | None:
    for child in verb.children:
        if child.dep_ == "nsubj" and child.lower_ in _REFLEXIVES:
            return _subject_of_auxiliary(verb)
        if child.dep_ in ("nsubj", "nsubjpass") and _is_speaker(child):
            # "Kanaani was asked": a passive subject is spoken to, not speaking.
            return _agent(verb) if child.dep_ == "nsubjpass" else child
    return None if _has_subject(verb) else _subject_of_auxiliary(verb)


def _participle_subject(verb: Token) -> Token | None:
    """"Iran, commenting on X, said that …" read with "Iran commenting" as a
    clause of its own: the participle's subject is the cue's speaker."""
    for child in verb.children:
        if child.i < verb.i and child.dep_ in ("ccomp", "advcl", "csubj") and child.tag_ == "VBG":
            subject = _subject(child)
            if subject is not None:
                return subject
    return None


def _leads_a_report(verb: Token) -> bool:
    """The participle of "Iran commenting on X said that …": its clause only
    introduces the report, so it is not a statement of its own."""
    head = verb.head
    return (
        verb.tag_ == "VBG" and verb.dep_ in ("ccomp", "advcl", "csubj") and head.i > verb.i
        and _is_cue_verb(head) and not _has_subject(head)
    )


def _misparsed_report_noun(verb: Token) -> Token | None:
    """"X once more denied claims that …" misparsed with the cue as an
    adjective of "claims", itself in apposition to X: the claims noun."""
    head = verb.head
    if verb.dep_ == "amod" and head.lemma_.lower() in STATEMENT_NOUNS and head.dep_ == "appos":
        return head if _is_speaker(head.head) else None
    return None


def _noun_with_clause(noun: Token) -> CharSpan:
    """The noun phrase and a that-clause right after it, wherever the parser hung the clause."""
    start, end = _subtree_span(noun)
    following = noun.doc[noun.right_edge.i + 1] if noun.right_edge.i + 1 < len(noun.doc) else None
    if following is not None and following.lower_ == "that" and following.dep_ == "mark":
        end = max(end, _subtree_span(following.head)[1])
    return start, end


def _has_subject(verb: Token) -> bool:
    return any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in verb.children)


def _misparsed_subject(verb: Token) -> Token | None:
    """A name left of a subjectless cue verb that the parser attached wrongly
    ("Amirabdollahian further stated …" read as an adjective)."""
    for token in reversed([t for t in verb.subtree if t.i < verb.i]):
        if token.dep_ in ("amod", "npadvmod", "dep", "compound", "advmod", "nmod"):
            if token.ent_type_ in ("PERSON", "NORP", "ORG") or token.pos_ == "PROPN":
                return token
    return None


def _name_just_before(verb: Token) -> Token | None:
    """A name right before the cue that the parser split off into a sentence
    of its own ("Brandt | said that …")."""
    k = verb.i - 1
    while k >= 0 and verb.doc[k].pos_ == "ADV":
        k -= 1
    if k < 0 or verb.doc[k].is_space or verb.doc[k].dep_ != "ROOT":
        return None
    token = verb.doc[k]
    return token if token.pos_ == "PROPN" or token.ent_type_ in ("PERSON", "ORG", "GPE", "NORP") else None


def _agent(token: Token, preps: tuple[str, ...] = ("by",)) -> Token | None:
    """The "by X" of a passive or a noun ("a post by X"); `preps` may add "from" ("a tweet from X")."""
    for child in token.children:
        if child.dep_ == "agent" or (child.dep_ == "prep" and child.lower_ in preps):
            for pobj in child.children:
                if pobj.dep_ == "pobj" and _is_speaker(pobj):
                    return pobj
    return None


def _nearest_person_before(token: Token, lower_bound: int) -> Token | None:
    for t in reversed(token.doc[lower_bound : token.i]):
        if t.ent_type_ == "PERSON" and t.ent_iob_ in ("B", "I"):
            ent = next(e for e in token.doc.ents if e.start <= t.i < e.end)
            return ent.root
    return None


def _repeats_cue(verb: Token) -> bool:
    """"X said that A but said B" misparsed with the second "said" joined to A:
    the second cue repeats the first, whose speaker says both, and B is not part of A."""
    clause = verb.head
    return (
        verb.dep_ == "conj" and clause.dep_ == "ccomp" and _is_cue_verb(clause.head)
        and clause.head.lemma_ == verb.lemma_ and _is_cue_verb(verb)
    )


def _not_a_repeated_cue(token: Token) -> bool:
    return not _repeats_cue(token)


def _relative_object_kept(token: Token) -> bool:
    """Whether a child of a reported clause stays in its content when the clause's
    object is a relative pronoun before the cue ("drones, which X claims Moscow is
    using in the war, as well as spare parts"): a noun the parser coordinated with
    the object-less verb belongs with that pronoun's noun, outside the content, and
    so does its "and" / "as well as"."""
    def stray(child: Token) -> bool:
        return child.dep_ == "conj" and child.pos_ in ("NOUN", "PROPN") and child.head.pos_ == "VERB"

    if _repeats_cue(token) or stray(token):
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


def _inherited_subject(verb: Token) -> Token | None:
    """Subject of a participle or a coordinated verb: "…, claiming that …"."""
    current = verb
    climbing = ("advcl", "conj", "xcomp", "acl", "pcomp", "amod", "relcl")
    for _ in range(4):
        if current.dep_ not in climbing:
            return None
        head = current.head
        if current.dep_ == "amod" and head.lemma_.lower() in STATEMENT_NOUNS:
            # "X once more denied claims …" misparsed as an adjective of "claims".
            return head.head if head.dep_ == "appos" and _is_speaker(head.head) else None
        if current.dep_ == "relcl" or (current.dep_ in ("acl", "amod") and head.pos_ in ("PROPN", "NOUN")):
            # "Iravani, …, rejecting" / "officials denying": the noun is the speaker.
            return head if _is_speaker(head) else None
        if _repeats_cue(current):
            head = head.head  # the first cue's speaker says the second
        subject = _subject(head)
        if subject is not None and classify_phrase(subject) in (Animacy.THING, Animacy.EVIDENCE):
            # "X said that solvent kept leaking after the plant installed filters,
            # disputing …": a thing does not dispute; the speaker is further up,
            # past the reported clause if need be.
            current, climbing = head, (*climbing, "ccomp")
            continue
        if subject is not None:
            # A participle after "with X, …" belongs to X, not to the clause subject.
            if subject.ent_type_ not in _NAME_ENTS and subject.pos_ != "PRON":
                person = _nearest_person_before(verb, head.i)
                if person is not None:
                    return person
            return subject
        current = head
    return None


# --- verb cues -------------------------------------------------------------


def _in_quote(token: Token, quotes: list[CharSpan]) -> bool:
    return any(q_start <= token.idx < q_end for q_start, q_end in quotes)


def _is_cue_verb(token: Token) -> bool:
    if token.lemma_.lower() not in SPEECH_VERBS | OBJECT_CUES | DIRECTIVE_CUES:
        return False
    return token.pos_ == "VERB" or token.tag_.startswith("VB")


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
    return _tokens_span(tokens), lemma, negated


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
        return _subtree_span(clause.head, {"relcl", "punct"})
    return _subtree_span(obj)


def _verb_contents(verb: Token, sent: SpacySpan, quotes: list[CharSpan], text: str) -> list[tuple[CharSpan, float]]:
    lemma = verb.lemma_.lower()
    contents: list[tuple[CharSpan, float]] = []
    noun = _misparsed_report_noun(verb)
    if noun is not None:
        start, end = _noun_with_clause(noun)
        contents.append((_trim(text, max(start, verb.idx + len(verb)), end), 0.6))
    subjectless = not _has_subject(verb)
    for child in verb.children:
        if subjectless and child.i < verb.i and child.tag_ == "VBG" and _subject(child) is not None:
            continue  # "Iran commenting on X | said that …": the speaker's phrase
        if child.dep_ == "ccomp" or (child.dep_ == "xcomp" and (lemma in DIRECTIVE_CUES or child.tag_ == "VBG")):
            # "asserted that A and that B": two statements.
            clauses = [child, *(c for c in child.conjuncts if any(g.dep_ == "mark" for g in c.children))]
            skip = {"conj", "cc"} if len(clauses) > 1 else set()
            for clause in clauses:
                repeated = any(_repeats_cue(c) for c in clause.children)
                keep = _relative_object_kept if _object_is_relative(verb, clause) else _not_a_repeated_cue
                span = _subtree_span(clause, skip | ({"cc"} if repeated else set()), keep=keep)
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
            start = _subtree_span(objects[0])[0] if objects else _subtree_span(child)[0]
            contents.append(((start, _subtree_span(child)[1]), 0.7))
        elif child.dep_ == "prep" and child.i > verb.i and lemma in _PREP_CUES and child.lower_ in _PREP_CUES[lemma]:
            # "expressed concern about the expansion", "warned of complicity"
            for pobj in child.children:
                if pobj.dep_ == "pobj":
                    contents.append((_subtree_span(pobj), 0.6))
    for quote in _adjacent_quotes(verb, sent, quotes, text):
        if not any(c[0] <= quote[0] < c[1] or quote[0] <= c[0] < quote[1] for c, _ in contents):
            contents.append((quote, 0.85))
    rest = [t for t in sent if t.i > verb.i and not t.is_punct]
    # "responded to a tweet from X by …, “…”": the quote is X's, not the verb's.
    claimed = _sourced_noun_quote(rest, sent, quotes, text)
    if claimed is not None:
        contents = [
            ((start, min(end, claimed[0])), confidence) for (start, end), confidence in contents if start < claimed[0]
        ]
        rest = [t for t in rest if t.idx < claimed[0]]
    if not contents and lemma in SPEECH_VERBS and lemma not in WEAK_CUES:
        if len(rest) >= 4 and any(t.pos_ in ("VERB", "AUX") for t in rest):
            contents.append((_tokens_span(rest), 0.55))
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


def _verb_cues(article: Article, sent: SpacySpan, quotes: list[CharSpan]) -> list[Statement]:
    found = []
    for verb in sent:
        if not _is_cue_verb(verb):
            continue
        if verb.dep_ == "amod" and verb.tag_ == "VBN" and _misparsed_report_noun(verb) is None:
            continue  # "its alleged support": an adjective, not a report
        if _leads_a_report(verb):
            continue
        subject = _subject(verb)
        if subject is None and not _has_subject(verb):
            subject = (
                _participle_subject(verb) or _inherited_subject(verb) or _misparsed_subject(verb)
                or _name_just_before(verb)
            )
        if subject is None:
            continue
        contents = _verb_contents(verb, sent, quotes, article.text)
        if not contents:
            continue
        cue, cue_lemma, negated = _cue_span(verb, quotes)
        for speaker in speaker_spans(subject):
            for content, confidence in contents:
                statement = _statement(
                    article, sent, content, speaker, cue, cue_lemma,
                    statement_kind(content, quotes), confidence, cue_negated=negated,
                )
                if statement:
                    found.append(statement)
    return found


def _citing(article: Article, sent: SpacySpan, quotes: list[CharSpan]) -> list[Statement]:
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
            subject = _inherited_subject(verb)
            if subject is not None:
                for speaker in speaker_spans(subject):
                    statement = _statement(
                        article, sent, _subtree_span(sources[0]), speaker, _tokens_span([verb]), "cite", "indirect", 0.6
                    )
                    if statement:
                        found.append(statement)
            continue
        head = verb.head
        contents = [c for c, _ in _verb_contents(head, sent, quotes, article.text)] if _is_cue_verb(head) else []
        if not contents:
            contents = [(sent.start_char, verb.idx)]
        for speaker in speaker_spans(sources[0]):
            for content in contents:
                statement = _statement(
                    article, sent, content, speaker, _tokens_span([verb]), "cite", statement_kind(content, quotes), 0.6
                )
                if statement:
                    found.append(statement)
    return found


# --- "according to" ----------------------------------------------------------


def _according_to(article: Article, sent: SpacySpan, quotes: list[CharSpan]) -> list[Statement]:
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
        phrase = _subtree_span(source)
        speaker_head = _agent(source) if source.lemma_ in STATEMENT_NOUNS | {"post", "tweet", "interview"} else None
        speaker = speaker_spans(speaker_head)[0] if speaker_head is not None else speaker_spans(source)[0]
        phrase_end = max(phrase[1], speaker[1])
        if token.idx - sent.start_char <= 3:
            content = (phrase_end, sent.end_char)
        elif phrase_end >= sent.end_char - 2:
            content = (sent.start_char, token.idx)
        else:
            content = (phrase_end, sent.end_char)
        cue = (token.idx, to.idx + len(to.text))
        statement = _statement(article, sent, content, speaker, cue, "according to", "according_to", 0.8)
        if statement:
            found.append(statement)
    return found


# --- statement nouns -------------------------------------------------------


def _noun_speaker(noun: Token) -> Token | None:
    agent = _agent(noun, ("by", "from"))
    if agent is None:
        for child in noun.children:
            if child.dep_ == "acl":
                agent = _agent(child)
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
            return _subtree_span(child)
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
                return _tokens_span(clause)
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
        if any(_is_cue_verb(t) or _is_statement_noun(t) and _noun_speaker(t) is not None for t in between):
            return None
        return q_start, q_end
    return None


def _sourced_noun_quote(
    tokens: Iterable[Token], sent: SpacySpan, quotes: list[CharSpan], text: str
) -> CharSpan | None:
    """The first quote in `tokens` that a statement noun with its own speaker introduces."""
    for noun in tokens:
        if _is_statement_noun(noun) and _noun_speaker(noun) is not None:
            quote = _noun_quote(noun, sent, quotes, text)
            if quote is not None:
                return quote
    return None


def _noun_cues(article: Article, sent: SpacySpan, quotes: list[CharSpan]) -> list[Statement]:
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
        cue = _tokens_span([noun])
        for speaker in speaker_spans(speaker_head):
            statement = _statement(
                article, sent, content, speaker, cue, noun.lemma_.lower(),
                statement_kind(content, quotes), 0.65,
            )
            if statement:
                found.append(statement)
    return found


# --- headlines ---------------------------------------------------------------


def _lines(doc: Doc) -> list[SpacySpan]:
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
    if any(t.ent_type_ in _NAME_ENTS for t in words):
        return True
    # The parser tags a lone name in a headline as anything, even a verb.
    return all(t.text[:1].isupper() for t in words) and words[-1].pos_ not in ("ADP", "DET", "CCONJ", "PRON")


def _names_a_source(tokens: list[Token]) -> bool:
    """Whether a headline's tail names who reports: a name, or a word like "report" or "officials"."""
    return any(
        t.ent_type_ in _NAME_ENTS or t.lemma_.lower() in MEDIA_NOUNS | COLLECTIVE_NOUNS | {"source"} for t in tokens
    )


def _headline(article: Article, sent: SpacySpan, quotes: list[CharSpan]) -> list[Statement]:
    """ "Speaker: claim" or "Claim: Speaker" on a line of its own."""
    if len(sent) > 30 or not any(t.text == ":" for t in sent):
        return []
    colon = next(t for t in sent if t.text == ":")
    reported = [t.i < colon.i for t in sent if _is_cue_verb(t) and _subject(t) is not None]
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
        speaker, content = _tokens_span(left), _tokens_span(right)
    elif _looks_like_name(right) and len(left) >= 3 and (not reported or all(reported) and _names_a_source(right)):
        # "US asks Iran to stop X: report": a claim reported by someone, itself
        # a report, is the named source's statement.
        speaker, content = _tokens_span(right), _tokens_span(left)
    else:
        return []
    statement = _statement(
        article, sent, content, speaker, _tokens_span([colon]), ":", statement_kind(content, quotes), 0.6
    )
    return [statement] if statement else []


# --- quoted paragraphs -----------------------------------------------------


def _continued_quotes(
    article: Article, doc: Doc, quotes: list[CharSpan], found: list[Statement]
) -> list[Statement]:
    """A paragraph that is one quote, right after a quoted statement, continues it."""
    text = article.text
    covered = [(s.content.start, s.content.end) for s in found]
    by_start = sorted(found, key=lambda s: s.content.start)
    continued = []
    for q_start, q_end in quotes:
        if any(c_start < q_end and q_start < c_end for c_start, c_end in covered):
            continue
        line_start = text.rfind("\n", 0, q_start) + 1
        if len(text[q_start:q_end].split()) < 4:
            continue
        before = [s for s in by_start if s.content.end <= q_start and s.kind in ("direct", "mixed")]
        if not before:
            continue
        previous = before[-1]
        if text[line_start:q_start - 1].strip():
            # Within a paragraph: “…,” she said. “…” — the next sentence is one
            # more quote, right after the sentence that gave its speaker and cue.
            between = text[previous.content.end : q_start - 1]
            if not _only_the_attribution(between, previous) or not between.rstrip().endswith("."):
                continue
        else:
            between = text[previous.content.end : line_start]
            if between.count("\n") > 2 or len(between.strip()) > 60:
                continue
        sent = doc.char_span(line_start, q_end, alignment_mode="expand") or doc[:]
        statement = _statement(article, sent, (q_start, q_end), None, None, None, "direct", 0.5)
        if statement:
            statement.parent_id = previous.id or None
            continued.append(statement)
    return continued


def _only_the_attribution(between: str, previous: Statement) -> bool:
    """Whether the text between a quote and the next one holds nothing but the
    first quote's speaker and cue ("," she said. ")."""
    rest = between
    for part in (previous.speaker, previous.cue):
        if part is not None:
            rest = rest.replace(part.text, "", 1)
    return "\n" not in between and len(rest.strip(" \t,.;:“”\"'’‘")) <= 12


# --- clean-up -------------------------------------------------------------


def finalize_statements(found: list[Statement]) -> list[Statement]:
    """Give ids, drop duplicates found by two rules, link nested statements."""
    best: dict[tuple, Statement] = {}
    for s in found:
        key = (s.content.start, s.content.end, s.speaker.start if s.speaker else None)
        if key not in best or s.confidence > best[key].confidence:
            best[key] = s
    kept: list[Statement] = []
    for s in sorted(best.values(), key=lambda s: (-s.confidence, s.content.start)):
        duplicate = False
        for other in kept:
            same_speaker = (s.speaker and other.speaker and s.speaker.start == other.speaker.start) or (
                s.speaker is None and other.speaker is None
            )
            # By pieces: what lies between the pieces of an interrupted quote is no part of it.
            overlap = shared_characters(s.fragments("content"), other.fragments("content"))
            shorter = min(pieces_length(s.fragments("content")), pieces_length(other.fragments("content")))
            if same_speaker and overlap > 0.6 * shorter:
                duplicate = True
                break
        if not duplicate:
            kept.append(s)
    kept.sort(key=lambda s: (s.content.start, s.speaker.start if s.speaker else -1))
    for s in kept:
        s.id = statement_id(s.article_id, s.content.start, s.content.end, s.speaker.start if s.speaker else -1)
    for s in kept:
        parents = [
            p for p in kept
            if p is not s and p.content.start <= s.content.start and s.content.end <= p.content.end
            and (p.content.end - p.content.start) > (s.content.end - s.content.start)
        ]
        if parents:
            s.parent_id = min(parents, key=lambda p: p.content.end - p.content.start).id
    return kept
