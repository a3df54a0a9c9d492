"""OKR rules that are not grading curves: the key results of an objective."""

from __future__ import annotations

import math
from collections.abc import Iterable

KEY_RESULTS_TOTAL = 100.0
KEY_RESULTS_TOLERANCE = 0.01


def key_results_total(weights: Iterable[float]) -> float:
    """The weights of an objective's key results, added up."""
    return math.fsum(weights)


def key_results_total_off(weights: Iterable[float]) -> float | None:
    """The total of the key results' weights, rounded to 2 decimals, when it
    is not 100 % (within 0.01); None when it is."""
    total = key_results_total(weights)
    if abs(total - KEY_RESULTS_TOTAL) > KEY_RESULTS_TOLERANCE:
        return round(total, 2)
    return None
