"""R6.1 concentrated negative themes -> product change; R6.2 via stock; R6.3 service."""

from __future__ import annotations

import pandas as pd

from seller_lab.iteration import (
    negative_feedback,
    negative_themes,
    product_suggestions,
    service_benchmark,
    survey_improvements,
    turnover_review,
)
from seller_lab.params import load_params


def _reviews(texts, ratings, day="2026-10-10"):
    return pd.DataFrame({"ds": pd.to_datetime([day] * len(texts), utc=True), "asin": "B0OWN",
                         "text": texts, "rating": ratings})


def test_single_colour_complaints_suggest_local_colours():
    p = load_params("kitchen-organizer-de")
    rv = _reviews(["Gibt es leider nur in einer Farbe", "Farbe passt nicht zu meiner Küche",
                   "Schöne Farbe fehlt", "Farben sind langweilig", "wackelig", "super!"],
                  [2, 1, 2, 2, 1, 5])
    neg = negative_feedback(rv, None, p, "2026-10")
    assert len(neg) == 5                                                   # the 5-star review is out
    themes = negative_themes(neg, p)
    assert themes.iloc[0][["theme", "documents", "concentrated"]].tolist() == ["colour", 4, True]
    table, ds = product_suggestions(themes, p, sales_change=0.05, category="c", period="2026-10")
    assert table["theme"].tolist() == ["colour"]
    assert "anthrazit, weiß, salbeigrün" in table["suggestion"].iloc[0]
    assert ds[0].verdict == "iterate" and "sales stable" in ds[0].reason


def test_size_mismatch_from_returns_suggests_spec_change_and_discount():
    p = load_params("kitchen-organizer-de")
    ret = pd.DataFrame({"ds": pd.to_datetime(["2026-10-12"] * 6, utc=True), "sku": "KO-DRAWER-S",
                        "asin": "B0D", "reason": ["TOO_SMALL"] * 4 + ["DEFECTIVE", "UNWANTED_ITEM"],
                        "customer_comments": ["", "zu klein", "", "", "kaputt", ""]})
    themes = negative_themes(negative_feedback(None, ret, p, "2026-10"), p)
    size = themes.set_index("theme").loc["size"]
    assert size["documents"] == 4 and size["concentrated"]
    table, _ = product_suggestions(themes, p, category="c", period="2026-10")
    assert "discount" in table.set_index("theme").loc["size", "suggestion"]


def test_too_few_negatives_is_not_concentrated():
    p = load_params("kitchen-organizer-de")
    themes = negative_themes(negative_feedback(_reviews(["nur eine Farbe"], [1]), None, p, "2026-10"), p)
    assert not themes["concentrated"].any()
    assert product_suggestions(themes, p)[0].empty


def test_turnover_decisions_come_from_the_stock_step():
    p = load_params("kitchen-organizer-de")
    o = pd.DataFrame({"order_id": ["1", "2"], "sku": ["FAST", "SLOW"], "units": [60, 5],
                      "status": "shipped", "ds": pd.to_datetime(["2026-10-05", "2026-10-06"], utc=True)})
    inv = pd.DataFrame({"ds": pd.to_datetime(["2026-10-01", "2026-10-31"] * 2), "sku": ["FAST", "FAST", "SLOW", "SLOW"],
                        "warehouse": "W", "on_hand": [30, 10, 100, 100], "inbound": 0, "reserved": 0})
    _, ds = turnover_review(o, inv, p, "2026-10")
    assert {d.unique_id: d.verdict for d in ds} == {"FAST": "increase", "SLOW": "decrease"}


def test_service_benchmark_and_survey():
    p = load_params("kitchen-organizer-de")
    table, ds = service_benchmark(p, category="kitchen-organizer-de", period="2026-10")
    assert table["brand"].tolist() == ["IKEA", "WMF", "ours"]
    assert ds[0].verdict == "iterate" and "offer 3 years and local repair" in ds[0].reason
    p["category"]["our_service"] = {"warranty_years": 3, "local_repair": True}
    assert service_benchmark(p)[1][0].verdict == "ok"
    assert survey_improvements(None, p).empty
