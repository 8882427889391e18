"""On the demo data the planted stock truths are recovered (TRUTHS.md, month 2026-10)."""

from __future__ import annotations

import pandas as pd
import pytest

from seller_lab.stock import report
from seller_lab.stock.planning import low_stock_alerts, peak_plan, transfer_suggestions
from seller_lab.stock.turnover import monthly_turnover, turnover_decisions


@pytest.fixture(scope="module")
def kitchen(demo_data):
    return demo_data("kitchen-organizer-de")


@pytest.fixture(scope="module")
def camping(demo_data):
    return demo_data("camping-chair-de")


@pytest.fixture(scope="module")
def toys(demo_data):
    return demo_data("kids-toy-us")


def turnover_verdicts(params, data):
    t = monthly_turnover(data.orders, data.inventory, "2026-10", timezone=params["category"]["timezone"])
    _, decisions = turnover_decisions(t, params, orders=data.orders, period="2026-10")
    return {d.unique_id: d for d in decisions}


def test_fast_mover_ko_rack_2t_gets_plus_30_percent(kitchen):
    params, data = kitchen
    d = turnover_verdicts(params, data)["KO-RACK-2T"]
    assert d.verdict == "increase" and d.value > 2
    assert d.inputs["order_change"] == pytest.approx(0.30) and d.inputs["cycle_months"] == 2


def test_slow_mover_cc_chair_xl_gets_minus_50_percent_and_a_bundle(camping):
    params, data = camping
    d = turnover_verdicts(params, data)["CC-CHAIR-XL"]
    assert d.verdict == "decrease" and d.value < 1
    assert d.inputs["order_change"] == pytest.approx(-0.50) and d.inputs["bundle_with"]


def test_camping_chair_plan_ships_before_its_season_peak(camping):
    params, data = camping
    s = report.run_stock(data, params, "2026-10")
    hist = s.history
    span = hist.groupby("unique_id")["ds"].agg(lambda s: (s.max() - s.min()).days + 1)
    assert span.min() >= params["stock"]["season_min_history_days"]          # ~2 years daily
    plan = peak_plan(hist, s.forecast.chosen, params, as_of=pd.Timestamp("2026-10-31"))
    season = plan[plan["event"] == "Season peak"]
    assert len(season) and season["start"].dt.month.isin([5, 6]).all()
    assert (season["ship_by"] < season["start"]).all() and (season["ship_by"] > pd.Timestamp("2026-10-31")).all()


def test_kt_tiles_60_transfer_from_us_west_to_us_east(toys):
    params, data = toys
    alerts, _ = low_stock_alerts(data.orders, data.inventory, params, shipments=data.shipments,
                                 as_of="2026-10-31")
    moves, _ = transfer_suggestions(alerts, params)
    m = moves[moves["sku"] == "KT-TILES-60"]
    assert len(m) == 1 and (m["from_warehouse"].iloc[0], m["to_warehouse"].iloc[0]) == ("US-WEST", "US-EAST")
