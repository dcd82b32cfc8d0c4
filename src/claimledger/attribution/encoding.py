"""Texts as the tagger sees them: subwords, parse features and BIO labels.

A text is tokenised once into subwords with character offsets. Each subword
carries features of the spaCy token it falls in (part of speech, dependency
label, whether it starts a word or a sentence, whether it is inside quotation
marks, whether its lemma is a reporting word), because the exact extent of a
source, cue or content follows the syntax and the quotation marks, which a
small encoder sees only dimly. Labels are one BIO tag per role, so a span of one
role may lie inside a span of another (a nested statement's source inside the
outer statement's content).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from spacy.tokens import Doc

from ..nlp.cues import DIRECTIVE_CUES, OBJECT_CUES, SPEECH_VERBS, STATEMENT_NOUNS
from ..nlp.quotes import find_quotes
from ..records import ATTRIBUTION_ROLES, SpanRelation

OUTSIDE, BEGIN, INSIDE = 0, 1, 2
TAGS: tuple[str, ...] = ("O", "B", "I")

UPOS: tuple[str, ...] = (
    "ADJ", "ADP", "ADV", "AUX", "CCONJ", "DET", "INTJ", "NOUN", "NUM",
    "PART", "PRON", "PROPN", "PUNCT", "SCONJ", "SYM", "VERB", "X", "SPACE",
)
FEATURES: tuple[str, ...] = ("pos", "dep", "word_start", "sent_start", "in_quote", "cue_word")
"""Feature columns, in order. `pos` and `dep` index vocabularies (0 = unknown); the rest are flags."""

_CUE_LEMMAS = SPEECH_VERBS | OBJECT_CUES | DIRECTIVE_CUES | STATEMENT_NOUNS | {"accord"}


@dataclass(frozen=True, slots=True)
class FeatureVocab:
    """The value lists the `pos` and `dep` columns index; saved with the model."""

    pos: tuple[str, ...]
    dep: tuple[str, ...]

    @property
    def sizes(self) -> tuple[int, ...]:
        """Embedding table size of each column of `FEATURES` (index 0 is unknown)."""
        return (len(self.pos) + 1, len(self.dep) + 1, 2, 2, 2, 2)


@dataclass(slots=True)
class Encoding:
    """One text as subwords: ids, character offsets, features and (for training) labels."""

    ids: np.ndarray  # (n,) int64
    offsets: np.ndarray  # (n, 2) int64, into the text
    features: np.ndarray  # (n, len(FEATURES)) int64
    labels: np.ndarray | None = None  # (n, len(ATTRIBUTION_ROLES)) int64, BIO per role

    def __len__(self) -> int:
        return len(self.ids)


def _token_features(doc: Doc, vocab: FeatureVocab) -> np.ndarray:
    pos_index = {p: i + 1 for i, p in enumerate(vocab.pos)}
    dep_index = {d: i + 1 for i, d in enumerate(vocab.dep)}
    quoted = np.zeros(len(doc.text) + 1, dtype=bool)
    for start, end in find_quotes(doc.text, min_words=1):
        quoted[max(0, start - 1) : end + 1] = True
    rows = np.zeros((len(doc), len(FEATURES)), dtype=np.int64)
    for token in doc:
        rows[token.i] = (
            pos_index.get(token.pos_, 0),
            dep_index.get(token.dep_, 0),
            0,
            int(token.is_sent_start is True or token.i == 0),
            int(quoted[token.idx]),
            int(token.lemma_.lower() in _CUE_LEMMAS),
        )
    return rows


def encode(tokenizer, doc: Doc, vocab: FeatureVocab) -> Encoding:
    """Tokenise `doc.text` into subwords and give each the features of its spaCy token."""
    text = doc.text
    batch = tokenizer(text, add_special_tokens=False, return_offsets_mapping=True)
    ids = np.asarray(batch["input_ids"], dtype=np.int64)
    offsets = np.asarray(batch["offset_mapping"], dtype=np.int64).reshape(-1, 2)
    token_rows = _token_features(doc, vocab)
    # The spaCy token each character belongs to (whitespace goes to the token before it).
    char_token = np.zeros(len(text) + 1, dtype=np.int64)
    for token in doc:
        char_token[token.idx :] = token.i
    token_start = np.zeros(len(text) + 1, dtype=bool)
    token_start[[token.idx for token in doc]] = True
    features = token_rows[char_token[offsets[:, 0]]] if len(doc) else np.zeros((len(ids), len(FEATURES)), np.int64)
    features[:, FEATURES.index("word_start")] = token_start[offsets[:, 0]]
    first_of_token = token_start[offsets[:, 0]]
    features[:, FEATURES.index("sent_start")] &= first_of_token
    return Encoding(ids, offsets, features)


def label(encoding: Encoding, relations: Sequence[SpanRelation]) -> np.ndarray:
    """BIO labels per role for `encoding`, from gold relations.

    Spans of one role nested in a longer span of the same role cannot both be
    tagged; the longer (outer) one is kept, as the outer statement is the one
    the inner is reported in.
    """
    labels = np.zeros((len(encoding), len(ATTRIBUTION_ROLES)), dtype=np.int64)
    starts, ends = encoding.offsets[:, 0], encoding.offsets[:, 1]
    for column, role in enumerate(ATTRIBUTION_ROLES):
        fragments = {f for relation in relations for f in relation.role(role)}
        for start, end in sorted(fragments, key=lambda f: f[0] - f[1]):
            covered = np.nonzero((starts < end) & (ends > start))[0]
            if len(covered) == 0 or labels[covered, column].any():
                continue
            labels[covered, column] = INSIDE
            labels[covered[0], column] = BEGIN
    return labels


def windows(length: int, size: int, stride: int) -> list[tuple[int, int]]:
    """(start, end) subword windows of at most `size` covering `range(length)`, `stride` apart."""
    if length <= size:
        return [(0, length)]
    starts = list(range(0, length - size, stride)) + [length - size]
    return [(start, start + size) for start in starts]
