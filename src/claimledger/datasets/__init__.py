"""Readers of the shared entailment and stance sets, as `NLIPair` records, with one held-out rule.

Used by training (`claimledger.training`) and evaluation only; the runtime
stages never import this package. Each set is a `DataSet` in `DATASETS`:
its folder under shared/datasets, its reader, its licence as its SOURCE.md
gives it, and whether shipped weights may be trained on it. Sets whose
licence is non-commercial or research-only, or that state no licence, are
evaluation-only (`trainable=False`).

The held-out part of every set is decided on each pair's `group`
(`is_heldout`: CRC-32 of the normalised group text divisible by 10), so a
premise or claim never falls on both sides. FNC-1 keeps the project's own
body split (CRC-32 of the Body ID divisible by 5). `anli-dev-EVAL-ONLY` has
no split: all of it is for evaluation.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

from ..errors import ConfigError, Errors
from . import nli as _nli
from . import stance as _stance
from ._base import HELDOUT_MODULUS, NLI_LABELS, NOT_ENTAILS, SPLITS, DataSet, NLILabel, NLIPair, Split, group_key, in_split, is_heldout

__all__ = [
    "DATASETS",
    "HELDOUT_MODULUS",
    "NLI_LABELS",
    "NOT_ENTAILS",
    "SPLITS",
    "DataSet",
    "NLILabel",
    "NLIPair",
    "Split",
    "dataset",
    "datasets_root",
    "group_key",
    "in_split",
    "is_heldout",
    "read_pairs",
]

_NC = "licensed non-commercial"
_NONE = "no licence statement in its repository"
_RESEARCH = "research use only"

DATASETS: dict[str, DataSet] = {
    d.name: d
    for d in (
        DataSet("snli-devtest", "nli/snli-devtest", _nli.read_snli_devtest, "CC BY-SA 4.0 (SNLI); MIT (e-SNLI)", True),
        DataSet("mnli-taxinli", "nli/mnli-taxinli", _nli.read_mnli_taxinli, "C-UDA 1.0 (TaxiNLI); MultiNLI text OANC", True),
        DataSet("snli-counterfactual", "nli/snli-counterfactual", _nli.read_snli_counterfactual, "Apache-2.0; SNLI text CC BY-SA 4.0", True),
        DataSet("conjnli", "nli/conjnli", _nli.read_conjnli, "MIT", True),
        DataSet("negation-nli", "nli/negation-nli", _nli.read_negation_nli, "MIT", True),
        DataSet("breaking-nli", "nli/breaking-nli", _nli.read_breaking_nli, "CC BY-SA 4.0", True),
        DataSet("megaveridicality", "nli/factuality-veridicality", _nli.read_megaveridicality, "MIT (MegaVeridicality, via DNC)", True),
        DataSet(
            "factuality-veridicality", "nli/factuality-veridicality", _nli.read_factuality_veridicality,
            "mixed: MegaVeridicality MIT; recast factuality and function-word NLI unstated", False,
            "its factuality and function-word subsets state no licence (the MIT MegaVeridicality subset trains as 'megaveridicality')",
        ),
        DataSet("rte", "nli/rte", _nli.read_rte, "PASCAL RTE via GLUE: research use", False, _RESEARCH),
        DataSet("commitmentbank", "nli/commitmentbank", _nli.read_commitmentbank, "none stated", False, _NONE),
        DataSet("anli-dev-EVAL-ONLY", "nli/anli-dev-EVAL-ONLY", _nli.read_anli_dev, "CC BY-NC 4.0", False, _NC),
        DataSet("arc-stance", "nli/arc-stance", _nli.read_arc_stance, "Apache-2.0 (UKP Lab)", True),
        DataSet("perspectrum", "nli/perspectrum", _nli.read_perspectrum, "CC BY-SA 4.0", True),
        DataSet("ibm-argq-stance", "nli/ibm-argq-stance", _nli.read_ibm_argq_stance, "CC BY-SA 3.0 (IBM)", True),
        DataSet("ibm-argkp", "nli/ibm-argkp", _nli.read_ibm_argkp, "CDLA-Sharing 1.0 (IBM)", True),
        DataSet("ibm-claim-stance", "nli/ibm-claim-stance", _nli.read_ibm_claim_stance, "CC BY-SA 3.0 (IBM)", True),
        DataSet("climate-fever", "nli/climate-fever", _nli.read_climate_fever, "none stated (evidence from Wikipedia)", False, _NONE),
        DataSet("healthver", "nli/healthver", _nli.read_healthver, "none stated", False, _NONE),
        DataSet("fool-me-twice", "nli/fool-me-twice", _nli.read_fool_me_twice, "Apache-2.0; evidence Wikipedia CC BY-SA", True),
        DataSet("fever-dev", "nli/fever-dev", _nli.read_fever_dev, "CC BY-SA 3.0 (FEVER)", True),
        DataSet("covidfact", "nli/covidfact", _nli.read_covidfact, "none stated", False, _NONE),
        DataSet("semeval2016-stance", "nli/semeval2016-stance", _nli.read_semeval2016_stance, "research use (SemEval-2016 task 6)", False, _RESEARCH),
        DataSet(
            "fnc1", "fnc1", _stance.read_fnc1_pairs,
            "FNC-1 as released by its organisers (derived from Emergent); trained on by the shipped stance model", True,
        ),
        DataSet(
            "emergent", "emergent", _stance.read_emergent_pairs,
            "Emergent (Ferreira & Vlachos 2016); trained on by the shipped stance model", True,
        ),
    )
}

WHOLE_ONLY = frozenset({"anli-dev-EVAL-ONLY"})
"""Sets with no held-out part: all of them is for evaluation."""


def datasets_root() -> Path:
    """shared/datasets: $CLAIMLEDGER_DATASETS, else $CLAIMLEDGER_SHARED/datasets, else ../shared/datasets."""
    if os.environ.get("CLAIMLEDGER_DATASETS"):
        return Path(os.environ["CLAIMLEDGER_DATASETS"])
    if os.environ.get("CLAIMLEDGER_SHARED"):
        return Path(os.environ["CLAIMLEDGER_SHARED"]) / "datasets"
    return Path("..") / "shared" / "datasets"


def dataset(name: str) -> DataSet:
    """The set called `name`; E030 listing the known ones otherwise."""
    if name not in DATASETS:
        raise ConfigError(Errors.E030.format(kind="data set", name=name, options=", ".join(DATASETS)))
    return DATASETS[name]


def read_pairs(name: str, split: Split = "all", root: str | Path | None = None) -> Iterator[NLIPair]:
    """The pairs of set `name` in `split` (all, train or heldout), read from `root` (default `datasets_root()`).

    E049 for a train or held-out part of a set that is evaluated whole.
    """
    spec = dataset(name)
    if split not in SPLITS:
        raise ConfigError(Errors.E030.format(kind="split", name=split, options=", ".join(SPLITS)))
    if name in WHOLE_ONLY and split != "all":
        raise ConfigError(Errors.E049.format(dataset=name, split=split, reason="it is evaluation-only, scored whole (--split all)"))
    folder = spec.path(Path(root) if root is not None else datasets_root())
    if name == "fnc1":
        yield from _stance.read_fnc1_pairs(folder, split)
        return
    for pair in spec.reader(folder):
        if in_split(pair, split):
            yield pair
