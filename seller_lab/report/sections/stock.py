"""The monthly page's stock sections: renderers of one
:class:`seller_lab.stock.report.StockReview` (``m.stock`` of a monthly review; a
:class:`~seller_lab.review.MonthReview` is accepted too and its ``stock`` used).

They read the result object only: the R6.2 turnover rule, the plan and the alerts are
evaluated in :func:`seller_lab.stock.report.run_stock`. This module imports nothing from
the stock or review packages.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ...i18n import register_cjk_font
from .. import plots
from ..render import HTML, figure_html, heading, join, key_numbers, note, table
from .localized import decisions_table, text, translated_cells, translated_columns, translator_of


def _stock(x):
    """The StockReview of a StockReview or of a MonthReview."""
    return getattr(x, "stock", x)


def _t(s, lang):
    return translator_of(s.settings, lang)


def _chart_setup() -> None:
    """Charts carry Chinese text on a Chinese page: the CJK font joins the font list."""
    family = plots.matplotlib.rcParams["font.family"]
    cjk = register_cjk_font()
    if cjk not in family:
        plots.matplotlib.rcParams["font.family"] = [*family, cjk]


def _turnover_skipped(s, tr) -> str:
    return text(tr, s.turnover_skipped, s.turnover_skipped_template, s.turnover_skipped_values)


def _unavailable(s, what: str, tr) -> HTML | None:
    """The sentence shown instead of a section whose input is absent, else None."""
    if s.missing_orders:
        return note(tr(s.missing_orders, what=what), "warn")
    if s.skipped:
        skipped = text(tr, s.skipped, s.skipped_template, s.skipped_values)
        return note(tr("{skipped}: nothing to compute {what} from (run the review for a month the data covers).",
                      skipped=skipped[0].upper() + skipped[1:], what=what), "warn")
    if s.forecast is None and what != tr("inventory turnover"):
        return note(tr("No sales up to {day}: {what} needs daily sales per SKU.", day=f"{s.as_of:%Y-%m-%d}",
                      what=what), "warn")
    return None


def stock_plan_section(x, lang: str | None = None) -> HTML:
    """Order quantities per SKU (both cover readings, service-level alternative),
    warehouse split in cartons, upcoming peaks with ship-by dates, and which policy
    would have done better on the history (R3.1, R3.3)."""
    s = _stock(x)
    tr = _t(s, lang)
    gone = _unavailable(s, tr("the stock plan"), tr)
    if gone is not None:
        return gone
    st = s.settings.plan
    cover, cover_alt = f"{st.cover_days:g}", f"{st.cover_days_alt:g}"
    parts = [key_numbers([
        (tr("SKUs planned"), f"{len(s.plan)}", tr("as of {day}", day=f"{s.as_of:%Y-%m-%d}")),
        (tr("first-leg lead time"), tr("{n} days", n=f"{s.lead_time_days:g}"), tr(s.lead_time_source)),
        (tr("cover (seed formula)"), tr("{n} days", n=cover), "stock.cover_days"),
        (tr("cover ('3 months')"), tr("{n} days", n=cover_alt), "stock.cover_days_alt"),
    ])]
    parts.append(note(tr(
        "First order = daily sales x cover + safety stock (daily sales x lead time). The seed's "
        "example (5/day, 20 days by sea) gives 5x3 + 5x20 = 115 with a cover of 3 days, but the "
        "seed says the order 'covers 3 months of sales', which needs a cover of ~90 days: "
        "5x90 + 5x20 = 550. Both readings are shown; the cover is a parameter in days.")))
    if s.turnover_skipped:
        parts.append(note(tr("The next order is not adjusted by R6.2: {why}.", why=_turnover_skipped(s, tr)), "warn"))
    service = tr("order (service level {level})", level=tr.percent(st.service_level, 0))
    names = {"next_order_r62": tr("next order (after R6.2 turnover rule)"),
             "daily_forecast": tr("units/day (forecast)"), "order_qty_seed": tr("order (cover {n} d)", n=cover),
             "order_qty_3_months": tr("order (cover {n} d)", n=cover_alt), "order_qty_service": service,
             "safety_stock_seed": tr("safety stock (seed)"),
             "safety_stock_service": tr("safety stock (service level)"),
             "reorder_point": tr("reorder point"), "days_of_cover": tr("days of cover")}
    keep = [c for c in ["sku", "method", "daily_forecast", "safety_stock_seed", "safety_stock_service",
                        "order_qty_seed", "order_qty_3_months", "order_qty_service", "next_order_r62",
                        "reorder_point", "on_hand", "inbound", "days_of_cover"] if c in s.plan.columns]
    show = translated_columns(s.plan[keep].rename(columns=names), tr)
    parts.append(table(show, caption=tr("Order quantities per SKU (units)"), float_format="{:,.1f}", t=tr))
    if len(s.split):
        parts.append(table(translated_columns(translated_cells(s.split, tr, ["role"]), tr), caption=tr(
            "Warehouse split of the next order ({days} days of cover, R6.2 adjusted) by the last "
            "{window} days' sales share, in cartons of {carton}", days=cover_alt, window=st.share_window_days,
            carton=st.carton_qty), float_format="{:,.2f}", t=tr))
    parts.append(heading(tr("Peaks: extra stock and ship-by dates")))
    peaks = s.peaks
    if len(peaks):
        pk = peaks.assign(start=peaks["start"].dt.strftime("%Y-%m-%d"),
                          ship_from=peaks["ship_from"].dt.strftime("%Y-%m-%d"),
                          ship_by=peaks["ship_by"].dt.strftime("%Y-%m-%d"),
                          event=peaks["event"].map(lambda v: tr(str(v))),
                          status=peaks["status"].map(lambda v: tr(str(v))))
        parts.append(table(translated_columns(
            pk[["event", "sku", "start", "days", "uplift_min", "uplift_max", "extra_units_min",
                "extra_units_max", "ship_from", "ship_by", "status"]], tr),
            max_rows=30, caption=tr(
                "Upcoming peaks in the next 12 months: +{lo} to +{hi} for events (season: measured uplift); "
                "ship {ahead_lo}-{ahead_hi} months ahead", lo=tr.percent(st.peak_uplift_min, 0),
                hi=tr.percent(st.peak_uplift_max, 0), ahead_lo=f"{st.peak_ship_ahead_months_min:g}",
                ahead_hi=f"{st.peak_ship_ahead_months_max:g}"), float_format="{:,.2f}", t=tr))
    else:
        parts.append(note(tr("No peak event in the next 12 months.")))
    parts.append(_sales_figure(s, tr))
    sim = s.policies
    better = sim.sort_values(["lost_units", "avg_stock"]).iloc[0]["policy"]
    parts.append(heading(tr("Which stocking rule would have done better on this history")))
    parts.append(table(translated_columns(sim.assign(policy=sim["policy"].map(lambda v: tr.pgettext("stocking rule", str(v)))), tr), caption=tr(
        "Replay of the daily sales under each rule (lead time {lead} days, order up to {days} days of cover): "
        "'{better}' loses fewer sales", lead=f"{s.lead_time_days:g}", days=cover_alt, better=tr.pgettext("stocking rule", str(better))),
        float_format="{:,.2f}", t=tr))
    return join(*parts)


def _sales_figure(s, tr) -> str:
    hist, res, peaks = s.history, s.forecast, s.peaks
    if hist is None or len(hist) == 0:
        return ""
    _chart_setup()
    fig, ax = plots.new_figure()
    start = hist["ds"].max() - pd.Timedelta(days=730)
    h = hist[hist["ds"] >= start]
    top = h.groupby("unique_id")["y"].sum().sort_values(ascending=False)
    for i, sku in enumerate(top.index[:5]):
        series = h[h["unique_id"] == sku].set_index("ds")["y"].rolling(7, min_periods=1).mean()
        colour = plots.PALETTE[i % len(plots.PALETTE)]
        ax.plot(series.index, series.to_numpy(), color=colour, lw=1.2, label=str(sku))
        f = res.forecasts[res.forecasts["unique_id"] == sku]
        ax.plot(f["ds"], f["forecast"], color=colour, lw=2, ls="--")
        lo, hi = f"forecast-lo-{res.level}", f"forecast-hi-{res.level}"
        ax.fill_between(f["ds"], f[lo], f[hi], color=colour, alpha=0.15)
    ax.legend(loc="upper left")
    best = top.index[0]
    daily = float(res.chosen.set_index("unique_id").loc[best, "daily_mean"])
    title = tr("{sku} sells most; forecast {daily} units/day next {days} days", sku=best,
              daily=tr.number(daily, 1), days=s.settings.forecast.horizon_days)
    season = peaks[peaks["event"] == "Season peak"] if len(peaks) else None
    if season is not None and len(season):
        first = season.iloc[0]
        end = first["start"] + pd.Timedelta(days=int(first["days"]) - 1)
        title = tr("Sales peak {start}-{end}: ship the season's stock by {day}", start=tr.month_name(first["start"]),
                  end=tr.month_name(end), day=f"{first['ship_by']:%Y-%m-%d}")
    plots.finish(ax, title=title, xlabel=tr("date"), ylabel=tr("units per day (7-day mean)"),
                 source=tr("orders, forecast dashed with {level}% interval", level=res.level))
    return figure_html(fig)


def stock_alerts_section(x, lang: str | None = None) -> HTML:
    """Low-stock alerts per SKU x warehouse (days of cover vs lead time, reorder point)
    and cross-warehouse transfer suggestions (R3.3, R3.4)."""
    s = _stock(x)
    tr = _t(s, lang)
    gone = _unavailable(s, tr("the low-stock alerts"), tr)
    if gone is not None:
        return gone
    if s.missing_inventory:
        return note(tr("No inventory export: days of cover cannot be computed (add the warehouse "
                      "stock report)."), "warn")
    alerts, moves = s.alerts, s.transfers
    low = alerts[alerts["status"] == "low"]
    parts = [key_numbers([(tr("low-stock warehouses"), f"{len(low)}", tr("cover below lead time")),
                          (tr("excess"), f"{int((alerts['status'] == 'excess').sum())}",
                           tr("> {n} days of cover", n=f"{s.settings.plan.transfer_excess_days:g}")),
                          (tr("transfers suggested"), f"{len(moves)}", tr("whole cartons")),
                          (tr("as of"), f"{s.as_of:%Y-%m-%d}", "")])]
    shown = alerts.replace([np.inf], np.nan)
    shown = shown.assign(status=shown["status"].map(lambda v: tr.pgettext("stock status", str(v))))
    parts.append(table(translated_columns(shown[["sku", "warehouse", "on_hand", "inbound", "daily", "days_of_cover",
                                                 "lead_time_days", "reorder_point", "status"]], tr), max_rows=40,
                       caption=tr("Days of cover per SKU and warehouse (empty = no recent sales)"),
                       float_format="{:,.1f}", t=tr))
    if len(moves):
        parts.append(table(translated_columns(moves, tr), caption=tr("Transfer suggestions"), float_format="{:,.1f}", t=tr))
    flagged = [d for d in s.alert_decisions if d.verdict == "alert"] + list(s.transfer_decisions)
    parts.append(decisions_table(flagged, tr) if flagged
                 else note(tr("No SKU runs low: every warehouse has more cover than its lead time.")))
    return join(*parts)


def turnover_section(x, lang: str | None = None) -> HTML:
    """Monthly inventory turnover per SKU and the R6.2 order decisions."""
    s = _stock(x)
    tr = _t(s, lang)
    gone = _unavailable(s, tr("inventory turnover"), tr)
    if gone is not None:
        return gone
    if s.missing_inventory:
        return note(tr("No inventory export: turnover (units sold / average stock) cannot be computed."), "warn")
    if s.turnover_skipped:
        return note(tr("No turnover decision this month: {why}.", why=_turnover_skipped(s, tr)), "warn")
    it, tv = s.settings.iteration, s.turnover
    _chart_setup()
    fig, ax = plots.new_figure(height=max(2.5, 0.45 * len(tv) + 1.2))
    order = tv.sort_values("turnover")
    colours = np.where(order["action"] == "increase", plots.PALETTE[2],
                       np.where(order["action"] == "decrease", plots.PALETTE[1], plots.PALETTE[5]))
    ax.barh(order["sku"].astype("str"), order["turnover"].fillna(0), color=colours)
    ax.axvline(it.turnover_fast_per_month, color=plots.PALETTE[2], ls="--", lw=1)
    ax.axvline(it.turnover_slow_per_month, color=plots.PALETTE[1], ls="--", lw=1)
    ax.grid(axis="y", visible=False)
    n_up, n_down = int((tv["action"] == "increase").sum()), int((tv["action"] == "decrease").sum())
    month = tr.period(s.period)
    plots.finish(ax, title=tr("{up} SKU(s) turn over > {fast}/month, {down} < {slow}/month in {month}", up=n_up,
                             fast=f"{it.turnover_fast_per_month:g}", down=n_down,
                             slow=f"{it.turnover_slow_per_month:g}", month=month),
                 xlabel=tr("inventory turnover per month (units sold / average on hand)"),
                 source=tr("orders and inventory snapshots"))
    show = tv.assign(action=tv["action"].map(lambda v: tr(str(v))))
    return join(figure_html(fig),
                table(translated_columns(show[["sku", "units_sold", "avg_on_hand", "turnover", "action",
                                               "order_change", "cycle_months", "bundle_with"]], tr),
                      caption=tr("Turnover {month}", month=month), float_format="{:,.2f}", t=tr),
                decisions_table(list(s.turnover_decisions), tr))


def forecast_accuracy_section(x, lang: str | None = None) -> HTML:
    """Backtest accuracy per model and the method chosen per SKU (R3.2)."""
    s = _stock(x)
    tr = _t(s, lang)
    gone = _unavailable(s, tr("the forecast"), tr)
    if gone is not None:
        return gone
    st = s.settings.forecast
    chosen = s.chosen[["unique_id", "method", "mase", "rmsse", "daily_mean", "error_sd",
                       "history_days"]].rename(columns={"unique_id": "sku", "daily_mean": "units/day forecast",
                                                        "error_sd": "error sd (units/day)"})
    return join(
        note(tr("Each SKU's method is chosen by a rolling-origin backtest ({windows} windows of {days} days) on "
               "{metric}: below 1 beats repeating yesterday's sales. Intervals ({level}%) come from the "
               "backtest errors.", windows=st.backtest_windows, days=st.horizon_days,
               metric=st.selection_metric.upper(), level=s.forecast.level)),
        table(translated_columns(chosen, tr), caption=tr("Chosen method per SKU"), float_format="{:,.2f}", t=tr),
        table(translated_columns(s.accuracy, tr), caption=tr("Mean backtest accuracy per model"),
              float_format="{:,.3f}", t=tr))
