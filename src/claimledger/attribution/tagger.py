"""Running a trained attribution network over parsed texts.

Long texts are cut into overlapping subword windows; a subword seen by several
windows gets the average of their probabilities, so no span is cut at a window
edge. Windows of many texts share batches.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from functools import lru_cache
from pathlib import Path

import numpy as np
import torch
from spacy.tokens import Doc

from .._memory import keep_loaded
from ..devices import resolve_device
from ..records import ATTRIBUTION_ROLES, Extracted, Offsets, SpanRelation
from .decode import decode_spans, link_relations, span_confidence
from .encoding import FEATURES, TAGS, Encoding, encode, windows
from .network import AttributionNetwork, load_network

SHIPPED_MODEL = Path(__file__).parent / "model"
"""The tagger trained by `claimledger train attribution` and shipped in the package."""


def batch_windows(
    tokenizer, pieces: Sequence[tuple[Encoding, int, int]], device: str
) -> tuple[torch.Tensor, torch.Tensor, torch.Tensor]:
    """Pad windows into tensors with [CLS] ... [SEP] around each (features of both are 0)."""
    width = max(end - start for _, start, end in pieces) + 2
    ids = torch.full((len(pieces), width), tokenizer.pad_token_id, dtype=torch.long)
    mask = torch.zeros((len(pieces), width), dtype=torch.long)
    features = torch.zeros((len(pieces), width, len(FEATURES)), dtype=torch.long)
    for row, (encoding, start, end) in enumerate(pieces):
        n = end - start
        ids[row, 0], ids[row, n + 1] = tokenizer.cls_token_id, tokenizer.sep_token_id
        ids[row, 1 : n + 1] = torch.from_numpy(encoding.ids[start:end])
        features[row, 1 : n + 1] = torch.from_numpy(encoding.features[start:end])
        mask[row, : n + 2] = 1
    return ids.to(device), mask.to(device), features.to(device)


class AttributionTagger:
    """A trained network with its tokenizer: parsed texts in, spans and relations out."""

    def __init__(self, network: AttributionNetwork, *, device: str = "cpu", batch_size: int = 32) -> None:
        from transformers import AutoTokenizer

        self.network = network.to(device).eval()
        self.tokenizer = AutoTokenizer.from_pretrained(network.config.encoder_source)
        # Whole texts are tokenised and then cut into windows here, so the
        # encoder's 512-token limit does not apply to the tokenizer's input.
        self.tokenizer.model_max_length = 1 << 30
        self.device = device
        self.batch_size = batch_size

    @classmethod
    def load(cls, directory: str | Path | None = None, *, device: str = "cpu") -> AttributionTagger:
        return cls(load_network(directory or SHIPPED_MODEL), device=device)

    def encode(self, doc: Doc) -> Encoding:
        return encode(self.tokenizer, doc, self.network.config.vocab)

    @torch.no_grad()
    def log_probs(self, encodings: Sequence[Encoding]) -> list[np.ndarray]:
        """(n, roles, tags) log-probabilities for each encoding."""
        config = self.network.config
        shape = (len(ATTRIBUTION_ROLES), len(TAGS))
        sums = [np.zeros((len(e), *shape), dtype=np.float32) for e in encodings]
        counts = [np.zeros((len(e), 1, 1), dtype=np.float32) for e in encodings]
        pieces = [
            (k, start, end)
            for k, encoding in enumerate(encodings)
            for start, end in windows(len(encoding), config.window, config.window // 2)
            if end > start
        ]
        for i in range(0, len(pieces), self.batch_size):
            chunk = pieces[i : i + self.batch_size]
            ids, mask, features = batch_windows(
                self.tokenizer, [(encodings[k], s, e) for k, s, e in chunk], self.device
            )
            probs = self.network(self.network.lower_states(ids, mask), mask, features).softmax(-1)
            probs = probs.float().cpu().numpy()
            for row, (k, start, end) in enumerate(chunk):
                sums[k][start:end] += probs[row, 1 : end - start + 1]
                counts[k][start:end] += 1
        return [np.log(np.maximum(s / np.maximum(c, 1), 1e-9)) for s, c in zip(sums, counts)]

    def spans(self, docs: Sequence[Doc]) -> list[dict[str, list[Offsets]]]:
        """Decoded spans of each role, for each doc."""
        return [found.spans for found in self.extract(docs)]

    def relations(self, docs: Sequence[Doc]) -> list[list[SpanRelation]]:
        """Relations (cue, content, source) found in each doc."""
        return [list(found.relations) for found in self.extract(docs)]

    def extract(self, docs: Sequence[Doc]) -> list[Extracted]:
        """Spans of each role and the relations they form, for each doc."""
        encodings = [self.encode(doc) for doc in docs]
        return [
            self.decode(doc, encoding, scores)
            for doc, encoding, scores in zip(docs, encodings, self.log_probs(encodings))
        ]

    def decode(self, doc: Doc, encoding: Encoding, scores: np.ndarray) -> Extracted:
        """Spans and relations from one doc's tag log-probabilities.

        A relation's confidence is the lowest of its roles' mean tag probabilities.
        """
        spans = decode_spans(scores, encoding.offsets, doc.text, self.network.config.continuation)
        relations = [
            replace(relation, confidence=round(min(
                span_confidence(scores[:, r], encoding.offsets, fragment)
                for r, role in enumerate(ATTRIBUTION_ROLES) for fragment in relation.role(role)
            ), 3))
            for relation in link_relations(spans, [sent.start_char for sent in doc.sents], doc.text)
        ]
        return Extracted(relations, spans)


def torch_device(device: str) -> str:
    """"auto" → "cuda" when a GPU is there, else "cpu"; "cuda" without a GPU is an error (E070)."""
    return resolve_device(device)


@lru_cache(maxsize=2)
def load_tagger(directory: str | None = None, device: str = "cpu") -> AttributionTagger:
    """The tagger at `directory` (default: the shipped one), loaded once per process."""
    tagger = AttributionTagger.load(directory, device=torch_device(device))
    keep_loaded()
    return tagger
