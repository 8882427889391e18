"""Which data exists for a review month (R7, issue "periods are as of").

A monthly review is only as good as the data behind it: the month may lie after the last
order (the data stops at the end of last month), before the first one, or cut the data
in the middle. :func:`month_coverage` says which, in words a reader can check, and
nothing downstream scales a partial month up: the KPIs of a partial month are the days
that exist, labelled as such.

Examples
--------
>>> import pandas as pd
>>> from types import SimpleNamespace
>>> o = pd.DataFrame({"ds": pd.to_datetime(["2026-09-03 10:00", "2026-11-15 10:00"], utc=True)})
>>> data = SimpleNamespace(orders=o, missing=[])
>>> month_coverage(data, "2026-11", "UTC").message
'data through 2026-11-15 (15 of 30 days)'
>>> month_coverage(data, "2026-12", "UTC").message
'no orders in 2026-12; data runs to 2026-11-15'
>>> month_coverage(data, "2026-10", "UTC").status
'full'
>>> month_coverage(data, "2026-09", "UTC").message      # the data starts inside the month
'data from 2026-09-03 (28 of 30 days)'
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from ..decisions import Month
from ..i18n import N_
from ..periods import month_bounds, to_local

# input kinds the monthly review reads, and the date column that dates each row
MONTH_INPUTS = {"orders": "ds", "inventory": "ds", "shipments": "eta", "returns": "ds",
                "tickets": "created_at", "reviews": "ds"}


@dataclass(frozen=True)
class MonthCoverage:
    """How much of ``period`` the orders cover.

    status: 'full' | 'partial' (data starts or stops inside the month) | 'after' (the
    month starts after the last order) | 'before' (it ends before the first order) |
    'missing' (no orders file at all). ``message`` is the sentence the page shows.
    """

    period: str
    status: str
    days_in_month: int
    days_covered: int
    first_day: pd.Timestamp | None
    last_day: pd.Timestamp | None
    missing: tuple[str, ...]
    message: str
    template: str = ""  # ``message`` as an N_-marked template and its values (report language, R7)
    values: dict = field(default_factory=dict)

    @property
    def has_orders(self) -> bool:
        """True when at least one day of the month is inside the orders' date range."""
        return self.status in ("full", "partial")

    @property
    def as_of(self) -> pd.Timestamp:
        """The last day the month's judgement can rest on: the month's last day, or the
        last order day when the data stops inside the month."""
        end = month_bounds(self.period)[1] - pd.Timedelta(days=1)
        if self.status == "partial" and self.last_day is not None and self.last_day < end:
            return self.last_day
        return end


def _local_days(frame: pd.DataFrame | None, column: str, timezone: str) -> pd.Series:
    if frame is None or len(frame) == 0 or column not in frame:
        return pd.Series(dtype="datetime64[ns]")
    ts = pd.to_datetime(frame[column], utc=True, errors="coerce").dropna()
    return to_local(ts, timezone).dt.normalize()


def input_dates(data, timezone: str) -> pd.DataFrame:
    """First and last local day and row count of every input kind the review reads
    (kinds without rows are listed with empty dates)."""
    rows = []
    for kind, column in MONTH_INPUTS.items():
        days = _local_days(getattr(data, kind, None), column, timezone)
        rows.append({"kind": kind, "rows": int(len(days)),
                     "first": days.min() if len(days) else pd.NaT,
                     "last": days.max() if len(days) else pd.NaT})
    return pd.DataFrame(rows, columns=["kind", "rows", "first", "last"])


def month_coverage(data, period: str, timezone: str) -> MonthCoverage:
    """Where ``period`` ('YYYY-MM') lies against the orders' date range (local days)."""
    start, stop = month_bounds(period)
    end = stop - pd.Timedelta(days=1)
    n_days = int((stop - start).days)
    missing = tuple(getattr(data, "missing", None) or ())
    days = _local_days(getattr(data, "orders", None), "ds", timezone)
    if days.empty:
        why = (N_("no orders file in the category's data folder (add the ERP or Seller Central orders export)")
               if "orders" in missing or not hasattr(data, "missing")
               else N_("the orders file has no readable rows"))
        return MonthCoverage(period, "missing", n_days, 0, None, None, missing, why, why)
    first, last = days.min(), days.max()
    v = {"period": Month(period), "first": f"{first:%Y-%m-%d}", "last": f"{last:%Y-%m-%d}", "days": n_days}
    if last < start:
        return MonthCoverage(period, "after", n_days, 0, first, last, missing,
                             **_said(N_("no orders in {period}; data runs to {last}"), v))
    if first > end:
        return MonthCoverage(period, "before", n_days, 0, first, last, missing,
                             **_said(N_("no orders in {period}; data runs from {first} to {last}"), v))
    lo, hi = max(first, start), min(last, end)
    covered = int((hi - lo).days) + 1
    if covered == n_days:
        return MonthCoverage(period, "full", n_days, covered, first, last, missing,
                             **_said(N_("data covers all {days} days of {period}"), v))
    v.update(lo=f"{lo:%Y-%m-%d}", hi=f"{hi:%Y-%m-%d}", covered=covered)
    if lo > start and hi < end:
        msg = N_("data from {lo} through {hi} ({covered} of {days} days)")
    elif lo > start:
        msg = N_("data from {lo} ({covered} of {days} days)")
    else:
        msg = N_("data through {hi} ({covered} of {days} days)")
    return MonthCoverage(period, "partial", n_days, covered, first, last, missing, **_said(msg, v))


def _said(template: str, values: dict) -> dict:
    return {"message": template.format(**values), "template": template, "values": values}
