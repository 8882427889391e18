"""R1.4 the research verdict: go / watch / reject, with every gate listed as a Decision.

Gates (each a :class:`seller_lab.decisions.Decision`, thresholds from params):

* **demand** — the category-level ``R1.1.trend`` (rising go / flat watch / falling reject,
  ``research.trend_verdicts``) and ``R1.1.seasonality`` (seasonal -> ``research.seasonal_verdict``);
* **competition** — ``R1.2.competitors_in_band`` (>= ``competition.min_in_band`` competitors
  with 100–500 reviews and 4.0–4.5★) and ``R1.2.entry_band`` (a reachable price band);
* **differentiation** — ``R1.4.differentiation``: pain points + demand gaps + competitor
  negatives give at least ``research.min_differentiators`` candidate selling points;
* **compliance** — the R1.3 Decisions of ``seller_lab.research.compliance.compliance_check``.

A missing input gives an 'unknown' gate naming the missing export, never a guess. The overall
verdict is :func:`seller_lab.decisions.worst` of the gates (reject > watch > unknown > go)
with a one-sentence reason built from the deciding gates.

Examples
--------
>>> from seller_lab.decisions import Decision
>>> g = [Decision("category", "R1.1.trend", "growth", 0.2, ">= 0.1", "go", "interest is rising"),
...      Decision("category", "R1.1.seasonality", "strength", 0.9, "< 0.4", "watch", "seasonal, peak May–Jul")]
>>> v = combine(g)
>>> v.verdict, v.reason
('watch', 'watch: seasonal, peak May–Jul.')
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from ..decisions import SEVERITY, Decision, threshold_rule, to_frame, worst
from ..errors import SellerLabError
from ..i18n import N_
from ..settings import ResearchSettings
from ..sources.rules import RuleSet
from .competition import concept_of
from .compliance import ComplianceResult, compliance_check
from .phrase import Months, Phrase
from .trends import MONTHS

__all__ = [
    "OVERALL", "PROPOSAL_COLUMNS", "Verdict", "combine", "compliance_gates", "differentiation_gate", "gap_proposal",
    "missing_gate", "propose_selling_points", "risks",
]

OVERALL = {"go": "go", "pass": "go", "ok": "go", "watch": "watch", "alert": "watch", "iterate": "watch",
           "reject": "reject", "fail": "reject", "stop": "reject", "unknown": "unknown"}
PROPOSAL_COLUMNS = ["source", "evidence", "proposal"]
#: Where a proposed selling point comes from (the ``source`` column), as the catalog knows them.
DEMAND_GAP, PAIN_POINT, COMPETITOR_NEGATIVES = N_("demand gap"), N_("pain point"), N_("competitor negatives")
FINDING = N_("asked {n} times; answered by {m} of {k} listings")
#: The R1.4 differentiation gate: metric and reasons (catalog templates).
DIFFERENTIATION_METRIC = N_("differentiation candidates")
DIFFERENTIATORS_OK = N_("{value} differentiating selling points found ({detail}){missing}")
DIFFERENTIATORS_BAD = N_("only {value} differentiating selling points found (< {threshold}){missing}")


@dataclass(frozen=True)
class Verdict:
    """The R1.4 outcome: overall verdict, its one-sentence reason, the gates (Decisions),
    proposed differentiating selling points and the risks."""

    verdict: str
    reason: str
    gates: list[Decision]
    selling_points: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=PROPOSAL_COLUMNS))
    risks: list[str] = field(default_factory=list)

    def gates_frame(self) -> pd.DataFrame:
        """The gates as the canonical decisions frame."""
        return to_frame(self.gates)


def combine(gates: list[Decision]) -> Verdict:
    """Overall verdict = the worst gate; the reason quotes the gates that decided it."""
    if not gates:
        return Verdict("unknown", Phrase(N_("unknown: no gate could be evaluated.")), [])
    overall = OVERALL.get(worst([g.verdict for g in gates]), "unknown")
    if overall == "go":
        shorts = list(dict.fromkeys(_short(g) for g in gates))
        reason = Phrase(N_("go: every gate passes — {gates}."), gates=shorts)
    else:
        level = max(SEVERITY.get(g.verdict, 1) for g in gates)
        deciding = _merge_missing([g.reason for g in _said_once(gates) if SEVERITY.get(g.verdict, 1) == level])
        template = {"watch": N_("watch: {reasons}."), "reject": N_("reject: {reasons}.")}.get(
            overall, N_("unknown: {reasons}."))
        reason = Phrase(template, reasons=deciding)
    return Verdict(overall, reason, list(gates))


def _said_once(decisions: list[Decision]) -> list[Decision]:
    """The decisions a sentence names: with no compliance rule on file, the certification cost and the
    restricted items are unknown for that one reason, said once (the gates table keeps all three)."""
    if not any(d.rule == "R1.3.rules_on_file" and d.verdict == "unknown" for d in decisions):
        return list(decisions)
    return [d for d in decisions if not d.rule.startswith("R1.3.") or d.rule == "R1.3.rules_on_file"]


def _merge_missing(reasons: list) -> list:
    """The reasons of the deciding gates, each said once: gates that miss the same export are one reason naming
    what it cannot judge ('no Google Trends export … in data/x: cannot judge the trend of search interest and
    seasonality'), not one reason per gate on the first screen.

    >>> a = missing_gate("R1.1.trend", "the trend", "Google Trends export", "data/x").reason
    >>> b = missing_gate("R1.1.seasonality", "seasonality", "Google Trends export", "data/x").reason
    >>> [str(r) for r in _merge_missing([a, b, "x", "x"])]
    ['no Google Trends export in data/x: cannot judge the trend and seasonality', 'x']
    """
    out: list = []
    merged: dict[tuple, int] = {}  # (export, folder) -> its place in ``out``
    for r in reasons:
        if isinstance(r, Phrase) and r.template == MISSING:
            key = (str(r.values["what"]), str(r.values["folder"]))
            if key in merged:
                first = out[merged[key]]
                out[merged[key]] = Phrase(MISSING, what=first.values["what"], folder=first.values["folder"],
                                          metric=Phrase(N_("{first} and {second}"), first=first.values["metric"],
                                                        second=r.values["metric"]))
                continue
            merged[key] = len(out)
        if r not in out:
            out.append(r)
    return out


MISSING = N_("no {what} in {folder}: cannot judge {metric}")


def _short(g: Decision) -> str:
    """A few words per passing gate for the go sentence (the full reasons stay in the gates table)."""
    inp = g.inputs or {}
    if g.rule == "R1.1.trend":
        v = g.value if isinstance(g.value, (int, float)) else float("nan")
        call = Phrase(str(inp.get("call", "rising")))
        return (Phrase(N_("interest {call} ({growth:+.0%} vs a year ago)"), call=call, growth=v) if v == v
                else Phrase(N_("interest {call}"), call=call))
    if g.rule == "R1.1.seasonality":
        return Phrase(str(inp.get("call", "not seasonal")))
    if g.rule == "R1.2.competitors_in_band":
        return Phrase(N_("{n} comparable competitors"), n=g.value)
    if g.rule == "R1.2.entry_band":
        return Phrase(N_("entry band {band}"), band=g.value)
    if g.rule == "R1.4.differentiation":
        return Phrase(N_("{n} differentiating selling points"), n=g.value)
    if g.rule.startswith("R1.3"):
        return Phrase(N_("compliance passes")) if g.rule != "R1.3.cert_cost_share" else g.reason
    return g.reason.split(";")[0]


def missing_gate(rule: str, metric: str, what: str, data_dir: str, *, category: str = "", period: str = "",
                 params_key: str = "") -> Decision:
    """An 'unknown' gate that says which export is missing (never a guess).

    >>> missing_gate("R1.1.trend", "growth", "Google Trends export (multiTimeline.csv)", "data/x").reason
    'no Google Trends export (multiTimeline.csv) in data/x: cannot judge growth'
    """
    return Decision(unique_id="category", rule=rule, metric=metric, value=None, threshold="", verdict="unknown",
                    reason=Phrase(MISSING, what=Phrase(what),
                                  folder=data_dir or Phrase(N_("the data folder")), metric=Phrase(metric)),
                    category=category, period=period, params_key=params_key)


def compliance_gates(params: dict, *, listings: pd.DataFrame | None = None, rules: RuleSet | None = None,
                     category: str = "", period: str = "") -> tuple[list[Decision], ComplianceResult | None]:
    """``(decisions, result)`` of the R1.3 compliance pre-check (run once); an 'unknown' gate
    when the pre-check cannot judge this market × category (no rule on file, unreadable rules).

    >>> from seller_lab.params import load_params
    >>> gates, _ = compliance_gates(load_params("kids-toy-us"))
    >>> sorted({g.verdict for g in gates if g.rule == "R1.3.cert_cost_share"})
    ['reject']
    """
    try:
        result = compliance_check(params, listings=listings, rules=rules, period=period)
    except SellerLabError as exc:
        return [Decision("category", "R1.3.compliance", "compliance pre-check", None, "", "unknown",
                         f"compliance pre-check failed: {exc}", category=category, period=period)], None
    decisions = list(getattr(result, "decisions", []) or [])
    if not decisions:
        decisions = [Decision("category", "R1.3.compliance", "compliance pre-check", None, "", "unknown",
                              "no compliance rule was evaluated — check before sourcing",
                              category=category, period=period)]
    return decisions, result


def _concept_proposal(words, params: dict) -> tuple[str, str]:
    """The lexicon concept of the first word that names one, and its proposal: the params text
    (``research.differentiation``) as a :class:`Phrase`, said through the catalog when it is a
    shipped default and shown as written when the seller wrote it."""
    table = (params.get("research") or {}).get("differentiation") or {}
    lang = str((params.get("category") or {}).get("language") or "en")
    for w in words:
        c = concept_of(str(w), lang, wanted=table)
        if c in table:
            return c, Phrase(str(table[c]))
    return "", ""


def gap_proposal(theme_key: str, terms, theme: str, params: dict) -> str:
    """What to offer for a demand gap ('power' -> 'an EU 230 V version with an EU plug').

    >>> gap_proposal("plate large", ["Teller"], "Teller · große", {"research": {"differentiation":
    ...     {"plate": "room for large plates"}}, "category": {"language": "de"}})
    'room for large plates'
    """
    _, prop = _concept_proposal([theme_key, *list(terms)], params)
    return prop or Phrase(N_("answer '{theme}' on the listing"), theme=theme)


def propose_selling_points(pain_points: pd.DataFrame | None, gaps: pd.DataFrame | None,
                           differentiation: pd.DataFrame | None, params: dict) -> pd.DataFrame:
    """Differentiating selling points from demand gaps, pain points and competitor negatives.

    Returns ``source, evidence, proposal`` (demand gaps first: nobody answers them), one row
    per distinct proposal.

    >>> gaps = pd.DataFrame({"theme": ["volt · steckdose"], "theme_key": ["power volt"], "terms": [["volt"]],
    ...     "gap": [True], "finding": ["asked 31 times; answered by 0 of 10 listings"]})
    >>> p = {"research": {"differentiation": {"power": "an EU 230 V version"}}, "category": {"language": "de"}}
    >>> propose_selling_points(None, gaps, None, p)["proposal"].tolist()
    ['an EU 230 V version']
    """
    rows = []
    if gaps is not None and len(gaps):
        g = gaps[gaps["gap"].astype(bool)] if "gap" in gaps else gaps
        counted = {"questions", "listings_answering", "listings_checked"} <= set(g.columns)
        for r in g.itertuples(index=False):
            finding = (Phrase(FINDING, n=int(r.questions), m=int(r.listings_answering), k=int(r.listings_checked))
                       if counted else r.finding)
            rows.append((DEMAND_GAP, Phrase("{theme}: {finding}", theme=r.theme, finding=finding),
                         gap_proposal(r.theme_key, r.terms, r.theme, params)))
    if pain_points is not None and len(pain_points):
        for r in pain_points.itertuples(index=False):
            q = r.quotes[0] if len(r.quotes) else ""
            _, prop = _concept_proposal(list(r.terms) + [r.theme, q], params)
            if not prop:  # a theme the lexicon cannot name is shown in the pain-point section only
                continue
            ev = (Phrase(N_("pain point '{theme}' ({n} statements): “{quote}”"), theme=r.theme,
                         n=int(r.statements), quote=q) if q else
                  Phrase(N_("pain point '{theme}' ({n} statements)"), theme=r.theme, n=int(r.statements)))
            rows.append((PAIN_POINT, ev, prop))
    if differentiation is not None and len(differentiation):
        table = (params.get("research") or {}).get("differentiation") or {}
        for r in differentiation.itertuples(index=False):
            if r.concept in table:
                rows.append((COMPETITOR_NEGATIVES, Phrase(N_("'{reason}' in {n} negative reviews"), reason=r.reason,
                                                          n=int(r.negative_reviews)), Phrase(str(table[r.concept]))))
    out = pd.DataFrame(rows, columns=PROPOSAL_COLUMNS)
    return out.drop_duplicates("proposal").reset_index(drop=True)


def differentiation_gate(proposals: pd.DataFrame, params: dict, *, have_text: bool, missing_text: list[str],
                         category: str = "", period: str = "") -> Decision:
    """``R1.4.differentiation``: enough candidate selling points to stand out.

    >>> sp = pd.DataFrame({"source": ["demand gap"], "evidence": ["x"], "proposal": ["an EU 230 V version"]})
    >>> from seller_lab.params import load_params
    >>> differentiation_gate(sp, load_params(), have_text=True, missing_text=[]).verdict
    'pass'
    """
    rs = ResearchSettings.from_params(params)
    exports = _listed([Phrase(str(m)) for m in missing_text])  # export names, as the catalog knows them
    if not have_text:
        return Decision("category", "R1.4.differentiation", DIFFERENTIATION_METRIC, None,
                        f">= {rs.min_differentiators}", "unknown",
                        Phrase(N_("no text to find selling points in ({exports} missing): cannot find pain points, "
                                  "demand gaps or competitor negatives"), exports=exports), category=category, period=period,
                        params_key="research.min_differentiators")
    counts = proposals["source"].value_counts().to_dict() if len(proposals) else {}
    detail = (_listed([Phrase(N_("{n} from {source}"), n=v, source=Phrase(str(k))) for k, v in counts.items()])
              or Phrase(N_("none")))
    miss = Phrase(N_("; not searched: {exports} missing"), exports=exports) if missing_text else ""
    return threshold_rule("category", "R1.4.differentiation", DIFFERENTIATION_METRIC,
                          value=len(proposals), params=rs.as_params(), key="research.min_differentiators", op=">=",
                          ok_verdict="pass", bad_verdict="watch", reason_ok=DIFFERENTIATORS_OK,
                          reason_bad=DIFFERENTIATORS_BAD, category=category, period=period,
                          inputs={**counts, "detail": detail, "missing": miss})


def _listed(items: list) -> Phrase | str:
    """Phrases as one comma-separated phrase ('4 from pain point, 2 from demand gap'); '' when none."""
    if not items:
        return ""
    return Phrase(", ".join(f"{{p{i}}}" for i in range(len(items))), **{f"p{i}": x for i, x in enumerate(items)})


def risks(trend_row: dict | None, competition, compliance_result, plan, missing_notes: list[str],
          pain_points: pd.DataFrame | None, params: dict) -> list[str]:
    """Plain-language risks of entering the category (demand, competition, compliance, price, data).

    >>> risks({"seasonal_call": "seasonal", "peak_months": ["May", "Jun", "Jul"]}, None, None, None, [], None, {})[0][:32]
    'seasonal demand (peak May–Jul): '
    """
    out: list[str] = []
    if trend_row:
        if trend_row.get("seasonal_call") == "seasonal":
            peaks = trend_row.get("peak_months") or []
            numbers = [MONTHS.index(m) + 1 for m in (peaks[0], peaks[-1]) if m in MONTHS] if peaks else []
            span = Months(numbers if len(peaks) > 1 else numbers[:1]) if numbers else Phrase(N_("the peak"))
            out.append(Phrase(N_("seasonal demand (peak {span}): stock must arrive 2–3 months before the peak and "
                                 "sell through it, or cash is tied up until next season"), span=span))
        if trend_row.get("trend_call") == "falling":
            out.append(Phrase(N_("search interest is falling: the market may shrink while stock is at sea")))
    if competition is not None:
        ex = competition.filter.excluded
        big = int(ex["reason"].str.contains("head-on", regex=False).sum()) if len(ex) else 0
        n = len(competition.filter.kept) + len(ex)
        if big:
            out.append(Phrase(N_("{big} of {n} listings have more reviews than the filter allows: established "
                                 "listings dominate search and can undercut on price"), big=big, n=n))
        e = competition.bands[competition.bands["entry"]] if len(competition.bands) else competition.bands
        if plan is not None and len(e) and plan.test_price > float(e["price_to"].iloc[0]):
            out.append(Phrase(N_("the test price {price:,.2f} {currency} is above the entry band ({band}): a weak "
                                 "pilot conversion may reflect price, not demand"), price=plan.test_price,
                              currency=plan.currency, band=e["band"].iloc[0]))
        out.append(Phrase(N_("sales per band are Helium 10 / Jungle Scout estimates, not measured sales")))
    if compliance_result is not None:
        for d in _said_once(list(getattr(compliance_result, "decisions", []) or [])):
            if d.verdict in ("reject", "unknown", "watch"):
                out.append(Phrase(N_("compliance: {reason}"), reason=d.reason))
    if pain_points is not None and len(pain_points):
        top = pain_points.iloc[0]
        out.append(Phrase(N_("buyers' top complaint is '{theme}': our product must solve it, or it becomes our "
                             "negative reviews too"), theme=top["theme"]))
    out += missing_notes
    return out
