"""Compliance pre-check (R1.3): certifications, their cost against expected profit, and
prohibited / restricted items — each rule citing its authority.

The rules dataset (``params/compliance/*.yaml``) is read and validated by
:mod:`seller_lab.sources.rules`; the check here is pure (params, listings and a
:class:`~seller_lab.sources.rules.RuleSet` in, a :class:`ComplianceResult` out) and the page
renders it in :mod:`seller_lab.report.sections.research`. The check:

1. **rules on file** — the market × ``category.compliance_category`` must have rules; when it
   has none the verdict is ``unknown`` ("no rule on file — check before sourcing"), never a
   silent pass;
2. **certification cost share** — the mandatory rules' typical costs (the end of the range
   named by ``compliance.cost_estimate``, ``high`` by default: conservative until a lab
   quotes), converted into the category currency, divided by the expected first-year profit
   from ``category.unit_economics`` (:func:`expected_profit`); above
   ``compliance.max_cert_cost_share_of_profit`` (30 %) → reject;
3. **prohibited / restricted items** — keyword lists matched against the product text
   (display name, keywords, selling points) and competitor listing titles → the item's
   verdict (reject, or watch for items that are allowed with paperwork), the rule cited.

Costs are estimates (typical published ranges), and every output says so.

Examples
--------
>>> from seller_lab.params import load_params
>>> res = compliance_check(load_params("kids-toy-us"))
>>> res.verdict, res.arithmetic["cost_basis"]
('reject', 'high')
>>> round(res.arithmetic["expected_profit"], 1), res.arithmetic["share"] > 0.30
(7241.5, True)
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field

import pandas as pd

from ..decisions import Decision, threshold_rule, worst
from ..errors import ParamsError
from ..i18n import N_
from ..settings import ComplianceSettings
from ..sources.rules import RuleSet, load_rule_set
from .phrase import Phrase

__all__ = ["NO_RULE", "RULE_COST_KEY", "ComplianceResult", "compliance_check", "expected_profit", "money"]

NO_RULE = N_("no rule on file — check before sourcing")
#: The cost bases (``compliance.cost_estimate``) as the catalog knows them.
COST_BASES = (N_("low"), N_("mid"), N_("high"))
RULE_COST_KEY = "compliance.max_cert_cost_share_of_profit"
#: Reasons of the R1.3 cost-share gate (catalog templates; the report shows them translated).
COST_SHARE_OK = N_("certification {cost_txt} ({basis} estimate) is {value:.0%} of expected first-year profit "
                   "{profit_txt}, within {threshold:.0%}")
COST_SHARE_BAD = N_("certification {cost_txt} ({basis} estimate) is {value:.0%} of expected first-year profit "
                    "{profit_txt}, above {threshold:.0%}")
COST_SHARE_MISSING = N_("unit economics not set in params (category.unit_economics): cannot judge {metric}")
COST_UNKNOWN = N_("certification cost unknown ({no_rule}: {label})")
#: Metrics and thresholds of the R1.3 decisions (catalog templates).
RULES_METRIC = N_("compliance rules on file for {label}")
COST_METRIC = N_("certification cost / expected first-year profit")
ITEMS_METRIC = N_("prohibited/restricted items matched")
ITEM_METRIC = N_("{kind} item {rule_id}")
ITEMS_THRESHOLD = N_(">= 1 product text or >= {n} listing titles")
#: Kinds of a prohibited / restricted item (``params/compliance``), as the catalog knows them.
ITEM_KINDS = (N_("prohibited"), N_("restricted"))
#: Where a keyword matched: the product's own texts and the competitor listings.
PRODUCT_TEXTS = {"product name": N_("product name '{text}'"), "category keyword": N_("category keyword '{text}'"),
                 "selling point": N_("selling point '{text}'")}
LISTING_TEXT = N_("listing {asin} '{title}'")
LISTING_TITLE = N_("listing '{title}'")
_SYMBOLS = {"USD": "$", "EUR": "€", "GBP": "£", "JPY": "¥"}


@dataclass(frozen=True, eq=False)
class ComplianceResult:
    """Outcome of :func:`compliance_check`.

    Attributes
    ----------
    rules : DataFrame
        The requirement rules that apply to this market × category (``load_rules`` columns
        plus ``cost_low_cat``, ``cost_high_cat`` in the category currency and ``counted``:
        mandatory rules are costed, advisory ones shown only).
    prohibited : DataFrame
        Matched prohibited/restricted items: ``rule_id, item, kind, verdict, keyword,
        matched_in, product_hits, listing_hits, authority, citation, notes``.
    arithmetic : dict
        ``currency, cost_low, cost_mid, cost_high, cost_used, cost_basis, cost_basis_note,
        expected_profit, profit_per_unit, units, share, threshold, lead_time_days, sentence``
        and the profit terms of :func:`expected_profit` under ``profit``.
    decisions : list of Decision
        ``R1.3.rules_on_file``, ``R1.3.cert_cost_share`` and ``R1.3.prohibited`` records.
    verdict : str
        The worst decision verdict (reject > watch > unknown > pass).
    reason : str
        The reasons of the decisions behind that verdict.
    market, category : str
        The market and compliance category judged (after aliases).
    """

    rules: pd.DataFrame
    prohibited: pd.DataFrame
    arithmetic: dict
    decisions: list = field(default_factory=list)
    verdict: str = "unknown"
    reason: str = ""
    market: str = ""
    category: str = ""


# ------------------------------------------------------------------------------------------------
# unit economics
# ------------------------------------------------------------------------------------------------
def expected_profit(params: dict) -> dict:
    """Expected profit per unit and per year from ``category.unit_economics``, every term shown.

    ``price_net = planned_price / (1 + vat_rate)`` (the listed price includes VAT at that
    rate); the referral fee is charged on the listed price incl. VAT (as Amazon does);
    ``profit_per_unit = price_net - referral_fee - fulfilment_fee - landed_cost``;
    ``profit_per_year = profit_per_unit × expected_units_first_year``.

    Examples
    --------
    >>> p = {"category": {"currency": "USD", "unit_economics": {"planned_price": 24.99,
    ...      "vat_rate": 0.0, "landed_cost": 9.0, "referral_fee_rate": 0.15,
    ...      "fulfilment_fee": 5.0, "expected_units_first_year": 1000}}}
    >>> e = expected_profit(p)
    >>> round(e["profit_per_unit"], 2), round(e["profit_per_year"], 1)
    (7.24, 7241.5)
    >>> e["formula"]
    '24.99 price − 0.00 VAT (0 %) − 3.75 referral fee (15 % of 24.99) − 5.00 fulfilment − 9.00 landed cost = 7.24 per unit × 1,000 units = 7,242 per year (USD)'
    """
    cat = params.get("category", {})
    ue = cat.get("unit_economics", {})
    price = float(ue.get("planned_price") or 0.0)
    vat_rate = float(ue.get("vat_rate") or 0.0)
    fee_rate = float(ue.get("referral_fee_rate") or 0.0)
    fulfilment = float(ue.get("fulfilment_fee") or 0.0)
    landed = float(ue.get("landed_cost") or 0.0)
    units = int(ue.get("expected_units_first_year") or 0)
    price_net = price / (1.0 + vat_rate)
    vat = price - price_net
    referral = fee_rate * price
    per_unit = price_net - referral - fulfilment - landed
    per_year = per_unit * units
    ccy = str(cat.get("currency") or "")
    formula = Phrase(N_("{price:,.2f} price − {vat:,.2f} VAT ({vat_pct:.0f} %) − {referral:,.2f} referral fee "
                        "({fee_pct:.0f} % of {price:,.2f}) − {fulfilment:,.2f} fulfilment − {landed:,.2f} landed "
                        "cost = {per_unit:,.2f} per unit × {units:,} units = {per_year:,.0f} per year ({ccy})"),
                     price=price, vat=vat, vat_pct=vat_rate * 100, referral=referral, fee_pct=fee_rate * 100,
                     fulfilment=fulfilment, landed=landed, per_unit=per_unit, units=units,
                     per_year=round(per_year, 2), ccy=ccy)
    return {"currency": ccy, "planned_price": price, "vat_rate": vat_rate, "vat_per_unit": vat,
            "price_net": price_net, "referral_fee_rate": fee_rate, "referral_fee_per_unit": referral,
            "fulfilment_fee": fulfilment, "landed_cost": landed, "profit_per_unit": per_unit,
            "units_per_year": units, "profit_per_year": per_year, "formula": formula}


# ------------------------------------------------------------------------------------------------
# matching
# ------------------------------------------------------------------------------------------------
_EDGE = "0-9a-zà-öø-ÿß"


def _keyword_regex(words) -> str:
    """One alternation of whole-word keywords (plural s/es allowed; CJK words match anywhere)."""
    parts = []
    for w in sorted({str(w).lower().strip() for w in words if str(w).strip()}, key=len, reverse=True):
        pat = re.escape(w)
        if re.match(f"[{_EDGE}]", w[0]):
            pat = f"(?<![{_EDGE}])" + pat
        if re.match(f"[{_EDGE}]", w[-1]):
            pat += f"(?:e?s)?(?![{_EDGE}])"
        parts.append(pat)
    return "|".join(parts)


def _product_texts(params: dict) -> pd.Series:
    cat = params.get("category", {})
    items = [("product name", cat.get("display_name") or "")]
    items += [("category keyword", k) for k in cat.get("keywords") or []]
    items += [("selling point", s) for s in cat.get("selling_points") or []]
    return pd.Series([str(t) for _, t in items], index=[Phrase(PRODUCT_TEXTS[src], text=str(t)) for src, t in items],
                     dtype=object)


def _listing_texts(listings) -> pd.Series:
    if listings is None:
        return pd.Series([], dtype=object)
    if isinstance(listings, pd.DataFrame):
        if "title" not in listings.columns or listings.empty:
            return pd.Series([], dtype=object)
        titles = listings["title"].fillna("").astype(str)
        ids = (listings["asin"].fillna("").astype(str) if "asin" in listings.columns
               else pd.Series(range(len(listings)), index=listings.index).astype(str))
        where = [Phrase(LISTING_TEXT, asin=a, title=t) for a, t in zip(ids, titles.str.slice(0, 60), strict=True)]
        return pd.Series(titles.to_numpy(), index=pd.Index(where, dtype=object), dtype=object)
    titles = [str(t) for t in listings]
    return pd.Series(titles, index=pd.Index([Phrase(LISTING_TITLE, title=t[:60]) for t in titles], dtype=object),
                     dtype=object)


def _matches(texts: pd.Series, keywords, excludes) -> pd.Series:
    """First matched keyword per text ('' when none), after removing the excluded phrases."""
    if texts.empty:
        return pd.Series([], dtype=object)
    low = texts.astype(str).str.lower()
    ex = _keyword_regex(excludes)
    if ex:
        low = low.str.replace(ex, " ", regex=True)
    found = low.str.extract(f"({_keyword_regex(keywords)})", expand=False)
    return found.fillna("").astype(object)


def _applicable(rules: pd.DataFrame, product: pd.Series) -> pd.DataFrame:
    if rules.empty:
        return rules.assign(trigger=pd.Series(dtype=object))
    text = " | ".join(product.tolist())
    triggers = []
    for words in rules["applies_if"]:
        if not words:
            triggers.append("always")
            continue
        hit = _matches(pd.Series([text], dtype=object), words, []).iloc[0]
        triggers.append(Phrase(N_("product text mentions '{keyword}'"), keyword=hit) if hit else "")
    out = rules.assign(trigger=triggers)
    return out[out["trigger"] != ""].reset_index(drop=True)


def _resolve(value: str, known, aliases: dict, upper: bool) -> str:
    v = str(value or "").strip()
    v = v.upper() if upper else v.lower()
    return aliases.get(v, v) if v not in known else v


# ------------------------------------------------------------------------------------------------
# the check
# ------------------------------------------------------------------------------------------------
def money(value: float, ccy: str) -> str:
    """An amount with its currency symbol, rounded to whole units.

    >>> money(4200, "USD"), money(1234.5, "CHF")
    ('$4,200', '1,234 CHF')
    """
    sym = _SYMBOLS.get(ccy)
    num = f"{round(value, 2):,.0f}"
    return f"{sym}{num}" if sym else f"{num} {ccy}"


def _fx(rates: dict, rule_ccy: str, cat_ccy: str) -> float:
    if rule_ccy == cat_ccy:
        return 1.0
    for c in (rule_ccy, cat_ccy):
        if not rates.get(c):
            raise ParamsError("params/defaults.yaml", f"compliance.fx_to_usd.{c}",
                              f"no exchange rate for {c} (needed to compare a rule cost in {rule_ccy} "
                              f"with profit in {cat_ccy})", fix=f"add {c}: <USD per 1 {c}> to compliance.fx_to_usd")
    return float(rates[rule_ccy]) / float(rates[cat_ccy])


def compliance_label(market: str, category: str) -> Phrase | str:
    """'US × kitchen_storage'; a side the params leave empty names its key ('US × category.compliance_category
    not set'), never a bare '?'."""
    if market and category:
        return f"{market} × {category}"
    return Phrase(N_("{market} × {category}"), market=market or Phrase(N_("category.market not set")),
                  category=category or Phrase(N_("category.compliance_category not set")))


def compliance_check(params: dict, listings=None, rules: RuleSet | None = None, *, period: str = "",
                     settings: ComplianceSettings | None = None) -> ComplianceResult:
    """Run the R1.3 pre-check for one category.

    Parameters
    ----------
    params : loaded params (:func:`seller_lab.params.load_params`): ``category.market``,
        ``category.compliance_category``, ``category.unit_economics`` and ``compliance.*``.
    listings : optional competitor listings (canonical ``listings`` frame, or a list of
        titles) whose titles are matched against the prohibited/restricted keyword lists.
    rules : the validated rules dataset (:func:`seller_lab.sources.rules.load_rule_set`); when
        omitted it is read from the params folder's ``compliance.rules_dir`` (cached per folder).
    period : report period written into the Decision records (e.g. ``2026-11``).
    settings : the ``compliance`` thresholds (default: built from ``params``).

    Returns
    -------
    ComplianceResult with ``rules``, ``prohibited``, ``arithmetic``, ``decisions``,
    ``verdict`` and ``reason``.

    Examples
    --------
    >>> from seller_lab.params import load_params
    >>> p = load_params("kitchen-organizer-de")
    >>> compliance_check(p).verdict
    'pass'
    >>> compliance_check(p, listings=["Geschirrständer aus Polycarbonat"]).verdict
    'reject'
    >>> p["category"]["compliance_category"] = "garden_tools"
    >>> r = compliance_check(p)
    >>> r.verdict, r.reason
    ('unknown', 'no rule on file — check before sourcing: DE × garden_tools')
    """
    cfg = settings or ComplianceSettings.from_params(params)
    rules = rules if rules is not None else load_rule_set(params)
    frame = rules.frame
    cat = params.get("category", {})
    slug = str(cat.get("slug") or "category")
    market = _resolve(cat.get("market"), rules.markets, rules.market_aliases, upper=True)
    category = _resolve(cat.get("compliance_category"), rules.categories, rules.category_aliases, upper=False)
    ccy = str(cat.get("currency") or "")
    basis = Phrase(cfg.cost_estimate)  # low | mid | high, said in the report's language
    product = _product_texts(params)
    here = frame[(frame["market"] == market) & (frame["category"] == category)]
    req = _applicable(here[here["record"] == "requirement"].reset_index(drop=True), product)
    if len(req):
        rate = req["currency"].map(lambda c: _fx(cfg.fx_to_usd, str(c), ccy))
        req = req.assign(cost_low_cat=req["cost_low"] * rate, cost_high_cat=req["cost_high"] * rate,
                         category_currency=ccy, counted=req["mandatory"].astype(bool))
    else:
        req = req.assign(cost_low_cat=pd.Series(dtype=float), cost_high_cat=pd.Series(dtype=float),
                         category_currency=pd.Series(dtype=object), counted=pd.Series(dtype=bool))
    counted = req[req["counted"]]
    known = bool(len(req))
    cost_low = float(counted["cost_low_cat"].sum()) if known else math.nan
    cost_high = float(counted["cost_high_cat"].sum()) if known else math.nan
    cost_mid = (cost_low + cost_high) / 2 if known else math.nan
    cost_used = {"low": cost_low, "mid": cost_mid, "high": cost_high}[str(basis)]
    profit = expected_profit(params)
    py = profit["profit_per_year"]
    threshold = cfg.max_cert_cost_share_of_profit
    econ_set = profit["planned_price"] > 0 and profit["units_per_year"] > 0
    share = cost_used / py if known and econ_set and py > 0 else math.nan
    label = compliance_label(market, category)
    common = {"category": slug, "period": period}

    decisions: list[Decision] = []
    if known:
        decisions.append(Decision(slug, "R1.3.rules_on_file", Phrase(RULES_METRIC, label=label),
                                  len(req), ">= 1", "pass",
                                  Phrase(N_("{n} rules on file for {label} ({counted} mandatory, costed)"),
                                         n=len(req), label=label, counted=len(counted)),
                                  source_file=", ".join(sorted(set(req["file"]))), **common))
    else:
        reason = (Phrase(N_("{no_rule}: {label}"), no_rule=Phrase(NO_RULE), label=label) if category else
                  Phrase(N_("{no_rule}: {label} (the rules know: {categories})"), no_rule=Phrase(NO_RULE), label=label,
                         categories=", ".join(sorted(rules.categories))))
        decisions.append(Decision(slug, "R1.3.rules_on_file", Phrase(RULES_METRIC, label=label), 0,
                                  ">= 1", "unknown", reason, **common))
    inputs = {"cost": cost_used, "profit": py, "currency": ccy, "basis": basis,
              "cost_txt": money(cost_used, ccy) if known else "n/a", "profit_txt": money(py, ccy)}
    if not known:
        d = threshold_rule(slug, "R1.3.cert_cost_share", COST_METRIC,
                           value=math.nan, params=cfg.as_params(), key=RULE_COST_KEY, op="<=", ok_verdict="pass",
                           bad_verdict="reject", reason_ok="", reason_bad="", reason_missing=COST_UNKNOWN,
                           inputs={**inputs, "no_rule": Phrase(NO_RULE), "label": label}, **common)
    elif econ_set and py <= 0:
        d = Decision(slug, "R1.3.cert_cost_share", COST_METRIC, math.inf,
                     f"<= {threshold:g}", "reject",
                     Phrase(N_("expected first-year profit is {profit} (not positive): certification {cost} "
                               "({basis} estimate) cannot be carried"), profit=money(py, ccy),
                            cost=inputs["cost_txt"], basis=basis), params_key=RULE_COST_KEY,
                     inputs=inputs, **common)
    else:
        d = threshold_rule(
            slug, "R1.3.cert_cost_share", COST_METRIC, value=share,
            params=cfg.as_params(), key=RULE_COST_KEY, op="<=", ok_verdict="pass", bad_verdict="reject",
            reason_ok=COST_SHARE_OK, reason_bad=COST_SHARE_BAD, reason_missing=COST_SHARE_MISSING,
            inputs=inputs, **common)
    decisions.append(d)

    prohibited, item_decisions = _prohibited(cfg.prohibited_min_listings, here[here["record"] == "restricted"], product,
                                             _listing_texts(listings), slug, label, common)
    decisions.extend(item_decisions)

    verdict = worst(x.verdict for x in decisions)
    reason = ("; ".join(x.reason for x in decisions if x.verdict == verdict) if known
              else decisions[0].reason)
    lead = float(counted["lead_time_days_high"].max()) if len(counted) else math.nan
    op = "≤" if (not math.isnan(share) and share <= threshold) else ">"
    if not known:
        sentence = Phrase(N_("{no_rule}: {label} — certification cost unknown"), no_rule=Phrase(NO_RULE), label=label)
    elif math.isnan(share):
        sentence = Phrase(N_("certification {cost} ({basis} estimate) / expected first-year profit {profit}: share "
                             "not computable → {verdict}"), cost=money(cost_used, ccy), basis=basis,
                          profit=money(py, ccy), verdict=Phrase(d.verdict))
    else:
        sentence = Phrase(N_("certification {cost} ({basis} estimate) / expected first-year profit {profit} = "
                             "{share:.0%} {op} {threshold:.0%} → {verdict}"), cost=money(cost_used, ccy),
                          basis=basis, profit=money(py, ccy), share=share, op=op, threshold=threshold,
                          verdict=Phrase(d.verdict))
    arithmetic = {
        "currency": ccy, "cost_low": cost_low, "cost_mid": cost_mid, "cost_high": cost_high,
        "cost_used": cost_used, "cost_basis": basis,
        "cost_basis_note": (f"sum of the {len(counted)} mandatory rules at the {basis} end of their typical "
                            f"cost ranges (estimates, first year; per-year fees counted once)"
                            + ("; high = conservative until a lab quotes" if basis == "high" else "")),
        "expected_profit": py, "profit_per_unit": profit["profit_per_unit"], "units": profit["units_per_year"],
        "share": share, "cost_share": share, "threshold": threshold, "params_key": RULE_COST_KEY,
        "lead_time_days": lead, "verdict": d.verdict, "sentence": sentence, "profit": profit,
    }
    return ComplianceResult(rules=req, prohibited=prohibited, arithmetic=arithmetic, decisions=decisions,
                            verdict=verdict, reason=reason, market=market, category=category)


_PROHIBITED_COLUMNS = ["rule_id", "item", "kind", "verdict", "keyword", "matched_in", "product_hits",
                       "listing_hits", "authority", "citation", "notes"]


def _prohibited(min_listings: int, items: pd.DataFrame, product: pd.Series, listing: pd.Series, slug: str,
                label: str, common: dict):
    rows, decisions = [], []
    for it in items.itertuples(index=False):
        p_hit = _matches(product, it.keywords, it.exclude_keywords)
        l_hit = _matches(listing, it.keywords, it.exclude_keywords)
        p_found, l_found = p_hit[p_hit != ""], l_hit[l_hit != ""]
        if not len(p_found) and len(l_found) < max(min_listings, 1):
            continue
        where = list(p_found.index) + list(l_found.index)
        keyword = (p_found.iloc[0] if len(p_found) else l_found.iloc[0])
        shown = (Phrase(N_("{where} and {n} more"), where=where[:3], n=len(where) - 3) if len(where) > 3
                 else Phrase("{where}", where=where))
        rows.append({"rule_id": it.rule_id, "item": it.requirement, "kind": it.kind, "verdict": it.verdict,
                     "keyword": keyword, "matched_in": shown, "product_hits": len(p_found),
                     "listing_hits": len(l_found), "authority": it.authority, "citation": it.citation,
                     "notes": it.notes})
        decisions.append(Decision(
            slug, "R1.3.prohibited", Phrase(ITEM_METRIC, kind=Phrase(it.kind), rule_id=it.rule_id),
            len(p_found) + len(l_found), Phrase(ITEMS_THRESHOLD, n=min_listings), it.verdict,
            Phrase(N_("{kind} in {label}: {item} — matched '{keyword}' in {where} ({authority}: {citation})"),
                   kind=Phrase(it.kind), label=label, item=Phrase(it.requirement), keyword=keyword, where=shown,
                   authority=it.authority, citation=it.citation), source_file=it.file, **common))
    if not decisions:
        decisions.append(Decision(
            slug, "R1.3.prohibited", ITEMS_METRIC, 0, Phrase(ITEMS_THRESHOLD, n=min_listings),
            "pass" if len(items) else "unknown",
            Phrase(N_("none of {n} prohibited/restricted item lists for {label} matches the product text or "
                      "{listings} listing titles"), n=len(items), label=label, listings=len(listing))
            if len(items) else
            Phrase(N_("no prohibited/restricted item list on file for {label} — check before sourcing"),
                   label=label), **common))
    return pd.DataFrame(rows, columns=_PROHIBITED_COLUMNS), decisions
