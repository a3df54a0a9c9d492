# Copyright 2026 odoo_perf_review contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Dates of the test fixtures, relative to today, so that the suite passes
on any date (not only in the year it was written).

Rules the tests follow:
- a fixture that must contain today (a running annual cycle, a check-in of
  today) is built in `this_year()`;
- a fixture that must be in the past or in the future is `today() -/+` a
  delta, not a literal date;
- a scenario played entirely under `freeze_time` may keep literal dates: the
  frozen clock makes it independent of the calendar. Dates that must fall in
  a fixture of `this_year()` (e.g. the annual goal cycle) are written with
  `in_year(year, month, day)` from that fixture's year.
"""

from datetime import date, datetime, time, timedelta

from odoo import fields


def today():
    return fields.Date.today()


def this_year():
    return today().year


def year_bounds(year=None):
    """(1 January, 31 December) of `year`, this year by default."""
    year = year or this_year()
    return date(year, 1, 1), date(year, 12, 31)


def in_year(year, month, day, hour=None, minute=0):
    """A day (or, with an hour, a 'YYYY-MM-DD HH:MM:SS' string for
    freeze_time and datetime fields) of `year`."""
    day = date(year, month, day)
    if hour is None:
        return day
    return fields.Datetime.to_string(datetime.combine(day, time(hour, minute)))


def in_days(days, hour=None):
    """Today plus `days` (minus, when negative): a date or, with an hour, a
    'YYYY-MM-DD HH:00:00' string."""
    day = today() + timedelta(days=days)
    if hour is None:
        return day
    return fields.Datetime.to_string(datetime.combine(day, time(hour)))
