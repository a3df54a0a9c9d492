"""Competency results per criterion: shown groups only, anonymity respected."""

import pytest
from engine.competencies import criterion_results
from hypothesis import given
from hypothesis import strategies as st

RATERS = {"self": 10, "manager": 60, "peer": 20, "customer": 10}
scores = st.floats(min_value=0, max_value=100)


def _results(answers, shown=("self", "manager", "peer", "customer"), **kwargs):
    return criterion_results(
        answers,
        rater_weights=RATERS,
        shown_groups=shown,
        anonymous_groups=kwargs.pop("anonymous", ("peer", "customer")),
        threshold=kwargs.pop("threshold", 2),
    )


def test_groups_blend_with_the_rater_weights():
    result = _results({"teamwork": {"manager": [80.0], "peer": [60.0, 100.0]}})
    teamwork = result["teamwork"]
    # self and customers did not answer: manager 60 and peers 20 become 75/25.
    assert teamwork.score == pytest.approx(80 * 0.75 + 80 * 0.25)
    assert teamwork.group_scores["peer"] == pytest.approx(80.0)
    assert teamwork.rater_weights == pytest.approx({"manager": 75.0, "peer": 25.0})


def test_a_group_not_shown_is_never_read():
    answers = {"teamwork": {"manager": [40.0], "peer": [100.0, 100.0]}}
    result = _results(answers, shown=("self", "manager"))["teamwork"]
    assert result.group_scores["peer"] is None
    assert result.score == pytest.approx(40.0)


def test_an_anonymous_group_under_the_threshold_on_a_criterion_is_left_out():
    answers = {"teamwork": {"manager": [40.0], "peer": [100.0]}}
    assert _results(answers)["teamwork"].score == pytest.approx(40.0)
    named = _results(answers, anonymous=())["teamwork"]
    assert named.group_scores["peer"] == pytest.approx(100.0)


def test_nothing_shown_means_no_result():
    result = _results({"teamwork": {"peer": [50.0, 70.0]}}, shown=())["teamwork"]
    assert result.score is None
    assert result.rater_weights == {}


@given(
    manager=st.lists(scores, min_size=1, max_size=3),
    peers=st.lists(scores, min_size=2, max_size=6),
    hidden_peer=scores,
)
def test_an_unshown_answer_never_moves_a_result(manager, peers, hidden_peer):
    answers = {"c": {"manager": manager, "peer": peers}}
    base = _results(answers, shown=("manager",))["c"]
    more = _results(
        {"c": {"manager": manager, "peer": [*peers, hidden_peer]}}, shown=("manager",)
    )["c"]
    assert base == more
    shown = _results(answers)["c"]
    assert min(manager + peers) - 1e-9 <= shown.score <= max(manager + peers) + 1e-9
