"""The monthly review page's sections (R4-R7): renderers of one
:class:`seller_lab.review.MonthReview` (``m = run_month(data, params, period)``).

Each function reads the result object only (nothing is computed again, no file is read)
and returns one displayable HTML block (tables escaped, charts embedded as PNG, titles
state the finding). Order of the template: :func:`first_screen`, :func:`kpi_table`, the
stock sections (:mod:`.stock`), :func:`fulfilment_section`, :func:`aftersales_section`,
:func:`iteration_section`, :func:`sop_section`, :func:`last_month_section`; the publish
cell uses :func:`summary`. :func:`render_month` is all of them (the object's
``_repr_html_``). This module imports nothing from the review package.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ...decisions import to_frame, worst
from .. import plots
from ..render import (
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
from . import stock as stock_sections

KPI_LABELS = {"sales": "Sales", "units": "Units sold", "return_rate": "Return rate",
              "turnover": "Inventory turnover (/month)", "stockout_days": "Stock-out days",
              "outbound_24h_breach_rate": "Orders not shipped in 24 h",
              "response_1h_rate": "Tickets answered within 1 h"}
FIRST_SCREEN_KPIS = ["sales", "return_rate", "turnover", "outbound_24h_breach_rate", "response_1h_rate"]
SUMMARY_KPIS = ["sales", "units", "return_rate", "turnover", "stockout_days", "outbound_24h_breach_rate",
                "response_1h_rate"]
RATE_KPIS = ("return_rate", "outbound_24h_breach_rate", "response_1h_rate")
MAX_PROBLEM_LINES = 8  # reasons listed on the first screen; the rest are in the decisions table


def format_kpi(kpi: str, v: float, currency: str = "") -> str:
    """A KPI value in its unit (currency, %, /month), 'n/a' when unknown.

    >>> format_kpi("sales", 1234.5, "EUR"), format_kpi("return_rate", 0.0512), format_kpi("turnover", float("nan"))
    ('1,234 EUR', '5.1%', 'n/a')
    """
    if v is None or pd.isna(v):
        return "n/a"
    if kpi == "sales":
        return f"{v:,.0f} {currency}".strip()
    if kpi in RATE_KPIS:
        return f"{v:.1%}"
    if kpi == "turnover":
        return f"{v:.2f}"
    return f"{v:,.0f}"


def _change(kpi: str, row) -> str:
    if pd.isna(row["value"]):
        return "no data this month"
    if pd.isna(row["last_month"]):
        return "no data last month"
    ch = row["change"]
    if kpi == "sales":
        base = f"{row['change_pct']:+.0%} vs last month" if pd.notna(row["change_pct"]) else "vs 0 last month"
    elif kpi in RATE_KPIS:
        base = f"{ch * 100:+.1f} pts vs last month" if pd.notna(ch) else "n/a this month"
    else:
        base = f"{ch:+.2f} vs last month" if pd.notna(ch) else "n/a this month"
    if pd.notna(row["target"]):
        met = row["target_met"]
        tgt = "" if pd.isna(met) else ("target met" if bool(met) else "target missed")
        base += f"; {tgt}" if tgt else ""
    return base


def _coverage_lines(m) -> list[str]:
    """What data exists, for a month the orders do not cover fully."""
    cov = m.coverage
    lines = [cov.message]
    have = m.inputs[m.inputs["rows"] > 0]
    if len(have) and cov.status != "full":
        lines.append("data on file: " + "; ".join(
            f"{r.kind} {r.first:%Y-%m-%d} to {r.last:%Y-%m-%d}" for r in have.itertuples(index=False)))
    if cov.status == "partial":
        lines.append(f"every figure counts the {cov.days_covered} days that exist; nothing is scaled "
                     "to a full month, so changes vs last month compare part of a month with a whole one")
    return lines


def _no_orders(m, what: str) -> HTML:
    """The sentence a section shows when the month has no orders to judge ``what`` on."""
    cov = m.coverage
    if cov.status == "missing":
        return note(f"No orders export ({cov.message}): {what} cannot be checked.", "warn")
    if cov.status in ("after", "before"):
        return note(f"{cov.message[0].upper()}{cov.message[1:]}: {what} cannot be checked.", "warn")
    return note(f"No orders in this month: {what} cannot be checked.", "warn")


def first_screen(m) -> HTML:
    """The five KPIs with their change vs last month and target, what went wrong (the
    rules that fired, naming the step) and next month's plan with owners; for a month the
    data does not fully cover, what data exists."""
    cur = m.settings.category.currency
    cat = m.category_kpis()
    partial = m.coverage.status == "partial"
    suffix = f" ({m.coverage.days_covered} of {m.coverage.days_in_month} days)" if partial else ""
    items = [(KPI_LABELS[k], format_kpi(k, cat.loc[k, "value"], cur), _change(k, cat.loc[k]) + suffix)
             for k in FIRST_SCREEN_KPIS if k in cat.index]
    parts = [key_numbers(items)]
    if m.coverage.status in ("after", "before"):
        title = f"{m.period}: no orders"
        lines = _coverage_lines(m) + [d.reason for d in m.problems[:MAX_PROBLEM_LINES]]
        parts.append(banner(title, "unknown", lines))
        parts.append(table(m.inputs.assign(first=m.inputs["first"].dt.strftime("%Y-%m-%d"),
                                           last=m.inputs["last"].dt.strftime("%Y-%m-%d")),
                           caption="Data on file per input (local days)"))
    else:
        verdict = "alert" if m.problems else ("ok" if len(m.dispatch) or len(m.response) else "unknown")
        lines = [d.reason for d in m.problems[:MAX_PROBLEM_LINES]] or [
            "No rule fired: every step ran within its targets."]
        if len(m.problems) > MAX_PROBLEM_LINES:
            lines.append(f"… and {len(m.problems) - MAX_PROBLEM_LINES} more (see the decisions table)")
        if partial or m.coverage.status == "missing":
            lines = _coverage_lines(m) + lines
        steps = m.steps_wrong
        title = f"{m.period}: " + (f"went wrong in {', '.join(steps)}" if steps else "on track")
        if m.coverage.status == "missing":
            title += " (no orders file)"
        parts.append(banner(title, verdict, lines))
    if len(m.plan):
        parts.append(table(m.plan, max_rows=20, caption="Next month's improvement plan"))
    else:
        parts.append(note("No improvement action needed from this month's data."))
    for n in m.notes:
        parts.append(note(n, "warn"))
    return join(*parts)


def kpi_table(m) -> HTML:
    """All KPIs per category and SKU: value, in its unit."""
    wide = m.kpis.pivot_table(index=["level", "unique_id"], columns="kpi", values="value",
                              aggfunc="first", sort=False)
    kpis = [c for c in KPI_LABELS if c in wide.columns]
    if wide.empty or not kpis:
        return note(f"No KPI can be computed for {m.period}: {m.coverage.message}.", "warn")
    wide = wide[kpis].reset_index().sort_values("level", kind="stable")
    cur = m.settings.category.currency
    for k in kpis:  # each KPI in its unit (%, currency, /month), as on the first screen
        wide[k] = wide[k].map(lambda v, k=k: format_kpi(k, v, cur))
    wide = wide.rename(columns={**KPI_LABELS, "unique_id": "category / SKU"})
    return table(wide.drop(columns="level"), max_rows=30, caption=f"KPIs per category and SKU, {m.period}")


def fulfilment_section(m) -> HTML:
    """R4: inbound shipments (ETA, appointment, labels) and every order not shipped in 24 h."""
    fp = m.settings.fulfilment
    sla = f"{fp.outbound_sla_hours:g}"
    parts = [heading("Inbound (first leg)")]
    if len(m.inbound):
        flagged = m.inbound[~m.inbound["booking_ok"] | ~m.inbound["checklist_ok"]
                            | m.inbound["status"].isin(["late", "overdue"])]
        parts.append(note(f"{len(flagged)} of {len(m.inbound)} shipments arriving in {m.period} need "
                          f"attention (appointment < {fp.inbound_booking_min_days} days before "
                          "arrival or none, late/overdue, or labels not checked).",
                          "warn" if len(flagged) else "info"))
        show = m.inbound.assign(arrival=m.inbound["arrival_local"].dt.strftime("%Y-%m-%d"))
        parts.append(table(show[["shipment_id", "skus", "units", "warehouse", "mode", "arrival", "status",
                                 "delay_days", "booking_lead_days", "booking_ok", "labels_missing"]],
                           max_rows=20, caption="Shipments arriving this month", float_format="{:,.1f}"))
    elif not m.has_shipments:
        parts.append(note("No shipments export: inbound appointments and ETAs cannot be checked.", "warn"))
    else:
        parts.append(note(f"No first-leg shipment arrives in {m.period}."))
    parts.append(heading(f"Outbound: orders not shipped within {sla} h"))
    if not len(m.dispatch):
        parts.append(_no_orders(m, f"the {sla} h dispatch rule"))
        return join(*parts)
    share, by_wh = m.late_share, m.late_share_by_warehouse
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
    plots.finish(ax, title=(f"{n_late} orders shipped after {sla} h; "
                            f"worst warehouse {worst_wh['warehouse']} ({worst_wh['late_share']:.1%})"),
                 xlabel="week starting (local)", ylabel="late orders (% of orders)",
                 source=m.sources["orders"] or "orders export")
    parts.append(figure_html(fig))
    reasons = m.late_orders["reason"].value_counts().rename_axis("reason").reset_index(name="late orders")
    parts.append(table(reasons, caption="Late orders by reason"))
    show = m.late_orders.assign(placed=m.late_orders["placed_local"].dt.strftime("%Y-%m-%d %H:%M"))
    parts.append(table(show[["order_id", "skus", "warehouse", "placed", "hours_to_ship", "reason"]],
                       max_rows=40, caption=f"Every order not shipped within {sla} h",
                       float_format="{:,.1f}"))
    parts.append(table(share.assign(week=share["week"].dt.strftime("%Y-%m-%d")), max_rows=30,
                       caption="Late share by warehouse and week", float_format="{:,.3f}"))
    return join(*parts)


def aftersales_section(m) -> HTML:
    """R5: first response in local business hours (share within 1 h, breaches), weekly
    top-3 return reasons with step and action, positive-review keywords."""
    a, cat = m.settings.aftersales, m.settings.category
    sla = f"{a.response_sla_minutes:g}"
    parts = [heading(f"First response within {sla} business minutes")]
    if len(m.response):
        s = m.response_month.iloc[0]
        parts.append(key_numbers([
            ("Tickets", f"{int(s['tickets'])}", m.period),
            ("Answered within 1 h", f"{s['share_within_sla']:.0%}",
             f"target {m.settings.targets.response_1h_rate_min:.0%}"),
            ("Breaches", f"{int(s['breaches'])}", "incl. unanswered"),
            ("Median first reply", f"{s['median_business_minutes']:.0f} min", "business minutes")]))
        parts.append(note(f"Business time: {a.business_hours_start}-{a.business_hours_end} "
                          f"{cat.timezone}, {', '.join(a.business_weekdays)}, public holidays of "
                          f"{a.holidays_country} excluded (holidays package); "
                          "a ticket sent after hours starts its clock at the next opening."))
        weekly = m.response_weekly
        fig, ax = plots.new_figure(height=3.2)
        ax.bar([f"{d:%d %b}" for d in weekly["week"]], weekly["breaches"], color=plots.PALETTE[1])
        plots.finish(ax, title=f"{int(s['breaches'])} first replies took longer than "
                               f"{sla} business minutes in {m.period}",
                     xlabel="week starting (local)", ylabel="breaches (tickets)",
                     source=m.sources["tickets"] or "help-desk export")
        parts.append(figure_html(fig))
        br = m.response[m.response["breach"]].assign(
            created=lambda d: d["created_local"].dt.strftime("%a %Y-%m-%d %H:%M"),
            replied=lambda d: d["replied_local"].dt.strftime("%a %Y-%m-%d %H:%M"))
        parts.append(table(br[["ticket_id", "channel", "created", "replied", "calendar_minutes",
                               "business_minutes", "status"]], max_rows=40,
                           caption="Breaches (local times)", float_format="{:,.0f}"))
    elif "tickets" in m.coverage.missing:
        parts.append(note("No help-desk export (tickets file missing from the data folder): first "
                          "replies cannot be checked.", "warn"))
    else:
        parts.append(note("No tickets in this month (help-desk export missing or empty).", "warn"))
    parts.append(heading(f"Weekly top-{a.top_return_reasons} return reasons -> step and action"))
    if len(m.top_returns):
        show = m.top_returns.assign(week=m.top_returns["week"].dt.strftime("%Y-%m-%d"))
        parts.append(table(show[["week", "rank", "reason", "units", "share_of_week", "skus", "source",
                                 "step", "action", "example_comment"]], max_rows=30,
                           caption="Returns per ISO week (FBA reason code; customer comment when the code is blank)",
                           float_format="{:,.2f}"))
    elif "returns" in m.coverage.missing:
        parts.append(note("No returns export (returns file missing from the data folder): return "
                          "reasons cannot be ranked.", "warn"))
    else:
        parts.append(note("No returns in this month.", "info" if m.has_returns else "warn"))
    parts.append(heading("Positive-review keywords -> selling points"))
    if len(m.keywords):
        parts.append(table(m.keywords, caption="What happy customers mention this month",
                           float_format="{:,.2f}"))
        if len(m.selling_points):
            sp = m.selling_points
            parts.append(table(sp[["selling_point", "positive_reviews", "confirming_reviews", "share_confirming",
                                   "suggestion"]], caption="Preset selling points in positive reviews",
                               float_format="{:,.2f}"))
    else:
        parts.append(note("No positive reviews of our products this month.", "info"))
    return join(*parts)


def iteration_section(m) -> HTML:
    """R6: product suggestions from concentrated negative themes, the stock step's
    turnover decisions, service benchmark vs local brands and survey results."""
    it = m.settings.iteration
    parts = [heading("Product: concentrated negative themes")]
    if len(m.themes):
        parts.append(table(m.themes, caption="Negative reviews and return comments by theme",
                           float_format="{:,.2f}"))
        if len(m.suggestions):
            parts.append(table(m.suggestions, caption="Suggested product changes"))
        else:
            parts.append(note(f"No theme reaches {it.negative_theme_share_min:.0%} of negative "
                              f"feedback (on >= {it.negative_min_documents} documents): no product change."))
    else:
        parts.append(note("No negative reviews or return comments this month."))
    parts.append(heading("Stocking: inventory turnover"))
    parts.append(stock_sections.turnover_section(m.stock))
    parts.append(heading("Service: local brands vs ours"))
    parts.append(table(m.service, caption="Warranty and service benchmark"))
    parts.append(decisions_table(to_frame([d for d in m.decisions if d.rule == "R6.3.warranty_benchmark"])))
    if m.survey is None:
        parts.append(note("No quarterly satisfaction survey export: add one (question, score 1-5) "
                          "to the category folder to get an improvement list."))
    else:
        parts.append(table(m.survey, caption="Survey: questions below target"))
    return join(*parts)


def sop_section(m) -> HTML:
    """R7.2: every SOP task's due dates this month: done, late or overdue (owner roles)."""
    if not m.sop:
        return note("; ".join(m.notes) or "No SOP file (params/sop.yaml).", "warn")
    if not m.sop_log_found:
        return note(f"No SOP completion log at {m.sop_log_file}: nothing can be judged done or overdue.",
                    "warn")
    st = m.sop_status
    parts = [note(m.sop_note, "warn")] if m.sop_note else []
    if st.empty:
        return join(*parts) if parts else note(f"No SOP task is due in {m.period}.")
    bad = st[st["status"].isin(["overdue", "late"])]
    n_over = int((st["status"] == "overdue").sum())
    parts.append(note(f"{n_over} overdue and {int((st['status'] == 'late').sum())} late of {len(st)} "
                      f"due dates in {m.period}.", "error" if n_over else "info"))
    if len(bad):
        show = bad.assign(due=bad["due_date"].dt.strftime("%a %Y-%m-%d"),
                          done=bad["done_at_local"].dt.strftime("%Y-%m-%d %H:%M"))
        parts.append(table(show[["status", "task", "owner_role", "due", "done", "done_by", "days_late"]],
                           max_rows=30, caption="Overdue and late SOP tasks", float_format="{:,.0f}"))
    parts.append(table(m.sop_summary, caption="SOP tasks this month"))
    return join(*parts)


def last_month_section(m) -> HTML:
    """Last month's Decisions (from the store) beside what actually happened."""
    lm = m.last_month
    if lm.error:
        return note(lm.error, "warn")
    prev, slug = lm.previous_period, m.settings.category.slug
    parts = []
    if not lm.kept:
        parts.append(note(f"No decisions of {prev} in the store for {slug}: run "
                          f"`seller-lab monthly --month {prev}` first to compare them with this month."))
    out = lm.outcomes
    if out.empty:
        return join(*parts)
    held = out["held"].str.startswith("no").sum()
    parts += [note(f"{len(out)} decisions of {prev} (single-order/ticket alerts left out) and the latest "
                   f"pilot verdicts; {held} did not hold.", "warn" if held else "info"),
              table(out, max_rows=40, caption=f"Decisions of {prev} and what happened in {m.period}")]
    return join(*parts)


def summary(m) -> dict:
    """Verdict, headline and KPIs for ``publish(...)`` (the index's portfolio table).

    Returns ``{"verdict", "headline", "kpis"}``; pass as ``publish(sidecar, kind="monthly",
    category=..., period=..., decisions=m.decisions_frame(), **summary(m))``. A month
    outside the orders' date range has verdict 'unknown', the coverage sentence as headline
    and no KPIs; a partial month or a missing orders file prefixes the headline with it.
    """
    cat = m.category_kpis()
    cur = m.settings.category.currency
    kpis = {KPI_LABELS[k]: format_kpi(k, cat.loc[k, "value"], cur) for k in SUMMARY_KPIS if k in cat.index}
    if m.coverage.status in ("after", "before"):
        # no figures: the index's portfolio keeps the latest month that has them (labelled)
        return {"verdict": "unknown", "headline": m.coverage.message, "kpis": {}}
    steps = m.steps_wrong
    verdict = worst(["alert" if m.problems else "ok"])
    headline = (f"went wrong in {', '.join(steps)}; {len(m.plan)} actions planned" if steps
                else "all steps within targets")
    if m.coverage.status in ("partial", "missing"):
        headline = f"{m.coverage.message}: {headline}"
    return {"verdict": verdict, "headline": headline, "kpis": kpis}


def render_month(m) -> HTML:
    """The whole monthly page body for one result object (JupyterLab's view of it)."""
    return join(first_screen(m), heading("KPIs by category and SKU"), kpi_table(m),
                heading("Stocking (R3, R6.2)"), stock_sections.stock_plan_section(m.stock),
                stock_sections.stock_alerts_section(m.stock), stock_sections.turnover_section(m.stock),
                stock_sections.forecast_accuracy_section(m.stock),
                heading("Fulfilment (R4)"), fulfilment_section(m), heading("After-sales (R5)"),
                aftersales_section(m), heading("Iteration (R6)"), iteration_section(m),
                heading("SOP (R7.2)"), sop_section(m), heading("Last month's decisions (R7.3)"),
                last_month_section(m))
