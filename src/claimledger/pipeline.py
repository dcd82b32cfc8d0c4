"""Wiring the stages together: inputs in, a ledger out.

Reading and near-duplicate detection run here, in order, a batch at a time.
The per-article stages (parse → attribute → mentions → time) are one pure
function over a batch (`ArticleStage`), which an executor runs in this
process, in worker processes or on Ray (`executors`); each batch's results
are written to the ledger in one transaction as they arrive, so the corpus is
never held in memory and an interrupted run loses at most the batches in
flight. The corpus stages (resolve → cluster → stance → compare → framing)
then run over every statement in the ledger, because a new article can change
who a surname refers to, which propositions exist and who contradicts whom.
Two things make that cheap when a few articles join a large ledger: sentence
vectors are kept in the ledger, so a run embeds only what is new, and the
general propositions are kept too (`claim_units`), so a run clusters only the
new claims and places them beside the earlier ones, until those placed claims
would pass `claims.MAX_ASSIGNED` of the ledger and everything is clustered again.

This module only connects stages; each lives in its own module.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import nullcontext
from dataclasses import asdict, dataclass, field
from functools import lru_cache
from itertools import islice

from ._memory import release_memory
from .attribution import DEFAULT_EXTRACTOR, get_extractor
from .claims import Encoder, SentenceEncoder, analyze_claims, claim_texts, encoder_name
from .devices import resolve_device
from .evaluate.attributions import statements_to_relations
from .executors import Executor, LocalExecutor, get_executor
from .ingest import DuplicateIndex, read_inputs
from .nlp.mentions import extract_mentions
from .nlp.parser import DEFAULT_MODEL, PARSE_BATCH, load_parser, parse_articles
from .nlp.resolve import resolve_entities
from .nlp.timex import attach_time
from .records import Article, CorpusAnalysis, Extracted, ParsedArticle, SkippedInput, article_id
from .store import Ledger
from .store.embedding_cache import CachedEncoder, cache_entries, embedding_key

Progress = Callable[[str, int], None]
"""Called with a stage name and how many items it just finished."""


@dataclass
class RunSummary:
    """What one `analyze` run did."""

    added: int = 0
    already_known: int = 0
    duplicates: int = 0
    statements: int = 0
    skipped: list[SkippedInput] = field(default_factory=list)
    #: Set when the ledger's propositions were grouped otherwise (another encoder, threshold or
    #: version) and this run grouped every claim afresh: how they were grouped ("" if not recorded).
    regrouped_from: str | None = None

    @property
    def failed(self) -> bool:
        return bool(self.skipped)


def analyze_articles(
    articles: Iterable[Article],
    *,
    model: str = DEFAULT_MODEL,
    attribution: str = DEFAULT_EXTRACTOR,
    tagger: str | None = None,
    device: str = "cpu",
    batch_size: int = 32,
    embed_claims: bool = False,
) -> Iterator[ParsedArticle]:
    """Parse, attribute and date articles: the per-article stages, pure of I/O.

    `tagger` is a folder written by `claimledger train attribution`; the
    shipped tagger without it. With `embed_claims`, each article also carries
    its claims' sentence vectors (`ParsedArticle.claim_vectors`).
    """
    nlp = load_parser(model, device)
    extract = get_extractor(attribution, model_dir=tagger, device=device)
    for pairs in _batches(parse_articles(nlp, articles), batch_size):
        batch = []
        for (article, doc), statements in zip(pairs, extract(pairs)):
            attach_time(article, doc, statements)
            batch.append(ParsedArticle(article, statements, extract_mentions(article, doc, statements)))
        if embed_claims:
            _embed_claims(batch, claim_encoder(device))
        yield from batch


def _embed_claims(batch: list[ParsedArticle], encoder: Encoder) -> None:
    """Give each article the vectors of its claims, the batch's texts encoded in one call.

    This is the heaviest model pass of the corpus stages. Done here, it runs
    wherever the per-article stages run (N workers, Ray actors, a GPU), and
    the corpus stages, which run once in the driver, read the vectors back
    from the ledger instead of computing them alone.
    """
    texts = [claim_texts(parsed.statements) for parsed in batch]
    unique = list(dict.fromkeys(text for article_texts in texts for text in article_texts))
    if not unique:
        return
    name = encoder_name(encoder)
    entries = cache_entries(name, unique, encoder.encode(unique))
    for parsed, article_texts in zip(batch, texts):
        keys = (embedding_key(name, text) for text in article_texts)
        parsed.claim_vectors = {key: entries[key] for key in keys}


@dataclass(frozen=True, slots=True)
class ArticleStage:
    """The per-article stages with their options: what an executor runs on each batch.

    Picklable and free of state, so a worker process or a Ray actor gets a
    copy, calls `load` once and then the stage on each batch it is given.
    """

    model: str = DEFAULT_MODEL
    attribution: str = DEFAULT_EXTRACTOR
    tagger: str | None = None
    device: str = "cpu"
    batch_size: int = 32
    embed_claims: bool = True

    def load(self) -> None:
        """Load (and cache, per process) the parser, the attribution extractor and the sentence encoder."""
        load_parser(self.model, self.device)
        get_extractor(self.attribution, model_dir=self.tagger, device=self.device)
        if self.embed_claims:
            claim_encoder(self.device).encode([])

    def __call__(self, articles: Sequence[Article]) -> list[ParsedArticle]:
        return list(analyze_articles(articles, **asdict(self)))


def attribute_texts(
    texts: Sequence[str],
    *,
    attribution: str = DEFAULT_EXTRACTOR,
    tagger: str | None = None,
    device: str = "cpu",
    batch_size: int = 32,
) -> Iterator[Extracted]:
    """The attributions found in each of `texts`, in order, as spans for scoring.

    The ``"model"`` extractor is scored on the tagger's own spans and relations
    (whose contents keep their parts: "The river," … "is safe"); the others on
    the statements the per-article stages store.
    """
    if attribution == "model":
        from .attribution.tagger import load_tagger

        trained = load_tagger(tagger, device)
        nlp = load_parser(DEFAULT_MODEL, device)
        for docs in _batches(nlp.pipe(texts, batch_size=PARSE_BATCH), batch_size):
            yield from trained.extract(docs)
        return
    articles = [Article(id=article_id(text), source=f"text-{i}", text=text) for i, text in enumerate(texts)]
    stages = analyze_articles(articles, attribution=attribution, tagger=tagger, device=device, batch_size=batch_size)
    for parsed in stages:
        yield Extracted(statements_to_relations(parsed.statements))


def analyze_corpus(
    ledger: Ledger, *, stance: str = "rules", device: str = "cpu", recluster: bool = False
) -> CorpusAnalysis:
    """Run the corpus stages over everything the ledger holds.

    Sentence vectors come from the ledger's cache, where the per-article
    stages put each claim's; only texts missing there (as in a ledger an older
    claimledger wrote) reach the encoder here. The claims the
    ledger's last analysis clustered keep their general propositions unless
    `recluster` is set or they were grouped otherwise (another encoder,
    threshold or version; see `claims.analyze_claims`).
    """
    statements = ledger.statements()
    entities, speaker_links = resolve_entities(statements, ledger.mentions())
    encoder = CachedEncoder(claim_encoder(resolve_device(device)), ledger)
    return analyze_claims(
        ledger.articles(), statements, entities, speaker_links, encoder=encoder, stance_backend=stance,
        earlier=() if recluster else ledger.claim_units(), earlier_clustering=ledger.clustering(),
    )


@lru_cache(maxsize=2)
def claim_encoder(device: str) -> SentenceEncoder:
    """The sentence encoder of claims, one per device and process: it loads its model on first use and keeps it."""
    return SentenceEncoder(device=device)


def _batches(items: Iterable, size: int) -> Iterator[list]:
    iterator = iter(items)
    while batch := list(islice(iterator, size)):
        yield batch


def analyze(
    inputs: Sequence[str],
    db: str,
    *,
    batch_size: int = 32,
    model: str = DEFAULT_MODEL,
    attribution: str = DEFAULT_EXTRACTOR,
    tagger: str | None = None,
    device: str = "cpu",
    stance: str = "rules",
    executor: str | Executor = "local",
    workers: int | None = None,
    threads: int | None = None,
    address: str | None = None,
    progress: Progress | None = None,
    timeout: float = 20.0,
    recluster: bool = False,
) -> RunSummary:
    """Ingest `inputs` into the ledger `db` and bring its analysis up to date.

    Re-running on the same inputs adds nothing twice: articles are keyed by
    their cleaned text. `executor` ("local" or "ray") with `workers` (of
    `threads` threads each; a worker is one core, and None lets the executor
    choose) decides where the per-article stages run (`address`: a Ray cluster); the ledger
    written is the same whichever runs them. An `Executor` instance is used as
    it is and left open, so its workers can serve several runs. `timeout` is
    how long to wait for each URL. `recluster` clusters every claim afresh
    (and re-runs the corpus stages even when nothing new was added).
    """
    device = resolve_device(device)  # a missing GPU is said before anything is read
    owned = isinstance(executor, str)
    runner = get_executor(executor, workers=workers, address=address, threads=threads) if owned else executor
    with Ledger.open(db) as ledger, (runner if owned else nullcontext()):
        return analyze_into(
            ledger, read_inputs(inputs, timeout=timeout), batch_size=batch_size, model=model,
            attribution=attribution, tagger=tagger, device=device, stance=stance, executor=runner,
            progress=progress, recluster=recluster,
        )


def analyze_into(
    ledger: Ledger,
    items: Iterable[Article | SkippedInput],
    *,
    batch_size: int = 32,
    model: str = DEFAULT_MODEL,
    attribution: str = DEFAULT_EXTRACTOR,
    tagger: str | None = None,
    device: str = "cpu",
    stance: str = "rules",
    executor: Executor | None = None,
    progress: Progress | None = None,
    recluster: bool = False,
) -> RunSummary:
    """Add read articles (and log skipped inputs) to an open ledger, then bring its
    analysis up to date: `analyze` after reading, and the web app's upload.

    The per-article stages run on `executor` (this process on every core when None).
    """
    summary = RunSummary()
    report = progress or (lambda stage, n: None)
    stage = ArticleStage(model=model, attribution=attribution, tagger=tagger, device=device, batch_size=batch_size)
    runner = executor or LocalExecutor()
    known = ledger.article_ids()
    duplicates = duplicate_index(ledger)
    triaged: deque[tuple[list[Article], list[SkippedInput], int]] = deque()

    def to_parse() -> Iterator[list[Article]]:
        for batch in _batches(items, batch_size):
            fresh, skipped = _triage(batch, known, duplicates, summary)
            triaged.append((fresh, skipped, len(batch)))
            yield [a for a in fresh if a.duplicate_of is None]

    for results in runner.map(stage, to_parse()):
        fresh, skipped, read = triaged.popleft()
        parsed = {p.article.id: p for p in results}
        written = [parsed.get(a.id) or ParsedArticle(a) for a in fresh]
        summary.added += ledger.add_parsed(written, skipped)
        ledger.add_sketches({a.id: duplicates.sketch(a.id) for a in fresh if a.id in duplicates}, duplicates.kind)
        summary.statements += sum(len(p.statements) for p in written)
        report("articles", read)
    if summary.added or recluster or not ledger.count("entities"):
        release_memory()  # the last batch's writes, before the corpus stages load the whole ledger
        report("corpus", 0)
        had_units, grouped = ledger.count("claim_units"), ledger.clustering()
        analysis = analyze_corpus(ledger, stance=stance, device=device, recluster=recluster)
        if had_units and not recluster and grouped != analysis.clustering:
            summary.regrouped_from = grouped or ""
        ledger.replace_analysis(analysis)
    return summary


def duplicate_index(ledger: Ledger) -> DuplicateIndex:
    """The near-duplicate index of the ledger's original articles, from the sketches it keeps.

    Articles with no sketch kept (a ledger written before sketches were, or by
    another version of datasketch) or a damaged one are sketched from their
    texts once, and their sketches kept for the next run.
    """
    index = DuplicateIndex()
    made: dict[str, bytes] = {}
    for original, sketch, text in ledger.iter_sketches(index.kind):
        if sketch is not None:
            try:
                index.insert(original, sketch)
                continue
            except ValueError:
                article = ledger.get_article(original)
                text = article.text if article else ""
        index.insert(original, text=text)
        made[original] = index.sketch(original)
    if made:
        ledger.add_sketches(made, index.kind)
    return index


def _triage(batch, known: set[str], duplicates, summary: RunSummary):
    """Split a batch into new articles (duplicates linked) and skipped inputs."""
    fresh: list[Article] = []
    skipped: list[SkippedInput] = []
    for item in batch:
        if isinstance(item, SkippedInput):
            skipped.append(item)
            summary.skipped.append(item)
            continue
        if item.id in known:
            summary.already_known += 1
            continue
        known.add(item.id)
        item.duplicate_of = duplicates.add(item)
        if item.duplicate_of:
            summary.duplicates += 1
        fresh.append(item)
    return fresh, skipped
