"""Attribution: who (source) said (cue) what (content), as `Statement`s.

Two extractors sit behind one interface, chosen by name:

- ``"model"``: the trained tagger shipped in `attribution/model/` (see
  `network`, `encoding`, `decode`, `tagger`; `train` is
  `claimledger train attribution`). It needs torch, imported only when used.
- ``"rules"``: dependency-parse rules (`rules`), no model weights at all.
- ``"combined"`` (the default): the rules' statements, plus every statement of
  the tagger whose cue and content the rules did not find. The rules know the
  ledger's conventions (a headline "Name: claim", a denial's object, a quote
  continued in the next paragraph); the tagger, trained on PolNeAR, finds the
  attributions no rule anticipated.

`extract_statements(pairs, extractor=...)` takes (article, doc) pairs and
returns the statements of each, so the tagger can batch windows across articles.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from spacy.tokens import Doc

from ..records import Article, Span, Statement
from ..registry import Registry
from . import rules

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


def _overlaps(a: Span | None, b: Span | None) -> bool:
    return a is not None and b is not None and a.start < b.end and b.start < a.end


def combine_statements(ruled: Sequence[Statement], tagged: Sequence[Statement]) -> list[Statement]:
    """The rule statements, plus each tagged one that no rule statement shares a cue or content with."""
    extra = [
        t for t in tagged
        if not any(_overlaps(t.content, r.content) or _overlaps(t.cue, r.cue) for r in ruled)
    ]
    return rules.finalize_statements([*ruled, *extra])


@extractors.register("combined")
def combined_extractor(**options: object) -> Extractor:
    tagger = model_extractor(**options)

    def extract(pairs: Sequence[tuple[Article, Doc]]) -> list[list[Statement]]:
        return [
            combine_statements(rules.extract_statements(article, doc), tagged)
            for (article, doc), tagged in zip(pairs, tagger(pairs))
        ]

    return extract


def get_extractor(name: str = DEFAULT_EXTRACTOR, **options: object) -> Extractor:
    """The attribution extractor registered as `name`, built with `options`."""
    return extractors.get(name)(**options)
