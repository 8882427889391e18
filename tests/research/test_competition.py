"""R1.2 competitor filter, price bands, entry band and differentiation on a Helium 10 export."""

from __future__ import annotations

import pandas as pd
import pytest

from seller_lab import text
from seller_lab.params import load_params
from seller_lab.research import competition as comp
from seller_lab.sources import load_file

HEADER = ("\ufeffProduct Details,ASIN,URL,Brand,Price  €,ASIN Sales,ASIN Revenue,Review Count,Reviews Rating,"
          "BSR,Number of Active Sellers,Fulfillment")
ROWS = [  # title, asin, brand, price, sales, reviews, rating
    ("Geschirrabtropfgestell Edelstahl 2 Etagen", "B0BIG00001", "WMF", "€39.99", "3,100", "12,131", "4.6"),
    ("Abtropfgestell XXL rostfrei", "B0BIG00002", "Spülwerk", "€34.99", "1,900", "1,204", "4.4"),
    ("Abtropfgestell neu", "B0NEW00001", "NoName", "€19.99", "40", "37", "4.2"),
    ("Abtropfgestell günstig", "B0LOW00001", "Cheapo", "€15.49", "300", "260", "3.6"),
    ("Geschirrständer Kunststoff", "B0MID00001", "Kuchi", "€21.99", "520", "180", "4.1"),
    ("Geschirrständer mit Besteckkorb", "B0MID00002", "Kuchi", "€22.99", "610", "240", "4.3"),
    ("Abtropfgestell Edelstahl mit Abtropfschale", "B0MID00003", "Hausfix", "€26.99", "880", "310", "4.4"),
    ("Abtropfgestell 2 Etagen mit Abtropfschale", "B0MID00004", "Hausfix", "€27.49", "790", "420", "4.0"),
    ("Abtropfgestell Bambus", "B0MID00005", "Bambu", "€29.99", "300", "150", "4.5"),
    ("Abtropfgestell Premium", "B0MID00006", "Lux", "€31.99", "260", "480", "4.2"),
]


@pytest.fixture(scope="module")
def params():
    return load_params("kitchen-organizer-de")


@pytest.fixture
def listings(tmp_path):
    f = tmp_path / "helium10_blackbox.csv"
    lines = [HEADER] + [f'"{t}",{a},https://www.amazon.de/dp/{a},{b},{p},"{s}",,"{r}",{rt},,1,FBA'
                        for t, a, b, p, s, r, rt in ROWS]
    f.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return load_file(f, kind="listings").frame


def test_competitors_outside_review_band_are_listed_with_reason(listings, params):
    f = comp.filter_competitors(listings, params, category="kitchen-organizer-de")
    assert set(f.kept["asin"]) == {"B0MID00001", "B0MID00002", "B0MID00003", "B0MID00004", "B0MID00005",
                                   "B0MID00006"}
    reasons = f.excluded.set_index("asin")["reason"]
    assert reasons["B0BIG00002"] == "1,204 reviews > 500: a head-on fight with an established listing"
    assert "12,131 reviews > 500" in reasons["B0BIG00001"] and "4.6★ > 4.5★" in reasons["B0BIG00001"]
    assert reasons["B0NEW00001"].startswith("37 reviews < 100")
    assert reasons["B0LOW00001"].startswith("3.6★ < 4.0★")
    d = f.decisions[0]
    assert d.rule == "R1.2.competitors_in_band" and d.value == 6 and d.verdict == "pass"
    assert d.inputs["above_review_max"] == 2


def test_filter_band_comes_from_params(listings, params):
    p = {**params, "competition": {**params["competition"], "review_count_max": 2000}}
    assert "B0BIG00002" in set(comp.filter_competitors(listings, p).kept["asin"])


def test_price_bands_count_listings_sales_and_mark_entry_band(listings, params):
    p = {**params, "competition": {**params["competition"], "price_bands": 3}}
    bands = comp.price_bands(listings, p)
    assert bands["listings"].sum() == len(listings) and len(bands) == 3
    assert bands["est_monthly_sales"].sum() == pytest.approx(8700)
    assert bands["in_filter"].sum() == 6
    entry = bands[bands["entry"]]
    assert len(entry) == 1
    # the entry band is where an in-band competitor sells most (big brands' sales do not count)
    eligible = bands[bands["in_filter"] >= p["competition"]["entry_min_in_band"]]
    assert entry["est_sales_per_competitor"].iloc[0] == eligible["est_sales_per_competitor"].max()
    assert entry["price_from"].iloc[0] >= 22.99
    d = comp.entry_band_decision(bands)
    assert d.verdict == "pass" and "estimates" in d.reason


def test_no_comparable_competitor_gives_watch_not_pass(listings, params):
    big = listings.assign(review_count=5000)
    f = comp.filter_competitors(big, params)
    assert f.kept.empty and f.decisions[0].verdict == "watch"
    assert comp.entry_band_decision(comp.price_bands(big, params, kept=f.kept)).verdict == "watch"


def test_empty_listings_give_unknown(params):
    from seller_lab.schemas import empty_frame

    f = comp.filter_competitors(empty_frame("listings"), params)
    assert f.decisions[0].verdict == "unknown" and "no competitor listings export" in f.decisions[0].reason


def test_negative_reasons_become_differentiation_suggestions(params):
    texts = {1: ["Sehr dünnes Material, biegt sich.", "Dünnes Material und wackelig.", "Wackelig und dünnes Blech."],
             2: ["Rostet nach drei Wochen.", "Nach zwei Wochen Rost am Rahmen.", "Dünnes Material, rostet."],
             5: ["Stabil und einfach aufzubauen.", "Sehr stabil, tolles Gestell.", "Einfach aufzubauen, stabil."]}
    flat = [(r, t) for r, ts in sorted(texts.items()) for t in ts] * 4
    rows = [{"asin": f"B0MID0000{i % 2 + 1}", "rating": float(r), "text": t, "doc_id": f"r{i}"}
            for i, (r, t) in enumerate(flat)]
    reviews = pd.DataFrame(rows)
    overall, by = comp.negative_reasons(reviews, params)
    assert not overall.empty and "dünn" in " ".join(overall["keyword"]).lower()
    diff = comp.differentiation(overall, params)
    concepts = set(diff["concept"])
    assert "thin" in concepts
    thin = diff[diff["concept"] == "thin"].iloc[0]
    assert thin["suggestion"].startswith("differentiate by thicker material")
    per = comp.reasons_by_competitor(by, None, params)
    assert set(per["asin"]) == {"B0MID00001", "B0MID00002"}
    assert per["differentiate_by"].str.len().gt(0).all()


def test_per_competitor_reasons_are_the_keywords_of_each_competitor_without_quotes(params):
    texts = ["Rostet nach drei Wochen, schade.", "Nach zwei Wochen Rost am Rahmen.", "Dünnes Material, rostet schnell.",
             "Wackelig und dünnes Blech.", "Sehr stabil und einfach aufzubauen.", "Stabil, tolles Gestell, gerne wieder."]
    ratings = [1.0, 2.0, 1.0, 2.0, 5.0, 5.0]
    reviews = pd.DataFrame([{"asin": asin, "rating": r, "text": t, "doc_id": f"{asin}-{i}-{k}"}
                            for asin in ("B0MID00001", "B0MID00002") for k in range(3)
                            for i, (r, t) in enumerate(zip(ratings, texts))])
    _, by = comp.negative_reasons(reviews, params)
    with_quotes = text.keywords_by(reviews, params, by="asin", top_n=3, sides=("negative",))
    assert len(by) and by["asin"].nunique() == 2
    # the same keywords, scores and counts per competitor as the full call; only the quotes are skipped
    cols = ["asin", "keyword", "z", "reviews_negative", "share_negative_reviews"]
    pd.testing.assert_frame_equal(by[cols], with_quotes[cols])
    assert with_quotes["quotes"].map(len).gt(0).all() and by["quotes"].map(len).eq(0).all()


def test_local_brand_benchmark_table_from_params(params):
    lb = comp.local_brands(params)
    assert {"IKEA", "WMF", "us (plan)"} <= set(lb["brand"])
    assert lb.set_index("brand").loc["WMF", "warranty_years"] == 2


def test_core_selling_points_from_titles(listings, params):
    sp = comp.core_selling_points(listings, params)
    assert not sp.empty
    assert sp["listings"].max() <= len(listings)
    assert any("edelstahl" in s.lower() or "abtropfschale" in s.lower() for s in sp["selling_point"])
