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

from ...decisions import localized_reason, stored_reason, worst
from ...fulfilment.outbound import NO_WAREHOUSE, warehouse_named, warehouses_named
from ...i18n import N_, Translator, register_cjk_font, translator
from .. import plots
from ..render import (
    HTML,
    figure_html,
    heading,
    join,
    key_numbers,
    note,
    table,
)
from . import stock as stock_sections
from .localized import (
    banner,
    decisions_table,
    quoted_table,
    text,
    translated_cells,
    translated_columns,
    translator_of,
)

KPI_LABELS = {"sales": N_("Sales"), "units": N_("Units sold"), "return_rate": N_("Return rate"),
              "turnover": N_("Inventory turnover (/month)"), "stockout_days": N_("Stock-out days"),
              "outbound_24h_breach_rate": N_("Orders not shipped in 24 h"),
              "response_1h_rate": N_("Tickets answered within 1 h")}
FIRST_SCREEN_KPIS = ["sales", "return_rate", "turnover", "outbound_24h_breach_rate", "response_1h_rate"]
SUMMARY_KPIS = ["sales", "units", "return_rate", "turnover", "stockout_days", "outbound_24h_breach_rate",
                "response_1h_rate"]
RATE_KPIS = ("return_rate", "outbound_24h_breach_rate", "response_1h_rate")
MAX_PROBLEM_LINES = 8  # reasons listed on the first screen; the rest are in the decisions table
PLAN_SHOWN = ["step", "action", "owner", "why"]


def format_kpi(kpi: str, v: float, currency: str = "", tr: Translator | None = None) -> str:
    """A KPI value in its unit (currency, %, /month) in the page's number format, 'n/a'
    when unknown.

    >>> format_kpi("sales", 1234.5, "EUR"), format_kpi("return_rate", 0.0512), format_kpi("turnover", float("nan"))
    ('1,234 EUR', '5.1%', 'n/a')
    """
    tr = tr or translator("en")
    if v is None or pd.isna(v):
        return tr("n/a")
    if kpi == "sales":
        return f"{tr.number(v)} {currency}".strip()
    if kpi in RATE_KPIS:
        return tr.percent(v, 1)
    if kpi == "turnover":
        return tr.number(v, 2)
    return tr.number(v)


def _why_missing(m, tr: Translator) -> dict[str, str]:
    """Why a first-screen KPI of a month with orders has no value: the input or column it needs is missing
    (an orders file without prices has no sales, no returns file no return rate; never a 0 in their place)."""
    if not m.coverage.has_orders:
        return {}
    have = set(m.inputs.loc[m.inputs["rows"] > 0, "kind"].astype(str)) if len(m.inputs) else set()
    cat = m.category_kpis()
    units = cat.loc["units", "value"] if "units" in cat.index else float("nan")
    out = {"sales": tr("{units} units; the orders file has no prices", units=tr.number(units))}
    for kpi, kind, why in (("return_rate", "returns", N_("no returns file")),
                           ("turnover", "inventory", N_("no inventory file")),
                           ("response_1h_rate", "tickets", N_("no help-desk file"))):
        if kind not in have:
            out[kpi] = tr(why)
    if not m.ship_times:
        out["outbound_24h_breach_rate"] = tr("the orders file has no ship dates")
    return out


def _change(kpi: str, row, tr: Translator, why: dict[str, str] | None = None) -> str:
    if pd.isna(row["value"]):
        return (why or {}).get(kpi) or tr("no data this month")
    if pd.isna(row["last_month"]):
        covered, days = row.get("last_month_covered"), row.get("last_month_days")
        if kpi not in RATE_KPIS and pd.notna(covered) and 0 < covered < days:   # sales, units
            return tr("last month has data on {covered} of {days} days only", covered=int(covered), days=int(days))
        return tr("no data last month")
    ch = row["change"]
    if kpi == "sales":
        base = (tr("{change} vs last month", change=f"{row['change_pct']:+.0%}") if pd.notna(row["change_pct"])
                else tr("vs 0 last month"))
    elif kpi in RATE_KPIS:
        base = tr("{change} pts vs last month", change=f"{ch * 100:+.1f}") if pd.notna(ch) else tr("n/a this month")
    else:
        base = tr("{change} vs last month", change=f"{ch:+.2f}") if pd.notna(ch) else tr("n/a this month")
    if pd.notna(row["target"]):
        met = row["target_met"]
        tgt = "" if pd.isna(met) else (tr("target met") if bool(met) else tr("target missed"))
        base += tr("; {more}", more=tgt) if tgt else ""
    return base


def _coverage_message(m, tr: Translator) -> str:
    return text(tr, m.coverage.message, m.coverage.template, m.coverage.values)


def _coverage_lines(m, tr: Translator) -> list[str]:
    """What data exists, for a month the orders do not cover fully."""
    cov = m.coverage
    lines = [_coverage_message(m, tr)]
    have = m.inputs[m.inputs["rows"] > 0]
    if len(have) and cov.status != "full":
        lines.append(tr("data on file: {inputs}", inputs=tr("; ").join(
            tr("{kind} {first} to {last}", kind=tr(r.kind), first=f"{r.first:%Y-%m-%d}", last=f"{r.last:%Y-%m-%d}")
            for r in have.itertuples(index=False))))
    if cov.status == "partial":
        lines.append(tr("every figure counts the {days} days that exist; nothing is scaled to a full month, "
                       "so changes vs last month compare part of a month with a whole one",
                       days=cov.days_covered))
    return lines


def _no_orders(m, what: str, tr: Translator) -> HTML:
    """The sentence a section shows when the month has no orders to judge ``what`` on."""
    cov = m.coverage
    if cov.status == "missing":
        return note(tr("No orders export ({message}): {what} cannot be checked.",
                      message=_coverage_message(m, tr), what=what), "warn")
    if cov.status in ("after", "before"):
        msg = _coverage_message(m, tr)
        return note(tr("{message}: {what} cannot be checked.", message=msg[0].upper() + msg[1:], what=what),
                    "warn")
    return note(tr("No orders in this month: {what} cannot be checked.", what=what), "warn")


def _plan_table(m, tr: Translator) -> pd.DataFrame:
    """The plan as the page shows it: step, action, owner, why in the page's language."""
    plan = m.plan
    if "action_template" not in plan.columns:
        return plan
    rows = [{"step": tr(r["step"]), "action": text(tr, r["action"], r["action_template"], r["action_values"]),
             "owner": tr(r["owner"]), "why": text(tr, r["why"], r["why_template"], r["why_values"])}
            for r in plan.to_dict("records")]
    return translated_columns(pd.DataFrame(rows, columns=PLAN_SHOWN), tr)


def _steps(steps: list[str], tr: Translator) -> str:
    return tr(", ").join(tr(s) for s in steps)


def _rules_checked(m) -> int:
    """How many of the month's rules (stock rules included) reached a verdict: a rule whose data is missing
    says 'unknown' and judged nothing."""
    frame = m.decisions_frame()
    return int((frame["verdict"] != "unknown").sum()) if len(frame) else 0


def first_screen(m, lang: str | None = None) -> HTML:
    """The five KPIs with their change vs last month and target, what went wrong (the
    rules that fired, naming the step) and next month's plan with owners; for a month the
    data does not fully cover, what data exists. ``lang`` overrides ``report.language``."""
    tr = translator_of(m.settings.category, lang)
    cur = m.settings.category.currency
    cat = m.category_kpis()
    partial = m.coverage.status == "partial"
    suffix = tr(" ({covered} of {days} days)", covered=m.coverage.days_covered,
               days=m.coverage.days_in_month) if partial else ""
    why = _why_missing(m, tr)
    items = [(tr(KPI_LABELS[k]), format_kpi(k, cat.loc[k, "value"], cur, tr), _change(k, cat.loc[k], tr, why) + suffix)
             for k in FIRST_SCREEN_KPIS if k in cat.index]
    parts = [key_numbers(items)]
    month = tr.period(m.period)
    problems = [localized_reason(d, tr) for d in m.problems[:MAX_PROBLEM_LINES]]
    checked = _rules_checked(m)
    if m.coverage.status in ("after", "before"):
        title = tr("{month}: no orders", month=month)
        parts.append(banner(tr, title, "unknown", _coverage_lines(m, tr) + problems))
        inputs = m.inputs.assign(first=m.inputs["first"].dt.strftime("%Y-%m-%d"),
                                 last=m.inputs["last"].dt.strftime("%Y-%m-%d"),
                                 kind=m.inputs["kind"].map(lambda k: tr(str(k))))
        parts.append(table(translated_columns(inputs, tr), caption=tr("Data on file per input (local days)"), t=tr))
    else:
        verdict = "alert" if m.problems else ("ok" if len(m.dispatch) or len(m.response) else "unknown")
        if problems:
            lines = problems
        elif checked == 0:  # nothing was judged: no "within targets" claim on a month without its data
            lines = [tr("No rule could be checked this month: the files the rules need are missing (see Inputs).")]
        else:
            lines = [tr("No rule fired: the {n} rules checked this month ran within their targets.", n=checked)]
        if len(m.problems) > MAX_PROBLEM_LINES:
            lines.append(tr("… and {n} more (see the decisions table)", n=len(m.problems) - MAX_PROBLEM_LINES))
        if partial or m.coverage.status == "missing":
            lines = _coverage_lines(m, tr) + lines
        steps = m.steps_wrong
        title = (tr("{month}: went wrong in {steps}", month=month, steps=_steps(steps, tr)) if steps
                 else tr("{month}: not judged", month=month) if checked == 0
                 else tr("{month}: on track", month=month))
        if m.coverage.status == "missing":
            title += tr(" (no orders file)")
        parts.append(banner(tr, title, verdict, lines))
    if len(m.plan):
        parts.append(table(_plan_table(m, tr), max_rows=20, caption=tr("Next month's improvement plan"), t=tr))
    elif checked == 0:
        parts.append(note(tr("No improvement plan: no rule could be checked on this month's data."), "warn"))
    else:
        parts.append(note(tr("No improvement action needed from this month's data.")))
    for n in m.notes:
        parts.append(note(tr(n), "warn"))
    return join(*parts)


def kpi_table(m, lang: str | None = None) -> HTML:
    """All KPIs per category and SKU: value, in its unit."""
    tr = translator_of(m.settings.category, lang)
    wide = m.kpis.pivot_table(index=["level", "unique_id"], columns="kpi", values="value",
                              aggfunc="first", sort=False)
    kpis = [c for c in KPI_LABELS if c in wide.columns]
    if wide.empty or not kpis:
        return note(tr("No KPI can be computed for {month}: {message}.", month=tr.period(m.period),
                      message=_coverage_message(m, tr)), "warn")
    wide = wide[kpis].reset_index().sort_values("level", kind="stable").rename_axis(columns=None)
    cur = m.settings.category.currency
    for k in kpis:  # each KPI in its unit (%, currency, /month), as on the first screen
        wide[k] = wide[k].map(lambda v, k=k: format_kpi(k, v, cur, tr))
    wide = wide.rename(columns={**{k: tr(v) for k, v in KPI_LABELS.items()}, "unique_id": tr("category / SKU")})
    return table(wide.drop(columns="level"), max_rows=30,
                 caption=tr("KPIs per category and SKU, {month}", month=tr.period(m.period)), t=tr)


def _chart_setup() -> None:
    """Charts carry Chinese text on a Chinese page: the CJK font joins the font list."""
    family = plots.matplotlib.rcParams["font.family"]
    cjk = register_cjk_font()
    if cjk not in family:
        plots.matplotlib.rcParams["font.family"] = [*family, cjk]


def fulfilment_section(m, lang: str | None = None) -> HTML:
    """R4: inbound shipments (ETA, appointment, labels) and every order not shipped in 24 h."""
    tr = translator_of(m.settings.category, lang)
    fp = m.settings.fulfilment
    sla = f"{fp.outbound_sla_hours:g}"
    month = tr.period(m.period)
    parts = [heading(tr("Inbound (first leg)"))]
    if len(m.inbound):
        flagged = m.inbound[~m.inbound["booking_ok"] | ~m.inbound["checklist_ok"]
                            | m.inbound["status"].isin(["late", "overdue"])]
        parts.append(note(tr("{n} of {total} shipments arriving in {month} need attention (appointment < "
                            "{days} days before arrival or none, late/overdue, or labels not checked).",
                            n=len(flagged), total=len(m.inbound), month=month,
                            days=fp.inbound_booking_min_days),
                          "warn" if len(flagged) else "info"))
        show = translated_cells(m.inbound.assign(arrival=m.inbound["arrival_local"].dt.strftime("%Y-%m-%d"),
                                                 status=m.inbound["status"].map(lambda v: tr(str(v)))),
                                tr, ["mode", "booking_ok", "labels_missing"])
        parts.append(table(translated_columns(
            show[["shipment_id", "skus", "units", "warehouse", "mode", "arrival", "status", "delay_days",
                  "booking_lead_days", "booking_ok", "labels_missing"]], tr),
            max_rows=20, caption=tr("Shipments arriving this month"), float_format="{:,.1f}", t=tr))
    elif not m.has_shipments:
        parts.append(note(tr("No shipments export: inbound appointments and ETAs cannot be checked."), "warn"))
    else:
        parts.append(note(tr("No first-leg shipment arrives in {month}.", month=month)))
    parts.append(heading(tr("Outbound: orders not shipped within {sla} h", sla=sla)))
    if not len(m.dispatch):
        if m.coverage.status in ("full", "partial") and not m.ship_times:
            parts.append(note(tr("The orders file has no ship dates: the {sla} h dispatch rule cannot be checked. "
                                 "Fix: export the ship date with the orders, or map its column under "
                                 "sources.columns.orders (shipped_at: \"<your header>\").", sla=sla), "warn"))
        else:
            parts.append(_no_orders(m, tr("the {sla} h dispatch rule", sla=sla), tr))
        return join(*parts)
    _chart_setup()
    share, by_wh = m.late_share, m.late_share_by_warehouse
    n_late = int(m.dispatch["late"].sum())
    worst_wh = by_wh.iloc[0]
    fig, ax = plots.new_figure(height=3.6)
    piv = share.pivot_table(index="week", columns="warehouse", values="late_share", aggfunc="first").fillna(0)
    width = 0.8 / max(1, piv.shape[1])
    x = np.arange(len(piv))
    def label(wh) -> str:
        return str(wh) if warehouse_named(wh) else tr(NO_WAREHOUSE)

    for i, wh in enumerate(piv.columns):
        ax.bar(x + i * width, piv[wh].to_numpy() * 100, width=width, label=label(wh),
               color=plots.PALETTE[i % len(plots.PALETTE)])
    ax.set_xticks(x + width * (piv.shape[1] - 1) / 2, [tr.day_month(d) for d in piv.index])
    if warehouses_named(m.dispatch):
        ax.legend()
        title = tr("{n} orders shipped after {sla} h; worst warehouse {warehouse} ({share})",
                   n=n_late, sla=sla, warehouse=label(worst_wh["warehouse"]),
                   share=tr.percent(worst_wh["late_share"], 1))
    else:   # the orders file names no warehouse: one bar per week
        title = tr("{n} of {orders} orders shipped after {sla} h ({share})", n=n_late, orders=len(m.dispatch),
                   sla=sla, share=tr.percent(n_late / len(m.dispatch), 1))
    plots.finish(ax, title=title,
                 xlabel=tr("week starting (local)"), ylabel=tr("late orders (% of orders)"),
                 source=m.sources["orders"] or tr("orders export"))
    parts.append(figure_html(fig))
    reasons = m.late_orders["reason"].value_counts().rename_axis("reason").reset_index(name="late orders")
    reasons["reason"] = reasons["reason"].map(lambda r: tr(str(r)))
    parts.append(table(translated_columns(reasons, tr), caption=tr("Late orders by reason"), t=tr))
    show = m.late_orders.assign(placed=m.late_orders["placed_local"].dt.strftime("%Y-%m-%d %H:%M"),
                                reason=m.late_orders["reason"].map(lambda r: tr(str(r))))
    parts.append(table(translated_columns(show[["order_id", "skus", "warehouse", "placed", "hours_to_ship",
                                                "reason"]], tr),
                       max_rows=40, caption=tr("Every order not shipped within {sla} h", sla=sla),
                       float_format="{:,.1f}", t=tr))
    parts.append(table(translated_columns(share.assign(week=share["week"].dt.strftime("%Y-%m-%d")), tr),
                       max_rows=30, caption=tr("Late share by warehouse and week"), float_format="{:,.3f}", t=tr))
    return join(*parts)


def aftersales_section(m, lang: str | None = None) -> HTML:
    """R5: first response in local business hours (share within 1 h, breaches), weekly
    top-3 return reasons with step and action, positive-review keywords."""
    tr = translator_of(m.settings.category, lang)
    a, cat = m.settings.aftersales, m.settings.category
    sla = f"{a.response_sla_minutes:g}"
    month = tr.period(m.period)
    parts = [heading(tr("First response within {sla} business minutes", sla=sla))]
    if len(m.response):
        s = m.response_month.iloc[0]
        parts.append(key_numbers([
            (tr("Tickets"), tr.number(s["tickets"]), month),
            (tr("Answered within 1 h"), tr.percent(s["share_within_sla"], 0),
             tr("target {target}", target=tr.percent(m.settings.targets.response_1h_rate_min, 0))),
            (tr("Breaches"), tr.number(s["breaches"]), tr("incl. unanswered")),
            (tr("Median first reply"), tr("{minutes} min", minutes=tr.number(s["median_business_minutes"])),
             tr("business minutes"))]))
        parts.append(note(tr("Business time: {start}-{end} {timezone}, {weekdays}, public holidays of {country} "
                            "excluded (holidays package); a ticket sent after hours starts its clock at the "
                            "next opening.", start=a.business_hours_start, end=a.business_hours_end,
                            timezone=cat.timezone, weekdays=tr(", ").join(tr(d) for d in a.business_weekdays),
                            country=a.holidays_country)))
        weekly = m.response_weekly
        _chart_setup()
        fig, ax = plots.new_figure(height=3.2)
        ax.bar([tr.day_month(d) for d in weekly["week"]], weekly["breaches"], color=plots.PALETTE[1])
        plots.finish(ax, title=tr("{n} first replies took longer than {sla} business minutes in {month}",
                                 n=int(s["breaches"]), sla=sla, month=month),
                     xlabel=tr("week starting (local)"), ylabel=tr("breaches (tickets)"),
                     source=m.sources["tickets"] or tr("help-desk export"))
        parts.append(figure_html(fig))
        br = m.response[m.response["breach"]].assign(
            created=lambda d: d["created_local"].map(tr.weekday_time),
            replied=lambda d: d["replied_local"].map(tr.weekday_time),
            status=lambda d: d["status"].map(lambda v: tr(str(v))),
            channel=lambda d: d["channel"].map(lambda v: tr(str(v))))
        parts.append(table(translated_columns(br[["ticket_id", "channel", "created", "replied",
                                                  "calendar_minutes", "business_minutes", "status"]], tr),
                           max_rows=40, caption=tr("Breaches (local times)"), float_format="{:,.0f}", t=tr))
    elif "tickets" in m.coverage.missing:
        parts.append(note(tr("No help-desk export (tickets file missing from the data folder): first "
                            "replies cannot be checked."), "warn"))
    else:
        parts.append(note(tr("No tickets in this month (help-desk export missing or empty)."), "warn"))
    parts.append(heading(tr("Weekly top-{n} return reasons -> step and action", n=a.top_return_reasons)))
    if len(m.top_returns):
        show = m.top_returns.assign(week=m.top_returns["week"].dt.strftime("%Y-%m-%d"),
                                    step=m.top_returns["step"].map(lambda v: tr(str(v))),
                                    action=m.top_returns["action"].map(lambda v: tr(str(v))),
                                    source=m.top_returns["source"].map(lambda v: tr(str(v))))
        parts.append(quoted_table(show[["week", "rank", "reason", "units", "share_of_week", "skus", "source",
                                        "step", "action", "example_comment"]], ["example_comment"], cat.language,
                                  max_rows=30, caption=tr("Returns per ISO week (FBA reason code; customer "
                                                          "comment when the code is blank)"),
                                  float_format="{:,.2f}", t=tr))
    elif "returns" in m.coverage.missing:
        parts.append(note(tr("No returns export (returns file missing from the data folder): return "
                            "reasons cannot be ranked."), "warn"))
    else:
        parts.append(note(tr("No returns in this month."), "info" if m.has_returns else "warn"))
    parts.append(heading(tr("Positive-review keywords -> selling points")))
    if len(m.keywords):
        kw = m.keywords.assign(suggestion=m.keywords["suggestion"].map(lambda v: tr(str(v))))
        parts.append(quoted_table(kw, ["keyword"], cat.language, float_format="{:,.2f}", t=tr,
                                  caption=tr("What happy customers mention this month")))
        if len(m.selling_points):
            sp = m.selling_points.assign(suggestion=m.selling_points["suggestion"].map(lambda v: tr(str(v))))
            parts.append(table(translated_columns(sp[["selling_point", "positive_reviews", "confirming_reviews",
                                                      "share_confirming", "suggestion"]], tr),
                               caption=tr("Preset selling points in positive reviews"), float_format="{:,.2f}", t=tr))
    else:
        parts.append(note(tr("No positive reviews of our products this month."), "info"))
    return join(*parts)


def iteration_section(m, lang: str | None = None) -> HTML:
    """R6: product suggestions from concentrated negative themes, the stock step's
    turnover decisions, service benchmark vs local brands and survey results."""
    tr = translator_of(m.settings.category, lang)
    it = m.settings.iteration
    parts = [heading(tr("Product: concentrated negative themes"))]
    if len(m.themes):
        parts.append(quoted_table(translated_cells(m.themes, tr, ["theme", "concentrated"]), ["example"],
                                  m.settings.category.language, float_format="{:,.2f}", t=tr,
                                  caption=tr("Negative reviews and return comments by theme")))
        if len(m.suggestions):
            sug = translated_cells(m.suggestions, tr, ["theme", "sales", "suggestion"])
            parts.append(quoted_table(sug, ["example"], m.settings.category.language, t=tr,
                                      caption=tr("Suggested product changes")))
        else:
            parts.append(note(tr("No theme reaches {share} of negative feedback (on >= {n} documents): no "
                                "product change.", share=tr.percent(it.negative_theme_share_min, 0),
                                n=it.negative_min_documents)))
    else:
        parts.append(note(tr("No negative reviews or return comments this month.")))
    parts.append(heading(tr("Stocking: inventory turnover")))
    parts.append(stock_sections.turnover_section(m.stock, lang=tr.lang))
    parts.append(heading(tr("Service: local brands vs ours")))
    parts.append(table(translated_columns(translated_cells(m.service, tr, ["brand", "service"]), tr),
                       caption=tr("Warranty and service benchmark"), t=tr))
    parts.append(decisions_table([d for d in m.decisions if d.rule == "R6.3.warranty_benchmark"], tr))
    if m.survey is None:
        parts.append(note(tr("No quarterly satisfaction survey export: add one (question, score 1-5) "
                            "to the category folder to get an improvement list.")))
    else:
        parts.append(table(translated_columns(m.survey, tr), caption=tr("Survey: questions below target"), t=tr))
    return join(*parts)


def sop_section(m, lang: str | None = None) -> HTML:
    """R7.2: every SOP task's due dates this month: done, late or overdue (owner roles)."""
    tr = translator_of(m.settings.category, lang)
    if not m.sop:
        return note(tr("; ").join(tr(n) for n in m.notes) or tr("No SOP file (params/sop.yaml)."), "warn")
    if not m.sop_log_found:
        return note(tr("No SOP completion log at {file}: nothing can be judged done or overdue.",
                      file=m.sop_log_file), "warn")
    st = m.sop_status
    parts = [note(tr(m.sop_note, **m.sop_note_values), "warn")] if m.sop_note else []
    month = tr.period(m.period)
    if st.empty:
        return join(*parts) if parts else note(tr("No SOP task is due in {month}.", month=month))
    bad = st[st["status"].isin(["overdue", "late"])]
    n_over = int((st["status"] == "overdue").sum())
    parts.append(note(tr("{overdue} overdue and {late} late of {n} due dates in {month}.", overdue=n_over,
                        late=int((st["status"] == "late").sum()), n=len(st), month=month),
                      "error" if n_over else "info"))
    if len(bad):
        show = bad.assign(due=bad["due_date"].map(tr.weekday_date),
                          done_at=bad["done_at_local"].dt.strftime("%Y-%m-%d %H:%M"),
                          status=bad["status"].map(lambda v: tr(str(v))), task=bad["task"].map(lambda v: tr(str(v))),
                          owner_role=bad["owner_role"].map(lambda v: tr(str(v))))
        parts.append(table(translated_columns(show[["status", "task", "owner_role", "due", "done_at", "done_by",
                                                    "days_late"]], tr),
                           max_rows=30, caption=tr("Overdue and late SOP tasks"), float_format="{:,.0f}", t=tr))
    summary = m.sop_summary.assign(task=m.sop_summary["task"].map(lambda v: tr(str(v))),
                                   owner_role=m.sop_summary["owner_role"].map(lambda v: tr(str(v))))
    parts.append(table(translated_columns(summary, tr), caption=tr("SOP tasks this month"), t=tr))
    return join(*parts)


def _outcomes_table(out: pd.DataFrame, tr: Translator) -> pd.DataFrame:
    """Last month's decisions beside what happened, in the page's language (the reason is
    re-rendered from the template and values the store kept; a row stored without them
    shows its English text)."""
    if "outcome_template" not in out.columns:
        return out
    rows = [{"unique_id": r["unique_id"], "rule": r["rule"], "verdict": tr(str(r["verdict"])), "value": r["value"],
             "reason": stored_reason(str(r["reason"]), r.get("reason_template", ""), r.get("reason_values", ""), tr),
             "outcome": text(tr, r["outcome"], r["outcome_template"], r["outcome_values"]),
             "held": text(tr, r["held"], r["held_template"], r["held_values"])}
            for r in out.to_dict("records")]
    return pd.DataFrame(rows, columns=["unique_id", "rule", "verdict", "value", "reason", "outcome", "held"])


def last_month_section(m, lang: str | None = None) -> HTML:
    """Last month's Decisions (from the store) beside what actually happened."""
    tr = translator_of(m.settings.category, lang)
    lm = m.last_month
    if lm.error:
        return note(lm.error, "warn")
    prev, slug = lm.previous_period, m.settings.category.slug
    parts = []
    if not lm.kept:
        parts.append(note(tr("No decisions of {prev} in the store for {slug}: run `seller-lab monthly --month "
                            "{period}` first to compare them with this month.",
                            prev=tr.period(prev), slug=slug, period=prev)))
    out = lm.outcomes
    if out.empty:
        return join(*parts)
    held = out["held"].str.startswith("no").sum()
    parts += [note(tr("{n} decisions of {prev} (single-order/ticket alerts left out) and the latest pilot "
                     "verdicts; {held} did not hold.", n=len(out), prev=tr.period(prev), held=held),
                   "warn" if held else "info"),
              table(_outcomes_table(out, tr), max_rows=40,
                    caption=tr("Decisions of {prev} and what happened in {month}", prev=tr.period(prev),
                              month=tr.period(m.period)), t=tr)]
    return join(*parts)


def summary(m, lang: str | None = None) -> dict:
    """Verdict, headline and KPIs for ``publish(...)`` (the index's portfolio table).

    Returns ``{"verdict", "headline", "kpis"}``; pass as ``publish(sidecar, kind="monthly",
    category=..., period=..., decisions=m.decisions_frame(), **summary(m))``. A month
    outside the orders' date range has verdict 'unknown', the coverage sentence as headline
    and no KPIs; a partial month or a missing orders file prefixes the headline with it.
    Headline and KPI labels are in the report language (``lang`` overrides it).
    """
    tr = translator_of(m.settings.category, lang)
    cat = m.category_kpis()
    cur = m.settings.category.currency
    kpis = {tr(KPI_LABELS[k]): format_kpi(k, cat.loc[k, "value"], cur, tr) for k in SUMMARY_KPIS if k in cat.index}
    if m.coverage.status in ("after", "before"):
        # no figures: the index's portfolio keeps the latest month that has them (labelled)
        return {"verdict": "unknown", "headline": _coverage_message(m, tr), "kpis": {}}
    steps = m.steps_wrong
    checked = _rules_checked(m)
    verdict = worst(["alert" if m.problems else "ok" if checked else "unknown"])
    headline = (tr("went wrong in {steps}; {n} actions planned", steps=_steps(steps, tr), n=len(m.plan)) if steps
                else tr("not judged: no rule could be checked") if not checked and not m.problems
                else tr("all steps within targets"))
    if m.coverage.status in ("partial", "missing"):
        headline = tr("{message}: {headline}", message=_coverage_message(m, tr), headline=headline)
    return {"verdict": verdict, "headline": headline, "kpis": kpis}


def render_month(m, lang: str | None = None) -> HTML:
    """The whole monthly page body for one result object (JupyterLab's view of it), in
    the report language (``lang`` overrides ``report.language``)."""
    tr = translator_of(m.settings.category, lang)
    lang = tr.lang
    return join(first_screen(m, lang), heading(tr("KPIs by category and SKU")), kpi_table(m, lang),
                heading(tr("Stocking (R3, R6.2)")), stock_sections.stock_plan_section(m.stock, lang=lang),
                stock_sections.stock_alerts_section(m.stock, lang=lang),
                stock_sections.turnover_section(m.stock, lang=lang),
                stock_sections.forecast_accuracy_section(m.stock, lang=lang),
                heading(tr("Fulfilment (R4)")), fulfilment_section(m, lang), heading(tr("After-sales (R5)")),
                aftersales_section(m, lang), heading(tr("Iteration (R6)")), iteration_section(m, lang),
                heading(tr("SOP (R7.2)")), sop_section(m, lang), heading(tr("Last month's decisions (R7.3)")),
                last_month_section(m, lang))
