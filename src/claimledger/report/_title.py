"""The name of a story, for the report's and the app's heading when none is given.

A ledger is named by what its coverage argues about: the label of the
contested proposition the most articles speak to. Failing that (no two actors
take sides yet), by the words its articles' titles share ("Quillon", "leak",
"Orrin River"); failing that too, it is a "Claim ledger".
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

__all__ = ["DEFAULT_TITLE", "shared_title_words"]

DEFAULT_TITLE = "Claim ledger"

#: At most this many shared words make a title.
MAX_WORDS = 6

_WORD = re.compile(r"\w+(?:['’]\w+)*")

# Words every headline may use, which name no story.
_FUNCTION_WORDS = frozenset(
    """a about after against all an and are as at be been but by can could did do does for from had has have he
    her his how i if in into is it its more new no not now of off on or our out over says said she so than that
    the their them they this to up us was we were what when which who why will with would you""".split()
)


def shared_title_words(titles: Iterable[str | None]) -> str | None:
    """The words at least half the titles (and two or more) share, in the order and
    the case the titles first use them, the first capitalised; None when they share none.

    "Quillon plant leaked solvent into the Orrin River" and "Quillon admits
    'small release' into Orrin River" give "Quillon Orrin River".
    """
    known = [title for title in titles if title and title.strip()]
    counts: Counter[str] = Counter()
    for title in known:
        counts.update({word.casefold() for word in _WORD.findall(title)})
    needed = max(2, (len(known) + 1) // 2)
    shared = {word for word, n in counts.items() if n >= needed and word not in _FUNCTION_WORDS and not word.isdigit()}
    written: dict[str, str] = {}  # each shared word as the first title to use it writes it, in reading order
    for title in known:
        for word in _WORD.findall(title):
            if word.casefold() in shared:
                written.setdefault(word.casefold(), word)
    words = " ".join(list(written.values())[:MAX_WORDS])
    return words[:1].upper() + words[1:] or None
