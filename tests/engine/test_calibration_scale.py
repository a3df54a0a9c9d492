"""Rater statistics at the size of a 10,000-employee cycle: each rater is
compared with everyone else without copying the whole population per rater,
and the figures are those of the plain computation."""

import math
import random
import time

import pytest
from engine.calibration import _mean, _spread, rater_statistics
from hypothesis import given
from hypothesis import strategies as st

scores = st.floats(min_value=0, max_value=100, allow_nan=False)


def _plain_others(ratings, rater):
    others = [score for scores in ratings.values() for score in scores]
    for score in ratings[rater]:
        others.remove(score)
    return others


@given(st.dictionaries(st.sampled_from("abcdef"), st.lists(scores, max_size=12)))
def test_others_are_the_plain_computation(ratings):
    stats = rater_statistics(ratings, middle=(70, 85))
    for rater, stat in stats.items():
        others = _plain_others(ratings, rater)
        if not others:
            assert stat.others_mean is None
            continue
        # The same float: the correctly rounded sum, divided by the count.
        assert stat.others_mean == _mean(others)
        if len(others) >= 2:
            assert stat.others_spread == pytest.approx(
                _spread(others), rel=1e-12, abs=1e-12
            )


def test_a_10000_employee_cycle_is_fast():
    """1,250 managers rating 8 people each, 8,000 peers rating 3 each: well
    under a second (copying the population per rater took over a minute)."""
    rng = random.Random(13)
    managers = {m: [rng.uniform(40, 100) for _ in range(8)] for m in range(1250)}
    peers = {p: [rng.uniform(40, 100) for _ in range(3)] for p in range(8000)}
    started = time.perf_counter()
    manager_stats = rater_statistics(managers, middle=(70, 85))
    peer_stats = rater_statistics(peers, middle=(70, 85))
    assert time.perf_counter() - started < 1.0
    assert len(manager_stats) == 1250 and len(peer_stats) == 8000
    sample = manager_stats[7]
    others = _plain_others(managers, 7)
    assert sample.others_mean == _mean(others)
    assert math.isclose(sample.others_spread, _spread(others), rel_tol=1e-12)


def test_non_finite_scores_take_the_plain_path():
    stats = rater_statistics({"a": [math.inf, 50, 60], "b": [70, 80, 90]})
    assert stats["b"].others_mean == math.inf
