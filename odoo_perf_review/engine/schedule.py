"""Evaluation periods, cycle deadlines and phase transitions."""

from __future__ import annotations

import calendar
import heapq
from collections.abc import Hashable, Iterable, Mapping
from datetime import date, timedelta

from .errors import EngineError, Problem
from .validation import check_range

FREQUENCY_MONTHS = {"monthly": 1, "quarterly": 3, "semiannual": 6, "annual": 12}

PHASES = (
    "draft",
    "goal_setting",
    "in_progress",
    "review",
    "calibration",
    "released",
    "closed",
)

PHASE_END_FIELD = {
    "goal_setting": "goal_deadline",
    "in_progress": "review_start_date",
    "review": "review_deadline",
    "calibration": "calibration_deadline",
    "released": "close_date",
}

DEADLINE_ORDER = (
    "goal_deadline",
    "review_start_date",
    "review_deadline",
    "calibration_deadline",
    "close_date",
)

# Days per frequency: (goal after start, review start before end, then review,
# calibration and close after end).
_DEADLINE_OFFSETS = {
    "monthly": (4, 4, 5, 8, 20),
    "quarterly": (14, 13, 14, 21, 45),
    "semiannual": (21, 20, 21, 30, 60),
    "annual": (30, 30, 30, 45, 90),
}

# Deadlines that must fall inside the period itself.
_IN_PERIOD_FIELDS = ("goal_deadline", "review_start_date")

_ONE_DAY = timedelta(days=1)


def _months(frequency: str) -> int:
    try:
        return FREQUENCY_MONTHS[frequency]
    except (KeyError, TypeError):
        raise EngineError("unknown_frequency", frequency=frequency) from None


def add_months(day: date, months: int) -> date:
    """Shift by whole months, clamping to the month end (Jan 31 + 1 = Feb 28/29)."""
    year, month_index = divmod(day.year * 12 + day.month - 1 + months, 12)
    last_day = calendar.monthrange(year, month_index + 1)[1]
    return date(year, month_index + 1, min(day.day, last_day))


def period_containing(day: date, frequency: str) -> tuple[date, date]:
    """The calendar-aligned period of ``frequency`` that holds ``day``."""
    months = _months(frequency)
    first_month = (day.month - 1) // months * months + 1
    start = date(day.year, first_month, 1)
    return start, add_months(start, months) - _ONE_DAY


def proposed_period(today: date, frequency: str) -> tuple[date, date]:
    """The period a new cycle of ``frequency`` proposes on ``today``.

    The calendar period holding ``today``, unless less than half of it is left:
    then the next one (on 2026-11-29 a quarterly cycle proposes 2027 Q1, on
    2026-10-10 it proposes 2026 Q4). Exactly half left keeps the current one.
    """
    start, end = period_containing(today, frequency)
    days_left = (end - today).days + 1
    length = (end - start).days + 1
    if 2 * days_left < length:
        return next_period(start, end, frequency)
    return start, end


def next_period(date_start: date, date_end: date, frequency: str) -> tuple[date, date]:
    """The period of ``frequency`` starting the day after ``date_end``."""
    months = _months(frequency)
    start = date_end + _ONE_DAY
    # Measured from the new start (not from date_end) so a period starting on the
    # 1st ends on a month end: Feb 28 + 1 month would give Mar 28.
    return start, add_months(start, months) - _ONE_DAY


def period_label(date_start: date, date_end: date, frequency: str) -> str:
    """Language-neutral label: 2026-11, 2026 Q4, 2026 H2, 2026, or a date range."""
    months = _months(frequency)
    if (date_start, date_end) != period_containing(date_start, frequency):
        return f"{date_start.isoformat()} \N{EN DASH} {date_end.isoformat()}"
    year = date_start.year
    index = (date_start.month - 1) // months + 1
    if months == 1:
        return f"{year}-{date_start.month:02d}"
    if months == 3:
        return f"{year} Q{index}"
    if months == 6:
        return f"{year} H{index}"
    return str(year)


def default_deadlines(
    date_start: date, date_end: date, frequency: str
) -> dict[str, date]:
    """Suggested deadlines for a period; always valid for ``check_deadlines``."""
    offsets = _DEADLINE_OFFSETS.get(frequency)
    if offsets is None:
        raise EngineError("unknown_frequency", frequency=frequency)
    check_range(date_start, date_end, name="period")
    goal_after, review_start_before, review_after, calibration_after, close_after = (
        offsets
    )
    goal = min(date_start + timedelta(days=goal_after), date_end)
    review_start = max(date_end - timedelta(days=review_start_before), date_start)
    if goal > review_start:
        # Custom period too short for both windows: meet in the middle.
        goal = review_start = date_start + (date_end - date_start) // 2
    return {
        "goal_deadline": goal,
        "review_start_date": review_start,
        "review_deadline": date_end + timedelta(days=review_after),
        "calibration_deadline": date_end + timedelta(days=calibration_after),
        "close_date": date_end + timedelta(days=close_after),
    }


def check_deadlines(
    date_start: date, date_end: date, deadlines: Mapping[str, date | None]
) -> list[Problem]:
    """Return the problems of a cycle's dates; an empty list means valid."""
    if date_end < date_start:
        return [
            Problem(
                "end_before_start", ("date_start", "date_end"), (date_start, date_end)
            )
        ]
    problems: list[Problem] = []
    for field in DEADLINE_ORDER:
        day = deadlines.get(field)
        if day is None:
            continue
        if field in _IN_PERIOD_FIELDS:
            if not date_start <= day <= date_end:
                problems.append(
                    Problem("outside_period", (field,), (day, date_start, date_end))
                )
        # In-period fields are already reported as outside_period.
        elif day < date_start:
            problems.append(Problem("before_start", (field,), (day, date_start)))
    set_fields = [field for field in DEADLINE_ORDER if deadlines.get(field) is not None]
    for position, earlier in enumerate(set_fields):
        for later in set_fields[position + 1 :]:
            if deadlines[later] < deadlines[earlier]:
                problems.append(
                    Problem(
                        "order",
                        (earlier, later),
                        (deadlines[earlier], deadlines[later]),
                    )
                )
    return problems


def next_phase(state: str) -> str | None:
    """The phase after ``state``; None after the last one."""
    try:
        position = PHASES.index(state)
    except ValueError:
        raise EngineError("unknown_phase", state=state) from None
    return PHASES[position + 1] if position + 1 < len(PHASES) else None


def phase_after(state: str, deadlines: Mapping[str, date | None], today: date) -> str:
    """The phase reached once every deadline passed by ``today`` has moved on."""
    next_phase(state)  # validates the state
    while state in PHASE_END_FIELD:
        deadline = deadlines.get(PHASE_END_FIELD[state])
        # The deadline day itself still belongs to the phase.
        if deadline is None or today <= deadline:
            break
        state = next_phase(state)
    return state


def periods_overlap(a_start: date, a_end: date, b_start: date, b_end: date) -> bool:
    """Whether two inclusive periods share a day; an inverted period is empty."""
    return (
        a_start <= a_end and b_start <= b_end and a_start <= b_end and b_start <= a_end
    )


def find_overlaps(
    periods: Iterable[tuple[Hashable, Hashable, date, date]],
) -> list[tuple[Hashable, Hashable]]:
    """All overlapping pairs within each group, earlier-starting key first."""
    by_group: dict[Hashable, list[tuple[date, date, int, Hashable]]] = {}
    for position, (key, group, start, end) in enumerate(periods):
        if start <= end:
            by_group.setdefault(group, []).append((start, end, position, key))
    pairs: list[tuple[Hashable, Hashable]] = []
    for rows in by_group.values():
        # Position breaks ties so keys never need to be comparable.
        rows.sort(key=lambda row: (row[0], row[2]))
        active: list[tuple[date, int, Hashable]] = []  # heap by end date
        for start, end, position, key in rows:
            while active and active[0][0] < start:
                heapq.heappop(active)
            for _, _, other in sorted(active, key=lambda item: item[1]):
                pairs.append((other, key))
            heapq.heappush(active, (end, position, key))
    return pairs


def next_cycle_due(date_end: date, lead_days: int, today: date) -> bool:
    """Whether the next cycle should be prepared: ``lead_days`` before the end."""
    return today >= date_end - timedelta(days=lead_days)
