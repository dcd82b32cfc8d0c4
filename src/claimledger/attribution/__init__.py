"""Attribution: who (source) said (cue) what (content), as `Statement`s.

Two extractors sit behind one interface, chosen by name:

- ``"model"``: the trained tagger shipped in `attribution/model/` (see
  `network`, `encoding`, `decode`, `tagger`; `train` is
  `claimledger train attribution`). It needs torch, imported only when used.
- ``"rules"``: dependency-parse rules (`rules`), no model weights at all.
- ``"combined"`` (the default): the tagger's statements, whose spans are
  PolNeAR's, with the rules' where they keep a ledger convention the tagger
  cannot know (a headline "Name: claim", a quoted post credited to its author,
  a cited source, a report split into its claims) or find an attribution the
  tagger missed (`combine`).

`extract_statements(pairs, extractor=...)` takes (article, doc) pairs and
returns the statements of each, so the tagger can batch windows across articles.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from spacy.tokens import Doc

from ..records import Article, Statement
from ..registry import Registry
from . import rules
from .agents import keep_agent_speakers
from .combine import DEFAULT_COMBINATION, Combination, combine_statements, rule_kind  # noqa: F401  (public)

Extractor = Callable[[Sequence[tuple[Article, Doc]]], list[list[Statement]]]
extractors: Registry[Callable[..., Extractor]] = Registry("attribution extractor")

DEFAULT_EXTRACTOR = "combined"


@extractors.register("rules")
def rule_extractor(**_options: object) -> Extractor:
    return lambda pairs: [rules.extract_statements(article, doc) for article, doc in pairs]


@extractors.register("model")
def model_extractor(*, model_dir: str | None = None, device: str = "cpu", **_options: object) -> Extractor:
    from .statements import relations_to_statements
    from .tagger import load_tagger

    tagger = load_tagger(model_dir, device)

    def extract(pairs: Sequence[tuple[Article, Doc]]) -> list[list[Statement]]:
        relations = tagger.relations([doc for _, doc in pairs])
        return [relations_to_statements(a, d, r) for (a, d), r in zip(pairs, relations)]

    return extract


@extractors.register("combined")
def combined_extractor(**options: object) -> Extractor:
    tagger = model_extractor(**options)

    def extract(pairs: Sequence[tuple[Article, Doc]]) -> list[list[Statement]]:
        return [
            combine_statements(rules.extract_statements(article, doc), tagged, doc=doc)
            for (article, doc), tagged in zip(pairs, tagger(pairs))
        ]

    return extract


def get_extractor(name: str = DEFAULT_EXTRACTOR, **options: object) -> Extractor:
    """The attribution extractor registered as `name`, built with `options`.

    Whatever the extractor, only agents are left as speakers (`agents`).
    """
    extract = extractors.get(name)(**options)

    def extract_with_agents(pairs: Sequence[tuple[Article, Doc]]) -> list[list[Statement]]:
        return [keep_agent_speakers(doc, found) for (_, doc), found in zip(pairs, extract(pairs))]

    return extract_with_agents
