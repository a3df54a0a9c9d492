"""Calibration: the rating distribution against a guideline, and who rates
high or low.

- A *guideline* gives the share of people expected at each rating level (e.g.
  10/20/40/20/10 %). The session's distribution is compared level by level;
  a level is flagged when it departs from the guideline by more than the
  tolerance (in percentage points).
- *Rater statistics* compare each rater's ratings (a manager's, or a peer's)
  with the ratings of everyone else in scope: the mean and spread of both, the
  standardised difference of the means (Cohen's d with the pooled standard
  deviation: above +0.5 lenient, below −0.5 severe, by the usual reading of
  d), and a central-tendency flag when a rater with several ratings puts
  nearly everyone in the middle.
- The *9-box* places a person by performance (the rating's third of the
  scale) and potential.
"""

from __future__ import annotations

import math
from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass

from .errors import EngineError

LENIENCY_D = 0.5  # |d| from which a rater is called lenient or severe
MIN_RATINGS = 3  # fewer ratings say nothing about a rater
CENTRAL_SHARE = 0.8  # share of middle ratings that makes "central tendency"
BOXES = ("low", "medium", "high")


@dataclass(frozen=True)
class LevelShare:
    level: Hashable
    count: int
    actual: float  # % of the people in scope
    guideline: float  # % expected
    deviation: float  # actual - guideline, percentage points
    flagged: bool


def compare_distribution(
    counts: Mapping[Hashable, int],
    guideline: Mapping[Hashable, float],
    tolerance: float,
) -> list[LevelShare]:
    """Each level of the guideline with its actual share and whether it
    departs from the guideline by more than ``tolerance`` points."""
    if tolerance < 0:
        raise EngineError("range_inverted", name="tolerance", low=0, high=tolerance)
    total = sum(counts.get(level, 0) for level in guideline)
    shares = []
    for level, expected in guideline.items():
        count = counts.get(level, 0)
        actual = 100.0 * count / total if total else 0.0
        deviation = actual - expected
        shares.append(
            LevelShare(
                level=level,
                count=count,
                actual=actual,
                guideline=float(expected),
                deviation=deviation,
                flagged=bool(total) and abs(deviation) > tolerance + 1e-9,
            )
        )
    return shares


def guideline_counts(guideline: Sequence[float], total: int) -> list[int]:
    """The number of people the guideline expects at each level, in whole
    people adding up to ``total`` (largest remainder)."""
    share_total = sum(guideline)
    if total <= 0 or share_total <= 0:
        return [0] * len(guideline)
    exact = [total * share / share_total for share in guideline]
    counts = [math.floor(value) for value in exact]
    order = sorted(
        range(len(guideline)), key=lambda i: (exact[i] - counts[i], -i), reverse=True
    )
    for index in order[: total - sum(counts)]:
        counts[index] += 1
    return counts


@dataclass(frozen=True)
class RaterStats:
    rater: Hashable
    count: int
    mean: float
    spread: float  # standard deviation of the rater's ratings
    others_mean: float | None
    others_spread: float | None
    leniency: float | None  # Cohen's d against the others; None: not enough data
    verdict: str  # "lenient", "severe", "central", "in_line" or "too_few"


def _mean(values: Sequence[float]) -> float:
    return math.fsum(values) / len(values)


def _spread(values: Sequence[float]) -> float:
    if len(values) < 2:
        return 0.0
    mean = _mean(values)
    return math.sqrt(math.fsum((v - mean) ** 2 for v in values) / (len(values) - 1))


def _others_statistics(everything: Sequence[float]):
    """A function giving, for the scores of one rater (all of them among
    ``everything``), the count, mean and spread of all the other scores.

    Each call costs the rater's own scores only, not the whole population:
    the sums of every score and of their squares are kept as exact integers
    (floats are dyadic fractions), and a rater's are subtracted. The mean is
    the same float as ``_mean`` of the other scores (both are the correctly
    rounded exact sum, divided by the count); the spread is the exact sum of
    squared deviations, rounded once. Non-finite scores fall back to the
    plain computation."""
    everything = list(everything)
    total = len(everything)
    if not all(math.isfinite(score) for score in everything):

        def plain(scores):
            others = list(everything)
            for score in scores:
                others.remove(score)
            return (
                len(others),
                _mean(others) if others else None,
                _spread(others) if len(others) >= 2 else None,
            )

        return plain

    ratios = [score.as_integer_ratio() for score in map(float, everything)]
    denominator = max((den for _num, den in ratios), default=1)
    numerators = [num * (denominator // den) for num, den in ratios]
    total_sum = sum(numerators)
    total_squares = sum(num * num for num in numerators)

    def exact(scores):
        nums = [
            num * (denominator // den)
            for num, den in (float(score).as_integer_ratio() for score in scores)
        ]
        return sum(nums), sum(num * num for num in nums)

    def others(scores):
        mine_sum, mine_squares = exact(scores)
        count = total - len(scores)
        if count <= 0:
            return count, None, None
        sum_ = total_sum - mine_sum
        mean = (sum_ / denominator) / count
        if count < 2:
            return count, mean, None
        # sum((v - m)^2) = sum(v^2) - 2 m sum(v) + n m^2, with m = p / q and
        # v = a / D: everything over (D q)^2, in integers.
        p, q = mean.as_integer_ratio()
        deviations = (
            q * q * (total_squares - mine_squares)
            - 2 * p * q * denominator * sum_
            + count * p * p * denominator * denominator
        ) / (denominator * denominator * q * q)
        return count, mean, math.sqrt(max(deviations, 0.0) / (count - 1))

    return others


def rater_statistics(
    ratings: Mapping[Hashable, Sequence[float]],
    middle: tuple[float, float] | None = None,
) -> dict[Hashable, RaterStats]:
    """Statistics of each rater against all the other raters' ratings.

    :param ratings: {rater: the scores they gave (0–100)}
    :param middle: the score band of the middle level, for central tendency
    """
    everything = [score for scores in ratings.values() for score in scores]
    others_of = _others_statistics(everything)
    stats = {}
    for rater, scores in ratings.items():
        scores = list(scores)
        count = len(scores)
        mean = _mean(scores) if scores else 0.0
        spread = _spread(scores)
        others_count, others_mean, others_spread = others_of(scores)
        leniency = None
        verdict = "too_few"
        if count >= MIN_RATINGS and others_mean is not None and others_count >= 2:
            pooled = math.sqrt(
                ((count - 1) * spread**2 + (others_count - 1) * others_spread**2)
                / (count + others_count - 2)
            )
            if pooled > 0:
                leniency = (mean - others_mean) / pooled
            elif mean == others_mean:
                leniency = 0.0
            else:
                # Everyone agrees within each side: any gap is a clear one.
                leniency = math.copysign(math.inf, mean - others_mean)
            if leniency >= LENIENCY_D:
                verdict = "lenient"
            elif leniency <= -LENIENCY_D:
                verdict = "severe"
            else:
                verdict = "in_line"
        if count >= MIN_RATINGS and middle and verdict == "in_line":
            low, high = middle
            central = sum(1 for score in scores if low <= score <= high)
            if central >= CENTRAL_SHARE * count:
                verdict = "central"
        stats[rater] = RaterStats(
            rater=rater,
            count=count,
            mean=mean,
            spread=spread,
            others_mean=others_mean,
            others_spread=others_spread,
            leniency=leniency,
            verdict=verdict,
        )
    return stats


def performance_box(level_rank: int, level_count: int) -> str:
    """The 9-box column of a rating: the third of the scale its level's middle
    falls in (rank 0 is the lowest level): on five levels 1–2 low, 3 medium,
    4–5 high."""
    if level_count <= 0 or not 0 <= level_rank < level_count:
        raise EngineError(
            "range_inverted", name="rating rank", low=level_rank, high=level_count
        )
    return BOXES[min(int((level_rank + 0.5) * 3 / level_count), 2)]
