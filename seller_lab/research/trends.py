"""R1.1 demand from Google Trends: growth, trend slope, seasonality and a call per keyword.

Works on the canonical ``trends`` frame (``seller_lab.schemas``: ``unique_id, keyword, geo,
ds, y, is_partial``) as the importers produce it from a Trends CSV export (``<1`` already read
as 0.5) or from pytrends. Per ``keyword|geo`` series:

* **growth**: mean interest of the last ``trends.recent_months`` months vs the same months a
  year earlier (``None`` when the history does not reach back that far);
* **Theil–Sen slope** (``scipy.stats.theilslopes``) of the de-seasonalised series, in % of
  the mean level per year, with a **Mann–Kendall** p-value (S statistic with the tie
  correction, normal approximation);
* **seasonal strength** from an STL decomposition (period 52 weekly / 12 monthly / 365 daily)
  ``max(0, 1 - var(resid) / var(seasonal + resid))`` on at least
  ``trends.min_years_for_seasonality`` years, with the peak months; a shorter history says
  'not enough history to judge seasonality' instead of guessing;
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

#: the shipped defaults of the ``trends`` params section (doctests and missing params)
DEFAULTS = {"recent_months": 3, "growth_rising_min": 0.10, "growth_falling_max": -0.10,
            "trend_p_max": 0.05, "seasonal_strength_min": 0.40, "min_years_for_seasonality": 2,
            "peak_month_share": 0.5, "min_periods": 12, "history_years": 5}

PERIODS = {"daily": 365, "weekly": 52, "monthly": 12}
STEP = {"daily": pd.Timedelta(days=1), "weekly": pd.Timedelta(days=7)}
CATEGORY_ID = "category"
MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

STAT_COLUMNS = ["unique_id", "keyword", "geo", "frequency", "first", "last", "periods", "years",
                "gaps", "dropped_partial", "recent_mean", "year_ago_mean", "growth",
                "slope_pct_per_year", "mk_tau", "mk_p", "seasonal_strength", "peak_months",
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
    """'daily', 'weekly' or 'monthly' from the median step between dates.

    >>> infer_frequency(pd.Series(pd.date_range("2026-01-04", periods=5, freq="W-SUN")))
    'weekly'
    """
    d = pd.Series(pd.to_datetime(ds)).sort_values().diff().dropna()
    if d.empty:
        return "weekly"
    days = d.median() / pd.Timedelta(days=1)
    return "daily" if days <= 1.5 else "weekly" if days <= 8 else "monthly"


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
    if freq == "monthly":
        s.index = s.index.to_period("M").to_timestamp()
        grid = pd.date_range(s.index.min(), s.index.max(), freq="MS")
    else:
        grid = pd.date_range(s.index.min(), s.index.max(), freq=STEP[freq])
        if not s.index.isin(grid).all():  # irregular anchors: snap to the nearest grid point
            s.index = grid[np.clip(grid.searchsorted(s.index), 0, grid.size - 1)]
            s = s[~s.index.duplicated(keep="last")]
    s = s.reindex(grid)
    return s, int(s.isna().sum())


def _stl(s: pd.Series, period: int):
    from statsmodels.tsa.seasonal import STL

    filled = s.interpolate(limit_direction="both")
    res = STL(filled.to_numpy(float), period=period, robust=True).fit()
    return (pd.Series(res.trend, s.index), pd.Series(res.seasonal, s.index),
            pd.Series(res.resid, s.index))


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
    freq = frequency or infer_frequency(pd.Series(s.index))
    period = PERIODS[freq]
    s = s.astype(float)
    valid = s.dropna()
    row: dict = {"frequency": freq, "periods": int(valid.size), "note": ""}
    comp = pd.DataFrame({"ds": s.index, "y": s.to_numpy(), "trend": np.nan, "seasonal": np.nan, "resid": np.nan})
    if valid.empty:
        row.update(first=pd.NaT, last=pd.NaT, years=0.0, recent_mean=np.nan, year_ago_mean=np.nan,
                   growth=np.nan, slope_pct_per_year=np.nan, mk_tau=np.nan, mk_p=np.nan,
                   seasonal_strength=np.nan, peak_months=[], trend_call="unknown",
                   seasonal_call="not enough history to judge seasonality", note="no data")
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
    step = STEP.get(freq, pd.Timedelta(days=31))
    enough_growth = first <= start - pd.DateOffset(years=1) + step
    if not enough_growth:
        ago = float("nan")
    growth = recent / ago - 1 if ago and not math.isnan(ago) and ago > 0 else float("nan")
    row.update(recent_mean=recent, year_ago_mean=ago, growth=growth)
    # seasonality (STL) on >= min_years, else say so
    need = float(p["min_years_for_seasonality"])
    strength, peaks, seasonal = float("nan"), [], None
    if years >= need - 1e-9 and valid.size >= 2 * period:
        trend_c, seasonal, resid = _stl(s, period)
        var_sr = float(np.var(seasonal + resid))
        strength = max(0.0, 1.0 - float(np.var(resid)) / var_sr) if var_sr > 0 else 0.0
        comp["trend"], comp["seasonal"], comp["resid"] = trend_c.to_numpy(), seasonal.to_numpy(), resid.to_numpy()
        by_month = seasonal.groupby(seasonal.index.month).mean()
        top = by_month.max()
        if top > 0:
            peaks = [MONTHS[m - 1] for m in by_month.index[by_month >= float(p["peak_month_share"]) * top]]
        seasonal_call = "seasonal" if strength >= float(p["seasonal_strength_min"]) else "not seasonal"
        if seasonal_call == "not seasonal":
            peaks = []  # no peak to speak of
    else:
        seasonal_call = "not enough history to judge seasonality"
    row.update(seasonal_strength=strength, peak_months=peaks, seasonal_call=seasonal_call)
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
    row["trend_call"], why = trend_call(growth, slope_pct, pval, params)
    if why:
        row["note"] = why
    row["call"] = (f"{row['trend_call']}, {seasonal_call}" if seasonal_call != "not enough history to judge seasonality"
                   else f"{row['trend_call']}; not enough history to judge seasonality")
    return row, comp


def trend_call(growth: float, slope_pct: float, mk_p: float, params: dict | None = None) -> tuple[str, str]:
    """Rising / flat / falling from the 12-month growth and the Mann–Kendall-tested slope.

    Rule (thresholds in ``trends``): growth >= ``growth_rising_min`` -> rising, <=
    ``growth_falling_max`` -> falling, unless the long-run slope is significant
    (p <= ``trend_p_max``) in the other direction (then 'flat', mixed signals). Without a
    year-ago comparison, a significant slope of at least the same size per year decides.
    Too few points -> 'unknown'. Returns ``(call, note)``.

    >>> trend_call(0.2, 0.15, 0.001)
    ('rising', '')
    >>> trend_call(0.2, -0.3, 0.001)[0]
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
            row.update(unique_id=CATEGORY_ID, keyword=f"all {len(groups)} keywords (mean)", geo=",".join(geos),
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
    ...        "mk_p": 0.0001, "seasonal_call": "not seasonal", "seasonal_strength": 0.1, "peak_months": []}
    >>> [d.verdict for d in trend_decisions(row, None)]
    ['go', 'go']
    """
    p = _p(params)
    rp = (params or {}).get("research") or {}
    verdicts = {"rising": "go", "flat": "watch", "falling": "reject", **(rp.get("trend_verdicts") or {})}
    uid = str(row["unique_id"])
    call = row["trend_call"]
    growth, slope, mk_p = row.get("growth"), row.get("slope_pct_per_year"), row.get("mk_p")
    nums = (f"12-month growth {_pct(growth)} (last {p['recent_months']} months vs a year earlier), "
            f"slope {_pct(slope)}/year (Mann–Kendall {'p<0.001' if mk_p < 0.001 else f'p={mk_p:.3f}'})" if mk_p is not None and not math.isnan(mk_p)
            else f"12-month growth {_pct(growth)}")
    if call == "unknown":
        reason = f"not enough history to call a trend ({row.get('periods', 0)} periods)"
    else:
        reason = f"interest is {call}: {nums}"
        if row.get("note"):
            reason += f"; {row['note']}"
    d_trend = Decision(unique_id=uid, rule="R1.1.trend", metric="12-month growth of search interest",
                       value=growth, threshold=f">= {p['growth_rising_min']:g} rising, <= {p['growth_falling_max']:g} falling",
                       verdict=verdicts.get(call, "unknown"), reason=reason, source_file=source_file,
                       category=category, period=period, params_key="trends.growth_rising_min",
                       inputs={"call": call, "slope_pct_per_year": slope, "mk_p": mk_p})
    sc = row["seasonal_call"]
    strength = row.get("seasonal_strength")
    peaks = list(row.get("peak_months") or [])
    if sc == "seasonal":
        verdict = rp.get("seasonal_verdict", "watch")
        reason = (f"seasonal: STL seasonal strength {strength:.2f} >= {p['seasonal_strength_min']:g}"
                  + (f", peak {'–'.join([peaks[0], peaks[-1]]) if len(peaks) > 1 else peaks[0]}" if peaks else ""))
    elif sc == "not seasonal":
        verdict = "go"
        reason = f"not seasonal: STL seasonal strength {strength:.2f} < {p['seasonal_strength_min']:g}"
    else:
        verdict = "unknown"
        reason = (f"not enough history to judge seasonality ({row.get('years', 0):.1f} years, "
                  f"needs {p['min_years_for_seasonality']})")
    d_season = Decision(unique_id=uid, rule="R1.1.seasonality", metric="STL seasonal strength (0-1)",
                        value=strength, threshold=f"< {p['seasonal_strength_min']:g}", verdict=verdict,
                        reason=reason, source_file=source_file, category=category, period=period,
                        params_key="trends.seasonal_strength_min",
                        inputs={"call": sc, "peak_months": peaks, "years": row.get("years")})
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
                "seasonal_strength": float("nan"), "peak_months": []}
    kw = f[f["unique_id"] != CATEGORY_ID]
    cat = f.iloc[-1]
    counts = kw["trend_call"].value_counts()
    return {"call": cat["call"], "trend_call": cat["trend_call"], "seasonal_call": cat["seasonal_call"],
            "keywords": int(len(kw)), "rising": int(counts.get("rising", 0)), "flat": int(counts.get("flat", 0)),
            "falling": int(counts.get("falling", 0)), "growth": cat["growth"],
            "seasonal_strength": cat["seasonal_strength"], "peak_months": list(cat["peak_months"] or [])}
