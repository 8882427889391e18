"""The monthly report's stock step: computed once (run_stock), rendered by the stock sections."""

from __future__ import annotations

from types import SimpleNamespace

from seller_lab.report.sections import stock as sections
from seller_lab.schemas import empty_frame
from seller_lab.stock.report import run_stock


def test_monthly_stock_sections_render_with_both_cover_readings(data, params):
    s = run_stock(data, params, "2026-10")
    plan = sections.stock_plan_section(s).html
    assert "115" in plan and "550" in plan                   # the seed example is explained
    assert "order (cover 3 d)" in plan and "order (cover 90 d)" in plan
    assert "Black Friday" in plan and "data:image/png;base64" in plan
    assert "Warehouse split" in plan
    alerts = sections.stock_alerts_section(s).html
    assert "FAST" in alerts and "ALERT" in alerts
    turnover = sections.turnover_section(s).html
    assert "INCREASE" in turnover and "DECREASE" in turnover
    acc = sections.forecast_accuracy_section(s).html
    assert "Chosen method per SKU" in acc
    assert s._repr_html_() == plan + alerts + turnover + acc                  # what JupyterLab shows


def test_decisions_frame_for_the_month(data, params):
    d = run_stock(data, params, "2026-10").decisions_frame()
    got = dict(zip(d.loc[d["rule"] == "R6.2.turnover", "unique_id"], d.loc[d["rule"] == "R6.2.turnover", "verdict"]))
    assert got == {"FAST": "increase", "SLOW": "decrease"}
    assert (d["period"] == "2026-10").all() and (d["category"] == "kitchen-organizer-de").all()


def test_sections_say_what_is_missing_without_orders(params):
    empty = SimpleNamespace(orders=empty_frame("orders"), inventory=empty_frame("inventory"),
                            shipments=empty_frame("shipments"))
    s = run_stock(empty, params, "2026-10")
    for fn in (sections.stock_plan_section, sections.stock_alerts_section, sections.forecast_accuracy_section,
               sections.turnover_section):
        assert "No orders export" in fn(s).html
    assert s.decisions_frame().empty
