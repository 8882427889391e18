"""``seller-lab forecast FILE --horizon H [--out CSV]``: daily forecasts per SKU.

FILE is any orders/sales export the importers recognise (``seller_lab.sources.load_file``)
or a plain CSV with ``sku, date, units`` columns (``unique_id, ds, y`` also work). Prints
the chosen method and backtest accuracy per SKU and writes the forecasts frame
(``unique_id, ds, forecast, forecast-lo-80, forecast-hi-80, method, <model>...``).

Examples
--------
>>> import argparse
>>> parser = argparse.ArgumentParser(prog="seller-lab")
>>> register(parser.add_subparsers(dest="command"))
>>> args = parser.parse_args(["forecast", "sales.csv", "--horizon", "14"])
>>> args.file, args.horizon, args.out
('sales.csv', 14, None)
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import pandas as pd

from ..errors import InputFileError, LayoutNotRecognisedError, SellerLabError
from ..sources.write import write_csv

_ALIASES = {"unique_id": ["sku", "unique_id", "seller_sku", "seller-sku", "item", "product"],
            "ds": ["date", "ds", "day", "order_date", "purchase_date", "datum"],
            "y": ["units", "y", "quantity", "qty", "sales", "units_ordered", "menge"]}


def register(subparsers) -> None:
    """Add the ``forecast`` sub-command to ``seller-lab``."""
    p = subparsers.add_parser(
        "forecast", help="forecast daily units per SKU from an orders/sales file",
        description="Backtest Croston/SBA, TSB, SES, seasonal ES and seasonal naive per SKU, "
                    "pick the best by MASE and forecast H days with 80%% intervals.")
    p.add_argument("file", help="orders/sales export, or a CSV with sku,date,units")
    p.add_argument("--horizon", type=_days_ahead, default=None,
                   help="days ahead, 1 or more (default: params)")
    p.add_argument("--out", default=None, help="write the forecasts to this CSV")
    p.add_argument("--category", default=None, help="category slug (params: time zone, models)")
    p.add_argument("--params-dir", default=None, help="params folder (default: ./params)")
    p.set_defaults(func=run_forecast)


def _days_ahead(text: str) -> int:
    """``--horizon``: a whole number of days >= 1 (argparse names the option on error)."""
    try:
        days = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number of days") from None
    if days < 1:
        raise argparse.ArgumentTypeError(f"{days} days ahead: forecast at least 1 day ahead")
    return days


def _no_rows(path: Path, res) -> InputFileError:
    """The error for an orders/sales export that loaded no usable row, naming why."""
    if not len(res.rejected):
        return InputFileError(path, f"no data rows (the {res.layout} export holds its header "
                              "only)", fix="export a period that has orders")
    r = res.rejected.iloc[0]
    return InputFileError(path, f"no usable data rows: all {len(res.rejected)} row(s) were "
                          f"rejected, the first because: {r['problem']} (found "
                          f"{str(r['value'])!r})", row=int(r["row"]),
                          column=str(r["column"]) or None,
                          fix="correct the rows (see `seller-lab inspect FILE`)")


def read_sales(path: str | Path, params: dict) -> pd.DataFrame:
    """Any orders/sales file -> the long daily series frame (``unique_id, ds, y``)."""
    from .forecast import daily_series

    path = Path(path)
    if not path.exists():
        raise InputFileError(path, "file not found", fix="check the path")
    tz = params["category"]["timezone"] or "UTC"
    from ..sources import load_file

    load_error = None
    try:
        res = load_file(path, params=params)
    except SellerLabError as exc:   # not a known layout: read it as a plain sku,date,units CSV
        res, load_error = None, exc
    if res is not None and res.kind in ("orders", "traffic") and not len(res.frame):
        raise _no_rows(path, res)
    if res is not None and res.kind not in ("orders", "traffic"):
        raise InputFileError(path, f"this is a {res.kind} export ({res.layout}), not orders or "
                             "sales", fix="give an orders/sales export, or a CSV with columns "
                             "sku,date,units")
    if res is not None and res.kind == "orders":
        return daily_series(res.frame, timezone=tz)
    if res is not None and res.kind == "traffic":
        t = res.frame
        g = pd.DataFrame({"unique_id": t["sku"].where(t["sku"].astype("str") != "", t["asin"]),
                          "ds": pd.to_datetime(t["period_start"]), "y": t["units_ordered"]})
        return g.groupby(["unique_id", "ds"], as_index=False)["y"].sum()
    try:
        return _plain_csv(path, tz)
    except InputFileError as exc:
        if isinstance(load_error, LayoutNotRecognisedError) and load_error.column and \
                exc.problem.startswith("no column for") and \
                load_error.problem.count("(one of:") < exc.problem.count("looked for"):
            # neither sku,date,units nor a known export: whichever misses fewer columns
            # (the export it looked like, or the plain CSV) says what is missing
            raise load_error from None
        raise exc from None


def _plain_csv(path: Path, tz: str) -> pd.DataFrame:
    from .forecast import daily_series

    frame = None
    for enc in ("utf-8-sig", "gb18030", "latin-1"):
        try:
            frame = pd.read_csv(path, sep=None, engine="python", encoding=enc)
            break
        except UnicodeDecodeError:
            continue
        except (pd.errors.ParserError, pd.errors.EmptyDataError) as exc:
            raise InputFileError(path, f"not a readable CSV ({exc})",
                                 fix="export the sales as CSV with columns sku,date,units") from None
    if frame is None:
        raise InputFileError(path, "unknown text encoding", fix="save the file as UTF-8")
    lower = {str(c).strip().lower(): c for c in frame.columns}
    cols = {canon: next((lower[n] for n in names if n in lower), None)
            for canon, names in _ALIASES.items()}
    missing = [c for c, hit in cols.items() if hit is None]
    if missing:
        raise InputFileError(path, "no column for " + "; ".join(
            f"{c!r} (looked for {', '.join(_ALIASES[c])})" for c in missing),
            column=missing[0], fix="name the columns sku,date,units")
    y = pd.to_numeric(frame[cols["y"]], errors="coerce")
    ds = pd.to_datetime(frame[cols["ds"]], errors="coerce")
    if frame.empty:
        raise InputFileError(path, "no data rows (the header only)",
                             fix="export a period that has sales")
    bad = y.isna() | ds.isna()
    if bad.any():
        row = int(bad.to_numpy().argmax()) + 1
        raise InputFileError(path, "unreadable date or units", row=row,
                             column=cols["ds"] if ds.isna().any() else cols["y"],
                             fix="dates like 2026-10-31 and whole numbers of units")
    negative = (y < 0).to_numpy()
    if negative.any():
        row = int(negative.argmax()) + 1
        raise InputFileError(path, f"negative units ({y.iloc[row - 1]:g}): sales cannot be "
                             f"negative ({int(negative.sum())} row(s))", row=row,
                             column=cols["y"], fix="remove returns/corrections from the sales "
                             "file (units sold per day are 0 or more)")
    orders = pd.DataFrame({"sku": frame[cols["unique_id"]].astype("str"),
                           "ds": ds.dt.tz_localize(tz) if ds.dt.tz is None else ds, "units": y})
    return daily_series(orders, timezone=tz)


def run_forecast(args) -> int:
    """Handler: print the per-SKU choice and write the forecasts."""
    from ..params import load_params
    from .forecast import accuracy_summary, forecast

    params = load_params(args.category, args.params_dir)
    series = read_sales(args.file, params)
    if series.empty:
        raise InputFileError(args.file, "no sales rows to forecast",
                             fix="check the file holds orders with SKU, date and units")
    result = forecast(series, params, horizon=args.horizon)
    out = sys.stdout
    h = len(result.forecasts) // max(len(result.chosen), 1)
    lvl = result.level
    sums = result.forecasts.groupby("unique_id").agg(
        units=("forecast", "sum"), lo=(f"forecast-lo-{lvl}", "mean"), hi=(f"forecast-hi-{lvl}", "mean"))
    table = result.chosen.set_index("unique_id")[["method", "mase", "history_days"]].join(sums)
    out.write(f"{len(table)} SKUs, {h} days ahead from {result.forecasts['ds'].min():%Y-%m-%d}\n")
    out.write(table.rename(columns={"units": f"units_{h}d", "lo": f"day_lo_{lvl}", "hi": f"day_hi_{lvl}"})
              .to_string(float_format=lambda x: f"{x:.2f}") + "\n\n")
    out.write("mean backtest accuracy per model:\n")
    out.write(accuracy_summary(result).to_string(index=False, float_format=lambda x: f"{x:.3f}") + "\n")
    if args.out:
        Path(args.out).parent.mkdir(parents=True, exist_ok=True)
        write_csv(result.forecasts, args.out, date_format="%Y-%m-%d")
        out.write(f"wrote {len(result.forecasts)} rows to {args.out}\n")
    return 0
