"""The trained text-level stance model: (claim, evidence) → agree / disagree / discuss / unrelated.

Two stages, the recipe that works on FNC-1: stage 1 tells whether the
evidence is about the claim at all (related / unrelated) from overlap
features; stage 2 reads how the related evidence talks about it (agree /
disagree / discuss) from cue features plus frozen all-MiniLM-L6-v2
embeddings of the claim and of the evidence's closest sentences. Each stage
is a one-hidden-layer perceptron, trained by `train` and shipped as
`stance_weights/` (config.json, idf.json, weights.safetensors); the stages
are numpy, so they need torch only through the sentence encoder.

Short evidence (a headline, a statement) is also read together with the
claim by the reader (`reader`), when the model has one; its
agree / disagree / discuss probabilities are mixed with stage 2's, with the
weight chosen by cross-validation on Emergent.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from ...devices import resolve_device
from ...errors import ConfigError, Errors
from . import features
from ..embeddings import Encoder, SentenceEncoder
from .reader import PairReader, ReaderConfig, is_short

FORMAT = "claimledger-stance/1"
from .labels import TEXT_LABELS
SHIPPED = Path(__file__).parent.parent / "stance_weights"


@dataclass(frozen=True, slots=True)
class TextPair:
    """A claim and a text that may take a stance on it (an article, a headline, a statement)."""

    claim: str
    evidence: str


@dataclass(frozen=True, slots=True)
class Perceptron:
    """Standardise, one ReLU hidden layer, softmax: the forward pass of a trained stage."""

    mean: np.ndarray
    scale: np.ndarray
    hidden_weight: np.ndarray
    hidden_bias: np.ndarray
    output_weight: np.ndarray
    output_bias: np.ndarray

    def __call__(self, x: np.ndarray) -> np.ndarray:
        h = np.maximum(((x - self.mean) / self.scale) @ self.hidden_weight.T + self.hidden_bias, 0.0)
        logits = h @ self.output_weight.T + self.output_bias
        logits -= logits.max(axis=1, keepdims=True)
        e = np.exp(logits)
        return e / e.sum(axis=1, keepdims=True)

    def tensors(self, prefix: str) -> dict[str, np.ndarray]:
        return {f"{prefix}.{name}": np.ascontiguousarray(getattr(self, name), dtype=np.float32) for name in _FIELDS}

    @classmethod
    def from_tensors(cls, tensors: dict[str, np.ndarray], prefix: str) -> Perceptron:
        return cls(**{name: tensors[f"{prefix}.{name}"].astype(np.float32) for name in _FIELDS})


_FIELDS = ("mean", "scale", "hidden_weight", "hidden_bias", "output_weight", "output_bias")


@dataclass(frozen=True, slots=True)
class PairFeatures:
    """Feature rows of many pairs: `hand` (n, hand features) and `dense` (n, 3 × embedding dim)."""

    hand: np.ndarray
    dense: np.ndarray

    def stage2(self) -> np.ndarray:
        return np.hstack([self.hand, self.dense])


def featurize(pairs: Sequence[TextPair], encoder: Encoder, idf: features.Idf, batch_size: int = 64) -> PairFeatures:
    """Features of every pair; each distinct sentence and claim is embedded once."""
    sentences = [features.evidence_sentences(pair.evidence) for pair in pairs]
    texts = list(dict.fromkeys([p.claim for p in pairs] + [s for group in sentences for s in group]))
    vectors = encoder.encode(texts, batch_size=batch_size) if texts else np.zeros((0, 0), np.float32)
    row = {text: i for i, text in enumerate(texts)}
    hand, dense = [], []
    for pair, group in zip(pairs, sentences):
        view = features.PairView(
            pair.claim, group, vectors[row[pair.claim]], vectors[[row[s] for s in group]]
        )
        h, d = features.pair_features(view, idf)
        hand.append(h)
        dense.append(d)
    width = len(features.OVERLAP_NAMES) + len(features.CUE_NAMES)
    if not pairs:
        return PairFeatures(np.zeros((0, width), np.float32), np.zeros((0, 0), np.float32))
    return PairFeatures(np.stack(hand), np.stack(dense))


class MemoEncoder:
    """An encoder that embeds each distinct text once, in memory: an article's sentences recur
    in many pairs. (`store.embedding_cache.CachedEncoder` keeps vectors in a ledger instead.)"""

    def __init__(self, encoder: Encoder, max_texts: int = 200_000) -> None:
        self.encoder = encoder
        self.max_texts = max_texts
        self._vectors: dict[str, np.ndarray] = {}

    def encode(self, texts: Sequence[str], batch_size: int = 64) -> np.ndarray:
        new = [t for t in dict.fromkeys(texts) if t not in self._vectors]
        if len(self._vectors) + len(new) > self.max_texts:
            self._vectors.clear()
        if new:
            self._vectors.update(zip(new, self.encoder.encode(new, batch_size=batch_size)))
        if not texts:
            return self.encoder.encode([], batch_size=batch_size)
        return np.stack([self._vectors[t] for t in texts])


@dataclass(slots=True)
class StanceClassifier:
    """The two trained stages, the IDF table they were trained with, and the encoder they read."""

    relatedness: Perceptron
    stance: Perceptron
    idf: features.Idf
    config: dict
    encoder: Encoder
    reader: PairReader | None = None

    def features(self, pairs: Sequence[TextPair], batch_size: int = 64) -> PairFeatures:
        return featurize(pairs, self.encoder, self.idf, batch_size)

    def probabilities(self, pairs: Sequence[TextPair], batch_size: int = 64) -> np.ndarray:
        """(n, 4) probabilities over TEXT_LABELS: P(unrelated) from stage 1, the rest from stage 2 and the reader."""
        probabilities = self.probabilities_of(self.features(pairs, batch_size))
        if self.reader is not None:
            short = [i for i, pair in enumerate(pairs) if is_short(pair.evidence)]
            read = self.reader.probabilities([pairs[i] for i in short], batch_size)
            probabilities[short] = mix_reader(probabilities[short], read, self.config["reader"]["weight"])
        return probabilities

    def probabilities_of(self, rows: PairFeatures) -> np.ndarray:
        """The two stages' probabilities from feature rows (no reader: it reads the texts)."""
        if not len(rows.hand):
            return np.zeros((0, len(TEXT_LABELS)), np.float32)
        related = self.relatedness(rows.hand)[:, 1:2]
        return np.hstack([related * self.stance(rows.stage2()), 1.0 - related])

    def predict(self, pairs: Sequence[TextPair], batch_size: int = 64) -> list[tuple[str, float]]:
        """The label of each pair and its probability; unrelated wins when stage 1 says so."""
        return decide(self.probabilities(pairs, batch_size))

    def save(self, directory: str | Path) -> Path:
        from safetensors.numpy import save_file

        directory = Path(directory)
        try:
            directory.mkdir(parents=True, exist_ok=True)
            save_file(
                {**self.relatedness.tensors("relatedness"), **self.stance.tensors("stance")},
                str(directory / "weights.safetensors"),
            )
            (directory / "idf.json").write_text(
                json.dumps({"default": self.idf.default, "weights": dict(sorted(self.idf.weights.items()))}),
                encoding="utf-8",
            )
            (directory / "config.json").write_text(json.dumps(self.config, indent=2) + "\n", encoding="utf-8")
            if self.reader is not None:
                self.reader.save(directory)
        except OSError as error:
            raise ConfigError(Errors.E055.format(path=directory, reason=error.strerror or error)) from error
        return directory

    @classmethod
    def load(cls, directory: str | Path | None = None, encoder: Encoder | None = None) -> StanceClassifier:
        """The model saved in `directory` (the shipped one when None); E054 when it is not one."""
        directory = Path(directory) if directory is not None else SHIPPED
        try:
            from safetensors.numpy import load_file

            config = json.loads((directory / "config.json").read_text(encoding="utf-8"))
            if config.get("format") != FORMAT:
                raise ValueError(f"config.json has format {config.get('format')!r}, expected {FORMAT!r}")
            idf_table = json.loads((directory / "idf.json").read_text(encoding="utf-8"))
            tensors = load_file(str(directory / "weights.safetensors"))
            relatedness = Perceptron.from_tensors(tensors, "relatedness")
            stance = Perceptron.from_tensors(tensors, "stance")
            reader_config = ReaderConfig.from_json(config["reader"]["config"]) if "reader" in config else None
            if reader_config is not None and not 0.0 <= float(config["reader"]["weight"]) <= 1.0:
                raise ValueError(f"the reader's weight {config['reader']['weight']!r} is not between 0 and 1")
        except (OSError, ValueError, KeyError, TypeError) as error:
            reason = f"{error.filename}: {error.strerror}" if isinstance(error, OSError) and error.filename else error
            raise ConfigError(Errors.E054.format(path=directory, reason=reason)) from error
        idf = features.Idf(idf_table["weights"], idf_table["default"])
        encoder = encoder or SentenceEncoder(config.get("encoder"))
        reader = None
        if reader_config is not None:
            # The reader runs where the encoder does; an encoder left to choose (None) takes a GPU when there is one.
            device = resolve_device(getattr(encoder, "device", None) or "auto")
            reader = PairReader.load(directory, reader_config, device=device)
        return cls(relatedness, stance, idf, config, MemoEncoder(encoder), reader)


def mix_reader(probabilities: np.ndarray, read: np.ndarray, weight: float | np.ndarray) -> np.ndarray:
    """Stage 2's split of P(related) mixed with the reader's: weight × reader + (1 − weight) × stage 2.

    `weight` is one number, or one per row as an (n, 1) array.
    """
    related = probabilities[:, :3].sum(axis=1, keepdims=True)
    split = probabilities[:, :3] / np.maximum(related, 1e-9)
    mixed = probabilities.copy()
    mixed[:, :3] = related * (weight * read + (1.0 - weight) * split)
    return mixed


def decide(probabilities: np.ndarray) -> list[tuple[str, float]]:
    """Stage 1 first (unrelated when P(unrelated) ≥ 0.5), then the likeliest related label."""
    decided = []
    for row in probabilities:
        if row[3] >= 0.5:
            decided.append(("unrelated", float(row[3])))
        else:
            best = int(np.argmax(row[:3]))
            decided.append((TEXT_LABELS[best], float(row[best] / max(row[:3].sum(), 1e-9))))
    return decided

