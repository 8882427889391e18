"""Seller Central exports written by other people (tests/data/sources/real/, see its README):
each loads into the exact values its rows hold, and what a real file does differently from
the layouts the team wrote down (en-dash headers, '- B2B' twins, units per session above
100 %, the FBA reports' own column names) is pinned here.
"""

from __future__ import annotations

import math
from pathlib import Path

import pytest

from seller_lab.sources import load_file
from seller_lab.sources.detect import detect

REAL = Path(__file__).resolve().parents[1] / "data" / "sources" / "real"


# ------------------------------------------------------------------ Business Report (UK)
def test_uk_business_report_with_en_dash_headers_maps_the_totals_not_the_b2b_twins():
    res = load_file(REAL / "business_report_child_uk.csv")

    assert res.layout == "business_report_child"
    assert res.encoding == "utf-8-sig"   # the BOM Seller Central writes
    assert res.source_columns["sessions"] == "Sessions – Total"
    assert res.source_columns["page_views"] == "Page views – Total"
    assert res.source_columns["units_ordered"] == "Units ordered"
    assert res.source_columns["ordered_product_sales"] == "Ordered Product Sales"
    assert res.source_columns["buy_box_share"] == "Featured Offer (Buy Box) percentage"
    assert not any("B2B" in h for h in res.source_columns.values())
    assert len(res.frame) == 4 and len(res.rejected) == 0


def test_uk_business_report_values_thousands_pounds_and_percentages():
    f = load_file(REAL / "business_report_child_uk.csv").frame

    first = f.iloc[0]
    assert (first["asin"], first["parent_asin"], first["sku"]) == ("B0BGPMD867", "B0BGPMD867", "OIL02H - 001")
    assert (first["sessions"], first["page_views"], first["units_ordered"]) == (5824.0, 7448.0, 370.0)
    assert first["ordered_product_sales"] == pytest.approx(12897.84)
    assert first["currency"] == "GBP"
    assert first["conversion"] == pytest.approx(0.0635)
    assert first["buy_box_share"] == pytest.approx(0.7887)
    # a title with commas, a registered sign and a curly apostrophe inside quotes
    yeast = f.iloc[1]
    assert (yeast["sessions"], yeast["units_ordered"], yeast["ordered_product_sales"]) == (660.0, 114.0, 1276.86)
    # the same child ASIN under two SKUs is two rows
    assert f["sku"].tolist()[2] == "OIL02H - 001 Prime"
    assert f["ordered_product_sales"].tolist()[2] == pytest.approx(2574.94)
    assert f["ordered_product_sales"].sum() == pytest.approx(12897.84 + 1276.86 + 2574.94 + 217.81)


def test_more_units_than_sessions_keeps_the_row_and_leaves_its_conversion_empty():
    res = load_file(REAL / "business_report_child_uk.csv")

    vinegar = res.frame.iloc[3]   # 20 sessions, 23 units: 'Unit Session Percentage' 115.00%
    assert (vinegar["asin"], vinegar["sessions"], vinegar["units_ordered"]) == ("B08TQPBQLV", 20.0, 23.0)
    assert vinegar["ordered_product_sales"] == pytest.approx(217.81)
    assert math.isnan(vinegar["conversion"])
    note = " ".join(str(n) for n in res.notes)
    assert "Unit Session Percentage" in note and "row 4" in note and "115.00%" in note


def test_uk_business_report_with_mobile_app_and_browser_columns_takes_the_total():
    res = load_file(REAL / "business_report_child_uk_mobile.csv")

    assert res.source_columns["sessions"] == "Sessions – Total"
    assert res.source_columns["page_views"] == "Page views – Total"
    f = res.frame
    assert f["sessions"].tolist() == [1769.0, 343.0]        # not 1,356 (mobile app) nor 12 (B2B)
    assert f["page_views"].tolist() == [2069.0, 533.0]
    assert f["units_ordered"].tolist() == [205.0, 189.0]
    assert f["ordered_product_sales"].tolist() == pytest.approx([2560.45, 3801.11])
    assert f["conversion"].tolist() == pytest.approx([0.1159, 0.551])
    assert set(f["currency"]) == {"GBP"}


# ------------------------------------------------------------------ FBA reports (Airbyte fixtures)
@pytest.mark.parametrize(("name", "layout"), [
    ("airbyte_fba_customer_returns.tsv", "fba_customer_returns"),
    ("airbyte_fba_inventory_planning.tsv", "fba_inventory_health"),
    ("airbyte_fba_myi_unsuppressed_inventory.tsv", "fba_manage_inventory"),
])
def test_fba_report_headers_are_recognised_and_header_copies_are_rejected_rows(name, layout):
    res = load_file(REAL / name)

    assert res.layout == layout
    assert len(res.frame) == 0
    assert res.rejected["row"].tolist() == [1, 2]
    assert all("repeats the header row" in p for p in res.rejected["problem"])


def test_inventory_health_reserved_counts_reserved_and_unfulfillable_units():
    d = detect(REAL / "airbyte_fba_inventory_planning.tsv")

    assert d.mapping["on_hand"] == "available"
    assert d.mapping["inbound"] == "inbound-quantity"
    assert set(d.spec["sum"]["reserved"]) == {"reserved-quantity", "unfulfillable-quantity"}
