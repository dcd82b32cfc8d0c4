"""Ingest: turn files, folders, URLs, feeds and JSON Lines into cleaned `Article`s.

::

    from claimledger.ingest import DuplicateIndex, read_inputs
    from claimledger.records import Article

    index = DuplicateIndex()
    for item in read_inputs(["articles/", "https://example.org/feed.xml"]):
        if isinstance(item, Article):
            item.duplicate_of = index.add(item)

One module per job: `readers` opens files and folders and dispatches on the
kind of input (`sniff`), `web` fetches URLs, `decode` turns bytes into text,
`text`, `html`, `feeds` and `jsonl` turn each kind into articles, `manifest`
adds per-file metadata, `dates` reads publication dates, `language` tells
which language an article is in, `clean` removes site chrome lines (its
vocabulary lives in `_vocab`) and `dedup` links syndicated copies. Only
`readers` and `web` do I/O; the rest are pure functions.
"""

from .clean import clean_text
from .dedup import DuplicateIndex
from .readers import read_inputs

__all__ = ["DuplicateIndex", "clean_text", "read_inputs"]
