"""Scoring a ledger's JSON export against a PolNeAR compartment, span by span.

This is what `claimledger evaluate polnear` prints: the statements the default
pipeline stored, read from the export as any user of it reads them, under the
matching rules of the independent scorer the people steering run
(`shared/eval/score_polnear.py`), so the two print the same figures:

- Export articles are paired with texts by the file-name stem of their `source`.
  Every annotated text counts; one missing from the export counts as all misses.
- Gold: the first annotation file of a text in sort order (`NAME_<annotator>.ann`).
  A relation's `Content2` is a fragment of its content. Fragments that only
  whitespace and punctuation separate are joined; each remaining fragment of a
  discontinuous span is a span of its own; spans are de-duplicated per text and
  role.
- Prediction: each statement's speaker, cue and content span, or its
  `<role>_fragments` where it has them (`attributions.export_span`), each
  fragment a span of its own, de-duplicated. Offsets refer to the export
  article's `text`; where that differs from the file (boilerplate lines the
  cleaner took out), each piece's text is looked up in the file at the
  occurrence nearest the offset carried over by aligning the lines of the two
  texts.
- Exact: a predicted span equals a gold span once surrounding whitespace and
  punctuation are stripped from both (one to one). Overlap: shared characters
  over the length of the shorter span at least 0.5, paired one to one,
  best first.
- Relations: a statement matches a gold relation when their contents overlap
  (0.5, as above) and the gold relation has no source or the statement's
  speaker shares a character with it; one to one, best overlap first.

Where the figures can differ from the independent scorer's: annotation spans
are read with surrounding blanks trimmed (`polnear.load_polnear`), which moves
an overlap ratio by a character at most, and a piece whose text is not in the
file at all is dropped here (it matches nothing), where the independent scorer
estimates both its ends and keeps it as a prediction; neither happened on dev.

`attributions.score_attributions` (the tagger's own spans, the seeds gold) keeps
its own, older rules: every annotation is a document, exact means the same
offsets, overlap any shared character.
"""

from __future__ import annotations

import bisect
import difflib
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from rich.table import Table

from ..records import ATTRIBUTION_ROLES, Extracted, Fragments, Offsets
from .attributions import export_span, span_scores_table
from .metrics import PRF
from .polnear import AnnotatedText

THRESHOLD = 0.5
"""Shared characters / length of the shorter span for two spans to overlap."""

_FIELDS = {"source": "speaker", "cue": "cue", "content": "content"}


@dataclass(frozen=True, slots=True)
class LedgerSpanScores:
    """Per-role exact and overlap precision/recall/F1, and relations, over `texts` texts."""

    exact: dict[str, PRF]
    overlap: dict[str, PRF]
    relations: PRF
    texts: int = 0
    missing: int = 0


def first_annotations(annotated: Iterable[AnnotatedText]) -> dict[str, AnnotatedText]:
    """Text name → its annotation that sorts first (`harbor_ab12` before `harbor_cd34`)."""
    chosen: dict[str, AnnotatedText] = {}
    for a in sorted(annotated, key=lambda a: a.name):
        chosen.setdefault(text_name(a), a)
    return chosen


def text_name(annotated: AnnotatedText) -> str:
    return annotated.text_name or annotated.name


def stem(source: str | None) -> str:
    base = (source or "").replace("\\", "/").rstrip("/").split("/")[-1]
    return base[:-4] if base.endswith(".txt") else base.rsplit(".", 1)[0]


def _is_trim(ch: str) -> bool:
    return ch.isspace() or unicodedata.category(ch).startswith("P")


def _joined(text: str, fragments: Sequence[Offsets]) -> Fragments:
    out = [fragments[0]]
    for start, end in fragments[1:]:
        if start <= out[-1][1] or all(_is_trim(c) for c in text[out[-1][1] : start]):
            out[-1] = (out[-1][0], max(out[-1][1], end))
        else:
            out.append((start, end))
    return tuple(out)


def _stripped(text: str, span: Offsets) -> Offsets:
    start, end = span[0], min(span[1], len(text))
    while start < end and _is_trim(text[start]):
        start += 1
    while end > start and _is_trim(text[end - 1]):
        end -= 1
    return start, end


def _length(frags: Fragments) -> int:
    return sum(e - s for s, e in frags)


def _shared(a: Fragments, b: Fragments) -> int:
    return sum(max(0, min(ae, be) - max(as_, bs)) for as_, ae in a for bs, be in b)


def _ratio(a: Fragments, b: Fragments) -> float:
    shorter = min(_length(a), _length(b)) if a and b else 0
    return _shared(a, b) / shorter if shorter > 0 else 0.0


def _greedy(pairs: Iterable[tuple[float, int, int]]) -> int:
    used_gold: set[int] = set()
    used_pred: set[int] = set()
    for _, gi, pi in sorted(pairs, key=lambda p: (-p[0], p[1], p[2])):
        if gi not in used_gold and pi not in used_pred:
            used_gold.add(gi)
            used_pred.add(pi)
    return len(used_gold)


# --- offsets of a cleaned text in its file ------------------------------------------


def _lines(text: str) -> list[tuple[str, int]]:
    found, pos = [], 0
    for line in text.splitlines(keepends=True):
        if line.strip():
            found.append((line.strip(), pos + len(line) - len(line.lstrip())))
        pos += len(line)
    return found


def _carry_over(src: str, dst: str) -> Callable[[int], int]:
    """x → where offset x of `src` lies in `dst`, by the shift of the last equal line before it."""
    a, b = _lines(src), _lines(dst)
    matcher = difflib.SequenceMatcher(None, [s for s, _ in a], [s for s, _ in b], autojunk=False)
    anchors = [(a[i + k][1], b[j + k][1]) for i, j, n in matcher.get_matching_blocks() for k in range(n)]
    keys = [x for x, _ in anchors]

    def carry(x: int) -> int:
        if not anchors:
            return x
        src_at, dst_at = anchors[max(bisect.bisect_right(keys, x) - 1, 0)]
        return x + dst_at - src_at

    return carry


def _nearest(text: str, piece: str, near: int) -> Offsets | None:
    for candidate in (piece, piece.strip()):
        if not candidate:
            continue
        best, i = None, text.find(candidate)
        while i != -1:
            if best is None or abs(i - near) < abs(best - near):
                best = i
            i = text.find(candidate, i + 1)
        if best is not None:
            return best, best + len(candidate)
    return None


# --- scoring -------------------------------------------------------------------------


def _predicted(article: Mapping[str, Any], statements: Sequence[Mapping[str, Any]], file_text: str):
    """Per statement, {role: fragments in file offsets, or () where absent or not found}."""
    text = article.get("text") or ""
    carry = _carry_over(text, file_text) if text != file_text else None
    found = []
    for s in statements:
        spans: dict[str, Fragments] = {}
        for role, field in _FIELDS.items():
            pieces = export_span(s, field)
            if carry is not None:
                pieces = tuple(
                    p for p in (_nearest(file_text, text[start:end], carry(start)) for start, end in pieces)
                    if p is not None
                )
            spans[role] = pieces
        found.append(spans)
    return found


def score_export(export: Mapping[str, Any], annotated: Iterable[AnnotatedText]) -> LedgerSpanScores:
    """Score the statements of a JSON export (docs/export.md) against a PolNeAR compartment."""
    gold = first_annotations(annotated)
    by_article: dict[str, list[Mapping[str, Any]]] = {}
    for s in export.get("statements") or []:
        by_article.setdefault(s.get("article_id"), []).append(s)
    articles: dict[str, Mapping[str, Any]] = {}
    for a in export.get("articles") or []:
        name = stem(a.get("source"))
        if name in gold and (name not in articles or articles[name].get("duplicate_of") is not None):
            articles[name] = a

    def texts() -> Iterator[tuple[AnnotatedText, Prediction | None]]:
        for name, truth in gold.items():
            article = articles.get(name)
            if article is None:
                yield truth, None
                continue
            relations = _predicted(article, by_article.get(article["id"], []), truth.text)
            yield truth, (_spans_of(relations), relations)

    return score_predictions(texts())


def score_extracted(pairs: Iterable[tuple[AnnotatedText, Extracted]]) -> LedgerSpanScores:
    """The same figures for an extractor's own spans and relations (the tagger alone: its
    spans of each role, linked into a relation or not), against the first annotation of each text."""
    pairs = list(pairs)
    found = {text_name(a): extracted for a, extracted in pairs}

    def prediction(extracted: Extracted) -> Prediction:
        relations = [{role: r.role(role) for role in ATTRIBUTION_ROLES} for r in extracted.relations]
        spans = {role: [(f,) for f in extracted.role_spans(role)] for role in ATTRIBUTION_ROLES}
        return spans, relations

    return score_predictions(
        (truth, prediction(found[name]) if name in found else None)
        for name, truth in first_annotations(a for a, _ in pairs).items()
    )


Prediction = tuple[dict[str, list[Fragments]], list[dict[str, Fragments]]]
"""What was found in one text: each role's spans, and the relations (role → fragments)."""


def _spans_of(relations: Sequence[Mapping[str, Fragments]]) -> dict[str, list[Fragments]]:
    return {role: [(f,) for r in relations for f in r[role]] for role in ATTRIBUTION_ROLES}


def score_predictions(texts: Iterable[tuple[AnnotatedText, Prediction | None]]) -> LedgerSpanScores:
    """Score what was found in each text (None: the text is missing) against its annotation."""
    tallies = {kind: {role: [0, 0, 0] for role in ATTRIBUTION_ROLES} for kind in ("exact", "overlap")}
    relations = [0, 0, 0]
    n_texts = missing = 0
    for truth, prediction in texts:
        n_texts += 1
        missing += prediction is None
        spans, predicted = prediction or ({role: [] for role in ATTRIBUTION_ROLES}, [])
        text = truth.text
        for role in ATTRIBUTION_ROLES:
            gold_spans = sorted({
                (fragment,) for r in truth.relations if r.role(role) for fragment in _joined(text, r.role(role))
            })
            pred_spans = list(dict.fromkeys(spans[role]))
            gold_keys = [_stripped(text, g[0]) for g in gold_spans]
            exact, overlapping = [], []
            for pi, p in enumerate(pred_spans):
                key = _stripped(text, p[0])
                for gi, g in enumerate(gold_spans):
                    if key == gold_keys[gi]:
                        exact.append((1.0, gi, pi))
                    ratio = _ratio(p, g)
                    if ratio >= THRESHOLD:
                        overlapping.append((ratio, gi, pi))
            for kind, pairs in (("exact", exact), ("overlap", overlapping)):
                tally = tallies[kind][role]
                tally[0] += _greedy(pairs)
                tally[1] += len(pred_spans)
                tally[2] += len(gold_spans)
        with_content = [r for r in truth.relations if r.content]
        pairs = []
        for gi, g in enumerate(with_content):
            for pi, p in enumerate(predicted):
                ratio = _ratio(p["content"], g.content)
                if ratio >= THRESHOLD and (not g.source or _shared(p["source"], g.source) > 0):
                    pairs.append((ratio, gi, pi))
        relations[0] += _greedy(pairs)
        relations[1] += len(predicted)
        relations[2] += len(with_content)
    return LedgerSpanScores(
        exact={role: PRF(*t) for role, t in tallies["exact"].items()},
        overlap={role: PRF(*t) for role, t in tallies["overlap"].items()},
        relations=PRF(*relations),
        texts=n_texts,
        missing=missing,
    )


def format_ledger_scores(scores: LedgerSpanScores, title: str) -> Table:
    """A Rich table: one row per role, exact and overlap P/R/F1, and one for relations (overlap only)."""
    rows = [(role, scores.exact[role], scores.overlap[role]) for role in ATTRIBUTION_ROLES]
    rows.append(("relation", None, scores.relations))
    missing = f", {scores.missing} missing" if scores.missing else ""
    return span_scores_table(f"{title} ({scores.texts} texts{missing})", rows)


def analysed_export(inputs: Sequence[str], **options: Any) -> dict[str, Any]:
    """The JSON export of a temporary ledger that `pipeline.analyze` writes from `inputs`
    (`options` as `analyze` takes them): what a user of `analyze` and `export` gets."""
    import tempfile
    from pathlib import Path

    from ..pipeline import analyze
    from ..store import Ledger
    from ..store.export import ledger_to_dict

    with tempfile.TemporaryDirectory(prefix="claimledger-eval-") as folder:
        db = str(Path(folder) / "ledger.db")
        analyze(list(inputs), db, **options)
        with Ledger.open(db, create=False) as ledger:
            return ledger_to_dict(ledger)
