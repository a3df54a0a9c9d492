"""Coaching between reviews: the agenda a one-on-one starts with, the "not met
for N days" reminder and the cycle's timeline."""

from datetime import date, timedelta

import pytest
from engine.coaching import (
    AgendaItem,
    agenda_prefill,
    expected_progress,
    goal_behind,
    meeting_overdue,
    timeline,
)
from engine.errors import EngineError
from hypothesis import given
from hypothesis import strategies as st

START, END = date(2026, 1, 1), date(2026, 12, 31)
MID = date(2026, 7, 2)  # half of the year gone

days = st.dates(min_value=date(2025, 1, 1), max_value=date(2027, 12, 31))


def test_expected_progress():
    assert expected_progress(START, END, date(2025, 6, 1)) == 0
    assert expected_progress(START, END, END) == 100
    assert expected_progress(START, END, MID) == pytest.approx(50, abs=0.5)
    with pytest.raises(EngineError):
        expected_progress(END, START, MID)


def test_goal_behind_examples():
    # Half the year gone: 45 % is within the tolerance, 35 % is behind.
    assert not goal_behind(45, START, END, MID)
    assert goal_behind(35, START, END, MID)
    # A worried owner puts the goal on the agenda whatever the numbers.
    assert goal_behind(90, START, END, MID, confidence="medium")
    assert goal_behind(90, START, END, MID, confidence="low")
    assert not goal_behind(90, START, END, MID, confidence="high")
    # Never measured: behind once a quarter of the period is gone.
    assert not goal_behind(None, START, END, date(2026, 2, 1))
    assert goal_behind(None, START, END, MID)


@given(st.floats(0, 200), days)
def test_more_attainment_is_never_more_behind(attainment, today):
    if goal_behind(attainment + 5, START, END, today):
        assert goal_behind(attainment, START, END, today)


@given(st.floats(0, 200))
def test_nothing_is_behind_before_the_period(attainment):
    assert not goal_behind(attainment, START, END, START - timedelta(days=3))


GOALS = [
    {"id": 1, "name": "Sell more", "attainment": 20.0, "start": START, "end": END},
    {"id": 2, "name": "Ship v2", "attainment": 80.0, "start": START, "end": END},
    {
        "id": 3,
        "name": "Hire two",
        "attainment": 70.0,
        "start": START,
        "end": END,
        "confidence": "low",
    },
]
CHECKINS = [
    {"id": 10, "date": date(2026, 5, 1), "goal": "Sell more"},
    {"id": 11, "date": date(2026, 6, 20), "goal": "Ship v2"},
    {"id": 12, "date": date(2026, 7, 1), "goal": "Sell more"},
]
ACTIONS = [
    {"id": 20, "name": "Course", "state": "todo", "deadline": date(2026, 9, 1)},
    {"id": 21, "name": "Mentoring", "state": "done"},
    {"id": 22, "name": "Book", "state": "todo", "deadline": date(2026, 8, 1)},
]


def test_agenda_prefill_examples():
    items = agenda_prefill(GOALS, CHECKINS, ACTIONS, date(2026, 6, 1), MID)
    assert items == [
        AgendaItem("goal", 1, "Sell more"),
        AgendaItem("goal", 3, "Hire two"),
        AgendaItem("checkin", 11, "Ship v2"),
        AgendaItem("checkin", 12, "Sell more"),
        AgendaItem("development", 22, "Book"),
        AgendaItem("development", 20, "Course"),
    ]
    # Never met: every check-in so far.
    never = agenda_prefill(GOALS, CHECKINS, [], None, MID)
    assert [i.ref for i in never if i.source == "checkin"] == [10, 11, 12]


def test_agenda_prefill_twice_adds_nothing():
    first = agenda_prefill(GOALS, CHECKINS, ACTIONS, None, MID)
    existing = [(item.source, item.ref) for item in first]
    assert agenda_prefill(GOALS, CHECKINS, ACTIONS, None, MID, existing) == []


@given(
    st.lists(st.tuples(days, st.integers(1, 50)), max_size=12),
    st.one_of(st.none(), days),
    days,
)
def test_agenda_checkins_are_those_since_the_last_meeting(pairs, since, today):
    checkins = [
        {"id": i, "date": day, "goal": f"g{ref}"} for i, (day, ref) in enumerate(pairs)
    ]
    items = agenda_prefill([], checkins, [], since, today)
    kept = {item.ref for item in items}
    for checkin in checkins:
        expected = checkin["date"] <= today and (
            since is None or checkin["date"] > since
        )
        assert (checkin["id"] in kept) == expected
    assert len(kept) == len(items), "no check-in twice"


def test_meeting_overdue_examples():
    today = date(2026, 6, 30)
    assert meeting_overdue(date(2026, 5, 1), date(2025, 1, 1), today, 30)
    assert not meeting_overdue(date(2026, 6, 1), date(2025, 1, 1), today, 30)
    # Never met: counted from when they started working together.
    assert not meeting_overdue(None, date(2026, 6, 20), today, 30)
    assert meeting_overdue(None, date(2026, 5, 20), today, 30)
    # 0 turns the reminder off.
    assert not meeting_overdue(None, date(2020, 1, 1), today, 0)


@given(st.one_of(st.none(), days), days, days, st.integers(1, 400))
def test_meeting_overdue_is_monotonic_in_time(last_met, since, today, n):
    if meeting_overdue(last_met, since, today, n):
        assert meeting_overdue(last_met, since, today + timedelta(days=1), n)
        assert meeting_overdue(last_met, since, today, max(n - 1, 1))


@given(st.one_of(st.none(), days), days, st.integers(1, 400))
def test_a_meeting_today_is_never_overdue(last_met, since, n):
    today = max(filter(None, (last_met, since)))
    assert not meeting_overdue(today, since, today, n)


def test_timeline_examples():
    entries = [
        (date(2026, 3, 1), "meeting", 5),
        (date(2026, 3, 1), "checkin", 9),
        (date(2026, 3, 1), "feedback", 2),
        (date(2026, 4, 2), "feedback", 1),
        (date(2025, 12, 31), "checkin", 3),  # before the period
    ]
    assert timeline(entries, START, END) == [
        (date(2026, 4, 2), "feedback", 1),
        (date(2026, 3, 1), "checkin", 9),
        (date(2026, 3, 1), "feedback", 2),
        (date(2026, 3, 1), "meeting", 5),
    ]
    with pytest.raises(EngineError):
        timeline(entries, END, START)


@given(
    st.lists(
        st.tuples(
            days, st.sampled_from(["checkin", "feedback", "meeting"]), st.integers()
        ),
        max_size=30,
    )
)
def test_timeline_keeps_the_period_newest_first(entries):
    result = timeline(entries, START, END)
    assert all(START <= day <= END for day, _kind, _id in result)
    assert sorted(result) == sorted(e for e in entries if START <= e[0] <= END)
    assert [day for day, _k, _i in result] == sorted(
        (day for day, _k, _i in result), reverse=True
    )
