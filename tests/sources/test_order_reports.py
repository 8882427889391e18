"""Amazon's own order reports: the price they carry is the order line's total, so a line of two
units at 44.95 each reads 89.90 in ``item-price``; loaded per unit, the monthly revenue (units x
price) is right. A real Amazon.in order report (tests/data/sources/real/) and the All Orders flat
file's documented header."""

from __future__ import annotations

import csv
from pathlib import Path
from types import SimpleNamespace

import pandas as pd
import pytest

from seller_lab.params import load_params
from seller_lab.review.kpis import monthly_kpis
from seller_lab.sources import load_file
from seller_lab.sources.importers.parse import parse_ts

REAL = Path(__file__).resolve().parents[1] / "data" / "sources" / "real"
AMAZON_IN = REAL / "amazon_in_sale_report_sample.csv"

# GET_FLAT_FILE_ALL_ORDERS_DATA_BY_LAST_UPDATE_GENERAL, the columns in the order Amazon documents them
ALL_ORDERS_HEADER = (
    "amazon-order-id merchant-order-id purchase-date last-updated-date order-status fulfillment-channel "
    "sales-channel order-channel url ship-service-level product-name sku asin item-status quantity currency "
    "item-price item-tax shipping-price shipping-tax gift-wrap-price gift-wrap-tax item-promotion-discount "
    "ship-promotion-discount ship-city ship-state ship-postal-code ship-country promotion-ids is-business-order "
    "purchase-order-number price-designation").split()


def _all_orders(tmp_path: Path, lines: list[dict]) -> Path:
    rows = ["\t".join(ALL_ORDERS_HEADER)]
    for line in lines:
        rows.append("\t".join(str(line.get(h, "")) for h in ALL_ORDERS_HEADER))
    path = tmp_path / "All Orders.txt"
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return path


def _line(order: str, sku: str, qty: int, price: str, status: str = "Shipped", item_status: str = "Shipped",
          when: str = "2026-10-03T08:04:21+00:00") -> dict:
    return {"amazon-order-id": order, "purchase-date": when, "last-updated-date": when, "order-status": status,
            "fulfillment-channel": "Amazon", "sales-channel": "Amazon.de", "ship-service-level": "Expedited",
            "sku": sku, "asin": "B0DKR2T7Q1", "item-status": item_status, "quantity": qty, "currency": "EUR",
            "item-price": price, "ship-city": "BERLIN", "ship-country": "DE", "is-business-order": "false"}


def test_all_orders_flat_file_prices_are_per_unit_and_revenue_is_not_doubled(tmp_path):
    path = _all_orders(tmp_path, [_line("302-1111111-1111111", "KO-DR-01", 2, "89.90"),
                                  _line("302-2222222-2222222", "KO-DR-01", 1, "44.95"),
                                  _line("302-3333333-3333333", "KO-DR-01", 3, "119.70"),
                                  _line("302-4444444-4444444", "KO-DR-01", 1, "44.95", item_status="Cancelled")])
    res = load_file(path)
    assert (res.kind, res.layout) == ("orders", "amazon_orders_report")  # was erp_orders, price per line
    f = res.frame
    assert f["price"].round(2).tolist() == [44.95, 44.95, 39.90, 44.95]
    assert f["status"].tolist() == ["shipped", "shipped", "shipped", "cancelled"]  # the line's item-status
    data = SimpleNamespace(orders=f, returns=None, inventory=None, tickets=None)
    k = monthly_kpis(data, load_params(), "2026-10").set_index("unique_id")
    # 2 x 44.95 + 44.95 + 3 x 39.90 = 254.55 (read per line: 89.90 x 2 + 44.95 + 119.70 x 3 = 583.85);
    # the cancelled line does not count
    assert k.loc["KO-DR-01", "units"] == 6 and round(float(k.loc["KO-DR-01", "sales"]), 2) == 254.55


def test_a_real_amazon_in_order_report_loads_with_its_dates_quantities_and_amounts():
    res = load_file(AMAZON_IN)
    assert (res.kind, res.layout) == ("orders", "amazon_orders_report")  # was refused: no date column known
    with open(AMAZON_IN, newline="", encoding="utf-8") as fh:
        raw = list(csv.DictReader(fh))
    f = res.frame.set_index("order_id")
    assert len(f) == len(raw) == 11 and len(res.rejected) == 0
    for r in raw:
        row = f.loc[r["Order ID"]]
        assert row.sku == r["SKU"] and row.units == int(r["Qty"]) and row.channel == "Amazon.in"
        assert row.ds.strftime("%m-%d-%y") == r["Date"]   # 04-30-22: month first, decided by the day 30
        qty, amount = int(r["Qty"]), r["Amount"]
        if qty > 0:
            assert row.price == pytest.approx(float(amount) / qty) and row.currency == r["currency"] == "INR"
        else:   # a cancelled line of 0 units carries its amount but sells nothing: no unit price
            assert pd.isna(row.price)
    assert f.loc["407-1069790-7240320", "price"] == 574.0
    assert (f["status"] == "cancelled").sum() == sum(r["Status"] == "Cancelled" for r in raw) == 3
    assert "month/day" in " ".join(str(n) for n in res.notes)


def test_a_per_unit_erp_price_is_still_read_per_unit(tmp_path):
    # an ERP export with the same words but no Amazon report column: the price stays per unit
    path = tmp_path / "orders.csv"
    path.write_text("Order ID,SKU,Quantity,Item Price,Currency,Purchase Date\n"
                    "A-1,KO-DR-01,2,44.95,EUR,2026-10-03 10:00\n", encoding="utf-8")
    res = load_file(path)
    assert res.layout == "erp_orders" and res.frame["price"].tolist() == [44.95]


DATE_RANGE = REAL / "amazon_date_range_report_us_2017.csv"


def test_a_real_date_range_report_loads_its_order_line_under_seven_lines_of_notes():
    res = load_file(DATE_RANGE)
    assert (res.kind, res.layout) == ("orders", "amazon_date_range_report")   # was: 'only one column found'
    row = res.frame.iloc[0]
    assert len(res.frame) == 1 and len(res.rejected) == 0
    assert (row.order_id, row.sku, row.units, row.channel) == ("113-0013318-7697855", "MKP-FDW8652-U", 1, "amazon.com")
    assert row.price == pytest.approx(57.96)
    assert str(row.ds) == "2017-12-01 08:38:23+00:00"   # 'Dec 1, 2017 12:38:23 AM PST' is UTC-8
    assert row.currency == "USD"   # 'All amounts in USD, unless specified', the second line of notes
    assert any("USD" in str(n) for n in res.notes)


def test_only_the_order_lines_of_a_date_range_report_are_sales(tmp_path):
    extra = [  # the shapes of the report's other lines (refund, payout, fee) and a two-unit order
        '"Dec 2, 2017 3:01:09 PM PST","6503097031","Order","113-0013318-7697999","MKP-FDW8652-U","Tape","2",'
        '"amazon.com","Amazon","SEATTLE","WA","98101","115.92","0","0","0","0","0","-17.38","-20.38","0","0","78.16"',
        '"Dec 3, 2017 9:00:00 AM PST","6503097031","Refund","113-0013318-7697855","MKP-FDW8652-U","Tape","1",'
        '"amazon.com","Amazon","BAINBRIDGE ISLAND","WA","98110-1523","-57.96","0","0","0","0","0","8.69","0","0","0","-49.27"',
        '"Dec 4, 2017 1:00:00 AM PST","6503097031","Transfer","","","To account ending in: 123","","","","","","",'
        '"0","0","0","0","0","0","0","0","0","-500.00","-500.00"',
        '"Dec 5, 2017 1:00:00 AM PST","6503097031","Service Fee","","","Subscription Fee","","","","","","",'
        '"0","0","0","0","0","0","0","0","0","-39.99","-39.99"']
    path = tmp_path / "date range.csv"
    path.write_text(DATE_RANGE.read_text(encoding="utf-8") + "\n".join(extra) + "\n", encoding="utf-8")
    res = load_file(path)
    f = res.frame
    assert f["order_id"].tolist() == ["113-0013318-7697855", "113-0013318-7697999"] and len(res.rejected) == 0
    assert f["units"].tolist() == [1, 2] and f["price"].round(2).tolist() == [57.96, 57.96]   # per unit
    note = " ".join(str(n) for n in res.notes)
    assert "3 row(s)" in note and "Refund 1" in note and "Transfer 1" in note and "Service Fee 1" in note


def test_a_german_time_with_utc_after_it_is_read_day_first():
    got = parse_ts(pd.Series(["01.06.2025 22:23:05 UTC", "02.06.2025 08:01:00 UTC"]), "Europe/Berlin", True)
    assert got.astype(str).tolist() == ["2025-06-01 22:23:05+00:00", "2025-06-02 08:01:00+00:00"]   # was 6 Jan, 6 Feb


def test_orders_marked_shipped_without_a_ship_time_are_not_judged_not_shipped_yet(tmp_path):
    # Amazon's order reports carry a status and no ship time: every shipped order counted as 'not shipped yet'
    # and late once a day had passed (a month's All Orders report: nearly every order late); judging only the
    # orders still pending would make them the whole month. Neither file can time a dispatch.
    from seller_lab.fulfilment import order_dispatch, ship_times_known

    params = load_params()
    real = load_file(AMAZON_IN).frame   # 8 shipped, 3 cancelled orders of 2022-04-30
    assert not ship_times_known(real) and order_dispatch(real, params).empty
    path = _all_orders(tmp_path, [_line("302-1111111-1111111", "KO-DR-01", 1, "44.95", when="2026-10-03T08:04:21+00:00"),
                                  _line("302-2222222-2222222", "KO-DR-01", 1, "44.95", when="2026-10-20T08:04:21+00:00"),
                                  _line("302-3333333-3333333", "KO-DR-01", 1, "44.95", status="Pending",
                                        item_status="Unshipped", when="2026-10-29T08:04:21+00:00"),
                                  _line("302-4444444-4444444", "KO-DR-01", 1, "44.95", when="2026-10-31T08:04:21+00:00")])
    f = load_file(path).frame
    assert f["status"].tolist() == ["shipped", "shipped", "pending", "shipped"]
    assert not ship_times_known(f) and order_dispatch(f, params, "2026-10").empty
    # an export of open orders only still counts each one late once 24 h have passed
    assert ship_times_known(f[f["status"] == "pending"])
    # a file with ship times: an order marked shipped but without one is left out, not 'not shipped yet'
    timed = f.assign(shipped_at=[parse_ts(pd.Series(["2026-10-03T20:00:00+00:00"])).iloc[0], pd.NaT, pd.NaT,
                                 parse_ts(pd.Series(["2026-11-02T09:00:00+00:00"])).iloc[0]])
    d = order_dispatch(timed, params, "2026-10").set_index("order_id")
    assert sorted(d.index) == ["302-1111111-1111111", "302-3333333-3333333", "302-4444444-4444444"]
    assert d.loc["302-3333333-3333333", "reason"] == "not shipped yet" and d.loc["302-4444444-4444444", "late"]


def test_an_amazon_in_line_shipped_and_delivered_is_shipped_for_the_dispatch_rule():
    # the report's merchant-fulfilled lines say 'Shipped - Delivered to Buyer' (kept as written: no alias);
    # read as an order still waiting, each counted 'not shipped yet' once a day had passed
    from seller_lab.fulfilment import order_dispatch, ship_times_known

    f = load_file(REAL / "amazon_in_sale_report_merchant_rows.csv").frame
    assert f["status"].tolist() == ["shipped - delivered to buyer"] * 3
    assert not ship_times_known(f) and order_dispatch(f, load_params()).empty
    both = pd.concat([f, load_file(AMAZON_IN).frame], ignore_index=True)
    assert not ship_times_known(both) and order_dispatch(both, load_params()).empty
