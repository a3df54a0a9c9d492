"""Live-KPI values: what a metric's records add up to, per person and pooled.

A metric reads, per person, how many of its records count (``count``) and
the sum of its measured field over them (``total``). Its value is the count,
the sum, or the average per record; a department's value pools its
members' records (the average is over all their records, not a mean of
their averages), a company's reads every record.
"""

from __future__ import annotations

import math
from collections.abc import Iterable

from .errors import EngineError

AGGREGATIONS = ("count", "sum", "avg")


def pooled(measures: Iterable[tuple[int, float | None]]) -> tuple[int, float]:
    """``(count, total)`` of several people's ``(count, total)`` together;
    a missing total counts as 0."""
    count = 0
    totals = []
    for member_count, member_total in measures:
        count += member_count
        totals.append(member_total or 0.0)
    return count, math.fsum(totals)


def metric_value(aggregation: str, count: int, total: float | None) -> float | None:
    """The metric's value for ``count`` records adding up to ``total``:
    the count, the sum, or the average (None without any record)."""
    if aggregation == "count":
        return float(count)
    if aggregation == "sum":
        return float(total or 0.0)
    if aggregation == "avg":
        return float(total or 0.0) / count if count else None
    raise EngineError("unknown_aggregation", aggregation=aggregation)
