"""An analysis brought up to date after adding articles, against clustering everything again.

Adding articles to a ledger keeps its general propositions and places only the
new claims (`claims.analyze_claims`, `ClaimUnit`). These tests compare that
with a rebuild on real inputs: the demo story and PolNeAR texts, with the
rule extractor so that they do not move when the tagger is retrained.
"""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

import claimledger.claims
from claimledger.pipeline import analyze, duplicate_index
from claimledger.records import ClaimUnit
from claimledger.store import Ledger, ledger_to_dict

ANALYSIS = ("entities", "statements", "propositions", "stances", "positions", "contradictions", "framing")


def _export(db: Path) -> dict:
    with Ledger.open(db) as ledger:
        doc = ledger_to_dict(ledger)
    for article in doc["articles"]:
        del article["source"]  # the same texts, read from different folders
    return doc


def _units(db: Path) -> list[ClaimUnit]:
    with Ledger.open(db) as ledger:
        return ledger.claim_units()


def _groups(units: list[ClaimUnit]) -> dict[tuple[str, int, int], frozenset]:
    """Each claim → the claims that share its general proposition."""
    members: dict[str, set] = {}
    for unit in units:
        members.setdefault(unit.proposition_id, set()).add((unit.statement_id, unit.start, unit.end))
    return {claim: frozenset(group) for group in members.values() for claim in group}


@pytest.fixture(scope="module")
def polnear_grown(polnear_dir: Path, tmp_path_factory) -> tuple[Path, list[ClaimUnit]]:
    """Twenty PolNeAR texts analysed, then a twenty-first added: the grown ledger
    and the claim units before the addition."""
    texts = sorted((polnear_dir / "train" / "text").glob("*.txt"))[:21]
    root = tmp_path_factory.mktemp("grown")
    for folder, chosen in (("old", texts[:20]), ("new", texts[20:])):
        (root / folder).mkdir()
        for text in chosen:
            shutil.copy(text, root / folder)
    db = root / "grown.db"
    analyze([str(root / "old")], str(db), attribution="rules")
    before = _units(db)
    analyze([str(root / "new")], str(db), attribution="rules")
    return db, before


def test_new_claims_are_placed_and_earlier_ones_keep_their_propositions(polnear_grown):
    db, before = polnear_grown
    after = _units(db)
    earlier = {(u.statement_id, u.start, u.end) for u in before}
    new = [u for u in after if (u.statement_id, u.start, u.end) not in earlier]
    assert not any(u.assigned for u in before)
    assert new and all(u.assigned for u in new)
    assert all(not u.assigned for u in after if (u.statement_id, u.start, u.end) in earlier)
    # Claims that shared a general proposition still do, and none split off.
    old_groups, new_groups = _groups(before), _groups(after)
    assert all(old_groups[claim] <= new_groups[claim] for claim in old_groups)


def test_placing_new_claims_gives_what_clustering_everything_gives_on_these_texts(polnear_grown, tmp_path: Path):
    """Placing can differ from clustering everything again (see assign_propositions); on
    these texts it does not, and everything after the grouping is the same."""
    grown, _ = polnear_grown
    reclustered = tmp_path / "reclustered.db"
    shutil.copy(grown, reclustered)
    summary = analyze([], str(reclustered), attribution="rules", recluster=True)
    assert summary.added == 0
    assert not any(u.assigned for u in _units(reclustered))
    assert _groups(_units(grown)) == _groups(_units(reclustered))
    a, b = _export(grown), _export(reclustered)
    for table in ANALYSIS:
        assert a[table] == b[table], table


def test_recluster_gives_what_a_rebuild_gives(tmp_path: Path, examples_dir: Path, monkeypatch):
    story = examples_dir / "harbor-story"
    first_three = tmp_path / "three"
    shutil.copytree(story, first_three, ignore=shutil.ignore_patterns("04-*"))
    grown, rebuilt = tmp_path / "grown.db", tmp_path / "rebuilt.db"
    analyze([str(first_three)], str(grown), attribution="rules")
    with monkeypatch.context() as patch:
        patch.setattr(claimledger.claims, "MAX_ASSIGNED", 1.0)  # place the fourth article's claims, however many
        analyze([str(story)], str(grown), attribution="rules")
    assert any(u.assigned for u in _units(grown))
    analyze([str(story)], str(grown), attribution="rules", recluster=True)
    analyze([str(story)], str(rebuilt), attribution="rules")
    assert not any(u.assigned for u in _units(grown))
    a, b = _export(grown), _export(rebuilt)
    for table in ("articles", *ANALYSIS):
        assert a[table] == b[table], table


def test_claims_beyond_the_bound_are_clustered_afresh(tmp_path: Path, examples_dir: Path):
    """The demo story's fourth article brings far more than MAX_ASSIGNED of the claims."""
    story = examples_dir / "harbor-story"
    first_three = tmp_path / "three"
    shutil.copytree(story, first_three, ignore=shutil.ignore_patterns("04-*"))
    db = tmp_path / "grown.db"
    analyze([str(first_three)], str(db), attribution="rules")
    before = len(_units(db))
    analyze([str(story)], str(db), attribution="rules")
    after = _units(db)
    assert len(after) - before > claimledger.claims.MAX_ASSIGNED * len(after)
    assert not any(u.assigned for u in after)


def test_a_ledger_grouped_otherwise_is_clustered_afresh(tmp_path: Path, examples_dir: Path, monkeypatch):
    """Claims grouped under another encoder, threshold or version are not built on."""
    story = examples_dir / "harbor-story"
    first_three = tmp_path / "three"
    shutil.copytree(story, first_three, ignore=shutil.ignore_patterns("04-*"))
    db = tmp_path / "grown.db"
    analyze([str(first_three)], str(db), attribution="rules")
    with Ledger.open(db) as ledger:
        grouped = ledger.clustering()
    assert grouped and "threshold=0.6" in grouped
    monkeypatch.setattr(claimledger.claims, "MAX_ASSIGNED", 1.0)  # placing would be allowed, however many
    monkeypatch.setattr(claimledger.claims, "GROUPING_VERSION", claimledger.claims.GROUPING_VERSION + 1)
    summary = analyze([str(story)], str(db), attribution="rules")
    assert summary.regrouped_from == grouped  # said, so that a long run after an upgrade is no surprise
    assert not any(u.assigned for u in _units(db))
    with Ledger.open(db) as ledger:
        assert ledger.clustering() != grouped
    assert analyze([str(story)], str(db), attribution="rules", recluster=True).regrouped_from is None


def test_copies_among_new_articles_are_found_from_the_kept_sketches(tmp_path: Path, examples_dir: Path):
    story = examples_dir / "harbor-story"
    db = tmp_path / "story.db"
    analyze([str(story)], str(db), attribution="rules")
    with Ledger.open(db) as ledger:
        originals = [a.id for a in ledger.iter_articles() if a.duplicate_of is None]
        kind = duplicate_index(ledger).kind
        kept = {article_id: sketch for article_id, sketch, _ in ledger.iter_sketches(kind)}
    assert len(originals) == 4 and all(kept[i] is not None for i in originals)

    # A ledger that kept none (written before sketches were) gets them back on its next run.
    with sqlite3.connect(db) as conn:
        conn.execute("DELETE FROM sketches")
    first = sorted(story.glob("*.txt"))[0]
    copy = tmp_path / "new" / "syndicated.txt"
    copy.parent.mkdir()
    copy.write_text(first.read_text(encoding="utf-8") + "\nThis story first appeared on Example Wire.\n")
    summary = analyze([str(copy.parent)], str(db), attribution="rules")
    assert summary.duplicates == 1 and summary.added == 1 and summary.regrouped_from is None
    with Ledger.open(db) as ledger:
        again = {article_id: sketch for article_id, sketch, _ in ledger.iter_sketches(kind)}
        linked = [a.duplicate_of for a in ledger.iter_articles() if a.source.endswith("syndicated.txt")]
    assert again == kept  # the copy has no sketch of its own: its original stands for it
    assert linked and linked[0] in originals

    # A damaged sketch is made again from its article's text.
    with sqlite3.connect(db) as conn:
        conn.execute("UPDATE sketches SET sketch = ? WHERE article_id = ?", (b"\x00damaged", originals[0]))
    analyze([str(copy.parent)], str(db), attribution="rules")
    with Ledger.open(db) as ledger:
        assert {article_id: sketch for article_id, sketch, _ in ledger.iter_sketches(kind)} == kept


def test_cli_says_when_every_claim_was_grouped_afresh(tmp_path: Path, examples_dir: Path):
    from typer.testing import CliRunner

    from claimledger.cli import app

    story = sorted((examples_dir / "harbor-story").glob("*.txt"))
    db = tmp_path / "story.db"
    first = CliRunner().invoke(app, ["analyze", str(story[0]), "--db", str(db), "--attribution", "rules"])
    assert first.exit_code == 0 and "afresh" not in first.stderr
    with sqlite3.connect(db) as conn:  # as if an older claimledger had grouped them, and not said how
        conn.execute("DELETE FROM meta WHERE key = 'clustering'")
    second = CliRunner().invoke(app, ["analyze", str(story[1]), "--db", str(db), "--attribution", "rules"])
    assert second.exit_code == 0
    assert "every claim was grouped into propositions afresh" in second.stderr
    assert "by a claimledger that did not record how" in second.stderr
