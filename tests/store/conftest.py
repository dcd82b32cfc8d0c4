"""Ledgers built in tmp_path from the hand-made story in `story.py`."""

from story import batch, db_path, ledger, story_analysis  # noqa: F401
