"""Shopify's orders export as shops wrote it (tests/data/shopify_orders): one row per line item, the order's
own fields ('Fulfilled at', 'Currency', 'Shipping Country', 'Cancelled at') on its first line only, a
cancelled order's lines still 'pending', lines that need no shipping, line items without a SKU. Before the
``shopify_orders`` layout the files were refused ("looks like the erp_orders export … order_id missing"),
and a file mapped by hand counted cancelled orders as sold and 'not shipped yet'."""

from __future__ import annotations

import csv
from pathlib import Path
from types import SimpleNamespace

import pandas as pd
import pytest

from seller_lab.fulfilment import order_dispatch
from seller_lab.params import load_params
from seller_lab.review.kpis import monthly_kpis
from seller_lab.sources import load_file
from seller_lab.sources.importers.parse import parse_ts

DATA = Path(__file__).resolve().parents[1] / "data" / "shopify_orders"
KIDS = DATA / "kidsliving_orders_export.csv"        # ZAR, 50 orders, May 2021
APPAREL = DATA / "apparel_orders_export_2021-03_04.csv"   # USD, 43 orders, line items without a SKU


def _raw(path: Path) -> list[dict]:
    """The export's lines with each order's first-line fields, read here with the csv module."""
    with open(path, newline="", encoding="utf-8") as fh:
        lines = list(csv.DictReader(fh))
    first: dict[str, dict] = {}
    for line in lines:
        head = first.setdefault(line["Name"], line)
        line["order"] = head
    return lines


def _ts(value: str) -> pd.Timestamp:
    return parse_ts(pd.Series([value])).iloc[0]


@pytest.mark.parametrize("path", [KIDS, APPAREL], ids=["kidsliving", "apparel"])
def test_every_line_carries_its_orders_fields_and_a_cancelled_order_is_cancelled_on_every_line(path):
    res = load_file(path)
    assert (res.kind, res.layout) == ("orders", "shopify_orders")
    assert len(res.rejected) == 0, res.rejected
    raw = [r for r in _raw(path) if r["Lineitem requires shipping"] == "true"]
    f = res.frame.reset_index(drop=True)
    assert len(f) == len(raw)
    multi = 0
    for (_, row), line in zip(f.iterrows(), raw):
        order = line["order"]
        multi += order is not line
        assert row.order_id == line["Name"] and row.units == int(line["Lineitem quantity"])
        assert row.price == pytest.approx(float(line["Lineitem price"]))   # Shopify's price is per unit
        assert row.currency == order["Currency"] and row.country == order["Shipping Country"]
        assert row.channel == "shopify"
        if order["Fulfilled at"]:
            assert row.shipped_at == _ts(order["Fulfilled at"])
        else:
            assert pd.isna(row.shipped_at)
        if order["Cancelled at"]:
            assert row.status == "cancelled", line   # its line says 'pending'
        else:
            assert row.status == {"fulfilled": "shipped", "pending": "pending"}[line["Lineitem fulfillment status"]]
    assert multi >= 10   # lines after an order's first: each one of them had empty order fields in the file


def test_a_line_that_needs_no_shipping_is_left_out_with_a_note_and_a_line_without_a_sku_keeps_its_name():
    kids = load_file(KIDS)
    assert any("'Lineitem requires shipping' is not one of true, (empty) were left out: false 1" in str(n)
               for n in kids.notes), kids.notes
    apparel = load_file(APPAREL)
    no_sku = [r for r in _raw(APPAREL) if not r["Lineitem sku"]]
    assert len(no_sku) == 6
    assert any(f"{len(no_sku)} row(s) without a value in 'Lineitem sku' take the one in 'Lineitem name'" in str(n)
               for n in apparel.notes), apparel.notes
    skus = set(apparel.frame["sku"])
    assert {r["Lineitem name"] for r in no_sku} <= skus and "" not in skus


def test_a_months_sales_leave_cancelled_orders_out_and_every_other_order_is_judged_on_its_fulfilment_time():
    params = load_params()
    f = load_file(APPAREL).frame
    raw = _raw(APPAREL)
    k = monthly_kpis(SimpleNamespace(orders=f, returns=None, inventory=None, tickets=None), params, "2021-04")
    # the month in the category's zone (the shipped defaults: UTC); independent sum over the file's lines
    april = [r for r in raw if _ts(r["Created at"]).strftime("%Y-%m") == "2021-04"]
    sold = [r for r in april if not r["order"]["Cancelled at"]]
    cancelled = {r["Name"] for r in april if r["order"]["Cancelled at"]}
    assert len(cancelled) >= 2
    total = sum(float(r["Lineitem price"]) * int(r["Lineitem quantity"]) for r in sold)
    row = k[k["level"] == "category"].iloc[0]
    assert float(row["sales"]) == pytest.approx(total)
    assert int(row["units"]) == sum(int(r["Lineitem quantity"]) for r in sold)

    d = order_dispatch(f, params, "2021-04").set_index("order_id")
    assert set(d.index) == {r["Name"] for r in sold} and not set(d.index) & cancelled
    for r in sold:
        if r["order"]["Fulfilled at"]:
            hours = (_ts(r["order"]["Fulfilled at"]) - _ts(r["Created at"])) / pd.Timedelta(hours=1)
            assert d.loc[r["Name"], "hours_to_ship"] == pytest.approx(hours, abs=0.01)
            assert d.loc[r["Name"], "late"] == (hours > 24)


def test_an_export_mapped_by_hand_keeps_the_mapping_and_gets_the_layouts_rules(tmp_path):
    # before the layout a seller had to map the export (the error said so); the hand-made layout then won and
    # read a cancelled order's lines as pending sales, a second line's price in the category's currency
    from seller_lab.sources.importers.tabular import match_layout

    with open(KIDS, newline="", encoding="utf-8") as fh:
        header = next(csv.reader(fh))
    user = {"orders": {"order_id": "Name", "sku": "Lineitem name", "ds": "Paid at", "units": "Lineitem quantity"}}
    name, spec, mapping = match_layout(header, "orders", user)
    assert name == "shopify_orders" and "order_lines" in spec
    assert (mapping["sku"], mapping["ds"], mapping["shipped_at"]) == ("Lineitem name", "Paid at", "Fulfilled at")
    # a file no known export matches is read with the user's mapping alone, as before
    plain = ["Order", "Item", "When", "Qty"]
    mapped = {"orders": {"order_id": "Order", "sku": "Item", "ds": "When", "units": "Qty"}}
    assert match_layout(plain, "orders", mapped)[0] == "mapped_orders"


def test_a_line_whose_shipping_cell_is_empty_is_read_not_left_out(tmp_path):
    # only 'false' says a line needs no shipping: an empty cell (a row cut short, an edited file) goes through
    # the row checks like any other, and is loaded or rejected with its reason, never left out unseen
    with open(KIDS, newline="", encoding="utf-8") as fh:
        rows = list(csv.reader(fh))
    ship = rows[0].index("Lineitem requires shipping")
    rows[1][ship] = ""
    rows[2] = rows[2][:1]   # a broken row: its order name only
    path = tmp_path / "orders_export.csv"
    with open(path, "w", newline="", encoding="utf-8") as fh:
        csv.writer(fh).writerows(rows)
    res = load_file(path)
    assert rows[1][rows[0].index("Name")] in set(res.frame["order_id"])
    assert res.rejected["row"].tolist() == [2] and res.rejected["column"].iloc[0] in ("Lineitem sku", "Lineitem quantity")
