"""Last month's Decisions beside what actually happened (R7.3).

Each kept Decision (from the store) is matched with this month's evidence:

- stocking decisions (``R6.2.*``, ``R3.*``) -> this month's turnover and stock-out days of
  the SKU: "was the order enough";
- pilot verdicts (``R2.*``) -> this month's units and sales of the category: "did the
  verdict hold";
- any other rule -> the same rule re-evaluated this month for the same id (verdict now).

Examples
--------
>>> import pandas as pd
>>> prev = pd.DataFrame({"unique_id": ["A"], "rule": ["R6.2.turnover"], "verdict": ["increase"],
...     "value": ["2.6"], "reason": ["turnover 2.6/month: next order +30%"]})
>>> kpis = pd.DataFrame({"level": ["sku", "sku"], "unique_id": ["A", "A"],
...     "kpi": ["turnover", "stockout_days"], "value": [2.1, 0.0], "last_month": [2.6, 0.0]})
>>> out = decision_outcomes(prev, kpis, pd.DataFrame(columns=["unique_id", "rule", "verdict", "value"]))
>>> out[["unique_id", "outcome", "held"]].values.tolist()
[['A', 'turnover now 2.1/month, 0 stock-out days', 'yes']]
"""

from __future__ import annotations

import numpy as np
import pandas as pd

OUTCOME_COLUMNS = ["unique_id", "rule", "verdict", "value", "reason", "outcome", "held"]


def _kpi(kpis: pd.DataFrame, uid: str, kpi: str) -> float:
    hit = kpis[(kpis["unique_id"] == uid) & (kpis["kpi"] == kpi)]
    return float(hit["value"].iloc[0]) if len(hit) and pd.notna(hit["value"].iloc[0]) else np.nan


def decision_outcomes(previous: pd.DataFrame, kpis: pd.DataFrame, current: pd.DataFrame
                      ) -> pd.DataFrame:
    """Last month's decisions with ``outcome`` (what happened) and ``held``
    (yes | no | n/a).

    Parameters
    ----------
    previous : decisions frame kept in the store for the previous month
    kpis : this month's :func:`seller_lab.review.kpis.kpi_comparison`
    current : this month's decisions frame (same rules re-evaluated)
    """
    if previous is None or previous.empty:
        return pd.DataFrame(columns=OUTCOME_COLUMNS)
    cat_row = kpis[kpis["level"] == "category"]
    slug = str(cat_row["unique_id"].iloc[0]) if len(cat_row) else ""
    now = current.drop_duplicates(["rule", "unique_id"], keep="last").set_index(["rule", "unique_id"]) \
        if len(current) else None
    rows = []
    for r in previous.itertuples(index=False):  # last month's decisions: tens of rows
        uid, rule, verdict = str(r.unique_id), str(r.rule), str(r.verdict)
        outcome, held = "not re-evaluated this month", "n/a"
        if rule.startswith(("R6.2", "R3.")):
            tv, so = _kpi(kpis, uid, "turnover"), _kpi(kpis, uid, "stockout_days")
            if not (np.isnan(tv) and np.isnan(so)):
                outcome = f"turnover now {tv:.1f}/month, {0 if np.isnan(so) else so:.0f} stock-out days"
                if verdict == "increase" or rule.startswith("R3."):
                    held = "yes" if (np.isnan(so) or so == 0) else "no: stock ran out, order more"
                elif verdict == "decrease":
                    held = "yes" if (np.isnan(so) or so == 0) and not np.isnan(tv) else "check"
                else:
                    held = "yes" if (np.isnan(so) or so == 0) else "no: stock ran out"
        elif rule.startswith("R2."):
            units, sales = _kpi(kpis, slug, "units"), _kpi(kpis, slug, "sales")
            if not np.isnan(units):
                outcome = f"{units:.0f} units / {sales:,.0f} sales this month"
                held = ("yes" if (verdict in ("pass", "go")) == (units > 0) else "no")
        elif now is not None and (rule, uid) in now.index:
            cur = now.loc[(rule, uid)]
            outcome = f"now {cur['verdict']} ({cur['value']})"
            held = "yes" if str(cur["verdict"]) in ("ok", "pass", "go", "keep") else "no: still " + str(cur["verdict"])
        elif rule.startswith(("R4.2.outbound_24h", "R5.1.first_response")):
            outcome, held = "single order/ticket alert: see this month's rates", "n/a"
        rows.append({"unique_id": uid, "rule": rule, "verdict": verdict, "value": str(r.value),
                     "reason": str(r.reason), "outcome": outcome, "held": held})
    return pd.DataFrame(rows, columns=OUTCOME_COLUMNS)
