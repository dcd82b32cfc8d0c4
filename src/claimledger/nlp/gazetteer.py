"""Countries by every name news uses for them: names, alternative spellings,
capitals standing for governments ("Tehran", "Moscow", "Washington") and
demonyms ("Iranian", "Russians").

Built once from the `countryinfo` package's data; no network.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_ARTICLE = re.compile(r"^(the|a|an)\s+", re.I)
# Regions and blocs that act as one side in news.
_REGIONS = {
    "west": "the West", "western": "the West", "the west": "the West",
    "western countries": "the West", "western nations": "the West", "western powers": "the West",
    "europe": "Europe", "european": "Europe", "europeans": "Europe",
}
# Short forms that the country data lacks.
_EXTRA = {"us": "United States", "u.s.": "United States", "u.s": "United States", "america": "United States",
          "usa": "United States", "uk": "United Kingdom", "u.k.": "United Kingdom", "britain": "United Kingdom",
          "british": "United Kingdom", "american": "United States", "americans": "United States"}


# Entity resolution folds the same few thousand names hundreds of thousands of times.
@lru_cache(maxsize=1 << 16)
def fold(text: str) -> str:
    """Lowercase ASCII form for comparing names: "Zelenskyy’s" → "zelenskyy's"."""
    text = unicodedata.normalize("NFKD", text.replace("’", "'")).encode("ascii", "ignore").decode()
    return text.lower().strip()


def _display_name(key: str, info: dict) -> str:
    name = info.get("name") or key
    return " ".join(w if w in ("of", "and", "the") else w[:1].upper() + w[1:] for w in name.split())


@lru_cache(maxsize=1)
def _table() -> dict[str, str]:
    from countryinfo import CountryInfo

    table: dict[str, str] = {}
    for key, info in CountryInfo("france").all().items():
        name = _display_name(key, info)
        forms = {key, info.get("name", "")}
        forms.update(info.get("altSpellings") or [])
        capitals = info.get("capital") or []
        for capital in [capitals] if isinstance(capitals, str) else capitals:
            forms.add(capital)
            first, _, rest = capital.partition(" ")
            if rest and ("." in rest or rest.isupper()):
                forms.add(first)  # "Washington D.C." → "Washington"
        demonyms = info.get("demonym") or []
        for demonym in [demonyms] if isinstance(demonyms, str) else demonyms:
            forms.update({demonym, demonym + "s"})
        for form in filter(None, forms):
            folded = fold(form)
            if len(folded) > 2 or folded.isupper():
                table.setdefault(folded, name)
    table.update({k: v for k, v in _EXTRA.items()})
    # "United States Of America" style names read better in their short form.
    for short in ("United States", "United Kingdom"):
        for k, v in list(table.items()):
            if v.lower().startswith(short.lower()):
                table[k] = short
    return table


@lru_cache(maxsize=1 << 16)
def country_of(text: str) -> str | None:
    """The country a name, capital or demonym stands for, or None."""
    folded = _ARTICLE.sub("", fold(text)).removesuffix("'s").strip()
    if not folded:
        return None
    return _table().get(folded)


def region_of(text: str) -> str | None:
    """"the West", "Western countries" → "the West"."""
    folded = fold(text)
    return _REGIONS.get(folded) or _REGIONS.get(_ARTICLE.sub("", folded))
