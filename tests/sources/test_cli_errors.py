"""The command line as a new user meets it: `forecast` names the real problem of a file
(no data rows, a missing quantity column, negative units, all rows rejected, not a sales
file) in one line, and `--horizon 0` is refused by the option itself."""

from __future__ import annotations

import json

import pytest

from seller_lab.cli import main


def _run(capsys, *argv) -> tuple[int, str]:
    try:
        rc = main(list(argv))
    except SystemExit as exc:   # argparse refuses an option value
        rc = exc.code
    err = capsys.readouterr().err.strip()
    return rc, err


@pytest.mark.parametrize("name, body, words", [
    ("header_only.csv", "Order ID,SKU,Quantity,Order Date\n",
     ["has a header", "but no data rows"]),
    ("no_quantity.csv", "Order ID,SKU,Order Date\nA1,KO-1,2026-10-01\n",
     ["no quantity column", "the header has: Order ID, SKU, Order Date"]),
    ("all_rejected.csv", "Order ID,SKU,Quantity,Order Date\nA1,KO-1,-2,2026-10-01\n"
     "A2,KO-1,2 Stk,2026-10-02\n",
     ["row 1, column 'Quantity'", "every row is unusable", "negative quantity", "2 bad row(s)"]),
    ("plain_no_date.csv", "sku,when,units\nKO-1,2026-10-01,3\n",
     ["no date column (looked for date", "the header has: sku, when, units"]),
])
def test_forecast_names_the_real_problem_of_the_file(tmp_path, capsys, name, body, words):
    p = tmp_path / name
    p.write_text(body, encoding="utf-8")
    rc, err = _run(capsys, "forecast", str(p))
    assert rc == 2 and err.startswith(f"error: {p}") and "\n" not in err, err
    for w in words:
        assert w in err, err


def test_forecast_rejects_a_negative_quantity_row_and_forecasts_the_rest(tmp_path, capsys):
    p = tmp_path / "negative.csv"
    p.write_text("sku,date,units\nKO-1,2026-10-01,-3\n" + "".join(
        f"KO-1,2026-10-{d:02d},2\n" for d in range(2, 29)), encoding="utf-8")
    rc, err = _run(capsys, "forecast", str(p), "--horizon", "3")
    assert rc == 0
    assert "row 1, column 'units': negative quantity" in err and "'-3'" in err


def test_forecast_refuses_a_reviews_file_as_not_sales(tmp_path, capsys):
    p = tmp_path / "reviews.jsonl"
    p.write_text(json.dumps({"rating": 5.0, "title": "Gut", "text": "Stabil.", "images": [],
                             "asin": "B0DKR2T7Q1", "parent_asin": "B0DKR2T7Q1", "user_id": "U1",
                             "timestamp": 1761998400000, "helpful_vote": 0,
                             "verified_purchase": True}) + "\n", encoding="utf-8")
    rc, err = _run(capsys, "forecast", str(p))
    assert rc == 2 and "this is a reviews export (amazon_reviews_2023_jsonl)" in err


@pytest.mark.parametrize("horizon", ["0", "-7", "two"])
def test_forecast_horizon_must_be_one_period_or_more(tmp_path, capsys, horizon):
    p = tmp_path / "sales.csv"
    p.write_text("sku,date,units\nKO-1,2026-10-01,3\n", encoding="utf-8")
    rc, err = _run(capsys, "forecast", str(p), "--horizon", horizon)
    assert rc == 2 and "argument --horizon" in err.splitlines()[-1]


def test_forecast_without_a_category_loads_a_euro_export(tmp_path, capsys):
    p = tmp_path / "orders.csv"
    p.write_text("Order ID,SKU,Quantity,Order Date,Price\n" + "".join(
        f"A{d},KO-1,{d % 3 + 1},2026-10-{d:02d},29.90 €\n" for d in range(1, 29)),
        encoding="utf-8")
    assert main(["forecast", str(p), "--horizon", "7"]) == 0
    assert "1 SKUs, 7 daily period(s) ahead from 2026-10-29" in capsys.readouterr().out


def test_inspect_names_no_lookalike_layout_for_a_sales_sheet_sharing_one_word(tmp_path, capsys):
    # a seller's weekly sales sheet (real UCI Online Retail rows, Chinese headers, GBK as Excel writes it): before, it
    # "looked like the helium10_xray export (kind listings)" because X-Ray also has a '销量' column
    from pathlib import Path
    rows = (Path(__file__).resolve().parents[1] / "data" / "demand_online_retail_weekly" / "weekly_units.csv"
            ).read_text(encoding="utf-8").splitlines()[1:6]
    src = tmp_path / "sales.csv"
    src.write_bytes(("SKU,周,销量\n" + "\n".join(rows) + "\n").encode("gbk"))
    assert main(["inspect", str(src)]) == 2
    err = capsys.readouterr().err
    assert "no known export layout has these headers: 'SKU', '周', '销量'" in err and "helium10" not in err, err
    assert main(["forecast", str(src), "--horizon", "2"]) == 0  # the forecast reads it as a plain sales table
