"""``seller-lab forecast`` as a new user runs it: weekly and monthly files, and the errors
that name the real problem (issue 10): no data rows, a missing quantity column, negative
quantities, a horizon of 0."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from seller_lab.cli import main as cli_main
from seller_lab.stock.cli import read_plain_sales


def write(tmp_path, text, name="sales.csv"):
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    return p


def weekly_csv(tmp_path, weekday="W-SUN", weeks=60, sep=","):
    rng = np.random.default_rng(4)
    dates = pd.date_range("2024-01-07" if weekday == "W-SUN" else "2024-01-01", periods=weeks,
                          freq=weekday)
    rows = [(sku, d.date().isoformat(), int(u)) for sku in ("KO-RACK-2T", "KO-DRAWER-S")
            for d, u in zip(dates, rng.poisson(12, weeks)) if u]
    p = tmp_path / "weekly.csv"
    pd.DataFrame(rows, columns=["SKU", "Week", "Units"]).to_csv(p, index=False, sep=sep)
    return p, dates


def test_weekly_file_forecasts_weeks_not_days(tmp_path, capsys):
    src, dates = weekly_csv(tmp_path)
    out = tmp_path / "fc.csv"
    assert cli_main(["forecast", str(src), "--horizon", "8", "--out", str(out)]) == 0
    text = capsys.readouterr().out
    assert "weekly (dated on Sundays)" in text and "7 days per period" in text
    fc = pd.read_csv(out, parse_dates=["ds"])
    assert len(fc) == 2 * 8
    want = pd.date_range(dates[-1], periods=9, freq="W-SUN")[1:]
    assert fc.loc[fc["unique_id"] == "KO-RACK-2T", "ds"].tolist() == want.tolist()


def test_horizon_in_days_on_a_monday_weekly_file(tmp_path):
    src, dates = weekly_csv(tmp_path, "W-MON", sep=";")
    out = tmp_path / "fc.csv"
    assert cli_main(["forecast", str(src), "--horizon", "56d", "--out", str(out)]) == 0
    fc = pd.read_csv(out, parse_dates=["ds"])
    assert len(fc) == 16 and (fc["ds"].dt.day_of_week == 0).all()


def test_month_end_file_and_all_models_columns(tmp_path):
    months = pd.date_range("2022-01-31", periods=40, freq="ME")
    rows = "\n".join(f"A-1,{d:%Y-%m-%d},{10 + (d.month == 12) * 20}" for d in months)
    src = write(tmp_path, "sku,month,qty\n" + rows + "\n")
    out = tmp_path / "fc.csv"
    assert cli_main(["forecast", str(src), "--out", str(out), "--all-models"]) == 0
    fc = pd.read_csv(out, parse_dates=["ds"])
    assert fc["ds"].dt.is_month_end.all() and len(fc) == 6     # params: 6 months ahead
    assert {"TSB", "SES-lo-80", "SeasonalNaive-hi-80"} <= set(fc.columns)


def test_horizon_0_is_an_error(tmp_path, capsys):
    src, _ = weekly_csv(tmp_path)
    with pytest.raises(SystemExit) as ex:
        cli_main(["forecast", str(src), "--horizon", "0"])
    assert ex.value.code == 2
    assert "at least 1" in capsys.readouterr().err


def test_header_without_rows_says_there_are_no_data_rows(tmp_path, capsys):
    src = write(tmp_path, "sku,date,units\n")
    assert cli_main(["forecast", str(src)]) == 2
    err = capsys.readouterr().err
    assert "no data rows" in err and "sales.csv" in err and "ds" not in err.split("Fix")[0].split(",")


def test_empty_file_says_it_is_empty(tmp_path, capsys):
    src = write(tmp_path, "")
    assert cli_main(["forecast", str(src)]) == 2
    assert "empty" in capsys.readouterr().err


def test_missing_quantity_column_is_named_with_the_header_found(tmp_path, capsys):
    src = write(tmp_path, "sku,date,price\nA,2026-01-01,9.99\nA,2026-01-02,9.99\n")
    assert cli_main(["forecast", str(src)]) == 2
    err = capsys.readouterr().err
    assert "no quantity column" in err and "sku, date, price" in err
    assert "no column for 'ds'" not in err


def test_missing_date_column_is_named(tmp_path, capsys):
    src = write(tmp_path, "sku,when,units\nA,2026-01-01,3\n")
    assert cli_main(["forecast", str(src)]) == 2
    assert "no date column" in capsys.readouterr().err


def test_negative_quantities_reject_their_rows_and_the_rest_is_forecast(tmp_path, capsys):
    days = pd.date_range("2026-01-01", periods=90)
    lines = [f"A,{d:%Y-%m-%d},{2 + i % 3}" for i, d in enumerate(days)]
    lines[10] = "A,2026-01-11,-4"
    lines[20] = "A,2026-01-21,2.5"
    src = write(tmp_path, "sku,date,units\n" + "\n".join(lines) + "\n")
    out = tmp_path / "fc.csv"
    assert cli_main(["forecast", str(src), "--horizon", "7", "--out", str(out)]) == 0
    err = capsys.readouterr().err
    assert "rejected 2 of 90 row(s)" in err
    assert "row 11, column 'units': negative quantity" in err and "'-4'" in err
    assert "row 21, column 'units': units are not a whole number" in err
    assert len(pd.read_csv(out)) == 7


def test_only_negative_quantities_is_an_error_naming_the_first_row(tmp_path, capsys):
    src = write(tmp_path, "sku,date,units\nA,2026-01-01,-1\nA,2026-01-02,-3\n")
    assert cli_main(["forecast", str(src)]) == 2
    err = capsys.readouterr().err
    assert "row 1," in err and "negative quantity" in err and "2 bad row(s)" in err


def test_mixed_weekly_and_daily_skus_exit_2_naming_the_weekly_ones(tmp_path, capsys):
    days = pd.date_range("2026-01-01", periods=120)
    weeks = pd.date_range("2026-01-04", periods=17, freq="W-SUN")
    rows = [f"DAILY-1,{d:%Y-%m-%d},{1 + i % 4}" for i, d in enumerate(days)]
    rows += [f"WEEKLY-9,{d:%Y-%m-%d},{20 + i % 5}" for i, d in enumerate(weeks)]
    src = write(tmp_path, "sku,date,units\n" + "\n".join(rows) + "\n")
    assert cli_main(["forecast", str(src)]) == 2
    err = capsys.readouterr().err
    assert "mixed frequencies" in err and "WEEKLY-9" in err and "--freq" in err


def test_formula_like_skus_are_neutralised_in_the_output(tmp_path):
    days = pd.date_range("2026-01-01", periods=60)
    src = write(tmp_path, "sku,date,units\n" + "\n".join(f"=HYPERLINK(1),{d:%Y-%m-%d},3" for d in days))
    out = tmp_path / "fc.csv"
    assert cli_main(["forecast", str(src), "--horizon", "3", "--out", str(out)]) == 0
    assert pd.read_csv(out)["unique_id"].eq("'=HYPERLINK(1)").all()


def test_timestamps_with_a_zone_fall_on_the_markets_local_day(tmp_path, params):
    src = write(tmp_path, "sku,date,units\nA,2026-03-01T23:30:00Z,2\nA,2026-03-02T08:00:00Z,1\n")
    s = read_plain_sales(src, params).series          # kitchen-organizer-de: Europe/Berlin
    assert s["ds"].dt.strftime("%m-%d").tolist() == ["03-02"] and s["y"].tolist() == [3.0]


REAL_WEEKLY = Path(__file__).resolve().parents[1] / "data" / "demand_online_retail_weekly" / "weekly_units.csv"


def _as_exported(real: pd.DataFrame, path, how: str):
    """The real weekly demand written as a seller's own sheet: Chinese headers, as a workbook, as a GBK CSV with a
    title line above the header (Excel on a Chinese Windows) or as a UTF-16 TSV (Excel's 'Unicode text')."""
    sheet = real.rename(columns={"sku": "货号", "week": "周", "units": "销量"})
    if how == "xlsx":
        sheet.to_excel(path, index=False)
    elif how == "gbk":
        path.write_bytes(("销售周报 2011\n" + sheet.to_csv(index=False)).encode("gbk"))
    else:
        sheet.to_csv(path, index=False, sep="\t", encoding="utf-16")
    return path


@pytest.mark.parametrize("how", ["xlsx", "gbk", "utf16"])
def test_a_sellers_sheet_as_xlsx_gbk_or_utf16_reads_like_the_plain_csv(tmp_path, params, how):
    # the real UCI Online Retail weekly demand of 300 SKUs (tests/data/demand_online_retail_weekly); before, a workbook
    # was read as text ("the header has: PK ... docProps/app.xml") and '周' was no date column
    real = pd.read_csv(REAL_WEEKLY, dtype={"sku": str, "week": str})
    want = read_plain_sales(REAL_WEEKLY, params).series
    src = _as_exported(real, tmp_path / f"sales.{'xlsx' if how == 'xlsx' else 'csv'}", how)
    got = read_plain_sales(src, params)
    assert got.rejected.empty, got.rejected
    pd.testing.assert_frame_equal(got.series.astype({"unique_id": str}), want.astype({"unique_id": str}))


def test_a_line_that_does_not_split_is_rejected_with_its_row_and_later_rows_keep_their_numbers(tmp_path, params):
    # Excel's 'Unicode text' (UTF-16 TSV) goes through the importers' reader, which skips a line with more cells
    # than the header (a tab typed into a cell): that line is a rejected row, and a bad date further down keeps
    # its own data row number
    real = pd.read_csv(REAL_WEEKLY, dtype=str).head(40)
    lines = real.to_csv(index=False, sep="\t").splitlines()
    lines[3] = lines[3] + "\tnote\tmore"
    lines[10] = lines[10].replace(lines[10].split("\t")[1], "31.02.2011")
    src = tmp_path / "sales.txt"
    src.write_text("\n".join(lines) + "\n", encoding="utf-16")
    got = read_plain_sales(src, params)
    assert got.rejected["row"].tolist() == [3, 10], got.rejected
    assert "fields" in got.rejected["problem"].iloc[0] and got.rejected["value"].iloc[1] == "31.02.2011"
    assert len(got.series) == 38


def test_a_mapped_header_is_the_fix_the_error_names(tmp_path, params, capsys):
    src = write(tmp_path, "month,sku,sales_total,unit_price\n2023-01-01,CF-AM-240,3710,2400\n")
    assert cli_main(["forecast", str(src)]) == 2
    err = capsys.readouterr().err
    assert "sources: {columns: {orders: {sku:" in err, err
    params["sources"]["columns"] = {"orders": {"sku": "sku", "units": "sales_total", "ds": "month"}}
    from seller_lab.stock.cli import read_sales
    s = read_sales(src, params).series
    assert s["y"].tolist() == [3710.0] and str(s["ds"].iloc[0].date()) == "2023-01-01"


def test_rejected_rows_are_counted_against_the_rows_of_the_file_not_the_days_of_sales(params):
    # a shop's real invoice lines (tests/data/online_retail_orders): 1,184 lines, many per SKU and day, 32 with a
    # negative quantity; the forecast said "rejected 32 of 184 row(s)", counting the SKU-days left plus the rejects
    src = Path(__file__).resolve().parents[1] / "data" / "online_retail_orders" / "invoice_lines_2011-05_06.csv"
    params["sources"]["columns"] = {"orders": {"order_id": "InvoiceNo", "sku": "StockCode", "ds": "InvoiceDate",
                                               "units": "Quantity"}}
    from seller_lab.stock.cli import read_sales
    s = read_sales(src, params)
    lines = pd.read_csv(src)
    assert s.rows == len(lines) == 1184 and len(s.rejected) == int((lines["Quantity"] < 0).sum()) == 32
    assert len(s.series) < 200 and s.series["y"].sum() == lines.loc[lines["Quantity"] > 0, "Quantity"].sum()
