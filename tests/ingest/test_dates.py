"""Tests for claimledger.ingest.dates."""

from __future__ import annotations

from datetime import date

import pytest

from claimledger.ingest.dates import header_date, parse_iso_date


@pytest.mark.parametrize(
    "value", ["2022-11-05", "2022-11-05T10:00:00Z", "2022-11-05T23:30:00+03:00", " 2022-11-05 "]
)
def test_parse_iso_date_accepts_dates_and_datetimes(value):
    assert parse_iso_date(value) == date(2022, 11, 5)


@pytest.mark.parametrize("value", ["05/11/2022", "last Tuesday", "", "2022-13-01"])
def test_parse_iso_date_rejects_other_forms(value):
    with pytest.raises(ValueError):
        parse_iso_date(value)


@pytest.mark.parametrize(
    "line",
    ["5 November 2022", "November 5, 2022 10:04 GMT", "Published: 2022-11-05", "05.11.2022 | 14:00", "Nov. 5th, 2022"],
)
def test_header_date_reads_short_date_lines(line):
    assert header_date(["Headline", line, "Body."]) == date(2022, 11, 5)


def test_header_date_ignores_dates_in_sentences_and_in_the_title():
    lines = [
        "Talks of 5 November 2022 collapse",
        "In March 2021 the talks stalled, and on 5 November 2022 they collapsed for good, officials said.",
    ]
    assert header_date(lines) is None


def test_header_date_looks_only_near_the_top():
    assert header_date(["Headline"] + ["Body sentence."] * 10 + ["5 November 2022"]) is None
