"""The monthly report's stock sections: plan, alerts, turnover decisions, forecast accuracy.

Each function takes the category's data (``load_category(params)``), the params and the
report period (``YYYY-MM``; stock is judged as of the month's last day) and returns one
displayable HTML block (tables escaped, charts embedded as PNG) for a one-line cell.

Examples
--------
>>> as_of_date("2026-10")
Timestamp('2026-10-31 00:00:00')
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..decisions import to_frame
from ..report import plots
from ..report.render import (
    HTML,
    decisions_table,
    figure_html,
    heading,
    join,
    key_numbers,
    note,
    table,
)
from ..report.sections import source_files


def as_of_date(period: str | None, orders: pd.DataFrame | None = None) -> pd.Timestamp:
    """Last day of the period (YYYY-MM or YYYY-MM-DD), else the last order day."""
    if period:
        p = str(period)
        if len(p) == 7:
            return (pd.Timestamp(f"{p}-01") + pd.offsets.MonthEnd(0)).normalize()
        return pd.Timestamp(p).normalize()
    if orders is not None and len(orders):
        return pd.to_datetime(orders["ds"], utc=True).max().tz_localize(None).normalize()
    return pd.Timestamp.today().normalize()


# ------------------------------------------------------------------------------------
# shared computation (cached per data object and period: several sections use it)
# ------------------------------------------------------------------------------------
_CACHE: dict = {}


def history(data, params: dict, period: str | None = None) -> pd.DataFrame:
    """Daily units per SKU up to the period's last day (market time zone)."""
    from .forecast import daily_series

    orders = data.orders
    end = as_of_date(period, orders)
    tz = params["category"]["timezone"] or "UTC"
    if orders is None or len(orders) == 0:
        return daily_series(orders)
    ts = pd.to_datetime(orders["ds"], utc=True).dt.tz_convert(tz).dt.tz_localize(None)
    return daily_series(orders[ts < end + pd.Timedelta(days=1)], timezone=tz, end=end)


def forecast_for(data, params: dict, period: str | None = None):
    """The forecast result for the data up to the period (computed once per data/period)."""
    from .forecast import forecast

    key = (id(data), id(data.orders), str(period), params["category"].get("slug", ""))
    hit = _CACHE.get(key)
    if hit is not None and hit[0] is data:
        return hit[1]
    hist = history(data, params, period)
    result = forecast(hist, params) if len(hist) else None
    if len(_CACHE) > 16:
        _CACHE.clear()
    _CACHE[key] = (data, result, hist)
    return result


def _hist(data, params, period):
    forecast_for(data, params, period)
    key = (id(data), id(data.orders), str(period), params["category"].get("slug", ""))
    return _CACHE[key][2]


def _no_orders(what: str) -> HTML:
    return note(f"No orders export in this category's data folder: {what} needs daily sales "
                "per SKU (an ERP or Seller Central orders file).", "warn")


# ------------------------------------------------------------------------------------
# sections
# ------------------------------------------------------------------------------------
def stock_plan_section(data, params: dict, period: str | None = None) -> HTML:
    """Order quantities per SKU (both cover readings, service-level alternative),
    warehouse split in cartons, upcoming peaks with ship-by dates, and which policy
    would have done better on the history (R3.1, R3.3)."""
    from .planning import peak_plan, stock_plan, warehouse_sales, warehouse_split
    from .simulate import compare_policies

    if data.orders is None or len(data.orders) == 0:
        return _no_orders("the stock plan")
    st = params["stock"]
    as_of = as_of_date(period, data.orders)
    res = forecast_for(data, params, period)
    hist = _hist(data, params, period)
    plan = stock_plan(res.chosen, params, inventory=data.inventory, shipments=data.shipments,
                      as_of=as_of)
    lead = float(plan["lead_time_days"].iloc[0])
    lead_src = "measured from first-leg shipments" if (
        data.shipments is not None and len(data.shipments) and st["lead_time_from_shipments"]
        and lead != float(st["safety_stock_lead_time_days"])) else "stock.safety_stock_lead_time_days"
    parts = [key_numbers([
        ("SKUs planned", f"{len(plan)}", f"as of {as_of:%Y-%m-%d}"),
        ("first-leg lead time", f"{lead:g} days", lead_src),
        ("cover (seed formula)", f"{st['cover_days']:g} days", "stock.cover_days"),
        ("cover ('3 months')", f"{st['cover_days_alt']:g} days", "stock.cover_days_alt"),
    ])]
    parts.append(note(
        "First order = daily sales x cover + safety stock (daily sales x lead time). The seed's "
        "example (5/day, 20 days by sea) gives 5x3 + 5x20 = 115 with a cover of 3 days, but the "
        "seed says the order 'covers 3 months of sales', which needs a cover of ~90 days: "
        "5x90 + 5x20 = 550. Both readings are shown; the cover is a parameter in days."))
    plan["next_order_r62"] = plan["order_qty_3_months"]
    if data.inventory is not None and len(data.inventory) and period and len(str(period)) == 7:
        from .turnover import monthly_turnover, turnover_decisions

        tv = monthly_turnover(data.orders, data.inventory, str(period),
                              timezone=params["category"]["timezone"] or "UTC")
        tv, _ = turnover_decisions(tv, params, orders=data.orders)
        change = plan["sku"].map(dict(zip(tv["sku"], tv["order_change"]))).fillna(0.0)
        plan["next_order_r62"] = np.ceil(plan["order_qty_3_months"] * (1 + change))
    show = plan.rename(columns={
        "next_order_r62": "next order (after R6.2 turnover rule)",
        "daily_forecast": "units/day (forecast)", "order_qty_seed": f"order (cover {st['cover_days']:g} d)",
        "order_qty_3_months": f"order (cover {st['cover_days_alt']:g} d)",
        "order_qty_service": f"order (service level {st['service_level']:.0%})",
        "safety_stock_seed": "safety stock (seed)", "safety_stock_service": "safety stock (service level)",
        "reorder_point": "reorder point", "days_of_cover": "days of cover"})
    keep = [c for c in ["sku", "method", "units/day (forecast)", "safety stock (seed)",
                        "safety stock (service level)", f"order (cover {st['cover_days']:g} d)",
                        f"order (cover {st['cover_days_alt']:g} d)",
                        f"order (service level {st['service_level']:.0%})",
                        "next order (after R6.2 turnover rule)", "reorder point",
                        "on_hand", "inbound", "days of cover"] if c in show.columns]
    parts.append(table(show[keep], caption="Order quantities per SKU (units)", float_format="{:,.1f}"))

    shares = warehouse_sales(data.orders, params, as_of=as_of, window_days=int(st["share_window_days"]))
    shares = shares[shares["warehouse"].astype("str") != ""]
    if len(shares):
        q = plan[["sku"]].assign(order_qty=plan["next_order_r62"])
        split = warehouse_split(q, shares, params)
        parts.append(table(split, caption=(
            f"Warehouse split of the next order ({st['cover_days_alt']:g} days of cover, R6.2 "
            f"adjusted) by the last "
            f"{st['share_window_days']} days' sales share, in cartons of {st['carton_qty']}"),
            float_format="{:,.2f}"))

    peaks = peak_plan(hist, res.chosen, params, as_of=as_of)
    parts.append(heading("Peaks: extra stock and ship-by dates"))
    if len(peaks):
        pk = peaks.assign(start=peaks["start"].dt.strftime("%Y-%m-%d"),
                          ship_from=peaks["ship_from"].dt.strftime("%Y-%m-%d"),
                          ship_by=peaks["ship_by"].dt.strftime("%Y-%m-%d"))
        parts.append(table(pk[["event", "sku", "start", "days", "uplift_min", "uplift_max",
                               "extra_units_min", "extra_units_max", "ship_from", "ship_by", "status"]],
                           max_rows=30, caption=(
                               f"Upcoming peaks in the next 12 months: +{st['peak_uplift_min']:.0%} to "
                               f"+{st['peak_uplift_max']:.0%} for events (season: measured uplift); "
                               f"ship {st['peak_ship_ahead_months_min']}-{st['peak_ship_ahead_months_max']} "
                               "months ahead"), float_format="{:,.2f}"))
    else:
        parts.append(note("No peak event in the next 12 months."))
    parts.append(_sales_figure(hist, res, params, peaks))

    sim = compare_policies(hist, params, lead_time_days=lead)
    better = sim.sort_values(["lost_units", "avg_stock"]).iloc[0]["policy"]
    parts.append(heading("Which stocking rule would have done better on this history"))
    parts.append(table(sim, caption=(
        f"Replay of the daily sales under each rule (lead time {lead:g} days, order up to "
        f"{st['cover_days_alt']:g} days of cover): '{better}' loses fewer sales"),
        float_format="{:,.2f}"))
    return join(*parts)


def _sales_figure(hist: pd.DataFrame, res, params: dict, peaks: pd.DataFrame | None = None) -> str:
    if hist is None or len(hist) == 0:
        return ""
    fig, ax = plots.new_figure()
    start = hist["ds"].max() - pd.Timedelta(days=730)
    h = hist[hist["ds"] >= start]
    top = h.groupby("unique_id")["y"].sum().sort_values(ascending=False)
    for i, sku in enumerate(top.index[:5]):
        s = h[h["unique_id"] == sku].set_index("ds")["y"].rolling(7, min_periods=1).mean()
        colour = plots.PALETTE[i % len(plots.PALETTE)]
        ax.plot(s.index, s.to_numpy(), color=colour, lw=1.2, label=str(sku))
        f = res.forecasts[res.forecasts["unique_id"] == sku]
        ax.plot(f["ds"], f["forecast"], color=colour, lw=2, ls="--")
        lo, hi = f"forecast-lo-{res.level}", f"forecast-hi-{res.level}"
        ax.fill_between(f["ds"], f[lo], f[hi], color=colour, alpha=0.15)
    ax.legend(loc="upper left")
    best = top.index[0]
    daily = float(res.chosen.set_index("unique_id").loc[best, "daily_mean"])
    title = f"{best} sells most; forecast {daily:.1f} units/day next {params['forecast']['horizon_days']} days"
    season = peaks[peaks["event"] == "Season peak"] if peaks is not None and len(peaks) else None
    if season is not None and len(season):
        first = season.iloc[0]
        end = first["start"] + pd.Timedelta(days=int(first["days"]) - 1)
        title = (f"Sales peak {first['start']:%b}-{end:%b}: ship the season's stock by "
                 f"{first['ship_by']:%Y-%m-%d}")
    plots.finish(ax, title=title,
                 xlabel="date", ylabel="units per day (7-day mean)",
                 source=f"orders, forecast dashed with {res.level}% interval")
    return figure_html(fig)


def stock_alerts_section(data, params: dict, period: str | None = None) -> HTML:
    """Low-stock alerts per SKU x warehouse (days of cover vs lead time, reorder point)
    and cross-warehouse transfer suggestions (R3.3, R3.4)."""
    from .planning import low_stock_alerts, transfer_suggestions

    if data.orders is None or len(data.orders) == 0:
        return _no_orders("the low-stock alerts")
    if data.inventory is None or len(data.inventory) == 0:
        return note("No inventory export: days of cover cannot be computed (add the warehouse "
                    "stock report).", "warn")
    cat = params["category"].get("slug", "")
    as_of = as_of_date(period, data.orders)
    alerts, dec = low_stock_alerts(data.orders, data.inventory, params, shipments=data.shipments,
                                   as_of=as_of, category=cat, period=str(period or ""))
    moves, mdec = transfer_suggestions(alerts, params, category=cat, period=str(period or ""))
    low = alerts[alerts["status"] == "low"]
    parts = [key_numbers([("low-stock warehouses", f"{len(low)}", "cover below lead time"),
                          ("excess", f"{int((alerts['status'] == 'excess').sum())}",
                           f"> {params['stock']['transfer_excess_days']} days of cover"),
                          ("transfers suggested", f"{len(moves)}", "whole cartons"),
                          ("as of", f"{as_of:%Y-%m-%d}", "")])]
    shown = alerts.replace([np.inf], np.nan)
    parts.append(table(shown[["sku", "warehouse", "on_hand", "inbound", "daily", "days_of_cover",
                              "lead_time_days", "reorder_point", "status"]], max_rows=40,
                       caption="Days of cover per SKU and warehouse (empty = no recent sales)",
                       float_format="{:,.1f}"))
    if len(moves):
        parts.append(table(moves, caption="Transfer suggestions", float_format="{:,.1f}"))
    flagged = [d for d in dec if d.verdict == "alert"] + mdec
    parts.append(decisions_table(to_frame(flagged)) if flagged
                 else note("No SKU runs low: every warehouse has more cover than its lead time."))
    return join(*parts)


def turnover_section(data, params: dict, period: str) -> HTML:
    """Monthly inventory turnover per SKU and the R6.2 order decisions."""
    from .turnover import monthly_turnover, turnover_decisions

    if data.orders is None or len(data.orders) == 0:
        return _no_orders("inventory turnover")
    if data.inventory is None or len(data.inventory) == 0:
        return note("No inventory export: turnover (units sold / average stock) cannot be computed.",
                    "warn")
    it = params["iteration"]
    t = monthly_turnover(data.orders, data.inventory, str(period),
                         timezone=params["category"]["timezone"] or "UTC")
    t, dec = turnover_decisions(t, params, orders=data.orders, category=params["category"].get("slug", ""),
                                period=str(period), source_file=(source_files(data, "inventory") or "inventory"))
    fig, ax = plots.new_figure(height=max(2.5, 0.45 * len(t) + 1.2))
    order = t.sort_values("turnover")
    colours = np.where(order["action"] == "increase", plots.PALETTE[2],
                       np.where(order["action"] == "decrease", plots.PALETTE[1], plots.PALETTE[5]))
    ax.barh(order["sku"].astype("str"), order["turnover"].fillna(0), color=colours)
    ax.axvline(float(it["turnover_fast_per_month"]), color=plots.PALETTE[2], ls="--", lw=1)
    ax.axvline(float(it["turnover_slow_per_month"]), color=plots.PALETTE[1], ls="--", lw=1)
    ax.grid(axis="y", visible=False)
    n_up, n_down = int((t["action"] == "increase").sum()), int((t["action"] == "decrease").sum())
    plots.finish(ax, title=f"{n_up} SKU(s) turn over > {it['turnover_fast_per_month']:g}/month, "
                           f"{n_down} < {it['turnover_slow_per_month']:g}/month in {period}",
                 xlabel="inventory turnover per month (units sold / average on hand)",
                 source="orders and inventory snapshots")
    return join(figure_html(fig),
                 table(t[["sku", "units_sold", "avg_on_hand", "turnover", "action", "order_change",
                          "cycle_months", "bundle_with"]], caption=f"Turnover {period}",
                       float_format="{:,.2f}"),
                 decisions_table(to_frame(dec)))


def forecast_accuracy_section(data, params: dict, period: str | None = None) -> HTML:
    """Backtest accuracy per model and the method chosen per SKU (R3.2)."""
    from .forecast import accuracy_summary

    if data.orders is None or len(data.orders) == 0:
        return _no_orders("the forecast")
    res = forecast_for(data, params, period)
    fc = params["forecast"]
    chosen = res.chosen[["unique_id", "method", "mase", "rmsse", "daily_mean", "error_sd",
                         "history_days"]].rename(columns={"unique_id": "sku",
                                                         "daily_mean": "units/day forecast",
                                                         "error_sd": "error sd (units/day)"})
    return join(
        note(f"Each SKU's method is chosen by a rolling-origin backtest ({fc['backtest_windows']} "
             f"windows of {fc['horizon_days']} days) on {fc['selection_metric'].upper()}: below 1 "
             f"beats repeating yesterday's sales. Intervals ({res.level}%) come from the backtest errors."),
        table(chosen, caption="Chosen method per SKU", float_format="{:,.2f}"),
        table(accuracy_summary(res), caption="Mean backtest accuracy per model", float_format="{:,.3f}"))


def decisions(data, params: dict, period: str) -> pd.DataFrame:
    """Every stock rule evaluated for the period as one decisions frame: turnover (R6.2),
    low stock (R3.4, alerts only) and transfers (R3.3)."""
    from .planning import low_stock_alerts, transfer_suggestions
    from .turnover import monthly_turnover, turnover_decisions

    out = []
    if data.orders is None or len(data.orders) == 0 or data.inventory is None or len(data.inventory) == 0:
        return to_frame(out)
    cat = params["category"].get("slug", "")
    t = monthly_turnover(data.orders, data.inventory, str(period),
                         timezone=params["category"]["timezone"] or "UTC")
    out += turnover_decisions(t, params, orders=data.orders, category=cat, period=str(period),
                              source_file=(source_files(data, "inventory") or "inventory"))[1]
    alerts, dec = low_stock_alerts(data.orders, data.inventory, params, shipments=data.shipments,
                                   as_of=as_of_date(period, data.orders), category=cat,
                                   period=str(period))
    out += [d for d in dec if d.verdict == "alert"]
    out += transfer_suggestions(alerts, params, category=cat, period=str(period))[1]
    return to_frame(out)
