"""Numbers before data exists: no result for a goal not measured, capped
attainment, roll-ups of measured goals only, effective weights with what was
left out."""

import pytest
from engine import (
    MAX_ATTAINMENT,
    RATER_GROUPS,
    appraisal_score,
    goal_set_result,
    kpi_result,
    period_started,
    rollup_progress,
)
from hypothesis import given
from hypothesis import strategies as st

values = st.floats(min_value=-1e6, max_value=1e6, allow_nan=False)
scores = st.floats(min_value=0, max_value=100, allow_nan=False)
weights = st.floats(min_value=0.5, max_value=100, allow_nan=False)
directions = st.sampled_from(["higher", "lower"])


def test_a_goal_not_measured_has_no_result_whatever_its_targets():
    for direction in ("higher", "lower"):
        for target in (0, 10, -5):
            assert kpi_result(None, target, direction=direction) == (None, None)


def test_lower_is_better_on_a_zero_target_met_with_zero_is_100_percent():
    result = kpi_result(0, 0, direction="lower")
    assert result.attainment == 100, "on target, not twice the target"
    assert result.score == pytest.approx(80)
    assert kpi_result(3, 0, direction="lower").attainment == 0


def test_lower_is_better_ratio_is_capped_as_the_engine_says():
    assert kpi_result(10, 10, direction="lower").attainment == 100
    assert kpi_result(5, 10, direction="lower").attainment == MAX_ATTAINMENT
    # Zero incidents against a target of 10: infinitely within it, so the cap.
    assert kpi_result(0, 10, direction="lower").attainment == MAX_ATTAINMENT
    assert kpi_result(8, 10, direction="lower").attainment == pytest.approx(125)


@given(actual=values, target=values, baseline=st.none() | values, direction=directions)
def test_attainment_never_exceeds_the_cap(actual, target, baseline, direction):
    result = kpi_result(actual, target, baseline=baseline, direction=direction)
    assert 0 <= result.attainment <= MAX_ATTAINMENT
    assert 0 <= result.score <= 100


@given(target=values, direction=directions)
def test_an_actual_equal_to_the_target_is_100_percent_without_baseline(
    target, direction
):
    result = kpi_result(target, target, direction=direction)
    assert result.attainment == pytest.approx(100)


def test_unmeasured_goals_are_left_out_of_the_set_and_named():
    result = goal_set_result(
        [("sales", None, 60, 90.0), ("blank", None, 40, None), ("nil", None, 0, None)]
    )
    assert result.score == pytest.approx(90), "not 0.6 * 90 + 0.4 * 80"
    assert result.counted == ("sales",)
    assert result.left_out == ("blank",), "a zero-weight goal is not left out"
    nothing = goal_set_result([("a", None, 50, None), ("b", None, 50, None)])
    assert nothing == (None, (), ("a", "b"))


@given(
    st.lists(st.tuples(weights, st.none() | scores), min_size=1, max_size=8).filter(
        lambda goals: any(score is not None for _w, score in goals)
    )
)
def test_left_out_goals_do_not_move_the_set_score(goals):
    keyed = [(i, None, weight, score) for i, (weight, score) in enumerate(goals)]
    measured = [goal for goal in keyed if goal[3] is not None]
    result = goal_set_result(keyed)
    assert result.score == pytest.approx(goal_set_result(measured).score)
    assert set(result.counted) | set(result.left_out) == set(range(len(goals)))


def test_scorecard_perspective_without_a_measured_goal_is_left_out():
    result = goal_set_result(
        [("f", "financial", 50, 70.0), ("c", "customer", 50, None)],
        {"financial": 50, "customer": 50},
    )
    assert result.score == pytest.approx(70)
    assert result.left_out == ("c",)


def test_rollup_of_blank_goals_is_none_not_a_number():
    assert rollup_progress(None, []) is None
    assert rollup_progress(40.0, []) == 40.0
    assert rollup_progress(40.0, [(1, None), (1, None)]) is None
    assert rollup_progress(None, [(30, 50.0), (70, None)]) == pytest.approx(50)
    assert rollup_progress(None, [(30, 50.0), (70, 100.0)]) == pytest.approx(85)


def test_rollup_starts_with_the_period():
    assert not period_started(1, 2)
    assert period_started(2, 2)
    assert period_started(3, 2)
    assert period_started(3, None)


@given(
    goal=st.none() | scores,
    manager=st.none() | scores,
    self_=st.none() | scores,
    goal_weight=st.floats(min_value=0, max_value=100),
)
def test_effective_weights_rebuild_the_score(goal, manager, self_, goal_weight):
    answers = {
        name: [value]
        for name, value in (("manager", manager), ("self", self_))
        if value is not None
    }
    result = appraisal_score(
        goal_score=goal,
        answers=answers,
        rater_weights={"self": 20, "manager": 60, "peer": 20, "customer": 0},
        part_weights={"goals": goal_weight, "competencies": 100 - goal_weight},
    )
    if result.final_score is None:
        assert result.part_weights == {}
        return
    parts = {"goals": result.goal_score, "competencies": result.competency_score}
    rebuilt = sum(w * parts[p] for p, w in result.part_weights.items()) / 100
    assert rebuilt == pytest.approx(result.final_score, abs=1e-6)
    assert sum(result.part_weights.values()) == pytest.approx(100)
    for part in result.left_out_parts:
        assert parts[part] is None and part not in result.part_weights
    assert "peer" in result.left_out_groups, "weighted, never answered"
    assert "customer" not in result.left_out_groups, "not weighted at all"
    assert set(result.left_out_groups) <= set(RATER_GROUPS)


def test_goal_part_left_out_when_no_goal_is_measured():
    result = appraisal_score(
        goal_score=None,
        answers={"manager": [70.0]},
        rater_weights={"manager": 100},
        part_weights={"goals": 70, "competencies": 30},
    )
    assert result.final_score == pytest.approx(70)
    assert result.part_weights == {"competencies": pytest.approx(100)}
    assert result.left_out_parts == ("goals",)
    nothing = appraisal_score(
        goal_score=None,
        answers={},
        rater_weights={"manager": 100},
        part_weights={"goals": 70, "competencies": 30},
    )
    assert nothing.final_score is None
    assert nothing.left_out_parts == ("goals", "competencies")
