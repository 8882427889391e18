"""Replay the sales history day by day under a stocking policy (vectorised over SKUs).

Both policies are reorder-point / order-up-to rules re-estimated every day from the
trailing ``stock.sales_window_days`` of demand (mean ``mu``, standard deviation
``sigma``), with the first-leg lead time ``L``:

- ``seed``: safety stock = ``mu x L`` (the seed's rule);
- ``service``: safety stock = ``z x sigma x sqrt(L)`` for ``stock.service_level``.

Reorder point = ``mu x L + safety stock``; when stock on hand + on order falls to it,
order up to reorder point + ``mu x cover_days``; the order arrives ``L`` days later.
Demand beyond the stock on hand is lost. Each SKU starts with its policy's first order.

Examples
--------
>>> import pandas as pd
>>> from seller_lab.params import load_params
>>> days = pd.date_range("2026-01-01", periods=200, freq="D")
>>> s = pd.DataFrame({"unique_id": "A", "ds": days, "y": 5.0})
>>> r = compare_policies(s, load_params())
>>> r[["policy", "stockout_days", "lost_units"]].values.tolist()
[['seed', 0, 0.0], ['service', 0, 0.0]]
"""

from __future__ import annotations

from statistics import NormalDist

import numpy as np
import pandas as pd

from ..errors import SellerLabError
from ..settings import StockPlanSettings
from .forecast import to_matrix

POLICIES = ("seed", "service")


def simulate(Y: np.ndarray, valid: np.ndarray, params: dict, *, policy: str = "seed",
             lead_time_days: float | None = None, cover_days: float | None = None) -> dict:
    """Simulate one policy on a demand matrix (series x days); returns per-series arrays
    ``stockout_days, lost_units, demand_units, avg_stock, orders, days``.
    """
    st = StockPlanSettings.of(params)
    if policy not in POLICIES:
        raise SellerLabError(f"unknown policy '{policy}'; known: {', '.join(POLICIES)}")
    L = int(round(lead_time_days if lead_time_days is not None else st.safety_stock_lead_time_days))
    cover = float(cover_days if cover_days is not None else st.cover_days_alt)
    W = int(st.sales_window_days)
    z = NormalDist().inv_cdf(float(st.service_level))
    n, T = Y.shape
    D = np.nan_to_num(Y, nan=0.0)
    c1 = np.concatenate([np.zeros((n, 1)), np.cumsum(D, axis=1)], axis=1)
    c2 = np.concatenate([np.zeros((n, 1)), np.cumsum(D * D, axis=1)], axis=1)
    start = np.argmax(valid, axis=1) + W
    start = np.where(valid.any(axis=1), start, T)
    pipe = np.zeros((n, T + L + 1))
    on_hand = np.zeros(n)
    on_order = np.zeros(n)
    stockout = np.zeros(n, int)
    lost = np.zeros(n)
    demand = np.zeros(n)
    stock_sum = np.zeros(n)
    orders = np.zeros(n, int)
    days = np.zeros(n, int)
    for t in range(T):
        active = t >= start
        if not active.any():
            continue
        mu = (c1[:, t] - c1[:, t - W]) / W if t >= W else np.zeros(n)
        var = (c2[:, t] - c2[:, t - W]) / W - mu * mu if t >= W else np.zeros(n)
        sigma = np.sqrt(np.clip(var, 0.0, None))
        safety = mu * L if policy == "seed" else z * sigma * np.sqrt(L)
        reorder = mu * L + safety
        up_to = reorder + mu * cover
        new = t == start
        on_hand = np.where(new, np.ceil(up_to), on_hand)
        arrive = pipe[:, t]
        on_hand = on_hand + arrive
        on_order = on_order - arrive
        d = np.where(active, D[:, t], 0.0)
        sold = np.minimum(d, on_hand)
        short = d - sold
        on_hand = on_hand - sold
        lost += short
        demand += d
        stockout += (active & (short > 0))
        stock_sum += np.where(active, on_hand, 0.0)
        days += active
        position = on_hand + on_order
        need = active & ~new & (position <= reorder) & (mu > 0)
        q = np.where(need, np.ceil(up_to - position), 0.0)
        pipe[:, t + L] += q
        on_order = on_order + q
        orders += q > 0
    with np.errstate(invalid="ignore", divide="ignore"):
        avg_stock = np.where(days > 0, stock_sum / days, np.nan)
    return {"stockout_days": stockout, "lost_units": lost, "demand_units": demand,
            "avg_stock": avg_stock, "orders": orders, "days": days}


def compare_policies(series: pd.DataFrame, params: dict, *, lead_time_days: float | None = None,
                     cover_days: float | None = None, by_sku: bool = False) -> pd.DataFrame:
    """Stock-out days, lost sales and average stock of each policy on the history.

    Returns one row per policy (``by_sku=False``) or per policy x SKU, with
    ``fill_rate`` = share of demand served from stock.
    """
    ids, _, Y, valid = to_matrix(series)
    frames = []
    for policy in POLICIES:
        r = simulate(Y, valid, params, policy=policy, lead_time_days=lead_time_days,
                     cover_days=cover_days)
        frames.append(pd.DataFrame({"policy": policy, "sku": pd.array(ids, dtype="str"), **r}))
    t = pd.concat(frames, ignore_index=True)
    if not by_sku:
        t = (t.groupby("policy", sort=False)
             .agg(stockout_days=("stockout_days", "sum"), lost_units=("lost_units", "sum"),
                  demand_units=("demand_units", "sum"), avg_stock=("avg_stock", "sum"),
                  orders=("orders", "sum"))
             .reset_index())
    with np.errstate(invalid="ignore", divide="ignore"):
        t["fill_rate"] = np.where(t["demand_units"] > 0,
                                  1 - t["lost_units"] / t["demand_units"], np.nan)
    t["stockout_days"] = t["stockout_days"].astype(int)
    return t
