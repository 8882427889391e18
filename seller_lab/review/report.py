"""The monthly review's sections (R4-R7): one-line notebook cells, each returning one
displayable HTML block (tables escaped, charts embedded as PNG, titles state the finding).

Order of the template: :func:`first_screen` (five KPIs with their change, what went
wrong, the plan), then :func:`fulfilment_section`, :func:`aftersales_section`,
:func:`iteration_section`, :func:`sop_section`, :func:`last_month_section`; the publish
cell uses :func:`summary` and :func:`decisions`; the management index uses
:func:`portfolio_kpis`.

Every function takes ``(data, params, period)``: ``data = load_category(params)``,
``period`` 'YYYY-MM'. The month's analysis is computed once per (data, period) and
shared by the sections.

Examples
--------
>>> from seller_lab.params import load_params
>>> from seller_lab.sources.category import CategoryData
>>> p = load_params("kitchen-organizer-de")
>>> p["review"]["sop_log"] = "no-such-folder/sop_log.csv"   # no SOP log either
>>> data = CategoryData(params=p)                       # no exports at all
>>> "No orders" in fulfilment_section(data, p, "2026-10").html
True
>>> sorted(set(decisions(data, p, "2026-10", include_stock=False)["rule"]))   # params-only rule
['R6.3.warranty_benchmark']
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from ..decisions import Decision, to_frame, worst
from ..report import plots
from ..report.render import (
    HTML,
    banner,
    decisions_table,
    figure_html,
    heading,
    join,
    key_numbers,
    note,
    table,
)
from ..report.sections import source_files
from .kpis import KPI_LABELS, kpi_comparison, stockout_table

FIRST_SCREEN_KPIS = ["sales", "return_rate", "turnover", "outbound_24h_breach_rate", "response_1h_rate"]


# --------------------------------------------------------------------------------------
# the month's analysis, computed once
# --------------------------------------------------------------------------------------
@dataclass
class MonthReview:
    """Everything the sections show for one category and month."""

    period: str
    kpis: pd.DataFrame
    inbound: pd.DataFrame
    dispatch: pd.DataFrame
    late_orders: pd.DataFrame
    response: pd.DataFrame
    response_prev: pd.DataFrame
    top_returns: pd.DataFrame
    keywords: pd.DataFrame
    themes: pd.DataFrame
    suggestions: pd.DataFrame
    service: pd.DataFrame
    sop: dict
    sop_log_found: bool
    sop_log_file: str
    sop_status: pd.DataFrame
    problems: list = field(default_factory=list)
    plan: pd.DataFrame = field(default_factory=pd.DataFrame)
    decisions: list = field(default_factory=list)
    notes: list = field(default_factory=list)


_CACHE: dict[tuple, MonthReview] = {}


def _our_asins(data) -> list[str]:
    asins = set()
    for frame, col in ((data.returns, "asin"), (data.traffic, "asin")):
        if frame is not None and len(frame) and col in frame:
            asins |= {a for a in frame[col].astype("str") if a and a != "nan"}
    return sorted(asins)


def _negative_count(data, params, period) -> int:
    from ..aftersales.reviews import month_reviews  # noqa: PLC0415

    r = month_reviews(data.reviews, params, period, _our_asins(data))
    if r.empty:
        return 0
    return int((pd.to_numeric(r["rating"], errors="coerce") <= float(params["pilot"]["negative_rating_max"])).sum())


def review_month(data, params: dict, period: str) -> MonthReview:
    """Run every R4-R7 analysis for the month (cached per data object and period)."""
    from ..aftersales import first_response, positive_keywords_month, weekly_top_return_reasons  # noqa: PLC0415
    from ..aftersales.response import response_decisions  # noqa: PLC0415
    from ..fulfilment import (  # noqa: PLC0415
        inbound_decisions,
        inbound_shipments,
        order_dispatch,
        outbound_decisions,
    )
    from ..fulfilment.periods import previous_period  # noqa: PLC0415
    from ..iteration import (  # noqa: PLC0415
        negative_feedback,
        negative_themes,
        product_suggestions,
        service_benchmark,
    )
    from .diagnosis import improvement_plan, what_went_wrong  # noqa: PLC0415
    from .sop import read_sop, sop_status  # noqa: PLC0415

    period = str(period)[:7]
    key = (id(data), params["category"]["slug"], period)
    if key in _CACHE:
        return _CACHE[key]
    slug = params["category"]["slug"]
    prev = previous_period(period)
    common = dict(category=slug, period=period)
    kpis = kpi_comparison(data, params, period)
    inbound = inbound_shipments(data.shipments, params, period)
    dispatch = order_dispatch(data.orders, params, period)
    late = dispatch[dispatch["late"]].sort_values("hours_to_ship", ascending=False) if len(dispatch) else dispatch
    response = first_response(data.tickets, params, period)
    response_prev = first_response(data.tickets, params, prev)
    top = weekly_top_return_reasons(data.returns, params, period)
    kw = positive_keywords_month(data.reviews, params, period, our_asins=_our_asins(data))
    neg = negative_feedback(data.reviews, data.returns, params, period, our_asins=_our_asins(data))
    themes = negative_themes(neg, params)
    cat_sales = kpis[(kpis["level"] == "category") & (kpis["kpi"] == "sales")]
    sales_change = float(cat_sales["change_pct"].iloc[0]) if len(cat_sales) else float("nan")
    suggestions, sugg_dec = product_suggestions(themes, params, sales_change=sales_change, **common)
    service, service_dec = service_benchmark(params, **common)
    notes = []
    try:
        sop, log = read_sop(params)
        status = sop_status(sop, log, period, as_of=params["review"]["sop_as_of"])
        log_found, log_file = bool(log.attrs.get("log_found", True)), str(log.attrs.get("log_file", ""))
    except Exception as exc:  # noqa: BLE001 - a broken SOP file must not sink the report
        sop, status, log_found, log_file = {}, pd.DataFrame(), False, ""
        notes.append(f"SOP not evaluated: {exc}")
    dec: list[Decision] = []
    dec += inbound_decisions(inbound, params, source_file=source_files(data, "shipments"), **common)
    dec += outbound_decisions(dispatch, params, source_file=source_files(data, "orders"), **common)
    dec += response_decisions(response, params, source_file=source_files(data, "tickets"), **common)
    dec += sugg_dec + service_dec
    last_orders, last_orders_wh = _last_order_units(data.shipments, params, period)
    delay = late["reason"].value_counts() if len(late) else pd.Series(dtype=int)
    overdue = status[status["status"] == "overdue"] if len(status) and log_found else None
    top_step = ""
    if len(top):
        month_top = top.groupby(["reason", "step"])["units"].sum().sort_values(ascending=False)
        top_step = str(month_top.index[0][1])
    problems = what_went_wrong(
        kpis, params=params, period=period, last_orders=last_orders,
        stockouts=stockout_table(data.inventory, params, period), dispatch=dispatch,
        warehouse_orders=last_orders_wh, warehouse_units=_units_by_warehouse(dispatch, data.orders),
        negative_reviews=(_negative_count(data, params, prev), _negative_count(data, params, period)),
        breaches=(int(response_prev["breach"].sum()) if len(response_prev) else 0,
                  int(response["breach"].sum()) if len(response) else 0),
        delay_reasons=delay, inbound_alerts=int((~inbound["booking_ok"]).sum()) if len(inbound) else 0,
        top_return_step=top_step, sop_overdue=overdue)
    extra = _plan_extras(top, suggestions, data, params, period)
    plan = improvement_plan(problems, params, sop=sop, extra=extra)
    mr = MonthReview(period=period, kpis=kpis, inbound=inbound, dispatch=dispatch, late_orders=late,
                     response=response, response_prev=response_prev, top_returns=top, keywords=kw,
                     themes=themes, suggestions=suggestions, service=service, sop=sop,
                     sop_log_found=log_found, sop_log_file=log_file, sop_status=status,
                     problems=problems, plan=plan, decisions=dec + problems, notes=notes)
    if len(_CACHE) > 32:
        _CACHE.clear()
    _CACHE[key] = mr
    return mr


def _last_order_units(shipments: pd.DataFrame, params: dict, period: str):
    """Units of each SKU's most recent first-leg shipment arriving by the month's end
    (per SKU, and per SKU and warehouse)."""
    from ..fulfilment.periods import month_bounds, to_local  # noqa: PLC0415

    if shipments is None or shipments.empty:
        return pd.Series(dtype=float), pd.Series(dtype=float)
    s = shipments.assign(arr=to_local(pd.to_datetime(shipments["arrived_at"], utc=True)
                                      .fillna(pd.to_datetime(shipments["eta"], utc=True)),
                                      params["category"]["timezone"]))
    s = s[s["arr"] < month_bounds(period)[1]].sort_values("arr")
    by_sku = s.groupby(s["sku"].astype("str"))["units"].last().astype(float)
    by_wh = s.groupby([s["sku"].astype("str"), s["warehouse"].astype("str")])["units"].last().astype(float)
    return by_sku, by_wh


def _units_by_warehouse(dispatch: pd.DataFrame, orders: pd.DataFrame) -> pd.Series:
    if dispatch is None or dispatch.empty:
        return pd.Series(dtype=float)
    lines = orders[orders["order_id"].astype("str").isin(set(dispatch["order_id"]))]
    return (pd.to_numeric(lines["units"], errors="coerce")
            .groupby([lines["sku"].astype("str"), lines["warehouse"].astype("str")]).sum().astype(float))


def _plan_extras(top: pd.DataFrame, suggestions: pd.DataFrame, data, params, period) -> pd.DataFrame:
    rows = []
    if len(top):
        month_top = (top.groupby(["reason", "step", "action"])["units"].sum()
                     .sort_values(ascending=False).head(int(params["aftersales"]["top_return_reasons"])))
        for (reason, step, action), units in month_top.items():
            if step != "unassigned":
                rows.append({"step": step, "action": action,
                             "why": f"{units:.0f} returned units for {reason} this month"})
    for r in suggestions.itertuples(index=False):
        rows.append({"step": "product", "action": r.suggestion,
                     "why": f"{r.share:.0%} of negative feedback about {r.theme}"})
    from ..iteration.stocking import turnover_review  # noqa: PLC0415

    if len(data.orders) and len(data.inventory):
        _, tdec = turnover_review(data.orders, data.inventory, params, period)
        for d in tdec:
            if d.verdict in ("increase", "decrease"):
                rows.append({"step": "stock", "action": f"{d.unique_id}: " + d.reason.split(": ", 1)[-1],
                             "why": f"turnover {d.value}/month ({d.verdict})"})
    return pd.DataFrame(rows, columns=["step", "action", "why"])


# --------------------------------------------------------------------------------------
# display helpers
# --------------------------------------------------------------------------------------
def _fmt(kpi: str, v: float, currency: str = "") -> str:
    if v is None or pd.isna(v):
        return "n/a"
    if kpi == "sales":
        return f"{v:,.0f} {currency}".strip()
    if kpi in ("return_rate", "outbound_24h_breach_rate", "response_1h_rate"):
        return f"{v:.1%}"
    if kpi == "turnover":
        return f"{v:.2f}"
    return f"{v:,.0f}"


def _change(kpi: str, row) -> str:
    if pd.isna(row["last_month"]):
        return "no data last month"
    ch = row["change"]
    if kpi == "sales":
        base = f"{row['change_pct']:+.0%} vs last month" if pd.notna(row["change_pct"]) else "vs 0 last month"
    elif kpi in ("return_rate", "outbound_24h_breach_rate", "response_1h_rate"):
        base = f"{ch * 100:+.1f} pts vs last month"
    else:
        base = f"{ch:+.2f} vs last month"
    if pd.notna(row["target"]):
        met = row["target_met"]
        tgt = ("target met" if met is True or met == True else  # noqa: E712 - pandas boolean
               "target missed" if pd.notna(met) else "")
        base += f"; {tgt}" if tgt else ""
    return base


# --------------------------------------------------------------------------------------
# sections
# --------------------------------------------------------------------------------------
def first_screen(data, params: dict, period: str) -> HTML:
    """The five KPIs with their change vs last month and target, what went wrong
    (the rules that fired, naming the step) and next month's plan with owners."""
    m = review_month(data, params, period)
    cur = params["category"]["currency"]
    cat = m.kpis[m.kpis["level"] == "category"].set_index("kpi")
    items = [(KPI_LABELS[k], _fmt(k, cat.loc[k, "value"], cur), _change(k, cat.loc[k]))
             for k in FIRST_SCREEN_KPIS if k in cat.index]
    verdict = "alert" if m.problems else ("ok" if len(m.dispatch) or len(m.response) else "unknown")
    lines = [d.reason for d in m.problems[:8]] or ["No rule fired: every step ran within its targets."]
    if len(m.problems) > 8:
        lines.append(f"… and {len(m.problems) - 8} more (see the decisions table)")
    steps = sorted({d.inputs.get("step", "") for d in m.problems} - {""})
    title = f"{period}: " + (f"went wrong in {', '.join(steps)}" if steps else "on track")
    parts = [key_numbers(items), banner(title, verdict, lines)]
    if len(m.plan):
        parts.append(table(m.plan, max_rows=20, caption="Next month's improvement plan"))
    else:
        parts.append(note("No improvement action needed from this month's data."))
    for n in m.notes:
        parts.append(note(n, "warn"))
    return join(*parts)


def kpi_table(data, params: dict, period: str) -> HTML:
    """All KPIs per category and SKU: value, last month, change, target."""
    m = review_month(data, params, period)
    wide = m.kpis.pivot_table(index=["level", "unique_id"], columns="kpi", values="value",
                              aggfunc="first", sort=False)
    kpis = [c for c in KPI_LABELS if c in wide.columns]
    wide = wide[kpis].reset_index().sort_values("level", kind="stable")
    cur = params["category"]["currency"]
    for k in kpis:  # each KPI in its unit (%, currency, /month), as on the first screen
        wide[k] = wide[k].map(lambda v, k=k: _fmt(k, v, cur))
    wide = wide.rename(columns={**KPI_LABELS, "unique_id": "category / SKU"})
    return table(wide.drop(columns="level"), max_rows=30, caption=f"KPIs per category and SKU, {period}")


def fulfilment_section(data, params: dict, period: str) -> HTML:
    """R4: inbound shipments (ETA, appointment, labels) and every order not shipped in 24 h."""
    from ..fulfilment import outbound_late_share  # noqa: PLC0415

    m = review_month(data, params, period)
    fp = params["fulfilment"]
    parts = [heading("Inbound (first leg)")]
    if len(m.inbound):
        flagged = m.inbound[~m.inbound["booking_ok"] | ~m.inbound["checklist_ok"]
                            | m.inbound["status"].isin(["late", "overdue"])]
        parts.append(note(f"{len(flagged)} of {len(m.inbound)} shipments arriving in {period} need "
                          f"attention (appointment < {fp['inbound_booking_min_days']} days before "
                          "arrival or none, late/overdue, or labels not checked).",
                          "warn" if len(flagged) else "info"))
        show = m.inbound.assign(arrival=m.inbound["arrival_local"].dt.strftime("%Y-%m-%d"))
        parts.append(table(show[["shipment_id", "skus", "units", "warehouse", "mode", "arrival", "status",
                                 "delay_days", "booking_lead_days", "booking_ok", "labels_missing"]],
                           max_rows=20, caption="Shipments arriving this month", float_format="{:,.1f}"))
    elif data.shipments is None or len(data.shipments) == 0:
        parts.append(note("No shipments export: inbound appointments and ETAs cannot be checked.", "warn"))
    else:
        parts.append(note(f"No first-leg shipment arrives in {period}."))
    parts.append(heading(f"Outbound: orders not shipped within {fp['outbound_sla_hours']} h"))
    if not len(m.dispatch):
        parts.append(note("No orders in this month: the 24 h dispatch rule cannot be checked.", "warn"))
        return join(*parts)
    share = outbound_late_share(m.dispatch)
    by_wh = outbound_late_share(m.dispatch, by=("warehouse",)).sort_values("late_share", ascending=False)
    n_late = int(m.dispatch["late"].sum())
    worst_wh = by_wh.iloc[0]
    fig, ax = plots.new_figure(height=3.6)
    piv = share.pivot_table(index="week", columns="warehouse", values="late_share", aggfunc="first").fillna(0)
    width = 0.8 / max(1, piv.shape[1])
    x = np.arange(len(piv))
    for i, wh in enumerate(piv.columns):
        ax.bar(x + i * width, piv[wh].to_numpy() * 100, width=width, label=str(wh),
               color=plots.PALETTE[i % len(plots.PALETTE)])
    ax.set_xticks(x + width * (piv.shape[1] - 1) / 2, [f"{d:%d %b}" for d in piv.index])
    ax.legend()
    plots.finish(ax, title=(f"{n_late} orders shipped after {fp['outbound_sla_hours']} h; "
                            f"worst warehouse {worst_wh['warehouse']} ({worst_wh['late_share']:.1%})"),
                 xlabel="week starting (local)", ylabel="late orders (% of orders)",
                 source=source_files(data, "orders") or "orders export")
    parts.append(figure_html(fig))
    reasons = m.late_orders["reason"].value_counts().rename_axis("reason").reset_index(name="late orders")
    parts.append(table(reasons, caption="Late orders by reason"))
    show = m.late_orders.assign(placed=m.late_orders["placed_local"].dt.strftime("%Y-%m-%d %H:%M"))
    parts.append(table(show[["order_id", "skus", "warehouse", "placed", "hours_to_ship", "reason"]],
                       max_rows=40, caption=f"Every order not shipped within {fp['outbound_sla_hours']} h",
                       float_format="{:,.1f}"))
    parts.append(table(share.assign(week=share["week"].dt.strftime("%Y-%m-%d")), max_rows=30,
                       caption="Late share by warehouse and week", float_format="{:,.3f}"))
    return join(*parts)


def aftersales_section(data, params: dict, period: str) -> HTML:
    """R5: first response in local business hours (share within 1 h, breaches), weekly
    top-3 return reasons with step and action, positive-review keywords."""
    from ..aftersales import response_summary  # noqa: PLC0415

    m = review_month(data, params, period)
    a = params["aftersales"]
    cat = params["category"]
    parts = [heading(f"First response within {a['response_sla_minutes']} business minutes")]
    if len(m.response):
        s = response_summary(m.response).iloc[0]
        parts.append(key_numbers([
            ("Tickets", f"{int(s['tickets'])}", period),
            ("Answered within 1 h", f"{s['share_within_sla']:.0%}",
             f"target {params['review']['targets']['response_1h_rate_min']:.0%}"),
            ("Breaches", f"{int(s['breaches'])}", "incl. unanswered"),
            ("Median first reply", f"{s['median_business_minutes']:.0f} min", "business minutes")]))
        parts.append(note(f"Business time: {a['business_hours_start']}-{a['business_hours_end']} "
                          f"{cat['timezone']}, {', '.join(a['business_weekdays'])}, public holidays of "
                          f"{a['holidays_country'] or cat['market']} excluded (holidays package); "
                          "a ticket sent after hours starts its clock at the next opening."))
        weekly = response_summary(m.response, by="week")
        fig, ax = plots.new_figure(height=3.2)
        ax.bar([f"{d:%d %b}" for d in weekly["week"]], weekly["breaches"], color=plots.PALETTE[1])
        plots.finish(ax, title=f"{int(s['breaches'])} first replies took longer than "
                               f"{a['response_sla_minutes']} business minutes in {period}",
                     xlabel="week starting (local)", ylabel="breaches (tickets)",
                     source=source_files(data, "tickets") or "help-desk export")
        parts.append(figure_html(fig))
        br = m.response[m.response["breach"]].assign(
            created=lambda d: d["created_local"].dt.strftime("%a %Y-%m-%d %H:%M"),
            replied=lambda d: d["replied_local"].dt.strftime("%a %Y-%m-%d %H:%M"))
        parts.append(table(br[["ticket_id", "channel", "created", "replied", "calendar_minutes",
                               "business_minutes", "status"]], max_rows=40,
                           caption="Breaches (local times)", float_format="{:,.0f}"))
    else:
        parts.append(note("No tickets in this month (help-desk export missing or empty).", "warn"))
    parts.append(heading(f"Weekly top-{a['top_return_reasons']} return reasons -> step and action"))
    if len(m.top_returns):
        show = m.top_returns.assign(week=m.top_returns["week"].dt.strftime("%Y-%m-%d"))
        parts.append(table(show[["week", "rank", "reason", "units", "share_of_week", "skus", "source",
                                 "step", "action", "example_comment"]], max_rows=30,
                           caption="Returns per ISO week (FBA reason code; customer comment when the code is blank)",
                           float_format="{:,.2f}"))
    else:
        parts.append(note("No returns in this month.", "info" if len(data.returns) else "warn"))
    parts.append(heading("Positive-review keywords -> selling points"))
    if len(m.keywords):
        parts.append(table(m.keywords, caption="What happy customers mention this month",
                           float_format="{:,.2f}"))
        parts.append(_selling_points(data, params, m.period))
    else:
        parts.append(note("No positive reviews of our products this month.", "info"))
    return join(*parts)


def _selling_points(data, params: dict, period: str) -> HTML | None:
    """Preset selling points confirmed by this month's positive reviews (text mining)."""
    from ..aftersales.reviews import month_reviews  # noqa: PLC0415
    from ..text import match_selling_points  # noqa: PLC0415

    r = month_reviews(data.reviews, params, period, _our_asins(data))
    try:
        sp = match_selling_points(r, params=params)
    except (KeyError, ValueError, TypeError):
        return None
    if sp.empty:
        return None
    sp = sp.assign(suggestion=np.where(sp["share_confirming"] > 0, "strengthen on the listing",
                                       "not echoed by customers: check the listing says it"))
    return table(sp[["selling_point", "positive_reviews", "confirming_reviews", "share_confirming",
                     "suggestion"]], caption="Preset selling points in positive reviews",
                 float_format="{:,.2f}")


def iteration_section(data, params: dict, period: str) -> HTML:
    """R6: product suggestions from concentrated negative themes, the stock step's
    turnover decisions, service benchmark vs local brands and survey results."""
    m = review_month(data, params, period)
    it = params["iteration"]
    parts = [heading("Product: concentrated negative themes")]
    if len(m.themes):
        parts.append(table(m.themes, caption="Negative reviews and return comments by theme",
                           float_format="{:,.2f}"))
        if len(m.suggestions):
            parts.append(table(m.suggestions, caption="Suggested product changes"))
        else:
            parts.append(note(f"No theme reaches {float(it['negative_theme_share_min']):.0%} of negative "
                              f"feedback (on >= {it['negative_min_documents']} documents): no product change."))
    else:
        parts.append(note("No negative reviews or return comments this month."))
    parts.append(heading("Stocking: inventory turnover"))
    from ..stock.report import turnover_section  # noqa: PLC0415

    parts.append(turnover_section(data, params, m.period))
    parts.append(heading("Service: local brands vs ours"))
    parts.append(table(m.service, caption="Warranty and service benchmark"))
    parts.append(decisions_table(to_frame([d for d in m.decisions if d.rule == "R6.3.warranty_benchmark"])))
    survey = getattr(data, "survey", None)
    if survey is None or len(survey) == 0:
        parts.append(note("No quarterly satisfaction survey export: add one (question, score 1-5) "
                          "to the category folder to get an improvement list."))
    else:
        from ..iteration import survey_improvements  # noqa: PLC0415

        parts.append(table(survey_improvements(survey, params), caption="Survey: questions below target"))
    return join(*parts)


def sop_section(data, params: dict, period: str) -> HTML:
    """R7.2: every SOP task's due dates this month: done, late or overdue (owner roles)."""
    from .sop import sop_summary  # noqa: PLC0415

    m = review_month(data, params, period)
    if not m.sop:
        return note("; ".join(m.notes) or "No SOP file (params/sop.yaml).", "warn")
    if not m.sop_log_found:
        return note(f"No SOP completion log at {m.sop_log_file}: nothing can be judged done or overdue.",
                    "warn")
    st = m.sop_status
    bad = st[st["status"].isin(["overdue", "late"])]
    parts = []
    n_over = int((st["status"] == "overdue").sum())
    parts.append(note(f"{n_over} overdue and {int((st['status'] == 'late').sum())} late of {len(st)} "
                      f"due dates in {period}.", "error" if n_over else "info"))
    if len(bad):
        show = bad.assign(due=bad["due_date"].dt.strftime("%a %Y-%m-%d"),
                          done=bad["done_at_local"].dt.strftime("%Y-%m-%d %H:%M"))
        parts.append(table(show[["status", "task", "owner_role", "due", "done", "done_by", "days_late"]],
                           max_rows=30, caption="Overdue and late SOP tasks", float_format="{:,.0f}"))
    parts.append(table(sop_summary(st), caption="SOP tasks this month"))
    return join(*parts)


def last_month_section(data, params: dict, period: str) -> HTML:
    """Last month's Decisions (from the store) beside what actually happened."""
    from ..fulfilment.periods import previous_period  # noqa: PLC0415
    from ..sources.store import read_decisions  # noqa: PLC0415
    from .last_month import decision_outcomes  # noqa: PLC0415

    m = review_month(data, params, period)
    prev = previous_period(m.period)
    slug = params["category"]["slug"]
    try:
        every = read_decisions(params, slug)
    except Exception as exc:  # noqa: BLE001 - no store / locked store: say so, keep the report
        return note(f"Last month's decisions could not be read from the store: {exc}", "warn")
    kept = every[every["period"] == prev]
    # the pilot verdict (R2) is kept with the research period: take the latest one of any period
    pilot = every[every["rule"].str.startswith("R2.") & (every["period"] != prev)]
    pilot = pilot.drop_duplicates(["rule", "unique_id"], keep="last")
    parts = []
    if kept.empty:
        parts.append(note(f"No decisions of {prev} in the store for {slug}: run "
                          f"`seller-lab monthly --month {prev}` first to compare them with this month."))
    focus = pd.concat([kept[~kept["rule"].isin(["R4.2.outbound_24h", "R5.1.first_response_1h"])], pilot],
                      ignore_index=True)
    if focus.empty:
        return join(*parts)
    out = decision_outcomes(focus, m.kpis, decisions(data, params, m.period))
    held = out["held"].str.startswith("no").sum()
    parts += [note(f"{len(out)} decisions of {prev} (single-order/ticket alerts left out) and the latest "
                   f"pilot verdicts; {held} did not hold.", "warn" if held else "info"),
              table(out, max_rows=40, caption=f"Decisions of {prev} and what happened in {m.period}")]
    return join(*parts)


def decisions(data, params: dict, period: str, *, include_stock: bool = True) -> pd.DataFrame:
    """Every rule evaluated for the month (fulfilment, after-sales, iteration, what went
    wrong; plus the stock step's decisions when ``include_stock``) as one frame."""
    m = review_month(data, params, period)
    frame = to_frame(m.decisions)
    if include_stock:
        from ..stock.report import decisions as stock_decisions  # noqa: PLC0415

        frame = pd.concat([frame, stock_decisions(data, params, m.period)], ignore_index=True)
    return frame


def summary(data, params: dict, period: str) -> dict:
    """Verdict, headline and KPIs for ``publish(...)`` (the index's portfolio table).

    Returns ``{"verdict", "headline", "kpis"}``; pass as ``publish(sidecar, kind="monthly",
    category=..., period=..., decisions=decisions(...), **summary(...))``.
    """
    m = review_month(data, params, period)
    cat = m.kpis[m.kpis["level"] == "category"].set_index("kpi")
    cur = params["category"]["currency"]
    kpis = {KPI_LABELS[k]: _fmt(k, cat.loc[k, "value"], cur) for k in
            ["sales", "units", "return_rate", "turnover", "stockout_days", "outbound_24h_breach_rate",
             "response_1h_rate"] if k in cat.index}
    steps = sorted({d.inputs.get("step", "") for d in m.problems} - {""})
    verdict = worst(["alert" if m.problems else "ok"])
    headline = (f"went wrong in {', '.join(steps)}; {len(m.plan)} actions planned" if steps
                else "all steps within targets")
    return {"verdict": verdict, "headline": headline, "kpis": kpis}


def portfolio_kpis(params_list, period: str) -> pd.DataFrame:
    """The management view: the category KPIs of every category side by side.

    Parameters
    ----------
    params_list : iterable of params (``load_params(slug)`` each)
    period : 'YYYY-MM'

    Returns
    -------
    DataFrame, one row per category: category, display_name, currency, the KPIs
    (value and change vs last month) and the steps that went wrong.
    """
    from ..sources.category import load_category  # noqa: PLC0415

    rows = []
    for params in params_list:  # a few categories
        data = load_category(params)
        m = review_month(data, params, period)
        cat = m.kpis[m.kpis["level"] == "category"].set_index("kpi")
        row = {"category": params["category"]["slug"], "display_name": params["category"]["display_name"],
               "currency": params["category"]["currency"]}
        for k in KPI_LABELS:
            if k in cat.index:
                row[k] = cat.loc[k, "value"]
                row[f"{k}_change"] = cat.loc[k, "change"]
        row["went_wrong"] = ", ".join(sorted({d.inputs.get("step", "") for d in m.problems} - {""}))
        row["actions"] = len(m.plan)
        rows.append(row)
    return pd.DataFrame(rows)
