"""What was knowable at a date: a category's data cut "as of" the end of a period (R1, R7).

A report for period P may only use what existed at the end of P: trends, posts, reviews,
Q&A, orders, tickets, returns ... dated up to that day (inclusive), and the competitor
listings snapshot nearest before it. :func:`data_as_of` makes that cut on a loaded
:class:`~seller_lab.sources.category.CategoryData` (a copy; the input is never changed),
:func:`coverage` says per kind from when to when data exists (and, given a date, how much of
it was knowable then), and :func:`period_end` turns a period label into its last day.

Rules of the cut
----------------
* each kind is cut on the date column in :data:`DATE_COLUMNS` (``<= end`` for calendar dates,
  ``< end + 1 day`` UTC for timestamps); a row without a date is kept (and counted by
  :func:`coverage` as ``undated``) because nothing says it came later;
* a Trends period that runs past ``end`` (the week or month containing it) is kept and flagged
  ``is_partial``, as Google shows the running period; analysis drops partial periods;
* events after ``end`` on rows that existed before it are not yet known: an order's
  ``shipped_at``, a shipment's ``arrived_at`` / ``appointment_booked_at``, a question's answer,
  a ticket's first reply become empty (status texts stay as exported);
* listings: a snapshot's date is read from its file name (``2025-06-30``, ``20250630``,
  ``2025_06_30``, or ``2025-06`` meaning that month's last day); the latest snapshot dated on
  or before ``end`` is kept, later ones dropped; rows from undated files are kept.

Examples
--------
>>> period_end("2025-Q2").date(), period_end("2025-06").date(), period_end("2025").date()
(datetime.date(2025, 6, 30), datetime.date(2025, 6, 30), datetime.date(2025, 12, 31))
>>> from seller_lab.sources.category import CategoryData
>>> posts = pd.DataFrame({"doc_id": ["a", "b"], "text": ["old", "new"],
...                       "ds": pd.to_datetime(["2025-06-30 23:59", "2025-07-01 00:00"], utc=True)})
>>> cut = data_as_of(CategoryData(posts=posts), "2025-06-30")
>>> cut.posts["text"].tolist()
['old']
"""

from __future__ import annotations

import re
from dataclasses import replace

import pandas as pd

from .errors import SellerLabError
from .i18n import N_
from .i18n.phrase import Phrase
from .sources.category import CategoryData

__all__ = ["DATE_COLUMNS", "COVERAGE_COLUMNS", "period_end", "data_as_of", "coverage", "snapshot_date"]

#: the column that dates a row of each kind (when it became knowable)
DATE_COLUMNS: dict[str, str] = {
    "trends": "ds", "posts": "ds", "reviews": "ds", "questions": "ds", "listings": "source_file",
    "traffic": "period_end", "orders": "ds", "inventory": "ds", "shipments": "departed_at",
    "returns": "ds", "tickets": "created_at", "pilot": "ds",
}

#: events recorded on a row that may have happened after the cut: column -> columns emptied with it
LATER_EVENTS: dict[str, dict[str, list[str]]] = {
    "orders": {"shipped_at": []},
    "shipments": {"arrived_at": [], "appointment_booked_at": []},
    "questions": {"answer_ds": ["answer"]},
    "tickets": {"first_reply_at": ["first_reply_minutes"]},
}

COVERAGE_COLUMNS = ["kind", "first", "last", "rows", "undated", "rows_as_of", "note"]

_PERIOD_FORMS = "YYYY (2025), YYYY-Qn (2025-Q2), YYYY-MM (2025-06) or YYYY-MM-DD (2025-06-15)"
_SNAPSHOT_DAY = re.compile(r"(?<!\d)(20\d\d)[-_]?(0[1-9]|1[0-2])[-_]?(0[1-9]|[12]\d|3[01])(?!\d)")
_SNAPSHOT_MONTH = re.compile(r"(?<!\d)(20\d\d)[-_](0[1-9]|1[0-2])(?![-_]?\d)")


def period_end(period: str | pd.Timestamp) -> pd.Timestamp:
    """Last day (midnight, no time zone) of a period label.

    Parameters
    ----------
    period : ``2025``, ``2025-Q2``, ``2025-06`` or ``2025-06-15`` (a day is its own end)

    Returns
    -------
    pandas.Timestamp

    Examples
    --------
    >>> str(period_end("2024-02").date()), str(period_end("2026-q4").date())
    ('2024-02-29', '2026-12-31')
    """
    if isinstance(period, pd.Timestamp):
        return period.tz_localize(None).normalize() if period.tzinfo else period.normalize()
    text = str(period).strip()
    m = re.fullmatch(r"(\d{4})(?:-(?:[Qq]([1-4])|(\d{2})(?:-(\d{2}))?))?", text)
    if not m:
        raise SellerLabError(f"period '{text}' is not a period. Fix: write it as {_PERIOD_FORMS}")
    year, quarter, month, day = m.groups()
    try:
        if day:
            return pd.Timestamp(int(year), int(month), int(day))
        if month:
            return pd.Period(f"{year}-{month}", freq="M").end_time.normalize()
        if quarter:
            return pd.Period(f"{year}Q{quarter}", freq="Q").end_time.normalize()
        return pd.Timestamp(int(year), 12, 31)
    except ValueError:
        raise SellerLabError(f"period '{text}' has no such month or day. Fix: write it as {_PERIOD_FORMS}") from None


def snapshot_date(file_name: str) -> pd.Timestamp:
    """Date of a listings snapshot from its file name (NaT when the name carries none).

    >>> snapshot_date("helium10_blackbox_2025-06-30.csv").date(), snapshot_date("bb_2025_06.csv").date()
    (datetime.date(2025, 6, 30), datetime.date(2025, 6, 30))
    >>> snapshot_date("helium10_blackbox.csv")
    NaT
    """
    name = re.split(r"[\\/]", str(file_name))[-1]
    m = _SNAPSHOT_DAY.search(name)
    if m:
        try:
            return pd.Timestamp(int(m[1]), int(m[2]), int(m[3]))
        except ValueError:
            pass
    m = _SNAPSHOT_MONTH.search(name)
    return period_end(f"{m[1]}-{m[2]}") if m else pd.NaT


def _dates(frame: pd.DataFrame, kind: str) -> pd.Series:
    """Naive dates (midnight) of each row's knowable day; NaT when undated."""
    col = DATE_COLUMNS[kind]
    if col not in frame:
        return pd.Series(pd.NaT, index=frame.index, dtype="datetime64[ns]")
    if kind == "listings":
        return frame[col].map(snapshot_date).astype("datetime64[ns]")
    ds = pd.to_datetime(frame[col], errors="coerce", utc=True)
    return ds.dt.tz_localize(None)


def _before(stamps: pd.Series, end: pd.Timestamp) -> pd.Series:
    """stamps <= end day (the whole day for timestamps), tz-aware or not."""
    nxt = end + pd.Timedelta(days=1)
    if getattr(stamps.dt, "tz", None) is not None:
        nxt = nxt.tz_localize("UTC")
    return stamps < nxt


def _cut_trends(frame: pd.DataFrame, end: pd.Timestamp) -> pd.DataFrame:
    ds = pd.to_datetime(frame["ds"])
    out = frame.loc[ds.isna() | (ds <= end)].copy()
    if out.empty or "unique_id" not in out:
        return out
    d = pd.to_datetime(out["ds"])
    # each series' period length (median step between its dates): a timedelta even for a
    # one-row series, computed by position so a repeated index label does no harm
    pos = pd.DataFrame({"uid": out["unique_id"].to_numpy(), "ds": d.to_numpy()}).sort_values("ds", kind="stable")
    pos["gap"] = pos.groupby("uid")["ds"].diff()
    step = pd.Series(pos.groupby("uid")["gap"].transform("median").sort_index().to_numpy(),
                     index=out.index, dtype="timedelta64[ns]")
    runs_past = (d + step.fillna(pd.Timedelta(days=1)) - pd.Timedelta(days=1)) > end
    part = out["is_partial"].fillna(False).astype(bool) if "is_partial" in out else False
    out["is_partial"] = part | runs_past
    return out


def _forget_later_events(frame: pd.DataFrame, kind: str, end: pd.Timestamp) -> pd.DataFrame:
    for col, deps in LATER_EVENTS.get(kind, {}).items():
        if col not in frame:
            continue
        later = frame[col].notna() & ~_before(frame[col], end)
        if not later.any():
            continue
        frame.loc[later, col] = pd.NaT
        for dep in deps:
            if dep in frame:
                frame.loc[later, dep] = float("nan") if pd.api.types.is_numeric_dtype(frame[dep]) else ""
    return frame


def _cut(frame: pd.DataFrame, kind: str, end: pd.Timestamp) -> pd.DataFrame:
    if frame is None or frame.empty:
        return frame.copy() if frame is not None else frame
    if kind == "trends":
        return _cut_trends(frame, end)
    dates = _dates(frame, kind)
    by_end = dates < end + pd.Timedelta(days=1)  # the whole end day
    if kind == "listings":
        dated = dates.notna()
        known = dates[dated & by_end]
        keep = ~dated | (dates == known.max()) if len(known) else ~dated
    else:
        keep = dates.isna() | by_end
    out = frame.loc[keep].copy()
    return _forget_later_events(out, kind, end)


def data_as_of(data: CategoryData, end: str | pd.Timestamp) -> CategoryData:
    """A copy of ``data`` holding only what was knowable at the end of ``end`` (inclusive).

    Parameters
    ----------
    data : a loaded category (``load_category``)
    end : a period label (``2025-06``, ``2025-Q2``, ``2025``, ``2025-06-15``) or a date; a
        period is cut at its last day

    Returns
    -------
    CategoryData
        Same files, params and rejected rows; every frame cut as the module docstring says.
        A kind whose rows all come later is an empty frame with its columns (not 'missing':
        the file exists, it has nothing yet).
    """
    day = period_end(end)
    frames = {kind: _cut(getattr(data, kind), kind, day) for kind in DATE_COLUMNS}
    return replace(data, **frames)


def coverage(data: CategoryData, end: str | pd.Timestamp | None = None) -> pd.DataFrame:
    """Per kind: first and last date, rows, undated rows; with ``end``, what was knowable then.

    Parameters
    ----------
    data : a loaded category (the full data, to say from when data exists)
    end : optional period label or date; adds ``rows_as_of`` and a ``note`` a reader
        understands ("no data up to 2019-01-31: it starts 2025-01-05")

    Returns
    -------
    DataFrame with ``COVERAGE_COLUMNS`` (one row per kind, in the loader's order)

    Examples
    --------
    >>> from seller_lab.sources.category import CategoryData
    >>> orders = pd.DataFrame({"order_id": ["1", "2"], "ds": pd.to_datetime(["2026-10-01", "2026-10-31"], utc=True)})
    >>> cov = coverage(CategoryData(orders=orders, missing=[]), "2026-11").set_index("kind")
    >>> [str(v) for v in cov.loc["orders", ["rows", "rows_as_of", "note"]]]
    ['2', '2', 'data through 2026-10-31 (nothing after it up to 2026-11-30)']
    >>> coverage(CategoryData(orders=orders, missing=[]), "2019-01").set_index("kind").loc["orders", "note"]
    'no data up to 2019-01-31: it starts 2026-10-01'
    """
    day = None if end is None else period_end(end)
    missing = set(getattr(data, "missing", []) or [])
    rows = []
    for kind in DATE_COLUMNS:
        frame = getattr(data, kind)
        n = 0 if frame is None else len(frame)
        dates = _dates(frame, kind) if n else pd.Series(dtype="datetime64[ns]")
        dated = dates.dropna()
        first = dated.min().normalize() if len(dated) else pd.NaT
        last = dated.max().normalize() if len(dated) else pd.NaT
        undated = int(n - len(dated))
        row = {"kind": kind, "first": first, "last": last, "rows": int(n), "undated": undated,
               "rows_as_of": pd.NA, "note": ""}
        if day is not None:
            row["rows_as_of"] = len(_cut(frame, kind, day)) if n else 0
        row["note"] = _note(kind, row, day, kind in missing and not n)
        rows.append(row)
    out = pd.DataFrame(rows, columns=COVERAGE_COLUMNS)
    out["first"] = pd.to_datetime(out["first"])
    out["last"] = pd.to_datetime(out["last"])
    return out


def _note(kind: str, row: dict, day: pd.Timestamp | None, missing: bool) -> Phrase:
    """What data of ``kind`` there is as of ``day``, as a sentence a report says in its own
    language (days stay ISO dates)."""
    what = Phrase(kind)   # the input kind as a message id ('orders' → 订单)
    if missing:
        return Phrase(N_("no {kind} file"), kind=what)
    if row["rows"] == 0:
        return Phrase(N_("the {kind} file has no rows"), kind=what)
    first, last = row["first"], row["last"]
    if pd.isna(first):
        return Phrase(N_("no dated rows ({n} undated)"), n=int(row["rows"]))
    f, la = f"{first:%Y-%m-%d}", f"{last:%Y-%m-%d}"
    undated = Phrase(N_("; {n} row(s) without a date kept"), n=int(row["undated"])) if row["undated"] else ""
    if day is None:
        return Phrase(N_("{first} .. {last}{undated}"), first=f, last=la, undated=undated)
    d = f"{day:%Y-%m-%d}"
    if first > day:
        return Phrase(N_("no data up to {day}: it starts {first}{undated}"), day=d, first=f, undated=undated)
    if last < day:
        return Phrase(N_("data through {last} (nothing after it up to {day}){undated}"), last=la, day=d,
                      undated=undated)
    return Phrase(N_("data {first} .. {day} of {first} .. {last}{undated}"), first=f, day=d, last=la,
                  undated=undated)
