"""Appraisal score blending, missing raters and anonymity."""

import pytest
from engine import (
    EngineError,
    appraisal_score,
    group_score,
    level_value,
    review_score,
)
from hypothesis import given
from hypothesis import strategies as st

RATERS = {"self": 10, "manager": 60, "peer": 20, "customer": 10}
PARTS = {"goals": 70, "competencies": 30}
scores = st.floats(min_value=0, max_value=100)


def _score(**kwargs):
    defaults = {
        "goal_score": 80.0,
        "answers": {},
        "rater_weights": RATERS,
        "part_weights": PARTS,
        "anonymous_groups": ("peer", "customer"),
        "threshold": 3,
    }
    defaults.update(kwargs)
    return appraisal_score(**defaults)


def test_full_formula():
    result = _score(
        answers={
            "self": [90.0],
            "manager": [80.0],
            "peer": [70.0, 75.0, 80.0],
            "customer": [60.0, 60.0, 60.0],
        }
    )
    competencies = (10 * 90 + 60 * 80 + 20 * 75 + 10 * 60) / 100
    assert result.competency_score == pytest.approx(competencies)
    assert result.final_score == pytest.approx(0.7 * 80 + 0.3 * competencies)
    assert result.hidden_groups == ()


def test_missing_self_review_does_not_drag_the_score_down():
    with_self = _score(answers={"self": [80.0], "manager": [80.0]})
    without_self = _score(answers={"manager": [80.0]})
    assert without_self.competency_score == pytest.approx(80)
    assert with_self.competency_score == pytest.approx(80)
    assert without_self.rater_weights == {"manager": pytest.approx(100)}


def test_anonymous_group_under_the_threshold_is_hidden_and_left_out():
    result = _score(answers={"manager": [80.0], "peer": [0.0, 10.0]})
    assert result.group_scores["peer"] is None
    assert result.hidden_groups == ("peer",)
    assert result.competency_score == pytest.approx(80)
    assert result.group_counts["peer"] == 2


def test_named_group_counts_from_the_first_answer():
    result = _score(answers={"peer": [50.0]}, anonymous_groups=())
    assert result.group_scores["peer"] == pytest.approx(50)


def test_no_answer_at_all_leaves_the_goal_score():
    result = _score(answers={})
    assert result.competency_score is None
    assert result.final_score == pytest.approx(80)
    assert _score(answers={}, goal_score=None).final_score is None


def test_level_value_is_the_middle_of_its_band():
    assert level_value(70, 85) == 77.5
    with pytest.raises(EngineError):
        level_value(85, 70)


def test_review_score_ignores_unscored_lines():
    assert review_score([80, None, 60]) == 70
    assert review_score([None]) is None


@given(st.lists(scores, max_size=10), st.integers(min_value=1, max_value=5))
def test_group_score_respects_the_threshold(answers, threshold):
    result = group_score(answers, anonymous=True, threshold=threshold)
    if len(answers) < threshold:
        assert result is None
    else:
        assert min(answers) - 1e-9 <= result <= max(answers) + 1e-9


@given(
    goal=st.none() | scores,
    self_=st.lists(scores, max_size=1),
    manager=st.lists(scores, max_size=1),
    peers=st.lists(scores, max_size=6),
)
def test_final_score_stays_within_its_inputs(goal, self_, manager, peers):
    result = _score(
        goal_score=goal,
        answers={"self": self_, "manager": manager, "peer": peers},
    )
    inputs = [v for v in (goal, result.competency_score) if v is not None]
    if not inputs:
        assert result.final_score is None
    else:
        assert min(inputs) - 1e-6 <= result.final_score <= max(inputs) + 1e-6


@given(
    st.lists(st.floats(0, 100), max_size=6),
    st.lists(st.floats(0, 100), max_size=6),
    st.floats(0, 100),
)
def test_open_anonymous_groups_reveal_nothing(peers, more_peers, manager):
    """While the reviews are open, one more anonymous answer changes no figure:
    nothing can be differenced."""
    weights = {"self": 10, "manager": 50, "peer": 40, "customer": 0}
    parts = {"goals": 50, "competencies": 50}

    def score(peer_answers):
        return appraisal_score(
            goal_score=70.0,
            answers={"manager": [manager], "peer": peer_answers},
            rater_weights=weights,
            part_weights=parts,
            anonymous_groups=["peer"],
            threshold=3,
            closed=False,
        )

    before, after = score(peers), score(peers + more_peers)
    assert before.final_score == after.final_score
    assert before.group_scores == after.group_scores
    assert before.group_counts == after.group_counts
    assert before.pending_groups == ("peer",)
    assert before.group_counts["peer"] == 0


def test_closed_anonymous_group_counts_once_k_answers():
    result = appraisal_score(
        goal_score=None,
        answers={"manager": [80.0], "peer": [60.0, 70.0, 80.0]},
        rater_weights={"self": 0, "manager": 50, "peer": 50, "customer": 0},
        part_weights={"goals": 0, "competencies": 100},
        anonymous_groups=["peer"],
        threshold=3,
        closed=True,
    )
    assert result.pending_groups == ()
    assert result.group_scores["peer"] == 70.0
    assert result.final_score == 75.0
