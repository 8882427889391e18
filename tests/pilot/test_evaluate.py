"""Pilot verdict (R2.2): Wilson interval, pass / iterate / stop with sample-size awareness,
and the likely cause of a failure."""

from __future__ import annotations

import re

import numpy as np
import pandas as pd
import pytest

from seller_lab.decisions import localized_reason
from seller_lab.i18n import translator
from seller_lab.params import load_params
from seller_lab.pilot.evaluate import (
    evaluate_pilot,
    pilot_metrics,
    sessions_needed,
    wilson_interval,
)


@pytest.fixture
def params():
    return load_params("kitchen-organizer-de")


def pilot_frame(sessions, orders, days=30, price=34.9, sku="KO-RACK-2T"):
    per_s = np.full(days, sessions // days, float)
    per_s[: sessions % days] += 1
    per_o = np.zeros(days)
    per_o[np.linspace(0, days - 1, orders).astype(int) if orders else []] += 0
    np.add.at(per_o, np.arange(orders) % days, 1)
    return pd.DataFrame({"sku": sku, "ds": pd.date_range("2026-06-01", periods=days),
                         "sessions": per_s, "orders": per_o, "units": per_o, "price": price,
                         "currency": "EUR", "channel": "FBM"})


def reviews_frame(n, negative, texts=("Stabil und einfach aufzubauen",), asin="B0OURS0001"):
    ratings = [1.0] * negative + [5.0] * (n - negative)
    return pd.DataFrame({"doc_id": [f"r{i}" for i in range(n)], "source": "review", "unique_id": asin,
                         "ds": pd.Timestamp("2026-06-20", tz="UTC"),
                         "text": [texts[i % len(texts)] for i in range(n)], "rating": ratings,
                         "url": "", "asin": asin, "parent_asin": "", "title": "", "user_id": "",
                         "helpful_vote": 0, "verified_purchase": True})


def traffic_frame(asin="B0OURS0001", sku="KO-RACK-2T"):
    return pd.DataFrame({"asin": [asin, "B0OTHER001"], "parent_asin": "", "sku": [sku, "KO-OTHER"],
                         "period_start": pd.Timestamp("2026-06-01"), "period_end": pd.Timestamp("2026-06-30"),
                         "sessions": [3000.0, 5000.0], "page_views": 0.0, "units_ordered": [90.0, 125.0],
                         "ordered_product_sales": 0.0, "currency": "EUR", "conversion": 0.0,
                         "buy_box_share": 1.0})


def listings_frame(prices):
    return pd.DataFrame({"asin": [f"C{i}" for i in range(len(prices))], "price": prices})


def test_wilson_interval_values():
    low, high = wilson_interval(96, 3200, 0.95)
    assert (round(low, 4), round(high, 4)) == (0.0246, 0.0365)
    low, high = wilson_interval(0, 50, 0.95)
    assert low == 0 and high == pytest.approx(0.0714, abs=1e-4)
    lows, highs = wilson_interval(np.array([1, 2]), np.array([50, 100]))
    assert lows.shape == (2,) and np.isnan(wilson_interval(0, 0)[0])


def test_sessions_needed_to_tell_2_from_1_percent():
    assert sessions_needed(0.01, 0.02, confidence=0.95, power=0.8) == 979
    assert sessions_needed(0.01, 0.03, confidence=0.95, power=0.8) < 979


def test_pilot_metrics_conversion_is_orders_over_sessions():
    m = pilot_metrics(pilot_frame(3200, 96)).set_index("sku")
    assert m.loc["TOTAL", "conversion"] == pytest.approx(0.03)
    assert m.loc["KO-RACK-2T", "sessions"] == 3200


def test_good_pilot_passes(params):
    sp_texts = ["Holds large plates up to 30 cm, thick stainless steel",
                "Easy to install without tools, EU 230V drying fan works"]
    r = evaluate_pilot(pilot_frame(3200, 96), params, traffic=traffic_frame(),
                       reviews=reviews_frame(60, 2, texts=sp_texts),
                       listings=listings_frame([25.0, 30.0, 33.0, 36.0, 40.0]))
    assert r.verdict == "pass" and r.cause == "" and r.change == ""
    rules = {d.rule: d for d in r.decisions}
    assert rules["R2.2.conversion"].verdict == "pass"
    assert rules["R2.2.negative_rate"].value == pytest.approx(2 / 60, abs=1e-4)
    assert rules["R2.2.sample_size"].verdict == "pass"
    assert r.selling_points["confirmed"].mean() >= params["pilot"]["selling_points_confirmed_min"]
    assert rules["R2.2.pilot"].params_key == "pilot.conversion_pass"


def test_two_percent_on_fifty_sessions_proves_nothing(params):
    r = evaluate_pilot(pilot_frame(50, 1), params, traffic=traffic_frame(), reviews=reviews_frame(5, 0))
    assert r.verdict == "iterate" and r.cause == "sample size"
    sample = next(d for d in r.decisions if d.rule == "R2.2.sample_size")
    assert sample.verdict == "iterate" and "needs ~929 more sessions to tell 2% from 1%" in sample.reason


def test_no_orders_in_many_sessions_stops_even_before_the_full_sample(params):
    r = evaluate_pilot(pilot_frame(600, 0), params)
    assert r.verdict == "stop"                  # whole 95 % interval below 1 %


def test_low_conversion_with_price_above_the_band_stops_with_cause_price(params):
    p = load_params("kids-toy-us")
    r = evaluate_pilot(pilot_frame(2500, 17, price=29.99, sku="KT-TILES-60"), p,
                       traffic=traffic_frame(sku="KT-TILES-60"),
                       reviews=reviews_frame(12, 0, texts=("strong magnets that hold tall towers",)),
                       listings=listings_frame([19.99, 21.99, 22.99, 24.99, 25.99, 26.99]))
    assert r.verdict == "stop" and r.cause == "price"
    assert "lower the test price 29.99" in r.change and "band" in r.change
    assert next(d for d in r.decisions if d.rule == "R2.2.pilot").verdict == "stop"


def test_many_negative_reviews_stop_with_cause_function(params):
    r = evaluate_pilot(pilot_frame(3000, 90), params, traffic=traffic_frame(),
                       reviews=reviews_frame(40, 6, texts=("Rostet nach zwei Wochen",)),
                       listings=listings_frame([25.0, 30.0, 35.0, 40.0]))
    assert r.verdict == "stop" and r.cause == "function"
    assert "negative" in r.change or "do not confirm" in r.change


def test_between_thresholds_iterates(params):
    r = evaluate_pilot(pilot_frame(3000, 45), params, traffic=traffic_frame(),
                       reviews=reviews_frame(30, 1, texts=("thick stainless steel, holds large plates up to 30 cm",
                                                           "easy to install without tools, EU 230V drying fan")),
                       listings=listings_frame([25.0, 30.0, 35.0, 40.0]))
    assert r.verdict == "iterate"                # 1.5 %: neither 2 % nor below 1 %


def test_category_average_from_business_report_can_pass_a_pilot_below_2_percent(params):
    traffic = traffic_frame()
    traffic.loc[1, "units_ordered"] = 60.0       # other SKUs convert 1.2 %
    r = evaluate_pilot(pilot_frame(6000, 100), params, traffic=traffic,
                       reviews=reviews_frame(40, 1, texts=("thick stainless steel, holds large plates up to 30 cm",
                                                           "easy to install without tools, EU 230V drying fan")))
    assert next(d for d in r.decisions if d.rule == "R2.2.conversion").verdict == "pass"
    assert r.verdict == "pass"


def test_good_conversion_without_reviews_waits_for_reviews(params):
    r = evaluate_pilot(pilot_frame(3200, 96), params)
    assert r.verdict == "iterate" and r.cause == "no reviews yet" and "reviews" in r.change


ENGLISH_RUN = re.compile(r"\b[a-z][a-z'-]+(?: [a-z][a-z'-]+){2,}\b")


def _verdict(r):
    return next(d for d in r.decisions if d.rule == "R2.2.pilot")


@pytest.mark.parametrize("case", ["sample size", "price", "function", "price and function", "no reviews yet"])
def test_pilot_verdict_cause_and_change_read_in_chinese_with_the_english_reason_unchanged(params, case):
    reviews = reviews_frame(40, 1, texts=("thick stainless steel, holds large plates up to 30 cm",))
    band = listings_frame([25.0, 30.0, 35.0, 40.0])
    pilot = pilot_frame(3000, 15)                                    # 0.5 %: stop
    if case == "sample size":
        pilot = pilot_frame(50, 1)
    if case in ("price", "price and function"):
        pilot = pilot_frame(3000, 15, price=59.9)                     # above the competitors' band
    if case in ("function", "price and function"):
        reviews = reviews_frame(40, 6, texts=("Rostet nach zwei Wochen",))
    if case == "no reviews yet":
        pilot, reviews = pilot_frame(3200, 96), None
    r = evaluate_pilot(pilot, params, traffic=traffic_frame(), reviews=reviews, listings=band)
    d = _verdict(r)
    assert r.cause == case
    assert d.reason == d.template.format(**d.values)                  # the store keeps this English text
    assert case in d.reason and r.change in d.reason
    zh = localized_reason(d, translator("zh"))
    assert ENGLISH_RUN.findall(zh) == [], zh
    want = {"sample size": "样本量", "price": "竞品价格带", "function": "改进功能", "price and function": "价格和功能",
            "no reviews yet": "小批量测试"}[case]
    assert want in zh
