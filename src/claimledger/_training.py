"""What the project's trainers share: the learning-rate schedule of their fine-tuning."""

from __future__ import annotations

from typing import Any

__all__ = ["warmup_then_decay"]


def warmup_then_decay(optimiser: Any, total: int, warmup: int) -> Any:
    """A LambdaLR over `total` steps: the rate rises linearly for `warmup` steps, then falls linearly to 0.

    The first step already trains at 1 / `warmup` of the rate, not at 0.
    """
    import torch

    return torch.optim.lr_scheduler.LambdaLR(
        optimiser, lambda step: min((step + 1) / warmup, max(0.0, (total - step) / max(1, total - warmup)))
    )
