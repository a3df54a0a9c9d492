"""The quick start's advice: which method fits what a company wants to improve
and its size, which reviews fit its teams, how goals share 100 %.

The advice is a consultant's rule of thumb, written down so that it can be
read and tested:

- Results that are counted (sales, delivery) are best managed by KPIs.
- Growing people, or changing how work is done, by OKRs: ambitious objectives
  with measurable key results, graded 0.0–1.0.
- Several perspectives at once (money, customers, processes, people) by a
  balanced scorecard — but its overhead pays only in a company of some size;
  a small one mixes KPIs with an objective or two.
- A 10-person shop reviews with self and manager reviews; peers are added when
  teams are large enough, and are anonymous only when a group can reach the
  anonymity threshold, else a named peer review is proposed.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

FOCUS_AREAS = ("sales", "quality", "delivery", "satisfaction", "people")
# Areas whose results are counted in records.
_COUNTED = frozenset({"sales", "delivery", "quality"})
SIZE_BANDS = (("tiny", 15), ("small", 50), ("medium", 250), ("large", None))
METHODS = ("kpi", "okr", "bsc", "mixed")


def size_band(employee_count: int) -> str:
    """The size band of a company: tiny (≤ 15), small (≤ 50), medium (≤ 250),
    large."""
    for band, limit in SIZE_BANDS:
        if limit is None or employee_count <= limit:
            return band
    return SIZE_BANDS[-1][0]  # pragma: no cover - the last band has no limit


def recommend_method(focus: Iterable[str], band: str) -> str:
    """The method for what a company wants to improve (``FOCUS_AREAS``) at
    its size."""
    areas = set(focus) & set(FOCUS_AREAS)
    if not areas:
        return "kpi"
    counted = areas & _COUNTED
    if (len(areas) >= 3 and "people" in areas) or len(areas) >= 4:
        return "bsc" if band in ("medium", "large") else "mixed"
    if areas == {"people"}:
        return "okr"
    if "people" in areas and counted:
        return "mixed"
    if counted or "satisfaction" in areas:
        return "kpi"
    return "okr"  # pragma: no cover - every area is counted or people


@dataclass(frozen=True)
class ReviewMix:
    """The reviews that fit a company's teams."""

    weights: dict[str, float]  # self / manager / peer / customer, adding to 100
    peers: int  # peers asked per person (0: none)
    peers_anonymous: bool
    note: str  # "small_teams", "named_peers" or ""


def review_mix(band: str, median_team: int, threshold: int = 3) -> ReviewMix:
    """Self and manager reviews for everyone; peers when the company is not
    tiny and colleagues sharing a manager can review each other; anonymous
    peers only when such a group reaches ``threshold`` answers."""
    colleagues = max(median_team - 1, 0)
    if band == "tiny" or colleagues < 2:
        return ReviewMix(
            {"self": 20.0, "manager": 80.0, "peer": 0.0, "customer": 0.0},
            peers=0,
            peers_anonymous=False,
            note="small_teams",
        )
    peers = min(colleagues, 4)
    anonymous = peers >= threshold
    return ReviewMix(
        {"self": 10.0, "manager": 60.0, "peer": 30.0, "customer": 0.0},
        peers=peers,
        peers_anonymous=anonymous,
        note="" if anonymous else "named_peers",
    )


def split_weights(count: int, total: int = 100) -> list[int]:
    """``count`` whole-number weights adding up to ``total``, as equal as can
    be, the larger ones first."""
    if count <= 0:
        return []
    base, extra = divmod(total, count)
    return [base + 1 if index < extra else base for index in range(count)]


def median(values: Iterable[int]) -> int:
    ordered = sorted(values)
    if not ordered:
        return 0
    return ordered[(len(ordered) - 1) // 2]


def team_sizes(manager_of: Mapping[int, int | None]) -> list[int]:
    """The number of direct reports of each manager, from {employee: manager}."""
    sizes: dict[int, int] = {}
    for manager in manager_of.values():
        if manager:
            sizes[manager] = sizes.get(manager, 0) + 1
    return list(sizes.values())
