"""Stock planning (R3.1, R3.3, R3.4): the seed example, service-level safety stock,
peaks with ship-by dates, warehouse split, low-stock alerts and transfers."""

from __future__ import annotations

import copy
import re

import numpy as np
import pandas as pd
import pytest

from seller_lab.decisions import localized_reason
from seller_lab.i18n import translator
from seller_lab.stock.planning import (
    event_date,
    first_order_quantity,
    first_order_readings,
    lead_times,
    low_stock_alerts,
    peak_plan,
    season_peak,
    service_level_safety_stock,
    stock_plan,
    transfer_suggestions,
    warehouse_split,
)

ENGLISH_WORDS = re.compile(r"\b[a-z]{2,}\b")  # any lower-case English word (SKUs and codes are upper case)


def test_seed_example_reproduces_115_and_the_three_months_reading(params):
    assert first_order_quantity(5, cover_days=3, lead_time_days=20) == 115
    t = first_order_readings(5, params, lead_time_days=20)
    assert t["order_qty"].tolist() == [115.0, 550.0]
    assert t["cover_days"].tolist() == [3.0, 90.0]          # cover explicit in days
    assert "3 months" in str(t["reading"].iloc[1])


def test_service_level_safety_stock_is_z_sigma_sqrt_lead_time(params):
    ss = service_level_safety_stock(2.0, lead_time_days=20, service_level=0.95)
    assert ss == pytest.approx(1.6449 * 2.0 * np.sqrt(20), rel=1e-3)
    t = first_order_readings(5, params, lead_time_days=20, error_sd=2.0)
    assert len(t) == 3 and t["safety_stock"].iloc[2] == pytest.approx(ss)
    assert t["safety_stock"].iloc[2] < t["safety_stock"].iloc[0]   # 14.7 vs the seed's 100


def test_stock_plan_uses_measured_lead_time_and_flags_reorder(params, inventory):
    chosen = pd.DataFrame({"unique_id": ["FAST", "SLOW"], "method": "SES",
                           "daily_mean": [10.0, 0.5], "error_sd": [3.0, 0.7], "mase": 0.8})
    ships = pd.DataFrame({"warehouse": ["DE-FRA", "DE-FRA"],
                          "departed_at": pd.to_datetime(["2026-06-01", "2026-07-01"], utc=True),
                          "arrived_at": pd.to_datetime(["2026-07-06", "2026-08-05"], utc=True)})
    assert lead_times(ships, params)["lead_time_days"].tolist() == [35.0]
    plan = stock_plan(chosen, params, inventory=inventory, shipments=ships).set_index("sku")
    assert plan.loc["FAST", "order_qty_seed"] == 10 * 3 + 10 * 35
    assert plan.loc["FAST", "reorder_now"]                 # 130 on hand < 700 reorder point
    assert not plan.loc["SLOW", "reorder_now"]
    assert plan.loc["FAST", "days_of_cover"] == pytest.approx(13.0)


def test_black_friday_and_ship_by_dates_before_each_peak(params):
    assert event_date({"rule": "black_friday"}, 2026) == pd.Timestamp("2026-11-27")
    assert event_date({"rule": "black_friday"}, 2027) == pd.Timestamp("2027-11-26")
    chosen = pd.DataFrame({"unique_id": ["A"], "daily_mean": [4.0]})
    series = pd.DataFrame({"unique_id": "A", "ds": pd.date_range("2026-05-01", periods=100), "y": 4.0})
    plan = peak_plan(series, chosen, params, as_of="2026-06-15")
    assert {"Prime Day", "Black Friday", "Christmas"} <= set(plan["event"])
    assert (plan["ship_by"] < plan["start"]).all() and (plan["ship_from"] < plan["ship_by"]).all()
    bf = plan[(plan["event"] == "Black Friday")].iloc[0]
    assert bf["ship_by"] == pd.Timestamp("2026-09-27") and bf["ship_from"] == pd.Timestamp("2026-08-27")
    assert bf["extra_units_min"] == 4 * 4 * 0.5 and bf["extra_units_max"] == 4 * 4 * 1.0
    prime = plan[plan["event"] == "Prime Day"].iloc[0]
    assert prime["start"] == pd.Timestamp("2026-07-08")
    assert prime["status"].startswith("late")              # ship-by 8 May already passed

    # Prime Day is Amazon's: a web shop's category (a Shopify export) plans Black Friday and Christmas only
    assert "Prime Day" in set(peak_plan(series, chosen, params, as_of="2026-06-15", marketplace="amazon.de")["event"])
    shop = peak_plan(series, chosen, params, as_of="2026-06-15", marketplace="own web shop (Shopify)")
    assert set(shop["event"]) == {"Black Friday", "Christmas"}


def seasonal_history(years=3, end="2026-10-31"):
    days = pd.date_range(end=end, periods=365 * years, freq="D")
    peak = days.month.isin([5, 6, 7, 8])
    return pd.DataFrame({"unique_id": "CHAIR", "ds": days, "y": np.where(peak, 12.0, 2.0)})


def test_season_peak_is_detected_and_planned_with_ship_by_before_it(params):
    hist = seasonal_history()
    season = season_peak(hist, params)
    assert season["months"] == [5, 6, 7, 8] and season["start_month"] == 5
    chosen = pd.DataFrame({"unique_id": ["CHAIR"], "daily_mean": [2.0]})
    plan = peak_plan(hist, chosen, params, as_of="2026-10-31")
    s = plan[plan["event"] == "Season peak"].iloc[0]
    assert s["start"] == pd.Timestamp("2027-05-01")
    assert s["ship_by"] == pd.Timestamp("2027-03-01") and s["ship_from"] == pd.Timestamp("2027-02-01")
    assert s["extra_units_min"] == (12 - 2) * 123             # May-Aug = 123 days


def test_short_or_flat_history_has_no_season_but_params_can_set_one(params):
    flat = pd.DataFrame({"unique_id": "A", "ds": pd.date_range("2024-01-01", periods=1000), "y": 3.0})
    assert season_peak(flat, params) is None
    assert season_peak(seasonal_history(years=1), params) is None         # < 2 years
    p = copy.deepcopy(params)
    p["stock"]["season_peak_months"] = [11, 12]
    assert season_peak(flat, p)["start_month"] == 11


def test_warehouse_split_rounds_to_cartons_and_keeps_main_share(params):
    q = pd.DataFrame({"sku": ["A", "B"], "order_qty": [550.0, 95.0]})
    sh = pd.DataFrame({"sku": ["A", "A", "B", "B"], "warehouse": ["US-WEST", "US-EAST"] * 2,
                       "share": [0.7, 0.3, 0.3, 0.7]})
    out = warehouse_split(q, sh, params)
    assert (out["units"] % params["stock"]["carton_qty"] == 0).all()
    a = out[out["sku"] == "A"].set_index("warehouse")
    assert a["cartons"].sum() == 28 and a.loc["US-WEST", "role"] == "main"   # ceil(550/20)
    assert a.loc["US-WEST", "cartons"] > a.loc["US-EAST", "cartons"]
    b = out[out["sku"] == "B"].set_index("warehouse")
    assert b.loc["US-EAST", "role"] == "main" and b["cartons"].sum() == 5


def _two_warehouse_orders() -> pd.DataFrame:
    """28 days of one SKU: 4 units a day from US-WEST, 3 from US-EAST."""
    days = pd.date_range(end="2026-10-31", periods=28, freq="D")
    return pd.DataFrame({
        "order_id": [f"o{i}" for i in range(56)], "sku": "KT-TILES-60",
        "ds": pd.to_datetime(np.concatenate([days, days])).tz_localize("UTC") + pd.Timedelta(hours=12),
        "units": np.r_[np.full(28, 4), np.full(28, 3)],
        "warehouse": ["US-WEST"] * 28 + ["US-EAST"] * 28, "status": "shipped"})


def test_low_warehouse_gets_a_transfer_from_the_one_with_excess(params):
    orders = _two_warehouse_orders()
    inventory = pd.DataFrame({"ds": pd.Timestamp("2026-10-31"), "sku": "KT-TILES-60",
                              "warehouse": ["US-WEST", "US-EAST"], "on_hand": [900, 15],
                              "inbound": [0, 0], "reserved": [0, 0]})
    alerts, dec = low_stock_alerts(orders, inventory, params, as_of="2026-10-31")
    st = alerts.set_index("warehouse")["status"]
    assert st["US-EAST"] == "low" and st["US-WEST"] == "excess"
    assert [d.verdict for d in dec if d.unique_id.endswith("US-EAST")] == ["alert"]
    moves, mdec = transfer_suggestions(alerts, params)
    assert len(moves) == 1
    m = moves.iloc[0]
    assert (m["from_warehouse"], m["to_warehouse"]) == ("US-WEST", "US-EAST")
    # US-EAST needs 3/day x 20 days = 60 - 15 = 45 -> 3 cartons of 20; US-WEST keeps 60 days
    assert m["units"] == 60 and 900 - m["units"] >= 4 * 60
    assert "move 60 units" in mdec[0].reason


def test_no_transfer_when_nothing_is_in_excess(params):
    alerts = pd.DataFrame({"sku": ["A", "A"], "warehouse": ["W", "E"], "status": ["low", "ok"],
                           "on_hand": [1.0, 50.0], "inbound": 0.0, "daily": [1.0, 1.0],
                           "days_of_cover": [1.0, 50.0], "alert_below_days": 20.0})
    moves, dec = transfer_suggestions(alerts, params)
    assert moves.empty and dec == []


def test_cover_and_transfer_reasons_read_in_chinese_and_keep_their_english_text(params):
    orders = _two_warehouse_orders()
    inventory = pd.DataFrame({"ds": pd.Timestamp("2026-10-31"), "sku": ["KT-TILES-60"] * 2 + ["KT-OLD"],
                              "warehouse": ["US-WEST", "US-EAST", "US-WEST"], "on_hand": [900, 15, 40],
                              "inbound": [0, 0, 0], "reserved": [0, 0, 0]})
    alerts, dec = low_stock_alerts(orders, inventory, params, as_of="2026-10-31")
    _moves, mdec = transfer_suggestions(alerts, params)
    zh = translator("zh")
    by_id = {d.unique_id: d for d in dec}
    low, idle = by_id["KT-TILES-60@US-EAST"], by_id["KT-OLD@US-WEST"]
    assert low.reason == ("KT-TILES-60 at US-EAST: 5 days of cover, less than the 20-day lead time: reorder now "
                          "(reorder point 120 units)")
    assert idle.reason.startswith("KT-OLD at US-WEST: no sales, unlimited of cover, enough for the ")
    for d in [*dec, *mdec]:
        assert d.reason == d.template.format(**d.values)
        text = localized_reason(d, zh)
        assert "可售天数" in text and ENGLISH_WORDS.findall(text) == [], text
    assert "立即补货" in localized_reason(low, zh) and "没有销量" in localized_reason(idle, zh)
    assert "调拨 60 件（3 箱）" in localized_reason(mdec[0], zh)
    assert zh(low.metric) == "可售天数（在库 + 在途入库）/ 日销量" and zh(mdec[0].metric) == "跨仓调拨件数"
