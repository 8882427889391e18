"""Monthly inventory turnover and the seed's stocking iteration rules (R6.2).

Turnover of a SKU in a month = units sold in the month / average on-hand units in the
month (all warehouses, mean over the month's inventory snapshots). Above
``iteration.turnover_fast_per_month`` the next order grows by
``iteration.fast_order_change`` and the replenishment cycle shortens from
``iteration.base_cycle_months`` to ``iteration.fast_cycle_months``; below
``iteration.turnover_slow_per_month`` it shrinks by ``iteration.slow_order_change`` and
bundle partners are suggested (SKUs bought in the same orders, else the category's
best sellers).

Examples
--------
>>> import pandas as pd
>>> from seller_lab.params import load_params
>>> o = pd.DataFrame({"order_id": ["1", "2"], "sku": ["A", "B"], "units": [30, 2],
...     "ds": pd.to_datetime(["2026-10-05", "2026-10-06"], utc=True)})
>>> inv = pd.DataFrame({"ds": pd.to_datetime(["2026-10-01", "2026-10-31"] * 2),
...     "sku": ["A", "A", "B", "B"], "warehouse": "W", "on_hand": [12, 8, 40, 40],
...     "inbound": 0, "reserved": 0})
>>> t = monthly_turnover(o, inv, "2026-10")
>>> t[["sku", "turnover"]].values.tolist()
[['A', 3.0], ['B', 0.05]]
>>> table, ds = turnover_decisions(t, load_params(), orders=o, period="2026-10")
>>> [(d.unique_id, d.verdict) for d in ds]
[('A', 'increase'), ('B', 'decrease')]
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..decisions import Decision
from ..i18n import N_
from ..i18n.phrase import Phrase
from ..schemas import ORDER_CANCELLED
from .settings import IterationSettings


def _month_bounds(period: str) -> tuple[pd.Timestamp, pd.Timestamp]:
    start = pd.Timestamp(f"{period}-01")
    return start, start + pd.offsets.MonthEnd(0)


def monthly_turnover(orders: pd.DataFrame, inventory: pd.DataFrame, period: str, *,
                     timezone: str = "UTC") -> pd.DataFrame:
    """Units sold, average on-hand units and turnover per SKU for one month (YYYY-MM).

    A SKU with sales but no stock record has turnover NaN (cannot be judged).
    """
    start, end = _month_bounds(period)
    ts = pd.to_datetime(orders["ds"], utc=True).dt.tz_convert(timezone).dt.tz_localize(None)
    keep = (ts >= start) & (ts < end + pd.Timedelta(days=1))
    if "status" in orders.columns:
        keep &= ~orders["status"].astype("str").str.lower().isin(ORDER_CANCELLED)
    sold = (pd.DataFrame({"sku": orders.loc[keep, "sku"].astype("str"),
                          "units": pd.to_numeric(orders.loc[keep, "units"], errors="coerce")})
            .groupby("sku")["units"].sum())
    inv = inventory[(pd.to_datetime(inventory["ds"]) >= start) & (pd.to_datetime(inventory["ds"]) <= end)]
    daily = (inv.assign(sku=inv["sku"].astype("str"))
             .groupby(["sku", "ds"])["on_hand"].sum())            # all warehouses per day
    avg = daily.groupby("sku").mean()
    snapshots = daily.groupby("sku").size()
    t = pd.DataFrame({"units_sold": sold, "avg_on_hand": avg, "snapshots": snapshots})
    t["units_sold"] = t["units_sold"].fillna(0.0)
    t["snapshots"] = t["snapshots"].fillna(0).astype(int)
    with np.errstate(divide="ignore", invalid="ignore"):
        t["turnover"] = np.where(t["avg_on_hand"] > 0, t["units_sold"] / t["avg_on_hand"],
                                 np.where(t["units_sold"] > 0, np.nan, 0.0))
    t.index.name = "sku"
    out = t.reset_index()
    out.insert(0, "period", period)
    return out


def bundle_candidates(orders: pd.DataFrame, skus, *, top_n: int = 2) -> dict[str, list[str]]:
    """Bundle partners per SKU: SKUs most often in the same orders, then the other SKUs
    by units sold (same category).

    >>> o = pd.DataFrame({"order_id": ["1", "1", "2", "3"], "sku": ["A", "B", "C", "C"],
    ...                   "units": [1, 1, 5, 5]})
    >>> bundle_candidates(o, ["A"], top_n=2)
    {'A': ['B', 'C']}
    """
    o = orders[["order_id", "sku", "units"]].astype({"order_id": "str", "sku": "str"})
    pairs = o[["order_id", "sku"]].drop_duplicates().merge(
        o[["order_id", "sku"]].drop_duplicates(), on="order_id", suffixes=("", "_with"))
    pairs = pairs[pairs["sku"] != pairs["sku_with"]]
    co = pairs.groupby(["sku", "sku_with"]).size().rename("n").reset_index()
    co = co.sort_values(["sku", "n", "sku_with"], ascending=[True, False, True])
    sellers = (o.groupby("sku")["units"].sum().sort_values(ascending=False).index.tolist())
    out = {}
    for sku in skus:          # few SKUs per category: a loop over SKUs, not over rows
        first = co.loc[co["sku"] == sku, "sku_with"].tolist()
        rest = [s for s in sellers if s != sku and s not in first]
        out[str(sku)] = (first + rest)[:top_n]
    return out


def turnover_decisions(turnover: pd.DataFrame, params: dict | IterationSettings, *, orders: pd.DataFrame | None = None,
                       category: str = "", period: str = "",
                       source_file: str = "") -> tuple[pd.DataFrame, list[Decision]]:
    """R6.2 as Decisions: increase (> fast), decrease + bundle (< slow) or keep.

    Returns the turnover table with ``action, order_change, cycle_months, bundle_with``
    and one Decision per SKU (verdict ``increase | decrease | keep | unknown``). ``params``: the
    loaded params, or the ``iteration`` settings built from them.
    """
    it = IterationSettings.of(params)
    fast, slow = it.turnover_fast_per_month, it.turnover_slow_per_month
    t = turnover.copy()
    tv = t["turnover"].to_numpy(float)
    t["action"] = np.select([np.isnan(tv), tv > fast, tv < slow], ["unknown", "increase", "decrease"],
                            "keep")
    t["order_change"] = np.select([t["action"] == "increase", t["action"] == "decrease"],
                                  [it.fast_order_change, it.slow_order_change], 0.0)
    t["cycle_months"] = np.where(t["action"] == "increase", it.fast_cycle_months,
                                 int(it.base_cycle_months))
    slow_skus = t.loc[t["action"] == "decrease", "sku"].tolist()
    partners = (bundle_candidates(orders, slow_skus, top_n=it.bundle_candidates)
                if orders is not None and len(orders) and slow_skus else {})
    t["bundle_with"] = [", ".join(partners.get(s, [])) for s in t["sku"]]
    decisions = []
    for r in t.itertuples(index=False):
        v = {"turnover": r.turnover, "sold": r.units_sold, "on_hand": r.avg_on_hand, "change": r.order_change,
             "cycle": r.cycle_months, "base": f"{it.base_cycle_months:g}", "bundle": r.bundle_with, "slow": slow,
             "fast": fast}
        base = dict(unique_id=r.sku, rule="R6.2.turnover",
                    metric=N_("inventory turnover per month (units sold / average on hand)"),
                    value=round(float(r.turnover), 2) if not np.isnan(r.turnover) else float("nan"),
                    source_file=source_file, category=category, period=period,
                    inputs={"units_sold": float(r.units_sold), "avg_on_hand": float(r.avg_on_hand),
                            "order_change": float(r.order_change),
                            "cycle_months": int(r.cycle_months), "bundle_with": r.bundle_with})
        if r.action == "increase":
            d = Decision(**base, threshold=f"> {fast:g}", verdict="increase",
                         params_key="iteration.turnover_fast_per_month",
                         reason=Phrase(N_("turnover {turnover:.1f}/month ({sold:.0f} sold on {on_hand:.0f} average "
                                          "on hand): next order {change:+.0%}, replenish every {cycle} months "
                                          "instead of {base}"), **v))
        elif r.action == "decrease":
            template = (N_("turnover {turnover:.2f}/month ({sold:.0f} sold on {on_hand:.0f} average on hand): "
                           "next order {change:+.0%}; bundle with {bundle}") if r.bundle_with else
                        N_("turnover {turnover:.2f}/month ({sold:.0f} sold on {on_hand:.0f} average on hand): "
                           "next order {change:+.0%}"))
            d = Decision(**base, threshold=f"< {slow:g}", verdict="decrease",
                         params_key="iteration.turnover_slow_per_month", reason=Phrase(template, **v))
        elif r.action == "keep":
            d = Decision(**base, threshold=f"{slow:g}-{fast:g}", verdict="keep",
                         params_key="iteration.turnover_fast_per_month",
                         reason=Phrase(N_("turnover {turnover:.2f}/month is between {slow:g} and {fast:g}: keep "
                                          "order size and the {cycle}-month cycle"), **v))
        else:
            d = Decision(**base, threshold=f"{slow:g}-{fast:g}", verdict="unknown",
                         params_key="iteration.turnover_fast_per_month",
                         reason=Phrase(N_("sales but no stock record in the month: turnover cannot be judged")))
        decisions.append(d)
    return t, decisions
