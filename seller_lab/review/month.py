"""The monthly review (R3-R7) for one category and month, computed once.

:func:`run_month` returns a frozen :class:`MonthReview` holding every frame and Decision
the monthly page shows: KPIs, the stock step (:class:`seller_lab.stock.report.StockReview`),
fulfilment, after-sales, iteration, SOP status, last month's decisions, what went wrong
and next month's plan. The page's sections (:mod:`seller_lab.report.sections.monthly`,
``.stock``) only render it; in JupyterLab the object renders itself (``_repr_html_``).

A month without orders (after or before the data, or no orders file) never fails: the
object says what data exists (:attr:`MonthReview.coverage`), and a month the data stops
inside is judged on the days that exist, labelled as such, never scaled up.

Examples
--------
>>> from seller_lab.params import load_params
>>> from seller_lab.sources.category import CategoryData
>>> p = load_params("kitchen-organizer-de")
>>> p["review"]["sop_log"] = "no-such-folder/sop_log.csv"   # no SOP log either
>>> m = run_month(CategoryData(params=p), p, "2026-10",      # no exports at all
...               previous_decisions=pd.DataFrame())
>>> m.coverage.status, len(m.dispatch)
('missing', 0)
>>> sorted(set(m.decisions_frame(include_stock=False)["rule"]))   # params-only rule
['R6.3.warranty_benchmark']
"""

from __future__ import annotations

from dataclasses import dataclass, field
from types import MappingProxyType

import numpy as np
import pandas as pd

from ..aftersales import (
    first_response,
    positive_keywords_month,
    response_decisions,
    response_summary,
    weekly_top_return_reasons,
)
from ..aftersales.reviews import month_reviews
from ..asof import period_end
from ..decisions import Decision, to_frame
from ..errors import SellerLabError
from ..fulfilment import (
    inbound_decisions,
    inbound_shipments,
    order_dispatch,
    outbound_decisions,
    outbound_late_share,
    ship_times_known,
)
from ..i18n import N_
from ..iteration import (
    negative_feedback,
    negative_themes,
    product_suggestions,
    service_benchmark,
    survey_improvements,
)
from ..periods import month_bounds, previous_period, to_local
from ..report.sections import source_files
from ..report.sections.monthly import render_month
from ..sources.category import load_category
from ..sources.sop import SopFiles, load_sop
from ..sources.store import read_decisions
from ..stock.report import StockReview, run_stock
from ..text import match_selling_points
from .coverage import MonthCoverage, input_dates, month_coverage
from .diagnosis import improvement_plan, what_went_wrong
from .kpis import KPI_COLUMNS, kpi_comparison, stockout_table
from .last_month import decision_outcomes
from .settings import MonthSettings
from .sop import sop_status, sop_summary

# KPIs that rest on the orders: unknown (not zero) in a month the orders do not reach
ORDER_KPIS = ("sales", "units", "return_rate", "turnover", "outbound_24h_breach_rate")
VOLUME_KPIS = ("sales", "units")   # grow with the days a month's data covers; the rates do not
# single-order / single-ticket alerts are not compared with the next month (their rates are)
SINGLE_EVENT_RULES = ("R4.2.outbound_24h", "R5.1.first_response_1h")


@dataclass(frozen=True)
class LastMonth:
    """Last month's Decisions (from the store) beside what happened this month (R7.3)."""

    previous_period: str
    kept: int = 0
    outcomes: pd.DataFrame = field(default_factory=pd.DataFrame)
    error: str = ""


@dataclass(frozen=True)
class MonthReview:
    """Everything the monthly page shows for one category and month (read-only)."""

    period: str
    settings: MonthSettings
    coverage: MonthCoverage
    inputs: pd.DataFrame
    sources: MappingProxyType
    kpis: pd.DataFrame
    stock: StockReview
    inbound: pd.DataFrame
    has_shipments: bool
    dispatch: pd.DataFrame
    late_orders: pd.DataFrame
    late_share: pd.DataFrame
    late_share_by_warehouse: pd.DataFrame
    response: pd.DataFrame
    response_prev: pd.DataFrame
    response_month: pd.DataFrame
    response_weekly: pd.DataFrame
    top_returns: pd.DataFrame
    has_returns: bool
    keywords: pd.DataFrame
    selling_points: pd.DataFrame
    themes: pd.DataFrame
    suggestions: pd.DataFrame
    service: pd.DataFrame
    survey: pd.DataFrame | None
    sop: MappingProxyType
    sop_log_found: bool
    sop_log_file: str
    sop_status: pd.DataFrame
    sop_summary: pd.DataFrame
    sop_note: str
    problems: tuple[Decision, ...]
    plan: pd.DataFrame
    decisions: tuple[Decision, ...]
    last_month: LastMonth
    notes: tuple[str, ...] = ()
    #: the orders file says when orders shipped (a ship time or a status on some line): else no dispatch is judged
    ship_times: bool = True
    #: the values that fill ``sop_note`` (an ``N_``-marked template) in the report language
    sop_note_values: MappingProxyType = field(default_factory=lambda: MappingProxyType({}))

    @property
    def steps_wrong(self) -> list[str]:
        """The steps named by the rules that fired, sorted."""
        return sorted({d.inputs.get("step", "") for d in self.problems} - {""})

    def decisions_frame(self, *, include_stock: bool = True) -> pd.DataFrame:
        """Every rule evaluated for the month as one frame (fulfilment, after-sales,
        iteration, what went wrong; then the stock step's when ``include_stock``)."""
        frame = to_frame(list(self.decisions))
        if include_stock:
            frame = pd.concat([frame, self.stock.decisions_frame()], ignore_index=True)
        return frame

    def category_kpis(self) -> pd.DataFrame:
        """The category row of :attr:`kpis`, indexed by KPI."""
        return self.kpis[self.kpis["level"] == "category"].set_index("kpi")

    def _repr_html_(self) -> str:
        return render_month(self).html


def _our_asins(data) -> list[str]:
    asins = set()
    for frame, col in ((data.returns, "asin"), (data.traffic, "asin")):
        if frame is not None and len(frame) and col in frame:
            asins |= {a for a in frame[col].astype("str") if a and a != "nan"}
    return sorted(asins)


def _negative_count(reviews: pd.DataFrame, settings: MonthSettings, period: str, asins: list[str]) -> int:
    r = month_reviews(reviews, settings, period, asins)
    if r.empty:
        return 0
    return int((pd.to_numeric(r["rating"], errors="coerce") <= settings.pilot.negative_rating_max).sum())


def _last_order_units(shipments: pd.DataFrame, timezone: str, period: str):
    """Units of each SKU's most recent first-leg shipment arriving by the month's end
    (per SKU, and per SKU and warehouse)."""
    if shipments is None or shipments.empty:
        return pd.Series(dtype=float), pd.Series(dtype=float)
    s = shipments.assign(arr=to_local(pd.to_datetime(shipments["arrived_at"], utc=True)
                                      .fillna(pd.to_datetime(shipments["eta"], utc=True)),
                                      timezone))
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


def _plan_extras(top: pd.DataFrame, suggestions: pd.DataFrame, stock: StockReview, top_n: int) -> pd.DataFrame:
    """Plan rows from the return playbook, the product suggestions and the R6.2 turnover
    decisions; each text with its English template and values (see ``PLAN_COLUMNS``)."""
    rows = []

    def add(step, action: tuple[str, dict], why: tuple[str, dict], english: str = "") -> None:
        rows.append({"step": step, "action": english or action[0].format(**action[1]),
                     "why": why[0].format(**why[1]),
                     "action_template": action[0], "action_values": action[1],
                     "why_template": why[0], "why_values": why[1]})

    if len(top):
        month_top = (top.groupby(["reason", "step", "action"])["units"].sum()
                     .sort_values(ascending=False).head(top_n))
        for (reason, step, action), units in month_top.items():
            if step != "unassigned":  # playbook actions are params text: translated when the catalog has them
                add(step, (str(action).replace("{", "{{").replace("}", "}}"), {}),
                    (N_("{units:.0f} returned units for {reason} this month"), {"units": units, "reason": reason}))
    for r in suggestions.itertuples(index=False):
        add("product", (str(r.suggestion).replace("{", "{{").replace("}", "}}"), {}),
            (N_("{share:.0%} of negative feedback about {theme}"), {"share": r.share, "theme": r.theme}))
    base = f"{stock.settings.iteration.base_cycle_months:g}"
    for d in stock.turnover_decisions:
        if d.verdict in ("increase", "decrease"):
            i = d.inputs
            action = (N_("{sku}: next order {change:+.0%}, replenish every {cycle} months instead of {base}")
                      if d.verdict == "increase" else
                      N_("{sku}: next order {change:+.0%}; bundle with {bundle}") if i.get("bundle_with") else
                      N_("{sku}: next order {change:+.0%}"))
            add("stock", (action, {"sku": d.unique_id, "change": i.get("order_change"), "cycle": i.get("cycle_months"),
                                   "base": base, "bundle": i.get("bundle_with")}),
                (N_("turnover {value}/month ({verdict})"), {"value": d.value, "verdict": d.verdict}),
                english=f"{d.unique_id}: " + d.reason.split(": ", 1)[-1])
    return pd.DataFrame(rows, columns=["step", "action", "why", "action_template", "action_values",
                                       "why_template", "why_values"])


def _selling_points(reviews: pd.DataFrame, params: dict, period: str, asins: list[str]) -> pd.DataFrame:
    """Preset selling points confirmed by this month's positive reviews (empty when the
    category has none or no review of ours was written this month); ``params`` go to the
    text step that matches them."""
    r = month_reviews(reviews, params, period, asins)
    try:
        sp = match_selling_points(r, params=params)
    except (KeyError, ValueError, TypeError):  # no preset selling points / no text column
        return pd.DataFrame()
    if sp.empty:
        return sp
    return sp.assign(suggestion=np.where(sp["share_confirming"] > 0, N_("strengthen on the listing"),
                                         N_("not echoed by customers: check the listing says it")))


def _last_month_coverage(kpis: pd.DataFrame, prev: MonthCoverage) -> pd.DataFrame:
    """The KPI comparison against a last month the orders do not cover fully. Before the data starts its
    order figures are unknown, not 0 ("vs 0 last month"); against a last month of a few days the sales and
    units change says nothing (a full May "+830% vs last month; target met" against three days of April).
    Those changes are unknown; the days last month's data covers stay on the rows for the page."""
    out = kpis.assign(last_month_covered=prev.days_covered, last_month_days=prev.days_in_month)
    if prev.status == "full":
        return out
    hit = out["kpi"].isin(ORDER_KPIS if prev.days_covered == 0 else VOLUME_KPIS)
    out.loc[hit, ["last_month", "change", "change_pct", "better"]] = np.nan
    out["target_met"] = out["target_met"].mask(hit & (out["kpi"] == "sales"))   # its target is the change
    return out


def _unknown_order_kpis(kpis: pd.DataFrame) -> pd.DataFrame:
    """The KPI comparison with every orders-based value set unknown: a month outside the
    orders' date range has no sales figure, not a sales figure of 0 (-100 %)."""
    hit = kpis["kpi"].isin(ORDER_KPIS)
    out = kpis.copy()
    out.loc[hit, ["value", "change", "change_pct", "better"]] = np.nan
    out["target_met"] = out["target_met"].mask(hit)
    return out


def _sop(files: SopFiles, settings: MonthSettings, period: str, coverage: MonthCoverage):
    """(sop, log_found, log_file, status, note, note_values): the SOP judged as of the data's
    last day; ``note`` is an ``N_``-marked template filled by ``note_values``."""
    if files.error:  # a broken SOP file must not sink the report
        return {}, False, "", pd.DataFrame(), N_("SOP not evaluated: {error}"), {"error": files.error}
    sop, log, found, log_file = dict(files.tasks), files.log, files.log_found, files.log_file
    start, stop = month_bounds(period)
    month_end = stop - pd.Timedelta(days=1)
    as_of = settings.sop.sop_as_of
    note, values = "", {}
    if not as_of and coverage.last_day is not None and coverage.last_day < month_end:
        as_of = f"{coverage.last_day:%Y-%m-%d}"     # nothing is overdue after the data stops
        note, values = N_("SOP deadlines judged as of {date}, the last day with data."), {"date": as_of}
    status = sop_status(sop, log, period, as_of=as_of)
    logged = pd.to_datetime(log["due_date"], errors="coerce").dropna() if found and len(log) else None
    if found and len(status) and (logged is None or logged.empty or month_end < logged.min()):
        if logged is None or logged.empty:
            note, values = N_("The SOP completion log has no entry: deadlines in {period} are not judged."), \
                {"period": period}
        else:
            note, values = N_("The SOP completion log starts on {date}: deadlines in {period} are not judged."), \
                {"date": f"{logged.min():%Y-%m-%d}", "period": period}
        status = status.iloc[0:0]
    return MappingProxyType(dict(sop)), found, log_file, status, note, values


def _ended_by(period: str, month: str) -> bool:
    """A stored decision's period ends no later than ``month``; an unreadable one counts (kept as before)."""
    try:
        return period_end(period) <= period_end(month)
    except SellerLabError:
        return True


def _last_month(params: dict, slug: str, period: str, kpis: pd.DataFrame, current: pd.DataFrame,
                previous_decisions: pd.DataFrame | None) -> LastMonth:
    prev = previous_period(period)
    if previous_decisions is None:
        try:
            previous_decisions = read_decisions(params, slug)
        except Exception as exc:  # noqa: BLE001 - no store / locked store: say so, keep the report
            return LastMonth(prev, error=f"Last month's decisions could not be read from the store: {exc}")
    every = previous_decisions
    if every is None or every.empty or "period" not in every:
        return LastMonth(prev)
    kept = every[every["period"] == prev]
    # the pilot verdict (R2) is kept with the research period: take the latest one of a period that ends by this
    # month's end (a research page of a later period, run first, judged data this month's review cannot know)
    pilot = every[every["rule"].str.startswith("R2.") & (every["period"] != prev)]
    pilot = pilot[[_ended_by(str(x), period) for x in pilot["period"]]]
    pilot = pilot.drop_duplicates(["rule", "unique_id"], keep="last")
    focus = pd.concat([kept[~kept["rule"].isin(SINGLE_EVENT_RULES)], pilot], ignore_index=True)
    outcomes = decision_outcomes(focus, kpis, current) if len(focus) else pd.DataFrame()
    return LastMonth(prev, kept=len(kept), outcomes=outcomes)


def run_month(data, params: dict, month: str, *, previous_decisions: pd.DataFrame | None = None,
              sop: SopFiles | None = None) -> MonthReview:
    """Run every R3-R7 analysis for ``month`` ('YYYY-MM') once.

    The params are turned into :class:`MonthSettings` once, here; the analysis functions
    below get those settings (the text step, which mines reviews and return comments, gets
    the params themselves).

    Parameters
    ----------
    data : the category's data (``load_category(params)``)
    params : loaded params (``load_params(slug)``)
    month : 'YYYY-MM'
    previous_decisions : the decisions kept in the store for this category (any period);
        default: read from the store named by ``paths.store``
    sop : the SOP task list and completion log (``seller_lab.sources.sop.load_sop(params)``,
        which is what the default reads)

    Returns
    -------
    MonthReview
    """
    period = str(month)[:7]
    s = MonthSettings.from_params(params)
    slug, tz = s.category.slug, s.category.timezone
    prev = previous_period(period)
    common = dict(category=slug, period=period)
    cov = month_coverage(data, period, tz)
    asins = _our_asins(data)
    kpis = kpi_comparison(data, s, period)
    if not cov.has_orders:
        kpis = _unknown_order_kpis(kpis)
    else:
        kpis = _last_month_coverage(kpis, month_coverage(data, prev, tz))
    stock = run_stock(data, s, period, as_of=cov.as_of,
                      skip="" if cov.has_orders or cov.status == "missing" else cov.template,
                      skip_values=cov.values,
                      whole_month=cov.status != "partial")
    inbound = inbound_shipments(data.shipments, s, period)
    dispatch = order_dispatch(data.orders, s, period)
    late = dispatch[dispatch["late"]].sort_values("hours_to_ship", ascending=False) if len(dispatch) else dispatch
    empty = pd.DataFrame()
    response = first_response(data.tickets, s, period)
    response_prev = first_response(data.tickets, s, prev)
    top = weekly_top_return_reasons(data.returns, params, period)
    kw = positive_keywords_month(data.reviews, params, period, our_asins=asins)
    neg = negative_feedback(data.reviews, data.returns, s, period, our_asins=asins)
    themes = negative_themes(neg, s)
    cat_sales = kpis[(kpis["level"] == "category") & (kpis["kpi"] == "sales")]
    sales_change = float(cat_sales["change_pct"].iloc[0]) if len(cat_sales) else float("nan")
    suggestions, sugg_dec = product_suggestions(themes, s, sales_change=sales_change, **common)
    service, service_dec = service_benchmark(s, **common)
    survey = getattr(data, "survey", None)
    sop_files = load_sop(params) if sop is None else sop
    sop, log_found, log_file, status, sop_note, sop_values = _sop(sop_files, s, period, cov)
    notes = [sop_note.format(**sop_values)] if "error" in sop_values else []  # the SOP could not be read
    dec: list[Decision] = []
    dec += inbound_decisions(inbound, s, source_file=source_files(data, "shipments"), **common)
    dec += outbound_decisions(dispatch, s, source_file=source_files(data, "orders"), **common)
    dec += response_decisions(response, s, source_file=source_files(data, "tickets"), **common)
    dec += sugg_dec + service_dec
    last_orders, last_orders_wh = _last_order_units(data.shipments, tz, period)
    delay = late["reason"].value_counts() if len(late) else pd.Series(dtype=int)
    overdue = status[status["status"] == "overdue"] if len(status) and log_found else None
    top_step = ""
    if len(top):
        month_top = top.groupby(["reason", "step"])["units"].sum().sort_values(ascending=False)
        top_step = str(month_top.index[0][1])
    problems = what_went_wrong(
        kpis, settings=s, period=period, last_orders=last_orders,
        stockouts=stockout_table(data.inventory, s, period), dispatch=dispatch,
        warehouse_orders=last_orders_wh, warehouse_units=_units_by_warehouse(dispatch, data.orders),
        negative_reviews=(_negative_count(data.reviews, s, prev, asins),
                          _negative_count(data.reviews, s, period, asins)),
        breaches=(int(response_prev["breach"].sum()) if len(response_prev) else 0,
                  int(response["breach"].sum()) if len(response) else 0),
        delay_reasons=delay, inbound_alerts=int((~inbound["booking_ok"]).sum()) if len(inbound) else 0,
        top_return_step=top_step, sop_overdue=overdue,
        days_covered=cov.days_covered if cov.status == "partial" else None)
    extra = _plan_extras(top, suggestions, stock, s.aftersales.top_return_reasons)
    plan = improvement_plan(problems, s, sop=dict(sop), extra=extra)
    decisions = tuple(dec + problems)
    current = pd.concat([to_frame(list(decisions)), stock.decisions_frame()], ignore_index=True)
    return MonthReview(
        period=period, settings=s, coverage=cov, inputs=input_dates(data, tz),
        sources=MappingProxyType({k: source_files(data, k) for k in
                                  ("orders", "inventory", "shipments", "returns", "tickets", "reviews")}),
        kpis=kpis, stock=stock, inbound=inbound,
        has_shipments=data.shipments is not None and len(data.shipments) > 0,
        dispatch=dispatch, late_orders=late,
        late_share=outbound_late_share(dispatch) if len(dispatch) else empty,
        late_share_by_warehouse=(outbound_late_share(dispatch, by=("warehouse",))
                                 .sort_values("late_share", ascending=False) if len(dispatch) else empty),
        response=response, response_prev=response_prev,
        response_month=response_summary(response) if len(response) else empty,
        response_weekly=response_summary(response, by="week") if len(response) else empty,
        top_returns=top, has_returns=data.returns is not None and len(data.returns) > 0,
        keywords=kw, selling_points=_selling_points(data.reviews, params, period, asins) if len(kw) else empty,
        themes=themes, suggestions=suggestions, service=service,
        survey=None if survey is None or len(survey) == 0 else survey_improvements(survey, s),
        sop=sop, sop_log_found=log_found, sop_log_file=log_file, sop_status=status,
        sop_summary=sop_summary(status) if len(status) else empty, sop_note=sop_note,
        sop_note_values=MappingProxyType(sop_values),
        problems=tuple(problems), plan=plan, decisions=decisions,
        last_month=_last_month(params, slug, period, kpis, current, previous_decisions), notes=tuple(notes),
        ship_times=ship_times_known(data.orders))


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
    rows = []
    for params in params_list:  # a few categories
        m = run_month(load_category(params), params, period)
        cat = m.category_kpis()
        c = m.settings.category
        row = {"category": c.slug, "display_name": c.display_name, "currency": c.currency}
        for k in KPI_COLUMNS:
            if k in cat.index:
                row[k] = cat.loc[k, "value"]
                row[f"{k}_change"] = cat.loc[k, "change"]
        row["went_wrong"] = ", ".join(m.steps_wrong)
        row["actions"] = len(m.plan)
        rows.append(row)
    return pd.DataFrame(rows)
