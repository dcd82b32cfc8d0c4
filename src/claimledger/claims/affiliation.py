"""Which actors speak for one side: a person and the body their role names.

A spokeswoman "for the company", "Iran's foreign minister" or "the Quillon
spokeswoman" speaks for the company or the country: when the minister admits
what the country denied, that is one side changing its account, not two sides
disputing. `affiliations` reads this from the entity records alone: a role of
a person that names another actor (one of its aliases, as a whole word) ties
the person to it, when the actor is the role's principal ("Iran's", "Iranian",
"US Secretary", "Quillon spokeswoman"), not its counterpart ("envoy for
Iran", "ambassador to the United Nations"); after "for" or "to" only a
spokesperson's or an advocate's role names the principal ("a spokeswoman for
the company"). Two actors are on one side when they are the same, one is
tied to the other, or both are tied to a third (two ministers of one
government).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from ..records import Entity

# Aliases shorter than this are too ambiguous to tie a role to an actor ("US" is kept
# by its own rule below: an upper-case abbreviation is a name).
_MIN_ALIAS = 4
_BODY_TYPES = frozenset({"ORG", "GPE", "NORP"})
# "envoy for Iran", "ambassador to the UN", "talks with Russia": the actor after these is a counterpart.
_COUNTERPART_PREPOSITIONS = frozenset({"for", "to", "toward", "towards", "with", "on", "in", "at", "against"})
# Roles that speak for whoever follows "for": "a spokeswoman for the company", "counsel for the city".
_SPEAKS_FOR = re.compile(r"(?i)spokes(?:man|woman|person|people)|representatives?|lawyers?|attorneys?|counsel|advocates?")


def affiliations(entities: Sequence[Entity]) -> dict[str, frozenset[str]]:
    """Entity id → the ids of the actors it speaks for, itself included."""
    bodies = [e for e in entities if e.type in _BODY_TYPES]
    patterns = {body.id: _alias_pattern(body) for body in bodies}
    tied: dict[str, frozenset[str]] = {}
    for entity in entities:
        found = {entity.id}
        if entity.roles:
            roles = " ; ".join(entity.roles)
            found |= {body.id for body in bodies if body.id != entity.id and _names_principal(roles, patterns[body.id])}
        tied[entity.id] = frozenset(found)
    return tied


def same_side(a: str, b: str, tied: Mapping[str, frozenset[str]]) -> bool:
    """Whether actors `a` and `b` speak for one side (module doc)."""
    return a == b or bool(tied.get(a, frozenset({a})) & tied.get(b, frozenset({b})))


def _names_principal(roles: str, pattern: re.Pattern[str] | None) -> bool:
    if pattern is None:
        return False
    for match in pattern.finditer(roles):
        before = roles[: match.start()].split()
        while before and before[-1].lower() in ("the", "a", "an"):
            before.pop()
        if not before or before[-1].lower() not in _COUNTERPART_PREPOSITIONS:
            return True
        if before[-1].lower() == "for" and len(before) > 1 and _SPEAKS_FOR.fullmatch(before[-2]):
            return True
    return False


def _alias_pattern(body: Entity) -> re.Pattern[str] | None:
    names = {body.name, *body.aliases}
    usable = sorted(
        (n.strip() for n in names if len(n.strip()) >= _MIN_ALIAS or (n.strip().isupper() and len(n.strip()) >= 2)),
        key=len, reverse=True,
    )
    if not usable:
        return None
    return re.compile(r"(?<!\w)(?:" + "|".join(re.escape(n) for n in usable) + r")(?!\w)")
