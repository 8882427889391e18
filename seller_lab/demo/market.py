"""Demo data, market side: what a seller downloads about demand and the own listings.

For each demo category (``write_market``):

=============================  ================================================================
file                           export layout
=============================  ================================================================
``multiTimeline.csv``          Google Trends "Interest over time" CSV: 5 years weekly (weeks
                               start Sunday) through the week of 2026-11-22 (the running,
                               partial week is the last row), one column per category keyword
                               ``<keyword>: (<region>)``, German UI for .de
                               (``Kategorie: Alle Kategorien`` / ``Woche`` / ``(Deutschland)``)
``business_report_child_asin   Seller Central Business Report "Detail Page Sales and Traffic
.csv``                         by Child ASIN" for 2026-09-01..2026-10-31, German headers and
                               number formats for Amazon.de, English for Amazon.com
``business_report_by_date      Business Report "Sales and Traffic by Date", one row per day
.csv``                         of the same window (all our ASINs together)
``pilot_test_sessions.csv``    small-batch test: sessions and orders per day of the pilot SKU
                               (kitchen-organizer-de and kids-toy-us only)
=============================  ================================================================

The Trends index is relative (0-100 over the file), so it does not depend on ``scale``; the
pilot is a fixed experiment (its totals are planted exactly, independent of ``scale`` and
of the seed); the Business Report volumes follow the operations demand and scale with it.

The planted truths are measured on the written numbers and returned in ``truths``
(growth of the last 3 months vs the same months a year earlier, STL seasonal strength,
peak months, pilot totals).

Examples
--------
>>> import numpy as np, tempfile, pathlib
>>> from seller_lab.params import load_params
>>> out = pathlib.Path(tempfile.mkdtemp()) / "camping-chair-de"
>>> res = write_market(load_params("camping-chair-de"), out, np.random.default_rng(1))
>>> sorted(pathlib.Path(f).name for f in res["files"])
['business_report_by_date.csv', 'business_report_child_asin.csv', 'multiTimeline.csv']
>>> res["truths"]["trends"]["seasonal_strength"] > 0.6
True
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
from statsmodels.tsa.seasonal import STL

from . import ops

# ---------------------------------------------------------------------------------------
# The demo world (market side). World facts, not analysis thresholds.
# ---------------------------------------------------------------------------------------
TRENDS_LAST_WEEK = pd.Timestamp("2026-11-22")      # Sunday: the running (partial) week
TRENDS_WEEKS = 5 * 52 + 1                          # Google's "past 5 years": 261 weeks
RECENT_MONTHS = 3                                  # growth: last 3 months vs a year earlier
TRENDS_PARTIAL_SHARE = 3 / 7                       # exported Tue 2026-11-24: 3 of 7 days
PILOT_START = pd.Timestamp("2026-09-01")
PILOT_END = pd.Timestamp("2026-10-31")
REPORT_START, REPORT_END = PILOT_START, PILOT_END  # Business Report window

_GEO_NAME = {"DE": ("Deutschland", "Kategorie: Alle Kategorien", "Woche"),
             "US": ("United States", "Category: All categories", "Week")}

# Per category: yearly growth of search interest, the season (shape, centre day-of-year,
# width in days, amplitude), week-to-week noise (log sd), AR(1) of the noise and each
# keyword's share of the first keyword's volume.
_TRENDS = {
    "kitchen-organizer-de": dict(growth=0.20, centre=10, width=12, amplitude=0.04,
                                 floor=1.0, noise=0.055, ar=0.3, shares=[1.0, 0.42, 0.12]),
    "camping-chair-de": dict(growth=0.025, centre=172, width=38, amplitude=3.6,
                             floor=0.22, noise=0.045, ar=0.3, shares=[1.0, 0.38, 0.07]),
    "kids-toy-us": dict(growth=0.12, centre=348, width=20, amplitude=0.08,
                        floor=1.0, noise=0.06, ar=0.3, shares=[1.0, 0.30, 0.12]),
}

# Business Report: unit session percentage and page views per session of our child ASINs
_CONVERSION = {"KO-RACK-2T": 0.118, "KO-RACK-1T": 0.094, "KO-DRAWER-S": 0.132,
               "CC-CHAIR-STD": 0.081, "CC-CHAIR-XL": 0.052,
               "KT-TILES-60": 0.107, "KT-TILES-100": 0.089}
_PARENT = {"KO-RACK-2T": "B0DKRPAR5T", "KO-RACK-1T": "B0DKRPAR5T", "KO-DRAWER-S": "B0DKDRS5F4",
           "CC-CHAIR-STD": "B0CCPAR7N2", "CC-CHAIR-XL": "B0CCPAR7N2",
           "KT-TILES-60": "B0KTPAR3J6", "KT-TILES-100": "B0KTPAR3J6"}

# Pilot (small-batch test): planted totals over 2026-09-01..2026-10-31
_PILOT = {
    "kitchen-organizer-de": dict(sku="KO-RACK-2T", sessions=3200, orders=96, price=34.90,
                                 currency="EUR", channel="FBM", multi_unit_orders=4),
    "kids-toy-us": dict(sku="KT-TILES-60", sessions=2500, orders=18, price=34.99,
                        currency="USD", channel="FBM", multi_unit_orders=1),
}


# ---------------------------------------------------------------------------------------
# Google Trends
# ---------------------------------------------------------------------------------------
def trends_weeks() -> pd.DatetimeIndex:
    """The Sundays of the Trends export (oldest first, last = the partial week).

    >>> w = trends_weeks()
    >>> len(w), w[-1].strftime("%Y-%m-%d %a")
    (261, '2026-11-22 Sun')
    """
    return pd.date_range(end=TRENDS_LAST_WEEK, periods=TRENDS_WEEKS, freq="7D")


def _season(weeks: pd.DatetimeIndex, centre: float, width: float, amplitude: float,
            floor: float) -> np.ndarray:
    """floor + amplitude x a circular Gaussian bump around day-of-year ``centre``."""
    mid = (weeks + pd.Timedelta(days=3)).day_of_year.to_numpy(float)   # middle of the week
    d = np.abs(mid - centre)
    d = np.minimum(d, 365.25 - d)
    return floor + amplitude * np.exp(-0.5 * (d / width) ** 2)


def _ar1(eps: np.ndarray, phi: float) -> np.ndarray:
    """AR(1) noise with unit variance from standard normal innovations."""
    out = np.empty_like(eps)
    out[0] = eps[0]
    scale = np.sqrt(1.0 - phi * phi)
    for i in range(1, len(eps)):   # 261 weeks: a short recursion, not a hot path
        out[i] = phi * out[i - 1] + eps[i] * scale
    return out


def _no_calendar_pattern(e: np.ndarray, period: int = 52) -> np.ndarray:
    """Remove from noise what repeats at the same position of every year: per position
    in the 52-week cycle, the least-squares line over the years is subtracted. Week-to-week
    noise then cannot masquerade as a season: with only 5 years, independent noise alone
    gives an STL seasonal strength of ~0.5 (statsmodels' non-robust STL, period 52), so a
    'not seasonal' demo series must not repeat its noise across years."""
    pos = np.arange(len(e)) % period
    cyc = (np.arange(len(e)) // period).astype(float)
    cnt = np.bincount(pos, minlength=period).astype(float)
    xbar = np.bincount(pos, cyc, period) / cnt
    ybar = np.bincount(pos, e, period) / cnt
    dx = cyc - xbar[pos]
    sxx = np.bincount(pos, dx * dx, period)
    sxy = np.bincount(pos, dx * (e - ybar[pos]), period)
    slope = np.divide(sxy, sxx, out=np.zeros(period), where=sxx > 0)
    return e - ybar[pos] - slope[pos] * dx


def _trends_table(slug: str, keywords: list[str], rng: np.random.Generator) -> pd.DataFrame:
    """Raw (unrounded, 0-100 over the file) interest per keyword, one row per week."""
    spec = _TRENDS[slug]
    weeks = trends_weeks()
    n = len(weeks)
    years = (weeks - weeks[-1]).days.to_numpy(float) / 365.25
    base = (1.0 + spec["growth"]) ** years * _season(
        weeks, spec["centre"], spec["width"], spec["amplitude"], spec["floor"])
    common = _ar1(rng.normal(0.0, 1.0, size=n), spec["ar"])
    cols = {}
    for k, kw in enumerate(keywords[:5]):
        share = spec["shares"][k] if k < len(spec["shares"]) else spec["shares"][-1] / (k + 1)
        own = _ar1(rng.normal(0.0, 1.0, size=n), spec["ar"])
        noise = _no_calendar_pattern(0.8 * common + 0.6 * own)
        noise = noise / max(noise.std(), 1e-12) * spec["noise"]
        # the planted growth holds exactly on the windows the truth names: the noise
        # averages to zero over the last 3 months of complete weeks and a year earlier
        for window in _growth_windows(weeks[:-1]):
            mask = np.zeros(n, bool)
            mask[:-1] = window
            noise[mask] -= noise[mask].mean()
        cols[kw] = share * base * np.exp(noise)
    raw = pd.DataFrame(cols, index=weeks)
    raw.iloc[-1] = raw.iloc[-1] * TRENDS_PARTIAL_SHARE * rng.uniform(0.9, 1.1, size=raw.shape[1])
    return raw * (100.0 / raw.to_numpy().max())


def _trends_cells(values: pd.DataFrame) -> pd.DataFrame:
    """Google's cell text: integers, '<1' for 0 < value < 0.5, '0' for zero."""
    r = np.rint(values.to_numpy()).astype(int)
    cells = r.astype(str).astype(object)
    cells[(values.to_numpy() > 0) & (r == 0)] = "<1"
    return pd.DataFrame(cells, index=values.index, columns=values.columns)


def write_trends(params: dict, out_dir: Path, rng: np.random.Generator) -> tuple[Path, dict]:
    """Write ``multiTimeline.csv`` for the category; return (path, measured truths).

    >>> import tempfile, pathlib
    >>> from seller_lab.params import load_params
    >>> p, t = write_trends(load_params("kitchen-organizer-de"),
    ...                     pathlib.Path(tempfile.mkdtemp()), np.random.default_rng(2))
    >>> p.read_text(encoding="utf-8").splitlines()[2].split(",")[0]
    'Woche'
    >>> t["growth_recent_3m"] > 0.1 and t["seasonal_strength"] < 0.4
    True
    """
    cat = params["category"]
    slug = cat["slug"]
    geo = str(cat.get("trends_geo") or cat.get("market") or "US").upper()
    geo_name, preamble, period = _GEO_NAME.get(geo, _GEO_NAME["US"])
    keywords = list(cat.get("keywords") or [slug])[:5]
    values = _trends_table(slug, keywords, rng)
    cells = _trends_cells(values)
    header = [period] + [f"{kw}: ({geo_name})" for kw in keywords]
    lines = [preamble, ""]
    lines.append(",".join(header))
    body = pd.DataFrame({period: values.index.strftime("%Y-%m-%d")}).join(
        cells.reset_index(drop=True))
    lines += [",".join(row) for row in body.astype(str).to_numpy().tolist()]
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    path = out_dir / "multiTimeline.csv"
    # Google's export: UTF-8 with BOM, LF
    path.write_bytes(("\n".join(lines) + "\n").encode("utf-8-sig"))
    y = cells.replace("<1", "0.5").astype(float)
    truths = trends_measures(y.iloc[:-1].sum(axis=1))
    truths["per_keyword"] = {kw: trends_measures(y[kw].iloc[:-1]) for kw in keywords}
    truths.update(keywords=keywords, geo=geo, weeks=len(values),
                  first_week=values.index[0].strftime("%Y-%m-%d"),
                  last_week=values.index[-1].strftime("%Y-%m-%d"),
                  partial_last_week=True,
                  below_one_cells=int((cells == "<1").to_numpy().sum()),
                  last_week_value_main=int(y[keywords[0]].iloc[-1]))
    return path, truths


def _growth_windows(weeks: pd.DatetimeIndex, months: int = RECENT_MONTHS):
    """Masks of (last week - months, last week] and the same window a year earlier."""
    last = weeks[-1]
    start = last - pd.DateOffset(months=months)
    year = pd.DateOffset(years=1)
    return ((weeks > start) & (weeks <= last),
            (weeks > start - year) & (weeks <= last - year))


def trends_measures(y: pd.Series, months: int = RECENT_MONTHS) -> dict:
    """Growth, STL seasonal strength and peak months of a weekly series (complete weeks).

    growth = mean of the weeks in the last ``months`` months (ending with the last week)
    / mean of the same window a year earlier - 1 (params ``trends.recent_months``);
    seasonal strength = max(0, 1 - var(resid) / var(seasonal + resid)) of statsmodels'
    STL with period 52 (default, non-robust; ``seasonal_strength_robust``: ``robust=True``).

    >>> w = pd.date_range("2021-01-03", periods=260, freq="7D")
    >>> s = pd.Series(50 + 30 * np.sin(2 * np.pi * np.arange(260) / 52), index=w)
    >>> trends_measures(s)["seasonal_strength"] > 0.9
    True
    """
    y = pd.Series(np.asarray(y, float), index=pd.DatetimeIndex(y.index))
    now, ago = _growth_windows(pd.DatetimeIndex(y.index), months)
    recent, before = y[now].mean(), y[ago].mean()
    strength = {}
    for robust in (False, True):
        res = STL(y.to_numpy(), period=52, robust=robust).fit()
        var_r = float(np.var(res.resid))
        var_sr = float(np.var(res.seasonal + res.resid))
        strength[robust] = max(0.0, 1.0 - var_r / var_sr) if var_sr > 0 else 0.0
    by_month = y.groupby(y.index.month).mean()
    peak = sorted(int(m) for m in by_month[by_month >= 1.3 * by_month.mean()].index)
    return {"growth_recent_3m": round(float(recent / before - 1.0), 4),
            "seasonal_strength": round(strength[False], 4),
            "seasonal_strength_robust": round(strength[True], 4),
            "peak_months": peak,
            "peak_month": int(by_month.idxmax())}


# ---------------------------------------------------------------------------------------
# Seller Central Business Report
# ---------------------------------------------------------------------------------------
_BR_HEADERS = {
    "de": {"parent": "(Übergeordnete) ASIN", "child": "(Untergeordnete) ASIN", "title": "Titel",
           "sku": "SKU", "sessions": "Sitzungen – Summe", "sessions_b2b": "Sitzungen – Summe – B2B",
           "session_pct": "Sitzungsanteil – Summe", "page_views": "Seitenaufrufe – Summe",
           "buy_box": "Empfohlenes Angebot (Buy Box) Prozentsatz",
           "units": "Bestellte Einheiten", "conversion": "Prozentsatz Einheiten pro Sitzung",
           "sales": "Bestellumsatz", "items": "Zahl der Bestellposten", "date": "Datum",
           "offers": "Durchschnittliche Angebotsanzahl"},
    "en": {"parent": "(Parent) ASIN", "child": "(Child) ASIN", "title": "Title", "sku": "SKU",
           "sessions": "Sessions - Total", "sessions_b2b": "Sessions - Total - B2B",
           "session_pct": "Session Percentage - Total", "page_views": "Page Views - Total",
           "buy_box": "Featured Offer (Buy Box) Percentage", "units": "Units Ordered",
           "conversion": "Unit Session Percentage", "sales": "Ordered Product Sales",
           "items": "Total Order Items", "date": "Date", "offers": "Average Offer Count"},
}


def _fmt_int(x: np.ndarray, lang: str) -> np.ndarray:
    """'3.210' (de) / '3,210' (en)."""
    s = pd.Series(np.asarray(x, dtype=np.int64)).map("{:,}".format)
    return (s.str.replace(",", ".", regex=False) if lang == "de" else s).to_numpy(dtype=object)


def _fmt_pct(x: np.ndarray, lang: str) -> np.ndarray:
    """'2,99 %' (de) / '2.99%' (en) from fractions."""
    s = pd.Series(np.asarray(x, float) * 100).map("{:.2f}".format)
    return ((s.str.replace(".", ",", regex=False) + " %") if lang == "de" else s + "%").to_numpy(
        dtype=object)


def _fmt_money(x: np.ndarray, lang: str, currency: str) -> np.ndarray:
    """'1.234,56 €' (de) / '$12,905.25' (en)."""
    s = pd.Series(np.asarray(x, float)).map("{:,.2f}".format)
    if lang == "de":
        s = s.str.replace(",", "\x00", regex=False).str.replace(".", ",", regex=False) \
            .str.replace("\x00", ".", regex=False)
        return (s + (" €" if currency == "EUR" else f" {currency}")).to_numpy(dtype=object)
    return (("$" if currency == "USD" else f"{currency} ") + s).to_numpy(dtype=object)


def _daily_units(slug: str, rng: np.random.Generator, scale: float) -> pd.DataFrame:
    """Units ordered per SKU and day in the report window (the operations demand)."""
    world = ops._WORLD[slug]
    days = pd.date_range(REPORT_START, REPORT_END, freq="D")
    first = (REPORT_START - ops.START).days
    rows = {}
    for sku in world["skus"]:
        lam = ops._demand(sku, world["weekday"], first + len(days))[first:] * scale
        rows[sku] = rng.poisson(lam)
    return pd.DataFrame(rows, index=days)


def _write_quoted(frame: pd.DataFrame, path: Path, sep: str) -> None:
    """Seller Central CSV: every cell quoted, UTF-8, LF."""
    cells = frame.astype(str).apply(lambda c: '"' + c.str.replace('"', '""', regex=False) + '"')
    lines = [sep.join(f'"{h}"' for h in frame.columns)]
    lines += [sep.join(r) for r in cells.to_numpy().tolist()]
    path.write_bytes(("\n".join(lines) + "\n").encode("utf-8"))


def write_business_reports(params: dict, out_dir: Path, rng: np.random.Generator,
                           scale: float = 1.0) -> tuple[list[Path], dict]:
    """Business Report by child ASIN (the window) and by date; return (paths, truths).

    >>> import tempfile, pathlib
    >>> from seller_lab.params import load_params
    >>> paths, t = write_business_reports(load_params("kids-toy-us"),
    ...     pathlib.Path(tempfile.mkdtemp()), np.random.default_rng(0), 0.5)
    >>> sorted(t["child_asin"])
    ['KT-TILES-100', 'KT-TILES-60']
    """
    cat = params["category"]
    slug = cat["slug"]
    lang = "de" if str(cat.get("language", "en")).startswith("de") else "en"
    currency = str(cat.get("currency") or "USD")
    h = _BR_HEADERS[lang]
    sep = ";" if lang == "de" else ","
    units = _daily_units(slug, rng, scale)
    skus = list(units.columns)
    price = np.array([ops._catalog(s)["price"] for s in skus])
    conv = np.array([_CONVERSION.get(s, 0.1) for s in skus])
    # daily sessions: units / conversion with day-to-day noise (at least the units)
    sess_d = np.maximum(np.rint(units.to_numpy() / conv * rng.lognormal(0, 0.12, units.shape)),
                        units.to_numpy()).astype(np.int64)
    avg_price = price * rng.uniform(0.93, 0.99, size=len(skus))   # coupons, Lightning Deals
    tot_units = units.to_numpy().sum(axis=0)
    tot_sess = sess_d.sum(axis=0)
    views = np.rint(tot_sess * rng.uniform(1.25, 1.6, size=len(skus))).astype(np.int64)
    items = tot_units - rng.binomial(np.maximum(tot_units, 0), 0.03)
    sales = np.round(tot_units * avg_price, 2)
    buy_box = np.round(rng.uniform(0.95, 1.0, size=len(skus)), 4)
    with np.errstate(invalid="ignore", divide="ignore"):
        usp = np.where(tot_sess > 0, tot_units / tot_sess, 0.0)
    child = pd.DataFrame({
        h["parent"]: [_PARENT.get(s, ops._catalog(s)["asin"]) for s in skus],
        h["child"]: [ops._catalog(s)["asin"] for s in skus],
        h["title"]: [ops._catalog(s)["name"] for s in skus],
        h["sku"]: skus,
        h["sessions"]: _fmt_int(tot_sess, lang),
        h["sessions_b2b"]: _fmt_int(rng.binomial(tot_sess, 0.012), lang),
        h["session_pct"]: _fmt_pct(tot_sess / max(tot_sess.sum(), 1), lang),
        h["page_views"]: _fmt_int(views, lang),
        h["buy_box"]: _fmt_pct(buy_box, lang),
        h["units"]: _fmt_int(tot_units, lang),
        h["conversion"]: _fmt_pct(usp, lang),
        h["sales"]: _fmt_money(sales, lang, currency),
        h["items"]: _fmt_int(items, lang),
    })
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    p_child = out_dir / "business_report_child_asin.csv"
    _write_quoted(child, p_child, sep)

    d_units = units.to_numpy().sum(axis=1)
    d_sess = sess_d.sum(axis=1)
    d_sales = np.round(units.to_numpy() @ avg_price, 2)
    d_items = d_units - rng.binomial(d_units, 0.03)
    d_views = np.rint(d_sess * rng.uniform(1.25, 1.6, size=len(d_sess))).astype(np.int64)
    with np.errstate(invalid="ignore", divide="ignore"):
        d_usp = np.where(d_sess > 0, d_units / np.maximum(d_sess, 1), 0.0)
    by_date = pd.DataFrame({
        h["date"]: units.index.strftime("%d.%m.%Y" if lang == "de" else "%m/%d/%Y"),
        h["sales"]: _fmt_money(d_sales, lang, currency),
        h["units"]: _fmt_int(d_units, lang),
        h["items"]: _fmt_int(d_items, lang),
        h["page_views"]: _fmt_int(d_views, lang),
        h["sessions"]: _fmt_int(d_sess, lang),
        h["buy_box"]: _fmt_pct(np.round(rng.uniform(0.95, 1.0, len(d_sess)), 4), lang),
        h["conversion"]: _fmt_pct(d_usp, lang),
        h["offers"]: rng.integers(1, 3, size=len(d_sess)).astype(str),
    })
    p_date = out_dir / "business_report_by_date.csv"
    _write_quoted(by_date, p_date, sep)
    truths = {"window": [REPORT_START.strftime("%Y-%m-%d"), REPORT_END.strftime("%Y-%m-%d")],
              "child_asin": {s: {"asin": ops._catalog(s)["asin"], "sessions": int(tot_sess[i]),
                                 "units_ordered": int(tot_units[i]),
                                 "conversion": round(float(usp[i]), 4)}
                             for i, s in enumerate(skus)},
              "by_date_rows": int(len(by_date))}
    return [p_child, p_date], truths


# ---------------------------------------------------------------------------------------
# Pilot (small-batch test)
# ---------------------------------------------------------------------------------------
def write_pilot(params: dict, out_dir: Path, rng: np.random.Generator) -> tuple[Path | None, dict]:
    """Daily sessions/orders of the pilot SKU (``pilot_test_sessions.csv``); totals are
    planted exactly (sessions, orders), the daily split is random.

    >>> import tempfile, pathlib
    >>> from seller_lab.params import load_params
    >>> _, t = write_pilot(load_params("kids-toy-us"), pathlib.Path(tempfile.mkdtemp()),
    ...                    np.random.default_rng(0))
    >>> t["sessions"], t["orders"], t["conversion"]
    (2500, 18, 0.0072)
    """
    slug = params["category"]["slug"]
    spec = _PILOT.get(slug)
    if spec is None:
        return None, {}
    days = pd.date_range(PILOT_START, PILOT_END, freq="D")
    n = len(days)
    weekday = ops._WORLD[slug]["weekday"][days.day_of_week]
    ramp = np.minimum(1.0, 0.55 + np.arange(n) / 20)    # ads ramp up over the first weeks
    w = weekday * ramp * rng.lognormal(0, 0.18, n)
    sessions = rng.multinomial(spec["sessions"], w / w.sum())
    orders = rng.multinomial(spec["orders"], sessions / sessions.sum())
    orders = np.minimum(orders, sessions)
    short = spec["orders"] - orders.sum()
    if short:   # clipped (never in practice): put them on the busiest days
        orders[np.argsort(-sessions)[:short]] += 1
    units = orders.copy()
    with_orders = np.flatnonzero(orders > 0)
    multi = rng.choice(with_orders, size=min(spec["multi_unit_orders"], len(with_orders)),
                       replace=False)
    units[multi] += 1
    frame = pd.DataFrame({"sku": spec["sku"], "date": days.strftime("%Y-%m-%d"),
                          "sessions": sessions, "orders": orders, "units": units,
                          "price": f"{spec['price']:.2f}", "currency": spec["currency"],
                          "channel": spec["channel"]})
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    path = out_dir / "pilot_test_sessions.csv"
    with open(path, "w", encoding="utf-8", newline="") as fh:
        frame.to_csv(fh, index=False, lineterminator="\n")
    truths = {"sku": spec["sku"], "sessions": int(sessions.sum()), "orders": int(orders.sum()),
              "units": int(units.sum()),
              "conversion": round(float(orders.sum() / sessions.sum()), 4),
              "price": spec["price"], "currency": spec["currency"], "channel": spec["channel"],
              "window": [PILOT_START.strftime("%Y-%m-%d"), PILOT_END.strftime("%Y-%m-%d")],
              "planned_price": float(params["category"]["unit_economics"]["planned_price"])}
    return path, truths


# ---------------------------------------------------------------------------------------
# entry point
# ---------------------------------------------------------------------------------------
def write_market(params: dict, out_dir: Path, rng: np.random.Generator,
                 scale: float = 1.0) -> dict:
    """Write one category's market exports (Trends, Business Reports, pilot).

    Parameters
    ----------
    params : the category's params (``seller_lab.params.load_params``)
    out_dir : the category's demo folder (``data/demo/<slug>``)
    rng : numpy Generator (same state -> same bytes)
    scale : multiplies the Business Report volumes (Trends and the pilot do not scale)

    Returns
    -------
    dict ``{"files": [paths...], "truths": {"trends": ..., "business_report": ..., "pilot": ...}}``

    Examples
    --------
    >>> import tempfile, pathlib
    >>> from seller_lab.params import load_params
    >>> out = pathlib.Path(tempfile.mkdtemp()) / "kitchen-organizer-de"
    >>> res = write_market(load_params("kitchen-organizer-de"), out, np.random.default_rng(0))
    >>> res["truths"]["pilot"]["sessions"], res["truths"]["pilot"]["price"]
    (3200, 34.9)
    """
    slug = params["category"]["slug"]
    if slug not in _TRENDS:
        return {"files": [], "truths": {}}
    out_dir = Path(out_dir)
    files: list[Path] = []
    # one child generator per file: adding a file never changes the others' bytes
    r_trends, r_br, r_pilot = rng.spawn(3)
    p, t_trends = write_trends(params, out_dir, r_trends)
    files.append(p)
    paths, t_br = write_business_reports(params, out_dir, r_br, scale)
    files += paths
    p, t_pilot = write_pilot(params, out_dir, r_pilot)
    if p is not None:
        files.append(p)
    truths = {"trends": t_trends, "business_report": t_br, "pilot": t_pilot or None}
    return {"files": [str(f) for f in files], "truths": truths}
