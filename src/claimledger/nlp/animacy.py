"""Who can speak: the animacy of a phrase's head, read from the parse.

A speaker is an agent: a person, an organisation, a government or a country
(which stands for its government), a group of people, a role or description
of one ("the top diplomat", "residents downstream"), or a pronoun for one.
Documents, samples, data and polls are *evidence* ("citing water samples",
"a statement from the company"): someone may speak through them, but they
do not speak. Years, places, objects, animals and substances are *things*:
"the 1970s declared" or "carbon showed" is no attribution at all.

`classify_phrase(head)` decides, in order, from the token's named-entity
type, its pronoun class, a quantity's complement ("47 percent of voters"),
the lexical classes below, and the shape of the noun (agent suffixes:
"-er", "-ist", "-ian", …; capitalised proper nouns are names). A noun in no
class is `UNKNOWN`, which callers treat as an agent: the lexicons list what
cannot speak, so an unseen role noun is not lost.
"""

from __future__ import annotations

from enum import Enum

from spacy.tokens import Token

from .cues import BLOC_NOUNS, COLLECTIVE_NOUNS, MEDIA_NOUNS, PERSON_ROLE_HEADS, ROLE_WORDS


class Animacy(str, Enum):
    AGENT = "agent"
    EVIDENCE = "evidence"
    THING = "thing"
    UNKNOWN = "unknown"


# Entity types of agents; LOC covers "the West" and regions acting as blocs.
_AGENT_ENTS = frozenset({"PERSON", "ORG", "GPE", "NORP", "LOC"})
# Entity types that never speak: dates and amounts, objects, events, works.
_THING_ENTS = frozenset(
    {"DATE", "TIME", "PERCENT", "MONEY", "QUANTITY", "ORDINAL", "CARDINAL", "FAC", "PRODUCT", "EVENT", "LANGUAGE"}
)
_EVIDENCE_ENTS = frozenset({"WORK_OF_ART", "LAW"})
# Of those, the ones a capitalised word is never misread into: a name is no date or number.
_NUMERIC_ENTS = frozenset({"DATE", "TIME", "PERCENT", "MONEY", "QUANTITY", "ORDINAL", "CARDINAL"})

AGENT_PRONOUNS = frozenset("he she they we i you who whoever everyone everybody someone somebody nobody".split())
# "it" speaks for an organisation or a government ("it said in a statement"),
# but only with a verb of saying: "it shows", "it suggests" is evidence talking.
_IT_SPEECH = frozenset(
    "say tell state announce add deny confirm reject claim insist respond reply warn accuse acknowledge admit".split()
)

# Nouns of people, groups and institutions beyond the role and media words of `cues`
# ("the report said" is a news report: its outlet speaks, as `nlp.resolve` reads it).
AGENT_NOUNS = (
    PERSON_ROLE_HEADS | COLLECTIVE_NOUNS | BLOC_NOUNS | MEDIA_NOUNS | (ROLE_WORDS - {"state"})
    | frozenset(
        """
        person people man woman men women child children boy girl family families friend friends neighbour
        neighbor resident residents citizen citizens voter voters public crowd community audience victim
        witness witnesses expert experts scientist scientists analyst analysts critic critics supporter
        supporters opponent opponents activist activists campaigner protester protesters lawyer lawyers
        attorney attorneys judge judges prosecutor prosecutors doctor doctors nurse patient patients
        teacher student students worker workers employee employees staff official officer officers soldier
        soldiers troops police investigator investigators researcher researchers economist economists
        source sources insider insiders observer observers aide aides ally allies member members colleague
        colleagues partner partners owner owners founder manager executive executives candidate candidates
        nominee politician politicians lawmaker lawmakers legislator legislators senator congressman
        congresswoman delegate delegates counsel spokesman spokeswoman representative representatives
        company companies firm firms business businesses corporation group groups organisation organization
        organisations organizations agency agencies ministry ministries department departments office
        council committee commission board authority administration government governments regime
        cabinet parliament congress senate assembly court tribunal party parties campaign team union unions
        association federation coalition alliance bank industry operator manufacturer maker producer
        lab laboratory university institute foundation charity ngo army military navy
        city town village county state country nation kingdom republic capital region province
        majority minority everyone everybody nobody
        """.split()
    )
)

# Evidence: what someone may speak through, never a speaker itself.
EVIDENCE_NOUNS = frozenset(
    """
    statement statements document documents letter letters memo memos email emails message
    messages filing filings release transcript transcripts record records data figure figures statistic
    statistics number numbers study studies survey surveys poll polls polling analysis analyses research
    paper papers article articles post posts tweet tweets video videos footage photo photos photograph
    photographs image images picture pictures recording recordings map maps chart charts graph graphs
    sample samples test tests result results finding findings evidence measurement measurements reading
    readings assessment assessments estimate estimates model models forecast forecasts projection
    projections audit audits review reviews investigation inquiry probe log logs book books ad ads
    advertisement commercial website webpage page pages law laws bill bills rule rules regulation
    regulations order ruling verdict decision complaint lawsuit suit indictment warrant contract
    agreement treaty deal plan proposal policy budget manifesto platform account accounts version
    """.split()
)

# Things: no speaker and no attribution ("the samples tell", "carbon showed").
THING_NOUNS = frozenset(
    """
    site fish bird birds animal animals dog dogs cat cats water river rivers sea ocean lake air soil ground
    land earth carbon solvent chemical chemicals substance substances oil gas smoke smell dust pollution
    plant plants factory factories facility facilities building buildings pipe pipes tank tanks well
    wells mine mines machine machines car cars vehicle vehicles ship ships drone drones weapon weapons
    missile missiles device devices phone phones computer computers system systems road
    year years decade decades century centuries day days week weeks month months time times era age
    period season morning evening night history story stories science nature reality fact facts logic
    math mathematics sense experience truth thing things stuff world weather climate economy market
    markets price prices share shares stock stocks
    """.split()
)

# Heads that count something: their "of" complement is what speaks ("most of the residents").
_QUANTITY_HEADS = frozenset(
    """
    percent per cent majority half third quarter some many most few several number none all both each
    any one two three dozens hundreds thousands millions rest share proportion portion
    """.split()
)
_AGENT_SUFFIXES = ("er", "ers", "or", "ors", "ist", "ists", "ian", "ians", "ant", "ants", "ent", "ents",
                   "ee", "ees", "man", "men", "woman", "women", "person", "people")
# Nouns ending like agents that are not ("paper", "number", "water", "content").
_SUFFIX_EXCEPTIONS = frozenset(
    """
    paper papers number numbers water letter letters order orders border borders matter matters chapter
    corner power powers poster posters computer computers river rivers center centre error errors
    content contents statement statements document documents comment comments element elements event
    events moment moments percent amount amounts incident incidents agreement agreements government
    governments
    """.split()
)


def classify_phrase(head: Token, cue_lemma: str | None = None) -> Animacy:
    """The animacy of the phrase headed by `head` (a speaker's root token).

    `cue_lemma` is the reporting verb, which decides whether "it" speaks.
    """
    if head.pos_ not in ("NOUN", "PROPN", "PRON", "NUM") and _misread_name(head):
        # A name the tagger took for a verb ("Trump this week also said"): verbs are no subjects.
        return Animacy.AGENT
    if head.pos_ not in ("NOUN", "PROPN", "PRON", "NUM"):
        # A misparse hangs the noun on a modifier ("[residents] downstream").
        noun = next((c for c in head.children if c.pos_ in ("NOUN", "PROPN", "PRON")), None)
        if noun is not None:
            head = noun
    entity = head.ent_type_
    if entity in _AGENT_ENTS:
        return Animacy.AGENT
    if head.pos_ == "PRON":
        return _pronoun(head, cue_lemma)
    lower = head.lower_
    lemma = head.lemma_.lower()
    if lower in _QUANTITY_HEADS or lemma in _QUANTITY_HEADS:
        counted = _counted(head)
        if counted is not None:
            return classify_phrase(counted, cue_lemma)
        # "63 percent said", "most say": a share of people polled, or of a group named before.
        return Animacy.UNKNOWN
    # The noun itself before the recogniser's other labels: it reads Title Case
    # headlines as works and laws ("Iran Spokesman Does Not Deny …").
    if lower in AGENT_NOUNS or lemma in AGENT_NOUNS:
        return Animacy.AGENT
    if lower in EVIDENCE_NOUNS or lemma in EVIDENCE_NOUNS:
        return Animacy.EVIDENCE
    if lower in THING_NOUNS or lemma in THING_NOUNS:
        return Animacy.THING
    if entity in _NUMERIC_ENTS:
        return Animacy.THING
    # A capitalised name as the subject of a verb is someone, whatever the small model's
    # recogniser read it as ("Ivanka Trump" as a PRODUCT, "Trump accused …" as a WORK_OF_ART).
    if head.pos_ == "PROPN" and head.text[:1].isupper() and head.is_alpha:
        return Animacy.AGENT
    if entity in _THING_ENTS:
        return Animacy.THING
    if entity in _EVIDENCE_ENTS:
        return Animacy.EVIDENCE
    if head.pos_ == "NUM" or (head.like_num and not head.is_alpha):
        return Animacy.THING
    if lower not in _SUFFIX_EXCEPTIONS and lower.endswith(_AGENT_SUFFIXES) and len(lower) > 4:
        return Animacy.AGENT
    return Animacy.UNKNOWN


def agent_behind(head: Token) -> Token | None:
    """The agent evidence speaks for: "a statement from the company", "the
    company's statement", "a report by the water board" → the company, the board."""
    for child in head.children:
        if child.dep_ == "poss" and classify_phrase(child) is Animacy.AGENT and child.lower_ not in ("its", "their"):
            return child
        if child.dep_ in ("prep", "agent") and child.lower_ in ("from", "by", "of"):
            for obj in child.children:
                if obj.dep_ == "pobj" and classify_phrase(obj) is Animacy.AGENT:
                    return obj
    return None


def _pronoun(token: Token, cue_lemma: str | None) -> Animacy:
    lower = token.lower_
    if lower in AGENT_PRONOUNS:
        if lower == "who":
            # A relative "who" speaks for the noun it hangs on.
            antecedent = token.head.head if token.head.dep_ == "relcl" else None
            return classify_phrase(antecedent, cue_lemma) if antecedent is not None else Animacy.AGENT
        return Animacy.AGENT
    if lower in ("it", "which", "that"):
        if lower != "it" and token.head.dep_ == "relcl":
            return classify_phrase(token.head.head, cue_lemma)
        return Animacy.AGENT if cue_lemma in _IT_SPEECH else Animacy.UNKNOWN
    if lower == "those":
        # "those close to him", "those who were there": people, once something says which.
        described = any(c.dep_ in ("amod", "relcl", "acl", "prep") for c in token.children)
        return Animacy.AGENT if described else Animacy.UNKNOWN
    return Animacy.THING if lower in ("this", "these", "something", "nothing", "everything") else Animacy.UNKNOWN


def _misread_name(token: Token) -> bool:
    """A capitalised word in a subject's place that the tagger read as a verb or adjective."""
    return (
        token.dep_ in ("nsubj", "nsubjpass")
        and token.pos_ in ("VERB", "AUX", "ADJ", "ADV")
        and token.text[:1].isupper()
        and token.is_alpha
    )


def _counted(head: Token) -> Token | None:
    for child in head.children:
        if child.dep_ == "prep" and child.lower_ == "of":
            return next((obj for obj in child.children if obj.dep_ == "pobj"), None)
    return None
