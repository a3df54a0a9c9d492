"""Coaching between reviews: what a one-on-one's agenda starts with, when a
manager is reminded to meet a report, and the timeline of a cycle."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date

from .errors import EngineError

# Percentage points a goal may trail the time elapsed before it is "behind".
BEHIND_TOLERANCE = 10.0
# Confidence levels of a check-in that mean the goal is in trouble.
WORRIED = frozenset({"low", "medium"})
# The order of same-day timeline entries.
TIMELINE_ORDER = ("checkin", "feedback", "meeting")


@dataclass(frozen=True)
class AgendaItem:
    source: str  # "goal", "checkin" or "development", the agenda's order
    ref: int  # the id of the goal, check-in or development action
    label: str


def expected_progress(start: date, end: date, today: date) -> float:
    """The share of the period elapsed on ``today``, in percent (0..100)."""
    if end < start:
        raise EngineError("range_inverted", name="period", low=start, high=end)
    if today <= start:
        return 0.0
    if today >= end:
        return 100.0
    return 100.0 * (today - start).days / max((end - start).days, 1)


def goal_behind(
    attainment: float | None,
    start: date,
    end: date,
    today: date,
    confidence: str | None = None,
    tolerance: float = BEHIND_TOLERANCE,
) -> bool:
    """Whether a goal is behind: its owner's last check-in worries them, or its
    attainment trails the time elapsed by more than ``tolerance`` points. A
    goal never measured is behind once a quarter of its period is gone."""
    if confidence in WORRIED:
        return True
    expected = expected_progress(start, end, today)
    if attainment is None:
        return expected >= 25.0
    return attainment + tolerance < expected


def agenda_prefill(
    goals: Iterable[Mapping],
    checkins: Iterable[Mapping],
    actions: Iterable[Mapping],
    since: date | None,
    today: date,
    existing: Iterable[tuple[str, int]] = (),
) -> list[AgendaItem]:
    """The agenda a one-on-one starts with: the goals that are behind, the
    check-ins since the last meeting held (``since``; all of them when the
    pair never met), and the development actions still open. What is already
    on the agenda (``existing``, ``(source, ref)`` pairs) is left out, so
    prefilling twice adds nothing.

    ``goals``: id, name, attainment, start, end, confidence (optional).
    ``checkins``: id, date, goal (name), value, confidence.
    ``actions``: id, name, state, deadline (optional).
    """
    seen = set(existing)
    items = []
    for goal in sorted(goals, key=lambda g: (g.get("attainment") or 0.0, g["id"])):
        if goal_behind(
            goal.get("attainment"),
            goal["start"],
            goal["end"],
            today,
            goal.get("confidence"),
        ):
            items.append(AgendaItem("goal", goal["id"], goal["name"]))
    for checkin in sorted(checkins, key=lambda c: (c["date"], c["id"])):
        if checkin["date"] > today or (since is not None and checkin["date"] <= since):
            continue
        items.append(AgendaItem("checkin", checkin["id"], checkin["goal"]))
    for action in sorted(
        actions, key=lambda a: (a.get("deadline") or date.max, a["id"])
    ):
        if action["state"] == "todo":
            items.append(AgendaItem("development", action["id"], action["name"]))
    return [item for item in items if (item.source, item.ref) not in seen]


def meeting_overdue(
    last_met: date | None, known_since: date, today: date, days: int
) -> bool:
    """Whether a manager who last held a one-on-one with a report on
    ``last_met`` (None: never, counted from ``known_since``, when they started
    working together) has gone ``days`` days without meeting. ``days`` 0 (or
    less) turns the reminder off."""
    if days <= 0:
        return False
    reference = max(filter(None, (last_met, known_since)))
    return (today - reference).days >= days


def timeline(
    entries: Iterable[tuple[date, str, int]], start: date, end: date
) -> list[tuple[date, str, int]]:
    """The ``(date, kind, id)`` entries that fall in ``[start, end]``, newest
    first; on one day, check-ins, then feedback, then meetings."""
    if end < start:
        raise EngineError("range_inverted", name="period", low=start, high=end)
    rank = {kind: index for index, kind in enumerate(TIMELINE_ORDER)}
    kept = [entry for entry in entries if start <= entry[0] <= end]
    return sorted(kept, key=lambda e: (-e[0].toordinal(), rank.get(e[1], 99), e[2]))
