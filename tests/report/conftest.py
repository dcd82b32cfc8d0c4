"""The report tests use the same hand-made story as the store tests."""

import sys
from pathlib import Path

# tests/store/story.py builds the story and its ledger; share it, don't copy it.
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "store"))

from story import batch, db_path, ledger, story_analysis  # noqa: E402,F401
