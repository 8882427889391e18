"""SKU forecasts (R3.2) at the data's own frequency, vectorised across SKUs,
statsforecast-style long frames.

Daily, weekly, monthly, quarterly or yearly sales are forecast in their own periods
(:mod:`.frequency` infers the calendar from the dates; ``freq=`` overrides it): the season
length, the horizon, the backtest windows and the output dates all follow it; a weekly or
monthly file is never spread over days with zeros. ``chosen`` converts the forecast to a
daily rate explicitly (units per period / calendar days per period) for stock planning.

Every model runs as ONE pass over the periods of a 2-D array (series x periods): each step
updates the state of all series (and all smoothing-parameter candidates) at once with
numpy. The same pass records the state at every rolling-origin cut, so fitting, the
backtest and the final forecast cost a single sweep per model.

Models (names are the forecast columns):

- ``SeasonalNaive``: the value one season earlier (``forecast.season_length`` days for
  daily data, ``forecast.by_frequency.<W|M|Q|Y>.season_length`` periods otherwise).
- ``SES``: simple exponential smoothing; alpha chosen per series from
  ``forecast.ses_alphas`` by in-sample one-step squared error.
- ``SeasonalES``: additive level + season (error-correction form), alpha/gamma
  from ``forecast.seasonal_es_alphas`` x ``forecast.season_gammas``.
- ``CrostonClassic`` / ``CrostonSBA``: Croston on demand sizes and intervals (SBA
  multiplies by ``1 - alpha/2``); alpha from ``forecast.croston_alphas``.
- ``TSB``: Teunter-Syntetos-Babai, demand probability updated every day; alphas from
  ``forecast.tsb_alphas`` x ``forecast.tsb_prob_alphas``.

A rolling-origin backtest (``forecast.backtest_windows`` windows of ``horizon`` periods)
scores each model per series by MASE and RMSSE (scaled by the in-sample naive error)
and picks the method per series (``forecast.selection_metric``): the best model over
all series unless a series' own best beats it by ``forecast.selection_margin``. Prediction intervals are
empirical: quantiles of that model's backtest errors for the series.

Examples
--------
>>> import pandas as pd
>>> from seller_lab.params import load_params
>>> p = load_params()
>>> days = pd.date_range("2026-01-01", periods=120, freq="D")
>>> s = pd.DataFrame({"unique_id": "A", "ds": days, "y": [0.0, 2.0, 0.0, 1.0] * 30})
>>> res = forecast(s, p, horizon=7)
>>> res.forecasts.columns[:5].tolist()
['unique_id', 'ds', 'forecast', 'forecast-lo-80', 'forecast-hi-80']
>>> len(res.forecasts), res.chosen["method"].iloc[0] in MODELS
(7, True)
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass

import numpy as np
import pandas as pd

from ..errors import SellerLabError
from ..schemas import ORDER_CANCELLED
from .frequency import (
    FrequencyInfo,
    describe,
    horizon_periods,
    infer_frequency,
    kind_of,
    next_periods,
    period_days,
    period_ordinals,
    snap,
)
from .settings import ForecastSettings

MODELS = ("SeasonalNaive", "SES", "SeasonalES", "CrostonClassic", "CrostonSBA", "TSB")


@dataclass(frozen=True)
class ForecastResult:
    """Result of :func:`forecast`.

    Attributes
    ----------
    forecasts : DataFrame
        ``unique_id, ds, forecast, forecast-lo-<L>, forecast-hi-<L>, method`` (the chosen
        model per series) followed by ``<model>, <model>-lo-<L>, <model>-hi-<L>`` for every
        model.
    accuracy : DataFrame
        Long backtest table ``unique_id, model, mase, rmsse, chosen``.
    chosen : DataFrame
        One row per series: ``unique_id, method, mase, rmsse, daily_mean, error_sd,
        history_days, last_ds, freq, period_mean, error_sd_period, history_periods,
        rate_basis``. ``daily_mean`` and ``error_sd`` are per calendar day whatever the
        frequency (``rate_basis`` says how they were converted); ``period_mean`` and
        ``error_sd_period`` are per period of ``freq``.
    level : int
        Interval level in percent.
    freq : str
        Frequency alias of the series (``D``, ``W-SUN``, ``MS`` ...).
    note : str
        How the frequency was found (inferred from the dates or given).
    """

    forecasts: pd.DataFrame
    accuracy: pd.DataFrame
    chosen: pd.DataFrame
    level: int
    freq: str = "D"
    note: str = ""


# ------------------------------------------------------------------------------------
# frames <-> arrays
# ------------------------------------------------------------------------------------
def daily_series(orders: pd.DataFrame, *, timezone: str = "UTC", end=None,
                 exclude_status=ORDER_CANCELLED, zero_fill: bool = True) -> pd.DataFrame:
    """Orders -> daily units per SKU (``unique_id, ds, y``), zero-filled.

    Each SKU's series runs from its first sale to ``end`` (default: the last order
    day of the whole frame); days without an order are 0 (``zero_fill=False`` keeps only
    the days with orders). Purchase times are turned into calendar days in the market's
    ``timezone``; cancelled orders do not count.

    >>> o = pd.DataFrame({"sku": ["A", "A"], "units": [2, 1],
    ...     "ds": pd.to_datetime(["2026-01-01 10:00", "2026-01-03 23:30"], utc=True)})
    >>> daily_series(o, timezone="Europe/Berlin")["y"].tolist()
    [2.0, 0.0, 0.0, 1.0]
    """
    if orders is None or len(orders) == 0:
        return pd.DataFrame({"unique_id": pd.Series(dtype="str"),
                             "ds": pd.Series(dtype="datetime64[ns]"),
                             "y": pd.Series(dtype="float64")})
    o = orders
    if "status" in o.columns and exclude_status:
        o = o[~o["status"].astype("str").str.lower().isin(list(exclude_status))]
    ts = pd.to_datetime(o["ds"], utc=True)
    day = ts.dt.tz_convert(timezone).dt.tz_localize(None).dt.normalize()
    g = (pd.DataFrame({"unique_id": o["sku"].astype("str").to_numpy(), "ds": day.to_numpy(),
                       "y": pd.to_numeric(o["units"], errors="coerce").fillna(0).to_numpy(float)})
         .groupby(["unique_id", "ds"], as_index=False)["y"].sum())
    end = g["ds"].max() if end is None else pd.Timestamp(end).normalize()
    g = g[g["ds"] <= end]
    return _zero_fill(g, end) if zero_fill else g.reset_index(drop=True)


def _zero_fill(g: pd.DataFrame, end) -> pd.DataFrame:
    first = g.groupby("unique_id")["ds"].min()
    n_days = ((pd.Timestamp(end) - first).dt.days + 1).clip(lower=1).to_numpy()
    ids = np.repeat(first.index.to_numpy(dtype=object), n_days)
    starts = np.repeat(first.to_numpy(), n_days)
    offset = np.arange(n_days.sum()) - np.repeat(np.cumsum(n_days) - n_days, n_days)
    full = pd.DataFrame({"unique_id": pd.array(ids, dtype="str"),
                         "ds": starts + offset.astype("timedelta64[D]")})
    out = full.merge(g, on=["unique_id", "ds"], how="left")
    out["y"] = out["y"].fillna(0.0).astype(float)
    return out


def to_matrix(series: pd.DataFrame, freq: str = "D"):
    """Long ``unique_id, ds, y`` -> (ids, dates, Y, valid) on the calendar of ``freq``.

    ``Y`` is series x periods on one grid of that frequency (dates are snapped to their
    period's label date; rows of one period add up); periods before a series' first row
    are not valid (NaN); periods without a row after it count as 0 (no sale).

    >>> s = pd.DataFrame({"unique_id": ["a", "b", "b"], "y": [1.0, 2.0, 3.0],
    ...                   "ds": pd.to_datetime(["2026-01-02", "2026-01-01", "2026-01-02"])})
    >>> ids, dates, Y, valid = to_matrix(s)
    >>> ids.tolist(), Y.tolist()
    (['a', 'b'], [[nan, 1.0], [2.0, 3.0]])
    >>> m = pd.DataFrame({"unique_id": "a", "y": [4.0, 1.0],
    ...                   "ds": pd.to_datetime(["2026-01-31", "2026-03-31"])})
    >>> ids, dates, Y, valid = to_matrix(m, "ME")
    >>> dates.strftime("%m-%d").tolist(), Y.tolist()
    (['01-31', '02-28', '03-31'], [[4.0, 0.0, 1.0]])
    """
    missing = {"unique_id", "ds", "y"} - set(series.columns)
    if missing:
        raise SellerLabError(f"series frame lacks column(s) {sorted(missing)}; expected "
                             "unique_id, ds, y (see seller_lab.schemas 'series')")
    ds = pd.to_datetime(series["ds"])
    if getattr(ds.dt, "tz", None) is not None:
        ds = ds.dt.tz_localize(None)
    ds = snap(ds, freq)
    codes, ids = series_codes(series["unique_id"])
    ords = period_ordinals(ds, freq)
    o0 = ords.min()
    col = ords - o0
    T = int(col.max()) + 1
    dates = pd.date_range(ds.min(), periods=T, freq=freq)
    y = pd.to_numeric(series["y"], errors="coerce").fillna(0.0).to_numpy(float)
    Y = np.zeros((len(ids), T))
    np.add.at(Y, (codes, col), y)
    start = np.full(len(ids), T)
    np.minimum.at(start, codes, col)
    valid = np.arange(T)[None, :] >= start[:, None]
    Y[~valid] = np.nan
    return np.asarray(ids, dtype=object), dates, Y, valid


def series_codes(uid: pd.Series) -> tuple[np.ndarray, pd.Index]:
    """Integer code per row and the sorted SKU names (a categorical column is coded
    without turning every row into a string).

    >>> codes, ids = series_codes(pd.Series(pd.Categorical(["b", "a", "b"])))
    >>> codes.tolist(), ids.tolist()
    ([1, 0, 1], ['a', 'b'])
    """
    if isinstance(uid.dtype, pd.CategoricalDtype):
        cat = uid.cat.remove_unused_categories()
        names = pd.Index(cat.cat.categories.astype(str))
        order = np.argsort(np.asarray(names, dtype=object), kind="stable")
        rank = np.empty_like(order)
        rank[order] = np.arange(len(order))
        return rank[cat.cat.codes.to_numpy()], names[order]
    codes, ids = pd.factorize(uid.astype("str"), sort=True)
    return codes, pd.Index(ids)


def frequency_settings(params: dict | ForecastSettings, freq: str) -> dict:
    """Season length, default horizon and minimum training length, in periods of ``freq``.

    >>> from seller_lab.params import load_params
    >>> frequency_settings(load_params(), "W-SUN")["season_length"]
    52
    """
    fc = ForecastSettings.of(params)
    k = kind_of(freq)
    if k == "D":
        return {"season_length": fc.season_length, "horizon": fc.horizon_days, "min_train": fc.min_train_days}
    b = fc.by_frequency[k]
    return {"season_length": int(b["season_length"]), "horizon": int(b["horizon"]),
            "min_train": int(b["min_train"])}


# ------------------------------------------------------------------------------------
# vectorised models: one pass over time, snapshots at the origins
# ------------------------------------------------------------------------------------
def _pick(arr, k):
    """arr (n, K) -> (n,) picking column k[i] per row."""
    return arr[np.arange(arr.shape[0]), k]


def _starts(valid: np.ndarray) -> np.ndarray:
    """First valid period per series (T when never valid)."""
    T = valid.shape[1]
    return np.where(valid.any(axis=1), np.argmax(valid, axis=1), T)


def _ses(Y, valid, origins, h, alphas):
    # In-place, masked updates: a series that is not updated gets an error of 0, so no
    # np.where temporaries are needed on the (series x candidates) state.
    n, T = Y.shape
    a = np.asarray(alphas, float)[None, :]
    K = a.shape[1]
    Y0 = np.nan_to_num(Y)
    start = _starts(valid)
    level = np.zeros((n, K))
    sse = np.zeros((n, K))
    e = np.empty((n, K))
    sq = np.empty((n, K))
    out = np.full((n, len(origins), h), np.nan)
    snap = {o: i for i, o in enumerate(origins)}
    for t in range(T + 1):
        if t in snap:
            k = np.argmin(sse, axis=1)
            out[:, snap[t], :] = np.where(start < t, _pick(level, k), np.nan)[:, None]
        if t == T:
            break
        np.subtract(Y0[:, t, None], level, out=e)
        if t > start.min():
            e *= (start < t)[:, None]          # updated only after the first observation
            np.multiply(e, e, out=sq)
            sse += sq
            e *= a
            level += e
        first = start == t
        if first.any():
            level[first] = Y0[first, t][:, None]
    return out


def _seasonal_es(Y, valid, origins, h, alphas, gammas, m):
    n, T = Y.shape
    grid = np.array([(a, g) for a in alphas for g in gammas], float)
    a, g = grid[:, 0][None, :], grid[:, 1][None, :]
    K = len(grid)
    Y0 = np.nan_to_num(Y)
    start = _starts(valid)
    level = np.full((n, K), np.nan)
    season = np.zeros((m, n, K))                      # phase-major: season[p] is contiguous
    sse = np.zeros((n, K))
    e = np.empty((n, K))
    tmp = np.empty((n, K))
    out = np.full((n, len(origins), h), np.nan)
    snap = {o: i for i, o in enumerate(origins)}
    rows = np.arange(n)
    for t in range(T + 1):
        if t in snap:
            k = np.argmin(sse, axis=1)
            phases = (t + np.arange(h)) % m
            s = season[phases][:, rows, k].T                # (n, h)
            out[:, snap[t], :] = _pick(level, k)[:, None] + s
        if t == T:
            break
        p = t % m
        est = t >= start + m                                 # warmed up: error-correction update
        if est.any():
            np.subtract(Y0[:, t, None], level, out=e)
            e -= season[p]
            if not est.all():
                e[~est] = 0.0
            np.multiply(e, e, out=tmp)
            sse += tmp
            np.multiply(e, g, out=tmp)
            season[p] += tmp
            e *= a
            level += e
        done = start + m - 1 == t                            # the first m periods initialise
        if done.any():
            idx = np.flatnonzero(done)
            warm = Y0[idx[:, None], t - m + 1 + np.arange(m)[None, :]]      # (d, m) by time
            lv = warm.mean(axis=1)
            ph = (t - m + 1 + np.arange(m)) % m
            level[idx] = lv[:, None]
            season[ph[:, None], idx[None, :]] = (warm - lv[:, None]).T[:, :, None]
    return out


def _croston(Y, valid, origins, h, alphas):
    n, T = Y.shape
    a = np.asarray(alphas, float)[None, :]
    K = a.shape[1]
    Y0 = np.nan_to_num(Y)
    z = np.zeros((n, K))
    p = np.ones((n, K))
    q = np.zeros(n)
    seen = np.zeros(n, bool)
    sse = np.zeros((n, K))
    f = np.empty((n, K))
    classic = np.full((n, len(origins), h), np.nan)
    sba = np.full_like(classic, np.nan)
    snap = {o: i for i, o in enumerate(origins)}
    start = _starts(valid)
    for t in range(T + 1):
        if t in snap:
            k = np.argmin(sse, axis=1)
            fk = np.where(seen, _pick(z, k) / _pick(p, k), 0.0)
            fk = np.where(start < t, fk, np.nan)
            classic[:, snap[t], :] = fk[:, None]
            sba[:, snap[t], :] = (fk * (1.0 - _pick(np.broadcast_to(a, z.shape), k) / 2))[:, None]
        if t == T:
            break
        v = start <= t
        y = Y0[:, t]
        q += v
        dem = v & (y > 0)
        # before the first demand z = 0 and y = 0, so the error is 0 without a mask
        np.divide(z, p, out=f)
        np.subtract(y[:, None], f, out=f)
        f *= f
        sse += f
        upd = dem & seen
        if upd.any():
            i = np.flatnonzero(upd)
            z[i] += a * (y[i, None] - z[i])
            p[i] += a * (q[i, None] - p[i])
        first = dem & ~seen
        if first.any():
            z[first] = y[first][:, None]
            p[first] = q[first][:, None]
            seen |= first
        q[dem] = 0.0
    return classic, sba


def _tsb(Y, valid, origins, h, alphas, prob_alphas):
    n, T = Y.shape
    grid = np.array([(a, b) for a in alphas for b in prob_alphas], float)
    a, b = grid[:, 0][None, :], grid[:, 1][None, :]
    K = len(grid)
    Y0 = np.nan_to_num(Y)
    z = np.zeros((n, K))
    d = np.zeros((n, K))
    q = np.zeros(n)
    seen = np.zeros(n, bool)
    sse = np.zeros((n, K))
    f = np.empty((n, K))
    tmp = np.empty((n, K))
    out = np.full((n, len(origins), h), np.nan)
    snap = {o: i for i, o in enumerate(origins)}
    start = _starts(valid)
    for t in range(T + 1):
        if t in snap:
            k = np.argmin(sse, axis=1)
            fk = np.where(seen, _pick(z, k) * _pick(d, k), 0.0)
            out[:, snap[t], :] = np.where(start < t, fk, np.nan)[:, None]
        if t == T:
            break
        v = start <= t
        y = Y0[:, t]
        q += v
        dem = v & (y > 0)
        # before the first demand z = d = 0 and y = 0: the error is 0 without a mask
        np.multiply(z, d, out=f)
        np.subtract(y[:, None], f, out=f)
        f *= f
        sse += f
        if seen.any():
            # d += b * (dem - d) on seen series; z += a * (y - z) on seen series with demand
            np.subtract(dem[:, None].astype(float), d, out=tmp)
            tmp *= b
            if not seen.all():
                tmp[~seen] = 0.0
            d += tmp
            i = np.flatnonzero(dem & seen)
            if len(i):
                z[i] += a * (y[i, None] - z[i])
        first = dem & ~seen
        if first.any():
            z[first] = y[first][:, None]
            d[first] = (1.0 / np.maximum(q[first], 1))[:, None]
            seen |= first
    return out


def _seasonal_naive(Y, origins, h, m):
    n, T = Y.shape
    out = np.full((n, len(origins), h), np.nan)
    for i, o in enumerate(origins):           # a handful of origins, closed form each
        if o < m:
            continue
        cols = o - m + (np.arange(h) % m)
        out[:, i, :] = Y[:, cols]
    return out


def run_models(Y, valid, origins, h, params: dict | ForecastSettings, models=MODELS, *,
               season_length: int | None = None) -> dict[str, np.ndarray]:
    """Run every model in one pass each; returns ``{model: (series, origins, h)}``.

    Forecasts made at origin ``o`` use periods ``[0, o)`` only. Forecasts are clipped at
    0. ``season_length`` defaults to the daily ``forecast.season_length``.
    """
    fc = ForecastSettings.of(params)
    m = int(season_length or fc.season_length)
    origins = [int(o) for o in origins]
    out: dict[str, np.ndarray] = {}
    if "SeasonalNaive" in models:
        out["SeasonalNaive"] = _seasonal_naive(Y, origins, h, m)
    if "SES" in models:
        out["SES"] = _ses(Y, valid, origins, h, fc.ses_alphas)
    if "SeasonalES" in models:
        out["SeasonalES"] = _seasonal_es(Y, valid, origins, h, fc.seasonal_es_alphas,
                                         fc.season_gammas, m)
    if "CrostonClassic" in models or "CrostonSBA" in models:
        classic, sba = _croston(Y, valid, origins, h, fc.croston_alphas)
        if "CrostonClassic" in models:
            out["CrostonClassic"] = classic
        if "CrostonSBA" in models:
            out["CrostonSBA"] = sba
    if "TSB" in models:
        out["TSB"] = _tsb(Y, valid, origins, h, fc.tsb_alphas, fc.tsb_prob_alphas)
    return {k: np.clip(v, 0.0, None) for k, v in out.items()}


# ------------------------------------------------------------------------------------
# accuracy, intervals, selection
# ------------------------------------------------------------------------------------
def naive_scale(Y, valid, upto: int, lag: int = 1):
    """In-sample mean absolute and mean squared ``lag``-step naive error before ``upto``.

    >>> Y = np.array([[1.0, 3.0, 1.0, 3.0]]); v = np.ones_like(Y, bool)
    >>> [a.tolist() for a in naive_scale(Y, v, 4)]
    [[2.0], [4.0]]
    """
    if upto <= lag:
        nan = np.full(Y.shape[0], np.nan)
        return nan, nan
    d = Y[:, lag:upto] - Y[:, : upto - lag]
    ok = valid[:, lag:upto] & valid[:, : upto - lag]
    cnt = ok.sum(axis=1)
    with np.errstate(invalid="ignore", divide="ignore"):
        mae = np.where(ok, np.abs(d), 0.0).sum(axis=1) / cnt
        mse = np.where(ok, d * d, 0.0).sum(axis=1) / cnt
    return mae, mse


def row_quantiles(E: np.ndarray, qs) -> np.ndarray:
    """Per-row quantiles of a 2-D array ignoring NaN (linear interpolation), vectorised.

    >>> row_quantiles(np.array([[1.0, 2.0, np.nan, 3.0]]), [0.5]).tolist()
    [[2.0]]
    """
    s = np.sort(E, axis=1)                  # NaN sort last
    k = (~np.isnan(E)).sum(axis=1)
    out = np.full((E.shape[0], len(qs)), np.nan)
    has = k > 0
    for j, q in enumerate(qs):              # a couple of levels, not a loop over series
        pos = (k - 1).clip(min=0) * q
        lo = np.floor(pos).astype(int)
        hi = np.ceil(pos).astype(int)
        vlo = np.take_along_axis(s, lo[:, None], axis=1)[:, 0]
        vhi = np.take_along_axis(s, hi[:, None], axis=1)[:, 0]
        out[:, j] = np.where(has, vlo + (pos - lo) * (vhi - vlo), np.nan)
    return out


def _select(score: np.ndarray, default: int, margin: float) -> np.ndarray:
    """Per-series model index: the category-wide best model (lowest mean score) unless
    the series' own best beats it by ``margin`` (shrinks noisy per-series choices).

    >>> score = np.array([[1.0, 0.9], [1.0, 0.7], [0.6, 1.0], [np.inf, np.inf]])
    >>> _select(score, 1, 0.2).tolist()
    [0, 1, 0, 1]
    """
    finite = np.where(np.isfinite(score), score, np.nan)
    has = np.isfinite(finite).any(axis=0)
    if not has.any():
        return np.full(score.shape[0], default)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        overall = int(np.nanargmin(np.where(has, np.nanmean(finite, axis=0), np.nan)))
    own = np.argmin(score, axis=1)
    rows = np.arange(score.shape[0])
    pick = np.where(score[rows, own] < score[:, overall] * (1 - margin), own, overall)
    pick = np.where(np.isfinite(score[rows, pick]), pick, own)
    return np.where(np.isinf(score).all(axis=1), default, pick)


def forecast(series: pd.DataFrame, params: dict | ForecastSettings, *, horizon: int | str | None = None,
             models=MODELS, freq: str | FrequencyInfo | None = None) -> ForecastResult:
    """Fit, backtest and forecast every series; pick a method per series.

    Parameters
    ----------
    series : DataFrame
        Long frame ``unique_id, ds, y``: one row per SKU and period with sales (periods
        without a row count as 0 after the SKU's first row).
    params : dict
        Loaded params (``forecast`` section), or the ForecastSettings built from them.
    horizon : int or str, optional
        Periods ahead (``8`` on weekly data = 8 weeks), or days/weeks/months (``"56d"``);
        also the backtest window length. Default: ``forecast.horizon_days`` for daily
        data, ``forecast.by_frequency.<kind>.horizon`` otherwise.
    models : sequence of str
        Subset of :data:`MODELS`.
    freq : str or FrequencyInfo, optional
        The series' frequency; inferred from the dates when not given (a file mixing
        frequencies raises :class:`~seller_lab.errors.SellerLabError`).

    Returns
    -------
    ForecastResult

    Examples
    --------
    >>> from seller_lab.params import load_params
    >>> days = pd.date_range("2026-01-01", periods=90, freq="D")
    >>> s = pd.DataFrame({"unique_id": "A", "ds": days, "y": 3.0})
    >>> r = forecast(s, load_params(), horizon=5)
    >>> r.forecasts["forecast"].round(6).tolist()
    [3.0, 3.0, 3.0, 3.0, 3.0]
    >>> weeks = pd.date_range("2025-01-05", periods=60, freq="W-SUN")
    >>> w = pd.DataFrame({"unique_id": "A", "ds": weeks, "y": 14.0})
    >>> r = forecast(w, load_params(), horizon="21d")
    >>> r.freq, r.forecasts["ds"].dt.strftime("%Y-%m-%d").tolist(), float(r.chosen["daily_mean"].iloc[0])
    ('W-SUN', ['2026-03-01', '2026-03-08', '2026-03-15'], 2.0)
    """
    fc = ForecastSettings.of(params)
    unknown = [m for m in models if m not in MODELS]
    if unknown:
        raise SellerLabError(f"unknown forecast model(s) {unknown}; known: {', '.join(MODELS)}")
    if series is None or len(series) == 0:
        raise SellerLabError("no sales history to forecast (the orders/series frame is empty)")
    info = freq if isinstance(freq, FrequencyInfo) else infer_frequency(series, fc, freq=freq)
    settings = frequency_settings(fc, info.freq)
    h = horizon_periods(settings["horizon"] if horizon is None else horizon, info.freq)
    models = tuple(models)
    ids, dates, Y, valid = to_matrix(series, info.freq)
    n, T = Y.shape
    min_train = settings["min_train"]
    windows = max(0, min(fc.backtest_windows, (T - min_train) // h))
    origins = [T - w * h for w in range(windows, 0, -1)] + [T]
    runs = run_models(Y, valid, origins, h, fc, models,
                      season_length=settings["season_length"])

    lag = fc.mase_lag
    level = fc.interval_level
    q_lo, q_hi = (1 - level / 100) / 2, 1 - (1 - level / 100) / 2
    mase = np.full((n, len(models)), np.nan)
    rmsse = np.full_like(mase, np.nan)
    errors = {}
    if windows:
        scale_abs, scale_sq = naive_scale(Y, valid, origins[0], lag)
        A = np.stack([Y[:, o:o + h] for o in origins[:-1]], axis=1)          # (n, W, h)
        for j, name in enumerate(models):
            E = A - runs[name][:, :-1, :]
            errors[name] = E.reshape(n, -1)
            with np.errstate(invalid="ignore", divide="ignore"), warnings.catch_warnings():
                warnings.simplefilter("ignore", RuntimeWarning)
                mae_w = np.nanmean(np.abs(E), axis=2)
                mse_w = np.nanmean(E * E, axis=2)
                mase[:, j] = np.where(scale_abs > 0, np.nanmean(mae_w, axis=1) / scale_abs, np.nan)
                rmsse[:, j] = np.where(scale_sq > 0,
                                       np.sqrt(np.nanmean(mse_w, axis=1) / scale_sq), np.nan)
    metric = {"mase": mase, "rmsse": rmsse, "mase+rmsse": mase + rmsse}[fc.selection_metric]
    final = np.stack([runs[name][:, -1, :] for name in models], axis=1)       # (n, M, h)
    # a model that cannot forecast every future period of a series (a season longer than
    # its history) is never chosen for it
    score = np.where(np.isnan(metric) | np.isnan(final).any(axis=2), np.inf, metric)
    default = models.index(fc.default_model) if fc.default_model in models else 0
    best = _select(score, default, fc.selection_margin)
    fallback = np.isnan(final[np.arange(n), best]).any(axis=1)
    if fallback.any():        # too short to backtest: the first model that can forecast
        usable = ~np.isnan(final).any(axis=2)
        order = [default] + [j for j in range(len(models)) if j != default]
        first_ok = np.array(order)[np.argmax(usable[:, order], axis=1)]
        best = np.where(fallback, first_ok, best)

    # final forecasts and empirical intervals
    lo = np.full_like(final, np.nan)
    hi = np.full_like(final, np.nan)
    sd = np.full((n, len(models)), np.nan)
    for j, name in enumerate(models):
        if name in errors:
            qq = row_quantiles(errors[name], [q_lo, q_hi])
            lo[:, j] = np.clip(final[:, j] + qq[:, [0]], 0.0, None)
            hi[:, j] = np.maximum(final[:, j] + qq[:, [1]], lo[:, j])
            with np.errstate(invalid="ignore"), warnings.catch_warnings():
                warnings.simplefilter("ignore", RuntimeWarning)
                sd[:, j] = np.nanstd(errors[name], axis=1)
    rows = np.arange(n)
    chosen_f, chosen_lo, chosen_hi = final[rows, best], lo[rows, best], hi[rows, best]
    chosen_f = np.nan_to_num(chosen_f, nan=0.0)

    fdates = next_periods(dates[-1], h, info.freq)
    lvl = f"{level}"
    frame = {"unique_id": pd.array(np.repeat(ids, h), dtype="str"),
             "ds": np.tile(fdates.to_numpy(), n),
             "forecast": chosen_f.ravel(), f"forecast-lo-{lvl}": chosen_lo.ravel(),
             f"forecast-hi-{lvl}": chosen_hi.ravel(),
             "method": pd.array(np.repeat(np.asarray(models, dtype=object)[best], h), dtype="str")}
    for j, name in enumerate(models):
        frame[name] = final[:, j].ravel()
        frame[f"{name}-lo-{lvl}"] = lo[:, j].ravel()
        frame[f"{name}-hi-{lvl}"] = hi[:, j].ravel()
    forecasts = pd.DataFrame(frame)

    accuracy = pd.DataFrame({
        "unique_id": pd.array(np.repeat(ids, len(models)), dtype="str"),
        "model": pd.array(np.tile(np.asarray(models, dtype=object), n), dtype="str"),
        "mase": mase.ravel(), "rmsse": rmsse.ravel(),
        "chosen": (np.arange(len(models))[None, :] == best[:, None]).ravel()})
    history = valid.sum(axis=1)
    grid_days = period_days(dates, info.freq)
    horizon_days = float(period_days(fdates, info.freq).sum())
    per_day = horizon_days / h                                 # mean calendar days per period
    last_idx = np.where(valid.any(axis=1), T - 1, -1)
    basis = ("daily data: units per day" if info.kind == "D" else
             f"{describe(info.freq)} data: units per period / {per_day:g} days per period "
             f"({horizon_days:g} days in the {h} forecast periods)")
    chosen = pd.DataFrame({
        "unique_id": pd.array(ids, dtype="str"),
        "method": pd.array(np.asarray(models, dtype=object)[best], dtype="str"),
        "mase": mase[rows, best], "rmsse": rmsse[rows, best],
        "daily_mean": chosen_f.sum(axis=1) / horizon_days,
        "error_sd": sd[rows, best] / np.sqrt(per_day),
        "history_days": (np.where(valid, grid_days[None, :], 0)).sum(axis=1).astype(int),
        "last_ds": np.where(last_idx >= 0, dates[-1], pd.NaT),
        "freq": info.freq, "period_mean": chosen_f.mean(axis=1),
        "error_sd_period": sd[rows, best], "history_periods": history.astype(int),
        "rate_basis": basis})
    chosen["last_ds"] = pd.to_datetime(chosen["last_ds"])
    return ForecastResult(forecasts=forecasts, accuracy=accuracy, chosen=chosen, level=level,
                          freq=info.freq, note=info.note)


def accuracy_summary(result: ForecastResult) -> pd.DataFrame:
    """Mean backtest MASE/RMSSE per model, and how many series chose it.

    >>> r = ForecastResult(pd.DataFrame(), pd.DataFrame({"unique_id": ["a", "a"],
    ...     "model": ["SES", "TSB"], "mase": [0.8, 0.9], "rmsse": [0.7, 0.8],
    ...     "chosen": [True, False]}), pd.DataFrame(), 80)
    >>> accuracy_summary(r)["chosen_by"].tolist()
    [1, 0]
    """
    acc = result.accuracy
    out = (acc.groupby("model", sort=False)
           .agg(mean_mase=("mase", "mean"), mean_rmsse=("rmsse", "mean"),
                chosen_by=("chosen", "sum"))
           .reset_index())
    out["chosen_by"] = out["chosen_by"].astype(int)
    return out.sort_values("mean_mase", na_position="last").reset_index(drop=True)


def holdout_scores(actual: np.ndarray, predicted: np.ndarray, history: np.ndarray) -> pd.DataFrame:
    """Per-series MASE and RMSSE of ``predicted`` against ``actual`` (series x h), scaled
    by the in-sample one-step naive error of ``history`` (series x periods, NaN before a
    series starts). Series whose history never changes have no scale (NaN).

    >>> a = np.array([[0.0, 2.0]]); hist = np.array([[np.nan, 1.0, 3.0, 1.0]])
    >>> holdout_scores(a, np.array([[1.0, 1.0]]), hist).round(3).values.tolist()
    [[0.5, 0.5]]
    """
    valid = ~np.isnan(history)
    scale_abs, scale_sq = naive_scale(np.nan_to_num(history), valid, history.shape[1], 1)
    e = actual - predicted
    with np.errstate(invalid="ignore", divide="ignore"):
        mase = np.where(scale_abs > 0, np.abs(e).mean(axis=1) / scale_abs, np.nan)
        rmsse = np.where(scale_sq > 0, np.sqrt((e * e).mean(axis=1) / scale_sq), np.nan)
    return pd.DataFrame({"mase": mase, "rmsse": rmsse})


def holdout_accuracy(series: pd.DataFrame, params: dict | ForecastSettings, *, hide: int,
                     freq: str | FrequencyInfo | None = None, models=MODELS) -> pd.DataFrame:
    """Hide the last ``hide`` periods of the file, forecast them from the rest and score
    every series, as a new user would check the forecast on their own history.

    Returns one row per series: ``unique_id, method, mase, rmsse, forecast_units,
    actual_units, periods_forecast`` (``periods_forecast`` = hidden periods that got a
    finite forecast; it must equal ``hide``).
    """
    info = freq if isinstance(freq, FrequencyInfo) else infer_frequency(series, params, freq=freq)
    ids, dates, Y, valid = to_matrix(series, info.freq)
    T = Y.shape[1]
    if hide < 1 or hide >= T:
        raise SellerLabError(f"cannot hide {hide} of {T} periods; hide at least 1 and leave history")
    cut = dates[T - hide]
    train = series[snap(pd.to_datetime(series["ds"]), info.freq) < cut]
    res = forecast(train, params, horizon=hide, models=models, freq=info)
    pred = res.forecasts["forecast"].to_numpy(float).reshape(-1, hide)
    order = pd.Index(res.chosen["unique_id"]).get_indexer(pd.Index(ids.astype(str)))
    keep = order >= 0                                 # series with history before the cut
    actual = np.nan_to_num(Y[keep, T - hide:])
    pred = pred[order[keep]]
    hist = Y[keep, : T - hide]
    out = holdout_scores(actual, pred, hist)
    out.insert(0, "unique_id", pd.array(ids[keep], dtype="str"))
    out.insert(1, "method", res.chosen["method"].to_numpy()[order[keep]])
    out["forecast_units"] = pred.sum(axis=1)
    out["actual_units"] = actual.sum(axis=1)
    out["periods_forecast"] = np.isfinite(pred).sum(axis=1)
    return out
