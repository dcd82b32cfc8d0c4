"""The entailment stance backend: the rules, with the project's entailment model on top.

The rules (`rules.statement_stance`) read how a speaker commits to their own
words: the cue ("denied", "admitted", "suggested"), negation, modality. They
cannot tell whether those words bear on a proposition worded otherwise:
"There has been no release of any kind from our site" against "The plant
leaked solvent into the river". The entailment model (`claims.entailment`,
trained by `claimledger train nli`) reads the claim's affirmative words (its
content, negators and frames removed, as the rules' side is taken on them;
not "X said …", since that X said P does not entail P) against the
proposition's canonical claim and gives the probabilities that they entail
it, contradict it, or neither. The stance composes the two: the speaker's
side on their words (rules) with what the words say of the claim (model):

- a statement the model finds neither entailing nor contradicting the claim
  (`neither` the most likely, or the two sides within `margin`) keeps its rule
  reading where it is a member of the proposition (the clustering put it
  there), and is neutral elsewhere: it does not bear on that question; on a
  candidate proposition the model's side must also reach `CANDIDATE_FLOOR`;
- otherwise asserting words that entail the claim supports it and asserting
  words that contradict it denies it; denying words that entail it denies it,
  and denying words that contradict it is a hedge; a statement the rules find
  hedged (a modal, a condition, a request, a negated denial) stays a hedge:
  modality is not something the model was trained on;
- a speaker is never "deny" on a proposition whose canonical claim is their
  own affirmative words: there the rule reading stands.

The score is the geometric mean of the model's probability for its side and
the rule score. `reads_proposition` tells `analyze_claims` that this backend
can be given candidate propositions beyond a claim's own cluster.

Registered as "entail"; results carry method "entail.v1". The weights are
the shipped `claims/nli_weights/` or `weights` (a folder written by
`claimledger train nli`); a missing or unreadable folder is refused when the
backend is built, before a run reads anything.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from ...errors import ConfigError, Errors
from ...records import Proposition, Stance, StanceLabel, Statement
from ..nesting import claim_key
from ..propositions import canonical_claim, proposition_text
from ._registry import stance_backends
from .labels import ENTAILMENT_STANCE
from .rules import statement_stance

METHOD = "entail.v1"
# The model's side must lead the other by this much to overrule the rule reading.
MARGIN = 0.1
# and, on a candidate proposition (not the claim's own cluster), be at least this likely.
CANDIDATE_FLOOR = 0.6


def own_words(statement: Statement, proposition: Proposition) -> bool:
    """True when the proposition's canonical claim is `statement`'s own affirmative words."""
    return canonical_claim(proposition_text(statement)).rstrip("…") == proposition.label.rstrip("…") or (
        proposition.label.endswith("…")
        and canonical_claim(proposition_text(statement), 10_000).startswith(proposition.label.rstrip("…"))
    )


def combine(
    rule: tuple[StanceLabel, float],
    probabilities: np.ndarray,
    labels: Sequence[str],
    *,
    member: bool,
    own: bool,
    margin: float = MARGIN,
) -> tuple[StanceLabel, float]:
    """The stance of one pair from its rule reading and the model's probabilities (see module doc)."""
    rule_label, rule_score = rule
    p = {label: float(v) for label, v in zip(labels, probabilities)}
    entails, contradicts, neither = p.get("entails", 0.0), p.get("contradicts", 0.0), p.get("neither", 0.0)
    side = "entails" if entails > contradicts else "contradicts"
    unsure = neither >= max(entails, contradicts) or abs(entails - contradicts) < margin
    if unsure or (not member and p[side] < CANDIDATE_FLOOR):
        return (rule_label, rule_score) if member else ("neutral", round(neither, 4))
    relation: StanceLabel = ENTAILMENT_STANCE[side]
    # The speaker's side on their own (affirmative) words, composed with what
    # those words say of the claim: asserting what contradicts it denies it;
    # denying what entails it denies it; denying what contradicts it is no
    # assertion of it (a hedge).
    if rule_label in ("hedge", "neutral"):
        label: StanceLabel = rule_label
    elif rule_label == "support":
        label = relation
    else:
        label = "deny" if relation == "support" else "hedge"
    if own and label == "deny" and rule_label == "support":
        label = "support"
    return label, round(math.sqrt(max(p[side], 0.0) * rule_score), 4)


@stance_backends.register("entail")
class EntailStance:
    """The "entail" stance backend: the rules with the entailment model's probabilities on top."""

    method = METHOD
    reads_proposition = True
    # Candidates are read by the model, which drops those a claim does not bear
    # on: they may be found at a lower similarity than a cluster asks.
    candidate_similarity = 0.5
    actor_bonus = 0.15

    def __init__(
        self, weights: str | None = None, batch_size: int = 32, device: str | None = None, margin: float = MARGIN
    ) -> None:
        from ..entailment import EntailmentModel

        folder = self.check(weights)
        self.model = EntailmentModel.load(folder, device=device or "cpu")
        self.batch_size = batch_size
        self.margin = margin

    @staticmethod
    def check(weights: str | None = None, **_: object) -> Path:
        """The weights folder to load; E048 before any work when it holds no weights."""
        from ..entailment import SHIPPED_WEIGHTS, WEIGHTS_FILE

        folder = Path(weights) if weights else SHIPPED_WEIGHTS
        if not (folder / WEIGHTS_FILE).is_file():
            raise ConfigError(Errors.E048.format(path=folder, reason=f"there is no {WEIGHTS_FILE} in it"))
        return folder

    def predict(self, pairs: Sequence[tuple[Statement, Proposition]]) -> list[Stance]:
        if not pairs:
            return []
        read: dict[tuple[str, int, int], tuple[StanceLabel, float]] = {}
        for statement, _ in pairs:
            key = claim_key(statement)
            if key not in read:
                read[key] = statement_stance(statement)
        # The model reads the claim's affirmative words (what the rules' side is
        # taken on), not "X said …": that a speaker said P does not entail P.
        premises = {key: canonical_claim(proposition_text(s), 10_000) for s, _ in pairs if (key := claim_key(s))}
        probabilities = self.model.predict(
            [premises[claim_key(s)] for s, _ in pairs], [p.label.rstrip("…") for _, p in pairs], self.batch_size
        )
        stances = []
        for (statement, proposition), row in zip(pairs, probabilities):
            label, score = combine(
                read[claim_key(statement)], row, self.model.labels,
                member=statement.id in proposition.statement_ids, own=own_words(statement, proposition),
                margin=self.margin,
            )
            stances.append(Stance(statement.id, proposition.id, label, score, self.method))
        return stances
