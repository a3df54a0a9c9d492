import itertools
from datetime import date, timedelta

import pytest
from engine import (
    DEADLINE_ORDER,
    FREQUENCY_MONTHS,
    PHASE_END_FIELD,
    PHASES,
    EngineError,
    add_months,
    check_deadlines,
    default_deadlines,
    find_overlaps,
    next_cycle_due,
    next_period,
    next_phase,
    period_containing,
    period_label,
    periods_overlap,
    phase_after,
    proposed_period,
)
from hypothesis import given
from hypothesis import strategies as st

FREQUENCIES = st.sampled_from(sorted(FREQUENCY_MONTHS))
DAYS = st.dates(date(1990, 1, 1), date(2100, 12, 31))

Q1 = (date(2026, 1, 1), date(2026, 3, 31))
Q1_DEADLINES = {
    "goal_deadline": date(2026, 1, 15),
    "review_start_date": date(2026, 3, 18),
    "review_deadline": date(2026, 4, 14),
    "calibration_deadline": date(2026, 4, 21),
    "close_date": date(2026, 5, 15),
}


def kinds(problems):
    return [problem.kind for problem in problems]


# --- months and periods ---------------------------------------------------


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (date(2026, 1, 31), 1, date(2026, 2, 28)),
        (date(2028, 1, 31), 1, date(2028, 2, 29)),
        (date(2026, 3, 31), -1, date(2026, 2, 28)),
        (date(2026, 11, 30), 3, date(2027, 2, 28)),
        (date(2026, 1, 15), -13, date(2024, 12, 15)),
        (date(2026, 5, 31), 0, date(2026, 5, 31)),
    ],
)
def test_add_months_examples(day, months, expected):
    assert add_months(day, months) == expected


@given(DAYS, st.integers(-240, 240))
def test_add_months_properties(day, months):
    result = add_months(day, months)
    assert result.year * 12 + result.month == day.year * 12 + day.month + months
    assert result.day <= day.day
    if result.day < day.day:
        # Clamped: the result is the last day of its month.
        assert (result + timedelta(days=1)).day == 1


@given(DAYS, FREQUENCIES)
def test_period_containing_contains_day_and_is_aligned(day, frequency):
    months = FREQUENCY_MONTHS[frequency]
    start, end = period_containing(day, frequency)
    assert start <= day <= end
    assert start.day == 1
    assert (start.month - 1) % months == 0
    assert end == add_months(start, months) - timedelta(days=1)
    assert period_containing(start, frequency) == period_containing(end, frequency)


def test_unknown_frequency():
    with pytest.raises(EngineError) as caught:
        period_containing(date(2026, 1, 1), "weekly")
    assert caught.value.code == "unknown_frequency"
    assert caught.value.params == {"frequency": "weekly"}


@pytest.mark.parametrize(
    ("period", "frequency", "expected"),
    [
        (Q1, "quarterly", (date(2026, 4, 1), date(2026, 6, 30))),
        (
            (date(2026, 2, 1), date(2026, 2, 28)),
            "monthly",
            (date(2026, 3, 1), date(2026, 3, 31)),
        ),
        (
            (date(2026, 7, 1), date(2026, 12, 31)),
            "semiannual",
            (date(2027, 1, 1), date(2027, 6, 30)),
        ),
        (
            (date(2026, 11, 5), date(2027, 2, 4)),
            "quarterly",
            (date(2027, 2, 5), date(2027, 5, 4)),
        ),
    ],
)
def test_next_period_examples(period, frequency, expected):
    assert next_period(*period, frequency) == expected


@given(DAYS, FREQUENCIES, st.integers(1, 30))
def test_next_period_stays_aligned_and_contiguous(day, frequency, steps):
    period = period_containing(day, frequency)
    for _ in range(steps):
        following = next_period(*period, frequency)
        assert following[0] == period[1] + timedelta(days=1)
        assert following == period_containing(following[0], frequency)
        period = following


@pytest.mark.parametrize(
    ("today", "frequency", "expected"),
    [
        # The examples: a month left of Q4 proposes the next quarter.
        (date(2026, 11, 29), "quarterly", (date(2027, 1, 1), date(2027, 3, 31))),
        (date(2026, 10, 10), "quarterly", (date(2026, 10, 1), date(2026, 12, 31))),
        # Exactly half left (46 of 92 days) keeps the current quarter.
        (date(2026, 11, 16), "quarterly", (date(2026, 10, 1), date(2026, 12, 31))),
        (date(2026, 11, 17), "quarterly", (date(2027, 1, 1), date(2027, 3, 31))),
        (date(2026, 2, 15), "monthly", (date(2026, 2, 1), date(2026, 2, 28))),
        (date(2026, 2, 16), "monthly", (date(2026, 3, 1), date(2026, 3, 31))),
        (date(2026, 12, 31), "monthly", (date(2027, 1, 1), date(2027, 1, 31))),
        (date(2026, 4, 1), "semiannual", (date(2026, 1, 1), date(2026, 6, 30))),
        (date(2026, 5, 1), "semiannual", (date(2026, 7, 1), date(2026, 12, 31))),
        (date(2026, 9, 1), "semiannual", (date(2026, 7, 1), date(2026, 12, 31))),
        (date(2026, 7, 2), "annual", (date(2026, 1, 1), date(2026, 12, 31))),
        (date(2026, 7, 3), "annual", (date(2027, 1, 1), date(2027, 12, 31))),
    ],
)
def test_proposed_period_examples(today, frequency, expected):
    assert proposed_period(today, frequency) == expected


@given(DAYS, FREQUENCIES)
def test_proposed_period_leaves_at_least_half_of_it(today, frequency):
    start, end = proposed_period(today, frequency)
    current = period_containing(today, frequency)
    # An aligned period of the frequency: the current one or the next.
    assert (start, end) == period_containing(start, frequency)
    assert (start, end) in (current, next_period(*current, frequency))
    length = (end - start).days + 1
    # At least half of the proposed period is still ahead (all of it when it
    # is the next one) ...
    assert 2 * ((end - max(today, start)).days + 1) >= length
    # ... and the next one is proposed only when less than half is left.
    if (start, end) != current:
        current_left = (current[1] - today).days + 1
        assert 2 * current_left < (current[1] - current[0]).days + 1


@given(FREQUENCIES, st.integers(1990, 2099))
def test_proposed_period_is_monotonic_over_a_year(frequency, year):
    day, previous = date(year, 1, 1), None
    while day.year == year:
        proposed = proposed_period(day, frequency)
        if previous is not None:
            assert proposed[0] >= previous[0]
        previous = proposed
        day += timedelta(days=1)


@given(DAYS, FREQUENCIES)
def test_next_period_has_the_frequency_length(start, frequency):
    months = FREQUENCY_MONTHS[frequency]
    new_start, new_end = next_period(start - timedelta(days=10), start, frequency)
    assert new_start == start + timedelta(days=1)
    assert add_months(new_start, months) == new_end + timedelta(days=1)


@pytest.mark.parametrize(
    ("period", "frequency", "label"),
    [
        ((date(2026, 11, 1), date(2026, 11, 30)), "monthly", "2026-11"),
        ((date(2026, 10, 1), date(2026, 12, 31)), "quarterly", "2026 Q4"),
        (Q1, "quarterly", "2026 Q1"),
        ((date(2026, 7, 1), date(2026, 12, 31)), "semiannual", "2026 H2"),
        ((date(2026, 1, 1), date(2026, 12, 31)), "annual", "2026"),
        (
            (date(2026, 11, 5), date(2027, 2, 4)),
            "quarterly",
            "2026-11-05 \N{EN DASH} 2027-02-04",
        ),
        # Aligned for another frequency is still a custom range for this one.
        (Q1, "monthly", "2026-01-01 \N{EN DASH} 2026-03-31"),
    ],
)
def test_period_label(period, frequency, label):
    assert period_label(*period, frequency) == label


# --- deadlines ------------------------------------------------------------


def test_default_deadlines_quarter():
    assert default_deadlines(*Q1, "quarterly") == {
        "goal_deadline": date(2026, 1, 15),
        "review_start_date": date(2026, 3, 18),
        "review_deadline": date(2026, 4, 14),
        "calibration_deadline": date(2026, 4, 21),
        "close_date": date(2026, 5, 15),
    }


def test_default_deadlines_short_custom_period_is_clamped():
    start, end = date(2026, 1, 1), date(2026, 1, 10)
    deadlines = default_deadlines(start, end, "annual")
    assert start <= deadlines["goal_deadline"] <= deadlines["review_start_date"] <= end
    assert check_deadlines(start, end, deadlines) == []


def test_default_deadlines_rejects_inverted_period():
    with pytest.raises(EngineError) as caught:
        default_deadlines(date(2026, 2, 1), date(2026, 1, 1), "monthly")
    assert caught.value.code == "range_inverted"


@given(DAYS, st.integers(0, 800), FREQUENCIES)
def test_default_deadlines_always_pass_check(start, length, frequency):
    end = start + timedelta(days=length)
    deadlines = default_deadlines(start, end, frequency)
    assert list(deadlines) == list(DEADLINE_ORDER)
    assert check_deadlines(start, end, deadlines) == []


@given(DAYS, FREQUENCIES)
def test_default_deadlines_for_aligned_periods_are_unclamped(day, frequency):
    start, end = period_containing(day, frequency)
    deadlines = default_deadlines(start, end, frequency)
    assert deadlines["goal_deadline"] > start
    assert deadlines["review_start_date"] < end
    assert deadlines["goal_deadline"] < deadlines["review_start_date"]


def test_check_deadlines_valid():
    assert check_deadlines(*Q1, Q1_DEADLINES) == []
    assert check_deadlines(*Q1, dict.fromkeys(DEADLINE_ORDER)) == []


def test_check_deadlines_end_before_start_is_reported_alone():
    problems = check_deadlines(Q1[1], Q1[0], Q1_DEADLINES)
    assert problems == [
        ("end_before_start", ("date_start", "date_end"), (Q1[1], Q1[0]))
    ]


def test_check_deadlines_outside_period():
    deadlines = {**Q1_DEADLINES, "review_start_date": date(2026, 4, 2)}
    problems = check_deadlines(*Q1, deadlines)
    assert ("outside_period", ("review_start_date",), (date(2026, 4, 2), *Q1)) in (
        problems
    )
    assert "before_start" not in kinds(problems)


def test_check_deadlines_before_start():
    deadlines = {
        "goal_deadline": None,
        "review_start_date": None,
        "review_deadline": date(2025, 12, 31),
    }
    assert check_deadlines(*Q1, deadlines) == [
        ("before_start", ("review_deadline",), (date(2025, 12, 31), Q1[0]))
    ]


def test_check_deadlines_order_skips_unset():
    deadlines = {
        **Q1_DEADLINES,
        "review_deadline": None,
        "calibration_deadline": date(2026, 5, 20),
    }
    assert check_deadlines(*Q1, deadlines) == [
        (
            "order",
            ("calibration_deadline", "close_date"),
            (date(2026, 5, 20), date(2026, 5, 15)),
        )
    ]
    same_day = {**Q1_DEADLINES, "calibration_deadline": date(2026, 4, 14)}
    assert check_deadlines(*Q1, same_day) == []


@given(
    DAYS,
    st.integers(0, 400),
    st.lists(st.one_of(st.none(), DAYS), min_size=5, max_size=5),
)
def test_check_deadlines_order_matches_pairwise_definition(start, length, days):
    end = start + timedelta(days=length)
    deadlines = dict(zip(DEADLINE_ORDER, days, strict=True))
    order = {
        p.keys for p in check_deadlines(start, end, deadlines) if p.kind == "order"
    }
    expected = {
        (a, b)
        for a, b in itertools.combinations(DEADLINE_ORDER, 2)
        if deadlines[a] and deadlines[b] and deadlines[b] < deadlines[a]
    }
    assert order == expected


# --- phases ---------------------------------------------------------------


def test_next_phase():
    assert next_phase("draft") == "goal_setting"
    assert next_phase("released") == "closed"
    assert next_phase("closed") is None
    with pytest.raises(EngineError) as caught:
        next_phase("archived")
    assert caught.value.code == "unknown_phase"


def test_phase_after_stays_until_deadline_day_inclusive():
    assert (
        phase_after("goal_setting", Q1_DEADLINES, date(2026, 1, 14)) == "goal_setting"
    )
    assert (
        phase_after("goal_setting", Q1_DEADLINES, date(2026, 1, 15)) == "goal_setting"
    )
    assert phase_after("goal_setting", Q1_DEADLINES, date(2026, 1, 16)) == "in_progress"


def test_phase_after_skips_several_phases():
    assert phase_after("goal_setting", Q1_DEADLINES, date(2026, 4, 20)) == "calibration"
    assert phase_after("in_progress", Q1_DEADLINES, date(2027, 1, 1)) == "closed"


def test_phase_after_stops_at_unset_deadline():
    deadlines = {**Q1_DEADLINES, "review_deadline": None}
    assert phase_after("goal_setting", deadlines, date(2027, 1, 1)) == "review"


def test_draft_and_closed_never_move():
    assert phase_after("draft", Q1_DEADLINES, date(2030, 1, 1)) == "draft"
    assert phase_after("closed", Q1_DEADLINES, date(2000, 1, 1)) == "closed"


def test_phase_end_fields_cover_the_moving_phases():
    assert set(PHASE_END_FIELD) == set(PHASES) - {"draft", "closed"}
    assert set(PHASE_END_FIELD.values()) == set(DEADLINE_ORDER)


deadline_maps = st.fixed_dictionaries(
    {field: st.one_of(st.none(), DAYS) for field in DEADLINE_ORDER}
)


@given(st.sampled_from(PHASES), deadline_maps, DAYS)
def test_phase_after_is_idempotent_and_monotonic(state, deadlines, today):
    reached = phase_after(state, deadlines, today)
    assert phase_after(reached, deadlines, today) == reached
    assert PHASES.index(reached) >= PHASES.index(state)
    later = phase_after(state, deadlines, today + timedelta(days=30))
    assert PHASES.index(later) >= PHASES.index(reached)
    if reached in PHASE_END_FIELD:
        deadline = deadlines[PHASE_END_FIELD[reached]]
        assert deadline is None or today <= deadline


# --- overlaps and renewal -------------------------------------------------


def test_periods_overlap_inclusive():
    assert periods_overlap(*Q1, date(2026, 3, 31), date(2026, 6, 30))
    assert not periods_overlap(*Q1, date(2026, 4, 1), date(2026, 6, 30))
    # An inverted period is empty.
    assert not periods_overlap(*Q1, date(2026, 3, 1), date(2026, 2, 1))


def test_find_overlaps_example():
    periods = [
        ("c", "sales", date(2026, 3, 1), date(2026, 5, 31)),
        ("a", "sales", *Q1),
        ("b", "ops", *Q1),
        ("d", "sales", date(2026, 4, 1), date(2026, 6, 30)),
    ]
    assert find_overlaps(periods) == [("a", "c"), ("c", "d")]


small_days = st.dates(date(2026, 1, 1), date(2026, 3, 31))


@given(
    st.lists(
        st.tuples(st.sampled_from(["x", "y"]), small_days, small_days), max_size=25
    )
)
def test_find_overlaps_matches_brute_force(rows):
    periods = [(i, group, start, end) for i, (group, start, end) in enumerate(rows)]
    found = find_overlaps(periods)
    assert len(found) == len(set(found))
    expected = set()
    for a, b in itertools.combinations(periods, 2):
        if a[1] == b[1] and periods_overlap(*a[2:], *b[2:]):
            first, second = sorted((a, b), key=lambda p: (p[2], p[0]))
            expected.add((first[0], second[0]))
    assert set(found) == expected


@pytest.mark.parametrize(
    ("today", "due"),
    [(date(2026, 3, 16), False), (date(2026, 3, 17), True), (date(2026, 4, 2), True)],
)
def test_next_cycle_due(today, due):
    assert next_cycle_due(date(2026, 3, 31), 14, today) is due
