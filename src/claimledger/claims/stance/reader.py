"""Reading a claim and a short text together: the stance of a headline or a statement.

The two-stage model sees the claim and the evidence through separate, frozen
embeddings and hand features. That suits articles, whose stance is spread over
many sentences. In one sentence, what decides is how its words bear on the
claim's: "BMO forecasts 19M Apple Watch sales" reports a forecast of the claim
"Apple will sell 19 million Apple Watches", it does not assert it. The reader
runs the shipped all-MiniLM-L6-v2 over "claim [SEP] evidence", with LoRA
adapters (peft) in its layers and a linear head over the mean of its states,
and gives agree / disagree / discuss.

Only the adapters and the head are saved (`reader.safetensors`, about 1 MB),
never the encoder: loading lays them over the installed package's model.
torch, transformers and peft are imported when a reader is built or loaded.
"""

from __future__ import annotations

import warnings
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from ...errors import ConfigError, Errors
from . import features

if TYPE_CHECKING:
    from .classifier import TextPair

READER_FILE = "reader.safetensors"
READER_LABELS: tuple[str, ...] = ("agree", "disagree", "discuss")
SHORT_EVIDENCE_SENTENCES = 2
"""Evidence of at most this many sentences is read by the reader; longer evidence is an article."""


@dataclass(frozen=True, slots=True)
class ReaderConfig:
    """The reader's shape, saved in the stance model's config.json."""

    rank: int = 8
    alpha: int = 16
    dropout: float = 0.1
    targets: tuple[str, ...] = ("query", "key", "value", "dense")
    max_length: int = 128

    def to_json(self) -> dict[str, Any]:
        return {**asdict(self), "targets": list(self.targets)}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> ReaderConfig:
        return cls(**{**data, "targets": tuple(data["targets"])})


def is_short(evidence: str) -> bool:
    """Whether `evidence` is a headline or a statement rather than an article."""
    return len(features.evidence_sentences(evidence, SHORT_EVIDENCE_SENTENCES + 1)) <= SHORT_EVIDENCE_SENTENCES


class PairReader:
    """The adapted encoder, its head and its tokenizer: (claim, evidence) pairs in, probabilities out."""

    def __init__(self, config: ReaderConfig = ReaderConfig(), device: str = "cpu") -> None:
        import torch
        from peft import LoraConfig, get_peft_model
        from transformers import AutoModel, AutoTokenizer

        from ...attribution.network import base_encoder_path

        path = base_encoder_path()
        self.config = config
        self.device = device
        self.tokenizer = AutoTokenizer.from_pretrained(path)
        adapters = LoraConfig(
            r=config.rank, lora_alpha=config.alpha, lora_dropout=config.dropout, target_modules=list(config.targets)
        )
        with warnings.catch_warnings():
            # peft asks transformers a question transformers has renamed; nothing for a user to act on.
            warnings.filterwarnings("ignore", message=".*is_gradient_checkpointing", category=FutureWarning)
            self.encoder = get_peft_model(AutoModel.from_pretrained(path), adapters).to(device)
        width = self.encoder.config.hidden_size
        self.head = torch.nn.Sequential(torch.nn.Dropout(0.1), torch.nn.Linear(width, len(READER_LABELS))).to(device)

    def adapters(self) -> list:
        """The encoder's trainable weights: its LoRA adapters (the head's are `self.head.parameters()`)."""
        return [p for p in self.encoder.parameters() if p.requires_grad]

    def train(self, mode: bool = True) -> None:
        self.encoder.train(mode)
        self.head.train(mode)

    def batch(self, pairs: Sequence[TextPair]) -> dict:
        return self.tokenizer(
            [p.claim for p in pairs], [p.evidence for p in pairs],
            truncation=True, max_length=self.config.max_length, padding=True, return_tensors="pt",
        ).to(self.device)

    def logits(self, pairs: Sequence[TextPair]):
        """(n, 3) scores over READER_LABELS, with gradients when training."""
        inputs = self.batch(pairs)
        states = self.encoder(**inputs).last_hidden_state
        mask = inputs["attention_mask"].unsqueeze(-1).to(states.dtype)
        return self.head((states * mask).sum(1) / mask.sum(1).clamp(min=1.0))

    def probabilities(self, pairs: Sequence[TextPair], batch_size: int = 64) -> np.ndarray:
        """(n, 3) probabilities over READER_LABELS."""
        import torch

        self.train(False)
        rows = [np.zeros((0, len(READER_LABELS)), np.float32)]
        with torch.no_grad():
            for i in range(0, len(pairs), batch_size):
                rows.append(self.logits(pairs[i : i + batch_size]).softmax(-1).float().cpu().numpy())
        return np.vstack(rows)

    def state(self) -> dict[str, Any]:
        from peft import get_peft_model_state_dict

        adapters = {f"encoder.{k}": v for k, v in get_peft_model_state_dict(self.encoder).items()}
        head = {f"head.{k}": v for k, v in self.head.state_dict().items()}
        return {k: v.detach().float().cpu().contiguous() for k, v in {**adapters, **head}.items()}

    def save(self, directory: Path) -> None:
        from safetensors.torch import save_file

        save_file(self.state(), str(directory / READER_FILE))

    @classmethod
    def load(cls, directory: Path, config: ReaderConfig, device: str = "cpu") -> PairReader:
        """The reader saved in `directory`; E054 when its weights cannot be read."""
        from peft import get_peft_model_state_dict, set_peft_model_state_dict
        from safetensors import SafetensorError
        from safetensors.torch import load_file

        try:
            tensors = load_file(str(directory / READER_FILE), device=device)
        except (OSError, ValueError, SafetensorError) as error:
            raise ConfigError(Errors.E054.format(path=directory, reason=f"{READER_FILE}: {error}")) from error
        reader = cls(config, device)
        adapters = {k.removeprefix("encoder."): v for k, v in tensors.items() if k.startswith("encoder.")}
        head = {k.removeprefix("head."): v for k, v in tensors.items() if k.startswith("head.")}
        expected = set(get_peft_model_state_dict(reader.encoder))
        try:
            if set(adapters) != expected:
                raise KeyError(f"adapters for {len(adapters)} of {len(expected)} weights")
            set_peft_model_state_dict(reader.encoder, adapters)
            reader.head.load_state_dict(head)
        except (RuntimeError, KeyError) as error:
            raise ConfigError(Errors.E054.format(path=directory, reason=f"{READER_FILE}: {error}")) from error
        reader.train(False)
        return reader
