"""Articles per second of the default per-article stages against bare spaCy parsing.

    python benchmarks/attribution_throughput.py [POLNEAR_COMPARTMENT] [--attribution NAME ...]

Every run takes the same texts (every text of the compartment, default
../shared/datasets/polnear/dev) on CPU, after models are loaded and warmed up,
so each ratio is the cost of attribution, time and mention extraction on top
of the parse. By default the default extractor (combined) is timed, then the
tagger alone and the rules alone.
"""

from __future__ import annotations

import argparse
import os
import platform
import time
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DIR = ROOT.parent / "shared" / "datasets" / "polnear" / "dev"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("directory", nargs="?", type=Path, default=DEFAULT_DIR)
    parser.add_argument("--attribution", nargs="+", default=["combined", "model", "rules"])
    parser.add_argument("--batch-size", type=int, default=32)
    args = parser.parse_args()

    import torch

    from claimledger.attribution import get_extractor
    from claimledger.nlp.parser import load_parser
    from claimledger.pipeline import analyze_articles
    from claimledger.records import Article, article_id

    texts = [p.read_text(encoding="utf-8") for p in sorted((args.directory / "text").glob("*.txt"))]
    articles = [Article(id=article_id(t), source=f"text-{i}", text=t) for i, t in enumerate(texts)]
    words = sum(len(t.split()) for t in texts)
    nlp = load_parser()
    for name in args.attribution:  # load, cache and warm up every extractor before timing
        get_extractor(name)
        list(analyze_articles(articles[:2], attribution=name))

    started = time.perf_counter()
    for _ in nlp.pipe(texts, batch_size=args.batch_size):
        pass
    bare = time.perf_counter() - started

    machine = platform.processor() or platform.machine()
    print(f"machine: {machine}, {os.cpu_count()} CPUs, torch threads {torch.get_num_threads()}")
    print(f"texts: {len(texts)} from {args.directory} ({words} words)")
    print(f"{'bare spaCy parse':28s} {len(texts) / bare:6.2f} articles/s  ({bare:.1f} s)")
    for name in args.attribution:
        started = time.perf_counter()
        statements = sum(
            len(p.statements) for p in analyze_articles(articles, attribution=name, batch_size=args.batch_size)
        )
        full = time.perf_counter() - started
        print(
            f"{'pipeline, ' + name + ' extractor':28s} {len(texts) / full:6.2f} articles/s  ({full:.1f} s, "
            f"{statements} statements, {full / bare:.2f}x the bare parse's time)"
        )


if __name__ == "__main__":
    main()
