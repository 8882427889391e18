"""``seller-lab forecast FILE [--horizon H] [--freq F] [--out CSV]``: forecasts per SKU.

FILE is any orders/sales export the importers recognise (``seller_lab.sources.load_file``)
or a plain table with ``sku, date, units`` columns (``unique_id, ds, y``, ``货号, 周, 销量`` and other
names also work; CSV/TSV in UTF-8, GBK or UTF-16, or an .xlsx workbook), at any
frequency: daily, weekly (dated on any weekday), monthly or quarterly (dated on the first
or last day). The frequency is inferred from the dates (``--freq`` overrides it, e.g.
``--freq weekly`` also aggregates daily rows into weeks); ``--horizon`` counts its periods
(``8`` on weekly data = 8 weeks) or days (``56d``). Rows that cannot be used (no date,
negative or fractional units) are rejected with their row number and reason, following
``sources.on_bad_rows``. Prints the chosen method and backtest accuracy per SKU and writes
the forecasts (``unique_id, ds, forecast, forecast-lo-80, forecast-hi-80, method``; with
``--all-models`` also ``<model>, <model>-lo-80, <model>-hi-80`` for every model).

Examples
--------
>>> import argparse
>>> parser = argparse.ArgumentParser(prog="seller-lab")
>>> register(parser.add_subparsers(dest="command"))
>>> args = parser.parse_args(["forecast", "sales.csv", "--horizon", "14"])
>>> args.file, args.horizon, args.out, args.freq
('sales.csv', '14', None, None)
"""

from __future__ import annotations

import argparse
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from ..errors import InputFileError, SellerLabError
from ..params import load_params
from ..sources import load_file
from ..sources.readers import read_table, sniff
from ..sources.write import write_csv
from .forecast import accuracy_summary, daily_series, forecast
from .frequency import FrequencyInfo, describe, infer_frequency
from .settings import ForecastSettings

_ALIASES = {"y": ["units", "y", "quantity", "qty", "sales", "units_ordered", "units_sold", "sales_qty",
                  "qty_sold", "quantity_sold", "menge", "order_demand", "demand", "anzahl", "数量", "销量",
                  "销售数量", "件数"],
            "ds": ["date", "ds", "day", "week", "month", "period", "order_date", "purchase_date",
                   "datum", "woche", "monat", "日期", "周", "月", "月份", "订单日期", "销售日期"],
            "unique_id": ["sku", "unique_id", "seller_sku", "item", "product", "part",
                          "product_code", "stockcode", "artikel", "商品编码", "货号", "产品编码", "asin"]}
_WHAT = {"y": "quantity", "ds": "date", "unique_id": "SKU"}
_MIDNIGHT = pd.Timedelta(0)


@dataclass
class Sales:
    """What :func:`read_sales` read: the series (one row per SKU and date with sales, no
    zero filling), the rows it rejected (``row, column, value, problem``) and, for a
    transactions export, the frequency it implies (daily)."""

    series: pd.DataFrame
    rejected: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(
        columns=["row", "column", "value", "problem"]))
    freq: str | None = None
    rows: int = 0  # data rows of the file (loaded and rejected): what "rejected N of M rows" counts


def _horizon(text: str) -> str:
    """argparse type: a whole number of periods (>= 1) or ``<n>d``/``w``/``m``."""
    m = re.fullmatch(r"\s*(\d+)\s*([dDwWmM]?)\s*", str(text))
    if not m:
        raise argparse.ArgumentTypeError(
            f"'{text}' is not a horizon: give a whole number of periods (8) or days/weeks/"
            f"months (56d, 8w, 6m)")
    if int(m.group(1)) < 1:
        raise argparse.ArgumentTypeError(
            f"horizon must be at least 1 period, got '{text}' (e.g. --horizon 8 or --horizon 56d)")
    return text.strip()


def register(subparsers) -> None:
    """Add the ``forecast`` sub-command to ``seller-lab``."""
    p = subparsers.add_parser(
        "forecast", help="forecast units per SKU from an orders/sales file (any frequency)",
        description="Infer the file's frequency (daily/weekly/monthly/quarterly), backtest "
                    "Croston/SBA, TSB, SES, seasonal ES and seasonal naive per SKU, pick the "
                    "best by MASE+RMSSE and forecast H periods with 80% intervals.")
    p.add_argument("file", help="orders/sales export, or a CSV with sku,date,units")
    p.add_argument("--horizon", type=_horizon, default=None,
                   help="periods ahead of the file's frequency (8 = 8 weeks on weekly data), "
                        "or days/weeks/months: 56d, 8w, 6m (default: params)")
    p.add_argument("--freq", default=None,
                   help="override the inferred frequency: daily, weekly, monthly, quarterly or "
                        "an alias (W-SUN, MS, ME, QS-JAN ...); finer rows are summed into it")
    p.add_argument("--out", default=None, help="write the forecasts to this CSV")
    p.add_argument("--all-models", action="store_true",
                   help="also write every model's forecast and interval columns to --out")
    p.add_argument("--category", default=None, help="category slug (params: time zone, models)")
    p.add_argument("--params-dir", default=None, help="params folder (default: ./params)")
    p.set_defaults(func=run_forecast)


# ------------------------------------------------------------------------------------
# reading
# ------------------------------------------------------------------------------------
def read_sales(path: str | Path, params: dict) -> Sales:
    """Any orders/sales file -> :class:`Sales` (``unique_id, ds, y`` per SKU and date)."""
    path = Path(path)
    if not path.exists():
        raise InputFileError(path, "file not found", fix="check the path")
    if path.is_dir():
        raise InputFileError(path, "is a folder, not a file", fix="give the sales CSV inside it")
    tz = params["category"]["timezone"] or "UTC"
    try:
        res = load_file(path, params=params)
    except SellerLabError:   # not a known export layout: read it as a plain sku,date,units CSV
        res = None
    if res is not None and res.kind == "orders" and len(res.frame):
        ts = pd.to_datetime(res.frame["ds"], utc=True).dt.tz_convert(tz).dt.tz_localize(None)
        timed = bool((ts - ts.dt.normalize() != _MIDNIGHT).any())
        series = daily_series(res.frame, timezone=tz, zero_fill=False)
        return Sales(series, _rejected_of(res), "D" if timed else None, rows=len(res.frame) + _n_rejected(res))
    if res is not None and res.kind == "traffic" and len(res.frame):
        t = res.frame
        g = pd.DataFrame({"unique_id": t["sku"].where(t["sku"].astype("str") != "", t["asin"]),
                          "ds": pd.to_datetime(t["period_start"]), "y": t["units_ordered"]})
        return Sales(g.groupby(["unique_id", "ds"], as_index=False)["y"].sum(), _rejected_of(res),
                     rows=len(t) + _n_rejected(res))
    if res is not None and res.kind not in ("orders", "traffic"):
        raise InputFileError(path, f"this is a {res.kind} export ({res.layout}), not sales",
                             fix="give an orders/sales export (Seller Central orders, an ERP "
                                 "orders file or a CSV with sku,date,units)")
    return read_plain_sales(path, params)


def _n_rejected(res) -> int:
    """Data rows an import did not load: the rejected ones and the exact duplicates it collapsed."""
    return len(res.rejected) + int(res.duplicates)


def _rejected_of(res) -> pd.DataFrame:
    r = getattr(res, "rejected", None)
    if r is None or not len(r):
        return Sales(pd.DataFrame()).rejected
    cols = [c for c in ("row", "column", "value", "problem") if c in r.columns]
    return r[cols].copy()


def _norm(name: str) -> str:
    return re.sub(r"[\s\-]+", "_", str(name).strip().strip('"').lstrip("\ufeff").lower())


def _read_sales_table(path: Path) -> tuple[pd.DataFrame, dict, list]:
    """Read the file's header, map its columns, then read only those three columns: a plain
    delimited text with pandas' C parser (SKU and date as text, units as numbers when they all
    are), in the encoding and below the title lines the shared sniffer finds; a workbook (.xlsx),
    a compressed or UTF-16 text, or a text the C parser cannot split as a whole, through the
    importers' reader (:func:`seller_lab.sources.readers.read_table`, which also names an empty
    file, a saved web page or an old .xls). Returns ``(frame, columns, bad lines)``: the data rows
    (counted from 1 under the header) that could not be split, with the reason."""
    s = sniff(path)
    if s.container == "text" and s.sep and not s.encoding.startswith("utf-16"):
        opts = dict(sep=s.sep, encoding=s.encoding or "utf-8", engine="c", skiprows=s.header_line)
        try:
            header = pd.read_csv(path, nrows=0, **opts)
            name = {c: str(c).lstrip("\ufeff").strip() for c in header.columns}  # as written -> as mapped
            cols = _map_columns(path, list(name.values()))
            frame = pd.read_csv(path, usecols=[c for c in header.columns if name[c] in cols.values()],
                                skipinitialspace=True, keep_default_na=False, **opts,
                                dtype={c: str for c in header.columns if name[c] in (cols["unique_id"], cols["ds"])},
                                na_values={c: [""] for c in header.columns if name[c] == cols["y"]})
            return frame.rename(columns=name), cols, []
        except (UnicodeDecodeError, pd.errors.ParserError):
            pass  # lines in another encoding, or lines that do not split: the shared reader names them
    t = read_table(path, s)
    cols = _map_columns(path, [str(c) for c in t.frame.columns])
    return t.frame[list(dict.fromkeys(cols.values()))], cols, t.bad_lines


def _map_columns(path: Path, header: list[str]) -> dict:
    lower = {}
    for c in header:
        lower.setdefault(_norm(c), c)
    cols, missing = {}, []
    for canon in ("y", "ds", "unique_id"):
        hit = next((lower[n] for n in _ALIASES[canon] if n in lower), None)
        if hit is None:
            missing.append(canon)
        cols[canon] = hit
    if missing:
        names = "; ".join(f"no {_WHAT[m]} column (looked for {', '.join(_ALIASES[m][:6])} ...)"
                          for m in missing)
        raise InputFileError(path, f"{names}; the header has: {', '.join(header)}",
                             column=_WHAT[missing[0]],
                             fix="name the columns sku,date,units, or map your headers in the params: "
                                 "sources: {columns: {orders: {sku: <SKU header>, ds: <date header>, "
                                 "units: <quantity header>}}}")
    return cols


def _distinct(col: pd.Series):
    """Row codes and the distinct stripped texts (work once per distinct value, not per
    row; ``'A '`` and ``'A'`` are the same value)."""
    codes, uniq = pd.factorize(col)
    stripped = pd.Index(np.asarray(uniq, dtype=object)).astype(str).str.strip()
    c2, u2 = pd.factorize(stripped)
    if not len(c2):
        return np.full(len(codes), -1), pd.Index([], dtype=object)
    return np.where(codes >= 0, c2[np.clip(codes, 0, None)], -1), pd.Index(u2, dtype=object)


def _parse_dates(codes: np.ndarray, uniq: pd.Index, timezone: str = "UTC") -> np.ndarray:
    """Parse each distinct date text once (sales files repeat a few hundred dates); times
    with a zone are turned into the market's local calendar day."""
    text = pd.Series(np.asarray(uniq, dtype=object))
    parsed = pd.to_datetime(text, errors="coerce", format="ISO8601")
    if parsed.isna().any():
        retry = pd.to_datetime(text[parsed.isna()], errors="coerce", format="mixed")
        parsed = parsed.fillna(retry)
    if getattr(parsed.dt, "tz", None) is not None:
        parsed = parsed.dt.tz_convert(timezone).dt.tz_localize(None)
    values = parsed.to_numpy().astype("datetime64[ns]")
    out = values[np.clip(codes, 0, None)] if len(values) else np.full(len(codes), np.datetime64("NaT"), "datetime64[ns]")
    out[codes < 0] = np.datetime64("NaT")
    return out


def read_plain_sales(path: str | Path, params: dict) -> Sales:
    """A plain ``sku, date, units`` table -> :class:`Sales`: a CSV/TSV (any separator; UTF-8 with or
    without BOM, GBK, UTF-16, Latin-1 …; title lines above the header skipped), also gzip- or
    zstd-compressed, or an .xlsx workbook.

    Rows without a readable date or SKU, rows whose units are not a whole number >= 0 and lines
    that do not split into the header's columns are rejected with their row number and reason;
    ``sources.on_bad_rows: strict`` (or ``on_bad_rows_by_kind.orders``) stops at the first one
    instead.
    """
    path = Path(path)
    frame, cols, bad_lines = _read_sales_table(path)
    if not len(frame):
        raise InputFileError(path, f"has a header ({', '.join(cols.values())} ...) but no data rows",
                             fix="export a period that has sales, one row per SKU and date")
    raw_y = frame[cols["y"]]
    if pd.api.types.is_numeric_dtype(raw_y):
        y = raw_y.to_numpy(float)
    else:
        yc, yu = _distinct(raw_y)
        yv = pd.to_numeric(pd.Series(np.asarray(yu, dtype=object)), errors="coerce").to_numpy(float)
        y = np.where(yc >= 0, yv[np.clip(yc, 0, None)] if len(yv) else np.nan, np.nan)
    dc, du = _distinct(frame[cols["ds"]])
    ds = _parse_dates(dc, du, params["category"]["timezone"] or "UTC")
    sc, su = _distinct(frame[cols["unique_id"]])
    no_sku = (sc < 0) | (np.asarray(su == "", bool)[np.clip(sc, 0, None)] if len(su) else True)
    with np.errstate(invalid="ignore"):
        problems = [
            (no_sku, cols["unique_id"], "no SKU"),
            (np.isnat(ds), cols["ds"], "unreadable date (expected e.g. 2026-10-31)"),
            (np.isnan(y), cols["y"], "units are not a number"),
            (y < 0, cols["y"], "negative quantity (returns belong in the returns file, not in sales)"),
            ((y >= 0) & (y != np.floor(y)), cols["y"], "units are not a whole number"),
        ]
    bad = np.zeros(len(frame), bool)
    # data rows counted from 1 under the header, as every importer counts them, the lines that did not split
    # (not in the frame) counted in
    split_off = np.sort(np.array([int(r) for r, _ in bad_lines], np.int64))
    split_off -= np.arange(split_off.size)
    parts = [pd.DataFrame({"row": [int(r) for r, _ in bad_lines], "column": "", "value": "",
                           "problem": [str(why) for _, why in bad_lines]})] if bad_lines else []
    for mask, column, problem in problems:
        m = np.asarray(mask, bool) & ~bad
        if m.any():
            idx = np.flatnonzero(m)
            value = frame[column].to_numpy()[idx]
            if value.dtype.kind == "f":              # read as numbers: show them as written
                value = np.array([f"{v:g}" for v in value], dtype=object)
            row = idx + 1
            row = row + np.searchsorted(split_off, row, side="right")
            parts.append(pd.DataFrame({"row": row, "column": column, "value": value,
                                       "problem": problem}))
            bad |= m
    rejected = (pd.concat(parts, ignore_index=True).sort_values("row", kind="stable")
                .reset_index(drop=True) if parts else Sales(pd.DataFrame()).rejected)
    src = params.get("sources") or {}
    strict = ((src.get("on_bad_rows_by_kind") or {}).get("orders")
              or src.get("on_bad_rows") or "skip") == "strict"
    if len(rejected) and (strict or bad.all()):
        r = rejected.iloc[0]
        lead = "every row is unusable; the first: " if bad.all() else ""
        raise InputFileError(path, f"{lead}{r['problem']} (found {str(r['value'])!r}; "
                             f"{len(rejected)} bad row(s) in total)", row=int(r["row"]),
                             column=str(r["column"]),
                             fix="correct or remove these rows" + (
                                 "" if bad.all() else ", or set sources.on_bad_rows: skip"))
    keep = ~bad
    # one row per SKU and calendar day: sum duplicates on integer codes (no string group-by)
    day = ds[keep].astype("datetime64[D]").astype(np.int64)
    d0 = int(day.min())
    n_days = int(day.max()) - d0 + 1
    key = sc[keep].astype(np.int64) * n_days + (day - d0)
    uk, inv = np.unique(key, return_inverse=True)
    total = np.bincount(inv, weights=y[keep], minlength=len(uk))
    days = (uk % n_days + d0).astype("datetime64[D]").astype("datetime64[ns]")
    series = pd.DataFrame({"unique_id": pd.Categorical.from_codes((uk // n_days).astype(np.int64),
                                                                  categories=su),
                           "ds": days, "y": total})
    return Sales(series, rejected, rows=len(frame) + len(bad_lines))


# ------------------------------------------------------------------------------------
# writing
# ------------------------------------------------------------------------------------
def write_forecasts(frame: pd.DataFrame, path: str | Path) -> Path:
    """Write the forecasts frame as CSV (atomically, formula cells neutralised by
    :func:`seller_lab.sources.write.write_csv`): numbers with 4 decimals, dates as ISO days,
    each distinct date formatted once."""
    out = {}
    for c in frame.columns:
        col = frame[c]
        if pd.api.types.is_datetime64_any_dtype(col):
            codes, uniq = pd.factorize(col)
            out[c] = np.asarray(pd.DatetimeIndex(uniq).strftime("%Y-%m-%d"), dtype=object)[codes]
        elif pd.api.types.is_float_dtype(col):
            out[c] = col.round(4).to_numpy()
        else:
            out[c] = col.to_numpy()
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    return write_csv(pd.DataFrame(out), path)


# ------------------------------------------------------------------------------------
# the command
# ------------------------------------------------------------------------------------
def _say_rejected(file, rejected: pd.DataFrame, total: int, err) -> None:
    if not len(rejected):
        return
    err.write(f"{file}: rejected {len(rejected):,} of {total:,} row(s); first ones:\n")
    for r in rejected.head(5).itertuples(index=False):
        err.write(f"  row {r.row}, column '{r.column}': {r.problem} (found {str(r.value)!r})\n")


def run_forecast(args) -> int:
    """Handler: print the per-SKU choice and write the forecasts."""
    params = load_params(args.category, args.params_dir)
    sales = read_sales(args.file, params)
    series = sales.series
    if series.empty:
        raise InputFileError(args.file, "no sales rows to forecast",
                             fix="check the file holds orders with SKU, date and units")
    _say_rejected(args.file, sales.rejected, sales.rows or len(series) + len(sales.rejected), sys.stderr)
    info = infer_frequency(series, params, freq=args.freq or sales.freq, file=args.file)
    if sales.freq and not args.freq:
        info = FrequencyInfo(info.freq, info.kind, "inferred",
                             "daily, from order timestamps (a transactions export)")
    result = forecast(series, params, horizon=args.horizon, freq=info)
    out = sys.stdout
    h = len(result.forecasts) // max(len(result.chosen), 1)
    lvl = result.level
    unit = {"D": "d", "W": "w", "M": "m", "Q": "q", "Y": "y"}[info.kind]
    sums = result.forecasts.groupby("unique_id").agg(
        units=("forecast", "sum"), lo=(f"forecast-lo-{lvl}", "mean"), hi=(f"forecast-hi-{lvl}", "mean"))
    table = (result.chosen.set_index("unique_id")[["method", "mase", "rmsse", "daily_mean"]]
             .join(sums).sort_values("units", ascending=False, kind="stable"))
    shown = ForecastSettings.from_params(params).cli_rows_shown
    out.write(f"frequency: {result.note}\n")
    out.write(f"{len(table)} SKUs, {h} {describe(info.freq).split(' ')[0]} period(s) ahead from "
              f"{result.forecasts['ds'].min():%Y-%m-%d}\n")
    if info.kind != "D":
        out.write(f"units/day = {result.chosen['rate_basis'].iloc[0]}\n")
    out.write(table.rename(columns={"units": f"units_{h}{unit}", "lo": f"period_lo_{lvl}",
                                    "hi": f"period_hi_{lvl}", "daily_mean": "units/day"})
              .head(shown).to_string(float_format=lambda x: f"{x:.2f}") + "\n")
    if len(table) > shown:
        out.write(f"... and {len(table) - shown:,} more SKUs (largest forecasts first; "
                  f"--out writes them all)\n")
    out.write("\n")
    out.write("mean backtest accuracy per model:\n")
    out.write(accuracy_summary(result).to_string(index=False, float_format=lambda x: f"{x:.3f}") + "\n")
    if args.out:
        keep = ["unique_id", "ds", "forecast", f"forecast-lo-{lvl}", f"forecast-hi-{lvl}", "method"]
        write_forecasts(result.forecasts if args.all_models else result.forecasts[keep], args.out)
        out.write(f"wrote {len(result.forecasts)} rows to {args.out}\n")
    return 0
