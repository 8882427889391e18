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

from ...decisions import to_frame
from .. import plots
from ..render import HTML, decisions_table, figure_html, heading, join, key_numbers, note, table


def _stock(x):
    """The StockReview of a StockReview or of a MonthReview."""
    return getattr(x, "stock", x)


def _unavailable(s, what: str) -> HTML | None:
    """The sentence shown instead of a section whose input is absent, else None."""
    if s.missing_orders:
        return note(s.missing_orders.format(what=what), "warn")
    if s.skipped:
        return note(f"{s.skipped[0].upper()}{s.skipped[1:]}: nothing to compute {what} from (run the "
                    "review for a month the data covers).", "warn")
    if s.forecast is None and what != "inventory turnover":
        return note(f"No sales up to {s.as_of:%Y-%m-%d}: {what} needs daily sales per SKU.", "warn")
    return None


def stock_plan_section(x) -> HTML:
    """Order quantities per SKU (both cover readings, service-level alternative),
    warehouse split in cartons, upcoming peaks with ship-by dates, and which policy
    would have done better on the history (R3.1, R3.3)."""
    s = _stock(x)
    gone = _unavailable(s, "the stock plan")
    if gone is not None:
        return gone
    st = s.settings
    cover, cover_alt = f"{st.cover_days:g}", f"{st.cover_days_alt:g}"
    parts = [key_numbers([
        ("SKUs planned", f"{len(s.plan)}", f"as of {s.as_of:%Y-%m-%d}"),
        ("first-leg lead time", f"{s.lead_time_days:g} days", s.lead_time_source),
        ("cover (seed formula)", f"{cover} days", "stock.cover_days"),
        ("cover ('3 months')", f"{cover_alt} days", "stock.cover_days_alt"),
    ])]
    parts.append(note(
        "First order = daily sales x cover + safety stock (daily sales x lead time). The seed's "
        "example (5/day, 20 days by sea) gives 5x3 + 5x20 = 115 with a cover of 3 days, but the "
        "seed says the order 'covers 3 months of sales', which needs a cover of ~90 days: "
        "5x90 + 5x20 = 550. Both readings are shown; the cover is a parameter in days."))
    if s.turnover_skipped:
        parts.append(note(f"The next order is not adjusted by R6.2: {s.turnover_skipped}.", "warn"))
    service = f"order (service level {st.service_level:.0%})"
    show = s.plan.rename(columns={
        "next_order_r62": "next order (after R6.2 turnover rule)",
        "daily_forecast": "units/day (forecast)", "order_qty_seed": f"order (cover {cover} d)",
        "order_qty_3_months": f"order (cover {cover_alt} d)", "order_qty_service": service,
        "safety_stock_seed": "safety stock (seed)", "safety_stock_service": "safety stock (service level)",
        "reorder_point": "reorder point", "days_of_cover": "days of cover"})
    keep = [c for c in ["sku", "method", "units/day (forecast)", "safety stock (seed)",
                        "safety stock (service level)", f"order (cover {cover} d)", f"order (cover {cover_alt} d)",
                        service, "next order (after R6.2 turnover rule)", "reorder point",
                        "on_hand", "inbound", "days of cover"] if c in show.columns]
    parts.append(table(show[keep], caption="Order quantities per SKU (units)", float_format="{:,.1f}"))
    if len(s.split):
        parts.append(table(s.split, caption=(
            f"Warehouse split of the next order ({cover_alt} days of cover, R6.2 adjusted) by the last "
            f"{st.share_window_days} days' sales share, in cartons of {st.carton_qty}"),
            float_format="{:,.2f}"))
    parts.append(heading("Peaks: extra stock and ship-by dates"))
    peaks = s.peaks
    if len(peaks):
        pk = peaks.assign(start=peaks["start"].dt.strftime("%Y-%m-%d"),
                          ship_from=peaks["ship_from"].dt.strftime("%Y-%m-%d"),
                          ship_by=peaks["ship_by"].dt.strftime("%Y-%m-%d"))
        parts.append(table(pk[["event", "sku", "start", "days", "uplift_min", "uplift_max",
                               "extra_units_min", "extra_units_max", "ship_from", "ship_by", "status"]],
                           max_rows=30, caption=(
                               f"Upcoming peaks in the next 12 months: +{st.peak_uplift_min:.0%} to "
                               f"+{st.peak_uplift_max:.0%} for events (season: measured uplift); "
                               f"ship {st.peak_ship_ahead_months_min:g}-{st.peak_ship_ahead_months_max:g} "
                               "months ahead"), float_format="{:,.2f}"))
    else:
        parts.append(note("No peak event in the next 12 months."))
    parts.append(_sales_figure(s))
    sim = s.policies
    better = sim.sort_values(["lost_units", "avg_stock"]).iloc[0]["policy"]
    parts.append(heading("Which stocking rule would have done better on this history"))
    parts.append(table(sim, caption=(
        f"Replay of the daily sales under each rule (lead time {s.lead_time_days:g} days, order up to "
        f"{cover_alt} days of cover): '{better}' loses fewer sales"), float_format="{:,.2f}"))
    return join(*parts)


def _sales_figure(s) -> str:
    hist, res, peaks = s.history, s.forecast, s.peaks
    if hist is None or len(hist) == 0:
        return ""
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
    title = f"{best} sells most; forecast {daily:.1f} units/day next {s.settings.horizon_days} days"
    season = peaks[peaks["event"] == "Season peak"] if len(peaks) else None
    if season is not None and len(season):
        first = season.iloc[0]
        end = first["start"] + pd.Timedelta(days=int(first["days"]) - 1)
        title = (f"Sales peak {first['start']:%b}-{end:%b}: ship the season's stock by "
                 f"{first['ship_by']:%Y-%m-%d}")
    plots.finish(ax, title=title, xlabel="date", ylabel="units per day (7-day mean)",
                 source=f"orders, forecast dashed with {res.level}% interval")
    return figure_html(fig)


def stock_alerts_section(x) -> HTML:
    """Low-stock alerts per SKU x warehouse (days of cover vs lead time, reorder point)
    and cross-warehouse transfer suggestions (R3.3, R3.4)."""
    s = _stock(x)
    gone = _unavailable(s, "the low-stock alerts")
    if gone is not None:
        return gone
    if s.missing_inventory:
        return note("No inventory export: days of cover cannot be computed (add the warehouse "
                    "stock report).", "warn")
    alerts, moves = s.alerts, s.transfers
    low = alerts[alerts["status"] == "low"]
    parts = [key_numbers([("low-stock warehouses", f"{len(low)}", "cover below lead time"),
                          ("excess", f"{int((alerts['status'] == 'excess').sum())}",
                           f"> {s.settings.transfer_excess_days:g} days of cover"),
                          ("transfers suggested", f"{len(moves)}", "whole cartons"),
                          ("as of", f"{s.as_of:%Y-%m-%d}", "")])]
    shown = alerts.replace([np.inf], np.nan)
    parts.append(table(shown[["sku", "warehouse", "on_hand", "inbound", "daily", "days_of_cover",
                              "lead_time_days", "reorder_point", "status"]], max_rows=40,
                       caption="Days of cover per SKU and warehouse (empty = no recent sales)",
                       float_format="{:,.1f}"))
    if len(moves):
        parts.append(table(moves, caption="Transfer suggestions", float_format="{:,.1f}"))
    flagged = [d for d in s.alert_decisions if d.verdict == "alert"] + list(s.transfer_decisions)
    parts.append(decisions_table(to_frame(flagged)) if flagged
                 else note("No SKU runs low: every warehouse has more cover than its lead time."))
    return join(*parts)


def turnover_section(x) -> HTML:
    """Monthly inventory turnover per SKU and the R6.2 order decisions."""
    s = _stock(x)
    gone = _unavailable(s, "inventory turnover")
    if gone is not None:
        return gone
    if s.missing_inventory:
        return note("No inventory export: turnover (units sold / average stock) cannot be computed.", "warn")
    if s.turnover_skipped:
        return note(f"No turnover decision this month: {s.turnover_skipped}.", "warn")
    it, t = s.iteration, s.turnover
    fig, ax = plots.new_figure(height=max(2.5, 0.45 * len(t) + 1.2))
    order = t.sort_values("turnover")
    colours = np.where(order["action"] == "increase", plots.PALETTE[2],
                       np.where(order["action"] == "decrease", plots.PALETTE[1], plots.PALETTE[5]))
    ax.barh(order["sku"].astype("str"), order["turnover"].fillna(0), color=colours)
    ax.axvline(it.turnover_fast_per_month, color=plots.PALETTE[2], ls="--", lw=1)
    ax.axvline(it.turnover_slow_per_month, color=plots.PALETTE[1], ls="--", lw=1)
    ax.grid(axis="y", visible=False)
    n_up, n_down = int((t["action"] == "increase").sum()), int((t["action"] == "decrease").sum())
    plots.finish(ax, title=f"{n_up} SKU(s) turn over > {it.turnover_fast_per_month:g}/month, "
                           f"{n_down} < {it.turnover_slow_per_month:g}/month in {s.period}",
                 xlabel="inventory turnover per month (units sold / average on hand)",
                 source="orders and inventory snapshots")
    return join(figure_html(fig),
                table(t[["sku", "units_sold", "avg_on_hand", "turnover", "action", "order_change",
                         "cycle_months", "bundle_with"]], caption=f"Turnover {s.period}", float_format="{:,.2f}"),
                decisions_table(to_frame(list(s.turnover_decisions))))


def forecast_accuracy_section(x) -> HTML:
    """Backtest accuracy per model and the method chosen per SKU (R3.2)."""
    s = _stock(x)
    gone = _unavailable(s, "the forecast")
    if gone is not None:
        return gone
    st = s.settings
    chosen = s.chosen[["unique_id", "method", "mase", "rmsse", "daily_mean", "error_sd",
                       "history_days"]].rename(columns={"unique_id": "sku", "daily_mean": "units/day forecast",
                                                        "error_sd": "error sd (units/day)"})
    return join(
        note(f"Each SKU's method is chosen by a rolling-origin backtest ({st.backtest_windows} "
             f"windows of {st.horizon_days} days) on {st.selection_metric.upper()}: below 1 "
             f"beats repeating yesterday's sales. Intervals ({s.forecast.level}%) come from the backtest errors."),
        table(chosen, caption="Chosen method per SKU", float_format="{:,.2f}"),
        table(s.accuracy, caption="Mean backtest accuracy per model", float_format="{:,.3f}"))
