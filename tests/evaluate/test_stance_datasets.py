"""`evaluate fnc1`, `evaluate emergent` and `train stance` end to end on samples of the shared data,
and floors for the shipped model on FNC-1 held-out bodies (development data: the split by body id).

The FNC-1 competition test set and the held-out 30% of Emergent are never read.
"""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from typer.testing import CliRunner

from claimledger.claims.stance.classifier import StanceClassifier, TextPair
from claimledger.cli import app
from claimledger.evaluate.fnc1 import is_heldout, read_fnc1
from claimledger.evaluate.stances import score_fnc

runner = CliRunner()
csv.field_size_limit(2**24)


def _run(*args: str):
    return runner.invoke(app, list(args), catch_exceptions=False)


def _rows(path: Path) -> list[dict[str, str]]:
    with open(path, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _write(path: Path, rows: list[dict[str, str]]) -> Path:
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    return path


@pytest.fixture(scope="session")
def fnc1_dir(shared_dir: Path) -> Path:
    path = shared_dir / "datasets" / "fnc1"
    if not path.exists():
        pytest.skip(f"{path} is not available")
    return path


@pytest.fixture(scope="session")
def emergent_file(shared_dir: Path) -> Path:
    path = shared_dir / "datasets" / "emergent" / "emergent-dev.csv"
    if not path.exists():
        pytest.skip(f"{path} is not available")
    return path


def _fnc1_sample(fnc1_dir: Path, out: Path, bodies: int) -> tuple[Path, Path]:
    """Real FNC-1 rows: the first `bodies` training and `bodies` held-out bodies, with all their stances."""
    all_bodies = _rows(fnc1_dir / "train_bodies.csv")
    kept = [b for b in all_bodies if not is_heldout(b["Body ID"])][:bodies]
    kept += [b for b in all_bodies if is_heldout(b["Body ID"])][:bodies]
    ids = {b["Body ID"] for b in kept}
    stances = [s for s in _rows(fnc1_dir / "train_stances.csv") if s["Body ID"] in ids]
    return _write(out / "bodies.csv", kept), _write(out / "stances.csv", stances)


@pytest.fixture(scope="module")
def small_fnc1(fnc1_dir: Path, tmp_path_factory) -> tuple[Path, Path]:
    return _fnc1_sample(fnc1_dir, tmp_path_factory.mktemp("fnc1"), 4)


@pytest.fixture(scope="module")
def small_emergent(emergent_file: Path, tmp_path_factory) -> Path:
    rows = _rows(emergent_file)
    claims = list(dict.fromkeys(r["claimId"] for r in rows))[:6]
    return _write(tmp_path_factory.mktemp("emergent") / "emergent.csv", [r for r in rows if r["claimId"] in claims])


def test_evaluate_fnc1_prints_the_scores_and_writes_predictions(small_fnc1, tmp_path):
    bodies, stances = small_fnc1
    out = tmp_path / "predictions.csv"
    result = _run("evaluate", "fnc1", "--bodies", str(bodies), "--stances", str(stances), "--split", "heldout",
                  "--predictions", str(out))
    assert result.exit_code == 0, result.output
    assert "FNC score" in result.output and "macro-F1" in result.output and "disagree" in result.output
    written = _rows(out)
    heldout = read_fnc1(bodies, stances, split="heldout")
    assert len(written) == len(heldout) > 0
    assert list(written[0]) == ["Headline", "Body ID", "Stance", "Predicted"]
    assert all(is_heldout(r["Body ID"]) for r in written)
    # The written predictions score to the printed figure, independently of the command.
    scores = score_fnc([r["Stance"] for r in written], [r["Predicted"] for r in written])
    assert f"FNC score {scores.percent:.2f}% of max" in result.output


def test_evaluate_emergent_prints_accuracy_and_writes_predictions(small_emergent, tmp_path):
    out = tmp_path / "predictions.csv"
    result = _run("evaluate", "emergent", str(small_emergent), "--predictions", str(out))
    assert result.exit_code == 0, result.output
    assert "accuracy" in result.output and "observing" in result.output
    written = _rows(out)
    assert len(written) == len(_rows(small_emergent))
    assert {r["Predicted"] for r in written} <= {"for", "against", "observing"}
    assert list(written[0])[-1] == "Predicted"


def test_evaluate_fails_in_one_line_on_a_bad_file(small_fnc1, tmp_path):
    bad = tmp_path / "stances.csv"
    bad.write_text("Headline,Body ID\nx,1\n", encoding="utf-8")
    result = runner.invoke(app, ["evaluate", "fnc1", "--bodies", str(small_fnc1[0]), "--stances", str(bad)])
    assert result.exit_code == 1
    assert "E051" in result.output and "Traceback" not in result.output
    result = runner.invoke(app, ["evaluate", "emergent", str(tmp_path / "missing.csv")])
    assert result.exit_code == 1 and "E050" in result.output


def test_train_stance_cross_validates_saves_and_the_saved_model_evaluates(small_fnc1, small_emergent, tmp_path):
    bodies, stances = small_fnc1
    model = tmp_path / "model"
    result = _run("train", "stance", "--bodies", str(bodies), "--stances", str(stances),
                  "--emergent", str(small_emergent), "--cross-validate", "2", "--reader-epochs", "1", "-o", str(model))
    assert result.exit_code == 0, result.output
    assert "Emergent fold 2/2" in result.output and "mean of folds" in result.output
    assert "reader weight" in result.output
    assert {p.name for p in model.iterdir()} == {"config.json", "idf.json", "weights.safetensors", "reader.safetensors"}
    loaded = StanceClassifier.load(model)
    assert loaded.reader is not None and loaded.config["reader"]["weight"] in (0.0, 0.25, 0.5, 0.75, 1.0)
    # trained on the training bodies only
    assert loaded.config["trained_on"]["fnc1_train_pairs"] == len(read_fnc1(bodies, stances, split="train"))
    result = _run("evaluate", "emergent", str(small_emergent), "--model", str(model))
    assert result.exit_code == 0, result.output


def test_train_stance_needs_something_to_do(small_fnc1):
    result = runner.invoke(app, ["train", "stance", "--bodies", str(small_fnc1[0]), "--stances", str(small_fnc1[1])])
    assert result.exit_code == 1 and "E058" in result.output


@pytest.fixture(scope="module")
def heldout_scores(fnc1_dir, tmp_path_factory):
    """The shipped model on the first 40 held-out bodies (about 1,200 pairs) of FNC-1's training data."""
    bodies, stances = _fnc1_sample(fnc1_dir, tmp_path_factory.mktemp("heldout"), 40)
    pairs = read_fnc1(bodies, stances, split="heldout")
    labels = [label for label, _ in StanceClassifier.load().predict([TextPair(p.headline, p.body) for p in pairs])]
    return score_fnc([p.stance for p in pairs], labels)


def test_shipped_model_floors_on_fnc1_heldout_bodies(heldout_scores):
    # On these 1,286 pairs the shipped model measured FNC 95.03% of max and macro-F1 0.747; on the whole
    # held-out split (10,143 pairs) 90.00% and 0.756 (benchmarks/RESULTS.md). The floors sit below both,
    # and above the bar (83%, 0.65).
    assert heldout_scores.percent >= 90.0
    assert heldout_scores.labels.macro_f1 >= 0.70
    assert heldout_scores.labels.per_class["unrelated"].f1 >= 0.95
