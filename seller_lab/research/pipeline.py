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
>>> str(r.as_of.date())
'2026-11-30'

Periods are "as of" (R1, R7): ``run_research(data, params, "2025-06")`` reads only what was
knowable at the end of 2025-06 (:func:`seller_lab.asof.data_as_of`: trends, posts, reviews,
Q&A up to 2025-06-30, the listings snapshot nearest before it) and carries the coverage of
every input (:func:`seller_lab.asof.coverage`). A period before every dated research input
gives ``no_data=True``: verdict 'unknown', every input treated as absent (an undated listings
export too) and a reason that says from when each input exists — never the latest data
relabelled. :func:`verdict_history` re-runs the research as of each period of a list (the
verdict backtest).
"""

from __future__ import annotations

import dataclasses
import gc
import io
import logging
import multiprocessing
import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

import pandas as pd

from .. import text
from ..asof import COVERAGE_COLUMNS, coverage, data_as_of, period_end
from ..decisions import Decision, to_frame
from ..i18n import N_
from ..report.sections import research as render_research
from ..report.sections import source_files
from ..schemas import empty_frame
from ..settings import ResearchPageSettings, research_settings
from ..sources.rules import RuleSet
from . import competition as comp
from . import trends as tr
from . import verdict as vd
from .compliance import ComplianceResult
from .phrase import Phrase
from .testplan import TestPlan, small_batch_plan

__all__ = ["FILE_HINTS", "HISTORY_COLUMNS", "INPUT_NAMES", "Research", "run_research", "verdict_history"]

log = logging.getLogger(__name__)

FILE_HINTS = {
    "trends": N_("Google Trends export (multiTimeline.csv)"),
    "posts": N_("Reddit / TikTok / forum posts export"),
    "questions": N_("Amazon Q&A export of the top competitors"),
    "reviews": N_("competitor reviews export"),
    "listings": N_("competitor listings export (Helium 10 Black Box / Jungle Scout)"),
}
#: short names of the research inputs in sentences ("Google Trends starts 2021-11-28")
INPUT_NAMES = {"trends": N_("Google Trends"), "posts": N_("posts"), "questions": N_("Q&A"),
               "reviews": N_("competitor reviews"), "listings": N_("competitor listings")}
#: What a gate cannot judge without its input (the metric of an 'unknown' gate).
MISSING_METRICS = (N_("the trend of search interest"), N_("seasonality"), N_("price bands"), N_("the trend"))
#: columns of :func:`verdict_history` (one row per period)
HISTORY_COLUMNS = ["period", "as_of", "verdict", "trend_call", "growth", "competitors_in_band", "pain_points",
                   "demand_gaps", "differentiators", "trends_rows", "posts_rows", "reviews_rows", "questions_rows",
                   "reason"]
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
    as_of : the last day whose data the research could use (the period's end)
    coverage : :func:`seller_lab.asof.coverage` of the full data at ``as_of`` (from when to
        when each input kind exists, rows knowable then, a note per kind)
    no_data : True when the period ends before every dated research input: nothing was
        analysed and the verdict is 'unknown'
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
    as_of: pd.Timestamp | None = None
    coverage: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=COVERAGE_COLUMNS))
    no_data: bool = False

    @property
    def data_end(self) -> pd.Timestamp | None:
        """The last dated day of any research input (None without dated research data)."""
        c = self.coverage[self.coverage["kind"].isin(list(FILE_HINTS))]
        last = pd.to_datetime(c["last"]).dropna()
        return last.max() if len(last) else None

    @property
    def data_start(self) -> pd.Timestamp | None:
        """The first dated day of any research input (None without dated research data)."""
        c = self.coverage[self.coverage["kind"].isin(list(FILE_HINTS))]
        first = pd.to_datetime(c["first"]).dropna()
        return first.min() if len(first) else None

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
        """Why one input kind is absent: 'no <export> in <folder>' when the file is missing,
        'the <export> has no rows up to <as of>: they start <first day>' when its data comes later."""
        return _absent_text(kind, self.coverage, self.as_of, self.data_dir, self.no_data)

    def _repr_html_(self) -> str:
        return render_research.page(self).html

    def __repr__(self) -> str:
        as_of = f" as of {self.as_of:%Y-%m-%d}" if self.as_of is not None else ""
        return (f"Research({self.slug!r}, {self.period!r}{as_of}: {self.verdict.verdict} — {self.verdict.reason}; "
                f"missing {list(self.missing) or 'nothing'})")


def _missing(data, kind: str) -> bool:
    frame = getattr(data, kind, None)
    return kind in (getattr(data, "missing", []) or []) or frame is None or len(frame) == 0


def _absent_text(kind: str, cov: pd.DataFrame, as_of: pd.Timestamp | None, data_dir: str, no_data: bool) -> str:
    hint = Phrase(FILE_HINTS[kind])
    row = cov[cov["kind"] == kind]
    if as_of is None or row.empty or int(row["rows"].iloc[0]) == 0:
        return Phrase(N_("no {export} in {folder}"), export=hint, folder=data_dir or Phrase(N_("the data folder")))
    first = row["first"].iloc[0]
    if pd.notna(first) and first > as_of:
        return Phrase(N_("the {export} has no rows up to {date}: they start {start}"), export=hint,
                      date=f"{as_of:%Y-%m-%d}", start=f"{first:%Y-%m-%d}")
    if no_data and kind == "listings":
        return Phrase(N_("the {export} carries no date, so it is not used for a period before every dated input "
                         "(put the snapshot date in its file name, e.g. {example})"), export=hint,
                      example="helium10_blackbox_2025-06-30.csv")
    return Phrase(N_("the {export} has no rows up to {date}"), export=hint, date=f"{as_of:%Y-%m-%d}")


def _before_any_data(cov: pd.DataFrame) -> bool:
    """True when no research input has a dated row up to the cut but some have later ones."""
    c = cov[cov["kind"].isin(list(FILE_HINTS))]
    dated_now = (pd.to_numeric(c["rows_as_of"]) - c["undated"]) > 0
    return bool(c["first"].notna().any() and not dated_now.any())


def _no_data_reason(cov: pd.DataFrame, as_of: pd.Timestamp) -> str:
    c = cov[cov["kind"].isin(list(FILE_HINTS)) & cov["first"].notna()].sort_values("first", kind="stable")
    starts = [Phrase(N_("{input} from {date}"), input=Phrase(INPUT_NAMES[k]), date=f"{f:%Y-%m-%d}")
              for k, f in zip(c["kind"], c["first"])]
    return Phrase(N_("unknown: no research data up to {date}; data exists from {first} ({starts})."),
                  date=f"{as_of:%Y-%m-%d}", first=f"{c['first'].min():%Y-%m-%d}",
                  starts=Phrase(", ".join(f"{{s{i}}}" for i in range(len(starts))),
                                **{f"s{i}": x for i, x in enumerate(starts)}))


def _empty_inputs(data):
    """``data`` with every research input emptied (columns kept): nothing may be judged."""
    return dataclasses.replace(data, **{k: getattr(data, k).iloc[0:0] for k in FILE_HINTS
                                        if getattr(data, k, None) is not None})


def _gate(rule: str, metric: str, kind: str, key: str, absent: dict, data_dir: str, **kw) -> Decision:
    if absent[kind].startswith("no " + FILE_HINTS[kind] + " in "):
        return vd.missing_gate(rule, metric, FILE_HINTS[kind], data_dir, params_key=key, **kw)
    return Decision("category", rule, metric, None, "", "unknown",
                    Phrase(N_("{absent}: cannot judge {metric}"), absent=absent[kind], metric=Phrase(metric)),
                    category=kw.get("category", ""), period=kw.get("period", ""), params_key=key)


def _trend_gates(ta: tr.TrendAnalysis, src: str, slug: str, period: str) -> list[Decision]:
    gates = [d for d in ta.decisions if d.unique_id == ta.category.get("unique_id")]
    if gates:
        return gates
    src = src or FILE_HINTS["trends"]  # e.g. only a partial week in the export
    return [Decision("category", rule, metric, None, "", "unknown",
                     Phrase(N_("the Google Trends export {file} has no complete period to judge {metric}"), file=src,
                            metric=Phrase(metric)),
                     src, slug, period, key)
            for rule, metric, key in (("R1.1.trend", "the trend", "trends.growth_rising_min"),
                                      ("R1.1.seasonality", "seasonality", "trends.seasonal_swing_min"))]


class _Background:
    """``fn(*args)`` started at once, its result taken with :meth:`result`; a context manager
    (leaving it stops a helper whose result was not taken, e.g. after an error).

    With ``jobs`` > 1 (where processes can fork) ``fn`` runs in a forked helper process beside
    the caller's own work: the helper starts from a copy of this process (imports done, the
    data in memory, nothing to send it) and sends back only its pickled result. Otherwise,
    or when the helper fails in any way, :meth:`result` computes it here, so the result (or
    the error raised) never depends on ``jobs``.

    >>> with _Background(2, sum, [1, 2, 3]) as job:
    ...     job.result()
    6
    """

    def __init__(self, jobs: int, fn: Callable, *args, wait_s: float = 120.0):
        self.fn, self.args, self.helper, self.receive, self.wait_s = fn, args, None, None, wait_s
        if jobs > 1 and "fork" in multiprocessing.get_all_start_methods():
            ctx = multiprocessing.get_context("fork")
            self.receive, send = ctx.Pipe(duplex=False)
            # the helper's garbage collections leave the objects it inherits alone (frozen), so
            # it does not copy every memory page they live on (gc.freeze's documented use)
            gc.freeze()
            try:
                self.helper = ctx.Process(target=_send_result, args=(send, fn, args), daemon=True)
                self.helper.start()
            except OSError as exc:  # no process to spare: result() computes here
                log.warning("no helper process (%s): computing here", exc)
                self.helper = None
            finally:
                gc.unfreeze()
                send.close()

    def result(self):
        ok, value = False, None
        if self.helper is not None:
            try:
                if self.receive.poll(self.wait_s):  # a result, or the end of a helper that died
                    ok, value = self.receive.recv()
                else:  # a helper stuck (e.g. on a lock a thread held when it forked) never hangs the report
                    log.warning("no result from the helper process in %s s: computing here", self.wait_s)
            except (EOFError, OSError):  # the helper died
                pass
            self.close()
        return value if ok else self.fn(*self.args)  # a failure raises here, as without a helper

    def close(self) -> None:
        if self.helper is not None:
            if self.helper.is_alive():
                self.helper.terminate()
            self.helper.join()
            self.helper = None
        if self.receive is not None:
            self.receive.close()
            self.receive = None

    def __enter__(self):
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def _send_result(conn, fn: Callable, args: tuple) -> None:
    """In the helper process: compute and send ``(True, result)``, or ``(False, None)``.

    The helper writes nothing: its streams are the kernel's (a Jupyter kernel's are shared with
    threads the fork did not copy), and the page leaves warnings out anyway."""
    sys.stdout = sys.stderr = io.StringIO()
    try:
        out = (True, fn(*args))
    except BaseException:  # the caller computes again and raises the error itself
        out = (False, None)
    try:
        conn.send(out)
    except Exception:  # an unpicklable result: the caller computes it itself
        conn.send((False, None))
    finally:
        conn.close()


def _trend_analysis(trends: pd.DataFrame | None, params: dict, trends_file: str, kw: dict) -> tr.TrendAnalysis:
    """R1.1 search interest (the empty analysis without a trends export)."""
    if trends is None:
        return tr.analyse_trends(empty_frame("trends"), params, **kw)
    return tr.analyse_trends(trends, params, source_file=trends_file, **kw)


def run_research(data, params: dict, period: str, *, rules: RuleSet | None = None,
                 as_of: Callable | None = None, jobs: int = 1) -> Research:
    """Run every R1/R2.1 analysis of one category once.

    Parameters
    ----------
    data : the category's data (:func:`seller_lab.sources.load_category`)
    params : loaded params (:func:`seller_lab.params.load_params`)
    period : the research period (``YYYY-MM``), recorded in every Decision
    rules : the compliance rules (:func:`seller_lab.sources.rules.load_rule_set`); read from
        the params folder when omitted
    as_of : ``as_of(data, period) -> data``, the one place where the data is cut at the
        period's end (default :func:`seller_lab.asof.data_as_of`: only what was knowable at
        the end of ``period``)
    jobs : processes for the analysis. With 2, the R1.1 search-interest analysis runs in a
        forked helper process while this one analyses the competitors and the texts: same
        result, less waiting when a core is free (a report that runs alone); 1 (default) when
        the cores are busy anyway (a batch of reports in parallel)

    Returns
    -------
    Research, frozen; nothing is computed again when it is rendered. A period before every
    dated research input gives ``no_data=True`` and the verdict 'unknown'.
    """
    # --- period as-of: the ONE place the inputs are cut at the period's end --------------------
    period = str(period)
    end = period_end(period)
    cov = coverage(data, end)
    data = (as_of or data_as_of)(data, period)
    no_data = _before_any_data(cov)
    if no_data:
        data = _empty_inputs(data)
    settings = research_settings(params)
    slug = params["category"]["slug"]
    data_dir = str(params["category"].get("data_dir") or "")
    missing = [k for k in FILE_HINTS if _missing(data, k)]
    absent = {k: _absent_text(k, cov, end, data_dir, no_data) for k in missing}
    notes = [absent[k] for k in missing]
    kinds = ("trends", "posts", "questions", "reviews", "listings", "pilot")
    sources = {k: source_files(data, k) for k in kinds}
    kw = {"category": slug, "period": period}
    # R1.1 search interest: independent of the rest, so with jobs=2 a helper process analyses it
    # while this one analyses the competitors and the texts
    reviews = None if "reviews" in missing else data.reviews
    listings = None if "listings" in missing else data.listings
    posts = None if "posts" in missing else data.posts
    questions = None if "questions" in missing else data.questions
    with _Background(jobs, _trend_analysis, None if "trends" in missing else data.trends, params,
                     sources["trends"], kw, wait_s=settings.research.helper_wait_s) as trend_job:
        # R1.2 competition
        if listings is None:
            ca = None
            comp_gates = [_gate("R1.2.competitors_in_band", "competitors in the review/rating band", "listings",
                                "competition.review_count_min", absent, data_dir, **kw),
                          _gate("R1.2.entry_band", "price bands", "listings", "competition.price_bands",
                                absent, data_dir, **kw)]
        else:
            ca = comp.analyse_competition(listings, reviews, params, listings_file=sources["listings"], **kw)
            comp_gates = ca.decisions
        # R1.1 pain points and Q&A demand gaps
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
        ta = trend_job.result()
    if "trends" in missing:
        trend_gates = [_gate("R1.1.trend", "the trend of search interest", "trends", "trends.growth_rising_min",
                             absent, data_dir, **kw),
                       _gate("R1.1.seasonality", "seasonality", "trends", "trends.seasonal_swing_min",
                             absent, data_dir, **kw)]
    else:
        trend_gates = _trend_gates(ta, sources["trends"], slug, period)
    # R1.3 compliance (evaluated once), R1.4 verdict, R2.1 plan
    cd, cres = vd.compliance_gates(params, listings=listings, rules=rules, **kw)
    cd = [dataclasses.replace(d, category=d.category or slug, period=d.period or period) for d in cd]
    proposals = vd.propose_selling_points(pp, themes, ca.differentiation if ca is not None else None, params)
    # what selling points are found in: posts, the Q&A checked against competitor listings (a demand gap is a
    # question no listing answers: Q&A without listings finds none), reviews
    gap_input = "questions" if "questions" in missing else "listings"
    text_inputs = [k for k in ("posts", gap_input, "reviews") if k in missing]
    text_missing = [FILE_HINTS[k] for k in text_inputs]
    dgate = vd.differentiation_gate(proposals, params, have_text=len(text_missing) < 3,
                                    missing_text=text_missing, **kw)
    if len(text_missing) == 3 and any(not absent[k].startswith("no ") for k in text_inputs):
        dgate = dataclasses.replace(dgate, reason=Phrase(
            N_("{absent}: cannot find pain points, demand gaps or competitor negatives"),
            absent=[absent[k] for k in text_inputs]))
    plan = small_batch_plan(params, period=period)
    if no_data:  # no GO/REJECT on nothing: the compliance gates stay on the page, not in the verdict
        v = vd.combine([*trend_gates, *comp_gates, dgate])
        v = dataclasses.replace(v, verdict="unknown", reason=_no_data_reason(cov, end))
    else:
        v = vd.combine([*trend_gates, *comp_gates, dgate, *cd])
    v = dataclasses.replace(v, selling_points=proposals,
                            risks=vd.risks(ta.category or None, ca, cres, plan, notes, pp, params))
    return Research(slug=slug, display_name=str(params["category"].get("display_name") or slug), period=period,
                    data_dir=data_dir, missing=tuple(missing), missing_notes=tuple(notes), sources=sources,
                    trends=ta, trend_row=ta.category, competition=ca,
                    local_brands=ca.local_brands if ca is not None else comp.local_brands(params),
                    pain_points=pp, themes=themes, question_urls=urls, compliance=cres,
                    compliance_decisions=tuple(cd), verdict=v, plan=plan, settings=settings,
                    as_of=end, coverage=cov, no_data=no_data)


def verdict_history(data, params: dict, periods: Iterable[str], *, rules: RuleSet | None = None) -> pd.DataFrame:
    """The verdict backtest: the research re-run as of the end of each period.

    Parameters
    ----------
    data : the category's full data (:func:`seller_lab.sources.load_category`)
    params : loaded params
    periods : period labels (``2024-06``, ``2025-Q2``, ``2026``), in the order wanted
    rules : the compliance rules, read once from the params folder when omitted

    Returns
    -------
    DataFrame with :data:`HISTORY_COLUMNS`, one row per period: the verdict and its reason,
    the category trend call and 12-month growth, comparable competitors, pain-point themes,
    demand gaps, differentiating selling points and the rows of each text input knowable then
    (NaN where nothing could be judged).

    Examples
    --------
    >>> from seller_lab.params import load_params
    >>> from seller_lab.sources.category import CategoryData
    >>> p = load_params("camping-chair-de")
    >>> verdict_history(CategoryData(params=p), p, ["2025-06"])[["period", "verdict"]].values.tolist()
    [['2025-06', 'unknown']]
    """
    rows = []
    for period in periods:
        r = run_research(data, params, str(period), rules=rules)
        t = r.trend_row or {}
        used = r.coverage.set_index("kind")["rows_as_of"]
        gate = {g.rule: g.value for g in r.verdict.gates}
        n_in_band = gate.get("R1.2.competitors_in_band")
        rows.append({"period": r.period, "as_of": r.as_of, "verdict": r.verdict.verdict,
                     "trend_call": t.get("call", "unknown") if not r.no_data else "unknown",
                     "growth": t.get("growth", float("nan")),
                     "competitors_in_band": n_in_band if n_in_band is not None else float("nan"),
                     "pain_points": len(r.pain_points), "demand_gaps": len(r.gaps),
                     "differentiators": len(r.verdict.selling_points),
                     **{f"{k}_rows": 0 if r.no_data else int(used.get(k, 0))
                        for k in ("trends", "posts", "reviews", "questions")},
                     "reason": r.verdict.reason})
    out = pd.DataFrame(rows, columns=HISTORY_COLUMNS)
    out["growth"] = pd.to_numeric(out["growth"], errors="coerce")
    out["competitors_in_band"] = pd.to_numeric(out["competitors_in_band"], errors="coerce")
    return out
