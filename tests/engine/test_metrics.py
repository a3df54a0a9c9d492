"""Live-KPI values: count, sum and average, per person and pooled."""

import math

import pytest
from engine import EngineError
from engine.metrics import metric_value, pooled
from hypothesis import given
from hypothesis import strategies as st

amounts = st.floats(min_value=-1e6, max_value=1e6, allow_nan=False)
measures = st.lists(st.tuples(st.integers(min_value=0, max_value=1000), amounts))


def test_count_sum_and_average():
    assert metric_value("count", 4, 10.0) == 4.0
    assert metric_value("sum", 4, 10.0) == 10.0
    assert metric_value("avg", 4, 10.0) == 2.5


def test_nothing_counted():
    assert metric_value("count", 0, 0.0) == 0.0
    assert metric_value("sum", 0, None) == 0.0
    assert metric_value("avg", 0, 0.0) is None, "no record, no average"


def test_an_unknown_aggregation_is_refused():
    with pytest.raises(EngineError) as caught:
        metric_value("median", 3, 3.0)
    assert caught.value.code == "unknown_aggregation"


def test_a_department_averages_over_all_its_records_not_its_members_averages():
    # 1 record worth 10 and 3 records worth 2 each: 16 / 4, not (10 + 2) / 2
    count, total = pooled([(1, 10.0), (3, 6.0)])
    assert (count, total) == (4, 16.0)
    assert metric_value("avg", count, total) == 4.0


def test_a_member_without_total_adds_nothing():
    assert pooled([(2, None), (1, 5.0)]) == (3, 5.0)
    assert pooled([]) == (0, 0.0)


@given(measures)
def test_pooling_adds_up_counts_and_totals(people):
    count, total = pooled(people)
    assert count == sum(c for c, _t in people)
    assert math.isclose(total, math.fsum(t for _c, t in people), abs_tol=1e-6)


@given(measures, measures)
def test_pooling_is_associative(first, second):
    left = pooled([pooled(first), pooled(second)])
    both = pooled(first + second)
    assert left[0] == both[0]
    assert math.isclose(left[1], both[1], rel_tol=1e-9, abs_tol=1e-6)


# As measured: a person without records has no total.
real_measures = st.lists(
    st.tuples(st.integers(min_value=0, max_value=1000), amounts).map(
        lambda m: m if m[0] else (0, 0.0)
    )
)


@given(real_measures)
def test_pooled_average_lies_between_the_members_record_averages(people):
    value = metric_value("avg", *pooled(people))
    with_records = [(c, t) for c, t in people if c]
    if not with_records:
        assert value is None
        return
    averages = [t / c for c, t in with_records]
    assert min(averages) - 1e-6 <= value <= max(averages) + 1e-6
