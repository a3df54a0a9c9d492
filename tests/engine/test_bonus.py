"""Bonus amounts and pools: exact totals, order, no negatives, rounding."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from engine import EngineError, bonus_amount, fit_pool, prorata, service_share
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


CYCLE = (date(2030, 1, 1), date(2030, 3, 31))  # 90 days


def test_service_share_of_a_cycle():
    start, end = CYCLE
    assert service_share(start, end, None, 30, True) == 1
    assert service_share(start, end, date(2029, 6, 1), 30, True) == 1
    # Joined on Feb 15: 45 days of 90, both ends counted.
    assert service_share(start, end, date(2030, 2, 15), 30, True) == Decimal("0.5")
    assert service_share(start, end, date(2030, 2, 15), 30, False) == 1
    # Below the minimum service: nothing, pro rata or not.
    assert service_share(start, end, date(2030, 3, 15), 30, True) == 0
    assert service_share(start, end, date(2030, 3, 15), 30, False) == 0
    assert service_share(start, end, date(2030, 4, 2), 0, True) == 0
    with pytest.raises(EngineError) as caught:
        service_share(end, start, None, 0, False)
    assert caught.value.code == "range_inverted"


@given(
    st.integers(0, 400),
    st.integers(-30, 400),
    st.integers(0, 120),
    st.booleans(),
)
def test_service_share_is_a_share_that_grows_with_service(
    length, joined_day, minimum, pro_rata
):
    start = date(2030, 1, 1)
    end = start + timedelta(days=length)
    joined = start + timedelta(days=joined_day)
    share = service_share(start, end, joined, minimum, pro_rata)
    assert 0 <= share <= 1
    served = max((end - max(joined, start)).days + 1, 0)
    assert (share == 0) == (served < minimum or served == 0)
    # Joining a day earlier never lowers the share.
    earlier = service_share(start, end, joined - timedelta(days=1), minimum, pro_rata)
    assert earlier >= share


def test_negative_amounts_are_refused_by_name():
    for call, part in (
        (lambda: bonus_amount(-1, 100), "base"),
        (lambda: bonus_amount(100, -1), "multiplier"),
        (lambda: fit_pool({"a": -1}, None), "bonus"),
        (lambda: fit_pool({"a": 1}, -5), "pool"),
    ):
        with pytest.raises(EngineError) as caught:
            call()
        assert (caught.value.code, caught.value.params["part"]) == (
            "amount_negative",
            part,
        )
