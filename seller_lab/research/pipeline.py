"""The research step in one pure call: :func:`run_research` computes every R1/R2.1 analysis
of one category once and returns a frozen :class:`Research` holding every frame and
Decision the research page shows. The page's sections
(:mod:`seller_lab.report.sections.research`) only read that object; an analyst in JupyterLab
sees the same tables and charts by displaying it.

Examples
--------
>>> from seller_lab.params import load_params
>>> from seller_lab.sources.category import CategoryData
>>> p = load_params("camping-chair-de")
>>> r = run_research(CategoryData(params=p), p, "2026-11")
>>> r.verdict.verdict, "trends" in r.missing
('unknown', True)
>>> sorted({g.rule for g in r.verdict.gates if g.verdict == "unknown"})[:2]
['R1.1.seasonality', 'R1.1.trend']
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass

import pandas as pd

from .. import text
from ..decisions import Decision, to_frame
from ..report.sections import research as render_research
from ..report.sections import source_files
from ..schemas import empty_frame
from ..settings import ResearchPageSettings, research_settings
from ..sources.rules import RuleSet
from . import competition as comp
from . import trends as tr
from . import verdict as vd
from .compliance import ComplianceResult
from .testplan import TestPlan, small_batch_plan

__all__ = ["FILE_HINTS", "Research", "run_research"]

FILE_HINTS = {
    "trends": "Google Trends export (multiTimeline.csv)",
    "posts": "Reddit / TikTok / forum posts export",
    "questions": "Amazon Q&A export of the top competitors",
    "reviews": "competitor reviews export",
    "listings": "competitor listings export (Helium 10 Black Box / Jungle Scout)",
}
PAIN_POINT_COLUMNS = ["rank", "theme", "terms", "statements", "sources", "quotes", "quote_urls"]
THEME_COLUMNS = ["theme", "theme_key", "terms", "questions", "gap", "finding", "example_questions"]


@dataclass(frozen=True, eq=False)
class Research:
    """Everything the research page shows for one category and period, computed once by
    :func:`run_research` (read-only: sections render it, the store keeps its decisions).

    Attributes
    ----------
    slug, display_name, period, data_dir : which category, which research period, which folder
    missing : input kinds (``trends``, ``posts``, ``questions``, ``reviews``, ``listings``) absent
    missing_notes : one sentence per missing input, naming the export and the folder
    sources : file names per input kind (the source line of each chart and table)
    trends : :class:`seller_lab.research.trends.TrendAnalysis` (R1.1 demand)
    trend_row : the category-level row of ``trends.frame`` ({} without a trend export)
    competition : :class:`seller_lab.research.competition.CompetitionAnalysis` or None (R1.2)
    local_brands : the local-brand benchmark table (R1.2, from params)
    pain_points : pain-point themes with quotes (R1.1)
    themes : Q&A themes with the ``gap`` flag (R1.1 demand gaps) and the ``proposal`` that
        would answer each
    question_urls : ``doc_id -> url`` of the questions (links of the example questions)
    compliance : :class:`seller_lab.research.compliance.ComplianceResult` or None (R1.3, run once)
    compliance_decisions : the R1.3 gates
    verdict : :class:`seller_lab.research.verdict.Verdict` with selling points and risks (R1.4)
    plan : :class:`seller_lab.research.testplan.TestPlan` (R2.1)
    settings : the typed thresholds the run used
    """

    slug: str
    display_name: str
    period: str
    data_dir: str
    missing: tuple
    missing_notes: tuple
    sources: dict
    trends: tr.TrendAnalysis
    trend_row: dict
    competition: comp.CompetitionAnalysis | None
    local_brands: pd.DataFrame
    pain_points: pd.DataFrame
    themes: pd.DataFrame
    question_urls: dict
    compliance: ComplianceResult | None
    compliance_decisions: tuple
    verdict: vd.Verdict
    plan: TestPlan
    settings: ResearchPageSettings

    @property
    def gaps(self) -> pd.DataFrame:
        """The Q&A themes no competitor listing answers (demand gaps)."""
        t = self.themes
        return t[t["gap"].astype(bool)].reset_index(drop=True) if len(t) and "gap" in t else t

    @property
    def decisions(self) -> pd.DataFrame:
        """Every research Decision (all trend series, competition, differentiation, compliance,
        test plan) once per (unique_id, rule), as the canonical decisions frame for the store."""
        seen, out = set(), []
        for d in [*self.trends.decisions, *self.verdict.gates, *self.plan.decisions]:
            k = (d.unique_id, d.rule)
            if k not in seen:
                seen.add(k)
                out.append(d)
        return to_frame(out)

    @property
    def summary(self) -> dict:
        """``{"verdict", "headline"}`` for ``publish(sidecar, kind="research", ...)``."""
        return {"verdict": self.verdict.verdict, "headline": self.verdict.reason}

    def missing_text(self, kind: str) -> str:
        """'no <export> in <folder>' for one input kind."""
        return f"no {FILE_HINTS[kind]} in {self.data_dir or 'the data folder'}"

    def _repr_html_(self) -> str:
        return render_research.page(self).html

    def __repr__(self) -> str:
        return (f"Research({self.slug!r}, {self.period!r}: {self.verdict.verdict} — {self.verdict.reason}; "
                f"missing {list(self.missing) or 'nothing'})")


def _missing(data, kind: str) -> bool:
    frame = getattr(data, kind, None)
    return kind in (getattr(data, "missing", []) or []) or frame is None or len(frame) == 0


def _no_data_as_of(data, period: str):
    """Today's research reads every row it is given (the identity cut)."""
    return data


def _trend_gates(ta: tr.TrendAnalysis, src: str, slug: str, period: str) -> list[Decision]:
    gates = [d for d in ta.decisions if d.unique_id == ta.category.get("unique_id")]
    if gates:
        return gates
    src = src or FILE_HINTS["trends"]  # e.g. only a partial week in the export
    return [Decision("category", rule, metric, None, "", "unknown",
                     f"the Google Trends export {src} has no complete period to judge {metric}",
                     src, slug, period, key)
            for rule, metric, key in (("R1.1.trend", "the trend", "trends.growth_rising_min"),
                                      ("R1.1.seasonality", "seasonality", "trends.seasonal_swing_min"))]


def run_research(data, params: dict, period: str, *, rules: RuleSet | None = None,
                 as_of: Callable | None = None) -> Research:
    """Run every R1/R2.1 analysis of one category once.

    Parameters
    ----------
    data : the category's data (:func:`seller_lab.sources.load_category`)
    params : loaded params (:func:`seller_lab.params.load_params`)
    period : the research period (``YYYY-MM``), recorded in every Decision
    rules : the compliance rules (:func:`seller_lab.sources.rules.load_rule_set`); read from
        the params folder when omitted
    as_of : ``as_of(data, period) -> data``, the one place where the data is cut at the
        period's end (default: no cut)

    Returns
    -------
    Research, frozen; nothing is computed again when it is rendered.
    """
    # --- period as-of: the ONE place the inputs are cut at the period's end --------------------
    data = (as_of or _no_data_as_of)(data, str(period))
    settings = research_settings(params)
    slug = params["category"]["slug"]
    period = str(period)
    data_dir = str(params["category"].get("data_dir") or "")
    missing = [k for k in FILE_HINTS if _missing(data, k)]
    notes = [f"no {FILE_HINTS[k]} in {data_dir or 'the data folder'}" for k in missing]
    kinds = ("trends", "posts", "questions", "reviews", "listings", "pilot")
    sources = {k: source_files(data, k) for k in kinds}
    kw = {"category": slug, "period": period}
    # R1.1 demand
    if "trends" in missing:
        ta = tr.analyse_trends(empty_frame("trends"), params, **kw)
        trend_gates = [vd.missing_gate("R1.1.trend", "the trend of search interest", FILE_HINTS["trends"], data_dir,
                                       params_key="trends.growth_rising_min", **kw),
                       vd.missing_gate("R1.1.seasonality", "seasonality", FILE_HINTS["trends"], data_dir,
                                       params_key="trends.seasonal_swing_min", **kw)]
    else:
        ta = tr.analyse_trends(data.trends, params, source_file=sources["trends"], **kw)
        trend_gates = _trend_gates(ta, sources["trends"], slug, period)
    # R1.2 competition
    reviews = None if "reviews" in missing else data.reviews
    listings = None if "listings" in missing else data.listings
    if listings is None:
        ca = None
        comp_gates = [vd.missing_gate("R1.2.competitors_in_band", "competitors in the review/rating band",
                                      FILE_HINTS["listings"], data_dir, params_key="competition.review_count_min", **kw),
                      vd.missing_gate("R1.2.entry_band", "price bands", FILE_HINTS["listings"], data_dir,
                                      params_key="competition.price_bands", **kw)]
    else:
        ca = comp.analyse_competition(listings, reviews, params, listings_file=sources["listings"], **kw)
        comp_gates = ca.decisions
    # R1.1 pain points and Q&A demand gaps
    posts = None if "posts" in missing else data.posts
    questions = None if "questions" in missing else data.questions
    if posts is not None or reviews is not None:
        rv = comp.competitor_reviews(reviews, listings) if reviews is not None else None
        pp = text.pain_points(posts, params, reviews=rv, questions=questions)
    else:
        pp = pd.DataFrame(columns=PAIN_POINT_COLUMNS)
    themes = (text.demand_gaps(questions, listings, params) if questions is not None
              else pd.DataFrame(columns=THEME_COLUMNS))
    themes = themes.assign(proposal=[vd.gap_proposal(t.theme_key, t.terms, t.theme, params)
                                     for t in themes.itertuples(index=False)])
    urls = ({} if questions is None or not {"doc_id", "url"} <= set(questions.columns)
            else dict(zip(questions["doc_id"].astype(str), questions["url"].astype(str))))
    # R1.3 compliance (evaluated once), R1.4 verdict, R2.1 plan
    cd, cres = vd.compliance_gates(params, listings=listings, rules=rules, **kw)
    cd = [dataclasses.replace(d, category=d.category or slug, period=d.period or period) for d in cd]
    proposals = vd.propose_selling_points(pp, themes, ca.differentiation if ca is not None else None, params)
    text_missing = [FILE_HINTS[k] for k in ("posts", "questions", "reviews") if k in missing]
    dgate = vd.differentiation_gate(proposals, params, have_text=len(text_missing) < 3,
                                    missing_text=text_missing, **kw)
    plan = small_batch_plan(params, period=period)
    v = vd.combine([*trend_gates, *comp_gates, dgate, *cd])
    v = dataclasses.replace(v, selling_points=proposals,
                            risks=vd.risks(ta.category or None, ca, cres, plan, notes, pp, params))
    return Research(slug=slug, display_name=str(params["category"].get("display_name") or slug), period=period,
                    data_dir=data_dir, missing=tuple(missing), missing_notes=tuple(notes), sources=sources,
                    trends=ta, trend_row=ta.category, competition=ca,
                    local_brands=ca.local_brands if ca is not None else comp.local_brands(params),
                    pain_points=pp, themes=themes, question_urls=urls, compliance=cres,
                    compliance_decisions=tuple(cd), verdict=v, plan=plan, settings=settings)
