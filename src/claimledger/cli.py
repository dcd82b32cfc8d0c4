"""The `claimledger` command line: the only place that prints.

Every command turns a `ClaimledgerError` into one line on stderr and a
non-zero exit status; tracebacks are for bugs, not for bad input.
"""

from __future__ import annotations

import logging
import os
import sys
from collections import Counter
from collections.abc import Callable
from functools import wraps
from pathlib import Path
from typing import Annotated, Any, Optional

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

from .errors import ClaimledgerError
from .server.settings import DEFAULTS as SERVER_DEFAULTS
from .server.settings import SETTINGS

SERVER_SETTINGS = {setting.name: setting for setting in SETTINGS}

app = typer.Typer(
    name="claimledger",
    help="Turn news coverage of a contested story into a sourced ledger.",
    no_args_is_help=True,
    add_completion=False,
)
evaluate_app = typer.Typer(help="Score the pipeline against annotated data.", no_args_is_help=True)
app.add_typer(evaluate_app, name="evaluate")
train_app = typer.Typer(help="Train the project's models from annotated data.", no_args_is_help=True)
app.add_typer(train_app, name="train")

console = Console()
errors = Console(stderr=True)

DbOption = Annotated[str, typer.Option("--db", help="Ledger: a SQLite file path or an SQLAlchemy URL.")]
DeviceOption = Annotated[str, typer.Option(help="cpu, cuda or auto.")]
TaggerOption = Annotated[
    Optional[str],
    typer.Option(help="Folder of a tagger from `claimledger train attribution` (default: the shipped one)."),
]
AttributionOption = Annotated[
    Optional[str],
    typer.Option(help="Attribution extractor: combined (the default), model (the trained tagger alone) or rules."),
]


def _fails_cleanly(command: Callable) -> Callable:
    @wraps(command)
    def run(*args, **kwargs):
        try:
            return command(*args, **kwargs)
        except ClaimledgerError as error:
            errors.print(f"[red]error:[/red] {error}", highlight=False, soft_wrap=True)
            raise typer.Exit(1) from None

    return run


def _quiet_libraries() -> None:
    # Model loading must never reach for the network, and its chatter is noise.
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
    os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
    os.environ.setdefault("TRANSFORMERS_VERBOSITY", "error")
    logging.basicConfig(level=logging.ERROR, format="%(message)s")
    _say_our_warnings()


class _OwnWarnings(logging.Handler):
    """claimledger's own warnings on the terminal, one line each, except those the
    run's summary prints anyway (skipped inputs, languages not analysed)."""

    def emit(self, record: logging.LogRecord) -> None:
        if not getattr(record, "in_summary", False):
            errors.print(f"[yellow]warning:[/yellow] {record.getMessage()}", highlight=False, soft_wrap=True)


def _say_our_warnings() -> None:
    project = logging.getLogger("claimledger")
    if not any(isinstance(handler, _OwnWarnings) for handler in project.handlers):
        handler = _OwnWarnings(level=logging.WARNING)
        project.addHandler(handler)
        project.setLevel(logging.WARNING)
        project.propagate = False  # this handler says it; the root's would repeat it


@app.command()
@_fails_cleanly
def analyze(
    inputs: Annotated[
        Optional[list[str]],
        typer.Argument(help="Files, folders, URLs or feeds to ingest (none: bring the ledger's analysis up to date)."),
    ] = None,
    db: DbOption = "ledger.db",
    batch_size: Annotated[int, typer.Option(min=1, help="Articles per batch (and per transaction).")] = 32,
    device: DeviceOption = "cpu",
    attribution: AttributionOption = None,
    tagger: TaggerOption = None,
    stance: Annotated[str, typer.Option(help="Stance backend by name (rules, entail, model, nli, llm).")] = "rules",
    stance_option: Annotated[
        Optional[list[str]],
        typer.Option(
            "--stance-option",
            help="A setting of the stance backend, KEY=VALUE (repeatable): model=PATH, batch_size=64, margin=0.3. "
            "--device reaches the backend too.",
        ),
    ] = None,
    timeout: Annotated[float, typer.Option(help="Seconds to wait for each URL before skipping it.")] = 20.0,
    workers: Annotated[
        Optional[int],
        typer.Option(
            help="Workers running the per-article stages, one core each: processes, or Ray actors "
            "(default: one per core, or this process on every core for a small input)."
        ),
    ] = None,
    threads: Annotated[
        Optional[int], typer.Option(help="Threads each worker gives torch (default: one; a worker is one core).")
    ] = None,
    executor: Annotated[str, typer.Option(help="Where the per-article stages run: local or ray.")] = "local",
    address: Annotated[
        Optional[str], typer.Option(help="Ray cluster to use with --executor ray (default: start one here).")
    ] = None,
    recluster: Annotated[
        bool, typer.Option(help="Cluster every claim afresh, not only the new ones (as a rebuild would).")
    ] = False,
    allow_private_addresses: Annotated[
        bool,
        typer.Option(help="Let URLs, redirects and feed links reach loopback and private networks (an intranet)."),
    ] = False,
) -> None:
    """Ingest INPUTS and run the whole pipeline into the ledger.

    Adding to a ledger clusters only the new claims; `--recluster` redoes the
    ledger's propositions in full (as a rebuild would), even with nothing new.
    With no INPUTS, a ledger whose analysis is behind its articles (a run was
    stopped before it finished) is brought up to date.
    """
    from .devices import resolve_device
    from .pipeline import analyze as run_pipeline

    _quiet_libraries()
    if not inputs:
        from .store import Ledger

        Ledger.open(db, create=False).close()  # nothing to read and no ledger: one line, nothing made
    from .claims.stance import parse_settings, stance_settings

    stance_options = parse_settings(stance_option or [])
    # A missing GPU, a wrong stance backend or setting: one line before the progress bar, not after.
    stance_settings(stance, stance_options, device=resolve_device(device))
    with _progress() as bar:
        articles = bar.add_task("reading and parsing articles", total=None)
        corpus = None

        def progress(stage: str, count: int) -> None:
            nonlocal corpus
            if stage == "articles":
                bar.advance(articles, count)
            elif corpus is None:
                bar.update(articles, total=bar.tasks[0].completed)
                corpus = bar.add_task("resolving speakers, propositions, stances", total=None)

        summary = run_pipeline(
            inputs or [], db, batch_size=batch_size, device=device, stance=stance, stance_options=stance_options,
            progress=progress, timeout=timeout,
            executor=executor, workers=workers, threads=threads, address=address, recluster=recluster,
            allow_private_addresses=allow_private_addresses, **_chosen(attribution=attribution, tagger=tagger),
        )
    for skipped in summary.skipped:
        errors.print(f"[yellow]skipped:[/yellow] {skipped.reason}", highlight=False, soft_wrap=True)
    if summary.regrouped_from is not None:
        how = f"as '{summary.regrouped_from}'" if summary.regrouped_from else "by a claimledger that did not record how"
        errors.print(
            f"[yellow]note:[/yellow] every claim was grouped into propositions afresh: the ledger's were grouped {how}",
            highlight=False, soft_wrap=True,
        )
    if notice := summary.language_notice():
        errors.print(f"[yellow]note:[/yellow] {notice}", highlight=False, soft_wrap=True)
    if not inputs:
        state = "brought up to date" if summary.reanalysed else "already up to date"
        console.print(f"no inputs: the ledger's analysis was {state} → {db}", highlight=False, soft_wrap=True)
        return
    console.print(
        f"{summary.added} article(s) added, {summary.already_known} already in the ledger, "
        f"{summary.duplicates} near-duplicate(s) linked, {summary.statements} statement(s) found, "
        f"{len(summary.skipped)} input(s) skipped{_by_code(summary.skipped)} → {db}",
        highlight=False,
        soft_wrap=True,
    )
    if summary.failed:
        raise typer.Exit(2)


@app.command()
@_fails_cleanly
def export(
    db: DbOption,
    format: Annotated[str, typer.Option("--format", "-f", help="json, csv or parquet.")] = "json",
    output: Annotated[Optional[Path], typer.Option("-o", "--output", help="File (json) or folder (csv, parquet); json goes to stdout without it.")] = None,
) -> None:
    """Export the ledger (JSON per LEDGER.md, or CSV/Parquet tables)."""
    from .store import Ledger
    from .store.export import export as write_export

    with Ledger.open(db, create=False) as ledger:
        write_export(ledger, format, output)
    if output is not None:
        errors.print(f"wrote {output}", highlight=False)


@app.command()
@_fails_cleanly
def report(
    db: DbOption,
    output: Annotated[Path, typer.Option("-o", "--output", help="HTML file to write.")] = Path("story.html"),
) -> None:
    """Write a self-contained HTML report of the ledger."""
    from .report import write_report
    from .store import Ledger

    with Ledger.open(db, create=False) as ledger:
        path = write_report(ledger, output)
    console.print(f"wrote {path}", highlight=False)


def _setting(name: str) -> Any:
    """A `serve` option made from the server's settings table (its help; its default
    is the parameter's, read from the same table)."""
    return typer.Option(f"--{name.replace('_', '-')}", help=SERVER_SETTINGS[name].help)


@app.command()
@_fails_cleanly
def serve(
    db: DbOption,
    host: Annotated[str, _setting("host")] = SERVER_DEFAULTS["host"],
    port: Annotated[int, _setting("port")] = SERVER_DEFAULTS["port"],
    token: Annotated[Optional[str], _setting("token")] = SERVER_DEFAULTS["token"],
    max_upload_bytes: Annotated[int, _setting("max_upload_bytes")] = SERVER_DEFAULTS["max_upload_bytes"],
) -> None:
    """Serve the ledger's views as web pages, and a REST API (documented at /docs)."""
    from .server import serve as run_server
    from .server.settings import TOKEN_VARIABLE

    _quiet_libraries()

    def ready(url: str) -> None:
        uploads = "on, with the token" if token or os.environ.get(TOKEN_VARIABLE) else "off"
        console.print(f"serving {db} at {url} (API docs at {url}docs; uploads {uploads}); Ctrl-C stops",
                      highlight=False, soft_wrap=True)

    run_server(db, host=host, port=port, token=token, max_upload_bytes=max_upload_bytes, on_ready=ready)


@app.command()
@_fails_cleanly
def show(
    what: Annotated[str, typer.Argument(help="statements, entities, propositions, contradictions, articles or skipped.")] = "statements",
    db: DbOption = "ledger.db",
) -> None:
    """Show a table of the ledger in the terminal."""
    from .store import Ledger
    from .views import render_table

    with Ledger.open(db, create=False) as ledger:
        console.print(render_table(ledger, what))


@evaluate_app.command("gold")
@_fails_cleanly
def evaluate_gold(
    gold_file: Annotated[Path, typer.Argument(help="A claimledger-gold/1 annotation, e.g. seeds.gold.json.")],
    db: DbOption,
) -> None:
    """Score a ledger against a hand annotation of the same articles."""
    from .evaluate import format_scores, load_gold, score_gold
    from .evaluate.attributions import format_attribution_scores
    from .store import Ledger
    from .store.export import ledger_to_dict

    gold = load_gold(gold_file)
    with Ledger.open(db, create=False) as ledger:
        scores = score_gold(ledger_to_dict(ledger), gold)
    console.print(format_scores(scores))
    if scores.attributions is not None:
        console.print(format_attribution_scores(scores.attributions, "Statements as spans"))


@evaluate_app.command("polnear")
@_fails_cleanly
def evaluate_polnear(
    directory: Annotated[Path, typer.Argument(help="A PolNeAR compartment: a folder with text/ and attributions/.")],
    attribution: AttributionOption = None,
    tagger: TaggerOption = None,
    device: DeviceOption = "cpu",
    tagger_alone: Annotated[
        bool, typer.Option("--tagger-alone", help="Also score the tagger's own spans (runs the tagger a second time).")
    ] = False,
) -> None:
    """Score the ledger on a PolNeAR compartment (source, cue, content, relations).

    The compartment's texts go through the default pipeline as `analyze` runs it,
    into a temporary ledger, and the statements its JSON export holds are scored
    as the independent scorer scores them (`evaluate.ledger_spans`).
    `--tagger-alone` prints the tagger's own spans beside it, labelled as such.
    """
    from .evaluate.ledger_spans import analysed_export, format_ledger_scores, score_export, score_extracted
    from .evaluate.polnear import load_polnear

    _quiet_libraries()
    annotated = load_polnear(directory)
    with _progress() as bar:
        task = bar.add_task("analysing into a temporary ledger", total=len(list((directory / "text").glob("*.txt"))))
        export = analysed_export(
            [str(directory / "text")], device=device,
            progress=lambda stage, n: bar.advance(task, n) if stage == "articles" else None,
            **_chosen(attribution=attribution, tagger=tagger),
        )
    title = f"PolNeAR {directory.name}, the ledger ({attribution or 'default'} extractor)"
    console.print(format_ledger_scores(score_export(export, annotated), title))
    if tagger_alone:
        from .pipeline import attribute_texts

        unique = list(dict.fromkeys(a.text for a in annotated))
        found = dict(zip(unique, attribute_texts(unique, attribution="model", device=device, **_chosen(tagger=tagger))))
        scores = score_extracted((a, found[a.text]) for a in annotated)
        console.print(format_ledger_scores(scores, f"PolNeAR {directory.name}, the tagger alone (its own spans, not a ledger)"))


StanceBackendOption = Annotated[
    str, typer.Option("--backend", help="Stance backend: model (the trained one, default), rules, nli or llm.")
]
StanceModelOption = Annotated[
    Optional[str],
    typer.Option(
        "--model",
        help="model: a folder from `claimledger train stance` (default: the shipped one); "
        "nli: a cross-encoder folder or hub id; llm: the model name.",
    ),
]
LlmUrlOption = Annotated[
    Optional[str], typer.Option("--llm-url", help="llm: base URL of an OpenAI-compatible endpoint, e.g. http://localhost:8000/v1.")
]
PredictionsOption = Annotated[
    Optional[Path], typer.Option("--predictions", help="Write each input row with a `Predicted` column to this CSV.")
]


def _label_texts(pairs: list, backend: str, model: str | None, llm_url: str | None, device: str) -> list[str]:
    from .claims.stance import stance_settings
    from .claims.stance.text import label_texts
    from .devices import resolve_device

    given: dict[str, object] = _chosen(**{"weights" if backend == "entail" else "model": model})
    if backend == "llm" and llm_url:
        given["base_url"] = llm_url
    # The backend's settings checked, and the run's device given where the backend takes one.
    options = stance_settings(backend, given, device=resolve_device(device))
    with _progress() as bar:
        task = bar.add_task(f"deciding stances ({backend})", total=len(pairs))
        labelled = label_texts(pairs, backend, progress=lambda done: bar.advance(task, done), **options)
    return [label for label, _ in labelled]


def _show_stance_scores(table, summary: str) -> None:
    console.print(table)
    console.print(summary, highlight=False, soft_wrap=True)


def _write_predictions(path: Path | None, rows: list[dict[str, str]], predicted: list[str]) -> None:
    from .evaluate._csv import write_rows

    if path is not None:
        write_rows(path, rows, predicted)
        errors.print(f"wrote {path}", highlight=False)


@evaluate_app.command("fnc1")
@_fails_cleanly
def evaluate_fnc1(
    bodies: Annotated[Path, typer.Option("--bodies", help="FNC-1 bodies CSV (Body ID, articleBody).")],
    stances: Annotated[Path, typer.Option("--stances", help="FNC-1 stances CSV (Headline, Body ID, Stance).")],
    split: Annotated[
        str, typer.Option(help="all pairs, or the train / heldout part of the split by body id (see README).")
    ] = "all",
    predictions: PredictionsOption = None,
    backend: StanceBackendOption = "model",
    model: StanceModelOption = None,
    llm_url: LlmUrlOption = None,
    device: DeviceOption = "cpu",
) -> None:
    """Score the stance engine on FNC-1 pairs: FNC score (% of max), macro-F1, per-class F1, confusion."""
    from .claims.stance.classifier import TextPair
    from .errors import ConfigError, Errors
    from .evaluate.fnc1 import SPLITS, read_fnc1
    from .evaluate.stances import format_label_scores, score_fnc, summary_line

    if split not in SPLITS:
        raise ConfigError(Errors.E030.format(kind="split", name=split, options=", ".join(SPLITS)))
    _quiet_libraries()
    pairs = read_fnc1(bodies, stances, split=split)  # type: ignore[arg-type]
    predicted = _label_texts([TextPair(p.headline, p.body) for p in pairs], backend, model, llm_url, device)
    scores = score_fnc([p.stance for p in pairs], predicted)
    title = f"FNC-1 {stances.name} ({split}, {len(pairs)} pairs, {backend})"
    _show_stance_scores(format_label_scores(scores.labels, title), summary_line(scores.labels, scores))
    _write_predictions(predictions, [p.row for p in pairs], predicted)


@evaluate_app.command("emergent")
@_fails_cleanly
def evaluate_emergent(
    file: Annotated[
        Path, typer.Argument(help="An Emergent CSV (claimHeadline, articleHeadline, articleHeadlineStance, claimId).")
    ],
    predictions: PredictionsOption = None,
    backend: StanceBackendOption = "model",
    model: StanceModelOption = None,
    llm_url: LlmUrlOption = None,
    device: DeviceOption = "cpu",
) -> None:
    """Score the stance engine on Emergent claim-headline pairs: accuracy, per-class F1, confusion."""
    from .claims.stance.classifier import TextPair
    from .claims.stance.labels import TEXT_TO_EMERGENT
    from .evaluate.emergent import read_emergent
    from .evaluate.stances import EMERGENT_LABELS, format_label_scores, score_labels, summary_line

    _quiet_libraries()
    pairs = read_emergent(file)
    labelled = _label_texts([TextPair(p.claim, p.headline) for p in pairs], backend, model, llm_url, device)
    predicted = [TEXT_TO_EMERGENT[label] for label in labelled]
    scores = score_labels([p.stance for p in pairs], predicted, EMERGENT_LABELS)
    title = f"Emergent {file.name} ({len(pairs)} pairs, {backend})"
    _show_stance_scores(format_label_scores(scores, title), summary_line(scores))
    _write_predictions(predictions, [p.row for p in pairs], predicted)


@train_app.command("stance")
@_fails_cleanly
def train_stance(
    bodies: Annotated[Path, typer.Option("--bodies", help="FNC-1 bodies CSV; pairs of held-out bodies are left out.")],
    stances: Annotated[Path, typer.Option("--stances", help="FNC-1 stances CSV.")],
    emergent: Annotated[
        Optional[Path], typer.Option(help="Emergent CSV to train on (and to cross-validate on).")
    ] = None,
    output: Annotated[
        Optional[Path], typer.Option("-o", "--output", help="Folder to write the trained model to.")
    ] = None,
    cross_validate: Annotated[
        int, typer.Option(help="Cross-validate on Emergent with this many folds grouped by claim (0: no).")
    ] = 0,
    reader_epochs: Annotated[
        int, typer.Option(help="Epochs of the reader of short evidence, trained on --emergent (0: no reader).")
    ] = 5,
    seed: Annotated[int, typer.Option(help="Random seed.")] = 0,
) -> None:
    """Train the stance model (the shipped one: see the README for the exact command)."""
    from .claims.stance.train import Hyperparameters
    from .claims.stance.train import train_stance as run_training
    from .errors import ConfigError, Errors
    from .evaluate.stances import format_label_scores, summary_line

    if output is None and not cross_validate:
        raise ConfigError(Errors.E058.format(folds=0, reason="nothing to do: give --output, --cross-validate or both"))
    _quiet_libraries()
    run = run_training(
        bodies, stances, emergent, output, cross_validate=cross_validate,
        hyperparameters=Hyperparameters(seed=seed, reader_epochs=reader_epochs),
        report=lambda line: errors.print(line, highlight=False),
    )
    for k, fold in enumerate(run.folds, start=1):
        console.print(f"Emergent fold {k}/{len(run.folds)}: {summary_line(fold)}", highlight=False, soft_wrap=True)
    if run.folds:
        mean = sum(f.accuracy.ratio for f in run.folds) / len(run.folds)
        per_class = {
            label: sum(f.per_class[label].f1 for f in run.folds) / len(run.folds) for label in run.folds[0].labels
        }
        console.print(
            f"Emergent cross-validated, mean of folds: accuracy {100 * mean:.2f}%; F1 "
            + ", ".join(f"{label} {f1:.3f}" for label, f1 in per_class.items()),
            highlight=False,
        )
    if run.pooled is not None:
        console.print(format_label_scores(run.pooled, f"Emergent, {len(run.folds)} folds by claim, pooled"))
        console.print(f"pooled: {summary_line(run.pooled)}", highlight=False, soft_wrap=True)
    where = f" → {output}" if output is not None else ""
    console.print(f"trained on {run.pairs} pairs in {run.seconds / 60:.1f} min{where}", highlight=False)


@evaluate_app.command("nli")
@_fails_cleanly
def evaluate_nli(
    dataset: Annotated[str, typer.Argument(help="A shared set by name, e.g. snli-devtest, negation-nli, anli-dev-EVAL-ONLY.")],
    split: Annotated[
        Optional[str],
        typer.Option(help="heldout (default), train or all; anli-dev-EVAL-ONLY is scored whole."),
    ] = None,
    model: Annotated[
        Optional[Path], typer.Option(help="Folder from `claimledger train nli` (default: the shipped claims/nli_weights).")
    ] = None,
    datasets: Annotated[
        Optional[Path], typer.Option(help="The shared datasets folder (default: $CLAIMLEDGER_DATASETS or ../shared/datasets).")
    ] = None,
    batch_size: Annotated[int, typer.Option(help="Pairs per forward pass.")] = 32,
    threads: Annotated[Optional[int], typer.Option(help="Threads torch may use (default: torch's choice).")] = None,
    device: DeviceOption = "cpu",
) -> None:
    """Score the entailment model on a shared set's held-out part: accuracy, per-class P/R/F1, confusion."""
    from .devices import resolve_device
    from .evaluate.nli import default_split
    from .evaluate.nli import evaluate_nli as run_evaluation

    _quiet_libraries()
    if threads:
        import torch

        torch.set_num_threads(threads)
    split = split or default_split(dataset)
    with _progress() as bar:
        task = bar.add_task(f"entailment on {dataset} ({split})", total=None)
        scores, pairs, _ = run_evaluation(
            dataset, split, model=model, root=datasets, device=resolve_device(device), batch_size=batch_size,
            progress=lambda done: bar.advance(task, done),
        )
    for table in scores.tables(f"{dataset} ({split}, {len(pairs)} pairs)"):
        console.print(table)
    console.print(scores.summary(), highlight=False, soft_wrap=True)


@train_app.command("nli")
@_fails_cleanly
def train_nli(
    output: Annotated[Path, typer.Option("-o", "--output", help="Folder for the checkpoint and the trained weights.")],
    resume: Annotated[bool, typer.Option(help="Go on from the checkpoint in --output, with its settings.")] = False,
    max_pairs: Annotated[
        Optional[int], typer.Option(help="Scale the training mix down to about this many pairs per epoch.")
    ] = None,
    epochs: Annotated[int, typer.Option(help="Passes over the mix.")] = 1,
    threads: Annotated[int, typer.Option(help="Threads torch may use.")] = 1,
    datasets: Annotated[
        Optional[Path], typer.Option(help="The shared datasets folder (default: $CLAIMLEDGER_DATASETS or ../shared/datasets).")
    ] = None,
    checkpoint_minutes: Annotated[float, typer.Option(help="Minutes between checkpoints.")] = 5.0,
    seed: Annotated[int, typer.Option(help="Random seed of the mix and the batch order.")] = 0,
    max_steps: Annotated[
        Optional[int], typer.Option(help="Stop after this many steps of this call, checkpointing first (go on with --resume).")
    ] = None,
) -> None:
    """Train the entailment model (the shipped one: see claims/nli_weights/MODEL_CARD.md for the command)."""
    from .training.nli import NliSettings
    from .training.nli import train_nli as run_training

    _quiet_libraries()
    settings = None if resume else NliSettings(max_pairs=max_pairs, epochs=epochs, seed=seed)
    run = run_training(
        output, settings, resume=resume, root=datasets, threads=threads, checkpoint_seconds=60 * checkpoint_minutes,
        max_steps=max_steps, progress=lambda line: errors.print(line, highlight=False),
    )
    state = "finished" if run.finished else "stopped"
    console.print(
        f"{state} at step {run.step}/{run.total_steps} ({run.pairs} pairs per epoch) in {run.seconds / 60:.1f} min → {output}",
        highlight=False,
    )


@train_app.command("attribution")
@_fails_cleanly
def train_attribution(
    train: Annotated[Path, typer.Option(help="PolNeAR compartment to train on.")],
    dev: Annotated[Path, typer.Option(help="PolNeAR compartment to select the best epoch on.")],
    output: Annotated[Path, typer.Option("-o", "--output", help="Folder to write the trained tagger to.")],
    epochs: Annotated[int, typer.Option(help="Passes over the training windows.")] = 6,
    batch_size: Annotated[int, typer.Option(help="Windows per training step.")] = 16,
    learning_rate: Annotated[float, typer.Option(help="Learning rate of the fine-tuned encoder layers.")] = 1e-4,
    head_learning_rate: Annotated[float, typer.Option(help="Learning rate of the BiLSTM and the heads.")] = 1e-3,
    seed: Annotated[int, typer.Option(help="Random seed.")] = 0,
    start_from: Annotated[Optional[Path], typer.Option(help="Continue training a saved tagger.")] = None,
    frozen_layers: Annotated[int, typer.Option(help="Lowest encoder layers kept frozen (of the encoder's).")] = 3,
    encoder: Annotated[
        Optional[str],
        typer.Option(help="Base encoder of a fresh tagger: a folder or cached hub id of a BERT-family model "
                          "(default: the shipped all-MiniLM-L6-v2)."),
    ] = None,
    device: DeviceOption = "cpu",
) -> None:
    """Train the attribution tagger (the shipped one: see the README for the exact command)."""
    from .attribution.tagger import torch_device
    from .attribution.train import train_attribution as run_training

    _quiet_libraries()
    run = run_training(
        train, dev, output, epochs=epochs, batch_size=batch_size, learning_rate=learning_rate,
        head_learning_rate=head_learning_rate, seed=seed,
        start_from=start_from, frozen_layers=frozen_layers, encoder=encoder, device=torch_device(device),
        report=lambda line: errors.print(line, highlight=False),
    )
    best = run.best
    console.print(
        f"kept epoch {run.best_epoch + 1}: exact F1 source {100 * best.exact['source'].f1:.1f}, "
        f"cue {100 * best.exact['cue'].f1:.1f}, content {100 * best.exact['content'].f1:.1f} "
        f"({run.seconds / 60:.1f} min) → {output}",
        highlight=False,
    )


def _by_code(skipped: list) -> str:
    """" (2 E004, 1 E013)": how many inputs were skipped for each reason."""
    counts = Counter(item.code for item in skipped)
    return " (" + ", ".join(f"{n} {code}" for code, n in sorted(counts.items())) + ")" if counts else ""


def _chosen(**options: str | None) -> dict[str, str]:
    """The options the user gave; the others keep the pipeline's defaults."""
    return {name: value for name, value in options.items() if value is not None}


def _progress() -> Progress:
    return Progress(
        SpinnerColumn(), TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
        TimeElapsedColumn(), console=errors, transient=True,
    )


def main() -> None:  # pragma: no cover - console entry point
    sys.exit(app())


if __name__ == "__main__":  # `python -m claimledger.cli`
    main()
