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

Articles in a language the per-article stages have no model for
(`is_analysed`) are stored and exported like any other, but left out of
every stage: neither parsed nor attributed here, nor read back as input to
the corpus stages, so none of their names can reach another article's actors.

This module only connects stages; each lives in its own module.
"""

from __future__ import annotations

import logging
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import nullcontext
from dataclasses import asdict, dataclass, field
from functools import lru_cache
from itertools import islice

from ._memory import release_memory
from .attribution import DEFAULT_EXTRACTOR, get_extractor
from .claims import Encoder, SentenceEncoder, analyze_claims, claim_texts, encoder_name
from .claims.stance import get_stance_backend, stance_settings
from .devices import resolve_device
from .errors import ConfigError, Errors, Warnings
from .evaluate.attributions import statements_to_relations
from .executors import Executor, LocalExecutor, get_executor
from .ingest import DuplicateIndex, read_inputs
from .nlp.mentions import extract_mentions
from .nlp.parser import ANALYSED_LANGUAGES, DEFAULT_MODEL, PARSE_BATCH, load_parser, parse_articles
from .nlp.resolve import resolve_entities
from .nlp.timex import attach_time
from .records import Article, CorpusAnalysis, Extracted, ParsedArticle, SkippedInput, article_id
from .store import Ledger
from .store.embedding_cache import CachedEncoder, cache_entries, embedding_key

logger = logging.getLogger(__name__)

Progress = Callable[[str, int], None]
"""Called with a stage name and how many items it just finished: ("articles", n) as
batches of articles are stored, then (stage, 0) as each corpus stage starts
(`CORPUS_STAGES`)."""

CORPUS_STAGES = ("resolving speakers", "propositions, stances, contradictions", "writing the analysis")


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
    #: Whether the corpus stages ran (new articles, `recluster`, or a stale analysis).
    reanalysed: bool = False
    #: Articles this run stored but did not analyse, for want of a model for their language: code → count.
    not_analysed: Counter[str] = field(default_factory=Counter)
    #: What the ledger's analysis holds after the run (when the corpus stages ran).
    propositions: int = 0
    contradictions: int = 0

    @property
    def failed(self) -> bool:
        return bool(self.skipped)

    def language_notice(self) -> str | None:
        """The one-line W004 notice of the articles stored but not analysed, or None when there are none."""
        if not self.not_analysed:
            return None
        return Warnings.W004.format(
            count=sum(self.not_analysed.values()),
            languages=", ".join(f"{code} {n}" for code, n in sorted(self.not_analysed.items(), key=_most_first)),
            analysed=", ".join(ANALYSED_LANGUAGES),
        )


def _most_first(item: tuple[str, int]) -> tuple[int, str]:
    return -item[1], item[0]


def is_analysed(article: Article) -> bool:
    """Whether the per-article stages have a model for the article's language.

    An article whose language could not be told (a very short text) is
    analysed, as every article was before languages were told apart.
    """
    return article.language is None or article.language in ANALYSED_LANGUAGES


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
    its claims' sentence vectors (`ParsedArticle.claim_vectors`). One
    `ParsedArticle` is yielded per article, in order; an article marked not
    analysed (`Article.analysed`) is passed over, and yielded with nothing found.
    """
    nlp = load_parser(model, device)
    extract = get_extractor(attribution, model_dir=tagger, device=device)
    for chunk in _batches(articles, batch_size):
        batch = [ParsedArticle(article) for article in chunk]
        analysed = [i for i, article in enumerate(chunk) if article.analysed]
        pairs = list(parse_articles(nlp, (chunk[i] for i in analysed)))
        for i, ((article, doc), statements) in zip(analysed, zip(pairs, extract(pairs) if pairs else ())):
            attach_time(article, doc, statements)
            batch[i] = ParsedArticle(article, statements, extract_mentions(article, doc, statements))
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
    ledger: Ledger, *, stance: str = "rules", device: str = "cpu", recluster: bool = False,
    stance_options: Mapping[str, object] | None = None, progress: Progress | None = None,
) -> CorpusAnalysis:
    """Run the corpus stages over everything the ledger holds.

    Sentence vectors come from the ledger's cache, where the per-article
    stages put each claim's; only texts missing there (as in a ledger an older
    claimledger wrote) reach the encoder here. The claims the
    ledger's last analysis clustered keep their general propositions unless
    `recluster` is set or they were grouped otherwise (another encoder,
    threshold or version; see `claims.analyze_claims`). Articles stored but
    not analysed, and anything of theirs, are left out.

    The stance backend `stance` is built with `stance_options` (its own
    settings) and the run's `device` where it takes one (`stance_settings`).
    `progress` hears each stage start (`CORPUS_STAGES`).
    """
    report = progress or (lambda stage, n: None)
    device = resolve_device(device)
    backend = get_stance_backend(stance, **stance_settings(stance, stance_options or {}, device=device))
    articles = [article for article in ledger.articles() if article.analysed]
    kept = {article.id for article in articles}
    statements = [s for s in ledger.statements() if s.article_id in kept]
    mentions = [m for m in ledger.mentions() if m.article_id in kept]
    report(CORPUS_STAGES[0], 0)
    entities, speaker_links = resolve_entities(statements, mentions)
    encoder = CachedEncoder(claim_encoder(device), ledger)
    report(CORPUS_STAGES[1], 0)
    return analyze_claims(
        articles, statements, entities, speaker_links, encoder=encoder, stance_backend=backend,
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
    stance_options: Mapping[str, object] | None = None,
    executor: str | Executor = "local",
    workers: int | None = None,
    threads: int | None = None,
    address: str | None = None,
    progress: Progress | None = None,
    timeout: float = 20.0,
    recluster: bool = False,
    allow_private_addresses: bool = False,
) -> RunSummary:
    """Ingest `inputs` into the ledger `db` and bring its analysis up to date.

    Re-running on the same inputs adds nothing twice: articles are keyed by
    their cleaned text. `executor` ("local" or "ray") with `workers` (of
    `threads` threads each; a worker is one core, and None lets the executor
    choose) decides where the per-article stages run (`address`: a Ray cluster); the ledger
    written is the same whichever runs them. An `Executor` instance is used as
    it is and left open, so its workers can serve several runs. `timeout` is
    how long to wait for each URL; `allow_private_addresses` lets URLs reach
    loopback and private networks (refused by default). `recluster` clusters every claim afresh
    (and re-runs the corpus stages even when nothing new was added).
    """
    if batch_size < 1:  # before anything is read or written: a run of empty batches adds nothing
        raise ConfigError(Errors.E073.format(option="--batch-size", value=batch_size))
    device = resolve_device(device)  # a missing GPU is said before anything is read
    stance_settings(stance, stance_options or {}, device=device)  # so is a wrong stance backend or setting
    owned = isinstance(executor, str)
    runner = get_executor(executor, workers=workers, address=address, threads=threads) if owned else executor
    with Ledger.open(db) as ledger, (runner if owned else nullcontext()):
        return analyze_into(
            ledger, read_inputs(inputs, timeout=timeout, allow_private_addresses=allow_private_addresses), batch_size=batch_size, model=model,
            attribution=attribution, tagger=tagger, device=device, stance=stance, executor=runner,
            progress=progress, recluster=recluster, stance_options=stance_options,
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
    stance_options: Mapping[str, object] | None = None,
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
            yield [a for a in fresh if a.duplicate_of is None and a.analysed]

    for results in runner.map(stage, to_parse()):
        fresh, skipped, read = triaged.popleft()
        parsed = {p.article.id: p for p in results}
        written = [parsed.get(a.id) or ParsedArticle(a) for a in fresh]
        added = ledger.add_parsed(written, skipped)
        summary.added += added
        # Articles another run wrote since this one looked were already in the ledger after all.
        summary.already_known += len(written) - added
        ledger.add_sketches({a.id: duplicates.sketch(a.id) for a in fresh if a.id in duplicates}, duplicates.kind)
        summary.statements += sum(len(p.statements) for p in written)
        report("articles", read)
    # A run that died after writing articles and before writing their analysis left the
    # analysis stale: any later run, with or without new input, brings it up to date.
    if summary.added or recluster or ledger.analysis_is_stale():
        release_memory()  # the last batch's writes, before the corpus stages load the whole ledger
        generation = ledger.articles_generation()
        had_units, grouped = ledger.count("claim_units"), ledger.clustering()
        analysis = analyze_corpus(
            ledger, stance=stance, device=device, recluster=recluster, stance_options=stance_options,
            progress=report,
        )
        if had_units and not recluster and grouped != analysis.clustering:
            summary.regrouped_from = grouped or ""
        report(CORPUS_STAGES[2], 0)
        ledger.replace_analysis(analysis, generation=generation)
        summary.reanalysed = True
        summary.propositions, summary.contradictions = len(analysis.propositions), len(analysis.contradictions)
    else:
        summary.propositions, summary.contradictions = ledger.count("propositions"), ledger.count("contradictions")
    if notice := summary.language_notice():
        logger.warning("%s", notice, extra={"in_summary": True})
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
    """Split a batch into new articles (duplicates linked, those in a language without a
    model marked not analysed) and skipped inputs."""
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
        item.analysed = is_analysed(item)
        if not item.analysed:
            summary.not_analysed[item.language] += 1
        item.duplicate_of = duplicates.add(item)
        if item.duplicate_of:
            summary.duplicates += 1
        fresh.append(item)
    return fresh, skipped
