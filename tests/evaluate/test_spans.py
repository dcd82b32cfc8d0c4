"""Tests for claimledger.evaluate._spans: finding annotated strings in text."""

from __future__ import annotations

from claimledger.evaluate._spans import alias_key, contains_word, locate, normalise, overlap


def test_locate_exact():
    text = "Officials said the river was clean."
    assert locate(text, "the river was clean") == (15, 34)


def test_locate_normalises_quotes_and_whitespace():
    text = "She said \u201cwe\u2019re  fine\u201d today."
    start, end = locate(text, 'said "we\'re fine"')
    assert text[start:end] == "said \u201cwe\u2019re  fine\u201d"


def test_locate_fuzzy_when_most_of_it_is_there():
    text = "The mayor said the plant leaked solvent into the river last spring."
    start, end = locate(text, "the plant leaked solvents into the river")
    assert text[start:end].startswith("the plant leaked solvent")


def test_locate_gives_none_when_too_little_is_there():
    assert locate("Nothing to see here.", "the plant leaked solvent into the river") is None
    assert locate("anything", "   ") is None


def test_locate_repeat_nearest_cue_and_whole_word():
    text = "It was with it that they came. Iran denies it, but it is so."
    start, end = locate(text, "it", near=["denies", "Iran"])
    assert (start, end) == (43, 45)


def test_locate_speaker_anchor_needs_whole_words():
    # "he" inside "the" must not pull the match to the first sentence.
    text = "the claim was made. Later he said so: the claim was made."
    start, _ = locate(text, "the claim was made", near=["said", "he"])
    assert start == text.rindex("the claim")


def test_alias_key_and_contains_word():
    assert alias_key("The Iranian  foreign minister") == "iranian foreign minister"
    assert alias_key("Iran\u2019s Foreign Minister") == "iran's foreign minister"
    assert contains_word(normalise("Malley told CNN"), "malley")
    assert not contains_word(normalise("Malleyson told CNN"), "malley")


def test_overlap():
    assert overlap((0, 10), (5, 20)) == 5
    assert overlap((0, 5), (5, 9)) == 0
