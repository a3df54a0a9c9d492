"""Goal attainment and scores: KPI curves, OKR grades, weighted goal sets.

Scores live on the same 0-100 axis as the rating bands. A KPI earns
``THRESHOLD_SCORE`` at its threshold, ``TARGET_SCORE`` at its target and
``STRETCH_SCORE`` at its stretch value, linearly in between, so that "on target"
lands in the usual "meets expectations" band and only a stretch result reaches
the top.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import NamedTuple

from .errors import EPSILON, EngineError, Problem
from .weights import blend

DIRECTIONS = ("higher", "lower")
THRESHOLD_SCORE = 60.0
TARGET_SCORE = 80.0
STRETCH_SCORE = 100.0
MAX_SCORE = 100.0
# Attainment is reported in % of the way from the baseline to the target (or,
# lower is better without a baseline, as the ratio target / actual), and capped
# here: a result beyond twice the target reads 200 %, never more.
MAX_ATTAINMENT = 200.0
# OKR practice: 0.7 is a good result, 1.0 was a stretch.
OKR_ANCHORS = ((0.0, 0.0), (0.4, THRESHOLD_SCORE), (0.7, TARGET_SCORE), (1.0, 100.0))
KPI_VALUE_ORDER = ("baseline", "threshold", "target", "stretch")


class GoalResult(NamedTuple):
    attainment: float | None  # % of the way from baseline to target, 0..200
    score: float | None  # 0..100


class GoalSetResult(NamedTuple):
    score: float | None  # None: no goal of the set has a score
    counted: tuple  # keys of the goals that count
    left_out: tuple  # keys of the weighted goals without a score (not measured)


def _orient(value: float | None, direction: str) -> float | None:
    if direction not in DIRECTIONS:
        raise EngineError("unknown_direction", direction=direction)
    if value is None:
        return None
    return value if direction == "higher" else -value


def _interpolate(x: float, anchors: list[tuple[float, float]]) -> float:
    """Piecewise-linear through ``anchors`` (x ascending, no duplicates);
    flat outside them."""
    if x <= anchors[0][0]:
        return anchors[0][1]
    for (x0, y0), (x1, y1) in zip(anchors, anchors[1:], strict=False):
        if x <= x1:
            return y0 + (y1 - y0) * (x - x0) / (x1 - x0)
    return anchors[-1][1]


def check_kpi_values(
    direction: str,
    target: float | None,
    baseline: float | None = None,
    threshold: float | None = None,
    stretch: float | None = None,
) -> list[Problem]:
    """Problems with a KPI definition; empty when it is valid.

    Kinds: ``no_target``; ``unknown_direction``; ``order`` (keys: the two value
    names in the wrong order, values: their values) when, in the goal's
    direction, baseline ≤ threshold ≤ target ≤ stretch does not hold.
    """
    if direction not in DIRECTIONS:
        return [Problem("unknown_direction", (), (direction,))]
    if target is None:
        return [Problem("no_target", (), ())]
    values = {
        "baseline": baseline,
        "threshold": threshold,
        "target": target,
        "stretch": stretch,
    }
    present = [
        (name, values[name]) for name in KPI_VALUE_ORDER if values[name] is not None
    ]
    problems = []
    for (low_name, low), (high_name, high) in zip(present, present[1:], strict=False):
        if _orient(low, direction) > _orient(high, direction) + EPSILON:
            problems.append(Problem("order", (low_name, high_name), (low, high)))
    return problems


def _score_anchors(
    target: float,
    baseline: float | None,
    threshold: float | None,
    stretch: float | None,
) -> list[tuple[float, float]]:
    candidates = [
        (baseline, 0.0),
        (threshold, THRESHOLD_SCORE),
        (target, TARGET_SCORE),
        (stretch, STRETCH_SCORE),
    ]
    anchors: list[tuple[float, float]] = []
    for x, y in candidates:
        if x is None:
            continue
        if anchors and x <= anchors[-1][0] + EPSILON:
            # Equal values collapse onto the better score (e.g. threshold = target).
            anchors[-1] = (anchors[-1][0], max(anchors[-1][1], y))
            continue
        anchors.append((x, y))
    return anchors


def kpi_result(
    actual: float | None,
    target: float | None,
    *,
    baseline: float | None = None,
    threshold: float | None = None,
    stretch: float | None = None,
    direction: str = "higher",
) -> GoalResult:
    """Attainment (%) and score (0-100) of a KPI for its ``actual`` value.

    Below the threshold a KPI earns nothing (or, with a baseline, rises linearly
    from 0 at the baseline); above the stretch value the score is capped. Without
    a stretch value, the score keeps rising past the target along the slope that
    led to it, up to the cap. A "higher is better" KPI with only a target is
    proportional (0 earns 0). Never divides by zero.

    ``actual`` None means *not measured yet* (no check-in, no live refresh):
    there is no result then, never a default one, so that a blank goal does
    not read "on target". Attainment is capped at ``MAX_ATTAINMENT`` (200 %).
    """
    if actual is None or target is None:
        return GoalResult(None, None)
    a = _orient(actual, direction)
    t = _orient(target, direction)
    b = _orient(baseline, direction)
    th = _orient(threshold, direction)
    st = _orient(stretch, direction)

    if b is None and th is None and direction == "higher" and t > EPSILON:
        b = 0.0  # proportional: an implicit baseline of zero
    anchors = _score_anchors(t, b, th, st)

    if a < anchors[0][0] - EPSILON:
        score = 0.0
    elif a >= anchors[-1][0]:
        last_x, last_y = anchors[-1]
        if len(anchors) >= 2 and st is None:
            prev_x, prev_y = anchors[-2]
            slope = (last_y - prev_y) / (last_x - prev_x)
            score = last_y + slope * (a - last_x)
        else:
            score = last_y
    else:
        score = _interpolate(a, anchors)
    score = min(max(score, 0.0), MAX_SCORE)

    return GoalResult(_attainment(a, t, b, direction, actual, target), score)


def _attainment(
    a: float, t: float, b: float | None, direction: str, actual: float, target: float
) -> float:
    """% of the way from the baseline to the target, within 0..MAX_ATTAINMENT.

    Lower is better without a baseline has no way to go: the attainment is the
    ratio target / actual ("how many times within the target"), so half the
    target reads 200 %, the cap; an actual of zero against a positive target is
    infinitely within it and reads the cap too. An actual equal to the target
    is on target, 100 %, zero against a zero target included (it cannot be
    beaten).
    """
    if b is None and direction == "lower":
        if abs(actual - target) <= EPSILON:
            pct = 100.0
        elif actual <= EPSILON:
            pct = MAX_ATTAINMENT if target > EPSILON else 0.0
        else:
            pct = 100.0 * target / actual
        return min(max(pct, 0.0), MAX_ATTAINMENT)
    if b is None:
        b = 0.0
    span = t - b
    if abs(span) <= EPSILON:
        pct = 100.0 if a >= t - EPSILON else 0.0
    else:
        pct = 100.0 * (a - b) / span
    return min(max(pct, 0.0), MAX_ATTAINMENT)


def okr_grade(
    actual: float | None,
    target: float | None,
    *,
    baseline: float | None = None,
    direction: str = "higher",
) -> float | None:
    """Key-result grade 0.0-1.0: the share of the way from baseline to target."""
    if actual is None or target is None:
        return None
    a = _orient(actual, direction)
    t = _orient(target, direction)
    b = _orient(baseline, direction)
    if b is None:
        b = 0.0 if direction == "higher" else None
    if b is None:  # lower is better, no baseline: on target or not
        return 1.0 if a >= t - EPSILON else 0.0
    span = t - b
    if abs(span) <= EPSILON:
        return 1.0 if a >= t - EPSILON else 0.0
    return min(max((a - b) / span, 0.0), 1.0)


def okr_score(grade: float | None) -> float | None:
    """A 0.0-1.0 OKR grade on the 0-100 score axis (0.7 → 80, meets)."""
    if grade is None:
        return None
    grade = min(max(grade, 0.0), 1.0)
    return _interpolate(grade, list(OKR_ANCHORS))


def weighted_mean(pairs: Iterable[tuple[float, float | None]]) -> float | None:
    """Mean of the values that are set, weighted, renormalised over them."""
    total_weight = 0.0
    total = 0.0
    for weight, value in pairs:
        if value is None or weight <= EPSILON:
            continue
        if weight < 0:
            raise EngineError("weight_negative", part="goal", weight=weight)
        total_weight += weight
        total += weight * value
    if total_weight <= EPSILON:
        return None
    return total / total_weight


def goal_set_result(
    goals: Iterable[tuple[object, str | None, float, float | None]],
    perspective_weights: Mapping[str, float] | None = None,
) -> GoalSetResult:
    """Score of one person's goals, ``(key, perspective, weight, score)``, and
    which goals count.

    A goal not measured yet (score None) is *left out*, not counted as 0 nor
    as on target: the other goals' weights are scaled up, exactly as a rater
    group without an answer is, and ``left_out`` names it so that the
    appraisal can say so. Counting it as 0 would punish a goal whose data
    does not exist yet; counting a default would invent a result. When no
    goal has a score, the set has none (None) and the appraisal leaves the
    goal part out.
    """
    goals = list(goals)
    left_out = tuple(
        key for key, _p, weight, score in goals if score is None and weight > EPSILON
    )
    counted = tuple(
        key
        for key, _p, weight, score in goals
        if score is not None and weight > EPSILON
    )
    if not perspective_weights:
        score = weighted_mean((weight, score) for _k, _p, weight, score in goals)
        return GoalSetResult(score, counted, left_out)
    by_perspective: dict[str, list[tuple[float, float | None]]] = {}
    for _key, perspective, weight, score in goals:
        by_perspective.setdefault(perspective or "", []).append((weight, score))
    scores = {
        perspective: weighted_mean(pairs)
        for perspective, pairs in by_perspective.items()
        if perspective in perspective_weights
    }
    return GoalSetResult(blend(scores, perspective_weights).score, counted, left_out)


def rollup_progress(
    own: float | None, aligned: Iterable[tuple[float, float | None]]
) -> float | None:
    """Progress of a goal that others serve: ``own`` attainment, or, when goals
    are aligned below it, the weighted mean of their progress ``(weight,
    progress)``. Unmeasured goals (None) are left out; None when nothing
    below is measured yet, never a number made of blanks."""
    aligned = list(aligned)
    if not aligned:
        return own
    return weighted_mean((weight, progress) for weight, progress in aligned)


def period_started(today, period_start) -> bool:
    """A roll-up starts with its period: before the start it reads "not
    started", not a number (dates of any comparable type)."""
    return period_start is None or today >= period_start


def check_perspective_totals(
    goal_weights: Iterable[tuple[str | None, float]],
    perspective_weights: Mapping[str, float],
    tolerance: float = 0.01,
) -> list[Problem]:
    """Goal weights per perspective must match the template's perspective weights.

    Kind ``perspective_total``: keys=(perspective,), values=(total, expected).
    Goals without a perspective give ``no_perspective`` (values=(weight,)).
    """
    totals = dict.fromkeys(perspective_weights, 0.0)
    problems = []
    for perspective, weight in goal_weights:
        if not perspective or perspective not in totals:
            problems.append(Problem("no_perspective", (perspective,), (weight,)))
            continue
        totals[perspective] += weight
    for perspective, expected in perspective_weights.items():
        if abs(totals[perspective] - expected) > tolerance:
            problems.append(
                Problem(
                    "perspective_total",
                    (perspective,),
                    (round(totals[perspective], 2), expected),
                )
            )
    return problems
