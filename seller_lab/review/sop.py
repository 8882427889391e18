"""SOP status (R7.2): each recurring task's due dates in the month — done, late or overdue.

``params/sop.yaml`` (ops team's file) lists tasks ``{id, task, step, owner_role,
deadline}`` with one deadline rule each: ``weekly_on: <weekday>``, ``monthly_by_day: N``
or ``quarterly_by_day: N`` (day N of the quarter's first month); ``timezone`` says where
deadlines are judged and ``log_file`` names the completion log (columns task, period,
due_date, done_at UTC, by). Both are read by :func:`seller_lab.sources.sop.load_sop`; the
functions here are pure.

Examples
--------
>>> import pandas as pd
>>> sop = {"timezone": "Europe/Berlin", "tasks": [
...     {"id": "aftersales_analysis", "task": "After-sales analysis", "step": "aftersales",
...      "owner_role": "CS lead", "deadline": {"weekly_on": "monday"}}]}
>>> log = pd.DataFrame({"task": ["aftersales_analysis"] * 3,
...     "due_date": ["2026-10-05", "2026-10-12", "2026-10-26"],
...     "done_at": ["2026-10-05T09:00:00Z", "2026-10-14T09:00:00Z", "2026-10-26T08:00:00Z"]})
>>> st = sop_status(sop, log, "2026-10")
>>> st[["due_date", "status"]].astype(str).values.tolist()
[['2026-10-05', 'done'], ['2026-10-12', 'late'], ['2026-10-19', 'overdue'], ['2026-10-26', 'done']]
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..errors import ParamsError
from ..periods import month_bounds

WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
STATUS_COLUMNS = ["task_id", "task", "step", "owner_role", "due_date", "done_at_local", "done_by",
                  "days_late", "status"]


def due_dates(deadline: dict, period: str) -> list[pd.Timestamp]:
    """Due dates of one deadline rule inside the month ``period``.

    >>> [str(d.date()) for d in due_dates({"quarterly_by_day": 20}, "2026-10")]
    ['2026-10-20']
    >>> due_dates({"quarterly_by_day": 20}, "2026-11")
    []
    """
    start, end = month_bounds(period)
    if "weekly_on" in deadline:
        wd = WEEKDAYS.index(str(deadline["weekly_on"]).strip().lower())
        days = pd.date_range(start, end - pd.Timedelta(days=1), freq="D")
        return list(days[days.day_of_week == wd])
    if "monthly_by_day" in deadline:
        return [start + pd.Timedelta(days=int(deadline["monthly_by_day"]) - 1)]
    if "quarterly_by_day" in deadline:
        if (start.month - 1) % 3:
            return []
        return [start + pd.Timedelta(days=int(deadline["quarterly_by_day"]) - 1)]
    raise ParamsError("params/sop.yaml", "deadline", f"unknown deadline rule {deadline!r}",
                      fix="use weekly_on: <weekday>, monthly_by_day: N or quarterly_by_day: N")


def sop_status(sop: dict, log: pd.DataFrame, period: str, *, as_of: str | pd.Timestamp = ""
               ) -> pd.DataFrame:
    """Every due date of every SOP task in ``period`` with its status.

    done: completed by the end of the due date (local time of ``sop['timezone']``);
    late: completed after it; overdue: no completion and the due date has passed at
    ``as_of`` (default: the last day of the month); open: due after ``as_of``.
    """
    tz = sop.get("timezone") or "UTC"
    rows = [(t["id"], t.get("task", t["id"]), t.get("step", ""), t.get("owner_role", ""), d)
            for t in sop.get("tasks", []) for d in due_dates(t.get("deadline", {}), period)]
    due = pd.DataFrame(rows, columns=["task_id", "task", "step", "owner_role", "due_date"])
    if due.empty:
        return pd.DataFrame(columns=STATUS_COLUMNS)
    lg = log.copy()
    lg["task_id"] = lg["task"].astype("str")
    lg["due_date"] = pd.to_datetime(lg["due_date"], errors="coerce")
    lg["done_at_local"] = (pd.to_datetime(lg["done_at"], utc=True, errors="coerce")
                           .dt.tz_convert(tz).dt.tz_localize(None))
    lg["done_by"] = lg["by"].astype("str") if "by" in lg else ""
    lg = (lg.dropna(subset=["due_date"]).sort_values("done_at_local")
          .drop_duplicates(["task_id", "due_date"], keep="first"))
    st = due.merge(lg[["task_id", "due_date", "done_at_local", "done_by"]],
                   on=["task_id", "due_date"], how="left")
    cutoff = (pd.Timestamp(as_of) if str(as_of) else month_bounds(period)[1] - pd.Timedelta(days=1))
    done = st["done_at_local"].notna()
    day_done = st["done_at_local"].dt.normalize()
    st["days_late"] = np.where(done, (day_done - st["due_date"]).dt.days.clip(lower=0),
                               np.where(st["due_date"] < cutoff, (cutoff - st["due_date"]).dt.days, 0))
    st["status"] = np.select([done & (day_done <= st["due_date"]), done, st["due_date"] < cutoff],
                             ["done", "late", "overdue"], "open")
    st["done_by"] = st["done_by"].fillna("").astype("str")
    return st[STATUS_COLUMNS].sort_values(["due_date", "task_id"], kind="stable").reset_index(drop=True)


def sop_summary(status: pd.DataFrame) -> pd.DataFrame:
    """Per task: due dates in the month and how many are done / late / overdue / open.

    >>> s = pd.DataFrame({"task_id": ["a", "a"], "task": ["A", "A"], "owner_role": ["x", "x"],
    ...                   "status": ["done", "overdue"]})
    >>> sop_summary(s)[["task_id", "due", "done", "overdue"]].values.tolist()
    [['a', 2, 1, 1]]
    """
    cols = ["task_id", "task", "owner_role", "due", "done", "late", "overdue", "open"]
    if status.empty:
        return pd.DataFrame(columns=cols)
    counts = pd.crosstab(status["task_id"], status["status"])
    for c in ("done", "late", "overdue", "open"):
        if c not in counts:
            counts[c] = 0
    counts["due"] = counts[["done", "late", "overdue", "open"]].sum(axis=1)
    meta = status.drop_duplicates("task_id").set_index("task_id")[["task", "owner_role"]]
    out = meta.join(counts).reset_index()
    return out[cols].sort_values(["overdue", "late", "task_id"], ascending=[False, False, True],
                                 kind="stable").reset_index(drop=True)
