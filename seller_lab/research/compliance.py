"""Compliance pre-check (R1.3): certifications, their cost against expected profit, and
prohibited / restricted items — each rule citing its authority.

The rules dataset lives in ``params/compliance/*.yaml`` (markets US, EU = DE/FR/IT/ES with
national extras, UK, JP × children_toys, small_electrical_appliances,
food_contact_kitchenware, textiles, cosmetics, furniture, outdoor_camping); its schema is
documented at the top of each file and checked by :func:`load_rules`. The check:

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

import difflib
import functools
import html
import math
import re
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from ..decisions import Decision, threshold_rule, to_frame, worst
from ..errors import ParamsError
from ..params import default_params_dir, read_yaml
from ..report.render import HTML, decisions_table, note, table

NO_RULE = "no rule on file — check before sourcing"
RULE_COST_KEY = "compliance.max_cert_cost_share_of_profit"

# --- dataset schema (documented at the top of every params/compliance/*.yaml) -------------------
_TOP_KEYS = ("markets", "market_groups", "market_aliases", "categories", "category_aliases",
             "rules", "restricted")
_RULE_KEYS = {"id": True, "markets": True, "categories": True, "requirement": True, "kind": False,
              "mandatory": True, "applies_if": False, "cost": True, "lead_time_days": True,
              "authority": True, "citation": True, "notes": False}
_RESTRICTED_KEYS = {"id": True, "markets": True, "categories": True, "item": True, "kind": False,
                    "keywords": True, "exclude_keywords": False, "verdict": False,
                    "authority": True, "citation": True, "notes": False}
_COST_KEYS = {"low": True, "high": True, "currency": True, "basis": False}
_LEAD_KEYS = {"low": True, "high": True}
_RULE_KINDS = ("test", "certificate", "mark", "document", "registration", "representative",
               "label", "notification")
_RESTRICTED_KINDS = ("prohibited", "restricted")
_BASES = ("per_product", "per_year", "one_off")
_ITEM_VERDICTS = ("reject", "watch")
_ESTIMATES = ("low", "mid", "high")
_SYMBOLS = {"USD": "$", "EUR": "€", "GBP": "£", "JPY": "¥"}

RULE_COLUMNS = ["record", "rule_id", "market", "category", "scope", "markets", "requirement",
                "kind", "mandatory", "applies_if", "keywords", "exclude_keywords", "verdict",
                "cost_low", "cost_high", "currency", "cost_basis", "lead_time_days_low",
                "lead_time_days_high", "authority", "citation", "notes", "file"]


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
        matched_in, product_hits, listing_hits, authority, citation``.
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
# loading and validation
# ------------------------------------------------------------------------------------------------
def _closest(key: str, valid) -> str:
    close = difflib.get_close_matches(str(key), list(valid), n=1, cutoff=0.5)
    return f"did you mean '{close[0]}'?" if close else f"valid keys: {', '.join(valid)}"


def _check_keys(mapping, schema: dict, path: Path, where: str, rid: str) -> None:
    label = f"rule '{rid}'" if rid else where
    if not isinstance(mapping, dict):
        raise ParamsError(path, where, f"{label}: expected a mapping, got {mapping!r}",
                          fix="write it as 'key: value' lines (see the schema at the top of the file)")
    for key in mapping:
        if key not in schema:
            raise ParamsError(path, f"{where}.{key}", f"unknown key in {label}",
                              fix=_closest(key, schema))
    for key, required in schema.items():
        if required and mapping.get(key) in (None, "", []):
            raise ParamsError(path, f"{where}.{key}", f"{label}: missing or empty",
                              fix=f"add '{key}:' (see the schema at the top of the file)")


def _str_list(value, path, where, rid) -> list[str]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, (str, int)) for v in value):
        raise ParamsError(path, where, f"rule '{rid}': expected a list of words, got {value!r}",
                          fix="write it like [a, b]")
    return [str(v) for v in value]


def _number(value, path, where, rid) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or value < 0:
        raise ParamsError(path, where, f"rule '{rid}': expected a number >= 0, got {value!r}",
                          fix="write a plain number such as 500")
    return float(value)


def _range(mapping, schema, path, where, rid) -> tuple[float, float]:
    _check_keys(mapping, schema, path, where, rid)
    low = _number(mapping["low"], path, f"{where}.low", rid)
    high = _number(mapping["high"], path, f"{where}.high", rid)
    if low > high:
        raise ParamsError(path, f"{where}.low", f"rule '{rid}': low {low:g} is above high {high:g}",
                          fix="swap them (low <= high)")
    return low, high


def _choice(value, allowed, path, where, rid) -> str:
    if value not in allowed:
        raise ParamsError(path, where, f"rule '{rid}': '{value}' is not one of {', '.join(allowed)}",
                          fix=_closest(value, allowed).replace("valid keys", "valid values"))
    return value


def _expand(values, known, groups, path, where, rid, what) -> list[str]:
    out = []
    for v in values:
        if v in groups:
            out.extend(groups[v])
        elif v in known:
            out.append(v)
        else:
            raise ParamsError(path, where, f"rule '{rid}': unknown {what} '{v}'",
                              fix=_closest(v, [*known, *groups]).replace("valid keys", f"valid {what}s"))
    return list(dict.fromkeys(out))


def _parse_file(path: Path, meta: dict, seen: dict) -> list[dict]:
    data = read_yaml(path)
    for key in data:
        if key not in _TOP_KEYS:
            raise ParamsError(path, key, "unknown top-level key", fix=_closest(key, _TOP_KEYS))
    rows: list[dict] = []
    markets = meta["markets"]
    groups = meta["market_groups"]
    cats = meta["categories"]
    for section, schema in (("rules", _RULE_KEYS), ("restricted", _RESTRICTED_KEYS)):
        entries = data.get(section) or []
        if not isinstance(entries, list):
            raise ParamsError(path, section, "expected a list of rules", fix="start each rule with '- id: ...'")
        for i, entry in enumerate(entries):
            rid = str(entry.get("id", "")) if isinstance(entry, dict) else ""
            where = f"{section}[{i}]"
            _check_keys(entry, schema, path, where, rid)
            if rid in seen:
                raise ParamsError(path, f"{where}.id", f"rule id '{rid}' is used twice (also in {seen[rid]})",
                                  fix="give each rule its own id")
            seen[rid] = path.name
            mk = _expand(_str_list(entry["markets"], path, f"{where}.markets", rid), markets, groups,
                         path, f"{where}.markets", rid, "market")
            raw_cats = _str_list(entry["categories"], path, f"{where}.categories", rid)
            scope = "all" if raw_cats == ["all"] else "category"
            ct = list(cats) if scope == "all" else _expand(raw_cats, cats, {}, path,
                                                            f"{where}.categories", rid, "category")
            for key in ("authority", "citation"):
                if not isinstance(entry[key], str) or not entry[key].strip():
                    raise ParamsError(path, f"{where}.{key}", f"rule '{rid}': {key} must be text",
                                      fix="name the body and the law/regulation")
            base = {"record": "requirement" if section == "rules" else "restricted", "rule_id": rid,
                    "scope": scope, "markets": ", ".join(_str_list(entry["markets"], path, where, rid)),
                    "authority": entry["authority"].strip(), "citation": entry["citation"].strip(),
                    "notes": str(entry.get("notes") or ""), "file": path.name,
                    "applies_if": [], "keywords": [], "exclude_keywords": [], "verdict": "",
                    "mandatory": False, "cost_low": math.nan, "cost_high": math.nan, "currency": "",
                    "cost_basis": "", "lead_time_days_low": math.nan, "lead_time_days_high": math.nan}
            if section == "rules":
                if not isinstance(entry["mandatory"], bool):
                    raise ParamsError(path, f"{where}.mandatory", f"rule '{rid}': expected true/false, "
                                      f"got {entry['mandatory']!r}", fix="write mandatory: true or false")
                low, high = _range(entry["cost"], _COST_KEYS, path, f"{where}.cost", rid)
                ccy = str(entry["cost"]["currency"]).upper()
                if not re.fullmatch(r"[A-Z]{3}", ccy):
                    raise ParamsError(path, f"{where}.cost.currency", f"rule '{rid}': '{ccy}' is not an "
                                      "ISO currency code", fix="use USD, EUR, GBP or JPY")
                lt_low, lt_high = _range(entry["lead_time_days"], _LEAD_KEYS, path, f"{where}.lead_time_days", rid)
                base.update(requirement=str(entry["requirement"]).strip(),
                            kind=_choice(entry.get("kind", "test"), _RULE_KINDS, path, f"{where}.kind", rid),
                            mandatory=entry["mandatory"],
                            applies_if=_str_list(entry.get("applies_if") or [], path, f"{where}.applies_if", rid),
                            cost_low=low, cost_high=high, currency=ccy,
                            cost_basis=_choice(entry["cost"].get("basis", "per_product"), _BASES, path,
                                               f"{where}.cost.basis", rid),
                            lead_time_days_low=lt_low, lead_time_days_high=lt_high)
            else:
                base.update(requirement=str(entry["item"]).strip(),
                            kind=_choice(entry.get("kind", "prohibited"), _RESTRICTED_KINDS, path,
                                         f"{where}.kind", rid),
                            keywords=_str_list(entry["keywords"], path, f"{where}.keywords", rid),
                            exclude_keywords=_str_list(entry.get("exclude_keywords") or [], path,
                                                       f"{where}.exclude_keywords", rid),
                            verdict=_choice(entry.get("verdict", "reject"), _ITEM_VERDICTS, path,
                                            f"{where}.verdict", rid))
            rows.extend({**base, "market": m, "category": c} for m in mk for c in ct)
    return rows


def _read_meta(folder: Path) -> dict:
    path = folder / "markets.yaml"
    data = read_yaml(path)
    for key in data:
        if key not in _TOP_KEYS[:5]:
            raise ParamsError(path, key, "unknown top-level key", fix=_closest(key, _TOP_KEYS[:5]))
    groups = {str(k): [str(m) for m in v] for k, v in (data.get("market_groups") or {}).items()}
    markets = [str(m) for m in data.get("markets") or []]
    for members in groups.values():
        markets.extend(m for m in members if m not in markets)
    if not markets or not data.get("categories"):
        raise ParamsError(path, "markets" if not markets else "categories", "missing or empty",
                          fix="list the market codes and category keys rules may use")
    return {"markets": markets, "market_groups": groups,
            "market_aliases": {str(k).upper(): str(v) for k, v in (data.get("market_aliases") or {}).items()},
            "categories": [str(c) for c in data["categories"]],
            "category_aliases": {str(k).lower(): str(v) for k, v in (data.get("category_aliases") or {}).items()}}


def _folder_signature(folder: Path) -> tuple:
    if not folder.is_dir():
        raise ParamsError(folder, None, "compliance rules folder not found",
                          fix="create params/compliance/ with markets.yaml and the market files, "
                              "or set compliance.rules_dir")
    return tuple(sorted((p.name, p.stat().st_mtime_ns, p.stat().st_size) for p in folder.glob("*.yaml")))


@functools.lru_cache(maxsize=8)
def _load_cached(folder: str, signature: tuple) -> tuple[pd.DataFrame, dict]:
    path = Path(folder)
    meta = _read_meta(path)
    seen: dict = {}
    rows: list[dict] = []
    for file in sorted(path.glob("*.yaml")):
        if file.name != "markets.yaml":
            rows.extend(_parse_file(file, meta, seen))
    frame = pd.DataFrame(rows, columns=RULE_COLUMNS)
    return frame, meta


def _rules_dir(params: dict | None, compliance_dir=None) -> Path:
    if compliance_dir is not None:
        return Path(compliance_dir)
    sub = "compliance"
    base = default_params_dir()
    if params:
        sub = str(params.get("compliance", {}).get("rules_dir") or sub)
        base = Path(params.get("paths", {}).get("params_dir") or base)
    return base / sub


def _dataset(params: dict | None, compliance_dir=None) -> tuple[pd.DataFrame, dict]:
    folder = _rules_dir(params, compliance_dir).resolve()
    return _load_cached(str(folder), _folder_signature(folder))


def load_rules(compliance_dir: str | Path | None = None) -> pd.DataFrame:
    """The compliance rules dataset, validated, one row per rule × market × category.

    Parameters
    ----------
    compliance_dir : folder with ``markets.yaml`` and the market files; defaults to the params
        folder's ``compliance/`` (see :func:`seller_lab.params.default_params_dir`).

    Returns
    -------
    DataFrame with :data:`RULE_COLUMNS`: ``record`` is ``requirement`` (certifications, marks,
    documents with ``cost_low/high``, ``currency``, ``lead_time_days_low/high``,
    ``mandatory``) or ``restricted`` (prohibited/restricted items with ``keywords``);
    ``scope`` is ``all`` for rules that apply to every category of their market. The known
    markets, groups and categories are in ``frame.attrs``.

    Raises
    ------
    ParamsError naming the file, the rule id, the key and the closest valid key.

    Examples
    --------
    >>> rules = load_rules()
    >>> toy = rules[(rules.market == "US") & (rules.category == "children_toys")]
    >>> "US-TOY-F963" in set(toy.rule_id), sorted(set(rules.market))
    (True, ['DE', 'ES', 'FR', 'IT', 'JP', 'UK', 'US'])
    """
    frame, meta = _dataset(None, compliance_dir)
    out = frame.copy()
    out.attrs = {k: (dict(v) if isinstance(v, dict) else list(v)) for k, v in meta.items()}
    return out


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
    formula = (f"{price:,.2f} price − {vat:,.2f} VAT ({vat_rate * 100:.0f} %) − {referral:,.2f} referral fee "
               f"({fee_rate * 100:.0f} % of {price:,.2f}) − {fulfilment:,.2f} fulfilment − {landed:,.2f} "
               f"landed cost = {per_unit:,.2f} per unit × {units:,} units = {round(per_year, 2):,.0f} per year ({ccy})")
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
    return pd.Series([str(t) for _, t in items], index=[f"{src} '{t}'" for src, t in items], dtype=object)


def _listing_texts(listings) -> pd.Series:
    if listings is None:
        return pd.Series([], dtype=object)
    if isinstance(listings, pd.DataFrame):
        if "title" not in listings.columns or listings.empty:
            return pd.Series([], dtype=object)
        titles = listings["title"].fillna("").astype(str)
        ids = (listings["asin"].fillna("").astype(str) if "asin" in listings.columns
               else pd.Series(range(len(listings)), index=listings.index).astype(str))
        return pd.Series(titles.to_numpy(), index=("listing " + ids + " '" + titles.str.slice(0, 60) + "'").to_numpy(),
                         dtype=object)
    titles = [str(t) for t in listings]
    return pd.Series(titles, index=[f"listing '{t[:60]}'" for t in titles], dtype=object)


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
        triggers.append(f"product text mentions '{hit}'" if hit else "")
    out = rules.assign(trigger=triggers)
    return out[out["trigger"] != ""].reset_index(drop=True)


def _resolve(value: str, known, aliases: dict, upper: bool) -> str:
    v = str(value or "").strip()
    v = v.upper() if upper else v.lower()
    return aliases.get(v, v) if v not in known else v


# ------------------------------------------------------------------------------------------------
# the check
# ------------------------------------------------------------------------------------------------
def _money(value: float, ccy: str) -> str:
    sym = _SYMBOLS.get(ccy)
    num = f"{round(value, 2):,.0f}"
    return f"{sym}{num}" if sym else f"{num} {ccy}"


def _fx(params: dict, rule_ccy: str, cat_ccy: str) -> float:
    if rule_ccy == cat_ccy:
        return 1.0
    rates = params.get("compliance", {}).get("fx_to_usd") or {}
    for c in (rule_ccy, cat_ccy):
        if not rates.get(c):
            raise ParamsError("params/defaults.yaml", f"compliance.fx_to_usd.{c}",
                              f"no exchange rate for {c} (needed to compare a rule cost in {rule_ccy} "
                              f"with profit in {cat_ccy})", fix=f"add {c}: <USD per 1 {c}> to compliance.fx_to_usd")
    return float(rates[rule_ccy]) / float(rates[cat_ccy])


def compliance_check(params: dict, listings=None, compliance_dir=None, *, period: str = "") -> ComplianceResult:
    """Run the R1.3 pre-check for one category.

    Parameters
    ----------
    params : loaded params (:func:`seller_lab.params.load_params`): ``category.market``,
        ``category.compliance_category``, ``category.unit_economics`` and ``compliance.*``.
    listings : optional competitor listings (canonical ``listings`` frame, or a list of
        titles) whose titles are matched against the prohibited/restricted keyword lists.
    compliance_dir : rules folder (default: the params folder's ``compliance.rules_dir``).
    period : report period written into the Decision records (e.g. ``2026-11``).

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
    frame, meta = _dataset(params, compliance_dir)
    cat = params.get("category", {})
    slug = str(cat.get("slug") or "category")
    market = _resolve(cat.get("market"), meta["markets"], meta["market_aliases"], upper=True)
    category = _resolve(cat.get("compliance_category"), meta["categories"], meta["category_aliases"], upper=False)
    ccy = str(cat.get("currency") or "")
    cfg = params.get("compliance", {})
    basis = str(cfg.get("cost_estimate", "high"))
    if basis not in _ESTIMATES:
        raise ParamsError("params", "compliance.cost_estimate", f"'{basis}' is not one of low, mid, high",
                          fix="set compliance.cost_estimate to low, mid or high")
    product = _product_texts(params)
    here = frame[(frame["market"] == market) & (frame["category"] == category)]
    req = _applicable(here[here["record"] == "requirement"].reset_index(drop=True), product)
    if len(req):
        rate = req["currency"].map(lambda c: _fx(params, str(c), ccy))
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
    cost_used = {"low": cost_low, "mid": cost_mid, "high": cost_high}[basis]
    profit = expected_profit(params)
    py = profit["profit_per_year"]
    threshold = float(cfg.get("max_cert_cost_share_of_profit", 0.30))
    econ_set = profit["planned_price"] > 0 and profit["units_per_year"] > 0
    share = cost_used / py if known and econ_set and py > 0 else math.nan
    label = f"{market or '?'} × {category or '?'}"
    common = {"category": slug, "period": period}

    decisions: list[Decision] = []
    if known:
        decisions.append(Decision(slug, "R1.3.rules_on_file", f"compliance rules on file for {label}",
                                  len(req), ">= 1", "pass",
                                  f"{len(req)} rules on file for {label} ({len(counted)} mandatory, costed)",
                                  source_file=", ".join(sorted(set(req["file"]))), **common))
    else:
        decisions.append(Decision(slug, "R1.3.rules_on_file", f"compliance rules on file for {label}", 0,
                                  ">= 1", "unknown", f"{NO_RULE}: {label}", **common))
    inputs = {"cost": cost_used, "profit": py, "currency": ccy, "basis": basis,
              "cost_txt": _money(cost_used, ccy) if known else "n/a", "profit_txt": _money(py, ccy)}
    if not known:
        d = threshold_rule(slug, "R1.3.cert_cost_share", "certification cost / expected first-year profit",
                           value=math.nan, params=params, key=RULE_COST_KEY, op="<=", ok_verdict="pass",
                           bad_verdict="reject", reason_ok="", reason_bad="",
                           reason_missing=f"certification cost unknown ({NO_RULE}: {label})", inputs=inputs, **common)
    elif econ_set and py <= 0:
        d = Decision(slug, "R1.3.cert_cost_share", "certification cost / expected first-year profit", math.inf,
                     f"<= {threshold:g}", "reject",
                     f"expected first-year profit is {_money(py, ccy)} (not positive): certification "
                     f"{inputs['cost_txt']} ({basis} estimate) cannot be carried", params_key=RULE_COST_KEY,
                     inputs=inputs, **common)
    else:
        d = threshold_rule(
            slug, "R1.3.cert_cost_share", "certification cost / expected first-year profit", value=share,
            params=params, key=RULE_COST_KEY, op="<=", ok_verdict="pass", bad_verdict="reject",
            reason_ok="certification {cost_txt} ({basis} estimate) is {value:.0%} of expected first-year "
                      "profit {profit_txt}, within {threshold:.0%}",
            reason_bad="certification {cost_txt} ({basis} estimate) is {value:.0%} of expected first-year "
                       "profit {profit_txt}, above {threshold:.0%}",
            reason_missing="unit economics not set in params (category.unit_economics): cannot judge {metric}",
            inputs=inputs, **common)
    decisions.append(d)

    prohibited, item_decisions = _prohibited(params, here[here["record"] == "restricted"], product,
                                             _listing_texts(listings), slug, label, common)
    decisions.extend(item_decisions)

    verdict = worst(x.verdict for x in decisions)
    reason = ("; ".join(x.reason for x in decisions if x.verdict == verdict) if known
              else decisions[0].reason)
    lead = float(counted["lead_time_days_high"].max()) if len(counted) else math.nan
    op = "≤" if (not math.isnan(share) and share <= threshold) else ">"
    if not known:
        sentence = f"{NO_RULE}: {label} — certification cost unknown"
    elif math.isnan(share):
        sentence = (f"certification {_money(cost_used, ccy)} ({basis} estimate) / expected first-year profit "
                    f"{_money(py, ccy)}: share not computable → {d.verdict}")
    else:
        sentence = (f"certification {_money(cost_used, ccy)} ({basis} estimate) / expected first-year profit "
                    f"{_money(py, ccy)} = {share:.0%} {op} {threshold:.0%} → {d.verdict}")
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
                       "listing_hits", "authority", "citation"]


def _prohibited(params, items: pd.DataFrame, product: pd.Series, listing: pd.Series, slug: str,
                label: str, common: dict):
    min_listings = int(params.get("compliance", {}).get("prohibited_min_listings", 1))
    rows, decisions = [], []
    for it in items.itertuples(index=False):
        p_hit = _matches(product, it.keywords, it.exclude_keywords)
        l_hit = _matches(listing, it.keywords, it.exclude_keywords)
        p_found, l_found = p_hit[p_hit != ""], l_hit[l_hit != ""]
        if not len(p_found) and len(l_found) < max(min_listings, 1):
            continue
        where = list(p_found.index) + list(l_found.index)
        keyword = (p_found.iloc[0] if len(p_found) else l_found.iloc[0])
        shown = "; ".join(where[:3]) + (f" and {len(where) - 3} more" if len(where) > 3 else "")
        rows.append({"rule_id": it.rule_id, "item": it.requirement, "kind": it.kind, "verdict": it.verdict,
                     "keyword": keyword, "matched_in": shown, "product_hits": len(p_found),
                     "listing_hits": len(l_found), "authority": it.authority, "citation": it.citation})
        decisions.append(Decision(
            slug, "R1.3.prohibited", f"{it.kind} item {it.rule_id}", len(p_found) + len(l_found),
            f">= 1 product text or >= {min_listings} listing titles", it.verdict,
            f"{it.kind} in {label}: {it.requirement} — matched '{keyword}' in {shown} "
            f"({it.authority}: {it.citation})", source_file=it.file, **common))
    if not decisions:
        decisions.append(Decision(
            slug, "R1.3.prohibited", "prohibited/restricted items matched", 0,
            f">= 1 product text or >= {min_listings} listing titles", "pass" if len(items) else "unknown",
            (f"none of {len(items)} prohibited/restricted item lists for {label} matches the product text"
             f" or {len(listing)} listing titles") if len(items) else
            f"no prohibited/restricted item list on file for {label} — check before sourcing", **common))
    return pd.DataFrame(rows, columns=_PROHIBITED_COLUMNS), decisions


# ------------------------------------------------------------------------------------------------
# report section
# ------------------------------------------------------------------------------------------------
def _range_text(low, high, ccy, basis) -> str:
    if pd.isna(low):
        return ""
    per = " / year" if basis == "per_year" else ""
    if low == high:
        return f"{_money(low, ccy)}{per}"
    return f"{_money(low, ccy)}–{_money(high, ccy)}{per}"


def _days_text(low, high) -> str:
    if pd.isna(low) or (low == 0 and high == 0):
        return "—"
    return f"{low:.0f}–{high:.0f} days" if low != high else f"{low:.0f} days"


def certifications_table(result: ComplianceResult) -> pd.DataFrame:
    """The required certifications as a display table (costs are estimates).

    Columns ``rule, requirement, status, cost (estimate), lead time, authority, citation``;
    mandatory rules first.

    >>> from seller_lab.params import load_params
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


def compliance_section(params: dict, listings=None, *, period: str = "") -> HTML:
    """R1.3 section of the research report: the arithmetic as a sentence, the required
    certifications (cost range, lead time, authority/citation), prohibited items and the
    decisions. Every string from the rules files is escaped.

    >>> from seller_lab.params import load_params
    >>> h = compliance_section(load_params("kids-toy-us")).html
    >>> "ASTM F963" in h and "→ reject" in h
    True
    """
    res = compliance_check(params, listings=listings, period=period)
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
                                   f"(cost range {_money(a['cost_low'], a['currency'])}–"
                                   f"{_money(a['cost_high'], a['currency'])} for the mandatory rules{lead_txt})"))
    if len(res.prohibited):
        parts.append(table(res.prohibited[["rule_id", "item", "kind", "verdict", "keyword", "matched_in",
                                           "citation"]], max_rows=20,
                           caption="Prohibited / restricted items matched"))
    else:
        parts.append(note("No prohibited or restricted item matched the product text"
                          + (" or the listing titles." if listings is not None else "."), "info"))
    parts.append(HTML(f"<div style='font-weight:600;margin-top:6px'>{html.escape('Compliance decisions')}</div>"))
    parts.append(decisions_table(to_frame(res.decisions)))
    return HTML("".join(p.html for p in parts))
