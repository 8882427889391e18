"""The compliance rules dataset (R1.3): ``params/compliance/*.yaml`` read and validated.

This is the I/O side of the compliance pre-check: the files are read here, once per folder
content (cached on the files' names, sizes and modification times), and handed to the pure
check :func:`seller_lab.research.compliance.compliance_check` as a :class:`RuleSet`.

The dataset has markets US, EU = DE/FR/IT/ES with national extras, UK, JP × children_toys,
small_electrical_appliances, food_contact_kitchenware, textiles, cosmetics, furniture,
outdoor_camping; its schema is documented at the top of each file. A typo in a key, a
reversed cost range, an unknown market or category is a :class:`seller_lab.errors.ParamsError`
naming the file, the rule id, the key and the closest valid key.

Examples
--------
>>> rules = load_rules()
>>> toy = rules[(rules.market == "US") & (rules.category == "children_toys")]
>>> "US-TOY-F963" in set(toy.rule_id), sorted(set(rules.market))
(True, ['DE', 'ES', 'FR', 'IT', 'JP', 'UK', 'US'])
"""

from __future__ import annotations

import difflib
import functools
import math
import re
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from ..errors import ParamsError
from ..params import default_params_dir, read_yaml

__all__ = ["RULE_COLUMNS", "RuleSet", "load_rule_set", "load_rules", "rules_dir"]

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

RULE_COLUMNS = ["record", "rule_id", "market", "category", "scope", "markets", "requirement",
                "kind", "mandatory", "applies_if", "keywords", "exclude_keywords", "verdict",
                "cost_low", "cost_high", "currency", "cost_basis", "lead_time_days_low",
                "lead_time_days_high", "authority", "citation", "notes", "file"]


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
def _load_folder(folder: str, signature: tuple) -> tuple[pd.DataFrame, dict]:
    path = Path(folder)
    meta = _read_meta(path)
    seen: dict = {}
    rows: list[dict] = []
    for file in sorted(path.glob("*.yaml")):
        if file.name != "markets.yaml":
            rows.extend(_parse_file(file, meta, seen))
    frame = pd.DataFrame(rows, columns=RULE_COLUMNS)
    return frame, meta


@dataclass(frozen=True, eq=False)
class RuleSet:
    """The validated rules: ``frame`` has one row per rule × market × category
    (:data:`RULE_COLUMNS`); ``markets``, ``market_groups``, ``market_aliases``, ``categories``
    and ``category_aliases`` come from ``markets.yaml``; ``folder`` is where they were read."""

    frame: pd.DataFrame
    markets: tuple
    market_groups: dict
    market_aliases: dict
    categories: tuple
    category_aliases: dict
    folder: str = ""


def rules_dir(params: dict | None = None, compliance_dir=None) -> Path:
    """The rules folder: ``compliance_dir`` when given, else the params folder's
    ``compliance.rules_dir`` (``params/compliance``)."""
    if compliance_dir is not None:
        return Path(compliance_dir)
    sub = "compliance"
    base = default_params_dir()
    if params:
        sub = str((params.get("compliance") or {}).get("rules_dir") or sub)
        base = Path((params.get("paths") or {}).get("params_dir") or base)
    return base / sub


def load_rule_set(params: dict | None = None, compliance_dir=None) -> RuleSet:
    """Read and validate the rules folder of ``params`` (or ``compliance_dir``).

    Re-reads only when a file in the folder changed (name, size or modification time).

    >>> rs = load_rule_set()
    >>> "US" in rs.markets and "children_toys" in rs.categories
    True
    """
    folder = rules_dir(params, compliance_dir).resolve()
    frame, meta = _load_folder(str(folder), _folder_signature(folder))
    return RuleSet(frame=frame, markets=tuple(meta["markets"]), market_groups=dict(meta["market_groups"]),
                   market_aliases=dict(meta["market_aliases"]), categories=tuple(meta["categories"]),
                   category_aliases=dict(meta["category_aliases"]), folder=str(folder))


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
    """
    folder = rules_dir(None, compliance_dir).resolve()
    frame, meta = _load_folder(str(folder), _folder_signature(folder))
    out = frame.copy()
    out.attrs = {k: (dict(v) if isinstance(v, dict) else list(v)) for k, v in meta.items()}
    return out
