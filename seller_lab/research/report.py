"""The category research report's sections (R1, R2.1) for ``notebooks/category_research.ipynb``.

Each function takes the category's data (``seller_lab.sources.load_category(params)``), the
params and the research period (``YYYY-MM``) and returns one displayable block (escaped
HTML with embedded PNG charts) for a one-line notebook cell. The analysis behind them runs
once per (category, period, data object) — :func:`analyse` caches it — so the sections do not
repeat the text mining. Every section renders when its inputs are missing and says which
export is missing. Customer text is always escaped; links are shown only for http(s) URLs.

Examples
--------
>>> from seller_lab.params import load_params
>>> from seller_lab.sources.category import CategoryData
>>> p = load_params("camping-chair-de")
>>> empty = CategoryData(params=p)
>>> "no Google Trends export" in trends_section(empty, p, "2026-11").html
True
"""

from __future__ import annotations

import dataclasses
import html
import math
from dataclasses import dataclass, field

import pandas as pd

from ..decisions import Decision, to_frame
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
from ..schemas import empty_frame
from . import competition as comp
from . import trends as tr
from . import verdict as vd
from .testplan import TestPlan, small_batch_plan

FILE_HINTS = {
    "trends": "Google Trends export (multiTimeline.csv)",
    "posts": "Reddit / TikTok / forum posts export",
    "questions": "Amazon Q&A export of the top competitors",
    "reviews": "competitor reviews export",
    "listings": "competitor listings export (Helium 10 Black Box / Jungle Scout)",
}


@dataclass
class Research:
    """Everything the research sections show, computed once (see :func:`analyse`)."""

    slug: str
    period: str
    data_dir: str
    missing: list[str]
    trends: tr.TrendAnalysis
    trend_row: dict
    competition: comp.CompetitionAnalysis | None
    pain_points: pd.DataFrame
    themes: pd.DataFrame
    compliance: object
    compliance_decisions: list[Decision]
    verdict: vd.Verdict
    plan: TestPlan
    missing_notes: list[str] = field(default_factory=list)

    @property
    def gaps(self) -> pd.DataFrame:
        t = self.themes
        return t[t["gap"].astype(bool)].reset_index(drop=True) if len(t) and "gap" in t else t


_CACHE: dict[tuple, tuple[object, Research]] = {}


def _missing(data, kind: str) -> bool:
    frame = getattr(data, kind, None)
    return kind in (getattr(data, "missing", []) or []) or frame is None or len(frame) == 0


def _missing_text(kind: str, data_dir: str) -> str:
    return f"no {FILE_HINTS[kind]} in {data_dir or 'the data folder'}"


def analyse(data, params: dict, period: str) -> Research:
    """Run every R1/R2.1 analysis of one category (cached per data object, category and period)."""
    from .. import text

    slug = params["category"]["slug"]
    period = str(period)
    key = (id(data), slug, period)
    hit = _CACHE.get(key)
    if hit is not None and hit[0] is data:
        return hit[1]
    data_dir = str(params["category"].get("data_dir") or "")
    missing = [k for k in FILE_HINTS if _missing(data, k)]
    kw = {"category": slug, "period": period}
    notes = [f"{_missing_text(k, data_dir)}" for k in missing]
    # R1.1 demand
    if "trends" in missing:
        ta = tr.analyse_trends(empty_frame("trends"), params, **kw)
        trend_gates = [vd.missing_gate("R1.1.trend", "the trend of search interest", FILE_HINTS["trends"], data_dir,
                                       params_key="trends.growth_rising_min", **kw),
                       vd.missing_gate("R1.1.seasonality", "seasonality", FILE_HINTS["trends"], data_dir,
                                       params_key="trends.seasonal_swing_min", **kw)]
    else:
        ta = tr.analyse_trends(data.trends, params, source_file=source_files(data, "trends"), **kw)
        trend_gates = [d for d in ta.decisions if d.unique_id == ta.category.get("unique_id")]
        if not trend_gates:  # e.g. only a partial week in the export
            src = source_files(data, "trends") or FILE_HINTS["trends"]
            trend_gates = [Decision("category", rule, metric, None, "", "unknown",
                                    f"the Google Trends export {src} has no complete period to judge {metric}",
                                    src, slug, period, key)
                           for rule, metric, key in (("R1.1.trend", "the trend", "trends.growth_rising_min"),
                                                     ("R1.1.seasonality", "seasonality", "trends.seasonal_swing_min"))]
    # R1.2 competition
    reviews = None if "reviews" in missing else data.reviews
    if "listings" in missing:
        ca = None
        comp_gates = [vd.missing_gate("R1.2.competitors_in_band", "competitors in the review/rating band",
                                      FILE_HINTS["listings"], data_dir, params_key="competition.review_count_min", **kw),
                      vd.missing_gate("R1.2.entry_band", "price bands", FILE_HINTS["listings"], data_dir,
                                      params_key="competition.price_bands", **kw)]
        listings = None
    else:
        listings = data.listings
        ca = comp.analyse_competition(listings, reviews, params, listings_file=source_files(data, "listings"), **kw)
        comp_gates = ca.decisions
    # R1.1 pain points and Q&A demand gaps
    posts = None if "posts" in missing else data.posts
    questions = None if "questions" in missing else data.questions
    if posts is not None or reviews is not None:
        rv = comp.competitor_reviews(reviews, listings) if reviews is not None else None
        pp = text.pain_points(posts, params, reviews=rv, questions=questions)
    else:
        pp = pd.DataFrame(columns=["rank", "theme", "terms", "statements", "sources", "quotes", "quote_urls"])
    themes = (text.demand_gaps(questions, listings, params) if questions is not None
              else pd.DataFrame(columns=["theme", "theme_key", "terms", "questions", "gap", "finding"]))
    # R1.3 compliance, R1.4 verdict, R2.1 plan
    cd, cres = vd.compliance_gates(params, listings=listings, **kw)
    cd = [dataclasses.replace(d, category=d.category or slug, period=d.period or period) for d in cd]
    proposals = vd.propose_selling_points(pp, themes, ca.differentiation if ca is not None else None, params)
    text_missing = [FILE_HINTS[k] for k in ("posts", "questions", "reviews") if k in missing]
    dgate = vd.differentiation_gate(proposals, params, have_text=len(text_missing) < 3,
                                    missing_text=text_missing, **kw)
    v = vd.combine([*trend_gates, *comp_gates, dgate, *cd])
    plan = small_batch_plan(params, period=period)
    v.selling_points = proposals
    v.risks = vd.risks(ta.category or None, ca, cres, plan, notes, pp, params)
    res = Research(slug=slug, period=period, data_dir=data_dir, missing=missing, trends=ta, trend_row=ta.category,
                   competition=ca, pain_points=pp, themes=themes, compliance=cres, compliance_decisions=cd,
                   verdict=v, plan=plan, missing_notes=notes)
    if len(_CACHE) > 16:
        _CACHE.clear()
    _CACHE[key] = (data, res)
    return res


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


def _compliance_share(r: Research):
    a = getattr(r.compliance, "arithmetic", None) or {}
    for k in ("cost_share", "cert_cost_share", "share", "cost_share_of_profit"):
        if isinstance(a, dict) and isinstance(a.get(k), (int, float)):
            return float(a[k])
    for d in r.compliance_decisions:
        if isinstance(d.value, (int, float)) and "cost" in (d.rule + d.metric).lower():
            return float(d.value)
    return None


# ------------------------------------------------------------------------------------
# sections
# ------------------------------------------------------------------------------------
def first_screen(data, params: dict, period: str) -> HTML:
    """Verdict with its reason, three key numbers, top 3 pain points with a quote each, the
    top demand gaps and the risks — what management reads."""
    r = analyse(data, params, period)
    v = r.verdict
    cat = params["category"]
    parts = [banner(f"{cat.get('display_name') or r.slug}: research verdict", v.verdict, [v.reason])]
    t = r.trend_row
    growth = (_pct(t.get("growth")), f"search interest, last {params['trends']['recent_months']} months vs a year "
              f"earlier ({t.get('call', 'n/a')})") if t else ("n/a", _missing_text("trends", r.data_dir))
    if r.competition is not None:
        f = r.competition.filter
        n_all = len(f.kept) + len(f.excluded)
        e = r.competition.bands[r.competition.bands["entry"]]
        band = f"entry band {e['band'].iloc[0]}" if len(e) else "no reachable entry band"
        compet = (f"{len(f.kept)} of {n_all}", f"comparable competitors; {band}")
    else:
        compet = ("n/a", _missing_text("listings", r.data_dir))
    share = _compliance_share(r)
    comp_num = ((_pct(share, ".0%"), "certification cost / expected profit (R1.3)") if share is not None
                else ("n/a", "compliance cost share not evaluated"))
    parts.append(key_numbers([("Demand", growth[0], growth[1]), ("Competition", *compet),
                              ("Compliance", *comp_num)]))
    n_top = int(params["research"]["top_pain_points"])
    if len(r.pain_points):
        rows = [(f"{p.theme} ({int(p.statements)} statements)", _first(p.quotes), _first(p.quote_urls))
                for p in r.pain_points.head(n_top).itertuples(index=False)]
        parts.append(heading(f"Top {min(n_top, len(r.pain_points))} pain points") + _quote_list(rows))
    else:
        parts.append(note("No pain points: " + ("; ".join(_missing_text(k, r.data_dir) for k in ("posts", "reviews")
                                                          if k in r.missing) or "no complaint theme found"), "warn"))
    gaps = r.gaps
    if len(gaps):
        rows = [(f"{g.theme}: {g.finding} → {vd.gap_proposal(g.theme_key, g.terms, g.theme, params)}",
                 _first(g.example_questions), "") for g in gaps.head(5).itertuples(index=False)]
        parts.append(heading("Top demand gaps (asked by buyers, answered by no competitor listing)") + _quote_list(rows))
    elif "questions" in r.missing:
        parts.append(note("No demand gaps: " + _missing_text("questions", r.data_dir), "warn"))
    else:
        parts.append(note("No demand gap: every recurring question theme is answered by a competitor listing."))
    if v.risks:
        parts.append(heading("Risks") + "<ul>" + "".join(f"<li>{html.escape(x)}</li>" for x in v.risks) + "</ul>")
    return join(*parts)


def trends_section(data, params: dict, period: str) -> HTML:
    """Interest over time with the STL trend and the seasonal component by month; the
    numbers behind each keyword's call."""
    r = analyse(data, params, period)
    if "trends" in r.missing:
        return note(_missing_text("trends", r.data_dir) + ": demand (growth, trend, seasonality) cannot be judged. "
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
                 source=f"Google Trends export {source_files(data, 'trends')}".strip())
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
                       f"{params['trends']['recent_months']} months vs the same months a year earlier; slope = Theil–Sen "
                       "in % of the mean level per year, Mann–Kendall p)"),
                 decisions_table(to_frame(ta.decisions)))


def pain_points_section(data, params: dict, period: str) -> HTML:
    """Pain-point themes (posts + negative reviews) by score, with quotes and links."""
    r = analyse(data, params, period)
    parts = []
    for k in ("posts", "reviews"):
        if k in r.missing:
            parts.append(note(_missing_text(k, r.data_dir) + (": pain points come from reviews only"
                                                             if k == "posts" and "reviews" not in r.missing else ""),
                              "warn"))
    pp = r.pain_points
    if pp.empty:
        parts.append(note("No pain-point theme found" + (" (no posts and no reviews)."
                                                          if {"posts", "reviews"} <= set(r.missing) else ".")))
        return join(*parts)
    top = pp.head(10)
    fig = plots.hbar(top["theme"], top["score"],
                     title=f"Top pain point: '{top['theme'].iloc[0]}' ({int(top['statements'].iloc[0])} statements)",
                     xlabel="score = statements weighted by engagement and recency",
                     source="; ".join(x for x in (source_files(data, "posts"),
                                                  source_files(data, "reviews")
                                                  and "competitor listings' 1-2★ reviews in "
                                                  + source_files(data, "reviews")) if x))
    rows = [(f"{p.theme} — {int(p.statements)} statements, sources {', '.join(map(str, p.sources))}",
             _first(p.quotes), _first(p.quote_urls)) for p in top.itertuples(index=False)]
    parts += [figure_html(fig), _quote_list(rows)]
    return join(*parts)


def questions_section(data, params: dict, period: str) -> HTML:
    """Q&A themes on the top competitors: how often asked, whether any listing answers (gaps)."""
    r = analyse(data, params, period)
    if "questions" in r.missing:
        return note(_missing_text("questions", r.data_dir) + ": question themes and demand gaps cannot be found.",
                    "warn")
    th = r.themes
    if th.empty:
        return note("No recurring question theme (fewer than qa.min_theme_count questions per theme).")
    top = th.head(12)
    labels = [f"{t} (gap)" if g else str(t) for t, g in zip(top["theme"], top["gap"])]
    ng = int(th["gap"].sum())
    fig = plots.hbar(labels, top["questions"], title=(f"{ng} question themes no competitor listing answers"
                                                      if ng else "Every recurring question is answered by a listing"),
                     xlabel="questions on the top competitors", source=source_files(data, "questions"))
    tab = top[["theme", "questions", "asins", "listings_answering", "listings_checked", "gap", "finding"]].copy()
    q = data.questions
    urls = dict(zip(q["doc_id"].astype(str), q["url"].astype(str))) if {"doc_id", "url"} <= set(q.columns) else {}
    rows = [(f"{t.theme} — {t.finding}", _first(t.example_questions), urls.get(str(_first(t.example_doc_ids)), ""))
            for t in top.itertuples(index=False)]
    return join(figure_html(fig), table(tab, max_rows=12, caption="Question themes (gap = answered by no listing)"),
                 heading("An example question per theme") + _quote_list(rows))


def competition_section(data, params: dict, period: str) -> HTML:
    """Price bands (estimates), the competitor filter with reasons, core selling points,
    negative reasons -> differentiation, local brands."""
    r = analyse(data, params, period)
    ca = r.competition
    lb = comp.local_brands(params)
    lb_html = table(lb, caption="Local brands (benchmark from params)") if len(lb) else note(
        "No local brands in params (category.local_brands).")
    if ca is None:
        return join(note(_missing_text("listings", r.data_dir) + ": competitors, price bands and the entry band "
                          "cannot be judged.", "warn"), lb_html)
    cp = params["competition"]
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
                     ylabel="est. units/month per comparable competitor", source=f"{source_files(data, 'listings')} — {comp.ESTIMATE_LABEL}")
        ax.tick_params(axis="x", labelsize=8)
        parts += [figure_html(fig), table(b, caption=f"Price bands — sales: {comp.ESTIMATE_LABEL}")]
    parts.append(decisions_table(to_frame(ca.decisions)))
    parts.append(table(ca.filter.kept[[c for c in ("asin", "brand", "title", "price", "review_count", "rating",
                                                   "est_monthly_sales") if c in ca.filter.kept]],
                       max_rows=20, caption=(f"Competitors inside the band ({cp['review_count_min']}–"
                                             f"{cp['review_count_max']} reviews, {cp['rating_min']}–{cp['rating_max']}★)")))
    parts.append(table(ca.filter.excluded, max_rows=40, caption="Filtered out, and why"))
    if len(ca.selling_points):
        parts.append(table(ca.selling_points.drop(columns="example_asins"), max_rows=10,
                           caption="Core selling points in competitor titles and bullets"))
    if len(ca.differentiation):
        parts.append(table(ca.differentiation, max_rows=10,
                           caption="Why buyers give 1-2 stars → how to differentiate"))
    elif "reviews" in r.missing:
        parts.append(note(_missing_text("reviews", r.data_dir) + ": negative-review reasons cannot be mined.", "warn"))
    if len(ca.negatives_by_competitor):
        parts.append(table(ca.negatives_by_competitor, max_rows=15, caption="Negative-review reasons per competitor"))
    parts.append(lb_html)
    return join(*parts)


def compliance_section(data, params: dict, period: str) -> HTML:
    """R1.3 compliance: the compliance module's own section when it has one, else its gates."""
    r = analyse(data, params, period)
    from .compliance import compliance_section as own

    listings = None if "listings" in r.missing else data.listings
    return own(params, listings=listings, period=r.period)


def verdict_section(data, params: dict, period: str) -> HTML:
    """R1.4: the verdict, every gate, the proposed differentiating selling points and the risks."""
    r = analyse(data, params, period)
    v = r.verdict
    parts = [banner("Verdict", v.verdict, [v.reason]), decisions_table(v.gates_frame())]
    if len(v.selling_points):
        parts.append(table(v.selling_points, max_rows=12, caption="Proposed differentiating selling points"))
    else:
        parts.append(note("No differentiating selling point found.", "warn"))
    if v.risks:
        parts.append(heading("Risks") + "<ul>" + "".join(f"<li>{html.escape(x)}</li>" for x in v.risks) + "</ul>")
    return join(*parts)


def test_plan_section(data, params: dict, period: str) -> HTML:
    """R2.1 the small-batch test plan with its arithmetic."""
    r = analyse(data, params, period)
    p = r.plan
    nums = key_numbers([("Test units", f"{p.units}", f"within {params['pilot']['units_min']}–"
                                                      f"{params['pilot']['units_max']}"),
                        ("Test price", f"{p.test_price:,.2f} {p.currency}", f"planned {p.planned_price:,.2f}"),
                        ("Sample cost", f"{p.sample_cost:,.0f} {p.currency}", f"{p.sample_budget_share:.1%} of budget"),
                        ("Channel", p.channel, f"{p.shipping_days_min}–{p.shipping_days_max} days shipping")])
    arith = "<ul>" + "".join(f"<li>{html.escape(x)}</li>" for x in p.arithmetic) + "</ul>"
    return join(nums, arith, decisions_table(to_frame(p.decisions)))


test_plan_section.__test__ = False  # a report section, not a pytest test


def decisions(data, params: dict, period: str) -> pd.DataFrame:
    """Every research Decision (all trend series, competition, differentiation, compliance,
    test plan) as the canonical decisions frame, for the store."""
    r = analyse(data, params, period)
    seen, out = set(), []
    for d in [*r.trends.decisions, *r.verdict.gates, *r.plan.decisions]:
        k = (d.unique_id, d.rule)
        if k not in seen:
            seen.add(k)
            out.append(d)
    return to_frame(out)


def summary(data, params: dict, period: str) -> dict:
    """``{"verdict", "headline"}`` for ``publish(sidecar, kind="research", ...)``."""
    r = analyse(data, params, period)
    return {"verdict": r.verdict.verdict, "headline": r.verdict.reason}
