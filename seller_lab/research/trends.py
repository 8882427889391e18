"""R1.1 demand from Google Trends: growth, trend slope, seasonality and a call per keyword.

Works on the canonical ``trends`` frame (``seller_lab.schemas``: ``unique_id, keyword, geo,
ds, y, is_partial``) as the importers produce it from a Trends CSV export (``<1`` already read
as 0.5) or from pytrends. Per ``keyword|geo`` series:

* **growth**: mean interest of the last ``trends.recent_months`` months vs the same months a
  year earlier (``None`` when the history does not reach back that far);
* **Theil–Sen slope** (``scipy.stats.theilslopes``) of the de-seasonalised series, in % of
  the mean level per year, with a **Mann–Kendall** p-value (S statistic with the tie
  correction, normal approximation);
* **seasonality** as a person judges it for stock (:func:`seasonality`): a burst that recurs at
  the same time of year and is large enough to matter. On calendar-month means, divided by a
  robust STL trend (so growth is not mistaken for a season), the typical year's profile (the
  median over the years, so a one-off spike does not move it) gives the **peak season**
  (the months around the strongest one) and the **swing** (peak-season level vs the rest of
  the year). 'Seasonal' needs a swing of at least ``trends.seasonal_swing_min`` (and
  ``trends.seasonal_min_points`` interest points) **and** the peak season standing out
  (``trends.peak_year_swing_min``) in at least ``trends.peak_years_share_min`` of the years,
  each year judged on the season the other years show: a pandemic run, a viral week or a launch
  peaks once and is never seasonal; a rising series with a mild summer bump is 'rising, not
  seasonal'. The **STL seasonal strength** ``max(0, 1 - var(resid) / var(seasonal + resid))``
  (period 52 weekly / 12 monthly / 365 daily) is reported beside it. Fewer than
  ``trends.min_years_for_seasonality`` years, or quarterly/yearly data, says 'not enough
  history to judge seasonality' instead of guessing;
* a **call**: rising / flat / falling × seasonal / not seasonal, thresholds from params.

The partial last period (``is_partial``) is dropped; missing weeks are counted as gaps and
bridged by linear interpolation for STL only. A category-level series (mean interest across
the category's keywords) gets the same analysis; its calls feed the verdict.

Examples
--------
>>> import numpy as np, pandas as pd
>>> ds = pd.date_range("2022-01-02", periods=52 * 4, freq="W-SUN")
>>> y = 40 + 0.1 * np.arange(ds.size) + np.random.default_rng(1).normal(0, 1, ds.size)
>>> tr = pd.DataFrame({"unique_id": "rack|DE", "keyword": "rack", "geo": "DE", "ds": ds,
...                    "y": y, "is_partial": False})
>>> res = analyse_trends(tr, {"trends": DEFAULTS})
>>> res.frame.loc[0, ["trend_call", "seasonal_call"]].tolist()
['rising', 'not seasonal']
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
from scipy import stats

from ..decisions import Decision
from ..i18n import N_
from .phrase import Months, Phrase

#: the shipped defaults of the ``trends`` params section (doctests and missing params)
DEFAULTS = {"recent_months": 3, "growth_rising_min": 0.10, "growth_falling_max": -0.10,
            "trend_p_max": 0.05, "seasonal_swing_min": 0.25, "peak_year_swing_min": 0.10,
            "peak_years_share_min": 0.6, "max_peak_months": 6, "seasonal_min_points": 1.0, "growth_min_points": 1.0,
            "min_years_for_seasonality": 2,
            "peak_month_share": 0.5, "min_periods": 12, "history_years": 5}

PERIODS = {"daily": 365, "weekly": 52, "monthly": 12, "quarterly": 4}
#: frequencies fine enough to place a season within the year
SEASONAL_FREQUENCIES = ("daily", "weekly", "monthly")
NOT_ENOUGH = N_("not enough history to judge seasonality")
#: Metrics and thresholds of the R1.1 decisions (catalog templates).
TREND_METRIC = N_("12-month growth of search interest")
TREND_THRESHOLD = N_(">= {rising:g} rising, <= {falling:g} falling")
SEASON_METRIC = N_("seasonal swing: peak-season level vs the rest of the year, trend removed")
SEASON_THRESHOLD = N_(">= {swing:g} and peaking in >= {share:.0%} of the years is seasonal")
#: Notes of a trend call (the table's ``note`` column and the reason), as the catalog knows them.
_UNCONFIRMED = N_("the change against a year earlier is below one step of the export and the slope does not "
                  "confirm it")
TREND_NOTES = (N_("not enough history for a trend"), N_("no year-ago comparison: judged on the slope"),
               _UNCONFIRMED,
               N_("growth up but the long-run slope falls (mixed signals)"),
               N_("growth down but the long-run slope rises (mixed signals)"), N_("no data"))
#: The one frequency too coarse for a season (``SEASONAL_FREQUENCIES`` are the others), for the catalog.
COARSE_FREQUENCY = N_("quarterly")
#: Google Trends' resolution: '<1' is read as 0.5, so a trend level below it is noise
TRENDS_FLOOR = 0.5
STEP = {"daily": pd.Timedelta(days=1), "weekly": pd.Timedelta(days=7)}
CATEGORY_ID = "category"
MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

STAT_COLUMNS = ["unique_id", "keyword", "geo", "frequency", "first", "last", "periods", "years",
                "gaps", "dropped_partial", "recent_mean", "year_ago_mean", "growth",
                "slope_pct_per_year", "mk_tau", "mk_p", "seasonal_strength", "seasonal_swing",
                "peak_months", "peak_years", "years_judged", "top_burst", "seasonal_why",
                "trend_call", "seasonal_call", "call", "note"]


@dataclass
class TrendAnalysis:
    """Result of :func:`analyse_trends`.

    Attributes
    ----------
    frame : one row per series (``STAT_COLUMNS``), the category row last
    decisions : ``R1.1.trend`` and ``R1.1.seasonality`` Decisions per series
    components : ``unique_id, ds, y, trend, seasonal, resid`` (STL; NaN when not judged)
    category : the category row as a dict ({} without data)
    """

    frame: pd.DataFrame
    decisions: list[Decision] = field(default_factory=list)
    components: pd.DataFrame = field(default_factory=pd.DataFrame)
    category: dict = field(default_factory=dict)


def _p(params: dict | None) -> dict:
    return {**DEFAULTS, **((params or {}).get("trends") or {})}


def infer_frequency(ds: pd.Series) -> str:
    """'daily', 'weekly', 'monthly' or 'quarterly' from the median step between dates.

    >>> infer_frequency(pd.Series(pd.date_range("2026-01-04", periods=5, freq="W-SUN")))
    'weekly'
    >>> infer_frequency(pd.Series(pd.date_range("2020-01-01", periods=8, freq="QS")))
    'quarterly'
    """
    d = pd.Series(pd.to_datetime(ds)).sort_values().diff().dropna()
    if d.empty:
        return "weekly"
    days = d.median() / pd.Timedelta(days=1)
    return "daily" if days <= 1.5 else "weekly" if days <= 8 else "monthly" if days <= 45 else "quarterly"


def mann_kendall(y) -> tuple[float, float]:
    """Mann–Kendall trend test: (Kendall's tau, two-sided p-value), ties corrected.

    Vectorised over all pairs (n <= a few thousand points). NaNs are ignored.

    >>> tau, p = mann_kendall([1, 2, 3, 4, 5, 6, 7, 8, 9, 10])
    >>> round(tau, 2), p < 0.001
    (1.0, True)
    """
    y = np.asarray(y, float)
    y = y[~np.isnan(y)]
    n = y.size
    if n < 3:
        return float("nan"), float("nan")
    iu = np.triu_indices(n, k=1)
    s = float(np.sign(y[iu[1]] - y[iu[0]]).sum())
    _, counts = np.unique(y, return_counts=True)
    t = counts[counts > 1].astype(float)
    var = (n * (n - 1) * (2 * n + 5) - (t * (t - 1) * (2 * t + 5)).sum()) / 18.0
    if var <= 0:
        return 0.0, 1.0
    z = (s - np.sign(s)) / math.sqrt(var)
    p = float(2 * stats.norm.sf(abs(z)))
    return s / (n * (n - 1) / 2), p


def _regular(g: pd.DataFrame, freq: str) -> tuple[pd.Series, int]:
    """Series on a regular grid (gaps as NaN) and the number of missing periods."""
    s = g.set_index("ds")["y"].sort_index()
    s = s[~s.index.duplicated(keep="last")]
    if freq in ("monthly", "quarterly"):
        code = "M" if freq == "monthly" else "Q"
        s.index = s.index.to_period(code).to_timestamp()
        s = s[~s.index.duplicated(keep="last")]
        grid = pd.date_range(s.index.min(), s.index.max(), freq=f"{code}S")
    else:
        grid = pd.date_range(s.index.min(), s.index.max(), freq=STEP[freq])
        if not s.index.isin(grid).all():  # irregular anchors: snap to the nearest grid point
            s.index = grid[np.clip(grid.searchsorted(s.index), 0, grid.size - 1)]
            s = s[~s.index.duplicated(keep="last")]
    s = s.reindex(grid)
    return s, int(s.isna().sum())


def _stl(s: pd.Series, period: int):
    # statsmodels is a heavy import (~0.5 s): loaded only when a series is long enough to decompose
    from statsmodels.tsa.seasonal import STL

    filled = s.interpolate(limit_direction="both")
    # daily (period 365): evaluate the trend and low-pass smoothers every ~tenth of a period and
    # interpolate between (STL's 'jump' speed-up): same components within noise, ~25x faster
    jump = 1 if period <= 52 else math.ceil(period / 10)
    res = STL(filled.to_numpy(float), period=period, robust=True, trend_jump=jump, low_pass_jump=jump).fit()
    return (pd.Series(res.trend, s.index), pd.Series(res.seasonal, s.index),
            pd.Series(res.resid, s.index))


def monthly_means(s: pd.Series, frequency: str) -> pd.Series:
    """Calendar-month means of a regular series, one row per month (NaN for a month without data).

    A week counts in the month of its middle day (Google's weeks start on Sunday).

    >>> ds = pd.date_range("2024-01-28", periods=6, freq="W-SUN")
    >>> monthly_means(pd.Series([1.0, 1, 3, 3, 3, 3], ds), "weekly").tolist()
    [1.0, 2.5, 3.0]
    """
    v = s.dropna()
    if v.empty:
        return pd.Series(dtype=float)
    idx = v.index + pd.Timedelta(days=3) if frequency == "weekly" else v.index
    m = v.groupby(idx.to_period("M")).mean()
    m = m.reindex(pd.period_range(m.index.min(), m.index.max(), freq="M"))
    m.index = m.index.to_timestamp()
    return m.astype(float)


def _peak_season(profile: pd.Series, share: float, max_months: int) -> list[int]:
    """Months (1-12) around the strongest one whose effect is >= ``share`` of the strongest's."""
    center = int(profile.idxmax())
    base = float(profile.median())
    cut = base + share * (float(profile[center]) - base)
    peak = [center]
    left = right = center
    while len(peak) < max_months:
        nxt_l, nxt_r = (left - 2) % 12 + 1, right % 12 + 1
        cand = [(float(profile[m]), m, side) for m, side in ((nxt_l, "l"), (nxt_r, "r"))
                if m not in peak and float(profile[m]) >= cut]
        if not cand:
            break
        _, m, side = max(cand)
        peak.append(m)
        left, right = (m, right) if side == "l" else (left, m)
    return sorted(peak)


def _month_span(months: list[int]) -> Months | str:
    """'Nov–Dec', 'Dec–Jan', 'Jun' for a contiguous (circular) run of months."""
    if not months:
        return ""
    run = sorted(months)
    if len(run) < 12:  # start after the gap of a run that wraps over the new year
        gaps = [m for m in run if (m - 2) % 12 + 1 not in run]
        start = gaps[0] if gaps else run[0]
        run = [(start - 1 + i) % 12 + 1 for i in range(len(run))]
    return Months(run)


def seasonality(s: pd.Series, params: dict | None = None, *, frequency: str | None = None) -> dict:
    """Is there a burst that recurs at the same time of year, large enough to matter for stock?

    Parameters
    ----------
    s : regular series (index = period start dates), daily, weekly, monthly or quarterly
    params : loaded params (``trends`` section); defaults when None
    frequency : the series' frequency (inferred from the dates when None)

    Returns
    -------
    dict with ``seasonal_call`` ('seasonal' / 'not seasonal' / 'not enough history to judge
    seasonality'), ``seasonal_swing`` (typical year: peak-season level over the rest of the
    year after removing the trend, minus 1), ``peak_months`` (names), ``peak_years`` (the
    years whose own peak season stood out by ``peak_year_swing_min``), ``years_judged``,
    ``year_swings`` ({year: swing}), ``top_burst`` (the highest month against its trend, e.g.
    'Mar 2020 at 4.2x its trend') and ``seasonal_why`` (one sentence).

    Examples
    --------
    >>> ds = pd.date_range("2021-01-01", periods=48, freq="MS")
    >>> y = 30 + 30 * (ds.month == 12) + 20 * (ds.month == 11)
    >>> r = seasonality(pd.Series(y, ds, dtype=float))
    >>> r["seasonal_call"], r["peak_months"], r["peak_years"]
    ('seasonal', ['Nov', 'Dec'], [2021, 2022, 2023, 2024])
    """
    p = _p(params)
    freq = frequency or infer_frequency(pd.Series(s.index))
    out = {"seasonal_call": NOT_ENOUGH, "seasonal_swing": float("nan"), "peak_months": [], "peak_years": [],
           "years_judged": 0, "year_swings": {}, "top_burst": "", "seasonal_why": ""}
    need = float(p["min_years_for_seasonality"])
    if freq not in SEASONAL_FREQUENCIES:
        out["seasonal_why"] = Phrase(N_("{freq} data is too coarse to place a season within the year"),
                                     freq=Phrase(freq))
        return out
    m = monthly_means(s.astype(float), freq)
    if not (m > 0).any():
        out["seasonal_why"] = Phrase(N_("no search interest in any period"))
        return out
    m = m.loc[m[m > 0].index[0]:]  # months before the first search (a launch) are not history
    months = int(m.notna().sum())
    if months < round(12 * need) or len(m) < 24:
        out["seasonal_why"] = Phrase(N_("{months} months of history, needs {need:g} years to see whether a peak "
                                        "comes back"), months=months, need=need)
        return out
    trend = _stl(m, 12)[0].clip(lower=TRENDS_FLOOR)
    ratio = (m / trend).dropna()
    table = pd.DataFrame({"year": ratio.index.year, "month": ratio.index.month, "r": ratio.to_numpy()}
                         ).pivot(index="year", columns="month", values="r").reindex(columns=range(1, 13))
    share, max_months = float(p["peak_month_share"]), int(p["max_peak_months"])

    def profile_of(rows: pd.DataFrame) -> pd.Series:  # the typical year: median over the years, per month
        prof = rows.median(axis=0, skipna=True)
        return prof.fillna(prof.median())

    peak = _peak_season(profile_of(table), share, max_months)
    # each year judged on the season the OTHER years show (no year picks its own peak: a one-off
    # spike or noise cannot make itself a season)
    year_swings, year_points = {}, {}
    for yr in table.index:
        row = table.loc[yr]
        others = table.drop(index=yr)
        if others.notna().sum().sum() < 12:
            continue
        pk = _peak_season(profile_of(others), share, max_months)
        rs = [k for k in range(1, 13) if k not in pk]
        got_pk, got_rs = row[pk].dropna(), row[rs].dropna()
        if len(got_pk) == len(pk) and len(got_rs) >= len(rs) / 2 and got_rs.mean() > 0:
            year_swings[int(yr)] = float(got_pk.mean() / got_rs.mean() - 1)
            lvl = m[m.index.year == yr]
            year_points[int(yr)] = float(lvl[lvl.index.month.isin(pk)].mean() - lvl[lvl.index.month.isin(rs)].mean())
    judged = len(year_swings)
    swing = float(np.median(list(year_swings.values()))) if judged else float("nan")
    points = float(np.median(list(year_points.values()))) if judged else float("nan")
    peak_years = [y for y, v in year_swings.items() if v >= float(p["peak_year_swing_min"])]
    top = ratio.idxmax()
    same_month = table[top.month].drop(index=top.year).dropna()
    one_off = (float(ratio.max()) >= 1 + float(p["seasonal_swing_min"]) and len(same_month)
               and (same_month >= 1 + float(p["seasonal_swing_min"])).mean() < float(p["peak_years_share_min"]))
    burst = Phrase(N_("{month} at {ratio:.1f}x its trend, a one-off: {name} of the other years stayed near the trend")
                   if one_off else N_("{month} at {ratio:.1f}x its trend"),
                   month=Months([top.month], year=top.year), ratio=float(ratio.max()), name=Months([top.month]))
    span = _month_span(peak)
    if judged < need:
        out.update(top_burst=burst, seasonal_why=Phrase(N_("only {judged} year(s) with the peak season and most other "
                                                            "months covered"), judged=judged))
        return out
    big = swing >= float(p["seasonal_swing_min"])
    visible = points >= float(p["seasonal_min_points"])
    recurs = len(peak_years) >= float(p["peak_years_share_min"]) * judged
    years_txt = Phrase(N_("{n} of {judged} years{listed}"), n=len(peak_years), judged=judged,
                       listed=Phrase(" ({years})", years=Phrase(", ".join(map(str, peak_years)))) if peak_years else "")
    if big and visible and recurs:
        call = "seasonal"
        extra = (Phrase(N_("; highest month {burst}"), burst=burst) if top.month not in peak  # a launch or a
                 else "")                                                                       # news spike: name it
        why = Phrase(N_("{span} is {swing:+.0%} above the rest of the year in a typical year ({points:+.0f} interest "
                        "points) and peaked in {years}{extra}"), span=span, swing=swing, points=points,
                     years=years_txt, extra=extra)
    elif big and visible:
        call = "not seasonal"
        why = Phrase(N_("{span} peaked in only {years}, needs {share:.0%} of the years: a burst that did not come "
                        "back (highest month {burst})"), span=span, years=years_txt,
                     share=float(p["peak_years_share_min"]), burst=burst)
    elif big:
        call = "not seasonal"
        why = Phrase(N_("{span} is {swing:+.0%} above the rest in a typical year but only {points:+.1f} interest "
                        "points, below the export's resolution (needs {need:g}); highest month {burst}"),
                     span=span, swing=swing, points=points, need=float(p["seasonal_min_points"]), burst=burst)
    else:
        call = "not seasonal"
        why = Phrase(N_("no season large enough: in a typical year the months the other years peak in ({span}) are "
                        "{swing:+.0%} against the rest of the year (needs {need:+.0%}; peaked in {years}); highest "
                        "month {burst}"), span=span, swing=swing, need=float(p["seasonal_swing_min"]),
                     years=years_txt, burst=burst)
    out.update(seasonal_call=call, seasonal_swing=swing, peak_months=[MONTHS[k - 1] for k in peak] if call == "seasonal" else [],
               peak_years=peak_years, years_judged=judged, year_swings=year_swings, top_burst=burst, seasonal_why=why)
    return out


def _window_mean(s: pd.Series, start: pd.Timestamp, end: pd.Timestamp) -> float:
    w = s[(s.index > start) & (s.index <= end)].dropna()
    return float(w.mean()) if len(w) else float("nan")


def series_stats(s: pd.Series, params: dict | None = None, *, frequency: str | None = None) -> tuple[dict, pd.DataFrame]:
    """Numbers and calls for one regular series (index = period start dates).

    Returns ``(row, components)``; see the module docstring for the definitions.

    >>> ds = pd.date_range("2025-01-05", periods=60, freq="W-SUN")
    >>> row, _ = series_stats(pd.Series(np.linspace(20, 40, 60), ds))
    >>> row["trend_call"], row["seasonal_call"]
    ('rising', 'not enough history to judge seasonality')
    """
    p = _p(params)
    p_all = {**(params or {}), "trends": p}
    freq = frequency or infer_frequency(pd.Series(s.index))
    period = PERIODS[freq]
    s = s.astype(float)
    valid = s.dropna()
    row: dict = {"frequency": freq, "periods": int(valid.size), "note": ""}
    comp = pd.DataFrame({"ds": s.index, "y": s.to_numpy(), "trend": np.nan, "seasonal": np.nan, "resid": np.nan})
    if valid.empty:
        row.update(first=pd.NaT, last=pd.NaT, years=0.0, recent_mean=np.nan, year_ago_mean=np.nan,
                   growth=np.nan, slope_pct_per_year=np.nan, mk_tau=np.nan, mk_p=np.nan,
                   seasonal_strength=np.nan, seasonal_swing=np.nan, peak_months=[], peak_years=[],
                   years_judged=0, top_burst="", seasonal_why=Phrase(N_("no data")), trend_call="unknown",
                   seasonal_call=NOT_ENOUGH, note=Phrase(N_("no data")))
        row["call"] = "unknown"
        return row, comp
    first, last = valid.index.min(), valid.index.max()
    years = (last - first) / pd.Timedelta(days=365.25) + 1.0 / period
    row.update(first=first, last=last, years=round(float(years), 2))
    # growth: last N months vs the same months a year earlier
    months = int(p["recent_months"])
    end = last
    start = end - pd.DateOffset(months=months)
    recent = _window_mean(s, start, end)
    ago = _window_mean(s, start - pd.DateOffset(years=1), end - pd.DateOffset(years=1))
    step = STEP.get(freq, pd.Timedelta(days=31 if freq == "monthly" else 92))
    enough_growth = first <= start - pd.DateOffset(years=1) + step
    if not enough_growth:
        ago = float("nan")
    growth = recent / ago - 1 if ago and not math.isnan(ago) and ago > 0 else float("nan")
    row.update(recent_mean=recent, year_ago_mean=ago, growth=growth)
    # seasonality: recurring, material swing (see seasonality()); STL strength reported beside it
    need = float(p["min_years_for_seasonality"])
    strength, seasonal = float("nan"), None
    season = seasonality(s, p_all, frequency=freq)
    if freq in SEASONAL_FREQUENCIES and years >= need - 1e-9 and valid.size >= 2 * period:
        trend_c, seasonal, resid = _stl(s, period)
        var_sr = float(np.var(seasonal + resid))
        strength = max(0.0, 1.0 - float(np.var(resid)) / var_sr) if var_sr > 0 else 0.0
        comp["trend"], comp["seasonal"], comp["resid"] = trend_c.to_numpy(), seasonal.to_numpy(), resid.to_numpy()
    seasonal_call = season["seasonal_call"]
    row.update(seasonal_strength=strength, seasonal_swing=season["seasonal_swing"], peak_months=season["peak_months"],
               peak_years=season["peak_years"], years_judged=season["years_judged"], top_burst=season["top_burst"],
               seasonal_why=season["seasonal_why"], seasonal_call=seasonal_call)
    # Theil-Sen slope + Mann-Kendall on the de-seasonalised series (seasonal ones only)
    hist = s.copy()
    if seasonal is not None and seasonal_call == "seasonal":
        hist = hist - seasonal
    hist = hist.dropna()
    t_years = ((hist.index - first) / pd.Timedelta(days=365.25)).to_numpy(float)
    level = float(valid.mean())
    if hist.size >= int(p["min_periods"]):
        slope = stats.theilslopes(hist.to_numpy(float), t_years)[0]
        tau, pval = mann_kendall(hist.to_numpy(float))
        slope_pct = slope / level if level > 0 else float("nan")
    else:
        slope_pct, tau, pval = float("nan"), float("nan"), float("nan")
    row.update(slope_pct_per_year=slope_pct, mk_tau=tau, mk_p=pval)
    row["trend_call"], why = trend_call(growth, slope_pct, pval, params, change_points=recent - ago)
    if why:
        row["note"] = Phrase(why)
    row["call"] = (f"{row['trend_call']}, {seasonal_call}" if seasonal_call != "not enough history to judge seasonality"
                   else f"{row['trend_call']}; not enough history to judge seasonality")
    return row, comp


def trend_call(growth: float, slope_pct: float, mk_p: float, params: dict | None = None, *,
               change_points: float = float("nan")) -> tuple[str, str]:
    """Rising / flat / falling from the 12-month growth and the Mann–Kendall-tested slope.

    Rule (thresholds in ``trends``): growth >= ``growth_rising_min`` -> rising, <=
    ``growth_falling_max`` -> falling, unless the long-run slope is significant
    (p <= ``trend_p_max``) in the other direction (then 'flat', mixed signals). Without a
    year-ago comparison, a significant slope of at least the same size per year decides. A growth made of a
    change (``change_points``: recent mean minus the mean a year earlier, in interest points) smaller than
    ``growth_min_points`` calls rising or falling only when the slope is significant the same way: Trends
    exports integers, and a keyword at 1-2 points of 100 (a small keyword beside a big one in one export)
    moves by 20 % from rounding alone.
    Too few points -> 'unknown'. Returns ``(call, note)``.

    >>> trend_call(0.2, 0.15, 0.001)
    ('rising', '')
    >>> trend_call(0.2, -0.3, 0.001)[0]
    'flat'
    >>> trend_call(-0.2, 0.0, 0.13, change_points=-0.35)[0]
    'flat'
    """
    p = _p(params)
    up, down, pmax = float(p["growth_rising_min"]), float(p["growth_falling_max"]), float(p["trend_p_max"])
    sig = not math.isnan(mk_p) and mk_p <= pmax
    sig_up = sig and slope_pct > 0
    sig_down = sig and slope_pct < 0
    if math.isnan(growth):
        if math.isnan(slope_pct):
            return "unknown", "not enough history for a trend"
        if sig_up and slope_pct >= up:
            return "rising", "no year-ago comparison: judged on the slope"
        if sig_down and slope_pct <= down:
            return "falling", "no year-ago comparison: judged on the slope"
        return "flat", "no year-ago comparison: judged on the slope"
    if abs(change_points) < float(p["growth_min_points"]) and (growth >= up and not sig_up
                                                                or growth <= down and not sig_down):
        return "flat", _UNCONFIRMED
    if growth >= up:
        return ("flat", "growth up but the long-run slope falls (mixed signals)") if sig_down else ("rising", "")
    if growth <= down:
        return ("flat", "growth down but the long-run slope rises (mixed signals)") if sig_up else ("falling", "")
    return "flat", ""


def _prepare(trends: pd.DataFrame, params: dict | None) -> tuple[pd.DataFrame, dict]:
    t = trends.copy()
    dropped: dict = {}
    if "is_partial" in t:
        part = t["is_partial"].fillna(False).astype(bool)
        dropped = t.loc[part].groupby("unique_id").size().to_dict()
        t = t.loc[~part]
    t["ds"] = pd.to_datetime(t["ds"])
    if getattr(t["ds"].dt, "tz", None) is not None:
        t["ds"] = t["ds"].dt.tz_localize(None)
    t["y"] = pd.to_numeric(t["y"], errors="coerce")
    years = float(_p(params).get("history_years") or 0)
    if years > 0 and len(t):
        t = t[t["ds"] > t["ds"].max() - pd.DateOffset(years=int(math.ceil(years))) - pd.Timedelta(days=7)]
    return t, dropped


def analyse_trends(trends: pd.DataFrame, params: dict | None = None, *, category: str = "",
                   period: str = "", source_file: str = "") -> TrendAnalysis:
    """Growth, slope, seasonality and calls per ``keyword|geo`` plus the category level.

    Parameters
    ----------
    trends : canonical trends frame
    params : loaded params (``trends`` and ``research`` sections); defaults when None
    category, period, source_file : recorded in the Decisions

    Returns
    -------
    TrendAnalysis
    """
    p = params or {"trends": DEFAULTS}
    t, dropped = _prepare(trends, p)
    rows, comps = [], []
    if len(t):
        freq = infer_frequency(t.loc[t["unique_id"] == t["unique_id"].iloc[0], "ds"])
        groups = list(t.groupby("unique_id", sort=True))
        regular = {}
        for uid, g in groups:
            s, gaps = _regular(g, freq)
            regular[uid] = s
            row, comp = series_stats(s, p, frequency=freq)
            row.update(unique_id=uid, keyword=str(g["keyword"].iloc[0]) if "keyword" in g else uid,
                       geo=str(g["geo"].iloc[0]) if "geo" in g else "", gaps=gaps,
                       dropped_partial=int(dropped.get(uid, 0)))
            rows.append(row)
            comps.append(comp.assign(unique_id=uid))
        if len(groups) > 1:
            # category level: mean interest across keywords per period (one scale per export)
            cat = pd.concat(regular, axis=1).mean(axis=1, skipna=True)
            row, comp = series_stats(cat, p, frequency=freq)
            geos = sorted({r["geo"] for r in rows})
            row.update(unique_id=CATEGORY_ID, keyword=Phrase(N_("all {n} keywords (mean)"), n=len(groups)),
                       geo=",".join(geos),
                       gaps=int(cat.isna().sum()), dropped_partial=int(sum(dropped.values())))
            rows.append(row)
            comps.append(comp.assign(unique_id=CATEGORY_ID))
    frame = pd.DataFrame(rows, columns=STAT_COLUMNS) if rows else pd.DataFrame(columns=STAT_COLUMNS)
    components = (pd.concat(comps, ignore_index=True)[["unique_id", "ds", "y", "trend", "seasonal", "resid"]]
                  if comps else pd.DataFrame(columns=["unique_id", "ds", "y", "trend", "seasonal", "resid"]))
    decisions = []
    for r in frame.to_dict("records"):
        decisions += trend_decisions(r, p, category=category, period=period, source_file=source_file)
    cat_row = frame.iloc[-1].to_dict() if len(frame) else {}
    return TrendAnalysis(frame=frame, decisions=decisions, components=components, category=cat_row)


def _pct(x: float) -> str:
    return "n/a" if x is None or (isinstance(x, float) and math.isnan(x)) else f"{x:+.0%}"


def trend_decisions(row: dict, params: dict | None, *, category: str = "", period: str = "",
                    source_file: str = "") -> list[Decision]:
    """The two R1.1 Decisions of one analysed series: ``R1.1.trend`` and ``R1.1.seasonality``.

    The verdicts come from ``research.trend_verdicts`` (rising go / flat watch / falling
    reject by default) and ``research.seasonal_verdict``; a missing history gives 'unknown'.

    >>> row = {"unique_id": "rack|DE", "trend_call": "rising", "growth": 0.21, "slope_pct_per_year": 0.18,
    ...        "mk_p": 0.0001, "seasonal_call": "not seasonal", "seasonal_strength": 0.1, "seasonal_swing": 0.04,
    ...        "peak_months": [], "seasonal_why": "the strongest season (Jul) is only +4% above the rest"}
    >>> [d.verdict for d in trend_decisions(row, None)]
    ['go', 'go']
    """
    p = _p(params)
    rp = (params or {}).get("research") or {}
    verdicts = {"rising": "go", "flat": "watch", "falling": "reject", **(rp.get("trend_verdicts") or {})}
    uid = str(row["unique_id"])
    call = row["trend_call"]
    growth, slope, mk_p = row.get("growth"), row.get("slope_pct_per_year"), row.get("mk_p")
    nums = (Phrase(N_("12-month growth {growth} (last {months} months vs a year earlier), slope {slope}/year "
                      "(Mann–Kendall {p})"), growth=_pct(growth), months=p["recent_months"], slope=_pct(slope),
                   p="p<0.001" if mk_p < 0.001 else f"p={mk_p:.3f}")
            if mk_p is not None and not math.isnan(mk_p)
            else Phrase(N_("12-month growth {growth}"), growth=_pct(growth)))
    if call == "unknown":
        reason = Phrase(N_("not enough history to call a trend ({n} periods)"), n=row["periods"])
    else:
        reason = Phrase(N_("interest is {call}: {nums}{note}"), call=Phrase(call), nums=nums,
                        note=Phrase("; {note}", note=Phrase(row["note"])) if row.get("note") else "")
    d_trend = Decision(unique_id=uid, rule="R1.1.trend", metric=TREND_METRIC, value=growth,
                       threshold=Phrase(TREND_THRESHOLD, rising=float(p["growth_rising_min"]),
                                        falling=float(p["growth_falling_max"])),
                       verdict=verdicts.get(call, "unknown"), reason=reason, source_file=source_file,
                       category=category, period=period, params_key="trends.growth_rising_min",
                       inputs={"call": call, "slope_pct_per_year": slope, "mk_p": mk_p})
    sc = row["seasonal_call"]
    strength, swing = row.get("seasonal_strength"), row.get("seasonal_swing")
    peaks = list(row.get("peak_months") or [])
    why = row.get("seasonal_why") or ""
    stl = (Phrase(N_("; STL seasonal strength {strength:.2f}"), strength=strength)
           if isinstance(strength, (int, float)) and not math.isnan(strength) else "")
    if sc == "seasonal":
        verdict = rp.get("seasonal_verdict", "watch")
        reason = Phrase(N_("seasonal: {why}{stl}"), why=why, stl=stl)
    elif sc == "not seasonal":
        verdict = "go"
        reason = Phrase(N_("not seasonal: {why}{stl}"), why=why, stl=stl)
    else:
        verdict = "unknown"
        reason = Phrase("{not_enough} ({why})", not_enough=Phrase(NOT_ENOUGH), why=why) if why else Phrase(NOT_ENOUGH)
    d_season = Decision(unique_id=uid, rule="R1.1.seasonality",
                        metric=SEASON_METRIC, value=swing,
                        threshold=Phrase(SEASON_THRESHOLD, swing=float(p["seasonal_swing_min"]),
                                         share=float(p["peak_years_share_min"])),
                        verdict=verdict, reason=reason, source_file=source_file, category=category, period=period,
                        params_key="trends.seasonal_swing_min",
                        inputs={"call": sc, "peak_months": peaks, "peak_years": list(row.get("peak_years") or []),
                                "years_judged": row.get("years_judged"), "seasonal_strength": strength,
                                "years": row.get("years")})
    return [d_trend, d_season]


def category_summary(analysis: TrendAnalysis) -> dict:
    """One-line demand summary across keywords: the category call and how many keywords agree.

    >>> category_summary(TrendAnalysis(frame=pd.DataFrame(columns=STAT_COLUMNS)))["call"]
    'unknown'
    """
    f = analysis.frame
    if f.empty:
        return {"call": "unknown", "trend_call": "unknown", "seasonal_call": "not enough history to judge seasonality",
                "keywords": 0, "rising": 0, "flat": 0, "falling": 0, "growth": float("nan"),
                "seasonal_strength": float("nan"), "seasonal_swing": float("nan"), "peak_months": [],
                "peak_years": [], "seasonal_why": ""}
    kw = f[f["unique_id"] != CATEGORY_ID]
    cat = f.iloc[-1]
    counts = kw["trend_call"].value_counts()
    return {"call": cat["call"], "trend_call": cat["trend_call"], "seasonal_call": cat["seasonal_call"],
            "keywords": int(len(kw)), "rising": int(counts.get("rising", 0)), "flat": int(counts.get("flat", 0)),
            "falling": int(counts.get("falling", 0)), "growth": cat["growth"],
            "seasonal_strength": cat["seasonal_strength"], "seasonal_swing": cat["seasonal_swing"],
            "peak_months": list(cat["peak_months"] or []), "peak_years": list(cat["peak_years"] or []),
            "seasonal_why": cat["seasonal_why"]}
