"""Scale benchmarks: throughput, parallelism, Ray, memory, incremental runs, GPU, in one run.

    python benchmarks/scale.py [--limit N] [--only NAME ...] [--polnear DIR]

Every figure is a ratio against a baseline measured in the same run on the
same texts (PolNeAR train, 840 articles; `--limit N` takes the first N):

- overhead     end-to-end `analyze` (default pipeline, in one process on every
               core, into a new SQLite ledger) against the bare model passes
               it runs, on every core too: spaCy parsing, the tagger's encoder
               forward pass and the sentence encoder over the statements;
               target: overhead <= 30%
- textacy      the same texts through spaCy + textacy's `direct_quotations`
               (the rule-based anchor) against `analyze` with its default
               workers; target: claimledger no slower
- workers      `--workers 2` against `--workers 1` (a worker is one core;
               models loaded first), and against one process on every core
               (`--workers 1 --threads <cores>`, what the default runs for a
               small input); target: >= 1.7x on 2 cores
- ray          `--executor ray --workers W` against `--workers W` locally, both
               starting their workers cold; target: >= 0.8x, same statements
- memory       peak RSS of `analyze` on 1x and 10x the texts (the copies
               changed enough that near-duplicate detection keeps them);
               target: growth <= 1.2x
- incremental  10 new articles into a ledger of 1,000 (scaled down with
               --limit) against a full rebuild; target: <= 5% of its time.
               `--grown-ledger DB` starts from a copy of a ledger that already
               holds the 1,000 (from `--keep`, or an earlier claimledger):
               building it is not measured and takes as long as the rebuild;
               its analysis is first redone in full by this claimledger
- gpu          the model stages on CPU and on GPU, where there is one

It ends with a block to paste into benchmarks/RESULTS.md. The figures are only
comparable when nothing else runs on the machine: `uptime` is printed first.
"""

from __future__ import annotations

import argparse
import os
import platform
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
os.environ.setdefault("TRANSFORMERS_VERBOSITY", "error")
os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_POLNEAR = ROOT.parent / "shared" / "datasets" / "polnear"
BENCHMARKS = ("overhead", "textacy", "workers", "ray", "memory", "incremental", "gpu")
_WORD = re.compile(r"(\S+\s+)")


# --- the corpus ---------------------------------------------------------------------


def polnear_texts(polnear: Path, compartments: tuple[str, ...] = ("train", "dev")) -> list[str]:
    return [p.read_text(encoding="utf-8") for c in compartments for p in sorted((polnear / c / "text").glob("*.txt"))]


def variant(text: str, copy: int) -> str:
    """Copy number `copy` of `text`: a marker word after every seventh word, so that
    no five-word shingle survives and near-duplicate detection keeps it as new."""
    if copy == 0:
        return text
    pieces = _WORD.split(text)
    words = [p for p in pieces if p]
    marked = [w + (f"v{copy} " if i % 7 == 6 and w.endswith(" ") else "") for i, w in enumerate(words)]
    return "".join(marked)


def corpus(base: list[str], count: int, start: int = 0) -> list[str]:
    """`count` texts from `base`, then changed copies of it, beginning at text `start`."""
    return [variant(base[i % len(base)], i // len(base)) for i in range(start, start + count)]


def write_folder(texts: list[str], folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for i, text in enumerate(texts):
        (folder / f"{i:06d}.txt").write_text(text, encoding="utf-8")
    return folder


# --- measuring ----------------------------------------------------------------------


@dataclass
class Results:
    lines: list[str] = field(default_factory=list)
    rows: list[tuple[str, str, str, str]] = field(default_factory=list)  # benchmark, measured, ratio, target

    def say(self, line: str) -> None:
        print(line, flush=True)
        self.lines.append(line)

    def row(self, name: str, measured: str, ratio: str, target: str) -> None:
        self.rows.append((name, measured, ratio, target))
        self.say(f"  => {name}: {measured}; {ratio} (target {target})")


def timed(run: Callable[[], object]) -> float:
    started = time.perf_counter()
    run()
    return time.perf_counter() - started


def analyze_folder(folder: Path, db: Path, **options) -> tuple[float, float, object]:
    """Seconds for the whole run and for its per-article stages alone, and the run's summary."""
    from claimledger.pipeline import analyze

    marks: dict[str, float] = {}
    started = time.perf_counter()

    def progress(stage: str, _count: int) -> None:
        if stage == "corpus":
            marks["corpus"] = time.perf_counter()

    summary = analyze([str(folder)], str(db), progress=progress, **options)
    ended = time.perf_counter()
    return ended - started, marks.get("corpus", ended) - started, summary


def statements_of(db: Path) -> list[dict]:
    from claimledger.store import Ledger, ledger_to_dict

    with Ledger.open(db, create=False) as ledger:
        return ledger_to_dict(ledger)["statements"]


# --- the benchmarks ---------------------------------------------------------------------


def bench_overhead(texts: list[str], work: Path, out: Results) -> None:
    """End-to-end articles/s of the default pipeline, and its overhead beyond the bare model passes."""
    from claimledger.attribution.tagger import load_tagger
    from claimledger.claims import SentenceEncoder, proposition_texts, split_claims
    from claimledger.nlp.parser import load_parser
    from claimledger.store import Ledger

    folder = write_folder(texts, work / "overhead")
    warm = write_folder(texts[:2], work / "warm")
    analyze_folder(warm, work / "warm.db")  # load and cache every model first
    # In this process on every core, as the bare passes below run.
    total, per_article, summary = analyze_folder(folder, work / "overhead.db", workers=1, threads=every_core())

    nlp, tagger, encoder = load_parser(), load_tagger(), SentenceEncoder()
    with Ledger.open(work / "overhead.db", create=False) as ledger:
        units = proposition_texts([u for s in ledger.statements() for u in split_claims(s)])
    encoder.encode(units[:8])
    docs: list = []
    parse = timed(lambda: docs.extend(nlp.pipe(texts, batch_size=32)))
    forward = timed(lambda: tagger.log_probs([tagger.encode(doc) for doc in docs]))
    embed = timed(lambda: encoder.encode(units))
    bare = parse + forward + embed
    n = len(texts)
    out.say(f"overhead: {n} texts, {summary.statements} statements, {len(units)} claim units")
    out.say(f"  bare passes: parse {parse:.1f} s + tagger forward {forward:.1f} s + sentence encoder {embed:.1f} s "
            f"= {bare:.1f} s ({n / bare:.2f} articles/s)")
    out.say(f"  claimledger analyze: {total:.1f} s ({n / total:.2f} articles/s; "
            f"per-article stages {per_article:.1f} s, corpus stages {total - per_article:.1f} s)")
    out.row("end-to-end vs bare model passes", f"{n / total:.2f} vs {n / bare:.2f} articles/s",
            f"overhead {100 * (total / bare - 1):.0f}%", "<= 30%")


def bench_textacy(texts: list[str], work: Path, out: Results) -> None:
    """spaCy + textacy's direct_quotations on one process, against claimledger's end-to-end rate
    with its default workers."""
    try:
        from textacy.extract.triples import direct_quotations
    except ImportError:
        out.say("textacy: not installed (pip install -e '.[bench]'); skipped")
        return
    import spacy

    from claimledger.nlp.parser import DEFAULT_MODEL

    nlp = spacy.load(DEFAULT_MODEL)  # the plain pipeline, as textacy's users run it
    list(nlp.pipe(texts[:2]))
    found = refused = 0

    def run() -> None:
        nonlocal found, refused
        for doc in nlp.pipe(texts, batch_size=32):
            try:
                found += sum(1 for _ in direct_quotations(doc))
            except ValueError:  # "unclosed quotation": textacy gives up on the whole text
                refused += 1

    seconds = timed(run)
    rate = len(texts) / seconds
    out.say(f"textacy direct_quotations: {rate:.2f} articles/s ({seconds:.1f} s, {found} quotations, "
            f"{refused} texts refused for an unclosed quotation mark)")
    analyze_folder(write_folder(texts[:2], work / "warm"), work / "warm-textacy.db")
    ours = len(texts) / analyze_folder(write_folder(texts, work / "textacy"), work / "textacy.db")[0]
    out.row("claimledger vs textacy direct_quotations", f"{ours:.2f} vs {rate:.2f} articles/s",
            f"{ours / rate:.2f}x", ">= 1.0x")


def bench_workers(texts: list[str], work: Path, out: Results) -> None:
    from claimledger.executors import ProcessExecutor

    folder = write_folder(texts, work / "workers")
    analyze_folder(write_folder(texts[:2], work / "warm"), work / "warm-w1.db", workers=1)
    one, one_articles, _ = analyze_folder(folder, work / "w1.db", workers=1)
    cores = every_core()
    _, every_articles, _ = analyze_folder(folder, work / "every.db", workers=1, threads=cores)
    with ProcessExecutor(2) as pool:
        analyze_folder(write_folder(texts[2:6], work / "warm-pool"), work / "warm-w2.db", executor=pool)
        two, two_articles, _ = analyze_folder(folder, work / "w2.db", executor=pool)
    same = statements_of(work / "w1.db") == statements_of(work / "w2.db") == statements_of(work / "every.db")
    n = len(texts)
    out.say(f"workers: --workers 1 {n / one:.2f} articles/s ({one:.1f} s; per-article stages {one_articles:.1f} s), "
            f"--workers 2 {n / two:.2f} articles/s ({two:.1f} s; per-article stages {two_articles:.1f} s), "
            f"one process on {cores} cores: per-article stages {every_articles:.1f} s; same statements: {same}")
    out.row("--workers 2 vs --workers 1 (a worker is one core), per-article stages",
            f"{one_articles:.1f} s vs {two_articles:.1f} s", f"{one_articles / two_articles:.2f}x", ">= 1.7x")
    out.row(f"--workers 2 vs one process on {cores} cores (--threads {cores}), per-article stages",
            f"{every_articles:.1f} s vs {two_articles:.1f} s", f"{every_articles / two_articles:.2f}x",
            "(torch's threads against processes)")
    out.row("--workers 2 vs --workers 1, end to end", f"{one:.1f} s vs {two:.1f} s", f"{one / two:.2f}x",
            "(corpus stages run once)")


def bench_ray(texts: list[str], workers: int, work: Path, out: Results) -> None:
    try:
        import ray
    except ImportError:
        out.say("ray: not installed (pip install -e '.[ray]'); skipped")
        return
    from claimledger.executors import ProcessExecutor, RayExecutor

    folder = write_folder(texts, work / "ray")
    ray.init(num_cpus=os.cpu_count(), include_dashboard=False, log_to_driver=False, logging_level="ERROR")
    try:
        with ProcessExecutor(workers) as pool:
            local, local_articles, _ = analyze_folder(folder, work / "local.db", executor=pool)
        on_ray, ray_articles, _ = analyze_folder(folder, work / "ray.db", executor=RayExecutor(workers))
    finally:
        ray.shutdown()
    same = statements_of(work / "local.db") == statements_of(work / "ray.db")
    n = len(texts)
    out.say(f"ray: local --workers {workers} {n / local:.2f} articles/s ({local:.1f} s), "
            f"ray --workers {workers} {n / on_ray:.2f} articles/s ({on_ray:.1f} s), identical statements: {same}")
    out.row(f"Ray vs local, --workers {workers}, workers started cold",
            f"{n / on_ray:.2f} vs {n / local:.2f} articles/s", f"{local / on_ray:.2f}x, statements identical: {same}",
            ">= 0.8x, identical")


_PEAK_CHILD = """
import sys, threading, time
from claimledger.pipeline import analyze

def rss():
    with open("/proc/self/status") as status:
        return next(int(line.split()[1]) for line in status if line.startswith("VmRSS:")) / 1024

peak = {"now": 0.0}
def sample():
    while True:
        peak["now"] = max(peak["now"], rss())
        time.sleep(0.2)

threading.Thread(target=sample, daemon=True).start()

def progress(stage, _count):
    if stage == "corpus":
        print("per-article", max(peak["now"], rss()), flush=True)

analyze([sys.argv[1]], sys.argv[2], progress=progress, workers=1)  # this process's memory is the run's
print("whole", max(peak["now"], rss()), flush=True)
"""


def peak_rss_mib(folder: Path, db: Path) -> tuple[float | None, float | None, str]:
    """Peak resident memory (MiB) of `analyze` in a process of its own: during the
    per-article stages, and over the whole run (None when it did not get there)."""
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT / "src"), os.environ.get("PYTHONPATH", "")])}
    done = subprocess.run([sys.executable, "-c", _PEAK_CHILD, str(folder), str(db)], capture_output=True, text=True,
                          env=env)
    found = dict(line.split() for line in done.stdout.splitlines() if line.startswith(("per-article", "whole")))
    error = "" if done.returncode == 0 else (done.stderr.strip().splitlines() or [f"exit {done.returncode}"])[-1]
    return (float(found["per-article"]) if "per-article" in found else None,
            float(found["whole"]) if "whole" in found else None, error)


def bench_memory(texts: list[str], factor: int, work: Path, out: Results) -> None:
    sizes = {1: texts, factor: corpus(texts, factor * len(texts))}
    peaks = {}
    for times, batch in sizes.items():
        peaks[times] = peak_rss_mib(write_folder(batch, work / f"x{times}"), work / f"x{times}.db")
        article, whole, error = peaks[times]
        out.say(f"memory, {times}x ({len(batch)} texts): peak RSS {article or 0:.0f} MiB in the per-article stages, "
                f"{whole or 0:.0f} MiB over the whole run" + (f"; FAILED: {error}" if error else ""))
    for phase, index in (("per-article stages", 0), ("whole run", 1)):
        one, many = peaks[1][index], peaks[factor][index]
        if one and many:
            out.row(f"peak memory, {factor}x vs 1x the corpus, {phase}", f"{one:.0f} MiB vs {many:.0f} MiB",
                    f"{many / one:.2f}x", "<= 1.2x")
        else:
            out.row(f"peak memory, {factor}x vs 1x the corpus, {phase}", "run failed", "-", "<= 1.2x")


def bench_incremental(base: list[str], size: int, new: int, work: Path, out: Results,
                      grown: Path | None = None) -> None:
    old, fresh = corpus(base, size), corpus(base, new, start=size)
    old_folder, new_folder = write_folder(old, work / "old"), write_folder(fresh, work / "new")
    analyze_folder(write_folder(base[:2], work / "warm"), work / "warm-inc.db")
    if grown is None:
        analyze_folder(old_folder, work / "grown.db")
    else:
        start_from(grown, old_folder, work / "grown.db")
    added, added_articles, _ = analyze_folder(new_folder, work / "grown.db")
    both = write_folder(old + fresh, work / "all")
    full, full_articles, _ = analyze_folder(both, work / "rebuilt.db")
    out.say(f"incremental: {new} new into {size}: {added:.1f} s (per-article {added_articles:.1f} s, corpus "
            f"{added - added_articles:.1f} s); full rebuild of {size + new}: {full:.1f} s (per-article "
            f"{full_articles:.1f} s, corpus {full - full_articles:.1f} s)")
    out.row(f"{new} new articles into a {size}-article ledger vs a full rebuild", f"{added:.1f} s vs {full:.1f} s",
            f"{100 * added / full:.1f}%", "<= 5%")


def start_from(ledger: Path, folder: Path, db: Path) -> None:
    """`db` as a copy of `ledger`, checked to hold the articles of `folder`, its analysis redone in full."""
    from claimledger.pipeline import analyze

    shutil.copy(ledger, db)
    summary = analyze([str(folder)], str(db), recluster=True)
    if summary.added:
        raise SystemExit(f"--grown-ledger {ledger} lacks {summary.added} of the {len(list(folder.iterdir()))} texts")


def bench_gpu(texts: list[str], out: Results) -> None:
    import torch

    if not torch.cuda.is_available():
        out.say("gpu: no GPU here (torch.cuda.is_available() is False); CPU vs GPU not measured")
        out.rows.append(("model stages, GPU vs CPU", "no GPU here", "-", "-"))
        return
    from claimledger.pipeline import ArticleStage
    from claimledger.records import Article, article_id

    articles = [Article(id=article_id(t), source=f"text-{i}", text=t) for i, t in enumerate(texts)]
    rates = {}
    for device in ("cpu", "cuda"):
        stage = ArticleStage(device=device)
        stage.load()
        stage(articles[:2])
        rates[device] = len(texts) / timed(lambda: stage(articles))
    out.row("per-article model stages, GPU vs CPU", f"{rates['cuda']:.2f} vs {rates['cpu']:.2f} articles/s",
            f"{rates['cuda'] / rates['cpu']:.2f}x", "(faster on GPU)")


def every_core() -> int:
    from claimledger.executors.local import available_cores

    return available_cores()


# --- the run ----------------------------------------------------------------------------


def machine() -> str:
    import torch

    memory = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    gpu = torch.cuda.get_device_name(0) if torch.cuda.is_available() else "no GPU"
    return (f"{platform.machine()}, {os.cpu_count()} CPUs, {memory:.0f} GiB, torch {torch.__version__}, {gpu}, "
            f"Python {platform.python_version()}")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=None, help="only the first N PolNeAR train texts")
    parser.add_argument("--only", nargs="+", choices=BENCHMARKS, default=list(BENCHMARKS))
    parser.add_argument("--polnear", type=Path, default=DEFAULT_POLNEAR)
    parser.add_argument("--ray-workers", type=int, default=2)
    parser.add_argument("--memory-factor", type=int, default=10, help="how many times the corpus the memory run takes")
    parser.add_argument("--keep", type=Path, default=None, help="keep the ledgers in this folder")
    parser.add_argument("--grown-ledger", type=Path, default=None,
                        help="incremental: start from a copy of this ledger of the same texts instead of building it")
    args = parser.parse_args(argv)

    import logging

    logging.basicConfig(level=logging.ERROR)
    train = polnear_texts(args.polnear, ("train",))
    texts = train[: args.limit] if args.limit else train
    out = Results()
    load = os.getloadavg()
    out.say(f"machine: {machine()}")
    out.say(f"load average at start: {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}; texts: {len(texts)} PolNeAR train")

    work = Path(tempfile.mkdtemp(prefix="claimledger-bench-", dir=args.keep))
    try:
        for name in args.only:
            folder = work / name
            folder.mkdir()
            if name == "overhead":
                bench_overhead(texts, folder, out)
            elif name == "textacy":
                bench_textacy(texts, folder, out)
            elif name == "workers":
                bench_workers(texts, folder, out)
            elif name == "ray":
                bench_ray(texts, args.ray_workers, folder, out)
            elif name == "memory":
                bench_memory(texts, args.memory_factor, folder, out)
            elif name == "incremental":
                size = 1000 if args.limit is None else len(texts)
                bench_incremental(polnear_texts(args.polnear), size, max(1, size // 100), folder, out,
                                  args.grown_ledger)
            elif name == "gpu":
                bench_gpu(texts, out)
    finally:
        if args.keep is None:
            shutil.rmtree(work, ignore_errors=True)
    load = os.getloadavg()
    out.say(f"load average at end: {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}")
    print("\n--- paste into benchmarks/RESULTS.md ---")
    print(f"Machine: {machine()}. `python benchmarks/scale.py{' --limit ' + str(args.limit) if args.limit else ''}`, "
          f"{len(texts)} PolNeAR train texts, load average {load[0]:.2f} at the end.\n")
    print("| benchmark | measured | ratio | target |\n|---|---|---|---|")
    for row in out.rows:
        print("| " + " | ".join(row) + " |")


if __name__ == "__main__":
    main()
