"""Training the text-level stance model on FNC-1 and Emergent, and cross-validating it on Emergent.

Training data: the FNC-1 pairs whose body is not held out (see
`evaluate.fnc1.is_heldout`) and the Emergent pairs given (all of
emergent-dev for the shipped model). Emergent's labels map onto FNC-1's:
for → agree, against → disagree, observing → discuss. Emergent has only
related pairs, and its evidence is one headline where FNC-1's is an article;
so that stage 1 does not learn "short evidence is related", each Emergent
headline is also paired with the claim of another Emergent claim as an
unrelated example.

The IDF table is fitted on the FNC-1 training bodies and headlines only.
Cross-validation on Emergent groups pairs by claimId into k folds (claims
assigned to folds in the order of the CRC-32 of their id), trains on the
FNC-1 training part plus the other folds, and scores the held fold with the
same scorer and the same label mapping as `claimledger evaluate emergent`.
"""

from __future__ import annotations

import time
import zlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from ..._training import warmup_then_decay
from ...errors import ConfigError, Errors
from ...evaluate.emergent import EmergentPair, read_emergent
from ...evaluate.fnc1 import FncPair, read_fnc1
from ...evaluate.stances import EMERGENT_LABELS, LabelScores, score_labels
from . import features
from ..embeddings import Encoder, SentenceEncoder
from .classifier import (
    FORMAT,
    TEXT_LABELS,
    PairFeatures,
    Perceptron,
    StanceClassifier,
    TextPair,
    decide,
    featurize,
    mix_reader,
)
from .labels import TEXT_TO_EMERGENT
from .reader import READER_LABELS, PairReader, ReaderConfig, is_short

EMERGENT_TO_TEXT = {"for": "agree", "against": "disagree", "observing": "discuss"}


@dataclass(frozen=True, slots=True)
class Hyperparameters:
    relatedness_hidden: int = 64
    relatedness_epochs: int = 10
    # Stage 1 sees every pair (four in five unrelated) through 34 features: large batches suffice.
    relatedness_batch_size: int = 512
    stance_hidden: int = 256
    stance_epochs: int = 20
    dropout: float = 0.3
    weight_decay: float = 1e-4
    learning_rate: float = 1e-3
    batch_size: int = 128
    # Class weights are (inverse frequency) ** power: 0.5 lifts disagree without drowning agree.
    class_weight_power: float = 0.5
    # The reader (reader.py): LoRA adapters of this rank, trained on Emergent's pairs; 0 epochs: none.
    reader_rank: int = 8
    reader_epochs: int = 5
    reader_learning_rate: float = 5e-4
    reader_batch_size: int = 16
    seed: int = 0


@dataclass(slots=True)
class Examples:
    """Pairs, their labels (TEXT_LABELS) and their features, built once and sliced per fold."""

    pairs: list[TextPair]
    labels: np.ndarray
    rows: PairFeatures

    def subset(self, mask: np.ndarray) -> Examples:
        index = np.flatnonzero(mask)
        rows = PairFeatures(self.rows.hand[index], self.rows.dense[index])
        return Examples([self.pairs[i] for i in index], self.labels[index], rows)

    @staticmethod
    def join(parts: Sequence[Examples]) -> Examples:
        return Examples(
            [p for part in parts for p in part.pairs],
            np.concatenate([part.labels for part in parts]),
            PairFeatures(np.vstack([p.rows.hand for p in parts]), np.vstack([p.rows.dense for p in parts])),
        )


@dataclass(slots=True)
class TrainingRun:
    classifier: StanceClassifier | None
    folds: list[LabelScores] = field(default_factory=list)
    pooled: LabelScores | None = None
    pairs: int = 0
    seconds: float = 0.0


def fnc_pairs(pairs: Sequence[FncPair]) -> tuple[list[TextPair], list[str]]:
    return [TextPair(p.headline, p.body) for p in pairs], [p.stance for p in pairs]


def emergent_pairs(pairs: Sequence[EmergentPair]) -> tuple[list[TextPair], list[str]]:
    return [TextPair(p.claim, p.headline) for p in pairs], [EMERGENT_TO_TEXT[p.stance] for p in pairs]


def unrelated_emergent_pairs(pairs: Sequence[EmergentPair]) -> list[TextPair]:
    """Each headline with the claim of the next claim id in sorted order: pairs known to be unrelated."""
    claims = {p.claim_id: p.claim for p in pairs}
    ids = sorted(claims)
    following = {cid: claims[ids[(i + 1) % len(ids)]] for i, cid in enumerate(ids)}
    return [TextPair(following[p.claim_id], p.headline) for p in pairs] if len(ids) > 1 else []


def fit_idf(pairs: Sequence[TextPair]) -> features.Idf:
    """IDF over the distinct claims and evidence texts of `pairs`."""
    texts = dict.fromkeys([p.claim for p in pairs] + [p.evidence for p in pairs])
    return features.Idf.fit([features.content_words(t) for t in texts])


def fit_perceptron(
    x: np.ndarray, y: np.ndarray, classes: int, hidden: int, epochs: int, batch_size: int, h: Hyperparameters
) -> Perceptron:
    """One hidden layer, class-weighted cross-entropy, AdamW; CPU, seeded, a few seconds."""
    import torch

    generator = torch.Generator().manual_seed(h.seed)
    torch.manual_seed(h.seed)
    mean = x.mean(axis=0)
    scale = x.std(axis=0) + 1e-6
    inputs = torch.tensor((x - mean) / scale, dtype=torch.float32)
    targets = torch.tensor(y, dtype=torch.long)
    counts = np.bincount(y, minlength=classes).astype(np.float64)
    weights = (counts.sum() / (classes * np.maximum(counts, 1))) ** h.class_weight_power
    network = torch.nn.Sequential(
        torch.nn.Dropout(h.dropout / 2),
        torch.nn.Linear(x.shape[1], hidden),
        torch.nn.ReLU(),
        torch.nn.Dropout(h.dropout),
        torch.nn.Linear(hidden, classes),
    )
    optimiser = torch.optim.AdamW(network.parameters(), lr=h.learning_rate, weight_decay=h.weight_decay)
    loss = torch.nn.CrossEntropyLoss(weight=torch.tensor(weights, dtype=torch.float32))
    network.train()
    for _ in range(epochs):
        for batch in torch.randperm(len(inputs), generator=generator).split(batch_size):
            optimiser.zero_grad()
            loss(network(inputs[batch]), targets[batch]).backward()
            optimiser.step()
    first, last = network[1], network[4]
    return Perceptron(
        mean.astype(np.float32), scale.astype(np.float32),
        first.weight.detach().numpy().copy(), first.bias.detach().numpy().copy(),
        last.weight.detach().numpy().copy(), last.bias.detach().numpy().copy(),
    )


def fit_classifier(
    examples: Examples, idf: features.Idf, encoder: Encoder, h: Hyperparameters, config: dict
) -> StanceClassifier:
    """Stage 1 on every example (related or not), stage 2 on the related ones."""
    label_index = np.array([TEXT_LABELS.index(label) for label in examples.labels])
    related = (label_index != TEXT_LABELS.index("unrelated")).astype(np.int64)
    relatedness = fit_perceptron(
        examples.rows.hand, related, 2, h.relatedness_hidden, h.relatedness_epochs, h.relatedness_batch_size, h
    )
    keep = related == 1
    stance = fit_perceptron(
        examples.rows.stage2()[keep], label_index[keep], 3, h.stance_hidden, h.stance_epochs, h.batch_size, h
    )
    return StanceClassifier(relatedness, stance, idf, config, encoder)


def fit_reader(pairs: Sequence[TextPair], labels: Sequence[str], h: Hyperparameters) -> PairReader:
    """LoRA adapters and a head over the shipped encoder, on (claim, short evidence) pairs; CPU, seeded.

    AdamW (the head at the stages' `learning_rate`), warmed up over the first tenth of the steps.
    """
    import torch

    torch.manual_seed(h.seed)
    generator = torch.Generator().manual_seed(h.seed)
    reader = PairReader(ReaderConfig(rank=h.reader_rank, alpha=2 * h.reader_rank))
    targets = torch.tensor([READER_LABELS.index(label) for label in labels])
    optimiser = torch.optim.AdamW(
        [
            {"params": reader.adapters(), "lr": h.reader_learning_rate},
            {"params": list(reader.head.parameters()), "lr": h.learning_rate},
        ],
        weight_decay=0.01,
    )
    total = h.reader_epochs * -(-len(pairs) // h.reader_batch_size)
    warmup = max(1, total // 10)
    schedule = warmup_then_decay(optimiser, total, warmup)
    reader.train()
    for _ in range(h.reader_epochs):
        for batch in torch.randperm(len(pairs), generator=generator).split(h.reader_batch_size):
            loss = torch.nn.functional.cross_entropy(reader.logits([pairs[i] for i in batch]), targets[batch])
            optimiser.zero_grad()
            loss.backward()
            optimiser.step()
            schedule.step()
    reader.train(False)
    return reader


READER_WEIGHT = 0.5
"""The reader's share of the related labels when no cross-validation chose one."""
WEIGHT_GRID: tuple[float, ...] = (0.0, 0.25, 0.5, 0.75, 1.0)


def choose_weight(
    stages: np.ndarray, read: np.ndarray, short: np.ndarray, gold: np.ndarray, folds: np.ndarray
) -> float:
    """The reader weight of WEIGHT_GRID with the best mean fold accuracy on these predictions (ties: the lower).

    `short` (n, 1) marks the rows the reader reads; the others keep stage 2's labels.
    """

    def accuracy(weight: float) -> float:
        labels = np.array(emergent_labels(mix_reader(stages, read, weight * short)), dtype=object)
        right = labels == gold
        return float(np.mean([right[folds == k].mean() for k in np.unique(folds)]))

    return max(WEIGHT_GRID, key=lambda w: (accuracy(w), -w))


def emergent_labels(probabilities: np.ndarray) -> list[str]:
    """Emergent labels from the model's probabilities, decided as `evaluate emergent` decides them."""
    return [TEXT_TO_EMERGENT[label] for label, _ in decide(probabilities)]


def claim_folds(claim_ids: Sequence[str], folds: int) -> np.ndarray:
    """The fold of each pair: claims sorted by CRC-32 of their id, dealt round-robin."""
    distinct = sorted(set(claim_ids), key=lambda c: (zlib.crc32(c.encode("utf-8")), c))
    if folds < 2 or folds > len(distinct):
        raise ConfigError(
            Errors.E058.format(folds=folds, reason=f"give between 2 and {len(distinct)} (the number of claims)")
        )
    position = {claim: i for i, claim in enumerate(distinct)}
    return np.array([position[c] % folds for c in claim_ids])


def cross_validate_emergent(
    run: TrainingRun,
    fnc: Examples,
    em: Examples,
    negative: Examples,
    folds: np.ndarray,
    idf: features.Idf,
    encoder: Encoder,
    h: Hyperparameters,
    config: dict,
    report: Callable[[str], None],
) -> float:
    """Score each Emergent fold with a model trained without it; fill `run` and return the reader weight.

    The reader's weight for a fold is chosen on the other folds' predictions,
    never on the fold's own labels; the weight returned (for the model trained
    on everything) is chosen on all folds' predictions.
    """
    with_reader = h.reader_epochs > 0
    gold = np.array([TEXT_TO_EMERGENT[label] for label in em.labels], dtype=object)
    stages = np.zeros((len(em.pairs), len(TEXT_LABELS)), np.float32)
    read = np.zeros((len(em.pairs), len(READER_LABELS)), np.float32)
    # As in StanceClassifier.probabilities, only short evidence is read by the reader.
    short = np.array([is_short(pair.evidence) for pair in em.pairs])[:, None]
    k_folds = int(folds.max()) + 1
    for k in range(k_folds):
        held = folds == k
        # negative pair i is built from headline i, so it leaves with its row
        train = Examples.join([fnc, em.subset(~held), negative.subset(~held)])
        stages[held] = fit_classifier(train, idf, encoder, h, config).probabilities_of(em.subset(held).rows)
        if with_reader:
            report(f"fold {k + 1}/{k_folds}: training the reader on {int((~held).sum())} pairs")
            reader = fit_reader(em.subset(~held).pairs, list(em.labels[~held]), h)
            read[held] = reader.probabilities(em.subset(held).pairs)
    predicted = np.empty(len(em.pairs), dtype=object)
    for k in range(k_folds):
        held = folds == k
        rest = ~held
        weight = choose_weight(stages[rest], read[rest], short[rest], gold[rest], folds[rest]) if with_reader else 0
        predicted[held] = emergent_labels(mix_reader(stages[held], read[held], weight * short[held]))
        scores = score_labels(list(gold[held]), list(predicted[held]), EMERGENT_LABELS)
        run.folds.append(scores)
        reader_note = f" (reader weight {weight})" if with_reader else ""
        report(f"fold {k + 1}/{k_folds}: {int(held.sum())} pairs, accuracy {scores.accuracy.ratio:.4f}{reader_note}")
    run.pooled = score_labels(list(gold), list(predicted), EMERGENT_LABELS)
    if not with_reader:
        return READER_WEIGHT
    weight = choose_weight(stages, read, short, gold, folds)
    report(f"reader weight {weight}, chosen on all folds' predictions")
    return weight


def train_stance(
    bodies: Path,
    stances: Path,
    emergent: Path | None,
    output: Path | None,
    *,
    cross_validate: int = 0,
    hyperparameters: Hyperparameters = Hyperparameters(),
    encoder: Encoder | None = None,
    report: Callable[[str], None] = lambda line: None,
) -> TrainingRun:
    """Train on FNC-1's training bodies (+ Emergent), optionally cross-validate on Emergent, save to `output`."""
    started = time.perf_counter()
    encoder = encoder or SentenceEncoder()
    fnc_text, fnc_labels = fnc_pairs(read_fnc1(bodies, stances, split="train"))
    idf = fit_idf(fnc_text)
    report(f"FNC-1 training part: {len(fnc_text)} pairs; embedding and featurising")
    fnc = Examples(fnc_text, np.array(fnc_labels), featurize(fnc_text, encoder, idf))
    parts = [fnc]
    em = negative = None
    folds = None
    if emergent is not None:
        em_rows = read_emergent(emergent)
        em_text, em_labels = emergent_pairs(em_rows)
        em = Examples(em_text, np.array(em_labels), featurize(em_text, encoder, idf))
        negatives = unrelated_emergent_pairs(em_rows)
        negative = Examples(negatives, np.array(["unrelated"] * len(negatives)), featurize(negatives, encoder, idf))
        folds = claim_folds([p.claim_id for p in em_rows], cross_validate) if cross_validate else None
        parts += [em, negative]
    elif cross_validate:
        raise ConfigError(Errors.E058.format(folds=cross_validate, reason="give the Emergent file with --emergent"))
    config = {
        "format": FORMAT,
        "labels": list(TEXT_LABELS),
        "encoder": None,
        "max_sentences": features.MAX_SENTENCES,
        "top_sentences": features.TOP_SENTENCES,
        "hand_features": list(features.OVERLAP_NAMES + features.CUE_NAMES),
        "dense_features": "claim, closest sentences, their product (all-MiniLM-L6-v2)",
        "hyperparameters": {name: getattr(hyperparameters, name) for name in hyperparameters.__dataclass_fields__},
        "trained_on": {"fnc1_train_pairs": len(fnc_text), "emergent_pairs": len(em.pairs) if em else 0},
    }
    run = TrainingRun(None, pairs=sum(len(p.pairs) for p in parts))
    with_reader = em is not None and hyperparameters.reader_epochs > 0
    weight = READER_WEIGHT
    if folds is not None and em is not None and negative is not None:
        weight = cross_validate_emergent(run, fnc, em, negative, folds, idf, encoder, hyperparameters, config, report)
    if output is not None:
        run.classifier = fit_classifier(Examples.join(parts), idf, encoder, hyperparameters, config)
        if with_reader and em is not None:
            report(f"training the reader on {len(em.pairs)} Emergent pairs")
            run.classifier.reader = fit_reader(em.pairs, list(em.labels), hyperparameters)
            run.classifier.config["reader"] = {
                "config": run.classifier.reader.config.to_json(),
                "weight": weight,
                "trained_on": {"emergent_pairs": len(em.pairs)},
            }
        run.classifier.save(output)
    run.seconds = time.perf_counter() - started
    return run

