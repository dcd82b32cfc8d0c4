"""Fixtures shared by the whole suite, and its two tiers.

`python -m pytest` runs what the project ships: its own code, the demo story
in examples/ and its gold. The *evaluation tier* (the sample story, the public
data sets and the independent scorers in ../shared beside the checkout, or
$CLAIMLEDGER_SHARED) runs with `python -m pytest --evaluation`: every test
that asks for `shared_dir`, directly or through another fixture, or is marked
`evaluation`, belongs to it, and is left out (not skipped) without the flag.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("CLAIMLEDGER_SHARED", REPO_ROOT.parent / "shared"))


EVALUATION = "evaluation"
# How many tests of the evaluation tier a run left out, for its summary line.
_LEFT_OUT = pytest.StashKey[int]()


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--evaluation", action="store_true",
        help="also run the evaluation tier: the tests on ../shared (the sample story, the public data sets).",
    )


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", f"{EVALUATION}: needs ../shared; runs with --evaluation")


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    tier = [
        item for item in items
        if "shared_dir" in getattr(item, "fixturenames", ()) or item.get_closest_marker(EVALUATION)
    ]
    for item in tier:
        item.add_marker(EVALUATION)
    if config.getoption("--evaluation") or not tier:
        return
    left_out = set(map(id, tier))
    config.hook.pytest_deselected(items=tier)
    items[:] = [item for item in items if id(item) not in left_out]
    config.stash[_LEFT_OUT] = len(tier)



def pytest_terminal_summary(terminalreporter, config: pytest.Config) -> None:
    left_out = config.stash.get(_LEFT_OUT, 0)
    if left_out:
        terminalreporter.write_line(
            f"{left_out} tests of the evaluation tier (the sample story and public data sets in {SHARED}) "
            "were not run: `python -m pytest --evaluation` runs them."
        )


def _require(path: Path) -> Path:
    if not path.exists():
        pytest.skip(f"{path} is not available")
    return path


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    return _require(SHARED)


@pytest.fixture(scope="session")
def seeds_dir(shared_dir: Path) -> Path:
    return _require(shared_dir / "corpus" / "seeds")


@pytest.fixture(scope="session")
def seeds_gold(shared_dir: Path) -> dict:
    path = _require(shared_dir / "corpus" / "seeds.gold.json")
    return json.loads(path.read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def examples_dir() -> Path:
    return REPO_ROOT / "examples"


def _analysed(inputs: Path, db: Path) -> Path:
    from claimledger.pipeline import analyze

    summary = analyze([str(inputs)], str(db))
    assert not summary.skipped, summary.skipped
    return db


@pytest.fixture(scope="session")
def seeds_db(seeds_dir: Path, tmp_path_factory) -> Path:
    """The sample story through the whole pipeline, once per session."""
    return _analysed(seeds_dir, tmp_path_factory.mktemp("seeds") / "seeds.db")


@pytest.fixture(scope="session")
def harbor_db(examples_dir: Path, tmp_path_factory) -> Path:
    """The demo story through the whole pipeline, once per session."""
    return _analysed(examples_dir / "harbor-story", tmp_path_factory.mktemp("harbor") / "harbor.db")


# Ledgers built in tmp_path from the hand-made two-article story in story.py,
# shared by the store, report and views tests; and a throwaway PostgreSQL
# server (postgres.py) for the ledger and the CLI on PostgreSQL.
from postgres import postgres_server, postgres_url  # noqa: E402,F401
from story import batch, db_path, ledger, story_analysis  # noqa: E402,F401


@pytest.fixture(scope="session")
def nlp():
    from claimledger.nlp.parser import load_parser

    return load_parser()


@pytest.fixture
def analyse():
    """Run the per-article stages on a text of our own and return its ParsedArticle.

    The rule extractor is the default here, so tests of the stages after
    attribution do not move when the trained tagger is retrained; tests of the
    tagger pass `attribution="model"`.
    """
    from claimledger.pipeline import analyze_articles
    from claimledger.records import Article, article_id

    def run(text: str, attribution: str = "rules", **fields) -> object:
        article = Article(id=article_id(text), source="test.txt", text=text, **fields)
        return next(iter(analyze_articles([article], attribution=attribution)))

    return run


@pytest.fixture(scope="session")
def polnear_dir(shared_dir: Path) -> Path:
    return _require(shared_dir / "datasets" / "polnear")


@pytest.fixture(scope="session")
def small_polnear(polnear_dir: Path, tmp_path_factory) -> Path:
    """Real PolNeAR annotations, few enough to train and score in seconds:
    three training texts and two selection texts, as compartments train/ and dev/."""
    import shutil

    root = tmp_path_factory.mktemp("polnear")
    for compartment, count in (("train", 3), ("dev", 2)):
        for sub in ("text", "attributions"):
            (root / compartment / sub).mkdir(parents=True)
        for ann in sorted((polnear_dir / compartment / "attributions").glob("*.ann"))[:count]:
            name = ann.stem.rsplit("_", 1)[0]
            shutil.copy(ann, root / compartment / "attributions" / ann.name)
            shutil.copy(polnear_dir / compartment / "text" / f"{name}.txt", root / compartment / "text")
    return root


@pytest.fixture(scope="session")
def datasets_dir(shared_dir: Path) -> Path:
    """shared/datasets: the entailment and stance sets that claimledger.datasets reads."""
    _require(shared_dir / "datasets" / "nli")
    return shared_dir / "datasets"
