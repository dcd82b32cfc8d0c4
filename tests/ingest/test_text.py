"""Tests for claimledger.ingest.text: plain text to an Article."""

from __future__ import annotations

from datetime import date

import pytest

from claimledger.errors import InputError
from claimledger.ingest import read_inputs
from claimledger.ingest.clean import split_lines
from claimledger.ingest.text import article_from_text, first_line, guess_outlet, with_title
from claimledger.records import Article, SkippedInput, article_id

RAW = (
    "Minister denies drone sales\n"
    "\n"
    "Abone Ol\n"
    "\n"
    "The minister said on Saturday that no drones had been sold.\n"
    "\n"
    "Officials in Washington disagreed.\n"
)


def test_article_from_text_keeps_title_line_and_blank_lines():
    article = article_from_text(RAW, "story.txt")
    assert article.text == RAW.replace("Abone Ol\n", "")
    assert article.title == "Minister denies drone sales"
    assert article.id == article_id(article.text)
    assert article.source == "story.txt"
    assert article.source_kind == "text"
    assert [(r.line_no, r.text) for r in article.removed_boilerplate] == [(2, "Abone Ol")]


def test_article_from_text_offsets_map_back_to_the_file(tmp_path):
    path = tmp_path / "story.txt"
    path.write_text(RAW, encoding="utf-8")
    (article,) = read_inputs([str(path)])
    gone = {r.line_no for r in article.removed_boilerplate}
    assert article.text == "".join(line for n, line in enumerate(split_lines(RAW)) if n not in gone)
    start = article.text.index("no drones")
    assert article.text[start : start + 9] in RAW


def test_article_from_text_metadata_wins_over_the_text():
    article = article_from_text(
        RAW, "x.txt", title="Given", outlet="Example Wire", published_at=date(2022, 11, 5), date_source="jsonl"
    )
    assert (article.title, article.outlet, article.published_at, article.date_source) == (
        "Given",
        "Example Wire",
        date(2022, 11, 5),
        "jsonl",
    )


def test_article_from_text_reads_a_date_line_under_the_title():
    article = article_from_text("Talks resume\nPublished 5 November 2022, 10:04\nThe talks resumed.\n", "x.txt")
    assert (article.published_at, article.date_source) == (date(2022, 11, 5), "text")


def test_article_from_text_without_date_has_no_date_source():
    article = article_from_text("Talks resume\nThe talks resumed.\n", "x.txt", date_source="html")
    assert (article.published_at, article.date_source) == (None, None)


def test_article_from_text_all_chrome_is_e007():
    with pytest.raises(InputError) as caught:
        article_from_text("Subscribe\n\nBack to top\n", "chrome.txt")
    assert caught.value.code == "E007"
    assert "chrome.txt" in str(caught.value)


def test_read_inputs_text_file_all_chrome_is_skipped(tmp_path):
    path = tmp_path / "chrome.txt"
    path.write_text("Subscribe\nShare\n", encoding="utf-8")
    (item,) = read_inputs([str(path)])
    assert item == SkippedInput(str(path), f"E007 cannot read {path}: no article text left after removing site chrome.", "E007")


def test_guess_outlet_from_staff_line():
    article = article_from_text(
        "Envoy warns\nThe envoy warned of complicity.\nThe All Israel News Staff is a team of journalists in Israel.\n",
        "x.txt",
    )
    assert article.outlet == "All Israel News"


def test_guess_outlet_from_title_suffix_when_headline_repeats():
    text = "Talks stall - Example Times\n\nTalks stall\n\nThe talks stalled on Monday.\n"
    assert guess_outlet(text) == "Example Times"


def test_guess_outlet_not_from_a_suffix_alone():
    assert guess_outlet("Talks stall - Analysis\nThe talks stalled on Monday.\n") is None


def test_first_line_and_with_title():
    assert first_line("\n  \n  Headline  \nBody") == "Headline"
    assert first_line(" \n") is None
    assert with_title("Headline", "Body.") == "Headline\nBody."
    assert with_title("Headline", "Headline\nBody.") == "Headline\nBody."
    assert with_title(None, "Body.") == "Body."


def test_read_inputs_text_title_is_first_nonempty_line(tmp_path):
    path = tmp_path / "story.md"
    path.write_text("\n\n# Heading\nBody sentence.\n", encoding="utf-8")
    (article,) = read_inputs([str(path)])
    assert isinstance(article, Article)
    assert article.title == "# Heading"
    assert article.text == "\n\n# Heading\nBody sentence.\n"
