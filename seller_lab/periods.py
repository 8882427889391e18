"""The shared calendar: month and week helpers of the market's local calendar, used by
fulfilment, after-sales, iteration and the monthly review.

Examples
--------
>>> month_bounds("2026-10")
(Timestamp('2026-10-01 00:00:00'), Timestamp('2026-11-01 00:00:00'))
>>> previous_period("2026-01")
'2025-12'
"""

from __future__ import annotations

import pandas as pd


def month_bounds(period: str) -> tuple[pd.Timestamp, pd.Timestamp]:
    """[start, end) of a 'YYYY-MM' month as naive local midnights."""
    start = pd.Timestamp(f"{str(period)[:7]}-01")
    return start, start + pd.offsets.MonthBegin(1)


def previous_period(period: str) -> str:
    """The month before 'YYYY-MM'."""
    return (pd.Period(str(period)[:7], freq="M") - 1).strftime("%Y-%m")


def to_local(ts: pd.Series, timezone: str) -> pd.Series:
    """UTC (or naive = UTC) timestamps -> naive local wall-clock times of ``timezone``.

    >>> s = pd.Series(pd.to_datetime(["2026-10-25 08:00"], utc=True))
    >>> str(to_local(s, "Europe/Berlin").iloc[0])
    '2026-10-25 09:00:00'
    """
    t = pd.to_datetime(ts, utc=True)
    return t.dt.tz_convert(timezone).dt.tz_localize(None)


def in_month(local: pd.Series, period: str) -> pd.Series:
    """Boolean mask: naive local times inside the month ``period``."""
    start, end = month_bounds(period)
    return (local >= start) & (local < end)


def week_start(local: pd.Series) -> pd.Series:
    """Monday (ISO week start) of each naive local time, as a naive date.

    >>> str(week_start(pd.Series(pd.to_datetime(["2026-10-18 23:00"]))).iloc[0].date())
    '2026-10-12'
    """
    day = local.dt.normalize()
    return day - pd.to_timedelta(day.dt.day_of_week, unit="D")
