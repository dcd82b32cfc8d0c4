"""Entity resolution: every speaker and mention linked to one actor.

`resolve_entities(statements, mentions)` works over the whole corpus:

1. Person names are grouped by surname and compatible given names, with
   transliteration folded away ("Amir-Abdollahian" = "Amirabdollahian",
   "Saeed" ≈ "Saeid"); surname-only mentions join the person with that surname.
2. Countries are recognised by name, capital and demonym ("Tehran", "Iranian"),
   regions and organisations by their folded names and acronyms ("U.N." = "UN").
3. Titles next to names become the person's roles ("US Secretary of State").
4. In article order, pronouns take the latest person speaker, and role
   descriptions ("the top diplomat", "The Iranian foreign minister") the
   person whose roles fit best, preferring those named nearby.

Returns the entities and, for every statement, the id of its speaker's entity.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

import jellyfish
import numpy as np

from ..records import Entity, Mention, Statement, slugify
from .cues import (
    BLOC_NOUNS,
    COLLECTIVE_NOUNS,
    COMPANY_NOUNS,
    MEDIA_NOUNS,
    ORG_ROLE_NOUNS,
    PERSON_ROLE_HEADS,
    PUBLIC_BODY_NOUNS,
    ROLE_FAMILIES,
    ROLE_WORDS,
)
from .gazetteer import country_of, fold, region_of

_DETERMINERS = {"the", "a", "an", "his", "her", "its", "their", "our", "this", "that", "these", "those"}
# An indefinite description ("an Iranian official", "another person familiar
# with the talks") brings in someone unnamed, never a person named before.
_INDEFINITE = {"a", "an", "another", "one", "some"}
_HONORIFICS = {"mr", "mrs", "ms", "dr", "president", "general", "sheikh", "ayatollah", "prof", "sir"}
_WORD = re.compile(r"[\w'’.-]+")


@dataclass
class _Actor:
    """An entity being built: its names, roles and where it was mentioned."""

    type: str
    names: Counter = field(default_factory=Counter)
    aliases: set[str] = field(default_factory=set)
    roles: list[str] = field(default_factory=list)
    #: How the recogniser labelled its name mentions: the type is decided by majority.
    labels: Counter = field(default_factory=Counter)

    def name(self) -> str:
        if self.type in ("PERSON", "ORG"):
            # The full name, not the short form used most: "Quillon Chemical Works", not "Quillon".
            full = [n for n in self.names if len(n.split()) > 1] or list(self.names)
            return max(full, key=lambda n: (self.names[n], len(n)))
        return max(self.names, key=lambda n: (self.names[n], len(n)))

    def add_role(self, role: str, written: str | None = None) -> None:
        """Record a role; the words as written ("the top diplomat") are an alias too."""
        if role and fold(role) not in {fold(r) for r in self.roles}:
            self.roles.append(role)
        if written:
            self.aliases.add(written.strip(" ,;:"))


def resolve_entities(
    statements: Sequence[Statement], mentions: Sequence[Mention]
) -> tuple[list[Entity], dict[str, str | None]]:
    """Entities of the corpus and each statement's speaker entity id."""
    by_article: dict[str, list[Mention]] = defaultdict(list)
    for mention in mentions:
        by_article[mention.article_id].append(mention)

    people = _PeopleIndex([m for m in mentions if m.label == "PERSON"])
    organisations = _Organisations(m.text for m in mentions if m.label == "ORG")
    actors: dict[str, _Actor] = {}
    for key, actor in people.actors.items():
        actors[key] = actor
    mention_actor: dict[tuple[str, int, int], str] = {}
    for mention in mentions:
        key = _actor_key(mention, people, organisations, actors)
        if key is not None:
            mention_actor[(mention.article_id, mention.start, mention.end)] = key
    _attach_titles(by_article, mention_actor, actors)

    links: dict[str, str | None] = {}
    articles: dict[str, list[Statement]] = defaultdict(list)
    for statement in statements:
        articles[statement.article_id].append(statement)
    # Every actor exists by now; only people can fit a role description.
    people_actors = [(key, actor) for key, actor in actors.items() if actor.type == "PERSON"]
    for article_id, article_statements in articles.items():
        article_mentions = by_article.get(article_id, [])
        context = _ArticleContext(article_mentions, mention_actor, actors, people_actors)
        for statement in sorted(article_statements, key=lambda s: s.content.start):
            key = context.speaker(statement, links)
            links[statement.id] = key
            context.remember(statement.speaker.start if statement.speaker else statement.content.start, key)
            if key is not None and statement.speaker is not None:
                _add_alias(actors[key], statement.speaker.text)

    used = {key for key in links.values() if key} | set(mention_actor.values())
    entities, ids = _entities(actors, used)
    return entities, {sid: ids.get(key) if key else None for sid, key in links.items()}


# --- people -----------------------------------------------------------------


def _name_parts(name: str) -> list[str]:
    words = [fold(w).strip(".'") for w in _WORD.findall(name)]
    words = [w for w in words if w and w not in _HONORIFICS and w not in ("'s", "s")]
    if words and words[-1].endswith("'s"):
        words[-1] = words[-1][:-2]
    return words


# Names are compared pairwise across the corpus, so the same words come back
# thousands of times: the spelling keys are computed once per word.
@lru_cache(maxsize=1 << 16)
def _translit(word: str) -> str:
    """A spelling key that transliteration variants share."""
    word = re.sub(r"[^a-z]", "", word)
    word = word.replace("ee", "i").replace("y", "i").replace("ou", "u").replace("kh", "h")
    return re.sub(r"(.)\1+", r"\1", word)


@lru_cache(maxsize=1 << 16)
def _skeleton(word: str) -> str:
    """First letter and consonants: "Yousef" and "Yusuf" are both "ysf"."""
    word = re.sub(r"[^a-z]", "", word)
    return word[:1] + re.sub(r"[aeiouy]", "", word[1:]).replace("kh", "h")


def _similar(a: str, b: str) -> bool:
    if _translit(a) == _translit(b) or jellyfish.jaro_winkler_similarity(a, b) >= 0.9:
        return True
    skeleton = _skeleton(a)
    # Consonants alone match too much ("Grady" and "gerade" are both "grd"): the
    # words must also end alike and be of about one length, as spellings of one name are.
    return (
        len(skeleton) >= 3 and skeleton == _skeleton(b)
        and a[-1:] == b[-1:] and abs(len(a) - len(b)) <= 2
    )


class _Surnames:
    """The surnames of the people found so far, each with the people who bear it.

    `similar(word)` answers what comparing `word` with every surname by
    `_similar` would, without doing so: surnames sharing its spelling keys are
    looked up, and Jaro-Winkler is computed only where the letters the two
    words share allow a score of 0.9. (Winkler's bonus adds at most 0.4 of what
    Jaro misses, so 0.9 needs Jaro >= 5/6, which needs m/|a| + m/|b| >= 1.5 for
    the m characters in common, and m is at most the shared letter counts.)
    """

    _LETTERS = 27  # a-z, then everything else in one bucket: an upper bound on matches

    def __init__(self) -> None:
        self.words: list[str] = []
        self.people: list[list[int]] = []  # per surname: indexes into _PeopleIndex._full
        self._position: dict[str, int] = {}
        self._by_key: dict[str, list[int]] = defaultdict(list)
        # Letter counts by letter, then surname: a word's bound sums only the rows of its own letters.
        self._counts = np.zeros((self._LETTERS, 64), dtype=np.int32)
        self._lengths = np.zeros(64, dtype=np.int32)

    def add(self, word: str, person: int) -> None:
        if word not in self._position:
            position = self._position[word] = len(self.words)
            self.words.append(word)
            self.people.append([])
            if position == len(self._lengths):
                self._counts = np.concatenate([self._counts, np.zeros_like(self._counts)], axis=1)
                self._lengths = np.concatenate([self._lengths, np.zeros_like(self._lengths)])
            self._counts[:, position], self._lengths[position] = self._letters(word), len(word)
            self._by_key["t:" + _translit(word)].append(position)
            if len(_skeleton(word)) >= 3:
                self._by_key["s:" + _skeleton(word)].append(position)
        self.people[self._position[word]].append(person)

    def similar(self, word: str) -> list[int]:
        """The people (indexes into the full names, in order) whose surname `_similar` matches to `word`."""
        n = len(self.words)
        if not n or not word:
            return []
        letters = self._letters(word)
        shared = np.zeros(n, dtype=np.int32)
        for letter in np.flatnonzero(letters):
            shared += np.minimum(self._counts[letter, :n], letters[letter])
        possible = shared / len(word) + shared / np.maximum(self._lengths[:n], 1) >= 1.5 - 1e-9
        keyed = self._by_key.get("t:" + _translit(word), []) + self._by_key.get("s:" + _skeleton(word), [])
        candidates = set(np.flatnonzero(possible).tolist()) | set(keyed)
        return sorted(p for c in candidates if _similar(word, self.words[c]) for p in self.people[c])

    @classmethod
    def _letters(cls, word: str) -> np.ndarray:
        counts = np.zeros(cls._LETTERS, dtype=np.int32)
        for char in word:
            counts[ord(char) - 97 if "a" <= char <= "z" else 26] += 1
        return counts


class _PeopleIndex:
    """Person names grouped into actors by surname and given names."""

    def __init__(self, mentions: Sequence[Mention]) -> None:
        self.actors: dict[str, _Actor] = {}
        self._full: list[tuple[list[str], str]] = []
        self._surnames = _Surnames()
        self._looked_up: dict[str, str | None] = {}
        names = Counter(m.text.strip() for m in mentions)
        full = sorted((n for n in names if len(_name_parts(n)) > 1), key=lambda n: (-len(n), n))
        for name in full:
            parts = self._surname_parts(name)
            key = self._match_full(parts)
            if key is None:
                key = "person:" + "-".join(parts)
                self.actors[key] = _Actor("PERSON")
                self._surnames.add(parts[-1], len(self._full))
                self._full.append((parts, key))
            self.actors[key].names[name] += names[name]
            self.actors[key].aliases.add(name)

    @staticmethod
    def _surname_parts(name: str) -> list[str]:
        parts = _name_parts(name)
        # "Amir-Abdollahian" and "Amirabdollahian" are one surname.
        return [p.replace("-", "") for p in parts]

    def _match_full(self, parts: list[str]) -> str | None:
        """The first person, in the order they were found, with a similar surname and compatible given names."""
        for index in self._surnames.similar(parts[-1]):
            other, key = self._full[index]
            given, other_given = parts[:-1], other[:-1]
            if all(any(_similar(g, o) for o in other_given) for g in given) or all(
                any(_similar(o, g) for g in given) for o in other_given
            ):
                return key
        return None

    def lookup(self, name: str) -> str | None:
        """The actor of a person name, if any; asked once per distinct name (the index is fixed)."""
        if name not in self._looked_up:
            self._looked_up[name] = self._lookup(name)
        return self._looked_up[name]

    def _lookup(self, name: str) -> str | None:
        parts = self._surname_parts(name)
        if not parts:
            return None
        if len(parts) > 1:
            return self._match_full(parts)
        # A surname alone: the person of that surname (the most mentioned one).
        matches = [self._full[index][1] for index in self._surnames.similar(parts[0])]
        if not matches:
            return None
        return max(matches, key=lambda k: sum(self.actors[k].names.values()))


def _actor_key(
    mention: Mention, people: _PeopleIndex, organisations: _Organisations, actors: dict[str, _Actor]
) -> str | None:
    """The actor a name mention stands for, creating it on first sight."""
    text = mention.text.strip()
    if mention.label in ("PRON", "ROLE"):
        return None
    if mention.label == "PERSON" and country_of(text):
        mention = Mention(mention.article_id, mention.start, mention.end, text, "GPE")
    # The recogniser labels a surname alone as anything ("Blinken" as a place):
    # a known person's surname is that person, whatever the label.
    place = country_of(text) or region_of(text)
    known_person = people.lookup(text) if mention.label != "PERSON" and text[:1].isupper() and not place else None
    if mention.label == "PERSON" and not known_person and organisations.short_form(text) and not people.lookup(text):
        # "Quillon" read as a person where "Quillon Chemical Works" is named: the organisation.
        mention = Mention(mention.article_id, mention.start, mention.end, text, "ORG")
    if mention.label == "PERSON" or known_person:
        key = known_person or people.lookup(text)
        if key is None:
            key = "person:" + "-".join(_PeopleIndex._surname_parts(text))
            actors.setdefault(key, _Actor("PERSON")).names[text] += 1
        actor = actors[key]
    else:
        region = region_of(text)
        country = country_of(text)
        if region:
            key, actor = "norp:" + fold(region), actors.setdefault("norp:" + fold(region), _Actor("NORP"))
            actor.names[region] += 1
        elif country:
            key, actor = "gpe:" + fold(country), actors.setdefault("gpe:" + fold(country), _Actor("GPE"))
            actor.names[country] += 1
        else:
            name = _strip_determiner(text)
            if not name:
                return None
            key = organisations.key(name)
            actor = actors.setdefault(key, _Actor("ORG" if mention.label == "ORG" else mention.label))
            actor.names[name] += 1
            actor.labels[mention.label] += 1
            organisations.add(key, name)
    _add_alias(actor, text)
    return key


def _strip_determiner(text: str) -> str:
    """A name without its article and possessive: "the Kremlin’s" → "Kremlin"."""
    words = text.split()
    while words and fold(words[0]) in _DETERMINERS:
        words = words[1:]
    return re.sub(r"['’]s?$", "", " ".join(words).strip(" ,.;:"))


class _Organisations:
    """Organisation actors by folded name and by initials; an acronym joins the name it abbreviates.

    `key(name)` is the first organisation, in the order they were found, one of
    whose names folds to the same letters as `name`, or has `name` as its
    initials, or is what `name` abbreviates, or, for a short form, the one
    organisation whose full name it opens ("Quillon" of "Quillon Chemical
    Works"); a new key when there is none.
    """

    def __init__(self, names: Iterable[str] = ()) -> None:
        self._by_letters: dict[str, tuple[int, str]] = {}
        self._by_initials: dict[str, tuple[int, str]] = {}
        self._rank: dict[str, int] = {}
        # The corpus's multi-word organisation names by their first word: a short form
        # joins its full name only where one full name opens with it.
        self._full_by_first: dict[str, set[str]] = defaultdict(set)
        for name in names:
            words = _strip_determiner(name).split()
            if len(words) > 1 and words[0][:1].isupper() and fold(words[0]) not in _ORG_GENERIC:
                self._full_by_first[fold(words[0])].add(_org_forms(" ".join(words))[0])

    def short_form(self, name: str) -> str | None:
        """The one full organisation name that `name`, a single word, opens, folded to letters."""
        words = _strip_determiner(name).split()
        if len(words) != 1:
            return None
        full = self._full_by_first.get(fold(words[0]), set())
        return next(iter(full)) if len(full) == 1 else None

    def key(self, name: str) -> str:
        letters, initials = _org_forms(name)
        hits = [self._by_letters.get(letters), self._by_initials.get(letters), self._by_letters.get(initials)]
        full = self.short_form(name)
        if full is not None:
            hits.append(self._by_letters.get(full) or (self._rank.setdefault("org:" + full, len(self._rank)), "org:" + full))
        found = [hit for hit in hits if hit is not None]
        return min(found)[1] if found else "org:" + letters

    def add(self, key: str, name: str) -> None:
        """Record that organisation `key` goes by `name` (ranked by when `key` was first seen)."""
        entry = (self._rank.setdefault(key, len(self._rank)), key)
        for index, form in zip((self._by_letters, self._by_initials), _org_forms(name)):
            if form not in index or entry < index[form]:
                index[form] = entry  # the earliest organisation with that form wins, as a scan would find it


# First words of organisation names that say what kind of body it is, not which one.
_ORG_GENERIC = frozenset(
    "national international united american european state federal royal new first central general the".split()
)


@lru_cache(maxsize=1 << 16)
def _org_forms(name: str) -> tuple[str, str]:
    """An organisation name folded to letters and digits, and its initials."""
    folded = fold(name)
    initials = "".join(w[0] for w in folded.split() if w not in ("of", "the", "and", "for"))
    return re.sub(r"[^a-z0-9]", "", folded), initials


def _add_alias(actor: _Actor, text: str) -> None:
    text = text.strip(" ,;:'’\"“”")
    if text and fold(text) not in {"he", "she", "they", "we", "i", "it", "his", "her", "their"}:
        actor.aliases.add(text)


def _attach_titles(
    by_article: dict[str, list[Mention]],
    mention_actor: dict[tuple[str, int, int], str],
    actors: dict[str, _Actor],
) -> None:
    """A ROLE mention right before or after a person's name is that person's role."""
    for article_id, mentions in by_article.items():
        people = [m for m in mentions if m.label == "PERSON"]
        for role in (m for m in mentions if m.label == "ROLE"):
            for person in people:
                gap = person.start - role.end if person.start >= role.end else role.start - person.end
                if 0 <= gap <= 3:
                    key = mention_actor.get((article_id, person.start, person.end))
                    if key and _role_words(role.text) & ROLE_WORDS:
                        actors[key].add_role(_clean_role(role.text), role.text)
                    break


def _clean_role(text: str) -> str:
    words = text.strip(" ,;:").split()
    while words and fold(words[0]) in _DETERMINERS:
        words = words[1:]
    return " ".join(words)


# --- roles and pronouns -------------------------------------------------------


def _role_words(text: str) -> set[str]:
    """Folded content words of a role, with countries as demonym-free names."""
    words = set()
    for word in _WORD.findall(text):
        folded = fold(word).removesuffix("'s")
        if folded in _DETERMINERS or folded in ("of", "for", "and", "to", "the"):
            continue
        country = country_of(word)
        words.add("@" + fold(country) if country else folded)
    return words


def _bloc_region(text: str) -> str | None:
    """The region a bloc phrase stands for: "other Western countries" → the West.

    Only a region word qualifying a bloc noun counts; "the West's allies" are not the West.
    """
    words = _WORD.findall(text)
    if len(words) < 2 or fold(words[-1]) not in BLOC_NOUNS | COLLECTIVE_NOUNS:
        return None
    return next((region_of(w) for w in words[:-1] if not fold(w).endswith("'s") and region_of(w)), None)


_PRONOUN_GENDER = {"he": "m", "his": "m", "him": "m", "she": "f", "her": "f"}
_GENDERED_WORDS = {
    "f": frozenset("spokeswoman chairwoman congresswoman businesswoman mrs ms madam queen princess woman".split()),
    "m": frozenset("spokesman chairman congressman businessman mr sir king prince man".split()),
}


def _gender_fits(actor: _Actor, gender: str | None) -> bool:
    """Whether nothing known of `actor` (titles and roles) contradicts `gender`."""
    if gender is None or actor.type != "PERSON":
        return True
    other = "f" if gender == "m" else "m"
    words = {fold(w).strip(".") for text in (*actor.roles, *actor.aliases) for w in _WORD.findall(text)}
    return not (words & _GENDERED_WORDS[other]) or bool(words & _GENDERED_WORDS[gender])


def _name_words(actor: _Actor) -> set[str]:
    return {fold(word) for name in actor.names for word in _WORD.findall(name)}


def _first_word(text: str) -> str:
    words = _WORD.findall(text)
    return fold(words[0]) if words else ""


_PREPOSITION = re.compile(r"\s(?:of|for|to|at|in|from)\s", re.IGNORECASE)


def _head_word(text: str) -> str:
    """The head noun of a phrase: its last word before any preposition
    ("the mayor of Kestrel Bay" → "mayor")."""
    words = [fold(w) for w in _WORD.findall(_PREPOSITION.split(text, maxsplit=1)[0])]
    return words[-1] if words else ""


def _role_heads(words: set[str]) -> set[str]:
    heads = {w for w in words if w in ROLE_WORDS}
    for family, members in ROLE_FAMILIES.items():
        if family in heads:
            heads |= members
    return heads


@lru_cache(maxsize=1 << 14)
def _known_role_words(roles: tuple[str, ...]) -> frozenset[str]:
    """The role words of all of an actor's roles (cached: roles repeat across mentions)."""
    return frozenset().union(*(_role_words(r) for r in roles))


def _role_fit(role: set[str], heads: set[str], actor: _Actor) -> float:
    """How well a role description (its words, and its `heads` among
    `PERSON_ROLE_HEADS`) fits an actor's known roles (0 = not at all)."""
    known = _known_role_words(tuple(actor.roles)) if actor.roles else frozenset()
    if not known or not heads & known:
        return 0.0
    countries, known_countries = {w for w in role if w[:1] == "@"}, {w for w in known if w[:1] == "@"}
    if countries and known_countries and not countries & known_countries:
        return 0.0
    return 0.5 + len(role & known) / len(role)


class _ArticleContext:
    """What is known while reading one article: who was named, and where."""

    def __init__(self, mentions, mention_actor, actors, people_actors) -> None:
        self.mentions = mentions
        self.mention_actor = mention_actor
        self.actors = actors
        self.people_actors = people_actors  # the PERSON entries of `actors`, in its order
        # (offset, actor key) of every speaker resolved so far, in text order.
        self._history: list[tuple[int, str]] = []
        self.article_people = [
            (m.start, mention_actor[(m.article_id, m.start, m.end)])
            for m in mentions
            if m.label == "PERSON" and (m.article_id, m.start, m.end) in mention_actor
        ]

    def _mentions_in(self, start: int, end: int) -> list[Mention]:
        return [m for m in self.mentions if start <= m.start and m.end <= end]

    def speaker(self, statement: Statement, links: dict[str, str | None]) -> str | None:
        if statement.speaker is None:
            # A continued quote keeps the speaker of the quote it continues. A
            # statement with a cue but no speaker ("a poll shows", "it was
            # reported that") was said by no one named: guessing the last
            # speaker would credit it to the wrong person.
            if statement.parent_id:
                return links.get(statement.parent_id)
            return self._previous_speaker(statement) if statement.cue is None else None
        start, end = statement.speaker.start, statement.speaker.end
        inside = self._mentions_in(start, end)
        if not any(m.label == "PERSON" for m in inside) and _head_word(statement.speaker.text) in PERSON_ROLE_HEADS:
            # "The Iranian foreign minister" is a person, not Iran.
            return self._role(statement.speaker.text, start)
        for label in ("PERSON", "GPE", "NORP", "ORG"):
            for mention in inside:
                key = self.mention_actor.get((mention.article_id, mention.start, mention.end))
                if mention.label == label and key:
                    if label == "PERSON":
                        for role in (m for m in inside if m.label == "ROLE"):
                            self.actors[key].add_role(_clean_role(role.text), role.text)
                    return key
        pronoun = next((m for m in inside if m.label == "PRON"), None)
        if pronoun is not None:
            return self._pronoun(pronoun.text, statement)
        return self._role(statement.speaker.text, start)

    def _previous_speaker(self, statement: Statement) -> str | None:
        earlier = [key for pos, key in self._history if pos < statement.content.start]
        return earlier[-1] if earlier else None

    def _pronoun(self, pronoun: str, statement: Statement) -> str | None:
        """The nearest earlier speaker, then person named, that the pronoun can stand
        for: a person for "he"/"she" (of that gender, where the person's titles tell),
        a group or organisation for "they"/"we"."""
        plural = fold(pronoun) in ("they", "their", "we", "our")
        gender = _PRONOUN_GENDER.get(fold(pronoun))
        candidates = [(pos, key) for pos, key in self._history if pos < statement.speaker.start]
        for _, key in reversed(candidates):
            actor = self.actors[key]
            if (actor.type == "PERSON") != plural and _gender_fits(actor, gender):
                return key
        if plural:
            return None
        people = [key for pos, key in self.article_people if pos < statement.speaker.start]
        fitting = [key for key in people if _gender_fits(self.actors[key], gender)]
        return fitting[-1] if fitting else None

    def _role(self, text: str, position: int) -> str | None:
        words = _role_words(text)
        if not words:
            return None
        heads = {w for w in words if w in ROLE_WORDS | MEDIA_NOUNS | COLLECTIVE_NOUNS}
        if heads & MEDIA_NOUNS:
            # "the daily said": the outlet quoted last, else the one named last.
            for candidates in (self._history, self._named_before(position)):
                orgs = [key for pos, key in candidates if pos < position and self.actors[key].type == "ORG"]
                if orgs:
                    return orgs[-1]
            return None
        if _first_word(text) not in _INDEFINITE and _head_word(text) in ORG_ROLE_NOUNS:
            return self._organisation_in_focus(_head_word(text), position)
        countries = [w[1:] for w in words if w[:1] == "@"]
        if heads & COLLECTIVE_NOUNS and countries:
            return "gpe:" + countries[0] if "gpe:" + countries[0] in self.actors else None
        # "which west claims": a region the recogniser missed (lower case) is still the region.
        region = _bloc_region(text) or region_of(_clean_role(text))
        if region is not None:
            key = "norp:" + fold(region)
            self.actors.setdefault(key, _Actor("NORP", Counter({region: 1})))
            return key
        heads = _role_heads(words) & PERSON_ROLE_HEADS
        if not heads or _first_word(text) in _INDEFINITE:
            return None  # no actor's role can fit, or an unnamed someone
        best, best_score = None, 0.0
        # People named earlier in the article, most recent first, count most.
        before = [key for pos, key in sorted(self.article_people) if pos < position]
        recency = {key: rank for rank, key in enumerate(reversed(list(dict.fromkeys(reversed(before)))))}
        in_article = {key for _, key in self.article_people}
        for key, actor in self.people_actors:
            if not actor.roles:
                continue  # fits no role description
            score = _role_fit(words, heads, actor)
            if score <= 0:
                continue
            if key in recency:
                score += 1.0 + 1.0 / (1 + len(recency) - 1 - recency[key])
            elif key in in_article:
                score += 0.75
            if score > best_score:
                best, best_score = key, score
        return best

    def _organisation_in_focus(self, noun: str, position: int) -> str | None:
        """"the company", "the board": the organisation of that kind spoken of last.

        The latest organisation speaker comes first, then the latest one named;
        one whose name holds the noun ("the county water board") wins, and a
        company is never a public body ("the company" is not "the water board").
        """
        for candidates in (self._history, self._named_before(position)):
            orgs = [key for pos, key in candidates if pos < position and self.actors[key].type == "ORG"]
            named = [key for key in orgs if noun in _name_words(self.actors[key])]
            if named:
                return named[-1]
            if noun in COMPANY_NOUNS:
                companies = [key for key in orgs if not _name_words(self.actors[key]) & PUBLIC_BODY_NOUNS]
                if companies:
                    return companies[-1]
        return None

    def _named_before(self, position: int) -> list[tuple[int, str]]:
        named = [
            (m.start, self.mention_actor[(m.article_id, m.start, m.end)])
            for m in self.mentions
            if m.start < position and (m.article_id, m.start, m.end) in self.mention_actor
        ]
        return named

    def remember(self, position: int, key: str | None) -> None:
        if key is not None:
            self._history.append((position, key))


def _entities(actors: dict[str, _Actor], used: set[str]) -> tuple[list[Entity], dict[str, str]]:
    entities, ids, taken = [], {}, set()
    for key in sorted(used):
        actor = actors[key]
        if not actor.names:
            continue
        name = actor.name()
        if actor.labels:
            actor.type = max(actor.labels, key=lambda label: (actor.labels[label], label == actor.type))
        entity_id = slugify(name)
        while entity_id in taken:
            entity_id += "-2"
        taken.add(entity_id)
        ids[key] = entity_id
        entities.append(
            Entity(
                id=entity_id,
                type=actor.type if actor.type in ("PERSON", "ORG", "GPE", "NORP") else "OTHER",
                name=name,
                aliases=sorted(actor.aliases | set(actor.names)),
                roles=list(actor.roles),
            )
        )
    return entities, ids
