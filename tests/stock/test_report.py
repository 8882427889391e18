"""The monthly report's stock sections render from category data."""

from __future__ import annotations

from types import SimpleNamespace

from seller_lab.schemas import empty_frame
from seller_lab.stock import report


def test_monthly_stock_sections_render_with_both_cover_readings(data, params):
    plan = report.stock_plan_section(data, params, "2026-10").html
    assert "115" in plan and "550" in plan                   # the seed example is explained
    assert "order (cover 3 d)" in plan and "order (cover 90 d)" in plan
    assert "Black Friday" in plan and "data:image/png;base64" in plan
    assert "Warehouse split" in plan
    alerts = report.stock_alerts_section(data, params, "2026-10").html
    assert "FAST" in alerts and "ALERT" in alerts
    turnover = report.turnover_section(data, params, "2026-10").html
    assert "INCREASE" in turnover and "DECREASE" in turnover
    acc = report.forecast_accuracy_section(data, params, "2026-10").html
    assert "Chosen method per SKU" in acc


def test_decisions_frame_for_the_month(data, params):
    d = report.decisions(data, params, "2026-10")
    got = dict(zip(d.loc[d["rule"] == "R6.2.turnover", "unique_id"], d.loc[d["rule"] == "R6.2.turnover", "verdict"]))
    assert got == {"FAST": "increase", "SLOW": "decrease"}
    assert (d["period"] == "2026-10").all() and (d["category"] == "kitchen-organizer-de").all()


def test_sections_say_what_is_missing_without_orders(params):
    empty = SimpleNamespace(orders=empty_frame("orders"), inventory=empty_frame("inventory"),
                            shipments=empty_frame("shipments"))
    for fn in (report.stock_plan_section, report.stock_alerts_section, report.forecast_accuracy_section):
        assert "No orders export" in fn(empty, params, "2026-10").html
    assert "No orders export" in report.turnover_section(empty, params, "2026-10").html
    assert report.decisions(empty, params, "2026-10").empty
