"""Calendar frequency of sales series (R3.2): infer it from the dates, map dates to periods.

Sales files come in days, weeks and months: many ERP and Seller Central reports aggregate.
A weekly or monthly file must be forecast in its own periods, never spread over days with
zeros. The frequency is a pandas offset alias:

- ``D`` daily;
- ``W-MON`` ... ``W-SUN`` weekly, every date on that weekday (week *labels*: a Monday-
  labelled week and a Sunday-labelled week are both weekly);
- ``MS`` / ``ME`` monthly, dated on the first / last day of the month;
- ``QS-JAN|FEB|MAR`` / ``QE-DEC|JAN|FEB`` quarterly, first / last day of the quarter
  (``QS-JAN``: quarters start in Jan, Apr, Jul, Oct);
- ``YS-<MON>`` / ``YE-<MON>`` yearly.

:func:`infer_frequency` reads the dates of a whole file: the coarsest calendar that every
date fits; a series whose own dates form a regular coarser calendar (weekly totals in a
daily file, quarterly totals in a monthly one) makes the file "mixed" and raises an error
that names those series.

Examples
--------
>>> ds = pd.to_datetime(["2026-01-04", "2026-01-11", "2026-01-25"])
>>> s = pd.DataFrame({"unique_id": "A", "ds": ds, "y": [3.0, 0.0, 5.0]})
>>> infer_frequency(s).freq
'W-SUN'
>>> next_periods(pd.Timestamp("2026-01-31"), 2, "ME").strftime("%Y-%m-%d").tolist()
['2026-02-28', '2026-03-31']
>>> horizon_periods("56d", "W-MON")
8
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

import numpy as np
import pandas as pd

from ..errors import SellerLabError
from ..params import load_params
from .settings import ForecastSettings

WEEKDAYS = ("MON", "TUE", "WED", "THU", "FRI", "SAT", "SUN")
MONTHS = ("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC")
KIND_NAMES = {"D": "daily", "W": "weekly", "M": "monthly", "Q": "quarterly", "Y": "yearly"}
_ORDER = {"Y": 0, "Q": 1, "M": 2, "W": 3, "D": 4}            # coarse -> fine
_WORDS = {"daily": "D", "day": "D", "d": "D", "weekly": "W", "week": "W", "w": "W",
          "monthly": "M", "month": "M", "m": "M", "quarterly": "Q", "quarter": "Q", "q": "Q",
          "yearly": "Y", "year": "Y", "annual": "Y", "y": "Y"}


@dataclass(frozen=True)
class FrequencyInfo:
    """What :func:`infer_frequency` found.

    Attributes
    ----------
    freq : str
        pandas offset alias (``D``, ``W-SUN``, ``MS``, ``QE-DEC`` ...).
    kind : str
        ``D``, ``W``, ``M``, ``Q`` or ``Y``.
    source : str
        ``inferred`` or ``given`` (``--freq``).
    note : str
        One sentence a person can read: what was found and from what.
    """

    freq: str
    kind: str
    source: str
    note: str


def kind_of(freq: str) -> str:
    """``W-MON`` -> ``W``; ``MS``/``ME`` -> ``M``; ``QS-JAN`` -> ``Q``.

    >>> [kind_of(f) for f in ("D", "W-SUN", "ME", "QS-JAN", "YE-DEC")]
    ['D', 'W', 'M', 'Q', 'Y']
    """
    return freq[0].upper()


def describe(freq: str) -> str:
    """Human words for a frequency alias.

    >>> describe("W-SUN"), describe("MS"), describe("QE-DEC")
    ('weekly (dated on Sundays)', 'monthly (dated on the 1st)', 'quarterly (dated on the quarter end)')
    """
    k = kind_of(freq)
    if k == "W":
        day = {"MON": "Mondays", "TUE": "Tuesdays", "WED": "Wednesdays", "THU": "Thursdays",
               "FRI": "Fridays", "SAT": "Saturdays", "SUN": "Sundays"}[freq[2:]]
        return f"weekly (dated on {day})"
    if k == "M":
        return "monthly (dated on the 1st)" if freq == "MS" else "monthly (dated on the month end)"
    if k in "QY":
        unit = "quarter" if k == "Q" else "year"
        where = "start" if freq[1] == "S" else "end"
        return f"{KIND_NAMES[k]} (dated on the {unit} {where})"
    return "daily"


# ------------------------------------------------------------------------------------
# dates -> calendar features, vectorised
# ------------------------------------------------------------------------------------
def _features(ds: pd.Series) -> pd.DataFrame:
    d = pd.DatetimeIndex(ds)
    ym = d.year.to_numpy() * 12 + d.month.to_numpy() - 1
    return pd.DataFrame({"wd": d.day_of_week.to_numpy(), "ms": d.day.to_numpy() == 1,
                         "me": d.is_month_end, "m3": ym % 3, "m12": ym % 12,
                         "ym": ym, "day": (d.to_numpy().astype("datetime64[D]")
                                           .astype(np.int64))})


def _aliases(n, wd_same, wd, ms_all, me_all, m3_same, m3, m12_same, m12) -> np.ndarray:
    """The coarsest alias each set of dates fits, from per-set flags (arrays, vectorised)."""
    wd, m3, m12 = (np.asarray(a, int) for a in (wd, m3, m12))
    weekly = np.array([f"W-{w}" for w in WEEKDAYS], dtype=object)[wd]
    qs = np.array([f"QS-{MONTHS[r]}" for r in range(3)], dtype=object)[m3]
    qe = np.array(["QE-JAN", "QE-FEB", "QE-DEC"], dtype=object)[m3]     # residue of the end month
    ys = np.array([f"YS-{mo}" for mo in MONTHS], dtype=object)[m12]
    ye = np.array([f"YE-{mo}" for mo in MONTHS], dtype=object)[m12]
    out = np.select(
        [ms_all & m12_same, ms_all & m3_same, ms_all, me_all & m12_same, me_all & m3_same, me_all,
         wd_same], [ys, qs, "MS", ye, qe, "ME", weekly], "D")
    return np.where(np.asarray(n) >= 2, out, "D").astype(object)


def _file_freq(f: pd.DataFrame) -> str:
    one = f.iloc[:1]
    return str(_aliases(np.array([f["day"].nunique()]), np.array([f["wd"].nunique() == 1]),
                        one["wd"].to_numpy(), np.array([f["ms"].all()]), np.array([f["me"].all()]),
                        np.array([f["m3"].nunique() == 1]), one["m3"].to_numpy(),
                        np.array([f["m12"].nunique() == 1]), one["m12"].to_numpy())[0])


def _series_native(uid: pd.Series, f: pd.DataFrame, fc: ForecastSettings) -> pd.DataFrame:
    """Per series: its own coarsest calendar, row count and whether the rows are regular
    (most gaps exactly one period), all vectorised with groupby on integer codes."""
    if isinstance(uid.dtype, pd.CategoricalDtype):
        codes = uid.cat.codes.to_numpy()
        names = pd.Index(uid.cat.categories.astype(str))
    else:
        codes, names = pd.factorize(uid.astype("str"))
    g = f.assign(uid=codes).sort_values(["uid", "day"])
    same = g["uid"].to_numpy()[1:] == g["uid"].to_numpy()[:-1]
    dd = np.diff(g["day"].to_numpy())
    dm = np.diff(g["ym"].to_numpy())
    gap = pd.DataFrame({"uid": g["uid"].to_numpy()[1:][same], "w": dd[same] == 7,
                        "m": dm[same] == 1, "q": dm[same] == 3, "y": dm[same] == 12})
    regular = gap.groupby("uid")[["w", "m", "q", "y"]].mean()
    agg = g.groupby("uid").agg(n=("day", "size"), wd_min=("wd", "min"), wd_max=("wd", "max"),
                               ms=("ms", "all"), me=("me", "all"), m3_min=("m3", "min"),
                               m3_max=("m3", "max"), m12_min=("m12", "min"),
                               m12_max=("m12", "max"))
    agg = agg.join(regular, how="left").fillna({"w": 0.0, "m": 0.0, "q": 0.0, "y": 0.0})
    native = _aliases(agg["n"].to_numpy(), (agg["wd_min"] == agg["wd_max"]).to_numpy(),
                      agg["wd_min"].to_numpy(), agg["ms"].to_numpy(bool), agg["me"].to_numpy(bool),
                      (agg["m3_min"] == agg["m3_max"]).to_numpy(), agg["m3_min"].to_numpy(),
                      (agg["m12_min"] == agg["m12_max"]).to_numpy(), agg["m12_min"].to_numpy())
    agg["native"] = native
    kind = agg["native"].str[0]
    share = np.select([kind == "W", kind == "M", kind == "Q", kind == "Y"],
                      [agg["w"], agg["m"], agg["q"], agg["y"]], 0.0)
    agg["regular"] = ((agg["n"] >= fc.freq_regular_min_rows)
                      & (share >= fc.freq_regular_share))
    agg.index = pd.Index(np.asarray(names, dtype=object)[agg.index.to_numpy()], name="uid")
    return agg


def infer_frequency(series: pd.DataFrame, params: dict | ForecastSettings | None = None, *,
                    freq: str | None = None, file=None) -> FrequencyInfo:
    """Frequency of a long ``unique_id, ds, y`` frame (one per file, checked per series).

    Parameters
    ----------
    series : DataFrame
        Rows as exported: one per SKU and date that has a value (zero rows may be absent).
    params : dict, optional
        Loaded params (``forecast.freq_regular_min_rows``, ``forecast.freq_regular_share``), or
        the ForecastSettings built from them; default: the shipped defaults.
    freq : str, optional
        Override (``--freq``): an alias (``W-MON``, ``MS`` ...) or ``daily``, ``weekly``,
        ``monthly``, ``quarterly``, ``yearly`` (the anchor then follows the data).
    file : path, optional
        Named in the error for a mixed file.

    Raises
    ------
    SellerLabError
        When series of one file run on different calendars (names them).
    """
    fc = ForecastSettings.of(params if params is not None else load_params())
    ds = pd.to_datetime(series["ds"])
    if getattr(ds.dt, "tz", None) is not None:
        ds = ds.dt.tz_localize(None)
    f = _features(ds.dt.normalize())
    found = _file_freq(f)
    if freq:
        given = normalise_freq(freq, found)
        return FrequencyInfo(given, kind_of(given), "given",
                             f"{describe(given)}, as given (--freq {freq}); the data's own dates "
                             f"look {describe(found)}")
    native = _series_native(series["unique_id"], f, fc)
    off = native[native["regular"] & (native["native"].map(lambda a: _ORDER[a[0]])
                                       < _ORDER[found[0]])]
    off = off[off["native"] != found]
    if len(off):
        groups = []
        for alias, grp in off.groupby("native"):
            ids = grp.index.tolist()
            more = f" and {len(ids) - 5} more" if len(ids) > 5 else ""
            groups.append(f"{describe(alias)}: {', '.join(ids[:5])}{more}")
        rest = int((~native.index.isin(off.index)).sum())
        where = f"{file}: " if file is not None else ""
        others = (f"the other {rest} SKU(s) fit only a {describe(found)} calendar" if rest else
                  f"together their dates fit only a {describe(found)} calendar")
        raise SellerLabError(
            f"{where}mixed frequencies in one file: {'; '.join(groups)}; {others}. Fix: put "
            f"each frequency in its own file, or pass --freq (e.g. --freq D if these are daily "
            f"sales that happen to fall on one day of the week or month)")
    n_dates = int(f["day"].nunique())
    return FrequencyInfo(found, kind_of(found), "inferred",
                         f"{describe(found)}, inferred from {n_dates} distinct dates")


def normalise_freq(freq: str, found: str = "D") -> str:
    """``--freq`` text -> an alias; a bare kind takes its anchor from the data when the
    data has that kind, else the usual default (Monday weeks, month/quarter/year starts).

    >>> normalise_freq("weekly", "W-SUN"), normalise_freq("W", "D"), normalise_freq("me")
    ('W-SUN', 'W-MON', 'ME')
    """
    text = str(freq).strip()
    low = text.lower()
    if low in _WORDS:
        k = _WORDS[low]
        if k == "D":
            return "D"
        if kind_of(found) == k:
            return found
        return {"W": "W-MON", "M": "MS", "Q": "QS-JAN", "Y": "YS-JAN"}[k]
    up = text.upper()
    if up in ("MS", "ME") or re.fullmatch(r"W-(MON|TUE|WED|THU|FRI|SAT|SUN)", up):
        return up
    m = re.fullmatch(r"([QY])([SE])-(JAN|FEB|MAR|APR|MAY|JUN|JUL|AUG|SEP|OCT|NOV|DEC)", up)
    if m:
        return up
    if up in ("QS", "QE", "YS", "YE"):
        return {"QS": "QS-JAN", "QE": "QE-DEC", "YS": "YS-JAN", "YE": "YE-DEC"}[up]
    raise SellerLabError(
        f"unknown frequency '{freq}'. Fix: use daily, weekly, monthly, quarterly or yearly, or "
        f"an anchored alias such as W-MON, W-SUN, MS, ME, QS-JAN, QE-DEC")


# ------------------------------------------------------------------------------------
# periods
# ------------------------------------------------------------------------------------
def snap(ds: pd.Series, freq: str) -> pd.Series:
    """Each date -> the label date of its period: the day; the week's anchor weekday on or
    before it; the month/quarter/year start or end.

    >>> d = pd.Series(pd.to_datetime(["2026-03-04", "2026-03-09"]))
    >>> snap(d, "W-MON").dt.strftime("%m-%d").tolist(), snap(d, "QE-DEC").dt.strftime("%m-%d").tolist()
    (['03-02', '03-09'], ['03-31', '03-31'])
    """
    d = pd.to_datetime(ds)
    if getattr(d.dt, "tz", None) is not None:
        d = d.dt.tz_localize(None)
    d = d.dt.normalize()
    k = kind_of(freq)
    if k == "D":
        return d
    if k == "W":
        anchor = WEEKDAYS.index(freq[2:])
        return d - pd.to_timedelta((d.dt.day_of_week - anchor) % 7, unit="D")
    ym = d.dt.year * 12 + d.dt.month - 1
    if k == "M":
        start = ym
        width = 1
    else:
        width = 3 if k == "Q" else 12
        first = MONTHS.index(freq[3:])
        if freq[1] == "E":            # an end-anchored period ends in the anchor month
            first = (first + 1) % width if k == "Q" else (first + 1) % 12
        start = ym - ((ym - first) % width)
    begin = pd.to_datetime(pd.DataFrame({"year": start // 12, "month": start % 12 + 1, "day": 1}))
    if freq[1:2] == "S":
        return begin
    return begin + pd.offsets.MonthEnd(width)


def period_ordinals(ds: pd.Series, freq: str) -> np.ndarray:
    """Integer position of each (snapped) date on the frequency's calendar.

    >>> d = pd.Series(pd.to_datetime(["2026-01-01", "2026-04-01", "2027-01-01"]))
    >>> period_ordinals(d, "QS-JAN").tolist()
    [8104, 8105, 8108]
    """
    d = pd.DatetimeIndex(ds)
    k = kind_of(freq)
    day = d.to_numpy().astype("datetime64[D]").astype(np.int64)
    if k == "D":
        return day
    if k == "W":
        return day // 7            # all dates share one weekday, so weeks are consecutive
    ym = d.year.to_numpy() * 12 + d.month.to_numpy() - 1
    return ym // {"M": 1, "Q": 3, "Y": 12}[k]


def next_periods(last: pd.Timestamp, n: int, freq: str) -> pd.DatetimeIndex:
    """The ``n`` period dates after ``last`` on the frequency's calendar."""
    return pd.date_range(pd.Timestamp(last), periods=n + 1, freq=freq)[1:]


def period_days(dates: pd.DatetimeIndex, freq: str) -> np.ndarray:
    """Calendar days in each period (7 for a week; 28-31 for a month ...).

    >>> period_days(pd.DatetimeIndex(["2026-02-01", "2026-03-01"]), "MS").tolist()
    [28, 31]
    """
    k = kind_of(freq)
    if k == "D":
        return np.ones(len(dates), int)
    if k == "W":
        return np.full(len(dates), 7)
    width = {"M": 1, "Q": 3, "Y": 12}[k]
    d = pd.DatetimeIndex(dates)
    start = d if freq[1:2] == "S" else d + pd.Timedelta(days=1) - pd.DateOffset(months=width)
    return np.asarray((start + pd.DateOffset(months=width) - start).days, dtype=int)


def horizon_periods(horizon, freq: str) -> int:
    """A horizon in the frequency's periods: ``8`` = 8 periods; ``56d`` = enough periods to
    cover 56 days (``8w``/``6m`` also accepted).

    >>> horizon_periods(8, "W-SUN"), horizon_periods("56d", "MS"), horizon_periods("12w", "D")
    (8, 2, 84)
    """
    text = str(horizon).strip().lower()
    m = re.fullmatch(r"(\d+)\s*([dwmqy]?)", text)
    if not m:
        raise SellerLabError(
            f"horizon '{horizon}' is not a number of periods. Fix: give a whole number of "
            f"periods (e.g. 8) or of days, weeks or months (56d, 8w, 6m)")
    n, unit = int(m.group(1)), m.group(2)
    if n < 1:
        raise SellerLabError(f"horizon must be at least 1 period, got '{horizon}'. Fix: give "
                             f"a horizon of 1 or more (e.g. --horizon 8 or --horizon 56d)")
    if not unit:
        return n
    days = n * {"d": 1, "w": 7, "m": 365.25 / 12, "q": 365.25 / 4, "y": 365.25}[unit]
    per = {"D": 1, "W": 7, "M": 365.25 / 12, "Q": 365.25 / 4, "Y": 365.25}[kind_of(freq)]
    return max(1, math.ceil(round(days / per, 6)))
