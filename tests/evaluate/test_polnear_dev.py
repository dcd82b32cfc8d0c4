"""The shipped tagger on PolNeAR dev, the compartment it was selected on.

Floors sit just below what it measured when it was shipped (see
benchmarks/RESULTS.md); a drop below them means the tagger, its decoding or
the linking of spans into relations got worse. PolNeAR test is held out and
never read here.
"""

from __future__ import annotations

import pytest

from claimledger.evaluate.attributions import score_attributions
from claimledger.evaluate.polnear import load_polnear
from claimledger.pipeline import attribute_texts


@pytest.fixture(scope="module")
def dev_scores(polnear_dir):
    annotated = load_polnear(polnear_dir / "dev")
    texts = list(dict.fromkeys(a.text for a in annotated))
    found = dict(zip(texts, attribute_texts(texts, attribution="model")))
    return score_attributions((found[a.text], a.relations) for a in annotated)


def test_tagger_exact_span_f1_on_dev(dev_scores):
    assert dev_scores.exact["source"].f1 >= 0.79
    assert dev_scores.exact["cue"].f1 >= 0.72
    assert dev_scores.exact["content"].f1 >= 0.63


def test_tagger_relations_on_dev(dev_scores):
    assert dev_scores.relations_overlap.f1 >= 0.73
