"""Single-value guards shared by the models."""

from __future__ import annotations

from typing import Any

from .errors import EngineError


def check_range(low: Any, high: Any, *, name: str) -> None:
    """Raise when ``low > high``; an unset (None) bound is not checked."""
    # Plain comparison (no EPSILON) so that dates work as well as numbers.
    if low is not None and high is not None and low > high:
        raise EngineError("range_inverted", name=name, low=low, high=high)
