"""Tests for claimledger.pipeline: a folder of articles in several languages (issue 18).

`claimledger analyze` runs once on tests/data/languages/articles (two English
articles, two German, one Turkish, one Russian, written for these tests) and
once on its English articles alone; articles in a language without a model
must be stored and shown, and leave no trace in the analysis.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import httpx
import pytest
from loopback import running_server
from typer.testing import CliRunner

import claimledger
from claimledger.cli import app
from claimledger.pipeline import CORPUS_STAGES, RunSummary, is_analysed
from claimledger.records import Article

ARTICLES = Path(__file__).resolve().parent / "data" / "languages" / "articles"
NOT_ANALYSED = {
    "de-agrarhilfen.html": "de",
    "de-hafen.txt": "de",
    "ru-most.txt": "ru",
    "tr-merkez-bankasi.txt": "tr",
}
# The speakers, places and organisations those articles name (and the headline's "Investieren Sie").
FOREIGN_NAMES = (
    "Investieren", "Katrin Vollmer", "Vollmer", "Jörg Brandtner", "Brandtner", "Heinrich Lüdemann", "Lüdemann",
    "Bauernverband", "Schwerin", "Andreas Kühnert", "Kühnert", "Sabine Ortlepp", "Ortlepp", "Wolgast",
    "Selim Karadağ", "Karadağ", "Hülya Demirtaş", "Demirtaş", "Merkez", "Ankara", "İstanbul",
    "Аркадий Северцев", "Северцев", "Наталья Громова", "Громова", "Новосибирск", "Обь",
)

runner = CliRunner()


def _run(*args: str):
    return runner.invoke(app, list(args), catch_exceptions=False)


@pytest.fixture(scope="module")
def mixed(tmp_path_factory) -> tuple[Path, object]:
    """The mixed-language folder analysed into a ledger by the CLI: (ledger, the run's result)."""
    db = tmp_path_factory.mktemp("languages") / "mixed.db"
    result = _run("analyze", str(ARTICLES), "--db", str(db))
    assert result.exit_code == 0, result.output
    return db, result


@pytest.fixture(scope="module")
def export(mixed) -> dict:
    return json.loads(_run("export", "--db", str(mixed[0])).stdout)


@pytest.fixture(scope="module")
def english_only(tmp_path_factory) -> dict:
    """The English articles of the folder alone (with the manifest), analysed and exported."""
    folder = tmp_path_factory.mktemp("english")
    for path in ARTICLES.iterdir():
        if path.name.startswith("en-") or path.name == "manifest.csv":
            shutil.copy(path, folder)
    db = folder.parent / "english.db"
    assert _run("analyze", str(folder), "--db", str(db)).exit_code == 0
    return json.loads(_run("export", "--db", str(db)).stdout)


def _by_name(export: dict) -> dict[str, dict]:
    return {Path(a["source"]).name: a for a in export["articles"]}


def test_analyze_mixed_folder_stores_every_article_with_its_language(export: dict) -> None:
    articles = _by_name(export)
    assert set(articles) == {*NOT_ANALYSED, "en-ferry-fares.txt", "en-harbour-dredging.txt"}
    for name, article in articles.items():
        expected = NOT_ANALYSED.get(name, "en")
        assert (article["language"], article["analysed"]) == (expected, name not in NOT_ANALYSED), name
        assert article["text"] and article["outlet"], name  # stored whole, with the manifest's outlet


def test_analyze_mixed_folder_prints_the_language_notice_once(mixed) -> None:
    _, result = mixed
    notices = [line for line in result.stderr.splitlines() if "W004" in line]
    assert notices == [
        "note: W004 4 article(s) stored but not analysed: de 2, ru 1, tr 1 "
        "(no model for these languages; claimledger analyses en)."
    ]
    assert "6 article(s) added" in result.stdout


def test_analyze_ends_with_a_table_of_counts_and_time_per_stage(mixed) -> None:
    _, result = mixed
    table = {" ".join(line.split()[1:]): line.split()[0] for line in result.stderr.splitlines() if line.strip()}
    assert table["articles added"] == "6"
    assert table["stored, not analysed (language)"] == "4"
    assert int(table["new statements"]) > 0 and int(table["propositions in the ledger"]) > 0
    for stage in ("reading and parsing articles", *CORPUS_STAGES):
        assert f"s {stage}" in " ".join(result.stderr.split()), stage


def test_analyze_mixed_folder_again_adds_nothing_and_says_nothing(mixed, tmp_path: Path) -> None:
    db = tmp_path / "again.db"
    shutil.copy(mixed[0], db)
    result = _run("analyze", str(ARTICLES), "--db", str(db))
    assert "0 article(s) added, 6 already in the ledger" in result.stdout
    assert "0 new statement(s)" in result.stdout
    assert "W004" not in result.output


def test_analyze_mixed_folder_analyses_nothing_of_other_languages(export: dict) -> None:
    skipped = {a["id"] for a in export["articles"] if not a["analysed"]}
    assert len(skipped) == len(NOT_ANALYSED)
    assert export["statements"]
    assert not [s for s in export["statements"] if s["article_id"] in skipped]
    assert not [m for m in export["mentions"] if m["article_id"] in skipped]
    assert not [f for f in export["framing"] if f["article_id"] in skipped]
    statements = {s["id"] for s in export["statements"]}
    assert all(s["statement_id"] in statements for s in export["stances"])
    assert all(set(p["statement_ids"]) <= statements for p in export["propositions"])


def test_analyze_mixed_folder_no_foreign_name_among_the_actors(export: dict) -> None:
    english = " ".join(a["text"] for a in export["articles"] if a["analysed"]).casefold()
    for entity in export["entities"]:
        for name in (entity["name"], *entity["aliases"], *entity["roles"]):
            assert not any(foreign.casefold() in name.casefold() for foreign in FOREIGN_NAMES), (name, entity)
            assert name.casefold() in english, (name, entity)  # every actor's name comes from English text
    speakers = {s["speaker_text"] for s in export["statements"] if s["speaker_text"]}
    assert not any(foreign in speaker for speaker in speakers for foreign in FOREIGN_NAMES), speakers


def test_analyze_mixed_folder_english_analysis_as_if_alone(export: dict, english_only: dict) -> None:
    def statements(doc: dict) -> list[tuple]:
        return sorted((s["id"], s["speaker_text"], s["cue_text"], s["content_text"]) for s in doc["statements"])

    def actors(doc: dict) -> list[tuple]:
        return sorted((e["type"], e["name"], tuple(sorted(e["aliases"]))) for e in doc["entities"])

    assert statements(export) == statements(english_only)
    assert actors(export) == actors(english_only)
    assert len(export["propositions"]) == len(english_only["propositions"])


def test_analyze_mixed_folder_tables_and_notebook_carry_language(mixed, tmp_path: Path) -> None:
    db = mixed[0]
    assert _run("export", "--db", str(db), "--format", "csv", "-o", str(tmp_path / "csv")).exit_code == 0
    header = (tmp_path / "csv" / "articles.csv").read_text(encoding="utf-8").splitlines()[0].split(",")
    assert {"language", "analysed"} <= set(header)
    with claimledger.open(db) as led:
        frame = led.articles(text=False)
    counts = frame[~frame["analysed"]]["language"].value_counts().to_dict()
    assert counts == {"de": 2, "ru": 1, "tr": 1}
    assert set(frame[frame["analysed"]]["language"]) == {"en"}


def test_analyze_mixed_folder_report_and_app_note_what_was_not_analysed(mixed, tmp_path: Path) -> None:
    db = mixed[0]
    html = tmp_path / "story.html"
    assert _run("report", "--db", str(db), "-o", str(html)).exit_code == 0
    note = "4 article(s) stored but not analysed:"
    assert note in html.read_text(encoding="utf-8")
    with running_server(db) as url, httpx.Client(base_url=url, timeout=30) as client:
        for page in ("/", "/articles"):
            text = client.get(page).text
            assert note in text and "de 2" in text, page
        assert "de: stored, not analysed" in client.get("/articles").text


@pytest.mark.parametrize(
    ("language", "analysed"), [("en", True), (None, True), ("de", False), ("tr", False), ("ru", False)]
)
def test_is_analysed_only_for_languages_with_a_model(language: str | None, analysed: bool) -> None:
    article = Article(id="a1", source="x.txt", text="…", language=language)
    assert is_analysed(article) is analysed


def test_run_summary_language_notice_most_articles_first() -> None:
    summary = RunSummary()
    assert summary.language_notice() is None
    summary.not_analysed.update(["tr", "de", "de", "fr"])
    assert summary.language_notice() == (
        "W004 4 article(s) stored but not analysed: de 2, fr 1, tr 1 "
        "(no model for these languages; claimledger analyses en)."
    )


def test_analyze_articles_passes_over_articles_not_analysed_in_order() -> None:
    # What every executor runs on a batch (worker processes and Ray actors too): one result per
    # article, in order, and nothing found in an article marked not analysed, whatever it says.
    from claimledger.pipeline import analyze_articles
    from claimledger.records import article_id

    said = '"The river is safe," Mayor Lucia Ortega said on Monday.'
    articles = [
        Article(id=article_id(said + " de"), source="de.txt", text=said, language="de", analysed=False),
        Article(id=article_id(said), source="en.txt", text=said, language="en"),
    ]
    german, english = analyze_articles(articles, attribution="rules")
    assert (german.article, german.statements, german.mentions) == (articles[0], [], [])
    assert english.article is articles[1] and english.statements and english.mentions


# Issue 20: an article another run wrote while this one was reading counts as already in
# the ledger, so the counts say what happened ("0 added, 0 already in the ledger" before).
def test_analyze_into_counts_an_article_written_meanwhile_as_known(tmp_path: Path) -> None:
    from claimledger.pipeline import analyze_into
    from claimledger.records import ParsedArticle, article_id
    from claimledger.store import Ledger

    text = "Ferry resumes\nThe port authority said on Monday that the ferry would run again.\n"
    article = Article(id=article_id(text), source="ferry.txt", text=text)
    db = tmp_path / "l.db"

    def items():
        with Ledger.open(db) as other:  # the other run wins the race
            other.add_parsed([ParsedArticle(Article(id=article.id, source="other.txt", text=text))])
        yield article

    with Ledger.open(db) as ledger:
        summary = analyze_into(ledger, items(), attribution="rules")
    assert (summary.added, summary.already_known) == (0, 1)
