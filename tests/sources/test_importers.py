"""Importers: every layout from small hand-written realistic fixtures, each encoding,
malformed files, strict vs skip."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from seller_lab import schemas
from seller_lab.errors import InputFileError, LayoutNotRecognisedError
from seller_lab.sources import load_file
from seller_lab.sources.importers.parse import parse_number, parse_ts

DATA = Path(__file__).resolve().parents[1] / "data" / "sources"

LAYOUTS = {
    "multiTimeline.csv": ("trends", "google_trends_multitimeline"),
    "multiTimeline_de.csv": ("trends", "google_trends_multitimeline"),
    "reviews_2023.jsonl": ("reviews", "amazon_reviews_2023_jsonl"),
    "reviews_2023.jsonl.gz": ("reviews", "amazon_reviews_2023_jsonl"),
    "reviews_mapped.csv": ("reviews", "amazon_reviews_csv"),
    "qa_dictlines.json": ("questions", "amazon_qa_dictlines"),
    "qa_answers.jsonl": ("questions", "amazon_qa_jsonl"),
    "qa_multi.jsonl": ("questions", "amazon_qa_multi_jsonl"),
    "erp_stock_title_lines.csv": ("inventory", "erp_stock_cn"),
    "erp_orders_title_row.xlsx": ("orders", "erp_orders_de"),
    "reddit_submissions.jsonl": ("posts", "reddit_submissions"),
    "reddit_comments.jsonl": ("posts", "reddit_comments"),
    "reddit_comments.jsonl.zst": ("posts", "reddit_comments"),
    "reddit_listing.json": ("posts", "reddit_submissions"),
    "tiktok_comments.csv": ("posts", "tiktok_comments_csv"),
    "tiktok_comments.json": ("posts", "tiktok_comments_json"),
    "forum_posts.csv": ("posts", "forum_posts"),
    "helium10_blackbox.csv": ("listings", "helium10_blackbox"),
    "helium10_blackbox_zh.csv": ("listings", "helium10_blackbox"),
    "helium10_xray.csv": ("listings", "helium10_xray"),
    "jungle_scout_de.csv": ("listings", "jungle_scout"),
    "business_report_en.csv": ("traffic", "business_report_child"),
    "business_report_de.csv": ("traffic", "business_report_child"),
    "business_report_by_date.csv": ("traffic", "business_report_by_date"),
    "fba_returns.txt": ("returns", "fba_customer_returns"),
    "fba_returns_zh.csv": ("returns", "fba_customer_returns"),
    "fba_manage_inventory.txt": ("inventory", "fba_manage_inventory"),
    "fba_inventory_health.csv": ("inventory", "fba_inventory_health"),
    "fba_restock.csv": ("inventory", "fba_restock"),
    "erp_orders_gbk.csv": ("orders", "erp_orders_cn"),
    "erp_orders_gb18030_tab.tsv": ("orders", "erp_orders_cn"),
    "erp_orders_utf16.csv": ("orders", "erp_orders_cn"),
    "erp_orders_utf8sig_semicolon.csv": ("orders", "erp_orders_cn"),
    "erp_orders.xlsx": ("orders", "erp_orders_cn"),
    "really_xlsx.csv": ("orders", "erp_orders_cn"),
    "erp_bestellungen_bad_row.csv": ("orders", "erp_orders_de"),
    "erp_stock_en.csv": ("inventory", "erp_stock"),
    "erp_shipments_cn.xlsx": ("shipments", "erp_shipments_cn"),
    "zendesk_tickets.csv": ("tickets", "zendesk_tickets"),
    "pilot.csv": ("pilot", "pilot_daily"),
}


@pytest.mark.parametrize("name", sorted(LAYOUTS))
def test_every_fixture_detected_and_canonical(name):
    res = load_file(DATA / name)
    assert (res.kind, res.layout) == LAYOUTS[name]
    assert list(res.frame.columns) == schemas.columns(res.kind)
    assert res.frame.dtypes.astype(str).tolist() == \
        schemas.empty_frame(res.kind).dtypes.astype(str).tolist()
    assert len(res.frame) > 0


@pytest.mark.parametrize("name,enc", [("erp_orders_gbk.csv", "gb18030"),
                                      ("erp_orders_utf16.csv", "utf-16"),
                                      ("erp_orders_utf8sig_semicolon.csv", "utf-8-sig"),
                                      ("erp_orders_gb18030_tab.tsv", "gb18030")])
def test_erp_encodings_give_same_frame(name, enc):
    res = load_file(DATA / name)
    assert res.encoding == enc
    f = res.frame
    assert f["order_id"].tolist() == ["302-0000001", "302-0000002"]
    assert f["units"].tolist() == [2, 1]
    assert f["price"].tolist() == [29.9, 22.9]
    # Beijing time (UTC+8) -> UTC
    assert f.loc[0, "ds"] == pd.Timestamp("2026-10-01 09:30", tz="UTC")
    assert f["status"].tolist() == ["shipped", "shipped"]
    assert f.loc[1, "delay_reason"] == "缺货"
    assert f["warehouse"].tolist() == ["DE-FRA", "FR-PAR"]


def test_trends_preamble_lt1_and_geo():
    f = load_file(DATA / "multiTimeline.csv").frame
    assert set(f["unique_id"]) == {"dish rack|US", "dish drainer|US"}
    rack = f[f["keyword"] == "dish rack"].set_index("ds")["y"]
    assert rack[pd.Timestamp("2026-11-01")] == 0.5
    assert f.loc[f["is_partial"], "ds"].unique().tolist() == [pd.Timestamp("2026-11-22")]
    nogeo = load_file(DATA / "multiTimeline_nogeo.csv", params={"category": {"trends_geo": "DE"}})
    assert nogeo.frame["unique_id"].unique().tolist() == ["camping chair|DE"]
    de = load_file(DATA / "multiTimeline_de.csv").frame
    assert de["geo"].unique().tolist() == ["DE"] and de["y"].tolist() == [55, 0.5, 61]


def test_reviews_2023_fields_and_rating_only_review_kept():
    res = load_file(DATA / "reviews_2023.jsonl")
    f = res.frame
    assert len(f) == 4 and len(res.rejected) == 0
    assert f.loc[3, "text"] == "" and f.loc[3, "rating"] == 4.0      # stars without words still count
    assert f.loc[0, "ds"] == pd.Timestamp("2025-11-01 12:00", tz="UTC")  # ms epoch
    assert f["verified_purchase"].tolist() == [True, False, True, True]
    assert f["parent_asin"].tolist()[2] == "B0COMPPAR1"
    assert f["rating"].tolist() == [5.0, 1.0, 2.0, 4.0]


def test_qa_layouts():
    d = load_file(DATA / "qa_dictlines.json").frame
    assert d["text"].tolist()[0].startswith("Passt ein großer Teller")
    assert d["answer"].tolist() == ["Nein, nur bis 27 cm.", "Ja."]
    assert d["question_type"].tolist() == ["yes/no", "open-ended"]
    j = load_file(DATA / "qa_answers.jsonl").frame
    assert j.loc[0, "answer"] == "They are glued. || Glued, mine fell out."
    assert j.loc[1, "answer"] == ""
    assert j.loc[0, "answer_ds"] == pd.Timestamp("2025-03-01", tz="UTC")


def test_real_qa_lines_with_python_apostrophe_escapes_load_and_a_broken_line_is_rejected():
    # 18 lines of the McAuley Amazon Q&A appliance dump (tests/data/sources/real): its exporter wrote "o\\'clock",
    # no JSON escape, in 382 of 9,011 lines, which were rejected; line 18 has a bare '"' inside a string
    res = load_file(DATA / "real" / "amazon_qa_appliances_lines.json")
    assert len(res.frame) == 17 and res.rejected["row"].tolist() == [18], res.rejected
    knob = res.frame.loc[res.frame["text"].str.startswith("Can the knob be oriented"), "text"]
    assert len(knob) == 2 and knob.str.contains("at 9 o'clock rather than 12 o'clock", regex=False).all(), knob
    assert not res.frame["text"].str.contains("\\", regex=False).any()
    assert [str(n) for n in res.notes] == ["2 line(s) wrote an apostrophe as \\' (a Python escape, not JSON): read as '"]


def test_qa_dictlines_never_evaluates_code(tmp_path):
    p = tmp_path / "qa.json"
    p.write_text("{'question': 'ok?', 'answer': 'yes', 'asin': 'B0DKR2T7Q1'}\n"
                 "{'question': __import__('os').getcwd(), 'answer': 'x', 'asin': 'B0DKR2T7Q1'}\n",
                 encoding="utf-8")
    res = load_file(p)
    assert len(res.frame) == 1 and len(res.rejected) == 1
    assert res.rejected.loc[0, "row"] == 2


def test_reddit_deleted_dropped_permalink_kept():
    s = load_file(DATA / "reddit_submissions.jsonl").frame
    assert s["doc_id"].tolist() == ["t3_1gx01", "t3_1gx03"]
    assert s.loc[0, "url"] == "https://www.reddit.com/r/BuyItForLife/comments/1gx01/dish_rack/"
    assert s.loc[0, "text"] == "Dish rack that doesn't rust?\n\nMine rusted after 3 weeks."
    c = load_file(DATA / "reddit_comments.jsonl.zst").frame
    assert c["doc_id"].tolist() == ["t1_lq1"] and c.loc[0, "parent_id"] == "t3_1gx01"


def test_listings_numbers_currency():
    bb = load_file(DATA / "helium10_blackbox.csv").frame
    assert bb.loc[0, "review_count"] == 12131
    assert bb.loc[0, "est_monthly_revenue"] == 36107.96
    assert bb.loc[0, "price"] == 29.99 and bb.loc[0, "currency"] == "USD"
    assert bb.loc[0, "title"] == "Dish Drying Rack, 2 Tier"
    assert bb["fulfillment"].tolist() == ["FBA", "FBM"]
    js = load_file(DATA / "jungle_scout_de.csv").frame
    assert js.loc[0, "price"] == 54.90 and js.loc[0, "est_monthly_revenue"] == 17568.0
    assert js.loc[0, "rating"] == 4.3
    zh = load_file(DATA / "helium10_blackbox_zh.csv").frame
    assert zh.loc[0, "currency"] == "EUR" and zh.loc[0, "price"] == 24.99
    assert zh.loc[0, "est_monthly_revenue"] == 12495.0


def test_business_report_en_de():
    en = load_file(DATA / "business_report_en.csv").frame.iloc[0]
    assert en["sessions"] == 2512 and en["ordered_product_sales"] == 12905.25
    assert en["conversion"] == pytest.approx(0.0563) and en["buy_box_share"] == pytest.approx(0.985)
    assert en["currency"] == "USD"
    de = load_file(DATA / "business_report_de.csv").frame.iloc[0]
    assert de["sessions"] == 3210 and de["ordered_product_sales"] == 1234.56
    assert de["conversion"] == pytest.approx(0.0299) and de["asin"] == "B0DKR2T7Q1"
    assert de["currency"] == "EUR"
    day = load_file(DATA / "business_report_by_date.csv").frame
    assert day["period_start"].tolist() == [pd.Timestamp("2026-10-01"), pd.Timestamp("2026-10-02")]
    assert day["conversion"].tolist() == pytest.approx([0.1057, 0.094])


def test_fba_returns_reason_codes():
    f = load_file(DATA / "fba_returns.txt").frame
    assert f["reason"].tolist() == ["TOO_SMALL", "DEFECTIVE", "DAMAGED_BY_CARRIER", "SWITCHEROO"]
    assert f.loc[1, "reason_raw"] == "DEFECTIVE(存在瑕疵)"
    assert f.loc[0, "customer_comments"] == "zu klein"
    zh = load_file(DATA / "fba_returns_zh.csv").frame
    assert zh["reason"].tolist() == ["TOO_SMALL", "NEW_UNKNOWN_CODE"]
    assert zh["reason_raw"].tolist() == ["尺寸太小", "NEW_UNKNOWN_CODE"]
    assert zh["quantity"].tolist() == [1, 2] and zh.loc[0, "customer_comments"] == "太小了"


def test_amazon_inventory_reports():
    mi = load_file(DATA / "fba_manage_inventory.txt").frame.iloc[0]
    assert (mi["on_hand"], mi["inbound"], mi["reserved"]) == (400, 300, 20)
    ih = load_file(DATA / "fba_inventory_health.csv").frame.iloc[0]
    assert ih["ds"] == pd.Timestamp("2026-10-31") and ih["on_hand"] == 88
    rs = load_file(DATA / "fba_restock.csv").frame.iloc[0]
    assert rs["sku"] == "KT-TILES-60" and rs["inbound"] == 300


def test_shipments_xlsx_values():
    f = load_file(DATA / "erp_shipments_cn.xlsx").frame.iloc[0]
    assert f["mode"] == "sea" and bool(f["carton_labels_ok"]) and not bool(f["sku_labels_ok"])
    assert f["arrived_at"] == pd.Timestamp("2026-10-09 06:00", tz="UTC")


def test_zendesk_first_reply():
    f = load_file(DATA / "zendesk_tickets.csv").frame
    assert f.loc[0, "first_reply_at"] == pd.Timestamp("2026-10-19 07:20", tz="UTC")
    assert pd.isna(f.loc[1, "first_reply_at"])
    assert f["satisfaction"].tolist() == ["good", ""]
    assert f.loc[0, "sku"] == "KO-RACK-2T"


def test_german_erp_dst_and_bad_row_skip_and_strict():
    res = load_file(DATA / "erp_bestellungen_bad_row.csv")
    assert len(res.frame) == 1 and res.rejected.loc[0, "row"] == 2
    assert res.rejected.loc[0, "column"] == "Menge"
    # 25.10.2026 02:30 Berlin is the repeated autumn hour: read as summer time (UTC+2)
    assert res.frame.loc[0, "ds"] == pd.Timestamp("2026-10-25 00:30", tz="UTC")
    assert res.frame.loc[0, "price"] == 54.90
    strict = {"sources": {"on_bad_rows": "skip", "on_bad_rows_by_kind": {"orders": "strict"}}}
    with pytest.raises(InputFileError) as e:
        load_file(DATA / "erp_bestellungen_bad_row.csv", params=strict)
    msg = str(e.value)
    assert "erp_bestellungen_bad_row.csv" in msg and "row 2" in msg and "'Menge'" in msg
    assert "zwei" in msg and "Fix:" in msg


def test_column_mapping_from_params():
    params = {"sources": {"columns": {"orders": {"order_id": "Beleg", "sku": "Artikel",
                                                  "units": "Stk", "ds": "Zeitpunkt"}}},
              "category": {"timezone": "Europe/Berlin", "currency": "EUR"}}
    res = load_file(DATA / "erp_orders_custom.csv", params=params)
    assert res.layout == "mapped_orders" and res.frame.loc[0, "units"] == 2
    assert res.frame.loc[0, "ds"] == pd.Timestamp("2026-10-01 08:00", tz="UTC")
    with pytest.raises(LayoutNotRecognisedError, match="sources.columns"):
        load_file(DATA / "erp_orders_custom.csv")


@pytest.mark.parametrize("name,needle", [
    ("empty.csv", "empty"), ("garbage.bin", "not text"),
    ("wrong_delimiter.csv", "delimiter"), ("missing_column.csv", "units"),
])
def test_malformed_files_are_refused_clearly(name, needle):
    with pytest.raises(InputFileError) as e:
        load_file(DATA / name)
    assert name in str(e.value) and needle in str(e.value) and "Fix:" in str(e.value)


def test_header_only_and_truncated():
    h = load_file(DATA / "header_only.csv")
    assert h.layout == "erp_orders" and len(h.frame) == 0
    t = load_file(DATA / "truncated.csv")
    assert len(t.frame) == 1 and t.rejected.loc[0, "row"] == 2
    j = load_file(DATA / "truncated.jsonl")
    assert len(j.frame) == 1 and j.rejected.loc[0, "row"] == 2


def test_kind_mismatch_refused():
    with pytest.raises(LayoutNotRecognisedError):
        load_file(DATA / "zendesk_tickets.csv", kind="orders")


def test_parsers():
    assert parse_number(pd.Series(["(1,50)", "-3", "12,131"])).tolist() == [-1.5, -3.0, 12131.0]
    ts = parse_ts(pd.Series(["2026-01-01 10:00:00 +0000", "", "garbage"]))
    assert ts.iloc[0] == pd.Timestamp("2026-01-01 10:00", tz="UTC") and ts.iloc[1:].isna().all()


def test_inspect_cli_json():
    out = subprocess.run([sys.executable, "-m", "seller_lab.cli", "inspect",
                          str(DATA / "erp_bestellungen_bad_row.csv"), "--json"],
                         capture_output=True, text=True, check=True)
    info = json.loads(out.stdout)
    assert info["layout"] == "erp_orders_de" and info["rows_rejected"] == 1
    assert info["rejected"][0]["column"] == "Menge" and info["date_min"].startswith("2026-10-25")


@pytest.mark.parametrize("enc,expect", [("gbk", "gb18030"), ("utf-8", "utf-8"),
                                        ("utf-16", "utf-16")])
def test_big_file_cut_mid_character_in_sniff_head(tmp_path, enc, expect):
    """The encoding sniffer reads the first 256 KB; a multi-byte character cut at that
    boundary must not flip the guess."""
    line = "302-0000001,KO-RACK-2T,双层不锈钢碗碟沥水架,2,2026-10-01 17:30:00\n"
    body = "订单号,SKU,产品名称,数量,付款时间\n" + line * 6000
    for pad in range(3):   # shift the cut through the bytes of a character
        p = tmp_path / f"big_{pad}.csv"
        p.write_bytes(("x" * pad + body).encode(enc) if pad == 0 else
                      body.replace("302-", "302-" + "9" * pad, 1).encode(enc))
        res = load_file(p)
        assert res.encoding == expect and res.layout == "erp_orders_cn" and len(res.frame) == 6000


def test_title_lines_above_the_header():
    st = load_file(DATA / "erp_stock_title_lines.csv")
    assert st.encoding == "gb18030" and st.frame["on_hand"].tolist() == [120, 0]
    xl = load_file(DATA / "erp_orders_title_row.xlsx").frame
    assert xl["order_id"].tolist() == ["028-1", "028-2"]
    assert xl.loc[0, "ds"] == pd.Timestamp("2026-10-01 08:00", tz="UTC")   # Berlin summer time


def test_qa_multi_answer_layout():
    f = load_file(DATA / "qa_multi.jsonl").frame
    assert f["text"].tolist() == ["Wie hoch ist die Sitzfläche?", "Trägt er 150 kg?"]
    assert f["answer"].tolist() == ["45 cm", ""] and (f["asin"] == "B0CC000001").all()
    assert f.loc[0, "ds"] == pd.Timestamp("2025-05-02", tz="UTC")


def test_validate_frame_reports_in_input_file_style():
    from seller_lab.sources.validate import validate_frame

    ok = load_file(DATA / "reviews_2023.jsonl").frame
    assert validate_frame("reviews", ok, "r.jsonl") is None
    bad = ok.assign(rating=[5.0, 7.0, 2.0, 4.0])
    errs = validate_frame("reviews", bad, "r.jsonl", raise_errors=False)
    assert len(errs) == 1 and errs[0].row == 2 and errs[0].column == "rating"
    assert "r.jsonl, row 2, column 'rating'" in str(errs[0]) and "7.0" in str(errs[0])
    with pytest.raises(InputFileError, match="needs column 'text'"):
        validate_frame("reviews", ok.drop(columns="text"), "r.jsonl")
    # a frame built in code with object columns: a missing text is one not-nullable error on its row,
    # a number in a text column one is_text error
    obj = ok.astype({"text": object, "title": object})
    obj.loc[1, "text"] = None
    obj.loc[2, "title"] = 5
    errs = validate_frame("reviews", obj, "r.jsonl", raise_errors=False)
    assert [(e.column, e.row) for e in errs] == [("text", 2), ("title", None)]
    assert "not_nullable" in str(errs[0]) and "is_text" in str(errs[1])


def test_old_xls_and_folder_refused(tmp_path):
    xls = tmp_path / "orders.xls"
    xls.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600)
    with pytest.raises(InputFileError, match="save it as .xlsx"):
        load_file(xls)
    with pytest.raises(InputFileError, match="folder"):
        load_file(tmp_path)


@pytest.mark.parametrize("suffix", [".jsonl", ".jsonl.gz"])
def test_rating_only_reviews_are_kept_and_reviews_without_text_or_rating_rejected(tmp_path, suffix):
    import gzip
    import json

    rows = [{"rating": 5.0, "title": "Top", "text": "Sehr stabil.", "images": [], "asin": "B0DKR2T7Q1",
             "parent_asin": "B0DKR2T7Q1", "user_id": "AG1", "timestamp": 1761998400000,
             "helpful_vote": 0, "verified_purchase": True},
            {"rating": 1.0, "title": "", "text": "", "images": [], "asin": "B0DKR2T7Q1",
             "parent_asin": "B0DKR2T7Q1", "user_id": "AG2", "timestamp": 1762084800000,
             "helpful_vote": 0, "verified_purchase": True},                 # rating only: a review
            {"rating": None, "title": "", "text": "", "images": [], "asin": "B0DKR2T7Q1",
             "parent_asin": "B0DKR2T7Q1", "user_id": "AG3", "timestamp": 1762171200000,
             "helpful_vote": 0, "verified_purchase": False}]                # nothing to use
    body = "".join(json.dumps(r) + "\n" for r in rows).encode()
    path = tmp_path / f"reviews{suffix}"
    path.write_bytes(gzip.compress(body) if suffix.endswith(".gz") else body)
    res = load_file(path)
    assert res.layout == "amazon_reviews_2023_jsonl"
    assert sorted(res.frame["rating"].tolist()) == [1.0, 5.0]
    assert res.rejected["row"].tolist() == [3] and "text" in res.rejected["problem"].iloc[0]
