"""Features of a (claim, evidence) pair for the trained stance model.

The evidence is split into sentences and the claim is compared with each, so
that the words that decide a stance are read where the evidence talks about
the claim, not in the whole article. Two groups of features:

- `overlap_features`: how much the evidence is about the claim at all (TF-IDF
  cosine, shared words and bigrams, embedding similarity of the closest
  sentences). These decide related vs unrelated.
- `cue_features`: how the closest sentences talk about it: refuting words
  ("hoax", "debunked", "denied"), hedging and reporting words ("reportedly",
  "allegedly", "unconfirmed"), negation, questions, each in the claim, the
  closest sentences and the whole evidence. Known to decide FNC-1's
  agree / disagree / discuss (Hanselowski et al., COLING 2018).

`pair_features` joins them with the claim's embedding and the embedding of
the closest sentences for the second stage. Everything here is a pure
function of the texts, the sentence embeddings and the IDF table.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from .._text import sentence_spans

# Sentences of the evidence read per pair: articles put the claim up front,
# and the tail rarely changes the stance.
MAX_SENTENCES = 40
# Sentences that count as "where the evidence talks about the claim".
TOP_SENTENCES = 3

_WORD = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")

# Common English function words: shared by every text, so they say nothing
# about whether two texts are about the same thing.
STOP_WORDS = frozenset(
    """a about above after again against all am an and any are as at be because been before being below between
    both but by can could did do does doing down during each few for from further had has have having he her here
    hers herself him himself his how i if in into is it its itself just me more most my myself no nor not now of off
    on once only or other our ours ourselves out over own same she should so some such than that the their theirs
    them themselves then there these they this those through to too under until up very was we were what when where
    which while who whom why will with would you your yours yourself yourselves s t said says also""".split()
)

REFUTING = frozenset(
    """fake fraud frauds hoax hoaxes false falsely deny denies denied denying denial refute refutes refuted refuting
    debunk debunks debunked debunking bogus untrue not no never nothing nope doubt doubts doubted dismiss dismissed
    dismisses reject rejects rejected retract retracts retracted retraction misleading myth myths baseless unfounded
    wrong incorrect lie lies lying prank pranks satire satirical parody fabricated rumour rumor rumours rumors
    contrary despite however but neither nor""".split()
)

HEDGING = frozenset(
    """reportedly allegedly alleged purportedly apparently supposedly claim claims claimed claiming according report
    reports reported rumored rumoured unconfirmed unverified may might could possibly possible perhaps likely unclear
    suggests suggest suggested appears appear seems seem believed thought speculation speculated speculate
    investigating investigation if whether sources source said says told""".split()
)

AFFIRMING = frozenset(
    """confirm confirms confirmed confirming confirmation official officially announced announces verified true
    indeed admit admits admitted acknowledge acknowledged acknowledges proven proof evidence shows showed""".split()
)

NEGATORS = frozenset("not no never nothing none nobody neither nor without n't cannot".split())


def words(text: str) -> list[str]:
    """Lower-case words of `text`, with "n't" kept as a word of its own."""
    return _WORD.findall(text.lower().replace("n't", " n't").replace("’", "'"))


def content_words(text: str) -> list[str]:
    return [w for w in words(text) if w not in STOP_WORDS and len(w) > 1]


def evidence_sentences(text: str, limit: int = MAX_SENTENCES) -> list[str]:
    """The first `limit` sentences of `text`; paragraphs break sentences too."""
    sentences: list[str] = []
    for paragraph in text.splitlines():
        for start, end in sentence_spans(paragraph):
            sentences.append(paragraph[start:end])
            if len(sentences) == limit:
                return sentences
    return sentences or [text.strip() or "."]


@dataclass(frozen=True, slots=True)
class Idf:
    """Inverse document frequency of the words seen in training; unseen words get `default`."""

    weights: Mapping[str, float]
    default: float

    def vector(self, tokens: Sequence[str]) -> dict[str, float]:
        counts: dict[str, float] = {}
        for token in tokens:
            counts[token] = counts.get(token, 0.0) + 1.0
        return {t: (1.0 + math.log(c)) * self.weights.get(t, self.default) for t, c in counts.items()}

    @classmethod
    def fit(cls, documents: Sequence[Sequence[str]], min_count: int = 2) -> Idf:
        frequency: dict[str, int] = {}
        for tokens in documents:
            for token in set(tokens):
                frequency[token] = frequency.get(token, 0) + 1
        n = len(documents)
        weights = {t: round(math.log((1 + n) / (1 + df)) + 1.0, 4) for t, df in frequency.items() if df >= min_count}
        return cls(weights, round(math.log((1 + n) / 2) + 1.0, 4))


def _cosine(a: Mapping[str, float], b: Mapping[str, float]) -> float:
    if not a or not b:
        return 0.0
    if len(a) > len(b):
        a, b = b, a
    dot = sum(v * b.get(k, 0.0) for k, v in a.items())
    norm = math.sqrt(sum(v * v for v in a.values())) * math.sqrt(sum(v * v for v in b.values()))
    return dot / norm if norm else 0.0


def _share(claim: set[str], other: set[str]) -> float:
    return len(claim & other) / len(claim) if claim else 0.0


def _bigrams(tokens: Sequence[str]) -> set[tuple[str, str]]:
    return set(zip(tokens, tokens[1:]))


def _rate(tokens: Sequence[str], lexicon: frozenset[str]) -> float:
    return sum(t in lexicon for t in tokens) / math.sqrt(len(tokens) + 1)


@dataclass(frozen=True, slots=True)
class PairView:
    """A pair as the features see it: the claim, the evidence's sentences, their embeddings."""

    claim: str
    sentences: Sequence[str]
    claim_vector: np.ndarray  # (dim,)
    sentence_vectors: np.ndarray  # (len(sentences), dim)


OVERLAP_NAMES = (
    "tfidf_cos_all", "tfidf_cos_top", "tfidf_cos_lead", "share_words_all", "share_words_top", "share_words_lead",
    "jaccard_all", "share_bigrams_all", "share_bigrams_top", "emb_cos_max", "emb_cos_top_mean", "emb_cos_mean",
    "emb_cos_lead", "emb_cos_max_minus_mean", "log_sentences", "log_claim_words",
)
_CUE_PLACES = ("claim", "top", "all")
_CUE_KINDS = ("refuting", "hedging", "affirming", "negators", "question")
CUE_NAMES = tuple(f"{kind}_{place}" for place in _CUE_PLACES for kind in _CUE_KINDS) + (
    "negation_parity_claim", "negation_parity_top", "claim_words_in_top_refuting",
)


def closest_sentences(view: PairView, top: int = TOP_SENTENCES) -> np.ndarray:
    """Indices of the `top` sentences most similar to the claim, best first."""
    similarity = view.sentence_vectors @ view.claim_vector
    return np.argsort(-similarity, kind="stable")[:top]


def overlap_features(view: PairView, idf: Idf) -> list[float]:
    similarity = view.sentence_vectors @ view.claim_vector
    order = np.argsort(-similarity, kind="stable")[:TOP_SENTENCES]
    claim_tokens = content_words(view.claim)
    sentence_tokens = [content_words(s) for s in view.sentences]
    all_tokens = [t for tokens in sentence_tokens for t in tokens]
    top_tokens = [t for i in order for t in sentence_tokens[i]]
    lead_tokens = [t for tokens in sentence_tokens[:2] for t in tokens]
    claim_vec = idf.vector(claim_tokens)
    claim_set = set(claim_tokens)
    claim_bigrams = _bigrams(claim_tokens)
    top_bigrams = set().union(*(_bigrams(sentence_tokens[i]) for i in order))
    return [
        _cosine(claim_vec, idf.vector(all_tokens)),
        _cosine(claim_vec, idf.vector(top_tokens)),
        _cosine(claim_vec, idf.vector(lead_tokens)),
        _share(claim_set, set(all_tokens)),
        _share(claim_set, set(top_tokens)),
        _share(claim_set, set(lead_tokens)),
        len(claim_set & set(all_tokens)) / (len(claim_set | set(all_tokens)) or 1),
        len(claim_bigrams & _bigrams(all_tokens)) / (len(claim_bigrams) or 1),
        len(claim_bigrams & top_bigrams) / (len(claim_bigrams) or 1),
        float(similarity.max()),
        float(similarity[order].mean()),
        float(similarity.mean()),
        float(similarity[: min(2, len(similarity))].max()),
        float(similarity.max() - similarity.mean()),
        math.log1p(len(view.sentences)),
        math.log1p(len(claim_tokens)),
    ]


def _cues(text_words: Sequence[str], text: str) -> list[float]:
    return [
        _rate(text_words, REFUTING),
        _rate(text_words, HEDGING),
        _rate(text_words, AFFIRMING),
        _rate(text_words, NEGATORS),
        float(text.count("?") > 0),
    ]


def cue_features(view: PairView) -> list[float]:
    order = closest_sentences(view)
    top_text = " ".join(view.sentences[i] for i in order)
    claim_words = words(view.claim)
    top_words = words(top_text)
    all_text = " ".join(view.sentences)
    claim_set = set(content_words(view.claim))
    # a refuting word in a sentence that repeats the claim's words ("the report that X is a hoax")
    refuted_here = max(
        (_share(claim_set, set(content_words(view.sentences[i]))) * any(w in REFUTING for w in words(view.sentences[i]))
         for i in order),
        default=0.0,
    )
    return [
        *_cues(claim_words, view.claim),
        *_cues(top_words, top_text),
        *_cues(words(all_text), all_text),
        float(sum(w in NEGATORS for w in claim_words) % 2),
        float(sum(w in NEGATORS for w in top_words) % 2),
        refuted_here,
    ]


def evidence_vector(view: PairView) -> np.ndarray:
    """The evidence where it talks about the claim: its closest sentences' embeddings, weighted by similarity."""
    order = closest_sentences(view)
    weights = np.clip(view.sentence_vectors[order] @ view.claim_vector, 1e-3, None)
    vector = (weights[:, None] * view.sentence_vectors[order]).sum(axis=0)
    return vector / (np.linalg.norm(vector) or 1.0)


def pair_features(view: PairView, idf: Idf) -> tuple[np.ndarray, np.ndarray]:
    """(hand-made features, embedding features) of one pair, as float32 rows."""
    hand = np.asarray(overlap_features(view, idf) + cue_features(view), dtype=np.float32)
    evidence = evidence_vector(view)
    dense = np.concatenate([view.claim_vector, evidence, view.claim_vector * evidence]).astype(np.float32)
    return hand, dense
