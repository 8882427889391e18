"""Seller Central exports written by other people (tests/data/sources/real/, see its README):
each loads into the exact values its rows hold, and what a real file does differently from
the layouts the team wrote down (en-dash headers, '- B2B' twins, units per session above
100 %, the FBA reports' own column names) is pinned here.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from seller_lab.errors import InputFileError
from seller_lab.sources import load_file
from seller_lab.sources.detect import detect
from seller_lab.sources.readers import reads_as_japanese

REAL = Path(__file__).resolve().parents[1] / "data" / "sources" / "real"
TRENDS_EXPORTS = Path(__file__).resolve().parents[1] / "data" / "trends_exports"
CATALOG_ZH = Path(__file__).resolve().parents[2] / "seller_lab" / "locale" / "zh" / "LC_MESSAGES" / "seller_lab.po"


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


def test_more_units_than_sessions_is_a_conversion_above_one_not_a_bad_row():
    res = load_file(REAL / "business_report_child_uk.csv")
    assert len(res.rejected) == 0
    vinegar = res.frame.iloc[3]   # 20 sessions, 23 units: 'Unit Session Percentage' 115.00%
    assert (vinegar["asin"], vinegar["sessions"], vinegar["units_ordered"]) == ("B08TQPBQLV", 20.0, 23.0)
    assert vinegar["ordered_product_sales"] == pytest.approx(217.81)
    assert vinegar["conversion"] == pytest.approx(1.15)   # units / sessions, as the report defines it


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


# ------------------------------------------------------------------ localised Seller Central
# Header rows typed from the column names other people's code reads from these exports
# (README, "typed from documented headers"); the rows are typed here.

# Amazon.co.jp Business Report by child item, as Japanese seller tools read it
JA_CHILD_HEADER = ("（親）ASIN,（子）ASIN,タイトル,SKU,セッション数 - 合計,セッション数 - 合計 - B2B,"
                   "ページビュー - 合計,ページビュー - 合計 - B2B,おすすめ出品（おすすめ商品）の獲得率,"
                   "注文された商品点数,注文点数 - B2B,ユニットセッション率,ユニットセッション率 - B2B,"
                   "注文商品の売上額,注文商品の売上額 - B2B,注文品目総数")
JA_CHILD_ROWS = [
    'B0JPPARENT,B0JPRACK01,水切りラック 2段 ステンレス,KO-RACK-2T,"1,234",12,"1,580",14,98.50%,96,3,7.78%,25.00%,'
    '"￥345,600","￥10,800",94',
    "B0JPPARENT,B0JPRACK02,水切りかご スリム,KO-RACK-S,402,0,515,0,100.00%,21,0,5.22%,0.00%,\"￥52,290\",￥0,21",
]


def write_cp932(path: Path, lines: list[str]) -> Path:
    path.write_bytes(("\r\n".join(lines) + "\r\n").encode("cp932"))
    return path


def test_japanese_business_report_in_cp932_is_read_as_shift_jis_and_loads(tmp_path):
    p = write_cp932(tmp_path / "BusinessReport.csv", [JA_CHILD_HEADER, *JA_CHILD_ROWS])

    res = load_file(p)

    assert res.encoding == "cp932"
    assert res.layout == "business_report_child"
    assert res.source_columns["sessions"] == "セッション数 - 合計"
    assert res.source_columns["units_ordered"] == "注文された商品点数"
    assert res.source_columns["ordered_product_sales"] == "注文商品の売上額"
    f = res.frame
    assert f["asin"].tolist() == ["B0JPRACK01", "B0JPRACK02"]
    assert f["parent_asin"].tolist() == ["B0JPPARENT", "B0JPPARENT"]
    assert f["sessions"].tolist() == [1234.0, 402.0]
    assert f["page_views"].tolist() == [1580.0, 515.0]
    assert f["units_ordered"].tolist() == [96.0, 21.0]
    assert f["ordered_product_sales"].tolist() == [345600.0, 52290.0]
    assert set(f["currency"]) == {"JPY"}
    assert f["conversion"].tolist() == pytest.approx([0.0778, 0.0522])
    assert f["buy_box_share"].tolist() == pytest.approx([0.985, 1.0])


def test_unknown_cp932_headers_are_shown_in_japanese_and_the_error_names_the_encoding(tmp_path):
    p = write_cp932(tmp_path / "zaiko.csv", ["出品者SKU,商品名,在庫数", "KO-RACK-2T,水切りラック,12"])

    with pytest.raises(InputFileError) as err:
        load_file(p)

    msg = str(err.value)
    assert "'出品者SKU', '商品名', '在庫数'" in msg
    assert "Shift-JIS (CP932)" in msg
    assert "CSV UTF-8" in msg


def test_unknown_gbk_headers_name_gbk_as_the_encoding(tmp_path):
    p = tmp_path / "x.csv"
    p.write_bytes("货号,名称,库存数量\nKO-1,沥水架,12\n".encode("gbk"))

    with pytest.raises(InputFileError) as err:
        load_file(p)

    assert "'货号', '名称', '库存数量'" in str(err.value)
    assert "GB18030 (GBK)" in str(err.value)


# The German "Verkäufe und Traffic nach Datum" report: 'Datum' as dd.mm.yy, counts with a
# thousands comma ('1,234'), money as '1.999,55 €', shares as '16,40%'
DE_BY_DATE = (
    'Datum,Durch bestellte Produkte erzielter Umsatz,Bestellsumme – B2B,Bestellte Einheiten,'
    'Bestellte Einheiten – B2B,Zahl der Bestellposten,Seitenaufrufe – Summe,Sitzungen – Summe,'
    'Sitzungen – Summe – B2B,Prozentsatz an Einheiten pro Sitzung,Durchschnittliche Angebotszahl\n'
    '01.10.25,"1.999,55 €","45,90 €",41,1,40,"1,512","1,234",9,"3,32%",2\n'
    '02.10.25,"368,14 €","0,00 €",8,0,8,610,455,0,"1,76%",2\n'
)


def test_german_report_by_date_reads_two_digit_years_and_each_columns_own_separators(tmp_path):
    p = tmp_path / "BusinessReport.csv"
    p.write_text(DE_BY_DATE, encoding="utf-8")

    res = load_file(p)

    assert res.layout == "business_report_by_date"
    assert res.source_columns["ordered_product_sales"] == "Durch bestellte Produkte erzielter Umsatz"
    assert res.source_columns["conversion"] == "Prozentsatz an Einheiten pro Sitzung"
    f = res.frame
    assert f["period_start"].dt.strftime("%Y-%m-%d").tolist() == ["2025-10-01", "2025-10-02"]
    assert f["sessions"].tolist() == [1234.0, 455.0]          # '1,234' is not 1.234
    assert f["page_views"].tolist() == [1512.0, 610.0]
    assert f["units_ordered"].tolist() == [41.0, 8.0]
    assert f["ordered_product_sales"].tolist() == pytest.approx([1999.55, 368.14])
    assert set(f["currency"]) == {"EUR"}
    assert f["conversion"].tolist() == pytest.approx([0.0332, 0.0176])


# The by-date report in the Chinese Seller Central UI (amazon.com, so 'US$' and M/D/YY)
ZH_BY_DATE = (
    "日期,已订购商品销售额,已订购商品的销售额 – B2B,已订购商品数量,订购数量 – B2B,订单商品种类数,"
    "页面浏览次数,买家访问次数,购买按钮赢得率,订单商品数量转化率,商品转化率 – B2B,平均在售商品数量\n"
    '10/1/26,"US$1,204.50",US$0.00,41,0,40,512,388,97.10%,10.57%,0.00%,2\n'
    '10/2/26,US$980.00,US$35.00,33,1,33,470,351,96.00%,9.40%,50.00%,2\n'
)


def test_chinese_ui_report_by_date_maps_totals_and_reads_us_dollars(tmp_path):
    p = tmp_path / "业务报告.csv"
    p.write_text(ZH_BY_DATE, encoding="utf-8-sig")

    res = load_file(p)

    assert res.layout == "business_report_by_date"
    assert res.source_columns["units_ordered"] == "已订购商品数量"
    assert res.source_columns["conversion"] == "订单商品数量转化率"
    f = res.frame
    assert f["period_start"].dt.strftime("%Y-%m-%d").tolist() == ["2026-10-01", "2026-10-02"]
    assert f["sessions"].tolist() == [388.0, 351.0]
    assert f["units_ordered"].tolist() == [41.0, 33.0]
    assert f["ordered_product_sales"].tolist() == pytest.approx([1204.50, 980.00])
    assert set(f["currency"]) == {"USD"}
    assert f["buy_box_share"].tolist() == pytest.approx([0.971, 0.96])


# ------------------------------------------------------------------ Helium 10 X-Ray
# Two X-Ray header rows as other people's tests write them (README: typed from documented
# headers): amazon.in with 'Price  ₹' and lakh grouping, and the newer export whose sales
# columns are 'ASIN Sales' / 'ASIN Revenue' and whose 'Ratings' is the star rating.
XRAY_IN = (
    "Display Order,Product Details,ASIN,URL,Image URL,Brand,Price  ₹,Sales,Variation Sales Strength (1 - 10),"
    "Recent Purchases,Revenue,Title Char. Count,BSR,Seller Country/Region,Fees  ₹,Active Sellers,Ratings,"
    "Review Count,Images,Review velocity,Buy Box,Category,Size Tier,Fulfillment,Dimensions,Weight,"
    "ABA Most Clicked,Creation Date,Sponsored,Best Seller,Seller Age (mo),Seller\n"
    '1,"Dish Rack 2 Tier",B0CYH8XSVK,https://www.amazon.in/dp/B0CYH8XSVK,https://example.com/i.jpg,SOULWIT,658,'
    '174,0,100,"1,13,529.99",152,"5,076",N/A,189.56,1,4.1,"1,240",7,0,SoloWIT Online,Home Improvement,'
    'Standard Size,FBA,22.10 x 2.80 x 15.80 cm,0.15,N/A,"Mar 19, 2024",Sponsored Brand,No,20,SoloWIT Online\n'
)
XRAY_ASIN_REVENUE = (
    "Product Details,ASIN,URL,Image URL,Brand,Price  $,ASIN Revenue,ASIN Sales,BSR,Ratings,Review Count,"
    "Category,Seller Country/Region,Size Tier,Fulfillment,Dimensions,Weight\n"
    "Dish Drying Rack,B0TARGET01,https://www.amazon.com/dp/B0TARGET01,https://example.com/t.jpg,Kitchy,29.99,"
    "100007.29,4200,5,4.6,121,Kitchen,USA,Large Standard-Size,FBA,4 x 2 x 2 in,1 lb\n"
)


def test_helium10_xray_india_reads_rupees_and_lakh_grouping(tmp_path):
    p = tmp_path / "xray.csv"
    p.write_text(XRAY_IN, encoding="utf-8")

    res = load_file(p)

    assert res.layout == "helium10_xray"
    row = res.frame.iloc[0]
    assert (row["asin"], row["price"], row["currency"]) == ("B0CYH8XSVK", 658.0, "INR")
    assert row["est_monthly_revenue"] == pytest.approx(113529.99)     # '1,13,529.99'
    assert (row["est_monthly_sales"], row["bsr"], row["review_count"]) == (174.0, 5076.0, 1240)
    assert (row["rating"], row["seller_count"], row["fulfillment"]) == (4.1, 1.0, "FBA")


def test_helium10_asin_revenue_export_keeps_ratings_as_the_star_rating(tmp_path):
    p = tmp_path / "xray.csv"
    p.write_text(XRAY_ASIN_REVENUE, encoding="utf-8")

    res = load_file(p)

    assert res.source_columns["rating"] == "Ratings"
    assert res.source_columns["review_count"] == "Review Count"
    row = res.frame.iloc[0]
    assert (row["rating"], row["review_count"]) == (4.6, 121)
    assert (row["est_monthly_sales"], row["est_monthly_revenue"]) == (4200.0, 100007.29)
    assert (row["price"], row["currency"]) == (29.99, "USD")


# ------------------------------------------------------------------ FBA Restock (typed rows)
# The Restock Inventory report's header as sellers' parsers require it (README); rows ours.
RESTOCK_GB = (
    "Country,Product Name,FNSKU,Merchant SKU,ASIN,Condition,Supplier,Supplier part no.,Currency code,Price,"
    "Sales last 30 days,Units Sold Last 30 Days,Total Units,Inbound,Available,FC transfer,FC Processing,"
    "Customer Order,Unfulfillable,Working,Shipped,Receiving,Fulfilled by,"
    "Total Days of Supply (including units from open shipments),Days of Supply at Amazon Fulfillment Network,"
    "Alert,Recommended replenishment qty,Recommended ship date,Unit storage size\n"
    "United Kingdom,Dish Rack 2 Tier,X00123,KO-RACK-2T,B0DKR2T7Q1,New,,,GBP,29.99,\"1,199.60\",40,"
    "75,30,40,2,1,1,1,10,15,5,Amazon,42,30,reorder_now,60,04/07/2026,Standard\n"
    "United Kingdom,Drawer Insert S,X00124,KO-DRAWER-S,B0DKDRS5F4,New,,,GBP,12.99,0,0,"
    "20,0,20,0,0,0,0,0,0,0,Amazon,200,200,,0,,Small\n"
)


def test_restock_report_reserved_is_customer_orders_transfers_processing_and_unfulfillable(tmp_path):
    p = tmp_path / "restock.csv"
    p.write_text(RESTOCK_GB, encoding="utf-8")

    res = load_file(p)

    assert res.layout == "fba_restock"
    f = res.frame
    assert f["sku"].tolist() == ["KO-RACK-2T", "KO-DRAWER-S"]
    assert f["on_hand"].tolist() == [40, 20]
    assert f["inbound"].tolist() == [30, 0]
    assert f["reserved"].tolist() == [5, 0]      # 2 FC transfer + 1 processing + 1 order + 1 unfulfillable
    assert set(f["warehouse"]) == {"FBA"}


def _cjk_lines(text: str) -> list[str]:
    return [ln for ln in text.splitlines() if re.search("[\u4e00-\u9fff]{2}", ln)]


def test_chinese_text_in_gbk_or_big5_is_never_taken_for_japanese():
    # real Chinese-UI Trends exports (strangers'), and every Chinese line of the report catalog
    strangers = [ln for f in ("zh-CN_month_wildlife_trade.csv", "zh-TW_week_cold.csv",
                              "zh-CN_fr_week_crlf_toilet_paper.csv")
                 for ln in _cjk_lines((TRENDS_EXPORTS / f).read_bytes().decode("utf-8-sig"))]
    catalog = re.findall(r'^msgstr "(.+)"$', CATALOG_ZH.read_text(encoding="utf-8"), re.M)
    lines = strangers + _cjk_lines("\n".join(catalog))
    assert len(strangers) >= 5 and len(lines) > 1000
    for line in lines:
        for enc in ("gbk", "big5"):
            try:
                raw = line.encode(enc)
            except UnicodeEncodeError:
                continue
            assert reads_as_japanese(raw) is None, (enc, line)


def test_a_real_japanese_trends_export_saved_as_shift_jis_reads_as_japanese():
    text = (TRENDS_EXPORTS / "ja_month_cupcake.csv").read_bytes().decode("utf-8-sig")
    assert reads_as_japanese(text.encode("cp932")) == text
