"""Tried as a new user would: ~100 hostile or broken variants of real export layouts.

Base layouts are those sellers really download: Amazon's "All Orders" flat file (tab
separated, its real column names), a Chinese ERP order export in GBK, Amazon Reviews 2023
JSONL (the McAuley-lab record shape), Zendesk's CSV ticket export and a real Fivetran
Zendesk dump (tests/data/sources/real/). Each base is mutated the way files get damaged in
real life (cut off, re-saved by Excel, wrong encoding, a web page instead of the report,
one bad value, ...). Every variant must either load exactly the right rows and values or
fail with one clear line that names the file -- never a traceback, never a hang.
"""

from __future__ import annotations

import gzip
import json
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import pytest
import zstandard

from seller_lab.errors import SellerLabError
from seller_lab.sources import load_file

REAL = Path(__file__).resolve().parents[1] / "data" / "sources" / "real"

ALL_ORDERS_HEADER = ["amazon-order-id", "merchant-order-id", "purchase-date",
                     "last-updated-date", "order-status", "fulfillment-channel", "sales-channel",
                     "product-name", "sku", "asin", "item-status", "quantity", "currency",
                     "item-price", "ship-city", "ship-country"]


def all_orders_rows(n: int = 6) -> list[list[str]]:
    return [[f"114-39416{i:02d}-87722{i:02d}", "", f"2026-10-0{i % 9 + 1}T08:15:22+00:00",
             "2026-10-10T10:00:00+00:00", "Shipped", "Amazon", "Amazon.com",
             "Magnetic Tiles 60", "KT-TILES-60", "B0KT60M4R2", "Shipped", str(i % 3 + 1), "USD",
             "34.99", "AUSTIN", "US"] for i in range(n)]


def tsv(rows: list[list[str]], header=ALL_ORDERS_HEADER, sep="\t", nl="\n") -> str:
    return nl.join(sep.join(r) for r in [header, *rows]) + nl


ERP_HEADER = ["订单号", "SKU", "数量", "单价", "币种", "付款时间", "仓库", "订单状态"]


def erp_rows(n: int = 6) -> list[list[str]]:
    return [[f"SO-2026100{i}", "KO-RACK-2T", str(i % 2 + 1), "29.90", "EUR",
             f"2026-10-0{i + 1} 09:00:00", "DE-FRA", "已发货"] for i in range(n)]


def review(i: int = 0, **over) -> dict:
    rec = {"rating": float(i % 5 + 1), "title": "Stabil", "text": f"Steht fest, Nummer {i}.",
           "images": [], "asin": "B0DKR2T7Q1", "parent_asin": "B0DKR2T7Q1",
           "user_id": f"AGKHLEW2SOWHNMFQIJGBECAF{i:04d}", "timestamp": 1761998400000 + i * 1000,
           "helpful_vote": 0, "verified_purchase": True}
    rec.update(over)
    return rec


def jsonl(recs) -> str:
    return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in recs)


ZENDESK_HEADER = ("Id,Requester,Requester id,Subject,Status,Priority,Via,Created at,Updated at,"
                  "Solved at,Satisfaction Score,Reopens,Replies,First reply time in minutes,"
                  "First reply time in minutes within business hours")


def zendesk(n: int = 5) -> str:
    rows = [f"{4100 + i},Kunde {i},{900 + i},Frage {i},Solved,normal,Mail,"
            f"2026-10-1{i} 08:00:00 +0000,2026-10-1{i} 09:00:00 +0000,,Good,0,1,{30 + i},{10 + i}"
            for i in range(n)]
    return ZENDESK_HEADER + "\n" + "\n".join(rows) + "\n"


@dataclass
class Case:
    name: str
    write: Callable[[Path], Path]        # writes the file into the folder, returns it
    rows: int | None = None              # rows that must load (None: must be an error)
    error: str = ""                      # text the one-line error must hold
    check: Callable[[object], None] | None = None
    rejected: int | None = None          # rejected rows expected (None: not checked)


def text_file(name: str, content: str, encoding: str = "utf-8"):
    def write(folder: Path) -> Path:
        p = folder / name
        p.write_bytes(content.encode(encoding))
        return p
    return write


def bytes_file(name: str, content: bytes):
    def write(folder: Path) -> Path:
        p = folder / name
        p.write_bytes(content)
        return p
    return write


def real_file(name: str, mutate: Callable[[bytes], bytes]):
    def write(folder: Path) -> Path:
        p = folder / name
        p.write_bytes(mutate((REAL / "zendesk_fivetran_ticket_data.csv").read_bytes()))
        return p
    return write


def units_are(expected):
    def check(res):
        assert res.frame["units"].tolist() == expected
    return check


def cases() -> list[Case]:
    out: list[Case] = []
    base = tsv(all_orders_rows())
    units = [1, 2, 3, 1, 2, 3]
    # --- Amazon All Orders flat file ------------------------------------------------
    out += [
        Case("orders_clean", text_file("orders.txt", base), 6, check=units_are(units)),
        Case("orders_crlf", text_file("orders.txt", tsv(all_orders_rows(), nl="\r\n")), 6,
             check=units_are(units)),
        Case("orders_bom", text_file("orders.txt", "\ufeff" + base), 6, check=units_are(units)),
        Case("orders_utf16", text_file("orders.txt", base, "utf-16"), 6, check=units_are(units)),
        Case("orders_comma", text_file("orders.csv", tsv(all_orders_rows(), sep=",")), 6),
        Case("orders_semicolon", text_file("orders.csv", tsv(all_orders_rows(), sep=";")), 6),
        Case("orders_upper_header", text_file("orders.txt", base.replace(
            "amazon-order-id", "AMAZON-ORDER-ID").replace("quantity", "QUANTITY")), 6),
        Case("orders_snake_header", text_file("orders.txt", tsv(
            all_orders_rows(), header=[h.replace("-", "_") for h in ALL_ORDERS_HEADER])), 6),
        Case("orders_quoted_header", text_file("orders.txt", tsv(
            all_orders_rows(), header=[f'"{h}"' for h in ALL_ORDERS_HEADER])), 6),
        Case("orders_reordered", text_file("orders.txt", tsv(
            [r[::-1] for r in all_orders_rows()], header=ALL_ORDERS_HEADER[::-1])), 6,
            check=units_are(units)),
        Case("orders_extra_columns", text_file("orders.txt", tsv(
            [r + ["x", "y"] for r in all_orders_rows()],
            header=ALL_ORDERS_HEADER + ["promotion-ids", "is-business-order"])), 6),
        Case("orders_blank_lines", text_file("orders.txt", base.replace("\n", "\n\n", 3)), 6),
        Case("orders_trailing_spaces", text_file("orders.txt", base.replace(
            "\tKT-TILES-60\t", "\t KT-TILES-60 \t")), 6,
            check=lambda r: (r.frame["sku"] == "KT-TILES-60").all() or pytest.fail("sku")),
        Case("orders_header_only", text_file("orders.txt", tsv([])), 0),
        Case("orders_cut_mid_row", text_file("orders.txt", base[: len(base) - 40]), 5,
             rejected=1),
        Case("orders_cut_in_header", text_file("orders.txt", base[:60]), None,
             error=""),
        Case("orders_missing_quantity_col", text_file("orders.txt", tsv(
            [r[:11] + r[12:] for r in all_orders_rows()],
            header=ALL_ORDERS_HEADER[:11] + ALL_ORDERS_HEADER[12:])), None, error="quantity"),
        Case("orders_two_sku_columns", text_file("orders.txt", tsv(
            [r + ["KT-OTHER"] for r in all_orders_rows()], header=ALL_ORDERS_HEADER + ["sku"])),
            None, error="two columns map to the field 'sku'"),
        Case("orders_title_lines", text_file("orders.txt", "All Orders Report\n\n" + base), 6),
        Case("orders_nul_bytes", bytes_file("orders.txt", base.encode() + b"\x00" * 4000),
             None, error=""),
        Case("orders_random_tail", bytes_file("orders.txt", base.encode()[:-1]
                                              + bytes(range(256)) * 3), None, error=""),
        Case("orders_future_row", text_file("orders.txt", base.replace(
            "2026-10-01T08:15:22", "2099-10-01T08:15:22")), 5, rejected=1),
        Case("orders_excel_serial_dates", text_file("orders.txt", tsv(
            [r[:2] + ["46000"] + r[3:] for r in all_orders_rows()])), 6,
            check=lambda r: (r.frame["ds"] == pd.Timestamp("2025-12-09", tz="UTC")).all()
            or pytest.fail("serial")),
        Case("orders_epoch_ms_dates", text_file("orders.txt", tsv(
            [r[:2] + ["1759306522000"] + r[3:] for r in all_orders_rows()])), 6,
            check=lambda r: (r.frame["ds"] == pd.Timestamp("2025-10-01 08:15:22", tz="UTC"))
            .all() or pytest.fail("epoch")),
        Case("orders_dup_rows", text_file("orders.txt", base + tsv(all_orders_rows())
                                          .split("\n", 1)[1]), 12),
    ]
    for bad, label in [("1,5", "comma"), ("3.7", "decimal"), ("1e3", "exp"), ("0x10", "hex"),
                       ("2 Stk", "unit"), ("-1", "negative"), ("99999999999999999999", "huge"),
                       ("", "empty"), ("zwei", "word"), ("NaN", "nan")]:
        rows = all_orders_rows()
        rows[3][11] = bad
        out.append(Case(f"orders_qty_{label}", text_file("orders.txt", tsv(rows)), 5,
                        rejected=1, check=units_are(units[:3] + units[4:])))
    for bad, label in [("€29.90", "euro"), ("EUR 29,90", "eur_code"), ("£25.00", "pound")]:
        rows = all_orders_rows()   # the price names another currency than the row's column
        rows[2][13] = bad
        out.append(Case(f"orders_price_{label}", text_file("orders.txt", tsv(rows)), 5,
                        rejected=1))
        rows = all_orders_rows()   # no currency column: the cell's own currency is kept
        rows[2][13] = bad
        out.append(Case(f"orders_price_{label}_own_currency", text_file(
            "orders.txt", tsv([r[:12] + r[13:] for r in rows],
                              header=ALL_ORDERS_HEADER[:12] + ALL_ORDERS_HEADER[13:])), 6,
            check=lambda r: r.frame["currency"].iloc[2] in ("EUR", "GBP") or pytest.fail("cur")))
    rows = all_orders_rows()
    rows[1][9] = "B0KT60"
    out.append(Case("orders_short_asin_not_checked_for_orders", text_file("orders.txt", tsv(rows)),
                    6))
    for cut in (50, 200, 300):   # the whole stream is ~320 bytes
        out.append(Case(f"orders_gzip_cut_{cut}", bytes_file(
            "orders.txt.gz", gzip.compress(base.encode())[:cut]), None, error="cut off"))
    out.append(Case("orders_gzip_whole", bytes_file("orders.txt.gz", gzip.compress(base.encode())),
                    6, check=lambda r: r.frame["sku"].eq("KT-TILES-60").all() or pytest.fail("sku")))
    out.append(Case("orders_zstd_whole", bytes_file(
        "orders.txt.zst", zstandard.ZstdCompressor().compress(base.encode())), 6))
    # --- Chinese ERP export ----------------------------------------------------------
    erp = tsv(erp_rows(), header=ERP_HEADER, sep=",")
    out += [
        Case("erp_gbk", text_file("订单.csv", erp, "gbk"), 6),
        Case("erp_gb18030_tab", text_file("订单.tsv", tsv(erp_rows(), header=ERP_HEADER), "gb18030"),
             6),
        Case("erp_utf8_sig", text_file("订单.csv", "\ufeff" + erp), 6),
        Case("erp_mixed_utf8_gbk", bytes_file("订单.csv", erp.encode() +
                                              "SO-x,沥水架,1,29.90,EUR,2026-10-08 09:00:00,DE-FRA,"
                                              "已发货\n".encode("gbk")), 7,
             check=lambda r: r.frame["sku"].iloc[-1] == "沥水架" or pytest.fail("gbk line")),
        # cut inside the last (optional) status cell: the row's required values are whole
        Case("erp_gbk_cut_mid_char", bytes_file("订单.csv", erp.encode("gbk")[:-5]), 6),
        Case("erp_gbk_cut_in_date", bytes_file("订单.csv", erp.encode("gbk")[:-25]), 5,
             rejected=1),
        Case("erp_usd_row_in_eur_file", text_file("订单.csv", erp.replace(
            "29.90,EUR,2026-10-03", "$29.90,USD,2026-10-03")), 6),
        Case("erp_status_english", text_file("订单.csv", erp.replace("已发货", "Shipped")), 6),
        Case("erp_dayfirst_dates", text_file("订单.csv", tsv(
            [r[:5] + [f"{i + 10}/10/2026 09:00"] + r[6:] for i, r in enumerate(erp_rows())],
            header=ERP_HEADER, sep=",")), 6,
            check=lambda r: (r.frame["ds"].dt.month == 10).all() or pytest.fail("dayfirst")),
        Case("erp_qty_fullwidth", text_file("订单.csv", erp.replace(",2,29.90", ",２件,29.90", 1)), 5,
             rejected=1),
    ]
    # --- Amazon Reviews 2023 JSONL ---------------------------------------------------
    recs = [review(i) for i in range(8)]
    body = jsonl(recs)
    out += [
        Case("reviews_clean", text_file("All_Beauty.jsonl", body), 8),
        Case("reviews_gzip", bytes_file("All_Beauty.jsonl.gz", gzip.compress(body.encode())), 8),
        Case("reviews_zstd", bytes_file("All_Beauty.jsonl.zst",
                                        zstandard.ZstdCompressor().compress(body.encode())), 8),
        Case("reviews_crlf", text_file("r.jsonl", body.replace("\n", "\r\n")), 8),
        Case("reviews_bom", text_file("r.jsonl", "\ufeff" + body), 8),
        Case("reviews_blank_lines", text_file("r.jsonl", body.replace("\n", "\n\n")), 8),
        Case("reviews_array", text_file("r.json", json.dumps(recs)), 8),
        Case("reviews_broken_middle_line", text_file("r.jsonl", body.replace(
            '"text": "Steht fest, Nummer 3.",', '"text": "Steht fest, Num')), 7, rejected=1),
        Case("reviews_broken_first_line", text_file("r.jsonl", "{\"rating\": 5.0, \"te\n" + body),
             None, error=""),
        Case("reviews_cut_last_line", text_file("r.jsonl", body[:-30]), 7, rejected=1),
        Case("reviews_float_timestamps", text_file("r.jsonl", jsonl(
            [review(i, timestamp=1.52309e12 + i) for i in range(4)])), 4,
            check=lambda r: (r.frame["ds"].dt.year == 2018).all() or pytest.fail("ts")),
        Case("reviews_second_timestamps", text_file("r.jsonl", jsonl(
            [review(i, timestamp=1761998400 + i) for i in range(4)])), 4,
            check=lambda r: (r.frame["ds"].dt.year == 2025).all() or pytest.fail("ts")),
        Case("reviews_90pct_duplicates", text_file("r.jsonl", jsonl([review(1)] * 9 + [review(2)])),
             2, check=lambda r: r.duplicates == 8 or pytest.fail("dups")),
        Case("reviews_missing_text_and_rating", text_file("r.jsonl", jsonl(
            [review(1), review(2, text="", rating=None)])), 1, rejected=1),
        Case("reviews_rating_only", text_file("r.jsonl", jsonl([review(1, text="")])), 1),
        Case("reviews_mixed_cp1252", bytes_file("r.jsonl", body.encode() + jsonl(
            [review(99, text="Tür klemmt")]).encode("cp1252")), 9,
            check=lambda r: r.frame["text"].iloc[-1] == "Tür klemmt" or pytest.fail("cp1252")),
        Case("reviews_huge_first_record", text_file("r.jsonl", jsonl(
            [review(0, text="lang " * 70000), review(1)])), 2),
        Case("reviews_unknown_keys", text_file("r.jsonl", jsonl([{"foo": 1, "bar": 2}])), None,
             error="match no known layout"),
        Case("reviews_not_objects", text_file("r.jsonl", "[1, 2, 3]\n[4]\n"), None, error=""),
        Case("reviews_html_error", text_file("r.jsonl", "<html><head><title>502 Bad Gateway"
                                                         "</title></head></html>"), None,
             error="web page"),
        Case("reviews_empty", text_file("r.jsonl", ""), None, error="empty"),
        Case("reviews_whitespace", text_file("r.jsonl", "\n \n\t\n"), None, error="empty"),
    ]
    for cut in (30, 120, 300):
        out.append(Case(f"reviews_gzip_cut_{cut}", bytes_file(
            "r.jsonl.gz", gzip.compress(jsonl([review(i) for i in range(200)]).encode())[:cut]),
            None, error=""))
        out.append(Case(f"reviews_zstd_cut_{cut}", bytes_file(
            "r.jsonl.zst", zstandard.ZstdCompressor().compress(
                jsonl([review(i) for i in range(200)]).encode())[:cut]), None, error=""))
    for over, label in [({"rating": 0}, "zero"), ({"rating": 6}, "six"),
                        ({"rating": None}, "null"), ({"rating": "five"}, "word"),
                        ({"asin": "B0DKR"}, "short_asin"), ({"asin": "B0DKR2T7Q1X"}, "long_asin"),
                        ({"timestamp": 4102444800000}, "year_2100"),
                        ({"timestamp": None}, "no_time")]:
        bad = [review(i) for i in range(5)]
        bad[2] = review(2, **over)
        out.append(Case(f"reviews_bad_{label}", text_file("r.jsonl", jsonl(bad)), 4, rejected=1))
    # records exactly as public descriptions of the McAuley-lab files show them: the first
    # line of Amazon Reviews 2023 All_Beauty.jsonl, and a Hugging Face copy whose integer
    # fields came out as floats in scientific notation
    first = {"rating": 5.0, "title": "Such a lovely scent but not overpowering.",
             "text": "This spray is really nice. ...", "images": [], "asin": "B00YQ6X8EO",
             "parent_asin": "B00YQ6X8EO", "user_id": "AGKHLEW2SOWHNMFQIJGBECAF7INQ",
             "timestamp": 1588687728923, "helpful_vote": 0, "verified_purchase": True}
    hf = {"rating": 5, "title": "Excellent!", "text": "I love it. Pretty!", "images": [],
          "asin": "B00NXQLFQQ", "parent_asin": "B00NXQLFQQ",
          "user_id": "AFKZENTNBQ7A7V7UXW5JJI6UGRYQ", "timestamp": 1.52309e+12,
          "helpful_vote": 0, "verified_purchase": True}
    out += [
        Case("reviews_all_beauty_first_line", text_file("All_Beauty.jsonl", jsonl([first])), 1,
             check=lambda r: r.frame["ds"].iloc[0] == pd.Timestamp(1588687728923, unit="ms",
                                                                    tz="UTC")
             or pytest.fail("ts")),
        Case("reviews_hf_float_fields", text_file("train.jsonl", jsonl([hf, first])), 2,
             check=lambda r: r.frame["ds"].dt.year.tolist() == [2018, 2020]
             or pytest.fail("ts")),
    ]
    # --- Zendesk ---------------------------------------------------------------------
    zd = zendesk()
    out += [
        Case("zendesk_clean", text_file("export.csv", zd), 5,
             check=lambda r: r.frame["first_reply_minutes"].tolist() == [30, 31, 32, 33, 34]
             or pytest.fail("reply")),
        Case("zendesk_snake_case", text_file("export.csv", zd.split("\n", 1)[0].lower()
                                             .replace(" ", "_") + "\n" + zd.split("\n", 1)[1]), 5),
        Case("zendesk_semicolon_excel", text_file("export.csv", zd.replace(",", ";")), 5),
        Case("zendesk_no_reply_yet", text_file("export.csv", zd.replace(",30,10", ",,")), 5),
        Case("zendesk_bad_created", text_file("export.csv", zd.replace(
            "2026-10-12 08:00:00 +0000", "gestern")), 4, rejected=1),
        Case("zendesk_real_dump", real_file("tickets.csv", lambda b: b), 10),
        Case("zendesk_real_dump_crlf", real_file("tickets.csv", lambda b: b.replace(b"\n", b"\r\n")),
             10),
        # cut in the last ticket's trailing columns: the incomplete row is rejected
        Case("zendesk_real_dump_cut", real_file("tickets.csv", lambda b: b[:-100]), 9,
             rejected=1),
        Case("zendesk_real_dump_no_final_newline", real_file("tickets.csv",
                                                             lambda b: b.rstrip(b"\n")), 10),
        Case("zendesk_real_dump_cut_in_created", real_file(
            "tickets.csv", lambda b: b[:b.rindex(b"2020-05-26") + 7]), 9, rejected=1),
        Case("zendesk_real_dump_gbk_bom", real_file("tickets.csv", lambda b: b"\xef\xbb\xbf" + b),
             10),
        Case("zendesk_real_dump_header_only", real_file("tickets.csv",
                                                        lambda b: b.split(b"\n")[0] + b"\n"), 0),
        Case("zendesk_real_dump_html", real_file(
            "tickets.csv", lambda b: b"<!DOCTYPE html><html><title>Sign in to Zendesk</title>"),
            None, error="web page"),
        Case("zendesk_real_dump_zip_named_csv", real_file(
            "tickets.csv", lambda b: b"PK\x03\x04" + b[:200]), None, error="XLSX"),
        Case("zendesk_real_dump_xls", real_file(
            "tickets.csv", lambda b: b"\xd0\xcf\x11\xe0" + b[:200]), None, error="97-2003"),
    ]
    return out


CASES = cases()


def test_there_are_about_a_hundred_hostile_files():
    assert len(CASES) >= 95


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_hostile_file_loads_right_or_fails_in_one_clear_line(tmp_path, case):
    path = case.write(tmp_path)
    t0 = time.monotonic()
    try:
        res = load_file(path)
    except SellerLabError as exc:
        msg = str(exc)
        assert case.rows is None, f"{case.name}: expected {case.rows} rows, got error {msg}"
        assert msg.startswith(str(path)), msg
        assert "\n" not in msg.strip() and "Traceback" not in msg
        assert case.error in msg, msg
        return
    finally:
        assert time.monotonic() - t0 < 30, f"{case.name} took too long"
    assert case.rows is not None, f"{case.name}: expected an error, loaded {res.rows} rows"
    assert res.rows == case.rows, (res.rows, res.rejected.to_dict("records"))
    if case.rejected is not None:
        assert len(res.rejected) == case.rejected, res.rejected.to_dict("records")
    for r in res.rejected.to_dict("records"):
        assert r["problem"] and "importer bug" not in r["problem"]
        assert int(r["row"]) >= 1
    if case.check:
        case.check(res)
