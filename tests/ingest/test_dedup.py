"""Tests for claimledger.ingest.dedup: syndicated copies linked, different articles not."""

from __future__ import annotations

from dataclasses import replace

import pytest

from claimledger.ingest import DuplicateIndex, read_inputs
from claimledger.ingest.dedup import shingles
from claimledger.ingest.text import article_from_text
from claimledger.records import Article

WIRE = """\
Iran admits sending drones to Russia before the war
The Iranian foreign minister said on Saturday that his country had supplied Russia with a limited number of drones months before the war in Ukraine began.
Speaking to reporters in Tehran, the minister insisted that no drones had been sent since the invasion and said Iran was ready to examine any evidence to the contrary.
If it is proven that Iranian drones have been used in the war, he said, Tehran would not remain indifferent to the matter.
Ukrainian officials dismissed the remarks, saying their air defences were shooting down at least ten Iranian-made drones every day.
The Ukrainian president accused Tehran of lying about the number of drones it had sold and called for new sanctions against the suppliers.
Western governments have imposed sanctions on several Iranian military figures and on a manufacturer over the deliveries.
The United States said Iran had military personnel in occupied Ukraine helping Russian forces to operate the drones.
Iran has repeatedly rejected that claim and says it remains neutral in the conflict between the two countries.
Diplomats said the question would be raised again when European foreign ministers meet in Brussels next week.
"""

OTHER = """\
US asks Iran to stop selling combat drones to Russia
The United States is pushing Iran to stop selling combat drones to Russia as part of talks on a broader understanding between Washington and Tehran.
The newspaper said the discussions had taken place alongside negotiations on a prisoner exchange deal last week.
Both Iran and Russia have repeatedly denied claims that Tehran has provided Moscow with drones to be used in the Ukraine war.
The Iranian foreign minister said in November that a limited number of drones had been sent months before the war.
He added that Tehran would not be indifferent if it were proven that Russia had used Iranian drones in Ukraine.
"""


def article(text: str, source: str) -> Article:
    return article_from_text(text, source)


def syndicated_copy(text: str) -> str:
    lines = text.splitlines(keepends=True)
    lines[0] = "Tehran concedes drone deliveries to Moscow, minister says\n"
    return "".join(lines) + "This article was republished from Example Wire. All rights reserved by its authors.\n"


def test_duplicate_index_links_a_syndicated_copy():
    index = DuplicateIndex()
    original = article(WIRE, "wire.txt")
    copy = article(syndicated_copy(WIRE), "copy.txt")
    assert copy.id != original.id
    assert index.add(original) is None
    assert index.add(copy) == original.id
    assert len(index) == 1  # the copy is not indexed: its original stands for it


def test_duplicate_index_keeps_different_articles_on_one_story_apart():
    index = DuplicateIndex()
    assert index.add(article(WIRE, "wire.txt")) is None
    assert index.add(article(OTHER, "other.txt")) is None
    assert len(index) == 2


def test_duplicate_index_keeps_the_seed_articles_apart(seeds_dir):
    index = DuplicateIndex()
    articles = [item for item in read_inputs([str(seeds_dir)]) if isinstance(item, Article)]
    assert len(articles) == 5
    assert [index.add(a) for a in articles] == [None] * 5


def test_duplicate_index_from_articles_rebuilds_and_skips_known_copies():
    original = article(WIRE, "wire.txt")
    marked_copy = replace(article(syndicated_copy(WIRE), "copy.txt"), duplicate_of=original.id)
    index = DuplicateIndex.from_articles([original, marked_copy, article(OTHER, "other.txt")])
    assert len(index) == 2 and original.id in index and marked_copy.id not in index
    another_copy = article(syndicated_copy(WIRE).replace("Brussels", "Luxembourg"), "copy2.txt")
    assert index.add(another_copy) == original.id


def test_duplicate_index_same_article_twice_is_not_its_own_copy():
    index = DuplicateIndex()
    original = article(WIRE, "wire.txt")
    assert index.add(original) is None
    assert index.add(replace(original, source="again.txt")) is None
    assert len(index) == 1


def test_duplicate_index_find_does_not_index():
    index = DuplicateIndex()
    original = article(WIRE, "wire.txt")
    assert index.find(original) is None
    assert len(index) == 0


def test_duplicate_index_is_deterministic():
    originals = [article(WIRE, "wire.txt"), article(OTHER, "other.txt")]
    copies = [article(syndicated_copy(text), f"copy{n}.txt") for n, text in enumerate((WIRE, OTHER))]
    runs = []
    for _ in range(2):
        index = DuplicateIndex()
        runs.append([index.add(a) for a in originals + copies])
    assert runs[0] == runs[1] == [None, None, originals[0].id, originals[1].id]


def test_shingles_are_normalised_word_ngrams():
    assert shingles("One, two THREE four five six", size=5) == {"one two three four five", "two three four five six"}
    assert shingles("Too short", size=5) == {"too short"}
    assert shingles("", size=5) == set()


def test_duplicate_index_from_kept_sketches_finds_what_the_texts_find():
    originals = [article(WIRE, "wire.txt"), article(OTHER, "other.txt")]
    from_texts = DuplicateIndex.from_articles(originals)
    kept = [(a.id, from_texts.sketch(a.id)) for a in originals]  # as a ledger keeps them
    from_sketches = DuplicateIndex()
    for article_id, sketch in kept:
        from_sketches.insert(article_id, sketch)
    assert from_sketches.kind == from_texts.kind and len(from_sketches) == 2
    for copy in (article(syndicated_copy(WIRE), "copy.txt"), article(syndicated_copy(OTHER), "copy2.txt")):
        assert from_sketches.find(copy) == from_texts.find(copy) is not None
    assert [from_sketches.sketch(i) for i, _ in kept] == [sketch for _, sketch in kept]


def test_duplicate_index_kind_names_what_sketches_depend_on():
    assert DuplicateIndex().kind == DuplicateIndex(threshold=0.9).kind  # the threshold is for matching only
    assert DuplicateIndex(shingle_size=4).kind != DuplicateIndex().kind
    assert DuplicateIndex(num_perm=64).kind != DuplicateIndex().kind
    assert DuplicateIndex(seed=2).kind != DuplicateIndex().kind


def test_duplicate_index_refuses_bytes_that_are_no_sketch_of_its_kind():
    index = DuplicateIndex.from_articles([article(WIRE, "wire.txt")])
    sketch = index.sketch(article(WIRE, "wire.txt").id)
    with pytest.raises(ValueError, match="unreadable sketch"):
        DuplicateIndex().insert("a", b"\x00damaged")
    smaller = DuplicateIndex(num_perm=64)
    smaller.insert("b", text=WIRE)
    with pytest.raises(ValueError, match="64 permutations"):
        DuplicateIndex().insert("a", smaller.sketch("b"))
    DuplicateIndex().insert("a", sketch)  # the same kind: taken
