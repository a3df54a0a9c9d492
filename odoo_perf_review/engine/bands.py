"""Map scores on a 0-100 axis to the bands of a rating scale."""

from __future__ import annotations

import math
from bisect import bisect_right
from collections.abc import Hashable, Iterable, Mapping
from typing import NamedTuple, TypeVar

from .errors import EPSILON, EngineError, Problem

K = TypeVar("K")


class Band(NamedTuple):
    key: Hashable
    score_min: float
    score_max: float


def _sorted_bands(bands: Iterable[Band]) -> list[Band]:
    # Sort on the bounds only: keys need not be comparable.
    return sorted(bands, key=lambda band: (band.score_min, band.score_max))


def check_bands(
    bands: Iterable[Band], lower: float = 0.0, upper: float = 100.0
) -> list[Problem]:
    """Return the problems of a scale; an empty list means it is valid."""
    ordered = _sorted_bands(bands)
    if not ordered:
        return [Problem("no_band")]
    problems: list[Problem] = []
    usable: list[Band] = []
    for band in ordered:
        if band.score_min >= band.score_max - EPSILON:
            problems.append(
                Problem("inverted", (band.key,), (band.score_min, band.score_max))
            )
            continue
        usable.append(band)
        if band.score_min < lower - EPSILON or band.score_max > upper + EPSILON:
            problems.append(
                Problem(
                    "out_of_range",
                    (band.key,),
                    (band.score_min, band.score_max, lower, upper),
                )
            )
    if not usable:
        return problems
    # Sweep against the band reaching furthest so far: a band nested inside a wide
    # one is an overlap, not a gap after its smaller neighbour.
    reach = usable[0]
    for band in usable[1:]:
        if reach.score_max > band.score_min + EPSILON:
            problems.append(
                Problem(
                    "overlap", (reach.key, band.key), (reach.score_max, band.score_min)
                )
            )
        elif reach.score_max < band.score_min - EPSILON:
            problems.append(
                Problem("gap", (reach.key, band.key), (reach.score_max, band.score_min))
            )
        if band.score_max > reach.score_max:
            reach = band
    lowest = usable[0]
    if abs(lowest.score_min - lower) > EPSILON:
        problems.append(Problem("start", (lowest.key,), (lowest.score_min, lower)))
    if abs(reach.score_max - upper) > EPSILON:
        problems.append(Problem("end", (reach.key,), (reach.score_max, upper)))
    return problems


class _BandIndex:
    """Bands sorted once for repeated bisection; assumes a valid scale."""

    def __init__(self, bands: Iterable[Band]) -> None:
        ordered = _sorted_bands(bands)
        self.mins = [band.score_min for band in ordered]
        self.keys = [band.key for band in ordered]
        self.lower = ordered[0].score_min if ordered else None
        self.upper = max((band.score_max for band in ordered), default=None)

    def lookup(self, score: float | None) -> Hashable | None:
        if score is None:
            return None
        if not self.keys:
            # Raised lazily so that unscored rows never need a scale.
            raise EngineError("no_band")
        if (
            math.isnan(score)
            or score < self.lower - EPSILON
            or score > self.upper + EPSILON
        ):
            raise EngineError(
                "score_out_of_range", score=score, lower=self.lower, upper=self.upper
            )
        # A score within EPSILON of a shared bound belongs to the upper band; the
        # top band also holds its own max because nothing starts there.
        index = bisect_right(self.mins, score + EPSILON) - 1
        return self.keys[max(index, 0)]


def band_for_score(score: float | None, bands: Iterable[Band]) -> Hashable | None:
    """Key of the band holding ``score`` (half-open, top band closed)."""
    if score is None:
        return None
    return _BandIndex(bands).lookup(score)


def assign_bands(
    scores: Mapping[K, float | None], bands: Iterable[Band]
) -> dict[K, Hashable | None]:
    """``band_for_score`` for many scores, sorting the bands once."""
    index = _BandIndex(bands)
    return {name: index.lookup(score) for name, score in scores.items()}
