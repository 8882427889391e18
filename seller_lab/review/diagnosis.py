"""Which step went wrong (R7.3), from rules, and next month's improvement plan.

Rules (each a Decision with verdict 'alert' when it fires, naming the step):

- ``R7.3.stockout_underordered`` stock-out days > ``review.targets.stockout_days_max`` and the
  last inbound order of the SKU was below the forecast need (this month's daily sales x
  ``iteration.base_cycle_months`` months) -> **stock**
- ``R7.3.stockout_warehouse`` out of stock only at some warehouses while the others had
  stock (and the order covered the need) -> **stock** (split / transfer)
- ``R7.3.slow_cs_negative_reviews`` 1 h response breaches up vs last month and negative
  reviews up -> **aftersales**
- ``R7.3.response_1h_rate`` share answered within 1 h below target -> **aftersales**
- ``R7.3.outbound_24h`` a warehouse's 24 h breach rate above target -> the step of its main delay reason
  (``fulfilment.delay_reason_steps``: no stock -> stock, picking error -> fulfilment)
- ``R7.3.inbound_booking`` an inbound appointment booked too late -> **fulfilment**
- ``R7.3.return_rate`` return rate above target -> the playbook step of the top reason
- ``R7.3.sop_overdue`` an SOP task overdue -> its step

Examples
--------
>>> from seller_lab.params import load_params
>>> s = MonthSettings.from_params(load_params("kitchen-organizer-de"))
>>> d = stockout_rule("KO-RACK-2T", stockout_days=4, last_order_units=100, daily_units=3.0,
...                   settings=s, category="c", period="2026-10")
>>> d.verdict, d.inputs["step"]
('alert', 'stock')
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

from ..decisions import Decision, Parts, Tally, When
from ..fulfilment.outbound import NO_WAREHOUSE, warehouse_named, warehouses_named
from ..i18n import N_
from ..i18n.phrase import Phrase
from .settings import MonthSettings

DEFAULT_OWNER = "operations manager"  # owner of a step that neither sop.yaml nor review.step_owners names

DAYS_PER_MONTH = 30.4375  # mean Gregorian month (calendar fact, not a tunable threshold)
#: One warehouse of a stock-out table's ``where`` text ('FR-PAR 3 days, DE-FRA 1 days').
WHERE_DAYS = re.compile(r"(\S+) (\d+) days")


def where_parts(where: str) -> Parts | str:
    """A stock-out's ``where`` text as a reason value a report translates.

    >>> f"{where_parts('FR-PAR 3 days, DE-FRA 1 days')}", where_parts("")
    (' (FR-PAR 3 days, DE-FRA 1 days)', '')
    """
    if not where:
        return ""
    found = WHERE_DAYS.findall(where)
    if ", ".join(f"{w} {n} days" for w, n in found) != where:
        return f" ({where})"  # not the table's own wording: shown as it is
    days = Parts(tuple((N_("{warehouse} {days} days"), {"warehouse": w, "days": int(n)}) for w, n in found),
                 sep=", ")
    return Parts.of(N_(" ({where})"), where=days)


def stockout_rule(sku: str, *, stockout_days: float, last_order_units: float, daily_units: float,
                  settings: MonthSettings, category: str = "", period: str = "",
                  stockout_days_all: float | None = None,
                  where: str = "") -> Decision:
    """Stock-out days > target: the last order below the forecast need -> under-ordered
    (stock); out of stock only at some warehouses while others had stock -> warehouse
    split / transfer (stock)."""
    max_days = settings.targets.stockout_days_max
    months = settings.iteration.base_cycle_months
    need = daily_units * months * DAYS_PER_MONTH
    at = where_parts(where)
    common = dict(unique_id=sku, rule="R7.3.stockout_underordered", category=category,
                  period=period, params_key="review.targets.stockout_days_max",
                  metric=N_("stock-out days in the month"), value=float(stockout_days),
                  threshold=f"<= {max_days:g}")
    inputs = {"step": "stock", "last_order_units": last_order_units,
              "forecast_need": round(need) if np.isfinite(need) else None, "where": where}
    v = dict(sku=sku, days=stockout_days, at=at, last=last_order_units, need=need, daily=daily_units,
             months=months)
    if stockout_days <= max_days:
        return Decision(**common, verdict="ok", reason=Phrase(N_("{sku}: no stock-out day"), sku=sku),
                        inputs=inputs)
    if not np.isfinite(need):
        return Decision(**common, verdict="alert", inputs=inputs, reason=Phrase(N_(
            "{sku}: {days:.0f} stock-out days{at}; its sales are unknown (no orders), so the order "
            "cannot be judged against the need"), **v))
    if np.isnan(last_order_units):
        return Decision(**common, verdict="alert", inputs=inputs, reason=Phrase(N_(
            "{sku}: {days:.0f} stock-out days{at} and no inbound order on record"), **v))
    if last_order_units < need:
        return Decision(**common, verdict="alert", inputs=inputs, reason=Phrase(N_(
            "{sku}: {days:.0f} stock-out days{at}; the last order ({last:.0f} units) was below the "
            "forecast need of {need:.0f} units ({daily:.1f}/day x {months:g} months): under-ordered"), **v))
    if stockout_days_all is not None and stockout_days_all == 0:
        return Decision(**{**common, "rule": "R7.3.stockout_warehouse"}, verdict="alert", inputs=inputs,
                        reason=Phrase(N_("{sku}: out of stock{at} while other warehouses had stock: "
                                         "rebalance the warehouse split / transfer earlier"), **v))
    return Decision(**common, verdict="alert", inputs={**inputs, "step": "fulfilment"}, reason=Phrase(N_(
        "{sku}: {days:.0f} stock-out days{at} although the last order ({last:.0f}) covered the "
        "forecast: check inbound timing"), **v))


def what_went_wrong(kpis: pd.DataFrame, *, settings: MonthSettings, period: str, last_orders: pd.Series,
                    stockouts: pd.DataFrame | None = None, dispatch: pd.DataFrame | None = None,
                    warehouse_orders: pd.Series | None = None, warehouse_units: pd.Series | None = None,
                    negative_reviews: tuple[int, int], breaches: tuple[int, int],
                    delay_reasons: pd.Series, inbound_alerts: int, top_return_step: str,
                    sop_overdue: pd.DataFrame, days_covered: int | None = None) -> list[Decision]:
    """Evaluate the rules above; returns the Decisions that fired (verdict 'alert').

    Parameters
    ----------
    kpis : :func:`seller_lab.review.kpis.kpi_comparison` output
    last_orders : units of each SKU's last inbound shipment (index sku)
    stockouts : :func:`seller_lab.review.kpis.stockout_table` (index sku), for where
    warehouse_orders, warehouse_units : last inbound order and units sold this month per
        (sku, warehouse): a stock-out at one warehouse is judged on that warehouse's numbers
    dispatch : :func:`seller_lab.fulfilment.order_dispatch` of the month: the 24 h rule is
        judged per warehouse (else on the category rate with ``delay_reasons``)
    negative_reviews, breaches : (last month, this month) counts
    delay_reasons : late orders per delay reason this month
    inbound_alerts : shipments with a late/no appointment this month
    top_return_step : playbook step of the month's top return reason
    sop_overdue : SOP status rows with status 'overdue'
    days_covered : days of the month the data covers (default: the whole month); daily
        sales behind the stock-out rule are units / these days, never a scaled-up month
    """
    slug = settings.category.slug
    targets = settings.targets
    common = dict(category=slug, period=period)
    out: list[Decision] = []
    k = kpis.set_index(["unique_id", "kpi"])
    skus = kpis.loc[kpis["level"] == "sku", "unique_id"].unique()
    days_in_month = days_covered or pd.Period(period, freq="M").days_in_month
    for sku in skus:  # a handful of SKUs per category
        so = k["value"].get((sku, "stockout_days"), np.nan)
        if pd.isna(so):
            continue
        units = k["value"].get((sku, "units"), 0.0)
        detail = stockouts.loc[sku] if stockouts is not None and sku in stockouts.index else None
        last = float(last_orders.get(sku, np.nan))
        wh = "" if detail is None else str(detail.get("worst_warehouse", ""))
        if wh and warehouse_orders is not None and (sku, wh) in warehouse_orders.index:
            # judge the warehouse that ran out: its last inbound order against its own sales
            last = float(warehouse_orders[(sku, wh)])
            units = float(warehouse_units.get((sku, wh), 0.0)) if warehouse_units is not None else units
        d = stockout_rule(sku, stockout_days=float(so), last_order_units=last,
                          daily_units=float(units) / days_in_month, settings=settings,
                          stockout_days_all=None if detail is None else float(detail["stockout_days_all"]),
                          where="" if detail is None else str(detail["where"]), **common)
        if d.verdict == "alert":
            out.append(d)
    (neg0, neg1), (br0, br1) = negative_reviews, breaches
    if br1 > br0 and neg1 > neg0:
        out.append(Decision(
            unique_id=slug, rule="R7.3.slow_cs_negative_reviews", metric=N_("1 h response breaches"),
            value=br1, threshold=f"<= {br0} (last month)", verdict="alert",
            reason=Phrase(N_("response breaches rose from {br0} to {br1} and negative reviews from "
                             "{neg0} to {neg1}: slow customer service is costing reviews"),
                          br0=br0, br1=br1, neg0=neg0, neg1=neg1),
            params_key="aftersales.response_sla_minutes", inputs={"step": "aftersales"}, **common))
    resp = k["value"].get((slug, "response_1h_rate"), np.nan)
    rmin = targets.response_1h_rate_min
    if pd.notna(resp) and resp < rmin and not (br1 > br0 and neg1 > neg0):
        out.append(Decision(
            unique_id=slug, rule="R7.3.response_1h_rate", metric=N_("share of tickets answered within 1 business hour"),
            value=round(float(resp), 4), threshold=f">= {rmin:g}", verdict="alert",
            reason=Phrase(N_("only {resp:.0%} of tickets got a first reply within 1 business hour "
                             "(target {rmin:.0%}; {br1} breaches, {br0} last month)"),
                          resp=float(resp), rmin=rmin, br1=br1, br0=br0),
            params_key="review.targets.response_1h_rate_min", inputs={"step": "aftersales"}, **common))
    tmax = targets.outbound_24h_breach_rate_max
    steps = settings.fulfilment.delay_reason_steps
    if dispatch is not None and warehouses_named(dispatch):   # per warehouse: where the late orders come from (an orders file without one: the category rate)
        wh = dispatch.groupby("warehouse", sort=True).agg(orders=("order_id", "size"), late=("late", "sum"))
        wh["share"] = wh["late"] / wh["orders"]
        for name, r in wh[wh["share"] > tmax].iterrows():  # a few warehouses
            reasons = dispatch.loc[dispatch["late"] & (dispatch["warehouse"] == name), "reason"].value_counts()
            main = str(reasons.index[0]) if len(reasons) else "unknown"
            step = steps.get(main, "fulfilment")
            split = dict(reasons.items())
            out.append(Decision(
                unique_id=str(name) if warehouse_named(name) else slug, rule="R7.3.outbound_24h",
                metric=N_("share of orders not shipped within 24 h"), value=round(float(r["share"]), 4),
                threshold=f"<= {tmax:g}", verdict="alert",
                reason=Phrase(N_("{warehouse}: {late} of {orders} orders ({share:.1%}) shipped after 24 h "
                                 "({split}); main reason '{main}' -> {step}"),
                              warehouse=str(name) if warehouse_named(name) else Phrase(NO_WAREHOUSE), late=int(r["late"]), orders=int(r["orders"]),
                              share=float(r["share"]), split=Tally(split), main=main, step=step),
                params_key="review.targets.outbound_24h_breach_rate_max", inputs={"step": step}, **common))
    else:
        rate = k["value"].get((slug, "outbound_24h_breach_rate"), np.nan)
        if pd.notna(rate) and rate > tmax:
            main = str(delay_reasons.idxmax()) if len(delay_reasons) else "unknown"
            step = steps.get(main, "fulfilment")
            split = dict(delay_reasons.items())
            out.append(Decision(
                unique_id=slug, rule="R7.3.outbound_24h", metric=N_("share of orders not shipped within 24 h"),
                value=round(float(rate), 4), threshold=f"<= {tmax:g}", verdict="alert",
                reason=Phrase(N_("{rate:.1%} of orders shipped after 24 h ({split}); main reason "
                                 "'{main}' -> {step}"),
                              rate=float(rate), split=Tally(split), main=main, step=step),
                params_key="review.targets.outbound_24h_breach_rate_max", inputs={"step": step}, **common))
    if inbound_alerts:
        out.append(Decision(
            unique_id=slug, rule="R7.3.inbound_booking", metric=N_("shipments without a timely appointment"),
            value=int(inbound_alerts), threshold="0", verdict="alert",
            reason=Phrase(N_("{n} inbound shipment(s) without a warehouse appointment booked {days} days "
                             "ahead"), n=int(inbound_alerts), days=settings.fulfilment.inbound_booking_min_days),
            params_key="fulfilment.inbound_booking_min_days", inputs={"step": "fulfilment"}, **common))
    rr = k["value"].get((slug, "return_rate"), np.nan)
    rmax = targets.return_rate_max
    if pd.notna(rr) and rr > rmax:
        step = top_return_step or "aftersales"
        out.append(Decision(
            unique_id=slug, rule="R7.3.return_rate", metric=N_("returned units / units sold"),
            value=round(float(rr), 4), threshold=f"<= {rmax:g}", verdict="alert",
            reason=Phrase(N_("return rate {rate:.1%} above {max:.0%}; top reason points to {step}"),
                          rate=float(rr), max=rmax, step=step),
            params_key="review.targets.return_rate_max", inputs={"step": step}, **common))
    if sop_overdue is not None and len(sop_overdue):
        for r in sop_overdue.itertuples(index=False):  # a few overdue tasks
            out.append(Decision(
                unique_id=str(r.task_id), rule="R7.3.sop_overdue", metric=N_("SOP task done by its due date"),
                value=f"overdue since {pd.Timestamp(r.due_date):%Y-%m-%d}", threshold="done by due date",
                verdict="alert", reason=Phrase(N_("'{task}' due {due:%a %Y-%m-%d} ({owner}) has no completion"),
                                               task=str(r.task), due=When(pd.Timestamp(r.due_date)),
                                               owner=str(r.owner_role)),
                params_key="review.sop_file", inputs={"step": str(r.step), "owner": str(r.owner_role)},
                **common))
    return out


PLAN_ACTIONS = {
    "R7.3.stockout_underordered": N_("raise the next order to the forecast need and reorder earlier"),
    "R7.3.stockout_warehouse": N_("move stock to the warehouse that ran out (transfer) and raise its share of the next order"),
    "R7.3.slow_cs_negative_reviews": N_("staff the support inbox in business hours; first reply within 1 h"),
    "R7.3.response_1h_rate": N_("cover the support inbox through business hours (rota, mobile alerts); "
                             "first reply within 1 h"),
    "R7.3.outbound_24h": N_("fix the main cause of late dispatch"),
    "R7.3.inbound_booking": N_("book warehouse appointments at least {days} days before arrival"),
    "R7.3.return_rate": N_("apply the return playbook action for the top reason"),
    "R7.3.sop_overdue": N_("do the overdue task now and keep the SOP deadline"),
}


#: The plan's columns: what the page shows, then each text's English template and values
#: (a report in another language renders those through its catalog).
PLAN_COLUMNS = ["step", "action", "owner", "why", "action_template", "action_values", "why_template",
                "why_values"]


def step_owner(step: str, owners, sop: dict | None = None) -> str:
    """Owner role of a step: the first SOP task of that step, else ``owners``
    (``review.step_owners``, ``settings.sop.step_owners``).

    >>> step_owner("aftersales", {}, {"tasks": [{"step": "aftersales", "owner_role": "CS lead"}]})
    'CS lead'
    """
    for t in (sop or {}).get("tasks", []):
        if str(t.get("step", "")) == step and t.get("owner_role"):
            return str(t["owner_role"])
    return str(owners.get(step, DEFAULT_OWNER))


def improvement_plan(problems: list[Decision], settings: MonthSettings, *, sop: dict | None = None,
                     extra: pd.DataFrame | None = None) -> pd.DataFrame:
    """Next month's actions with owners: one per problem found, plus ``extra`` rows
    (columns step, action, why — e.g. the return playbook and iteration suggestions)."""
    rows = []
    days = settings.fulfilment.inbound_booking_min_days
    owners = settings.sop.step_owners
    for d in problems:
        step = d.inputs.get("step", "review")
        action = PLAN_ACTIONS.get(d.rule, N_("look into it"))
        if d.rule == "R7.3.outbound_24h" and step == "stock":
            action = N_("keep stock at the secondary warehouse (transfer or reorder) so orders ship within 24 h")
        elif d.rule == "R7.3.outbound_24h":
            action = N_("add a picking check (scan SKU labels) at the warehouse; review late orders daily")
        rows.append({"step": step, "action": action.format(days=days),
                     "owner": d.inputs.get("owner") or step_owner(step, owners, sop), "why": d.reason,
                     "action_template": action, "action_values": {"days": days},
                     "why_template": d.template, "why_values": d.values})
    if extra is not None and len(extra):
        for r in extra.to_dict("records"):
            rows.append({"step": r["step"], "action": r["action"], "owner": step_owner(r["step"], owners, sop),
                         "why": r["why"], "action_template": r.get("action_template") or r["action"],
                         "action_values": r.get("action_values") or {},
                         "why_template": r.get("why_template") or "", "why_values": r.get("why_values") or {}})
    plan = pd.DataFrame(rows, columns=PLAN_COLUMNS)
    return plan.drop_duplicates(["step", "action"]).reset_index(drop=True)
