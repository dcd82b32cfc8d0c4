"""Where the model stages run: "cpu", "cuda" (or "cuda:N") or "auto".

Every model stage takes the device that `resolve_device` returns, so one
choice reaches spaCy, the attribution tagger and the sentence encoder alike.
torch is imported only when a GPU is asked about, so CPU runs of the rule
stages never pay for it.
"""

from __future__ import annotations

import logging

from .errors import ConfigError, Errors

__all__ = ["DEVICES", "resolve_device", "spacy_on_device"]

DEVICES = ("cpu", "cuda", "auto")
logger = logging.getLogger(__name__)


def resolve_device(device: str) -> str:
    """"cpu", or the CUDA device to use; "auto" takes a GPU only when one is there.

    Raises `ConfigError` (E070) when CUDA is asked for and torch sees no GPU,
    and E030 for a name that is not a device.
    """
    name, _, index = device.partition(":")
    if name not in DEVICES or (index and (name != "cuda" or not index.isdigit())):
        raise ConfigError(Errors.E030.format(kind="device", name=device, options="cpu, cuda, cuda:N, auto"))
    if name == "cpu":
        return "cpu"
    import torch

    if not torch.cuda.is_available():
        if name == "auto":
            return "cpu"
        build = "a CPU-only build of torch" if torch.version.cuda is None else "no CUDA GPU visible to torch"
        raise ConfigError(Errors.E070.format(device=device, reason=f"this machine has {build}"))
    if index and int(index) >= torch.cuda.device_count():
        raise ConfigError(
            Errors.E070.format(device=device, reason=f"torch sees {torch.cuda.device_count()} GPU(s)")
        )
    return device if name == "cuda" else "cuda"


def spacy_on_device(device: str) -> bool:
    """Ask spaCy to allocate on the GPU of `device` (a resolved name); True if it will.

    spaCy's GPU support needs cupy; without it spaCy parses on CPU while the
    torch stages still use the GPU, which is where most of the model time goes.
    """
    if not device.startswith("cuda"):
        return False
    import spacy

    _, _, index = device.partition(":")
    on_gpu = spacy.prefer_gpu(int(index or 0))
    if not on_gpu:
        logger.info("spaCy stays on CPU: install cupy for GPU parsing (the torch stages use %s)", device)
    return on_gpu
