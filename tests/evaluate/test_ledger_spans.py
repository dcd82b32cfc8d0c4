"""Scoring a ledger export against PolNeAR, as the independent scorer does."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

from claimledger.evaluate.attributions import export_span, statements_to_relations
from claimledger.evaluate.ledger_spans import score_export
from claimledger.evaluate.polnear import load_polnear
from claimledger.records import Span, Statement

TEXT = "“The river is safe,” Ortega said, “and the plant is clean.”\nCritics disagreed.\n"


def _at(needle: str) -> tuple[int, int]:
    start = TEXT.index(needle)
    return start, start + len(needle)


def _compartment(root: Path, chrome: str = "") -> Path:
    """A compartment of one text; `chrome` is a first line the cleaner takes out."""
    (root / "text").mkdir(parents=True)
    (root / "attributions").mkdir()
    (root / "text" / "harbor.txt").write_text(chrome + TEXT, encoding="utf-8")

    def at(needle: str) -> tuple[int, int]:
        start, end = _at(needle)
        return start + len(chrome), end + len(chrome)

    source, cue = at("Ortega"), at("said")
    first, second = at("“The river is safe,”"), at("“and the plant is clean.”")
    lines = [
        f"T1\tSource {source[0]} {source[1]}\tOrtega",
        f"T2\tCue {cue[0]} {cue[1]}\tsaid",
        f"T3\tContent {first[0]} {first[1]}\t“The river is safe,”",
        f"T4\tContent {second[0]} {second[1]}\t“and the plant is clean.”",
        "E1\tAttribution:T2 Content:T3 Cue:T2 Source:T1 Content2:T4",
    ]
    (root / "attributions" / "harbor_ab12.ann").write_text("\n".join(lines) + "\n", encoding="utf-8")
    # A second annotator's file, which sorts after the first: not the one scored.
    (root / "attributions" / "harbor_cd34.ann").write_text("", encoding="utf-8")
    return root


def _export(**content: object) -> dict:
    start, end = _at("The river")[0], _at("clean.")[1]
    statement = {
        "id": "s1", "article_id": "a1",
        "speaker_start": _at("Ortega")[0], "speaker_end": _at("Ortega")[1],
        "cue_start": _at("said")[0], "cue_end": _at("said")[1],
        "content_start": start, "content_end": end, **content,
    }
    return {"articles": [{"id": "a1", "source": "/somewhere/harbor.txt", "text": TEXT}], "statements": [statement]}


def test_content2_is_a_piece_of_the_content(tmp_path):
    first, *_ = load_polnear(_compartment(tmp_path))
    (relation,) = first.relations
    assert relation.content == (_at("“The river is safe,”"), _at("“and the plant is clean.”"))
    assert first.text_name == "harbor"


def test_fragments_are_scored_piece_by_piece(tmp_path):
    annotated = load_polnear(_compartment(tmp_path))
    pieces = [list(_at("The river is safe")), list(_at("and the plant is clean"))]
    scores = score_export(_export(content_fragments=pieces), annotated)
    # quotation marks and commas around a piece do not count
    assert scores.exact["content"].tp == 2 and scores.exact["content"].f1 == 1.0
    assert scores.exact["source"].f1 == scores.exact["cue"].f1 == 1.0
    assert scores.relations.tp == 1 and scores.texts == 1
    # The whole stretch, "Ortega said" and all, is not the quote.
    whole = score_export(_export(), annotated)
    assert whole.exact["content"].tp == 0
    assert whole.overlap["content"].tp == 1  # it covers the longer piece
    assert whole.relations.tp == 1


def test_a_text_missing_from_the_export_counts_as_all_misses(tmp_path):
    annotated = load_polnear(_compartment(tmp_path))
    scores = score_export({"articles": [], "statements": []}, annotated)
    assert scores.missing == 1 and scores.exact["source"].gold == 1 and scores.exact["source"].recall == 0.0


def test_offsets_into_a_cleaned_text_are_carried_to_the_file(tmp_path):
    # The file has a line of chrome the cleaner took out: the export's offsets are the cleaned text's.
    annotated = load_polnear(_compartment(tmp_path, chrome="Share this article\n"))
    export = _export(content_fragments=[list(_at("The river is safe")), list(_at("and the plant is clean"))])
    scores = score_export(export, annotated)
    assert scores.exact["content"].tp == 2 and scores.exact["source"].tp == 1 and scores.exact["cue"].tp == 1


def test_statements_are_read_by_their_pieces():
    statement = Statement(
        id="s", article_id="a", content=Span(1, 57, TEXT[1:57]), kind="direct",
        content_fragments=(_at("The river is safe"), _at("and the plant is clean")),
    )
    (relation,) = statements_to_relations([statement])
    assert relation.content == statement.content_fragments and relation.cue == () and relation.source == ()
    assert export_span({"content_start": 1, "content_end": 5, "content_fragments": [[1, 2], [3, 5]]}, "content") == (
        (1, 2), (3, 5),
    )
    assert export_span({"cue_start": None, "cue_end": None}, "cue") == ()


def _independent_scorer(shared_dir: Path):
    path = shared_dir / "eval" / "score_polnear.py"
    if not path.exists():
        pytest.skip(f"{path} is not available")
    spec = importlib.util.spec_from_file_location("score_polnear", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_agrees_with_the_independent_scorer(shared_dir: Path, small_polnear: Path):
    """Gold spans shifted and cut about, as an extractor errs, give the same figures from both."""
    scorer = _independent_scorer(shared_dir)
    folder = small_polnear / "dev"
    annotated = load_polnear(folder)
    export: dict = {"articles": [], "statements": []}
    for k, a in enumerate(a for a in annotated if a.name.startswith(a.text_name)):
        export["articles"].append({"id": f"a{k}", "source": f"x/{a.text_name}.txt", "text": a.text})
        for j, r in enumerate(a.relations):
            row: dict = {"id": f"s{k}-{j}", "article_id": f"a{k}"}
            for role, field in (("source", "speaker"), ("cue", "cue"), ("content", "content")):
                pieces = [[s + (j % 3 == 0), e] for s, e in r.role(role)]  # every third one starts late
                if pieces:
                    row[f"{field}_start"], row[f"{field}_end"] = pieces[0][0], pieces[-1][1]
                    if len(pieces) > 1 and j % 2:
                        row[f"{field}_fragments"] = pieces
            export["statements"].append(row)
    ours = score_export(export, annotated)
    theirs = scorer.score(json.loads(json.dumps(export)), str(folder))
    for role in ("source", "cue", "content"):
        for kind in ("exact", "overlap"):
            mine, other = getattr(ours, kind)[role], theirs[role][kind]
            assert (mine.tp, mine.predicted, mine.gold) == (other["matched"], other["predicted"], other["gold"]), (
                role, kind,
            )
    assert (ours.relations.tp, ours.relations.predicted, ours.relations.gold) == (
        theirs["relations"]["matched"], theirs["relations"]["predicted"], theirs["relations"]["gold"],
    )
