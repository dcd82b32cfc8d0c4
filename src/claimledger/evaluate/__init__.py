"""Scorers that compare a ledger with gold annotations.

`score_gold` scores a ledger export against the seeds gold
(`shared/corpus/seeds.gold.json`); `format_scores` renders the result for the CLI.
"""

from claimledger.evaluate.gold import (
    PRF,
    Count,
    GoldScores,
    format_scores,
    load_gold,
    score_gold,
)

__all__ = ["Count", "GoldScores", "PRF", "format_scores", "load_gold", "score_gold"]
