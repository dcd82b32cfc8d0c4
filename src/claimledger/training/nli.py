"""Training the entailment model (claims/entailment.py) on CPU, resumably.

The training data is a mix (`DEFAULT_MIX`): from the training part of each
set whose licence allows shipped weights (`claimledger.datasets.DATASETS`,
`trainable`), a sample of a fixed size, drawn with a seed; sets that teach
negation, factuality and counterfactual edits are over-sampled (repeated),
the large ones capped, and FNC-1 / ARC keep at most MAX_UNRELATED_SHARE of
"neither" pairs. `max_pairs` scales every set's count alike.

Binary sets label their negative class `not_entails`: the loss of such a
pair is -log(p(contradicts) + p(neither)).

Batches are cut from windows of the shuffled pairs sorted by length (little
padding on CPU), then shuffled; the whole order follows from the seed, the
mix and the epoch, so a run resumed at step k sees exactly the batches a run
never stopped would have seen from k on.

Every `checkpoint_seconds` (and at the end) the output folder gets, each
written to a temporary file and renamed into place:
- `checkpoint/state.pt`: trainable weights (float32), optimiser and schedule
  state, step, seed and the settings of the run;
- `weights.safetensors` + `config.json`: the trained weights in float16, what
  `EntailmentModel.load(folder)` reads (and what ships in claims/nli_weights/);
- `training.json`: the mix, its pair counts and the progress so far.
"""

from __future__ import annotations

import json
import logging
import math
import os
import random
import time
import zlib
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from .._training import warmup_then_decay
from ..claims.entailment import ENTAILMENT_LABELS, EntailmentConfig, build_network, encode_pairs, pad_batch, save_weights
from ..datasets import DATASETS, NOT_ENTAILS, NLIPair, read_pairs
from ..errors import ConfigError, Errors

__all__ = ["DEFAULT_MIX", "NliSettings", "NliRun", "training_mix", "train_nli"]

logger = logging.getLogger(__name__)

CHECKPOINT_DIR = "checkpoint"
STATE_FILE = "state.pt"
SUMMARY_FILE = "training.json"
MAX_UNRELATED_SHARE = {"fnc1": 0.3, "arc-stance": 0.3}
WINDOW_BATCHES = 50
"""Batches per window of pairs sorted by length."""

DEFAULT_MIX: dict[str, int] = {
    # general NLI
    "snli-devtest": 5000,
    "mnli-taxinli": 4500,
    "snli-counterfactual": 3000,
    "conjnli": 1500,
    "breaking-nli": 800,
    # negation and factuality ("X denied that…"): over-sampled relative to their size
    "negation-nli": 5000,
    "megaveridicality": 3500,
    # claim stance and fact checking
    "fnc1": 3000,
    "emergent": 2000,
    "arc-stance": 1800,
    "perspectrum": 2800,
    "ibm-argq-stance": 1700,
    "ibm-argkp": 1200,
    "ibm-claim-stance": 900,
    "fool-me-twice": 1300,
    "fever-dev": 2000,
}
"""Pairs drawn per set for one epoch (before `max_pairs` scaling): 40,000."""


@dataclass(slots=True)
class NliSettings:
    """Everything that fixes a run; saved in its checkpoint, so a resumed run goes on exactly."""

    mix: dict[str, int] = field(default_factory=lambda: dict(DEFAULT_MIX))
    max_pairs: int | None = None
    epochs: int = 1
    batch_size: int = 32
    learning_rate: float = 2.5e-4
    """Of the trained encoder layers (or adapters). 1e-4 learned too slowly for a one-epoch run (SNLI 47% at step 236)."""
    head_learning_rate: float = 2e-3
    warmup: float = 0.06
    weight_decay: float = 0.01
    seed: int = 0
    model: EntailmentConfig = field(default_factory=EntailmentConfig)

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        data["model"] = json.loads(self.model.to_json())
        return data

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> NliSettings:
        data = dict(data)
        data["model"] = EntailmentConfig.from_json(json.dumps(data["model"]))
        return cls(**data)


@dataclass(slots=True)
class NliRun:
    """What a call of `train_nli` did."""

    output: Path
    step: int
    total_steps: int
    pairs: int
    counts: dict[str, int]
    seconds: float
    resumed_from: int = 0
    finished: bool = False


def _scaled(mix: dict[str, int], max_pairs: int | None) -> dict[str, int]:
    total = sum(mix.values())
    if not max_pairs or max_pairs >= total:
        return dict(mix)
    return {name: max(1, round(count * max_pairs / total)) for name, count in mix.items()}


def _draw(pairs: list[NLIPair], count: int, rng: random.Random) -> list[NLIPair]:
    """`count` pairs: whole repeats of `pairs` (shuffled), then a sample without replacement."""
    drawn: list[NLIPair] = []
    while count - len(drawn) >= len(pairs) > 0:
        drawn.extend(pairs)
    return drawn + rng.sample(pairs, min(len(pairs), count - len(drawn)))


def training_mix(settings: NliSettings, root: str | Path | None = None) -> tuple[list[NLIPair], dict[str, int]]:
    """The pairs of one epoch's mix (in a fixed order) and how many each set gave.

    E030 for a set that is unknown or not `trainable` (licence, or evaluation-only).
    """
    counts = _scaled(settings.mix, settings.max_pairs)
    chosen: list[NLIPair] = []
    given: dict[str, int] = {}
    for name, count in counts.items():
        spec = DATASETS.get(name)
        if spec is None or not spec.trainable:
            options = ", ".join(n for n, d in DATASETS.items() if d.trainable)
            raise ConfigError(Errors.E030.format(kind="training set", name=name, options=options))
        rng = random.Random(settings.seed * 1_000_003 + zlib.crc32(name.encode()))
        pairs = list(read_pairs(name, "train", root))
        share = MAX_UNRELATED_SHARE.get(name)
        if share is not None:
            related = [p for p in pairs if p.label != "neither"]
            neither = [p for p in pairs if p.label == "neither"]
            room = min(len(neither), round(count * share))
            drawn = _draw(neither, room, rng) + _draw(related, count - room, rng)
        else:
            drawn = _draw(pairs, count, rng)
        chosen.extend(drawn)
        given[name] = len(drawn)
    return chosen, given


def _targets(labels: Sequence[str]):
    """(n, 3) booleans: which labels each pair's gold allows (not_entails: contradicts or neither)."""
    import torch

    allowed = torch.zeros((len(labels), len(ENTAILMENT_LABELS)), dtype=torch.bool)
    for i, label in enumerate(labels):
        if label == NOT_ENTAILS:
            allowed[i, 1:] = True
        else:
            allowed[i, ENTAILMENT_LABELS.index(label)] = True
    return allowed


def loss_of(logits, allowed):
    """Mean of -log P(gold), where P(gold) sums the probabilities of the labels the gold allows."""
    import torch

    logp = logits.float().log_softmax(-1)
    kept = logp.masked_fill(~allowed, float("-inf")).logsumexp(-1)
    return -kept.mean()


def epoch_batches(lengths: Sequence[int], seed: int, epoch: int, batch_size: int) -> list[list[int]]:
    """The batches (lists of pair indices) of one epoch: shuffled, sorted by length within windows, shuffled again."""
    rng = random.Random(seed * 7919 + epoch)
    order = list(range(len(lengths)))
    rng.shuffle(order)
    window = batch_size * WINDOW_BATCHES
    batches: list[list[int]] = []
    for start in range(0, len(order), window):
        part = sorted(order[start : start + window], key=lambda i: lengths[i])
        batches.extend(part[i : i + batch_size] for i in range(0, len(part), batch_size))
    rng.shuffle(batches)
    return batches


def _save_checkpoint(directory: Path, network: Any, optimiser: Any, schedule: Any, state: dict[str, Any]) -> None:
    import torch

    folder = directory / CHECKPOINT_DIR
    folder.mkdir(parents=True, exist_ok=True)
    payload = {
        **state,
        "weights": {k: v.detach().float().cpu() for k, v in network.trained_state().items()},
        "optimiser": optimiser.state_dict(),
        "schedule": schedule.state_dict(),
    }
    partial = folder / f".{STATE_FILE}.partial"
    torch.save(payload, partial)
    os.replace(partial, folder / STATE_FILE)
    save_weights(network, directory)


def _write_summary(directory: Path, summary: dict[str, Any]) -> None:
    partial = directory / f".{SUMMARY_FILE}.partial"
    partial.write_text(json.dumps(summary, indent=2) + "\n", encoding="utf-8")
    os.replace(partial, directory / SUMMARY_FILE)


def load_checkpoint(directory: str | Path) -> dict[str, Any]:
    """The saved state of the run in `directory`; E047 when there is none or it cannot be read."""
    import torch

    path = Path(directory) / CHECKPOINT_DIR / STATE_FILE
    if not path.exists():
        raise ConfigError(Errors.E047.format(action="resume", path=directory, reason=f"no {CHECKPOINT_DIR}/{STATE_FILE}"))
    try:
        return torch.load(path, map_location="cpu", weights_only=False)
    except (OSError, RuntimeError, EOFError) as error:
        raise ConfigError(Errors.E047.format(action="resume", path=directory, reason=error)) from error


def train_nli(
    output: str | Path,
    settings: NliSettings | None = None,
    *,
    resume: bool = False,
    root: str | Path | None = None,
    threads: int | None = None,
    checkpoint_seconds: float = 300.0,
    max_steps: int | None = None,
    progress: Callable[[str], None] | None = None,
) -> NliRun:
    """Train (or, with `resume`, go on training) the entailment model into `output`.

    A resumed run takes its settings from the checkpoint (`settings` must be
    None or the same). `max_steps` stops after that many steps of this call
    (checkpointing first), for tests and for runs cut into pieces.
    """
    import torch

    say = progress or (lambda message: logger.info("%s", message))
    output = Path(output)
    if threads:
        torch.set_num_threads(threads)
    saved: dict[str, Any] | None = None
    if resume:
        saved = load_checkpoint(output)
        stored = NliSettings.from_json(saved["settings"])
        if settings is not None and settings.to_json() != stored.to_json():
            raise ConfigError(Errors.E047.format(
                action="resume", path=output, reason="the settings given differ from the checkpoint's; resume without them",
            ))
        settings = stored
    settings = settings or NliSettings()
    try:
        output.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise ConfigError(Errors.E047.format(action="write", path=output, reason=error)) from error

    started = time.monotonic()
    pairs, counts = training_mix(settings, root)
    say(f"mix: {len(pairs)} pairs from {len(counts)} sets; labels {dict(Counter(p.label for p in pairs))}")
    network = build_network(settings.model)
    from transformers import AutoTokenizer

    from ..attribution.network import base_encoder_path

    tokenizer = AutoTokenizer.from_pretrained(base_encoder_path())
    encoded = encode_pairs(tokenizer, [p.premise for p in pairs], [p.hypothesis for p in pairs], settings.model.max_length)
    rows = [{"input_ids": a, "token_type_ids": b} for a, b in zip(encoded["input_ids"], encoded["token_type_ids"])]
    lengths = [len(r["input_ids"]) for r in rows]
    say(f"encoded in {time.monotonic() - started:.0f}s; mean length {sum(lengths) / max(1, len(lengths)):.1f} subwords")

    per_epoch = math.ceil(len(rows) / settings.batch_size)
    total = per_epoch * settings.epochs
    torch.manual_seed(settings.seed)
    optimiser = torch.optim.AdamW(
        network.parameter_groups(settings.learning_rate, settings.head_learning_rate), weight_decay=settings.weight_decay
    )
    schedule = warmup_then_decay(optimiser, total, max(1, round(total * settings.warmup)))
    step = 0
    if saved is not None:
        network.load_state_dict(saved["weights"], strict=False)
        optimiser.load_state_dict(saved["optimiser"])
        schedule.load_state_dict(saved["schedule"])
        step = int(saved["step"])
        say(f"resumed at step {step} of {total}")
    resumed_from = step

    def state(finished: bool) -> dict[str, Any]:
        return {"step": step, "total_steps": total, "seed": settings.seed, "settings": settings.to_json(), "finished": finished}

    def summary(finished: bool) -> dict[str, Any]:
        return {
            "step": step, "total_steps": total, "finished": finished, "pairs": len(rows), "counts": counts,
            "labels": dict(Counter(p.label for p in pairs)), "settings": settings.to_json(),
            "threads": torch.get_num_threads(), "seconds_this_call": round(time.monotonic() - started, 1),
        }

    network.train()
    last_save = time.monotonic()
    window_loss, window_pairs, window_start = 0.0, 0, time.monotonic()
    stop = None if max_steps is None else step + max_steps
    order: dict[int, list[list[int]]] = {}
    while step < total and (stop is None or step < stop):
        epoch, index = divmod(step, per_epoch)
        if epoch not in order:
            order = {epoch: epoch_batches(lengths, settings.seed, epoch, settings.batch_size)}
        batch = order[epoch][index]
        ids, mask, types = pad_batch([rows[i] for i in batch])
        loss = loss_of(network(ids, mask, types), _targets([pairs[i].label for i in batch]))
        optimiser.zero_grad(set_to_none=True)
        loss.backward()
        torch.nn.utils.clip_grad_norm_(network.trained_parameters(), 1.0)
        optimiser.step()
        schedule.step()
        step += 1
        window_loss += loss.item() * len(batch)
        window_pairs += len(batch)
        if step % 50 == 0 or step == total:
            rate = window_pairs / max(1e-9, time.monotonic() - window_start)
            left = (total - step) * settings.batch_size / max(rate, 1e-9)
            say(f"step {step}/{total} epoch {epoch + 1} loss {window_loss / window_pairs:.4f} "
                f"{rate:.1f} pairs/s, about {left / 60:.0f} min left")
            window_loss, window_pairs, window_start = 0.0, 0, time.monotonic()
        if time.monotonic() - last_save >= checkpoint_seconds:
            _save_checkpoint(output, network, optimiser, schedule, state(False))
            _write_summary(output, summary(False))
            last_save = time.monotonic()
            say(f"checkpoint at step {step}")
    finished = step >= total
    _save_checkpoint(output, network, optimiser, schedule, state(finished))
    _write_summary(output, summary(finished))
    say(f"{'finished' if finished else 'stopped'} at step {step} of {total}; checkpoint written to {output}")
    return NliRun(output, step, total, len(rows), counts, time.monotonic() - started, resumed_from, finished)
