"""Follow-up of a requested review: remind, escalate to the manager then HR,
expire after the grace period; each step once, in that order."""

from datetime import date, timedelta

from engine.followup import (
    ESCALATE_HR,
    ESCALATE_MANAGER,
    ESCALATION_LEVELS,
    EXPIRE,
    REMIND,
    followup_step,
    past_grace,
)
from hypothesis import given
from hypothesis import strategies as st

DEADLINE = date(2030, 3, 15)
days = st.integers(min_value=0, max_value=60)
ORDER = (REMIND, ESCALATE_MANAGER, ESCALATE_HR, EXPIRE)


def step(today, reminded=False, level=0, reminder=3, escalation=3, grace=7):
    return followup_step(
        DEADLINE,
        today,
        reminder_days=reminder,
        escalation_days=escalation,
        grace_days=grace,
        reminded=reminded,
        escalation_level=level,
    )


def test_past_grace_counts_the_last_day_of_grace():
    assert not past_grace(DEADLINE, 7, DEADLINE)
    assert not past_grace(DEADLINE, 7, DEADLINE + timedelta(days=7))
    assert past_grace(DEADLINE, 7, DEADLINE + timedelta(days=8))
    assert past_grace(DEADLINE, 0, DEADLINE + timedelta(days=1))
    assert not past_grace(None, 0, date.max)


def test_the_steps_of_a_review_nobody_answers():
    on = DEADLINE.__add__
    assert step(on(timedelta(days=-4))) is None  # too early to remind
    assert step(on(timedelta(days=-3))) == REMIND
    assert step(on(timedelta(days=-3)), reminded=True) is None
    assert step(DEADLINE) == REMIND  # the deadline day is not late yet
    assert step(on(timedelta(days=1)), reminded=True) == ESCALATE_MANAGER
    assert step(on(timedelta(days=2)), reminded=True, level=1) is None
    assert step(on(timedelta(days=3)), reminded=True, level=1) == ESCALATE_HR
    assert step(on(timedelta(days=7)), reminded=True, level=2) is None
    assert step(on(timedelta(days=8)), reminded=True, level=2) == EXPIRE
    # Expiry does not wait for the escalations that were missed.
    assert step(on(timedelta(days=8))) == EXPIRE


def test_no_deadline_no_followup():
    assert (
        followup_step(
            None,
            DEADLINE,
            reminder_days=3,
            escalation_days=3,
            grace_days=7,
            reminded=False,
            escalation_level=0,
        )
        is None
    )


@given(
    reminder=days,
    escalation=days,
    grace=days,
    start=st.integers(min_value=-90, max_value=90),
    skipped=st.sets(st.integers(min_value=-90, max_value=90)),
)
def test_a_daily_run_takes_each_step_once_and_in_order(
    reminder, escalation, grace, start, skipped
):
    """Run the follow-up every day (but the ``skipped`` days, when the
    scheduler was down) from ``start`` days around the deadline, doing what it
    says: each step happens at most once, in the order remind, manager, HR,
    expire; expiry comes exactly on the first run past the grace period."""
    reminded, level, taken = False, 0, []
    for offset in range(min(start, grace + 2), grace + 3):
        if offset in skipped and offset != grace + 2:
            continue
        today = DEADLINE + timedelta(days=offset)
        done = step(today, reminded, level, reminder, escalation, grace)
        if done is None:
            continue
        taken.append((done, offset))
        if done == EXPIRE:
            assert offset > grace
            assert not any(o > grace for _step, o in taken[:-1])
            break
        if done == REMIND:
            assert 0 <= -offset <= reminder
            reminded = True
        else:
            assert offset >= 1
            if done == ESCALATE_HR:
                assert level == ESCALATION_LEVELS[ESCALATE_MANAGER]
                assert offset >= escalation
            level = ESCALATION_LEVELS[done]
    steps = [done for done, _offset in taken]
    assert len(steps) == len(set(steps))
    assert steps == sorted(steps, key=ORDER.index)
    assert steps[-1] == EXPIRE  # the run past the grace period always expires


@given(
    today=st.integers(min_value=-60, max_value=60),
    reminder=days,
    escalation=days,
    grace=days,
    reminded=st.booleans(),
    level=st.integers(min_value=0, max_value=2),
)
def test_a_step_is_due_only_when_its_marker_allows_it(
    today, reminder, escalation, grace, reminded, level
):
    done = step(
        DEADLINE + timedelta(days=today), reminded, level, reminder, escalation, grace
    )
    assert (done == EXPIRE) == past_grace(
        DEADLINE, grace, DEADLINE + timedelta(days=today)
    )
    if done == REMIND:
        assert not reminded and today <= 0
    if done in ESCALATION_LEVELS:
        assert level < ESCALATION_LEVELS[done] and today > 0
