"""Appraisal scores: rater groups blended into one score, anonymity respected.

The final score blends the goal score and the competency score with the
template's part weights. The competency score blends the rater groups (self,
manager, peers, customers) with the template's rater weights. A group without an
answer is left out and the other weights are scaled up, so a missing self review
never drags a score down. An anonymous group with fewer answers than the
anonymity threshold is left out too: otherwise a single answer could be read back
from the final score. So is an anonymous group whose reviews are still open:
its aggregate appears once, when the reviews close, and never changes after, so
that no two readings can be differenced into one answer.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from typing import NamedTuple

from .errors import EngineError
from .weights import blend

RATER_GROUPS = ("self", "manager", "peer", "customer")
PARTS = ("goals", "competencies")


class AppraisalScore(NamedTuple):
    goal_score: float | None
    competency_score: float | None
    final_score: float | None
    group_scores: dict[str, float | None]  # None: no answer, or hidden
    group_counts: dict[str, int]
    hidden_groups: tuple[str, ...]  # anonymous groups under the threshold
    pending_groups: tuple[str, ...]  # anonymous groups whose reviews are open
    rater_weights: dict[str, float]  # effective, renormalised to 100
    part_weights: dict[str, float]  # effective, renormalised to 100
    # Weighted by the template but without a score, so left out and the
    # others scaled up: the display says which, with the weights above.
    left_out_groups: tuple[str, ...] = ()
    left_out_parts: tuple[str, ...] = ()


def level_value(score_min: float, score_max: float) -> float:
    """The score a rating level stands for: the middle of its band."""
    if score_min > score_max:
        raise EngineError("range_inverted", name="level", low=score_min, high=score_max)
    return (score_min + score_max) / 2.0


def review_score(line_scores: Iterable[float | None]) -> float | None:
    """A reviewer's score: the mean of the lines they scored."""
    values = [score for score in line_scores if score is not None]
    return math.fsum(values) / len(values) if values else None


def group_score(
    answers: Sequence[float], *, anonymous: bool, threshold: int
) -> float | None:
    """Mean of a rater group's answers, or None when it must not count."""
    if not answers:
        return None
    if anonymous and len(answers) < max(threshold, 1):
        return None
    return math.fsum(answers) / len(answers)


def appraisal_score(
    *,
    goal_score: float | None,
    answers: Mapping[str, Sequence[float]],
    rater_weights: Mapping[str, float],
    part_weights: Mapping[str, float],
    anonymous_groups: Iterable[str] = (),
    threshold: int = 3,
    closed: bool = True,
) -> AppraisalScore:
    """Blend one appraisal's answers into its scores.

    Until the reviews are ``closed``, anonymous groups are pending: neither
    their score nor their number of answers is given or counted.

    ``goal_score`` None (no goal measured yet, see
    :func:`goals.goal_set_result`) leaves the goal part out; no answer at all
    leaves the competency part out. The weights actually used are returned
    (``rater_weights``, ``part_weights``, renormalised to 100 over what has a
    score) with what was left out, from this same computation, so that a
    display of the formula can never disagree with the score.
    """
    anonymous = set(anonymous_groups)
    pending = () if closed else tuple(g for g in RATER_GROUPS if g in anonymous)
    answers = {g: answers.get(g, ()) for g in RATER_GROUPS if g not in pending}
    counts = {group: len(answers.get(group, ())) for group in RATER_GROUPS}
    group_scores = {
        group: group_score(
            answers.get(group, ()), anonymous=group in anonymous, threshold=threshold
        )
        for group in RATER_GROUPS
    }
    hidden = tuple(
        group
        for group in RATER_GROUPS
        if group in anonymous and 0 < counts[group] < max(threshold, 1)
    )
    competencies = blend(group_scores, rater_weights)
    parts = blend(
        {"goals": goal_score, "competencies": competencies.score}, part_weights
    )
    return AppraisalScore(
        goal_score=goal_score,
        competency_score=competencies.score,
        final_score=parts.score,
        group_scores=group_scores,
        group_counts=counts,
        hidden_groups=hidden,
        pending_groups=pending,
        rater_weights=competencies.effective_weights,
        part_weights=parts.effective_weights,
        left_out_groups=tuple(g for g in RATER_GROUPS if g in competencies.missing),
        left_out_parts=tuple(p for p in PARTS if p in parts.missing),
    )
