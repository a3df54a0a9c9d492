"""Goal attainment curves, OKR grades and weighted goal sets."""

import math

import pytest
from engine import (
    EngineError,
    check_kpi_values,
    check_perspective_totals,
    goal_set_result,
    kpi_result,
    okr_grade,
    okr_score,
    weighted_mean,
)
from hypothesis import assume, given
from hypothesis import strategies as st

values = st.floats(min_value=-1e6, max_value=1e6, allow_nan=False)
positive = st.floats(min_value=0.01, max_value=1e6, allow_nan=False)


def test_anchor_scores_for_higher_is_better():
    def score(actual):
        return kpi_result(actual, 100, threshold=80, stretch=120).score

    assert score(80) == pytest.approx(60)
    assert score(100) == pytest.approx(80)
    assert score(120) == pytest.approx(100)
    assert score(90) == pytest.approx(70)
    assert score(79.9) == 0, "below the threshold earns nothing"
    assert score(500) == 100, "capped at the stretch"


def test_anchor_scores_for_lower_is_better():
    def score(actual):
        return kpi_result(actual, 10, threshold=15, stretch=5, direction="lower").score

    assert score(15) == pytest.approx(60)
    assert score(10) == pytest.approx(80)
    assert score(5) == pytest.approx(100)
    assert score(16) == 0
    assert score(0) == 100


def test_baseline_gives_a_ramp_below_the_threshold():
    result = kpi_result(40, 100, baseline=0, threshold=80)
    assert result.score == pytest.approx(30)
    assert result.attainment == pytest.approx(40)


def test_target_only_higher_is_proportional_and_keeps_rising():
    assert kpi_result(50, 100).score == pytest.approx(40)
    assert kpi_result(100, 100).score == pytest.approx(80)
    assert kpi_result(120, 100).score == pytest.approx(96)
    assert kpi_result(1000, 100).score == 100


def test_baseline_equal_to_target_does_not_divide_by_zero():
    assert kpi_result(10, 10, baseline=10) == (100.0, 80.0)
    assert kpi_result(9, 10, baseline=10).score == 0
    assert okr_grade(10, 10, baseline=10) == 1.0
    assert okr_grade(9, 10, baseline=10) == 0.0


def test_threshold_equal_to_target_collapses_on_the_better_score():
    assert kpi_result(100, 100, threshold=100).score == pytest.approx(80)


def test_lower_is_better_without_baseline_reports_a_ratio():
    assert kpi_result(20, 10, direction="lower").attainment == pytest.approx(50)
    assert kpi_result(0, 10, direction="lower").attainment == 200


def test_missing_actual_or_target_gives_nothing():
    assert kpi_result(None, 10) == (None, None)
    assert kpi_result(5, None) == (None, None)


def test_unknown_direction_is_an_engine_error():
    with pytest.raises(EngineError) as caught:
        kpi_result(1, 2, direction="sideways")
    assert caught.value.code == "unknown_direction"


@given(actual=values, low=values, high=values, target=values, stretch=values)
def test_score_is_bounded_and_monotonic(actual, low, high, target, stretch):
    threshold, target, stretch = sorted((low, target, stretch))
    assume(threshold < target < stretch)
    first = kpi_result(actual, target, threshold=threshold, stretch=stretch)
    better = kpi_result(
        actual + abs(high) + 1, target, threshold=threshold, stretch=stretch
    )
    assert 0 <= first.score <= 100
    assert better.score >= first.score - 1e-9
    assert 0 <= first.attainment <= 200


@given(actual=values, target=values, threshold=values, baseline=values)
def test_lower_is_the_mirror_of_higher(actual, target, threshold, baseline):
    baseline, threshold, target = sorted((baseline, threshold, target))
    higher = kpi_result(actual, target, threshold=threshold, baseline=baseline)
    lower = kpi_result(
        -actual, -target, threshold=-threshold, baseline=-baseline, direction="lower"
    )
    assert higher.score == pytest.approx(lower.score, abs=1e-6)


@given(actual=values, target=values, baseline=st.none() | values)
def test_okr_grade_between_zero_and_one(actual, target, baseline):
    grade = okr_grade(actual, target, baseline=baseline)
    assert 0.0 <= grade <= 1.0
    assert not math.isnan(grade)


def test_okr_grade_to_score():
    assert okr_score(0.7) == pytest.approx(80)
    assert okr_score(1.0) == pytest.approx(100)
    assert okr_score(0.0) == 0
    assert okr_score(0.55) == pytest.approx(70)
    assert okr_score(1.4) == 100
    assert okr_score(None) is None


@given(
    st.lists(
        st.tuples(
            st.floats(min_value=0, max_value=100),
            st.none() | st.floats(min_value=0, max_value=100),
        ),
        max_size=12,
    )
)
def test_weighted_mean_stays_between_the_values(pairs):
    result = weighted_mean(pairs)
    present = [v for w, v in pairs if v is not None and w > 1e-6]
    if not present:
        assert result is None
    else:
        assert min(present) - 1e-6 <= result <= max(present) + 1e-6


def test_goal_set_score_by_weight_and_by_perspective():
    goals = [
        ("a", "financial", 50, 100.0),
        ("b", "customer", 30, 50.0),
        ("c", "customer", 20, 100.0),
    ]
    assert goal_set_result(goals).score == pytest.approx(85)
    perspectives = {"financial": 40, "customer": 60, "internal": 0, "learning": 0}
    # customer = (30*50 + 20*100)/50 = 70 → 0.4*100 + 0.6*70 = 82
    assert goal_set_result(goals, perspectives).score == pytest.approx(82)
    # a perspective without goals is left out, not counted as zero
    assert goal_set_result(goals[:1], perspectives).score == pytest.approx(100)


def test_kpi_definition_checks():
    assert check_kpi_values("higher", 100, baseline=0, threshold=80, stretch=120) == []
    assert check_kpi_values("lower", 10, baseline=20, threshold=15, stretch=5) == []
    problems = check_kpi_values("higher", 100, threshold=120)
    assert [(p.kind, p.keys) for p in problems] == [("order", ("threshold", "target"))]
    assert check_kpi_values("higher", None)[0].kind == "no_target"
    assert check_kpi_values("up", 1)[0].kind == "unknown_direction"
    assert check_kpi_values("lower", 10, stretch=12)[0].keys == ("target", "stretch")


def test_perspective_totals():
    expected = {"financial": 30, "customer": 70}
    assert (
        check_perspective_totals(
            [("financial", 30), ("customer", 40), ("customer", 30)], expected
        )
        == []
    )
    problems = check_perspective_totals([("financial", 50), (None, 50)], expected)
    kinds = sorted(p.kind for p in problems)
    assert kinds == ["no_perspective", "perspective_total", "perspective_total"]
