"""Weights of score parts and the weighted blend of part scores."""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import NamedTuple

from .errors import EPSILON, EngineError


class Blend(NamedTuple):
    score: float | None
    effective_weights: dict[str, float]
    missing: tuple[str, ...]


def weights_total(weights: Mapping[str, float]) -> float:
    """Sum of the weights (exactly rounded, so independent of order)."""
    return math.fsum(weights.values())


def _check_not_negative(weights: Mapping[str, float]) -> None:
    for part, weight in weights.items():
        # Float noise around zero (e.g. -1e-12 from a subtraction) is not negative.
        if weight < -EPSILON:
            raise EngineError("weight_negative", part=part, weight=weight)


def check_weights_total(
    weights: Mapping[str, float], expected: float = 100.0, tolerance: float = 0.01
) -> float:
    """Return the total; raise if a weight is negative or the total is off."""
    _check_not_negative(weights)
    total = weights_total(weights)
    if abs(total - expected) > tolerance:
        raise EngineError("weights_total", total=round(total, 2), expected=expected)
    return total


def _active_weights(weights: Mapping[str, float]) -> dict[str, float]:
    _check_not_negative(weights)
    # Sorted so that results do not depend on the mapping's insertion order.
    return {part: weights[part] for part in sorted(weights) if weights[part] > EPSILON}


def _blend_active(
    scores: Mapping[str, float | None], active: dict[str, float]
) -> Blend:
    present = {
        part: weight for part, weight in active.items() if scores.get(part) is not None
    }
    missing = tuple(part for part in active if part not in present)
    if not present:
        return Blend(None, {}, missing)
    total = math.fsum(present.values())
    values = [scores[part] for part in present]
    score = math.fsum(scores[part] * weight for part, weight in present.items()) / total
    # Rounding may push the mean a hair outside its inputs; keep it between them.
    score = min(max(score, min(values)), max(values))
    effective = {part: weight * 100.0 / total for part, weight in present.items()}
    return Blend(score, effective, missing)


def blend(scores: Mapping[str, float | None], weights: Mapping[str, float]) -> Blend:
    """Weighted mean of the scored parts, weights renormalised over them to 100."""
    return _blend_active(scores, _active_weights(weights))
