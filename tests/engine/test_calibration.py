"""Calibration statistics: distribution against a guideline, rater leniency,
central tendency, the 9-box."""

import math

import pytest
from engine import EngineError
from engine.calibration import (
    BOXES,
    compare_distribution,
    guideline_counts,
    performance_box,
    rater_statistics,
)
from hypothesis import assume, given
from hypothesis import strategies as st

GUIDE = {"1": 10, "2": 20, "3": 40, "4": 20, "5": 10}
scores = st.floats(min_value=0, max_value=100, allow_nan=False)


def test_a_lenient_manager_is_flagged():
    ratings = {
        "mona": [95, 97.5, 92, 95, 97.5],
        "max": [60, 70, 77.5, 65, 80],
        "kim": [55, 77.5, 70, 62, 75],
    }
    stats = rater_statistics(ratings, middle=(70, 85))
    assert stats["mona"].verdict == "lenient"
    assert stats["mona"].leniency > 2
    assert stats["max"].verdict in ("in_line", "severe", "central")
    assert stats["mona"].others_mean == pytest.approx(
        sum(ratings["max"] + ratings["kim"]) / 10
    )


def test_central_tendency_and_too_few():
    ratings = {
        "mid": [77.5, 77.5, 77.5, 77.5, 75],
        "a": [40, 95, 60, 85, 77.5],
        "b": [50, 97.5, 62, 90, 70],
        "new": [90, 95],
    }
    stats = rater_statistics(ratings, middle=(70, 85))
    assert stats["mid"].verdict == "central"
    assert stats["new"].verdict == "too_few"
    assert stats["new"].leniency is None


@given(st.dictionaries(st.sampled_from("abcdef"), st.lists(scores, max_size=12)))
def test_rater_statistics_are_consistent(ratings):
    stats = rater_statistics(ratings, middle=(70, 85))
    assert set(stats) == set(ratings)
    for rater, stat in stats.items():
        assert stat.count == len(ratings[rater])
        if stat.leniency is not None and not math.isinf(stat.leniency):
            # The sign of d is the sign of the gap between the means.
            assert (
                math.copysign(1, stat.leniency)
                == math.copysign(1, stat.mean - stat.others_mean)
                or abs(stat.mean - stat.others_mean) < 1e-9
            )
        if stat.verdict == "lenient":
            assert stat.mean > stat.others_mean
        if stat.verdict == "severe":
            assert stat.mean < stat.others_mean


@given(st.lists(scores, min_size=3, max_size=10), st.lists(scores, min_size=3))
def test_raising_every_rating_of_a_rater_never_makes_him_less_lenient(mine, others):
    base = rater_statistics({"me": mine, "others": others})["me"].leniency
    higher = rater_statistics({"me": [s + 5 for s in mine], "others": others})[
        "me"
    ].leniency
    assume(base is not None and higher is not None)
    assume(not math.isinf(base) and not math.isinf(higher))
    assert higher >= base - 1e-9


def test_distribution_against_the_guideline():
    shares = compare_distribution({"5": 6, "4": 2, "3": 2}, GUIDE, tolerance=10)
    by_level = {share.level: share for share in shares}
    assert by_level["5"].actual == 60
    assert by_level["5"].flagged
    assert not by_level["2"].flagged or by_level["2"].deviation == -20
    assert [share.level for share in shares] == list(GUIDE)
    with pytest.raises(EngineError):
        compare_distribution({}, GUIDE, tolerance=-1)


@given(st.dictionaries(st.sampled_from(list(GUIDE)), st.integers(0, 50)))
def test_shares_add_up_and_flags_follow_the_tolerance(counts):
    shares = compare_distribution(counts, GUIDE, tolerance=5)
    total = sum(counts.values())
    if total:
        assert sum(share.actual for share in shares) == pytest.approx(100)
    for share in shares:
        assert share.flagged == (bool(total) and abs(share.deviation) > 5 + 1e-9)


@given(st.lists(st.integers(0, 100), min_size=1, max_size=7), st.integers(0, 500))
def test_guideline_counts_are_whole_people_adding_up(guide, total):
    assume(sum(guide) > 0)
    counts = guideline_counts(guide, total)
    assert sum(counts) == total
    for count, share in zip(counts, guide, strict=True):
        assert abs(count - total * share / sum(guide)) < 1 + 1e-9


def test_performance_box():
    assert [performance_box(rank, 5) for rank in range(5)] == [
        "low",
        "low",
        "medium",
        "high",
        "high",
    ]
    assert [performance_box(rank, 4) for rank in range(4)] == [
        "low",
        "medium",
        "medium",
        "high",
    ]
    assert [performance_box(rank, 3) for rank in range(3)] == list(BOXES)
    with pytest.raises(EngineError):
        performance_box(5, 5)
