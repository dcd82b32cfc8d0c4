"""Group statements about the same proposition, across articles and actors.

A denial and an assertion of one proposition should land together, so what
gets embedded is the *proposition* a statement is about, not the statement:
`proposition_text` strips the wrapper ("claims made by the West that …"),
the verdict ("… is totally unfounded") and the negators ("have not sold"),
leaving an affirmative clause. Stance is decided later, on the original text.

Long quotes carry several claims, so `split_claims` cuts a statement into
one view per sentence; each view is a `Statement` with the same id and a
narrower content span, and a statement belongs to every proposition one of
its views joins.

Typical use::

    units = [u for s in statements for u in split_claims(s)]
    vectors = encoder.encode(proposition_texts(units))
    propositions = cluster_propositions(units, vectors)
"""

from __future__ import annotations

import dataclasses
import hashlib
import heapq
import re
from collections.abc import Iterator, Sequence

import numpy as np

from ..errors import Errors
from ..records import Proposition, Span, Statement
from . import _lexicon as lex
from ._text import capitalise, plain, sentence_spans, shorten

# Measured on the seed story: 0.6 gathers the central contested claim's
# assertions and denials into one proposition without merging its neighbours.
DEFAULT_THRESHOLD = 0.6
LABEL_WORDS = 12

_WRAPPER = re.compile(
    r"^(?:[\w'’-]+\s+){0,3}?(?P<noun>[A-Za-z]+)"  # "US statements", "Washington's allegations"
    # "claims (made) by the mayor of Kestrel Bay that …"
    r"(?:\s+(?:(?:made|voiced|levelled|leveled|raised|spread)\s+)?by\s+[^,]+?)?"
    r"\s+(?:that|about|of|regarding|over|on)\s+(?P<rest>.+)$",
    re.IGNORECASE | re.DOTALL,
)
# "claims by the mayor of Kestrel Bay that …": the clause after "that", not after "of".
_WRAPPER_BY = re.compile(
    r"^(?:[\w'’-]+\s+){0,3}?(?P<noun>[A-Za-z]+)\s+(?:(?:made|voiced|levelled|leveled|raised|spread)\s+)?by\s+"
    r"[^,]+?\s+that\s+(?P<rest>.+)$",
    re.IGNORECASE | re.DOTALL,
)
# "responded to the Western claims by asserting, 'We have not sold …'": what
# the response says is the claim, not what it responds to.
_RESPONSE = re.compile(
    r"^(?:to|in response to)\s[^\"“]*?\bby\s+(?:asserting|saying|stating|insisting|declaring|arguing|noting)"
    r"\s*(?:that\s+)?[,:]?\s*",
    re.IGNORECASE,
)
_REPORTED_CLAUSE = re.compile(
    r"^(?:to\s+(?:say|imply|suggest|claim|argue|allege|assert)\s+)?(?:that\s+)", re.IGNORECASE
)
_CONTRACTIONS = (
    (re.compile(r"\bcannot\b", re.I), "can"),
    (re.compile(r"\bcan['’]t\b", re.I), "can"),
    (re.compile(r"\bwon['’]t\b", re.I), "will"),
    (re.compile(r"\bshan['’]t\b", re.I), "shall"),
    (re.compile(r"n['’]t\b", re.I), ""),
)
_NEGATORS = re.compile(r"\b(?:not|never|no)\b\s*", re.IGNORECASE)
_NOR = re.compile(r"\bnor\b", re.IGNORECASE)
_FAIL_TO = re.compile(r"\b(?:fail|fails|failed|failing) to\s+", re.IGNORECASE)
_ELLIPTIC = frozenset(
    """
    it this that so these those he she they we i you one them him her us
    do does did have has had be is are was were been will would can could
    should shall may might must not n't never
    """.split()
)
# Negative polarity items read only under a negator: "no release of any kind" is
# "a release of some kind" once the negator is gone, never "release of any kind".
_POLARITY = (
    (re.compile(r"\bof any kind\b", re.I), "of some kind"),
    (re.compile(r"\b(?:at all|whatsoever|ever|yet)\b\s*", re.I), ""),
    (re.compile(r"\banything\b", re.I), "something"),
    (re.compile(r"\banyone\b", re.I), "someone"),
    (re.compile(r"\banybody\b", re.I), "somebody"),
    (re.compile(r"\banywhere\b", re.I), "somewhere"),
    (re.compile(r"\bnothing\b", re.I), "something"),
    (re.compile(r"\bnobody\b", re.I), "somebody"),
    (re.compile(r"\bno one\b", re.I), "someone"),
    (re.compile(r"\bnone\b", re.I), "some"),
    (re.compile(r"\bany\b", re.I), "some"),
)
# "there has been release": a mass reading of a count noun the negator left bare.
_BARE_EXISTENTIAL = re.compile(
    r"\b(there\s+(?:has|had|have)\s+been|there\s+(?:is|was))\s+"
    r"(?!(?:a|an|the|some|any|no|this|that|these|those|its|their|our|his|her|my|your|one|two|three|many|few|much|"
    r"more|less|several|enough)\b)(?=[a-z]+\b(?<!s\b))",
    re.I,
)
# A reporting frame left inside a quoted claim: '"There has been no release," she said.'
_FRAME = re.compile(
    r"(?:^|(?<=[,.;:!?]))\s*(?:he|she|they|we|it|[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,3})\s+"
    r"(?:said|says|added|adds|told\s+[\w\s]{1,30}?|stated|explained|insisted|noted|wrote)\s*(?=[.,;]|$)",
)
# What a claim needs to stand as a proposition's label: not an infinitive ("to test the
# river"), not an elliptical pointer, and more than a few words.
_INFINITIVE_LEAD = re.compile(r"^\W*(?:not\s+)?to\s", re.IGNORECASE)
_CLAUSE_LEAD = re.compile(r"^[\s,;:—–-]*(?:(?:and|but|yet|or|so|while|as)\b[\s,]*)?", re.IGNORECASE)


def proposition_text(statement: Statement) -> str:
    """The affirmative clause a statement is about, ready to embed.

    "denied claims made by the West that those nations had sent drones"
    gives "those nations had sent drones"; "We have not sold X" gives
    "We have sold X"; 'to imply that Iran is Y is "totally unfounded"'
    gives "Iran is Y".
    """
    return affirmative(statement.content.text)


def affirmative(text: str) -> str:
    """`text` as an affirmative clause: wrapper, verdict and negators removed."""
    text = _RESPONSE.sub("", plain(text))
    match = _WRAPPER_BY.match(text) or _WRAPPER.match(text)
    if match and lex.lemma_of(match.group("noun")) in lex.WRAPPER_NOUNS:
        text = match.group("rest")
    text = _REPORTED_CLAUSE.sub("", text)
    text = lex.DISQUALIFIER.split(text, maxsplit=1)[0]
    text = _FAIL_TO.sub("", text)
    if lex.is_negated(text):
        # Protect the fixed expressions that only look negative.
        kept = {m.group(): f"\x00{i}\x00" for i, m in enumerate(lex.NON_NEGATING.finditer(text))}
        for phrase, token in kept.items():
            text = text.replace(phrase, token)
        for pattern, repl in _CONTRACTIONS:
            text = pattern.sub(repl, text)
        text = _NOR.sub("or", _NEGATORS.sub("", text))
        for phrase, token in kept.items():
            text = text.replace(token, phrase)
    return " ".join(text.split()).strip(" ,;:.")


def is_elliptical(text: str) -> bool:
    """True for content that only points elsewhere: "it", "it had not", "so"."""
    tokens = lex.words(text)
    return all(t in _ELLIPTIC for t in tokens)


def split_claims(statement: Statement, *, min_words: int = 4) -> list[Statement]:
    """One view of `statement` per sentence of its content.

    A sentence shorter than `min_words` words ("They could not.") stays with
    the one before it, since it cannot stand as a claim of its own, and so does
    a question ("Next month, what will it be?"), which asserts nothing. A content
    interrupted by its cue ("X," he said, "Y.") is read piece by piece: what
    lies between its pieces is no part of what was said.
    """
    content = statement.content
    pieces = statement.fragments("content")
    spans = [
        (start - content.start + s, start - content.start + e)
        for start, end in pieces for s, e in sentence_spans(content.text[start - content.start : end - content.start])
    ] if len(pieces) > 1 else sentence_spans(content.text)
    merged: list[tuple[int, int]] = []
    for start, end in spans:
        sentence = content.text[start:end]
        if merged and (len(sentence.split()) < min_words or _is_question(sentence)):
            merged[-1] = (merged[-1][0], end)
        else:
            merged.append((start, end))
    if len(merged) < 2:
        return [statement]
    return [
        dataclasses.replace(
            statement,
            content=Span(content.start + s, content.start + e, content.text[s:e]),
        )
        for s, e in merged
    ]


def _is_question(sentence: str) -> bool:
    return sentence.rstrip(" \"'”’)»").endswith("?")


def claim_texts(statements: Sequence[Statement]) -> list[str]:
    """The texts the corpus stages embed for these statements: `proposition_texts`
    of their claims (`split_claims`). An article's statements give the same
    texts alone as among the whole corpus: ellipsis is resolved within an article."""
    return proposition_texts([claim for statement in statements for claim in split_claims(statement)])


def proposition_texts(statements: Sequence[Statement]) -> list[str]:
    """`proposition_text` for a batch, with elliptical content resolved.

    "Iran admits supplying drones after having said it had not": the second
    statement's content "it had not" is about what the first one says, so it
    is embedded with its neighbour's text (or, for a statement nested in a
    quote, with the rest of the quoting sentence). Its own words still decide
    its stance.
    """
    texts = [proposition_text(s) for s in statements]
    # Indexed once: looking each elliptical statement's neighbours up by
    # scanning the whole batch grew with the square of the ledger.
    by_id: dict[str, list[Statement]] = {}
    by_sentence: dict[tuple[str, Span], list[tuple[int, Statement]]] = {}
    for j, other in enumerate(statements):
        by_id.setdefault(other.id, []).append(other)
        if other.sentence is not None:
            by_sentence.setdefault((other.article_id, other.sentence), []).append((j, other))
    for i, statement in enumerate(statements):
        if is_elliptical(statement.content.text):
            antecedent = _antecedent(statement, by_id, by_sentence, texts)
            if antecedent:
                texts[i] = antecedent
    return texts


def _antecedent(
    statement: Statement,
    by_id: dict[str, list[Statement]],
    by_sentence: dict[tuple[str, Span], list[tuple[int, Statement]]],
    texts: list[str],
) -> str | None:
    if statement.parent_id:
        for other in by_id.get(statement.parent_id, []):
            if _covers(other.content, statement.content):
                after = other.content.text[statement.content.end - other.content.start :]
                rest = _CLAUSE_LEAD.sub("", after.split(". ")[0])
                if not is_elliptical(rest):
                    return affirmative(rest)
    if statement.sentence is None:
        return None
    siblings = [
        (j, other)
        for j, other in by_sentence.get((statement.article_id, statement.sentence), [])
        if other.id != statement.id and not is_elliptical(other.content.text)
    ]
    if not siblings:
        return None
    # Ellipsis points back: prefer the nearest statement before, then after.
    here = statement.content.start
    before = [(here - o.content.start, j) for j, o in siblings if o.content.start < here]
    after = [(o.content.start - here, j) for j, o in siblings if o.content.start >= here]
    return texts[min(before)[1] if before else min(after)[1]]


def _covers(outer: Span, inner: Span) -> bool:
    return outer.start <= inner.start and inner.end <= outer.end and outer != inner


def assign_propositions(
    statements: Sequence[Statement],
    embeddings: np.ndarray,
    *,
    threshold: float = DEFAULT_THRESHOLD,
    known: Sequence[str | None] | None = None,
    texts: Sequence[str] | None = None,
) -> tuple[list[Proposition], list[int]]:
    """Cluster `statements` and say which proposition each row joined.

    Average-linkage agglomerative clustering on cosine similarity: two groups
    merge while their mean pairwise similarity is at least `threshold`.
    Returns the propositions (largest first, then by first appearance) and,
    for each input row, the index of its proposition in that list.

    `known` is for adding to an earlier clustering without redoing it: per
    row, the group an earlier run put it in (any key), or None for a new row.
    The earlier groups are kept as they were; the new rows are clustered among
    themselves, and each of their clusters joins the earlier group it is most
    similar to on average when that mean similarity reaches `threshold` (the
    rule by which average linkage merges two groups), or stands alone. Average
    linkage over every row could also have regrouped earlier rows around the
    new ones; that is the difference (`analyze_claims` re-clusters once the
    placed rows exceed `MAX_ASSIGNED` of the whole).

    `texts` are the labels' source, `proposition_texts(statements)` when not
    given (a caller that has them saves working them out again).
    """
    n = len(statements)
    if embeddings.ndim != 2 or embeddings.shape[0] != n:
        raise ValueError(Errors.E032.format(statements=n, shape=tuple(embeddings.shape)))
    if not 0.0 < threshold <= 1.0:
        raise ValueError(Errors.E033.format(threshold=threshold))
    if n == 0:
        return [], []
    if known is not None and len(known) != n:
        raise ValueError(Errors.E032.format(statements=n, shape=(len(known),)))
    vectors = _normalise(embeddings)
    raw = _average_linkage(vectors, threshold) if known is None else _extend_groups(vectors, known, threshold)

    groups: dict[int, list[int]] = {}
    for row, label in enumerate(raw):
        groups.setdefault(label, []).append(row)

    def size_then_first(rows: list[int]) -> tuple[int, int]:
        return (-len({statements[r].id for r in rows}), rows[0])

    ordered = sorted(groups.values(), key=size_then_first)
    texts = proposition_texts(statements) if texts is None else texts
    propositions: list[Proposition] = []
    assignment = [0] * n
    for index, rows in enumerate(ordered):
        for row in rows:
            assignment[row] = index
        ids = list(dict.fromkeys(statements[r].id for r in rows))
        label = _label(rows, statements, texts, vectors)
        propositions.append(Proposition(id=_proposition_id(statements, rows), label=label, statement_ids=ids))
    return propositions, assignment


def cluster_propositions(
    statements: Sequence[Statement],
    embeddings: np.ndarray,
    *,
    threshold: float = DEFAULT_THRESHOLD,
) -> list[Proposition]:
    """Group statements (or their `split_claims` views) into propositions.

    `embeddings` has one row per statement, computed from
    `proposition_texts(statements)`. Ids are digests of the members' spans,
    so the same input gives the same ids on any run or machine.
    """
    return assign_propositions(statements, embeddings, threshold=threshold)[0]


def _normalise(embeddings: np.ndarray) -> np.ndarray:
    """`embeddings` as float64 rows of unit length (zero rows stay zero); a
    float64 array already of unit rows is returned as it is, not copied."""
    vectors = np.asarray(embeddings, dtype=np.float64)
    norms = np.sqrt(np.einsum("ij,ij->i", vectors, vectors))[:, None]
    if vectors is not embeddings:  # already a copy of our own: divide in place
        vectors /= np.where(norms == 0.0, 1.0, norms)
        return vectors
    if np.all((np.abs(norms - 1.0) < 1e-9) | (norms == 0.0)):
        return vectors
    return vectors / np.where(norms == 0.0, 1.0, norms)


def _average_linkage(vectors: np.ndarray, threshold: float) -> list[int]:
    """Flat average-linkage clusters at `threshold`: groups merge, the most
    similar pair first, while their mean pairwise similarity reaches it.

    The same clusters as scipy's `linkage(method="average")` cut at
    `1 - threshold`, without the pairwise matrix it needs:

    - with unit vectors, the mean similarity of two groups is the dot product
      of their sums over the product of their sizes, so a group is held as its
      sum vector (`group_means` uses the same identity);
    - two groups whose members are all less similar than `threshold` have a
      mean below it too, so only groups joined by a pair at or above it (an
      edge of the similarity graph) can merge; a merged group inherits its
      parts' edges.

    Memory grows with the graph's edges instead of with the square of its
    largest connected component. That matters: texts repeated with small
    changes put every copy of a claim into one component.
    """
    n = len(vectors)
    first, second, similarity = _similar_pairs(vectors, threshold)
    neighbours: list[set[int]] = [set() for _ in range(n)]
    for a, b in zip(first.tolist(), second.tolist()):
        neighbours[a].add(b)
        neighbours[b].add(a)
    order = np.argsort(-similarity, kind="stable")
    first, second, similarity = first[order], second[order], similarity[order]
    sums = np.array(vectors, dtype=np.float64)
    sizes = np.ones(n)
    merged_into = list(range(n))
    # Candidates come from two queues: the graph's edges (pairs of single
    # rows), sorted once, and a heap of groups rescored after each merge. A
    # candidate holds while neither group has changed since it was scored;
    # `version` counts the merges each row's group took part in.
    version = [0] * n
    rescored: list[tuple[float, int, int, int, int]] = []
    next_edge = 0

    def best_pair() -> tuple[int, int] | None:
        nonlocal next_edge
        while True:
            while next_edge < len(first) and (version[first[next_edge]] or version[second[next_edge]]):
                next_edge += 1
            edge = None
            if next_edge < len(first):
                edge = (-float(similarity[next_edge]), int(first[next_edge]), int(second[next_edge]))
            if edge is not None and (not rescored or edge <= rescored[0][:3]):
                next_edge += 1
                return edge[1], edge[2]
            if not rescored:
                return None
            _, a, b, version_a, version_b = heapq.heappop(rescored)
            if version[a] == version_a and version[b] == version_b:
                return a, b

    while (pair := best_pair()) is not None:
        keep, gone = pair if len(neighbours[pair[0]]) >= len(neighbours[pair[1]]) else pair[::-1]
        sums[keep] += sums[gone]
        sizes[keep] += sizes[gone]
        merged_into[gone] = keep
        version[keep] += 1
        version[gone] += 1
        for other in neighbours[gone]:
            neighbours[other].discard(gone)
            if other != keep:
                neighbours[other].add(keep)
                neighbours[keep].add(other)
        neighbours[gone] = set()
        if neighbours[keep]:
            others = np.fromiter(neighbours[keep], dtype=np.int64, count=len(neighbours[keep]))
            means = (sums[others] @ sums[keep]) / (sizes[others] * sizes[keep])
            close = means >= threshold
            for other, mean in zip(others[close].tolist(), means[close].tolist()):
                low, high = (keep, other) if keep < other else (other, keep)
                heapq.heappush(rescored, (-mean, low, high, version[low], version[high]))
    return [_final_group(merged_into, row) for row in range(n)]


def _final_group(merged_into: list[int], row: int) -> int:
    group = row
    while merged_into[group] != group:
        group = merged_into[group]
    merged_into[row] = group  # shortens the walk for the rows after it
    return group


def _similar_pairs(vectors: np.ndarray, threshold: float) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Rows `a < b` whose cosine similarity is at least `threshold`, and that similarity.

    Only the upper triangle is scored, a block of rows at a time, in float32
    (twice as fast); the pairs it finds within a rounding margin of
    `threshold` or above are scored again in float64, so the pairs kept and
    their values are those of the float64 vectors.
    """
    n = len(vectors)
    single = vectors.astype(np.float32)
    found = [(np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64), np.zeros(0))]
    start = 0
    while start < n:
        stop = min(n, start + max(1, _BLOCK_CELLS // (n - start)))
        rows, columns = np.nonzero(single[start:stop] @ single[start:].T >= threshold - 1e-4)
        later = columns > rows
        first, second = rows[later] + start, columns[later] + start
        for at in range(0, len(first), _PAIRS_AT_ONCE):
            a, b = first[at : at + _PAIRS_AT_ONCE], second[at : at + _PAIRS_AT_ONCE]
            similarity = np.einsum("ij,ij->i", vectors[a], vectors[b])
            close = similarity >= threshold
            found.append((a[close], b[close], similarity[close]))
        start = stop
    first, second, similarity = (np.concatenate(parts) for parts in zip(*found))
    return first, second, similarity


_BLOCK_CELLS = 1 << 21  # similarities held at once: 8 MiB in float32, 16 MiB in float64
_PAIRS_AT_ONCE = 1 << 13  # pairs re-scored at once: two 8192-row slices of the vectors


def similarity_blocks(vectors: np.ndarray, others: np.ndarray) -> Iterator[tuple[int, np.ndarray]]:
    """`(start, vectors[start:stop] @ others.T)` over `vectors`, a block of rows at a time.

    Blocks hold about `_BLOCK_CELLS` similarities, however many `others`
    there are, so scoring a corpus against itself never holds its square.
    """
    rows = max(1, _BLOCK_CELLS // max(1, len(others)))
    for start in range(0, len(vectors), rows):
        yield start, vectors[start : start + rows] @ others.T


def _extend_groups(vectors: np.ndarray, known: Sequence[str | None], threshold: float) -> list[int]:
    """Flat labels that keep the earlier groups of `known` and add the new rows (see `assign_propositions`)."""
    label_of: dict[str, int] = {}
    labels = [label_of.setdefault(key, len(label_of)) if key is not None else -1 for key in known]
    new_rows = [row for row, key in enumerate(known) if key is None]
    if not new_rows:
        return labels
    earlier: dict[int, list[int]] = {}
    for row, label in enumerate(labels):
        if label >= 0:
            earlier.setdefault(label, []).append(row)
    keys, means = group_means(vectors, earlier)
    clusters: dict[int, list[int]] = {}
    for row, label in zip(new_rows, _average_linkage(vectors[new_rows], threshold)):
        clusters.setdefault(label, []).append(row)
    next_label = len(label_of)
    for members in clusters.values():
        if keys:
            similarity = means @ vectors[members].mean(axis=0)
            best = int(np.argmax(similarity))
            if similarity[best] >= threshold:
                for row in members:
                    labels[row] = keys[best]
                continue
        for row in members:
            labels[row] = next_label
        next_label += 1
    return labels


def group_means(vectors: np.ndarray, groups: dict[int, list[int]]) -> tuple[list[int], np.ndarray]:
    """The keys of `groups` (rows of `vectors` each) and, row by row, their mean vectors.

    With unit vectors, the mean pairwise similarity of two groups is the dot
    product of their means: the test average linkage applies to a merge,
    answered while holding one vector per group instead of their pairs.
    """
    keys = list(groups)
    if not keys:
        return keys, np.zeros((0, vectors.shape[1]))
    return keys, np.stack([vectors[groups[key]].mean(axis=0) for key in keys])


def _label(rows: list[int], statements: Sequence[Statement], texts: list[str], vectors: np.ndarray) -> str:
    """The canonical claim: the most central member's affirmative text, as a clause.

    Members that are negated, hedged or elliptical are passed over when there
    is another choice, since the label should read as the plain claim; so are
    members that are no clause of their own ("to test the river", a bare noun
    phrase). When only denials are left, their affirmative text is made to read
    as an assertion (`canonical_claim`).
    """
    if len(rows) == 1:  # most propositions of a large corpus: nothing to choose between
        return canonical_claim(texts[rows[0]])
    plain_rows = [r for r in rows if _reads_plainly(statements[r].content.text)] or rows
    plain_rows = [r for r in plain_rows if is_clause(texts[r])] or plain_rows
    block = vectors[plain_rows] @ vectors[rows].T
    # Rounded, so that vectors embedded in another batch (equal but for the
    # last float bits) pick the same member; ties go to the first.
    centrality = np.round(block.mean(axis=1), 6)
    best = plain_rows[int(np.argmax(centrality))]
    return canonical_claim(texts[best])


def canonical_claim(text: str, max_words: int = LABEL_WORDS) -> str:
    """An affirmative text as a proposition's label: a short declarative clause.

    Negative polarity items the negator left behind read affirmatively ("there
    has been release of any kind" → "there has been a release of some kind"),
    and the label is capitalised and cut at `max_words` words.
    """
    text = re.sub(r",\s*(?=[.;]|$)", "", _FRAME.sub("", text))
    for pattern, repl in _POLARITY:
        text = pattern.sub(repl, text)
    text = _BARE_EXISTENTIAL.sub(lambda m: f"{m.group(1)} a ", text)
    text = " ".join(text.split()).strip(" ,;:.")
    return capitalise(shorten(text, max_words)) or "(no text)"


def is_clause(text: str) -> bool:
    """True when `text` can stand as a claim: not an infinitive, not elliptical, of four words or more."""
    return not _INFINITIVE_LEAD.match(text) and not is_elliptical(text) and len(text.split()) >= 4


def _reads_plainly(text: str) -> bool:
    return not (
        lex.is_negated(text)
        or lex.MODALITY.search(text)
        or lex.NEGATIVE_IMPLICATIVE.search(text)
        or lex.DISQUALIFIER.search(text)
        or is_elliptical(text)
    )


def _proposition_id(statements: Sequence[Statement], rows: list[int]) -> str:
    keys = sorted(f"{statements[r].id}:{statements[r].content.start}:{statements[r].content.end}" for r in rows)
    return "p" + hashlib.sha256("\x1f".join(keys).encode("utf-8")).hexdigest()[:12]
