"""The reporting vocabulary of news: verbs and nouns that attribute speech.

Kept apart from the extraction rules so that the attribution stage, the
stance rules and framing share one lexicon.
"""

from __future__ import annotations

# Verbs that report speech and may take a clause, a quote or a "that" clause.
SPEECH_VERBS = frozenset(
    """
    say tell state add note claim allege assert insist maintain argue contend
    announce declare report warn explain suggest stress emphasize emphasise
    reiterate repeat respond reply write tweet post predict promise pledge vow
    assure reveal disclose recall mention comment remark describe
    testify caution hint signal joke boast concur continue acknowledge admit
    confirm concede deny reject refute dismiss rebuff dispute contradict
    complain accuse charge blame criticize criticise condemn question doubt
    believe agree disagree estimate propose recommend urge demand ask
    affirm attest aver counter retort lament observe point speak
    """.split()
)

# Verbs whose direct object is what is said about: "denied the allegations",
# "rejected the delivery of drones", "admitted the sale".
OBJECT_CUES = frozenset(
    """
    deny reject refute dismiss rebuff dispute contradict admit acknowledge
    concede confirm accuse criticize criticise condemn blame question doubt
    announce reveal disclose report repeat reiterate express extol extoll
    praise back endorse describe play downplay
    """.split()
)

# Verbs of directive speech whose content is an infinitive: "asked Ukraine to
# provide proof", "warned Kyiv not to be swayed".
DIRECTIVE_CUES = frozenset("ask urge call warn demand tell order advise implore".split())

# Cues that are too common in other senses to stand without a clause or a
# quote as content ("he continued to work", "she posted a photo").
WEAK_CUES = frozenset("continue post point speak write express describe call back play".split())

# Nouns that name a statement: "claims made by the West that ...".
STATEMENT_NOUNS = frozenset(
    """
    claim allegation charge accusation assertion statement remark comment
    report denial admission warning assurance suggestion insistence tweet post
    """.split()
)

# Pronouns that can stand for a speaker already named.
SPEAKER_PRONOUNS = frozenset("he she they we i".split())

# Words that never make a speaker on their own.
NON_SPEAKERS = frozenset("it this that which what there who whom something nothing".split())

# Role words that name a person's office (the head of "the top diplomat");
# "ministry" or "foreign" alone never stand for a person.
PERSON_ROLE_HEADS = frozenset(
    """
    minister spokesman spokeswoman spokesperson president secretary envoy
    ambassador adviser advisor leader general chief director official diplomat
    representative head chairman chairwoman governor senator mayor commander
    counterpart premier chancellor king queen prince sheikh ayatollah
    """.split()
)

# Words of titles and roles: never part of a person's name. The offices above
# plus the words that qualify them ("foreign", "national security").
ROLE_WORDS = PERSON_ROLE_HEADS | frozenset(
    """
    ministry foreign defense defence state special national security supreme
    prime deputy brigadier officials former permanent affairs interior justice
    finance
    """.split()
)

# Roles a diplomat may be named by: "the top diplomat" is a foreign minister,
# an ambassador or an envoy.
ROLE_FAMILIES = {
    "diplomat": {"diplomat", "minister", "ambassador", "envoy", "secretary", "representative"},
    "official": {"official", "minister", "spokesman", "spokeswoman", "spokesperson", "secretary", "adviser", "advisor"},
    "leader": {"leader", "president", "premier", "chancellor", "king", "ayatollah"},
    "spokesperson": {"spokesman", "spokeswoman", "spokesperson"},
}

# Nouns for a business: "the company said" is the company spoken of last.
COMPANY_NOUNS = frozenset("company firm corporation business manufacturer maker producer operator group carrier".split())

# Nouns for a public body: "the board", "the ministry".
PUBLIC_BODY_NOUNS = frozenset(
    "board agency ministry department office council committee authority commission government court police".split()
)

# Nouns that stand for an organisation already named ("the company", "the agency").
ORG_ROLE_NOUNS = COMPANY_NOUNS | (PUBLIC_BODY_NOUNS - {"government"})

# Nouns for news media: "the daily said", "the newspaper added".
MEDIA_NOUNS = frozenset("newspaper daily paper outlet agency broadcaster network magazine report channel".split())

# Nouns for a country's people or institutions as a whole: "Ukrainian officials".
COLLECTIVE_NOUNS = frozenset("officials authorities side government leadership people forces diplomats".split())

# Nouns for the members of a bloc taken together: "Western countries", "European allies".
BLOC_NOUNS = frozenset("countries nations powers allies governments leaders capitals".split())
