"""Monthly KPIs per category and SKU (R7.3), against last month and the params targets.

KPIs: sales (currency), units, return rate (returned / sold units), inventory turnover
(the stock step's definition), stock-out days (days a SKU had <= ``review.stockout_on_hand_max``
units on hand in at least one of its warehouses; SKU-days for the category), 24 h breach rate (orders not shipped within
``fulfilment.outbound_sla_hours``) and 1 h response rate (tickets answered within the
business-hour SLA).

Examples
--------
>>> import pandas as pd
>>> from types import SimpleNamespace
>>> from seller_lab.params import load_params
>>> from seller_lab import schemas
>>> ts = lambda s: pd.to_datetime(s, utc=True)
>>> o = pd.DataFrame({"order_id": ["1", "2"], "sku": ["A", "B"], "units": [2, 1], "price": [10.0, 20.0],
...     "ds": ts(["2026-10-05 08:00", "2026-10-06 08:00"]), "warehouse": "W",
...     "shipped_at": ts(["2026-10-05 10:00", "2026-10-08 10:00"]), "status": "shipped",
...     "delay_reason": ""})
>>> data = SimpleNamespace(orders=o, inventory=schemas.empty_frame("inventory"),
...     returns=schemas.empty_frame("returns"), tickets=schemas.empty_frame("tickets"))
>>> k = monthly_kpis(data, load_params("kitchen-organizer-de"), "2026-10")
>>> k[["unique_id", "sales", "units", "outbound_24h_breach_rate"]].values.tolist()
[['kitchen-organizer-de', 40.0, 3.0, 0.5], ['A', 20.0, 2.0, 0.0], ['B', 20.0, 1.0, 1.0]]
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..aftersales.response import first_response
from ..fulfilment.outbound import order_dispatch
from ..periods import in_month, month_bounds, previous_period, to_local
from ..schemas import ORDER_CANCELLED
from ..settings import SettingsGroup
from ..stock.turnover import monthly_turnover
from .settings import MonthSettings, ReviewSettings

KPI_COLUMNS = ["sales", "units", "return_rate", "turnover", "stockout_days",
               "outbound_24h_breach_rate", "response_1h_rate"]

# kpi -> (target key in review.targets, direction: +1 higher is better, -1 lower is better)
KPI_TARGETS = {"return_rate": ("return_rate_max", -1), "turnover": ("turnover_min", +1),
               "stockout_days": ("stockout_days_max", -1),
               "outbound_24h_breach_rate": ("outbound_24h_breach_rate_max", -1),
               "response_1h_rate": ("response_1h_rate_min", +1),
               "sales": ("sales_change_min", +1)}
BETTER = {"sales": 1, "units": 1, "return_rate": -1, "turnover": 1, "stockout_days": -1,
          "outbound_24h_breach_rate": -1, "response_1h_rate": 1}


def _orders_in_month(orders: pd.DataFrame, timezone: str, period: str) -> pd.DataFrame:
    if orders is None or orders.empty:
        return pd.DataFrame(columns=["sku", "units", "revenue"])
    o = orders
    if "status" in o:
        o = o[~o["status"].astype("str").str.lower().isin(ORDER_CANCELLED)]
    o = o[in_month(to_local(o["ds"], timezone), period)]
    units = pd.to_numeric(o["units"], errors="coerce").fillna(0)
    # a line without a price has no revenue (NaN), not 0: an orders file without prices has no sales figure
    price = pd.to_numeric(o["price"], errors="coerce") if "price" in o else pd.Series(np.nan, index=o.index)
    return pd.DataFrame({"sku": o["sku"].astype("str"), "units": units, "revenue": units * price})


def stockout_table(inventory: pd.DataFrame, params: dict | SettingsGroup, period: str) -> pd.DataFrame:
    """Stock-out days of each SKU in ``period``: days it had at most
    ``review.stockout_on_hand_max`` units in at least one of its warehouses
    (``stockout_days``), in all of them together (``stockout_days_all``), and where
    (``where``, e.g. 'FR-PAR 3 days'; ``worst_warehouse`` the one with most days).

    >>> inv = pd.DataFrame({"ds": pd.to_datetime(["2026-10-01", "2026-10-01", "2026-10-02", "2026-10-02"]),
    ...     "sku": "A", "warehouse": ["W1", "W2", "W1", "W2"], "on_hand": [0, 3, 0, 0]})
    >>> from seller_lab.params import load_params
    >>> stockout_table(inv, load_params(), "2026-10")[["stockout_days", "stockout_days_all", "where"]].values.tolist()
    [[2, 1, 'W1 2 days, W2 1 days']]
    """
    cols = ["stockout_days", "stockout_days_all", "where", "worst_warehouse"]
    if inventory is None or inventory.empty:
        return pd.DataFrame(columns=cols, index=pd.Index([], name="sku"))
    start, end = month_bounds(period)
    ds = pd.to_datetime(inventory["ds"])
    inv = inventory[(ds >= start) & (ds < end)]
    cell = (inv.assign(sku=inv["sku"].astype("str"), warehouse=inv["warehouse"].astype("str"),
                       day=pd.to_datetime(inv["ds"]).dt.normalize(),
                       on_hand=pd.to_numeric(inv["on_hand"], errors="coerce").fillna(0))
            .groupby(["sku", "warehouse", "day"])["on_hand"].sum())
    out_ = cell <= ReviewSettings.of(params).stockout_on_hand_max
    by_day = out_.groupby(level=["sku", "day"]).agg(["any", "all"])
    t = by_day.groupby(level="sku").sum().rename(columns={"any": "stockout_days", "all": "stockout_days_all"})
    per_wh = out_.groupby(level=["sku", "warehouse"]).sum()
    per_wh = per_wh[per_wh > 0]
    text = (per_wh.index.get_level_values("warehouse") + " " + per_wh.astype(int).astype(str).to_numpy() + " days")
    where = pd.Series(text, index=per_wh.index.get_level_values("sku")).groupby(level=0).agg(", ".join)
    t["where"] = where.reindex(t.index).fillna("").astype("str")
    worst = (per_wh.sort_values(ascending=False).reset_index().drop_duplicates("sku")
             .set_index("sku")["warehouse"]) if len(per_wh) else pd.Series(dtype="str")
    t["worst_warehouse"] = worst.reindex(t.index).fillna("").astype("str")
    t[["stockout_days", "stockout_days_all"]] = t[["stockout_days", "stockout_days_all"]].astype("int64")
    return t[cols]


def stockout_days(inventory: pd.DataFrame, params: dict | SettingsGroup, period: str) -> pd.Series:
    """Stock-out days per SKU (out of stock in at least one of its warehouses), see
    :func:`stockout_table`.

    >>> inv = pd.DataFrame({"ds": pd.to_datetime(["2026-10-01", "2026-10-01", "2026-10-02"]),
    ...     "sku": ["A", "A", "A"], "warehouse": ["W1", "W2", "W1"], "on_hand": [0, 3, 0]})
    >>> from seller_lab.params import load_params
    >>> stockout_days(inv, load_params(), "2026-10").to_dict()
    {'A': 2}
    """
    return stockout_table(inventory, params, period)["stockout_days"].astype("int64")


def monthly_kpis(data, params: dict | SettingsGroup, period: str) -> pd.DataFrame:
    """One row for the category (``level`` 'category', ``unique_id`` = slug) and one per
    SKU, with :data:`KPI_COLUMNS` for ``period``. Rates with no denominator are NaN.
    ``params``: the loaded params, or the MonthSettings built from them."""
    s = MonthSettings.of(params)
    slug, tz = s.category.slug, s.category.timezone
    o = _orders_in_month(data.orders, tz, period)
    sold = pd.DataFrame({"units": o.groupby("sku")["units"].sum(),
                         "sales": o.groupby("sku")["revenue"].sum(min_count=1)})
    ret = data.returns
    no_returns_file = "returns" in (getattr(data, "missing", None) or ())  # a rate of 0 would be a guess
    if ret is not None and len(ret):
        r = ret[in_month(to_local(ret["ds"], tz), period)]
        returned = (pd.to_numeric(r["quantity"], errors="coerce").fillna(1)
                    .groupby(r["sku"].astype("str")).sum())
    else:
        returned = pd.Series(dtype=float)
    inv = data.inventory
    if data.orders is not None and len(data.orders) and inv is not None and len(inv):
        tv = monthly_turnover(data.orders, inv, period, timezone=tz).set_index("sku")
    else:
        tv = pd.DataFrame(columns=["units_sold", "avg_on_hand", "turnover"])
    so = stockout_days(inv, s, period)
    disp = order_dispatch(data.orders, s, period)
    if len(disp):
        lines = disp[["order_id", "late"]].merge(
            data.orders[["order_id", "sku"]].astype({"order_id": "str", "sku": "str"}).drop_duplicates(),
            on="order_id")
        late = lines.groupby("sku")["late"].mean()
    else:
        late = pd.Series(dtype=float)
    resp = first_response(data.tickets, s, period)
    judged = resp[resp["status"] != "waiting"] if len(resp) else resp
    resp_sku = (judged[judged["sku"] != ""].groupby("sku")["within_sla"].mean()
                if len(judged) else pd.Series(dtype=float))
    skus = sorted(set(sold.index) | set(tv.index) | set(so.index) | set(returned.index))
    per = pd.DataFrame(index=pd.Index(skus, name="unique_id"))
    per["sales"] = sold["sales"].reindex(per.index).where(per.index.isin(sold.index), 0.0)
    per["units"] = sold["units"].reindex(per.index).fillna(0.0)
    with np.errstate(divide="ignore", invalid="ignore"):
        per["return_rate"] = (np.nan if no_returns_file else
                              returned.reindex(per.index).fillna(0) / per["units"].where(per["units"] > 0))
    per["turnover"] = pd.to_numeric(tv.get("turnover"), errors="coerce").reindex(per.index)
    per["stockout_days"] = so.reindex(per.index).fillna(0).astype(float) if len(so) else np.nan
    per["outbound_24h_breach_rate"] = late.reindex(per.index)
    per["response_1h_rate"] = resp_sku.reindex(per.index)
    units = float(per["units"].sum())
    avg_on_hand = float(pd.to_numeric(tv.get("avg_on_hand"), errors="coerce").sum()) if len(tv) else 0.0
    cat = {"sales": float(per["sales"].sum(min_count=1)) if len(per) else 0.0, "units": units,
           "return_rate": float(returned.sum()) / units if units and not no_returns_file else np.nan,
           "turnover": float(tv["units_sold"].sum()) / avg_on_hand if avg_on_hand > 0 else np.nan,
           "stockout_days": float(so.sum()) if len(so) else np.nan,
           "outbound_24h_breach_rate": float(disp["late"].mean()) if len(disp) else np.nan,
           "response_1h_rate": float(judged["within_sla"].mean()) if len(judged) else np.nan}
    out = pd.concat([pd.DataFrame([cat], index=pd.Index([slug], name="unique_id")), per])
    out.insert(0, "level", ["category"] + ["sku"] * len(per))
    out.insert(0, "period", period)
    out = out.reset_index()[["period", "level", "unique_id", *KPI_COLUMNS]]
    return out.astype({c: "float64" for c in KPI_COLUMNS})


def kpi_comparison(data, params: dict | SettingsGroup, period: str) -> pd.DataFrame:
    """Long table: per ``unique_id`` and KPI the value, last month's value, the change,
    the target (``review.targets``) and whether it is met (True/False/NaN). ``params``: the
    loaded params, or the MonthSettings built from them."""
    s = MonthSettings.of(params)
    now = monthly_kpis(data, s, period)
    before = monthly_kpis(data, s, previous_period(period))
    ids = ["level", "unique_id"]
    a = now.melt(id_vars=ids, value_vars=KPI_COLUMNS, var_name="kpi", value_name="value")
    b = before.melt(id_vars=ids, value_vars=KPI_COLUMNS, var_name="kpi", value_name="last_month")
    t = a.merge(b, on=[*ids, "kpi"], how="left")
    t["change"] = t["value"] - t["last_month"]
    base = t["last_month"].abs()
    t["change_pct"] = t["change"] / base.where(base > 0)
    targets = s.targets
    tgt, met = [], []
    for kpi, value, pct in zip(t["kpi"], t["value"], t["change_pct"]):  # 7 KPIs x a few SKUs
        key, direction = KPI_TARGETS.get(kpi, (None, 0))
        if key is None:
            tgt.append(np.nan)
            met.append(np.nan)
            continue
        target = getattr(targets, key)
        judged = pct if kpi == "sales" else value
        tgt.append(target)
        met.append(np.nan if pd.isna(judged) else bool(judged >= target if direction > 0 else judged <= target))
    t["target"] = tgt
    t["target_met"] = pd.array(met, dtype="boolean")
    t["better"] = np.sign(t["change"]) * t["kpi"].map(BETTER)
    t.insert(0, "period", period)
    return t
