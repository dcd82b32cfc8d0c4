"""Score a ledger export against the seeds gold annotation (`claimledger-gold/1`).

`score_gold(export, gold)` takes a ledger export (the dict docs/export.md describes)
and the parsed gold file, and returns `GoldScores`. Each metric is a small pure
function over prepared inputs; `score_gold` only prepares and composes them.

Matching rules
--------------
Articles
    An export article matches a gold article when the file name of its
    `source` equals the gold `file`. Gold statements name articles by the
    file's number prefix ("000"). Duplicate articles (`duplicate_of` set) are
    left out, and so are statements in articles the gold does not cover.
Statements
    Gold content is located in the stored text of its article (`_spans.locate`:
    exact, then normalised quotes/whitespace/case, then a common substring of
    at least 60% of the content; among repeats, the one nearest the gold cue
    and speaker). A predicted statement matches a gold statement of the same
    article when their content spans overlap. Pairs are taken one to one,
    greedily, by characters shared; ties go to the pair with fewer characters
    outside the overlap, then to the pair whose speaker agrees.
Entities and speakers
    A predicted entity maps to the gold entity sharing the most names with it:
    its name and aliases against the gold name and aliases, compared after
    `alias_key` (case, quotes and whitespace normalised, a leading "the"
    dropped); ties go to an equal canonical name, then to the earlier gold
    entity. A matched statement's speaker is right when its `speaker_entity_id`
    maps to the gold speaker, or when its `speaker_text` is one of the gold
    speaker's aliases. Gold statements without a speaker (anonymous sources)
    are not scored for speakers.
Entity merging
    A gold PERSON counts when at least two of its names occur in the articles.
    Its variants are merged when exactly one predicted entity carries any of
    its names (as name, alias, or `speaker_text` of a statement attributed to
    it) and that entity carries at least two of them. A wrong merge is a
    predicted entity carrying names of two or more gold persons.
Stances
    Compared as sets of (speaker, proposition, stance) triples. A predicted
    proposition maps to one gold proposition (`map_propositions`): among the
    gold propositions sharing statements with it, the one on which the most of
    its predicted stances equal the gold's stance for the same statement;
    ties go to Jaccard overlap of the statements, then to the earlier gold
    proposition. Overlap alone cannot choose: gold propositions nest ("X was
    sold" and "X was sold for use in the war") and list one statement under
    several, so on the seeds the predicted general proposition was mapped to
    the narrow gold one by a 0.003 difference in Jaccard. A predicted
    proposition may be the gold one's negation ("the country takes sides"
    for "the country is neutral"); when its stances agree better with support
    and deny swapped, it is mapped flipped and its support/deny labels are
    scored swapped. A predicted triple's
    speaker is the mapped entity of its statement, else the gold entity owning
    its `speaker_text` as an alias. Neutral stances are not positions and are
    left out. Triples on propositions no gold proposition shares a statement
    with count as false.
Contradictions
    A predicted reversal finds a gold one when its two statements match the
    gold pair, in either order. A gold reversal is "apparent" when it carries
    `"apparent": true` or, as in the seeds gold, its note says "Only
    apparent"; it is flagged when the predicted reversal that finds it has
    `apparent` true. A gold dispute names two actors on opposite sides of a
    proposition with one example statement each, while the gold's stances
    list every statement of each side; a predicted dispute finds it when its
    statements are (by their predicted speakers) the two actors' and each is
    listed under its actor's side of that gold proposition (`found_disputes`),
    so another well-founded pair of the same two actors counts. Precision is
    gold disputes found over predicted disputes. How many gold example pairs
    were paired exactly is reported too (`disputes_exact`), and how many
    predicted disputes the gold's stances bear out although its short list of
    disputes does not name them (`disputes_borne_out`: the two statements
    listed, under their two speakers, on opposite sides of one gold
    proposition).
Time expressions
    A gold statement with a `time_text` is found when its matched predicted
    statement has a `said_at_text` that contains it or is contained in it
    (after normalisation).
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

from rich.table import Table

from claimledger.errors import input_error
from claimledger.evaluate._spans import (
    Offsets,
    alias_key,
    contains_word,
    gap,
    locate,
    normalise,
    occurrences,
    overlap,
)
from claimledger.evaluate.attributions import AttributionScores, export_span, score_attributions
from claimledger.evaluate.metrics import PRF, Count
from claimledger.records import SpanRelation

__all__ = [
    "EXPORT_SCHEMA",
    "GOLD_SCHEMA",
    "PRF",
    "Count",
    "GoldScores",
    "check_export",
    "check_gold",
    "format_scores",
    "load_gold",
    "score_gold",
]

GOLD_SCHEMA = "claimledger-gold/1"
EXPORT_SCHEMA = "claimledger/1"

_GOLD_KEYS = ("articles", "entities", "statements", "propositions", "contradictions")
_EXPORT_KEYS = ("articles", "entities", "statements")
_APPARENT_NOTE = re.compile(r"\bonly apparent\b", re.IGNORECASE)

Json = dict[str, object]
Located = tuple[str, Offsets]  # (gold article key, content offsets)


# --- results -----------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class GoldScores:
    """How a ledger export compares with the seeds gold.

    `boilerplate_removed` and `lines_kept` are None when the raw input files
    could not be read. `missed_statements` lists the gold statement ids no
    predicted statement matched, for looking into.
    """

    boilerplate_removed: Count | None
    lines_kept: Count | None
    statements: PRF
    speakers: Count
    variants_merged: Count
    wrong_merges: int
    stances: PRF
    reversals: PRF
    apparent_flagged: Count
    disputes: PRF
    time_expressions: Count
    missed_statements: tuple[str, ...] = ()
    disputes_exact: PRF | None = None
    disputes_borne_out: Count | None = None
    attributions: AttributionScores | None = None

    def as_rows(self) -> list[tuple[str, str, str]]:
        """(metric, score, counts) rows, in reading order, for tables and logs."""
        rows: list[tuple[str, str, str]] = []
        for name, count in (
            ("cleaning: boilerplate removed", self.boilerplate_removed),
            ("cleaning: article lines kept", self.lines_kept),
        ):
            rows.append(_count_row(name, count) if count else (name, "n/a", "raw files not readable"))
        rows += _prf_rows("statements", self.statements, f1=True)
        rows.append(_count_row("speaker accuracy", self.speakers))
        rows.append(_count_row("entity variants merged", self.variants_merged))
        rows.append(("entity wrong merges", str(self.wrong_merges), "should be 0"))
        rows += _prf_rows("stances", self.stances)
        rows += _prf_rows("reversals", self.reversals)
        rows.append(_count_row("apparent reversals flagged", self.apparent_flagged))
        rows += _prf_rows("disputes", self.disputes)
        if self.disputes_exact:
            exact = self.disputes_exact
            rows.append(_count_row("disputes, example pair found", Count(exact.tp, exact.gold)))
        if self.disputes_borne_out:
            rows.append(_count_row("disputes borne out by gold stances", self.disputes_borne_out))
        rows.append(_count_row("time expressions found", self.time_expressions))
        return rows


def _score(value: float, denominator: int) -> str:
    return f"{value:.3f}" if denominator else "n/a"


def _count_row(name: str, count: Count) -> tuple[str, str, str]:
    return name, _score(count.ratio, count.total), f"{count.hit}/{count.total}"


def _prf_rows(name: str, prf: PRF, *, f1: bool = False) -> list[tuple[str, str, str]]:
    rows = [
        (f"{name} precision", _score(prf.precision, prf.predicted), f"{prf.tp}/{prf.predicted}"),
        (f"{name} recall", _score(prf.recall, prf.gold), f"{prf.tp}/{prf.gold}"),
    ]
    if f1:
        rows.append((f"{name} F1", f"{prf.f1:.3f}", ""))
    return rows


def format_scores(scores: GoldScores, title: str = "Seeds gold") -> Table:
    """A rich table of `scores.as_rows()` for the CLI."""
    table = Table(title=title)
    table.add_column("metric")
    table.add_column("score", justify="right")
    table.add_column("counts", justify="right")
    for row in scores.as_rows():
        table.add_row(*row)
    return table


# --- reading and checking ------------------------------------------------------


def load_gold(path: str | Path) -> Json:
    """Read and check a gold file; raises `InputError` E040/E041."""
    source = str(path)
    try:
        gold = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as e:
        raise input_error("E040", source=source, reason=str(e)) from e
    check_gold(gold, source=source)
    return gold


def check_gold(gold: object, *, source: str = "gold") -> None:
    """Raise `InputError` E041 unless `gold` looks like a `claimledger-gold/1` dict."""
    reason = _shape_problem(gold, GOLD_SCHEMA, _GOLD_KEYS)
    if reason:
        raise input_error("E041", source=source, reason=reason)


def check_export(export: object, *, source: str = "export") -> None:
    """Raise `InputError` E042 unless `export` looks like a `claimledger/1` export."""
    reason = _shape_problem(export, EXPORT_SCHEMA, _EXPORT_KEYS)
    if reason:
        raise input_error("E042", source=source, reason=reason)


def _shape_problem(data: object, schema: str, keys: Iterable[str]) -> str | None:
    if not isinstance(data, dict):
        return f"expected a JSON object, found {type(data).__name__}"
    if data.get("schema") != schema:
        return f"schema is {data.get('schema')!r}, expected {schema!r}"
    missing = [k for k in keys if not isinstance(data.get(k), list)]
    return f"no list under {', '.join(missing)}" if missing else None


def article_key(file_name: str) -> str:
    """The prefix gold statements use for an article: "000_3c37.txt" → "000"."""
    return file_name.split("_", 1)[0].split(".", 1)[0]


def _basename(source: object) -> str:
    return re.split(r"[\\/]", str(source or ""))[-1]


def match_articles(export: Json, gold: Json) -> dict[str, Json]:
    """Gold article key → export article with the same file name (first non-duplicate)."""
    keys = {a["file"]: article_key(a["file"]) for a in gold["articles"]}
    matched: dict[str, Json] = {}
    for article in export["articles"]:
        key = keys.get(_basename(article.get("source")))
        if key and key not in matched and not article.get("duplicate_of"):
            matched[key] = article
    return matched


def read_raw_texts(matched: Mapping[str, Json]) -> dict[str, str]:
    """Raw input text by article key, for the matched articles whose source is a readable file."""
    raw: dict[str, str] = {}
    for key, article in matched.items():
        try:
            raw[key] = Path(str(article.get("source"))).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            continue
    return raw


# --- preparing -------------------------------------------------------------------


def locate_gold_statements(gold: Json, texts: Mapping[str, str]) -> dict[str, Located]:
    """Gold statement id → (article key, content offsets) in the stored text."""
    located: dict[str, Located] = {}
    for s in gold["statements"]:
        text = texts.get(s["article"])
        if text is None:
            continue
        span = locate(text, s["content"], near=[s.get("cue") or "", s.get("speaker_text") or ""])
        if span:
            located[s["id"]] = (s["article"], span)
    return located


def _locate_near(text: str, needle: str | None, anchor: Offsets) -> Offsets | None:
    """The occurrence of `needle` closest to `anchor` (a cue near its content)."""
    if not needle:
        return None
    spans = occurrences(text, needle.strip())
    if spans:
        return min(spans, key=lambda span: gap(span, anchor))
    return locate(text, needle)


def gold_relations(
    gold: Json, located: Mapping[str, Located], texts: Mapping[str, str]
) -> dict[str, list[SpanRelation]]:
    """Gold article key → its statements as spans: content located, cue and speaker found near it."""
    relations: dict[str, list[SpanRelation]] = {key: [] for key in texts}
    for s in gold["statements"]:
        if s["id"] not in located:
            continue
        key, content = located[s["id"]]
        cue = _locate_near(texts[key], s.get("cue"), content)
        speaker = _locate_near(texts[key], s.get("speaker_text"), cue or content)
        relations[key].append(
            SpanRelation(cue=(cue,) if cue else (), content=(content,), source=(speaker,) if speaker else ())
        )
    return relations


def predicted_relations(statements: Iterable[Json], keys: Mapping[str, str]) -> dict[str, list[SpanRelation]]:
    """Gold article key → the export's statements there as spans."""

    def span(s: Json, role: str) -> tuple[Offsets, ...]:
        return export_span(s, role)

    relations: dict[str, list[SpanRelation]] = {key: [] for key in keys.values()}
    for s in statements:
        if s.get("article_id") in keys:
            relations[keys[s["article_id"]]].append(
                SpanRelation(cue=span(s, "cue"), content=span(s, "content"), source=span(s, "speaker"))
            )
    return relations


def locate_predicted(
    statements: Iterable[Json], keys: Mapping[str, str], texts: Mapping[str, str]
) -> dict[str, Located]:
    """Predicted statement id → (article key, content offsets), for gold articles only.

    `keys` maps export article id → gold article key. Offsets come from the
    export; a statement without them is located by its `content_text`.
    """
    located: dict[str, Located] = {}
    for s in statements:
        key = keys.get(s.get("article_id"))
        if key is None:
            continue
        start, end = s.get("content_start"), s.get("content_end")
        if isinstance(start, int) and isinstance(end, int) and start < end:
            located[s["id"]] = (key, (start, end))
        elif s.get("content_text"):
            span = locate(texts[key], s["content_text"])
            if span:
                located[s["id"]] = (key, span)
    return located


def alias_keys(gold_entities: Iterable[Json]) -> dict[str, set[str]]:
    """Gold entity id → its name and aliases as `alias_key`s."""
    return {g["id"]: {alias_key(n) for n in [g["name"], *g["aliases"]] if n} for g in gold_entities}


def alias_owners(keys: Mapping[str, set[str]]) -> dict[str, str]:
    """`alias_key` → gold entity id, for names only one gold entity has."""
    owners: dict[str, set[str]] = {}
    for gid, names in keys.items():
        for name in names:
            owners.setdefault(name, set()).add(gid)
    return {name: next(iter(ids)) for name, ids in owners.items() if len(ids) == 1}


def entity_forms(entity: Json) -> set[str]:
    """A predicted entity's name and aliases as `alias_key`s."""
    names = [entity.get("name"), *(entity.get("aliases") or [])]
    return {alias_key(n) for n in names if n}


def map_entities(entities: Iterable[Json], gold_entities: list[Json]) -> dict[str, str]:
    """Predicted entity id → gold entity id (the rule is in the module docstring)."""
    keys = alias_keys(gold_entities)
    mapping: dict[str, str] = {}
    for entity in entities:
        forms = entity_forms(entity)
        name = alias_key(entity.get("name") or "")
        best = max(
            (
                (len(forms & keys[g["id"]]), name == alias_key(g["name"]), -i, g["id"])
                for i, g in enumerate(gold_entities)
            ),
            default=None,
        )
        if best and best[0] > 0:
            mapping[entity["id"]] = best[3]
    return mapping


@dataclass(frozen=True, slots=True)
class SpeakerRule:
    """What speaker scoring needs: the entity map and the gold names."""

    entity_map: Mapping[str, str]
    keys: Mapping[str, set[str]]
    owners: Mapping[str, str]

    def agrees(self, pred: Json, gold_speaker: str | None) -> bool:
        """Whether a predicted statement's speaker is the gold speaker."""
        if gold_speaker is None:
            return False
        if self.entity_map.get(pred.get("speaker_entity_id")) == gold_speaker:
            return True
        text = pred.get("speaker_text")
        return bool(text) and alias_key(text) in self.keys.get(gold_speaker, set())

    def same_speaker(self, pred: Json, gold_speaker: str | None) -> bool:
        """`agrees`, and also true when neither names a speaker (for breaking ties)."""
        if gold_speaker is None:
            return not pred.get("speaker_entity_id")
        return self.agrees(pred, gold_speaker)

    def resolve(self, pred: Json) -> str | None:
        """The gold entity a predicted statement's speaker stands for, if any."""
        mapped = self.entity_map.get(pred.get("speaker_entity_id"))
        if mapped:
            return mapped
        text = pred.get("speaker_text")
        return self.owners.get(alias_key(text)) if text else None


# --- metrics ---------------------------------------------------------------------


def score_cleaning(
    raw: Mapping[str, str], stored: Mapping[str, str], boilerplate: Mapping[str, Iterable[str]]
) -> tuple[Count, Count]:
    """(gold boilerplate lines removed, article lines kept), over the articles in `raw`.

    Lines are compared stripped, as multisets: a chrome line that occurs three
    times and is left once counts as removed twice.
    """
    removed = chrome_total = kept = lines_total = 0
    for key, text in raw.items():
        chrome = {b.strip() for b in boilerplate.get(key, ())}
        left = Counter(line.strip() for line in stored.get(key, "").splitlines() if line.strip())
        for line in (line.strip() for line in text.splitlines()):
            if not line:
                continue
            present = left[line] > 0
            left[line] -= present
            if line in chrome:
                chrome_total += 1
                removed += not present
            else:
                lines_total += 1
                kept += present
    return Count(removed, chrome_total), Count(kept, lines_total)


def match_statements(
    predicted: Mapping[str, Located],
    gold: Mapping[str, Located],
    agrees: Callable[[str, str], bool] = lambda p, g: False,
) -> dict[str, str]:
    """Predicted id → gold id: overlapping content spans, one to one, greedy by overlap.

    Ties in overlap go to the pair with fewer characters outside the overlap,
    then to pairs for which `agrees(pred_id, gold_id)` holds, then to the
    earlier statements.
    """
    order_p = {pid: i for i, pid in enumerate(predicted)}
    order_g = {gid: i for i, gid in enumerate(gold)}
    candidates = []
    for pid, (pkey, pspan) in predicted.items():
        for gid, (gkey, gspan) in gold.items():
            shared = overlap(pspan, gspan) if pkey == gkey else 0
            if shared:
                outside = (pspan[1] - pspan[0]) + (gspan[1] - gspan[0]) - 2 * shared
                rank = (-shared, outside, not agrees(pid, gid), order_p[pid], order_g[gid])
                candidates.append((*rank, pid, gid))
    pairs: dict[str, str] = {}
    taken: set[str] = set()
    for *_, pid, gid in sorted(candidates):
        if pid not in pairs and gid not in taken:
            pairs[pid] = gid
            taken.add(gid)
    return pairs


def score_statements(pairs: Mapping[str, str], n_predicted: int, n_gold: int) -> PRF:
    return PRF(len(pairs), n_predicted, n_gold)


def score_speakers(
    pairs: Mapping[str, str], predicted: Mapping[str, Json], gold: Mapping[str, Json], rule: SpeakerRule
) -> Count:
    """Matched pairs whose gold statement has a speaker: how many got it right."""
    scored = [(p, g) for p, g in pairs.items() if gold[g].get("speaker")]
    hit = sum(rule.agrees(predicted[p], gold[g]["speaker"]) for p, g in scored)
    return Count(hit, len(scored))


def score_merging(
    entities: Iterable[Json], statements: Iterable[Json], gold_entities: Iterable[Json], texts: Iterable[str]
) -> tuple[Count, int]:
    """(gold persons whose name variants sit in one predicted entity, wrong merges)."""
    forms = {e["id"]: entity_forms(e) for e in entities}
    for s in statements:
        if s.get("speaker_entity_id") in forms and s.get("speaker_text"):
            forms[s["speaker_entity_id"]].add(alias_key(s["speaker_text"]))
    persons = alias_keys(g for g in gold_entities if g["type"] == "PERSON")
    corpus = [normalise(t) for t in texts]
    merged = total = 0
    for names in persons.values():
        if sum(any(contains_word(c, n) for c in corpus) for n in names) < 2:
            continue
        total += 1
        holders = [f & names for f in forms.values() if f & names]
        merged += len(holders) == 1 and len(holders[0]) >= 2
    wrong = sum(sum(bool(f & names) for names in persons.values()) >= 2 for f in forms.values())
    return Count(merged, total), wrong


def gold_proposition_statements(gold: Json) -> dict[str, set[str]]:
    """Gold proposition id → every statement in its stances."""
    return {p["id"]: {s for st in p["stances"] for s in st["statements"]} for p in gold["propositions"]}


def gold_statement_stances(gold: Json) -> dict[tuple[str, str], str]:
    """(gold statement id, gold proposition id) → the stance the gold lists the statement under."""
    return {
        (sid, p["id"]): st["stance"] for p in gold["propositions"] for st in p["stances"] for sid in st["statements"]
    }


FLIP = {"support": "deny", "deny": "support", "hedge": "hedge", "neutral": "neutral"}


@dataclass(frozen=True, slots=True)
class MappedProposition:
    """The gold proposition a predicted one stands for; `flipped` when it is the gold one's negation."""

    gold: str
    flipped: bool = False

    def label(self, stance: str) -> str:
        return FLIP.get(stance, stance) if self.flipped else stance


def map_propositions(members: Mapping[str, Mapping[str, str]], gold: Json) -> dict[str, MappedProposition]:
    """Predicted proposition id → the gold proposition it stands for.

    `members` gives, per predicted proposition, its matched gold statements
    and the stance predicted for each there. The gold propositions nest and
    overlap (one denial bears on several), so shared statements alone often
    tie; the one chosen is the gold proposition on which the most of those
    stances agree with the gold's, counting a proposition and its negation
    ("Iran is neutral" / "Iran backs Russia's war") as one question with
    support and deny swapped; ties go to Jaccard overlap of the statements,
    then to the earlier gold proposition.
    """
    statements = gold_proposition_statements(gold)
    wanted = gold_statement_stances(gold)
    mapping: dict[str, MappedProposition] = {}
    for prop, labels in members.items():
        ours = set(labels)
        best = None
        for i, (gid, theirs) in enumerate(statements.items()):
            shared = ours & theirs
            if not shared:
                continue
            same = sum(labels[s] == wanted[(s, gid)] for s in shared)
            flipped = sum(FLIP.get(labels[s], "") == wanted[(s, gid)] for s in shared)
            rank = (max(same, flipped), len(shared) / len(ours | theirs), -i)
            if best is None or rank > best[0]:
                best = (rank, MappedProposition(gid, flipped > same))
        if best:
            mapping[prop] = best[1]
    return mapping


def predicted_members(
    propositions: Iterable[Json], stances: Iterable[Json], pairs: Mapping[str, str]
) -> dict[str, dict[str, str]]:
    """Predicted proposition id → {matched gold statement id: predicted stance ("neutral" if none)}."""
    said = {(s.get("statement_id"), s.get("proposition_id")): str(s.get("stance")) for s in stances}
    return {
        prop["id"]: {
            pairs[s]: said.get((s, prop["id"]), "neutral") for s in prop.get("statement_ids") or [] if s in pairs
        }
        for prop in propositions
    }


def score_stances(
    stances: Iterable[Json],
    predicted: Mapping[str, Json],
    prop_map: Mapping[str, MappedProposition],
    rule: SpeakerRule,
    gold: Json,
) -> PRF:
    """(speaker, proposition, stance) triples; unmapped speakers/propositions never match."""
    gold_triples = {
        (st["speaker"], p["id"], st["stance"]) for p in gold["propositions"] for st in p["stances"]
    }
    triples = set()
    for s in stances:
        if s.get("stance") == "neutral" or s.get("statement_id") not in predicted:
            continue
        statement = predicted[s["statement_id"]]
        speaker = rule.resolve(statement) or f"pred:{statement.get('speaker_entity_id')}"
        mapped = prop_map.get(s.get("proposition_id"))
        if mapped:
            triples.add((speaker, mapped.gold, mapped.label(s["stance"])))
        else:
            triples.add((speaker, f"pred:{s.get('proposition_id')}", s["stance"]))
    return PRF(len(triples & gold_triples), len(triples), len(gold_triples))


def is_apparent(contradiction: Json) -> bool:
    """Whether a gold reversal is only apparent: an `apparent` field, else "Only apparent" in its note."""
    if "apparent" in contradiction:
        return bool(contradiction["apparent"])
    return bool(_APPARENT_NOTE.search(str(contradiction.get("note") or "")))


def _pair(a: object, b: object) -> frozenset:
    return frozenset((a, b))


def found_contradictions(
    contradictions: Iterable[Json], pairs: Mapping[str, str], kind: str
) -> dict[frozenset, bool]:
    """Predicted contradictions of `kind` as gold statement pairs → whether flagged apparent.

    A statement with no gold match stays under its own id, so it never finds a gold pair.
    """
    found: dict[frozenset, bool] = {}
    for c in contradictions:
        if c.get("kind") != kind:
            continue
        a, b = c["statement_a"], c["statement_b"]
        key = _pair(pairs.get(a, a), pairs.get(b, b))
        found[key] = found.get(key, False) or bool(c.get("apparent"))
    return found


def score_contradictions(found: Mapping[frozenset, bool], gold: Json, kind: str) -> PRF:
    wanted = {_pair(c["statement_a"], c["statement_b"]) for c in gold["contradictions"] if c["kind"] == kind}
    return PRF(len(wanted & found.keys()), len(found), len(wanted))


def found_disputes(
    contradictions: Iterable[Json], pairs: Mapping[str, str], speaker_of: Callable[[str], str | None], gold: Json
) -> PRF:
    """Gold disputes found by a predicted dispute between the same two actors on the same question.

    A gold dispute names two actors on opposite sides of a proposition and one
    statement of each as an example; the gold lists every statement of each
    side under the actor's stance. A predicted dispute finds it when its two
    statements are spoken (by the predicted speakers) by the two actors and
    each is one the gold lists under its actor's side, so any well-founded
    pair counts, not only the example pair. Precision is gold disputes found
    over predicted disputes: a second predicted dispute for one gold dispute
    counts against it.
    """
    listed: dict[tuple[str, str, str], set[str]] = {}
    for speaker, statement, proposition, stance in _gold_sides(gold):
        listed.setdefault((speaker, proposition, stance), set()).add(statement)
    stance_of = gold_statement_stances(gold)
    predicted = [c for c in contradictions if c.get("kind") == "dispute"]
    hit = 0
    wanted = [c for c in gold["contradictions"] if c["kind"] == "dispute"]
    for g in wanted:
        prop = g["proposition"]
        sides = [
            (actor, listed.get((actor, prop, stance_of.get((g[f"statement_{k}"], prop), "")), set()))
            for k, actor in (("a", g["speaker_a"]), ("b", g["speaker_b"]))
        ]

        def finds(c: Json) -> bool:
            ends = [(speaker_of(c[k]), pairs.get(c[k])) for k in ("statement_a", "statement_b")]
            return any(
                all(who == actor and sid in statements for (who, sid), (actor, statements) in zip(order, sides))
                for order in (ends, ends[::-1])
            )

        hit += any(finds(c) for c in predicted)
    return PRF(hit, len(predicted), len(wanted))


def borne_out_disputes(
    contradictions: Iterable[Json], pairs: Mapping[str, str], speaker_of: Callable[[str], str | None], gold: Json
) -> Count:
    """Predicted disputes whose two statements the gold lists, under their two speakers, on
    opposite sides (support, deny) of one proposition; over all predicted disputes."""
    sides: dict[tuple[str, str], set[tuple[str, str]]] = {}
    for speaker, statement, proposition, stance in _gold_sides(gold):
        sides.setdefault((speaker, statement), set()).add((proposition, stance))

    def borne_out(c: Json) -> bool:
        (who_a, a), (who_b, b) = ((speaker_of(c[k]), pairs.get(c[k])) for k in ("statement_a", "statement_b"))
        if who_a is None or who_b is None or who_a == who_b:
            return False
        on_b = sides.get((who_b, b), set())
        return any(s in ("support", "deny") and (p, FLIP[s]) in on_b for p, s in sides.get((who_a, a), ()))

    predicted = [c for c in contradictions if c.get("kind") == "dispute"]
    return Count(sum(map(borne_out, predicted)), len(predicted))


def _gold_sides(gold: Json) -> Iterator[tuple[str, str, str, str]]:
    """(speaker, statement, proposition, stance) for every statement the gold's stances list."""
    for p in gold["propositions"]:
        for st in p["stances"]:
            for statement in st["statements"]:
                yield st["speaker"], statement, p["id"], st["stance"]


def score_apparent(found_reversals: Mapping[frozenset, bool], gold: Json) -> Count:
    """Gold apparent reversals found and flagged `apparent`."""
    wanted = [
        _pair(c["statement_a"], c["statement_b"])
        for c in gold["contradictions"]
        if c["kind"] == "reversal" and is_apparent(c)
    ]
    return Count(sum(found_reversals.get(p, False) for p in wanted), len(wanted))


def times_agree(gold_time: str, said_at_text: str | None) -> bool:
    a, b = normalise(gold_time), normalise(said_at_text or "")
    return bool(a and b) and (a in b or b in a)


def score_times(pairs: Mapping[str, str], predicted: Mapping[str, Json], gold: Mapping[str, Json]) -> Count:
    """Gold statements with a time expression whose match has an agreeing `said_at_text`."""
    by_gold = {g: p for p, g in pairs.items()}
    timed = [g for g, s in gold.items() if s.get("time_text")]
    hit = sum(
        g in by_gold and times_agree(gold[g]["time_text"], predicted[by_gold[g]].get("said_at_text"))
        for g in timed
    )
    return Count(hit, len(timed))


# --- composing --------------------------------------------------------------------


def score_gold(export: Json, gold: Json, *, raw_texts: Mapping[str, str] | None = None) -> GoldScores:
    """Score a ledger export against the seeds gold.

    `raw_texts` maps gold file names to the raw input files, for the cleaning
    metrics; without it they are read from the articles' `source` paths where
    those are readable files. Raises `InputError` (E041, E042, E043) when the
    gold or the export has the wrong shape, or no article of the export is a
    gold article.
    """
    check_gold(gold)
    check_export(export)
    matched = match_articles(export, gold)
    if not matched:
        files = ", ".join(a["file"] for a in gold["articles"])
        raise input_error("E043", source="the export", expected=files)
    texts = {key: str(a.get("text") or "") for key, a in matched.items()}
    keys = {a["id"]: key for key, a in matched.items()}

    if raw_texts is None:
        raw = read_raw_texts(matched)
    else:
        raw = {article_key(f): t for f, t in raw_texts.items() if article_key(f) in matched}
    boilerplate = {article_key(a["file"]): a.get("boilerplate", []) for a in gold["articles"]}
    removed, kept = score_cleaning(raw, texts, boilerplate) if raw else (None, None)

    statements = [s for s in export["statements"] if s.get("article_id") in keys]
    predicted = {s["id"]: s for s in statements}
    gold_statements = {s["id"]: s for s in gold["statements"]}
    rule = SpeakerRule(
        map_entities(export["entities"], gold["entities"]),
        alias_keys(gold["entities"]),
        alias_owners(alias_keys(gold["entities"])),
    )
    pairs = match_statements(
        locate_predicted(statements, keys, texts),
        locate_gold_statements(gold, texts),
        lambda p, g: rule.same_speaker(predicted[p], gold_statements[g]["speaker"]),
    )
    members = predicted_members(export.get("propositions", []), export.get("stances", []), pairs)
    prop_map = map_propositions(members, gold)
    contradictions = export.get("contradictions", [])

    def speaker_of(statement_id: str) -> str | None:
        return rule.resolve(predicted[statement_id]) if statement_id in predicted else None

    reversals = found_contradictions(contradictions, pairs, "reversal")
    disputes = found_contradictions(contradictions, pairs, "dispute")
    variants, wrong = score_merging(export["entities"], statements, gold["entities"], texts.values())
    matched_gold = set(pairs.values())
    predicted_spans = predicted_relations(statements, keys)
    gold_spans = gold_relations(gold, locate_gold_statements(gold, texts), texts)

    return GoldScores(
        boilerplate_removed=removed,
        lines_kept=kept,
        statements=score_statements(pairs, len(statements), len(gold_statements)),
        speakers=score_speakers(pairs, predicted, gold_statements, rule),
        variants_merged=variants,
        wrong_merges=wrong,
        stances=score_stances(export.get("stances", []), predicted, prop_map, rule, gold),
        reversals=score_contradictions(reversals, gold, "reversal"),
        apparent_flagged=score_apparent(reversals, gold),
        disputes=found_disputes(contradictions, pairs, speaker_of, gold),
        disputes_exact=score_contradictions(disputes, gold, "dispute"),
        disputes_borne_out=borne_out_disputes(contradictions, pairs, speaker_of, gold),
        time_expressions=score_times(pairs, predicted, gold_statements),
        missed_statements=tuple(g for g in gold_statements if g not in matched_gold),
        attributions=score_attributions(
            (predicted_spans[key], gold_spans[key]) for key in sorted(texts)
        ),
    )

