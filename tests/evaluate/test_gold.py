"""Tests for claimledger.evaluate.gold: exports built from the seeds gold itself.

The seed texts are read at test time from shared/ (fixtures `seeds_dir`,
`seeds_gold`); nothing of them is copied into the project.
"""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest
from rich.table import Table

from claimledger.errors import InputError
from claimledger.evaluate import format_scores, load_gold, score_gold
from claimledger.evaluate._spans import locate
from claimledger.evaluate.gold import (
    MappedProposition,
    check_export,
    gold_statement_stances,
    is_apparent,
    map_propositions,
)
from claimledger.evaluate.metrics import Count


def _clean(raw: str, boilerplate: list[str]) -> str:
    chrome = {b.strip() for b in boilerplate}
    return "\n".join(line for line in raw.split("\n") if line.strip() not in chrome)


def _perfect_export(seeds_dir: Path, gold: dict) -> dict:
    """The ledger a perfect pipeline would export for the seeds."""
    articles, texts = [], {}
    for i, a in enumerate(gold["articles"]):
        key = a["file"][:3]
        text = _clean((seeds_dir / a["file"]).read_text(encoding="utf-8"), a["boilerplate"])
        texts[key] = text
        articles.append({
            "id": f"A{i}", "source": str(seeds_dir / a["file"]), "outlet": a["outlet"],
            "title": a["title"], "published_at": None, "text": text, "duplicate_of": None,
        })
    entities = [
        {"id": f"E-{g['id']}", "type": g["type"], "name": g["name"],
         "aliases": list(g["aliases"]), "roles": list(g["roles"])}
        for g in gold["entities"]
    ]
    statements = []
    for s in gold["statements"]:
        start, end = locate(texts[s["article"]], s["content"], near=[s["cue"] or "", s["speaker_text"] or ""])
        statements.append({
            "id": f"p{s['id']}", "article_id": f"A{int(s['article'])}",
            "speaker_entity_id": f"E-{s['speaker']}" if s["speaker"] else None,
            "speaker_text": s["speaker_text"], "speaker_start": None, "speaker_end": None,
            "cue_text": s["cue"], "cue_start": None, "cue_end": None,
            "content_text": texts[s["article"]][start:end], "content_start": start, "content_end": end,
            "kind": s["kind"].replace("-", "_"), "said_at": None, "said_at_text": s["time_text"],
            "confidence": 1.0,
        })
    propositions, stances = [], []
    for p in gold["propositions"]:
        members = sorted({sid for st in p["stances"] for sid in st["statements"]})
        propositions.append(
            {"id": f"Q{p['id']}", "label": p["text"], "statement_ids": [f"p{s}" for s in members]}
        )
        stances += [
            {"statement_id": f"p{sid}", "proposition_id": f"Q{p['id']}", "stance": st["stance"],
             "score": 1.0, "method": "gold"}
            for st in p["stances"] for sid in st["statements"]
        ]
    contradictions = [
        {"kind": c["kind"], "proposition_id": f"Q{c['proposition']}", "statement_a": f"p{c['statement_a']}",
         "statement_b": f"p{c['statement_b']}", "explanation": c["note"], "apparent": is_apparent(c)}
        for c in gold["contradictions"]
    ]
    return {
        "schema": "claimledger/1", "articles": articles, "entities": entities, "statements": statements,
        "propositions": propositions, "stances": stances, "positions": [],
        "contradictions": contradictions, "framing": [],
    }


def _drop_statements(export: dict, keep: set[str]) -> dict:
    out = copy.deepcopy(export)
    out["statements"] = [s for s in out["statements"] if s["id"] in keep]
    for p in out["propositions"]:
        p["statement_ids"] = [s for s in p["statement_ids"] if s in keep]
    out["stances"] = [s for s in out["stances"] if s["statement_id"] in keep]
    out["contradictions"] = [
        c for c in out["contradictions"] if c["statement_a"] in keep and c["statement_b"] in keep
    ]
    return out


def _merge_entities(export: dict, into: str, other: str) -> dict:
    out = copy.deepcopy(export)
    by_id = {e["id"]: e for e in out["entities"]}
    by_id[into]["aliases"] += by_id[other]["aliases"]
    out["entities"] = [e for e in out["entities"] if e["id"] != other]
    for s in out["statements"]:
        if s["speaker_entity_id"] == other:
            s["speaker_entity_id"] = into
    return out


@pytest.fixture(scope="module")
def perfect(seeds_dir: Path, seeds_gold: dict) -> dict:
    return _perfect_export(seeds_dir, seeds_gold)


def _all_ratios(scores) -> dict[str, float]:
    return {
        "boilerplate_removed": scores.boilerplate_removed.ratio,
        "lines_kept": scores.lines_kept.ratio,
        "statements_p": scores.statements.precision,
        "statements_r": scores.statements.recall,
        "speakers": scores.speakers.ratio,
        "variants_merged": scores.variants_merged.ratio,
        "stances_p": scores.stances.precision,
        "stances_r": scores.stances.recall,
        "reversals_p": scores.reversals.precision,
        "reversals_r": scores.reversals.recall,
        "apparent": scores.apparent_flagged.ratio,
        "disputes_p": scores.disputes.precision,
        "disputes_r": scores.disputes.recall,
        "times": scores.time_expressions.ratio,
    }


def test_score_gold_perfect_export_scores_one_everywhere(perfect, seeds_gold):
    scores = score_gold(perfect, seeds_gold)
    assert _all_ratios(scores) == {k: 1.0 for k in _all_ratios(scores)}
    assert scores.wrong_merges == 0
    assert scores.missed_statements == ()
    assert scores.boilerplate_removed.total == 15  # "Abone Ol" stands three times in 002
    assert scores.variants_merged.total >= 8
    assert scores.apparent_flagged.total == 3


def test_score_gold_degraded_export_scores_accordingly(perfect, seeds_gold):
    gold_ids = [s["id"] for s in seeds_gold["statements"]]
    keep = {f"p{sid}" for sid in gold_ids[::2]}
    dropped = _drop_statements(perfect, keep)
    degraded = _merge_entities(dropped, "E-hossein-amir-abdollahian", "E-antony-blinken")
    scores = score_gold(degraded, seeds_gold)

    assert scores.statements.precision == 1.0
    assert scores.statements.recall == pytest.approx(len(keep) / len(gold_ids))
    assert set(scores.missed_statements) == {sid for sid in gold_ids if f"p{sid}" not in keep}
    assert scores.wrong_merges == 1
    # Blinken's statements now sit under the foreign minister's entity; those whose
    # speaker_text is a Blinken alias ("Blinken") still count, the others do not.
    assert 0.8 < scores.speakers.ratio < 1.0
    assert scores.stances.precision < 1.0 and scores.stances.recall < 1.0
    timed = [s for s in seeds_gold["statements"] if s["time_text"]]
    assert scores.time_expressions.hit == sum(f"p{s['id']}" in keep for s in timed)
    reversals = [c for c in seeds_gold["contradictions"] if c["kind"] == "reversal"]
    found = sum(f"p{c['statement_a']}" in keep and f"p{c['statement_b']}" in keep for c in reversals)
    assert scores.reversals.recall == pytest.approx(found / len(reversals))
    assert scores.boilerplate_removed.ratio == 1.0


def test_score_gold_overlapping_spans_match(perfect, seeds_gold):
    shrunk = copy.deepcopy(perfect)
    for s in shrunk["statements"]:
        length = s["content_end"] - s["content_start"]
        if length > 10:
            s["content_start"] += 3
            s["content_end"] -= 3
    scores = score_gold(shrunk, seeds_gold)
    assert scores.statements.f1 == 1.0
    assert scores.speakers.ratio == 1.0


def test_score_gold_speaker_text_alias_counts_without_entity(perfect, seeds_gold):
    export = copy.deepcopy(perfect)
    export["statements"][0]["speaker_entity_id"] = None  # S001, speaker_text "Blinken"
    export["statements"][5]["speaker_entity_id"] = None  # S006, speaker_text is not an alias
    scores = score_gold(export, seeds_gold)
    assert scores.speakers.total - scores.speakers.hit == 1


def test_score_gold_contradiction_order_insensitive_and_apparent_flag(perfect, seeds_gold):
    export = copy.deepcopy(perfect)
    for c in export["contradictions"]:
        c["statement_a"], c["statement_b"] = c["statement_b"], c["statement_a"]
        c.pop("apparent")
    scores = score_gold(export, seeds_gold)
    assert scores.reversals.recall == 1.0 and scores.disputes.recall == 1.0
    assert scores.apparent_flagged.hit == 0


def test_score_gold_cleaning_counts_kept_chrome(perfect, seeds_gold, seeds_dir):
    export = copy.deepcopy(perfect)
    for a in export["articles"]:
        a["text"] = Path(a["source"]).read_text(encoding="utf-8")
    scores = score_gold(export, seeds_gold)
    assert scores.boilerplate_removed.hit == 0
    assert scores.lines_kept.ratio == 1.0


def test_score_gold_without_raw_files_reports_cleaning_as_na(perfect, seeds_gold):
    export = copy.deepcopy(perfect)
    for a in export["articles"]:
        a["source"] = "/nowhere/" + Path(a["source"]).name
    scores = score_gold(export, seeds_gold)
    assert scores.boilerplate_removed is None and scores.lines_kept is None
    assert ("cleaning: boilerplate removed", "n/a", "raw files not readable") in scores.as_rows()
    assert scores.statements.f1 == 1.0


def test_score_gold_raw_texts_argument(perfect, seeds_gold, seeds_dir):
    export = copy.deepcopy(perfect)
    for a in export["articles"]:
        a["source"] = "https://example.org/" + Path(a["source"]).name
    raw = {a["file"]: (seeds_dir / a["file"]).read_text(encoding="utf-8") for a in seeds_gold["articles"]}
    scores = score_gold(export, seeds_gold, raw_texts=raw)
    assert scores.boilerplate_removed.ratio == 1.0 and scores.lines_kept.ratio == 1.0


def test_score_gold_ignores_duplicates_and_foreign_articles(perfect, seeds_gold):
    export = copy.deepcopy(perfect)
    extra = dict(export["articles"][0], id="Z", source="other.txt")
    dup = dict(export["articles"][1], id="D", duplicate_of="A1")
    export["articles"] = [dup, *export["articles"], extra]
    export["statements"].append(dict(export["statements"][0], id="z1", article_id="Z"))
    export["statements"].append(dict(export["statements"][30], id="d1", article_id="D"))
    scores = score_gold(export, seeds_gold)
    assert scores.statements.precision == 1.0 and scores.statements.recall == 1.0


def test_score_gold_no_gold_article_raises_e043(perfect, seeds_gold):
    export = copy.deepcopy(perfect)
    for a in export["articles"]:
        a["source"] = "elsewhere.txt"
    with pytest.raises(InputError) as info:
        score_gold(export, seeds_gold)
    assert info.value.code == "E043"


def test_check_export_wrong_schema_raises_e042():
    with pytest.raises(InputError) as info:
        check_export({"schema": "other/1", "articles": [], "entities": [], "statements": []})
    assert info.value.code == "E042"
    assert "other/1" in str(info.value)


def test_load_gold_errors(tmp_path, shared_dir):
    with pytest.raises(InputError) as info:
        load_gold(tmp_path / "missing.json")
    assert info.value.code == "E040"
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"schema": "claimledger/1"}), encoding="utf-8")
    with pytest.raises(InputError) as info:
        load_gold(bad)
    assert info.value.code == "E041"
    assert load_gold(shared_dir / "corpus" / "seeds.gold.json")["schema"] == "claimledger-gold/1"


def test_is_apparent_reads_note_or_field(seeds_gold):
    apparent = [c["statement_a"] for c in seeds_gold["contradictions"] if is_apparent(c)]
    assert apparent == ["S053", "S099", "S016"]
    assert is_apparent({"note": "Only apparent: x", "apparent": False}) is False
    assert is_apparent({"apparent": True}) is True


def test_format_scores_table(perfect, seeds_gold):
    scores = score_gold(perfect, seeds_gold)
    table = format_scores(scores)
    assert isinstance(table, Table)
    assert table.row_count == len(scores.as_rows())
    assert all(len(row) == 3 for row in scores.as_rows())


# --- proposition mapping and disputes ----------------------------------------------


def test_map_propositions_stances_decide_between_nested_gold_propositions(seeds_gold):
    # A predicted proposition holding exactly the statements of the narrower gold
    # proposition, labelled as the general one labels them: overlap says narrow,
    # the stances say general.
    by_id = {p["id"]: p for p in seeds_gold["propositions"]}
    wanted = gold_statement_stances(seeds_gold)
    broad, narrow = next(
        (a["id"], b["id"])
        for a in seeds_gold["propositions"]
        for b in seeds_gold["propositions"]
        if a is not b
        and sum((s, a["id"]) in wanted for st in b["stances"] for s in st["statements"])
        > len({s for st in b["stances"] for s in st["statements"]}) / 2
        and sum(wanted.get((s, a["id"])) != wanted[(s, b["id"])] for st in b["stances"] for s in st["statements"]) >= 3
    )
    members = {
        "x": {s: wanted.get((s, broad), "neutral") for st in by_id[narrow]["stances"] for s in st["statements"]}
    }
    assert map_propositions(members, seeds_gold) == {"x": MappedProposition(broad, False)}


def test_score_gold_negated_proposition_scores_with_labels_swapped(perfect, seeds_gold):
    export = copy.deepcopy(perfect)
    negated = export["propositions"][-1]["id"]
    for s in export["stances"]:
        if s["proposition_id"] == negated:
            s["stance"] = {"support": "deny", "deny": "support"}.get(s["stance"], s["stance"])
    scores = score_gold(export, seeds_gold)
    assert scores.stances.precision == 1.0 and scores.stances.recall == 1.0


def _other_pair(gold: dict, dispute: dict) -> tuple[str, str]:
    """Another statement pair of a gold dispute's two actors, each on its actor's side."""
    listed = {(st["speaker"], st["stance"]): st["statements"]
              for p in gold["propositions"] if p["id"] == dispute["proposition"] for st in p["stances"]}
    wanted = gold_statement_stances(gold)
    sides = [
        listed[(dispute[f"speaker_{k}"], wanted[(dispute[f"statement_{k}"], dispute["proposition"])])]
        for k in ("a", "b")
    ]
    example = (dispute["statement_a"], dispute["statement_b"])
    return next((a, b) for a in sides[0] for b in sides[1] if (a, b) != example)


def test_score_gold_dispute_found_by_another_well_founded_pair(perfect, seeds_gold):
    export = copy.deepcopy(perfect)
    disputes = [c for c in export["contradictions"] if c["kind"] == "dispute"]
    gold_disputes = [c for c in seeds_gold["contradictions"] if c["kind"] == "dispute"]
    a, b = _other_pair(seeds_gold, gold_disputes[1])
    disputes[1]["statement_a"], disputes[1]["statement_b"] = f"p{b}", f"p{a}"
    scores = score_gold(export, seeds_gold)
    assert scores.disputes.recall == 1.0
    assert scores.disputes_exact.tp == len(gold_disputes) - 1


def test_score_gold_dispute_with_a_statement_off_its_side_is_not_found(perfect, seeds_gold):
    export = copy.deepcopy(perfect)
    dispute = next(c for c in export["contradictions"] if c["kind"] == "dispute")
    gold_dispute = next(c for c in seeds_gold["contradictions"] if c["kind"] == "dispute")
    wanted = gold_statement_stances(seeds_gold)
    # Another statement of the same speaker that the gold does not list on this proposition.
    off_side = next(
        s["id"] for s in seeds_gold["statements"]
        if s["speaker"] == gold_dispute["speaker_a"] and (s["id"], gold_dispute["proposition"]) not in wanted
    )
    dispute["statement_a"] = f"p{off_side}"
    scores = score_gold(export, seeds_gold)
    assert scores.disputes.tp == scores.disputes.gold - 1


def test_score_gold_disputes_borne_out_by_the_gold_stances(perfect, seeds_gold):
    export = copy.deepcopy(perfect)
    disputes = [c for c in export["contradictions"] if c["kind"] == "dispute"]
    assert score_gold(export, seeds_gold).disputes_borne_out == Count(len(disputes), len(disputes))
    # A pair the gold's short list does not name but its stances bear out, another that
    # sets a speaker against herself, and one whose statement the gold lists on no side.
    gold_dispute = next(c for c in seeds_gold["contradictions"] if c["kind"] == "dispute")
    a, b = _other_pair(seeds_gold, gold_dispute)
    listed = {s for st in (p["stances"] for p in seeds_gold["propositions"]) for x in st for s in x["statements"]}
    unlisted = next(s["id"] for s in seeds_gold["statements"] if s["id"] not in listed and s["speaker"])
    extra = [
        {**disputes[0], "statement_a": f"p{a}", "statement_b": f"p{b}"},
        {**disputes[0], "statement_a": f"p{a}", "statement_b": f"p{a}"},
        {**disputes[0], "statement_a": f"p{a}", "statement_b": f"p{unlisted}"},
    ]
    export["contradictions"] += extra
    assert score_gold(export, seeds_gold).disputes_borne_out == Count(len(disputes) + 1, len(disputes) + 3)
