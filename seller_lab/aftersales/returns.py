"""Weekly top return reasons with the responsible step and action (R5.2).

The reason of a return is its FBA reason code; when the code says nothing
(``NO_REASON_GIVEN``, ``OTHER``, empty) the theme of the customer's comment (text
mining) takes its place. Each reason is looked up in the playbook
(``aftersales.return_playbook`` + ``aftersales.return_playbook_extra``): too small ->
listing & product (fix size information and the next batch's size), damaged by carrier
-> fulfilment (packaging), ...

Examples
--------
>>> import pandas as pd
>>> from seller_lab.params import load_params
>>> r = pd.DataFrame({"ds": pd.to_datetime(["2026-10-12", "2026-10-13", "2026-10-14"], utc=True),
...     "order_id": ["1", "2", "3"], "sku": ["S", "S", "T"], "asin": "", "product_name": "",
...     "quantity": [2, 1, 1], "fulfillment_center_id": "", "detailed_disposition": "",
...     "reason": ["TOO_SMALL", "NO_REASON_GIVEN", "DAMAGED_BY_CARRIER"], "reason_raw": "",
...     "status": "", "customer_comments": ["", "leider zu klein", "Karton kaputt"]})
>>> top = weekly_top_return_reasons(r, load_params("kitchen-organizer-de"), "2026-10")
>>> top[["week", "rank", "reason", "units", "step"]].astype(str).values.tolist()[0]
['2026-10-12', '1', 'TOO_SMALL', '3', 'listing & product']
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

from ..periods import in_month, to_local, week_start
from ..settings import AftersalesSettings, CategorySettings, SettingsGroup
from ..text import classify_return_comments

UNINFORMATIVE = {"", "NO_REASON_GIVEN", "OTHER", "UNKNOWN", "NAN"}

TOP_COLUMNS = ["week", "rank", "reason", "units", "returns", "share_of_week", "skus", "source",
               "step", "action", "example_comment"]


def playbook(params: dict | SettingsGroup) -> dict[str, dict]:
    """Reason -> {step, action}: the params playbook with the category's extras on top
    (keys upper-cased, spaces as underscores)."""
    a = AftersalesSettings.of(params)
    merged = {**a.return_playbook, **a.return_playbook_extra}
    return {_key(k): dict(v) for k, v in merged.items()}


def _key(text) -> str:
    """Canonical reason key: upper case, '_' for blanks/dashes, Amazon's 'CR-' prefix dropped.

    >>> _key("CR-UNWANTED_ITEM"), _key("too small")
    ('UNWANTED_ITEM', 'TOO_SMALL')
    """
    return re.sub(r"^CR_", "", re.sub(r"[\s\-]+", "_", str(text).strip()).upper())


def comment_themes(comments: pd.Series, params: dict) -> pd.Series:
    """Return-reason theme of each customer comment ('' when none found).

    Uses ``seller_lab.text.classify_return_comments`` (its ``comment_reason``).
    """
    comments = comments.fillna("").astype("str")
    if comments.eq("").all():
        return pd.Series("", index=comments.index, dtype="str")
    res = classify_return_comments(pd.DataFrame({"customer_comments": comments}), params)
    out = res["comment_reason"].reindex(comments.index)
    return out.fillna("").astype("str").map(lambda x: _key(x) if x else "")


def classify_returns(returns: pd.DataFrame, params: dict, period: str | None = None) -> pd.DataFrame:
    """Returns of ``period`` (local month) with ``week``, ``comment_theme`` and the final
    ``reason_final`` / ``reason_source`` ('fba code' | 'comment'). ``params``: the loaded
    params (the text step classifies the comments with them)."""
    tz = CategorySettings.of(params).timezone
    if returns is None or returns.empty:
        return pd.DataFrame(columns=[*returns.columns, "local", "week", "comment_theme",
                                     "reason_final", "reason_source"] if returns is not None else [])
    r = returns.copy()
    r["local"] = to_local(r["ds"], tz)
    if period is not None:
        r = r[in_month(r["local"], period)].reset_index(drop=True)
    r["week"] = week_start(r["local"])
    r["quantity"] = pd.to_numeric(r["quantity"], errors="coerce").fillna(1).astype(int)
    code = r["reason"].fillna("").astype("str").map(_key)
    r["comment_theme"] = comment_themes(r["customer_comments"], params)
    use_comment = code.isin(UNINFORMATIVE) & (r["comment_theme"] != "")
    r["reason_final"] = code.where(~use_comment, r["comment_theme"]).replace("", "NO_REASON_GIVEN")
    r["reason_source"] = np.where(use_comment, "comment", "fba code")
    return r


def weekly_top_return_reasons(returns: pd.DataFrame, params: dict, period: str | None = None,
                              ) -> pd.DataFrame:
    """Top ``aftersales.top_return_reasons`` reasons per ISO week (by returned units),
    each with its share of the week, the SKUs, the responsible step and the action.

    Returns
    -------
    DataFrame with :data:`TOP_COLUMNS`; step/action 'unassigned' / 'add this reason to
    aftersales.return_playbook_extra' when the playbook has no entry.
    """
    n = AftersalesSettings.of(params).top_return_reasons
    r = classify_returns(returns, params, period)
    if r.empty:
        return pd.DataFrame(columns=TOP_COLUMNS)
    r["_comment"] = r["customer_comments"].fillna("").astype("str")
    g = (r.groupby(["week", "reason_final"], sort=True)
         .agg(units=("quantity", "sum"), returns=("order_id", "size"),
              skus=("sku", _top_skus), example_comment=("_comment", _longest),
              from_comment=("reason_source", lambda s: (s == "comment").mean()))
         .reset_index().rename(columns={"reason_final": "reason"}))
    g["share_of_week"] = g["units"] / g.groupby("week")["units"].transform("sum")
    g = g.sort_values(["week", "units", "returns", "reason"], ascending=[True, False, False, True])
    g["rank"] = g.groupby("week").cumcount() + 1
    g = g[g["rank"] <= n].reset_index(drop=True)
    g["source"] = np.where(g["from_comment"] >= 1, "customer comments",
                           np.where(g["from_comment"] > 0, "FBA code + comments", "FBA code"))
    book = playbook(params)
    g["step"] = g["reason"].map(lambda k: book.get(k, {}).get("step", "unassigned")).astype("str")
    g["action"] = g["reason"].map(lambda k: book.get(k, {}).get(
        "action", "add this reason to aftersales.return_playbook_extra")).astype("str")
    return g[TOP_COLUMNS]


def _top_skus(s: pd.Series) -> str:
    return ", ".join(s.astype("str").value_counts().index[:3])


def _longest(s: pd.Series) -> str:
    s = s[s != ""]
    return "" if s.empty else str(s.loc[s.str.len().idxmax()])[:200]


def return_reason_summary(returns: pd.DataFrame, params: dict, period: str | None = None
                          ) -> pd.DataFrame:
    """Month totals per reason (units, share) with step and action, biggest first."""
    r = classify_returns(returns, params, period)
    if r.empty:
        return pd.DataFrame(columns=["reason", "units", "share", "step", "action"])
    g = r.groupby("reason_final")["quantity"].sum().sort_values(ascending=False)
    out = pd.DataFrame({"reason": g.index.astype("str"), "units": g.to_numpy()})
    out["share"] = out["units"] / out["units"].sum()
    book = playbook(params)
    out["step"] = [book.get(k, {}).get("step", "unassigned") for k in out["reason"]]
    out["action"] = [book.get(k, {}).get("action", "") for k in out["reason"]]
    return out
