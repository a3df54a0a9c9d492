"""The key results of an objective add up to 100 %."""

from engine.okr import key_results_total, key_results_total_off
from hypothesis import given
from hypothesis import strategies as st

weights = st.lists(st.floats(min_value=0, max_value=100, allow_nan=False), max_size=8)


def test_key_results_adding_up_to_100_pass():
    assert key_results_total_off([50, 30, 20]) is None
    assert key_results_total_off([33.33, 33.33, 33.34]) is None
    assert key_results_total_off([100.005]) is None, "within the tolerance"


def test_key_results_off_report_their_rounded_total():
    assert key_results_total_off([50, 30]) == 80
    assert key_results_total_off([60, 60]) == 120
    assert key_results_total_off([33.333, 33.333]) == 66.67
    assert key_results_total_off([]) == 0


def test_the_total_is_exact_for_many_small_weights():
    assert key_results_total([0.1] * 1000) == 100.0
    assert key_results_total_off([0.1] * 1000) is None


@given(weights)
def test_off_exactly_when_the_total_is_not_100(values):
    total = key_results_total(values)
    off = key_results_total_off(values)
    if abs(total - 100) <= 0.01:
        assert off is None
    else:
        assert off == round(total, 2)


@given(weights)
def test_the_order_of_the_key_results_does_not_matter(values):
    assert key_results_total_off(values) == key_results_total_off(values[::-1])
