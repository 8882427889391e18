"""Files the demo never writes: headers, rows, values, encodings and broken files.

Every file is generated here (in tmp) in the layout of a real export, except the real
Zendesk dump under tests/data/sources/real/ (see its README). A bad row is rejected with its
file row, column and reason and the rest loads; a broken file is one clear line.
"""

from __future__ import annotations

import gzip
import json
import os
import shutil
from pathlib import Path

import pandas as pd
import pytest
import zstandard

from seller_lab.cli import main
from seller_lab.errors import InputFileError
from seller_lab.params import load_params
from seller_lab.sources import load_file, readers

REAL = Path(__file__).resolve().parents[1] / "data" / "sources" / "real"

# Zendesk's own "Export as CSV" header row (column names as Zendesk writes them)
ZENDESK_EXPORT_HEADER = (
    "Id,Requester,Requester id,Requester external id,Requester email,Requester domain,"
    "Submitter,Assignee,Group,Subject,Tags,Status,Priority,Via,Ticket type,Created at,"
    "Updated at,Assigned at,Organization,Due date,Initially assigned at,Solved at,"
    "Resolution time,Satisfaction Score,Group stations,Assignee stations,Reopens,Replies,"
    "First reply time in minutes,First reply time in minutes within business hours,"
    "First resolution time in minutes,First resolution time in minutes within business hours,"
    "Full resolution time in minutes,Full resolution time in minutes within business hours,"
    "Agent wait time in minutes,Agent wait time in minutes within business hours,"
    "Requester wait time in minutes,Requester wait time in minutes within business hours,"
    "On hold time in minutes,On hold time in minutes within business hours")


def review(**over) -> dict:
    rec = {"rating": 5.0, "title": "Stabil", "text": "Steht fest, rostet nicht.", "images": [],
           "asin": "B0DKR2T7Q1", "parent_asin": "B0DKR2T7Q1",
           "user_id": "AGKHLEW2SOWHNMFQIJGBECAF7INQ", "timestamp": 1761998400000,
           "helpful_vote": 0, "verified_purchase": True}
    rec.update(over)
    return rec


def write_jsonl(path: Path, recs) -> Path:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in recs),
                    encoding="utf-8")
    return path


def orders_csv(path: Path, rows: list[tuple], header="Order ID,SKU,Quantity,Purchase Date (UTC),"
               "Item Price", encoding="utf-8") -> Path:
    lines = [header] + [",".join(f'"{v}"' for v in r) for r in rows]
    path.write_bytes(("\n".join(lines) + "\n").encode(encoding))
    return path


@pytest.fixture()
def de():
    return load_params("kitchen-organizer-de")


# ------------------------------------------------------------------ headers
@pytest.mark.parametrize("created", ["Created at", "created_at", "CREATED-AT", '"Created_At"',
                                     "\ufeffcreated at"])
def test_header_spelling_of_case_underscores_hyphens_quotes_and_bom_does_not_matter(tmp_path,
                                                                                  created):
    p = tmp_path / "tickets.csv"
    p.write_text(f"Id,{created},Via,Subject\n7,2026-10-01 08:00:00,Mail,Rost\n", encoding="utf-8")
    res = load_file(p)
    assert res.layout == "zendesk_tickets"
    assert res.frame.loc[0, "created_at"] == pd.Timestamp("2026-10-01 08:00", tz="UTC")


def test_zendesk_native_csv_export_loads_as_tickets_with_first_reply(tmp_path):
    cols = ZENDESK_EXPORT_HEADER.split(",")
    row = {c: "" for c in cols}
    row.update({"Id": "4711", "Subject": "Rack wobbles", "Status": "Solved", "Via": "Mail",
                "Created at": "2026-10-16 15:50:00 +0200", "Satisfaction Score": "Good",
                "First reply time in minutes": "95",
                "First reply time in minutes within business hours": "30"})
    p = tmp_path / "export-2026-10-20.csv"
    pd.DataFrame([row]).to_csv(p, index=False)
    res = load_file(p)
    t = res.frame.iloc[0]
    assert (res.kind, res.layout) == ("tickets", "zendesk_tickets")
    assert t["ticket_id"] == "4711" and t["first_reply_minutes"] == 95.0
    assert t["created_at"] == pd.Timestamp("2026-10-16 13:50", tz="UTC")
    assert t["first_reply_at"] == pd.Timestamp("2026-10-16 15:25", tz="UTC")
    assert t["satisfaction"] == "good" and t["channel"] == "mail"


def test_zendesk_analytics_dump_in_snake_case_loads_as_tickets(tmp_path):
    p = tmp_path / "zendesk_tickets_dump.csv"
    p.write_text("zendesk_id,created_at,status,via_channel,subject,"
                 "first_reply_time_in_minutes,first_reply_time_in_minutes_within_business_hours\n"
                 "981,2026-09-30T22:10:00Z,open,web,Wo ist meine Lieferung?,44,12\n",
                 encoding="utf-8")
    res = load_file(p)
    assert res.layout == "zendesk_tickets"
    assert res.frame.loc[0, "ticket_id"] == "981"
    assert res.frame.loc[0, "first_reply_minutes"] == 44.0
    assert res.frame.loc[0, "channel"] == "web"


def test_real_fivetran_zendesk_ticket_dump_loads_every_ticket():
    res = load_file(REAL / "zendesk_fivetran_ticket_data.csv")
    assert (res.kind, res.layout) == ("tickets", "zendesk_tickets")
    assert len(res.frame) == 10 and len(res.rejected) == 0
    first = res.frame.iloc[0]
    assert first["ticket_id"] == "1595" and first["channel"] == "web"
    assert first["created_at"] == pd.Timestamp("2020-02-19 01:54:52", tz="UTC")
    assert sorted(set(res.frame["status"])) == ["closed", "deleted", "solved"]


def test_zendesk_json_export_lines_and_api_answer_load_as_tickets(tmp_path):
    ticket = {"url": "https://x.zendesk.com/api/v2/tickets/35436.json", "id": 35436,
              "created_at": "2026-10-05T09:00:00Z", "subject": "Help, my printer is on fire!",
              "status": "open", "requester_id": 20978392, "via": {"channel": "web"},
              "satisfaction_rating": {"score": "bad"},
              "metric_set": {"reply_time_in_minutes": {"calendar": 1382, "business": 737}}}
    lines = write_jsonl(tmp_path / "tickets.json", [ticket, {**ticket, "id": 35437}])
    api = tmp_path / "api.json"
    api.write_text(json.dumps({"tickets": [ticket], "count": 1}), encoding="utf-8")
    for p in (lines, api):
        res = load_file(p)
        t = res.frame.iloc[0]
        assert (res.kind, res.layout) == ("tickets", "zendesk_tickets_json")
        assert t["ticket_id"] == "35436" and t["channel"] == "web"
        assert t["first_reply_minutes"] == 1382.0 and t["satisfaction"] == "bad"
    assert len(load_file(lines).frame) == 2


def test_bare_zendesk_ticket_list_without_metrics_loads_as_tickets(tmp_path):
    """A minimal export: the ticket's own fields only (no requester, via or metric set)."""
    p = tmp_path / "export.json"
    p.write_text(json.dumps({"tickets": [
        {"id": 1, "created_at": "2026-10-01T08:00:00Z", "subject": "Gestell rostet",
         "description": "Nach drei Wochen rostet es", "status": "open"},
        {"id": 2, "created_at": "2026-10-02T09:00:00Z", "subject": "Wo ist mein Paket?",
         "description": "", "status": "solved"}], "count": 2, "next_page": None}),
        encoding="utf-8")
    res = load_file(p)
    assert (res.kind, res.layout) == ("tickets", "zendesk_tickets_json")
    assert res.frame["ticket_id"].tolist() == ["1", "2"]
    assert res.frame["status"].tolist() == ["open", "solved"]
    assert res.frame["first_reply_minutes"].isna().all()    # unknown, not zero


def test_json_records_with_id_created_at_and_a_title_are_not_taken_for_tickets(tmp_path):
    p = write_jsonl(tmp_path / "issues.jsonl",
                    [{"id": 1, "created_at": "2026-10-01T08:00:00Z", "title": "bug", "state": "open"}])
    with pytest.raises(InputFileError, match="match no known layout"):
        load_file(p)


def test_generic_id_and_created_at_file_is_not_taken_for_zendesk(tmp_path):
    p = tmp_path / "users.csv"
    p.write_text("id,created_at,name\n1,2026-10-01,Anna\n", encoding="utf-8")
    with pytest.raises(InputFileError):
        load_file(p)


@pytest.mark.parametrize("header", ["Order ID,SKU,Quantity,SKU,Purchase Date (UTC)",
                                    "Order ID,sku,Quantity,SKU,Purchase Date (UTC)"])
def test_two_columns_mapping_to_one_field_is_an_error_naming_both(tmp_path, header):
    p = tmp_path / "orders.csv"
    p.write_text(header + "\n111-1,KO-A,1,KO-B,2026-10-01 10:00:00\n", encoding="utf-8")
    with pytest.raises(InputFileError) as err:
        load_file(p)
    msg = str(err.value)
    assert "two columns map to the field 'sku'" in msg
    assert "(column 2)" in msg and "(column 4)" in msg and str(p) in msg


# ------------------------------------------------------------------ rows and values
@pytest.mark.parametrize("bad,why", [(0, "outside 1-5"), (6, "outside 1-5"),
                                     (None, "no star rating"), ("five", "not a number")])
def test_a_bad_star_rating_rejects_only_its_row(tmp_path, bad, why):
    p = write_jsonl(tmp_path / "reviews.jsonl",
                    [review(), review(rating=bad, user_id="U2"), review(user_id="U3")])
    res = load_file(p)
    assert len(res.frame) == 2 and res.frame["rating"].tolist() == [5.0, 5.0]
    r = res.rejected.iloc[0]
    assert (r["row"], r["column"]) == (2, "rating") and why in r["problem"]
    assert "importer bug" not in r["problem"]
    if bad is not None:   # the cell as written, not what parsing made of it
        assert r["value"] in (str(bad), f"{bad}.0") and r["value"] != "nan"


def test_an_unreadable_optional_date_rejects_its_row_and_an_erp_zero_date_is_no_date(tmp_path):
    # a Chinese ERP order export in GBK (tests/data/sources/erp_orders_gbk.csv) with two more orders: one not shipped
    # yet ('0000-00-00 00:00:00', as ERPs write a time not known), one shipped on '2026-13-45'. The second loaded as an
    # order without a ship date before; the first must keep loading
    src = (Path(__file__).resolve().parents[1] / "data" / "sources" / "erp_orders_gbk.csv").read_bytes().decode("gbk")
    src += ("302-0000003,KO-RACK-1T,1,22.9,EUR,2026-10-04 08:00:00,0000-00-00 00:00:00,FR-PAR,FR,待发货,\n"
            "302-0000004,KO-RACK-1T,1,22.9,EUR,2026-10-04 09:00:00,2026-13-45 10:00:00,FR-PAR,FR,已发货,\n")
    p = tmp_path / "erp_orders_gbk.csv"
    p.write_bytes(src.encode("gbk"))
    res = load_file(p)
    assert res.frame["order_id"].tolist() == ["302-0000001", "302-0000002", "302-0000003"]
    assert res.frame["shipped_at"].isna().tolist() == [False, False, True]
    r = res.rejected.iloc[0]
    assert len(res.rejected) == 1 and (r["row"], r["column"], r["value"]) == (4, "发货时间", "2026-13-45 10:00:00")
    assert "expected a date/time" in r["problem"]


def test_bad_ratings_in_a_review_csv_are_rejected_with_header_and_row(tmp_path):
    p = tmp_path / "reviews.csv"
    p.write_text("Review ID,ASIN,Stars,Review Title,Review Body,Review Date\n"
                 "R1,B0KT60M4R2,1,Magnets,fall out,2026-10-02\n"
                 "R2,B0KT60M4R2,6,Great,love it,2026-10-03\n"
                 "R3,B0KT60M4R2,five,Great,love it,2026-10-03\n"
                 "R4,B0KT60M4R2,4.0 out of 5 stars,Good,ok,2026-10-04\n", encoding="utf-8")
    res = load_file(p)
    assert res.frame["rating"].tolist() == [1.0, 4.0]
    assert res.rejected[["row", "column"]].values.tolist() == [[2, "Stars"], [3, "Stars"]]
    assert res.rejected.loc[1, "value"] == "five"


def test_malformed_asin_rejected_and_lower_case_asin_upper_cased(tmp_path):
    p = write_jsonl(tmp_path / "reviews.jsonl",
                    [review(), review(asin="B0DKR2T7", user_id="U2"),
                     review(asin="b0dkr2t7q1", user_id="U3")])
    res = load_file(p)
    assert res.frame["asin"].tolist() == ["B0DKR2T7Q1", "B0DKR2T7Q1"]
    r = res.rejected.iloc[0]
    assert (r["row"], r["column"], r["value"]) == (2, "asin", "B0DKR2T7")
    assert "malformed ASIN" in r["problem"]


@pytest.mark.parametrize("qty,why", [("1,5", "not a whole number"), ("3.7", "not a whole number"),
                                     ("1e3", "exponent"), ("0x10", "hex"),
                                     ("2 Stk", "text in the cell"), ("-2", "negative"),
                                     ("99999999999999999999", "larger than")])
def test_quantity_that_is_not_a_whole_positive_number_rejects_its_row(tmp_path, qty, why):
    p = orders_csv(tmp_path / "orders.csv", [("111-1", "KO-RACK-2T", "2", "2026-10-01 10:00:00",
                                               "29.90"),
                                              ("111-2", "KO-RACK-2T", qty, "2026-10-01 11:00:00",
                                               "29.90"),
                                              ("111-3", "KO-RACK-2T", "1,000",
                                               "2026-10-01 12:00:00", "29.90")])
    res = load_file(p)
    assert res.frame["units"].tolist() == [2, 1000]
    r = res.rejected.iloc[0]
    assert (r["row"], r["column"], r["value"]) == (2, "Quantity", qty) and why in r["problem"]


def test_negative_stock_is_allowed_where_params_say_so(tmp_path, de):
    p = tmp_path / "stock.csv"
    p.write_text("SKU,Warehouse,Available,Inbound,Date\nKO-1,DE-FRA,-3,0,2026-10-01\n"
                 "KO-2,DE-FRA,5,-1,2026-10-01\n", encoding="utf-8")
    res = load_file(p, params=de)
    assert res.frame["on_hand"].tolist() == [-3]
    assert res.rejected.loc[0, "column"] == "Inbound" and "negative" in res.rejected.loc[0, "problem"]


def test_strict_mode_raises_on_the_first_bad_row_naming_file_row_and_column(tmp_path, de):
    de["sources"]["on_bad_rows"] = "strict"
    p = orders_csv(tmp_path / "orders.csv", [("111-1", "KO", "2", "2026-10-01 10:00:00", "1"),
                                              ("111-2", "KO", "3.7", "2026-10-01 10:00:00", "1")])
    with pytest.raises(InputFileError) as err:
        load_file(p, params=de)
    assert f"{p}, row 2, column 'Quantity'" in str(err.value)


def test_excel_serial_dates_are_read_as_dates(tmp_path):
    p = orders_csv(tmp_path / "orders.csv", [("111-1", "KO", "1", "45566", "1"),
                                              ("111-2", "KO", "1", "45566.75", "1")])
    res = load_file(p)
    assert res.frame["ds"].tolist() == [pd.Timestamp("2024-10-01", tz="UTC"),
                                        pd.Timestamp("2024-10-01 18:00", tz="UTC")]


def test_day_first_is_decided_for_the_whole_column_by_a_day_above_12(tmp_path, de):
    # 80 rows whose dates fit both orders, then one that only fits day-first
    rows = [(f"111-{i}", "KO", "1", "03/04/2026", "1") for i in range(80)]
    rows.append(("111-x", "KO", "1", "25/04/2026", "1"))
    p = orders_csv(tmp_path / "orders.csv", rows, header="Order ID,SKU,Quantity,Order Date,"
                   "Item Price")
    res = load_file(p, params=load_params("kids-toy-us"))   # a month-first market
    assert len(res.frame) == 81 and len(res.rejected) == 0
    assert set(res.frame["ds"].dt.month) == {4}
    # the values decided (no market convention needed), and the load says which order
    assert res.notes == ["column 'Order Date': read as day/month (a first field above 12 "
                         "decides)"]


def test_month_first_column_is_recognised_from_a_second_field_above_12(tmp_path, de):
    rows = [("111-1", "KO", "1", "03/04/2026", "1"), ("111-2", "KO", "1", "04/25/2026", "1")]
    p = orders_csv(tmp_path / "orders.csv", rows, header="Order ID,SKU,Quantity,Order Date,"
                   "Item Price")
    res = load_file(p, params=de)   # a day-first market, but the values say month-first
    local = res.frame["ds"].dt.tz_convert(de["category"]["timezone"])
    assert local.dt.strftime("%m-%d").tolist() == ["03-04", "04-25"]


@pytest.mark.parametrize("slug,month", [("kitchen-organizer-de", 4), ("kids-toy-us", 3)])
def test_truly_ambiguous_date_column_follows_the_market_and_says_so(tmp_path, slug, month):
    rows = [("111-1", "KO", "1", "03/04/2026", "1"), ("111-2", "KO", "1", "05/06/2026", "1")]
    p = orders_csv(tmp_path / "orders.csv", rows, header="Order ID,SKU,Quantity,Order Date,"
                   "Item Price")
    params = load_params(slug)
    params["sources"]["rows"]["fx_rates"] = {}
    res = load_file(p, params=params)
    assert res.frame["ds"].dt.month.tolist()[0] == month
    assert any("fits both day/month orders" in n and params["category"]["market"] in n
               for n in res.notes)


def test_dotted_ambiguous_dates_are_day_first_even_in_a_month_first_market(tmp_path):
    rows = [("111-1", "KO", "1", "03.04.2026", "1"), ("111-2", "KO", "1", "05.06.2026", "1")]
    p = orders_csv(tmp_path / "orders.csv", rows, header="Order ID,SKU,Quantity,Order Date,"
                   "Item Price")
    res = load_file(p, params=load_params("kids-toy-us"))
    local = res.frame["ds"].dt.tz_convert("America/New_York")
    assert local.dt.month.tolist() == [4, 6]
    assert any("dotted dates" in n for n in res.notes)


def test_epoch_seconds_and_milliseconds_are_told_apart_per_value(tmp_path):
    p = write_jsonl(tmp_path / "reviews.jsonl",
                    [review(timestamp=1761998400000), review(timestamp=1761998400, user_id="U2"),
                     review(timestamp=1.7619984e12, user_id="U3")])
    res = load_file(p)
    assert res.frame["ds"].tolist() == [pd.Timestamp("2025-11-01 12:00", tz="UTC")] * 3


def test_rows_dated_after_tomorrow_are_rejected_but_expected_arrivals_are_not(tmp_path):
    p = orders_csv(tmp_path / "orders.csv", [("111-1", "KO", "1", "2026-10-01 10:00:00", "1"),
                                              ("111-2", "KO", "1", "2099-01-01 10:00:00", "1")])
    res = load_file(p)
    assert res.frame["order_id"].tolist() == ["111-1"]
    assert "dated after" in res.rejected.loc[0, "problem"]
    s = tmp_path / "shipments.csv"
    s.write_text("Shipment ID,SKU,Units,Warehouse,Mode,Departed,ETA\n"
                 "S1,KO,100,DE-FRA,sea,2026-10-01,2099-01-01\n", encoding="utf-8")
    assert len(load_file(s).frame) == 1


@pytest.mark.parametrize("price,code", [("$12.00", "USD"), ("£9.50", "GBP"), ("¥1200", "JPY"),
                                        ("USD 12.00", "USD"), ("12,00 EUR", "EUR"),
                                        ("€12.00", "EUR")])
def test_price_cell_currency_is_kept_per_row_without_category(tmp_path, price, code):
    p = orders_csv(tmp_path / "orders.csv", [("111-1", "KO", "1", "2026-10-01 10:00:00", price)])
    res = load_file(p)
    assert res.frame.loc[0, "currency"] == code and res.frame.loc[0, "price"] > 0


def test_without_a_category_prices_keep_their_own_currency(tmp_path):
    # the project defaults alone (no category chosen) have no currency to convert to:
    # a euro shop's rows must not be rejected as "not USD"
    p = tmp_path / "orders.csv"
    p.write_text("Order ID,SKU,Quantity,Order Date,Price\nA1,KO,1,2026-10-01,29.90 €\n"
                 "A2,KO,2,2026-10-02,£12.50\n", encoding="utf-8")
    res = load_file(p, params=load_params())
    assert res.rows == 2 and not len(res.rejected) and not res.notes
    assert res.frame["currency"].tolist() == ["EUR", "GBP"]
    assert res.frame["price"].tolist() == [29.9, 12.5]


def test_row_in_another_currency_is_converted_with_the_params_rate_and_says_so(tmp_path, de):
    de["sources"]["rows"]["fx_rates"] = {"USD/EUR": 0.9}
    p = orders_csv(tmp_path / "orders.csv", [("111-1", "KO", "1", "2026-10-01 10:00:00", "29,90 €"),
                                              ("111-2", "KO", "1", "2026-10-01 10:00:00", "$20.00"),
                                              ("111-3", "KO", "1", "2026-10-01 10:00:00", "£10.00")])
    res = load_file(p, params=de)
    assert res.frame["price"].tolist() == [29.9, 18.0]
    assert res.frame["currency"].tolist() == ["EUR", "EUR"]
    assert res.notes == ["1 row(s) priced in USD converted to EUR at 0.9 (sources.rows.fx_rates)"]
    r = res.rejected.iloc[0]   # no GBP rate: rejected, never relabelled
    assert r["row"] == 3 and r["value"] == "£10.00" and "no 'GBP/EUR' rate" in r["problem"]


def test_a_shared_currency_symbol_means_the_category_currency_when_it_can(tmp_path, de):
    de["category"]["currency"] = "CNY"   # a Chinese ERP's '¥' is yuan, not yen
    p = orders_csv(tmp_path / "orders.csv", [("111-1", "KO", "1", "2026-10-01 10:00:00", "¥199")])
    res = load_file(p, params=de)
    assert res.frame["currency"].tolist() == ["CNY"] and res.frame["price"].tolist() == [199.0]
    assert len(res.rejected) == 0 and not res.notes


def test_price_naming_another_currency_than_the_currency_column_is_rejected(tmp_path):
    p = tmp_path / "orders.csv"
    p.write_text("订单号,SKU,数量,单价,币种,付款时间\nA-1,KO,1,29.90,EUR,2026-10-01 09:00:00\n"
                 "A-2,KO,1,$29.90,EUR,2026-10-01 09:00:00\n", encoding="utf-8")
    res = load_file(p)
    assert res.frame["order_id"].tolist() == ["A-1"]
    assert "names USD but the currency column says EUR" in res.rejected.loc[0, "problem"]


def test_exact_duplicate_reviews_are_collapsed_and_counted(tmp_path):
    recs = [review(), review(), review(), review(user_id="U2"),
            review(text="Anderer Text, gleiche Zeit")]
    res = load_file(write_jsonl(tmp_path / "reviews.jsonl", recs))
    assert len(res.frame) == 3 and res.duplicates == 2 and len(res.rejected) == 0
    assert any("2 exact duplicate" in n for n in res.notes)
    assert res.summary()["duplicates_collapsed"] == 2


def test_duplicates_can_be_kept_through_params(tmp_path, de):
    de["sources"]["rows"]["drop_duplicates"] = False
    res = load_file(write_jsonl(tmp_path / "r.jsonl", [review(), review()]), params=de)
    assert len(res.frame) == 2 and res.duplicates == 0


def test_mostly_utf8_csv_keeps_umlauts_and_chinese_of_its_stray_lines(tmp_path):
    head = "订单号,SKU,数量,付款时间\n" + "".join(
        f"A-{i},Größe-{i},1,2026-10-01 09:00:00\n" for i in range(40))
    raw = (head.encode("utf-8") + "A-x,Größe-M,1,2026-10-02 09:00:00\n".encode("cp1252")
           + "A-y,沥水架-大,1,2026-10-02 09:00:00\n".encode("gbk")
           + "A-z,Tür,2,2026-10-03 09:00:00\n".encode())
    p = tmp_path / "orders.csv"
    p.write_bytes(raw)
    res = load_file(p)
    assert res.encoding == "utf-8"
    assert res.frame["sku"].tolist()[-3:] == ["Größe-M", "沥水架-大", "Tür"]
    assert res.frame["sku"].tolist()[0] == "Größe-0"
    assert any("1 in GBK" in n and "1 in Windows-1252" in n for n in res.notes)


def test_mostly_utf8_jsonl_keeps_a_windows_1252_line(tmp_path):
    good = "".join(json.dumps(review(user_id=f"U{i}", text="Größe passt"),
                              ensure_ascii=False) + "\n" for i in range(20))
    bad = json.dumps(review(user_id="UX", text="Tür klemmt"), ensure_ascii=False) + "\n"
    p = tmp_path / "reviews.jsonl"
    p.write_bytes(good.encode("utf-8") + bad.encode("cp1252"))
    res = load_file(p)
    assert len(res.frame) == 21 and res.frame["text"].iloc[-1] == "Tür klemmt"


# '双' is 0xCB 0xAB in GBK, which is also valid UTF-8 ('˫'): the line must be read whole
GBK_LINE_VALID_UTF8_START = "双层沥水架很好用"


def test_gbk_line_starting_with_bytes_valid_in_utf8_is_read_whole_in_csv(tmp_path):
    lines = [b"Order ID,SKU,Quantity,Order Date,Price"]
    lines += [f"A{i},Küchenregal-{i},1,2026-10-0{i + 1} 09:00:00,19.99 €".encode()
              for i in range(6)]
    lines.append("A7,Türhaken,1,2026-10-08 09:00:00,3.99 €".encode("cp1252"))
    lines.append(f"A8,{GBK_LINE_VALID_UTF8_START},1,2026-10-09 09:00:00,9.99 EUR".encode("gbk"))
    p = tmp_path / "orders.csv"
    p.write_bytes(b"\r\n".join(lines) + b"\r\n")
    res = load_file(p)
    assert res.frame["sku"].tolist()[-3:] == ["Küchenregal-5", "Türhaken",
                                              GBK_LINE_VALID_UTF8_START]
    assert res.frame["price"].tolist()[-2:] == [3.99, 9.99] and res.rows == 8
    assert res.notes == ["lines in more than one encoding: some were not UTF-8 (1 in Windows-1252, "
                         "1 in GBK); each line was decoded on its own"]


def test_gbk_export_with_a_line_pasted_in_utf8_reads_every_line_in_its_own_encoding(tmp_path):
    """A Chinese ERP export in GBK where one row was pasted from a UTF-8 sheet: the file is
    mostly GBK, so a whole-file GBK reading fails and a Windows-1252 one turns the header
    into mojibake."""
    head = "订单号,SKU,数量,下单时间\n"
    rows = [f"111-{i},KO-RACK-2T,{i % 3 + 1},2026-10-{i % 28 + 1:02d} 10:00:00\n" for i in range(40)]
    raw = ((head + "".join(rows[:20])).encode("gbk")
           + "111-x,厨房置物架-白色,1,2026-10-05 10:00:00\n".encode()
           + ("".join(rows[20:]) + "111-y,厨房置物架-黑色,2,2026-10-06 10:00:00\n").encode("gbk"))
    p = tmp_path / "orders.csv"
    p.write_bytes(raw)
    res = load_file(p)
    assert (res.kind, res.rows) == ("orders", 42)
    skus = dict(zip(res.frame["order_id"], res.frame["sku"]))
    assert (skus["111-x"], skus["111-y"]) == ("厨房置物架-白色", "厨房置物架-黑色")
    assert res.notes == ["lines in more than one encoding: some were not UTF-8 (2 in GBK); "
                         "each line was decoded on its own"]


@pytest.mark.parametrize("suffix", [".jsonl", ".jsonl.gz"])
def test_gbk_line_starting_with_bytes_valid_in_utf8_is_read_whole_in_jsonl(tmp_path, suffix):
    texts = [("Sehr gut, die Tür hält", "utf-8"), ("Die Tür klemmt, Größe falsch", "cp1252"),
             (GBK_LINE_VALID_UTF8_START, "gbk"), ("Prima Küche", "utf-8")]
    body = b"".join(json.dumps(review(user_id=f"U{i}", text=t), ensure_ascii=False)
                    .encode(enc) + b"\n" for i, (t, enc) in enumerate(texts))
    p = tmp_path / f"reviews{suffix}"
    p.write_bytes(gzip.compress(body) if suffix.endswith(".gz") else body)
    res = load_file(p)
    assert res.frame["text"].tolist() == [t for t, _ in texts]
    assert any("1 in Windows-1252, 1 in GBK" in n for n in res.notes)


def test_inspect_text_output_prints_what_loading_decided(tmp_path, monkeypatch, capsys):
    params = tmp_path / "params"
    shutil.copytree(Path(__file__).resolve().parents[2] / "params", params)
    with open(params / "categories" / "kitchen-organizer-de.yaml", "a", encoding="utf-8") as fh:
        fh.write('sources:\n  rows:\n    fx_rates: {"USD/EUR": 0.9}\n')
    monkeypatch.chdir(tmp_path)   # the project's params/ folder is looked up from here
    lines = [b"Order ID,SKU,Quantity,Order Date,Price",
             "A1,Küchenregal,2,25/10/2026,19.99 €".encode(),
             "A2,Küchenregal,1,03/10/2026,$25.00".encode(),
             "A3,Türhaken,1,05/10/2026,3.99 €".encode("cp1252")]
    orders = tmp_path / "orders.csv"
    orders.write_bytes(b"\n".join(lines) + b"\n")
    assert main(["inspect", "--category", "kitchen-organizer-de", str(orders)]) == 0
    out = capsys.readouterr().out.splitlines()
    notes = [ln for ln in out if ln.startswith("note:")]
    assert notes == [
        "note:      column 'Order Date': read as day/month (a first field above 12 decides)",
        "note:      1 row(s) priced in USD converted to EUR at 0.9 (sources.rows.fx_rates)",
        "note:      lines in more than one encoding: some were not UTF-8 (1 in Windows-1252); "
        "each line was decoded on its own"]
    reviews = write_jsonl(tmp_path / "r.jsonl", [review(), review(), review(user_id="U9")])
    assert main(["inspect", str(reviews)]) == 0
    out = capsys.readouterr().out
    assert "rows:      2 loaded, 0 rejected, 1 exact duplicates collapsed" in out
    assert "note:      1 exact duplicate record(s)" in out


def test_clean_gbk_file_is_still_read_as_gbk(tmp_path):
    p = tmp_path / "orders.csv"
    p.write_bytes(("订单号,SKU,数量,付款时间\n" + "".join(
        f"A-{i},沥水架,1,2026-10-01 09:00:00\n" for i in range(30))).encode("gbk"))
    res = load_file(p)
    assert res.encoding == "gb18030" and set(res.frame["sku"]) == {"沥水架"} and not res.notes


# ------------------------------------------------------------------ broken files
@pytest.mark.parametrize("suffix", [".jsonl.gz", ".jsonl.zst"])
def test_cut_off_compressed_file_says_so(tmp_path, suffix):
    data = "".join(json.dumps(review(user_id=f"U{i}")) + "\n" for i in range(5000)).encode()
    packed = gzip.compress(data) if suffix.endswith("gz") else \
        zstandard.ZstdCompressor().compress(data)
    p = tmp_path / f"reviews{suffix}"
    p.write_bytes(packed[: len(packed) // 2])
    with pytest.raises(InputFileError) as err:
        load_file(p)
    assert str(err.value).startswith(f"{p}: the file is cut off (compressed stream ends early)")


def _erp_orders_gbk(n: int) -> bytes:
    return ("订单号,SKU,数量,付款时间\n" + "".join(
        f"A-{i},沥水架-{i % 7},{i % 4 + 1},2026-10-{i % 28 + 1:02d} 09:00:00\n"
        for i in range(n))).encode("gbk")


@pytest.mark.parametrize("suffix,pack", [
    (".csv.gz", gzip.compress), (".tsv.gz", gzip.compress),
    (".csv.zst", lambda b: zstandard.ZstdCompressor().compress(b))])
def test_compressed_csv_export_loads_like_the_plain_file(tmp_path, suffix, pack):
    body = _erp_orders_gbk(3000)
    if suffix.startswith(".tsv"):
        body = body.replace(b",", b"\t")
    plain = tmp_path / f"orders{suffix.rsplit('.', 1)[0]}"
    plain.write_bytes(body)
    packed = tmp_path / f"orders{suffix}"
    packed.write_bytes(pack(body))
    want, got = load_file(plain), load_file(packed)
    assert got.encoding == "gb18030" and got.layout == want.layout and got.rows == 3000
    pd.testing.assert_frame_equal(got.frame, want.frame)
    assert got.frame["sku"].iloc[8] == "沥水架-1" and got.frame["units"].iloc[8] == 1


@pytest.mark.parametrize("keep", [0.5, 0.99])
@pytest.mark.parametrize("suffix", [".gz", ".zst"])
def test_cut_off_compressed_csv_says_it_is_cut_off(tmp_path, keep, suffix):
    body = _erp_orders_gbk(30000)
    packed = gzip.compress(body) if suffix == ".gz" else zstandard.ZstdCompressor().compress(body)
    p = tmp_path / f"orders.csv{suffix}"
    p.write_bytes(packed[: int(len(packed) * keep)])
    with pytest.raises(InputFileError) as err:
        load_file(p)
    assert str(err.value).startswith(f"{p}: the file is cut off (compressed stream ends early)")


def test_gzipped_web_page_is_called_a_web_page(tmp_path):
    p = tmp_path / "orders.csv.gz"
    p.write_bytes(gzip.compress(b"<!DOCTYPE html><html><head><title>Sign in</title></head>"))
    with pytest.raises(InputFileError, match="web page .*'Sign in'"):
        load_file(p)


@pytest.mark.parametrize("suffix", [".gz", ".zst"])
def test_compressed_file_missing_only_its_end_is_still_reported(tmp_path, suffix):
    data = "".join(json.dumps(review(user_id=f"U{i}")) + "\n" for i in range(3000)).encode()
    p = tmp_path / f"r.jsonl{suffix}"
    full = gzip.compress(data) if suffix == ".gz" else zstandard.ZstdCompressor().compress(data)
    p.write_bytes(full[:-4])   # only the stream's trailer (checksum/size) is missing
    with pytest.raises(InputFileError, match="cut off"):
        load_file(p)


def test_directory_symlink_loop_and_unreadable_file_are_one_line_each(tmp_path, monkeypatch):
    folder = tmp_path / "export.csv"
    folder.mkdir()
    loop = tmp_path / "loop.csv"
    os.symlink(loop, loop)
    locked = tmp_path / "locked.csv"
    locked.write_text("Order ID,SKU\n", encoding="utf-8")
    msgs = {}
    for p in (folder, loop):
        with pytest.raises(InputFileError) as err:
            load_file(p)
        msgs[p.name] = str(err.value)
    monkeypatch.setattr(readers.os, "access", lambda path, mode: False)
    with pytest.raises(InputFileError) as err:
        load_file(locked)
    msgs["locked"] = str(err.value)
    assert "is a folder, not a file" in msgs["export.csv"]
    assert "symlink loop" in msgs["loop.csv"]
    assert "permission denied" in msgs["locked"]
    assert all("\n" not in m for m in msgs.values())


@pytest.mark.parametrize("make", ["fifo", "device"])
def test_named_pipe_or_device_is_refused_at_once_instead_of_waiting(tmp_path, make):
    p = tmp_path / "orders.csv"
    if make == "fifo":
        os.mkfifo(p)   # reading it would wait for a writer forever
    else:
        os.symlink("/dev/zero", p)   # reading it would never end
    with pytest.raises(InputFileError) as err:
        load_file(p)
    assert str(err.value).startswith(f"{p}: is not a regular file (a named pipe, device")


def test_html_login_page_saved_as_csv_is_called_a_web_page(tmp_path):
    p = tmp_path / "BusinessReport-10-2026.csv"
    p.write_text("\n<!DOCTYPE html>\n<html lang='de'><head><title>Amazon Anmelden</title></head>"
                 "<body><form>...</form></body></html>\n", encoding="utf-8")
    with pytest.raises(InputFileError) as err:
        load_file(p)
    assert "this is a web page" in str(err.value) and "Amazon Anmelden" in str(err.value)


def test_jsonl_whose_first_record_is_longer_than_the_sniffing_window_loads(tmp_path):
    long_text = "Sehr ausführlich. " * 20000   # ~360 kB, longer than the 256 kB head
    p = write_jsonl(tmp_path / "reviews.jsonl", [review(text=long_text), review(user_id="U2")])
    res = load_file(p)
    assert len(res.frame) == 2 and res.frame.loc[0, "text"] == long_text


def test_csv_line_with_an_unquoted_delimiter_is_one_rejected_row(tmp_path):
    p = tmp_path / "orders.csv"
    p.write_text("Order ID,SKU,Quantity,Purchase Date (UTC)\n111-1,KO,1,2026-10-01 10:00:00\n"
                 "111-2,KO,1,5,2026-10-01 10:00:00\n111-3,KO,2,2026-10-02 10:00:00\n",
                 encoding="utf-8")
    res = load_file(p)
    assert res.frame["order_id"].tolist() == ["111-1", "111-3"]
    assert res.rejected.loc[0, "row"] == 2 and "4 fields" not in res.rejected.loc[0, "problem"]
    assert "5 fields where the header has 4" in res.rejected.loc[0, "problem"]
