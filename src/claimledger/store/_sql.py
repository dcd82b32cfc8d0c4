"""SQL that SQLite and PostgreSQL spell differently, as SQLAlchemy constructs.

The listings (`queries.py`) filter with three things that plain SQLAlchemy
does not write the same way on both databases, or not at all:

* `words_in(text, words)`: `text` holds every word of `words`, ignoring case.
  The rule is `contains_words`, a Python function. SQLite calls that very
  function (`Ledger` registers it on each connection as `CONTAINS_WORDS`), so a
  search answers exactly what filtering the records in Python answered.
  PostgreSQL compares `lower()` forms instead, which differ from `casefold`
  only for a few letters ("ß" is "ss" to casefold).
* `json_strings(column)`: the strings of a JSON array (an entity's aliases),
  joined by spaces.
* `json_last(column, key)`: `key` of the last object of a JSON array (the
  stance of a position's latest point).
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from sqlalchemy import Boolean, ColumnElement, Text, and_, func, literal
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.compiler import SQLCompiler

__all__ = ["CONTAINS_WORDS", "contains_words", "json_last", "json_strings", "words_in"]

#: The name under which SQLite connections know `contains_words`.
CONTAINS_WORDS = "claimledger_contains_words"


def contains_words(text: str | None, words: str | None) -> bool:
    """Whether `text` holds every word of `words`, ignoring case (no words: True)."""
    if not words:
        return True
    haystack = (text or "").casefold()
    for word in _folded(words):
        if word not in haystack:
            return False
    return True


@lru_cache(maxsize=256)
def _folded(words: str) -> tuple[str, ...]:
    # SQLite calls `contains_words` once a row with the same words: split them once.
    return tuple(words.casefold().split())


def words_in(text: ColumnElement[Any], words: str | None) -> ColumnElement[bool] | None:
    """The condition `contains_words(text, words)`, or None when `words` has none to look for."""
    if not words or not words.split():
        return None
    return _WordsIn(text, words)


def json_strings(column: ColumnElement[Any]) -> ColumnElement[str]:
    """The strings of the JSON array in `column`, joined by spaces ('' for an empty array)."""
    return func.coalesce(_JsonStrings(column), "")


def json_last(column: ColumnElement[Any], key: str) -> ColumnElement[str]:
    """`key` of the last object of the JSON array in `column` (null when the array is empty)."""
    return _JsonLast(column, key)


# The constructs carry Python values that change the SQL itself (how many words
# PostgreSQL compares), so statements holding them are not cached.


class _WordsIn(ColumnElement[bool]):
    inherit_cache = False
    type = Boolean()

    def __init__(self, text: ColumnElement[Any], words: str) -> None:
        self.text = text
        self.words = words


class _JsonStrings(ColumnElement[str]):
    inherit_cache = False
    type = Text()

    def __init__(self, column: ColumnElement[Any]) -> None:
        self.column = column


class _JsonLast(ColumnElement[str]):
    inherit_cache = False
    type = Text()

    def __init__(self, column: ColumnElement[Any], key: str) -> None:
        self.column = column
        self.key = key


@compiles(_WordsIn)
def _words_in_lower(element: _WordsIn, compiler: SQLCompiler, **kw: Any) -> str:
    lowered = func.lower(element.text)
    found = [func.strpos(lowered, word) > 0 for word in element.words.casefold().split()]
    return compiler.process(and_(*found), **kw)


@compiles(_WordsIn, "sqlite")
def _words_in_casefold(element: _WordsIn, compiler: SQLCompiler, **kw: Any) -> str:
    return compiler.process(getattr(func, CONTAINS_WORDS)(element.text, element.words), **kw)


@compiles(_JsonStrings, "sqlite")
def _json_strings_sqlite(element: _JsonStrings, compiler: SQLCompiler, **kw: Any) -> str:
    return f"(SELECT group_concat(value, ' ') FROM json_each({compiler.process(element.column, **kw)}))"


@compiles(_JsonStrings, "postgresql")
def _json_strings_postgresql(element: _JsonStrings, compiler: SQLCompiler, **kw: Any) -> str:
    column = compiler.process(element.column, **kw)
    return f"(SELECT string_agg(value, ' ') FROM json_array_elements_text({column}))"


@compiles(_JsonLast, "sqlite")
def _json_last_sqlite(element: _JsonLast, compiler: SQLCompiler, **kw: Any) -> str:
    # SQLite counts from the end with `#-1`; "$[-1]" is an error there.
    path = literal(f"$[#-1].{element.key}")
    return compiler.process(func.json_extract(element.column, path), **kw)


@compiles(_JsonLast, "postgresql")
def _json_last_postgresql(element: _JsonLast, compiler: SQLCompiler, **kw: Any) -> str:
    column, key = compiler.process(element.column, **kw), compiler.process(literal(element.key), **kw)
    return f"(({column} -> -1) ->> {key})"
