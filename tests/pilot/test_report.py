"""The pilot step: run_pilot computes once, the pilot section renders the result."""

from __future__ import annotations

from types import SimpleNamespace

import pandas as pd

from seller_lab.params import load_params
from seller_lab.pilot.report import pilot_section, run_pilot
from seller_lab.report.sections import pilot as sections
from seller_lab.schemas import empty_frame


def test_without_pilot_file_the_test_plan_applies():
    p = load_params("camping-chair-de")
    data = SimpleNamespace(pilot=empty_frame("pilot"), traffic=empty_frame("traffic"),
                           reviews=empty_frame("reviews"), listings=empty_frame("listings"))
    html = pilot_section(data, p).html
    assert "test plan" in html and "46.90 EUR" in html      # 39.90 x 1.167 = 46.56 -> price point .90


def test_pilot_section_shows_verdict_chart_and_first_order_on_pass():
    p = load_params("kitchen-organizer-de")
    days = pd.date_range("2026-06-01", periods=32)
    pilot = pd.DataFrame({"sku": "KO-RACK-2T", "ds": days, "sessions": 100.0, "orders": 3.0,
                          "units": 3.0, "price": 34.9, "currency": "EUR", "channel": "FBM"})
    reviews = empty_frame("reviews").reindex(range(20))
    reviews = reviews.assign(asin="KO-RACK-2T", unique_id="KO-RACK-2T", rating=5.0, title="",
                             ds=pd.Timestamp("2026-06-10", tz="UTC"),
                             text="Holds large plates up to 30 cm, thick stainless steel, easy to install "
                                  "without tools, EU 230V drying fan <script>x</script>")
    data = SimpleNamespace(pilot=pilot, traffic=empty_frame("traffic"), reviews=reviews,
                           listings=empty_frame("listings"), files=pd.DataFrame(columns=["file", "kind"]))
    r = run_pilot(data, p, period="2026-11")
    assert r.result.verdict == "pass" and r.daily_units == 3.0 and len(r.first_order)
    html = sections.pilot_section(r).html
    assert "PASS" in html and "data:image/png;base64" in html
    assert "first order" in html.lower() and "<script>" not in html
    assert html == pilot_section(data, p, period="2026-11").html == r._repr_html_()   # one call = compute + render
