"""Turnover rules (R6.2) as Decisions; bundle partners for slow movers."""

from __future__ import annotations

import pandas as pd

from seller_lab.stock.turnover import bundle_candidates, monthly_turnover, turnover_decisions


def test_fast_mover_gets_plus_30_and_shorter_cycle_slow_gets_minus_50_and_bundle(params, orders, inventory):
    t = monthly_turnover(orders, inventory, "2026-10", timezone="Europe/Berlin")
    t = t.set_index("sku")
    assert t.loc["FAST", "avg_on_hand"] == 130 and t.loc["FAST", "turnover"] > 2
    assert t.loc["SLOW", "turnover"] < 1
    table, decisions = turnover_decisions(t.reset_index(), params, orders=orders, period="2026-10",
                                          category="kitchen-organizer-de")
    d = {x.unique_id: x for x in decisions}
    assert d["FAST"].verdict == "increase" and d["FAST"].inputs["order_change"] == 0.30
    assert d["FAST"].inputs["cycle_months"] == 2 and "+30%" in d["FAST"].reason
    assert d["SLOW"].verdict == "decrease" and d["SLOW"].inputs["order_change"] == -0.50
    assert "bundle with FAST" in d["SLOW"].reason
    assert d["FAST"].params_key == "iteration.turnover_fast_per_month" and d["FAST"].period == "2026-10"


def test_turnover_between_thresholds_keeps_and_missing_stock_is_unknown(params):
    t = pd.DataFrame({"period": "2026-10", "sku": ["MID", "NOSTOCK"], "units_sold": [150.0, 5.0],
                      "avg_on_hand": [100.0, float("nan")], "snapshots": [31, 0],
                      "turnover": [1.5, float("nan")]})
    _, decisions = turnover_decisions(t, params)
    assert [d.verdict for d in decisions] == ["keep", "unknown"]


def test_turnover_averages_on_hand_over_the_month_across_warehouses(params):
    inv = pd.DataFrame({"ds": pd.to_datetime(["2026-10-01", "2026-10-01", "2026-10-31", "2026-10-31",
                                              "2026-09-30"]),
                        "sku": "A", "warehouse": ["W", "E", "W", "E", "W"],
                        "on_hand": [60, 40, 20, 0, 999], "inbound": 0, "reserved": 0})
    orders = pd.DataFrame({"order_id": ["1", "2"], "sku": "A", "units": [90, 7],
                           "ds": pd.to_datetime(["2026-10-15 12:00", "2026-11-01 12:00"], utc=True)})
    t = monthly_turnover(orders, inv, "2026-10")
    assert t["avg_on_hand"].iloc[0] == 60            # (100 + 20) / 2 days, September ignored
    assert t["turnover"].iloc[0] == 1.5              # November order not counted


def test_bundle_partners_prefer_co_purchases_over_best_sellers():
    o = pd.DataFrame({"order_id": ["1", "1", "2", "2", "3", "4"],
                      "sku": ["SLOW", "MID", "SLOW", "MID", "TOP", "TOP"], "units": [1, 1, 1, 1, 50, 50]})
    assert bundle_candidates(o, ["SLOW"], top_n=2) == {"SLOW": ["MID", "TOP"]}
