"""Where the ledger loses PolNeAR points: rules against tagger, and how they combine.

    python benchmarks/attribution_loss.py cache COMPARTMENT OUT.pkl [--limit N] [--names FILE]
    python benchmarks/attribution_loss.py score CACHE.pkl COMPARTMENT [--extractor NAME ...] [--misses]
    python benchmarks/attribution_loss.py cv CACHE.pkl COMPARTMENT [--folds 4] [--seed 18]

`cache` reads the compartment's texts as `claimledger analyze` does (`read_inputs`, so the
cleaned text the ledger stores), parses them and keeps, per article, the parse and the
tagger's tag log-probabilities: everything after the network (decoding, linking, statements,
the rules, combining) is recomputed from it in seconds, so combination rules and thresholds
can be compared, or cross-validated over folds, without running the network again.

`score` builds export-shaped statements (with `<role>_fragments`, docs/export.md) for each
extractor and scores them with the independent scorer (`shared/eval/score_polnear.py`);
`--misses` breaks the combined extractor's loss down: which gold spans it misses that the
tagger alone finds, and which of its predicted spans match nothing, by the statement's origin
(rules or tagger) and the rule kind (`cue_lemma`).

`cv` chooses the default extractor's `Combination` by cross-validation over the cached texts
(PolNeAR train): for each fold, the setting with the best mean exact F1 (source, cue, content)
on the other folds is scored on it; the held-out mean is printed beside the tagger's statements
alone, and the setting best over all the texts is the one to make the default.
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import pickle
import sys
from collections import Counter
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")

ROOT = Path(__file__).resolve().parents[1]
SCORER = ROOT.parent / "shared" / "eval" / "score_polnear.py"


def load_scorer(path: Path = SCORER):
    import functools

    spec = importlib.util.spec_from_file_location("score_polnear", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    # Read a compartment's annotations once, however many exports are scored against it.
    module.load_compartment = functools.lru_cache(maxsize=4)(module.load_compartment)
    return module


# --- cache -------------------------------------------------------------------------


def build_cache(compartment: Path, out: Path, limit: int | None, names: list[str] | None) -> None:
    from spacy.tokens import DocBin

    from claimledger.attribution.tagger import load_tagger
    from claimledger.ingest import read_inputs
    from claimledger.nlp.parser import load_parser, parse_articles
    from claimledger.records import Article

    folder = compartment / "text" if (compartment / "text").is_dir() else compartment
    paths = sorted(folder.glob("*.txt"))
    if names is not None:
        wanted = set(names)
        paths = [p for p in paths if p.stem in wanted]
    if limit:
        paths = paths[:limit]
    articles = [a for a in read_inputs([str(p) for p in paths]) if isinstance(a, Article)]
    nlp = load_parser()
    tagger = load_tagger()
    docs, scores, offsets = [], [], []
    pairs = list(parse_articles(nlp, articles))
    for i in range(0, len(pairs), 16):
        chunk = [doc for _, doc in pairs[i : i + 16]]
        encodings = [tagger.encode(doc) for doc in chunk]
        for encoding, log_probs in zip(encodings, tagger.log_probs(encodings)):
            scores.append(log_probs.astype("float32"))
            offsets.append(encoding.offsets)
        docs.extend(chunk)
        print(f"{len(docs)}/{len(pairs)}", file=sys.stderr)
    data = {
        "articles": [a for a, _ in pairs],
        "docs": DocBin(store_user_data=True, docs=docs).to_bytes(),
        "scores": scores,
        "offsets": offsets,
    }
    out.write_bytes(pickle.dumps(data))


def load_cache(path: Path):
    """(article, doc, log_probs, subword offsets) per cached article."""
    from spacy.tokens import DocBin

    from claimledger.nlp.parser import load_parser

    data = pickle.loads(path.read_bytes())
    nlp = load_parser()
    docs = list(DocBin().from_bytes(data["docs"]).get_docs(nlp.vocab))
    return list(zip(data["articles"], docs, data["scores"], data["offsets"]))


# --- extraction from the cache ---------------------------------------------------------


def tagged_relations(doc, log_probs, offsets):
    from claimledger.attribution.encoding import Encoding
    from claimledger.attribution.tagger import load_tagger

    tagger = load_tagger()
    import numpy as np

    encoding = Encoding(np.zeros(len(offsets), dtype=np.int64), offsets, np.zeros((len(offsets), 1)))
    return tagger.decode(doc, encoding, log_probs)


def extract_all(cached):
    """Per article: (article, doc, ruled statements, tagged statements, tagger's Extracted)."""
    from claimledger.attribution import rules
    from claimledger.attribution.statements import relations_to_statements

    out = []
    for article, doc, log_probs, offsets in cached:
        extracted = tagged_relations(doc, log_probs, offsets)
        tagged = relations_to_statements(article, doc, list(extracted.relations))
        ruled = rules.extract_statements(article, doc)
        out.append((article, doc, ruled, tagged, extracted))
    return out


def export_of(items, pick) -> dict:
    """An export-shaped dict of the statements `pick(ruled, tagged, doc)` chooses per article."""
    from claimledger.store._rows import article_row, statement_row

    articles, statements = [], []
    for article, doc, ruled, tagged, _ in items:
        articles.append({**article_row(article), "published_at": None})
        for s in finished(doc, pick(ruled, tagged, doc)):
            row = statement_row(s)
            statements.append({k: v for k, v in row.items() if not (k.endswith("_fragments") and v is None)})
    return {"schema": "claimledger/1", "articles": articles, "statements": statements}


def extractors():
    from claimledger.attribution import combine_statements, rules

    return {
        "rules": lambda ruled, tagged, doc: ruled,
        "tagger": lambda ruled, tagged, doc: rules.finalize_statements(list(tagged)),
        "combined": lambda ruled, tagged, doc: combine_statements(ruled, tagged, doc=doc),
    }


def finished(doc, statements):
    """The statements as `get_extractor` hands them on: speakers that are no agents checked."""
    try:
        from claimledger.attribution.agents import keep_agent_speakers
    except ImportError:
        return statements
    return keep_agent_speakers(doc, statements)


def summary(metrics) -> str:
    parts = []
    for role in ("source", "cue", "content"):
        m = metrics[role]
        parts.append(f"{role} {100 * m['exact']['f1']:.1f} ({100 * m['overlap']['f1']:.1f})")
    parts.append(f"rel {100 * metrics['relations']['f1']:.1f}")
    return " | ".join(parts)


# --- loss breakdown ------------------------------------------------------------------------


def misses(items, compartment: Path, scorer) -> None:
    """Gold spans the tagger alone gets exactly and combined does not; false positives by origin."""
    from claimledger.attribution import combine_statements

    gold, _, _ = scorer.load_compartment(str(compartment))
    field = {"source": "speaker", "cue": "cue", "content": "content"}
    lost: Counter = Counter()
    wrong: Counter = Counter()
    right: Counter = Counter()
    examples: dict = {}
    for article, doc, ruled, tagged, _ in items:
        name = scorer.stem(article.source)
        if name not in gold:
            continue
        text = gold[name]["text"]
        if text != article.text:
            continue  # keep it simple: offsets differ
        ruled_ids = {id(s) for s in ruled}
        combined = finished(doc, combine_statements(ruled, tagged, doc=doc))
        origin = {}
        for s in combined:
            origin[id(s)] = "rule:" + (s.cue_lemma or "continued") if _from_rules(s, ruled) else "tagger"
        del ruled_ids
        for role in ("source", "cue", "content"):
            spans, _ = scorer.gold_spans_for(text, gold[name]["relations"], role, "fragments")
            gold_stripped = {scorer.stripped(text, g) for g in spans}

            def pieces(statements):
                found = {}
                for s in statements:
                    for frag in _fragments(s, field[role]):
                        found.setdefault(scorer.stripped(text, (frag,)), s)
                return found

            tag_found, comb_found = pieces(tagged), pieces(combined)
            for key in gold_stripped & set(tag_found) - set(comb_found):
                # which combined statement stands where the tagger's span was
                near = [s for k, s in comb_found.items() if k[0] < key[1] and key[0] < k[1]]
                why = origin[id(near[0])] if near else "dropped"
                lost[(role, _kind(why))] += 1
                examples.setdefault((role, _kind(why)), []).append(
                    (text[key[0]:key[1]][:80], [text[k[0]:k[1]][:80] for k, s in comb_found.items() if s is (near[0] if near else None)])
                )
            for key, s in comb_found.items():
                tag = origin[id(s)]
                (right if key in gold_stripped else wrong)[(role, _kind(tag))] += 1
    print("gold spans the tagger gets exactly, lost in combined (role, what stands there):")
    for key, n in lost.most_common():
        print(f"  {key}: {n}")
        for gold_text, got in examples[key][:3]:
            print(f"      gold {gold_text!r}\n      got  {got}")
    print("combined predicted spans, right / wrong exactly, by origin:")
    for key in sorted(set(right) | set(wrong)):
        print(f"  {key}: {right[key]} right, {wrong[key]} wrong")


def _kind(origin: str) -> str:
    return origin if origin in ("tagger", "dropped") else origin.split(" ")[0]


def _from_rules(statement, ruled) -> bool:
    return any(
        r.content.start == statement.content.start and r.content.end == statement.content.end
        and (r.cue and statement.cue and r.cue.start == statement.cue.start or r.cue is statement.cue)
        for r in ruled
    )


def _fragments(statement, field):
    return list(statement.fragments(field))


# --- cross-validation of the combination ------------------------------------------------------


def combinations():
    """The settings `cv` chooses among: which conventions replace the tagger's statements,
    which rule kinds may add what the tagger missed, and the confidences below which either
    side is not taken."""
    from itertools import product

    from claimledger.attribution.combine import Combination

    conventions = {
        "all": frozenset({"headline", "post", "cite", "split"}),
        "headline+post+cite": frozenset({"headline", "post", "cite"}),
        "headline": frozenset({"headline"}),
        "none": frozenset(),
    }
    adds = {
        "every": frozenset({"continued", "headline", "post", "cite", "direct", "indirect", "nested-indirect"}),
        "not-nested": frozenset({"continued", "headline", "post", "cite", "direct", "indirect"}),
        "conventions+direct": frozenset({"continued", "headline", "post", "cite", "direct"}),
        "conventions": frozenset({"continued", "headline", "post", "cite"}),
        "none": frozenset(),
    }
    for (cn, c), (an, a), floor, rule_min in product(conventions.items(), adds.items(), (0.0, 0.6), (0.0, 0.8)):
        name = f"replace={cn} add={an} tagger<{floor} rules<{rule_min}"
        yield name, Combination(tagger_min_confidence=floor, rule_min_confidence=rule_min,
                                nested_min_confidence=rule_min, conventions=c, rules_add=a)


def objective(metrics) -> float:
    return sum(metrics[role]["exact"]["f1"] for role in ("source", "cue", "content")) / 3


def cross_validate(items, compartment: Path, scorer, folds: int, seed: int) -> None:
    import random

    from claimledger.attribution import combine_statements
    from claimledger.attribution.rules import finalize_statements

    order = list(range(len(items)))
    random.Random(seed).shuffle(order)
    fold_of = {i: k % folds for k, i in enumerate(order)}
    settings = dict(combinations())
    settings["tagger alone"] = None

    def pick(how):
        if how is None:
            return lambda ruled, tagged, doc: finalize_statements(list(tagged))
        return lambda ruled, tagged, doc: combine_statements(ruled, tagged, how, doc=doc)

    def score(name, members):
        export = export_of([items[i] for i in members], pick(settings[name]))
        return scorer.score(export, str(compartment), exported_only=True)

    per_fold = {name: [score(name, [i for i in order if fold_of[i] == k]) for k in range(folds)] for name in settings}
    held_out = []
    for k in range(folds):
        # Fold k's texts weigh alike in the mean of the other folds' objectives.
        best = max(settings, key=lambda n: sum(objective(m) for j, m in enumerate(per_fold[n]) if j != k))
        held_out.append((best, per_fold[best][k]))
        print(f"fold {k}: chosen on the others: {best}\n         held out: {summary(per_fold[best][k])}")

    def mean(metrics_list, role, kind="exact"):
        return 100 * sum(m[role][kind]["f1"] for m in metrics_list) / len(metrics_list)

    chosen = [m for _, m in held_out]
    alone = per_fold["tagger alone"]
    for label, ms in (("chosen, held out", chosen), ("tagger alone", alone)):
        print(f"{label:17s} " + " | ".join(f"{r} {mean(ms, r):.1f}" for r in ("source", "cue", "content"))
              + f" | rel {100 * sum(m['relations']['f1'] for m in ms) / len(ms):.1f}")
    ranked = sorted(settings, key=lambda n: -sum(objective(m) for m in per_fold[n]))
    print("every setting, best first, mean exact F1 over the folds:")
    for name in ranked:
        print(f"  {sum(objective(m) for m in per_fold[name]) / folds * 100:.2f}  {name}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    cache = sub.add_parser("cache")
    cache.add_argument("compartment", type=Path)
    cache.add_argument("out", type=Path)
    cache.add_argument("--limit", type=int)
    cache.add_argument("--names", type=Path, help="a file of text names (stems), one a line")
    score = sub.add_parser("score")
    score.add_argument("cache", type=Path)
    score.add_argument("compartment", type=Path)
    score.add_argument("--extractor", nargs="+", default=["rules", "tagger", "combined"])
    score.add_argument("--misses", action="store_true")
    cv = sub.add_parser("cv")
    cv.add_argument("cache", type=Path)
    cv.add_argument("compartment", type=Path)
    cv.add_argument("--folds", type=int, default=4)
    cv.add_argument("--seed", type=int, default=18)
    args = parser.parse_args()
    if args.command == "cache":
        names = args.names.read_text().split() if args.names else None
        build_cache(args.compartment, args.out, args.limit, names)
        return
    scorer = load_scorer()
    items = extract_all(load_cache(args.cache))
    if args.command == "cv":
        cross_validate(items, args.compartment, scorer, args.folds, args.seed)
        return
    for name in args.extractor:
        metrics = scorer.score(export_of(items, extractors()[name]), str(args.compartment), exported_only=True)
        print(f"{name:10s} {summary(metrics)}")
    from claimledger.evaluate.ledger_spans import score_extracted
    from claimledger.evaluate.polnear import load_polnear

    names = {scorer.stem(article.source): extracted for article, _, _, _, extracted in items}
    annotated = [a for a in load_polnear(args.compartment) if a.text_name in names]
    own = score_extracted((a, names[a.text_name]) for a in annotated)
    print(f"{'tag-spans':10s} " + " | ".join(
        f"{role} {100 * own.exact[role].f1:.1f} ({100 * own.overlap[role].f1:.1f})" for role in ("source", "cue", "content")
    ) + f" | rel {100 * own.relations.f1:.1f}")
    if args.misses:
        misses(items, args.compartment, scorer)


if __name__ == "__main__":
    main()
