"""Inventory replay under the seed rule and the service-level rule."""

from __future__ import annotations

import numpy as np
import pandas as pd

from seller_lab.stock.forecast import to_matrix
from seller_lab.stock.simulate import compare_policies, simulate


def demand_frame(seed=4, n=12, days=300):
    rng = np.random.default_rng(seed)
    rows = []
    for i in range(n):
        lam = rng.uniform(0.5, 8)
        y = rng.poisson(lam, days) * (rng.random(days) < rng.uniform(0.3, 1))
        y[200:] = y[200:] * 3                                   # demand triples on day 200
        rows.append(pd.DataFrame({"unique_id": f"S{i}", "ds": pd.date_range("2026-01-01", periods=days),
                                  "y": y.astype(float)}))
    return pd.concat(rows, ignore_index=True)


def test_vectorised_simulation_equals_one_series_at_a_time(params):
    s = demand_frame()
    _, _, Y, valid = to_matrix(s)
    joint = simulate(Y, valid, params, policy="service", lead_time_days=20)
    for i in range(Y.shape[0]):
        alone = simulate(Y[i:i + 1], valid[i:i + 1], params, policy="service", lead_time_days=20)
        for key, value in alone.items():
            assert np.allclose(joint[key][i], value[0], equal_nan=True), key


def test_a_demand_jump_causes_stockouts_and_lost_sales_are_accounted(params):
    r = compare_policies(demand_frame(), params, lead_time_days=30)
    assert list(r["policy"]) == ["seed", "service"]
    assert (r["lost_units"] > 0).all() and (r["stockout_days"] > 0).all()
    assert ((r["fill_rate"] > 0.5) & (r["fill_rate"] < 1)).all()
    # the seed's safety stock (a full lead time of sales) holds more stock and loses less
    seed, service = r.iloc[0], r.iloc[1]
    assert seed["avg_stock"] > service["avg_stock"] and seed["lost_units"] < service["lost_units"]


def test_steady_demand_never_runs_out(params):
    s = pd.DataFrame({"unique_id": "A", "ds": pd.date_range("2026-01-01", periods=200), "y": 5.0})
    r = compare_policies(s, params, by_sku=True)
    assert (r["stockout_days"] == 0).all() and (r["lost_units"] == 0).all()
    assert (r["orders"] > 0).all()
