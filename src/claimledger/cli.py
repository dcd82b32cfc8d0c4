"""The `claimledger` command line: the only place that prints.

Every command turns a `ClaimledgerError` into one line on stderr and a
non-zero exit status; tracebacks are for bugs, not for bad input. An option
whose values are names (a stance backend, an export format, a device) lists
them in `--help` and refuses any other before the command reads anything: a
usage error, exit status 2. The names are read from the registry that holds
them, so a new backend needs no edit here.
"""

from __future__ import annotations

import logging
import os
import sys
from collections import Counter
from collections.abc import Callable
from functools import wraps
from importlib import import_module, metadata
from pathlib import Path
from time import perf_counter
from typing import Annotated, Any, Optional

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from typer.core import TyperArgument, TyperCommand, TyperGroup

from .errors import ClaimledgerError
from .registry import Registry
from .server.settings import DEFAULTS as SERVER_DEFAULTS
from .server.settings import SETTINGS

SERVER_SETTINGS = {setting.name: setting for setting in SETTINGS}
DEFAULT_LEDGER = "ledger.db"


class _Names:
    """The names an option takes, read from `module.attribute` (a `Registry`, or a
    collection of names) when a command that takes the option runs or shows its
    help, not when the CLI starts: `claimledger --version` imports no model code.

    Given as an option's `parser`, it lets a listed name through and turns any
    other into Typer's usage error. `numbered` is a name that also takes an
    index, as "cuda" takes "cuda:1"; it is listed as "cuda:N".
    """

    def __init__(self, module: str, attribute: str, *, numbered: str = "") -> None:
        self.module = module
        self.attribute = attribute
        self.numbered = numbered

    def names(self) -> list[str]:
        found = getattr(import_module(self.module, __package__), self.attribute)
        return found.names() if isinstance(found, Registry) else list(found)

    def listed(self) -> list[str]:
        """The names as help and errors list them, "cuda:N" after "cuda"."""
        listed = []
        for name in self.names():
            listed += [name, f"{name}:N"] if name == self.numbered else [name]
        return listed

    def __call__(self, value: str) -> str:
        name, _, index = value.partition(":")
        if value in self.names() or (self.numbered and name == self.numbered and index.isdigit()):
            return value
        raise typer.BadParameter(f"{value!r} is not one of {', '.join(map(repr, self.listed()))}.")


STANCE_BACKENDS = _Names(".claims.stance", "stance_backends")
EXTRACTORS = _Names(".attribution", "extractors")
EXECUTORS = _Names(".executors", "executors")
EXPORT_FORMATS = _Names(".store.export", "EXPORT_FORMATS")
TABLES = _Names(".views", "TABLES")
DEVICES = _Names(".devices", "DEVICES", numbered="cuda")
FNC1_SPLITS = _Names(".evaluate.fnc1", "SPLITS")
NLI_SPLITS = _Names(".datasets", "SPLITS")
NLI_SETS = _Names(".datasets", "DATASETS")


def _names_of(param: Any) -> _Names | None:
    # Typer keeps the `parser` an option was given among its parameter info.
    info = getattr(getattr(param, "type_descriptor", None), "parameter_info", None)
    parser = getattr(info, "parser", None)
    return parser if isinstance(parser, _Names) else None


def _for_help(params: list) -> list:
    """`params` as help shows them: an option's names as its `<a|b|c>`, an argument's
    in place of `{names}` in its help, and no `<bool>` beside a flag (it takes no value)."""
    for param in params:
        if getattr(param, "is_bool_flag", False):
            param.metavar = ""
        elif (names := _names_of(param)) is not None:
            if isinstance(param, TyperArgument):
                param.help = (param.help or "").replace("{names}", ", ".join(names.listed()))
            else:
                param.metavar = f"<{'|'.join(names.listed())}>"
    return params


class _Command(TyperCommand):
    def get_params(self, ctx: Any) -> list:
        return _for_help(super().get_params(ctx))

    def collect_usage_pieces(self, ctx: Any) -> list[str]:
        """`[OPTIONS] GOLD_FILE [INPUTS]...`: an argument as usage lines write it
        (Typer's `{GOLD_FILE}` reads as a choice of values)."""
        pieces = [self.options_metavar] if self.options_metavar else []
        for param in self.get_params(ctx):
            if isinstance(param, TyperArgument):
                name = param.display_name_raw if param.required else f"[{param.display_name_raw}]"
                pieces.append(name + ("..." if param.nargs != 1 else ""))
            else:
                pieces.extend(param.get_usage_pieces(ctx))
        return pieces


class _Group(TyperGroup):
    def get_params(self, ctx: Any) -> list:
        return _for_help(super().get_params(ctx))


class _App(typer.Typer):
    """A Typer whose commands and groups show their help as `_for_help` says."""

    def __init__(self, **settings: Any) -> None:
        super().__init__(cls=_Group, no_args_is_help=True, add_completion=False, **settings)

    def command(self, name: str | None = None, **settings: Any) -> Callable:
        settings.setdefault("cls", _Command)
        return super().command(name, **settings)


app = _App(name="claimledger", help="Turn news coverage of a contested story into a sourced ledger.")
evaluate_app = _App(help="Score the pipeline against annotated data.")
app.add_typer(evaluate_app, name="evaluate")
train_app = _App(help="Train the project's models from annotated data.")
app.add_typer(train_app, name="train")

console = Console()
errors = Console(stderr=True)


def _print_version(asked: bool) -> None:
    if asked:
        try:
            installed = metadata.version("claimledger")
        except metadata.PackageNotFoundError:  # a source tree that was never installed
            from . import __version__ as installed
        console.print(f"claimledger {installed}", highlight=False)
        raise typer.Exit()


@app.callback()
def _main(
    version: Annotated[
        bool,
        typer.Option("--version", "-V", callback=_print_version, is_eager=True, help="Print the version and exit."),
    ] = False,
) -> None:
    pass


DbOption = Annotated[
    str,
    typer.Option(
        "--db",
        help="The ledger: a SQLite file or an SQLAlchemy URL. A command that only reads it "
        "stops (E020) when there is none.",
    ),
]
DeviceOption = Annotated[
    str, typer.Option(parser=DEVICES, help="Where the model stages run (auto: on a GPU when there is one).")
]
TaggerOption = Annotated[
    Optional[str],
    typer.Option(help="Folder of a tagger from `claimledger train attribution` (default: the shipped one)."),
]
AttributionOption = Annotated[
    Optional[str],
    typer.Option(
        parser=EXTRACTORS,
        help="Attribution extractor: combined (the default: the tagger, with the rules' conventions), "
        "model (the trained tagger alone) or rules.",
    ),
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
        typer.Argument(
            metavar="INPUTS",
            help="Files, folders, URLs or feeds to ingest (none: bring the ledger's analysis up to date).",
        ),
    ] = None,
    db: DbOption = DEFAULT_LEDGER,
    batch_size: Annotated[int, typer.Option(min=1, help="Articles per batch (and per transaction).")] = 32,
    device: DeviceOption = "cpu",
    attribution: AttributionOption = None,
    tagger: TaggerOption = None,
    stance: Annotated[
        str, typer.Option(parser=STANCE_BACKENDS, help="Stance backend (its own settings: --stance-option).")
    ] = "rules",
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
    executor: Annotated[
        str, typer.Option(parser=EXECUTORS, help="Where the per-article stages run (ray: see --address).")
    ] = "local",
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
    stages = _StageClock()
    with _progress() as bar:
        articles = bar.add_task("reading and parsing articles", total=None)
        stages.start("reading and parsing articles")
        current = articles

        def progress(stage: str, count: int) -> None:
            nonlocal current
            if stage == "articles":
                bar.advance(articles, count)
                return
            # A corpus stage starts: the one before is done.
            done = bar.tasks[current].completed if current == articles else 1
            bar.update(current, total=done, completed=done)
            current = bar.add_task(stage, total=None)
            stages.start(stage)

        summary = run_pipeline(
            inputs or [], db, batch_size=batch_size, device=device, stance=stance, stance_options=stance_options,
            progress=progress, timeout=timeout,
            executor=executor, workers=workers, threads=threads, address=address, recluster=recluster,
            allow_private_addresses=allow_private_addresses, **_chosen(attribution=attribution, tagger=tagger),
        )
    stages.stop()
    errors.print(_run_table(summary, stages))
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
        f"{summary.duplicates} near-duplicate(s) linked, {summary.statements} new statement(s), "
        f"{len(summary.skipped)} input(s) skipped{_by_code(summary.skipped)} → {db}",
        highlight=False,
        soft_wrap=True,
    )
    if summary.failed:
        raise typer.Exit(2)


@app.command()
@_fails_cleanly
def export(
    db: DbOption = DEFAULT_LEDGER,
    format: Annotated[
        str,
        typer.Option(
            "--format", "-f", parser=EXPORT_FORMATS,
            help="json: one document (docs/export.md); csv, parquet: a file per table.",
        ),
    ] = "json",
    output: Annotated[
        Optional[Path],
        typer.Option("-o", "--output", help="File (json) or folder (csv, parquet); json goes to stdout without it."),
    ] = None,
) -> None:
    """Export the ledger (JSON as docs/export.md specifies, or CSV/Parquet tables)."""
    from .store import Ledger
    from .store.export import export as write_export

    with Ledger.open(db, create=False) as ledger:
        write_export(ledger, format, output)
    if output is not None:
        errors.print(f"wrote {output}", highlight=False)


@app.command()
@_fails_cleanly
def report(
    db: DbOption = DEFAULT_LEDGER,
    output: Annotated[Path, typer.Option("-o", "--output", help="HTML file to write.")] = Path("story.html"),
    title: Annotated[
        Optional[str],
        typer.Option("--title", help="The report's heading; by default the most-covered contested proposition."),
    ] = None,
) -> None:
    """Write a self-contained HTML report of the ledger."""
    from .report import write_report
    from .store import Ledger

    with Ledger.open(db, create=False) as ledger:
        path = write_report(ledger, output, title=title)
    console.print(f"wrote {path}", highlight=False)


def _setting(name: str) -> Any:
    """A `serve` option made from the server's settings table (its help; its default
    is the parameter's, read from the same table)."""
    return typer.Option(f"--{name.replace('_', '-')}", help=SERVER_SETTINGS[name].help)


@app.command()
@_fails_cleanly
def serve(
    db: DbOption = DEFAULT_LEDGER,
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
    what: Annotated[
        str, typer.Argument(metavar="WHAT", parser=TABLES, help="The table to show: {names}.")
    ] = "statements",
    db: DbOption = DEFAULT_LEDGER,
) -> None:
    """Show a table of the ledger in the terminal."""
    from .store import Ledger
    from .views import render_table

    with Ledger.open(db, create=False) as ledger:
        console.print(render_table(ledger, what))


@evaluate_app.command("gold")
@_fails_cleanly
def evaluate_gold(
    gold_file: Annotated[
        Path, typer.Argument(metavar="GOLD_FILE", help="A claimledger-gold/1 annotation, e.g. seeds.gold.json.")
    ],
    db: DbOption = DEFAULT_LEDGER,
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
    directory: Annotated[
        Path, typer.Argument(metavar="DIRECTORY", help="A PolNeAR compartment: a folder with text/ and attributions/.")
    ],
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
        extracted = attribute_texts(unique, attribution="model", device=device, **_chosen(tagger=tagger))
        found = dict(zip(unique, extracted, strict=True))
        scores = score_extracted((a, found[a.text]) for a in annotated)
        title = f"PolNeAR {directory.name}, the tagger alone (its own spans, not a ledger)"
        console.print(format_ledger_scores(scores, title))


StanceBackendOption = Annotated[
    str, typer.Option("--backend", parser=STANCE_BACKENDS, help="Stance backend (model: the trained one).")
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
DatasetsOption = Annotated[
    Optional[Path],
    typer.Option(help="The shared datasets folder (default: $CLAIMLEDGER_DATASETS or ../shared/datasets)."),
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
        str,
        typer.Option(parser=FNC1_SPLITS, help="All pairs, or the train / heldout part of the split by body id."),
    ] = "all",
    predictions: PredictionsOption = None,
    backend: StanceBackendOption = "model",
    model: StanceModelOption = None,
    llm_url: LlmUrlOption = None,
    device: DeviceOption = "cpu",
) -> None:
    """Score the stance engine on FNC-1 pairs: FNC score (% of max), macro-F1, per-class F1, confusion."""
    from .claims.stance.classifier import TextPair
    from .evaluate.fnc1 import read_fnc1
    from .evaluate.stances import format_label_scores, score_fnc, summary_line

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
        Path,
        typer.Argument(
            metavar="FILE", help="An Emergent CSV (claimHeadline, articleHeadline, articleHeadlineStance, claimId)."
        ),
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
    dataset: Annotated[str, typer.Argument(metavar="DATASET", parser=NLI_SETS, help="A shared set: {names}.")],
    split: Annotated[
        Optional[str],
        typer.Option(parser=NLI_SPLITS, help="heldout (default), train or all; anli-dev-EVAL-ONLY is scored whole."),
    ] = None,
    model: Annotated[
        Optional[Path],
        typer.Option(help="Folder from `claimledger train nli` (default: the shipped claims/nli_weights)."),
    ] = None,
    datasets: DatasetsOption = None,
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
    datasets: DatasetsOption = None,
    checkpoint_minutes: Annotated[float, typer.Option(help="Minutes between checkpoints.")] = 5.0,
    seed: Annotated[int, typer.Option(help="Random seed of the mix and the batch order.")] = 0,
    max_steps: Annotated[
        Optional[int],
        typer.Option(help="Stop after this many steps of this call, checkpointing first (go on with --resume)."),
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
        f"{state} at step {run.step}/{run.total_steps} ({run.pairs} pairs per epoch) "
        f"in {run.seconds / 60:.1f} min → {output}",
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


class _StageClock:
    """How long each stage of a run took, from when each started to when the next did."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = {}
        self._stage: str | None = None
        self._since = 0.0

    def start(self, stage: str) -> None:
        self.stop()
        self._stage, self._since = stage, perf_counter()

    def stop(self) -> None:
        if self._stage is not None:
            self.seconds[self._stage] = self.seconds.get(self._stage, 0.0) + perf_counter() - self._since
        self._stage = None


def _run_table(summary: Any, stages: _StageClock) -> Any:
    """What an `analyze` run did, and what the ledger holds after it, as a table."""
    from rich.table import Table

    table = Table(title="analyze", show_header=False, title_justify="left", box=None, padding=(0, 2))
    table.add_column(justify="right")
    table.add_column()
    rows = [
        (summary.added, "articles added"),
        (summary.already_known, "already in the ledger"),
        (summary.duplicates, "near-duplicates linked"),
        (len(summary.skipped), "inputs skipped"),
        (sum(summary.not_analysed.values()), "stored, not analysed (language)"),
        (summary.statements, "new statements"),
        (summary.propositions, "propositions in the ledger"),
        (summary.contradictions, "contradictions in the ledger"),
    ]
    for count, what in rows:
        table.add_row(f"{count:,}", what)
    for stage, seconds in stages.seconds.items():
        table.add_row(f"{seconds:.1f} s", stage)
    return table


def _progress() -> Progress:
    return Progress(
        SpinnerColumn(), TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
        TimeElapsedColumn(), console=errors, transient=True,
    )


def main() -> None:  # pragma: no cover - console entry point
    sys.exit(app())


if __name__ == "__main__":  # `python -m claimledger.cli`
    main()
