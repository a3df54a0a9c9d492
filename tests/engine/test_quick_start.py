"""The quick start's advice: method, review mix, weights."""

from engine.quick_start import (
    FOCUS_AREAS,
    METHODS,
    median,
    recommend_method,
    review_mix,
    size_band,
    split_weights,
    team_sizes,
)
from hypothesis import given
from hypothesis import strategies as st

focus_sets = st.sets(st.sampled_from(FOCUS_AREAS))
bands = st.sampled_from(["tiny", "small", "medium", "large"])


def test_size_bands():
    assert [size_band(n) for n in (1, 15, 16, 50, 51, 250, 251, 10000)] == [
        "tiny",
        "tiny",
        "small",
        "small",
        "medium",
        "medium",
        "large",
        "large",
    ]


def test_method_examples():
    assert recommend_method({"sales"}, "tiny") == "kpi"
    assert recommend_method({"sales", "delivery"}, "small") == "kpi"
    assert recommend_method({"people"}, "tiny") == "okr"
    assert recommend_method({"sales", "people"}, "tiny") == "mixed"
    assert recommend_method({"sales", "satisfaction", "people"}, "tiny") == "mixed"
    assert recommend_method({"sales", "satisfaction", "people"}, "large") == "bsc"
    assert recommend_method(set(FOCUS_AREAS), "medium") == "bsc"
    assert recommend_method(set(), "tiny") == "kpi"


@given(focus_sets, bands)
def test_every_choice_gets_a_method_and_a_scorecard_only_with_size(focus, band):
    method = recommend_method(focus, band)
    assert method in METHODS
    if band in ("tiny", "small"):
        assert method != "bsc"


def test_a_ten_person_shop_reviews_self_and_manager():
    mix = review_mix("tiny", median_team=9)
    assert mix.peers == 0
    assert mix.weights == {"self": 20.0, "manager": 80.0, "peer": 0.0, "customer": 0.0}
    assert mix.note == "small_teams"


@given(bands, st.integers(0, 30), st.integers(1, 5))
def test_review_mix(band, team, threshold):
    mix = review_mix(band, median_team=team, threshold=threshold)
    assert sum(mix.weights.values()) == 100
    assert mix.peers <= max(team - 1, 0)
    assert (mix.weights["peer"] > 0) == (mix.peers > 0)
    # Anonymous only where a peer group can reach the threshold.
    assert not mix.peers_anonymous or mix.peers >= threshold
    if mix.peers and not mix.peers_anonymous:
        assert mix.note == "named_peers"


@given(st.integers(0, 40), st.integers(1, 1000))
def test_split_weights_add_up(count, total):
    weights = split_weights(count, total)
    assert len(weights) == count
    if count:
        assert sum(weights) == total
        assert max(weights) - min(weights) <= 1
        assert weights == sorted(weights, reverse=True)


def test_team_sizes_and_median():
    manager_of = {1: None, 2: 1, 3: 1, 4: 1, 5: 2, 6: 2}
    assert sorted(team_sizes(manager_of)) == [2, 3]
    assert median([3, 2]) == 2
    assert median([]) == 0
