"""Follow-up of a requested review: remind, escalate, expire.

A review is due on its deadline. A few days before, its reviewer is reminded
(once). Once it is late, it is escalated to the employee's manager at once, and
to HR after some days more; past the grace period it expires and the score is
computed without it. The step of a review depends only on its dates, its
template's settings and what the follow-up already did (the reminder sent, the
escalation level reached), so a run repeated on the same day does nothing more.
"""

from __future__ import annotations

from datetime import date, timedelta

REMIND = "remind"
ESCALATE_MANAGER = "manager"
ESCALATE_HR = "hr"
EXPIRE = "expire"

# The escalation level each escalation step reaches.
ESCALATION_LEVELS = {ESCALATE_MANAGER: 1, ESCALATE_HR: 2}


def past_grace(deadline: date | None, grace_days: int, today: date) -> bool:
    """Whether a review due on ``deadline`` is past its grace period on
    ``today``: the last day of grace still counts. No deadline, no expiry."""
    return deadline is not None and today > deadline + timedelta(days=grace_days or 0)


def followup_step(
    deadline: date | None,
    today: date,
    *,
    reminder_days: int,
    escalation_days: int,
    grace_days: int,
    reminded: bool,
    escalation_level: int,
) -> str | None:
    """What the follow-up does today to a requested review, or None.

    :param reminder_days: remind this many days before the deadline at most
    :param escalation_days: days overdue before HR is told (the manager is
        told on the first day overdue)
    :param grace_days: days overdue after which the review expires
    :param reminded: the reviewer was already reminded
    :param escalation_level: 0 (none), 1 (manager told) or 2 (HR told)
    :return: ``EXPIRE``, ``REMIND``, ``ESCALATE_MANAGER``, ``ESCALATE_HR`` or
        None
    """
    if deadline is None:
        return None
    if past_grace(deadline, grace_days, today):
        return EXPIRE
    days_left = (deadline - today).days
    if days_left >= 0:
        if days_left <= (reminder_days or 0) and not reminded:
            return REMIND
        return None
    if escalation_level < ESCALATION_LEVELS[ESCALATE_MANAGER]:
        return ESCALATE_MANAGER
    if escalation_level < ESCALATION_LEVELS[ESCALATE_HR] and -days_left >= (
        escalation_days or 0
    ):
        return ESCALATE_HR
    return None
