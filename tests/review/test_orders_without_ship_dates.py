"""A shop's real invoice lines as its only file (tests/data/online_retail_orders): no ship dates, no order
status, no returns file; prices mapped or not. The monthly page says which figures the file cannot give."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

from seller_lab.fulfilment import order_dispatch, ship_times_known
from seller_lab.params import load_params
from seller_lab.review.kpis import monthly_kpis
from seller_lab.sources.category import CategoryData

DATA = Path(__file__).resolve().parents[1] / "data" / "online_retail_orders" / "invoice_lines_2011-05_06.csv"
SLUG = "gifts-uk"


def _category(mapping: str) -> str:
    return f"""category:
  display_name: "Gift shop (UK web shop)"
  market: UK
  marketplace: own web shop
  language: en
  currency: GBP
  timezone: Europe/London
  keywords: [gifts]
  data_dir: data/gifts
sources:
  columns:
    orders: {{{mapping}}}
"""


@pytest.fixture()
def project(new_project):
    return new_project("gifts", [DATA])


def _first_screen(project, mapping: str, page_text) -> tuple[str, str]:
    from seller_lab.cli import main

    (project / "params" / "categories" / f"{SLUG}.yaml").write_text(_category(mapping), encoding="utf-8")
    assert main(["monthly", SLUG, "--month", "2011-06", "--params-dir", str(project / "params")]) == 0
    page = (project / "reports" / "monthly" / SLUG / "2011-06.html").read_text(encoding="utf-8")
    return page_text(page.split("<h2", 1)[0]), page_text(page)


def test_an_orders_file_without_prices_ship_dates_or_returns_claims_none_of_those_figures(project, page_text):
    # before: "Sales 0 GBP", "Return rate 0.0% … target met", "Orders not shipped in 24 h 100.0% … target missed",
    # "went wrong in fulfilment: … orders shipped after 24 h (… not shipped yet)" and a plan to add picking checks
    first, whole = _first_screen(project, "order_id: InvoiceNo, sku: StockCode, ds: InvoiceDate, units: Quantity",
                                 page_text)
    assert "0 GBP" not in first and "0.0%" not in first and "100.0%" not in first, first
    assert "units; the orders file has no prices" in first and "no returns file" in first
    assert "the orders file has no ship dates" in first and "not shipped yet" not in whole
    assert "went wrong in fulfilment" not in first and "picking check" not in first
    assert "The orders file has no ship dates: the 24 h dispatch rule cannot be checked" in whole
    # the reports index said "OK: all steps within targets"
    entry = json.loads((project / "reports" / "index.json").read_text(encoding="utf-8"))["reports"]
    rec = entry[f"monthly/{SLUG}/2011-06"]
    assert rec["verdict"] == "unknown" and rec["headline"] == "not judged: no rule could be checked", rec


def test_with_the_price_mapped_the_sales_are_the_invoice_lines(project, page_text):
    first, _ = _first_screen(project, "order_id: InvoiceNo, sku: StockCode, ds: InvoiceDate, units: Quantity, "
                                      "price: UnitPrice", page_text)
    lines = pd.read_csv(DATA, dtype={"InvoiceNo": str, "StockCode": str})
    # the 31 cancellations and one 'damages' line (negative quantities) are rejected rows of the import
    june = lines[lines["InvoiceDate"].str.startswith("2011-06") & (lines["Quantity"] > 0)]
    sales = float((june["Quantity"] * june["UnitPrice"]).sum())
    assert f"Sales {sales:,.0f} GBP" in first, (sales, first[:600])
    assert "no returns file" in first and "the orders file has no ship dates" in first


def test_dispatch_is_judged_when_the_file_has_ship_times_or_a_status():
    lines = pd.read_csv(DATA, dtype={"InvoiceNo": str, "StockCode": str})
    orders = pd.DataFrame({"order_id": lines["InvoiceNo"], "sku": lines["StockCode"], "units": lines["Quantity"],
                           "ds": pd.to_datetime(lines["InvoiceDate"]).dt.tz_localize("Europe/London").dt.tz_convert("UTC"),
                           "shipped_at": pd.NaT, "warehouse": "", "status": "", "delay_reason": "", "price": float("nan")})
    p = load_params("kitchen-organizer-de")
    assert not ship_times_known(orders) and order_dispatch(orders, p, "2011-06").empty
    pending = orders.assign(status="Pending")  # an export of orders that have not left yet: late after 24 h
    d = order_dispatch(pending, p, "2011-06")
    assert ship_times_known(pending) and len(d) > 300 and (d["late"] == (d["hours_to_ship"] > 24)).all()
    assert d["late"].mean() > 0.95 and set(d["reason"]) == {"not shipped yet"}
    kpis = monthly_kpis(CategoryData(params=p, orders=orders, missing=["returns"]), p, "2011-06")
    cat = kpis[kpis["level"] == "category"].iloc[0]
    assert pd.isna(cat["sales"]) and pd.isna(cat["return_rate"]) and cat["units"] > 0
