"""Bonus amounts and pools: exact totals, order, no negatives, rounding."""

from decimal import Decimal

import pytest
from engine import EngineError, bonus_amount, fit_pool, prorata, round_to_currency
from hypothesis import assume, given
from hypothesis import strategies as st

money = st.decimals(min_value=0, max_value=100000, places=2)
roundings = st.sampled_from(["0.01", "1", "0.05", "100"])


def test_amount_and_pro_rata():
    assert bonus_amount(10000, 150) == Decimal("15000")
    assert bonus_amount(10000, 150, prorata(45, 90)) == Decimal("7500")
    assert prorata(120, 90) == 1
    assert prorata(-3, 90) == 0
    with pytest.raises(EngineError):
        bonus_amount(-1, 100)
    with pytest.raises(EngineError):
        prorata(10, 0)


def test_without_pool_or_within_it_amounts_are_only_rounded():
    result = fit_pool({"a": Decimal("10.005"), "b": 20}, None)
    assert result.amounts == {"a": Decimal("10.01"), "b": Decimal("20.00")}
    assert not result.scaled
    assert not fit_pool({"a": 10, "b": 20}, 100).scaled


def test_pool_too_small_scales_and_adds_up_exactly():
    result = fit_pool({"a": 100, "b": 100, "c": 100}, 100)
    assert result.scaled
    assert sum(result.amounts.values()) == Decimal("100.00")
    assert sorted(result.amounts.values()) == [
        Decimal("33.33"),
        Decimal("33.33"),
        Decimal("33.34"),
    ]


def test_rounding_to_whole_units():
    result = fit_pool({"a": 10, "b": 10, "c": 10}, 10, rounding="1")
    assert sum(result.amounts.values()) == 10
    assert round_to_currency("2.675", "0.01") == Decimal("2.68")


@given(
    st.dictionaries(st.integers(0, 50), money, min_size=1, max_size=30),
    money,
    roundings,
)
def test_pool_properties(wanted, pool, rounding):
    unit = Decimal(rounding)
    assume(pool % unit == 0)
    result = fit_pool(wanted, pool, rounding)
    amounts = result.amounts
    assert set(amounts) == set(wanted)
    assert all(amount >= 0 for amount in amounts.values())
    assert all(amount % unit == 0 for amount in amounts.values())
    if result.scaled:
        assert sum(amounts.values()) == pool, "the pool exactly"
    # order kept: more wanted never gets less
    for a in wanted:
        for b in wanted:
            if wanted[a] > wanted[b]:
                assert amounts[a] >= amounts[b]


@given(
    st.lists(st.sampled_from([0, 50, 100, 150, 200]), min_size=2, max_size=20),
    st.decimals(min_value=1000, max_value=20000, places=0),
    money,
)
def test_a_higher_rating_never_gets_less_with_the_same_base(multipliers, base, pool):
    wanted = {i: bonus_amount(base, m) for i, m in enumerate(multipliers)}
    amounts = fit_pool(wanted, pool).amounts
    for i, mi in enumerate(multipliers):
        for j, mj in enumerate(multipliers):
            if mi > mj:
                assert amounts[i] >= amounts[j]
