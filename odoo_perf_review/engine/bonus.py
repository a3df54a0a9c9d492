"""Bonus math: amounts from ratings, pro rata, and pools that add up exactly.

Amounts are handled in integer minor units of the currency (cents) so that
rounding never breaks a total: when a pool is too small, amounts are scaled to
fit it and the units lost to rounding go to the largest remainders.
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from typing import NamedTuple

from .errors import EngineError
from .validation import check_range


class PoolResult(NamedTuple):
    amounts: dict[Hashable, Decimal]  # in currency units, rounded
    scaled: bool  # True when the pool was smaller than the wanted total
    wanted_total: Decimal
    total: Decimal


def _unit(rounding: Decimal | float | str) -> Decimal:
    unit = Decimal(str(rounding))
    if unit <= 0:
        raise EngineError("range_inverted", name="rounding", low=0, high=rounding)
    return unit


def prorata(days_eligible: int, days_in_cycle: int) -> Decimal:
    """Share of the cycle the employee was there for, between 0 and 1."""
    if days_in_cycle <= 0:
        raise EngineError("range_inverted", name="cycle", low=1, high=days_in_cycle)
    share = Decimal(max(0, min(days_eligible, days_in_cycle))) / Decimal(days_in_cycle)
    return share


def service_share(
    cycle_start: date,
    cycle_end: date,
    joined: date | None,
    min_service_days: int,
    pro_rata: bool,
) -> Decimal:
    """The share of the cycle's bonus an employee earns by service.

    The service counts from ``joined`` (the cycle's start when unknown or
    earlier) to the cycle's end, both days included. Below
    ``min_service_days``, or without a day of service, the share is 0; else it
    is the part of the cycle served when ``pro_rata``, or all of it.
    """
    check_range(cycle_start, cycle_end, name="cycle")
    days_in_cycle = (cycle_end - cycle_start).days + 1
    start = max(joined or cycle_start, cycle_start)
    served = max((cycle_end - start).days + 1, 0)
    # No service in the cycle (joined after its end) earns nothing either.
    if served <= 0 or served < min_service_days:
        return Decimal(0)
    if pro_rata:
        return prorata(served, days_in_cycle)
    return Decimal(1)


def bonus_amount(base, multiplier_pct, share=1) -> Decimal:
    """base × multiplier % × pro-rata share; never negative."""
    for part, value in (("base", base), ("multiplier", multiplier_pct)):
        if Decimal(str(value)) < 0:
            raise EngineError("amount_negative", part=part, amount=value)
    return (
        Decimal(str(base))
        * Decimal(str(multiplier_pct))
        / Decimal(100)
        * Decimal(str(share))
    )


def fit_pool(
    wanted: Mapping[Hashable, Decimal | float],
    pool: Decimal | float | None,
    rounding: Decimal | float | str = "0.01",
) -> PoolResult:
    """Round ``wanted`` amounts to the currency and fit them in ``pool``.

    Without a pool (None) or when the wanted total fits, each amount is just
    rounded. Otherwise every amount is scaled by pool / total and the minor
    units are shared by largest remainder, so that the amounts add up to the
    pool exactly. Order is kept: a larger wanted amount never gets less than a
    smaller one; ties are broken by key order, deterministically.
    """
    unit = _unit(rounding)
    values = {key: Decimal(str(value)) for key, value in wanted.items()}
    if any(value < 0 for value in values.values()):
        raise EngineError("amount_negative", part="bonus", amount=min(values.values()))
    wanted_units = {key: value / unit for key, value in values.items()}
    wanted_total = sum(values.values(), Decimal(0))
    pool_value = None if pool is None else Decimal(str(pool))
    if pool_value is not None and pool_value < 0:
        raise EngineError("amount_negative", part="pool", amount=pool_value)

    if pool_value is None or wanted_total <= pool_value:
        amounts = {
            key: units.to_integral_value(ROUND_HALF_UP) * unit
            for key, units in wanted_units.items()
        }
        return PoolResult(
            amounts, False, wanted_total, sum(amounts.values(), Decimal(0))
        )

    pool_units = int((pool_value / unit).to_integral_value(ROUND_HALF_UP))
    total_units = sum(wanted_units.values(), Decimal(0))
    exact = {
        key: units * pool_units / total_units for key, units in wanted_units.items()
    }
    floors = {key: int(value) for key, value in exact.items()}  # values >= 0
    left = pool_units - sum(floors.values())
    order = sorted(
        exact,
        key=lambda key: (-(exact[key] - floors[key]), -exact[key], _sort_key(key)),
    )
    for key in order[:left]:
        floors[key] += 1
    amounts = {key: floors[key] * unit for key in values}
    return PoolResult(amounts, True, wanted_total, sum(amounts.values(), Decimal(0)))


def _sort_key(key):
    return (str(type(key)), str(key))
