"""The category research page (R1, R2.1): renderers of one
:class:`seller_lab.research.Research` (``r = run_research(data, params, period)``).

Each function reads the result object only — nothing is analysed here — and returns one
displayable block (escaped HTML with embedded PNG charts) for a one-line notebook cell:
``sections.research.trends(r, lang=lang)``. Every fixed text goes through the report's
catalog (``lang`` ``en`` or ``zh``, :mod:`seller_lab.i18n`), numbers, percentages, money and
months follow its locale; customer words (posts, reviews, questions) are quoted in their
own language and tagged with it. Every section renders when its inputs are missing and says
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
from babel.dates import get_month_names

from ...decisions import to_frame
from ...i18n import N_, translator
from ...research import competition as comp
from ...research import trends as trd
from ...research.compliance import NO_RULE, RULE_COST_KEY, ComplianceResult, compliance_label
from ...research.phrase import Phrase, said, say
from ...text import detect_language
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
#: Column headers of the research tables, marked for the catalog (shown through ``t``).
COLUMN_LABELS = (
    N_("keyword"), N_("geo"), N_("call"), N_("growth"), N_("slope_pct_per_year"), N_("mk_p"),
    N_("seasonal_strength"), N_("peak_months"), N_("periods"), N_("years"), N_("gaps"), N_("dropped_partial"),
    N_("note"), N_("theme"), N_("questions"), N_("asins"), N_("listings_answering"), N_("listings_checked"),
    N_("gap"), N_("finding"), N_("band"), N_("price_from"), N_("price_to"), N_("listings"), N_("in_filter"),
    N_("est_monthly_sales"), N_("est_sales_per_competitor"), N_("entry"), N_("asin"), N_("brand"), N_("title"),
    N_("price"), N_("review_count"), N_("rating"), N_("reason"), N_("rule"), N_("requirement"), N_("status"),
    N_("cost (estimate)"), N_("lead time"), N_("authority"), N_("citation"), N_("item"), N_("kind"),
    N_("verdict"), N_("matched_in"), N_("source"), N_("evidence"), N_("proposal"), N_("concept"),
    N_("negative_reviews"), N_("share"), N_("example"), N_("selling_point"), N_("listings_with"),
    N_("est_sales_per_listing"), N_("median_reviews"), N_("reviews_per_monthly_sale"), N_("share_of_listings"),
    N_("share_negative_reviews"), N_("quote"), N_("negative_reasons"), N_("differentiate_by"), N_("suggestion"),
    N_("keyword"), N_("design"), N_("packaging"), N_("service"), N_("warranty_years"),
)
#: The unique_id of a category-level decision, shown in the report's language.
CATEGORY_ROW = N_("category")
#: Where a pain point was said (``sources`` of a theme): the names a reader knows, as the
#: catalog knows them (Reddit and TikTok are names).
SOURCE_KINDS = {"forum": N_("forum"), "qa": N_("Q&A"), "reddit": "Reddit", "review": N_("reviews"),
                "tiktok": "TikTok"}


#: The words of a trend / seasonality call (``rising, not seasonal``), marked for the catalog.
CALL_WORDS = (N_("rising"), N_("flat"), N_("falling"), N_("unknown"), N_("seasonal"), N_("not seasonal"),
              N_("not enough history to judge seasonality"))


def _call(call, tr) -> str:
    """A trend call in the report's language, part by part (``rising, not seasonal``;
    ``rising; not enough history to judge seasonality``)."""
    sep, semi = ("，", "；") if tr.lang == "zh" else (", ", "; ")
    return semi.join(sep.join(tr(part) for part in chunk.split(", ")) for chunk in str(call).split("; "))


def _link(url, tr) -> str:
    u = "" if url is None else str(url)
    if u.startswith(("http://", "https://")):
        return (f'<a href="{html.escape(u, quote=True)}" target="_blank" rel="noopener">'
                f"{html.escape(tr('source'))}</a>")
    return ""


def _pct(x, tr, digits: int = 0, signed: bool = True) -> str:
    """A share in the report's locale (``+12%``); ``n/a`` when unknown."""
    if x is None or (isinstance(x, float) and math.isnan(x)):
        return tr("n/a")
    sign = ("+" if x >= 0 else "−") if signed else ("−" if x < 0 else "")
    return sign + tr.percent(abs(float(x)), digits)


def _months(names, tr) -> list[str]:
    """English month abbreviations (``May``) as the locale abbreviates them (``5月``)."""
    abbr = get_month_names("abbreviated", locale=tr.locale)
    return [abbr[trd.MONTHS.index(m) + 1] if m in trd.MONTHS else str(m) for m in names]


def _theme(row, lang: str) -> str:
    """A theme label in the customers' words; on a Chinese page with the Chinese name of the
    lexicon concept it comes from ('rostet nach drei Wochen (生锈)')."""
    zh = getattr(row, "concept_zh", "") or ""
    return f"{row.theme} ({zh})" if lang == "zh" and isinstance(zh, str) and zh else str(row.theme)


def _first(seq, default=""):
    try:
        return seq[0] if len(seq) else default
    except TypeError:
        return default


def _language(text, default: str) -> str:
    return str(detect_language([str(text)], default=default).iloc[0]) if text else default


def _quote(text, lang: str) -> str:
    """A customer's words, escaped, in their own language and marked with it."""
    return (f'<q lang="{html.escape(lang)}">{html.escape(str(text))}</q> '
            f'<span class="lang-tag" title="original language" style="font-size:.75em;color:#57606a;'
            f'border:1px solid #d0d7de;border-radius:3px;padding:0 3px">{html.escape(lang.upper())}</span>')


def _quote_list(rows: list[tuple[str, str, str]], tr, default_lang: str = "en") -> str:
    """<ul> of (label, quote, url): label escaped, quote in its own language and tagged."""
    items = "".join(f"<li><b>{html.escape(str(label))}</b>"
                    + (f" — {_quote(q, _language(q, default_lang))}" if q else "")
                    + (f" {_link(u, tr)}" if _link(u, tr) else "") + "</li>" for label, q, u in rows)
    return f"<ul>{items}</ul>" if items else ""


def _missing(r, kind: str, tr) -> str:
    """Why an input is absent, in the report's language: 'no <export> in <folder>', or from
    when its rows start when they all come after the period's end (the pipeline's phrase)."""
    return say(r.missing_text(kind), tr)


def _customer_language(r) -> str:
    """The language a quote too short to detect is tagged with: the category's customer
    language when the result carries it, else English."""
    return str(getattr(r, "customer_language", "") or "en")


def _compliance_share(r):
    if r.compliance is not None:
        share = r.compliance.arithmetic.get("share")
        if isinstance(share, (int, float)):
            return float(share)
    for d in r.compliance_decisions:
        if isinstance(d.value, (int, float)) and "cost" in (d.rule + d.metric).lower():
            return float(d.value)
    return None


def _risks(r, items, tr) -> str:
    return (heading(tr("Risks")) + "<ul>" + "".join(f"<li>{html.escape(say(x, tr))}</li>" for x in items)
            + "</ul>")


def _reason(d, tr) -> str:
    """A Decision's reason in the report's language: a research :class:`Phrase`, or the
    rule's structured template when it has one, else the English reason."""
    if getattr(d.reason, "template", ""):
        return say(d.reason, tr)
    template = getattr(d, "template", "")
    if template and tr(template) != template:
        return tr(template).format(**getattr(d, "values", {}))
    return str(d.reason)


def _said(text, tr) -> str:
    """A metric or threshold in the report's language: a :class:`Phrase` through the catalog,
    a marked message through ``tr``, anything else (``>= 0.3``) as is."""
    return say(text, tr) if isinstance(text, Phrase) else tr(text) if isinstance(text, str) and text else text


def _decisions(decisions, tr) -> HTML:
    """Decision records as a table, their metrics, thresholds and reasons in the report's language."""
    decisions = list(decisions)
    frame = to_frame(decisions)
    if len(frame):
        frame["reason"] = [_reason(d, tr) for d in decisions]
        frame["metric"] = [_said(d.metric, tr) for d in decisions]
        frame["unique_id"] = [tr(CATEGORY_ROW) if u == CATEGORY_ROW else u for u in frame["unique_id"]]
        frame["threshold"] = [_said(d.threshold, tr) if isinstance(d.threshold, Phrase) else t
                              for d, t in zip(decisions, frame["threshold"], strict=True)]
    return decisions_table(frame, t=tr)


def _table_said(frame: pd.DataFrame, tr, *columns) -> pd.DataFrame:
    """``frame`` with the phrases of ``columns`` in the report's language (data cells as written)."""
    return frame.assign(**{c: said(frame[c], tr) for c in columns if c in frame})


def _finding(q, tr) -> str:
    """A Q&A theme's finding ('asked 30 times; answered by 0 of 10 listings') in the report's language; 'asked 30
    times' alone when no listing was there to check."""
    if not int(q.listings_checked):
        return tr("asked {n} times", n=int(q.questions))
    return tr("asked {n} times; answered by {m} of {k} listings", n=int(q.questions), m=int(q.listings_answering),
             k=int(q.listings_checked))


def _verdict_reason(v, tr) -> str:
    """The one-sentence reason of the verdict, in the report's language."""
    return say(v.reason, tr) if getattr(v.reason, "template", "") else str(v.reason)


# ------------------------------------------------------------------------------------
# sections
# ------------------------------------------------------------------------------------
def first_screen(r, lang: str = "en") -> HTML:
    """Verdict with its reason, three key numbers, top pain points with a quote each, the
    top demand gaps and the risks — what management reads."""
    tr = translator(lang)
    if r.no_data:
        return no_data_screen(r, lang)
    v = r.verdict
    parts = [banner(tr("{name}: research verdict", name=r.display_name), v.verdict, [_verdict_reason(v, tr)], t=tr),
             as_of_note(r, lang)]
    tw = r.trend_row
    if tw:
        growth = (_pct(tw.get("growth"), tr),
                  tr("search interest, last {months} months vs a year earlier ({call})",
                    months=r.settings.trends.recent_months, call=_call(tw.get("call", "n/a"), tr)))
    else:
        growth = (tr("n/a"), _missing(r, "trends", tr))
    if r.competition is not None:
        f = r.competition.filter
        n_all = len(f.kept) + len(f.excluded)
        e = r.competition.bands[r.competition.bands["entry"]]
        band = (tr("entry band {band}", band=e["band"].iloc[0]) if len(e) else tr("no reachable entry band"))
        compet = (tr("{n} of {total}", n=len(f.kept), total=n_all),
                  tr("comparable competitors; {band}", band=band))
    else:
        compet = (tr("n/a"), _missing(r, "listings", tr))
    share = _compliance_share(r)
    comp_num = ((_pct(share, tr, signed=False), tr("certification cost / expected profit (R1.3)"))
                if share is not None else (tr("n/a"), tr("compliance cost share not evaluated")))
    parts.append(key_numbers([(tr("Demand"), *growth), (tr("Competition"), *compet),
                              (tr("Compliance"), *comp_num)]))
    n_top = r.settings.research.top_pain_points
    cust = _customer_language(r)
    if len(r.pain_points):
        rows = [(tr("{theme} ({n} statements)", n=int(p.statements), theme=_theme(p, lang)),
                 _first(p.quotes), _first(p.quote_urls))
                for p in r.pain_points.head(n_top).itertuples(index=False)]
        parts.append(heading(tr("Top {n} pain points", n=min(n_top, len(r.pain_points))))
                     + _quote_list(rows, tr, cust))
    else:
        why = "; ".join(_missing(r, k, tr) for k in ("posts", "reviews") if k in r.missing)
        parts.append(note(tr("No pain points: {why}", why=why or tr("no complaint theme found")), "warn"))
    gaps = r.gaps
    if len(gaps):
        rows = [(f"{g.theme}: {_finding(g, tr)} → {say(g.proposal, tr)}", _first(g.example_questions), "")
                for g in gaps.head(5).itertuples(index=False)]
        parts.append(heading(tr("Top demand gaps (asked by buyers, answered by no competitor listing)"))
                     + _quote_list(rows, tr, cust))
    elif "questions" in r.missing:
        parts.append(note(tr("No demand gaps: {why}", why=_missing(r, "questions", tr)), "warn"))
    elif "listings" in r.missing:  # no listing to check the questions against: nothing is known about gaps
        parts.append(note(tr("Demand gaps not judged: {why}", why=_missing(r, "listings", tr)), "warn"))
    else:
        parts.append(note(tr("No demand gap: every recurring question theme is answered by a competitor listing.")))
    if v.risks:
        parts.append(_risks(r, v.risks, tr))
    return join(*parts)


def trends(r, lang: str = "en") -> HTML:
    """Interest over time with the STL trend and the seasonal component by month; the
    numbers behind each keyword's call."""
    tr = translator(lang)
    if "trends" in r.missing:
        return note(tr("{missing}: demand (growth, trend, seasonality) cannot be judged. Export it from "
                      "trends.google.com (Explore → download CSV) into the data folder.",
                      missing=_missing(r, "trends", tr)), "warn")
    ta = r.trends
    tw = r.trend_row
    comp_ = ta.components
    cid = tw["unique_id"]
    fig, (ax1, ax2) = plots.new_figure(width=11, height=4, ncols=2)
    for uid, g in comp_.groupby("unique_id", sort=False):
        if uid == cid and len(ta.frame) > 1:
            continue
        ax1.plot(g["ds"], g["y"], lw=0.8, alpha=0.6 if len(ta.frame) > 1 else 1.0,
                 label=str(ta.frame.set_index("unique_id").loc[uid, "keyword"]))
    c = comp_[comp_["unique_id"] == cid]
    if c["trend"].notna().any():
        ax1.plot(c["ds"], c["trend"], color="black", lw=2, label=tr("trend (STL, all keywords)"))
    ax1.legend(fontsize=8, loc="upper left")
    title = (tr("Search interest is {call}: {growth} vs a year ago", call=_call(tw["trend_call"], tr),
               growth=_pct(tw["growth"], tr))
             if tw["trend_call"] != "unknown" else tr("Too little history to call a trend"))
    plots.finish(ax1, title=title, xlabel=tr("week"), ylabel=tr("interest (0-100, Google Trends)"),
                 source=tr("Google Trends export {file}", file=r.sources["trends"]).strip(),
                 source_label=tr("Source"))
    if c["seasonal"].notna().any():
        s = c.set_index("ds")["seasonal"]
        by_month = s.groupby(s.index.month).mean().reindex(range(1, 13))
        peaks = set(tw.get("peak_months") or [])
        colours = [plots.PALETTE[1] if trd.MONTHS[m - 1] in peaks else plots.PALETTE[0] for m in by_month.index]
        ax2.bar(_months(trd.MONTHS, tr), by_month.to_numpy(), color=colours)
        strength = tr.number(tw["seasonal_strength"], 2)
        st = (tr("Seasonal (strength {strength}), peak {months}", strength=strength,
                months=", ".join(_months(tw["peak_months"], tr)))
              if tw["seasonal_call"] == "seasonal" else tr("Not seasonal (strength {strength})", strength=strength))
        plots.finish(ax2, title=st, xlabel=tr("month"), ylabel=tr("seasonal effect (interest points)"))
    else:
        ax2.text(0.5, 0.5, tr("not enough history\nto judge seasonality"), ha="center", va="center",
                 transform=ax2.transAxes)
        ax2.set_axis_off()
    cols = ["keyword", "geo", "call", "growth", "slope_pct_per_year", "mk_p", "seasonal_strength", "peak_months",
            "periods", "years", "gaps", "dropped_partial", "note"]
    f = _table_said(ta.frame, tr, "keyword", "note")
    tab = f[cols].assign(peak_months=f["peak_months"].map(lambda x: ", ".join(_months(x, tr)) if len(x) else ""),
                         call=f["call"].map(lambda x: _call(x, tr)),
                         growth=f["growth"].map(lambda x: _pct(x, tr)),
                         slope_pct_per_year=f["slope_pct_per_year"].map(
                             lambda x: tr("{pct}/yr", pct=_pct(x, tr))),
                         mk_p=f["mk_p"].map(lambda x: tr("n/a") if pd.isna(x) else format(x, ".3g")))
    return join(figure_html(fig, alt=title),
                table(tab, max_rows=20, t=tr,
                      caption=tr("The numbers behind each call (growth = last {months} months vs the same months "
                                "a year earlier; slope = Theil–Sen in % of the mean level per year, "
                                "Mann–Kendall p)", months=r.settings.trends.recent_months)),
                _decisions(ta.decisions, tr))


def pain_points(r, lang: str = "en") -> HTML:
    """Pain-point themes (posts + negative reviews) by score, with quotes and links."""
    tr = translator(lang)
    parts = []
    for k in ("posts", "reviews"):
        if k in r.missing:
            text = (tr("{missing}: pain points come from reviews only", missing=_missing(r, k, tr))
                    if k == "posts" and "reviews" not in r.missing else _missing(r, k, tr))
            parts.append(note(text, "warn"))
    pp = r.pain_points
    if pp.empty:
        parts.append(note(tr("No pain-point theme found (no posts and no reviews).")
                          if {"posts", "reviews"} <= set(r.missing) else tr("No pain-point theme found.")))
        return join(*parts)
    top = pp.head(10)
    reviews_src = r.sources["reviews"]
    source = "; ".join(x for x in (r.sources["posts"], reviews_src and tr("competitor listings' 1-2★ reviews in "
                                                                          "{file}", file=reviews_src)) if x)
    title = tr("Top pain point: '{theme}' ({n} statements)", n=int(top["statements"].iloc[0]),
               theme=top["theme"].iloc[0])
    fig = plots.hbar([_theme(p, lang) for p in top.itertuples(index=False)], top["score"], title=title,
                     xlabel=tr("score = statements weighted by engagement and recency"),
                     source=source, source_label=tr("Source"))
    rows = [(tr("{theme} — {n} statements, sources {sources}", n=int(p.statements), theme=_theme(p, lang),
                sources=("、" if tr.lang == "zh" else ", ").join(tr(SOURCE_KINDS.get(str(x), str(x)))
                                                               for x in p.sources)),
             _first(p.quotes), _first(p.quote_urls)) for p in top.itertuples(index=False)]
    parts += [figure_html(fig, alt=title), _quote_list(rows, tr, _customer_language(r))]
    return join(*parts)


def questions(r, lang: str = "en") -> HTML:
    """Q&A themes on the top competitors: how often asked, whether any listing answers (gaps)."""
    tr = translator(lang)
    if "questions" in r.missing:
        return note(tr("{missing}: question themes and demand gaps cannot be found.",
                      missing=_missing(r, "questions", tr)), "warn")
    th = r.themes
    if th.empty:
        return note(tr("No recurring question theme (fewer than qa.min_theme_count questions per theme)."))
    top = th.head(12)
    labels = [tr("{theme} (gap)", theme=x) if g else str(x) for x, g in zip(top["theme"], top["gap"])]
    ng = int(th["gap"].sum())
    judged = "listings" not in r.missing
    title = (tr("{n} question themes no competitor listing answers", n=ng) if ng
             else tr("Every recurring question is answered by a listing") if judged
             else tr("Recurring questions (no competitor listings to check them against)"))
    fig = plots.hbar(labels, top["questions"], title=title, xlabel=tr("questions on the top competitors"),
                     source=r.sources["questions"], source_label=tr("Source"))
    tab = top[["theme", "questions", "asins", "listings_answering", "listings_checked", "gap", "finding"]].copy()
    tab["theme"] = [_theme(q, lang) for q in top.itertuples(index=False)]
    tab["gap"] = tab["gap"].map(lambda g: tr("yes") if g else tr("no")) if judged else tr("not judged")
    tab["finding"] = [_finding(q, tr) for q in top.itertuples(index=False)]
    rows = [(f"{q.theme} — {_finding(q, tr)}", _first(q.example_questions),
             r.question_urls.get(str(_first(q.example_doc_ids)), "")) for q in top.itertuples(index=False)]
    unjudged = (note(tr("{missing}: whether a competitor listing answers these questions cannot be judged.",
                        missing=_missing(r, "listings", tr)), "warn") if not judged else None)
    return join(unjudged, figure_html(fig, alt=title),
                table(tab, max_rows=12, t=tr, caption=tr("Question themes (gap = answered by no listing)")),
                heading(tr("An example question per theme")) + _quote_list(rows, tr, _customer_language(r)))


def competition(r, lang: str = "en") -> HTML:
    """Price bands (estimates), the competitor filter with reasons, core selling points,
    negative reasons -> differentiation, local brands."""
    tr = translator(lang)
    ca = r.competition
    lb = r.local_brands
    lb_html = (table(_table_said(lb, tr, "brand", "service"), t=tr, caption=tr("Local brands (benchmark from params)")) if len(lb)
               else note(tr("No local brands in params (category.local_brands).")))
    if ca is None:
        return join(note(tr("{missing}: competitors, price bands and the entry band cannot be judged.",
                           missing=_missing(r, "listings", tr)), "warn"), lb_html)
    cp = r.settings.competition
    b = ca.bands
    estimate = tr(comp.ESTIMATE_LABEL)
    parts = []
    if len(b):
        fig, ax = plots.new_figure(width=9, height=3.8)
        colours = [plots.PALETTE[2] if e else plots.PALETTE[0] for e in b["entry"]]
        ax.bar(b["band"], b["est_sales_per_competitor"].fillna(0), color=colours)
        for i, (n, k) in enumerate(zip(b["listings"], b["in_filter"])):
            ax.annotate(tr("{n} listings\n{k} comparable", n=n, k=k), (i, 0), xytext=(0, 3),
                        textcoords="offset points", ha="center", va="bottom", fontsize=8, color="white")
        e = b[b["entry"]]
        title = (tr("Enter at {band}: comparable competitors sell most (~{units}/month)", band=e["band"].iloc[0],
                   units=tr.number(e["est_sales_per_competitor"].iloc[0])) if len(e)
                 else tr("No price band holds enough comparable competitors"))
        plots.finish(ax, title=title, xlabel=tr("price band (quantiles of all listings' prices)"),
                     ylabel=tr("est. units/month per comparable competitor"),
                     source=f"{r.sources['listings']} — {estimate}", source_label=tr("Source"))
        ax.tick_params(axis="x", labelsize=8)
        parts += [figure_html(fig, alt=title),
                  table(b.assign(entry=[tr("yes") if e else tr("no") for e in b["entry"]]), t=tr,
                        caption=tr("Price bands — sales: {estimate}", estimate=estimate))]
    parts.append(_decisions(ca.decisions, tr))
    parts.append(table(ca.filter.kept[[c for c in ("asin", "brand", "title", "price", "review_count", "rating",
                                                   "est_monthly_sales") if c in ca.filter.kept]],
                       max_rows=20, t=tr,
                       caption=tr("Competitors inside the band ({lo}–{hi} reviews, {rlo}–{rhi}★)",
                                 lo=cp.review_count_min, hi=cp.review_count_max, rlo=cp.rating_min,
                                 rhi=cp.rating_max)))
    parts.append(table(_table_said(ca.filter.excluded, tr, "reason"), max_rows=40, t=tr,
                       caption=tr("Filtered out, and why")))
    if len(ca.selling_points):
        parts.append(table(ca.selling_points.drop(columns="example_asins"), max_rows=10, t=tr,
                           caption=tr("Core selling points in competitor titles and bullets")))
    if len(ca.differentiation):
        parts.append(table(_table_said(ca.differentiation, tr, "suggestion"), max_rows=10, t=tr,
                           caption=tr("Why buyers give 1-2 stars → how to differentiate")))
    elif "reviews" in r.missing:
        parts.append(note(tr("{missing}: negative-review reasons cannot be mined.",
                            missing=_missing(r, "reviews", tr)), "warn"))
    if len(ca.negatives_by_competitor):
        parts.append(table(_table_said(ca.negatives_by_competitor, tr, "differentiate_by"), max_rows=15, t=tr,
                           caption=tr("Negative-review reasons per competitor")))
    parts.append(lb_html)
    return join(*parts)


def _range_text(low, high, ccy, basis, tr) -> str:
    if pd.isna(low):
        return ""
    per = tr(" / year") if basis == "per_year" else ""
    if low == high:
        return f"{tr.money(low, ccy)}{per}"
    return f"{tr.money(low, ccy)}–{tr.money(high, ccy)}{per}"


def _days_text(low, high, tr) -> str:
    if pd.isna(low) or (low == 0 and high == 0):
        return "—"
    if low != high:
        return tr("{low}–{high} days", low=round(low), high=round(high))
    return tr("{n} days", n=round(low))


def certifications_table(result: ComplianceResult, lang: str = "en") -> pd.DataFrame:
    """The required certifications as a display table (costs are estimates).

    Columns ``rule, requirement, status, cost (estimate), lead time, note, authority, citation``;
    mandatory rules first. A requirement and its note (why the cost or the scope is what it
    is: "Not costed in the first year: …") of a shipped rules file are said through the
    catalog (a seller's own rule as written); authorities and citations name bodies and laws
    and stay as written.

    >>> from seller_lab.params import load_params
    >>> from seller_lab.research.compliance import compliance_check
    >>> t = certifications_table(compliance_check(load_params("kids-toy-us")))
    >>> t.iloc[0]["rule"], t.iloc[0]["status"]
    ('US-TOY-F963', 'mandatory')
    """
    tr = translator(lang)
    r = result.rules
    if r.empty:
        return pd.DataFrame(columns=["rule", "requirement", "status", "cost (estimate)", "lead time", "note",
                                     "authority", "citation"])
    r = r.sort_values("counted", ascending=False, kind="stable")
    status = r["counted"].map({True: tr("mandatory"), False: tr("advisory (not costed)")})
    status = [s if trigger == "always" else f"{s} · {say(trigger, tr)}" for s, trigger in zip(status, r["trigger"])]
    cost = [_range_text(lo, hi, c, b, tr) for lo, hi, c, b in
            zip(r["cost_low"], r["cost_high"], r["currency"], r["cost_basis"], strict=True)]
    lead = [_days_text(lo, hi, tr) for lo, hi in zip(r["lead_time_days_low"], r["lead_time_days_high"], strict=True)]
    return pd.DataFrame({"rule": r["rule_id"].to_numpy(), "requirement": [say(Phrase(x), tr) for x in r["requirement"]],
                         "status": status, "cost (estimate)": cost, "lead time": lead,
                         "note": _notes_said(r["notes"], tr),
                         "authority": r["authority"].to_numpy(), "citation": r["citation"].to_numpy()})


def _notes_said(notes, tr) -> list[str]:
    """A rules file's notes in the language of ``tr`` (a shipped note through the catalog, a
    seller's own as written; '' where a rule has none)."""
    return [say(Phrase(str(x)), tr) if isinstance(x, str) and x.strip() else "" for x in notes]


def compliance_result(res: ComplianceResult, *, with_listings: bool, lang: str = "en") -> HTML:
    """One :class:`ComplianceResult` as the R1.3 block: the arithmetic as a sentence, the
    required certifications (cost range, lead time, authority/citation), prohibited items and
    the decisions. Every string from the rules files is escaped.

    >>> from seller_lab.params import load_params
    >>> from seller_lab.research.compliance import compliance_check
    >>> h = compliance_result(compliance_check(load_params("kids-toy-us")), with_listings=False).html
    >>> "ASTM F963" in h and "→ reject" in h
    True
    """
    tr = translator(lang)
    a = res.arithmetic
    kind = {"reject": "error", "watch": "warn", "unknown": "warn"}.get(a["verdict"], "info")
    parts = [note(tr("{sentence} (threshold {key}; costs are typical ranges — estimates to check with a lab "
                    "quote).", sentence=say(a["sentence"], tr), key=RULE_COST_KEY), kind),
             (note(tr("Expected profit: {formula}", formula=say(a["profit"]["formula"], tr)), "info")
              if a["profit"]["planned_price"] > 0 and a["profit"]["units_per_year"] > 0 else
              note(tr("Expected profit not computable: set category.unit_economics (planned_price, landed_cost, "
                      "expected_units_first_year) in the category's params (now 0)."), "warn"))]
    if res.rules.empty:
        parts.append(note(f"{tr(NO_RULE)}: {say(compliance_label(res.market, res.category), tr)}", "warn"))
    else:
        lead = a["lead_time_days"]
        lead_txt = (tr("; longest mandatory lead time {days} days", days=round(lead)) if not math.isnan(lead)
                    else "")
        parts.append(table(certifications_table(res, lang), max_rows=40, t=tr,
                           caption=tr("Required certifications and documents — {market} × {category} (cost range "
                                     "{low}–{high} for the mandatory rules{lead})", market=res.market,
                                     category=res.category, low=tr.money(a["cost_low"], a["currency"]),
                                     high=tr.money(a["cost_high"], a["currency"]), lead=lead_txt)))
    if len(res.prohibited):
        shown = res.prohibited[["rule_id", "item", "kind", "verdict", "keyword", "matched_in", "citation"]]
        notes = res.prohibited["notes"] if "notes" in res.prohibited else [""] * len(shown)
        shown = _table_said(shown.assign(item=[say(Phrase(x), tr) for x in shown["item"]],
                                         kind=shown["kind"].map(lambda k: tr(str(k))),
                                         verdict=shown["verdict"].map(lambda v: tr(str(v))),
                                         note=_notes_said(notes, tr)), tr, "matched_in")
        parts.append(table(shown, max_rows=20, t=tr,
                           caption=tr("Prohibited / restricted items matched")))
    else:
        parts.append(note(tr("No prohibited or restricted item matched the product text or the listing titles.")
                          if with_listings else tr("No prohibited or restricted item matched the product text."),
                          "info"))
    label = tr("Compliance decisions")
    parts.append(HTML(f"<div style='font-weight:600;margin-top:6px'>{html.escape(label)}</div>"))
    parts.append(_decisions(res.decisions, tr))
    return join(*parts)


def compliance(r, lang: str = "en") -> HTML:
    """R1.3 compliance: the check's arithmetic, certifications, prohibited items and gates
    (the pre-check ran once, in :func:`seller_lab.research.run_research`)."""
    tr = translator(lang)
    if r.compliance is None:
        return join(note(tr("The compliance pre-check could not run: see the gates below."), "warn"),
                    _decisions(r.compliance_decisions, tr))
    return compliance_result(r.compliance, with_listings="listings" not in r.missing, lang=lang)


def verdict(r, lang: str = "en") -> HTML:
    """R1.4: the verdict, every gate, the proposed differentiating selling points and the risks."""
    tr = translator(lang)
    v = r.verdict
    parts = [banner(tr("Verdict"), v.verdict, [_verdict_reason(v, tr)], t=tr), _decisions(v.gates, tr)]
    if len(v.selling_points):
        sp = v.selling_points.copy()
        for c in ("source", "evidence", "proposal"):
            if c in sp:
                sp[c] = sp[c].map(lambda x: say(x, tr) if isinstance(x, str) else x)
        if "source" in sp:
            sp["source"] = sp["source"].map(lambda x: tr(x) if isinstance(x, str) else x)
        parts.append(table(sp, max_rows=12, t=tr, caption=tr("Proposed differentiating selling points")))
    else:
        parts.append(note(tr("No differentiating selling point found."), "warn"))
    if v.risks:
        parts.append(_risks(r, v.risks, tr))
    return join(*parts)


def test_plan(r, lang: str = "en") -> HTML:
    """R2.1 the small-batch test plan with its arithmetic."""
    tr = translator(lang)
    p = r.plan
    s = r.settings.pilot
    nums = key_numbers([
        (tr("Test units"), tr.number(p.units if p.units else float("nan")),
         tr("within {lo}–{hi}", lo=s.units_min, hi=s.units_max)),
        (tr("Test price"), tr.money(p.test_price, p.currency, 2),
         tr("planned {price}", price=tr.money(p.planned_price, p.currency, 2))),
        (tr("Sample cost"), tr.money(p.sample_cost, p.currency, 0),
         tr("{share} of budget", share=tr.percent(p.sample_budget_share, 1))),
        (tr("Channel"), p.channel, tr("{lo}–{hi} days shipping", lo=p.shipping_days_min, hi=p.shipping_days_max))])
    if p.missing:  # a new category: what to set, not a plan of zeros
        return join(nums, *(note(say(x, tr), "warn") for x in p.arithmetic), _decisions(p.decisions, tr))
    arith = "<ul>" + "".join(f"<li>{html.escape(say(x, tr))}</li>" for x in p.arithmetic) + "</ul>"
    return join(nums, arith, _decisions(p.decisions, tr))


test_plan.__test__ = False  # a report section, not a pytest test

_PAGE = [(N_("Demand: search interest (R1.1)"), trends), (N_("Demand: pain points (R1.1)"), pain_points),
         (N_("Demand: questions and demand gaps (R1.1)"), questions), (N_("Competition (R1.2)"), competition),
         (N_("Compliance (R1.3)"), compliance), (N_("Verdict and every gate (R1.4)"), verdict),
         (N_("Small-batch test plan (R2.1)"), test_plan)]


def page(r, lang: str = "en") -> HTML:
    """The whole research page of one result (what ``Research`` shows in JupyterLab)."""
    tr = translator(lang)
    return join(first_screen(r, lang),
                *(f"<h2>{html.escape(tr(title))}</h2>" + fn(r, lang).html for title, fn in _PAGE))


# ------------------------------------------------------------------------------------
# as of: which data the page could use (R1, R7)
# ------------------------------------------------------------------------------------
_INPUT_LABELS = {"trends": N_("Google Trends"), "posts": N_("Posts (Reddit, TikTok, forums)"),
                 "questions": N_("Q&A of the top competitors"), "reviews": N_("Competitor reviews"),
                 "listings": N_("Competitor listings")}


def _day(x) -> str:
    return "" if x is None or pd.isna(x) else f"{pd.Timestamp(x):%Y-%m-%d}"


def as_of_note(r, lang: str = "en") -> HTML:
    """One line under the verdict: the date the data is cut at, where the data ends when
    it ends earlier, and an undated listings export used as is."""
    if r.as_of is None:
        return HTML("")
    tr = translator(lang)
    lines = [tr("Data as of {date}: only what was knowable by the end of {period} is used.",
                date=_day(r.as_of), period=r.period)]
    end = r.data_end
    if end is not None and end < r.as_of and not r.no_data:
        lines.append(tr("The data runs to {date}; nothing after it is known.", date=_day(end)))
    cov = r.coverage.set_index("kind") if len(r.coverage) else None
    if (cov is not None and "listings" in cov.index and "listings" not in r.missing
            and int(cov.loc["listings", "undated"]) > 0):
        lines.append(tr("The competitor listings export carries no date and is used as it is; put the "
                        "snapshot date in its file name ({example}) to cut it.",
                        example="helium10_blackbox_2025-06-30.csv"))
    return note(" ".join(lines), "info")


def coverage_table(r, lang: str = "en") -> HTML:
    """From when to when each research input exists, and how many of its rows the page used."""
    c = r.coverage[r.coverage["kind"].isin(list(_INPUT_LABELS))]
    if c.empty:
        return HTML("")
    tr = translator(lang)
    used = [0 if r.no_data or k in r.missing else v for k, v in zip(c["kind"], c["rows_as_of"])]
    tab = pd.DataFrame({
        tr("input"): [tr(_INPUT_LABELS[k]) for k in c["kind"]],
        tr("first day"): [_day(x) for x in c["first"]], tr("last day"): [_day(x) for x in c["last"]],
        tr("rows in the files"): c["rows"].to_numpy(), tr("rows used"): used,
        tr("note"): [say(r.missing_text(k), tr) if k in r.missing else say(n, tr) for k, n in zip(c["kind"], c["note"])]})
    return table(tab, max_rows=10, caption=tr("Research data by input (as of {date})", date=_day(r.as_of)),
                 t=tr)


def no_data_screen(r, lang: str = "en") -> HTML:
    """The first screen of a period before every dated research input: no verdict on
    nothing, and from when each input exists."""
    tr = translator(lang)
    start = r.data_start
    lines = [tr("There is no research data for {period}: no input has a row up to {date}.",
                period=r.period, date=_day(r.as_of))]
    if start is not None:
        lines.append(tr("The data starts {start}; run the research for a period from {month} on.",
                        start=_day(start), month=f"{start:%Y-%m}"))
    return join(banner(tr("{name}: research verdict", name=r.display_name), "unknown", lines, t=tr),
                coverage_table(r, lang))
