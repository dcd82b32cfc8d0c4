"""Training the attribution tagger on PolNeAR: `claimledger train attribution`.

Train on one compartment, select on another: after every epoch the tagger is
scored on the selection compartment (exact span F1, averaged over the three
roles) and the best epoch is what gets saved. The frozen lower encoder layers
run once per training window before the first epoch; each epoch then trains
only the upper layers, the BiLSTM and the head, which keeps CPU training to
minutes per epoch.
"""

from __future__ import annotations

import math
import random
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import torch
from torch import nn

from .._training import warmup_then_decay
from ..evaluate.attributions import AttributionScores, score_attributions
from ..evaluate.metrics import PRF
from ..evaluate.polnear import AnnotatedText, load_polnear
from ..nlp.parser import DEFAULT_MODEL, load_parser
from ..records import ATTRIBUTION_ROLES
from .decode import decode_role
from .encoding import UPOS, Encoding, FeatureVocab, label, windows
from .network import AttributionNetwork, TaggerConfig, load_network, save_network
from .tagger import AttributionTagger, batch_windows

Report = Callable[[str], None]


@dataclass
class TrainingRun:
    """What a training run did: the scores of every epoch and which one was kept."""

    epochs: list[AttributionScores] = field(default_factory=list)
    best_epoch: int = -1
    seconds: float = 0.0

    @property
    def best(self) -> AttributionScores:
        return self.epochs[self.best_epoch]


def selection_score(scores: AttributionScores) -> float:
    """Mean exact F1 over source, cue and content."""
    return sum(scores.exact[role].f1 for role in ATTRIBUTION_ROLES) / len(ATTRIBUTION_ROLES)


def _parse(texts: list[str], model: str) -> dict[str, object]:
    nlp = load_parser(model)
    unique = list(dict.fromkeys(texts))
    return dict(zip(unique, nlp.pipe(unique, batch_size=16)))


CONTINUATION_GRID: tuple[float, ...] = (0.0, 0.25, 0.5, 0.75, 1.0, 1.5)
"""Viterbi continuation bonuses tried for each role on the selection data."""


def select_and_score(tagger: AttributionTagger, annotated: list[AnnotatedText], docs: dict) -> AttributionScores:
    """Choose the tagger's continuation bonus per role on `annotated`, then score it there.

    `docs` maps each text to its parse. The bonus kept for a role is the one
    with the best exact F1 of that role's spans; it is stored in the tagger's
    config, so the saved tagger decodes the same way.
    """
    unique = list(dict.fromkeys(a.text for a in annotated))
    encodings = [tagger.encode(docs[text]) for text in unique]
    scores = dict(zip(unique, tagger.log_probs(encodings)))
    offsets = {text: encoding.offsets for text, encoding in zip(unique, encodings)}
    chosen = {}
    for r, role in enumerate(ATTRIBUTION_ROLES):
        def role_f1(bonus: float) -> float:
            tally = [0, 0, 0]
            for a in annotated:
                found = set(decode_role(scores[a.text][:, r], offsets[a.text], a.text, role, bonus))
                gold = {f for relation in a.relations for f in relation.role(role)}
                tally = [tally[0] + len(found & gold), tally[1] + len(found), tally[2] + len(gold)]
            return PRF(*tally).f1

        chosen[role] = max(CONTINUATION_GRID, key=role_f1)
    tagger.network.config.continuation = chosen
    extracted = {
        text: tagger.decode(docs[text], encoding, scores[text]) for text, encoding in zip(unique, encodings)
    }
    return score_attributions((extracted[a.text], a.relations) for a in annotated)


def train_attribution(
    train_dir: str | Path,
    dev_dir: str | Path,
    out: str | Path,
    *,
    epochs: int = 6,
    batch_size: int = 16,
    learning_rate: float = 1e-4,
    head_learning_rate: float = 1e-3,
    frozen_layers: int = 3,
    device: str = "cpu",
    seed: int = 0,
    start_from: str | Path | None = None,
    encoder: str | None = None,
    spacy_model: str = DEFAULT_MODEL,
    report: Report = print,
) -> TrainingRun:
    """Train on `train_dir`, keep the epoch that scores best on `dev_dir`, save it to `out`.

    `start_from` continues from a saved tagger (its architecture and weights)
    instead of a fresh head over the base encoder; a `frozen_layers` below the
    saved tagger's lets more of its encoder layers train. `encoder` (a local
    folder or a cached hub id of a BERT-family encoder) replaces the shipped
    all-MiniLM-L6-v2 as the base of a fresh tagger; the saved config names it,
    and loading the tagger needs it again.
    """
    began = time.perf_counter()
    random.seed(seed)
    np.random.seed(seed)
    torch.manual_seed(seed)
    train, dev = load_polnear(train_dir), load_polnear(dev_dir)
    report(f"read {len(train)} training and {len(dev)} selection annotations")
    docs = _parse([a.text for a in train + dev], spacy_model)
    nlp = load_parser(spacy_model)
    vocab = FeatureVocab(UPOS, tuple(nlp.get_pipe("parser").labels))
    if start_from is not None:
        network = load_network(start_from).to(device)
        config = network.config
        previous = dict(config.meta)
        if frozen_layers < config.frozen_layers:
            network.unfreeze(frozen_layers)
    else:
        config = TaggerConfig(vocab=vocab, frozen_layers=frozen_layers, encoder=encoder)
        network = AttributionNetwork(config).to(device)
        previous = None
    tagger = AttributionTagger(network, device=device)
    report(f"parsed {len(docs)} texts")

    encodings: list[Encoding] = []
    for annotated in train:
        encoding = tagger.encode(docs[annotated.text])
        encoding.labels = label(encoding, annotated.relations)
        encodings.append(encoding)
    pieces = [(e, s, t) for e in encodings for s, t in windows(len(e), config.window, config.stride)]
    report(f"{len(pieces)} training windows")

    # The frozen layers' output, computed once: (ids, mask, features, lower states, labels) per batch.
    cached = []
    network.eval()
    pieces.sort(key=lambda p: p[2] - p[1])
    for i in range(0, len(pieces), batch_size):
        chunk = pieces[i : i + batch_size]
        ids, mask, features = batch_windows(tagger.tokenizer, chunk, device)
        labels = torch.full((*ids.shape, len(ATTRIBUTION_ROLES)), -100, dtype=torch.long)
        for row, (encoding, start, end) in enumerate(chunk):
            labels[row, 1 : end - start + 1] = torch.from_numpy(encoding.labels[start:end])
        lower = network.lower_states(ids, mask).to(torch.float16)
        cached.append((mask, features, lower, labels.to(device)))
    report(f"cached the frozen layers for {len(cached)} batches")

    trained = [p for n, p in network.named_parameters() if p.requires_grad and n.startswith("upper.")]
    heads = [p for n, p in network.named_parameters() if p.requires_grad and not n.startswith("upper.")]
    optimizer = torch.optim.AdamW(
        [{"params": trained, "lr": learning_rate}, {"params": heads, "lr": head_learning_rate}], weight_decay=0.01
    )
    total = epochs * len(cached)
    warmup = max(1, total // 20)
    schedule = warmup_then_decay(optimizer, total, warmup)
    loss_fn = nn.CrossEntropyLoss(ignore_index=-100)
    run = TrainingRun()
    best = -math.inf
    for epoch in range(epochs):
        network.train()
        order = list(range(len(cached)))
        random.shuffle(order)
        running = 0.0
        for step, index in enumerate(order, 1):
            mask, features, lower, labels = cached[index]
            logits = network(lower, mask, features)
            loss = loss_fn(logits.reshape(-1, logits.shape[-1]), labels.reshape(-1))
            optimizer.zero_grad()
            loss.backward()
            nn.utils.clip_grad_norm_(network.parameters(), 1.0)
            optimizer.step()
            schedule.step()
            running += loss.item()
            if step % 100 == 0:
                report(f"epoch {epoch + 1} step {step}/{len(order)} loss {running / 100:.4f}")
                running = 0.0
        network.eval()
        scores = select_and_score(tagger, dev, docs)
        run.epochs.append(scores)
        score = selection_score(scores)
        report(
            f"epoch {epoch + 1}: exact F1 "
            + " ".join(f"{role} {100 * scores.exact[role].f1:.1f}" for role in ATTRIBUTION_ROLES)
            + f" relation {100 * scores.relations_exact.f1:.1f}, continuation {config.continuation}"
            + f" ({time.perf_counter() - began:.0f} s)"
        )
        if score > best:
            best, run.best_epoch = score, epoch
            config.meta = {
                # Folder names only: a shipped config should not carry this machine's paths.
                "trained_on": f"{Path(train_dir).name} ({len(train)} annotations)",
                "selected_on": f"{Path(dev_dir).name} ({len(dev)} annotations)",
                "epoch": epoch + 1,
                "epochs": epochs, "learning_rate": learning_rate, "seed": seed,
                "started_from": previous,
                "dev_exact_f1": {role: round(scores.exact[role].f1, 4) for role in ATTRIBUTION_ROLES},
            }
            save_network(network, out)
    run.seconds = time.perf_counter() - began
    return run
