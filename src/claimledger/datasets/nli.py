"""Readers of the entailment and claim-stance sets in shared/datasets/nli/.

Each reader maps its set's labels exactly as the set's SOURCE.md says:
entailment / support / pro / favor → entails; contradiction / refute /
undermine / con / against → contradicts; neutral / not enough info / none →
neither; a binary set's "not entailed" → not_entails (contradicts or
neither, trained on as either). The statement is the premise and the
claim, topic or proposition the hypothesis.
"""

from __future__ import annotations

import csv
import io
import json
import zipfile
from collections.abc import Iterator
from pathlib import Path

import logging

from ..errors import input_error
from ._base import NLIPair

csv.field_size_limit(2**24)
logger = logging.getLogger(__name__)

NLI3 = {"entailment": "entails", "contradiction": "contradicts", "neutral": "neither"}
RTE2 = {"entailment": "entails", "not_entailment": "not_entails"}


def _label(mapping: dict[str, str], raw: str, source: Path, line: int) -> str:
    label = mapping.get(raw.strip().lower()) if raw is not None else None
    if label is None:
        raise input_error(
            "E052", source=str(source), line=line,
            reason=f"unknown label {raw!r}; expected one of {', '.join(mapping)}",
        )
    return label


def _text(path: Path, encoding: str = "utf-8-sig") -> str:
    """The file's text; UTF-8 unless it is not, then Windows-1252 (some sets mix in its quotes)."""
    try:
        data = path.read_bytes()
    except OSError as error:
        raise input_error("E050", source=str(path), dataset=path.parent.name, reason=error) from error
    try:
        return data.decode(encoding)
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def _tsv(path: Path, encoding: str = "utf-8-sig") -> list[dict[str, str]]:
    try:
        return list(csv.DictReader(io.StringIO(_text(path, encoding), newline=""), delimiter="\t", quoting=csv.QUOTE_NONE))
    except csv.Error as error:
        raise input_error("E050", source=str(path), dataset=path.parent.name, reason=error) from error


def _csv(path: Path, encoding: str = "utf-8-sig") -> list[dict[str, str]]:
    try:
        with open(path, encoding=encoding, newline="") as handle:
            return list(csv.DictReader(handle))
    except (OSError, UnicodeDecodeError, csv.Error) as error:
        raise input_error("E050", source=str(path), dataset=path.parent.name, reason=error) from error


def _json(path: Path):
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError) as error:
        raise input_error("E050", source=str(path), dataset=path.parent.name, reason=error) from error


def _jsonl(path: Path) -> list[dict]:
    try:
        return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    except (OSError, UnicodeDecodeError, ValueError) as error:
        raise input_error("E050", source=str(path), dataset=path.parent.name, reason=error) from error


def _detokenise(text: str) -> str:
    """SNLI's space-tokenised text, lightly joined: "dog ." → "dog.", "is n't" → "isn't"."""
    for before, after in ((" .", "."), (" ,", ","), (" n't", "n't"), (" 's", "'s"), (" ?", "?"), (" !", "!")):
        text = text.replace(before, after)
    return text.strip()


# ---- general NLI -----------------------------------------------------------------------------


def read_snli_devtest(folder: Path) -> Iterator[NLIPair]:
    """SNLI 1.0 dev + test (e-SNLI copy): s1 premise, s2 hypothesis, labels entailment/neutral/contradiction."""
    base = folder / "dataset" / "eSNLI"
    for part in ("dev", "test"):
        try:
            s1 = (base / f"s1.{part}").read_text(encoding="utf-8").splitlines()
            s2 = (base / f"s2.{part}").read_text(encoding="utf-8").splitlines()
            labels = (base / f"labels.{part}").read_text(encoding="utf-8").splitlines()
        except (OSError, UnicodeDecodeError) as error:
            raise input_error("E050", source=str(base), dataset="snli-devtest", reason=error) from error
        for line, (premise, hypothesis, raw) in enumerate(zip(s1, s2, labels), start=1):
            premise = _detokenise(premise)
            label = _label(NLI3, raw, base / f"labels.{part}", line)
            yield NLIPair(premise, _detokenise(hypothesis), label, "snli-devtest", premise)


def read_mnli_taxinli(folder: Path) -> Iterator[NLIPair]:
    """TaxiNLI's 10k MultiNLI rows: prem, hyp, label; the 39 rows labelled '-' (no gold) are left out."""
    path = folder / "taxinli10k.tsv"
    for line, row in enumerate(_tsv(path), start=2):
        if (row.get("label") or "").strip() == "-":
            continue
        yield NLIPair(row["prem"], row["hyp"], _label(NLI3, row["label"], path, line), "mnli-taxinli", row["prem"])


def read_snli_counterfactual(folder: Path) -> Iterator[NLIPair]:
    """Counterfactually revised SNLI (all_combined train/dev/test): sentence1, sentence2, gold_label."""
    for part in ("train", "dev", "test"):
        path = folder / "NLI" / "all_combined" / f"{part}.tsv"
        for line, row in enumerate(_tsv(path), start=2):
            premise = row["sentence1"]
            yield NLIPair(
                premise, row["sentence2"], _label(NLI3, row["gold_label"], path, line), "snli-counterfactual", premise
            )


def read_conjnli(folder: Path) -> Iterator[NLIPair]:
    """ConjNLI adversarial_train_15k + conj_dev: Premise, Hypothesis, Label (files start with a BOM)."""
    for name in ("adversarial_train_15k.tsv", "conj_dev.tsv"):
        path = folder / "data" / "NLI" / name
        for line, row in enumerate(_tsv(path), start=2):
            yield NLIPair(row["Premise"], row["Hypothesis"], _label(NLI3, row["Label"], path, line), "conjnli", row["Premise"])


NEGATION_FILES = ("MNLI", "SNLI", "RTE")


def read_negation_nli(folder: Path, files: tuple[str, ...] = NEGATION_FILES) -> Iterator[NLIPair]:
    """Hossain et al.'s negation benchmarks: MNLI/SNLI 3-way, RTE entailment / not_entailment."""
    for name in files:
        path = folder / "data" / "new_benchmarks" / "clean_data" / f"{name}.txt"
        mapping = RTE2 if name == "RTE" else NLI3
        for line, row in enumerate(_tsv(path), start=2):
            premise = row["Text"]
            label = _label(mapping, row["gold_label"], path, line)
            yield NLIPair(premise, row["Hypothesis"], label, "negation-nli", premise, binary=name == "RTE")


def read_breaking_nli(folder: Path) -> Iterator[NLIPair]:
    """Breaking NLI (zip as published): sentence1, sentence2, gold_label in SNLI's scheme."""
    path = folder / "breaking_nli_dataset.zip"
    try:
        with zipfile.ZipFile(path) as archive:
            text = archive.read("data/dataset.jsonl").decode("utf-8")
    except (OSError, KeyError, zipfile.BadZipFile, UnicodeDecodeError) as error:
        raise input_error("E050", source=str(path), dataset="breaking-nli", reason=error) from error
    for line, raw in enumerate(text.splitlines(), start=1):
        if raw.strip():
            row = json.loads(raw)
            premise = row["sentence1"]
            yield NLIPair(premise, row["sentence2"], _label(NLI3, row["gold_label"], path, line), "breaking-nli", premise)


FACTUALITY = {"entailed": "entails", "not-entailed": "not_entails"}
VERIDICALITY_FILES = ("train", "dev", "test")


def _recast_factuality(path: Path) -> Iterator[NLIPair]:
    """One of DNC's binary recast files: entailed / not-entailed."""
    for line, row in enumerate(_json(path), start=1):
        premise = row["context"]
        yield NLIPair(
            premise, row["hypothesis"], _label(FACTUALITY, row["label"], path, line), "factuality-veridicality", premise,
            binary=True,
        )


def read_megaveridicality(folder: Path) -> Iterator[NLIPair]:
    """DNC's recast MegaVeridicality ("someone denied that…" → "that thing happened"): entailed / not-entailed."""
    for part in VERIDICALITY_FILES:
        yield from _recast_factuality(folder / part / "recast_megaveridicality_data.json")


def read_factuality_veridicality(folder: Path) -> Iterator[NLIPair]:
    """All of DNC's subsets here: MegaVeridicality, recast event factuality (binary), function-word NLI (3-way)."""
    yield from read_megaveridicality(folder)
    for part in ("dev", "test"):
        yield from _recast_factuality(folder / part / "recast_factuality_data.json")
    for path in sorted((folder / "function_words" / "NLI").glob("*_data.json")):
        for line, row in enumerate(_json(path), start=1):
            premise = row["context"]
            yield NLIPair(
                premise, row["hypothesis"].strip(), _label(NLI3, row["label"], path, line), "factuality-veridicality", premise
            )


def read_rte(folder: Path) -> Iterator[NLIPair]:
    """GLUE RTE (train + val + dev; val.tsv has no header): entailment / not_entailment."""
    base = folder / "data" / "RTE"
    for name in ("train.tsv", "val.tsv", "dev.tsv"):
        path = base / name
        try:
            lines = path.read_text(encoding="utf-8").splitlines()
        except (OSError, UnicodeDecodeError) as error:
            raise input_error("E050", source=str(path), dataset="rte", reason=error) from error
        start = 1 if lines and lines[0].startswith("index\t") else 0
        for line, raw in enumerate(lines[start:], start=start + 1):
            fields = raw.split("\t")
            if len(fields) < 4:
                continue
            yield NLIPair(fields[1], fields[2], _label(RTE2, fields[3], path, line), "rte", fields[1], binary=True)


COMMITMENT_THRESHOLD = 1.5


def read_commitmentbank(folder: Path) -> Iterator[NLIPair]:
    """CommitmentBank: Context + Target as the premise, Prompt the hypothesis.

    The mean commitment (-3..+3) is thresholded as SOURCE.md suggests:
    ≥ 1.5 entails, ≤ -1.5 contradicts, otherwise neither.
    """
    path = folder / "CommitmentBank-items.csv"
    for row in _csv(path):
        mean = float(row["Mean"])
        label = "entails" if mean >= COMMITMENT_THRESHOLD else "contradicts" if mean <= -COMMITMENT_THRESHOLD else "neither"
        premise = f"{row['Context'].strip()} {row['Target'].strip()}".strip()
        yield NLIPair(premise, row["Prompt"], label, "commitmentbank", row["Target"])


ANLI_LABELS = {"e": "entails", "c": "contradicts", "n": "neither"}


def read_anli_dev(folder: Path) -> Iterator[NLIPair]:
    """ANLI R1-R3 dev (analysis files): context, statement, gold_label e/n/c. Evaluation only (CC BY-NC)."""
    for round_ in (1, 2, 3):
        path = folder / "anlizinganli" / "anli_annot_v0.2" / f"ANLI_analysis_r{round_}_dev.csv"
        for line, row in enumerate(_csv(path), start=2):
            yield NLIPair(
                row["context"], row["statement"], _label(ANLI_LABELS, row["gold_label"], path, line),
                "anli-dev-EVAL-ONLY", row["context"],
            )


# ---- claim stance and fact checking ----------------------------------------------------------


FNC_STANCE = {"agree": "entails", "disagree": "contradicts", "discuss": "neither", "unrelated": "neither"}
ARC_BODY_WORDS = 80


def read_arc_stance(folder: Path) -> Iterator[NLIPair]:
    """ARC (FNC-1 format, user posts vs claims): the post is the premise, the headline the hypothesis.

    Long posts are cut to their sentences closest to the claim. Grouped by post.
    """
    from ..claims.entailment import fit_premise

    base = folder / "data" / "fnc-1" / "corpora" / "ARC"
    bodies = {row["Body ID"].strip(): row["articleBody"] for row in _csv(base / "arc_bodies.csv")}
    for name in ("arc_stances_train.csv", "arc_stances_test.csv"):
        path = base / name
        for line, row in enumerate(_csv(path), start=2):
            body_id = row["Body ID"].strip()
            if body_id not in bodies:
                raise input_error("E053", source=str(path), line=line, body_id=body_id, bodies=str(base / "arc_bodies.csv"))
            headline = row["Headline"]
            premise = fit_premise(bodies[body_id], headline, lambda t: len(t.split()), ARC_BODY_WORDS)
            yield NLIPair(premise, headline, _label(FNC_STANCE, row["Stance"], path, line), "arc-stance", f"arc-body {body_id}")


SUPPORT_UNDERMINE = {"support": "entails", "undermine": "contradicts"}


def read_perspectrum(folder: Path) -> Iterator[NLIPair]:
    """Perspectrum: each perspective of a claim's SUPPORT / UNDERMINE cluster is a premise, the claim the hypothesis.

    Grouped by claim, so a claim's perspectives are all on one side of the split.
    """
    base = folder / "data" / "dataset"
    pool = {row["pId"]: row["text"] for row in _json(base / "perspective_pool_v1.0.json")}
    path = base / "perspectrum_with_answers_v1.0.json"
    for line, claim in enumerate(_json(path), start=1):
        for cluster in claim["perspectives"]:
            raw = cluster["stance_label_3"]
            if raw.lower() not in SUPPORT_UNDERMINE:
                continue  # "not-a-perspective": no stance to learn
            for pid in cluster["pids"]:
                if pid in pool:
                    yield NLIPair(pool[pid], claim["text"], SUPPORT_UNDERMINE[raw.lower()], "perspectrum", claim["text"])


PRO_CON = {"1": "entails", "-1": "contradicts", "pro": "entails", "con": "contradicts"}


def read_ibm_argq_stance(folder: Path) -> Iterator[NLIPair]:
    """IBM-ArgQ-Rank-30kArgs (zip as published): argument premise, topic hypothesis, stance_WA 1 pro / -1 con."""
    path = folder / "dataset" / "IBM_Debater_(R)_arg_quality_rank_30k.zip"
    try:
        with zipfile.ZipFile(path) as archive:
            text = archive.read("arg_quality_rank_30k.csv").decode("utf-8-sig")
    except (OSError, KeyError, zipfile.BadZipFile, UnicodeDecodeError) as error:
        raise input_error("E050", source=str(path), dataset="ibm-argq-stance", reason=error) from error
    for line, row in enumerate(csv.DictReader(io.StringIO(text)), start=2):
        yield NLIPair(
            row["argument"].strip(), row["topic"], _label(PRO_CON, row["stance_WA"], path, line), "ibm-argq-stance", row["topic"]
        )


def read_ibm_argkp(folder: Path) -> Iterator[NLIPair]:
    """ArgKP-2021: (argument, topic) by stance 1 / -1, and (argument, key point) matches: 1 entails, 0 neither.

    Grouped by topic, so a topic's arguments and key points are all on one side.
    """
    for part, sub in (("train", "kpm_data"), ("dev", "kpm_data"), ("test", "test_data")):
        base = folder / sub
        arguments = {}
        path = base / f"arguments_{part}.csv"
        for line, row in enumerate(_csv(path), start=2):
            arguments[row["arg_id"]] = row
            yield NLIPair(row["argument"], row["topic"], _label(PRO_CON, row["stance"], path, line), "ibm-argkp", row["topic"])
        points = {row["key_point_id"]: row for row in _csv(base / f"key_points_{part}.csv")}
        path = base / f"labels_{part}.csv"
        for line, row in enumerate(_csv(path), start=2):
            argument, point = arguments.get(row["arg_id"]), points.get(row["key_point_id"])
            if argument is None or point is None:
                continue
            label = _label({"1": "entails", "0": "neither"}, row["label"], path, line)
            yield NLIPair(argument["argument"], point["key_point"], label, "ibm-argkp", argument["topic"])


def read_ibm_claim_stance(folder: Path) -> Iterator[NLIPair]:
    """IBM Claim Stance (spreadsheet-mangled copy): split rows on ';', csv-parse field 0; claim premise, topic hypothesis.

    Records whose fields are shifted by the re-save (a stance that is not PRO or CON) are left out and logged.
    """
    path = folder / "claim_stance_dataset_v1.csv"
    try:
        with open(path, encoding="utf-8-sig", newline="") as handle:
            outer = list(csv.reader(handle, delimiter=";"))
    except (OSError, UnicodeDecodeError, csv.Error) as error:
        raise input_error("E050", source=str(path), dataset="ibm-claim-stance", reason=error) from error
    header = next(csv.reader([outer[0][0]]))
    for line, fields in enumerate(outer[1:], start=2):
        if not fields or not fields[0]:
            continue
        values = next(csv.reader([fields[0]]))
        row = dict(zip(header, values))
        claim = row.get("claims.claimCorrectedText") or ""
        if not claim or (row.get("claims.stance") or "").strip().lower() not in PRO_CON:
            logger.info("%s line %d: skipped, its fields are shifted (stance %r)", path, line, row.get("claims.stance"))
            continue
        yield NLIPair(
            claim, row["topicText"], _label(PRO_CON, row["claims.stance"], path, line), "ibm-claim-stance", row["topicText"]
        )


CLIMATE = {"supports": "entails", "refutes": "contradicts", "not_enough_info": "neither"}


def read_climate_fever(folder: Path) -> Iterator[NLIPair]:
    """CLIMATE-FEVER: each evidence sentence a premise, the claim the hypothesis, by evidence_label. Grouped by claim."""
    path = folder / "dataset" / "climate-fever.jsonl"
    for line, row in enumerate(_jsonl(path), start=1):
        for evidence in row["evidences"]:
            label = _label(CLIMATE, evidence["evidence_label"], path, line)
            yield NLIPair(evidence["evidence"], row["claim"], label, "climate-fever", row["claim"])


HEALTHVER = {"supports": "entails", "refutes": "contradicts", "neutral": "neither"}


def read_healthver(folder: Path) -> Iterator[NLIPair]:
    """HealthVer dev + test: evidence premise, claim hypothesis, Supports / Refutes / Neutral. Grouped by claim."""
    for part in ("dev", "test"):
        path = folder / "data" / f"healthver_{part}.csv"
        for line, row in enumerate(_csv(path), start=2):
            yield NLIPair(row["evidence"], row["claim"], _label(HEALTHVER, row["label"], path, line), "healthver", row["claim"])


FEVER = {"supports": "entails", "refutes": "contradicts"}


def read_fool_me_twice(folder: Path) -> Iterator[NLIPair]:
    """Fool Me Twice dev + test: each gold evidence sentence a premise, the claim the hypothesis, SUPPORTS / REFUTES."""
    for part in ("dev", "test"):
        path = folder / "dataset" / f"{part}.jsonl"
        for line, row in enumerate(_jsonl(path), start=1):
            label = _label(FEVER, row["label"], path, line)
            for evidence in row.get("gold_evidence") or []:
                yield NLIPair(evidence["text"], row["text"], label, "fool-me-twice", row["text"])


def read_fever_dev(folder: Path) -> Iterator[NLIPair]:
    """FEVER dev (RTE form): input0 evidence, input1 claim; entailment → entails, not_entailment → contradicts.

    SOURCE.md: not enough info was dropped, so not_entailment is FEVER's REFUTES.
    """
    base = folder / "RTE-Fever" / "processed"
    try:
        evidence = (base / "dev.raw.input0").read_text(encoding="utf-8").splitlines()
        claims = (base / "dev.raw.input1").read_text(encoding="utf-8").splitlines()
        labels = (base / "dev.label").read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as error:
        raise input_error("E050", source=str(base), dataset="fever-dev", reason=error) from error
    mapping = {"entailment": "entails", "not_entailment": "contradicts"}
    for line, (premise, claim, raw) in enumerate(zip(evidence, claims, labels), start=1):
        yield NLIPair(premise, claim, _label(mapping, raw, base / "dev.label", line), "fever-dev", claim)


def read_covidfact(folder: Path) -> Iterator[NLIPair]:
    """COVID-Fact (RTE form, train + dev): evidence premise, claim hypothesis; not_entailment is a refuted claim."""
    mapping = {"entailment": "entails", "not_entailment": "contradicts"}
    for part in ("train", "dev"):
        path = folder / "RTE-covidfact" / f"{part}.tsv"
        for line, row in enumerate(_tsv(path), start=2):
            raw = row.get("label", row.get("entailment"))
            yield NLIPair(row["sentence1"], row["Sentence2"], _label(mapping, raw, path, line), "covidfact", row["Sentence2"])


SEMEVAL = {"favor": "entails", "against": "contradicts", "none": "neither"}
SEMEVAL_PROPOSITIONS = {
    "Atheism": "There is no God.",
    "Climate Change is a Real Concern": "Climate change is a real concern.",
    "Feminist Movement": "The feminist movement is right.",
    "Hillary Clinton": "Hillary Clinton should be president.",
    "Legalization of Abortion": "Abortion should be legal.",
}


def read_semeval2016_stance(folder: Path) -> Iterator[NLIPair]:
    """SemEval-2016 task 6: tweet premise; the target rephrased as a proposition (SEMEVAL_PROPOSITIONS). Windows-1252 bytes."""
    for path in (folder / "data" / "semeval2016-task6-trainingdata.txt", folder / "data" / "eval" / "gold.txt"):
        for line, row in enumerate(_tsv(path, encoding="cp1252"), start=2):
            target = row["Target"].strip()
            proposition = SEMEVAL_PROPOSITIONS.get(target, target)
            yield NLIPair(row["Tweet"], proposition, _label(SEMEVAL, row["Stance"], path, line), "semeval2016-stance", row["Tweet"])
