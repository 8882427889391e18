"""The category research page (R1, R2.1): renderers of one
:class:`seller_lab.research.Research` (``r = run_research(data, params, period)``).

Each function reads the result object only — nothing is analysed here — and returns one
displayable block (escaped HTML with embedded PNG charts) for a one-line notebook cell:
``sections.research.trends(r)``. Every section renders when its inputs are missing and says
which export is missing. Customer text is always escaped; links are shown only for http(s)
URLs.

Examples
--------
>>> from seller_lab.params import load_params
>>> from seller_lab.research.pipeline import run_research
>>> from seller_lab.sources.category import CategoryData
>>> p = load_params("camping-chair-de")
>>> r = run_research(CategoryData(params=p), p, "2026-11")
>>> "no Google Trends export" in trends(r).html
True
"""

from __future__ import annotations

import html
import math

import pandas as pd

from ...decisions import to_frame
from ...research import competition as comp
from ...research import trends as tr
from ...research.compliance import NO_RULE, RULE_COST_KEY, ComplianceResult, money
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

__all__ = [
    "certifications_table", "competition", "compliance", "compliance_result", "first_screen", "page", "pain_points",
    "questions", "test_plan", "trends", "verdict",
]


# ------------------------------------------------------------------------------------
# helpers
# ------------------------------------------------------------------------------------
def _link(url) -> str:
    u = "" if url is None else str(url)
    if u.startswith(("http://", "https://")):
        return f'<a href="{html.escape(u, quote=True)}" target="_blank" rel="noopener">source</a>'
    return ""


def _pct(x, fmt: str = "+.0%") -> str:
    if x is None or (isinstance(x, float) and math.isnan(x)):
        return "n/a"
    return format(x, fmt)


def _first(seq, default=""):
    try:
        return seq[0] if len(seq) else default
    except TypeError:
        return default


def _quote_list(rows: list[tuple[str, str, str]]) -> str:
    """<ul> of (label, quote, url) with everything escaped."""
    items = "".join(f"<li><b>{html.escape(str(label))}</b>"
                    + (f" — “{html.escape(str(q))}”" if q else "")
                    + (f" {_link(u)}" if _link(u) else "") + "</li>" for label, q, u in rows)
    return f"<ul>{items}</ul>" if items else ""


def _compliance_share(r):
    if r.compliance is not None:
        share = r.compliance.arithmetic.get("share")
        if isinstance(share, (int, float)):
            return float(share)
    for d in r.compliance_decisions:
        if isinstance(d.value, (int, float)) and "cost" in (d.rule + d.metric).lower():
            return float(d.value)
    return None


def _risks(items) -> str:
    return heading("Risks") + "<ul>" + "".join(f"<li>{html.escape(x)}</li>" for x in items) + "</ul>"


# ------------------------------------------------------------------------------------
# sections
# ------------------------------------------------------------------------------------
def first_screen(r) -> HTML:
    """Verdict with its reason, three key numbers, top pain points with a quote each, the
    top demand gaps and the risks — what management reads."""
    if r.no_data:
        return no_data_screen(r)
    v = r.verdict
    parts = [banner(f"{r.display_name}: research verdict", v.verdict, [v.reason]), as_of_note(r)]
    t = r.trend_row
    growth = ((_pct(t.get("growth")), f"search interest, last {r.settings.trends.recent_months} months vs a year "
               f"earlier ({t.get('call', 'n/a')})") if t else ("n/a", r.missing_text("trends")))
    if r.competition is not None:
        f = r.competition.filter
        n_all = len(f.kept) + len(f.excluded)
        e = r.competition.bands[r.competition.bands["entry"]]
        band = f"entry band {e['band'].iloc[0]}" if len(e) else "no reachable entry band"
        compet = (f"{len(f.kept)} of {n_all}", f"comparable competitors; {band}")
    else:
        compet = ("n/a", r.missing_text("listings"))
    share = _compliance_share(r)
    comp_num = ((_pct(share, ".0%"), "certification cost / expected profit (R1.3)") if share is not None
                else ("n/a", "compliance cost share not evaluated"))
    parts.append(key_numbers([("Demand", growth[0], growth[1]), ("Competition", *compet),
                              ("Compliance", *comp_num)]))
    n_top = r.settings.research.top_pain_points
    if len(r.pain_points):
        rows = [(f"{p.theme} ({int(p.statements)} statements)", _first(p.quotes), _first(p.quote_urls))
                for p in r.pain_points.head(n_top).itertuples(index=False)]
        parts.append(heading(f"Top {min(n_top, len(r.pain_points))} pain points") + _quote_list(rows))
    else:
        parts.append(note("No pain points: " + ("; ".join(r.missing_text(k) for k in ("posts", "reviews")
                                                          if k in r.missing) or "no complaint theme found"), "warn"))
    gaps = r.gaps
    if len(gaps):
        rows = [(f"{g.theme}: {g.finding} → {g.proposal}",
                 _first(g.example_questions), "") for g in gaps.head(5).itertuples(index=False)]
        parts.append(heading("Top demand gaps (asked by buyers, answered by no competitor listing)") + _quote_list(rows))
    elif "questions" in r.missing:
        parts.append(note("No demand gaps: " + r.missing_text("questions"), "warn"))
    else:
        parts.append(note("No demand gap: every recurring question theme is answered by a competitor listing."))
    if v.risks:
        parts.append(_risks(v.risks))
    return join(*parts)


def trends(r) -> HTML:
    """Interest over time with the STL trend and the seasonal component by month; the
    numbers behind each keyword's call."""
    if "trends" in r.missing:
        return note(r.missing_text("trends") + ": demand (growth, trend, seasonality) cannot be judged. "
                    "Export it from trends.google.com (Explore → download CSV) into the data folder.", "warn")
    ta = r.trends
    t = r.trend_row
    comp_ = ta.components
    cid = t["unique_id"]
    fig, (ax1, ax2) = plots.new_figure(width=11, height=4, ncols=2)
    for uid, g in comp_.groupby("unique_id", sort=False):
        if uid == cid and len(ta.frame) > 1:
            continue
        ax1.plot(g["ds"], g["y"], lw=0.8, alpha=0.6 if len(ta.frame) > 1 else 1.0,
                 label=str(ta.frame.set_index("unique_id").loc[uid, "keyword"]))
    c = comp_[comp_["unique_id"] == cid]
    if c["trend"].notna().any():
        ax1.plot(c["ds"], c["trend"], color="black", lw=2, label="trend (STL, all keywords)")
    ax1.legend(fontsize=8, loc="upper left")
    title = (f"Search interest is {t['trend_call']}: {_pct(t['growth'])} vs a year ago"
             if t["trend_call"] != "unknown" else "Too little history to call a trend")
    plots.finish(ax1, title=title, xlabel="week", ylabel="interest (0-100, Google Trends)",
                 source=f"Google Trends export {r.sources['trends']}".strip())
    if c["seasonal"].notna().any():
        s = c.set_index("ds")["seasonal"]
        by_month = s.groupby(s.index.month).mean().reindex(range(1, 13))
        peaks = set(t.get("peak_months") or [])
        colours = [plots.PALETTE[1] if tr.MONTHS[m - 1] in peaks else plots.PALETTE[0] for m in by_month.index]
        ax2.bar(tr.MONTHS, by_month.to_numpy(), color=colours)
        st = (f"Seasonal (strength {t['seasonal_strength']:.2f}), peak {', '.join(t['peak_months'])}"
              if t["seasonal_call"] == "seasonal" else f"Not seasonal (strength {t['seasonal_strength']:.2f})")
        plots.finish(ax2, title=st, xlabel="month", ylabel="seasonal effect (interest points)")
    else:
        ax2.text(0.5, 0.5, "not enough history\nto judge seasonality", ha="center", va="center",
                 transform=ax2.transAxes)
        ax2.set_axis_off()
    cols = ["keyword", "geo", "call", "growth", "slope_pct_per_year", "mk_p", "seasonal_strength", "peak_months",
            "periods", "years", "gaps", "dropped_partial", "note"]
    tab = ta.frame[cols].assign(peak_months=ta.frame["peak_months"].map(lambda x: ", ".join(x) if len(x) else ""),
                                growth=ta.frame["growth"].map(_pct),
                                slope_pct_per_year=ta.frame["slope_pct_per_year"].map(lambda x: _pct(x) + "/yr"),
                                mk_p=ta.frame["mk_p"].map(lambda x: _pct(x, ".3g")))
    return join(figure_html(fig),
                table(tab, max_rows=20, caption="The numbers behind each call (growth = last "
                      f"{r.settings.trends.recent_months} months vs the same months a year earlier; slope = Theil–Sen "
                      "in % of the mean level per year, Mann–Kendall p)"),
                decisions_table(to_frame(ta.decisions)))


def pain_points(r) -> HTML:
    """Pain-point themes (posts + negative reviews) by score, with quotes and links."""
    parts = []
    for k in ("posts", "reviews"):
        if k in r.missing:
            parts.append(note(r.missing_text(k) + (": pain points come from reviews only"
                                                   if k == "posts" and "reviews" not in r.missing else ""), "warn"))
    pp = r.pain_points
    if pp.empty:
        parts.append(note("No pain-point theme found" + (" (no posts and no reviews)."
                                                          if {"posts", "reviews"} <= set(r.missing) else ".")))
        return join(*parts)
    top = pp.head(10)
    reviews_src = r.sources["reviews"]
    fig = plots.hbar(top["theme"], top["score"],
                     title=f"Top pain point: '{top['theme'].iloc[0]}' ({int(top['statements'].iloc[0])} statements)",
                     xlabel="score = statements weighted by engagement and recency",
                     source="; ".join(x for x in (r.sources["posts"],
                                                  reviews_src and "competitor listings' 1-2★ reviews in " + reviews_src)
                                      if x))
    rows = [(f"{p.theme} — {int(p.statements)} statements, sources {', '.join(map(str, p.sources))}",
             _first(p.quotes), _first(p.quote_urls)) for p in top.itertuples(index=False)]
    parts += [figure_html(fig), _quote_list(rows)]
    return join(*parts)


def questions(r) -> HTML:
    """Q&A themes on the top competitors: how often asked, whether any listing answers (gaps)."""
    if "questions" in r.missing:
        return note(r.missing_text("questions") + ": question themes and demand gaps cannot be found.", "warn")
    th = r.themes
    if th.empty:
        return note("No recurring question theme (fewer than qa.min_theme_count questions per theme).")
    top = th.head(12)
    labels = [f"{t} (gap)" if g else str(t) for t, g in zip(top["theme"], top["gap"])]
    ng = int(th["gap"].sum())
    fig = plots.hbar(labels, top["questions"], title=(f"{ng} question themes no competitor listing answers"
                                                      if ng else "Every recurring question is answered by a listing"),
                     xlabel="questions on the top competitors", source=r.sources["questions"])
    tab = top[["theme", "questions", "asins", "listings_answering", "listings_checked", "gap", "finding"]].copy()
    rows = [(f"{t.theme} — {t.finding}", _first(t.example_questions),
             r.question_urls.get(str(_first(t.example_doc_ids)), "")) for t in top.itertuples(index=False)]
    return join(figure_html(fig), table(tab, max_rows=12, caption="Question themes (gap = answered by no listing)"),
                heading("An example question per theme") + _quote_list(rows))


def competition(r) -> HTML:
    """Price bands (estimates), the competitor filter with reasons, core selling points,
    negative reasons -> differentiation, local brands."""
    ca = r.competition
    lb = r.local_brands
    lb_html = table(lb, caption="Local brands (benchmark from params)") if len(lb) else note(
        "No local brands in params (category.local_brands).")
    if ca is None:
        return join(note(r.missing_text("listings") + ": competitors, price bands and the entry band "
                         "cannot be judged.", "warn"), lb_html)
    cp = r.settings.competition
    b = ca.bands
    parts = []
    if len(b):
        fig, ax = plots.new_figure(width=9, height=3.8)
        colours = [plots.PALETTE[2] if e else plots.PALETTE[0] for e in b["entry"]]
        ax.bar(b["band"], b["est_sales_per_competitor"].fillna(0), color=colours)
        for i, (n, k) in enumerate(zip(b["listings"], b["in_filter"])):
            ax.annotate(f"{n} listings\n{k} comparable", (i, 0), xytext=(0, 3), textcoords="offset points",
                        ha="center", va="bottom", fontsize=8, color="white")
        e = b[b["entry"]]
        title = (f"Enter at {e['band'].iloc[0]}: comparable competitors sell most "
                 f"(~{e['est_sales_per_competitor'].iloc[0]:,.0f}/month)" if len(e)
                 else "No price band holds enough comparable competitors")
        plots.finish(ax, title=title, xlabel="price band (quantiles of all listings' prices)",
                     ylabel="est. units/month per comparable competitor",
                     source=f"{r.sources['listings']} — {comp.ESTIMATE_LABEL}")
        ax.tick_params(axis="x", labelsize=8)
        parts += [figure_html(fig), table(b, caption=f"Price bands — sales: {comp.ESTIMATE_LABEL}")]
    parts.append(decisions_table(to_frame(ca.decisions)))
    parts.append(table(ca.filter.kept[[c for c in ("asin", "brand", "title", "price", "review_count", "rating",
                                                   "est_monthly_sales") if c in ca.filter.kept]],
                       max_rows=20, caption=(f"Competitors inside the band ({cp.review_count_min}–"
                                             f"{cp.review_count_max} reviews, {cp.rating_min}–{cp.rating_max}★)")))
    parts.append(table(ca.filter.excluded, max_rows=40, caption="Filtered out, and why"))
    if len(ca.selling_points):
        parts.append(table(ca.selling_points.drop(columns="example_asins"), max_rows=10,
                           caption="Core selling points in competitor titles and bullets"))
    if len(ca.differentiation):
        parts.append(table(ca.differentiation, max_rows=10,
                           caption="Why buyers give 1-2 stars → how to differentiate"))
    elif "reviews" in r.missing:
        parts.append(note(r.missing_text("reviews") + ": negative-review reasons cannot be mined.", "warn"))
    if len(ca.negatives_by_competitor):
        parts.append(table(ca.negatives_by_competitor, max_rows=15, caption="Negative-review reasons per competitor"))
    parts.append(lb_html)
    return join(*parts)


def _range_text(low, high, ccy, basis) -> str:
    if pd.isna(low):
        return ""
    per = " / year" if basis == "per_year" else ""
    if low == high:
        return f"{money(low, ccy)}{per}"
    return f"{money(low, ccy)}–{money(high, ccy)}{per}"


def _days_text(low, high) -> str:
    if pd.isna(low) or (low == 0 and high == 0):
        return "—"
    return f"{low:.0f}–{high:.0f} days" if low != high else f"{low:.0f} days"


def certifications_table(result: ComplianceResult) -> pd.DataFrame:
    """The required certifications as a display table (costs are estimates).

    Columns ``rule, requirement, status, cost (estimate), lead time, authority, citation``;
    mandatory rules first.

    >>> from seller_lab.params import load_params
    >>> from seller_lab.research.compliance import compliance_check
    >>> t = certifications_table(compliance_check(load_params("kids-toy-us")))
    >>> t.iloc[0]["rule"], t.iloc[0]["status"]
    ('US-TOY-F963', 'mandatory')
    """
    r = result.rules
    if r.empty:
        return pd.DataFrame(columns=["rule", "requirement", "status", "cost (estimate)", "lead time",
                                     "authority", "citation"])
    r = r.sort_values("counted", ascending=False, kind="stable")
    status = r["counted"].map({True: "mandatory", False: "advisory (not costed)"})
    status = status.where(r["trigger"] == "always", status + " · " + r["trigger"])
    cost = [_range_text(lo, hi, c, b) for lo, hi, c, b in
            zip(r["cost_low"], r["cost_high"], r["currency"], r["cost_basis"], strict=True)]
    lead = [_days_text(lo, hi) for lo, hi in zip(r["lead_time_days_low"], r["lead_time_days_high"], strict=True)]
    return pd.DataFrame({"rule": r["rule_id"].to_numpy(), "requirement": r["requirement"].to_numpy(),
                         "status": status.to_numpy(), "cost (estimate)": cost, "lead time": lead,
                         "authority": r["authority"].to_numpy(), "citation": r["citation"].to_numpy()})


def compliance_result(res: ComplianceResult, *, with_listings: bool) -> HTML:
    """One :class:`ComplianceResult` as the R1.3 block: the arithmetic as a sentence, the
    required certifications (cost range, lead time, authority/citation), prohibited items and
    the decisions. Every string from the rules files is escaped.

    >>> from seller_lab.params import load_params
    >>> from seller_lab.research.compliance import compliance_check
    >>> h = compliance_result(compliance_check(load_params("kids-toy-us")), with_listings=False).html
    >>> "ASTM F963" in h and "→ reject" in h
    True
    """
    a = res.arithmetic
    kind = {"reject": "error", "watch": "warn", "unknown": "warn"}.get(a["verdict"], "info")
    parts = [note(f"{a['sentence']} (threshold {RULE_COST_KEY}; costs are typical ranges — estimates "
                  "to check with a lab quote).", kind),
             note("Expected profit: " + a["profit"]["formula"], "info")]
    if res.rules.empty:
        parts.append(note(f"{NO_RULE}: {res.market or '?'} × {res.category or '?'}", "warn"))
    else:
        lead = a["lead_time_days"]
        lead_txt = f"; longest mandatory lead time {lead:.0f} days" if not math.isnan(lead) else ""
        parts.append(table(certifications_table(res), max_rows=40,
                           caption=f"Required certifications and documents — {res.market} × {res.category} "
                                   f"(cost range {money(a['cost_low'], a['currency'])}–"
                                   f"{money(a['cost_high'], a['currency'])} for the mandatory rules{lead_txt})"))
    if len(res.prohibited):
        parts.append(table(res.prohibited[["rule_id", "item", "kind", "verdict", "keyword", "matched_in",
                                           "citation"]], max_rows=20,
                           caption="Prohibited / restricted items matched"))
    else:
        parts.append(note("No prohibited or restricted item matched the product text"
                          + (" or the listing titles." if with_listings else "."), "info"))
    parts.append(HTML(f"<div style='font-weight:600;margin-top:6px'>{html.escape('Compliance decisions')}</div>"))
    parts.append(decisions_table(to_frame(res.decisions)))
    return join(*parts)


def compliance(r) -> HTML:
    """R1.3 compliance: the check's arithmetic, certifications, prohibited items and gates
    (the pre-check ran once, in :func:`seller_lab.research.run_research`)."""
    if r.compliance is None:
        return join(note("The compliance pre-check could not run: see the gates below.", "warn"),
                    decisions_table(to_frame(list(r.compliance_decisions))))
    return compliance_result(r.compliance, with_listings="listings" not in r.missing)


def verdict(r) -> HTML:
    """R1.4: the verdict, every gate, the proposed differentiating selling points and the risks."""
    v = r.verdict
    parts = [banner("Verdict", v.verdict, [v.reason]), decisions_table(v.gates_frame())]
    if len(v.selling_points):
        parts.append(table(v.selling_points, max_rows=12, caption="Proposed differentiating selling points"))
    else:
        parts.append(note("No differentiating selling point found.", "warn"))
    if v.risks:
        parts.append(_risks(v.risks))
    return join(*parts)


def test_plan(r) -> HTML:
    """R2.1 the small-batch test plan with its arithmetic."""
    p = r.plan
    s = r.settings.pilot
    nums = key_numbers([("Test units", f"{p.units}", f"within {s.units_min}–{s.units_max}"),
                        ("Test price", f"{p.test_price:,.2f} {p.currency}", f"planned {p.planned_price:,.2f}"),
                        ("Sample cost", f"{p.sample_cost:,.0f} {p.currency}", f"{p.sample_budget_share:.1%} of budget"),
                        ("Channel", p.channel, f"{p.shipping_days_min}–{p.shipping_days_max} days shipping")])
    arith = "<ul>" + "".join(f"<li>{html.escape(x)}</li>" for x in p.arithmetic) + "</ul>"
    return join(nums, arith, decisions_table(to_frame(p.decisions)))


test_plan.__test__ = False  # a report section, not a pytest test

_PAGE = [("Demand: search interest (R1.1)", trends), ("Demand: pain points (R1.1)", pain_points),
         ("Demand: questions and demand gaps (R1.1)", questions), ("Competition (R1.2)", competition),
         ("Compliance (R1.3)", compliance), ("Verdict and every gate (R1.4)", verdict),
         ("Small-batch test plan (R2.1)", test_plan)]


def page(r) -> HTML:
    """The whole research page of one result (what ``Research`` shows in JupyterLab)."""
    return join(first_screen(r), *(f"<h2>{html.escape(title)}</h2>" + fn(r).html for title, fn in _PAGE))


# ------------------------------------------------------------------------------------
# as of: which data the page could use (R1, R7)
# ------------------------------------------------------------------------------------
_INPUT_LABELS = {"trends": "Google Trends", "posts": "Posts (Reddit, TikTok, forums)",
                 "questions": "Q&A of the top competitors", "reviews": "Competitor reviews",
                 "listings": "Competitor listings"}


def _msg(message: str, **values) -> str:
    """One page sentence with named placeholders (``{date}``), the form a message catalog translates."""
    return message.format(**values)


def _day(x) -> str:
    return "" if x is None or pd.isna(x) else f"{pd.Timestamp(x):%Y-%m-%d}"


def as_of_note(r) -> HTML:
    """One line under the verdict: the date the data is cut at, where the data ends when
    it ends earlier, and an undated listings export used as is."""
    if r.as_of is None:
        return HTML("")
    lines = [_msg("Data as of {date}: only what was knowable by the end of {period} is used.",
                  date=_day(r.as_of), period=r.period)]
    end = r.data_end
    if end is not None and end < r.as_of and not r.no_data:
        lines.append(_msg("The data runs to {date}; nothing after it is known.", date=_day(end)))
    cov = r.coverage.set_index("kind") if len(r.coverage) else None
    if (cov is not None and "listings" in cov.index and "listings" not in r.missing
            and int(cov.loc["listings", "undated"]) > 0):
        lines.append(_msg("The competitor listings export carries no date and is used as it is; put the snapshot "
                          "date in its file name ({example}) to cut it.", example="helium10_blackbox_2025-06-30.csv"))
    return note(" ".join(lines), "info")


def coverage_table(r) -> HTML:
    """From when to when each research input exists, and how many of its rows the page used."""
    c = r.coverage[r.coverage["kind"].isin(list(_INPUT_LABELS))]
    if c.empty:
        return HTML("")
    used = [0 if r.no_data or k in r.missing else v for k, v in zip(c["kind"], c["rows_as_of"])]
    tab = pd.DataFrame({"input": [_INPUT_LABELS[k] for k in c["kind"]],
                        "first day": [_day(x) for x in c["first"]], "last day": [_day(x) for x in c["last"]],
                        "rows in the files": c["rows"].to_numpy(), "rows used": used,
                        "note": [r.missing_text(k) if k in r.missing else n for k, n in zip(c["kind"], c["note"])]})
    return table(tab, max_rows=10, caption=_msg("Research data by input (as of {date})", date=_day(r.as_of)))


def no_data_screen(r) -> HTML:
    """The first screen of a period before every dated research input: no verdict on
    nothing, and from when each input exists."""
    start = r.data_start
    lines = [_msg("There is no research data for {period}: no input has a row up to {date}.",
                  period=r.period, date=_day(r.as_of))]
    if start is not None:
        lines.append(_msg("The data starts {start}; run the research for a period from {month} on.",
                          start=_day(start), month=f"{start:%Y-%m}"))
    return join(banner(_msg("{name}: research verdict", name=r.display_name), "unknown", lines), coverage_table(r))
