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

from ..i18n import N_

OUTCOME_COLUMNS = ["unique_id", "rule", "verdict", "value", "reason", "outcome", "held"]
#: ``outcome`` and ``held`` also as catalog templates and values (a report shows them in
#: its language; the English columns are the templates filled in).
TEXT_COLUMNS = ["outcome_template", "outcome_values", "held_template", "held_values",
                "reason_template", "reason_values"]

NOT_REEVALUATED = N_("not re-evaluated this month")
STOCK_NOW = N_("turnover now {turnover:.1f}/month, {stockout:.0f} stock-out days")
PILOT_NOW = N_("{units:.0f} units / {sales:,.0f} sales this month")
RULE_NOW = N_("now {verdict} ({value})")
SINGLE_ALERT = N_("single order/ticket alert: see this month's rates")
HELD_YES, HELD_NO, HELD_NA, HELD_CHECK = N_("yes"), N_("no"), N_("n/a"), N_("check")
HELD_RAN_OUT, HELD_ORDER_MORE = N_("no: stock ran out"), N_("no: stock ran out, order more")
HELD_STILL = N_("no: still {verdict}")


def _said(template: str, **values) -> tuple[str, str, dict]:
    return template.format(**values), template, values


def _kept(v) -> str:
    """A text column read back from the store ('' for a null of an older row)."""
    return "" if v is None or (isinstance(v, float) and np.isnan(v)) else str(v)


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
        return pd.DataFrame(columns=OUTCOME_COLUMNS + TEXT_COLUMNS)
    cat_row = kpis[kpis["level"] == "category"]
    slug = str(cat_row["unique_id"].iloc[0]) if len(cat_row) else ""
    now = current.drop_duplicates(["rule", "unique_id"], keep="last").set_index(["rule", "unique_id"]) \
        if len(current) else None
    rows = []
    for r in previous.itertuples(index=False):  # last month's decisions: tens of rows
        uid, rule, verdict = str(r.unique_id), str(r.rule), str(r.verdict)
        outcome, held = _said(NOT_REEVALUATED), _said(HELD_NA)
        if rule.startswith(("R6.2", "R3.")):
            tv, so = _kpi(kpis, uid, "turnover"), _kpi(kpis, uid, "stockout_days")
            if not (np.isnan(tv) and np.isnan(so)):
                outcome = _said(STOCK_NOW, turnover=tv, stockout=0 if np.isnan(so) else so)
                if verdict == "increase" or rule.startswith("R3."):
                    held = _said(HELD_YES if (np.isnan(so) or so == 0) else HELD_ORDER_MORE)
                elif verdict == "decrease":
                    held = _said(HELD_YES if (np.isnan(so) or so == 0) and not np.isnan(tv) else HELD_CHECK)
                else:
                    held = _said(HELD_YES if (np.isnan(so) or so == 0) else HELD_RAN_OUT)
        elif rule.startswith("R2."):
            units, sales = _kpi(kpis, slug, "units"), _kpi(kpis, slug, "sales")
            if not np.isnan(units):
                outcome = _said(PILOT_NOW, units=units, sales=sales)
                held = _said(HELD_YES if (verdict in ("pass", "go")) == (units > 0) else HELD_NO)
        elif now is not None and (rule, uid) in now.index:
            cur = now.loc[(rule, uid)]
            outcome = _said(RULE_NOW, verdict=str(cur["verdict"]), value=str(cur["value"]))
            held = (_said(HELD_YES) if str(cur["verdict"]) in ("ok", "pass", "go", "keep")
                    else _said(HELD_STILL, verdict=str(cur["verdict"])))
        elif rule.startswith(("R4.2.outbound_24h", "R5.1.first_response")):
            outcome, held = _said(SINGLE_ALERT), _said(HELD_NA)
        rows.append({"unique_id": uid, "rule": rule, "verdict": verdict, "value": str(r.value),
                     "reason": str(r.reason), "outcome": outcome[0], "held": held[0],
                     "outcome_template": outcome[1], "outcome_values": outcome[2],
                     "held_template": held[1], "held_values": held[2],
                     # the reason's template and values as the store kept them ('' before they were)
                     "reason_template": _kept(getattr(r, "reason_template", "")),
                     "reason_values": _kept(getattr(r, "reason_values", ""))})
    return pd.DataFrame(rows, columns=OUTCOME_COLUMNS + TEXT_COLUMNS)
