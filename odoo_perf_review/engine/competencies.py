"""Competency results per criterion, from the rater groups that may be shown.

The appraisal's competency score blends the rater groups once for all
competencies. The printed appraisal also gives each competency its own
result: per criterion, each shown group's mean, blended with the template's
rater weights (renormalised over the groups that rated it). A group that is
hidden (anonymous, under the threshold) or pending (anonymous, reviews still
open) is never read, and an anonymous group with fewer answers on a criterion
than the threshold is left out too, so no single anonymous answer can be read
back from a criterion's result.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping, Sequence
from typing import NamedTuple

from .appraisal import RATER_GROUPS, group_score
from .weights import blend


class CriterionResult(NamedTuple):
    score: float | None  # None: no shown group rated it
    group_scores: dict[str, float | None]  # None: not shown, or no answer
    rater_weights: dict[str, float]  # effective, renormalised to 100


def criterion_results(
    answers: Mapping[Hashable, Mapping[str, Sequence[float]]],
    *,
    rater_weights: Mapping[str, float],
    shown_groups: Iterable[str],
    anonymous_groups: Iterable[str] = (),
    threshold: int = 3,
) -> dict[Hashable, CriterionResult]:
    """Blend each criterion's answers ``{criterion: {group: [scores]}}``.

    Only ``shown_groups`` count; among them, anonymous groups need
    ``threshold`` answers on the criterion itself.
    """
    shown = set(shown_groups)
    anonymous = set(anonymous_groups)
    results = {}
    for criterion, by_group in answers.items():
        group_scores = {
            group: group_score(
                by_group.get(group, ()) if group in shown else (),
                anonymous=group in anonymous,
                threshold=threshold,
            )
            for group in RATER_GROUPS
        }
        blended = blend(group_scores, rater_weights)
        results[criterion] = CriterionResult(
            blended.score, group_scores, blended.effective_weights
        )
    return results
