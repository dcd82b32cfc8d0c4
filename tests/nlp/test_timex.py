from datetime import date

from claimledger.nlp.timex import resolve_time


def test_resolve_time_weekday_before_publication():
    assert resolve_time("on Friday", date(2022, 11, 7)) == "2022-11-04"


def test_resolve_time_month_interval_in_past():
    assert resolve_time("in October", date(2022, 11, 7)) == "2022-10-01/2022-10-31"
    assert resolve_time("in December", date(2022, 11, 7)) == "2021-12-01/2021-12-31"


def test_resolve_time_relative_weeks_and_years():
    assert resolve_time("last week", date(2022, 11, 9)) == "2022-10-31/2022-11-06"
    assert resolve_time("last year", date(2022, 11, 9)) == "2021-01-01/2021-12-31"


def test_resolve_time_without_publication_date_keeps_only_absolute():
    assert resolve_time("on Friday", None) is None
    assert resolve_time("in March 2021", None) == "2021-03-01/2021-03-31"


def test_attach_time_dates_statement_from_article(analyse):
    parsed = analyse("Title\nOrtega said on Friday that the river was safe.\n", published_at=date(2025, 3, 12))
    (statement,) = parsed.statements
    assert statement.said_at == "2025-03-07"
    assert statement.said_at_text == "on Friday"
