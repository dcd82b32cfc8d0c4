"""When a statement was made: its own time expression, read against the
article's publication date.

`attach_time(article, doc, statements)` finds each statement's time
expression ("on Friday", "last week", "in October") in its sentence, outside
its content, nearest to its cue, and sets `said_at` to an ISO date or an ISO
interval ("2022-10-01/2022-10-31"). Without a time expression a statement is
dated by its article; without a publication date, `said_at` stays None and
only the text is kept.
"""

from __future__ import annotations

import calendar
import re
from datetime import date, timedelta

from spacy.tokens import Doc
from spacy.tokens import Span as SpacySpan

from ..records import Article, Span, Statement

_WEEKDAYS = {name.lower(): i for i, name in enumerate(calendar.day_name)}
_MONTHS = {name.lower(): i for i, name in enumerate(calendar.month_name) if name}
_RELATIVE = re.compile(
    r"\b(?:(?:earlier|later) this (?:week|month|year)|(?:last|this|next) (?:week|month|year|night)"
    r"|recently|yesterday|today|tonight|(?:last |on )?(?:mon|tues|wednes|thurs|fri|satur|sun)day"
    r"|(?:in|last|early|late) (?:january|february|march|april|may|june|july|august|september|october|november|december)"
    r"|(?:in|last) (?:19|20)\d\d)\b",
    re.I,
)
_PREPOSITIONS = ("on ", "in ", "last ", "earlier ", "this ")


def attach_time(article: Article, doc: Doc, statements: list[Statement]) -> list[Statement]:
    """Set `said_at_text`, `said_at_span` and `said_at` on each statement."""
    # Read once: spaCy builds `doc.ents` afresh on every read, by walking the whole doc.
    dates = [ent for ent in doc.ents if ent.label_ in ("DATE", "TIME")]
    for statement in statements:
        expression = _time_expression(article, dates, statement)
        if expression is not None:
            statement.said_at_span = expression
            statement.said_at_text = expression.text
            statement.said_at = resolve_time(expression.text, article.published_at)
        elif article.published_at is not None:
            statement.said_at = article.published_at.isoformat()
    return statements


def _candidates(article: Article, dates: list[SpacySpan], start: int, end: int) -> list[tuple[int, int]]:
    spans = []
    for ent in dates:
        if start <= ent.start_char and ent.end_char <= end:
            if _RELATIVE.search(ent.text) or re.search(r"\b(19|20)\d\d\b", ent.text):
                spans.append(_with_preposition(article.text, ent.start_char, ent.end_char))
    for match in _RELATIVE.finditer(article.text, start, end):
        spans.append((match.start(), match.end()))
    return spans


def _with_preposition(text: str, start: int, end: int) -> tuple[int, int]:
    for prep in _PREPOSITIONS:
        if text[max(0, start - len(prep)) : start].lower() == prep:
            return start - len(prep), end
    return start, end


def _time_expression(article: Article, dates: list[SpacySpan], statement: Statement) -> Span | None:
    sentence = statement.sentence
    if sentence is None:
        return None
    content = statement.content
    anchor = statement.cue.start if statement.cue else content.start
    best = None
    for start, end in _candidates(article, dates, sentence.start, sentence.end):
        if content.start <= start < content.end or content.start < end <= content.end:
            continue
        distance = abs(start - anchor)
        if best is None or distance < best[0] or (distance == best[0] and end - start > best[2] - best[1]):
            best = (distance, start, end)
    if best is None:
        return None
    _, start, end = best
    return Span(start, end, article.text[start:end])


def _interval(first: date, last: date) -> str:
    return first.isoformat() if first == last else f"{first.isoformat()}/{last.isoformat()}"


def _month(year: int, month: int) -> str:
    return _interval(date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1]))


def resolve_time(expression: str, published: date | None) -> str | None:
    """An ISO date or interval for `expression`, said in an article of `published`.

    >>> resolve_time("on Friday", date(2022, 11, 7))
    '2022-11-04'
    >>> resolve_time("in October", date(2022, 11, 7))
    '2022-10-01/2022-10-31'
    """
    text = expression.lower()
    year = re.search(r"\b((?:19|20)\d\d)\b", text)
    month = next((m for name, m in _MONTHS.items() if re.search(rf"\b{name}\b", text)), None)
    if year and month:
        return _month(int(year.group(1)), month)
    if year:
        y = int(year.group(1))
        return _interval(date(y, 1, 1), date(y, 12, 31))
    if published is None:
        return None
    if month:
        y = published.year if month <= published.month else published.year - 1
        return _month(y, month)
    weekday = next((d for name, d in _WEEKDAYS.items() if name in text), None)
    if weekday is not None:
        back = (published.weekday() - weekday) % 7
        if "last" in text and back == 0:
            back = 7
        return (published - timedelta(days=back)).isoformat()
    monday = published - timedelta(days=published.weekday())
    if "yesterday" in text:
        return (published - timedelta(days=1)).isoformat()
    if "today" in text or "tonight" in text:
        return published.isoformat()
    if "week" in text:
        if "last" in text:
            return _interval(monday - timedelta(days=7), monday - timedelta(days=1))
        return _interval(monday, published)
    if "month" in text:
        if "last" in text:
            last_month_end = published.replace(day=1) - timedelta(days=1)
            return _month(last_month_end.year, last_month_end.month)
        return _interval(published.replace(day=1), published)
    if "year" in text:
        y = published.year - 1 if "last" in text else published.year
        return _interval(date(y, 1, 1), date(y, 12, 31) if "last" in text else published)
    if "recently" in text:
        return _interval(published - timedelta(days=30), published)
    return None
