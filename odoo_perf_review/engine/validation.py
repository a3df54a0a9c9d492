"""Single-value guards shared by the models."""

from __future__ import annotations

import math
from typing import Any

from .errors import EPSILON, EngineError


def check_score(value: float | None, lower: float, upper: float) -> float:
    """Return ``value`` if it lies in [lower, upper] (within EPSILON), else raise."""
    if value is None:
        raise EngineError("score_missing")
    if math.isnan(value) or value < lower - EPSILON or value > upper + EPSILON:
        raise EngineError("score_out_of_range", score=value, lower=lower, upper=upper)
    return value


def check_range(low: Any, high: Any, *, name: str) -> None:
    """Raise when ``low > high``; an unset (None) bound is not checked."""
    # Plain comparison (no EPSILON) so that dates work as well as numbers.
    if low is not None and high is not None and low > high:
        raise EngineError("range_inverted", name=name, low=low, high=high)
