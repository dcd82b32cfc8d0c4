"""Near-duplicates: syndicated copies of one article, linked rather than re-analysed.

Outlets republish wire copy with a new headline, a different footer or a
trimmed paragraph. Exact ids (`records.article_id`) cannot see that; MinHash
over word shingles can. Each article becomes a set of overlapping word
5-grams of its normalised text; MinHash estimates the Jaccard similarity of
two such sets, and MinHashLSH finds the candidates over that threshold
without comparing every pair. Two articles on the same story from different
outlets share facts and names but few five-word runs, so they stay apart.

Everything is seeded, so the same articles in the same order always link
the same way. A sketch travels as bytes (`sketch`, `insert`: datasketch's own
LeanMinHash serialisation), so a ledger can keep them and a later run index
what it holds without re-reading a text; `kind` says how sketches were made,
and only sketches of the index's own kind may be inserted.
"""

from __future__ import annotations

import re
import struct
import unicodedata
from collections.abc import Iterable

from datasketch import LeanMinHash, MinHash, MinHashLSH

from ..records import Article

__all__ = ["DuplicateIndex", "shingles"]

_TOKEN = re.compile(r"\w+")
_BYTE_ORDER = "<"  # sketches as bytes are little-endian whatever the machine


def shingles(text: str, size: int = 5) -> set[str]:
    """Word `size`-grams of `text`, casefolded; the whole text if it is shorter."""
    tokens = _TOKEN.findall(unicodedata.normalize("NFKC", text).casefold())
    if len(tokens) <= size:
        return {" ".join(tokens)} if tokens else set()
    return {" ".join(tokens[i : i + size]) for i in range(len(tokens) - size + 1)}


class DuplicateIndex:
    """An index of articles that answers "is this a copy of one already seen?".

    >>> index = DuplicateIndex()
    >>> index.add(original)          # doctest: +SKIP
    >>> index.add(syndicated_copy)   # doctest: +SKIP
    'a3f…'                           # the original's id

    `threshold` is the estimated Jaccard similarity of the two shingle sets
    at or above which articles are copies; `num_perm`, `shingle_size` and
    `seed` tune the MinHash sketches.
    """

    def __init__(
        self,
        *,
        threshold: float = 0.8,
        num_perm: int = 128,
        shingle_size: int = 5,
        seed: int = 1,
    ) -> None:
        self.threshold = threshold
        self.num_perm = num_perm
        self.shingle_size = shingle_size
        self.seed = seed
        self._lsh = MinHashLSH(threshold=threshold, num_perm=num_perm)
        self._sketches: dict[str, MinHash | LeanMinHash] = {}
        self._order: dict[str, int] = {}  # insertion rank, the tie-break between equal matches

    @classmethod
    def from_articles(cls, articles: Iterable[Article], **options: float | int) -> DuplicateIndex:
        """Rebuild the index from articles already in a ledger, in their order.

        Articles already marked as copies (`duplicate_of`) are left out: their
        original is in the index and stands for them.
        """
        index = cls(**options)
        for article in articles:
            if article.duplicate_of is None:
                index.insert(article.id, text=article.text)
        return index

    @property
    def kind(self) -> str:
        """How this index sketches: a sketch as bytes can be inserted only into an index of the same kind."""
        # datasketch 2 permutes otherwise than 1 did ("legacy"), and says so in `scheme`
        scheme = getattr(MinHash(num_perm=1, seed=self.seed), "scheme", "legacy")
        return f"minhash {scheme} perm={self.num_perm} seed={self.seed} shingles={self.shingle_size}"

    def sketch(self, article_id: str) -> bytes:
        """The sketch of an indexed article, as bytes for `insert`."""
        lean = LeanMinHash(self._sketches[article_id])
        buffer = bytearray(lean.bytesize(_BYTE_ORDER))
        lean.serialize(buffer, _BYTE_ORDER)
        return bytes(buffer)

    def insert(self, article_id: str, sketch: bytes | None = None, *, text: str | None = None) -> None:
        """Index an article known to be no copy by its `sketch` (bytes from an index of this
        `kind`) or else its `text`, as `from_articles` does for each original.

        Raises ValueError for bytes that are no sketch of this kind (a damaged ledger row).
        """
        if sketch is not None:
            try:
                lean = LeanMinHash.deserialize(sketch, _BYTE_ORDER)
            except (struct.error, ValueError) as error:
                raise ValueError(f"{article_id}: unreadable sketch ({error})") from error
            if len(lean) != self.num_perm or lean.seed != self.seed:
                raise ValueError(f"{article_id}: a sketch of {len(lean)} permutations, seed {lean.seed}")
            self._insert(article_id, lean)
        elif text is not None:
            self._insert(article_id, self._sketch(text))
        else:
            raise ValueError(f"{article_id}: a sketch or a text is needed")

    def __len__(self) -> int:
        return len(self._sketches)

    def __contains__(self, article_id: object) -> bool:
        return article_id in self._sketches

    def find(self, article: Article) -> str | None:
        """The id of the indexed article `article` copies, or None; indexes nothing."""
        return self._match(article.id, self._sketch(article.text))

    def add(self, article: Article) -> str | None:
        """The id of the earlier article that `article` copies, or None.

        A new article is indexed, so later copies of it are found; a copy is
        not (its original stands for it). Adding an article whose id is
        already indexed (the same text again) returns None and changes nothing.
        """
        if article.id in self._sketches:
            return None
        sketch = self._sketch(article.text)
        original = self._match(article.id, sketch)
        if original is None:
            self._insert(article.id, sketch)
        return original

    def _sketch(self, text: str) -> MinHash:
        sketch = MinHash(num_perm=self.num_perm, seed=self.seed)
        sketch.update_batch([s.encode("utf-8") for s in sorted(shingles(text, self.shingle_size))])
        return sketch

    def _insert(self, article_id: str, sketch: MinHash | LeanMinHash) -> None:
        if article_id not in self._sketches:
            self._lsh.insert(article_id, sketch)
            self._sketches[article_id] = sketch
            self._order[article_id] = len(self._order)

    def _match(self, article_id: str, sketch: MinHash) -> str | None:
        # LSH candidates are likely, not certain, to clear the threshold;
        # check each estimate, take the closest, the earliest on a tie.
        order = self._order
        best: tuple[float, int, str] | None = None
        for candidate in self._lsh.query(sketch):
            if candidate == article_id:
                continue
            similarity = self._sketches[candidate].jaccard(sketch)
            if similarity >= self.threshold:
                rank = (-similarity, order[candidate], candidate)
                best = rank if best is None or rank < best else best
        return best[2] if best else None
