"""Mentions of actors in a parsed article: names, titles, roles, pronouns.

Entity resolution works on these records alone, so this is where the parse
is read: named entities become PERSON/ORG/GPE/NORP mentions, and each
statement's speaker phrase is split into the name it contains and the title
or role around it ("US Secretary of State" + "Antony Blinken"), or marked as
a pronoun ("he") or a role used as a reference ("the top diplomat").
"""

from __future__ import annotations

from spacy.tokens import Doc
from spacy.tokens import Span as SpacySpan

from ..records import Article, Mention, Statement
from .cues import COLLECTIVE_NOUNS, MEDIA_NOUNS, PERSON_ROLE_HEADS, ROLE_WORDS, SPEAKER_PRONOUNS
from .gazetteer import country_of

# spaCy labels kept as actors; LOC covers "the West" and other regions.
_ACTOR_LABELS = {"PERSON": "PERSON", "ORG": "ORG", "GPE": "GPE", "NORP": "NORP", "LOC": "GPE"}
_POSSESSIVE_PRONOUNS = {"his": "he", "her": "she", "their": "they", "its": "it", "our": "we"}
_TRIM = " ,;:'’\"“”‘"
# Words left over when a name is cut out of a phrase, never a role on their own.
_NOT_ROLES = frozenset("the a an his her their its our of and".split())


def extract_mentions(article: Article, doc: Doc, statements: list[Statement]) -> list[Mention]:
    """Actor mentions in `doc`: its named entities and its statements' speakers."""
    ents = doc.ents  # spaCy builds this tuple afresh on every read, by walking the whole doc
    mentions = [
        Mention(article.id, start, end, article.text[start:end], _ACTOR_LABELS[label])
        for start, end, label in _whole_names(doc, ents)
        if label in _ACTOR_LABELS and article.text[start:end].strip(_TRIM)
    ]
    mentions += _titles_before_names(article, doc, ents)
    by_span = {(m.start, m.end): m for m in mentions}
    for mention in _persons_by_company(article, doc, ents):
        by_span[(mention.start, mention.end)] = mention
    for statement in statements:
        if statement.speaker is None:
            continue
        span = doc.char_span(statement.speaker.start, statement.speaker.end, alignment_mode="expand")
        if span is None:
            continue
        # What a speaker phrase says about itself beats the entity recogniser's
        # label for the same words ("spokesman, Oleg Nikolenko" read as ORG).
        for mention in _speaker_mentions(article, span, _ents_within(ents, span)):
            by_span[(mention.start, mention.end)] = mention
    return sorted(by_span.values(), key=lambda m: (m.start, m.end))


# Words a name cannot end on: the recogniser cut it short ("Friends of the" + "Orrin").
_OPEN_ENDINGS = frozenset("of the for and de du la le von van al".split())


def _whole_names(doc: Doc, ents: tuple[SpacySpan, ...]) -> list[tuple[int, int, str]]:
    """The entities as (start, end, label), a name the recogniser cut short joined
    to the name after it: "Friends of the" (ORG) + "Orrin" → "Friends of the Orrin"."""
    names: list[tuple[int, int, str]] = []
    previous: SpacySpan | None = None
    for ent in ents:
        if (
            previous is not None and names and ent.start == previous.end
            and previous[-1].lower_ in _OPEN_ENDINGS and previous.label_ in _ACTOR_LABELS
        ):
            start, _, label = names.pop()
            names.append((start, ent.end_char, label))
        else:
            names.append((ent.start_char, ent.end_char, ent.label_))
        previous = ent
    return names


def _role_mention(article: Article, start: int, end: int) -> Mention | None:
    text = article.text[start:end]
    stripped = text.strip(_TRIM)
    if not stripped or not any(c.isalpha() for c in stripped) or stripped.lower() in _NOT_ROLES:
        return None
    start += len(text) - len(text.lstrip(_TRIM))
    return Mention(article.id, start, start + len(stripped), stripped, "ROLE")


def _titles_before_names(article: Article, doc: Doc, ents: tuple[SpacySpan, ...]) -> list[Mention]:
    """"Iranian Foreign Minister Hossein Amir-Abdollahian": the title words
    the parser compounds onto a PERSON name (one of `ents`, the doc's) become a ROLE mention."""
    roles = []
    for ent in ents:
        if ent.label_ != "PERSON":
            continue
        k = ent.start - 1
        while (
            k >= 0 and doc[k].dep_ in ("compound", "amod", "nmod", "poss", "case")
            and doc[k].head.i >= ent.start - 1 and not doc[k].ent_type_ == "PERSON"
        ):
            k -= 1
        if k + 1 < ent.start:
            title = doc[k + 1 : ent.start]
            if any(t.lower_ in ROLE_WORDS for t in title):
                role = _role_mention(article, title.start_char, title.end_char)
                if role:
                    roles.append(role)
    return roles


def _name_run(head) -> SpacySpan | None:
    """The proper-noun compounds ending at `head` ("Iran Ebrahim Raisi" → "Ebrahim Raisi"):
    a country or a role word in front is not part of the name."""
    if head.pos_ != "PROPN" or not head.text[:1].isupper():
        return None
    start = head.i
    while start > 0:
        prev = head.doc[start - 1]
        if prev.dep_ != "compound" or prev.head.i != head.i or prev.pos_ != "PROPN":
            break
        if country_of(prev.text) is not None or prev.lower_ in ROLE_WORDS:
            break
        start -= 1
    return head.doc[start : head.i + 1]


def _persons_by_company(article: Article, doc: Doc, ents: tuple[SpacySpan, ...]) -> list[Mention]:
    """Names coordinated with a person's name (one of `ents`, the doc's) are persons
    too, whatever the recogniser said: "Putin, Erdogan and Iran Ebrahim Raisi",
    "Khamenei and Raisi" (where "Raisi" alone was read as a place)."""
    found = []
    for ent in ents:
        if ent.label_ != "PERSON":
            continue
        for token in ent.root.conjuncts:
            if token.ent_type_ == "PERSON" and token.ent_iob_ == "B":
                continue
            name = _name_run(token)
            if name is not None and country_of(name.text) is None:
                found.append(Mention(article.id, name.start_char, name.end_char, name.text, "PERSON"))
    return found


def _ents_within(ents: tuple[SpacySpan, ...], span: SpacySpan) -> list[SpacySpan]:
    """`span.ents` from the doc's entities read once: those wholly inside `span`,
    up to the first that starts inside and runs past its end."""
    within = []
    for ent in ents:
        if ent.start >= span.start:
            if ent.end > span.end:
                break
            within.append(ent)
    return within


def _speaker_mentions(article: Article, span: SpacySpan, ents: list[SpacySpan]) -> list[Mention]:
    """Split a speaker phrase into name and role mentions (`ents`: the named entities inside it)."""
    words = [t for t in span if not t.is_punct and not t.is_space]
    if not words:
        return []
    if len(words) == 1 and words[0].lower_ in SPEAKER_PRONOUNS | set(_POSSESSIVE_PRONOUNS):
        return [Mention(article.id, span.start_char, span.end_char, span.text, "PRON")]
    # A lone common noun tagged PERSON ("Report" closing a headline) is no one's name.
    persons = [e for e in ents if e.label_ == "PERSON" and not (len(e) == 1 and _common_word(e[0]))]
    others = [e for e in ents if e.label_ in _ACTOR_LABELS and e.label_ != "PERSON"]
    if not persons:
        names = _untagged_name(span)
        if names is not None:
            persons = [names]
    if persons:
        name = max(persons, key=len)
        found = [Mention(article.id, name.start_char, name.end_char, name.text, "PERSON")]
        for start, end in ((span.start_char, name.start_char), (name.end_char, span.end_char)):
            role = _role_mention(article, start, end)
            if role and any(c.isalpha() for c in role.text) and len(role.text) > 2:
                found.append(role)
        return found
    # A bare organisation or country: "the Financial Times", "Tehran".
    if others and sum(len(e) for e in others) >= len(words) - 1:
        return []
    role = _role_mention(article, span.start_char, span.end_char)
    return [role] if role else []


def _common_word(token) -> bool:
    """A lone capitalised noun, or a word naming a kind of source ("Report", "Officials"), is not a name."""
    return token.pos_ == "NOUN" or token.lower_ in MEDIA_NOUNS | COLLECTIVE_NOUNS


def _untagged_name(span: SpacySpan) -> SpacySpan | None:
    """A run of capitalised proper nouns at the end of a speaker phrase that
    the entity recogniser missed or mislabelled ("Amirabdollahian")."""
    tokens = list(span)
    while tokens and (tokens[-1].is_punct or tokens[-1].is_space):
        tokens.pop()
    has_title = any(t.lower_ in PERSON_ROLE_HEADS for t in tokens)
    run = []
    for token in reversed(tokens):
        if (
            token.text[:1].isupper()
            and token.pos_ in ("PROPN", "ADJ", "VERB", "NOUN")
            and token.ent_type_ != "DATE"
            and (has_title or token.ent_type_ not in ("GPE", "ORG", "NORP"))
            and country_of(token.text) is None
            and token.lower_ not in ROLE_WORDS
        ):
            run.append(token)
        elif token.text == "-" and run:
            run.append(token)
        else:
            break
    if not run:
        return None
    if run[0].dep_ == "pobj" or (run[0].head.dep_ == "pobj" and run[0].head.i > run[0].i):
        # "the mayor of Kestrel Bay": a name after a role's preposition is the
        # place or body of the role, not the person's name.
        return None
    run.reverse()
    # "the West", "the Kremlin": a person's name takes no article.
    before = run[0].i - 1
    if not has_title and before >= span.start and span.doc[before].lower_ == "the":
        return None
    if len(run) == 1 and _common_word(run[0]):
        return None
    doc = span.doc
    return doc[run[0].i : run[-1].i + 1]
