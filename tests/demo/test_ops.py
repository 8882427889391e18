"""Demo operations exports: real layouts, determinism, and the planted truths at the raw level.

Each test reads the *files* (not the generator's frames), the way an importer would.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import zoneinfo
from pathlib import Path

import holidays
import numpy as np
import pandas as pd
import pytest

from seller_lab.demo.ops import (
    FBA_RETURNS_COLUMNS,
    LAYOUT_OF,
    OPS_LAYOUTS,
    write_ops,
    write_sop_log,
)
from seller_lab.params import load_params

SLUGS = ["kitchen-organizer-de", "camping-chair-de", "kids-toy-us"]


@pytest.fixture(scope="module")
def demo(tmp_path_factory) -> dict:
    root = tmp_path_factory.mktemp("ops_demo")
    rng = np.random.default_rng(7)
    out = {}
    for slug in SLUGS:
        res = write_ops(load_params(slug), root / slug, rng, 1.0)
        out[slug] = {"dir": root / slug, "files": [Path(f) for f in res["files"]],
                     "truths": res["truths"]}
    out["root"] = root
    return out


def _digest(paths) -> dict:
    return {Path(p).name: hashlib.sha256(Path(p).read_bytes()).hexdigest() for p in paths}


# --- determinism and layouts -------------------------------------------------------------
def test_same_seed_gives_same_bytes_for_every_file_including_xlsx(tmp_path):
    params = load_params("kitchen-organizer-de")
    a = write_ops(params, tmp_path / "a" / "k", np.random.default_rng(42), 0.3)["files"]
    b = write_ops(params, tmp_path / "b" / "k", np.random.default_rng(42), 0.3)["files"]
    c = write_ops(params, tmp_path / "c" / "k", np.random.default_rng(43), 0.3)["files"]
    assert _digest(a) == _digest(b)
    assert _digest(a) != _digest(c)
    assert "first_leg_shipments.xlsx" in _digest(a)


def test_chinese_erp_files_are_gbk_with_chinese_headers(demo):
    folder = demo["kitchen-organizer-de"]["dir"]
    raw = (folder / "erp_orders_dianxiaomi.csv").read_bytes()
    with pytest.raises(UnicodeDecodeError):
        raw.decode("utf-8")
    text = raw.decode("gb18030")
    header = text.splitlines()[0].split(",")
    assert {"订单号", "SKU", "数量", "付款时间", "发货时间", "仓库", "国家"} <= set(header)
    assert "缺货" in text and "拣货错误" in text
    stock = (folder / "erp_stock_dianxiaomi.csv").read_bytes().decode("gb18030")
    assert stock.startswith("日期,SKU")


def test_semicolon_decimal_comma_and_bom_layouts(demo):
    de = (demo["camping-chair-de"]["dir"] / "erp_bestellungen.csv").read_text(encoding="utf-8")
    first = de.splitlines()[1].split(";")
    assert "," in first[4] and "." not in first[4]          # Einzelpreis 39,90
    us = (demo["kids-toy-us"]["dir"] / "erp_orders_export.csv").read_bytes()
    assert us.startswith(b"\xef\xbb\xbfOrder ID,")


def test_fba_returns_report_has_exactly_the_13_columns_on_every_row(demo):
    for slug in SLUGS:
        text = (demo[slug]["dir"] / "fba_customer_returns.txt").read_text(encoding="utf-8")
        rows = list(csv.reader(io.StringIO(text), delimiter="\t", quoting=csv.QUOTE_NONE))
        assert rows[0] == FBA_RETURNS_COLUMNS
        assert len(rows) > 50
        assert {len(r) for r in rows} == {13}
    kitchen = (demo["kitchen-organizer-de"]["dir"] / "fba_customer_returns.txt").read_text("utf-8")
    assert "DEFECTIVE(存在瑕疵)" in kitchen and "\tCR-" in kitchen


def test_returns_refer_to_shipped_orders_of_the_erp_export(demo):
    folder = demo["kids-toy-us"]["dir"]
    orders = pd.read_csv(folder / "erp_orders_export.csv", encoding="utf-8-sig", dtype=str)
    ret = pd.read_csv(folder / "fba_customer_returns.txt", sep="\t", dtype=str,
                      keep_default_na=False, quoting=csv.QUOTE_NONE)
    shipped = orders[orders["Order Status"] == "Shipped"]
    assert ret["order-id"].isin(shipped["Order ID"]).all()


# --- raw readers used by the truth tests ----------------------------------------------------
def _kitchen_orders(folder: Path) -> pd.DataFrame:
    o = pd.read_csv(folder / "erp_orders_dianxiaomi.csv", encoding="gb18030", dtype=str)
    bj = "Asia/Shanghai"
    o["paid"] = pd.to_datetime(o["付款时间"]).dt.tz_localize(bj).dt.tz_convert("UTC")
    o["shipped"] = pd.to_datetime(o["发货时间"]).dt.tz_localize(bj).dt.tz_convert("UTC")
    o["units"] = o["数量"].astype(int)
    return o


def _turnover(sold: pd.Series, stock: pd.DataFrame, sku_col, wh_col, qty_col) -> pd.Series:
    avg = stock.groupby([sku_col, "day"])[qty_col].sum().groupby(sku_col).mean()
    return sold / avg


# --- planted truths ---------------------------------------------------------------------------
def test_ko_rack_2t_turns_over_more_than_twice_in_2026_10_from_raw_files(demo):
    folder = demo["kitchen-organizer-de"]["dir"]
    o = _kitchen_orders(folder)
    month = o["paid"].dt.tz_convert(None).dt.strftime("%Y-%m") == "2026-10"
    sold = o[month & (o["订单状态"] != "已取消")].groupby("SKU")["units"].sum()
    s = pd.read_csv(folder / "erp_stock_dianxiaomi.csv", encoding="gb18030")
    s = s[s["日期"].str.startswith("2026-10")].rename(columns={"日期": "day"})
    tv = _turnover(sold, s, "SKU", "仓库", "可用库存")
    assert tv["KO-RACK-2T"] > 2.0
    assert 1.0 <= tv["KO-RACK-1T"] <= 2.0 and 1.0 <= tv["KO-DRAWER-S"] <= 2.0


def test_cc_chair_xl_turns_over_less_than_once_in_2026_10_from_raw_files(demo):
    folder = demo["camping-chair-de"]["dir"]
    o = pd.read_csv(folder / "erp_bestellungen.csv", sep=";", decimal=",", encoding="utf-8")
    o = o[o["Bestelldatum"].str[3:10].eq("10.2026") & (o["Status"] != "Storniert")]
    sold = o.groupby("Artikelnummer")["Menge"].sum()
    s = pd.read_csv(folder / "erp_lagerbestand.csv", sep=";", encoding="utf-8")
    s = s[s["Datum"].str[3:].eq("10.2026")].rename(columns={"Datum": "day"})
    tv = _turnover(sold, s, "Artikelnummer", "Lager", "Verfügbar")
    assert tv["CC-CHAIR-XL"] < 1.0
    assert tv["CC-CHAIR-XL"] < 0.5 * tv["CC-CHAIR-STD"]


def test_camping_orders_peak_in_may_to_august_over_two_years(demo):
    o = pd.read_csv(demo["camping-chair-de"]["dir"] / "erp_bestellungen.csv", sep=";",
                    decimal=",")
    day = pd.to_datetime(o["Bestelldatum"], format="%d.%m.%Y %H:%M:%S")
    assert day.min() < pd.Timestamp("2024-11-02") and day.max() > pd.Timestamp("2026-10-30")
    by_month = o.groupby(day.dt.month)["Menge"].sum()
    assert by_month.loc[[5, 6, 7, 8]].mean() > 3 * by_month.loc[[11, 12, 1, 2]].mean()


def test_stock_is_consistent_with_shipped_orders_and_arrivals(demo):
    folder = demo["kids-toy-us"]["dir"]
    o = pd.read_csv(folder / "erp_orders_export.csv", encoding="utf-8-sig")
    s = pd.read_csv(folder / "erp_inventory_snapshot.csv", encoding="utf-8-sig")
    sh = pd.read_csv(folder / "first_leg_shipments.csv", encoding="utf-8-sig")
    assert (s["Available"] >= 0).all()
    key = ("KT-TILES-100", "US-WEST")
    o = o[(o["SKU"] == key[0]) & (o["Warehouse"] == key[1]) & o["Ship Date (UTC)"].notna()]
    out = o.groupby(o["Ship Date (UTC)"].str[:10])["Quantity"].sum()
    sh = sh[(sh["SKU"] == key[0]) & (sh["Destination Warehouse"] == key[1])
            & sh["Arrived"].notna()]
    arr = sh.groupby(sh["Arrived"].str[:10])["Units"].sum()
    st = s[(s["SKU"] == key[0]) & (s["Warehouse"] == key[1])].set_index("Snapshot Date")
    days = st.index[1:]
    change = st["Available"].diff().iloc[1:]
    expected = arr.reindex(days, fill_value=0) - out.reindex(days, fill_value=0)
    assert (change.to_numpy() == expected.to_numpy()).all()


def test_kt_tiles_60_low_at_us_east_and_excess_at_us_west(demo):
    folder = demo["kids-toy-us"]["dir"]
    s = pd.read_csv(folder / "erp_inventory_snapshot.csv", encoding="utf-8-sig")
    o = pd.read_csv(folder / "erp_orders_export.csv", encoding="utf-8-sig")
    o = o[o["Purchase Date (UTC)"].str.startswith("2026-10") & (o["SKU"] == "KT-TILES-60")]
    daily = o.groupby("Warehouse")["Quantity"].sum() / 31
    last = s[(s["Snapshot Date"] == "2026-10-31") & (s["SKU"] == "KT-TILES-60")]
    last = last.set_index("Warehouse")
    cover = (last["Available"] + last["Inbound"]) / daily
    assert cover["US-EAST"] < 20          # below the 20-day first-leg lead time
    assert cover["US-WEST"] > 60          # excess (stock.transfer_excess_days)


def test_24h_breaches_in_2026_10_are_mostly_at_the_secondary_warehouse(demo):
    o = _kitchen_orders(demo["kitchen-organizer-de"]["dir"])
    oct_ = o[o["paid"].dt.tz_convert(None).dt.strftime("%Y-%m") == "2026-10"]
    late = oct_[(oct_["shipped"] - oct_["paid"]) > pd.Timedelta(hours=24)]
    assert len(late) >= 10
    by_wh = late["仓库"].value_counts()
    assert by_wh["FR-PAR"] > by_wh["DE-FRA"]
    assert (late.loc[late["仓库"] == "FR-PAR", "延迟原因"] == "缺货").sum() >= 8
    assert set(late["延迟原因"].fillna("")) == {"缺货", "拣货错误", ""}


def test_kitchen_inbound_one_booked_3_days_before_and_one_not_booked(demo):
    sh = pd.read_excel(demo["kitchen-organizer-de"]["dir"] / "first_leg_shipments.xlsx")
    arrived = pd.to_datetime(sh["实际到达"])
    oct_ = sh[arrived.dt.strftime("%Y-%m") == "2026-10"]
    lead = (pd.to_datetime(oct_["实际到达"]).dt.normalize()
            - pd.to_datetime(oct_["预约入库时间"]).dt.normalize()).dt.days
    assert (lead == 3).sum() == 1
    assert oct_["预约入库时间"].isna().sum() == 1
    three = oct_.loc[lead == 3, "货件编号"].item()
    assert three == demo["kitchen-organizer-de"]["truths"]["shipments_planted"][
        "booked_3_days_before"]
    # every other shipment that has arrived was booked at least 7 days before
    done = sh[arrived.notna() & sh["预约入库时间"].notna()]
    lead_all = (pd.to_datetime(done["实际到达"]) - pd.to_datetime(done["预约入库时间"])).dt.days
    assert (lead_all < 7).sum() == 1


def test_too_small_leads_only_the_week_of_2026_10_12_for_kitchen(demo):
    r = pd.read_csv(demo["kitchen-organizer-de"]["dir"] / "fba_customer_returns.txt", sep="\t",
                    dtype=str, keep_default_na=False, quoting=csv.QUOTE_NONE)
    code = r["reason"].str.replace(r"^CR-", "", regex=True).str.replace(r"\(.*\)$", "", regex=True)
    ds = pd.to_datetime(r["return-date"]).dt.tz_convert(None)
    week = (ds.dt.normalize() - pd.to_timedelta(ds.dt.day_of_week, unit="D")).dt.strftime("%Y-%m-%d")
    counts = pd.crosstab(week, code)
    planted = counts.loc["2026-10-12"]
    assert planted.idxmax() == "TOO_SMALL" and planted["TOO_SMALL"] > planted.drop("TOO_SMALL").max()
    others = counts.drop(index="2026-10-12")
    assert (others["TOO_SMALL"] < others.drop(columns="TOO_SMALL").max(axis=1)).all()
    wk = r[(week == "2026-10-12") & (code == "TOO_SMALL")]
    assert set(wk["sku"]) == {"KO-DRAWER-S"}
    assert wk["customer-comments"].str.contains("klein", case=False).mean() > 0.6


def _business_minutes(created: dt.datetime, reply: dt.datetime, tz: str, market: str) -> int:
    """Slow, obvious reference: walk minute by minute in local time."""
    zone = zoneinfo.ZoneInfo(tz)
    hol = holidays.country_holidays(market, years=[2026])
    t, total = created, 0
    while t < reply:
        loc = t.astimezone(zone)
        if loc.weekday() < 5 and loc.date() not in hol and 9 <= loc.hour < 18:
            total += 1
        t += dt.timedelta(minutes=1)
    return total


@pytest.mark.parametrize("slug,tz,market", [("kitchen-organizer-de", "Europe/Berlin", "DE"),
                                            ("kids-toy-us", "America/New_York", "US")])
def test_ticket_edge_cases_in_the_zendesk_export(demo, slug, tz, market):
    t = pd.read_csv(demo[slug]["dir"] / "zendesk_tickets_export.csv", dtype={"Id": int})
    t = t.set_index("Id")
    edges = demo[slug]["truths"]["tickets"]
    assert {"friday_1750", "saturday", "dst_change", "breach_business_hours"} <= set(edges)
    for key, e in edges.items():
        row = t.loc[e["ticket_id"]]
        created = pd.Timestamp(row["Created at"]).to_pydatetime()
        reply = created + dt.timedelta(minutes=int(row["First reply time in minutes"]))
        assert _business_minutes(created, reply, tz, market) == e["business_minutes"], key
        assert (e["business_minutes"] > 60) == e["breach"], key
    fri = t.loc[edges["friday_1750"]["ticket_id"]]
    local = pd.Timestamp(fri["Created at"]).tz_convert(tz)
    assert (local.day_name(), local.strftime("%H:%M")) == ("Friday", "17:50")
    assert int(fri["First reply time in minutes"]) == 3 * 24 * 60 - 8 * 60 - 30   # Mon 09:20


def test_ticket_ids_rise_with_creation_time(demo):
    t = pd.read_csv(demo["camping-chair-de"]["dir"] / "zendesk_tickets_export.csv")
    created = pd.to_datetime(t["Created at"], format="%Y-%m-%d %H:%M:%S %z")
    assert t["Id"].is_unique and t["Id"].is_monotonic_increasing
    assert created.is_monotonic_increasing


def test_sop_log_has_no_after_sales_analysis_for_monday_2026_10_19(demo, tmp_path):
    log = pd.read_csv(demo["root"] / "sop_log.csv")
    aft = log[log["task"] == "aftersales_analysis"]
    assert "2026-10-19" not in set(aft["due_date"])
    assert {"2026-10-05", "2026-10-12", "2026-10-26"} <= set(aft["due_date"])
    assert {"research", "stock_review", "monthly_review"} <= set(log["task"])
    again = pd.read_csv(write_sop_log(tmp_path, np.random.default_rng(7)))
    assert len(again) == len(log)


def test_scale_multiplies_order_rows(tmp_path):
    params = load_params("camping-chair-de")
    small = write_ops(params, tmp_path / "s" / "c", np.random.default_rng(1), 0.5)
    big = write_ops(params, tmp_path / "b" / "c", np.random.default_rng(1), 2.0)

    def rows(res):
        path = next(Path(f) for f in res["files"] if Path(f).name == "erp_bestellungen.csv")
        return sum(1 for _ in path.open(encoding="utf-8")) - 1
    assert 3.3 < rows(big) / rows(small) < 4.7
    assert big["truths"]["turnover_2026_10"]["CC-CHAIR-XL"] < 1.0


def _read_orders_by_layout(folder: Path, layout: str) -> pd.DataFrame:
    spec = OPS_LAYOUTS[layout]["orders"]
    raw = pd.read_csv(folder / spec["file"], sep=spec["sep"], decimal=spec["decimal"],
                      encoding=spec["encoding"], dtype={spec["columns"]["order_id"]: str})
    frame = raw[list(spec["columns"].values())].rename(
        columns={v: k for k, v in spec["columns"].items()})
    for col in ("ds", "shipped_at"):
        frame[col] = (pd.to_datetime(frame[col], format=spec["timestamp_format"])
                      .dt.tz_localize(spec["timezone"]).dt.tz_convert("UTC"))
    for col, mapping in spec.get("values", {}).items():
        frame[col] = frame[col].map(mapping).fillna(frame[col])
    frame["delay_reason"] = frame["delay_reason"].fillna("")
    return frame


@pytest.mark.parametrize("slug", SLUGS)
def test_layout_table_reads_every_orders_file_into_canonical_values(demo, slug):
    frame = _read_orders_by_layout(demo[slug]["dir"], LAYOUT_OF[slug])
    assert set(frame["status"]) == {"shipped", "pending", "cancelled"}
    oct_ = frame[frame["ds"].dt.strftime("%Y-%m") == "2026-10"]
    late = oct_[(oct_["shipped_at"] - oct_["ds"]) > pd.Timedelta(hours=24)]
    counts = late["delay_reason"].value_counts()
    assert counts[""] == 1
    assert counts["picking error"] == (3 if slug == "camping-chair-de" else 4)
    sec = late[late["warehouse"].isin(["FR-PAR", "US-EAST"])]
    assert len(sec) > len(late) / 2
    assert (sec["delay_reason"] == "no stock").sum() >= 2
    for kind in ("inventory", "shipments"):
        spec = OPS_LAYOUTS[LAYOUT_OF[slug]][kind]
        path = demo[slug]["dir"] / spec["file"]
        head = (pd.read_excel(path, nrows=1) if path.suffix == ".xlsx" else
                pd.read_csv(path, sep=spec["sep"], encoding=spec["encoding"], nrows=1))
        assert set(spec["columns"].values()) <= set(head.columns), kind


def test_no_stock_delays_coincide_with_an_empty_secondary_warehouse(demo):
    folder = demo["kitchen-organizer-de"]["dir"]
    o = _kitchen_orders(folder)
    waiting = o[(o["延迟原因"] == "缺货") & (o["仓库"] == "FR-PAR")
                & (o["paid"].dt.strftime("%Y-%m") == "2026-10")]
    assert set(waiting["SKU"]) == {"KO-RACK-2T"}
    s = pd.read_csv(folder / "erp_stock_dianxiaomi.csv", encoding="gb18030")
    s = s[(s["SKU"] == "KO-RACK-2T") & (s["仓库"] == "FR-PAR")].set_index("日期")["可用库存"]
    assert (s.loc["2026-10-06":"2026-10-08"] == 0).all()
    assert s.loc["2026-10-05"] > 0 and s.loc["2026-10-09"] > 0
    shipped_bj = waiting["发货时间"].str[:10]
    assert set(shipped_bj) <= {"2026-10-10"}          # the evening of the arrival (Beijing time)
