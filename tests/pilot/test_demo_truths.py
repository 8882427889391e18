"""On the demo data: the kitchen pilot passes, the toy pilot stops because of its price,
the camping chair has no pilot (the test plan applies)."""

from __future__ import annotations

from seller_lab.pilot.evaluate import evaluate_pilot
from seller_lab.pilot.report import pilot_section


def judge(params, data):
    return evaluate_pilot(data.pilot, params, traffic=data.traffic, reviews=data.reviews,
                          listings=data.listings, period="2026-11")


def test_kitchen_pilot_passes(demo_data):
    params, data = demo_data("kitchen-organizer-de")
    r = judge(params, data)
    tot = r.metrics.set_index("sku").loc["TOTAL"]
    assert 0.02 <= tot["conversion"] <= 0.04 and tot["sessions"] >= r.sessions_needed
    assert r.verdict == "pass", [d.reason for d in r.decisions]


def test_toy_pilot_stops_with_cause_price(demo_data):
    params, data = demo_data("kids-toy-us")
    r = judge(params, data)
    assert r.verdict == "stop" and r.cause.startswith("price"), [d.reason for d in r.decisions]
    assert "band" in r.change


def test_camping_chair_has_no_pilot_and_shows_the_test_plan(demo_data):
    params, data = demo_data("camping-chair-de")
    assert len(data.pilot) == 0
    assert "test plan" in pilot_section(data, params).html
