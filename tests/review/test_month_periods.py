"""A monthly review of any month never fails: it says what data exists.

The fixture month_data holds orders from 2026-09-01 to 2026-10-31. A month after it, a
month long before it, a month the data stops inside, and a category whose orders file is
missing each render every section, and each section that needs a missing input says
which one.
"""

from __future__ import annotations

import dataclasses

import pandas as pd
import pytest

from seller_lab.report.sections import monthly, stock
from seller_lab.review import run_month

NO_STORE = pd.DataFrame()  # last month's decisions: none kept


def _cut(data, last_day: str):
    """The data as it was known at the end of ``last_day`` (every dated frame cut)."""
    end = pd.Timestamp(last_day, tz="UTC") + pd.Timedelta(days=1)
    inv_end = pd.Timestamp(last_day) + pd.Timedelta(days=1)
    return dataclasses.replace(
        data, orders=data.orders[data.orders["ds"] < end],
        inventory=data.inventory[data.inventory["ds"] < inv_end],
        returns=data.returns[data.returns["ds"] < end],
        tickets=data.tickets[data.tickets["created_at"] < end],
        reviews=data.reviews[data.reviews["ds"] < end])


def _every_section(m) -> str:
    return monthly.render_month(m).html


def test_month_after_the_data_says_no_orders_and_where_the_data_ends(month_data):
    data, p = month_data
    m = run_month(data, p, "2026-11", previous_decisions=NO_STORE)
    assert m.coverage.status == "after"
    assert m.coverage.message == "no orders in 2026-11; data runs to 2026-10-31"
    first = monthly.first_screen(m).html
    assert "no orders in 2026-11; data runs to 2026-10-31" in first
    assert "orders 2026-09-01 to 2026-10-31" in first                     # what data exists
    page = _every_section(m)
    assert m._repr_html_() == page                                        # what JupyterLab shows
    assert "the 24 h dispatch rule cannot be checked" in page
    assert "data runs to 2026-10-31: nothing to compute the stock plan from" in page
    assert "Traceback" not in page
    s = monthly.summary(m)
    assert s == {"verdict": "unknown", "headline": "no orders in 2026-11; data runs to 2026-10-31", "kpis": {}}
    assert not any(d.rule.startswith(("R6.2", "R3.")) for d in m.stock.decisions)


def test_month_before_the_data_says_when_the_data_starts(month_data):
    data, p = month_data
    m = run_month(data, p, "2019-01", previous_decisions=NO_STORE)
    assert m.coverage.status == "before"
    assert m.coverage.message == "no orders in 2019-01; data runs from 2026-09-01 to 2026-10-31"
    page = _every_section(m)
    assert "no orders in 2019-01; data runs from 2026-09-01 to 2026-10-31" in page
    cat = m.category_kpis()                          # no data is not zero sales: unknown, not -100 %
    assert cat.loc[["sales", "units", "return_rate"], "value"].isna().all()
    assert cat.loc[["sales", "units"], "change"].isna().all()
    first = monthly.first_screen(m).html
    assert "-100%" not in first and "no data this month" in first
    assert "No KPI can be computed for 2019-01" in monthly.kpi_table(m).html


def test_partial_month_is_labelled_and_nothing_is_scaled(month_data):
    data, p = month_data
    cut = _cut(data, "2026-10-15")
    m = run_month(cut, p, "2026-10", previous_decisions=NO_STORE)
    assert m.coverage.status == "partial" and m.coverage.days_covered == 15
    assert m.coverage.message == "data through 2026-10-15 (15 of 31 days)"
    k = m.kpis[(m.kpis["kpi"] == "units")].set_index("unique_id")["value"]
    assert k["FAST"] == 15 * 3                                             # 15 days of 3/day, not 31
    first = monthly.first_screen(m).html
    assert "data through 2026-10-15 (15 of 31 days)" in first and "nothing is scaled" in first
    assert "(15 of 31 days)" in monthly.summary(m)["headline"]
    # stock is judged as of the last day with data, and the per-month turnover rule waits
    assert m.stock.as_of == pd.Timestamp("2026-10-15")
    assert m.stock.turnover_skipped and not m.stock.turnover_decisions
    assert "not evaluated for a partial month" in stock.turnover_section(m).html
    assert "as of 2026-10-15" in stock.stock_plan_section(m).html


def test_partial_month_stockout_rule_uses_the_days_that_exist(month_data):
    data, p = month_data
    full = run_month(data, p, "2026-10", previous_decisions=NO_STORE)
    cut = run_month(_cut(data, "2026-10-29"), p, "2026-10", previous_decisions=NO_STORE)
    need = {d.unique_id: d.inputs["forecast_need"] for d in full.problems if d.rule.startswith("R7.3.stockout")}
    need_cut = {d.unique_id: d.inputs["forecast_need"] for d in cut.problems if d.rule.startswith("R7.3.stockout")}
    # FAST sells 3/day in both: the daily rate (units / days with data) and so the need agree
    assert need["FAST"] == need_cut["FAST"] == round(3 * 3 * 30.4375)


def test_missing_orders_file_only_blanks_the_sections_that_need_orders(month_data):
    data, p = month_data
    no_orders = dataclasses.replace(data, orders=data.orders.iloc[0:0], missing=["orders"])
    m = run_month(no_orders, p, "2026-10", previous_decisions=NO_STORE)
    assert m.coverage.status == "missing"
    ful = monthly.fulfilment_section(m).html
    assert "No orders export" in ful and "orders export" in ful and "SH2" in ful   # inbound still checked
    aft = monthly.aftersales_section(m).html
    assert "T3" in aft and "TOO_SMALL" in aft                                      # tickets and returns still there
    for section in (stock.stock_plan_section, stock.stock_alerts_section, stock.turnover_section,
                    stock.forecast_accuracy_section):
        assert "No orders export" in section(m).html
    first = monthly.first_screen(m).html
    assert "went wrong in aftersales" in first and "(no orders file)" in first   # other steps still judged
    s = monthly.summary(m)
    assert s["headline"].startswith("no orders file in the category's data folder")
    assert s["kpis"]["Sales"] == "n/a" and s["kpis"]["Tickets answered within 1 h"] != "n/a"


def test_missing_tickets_file_is_named_in_the_aftersales_section(month_data):
    data, p = month_data
    no_tickets = dataclasses.replace(data, tickets=data.tickets.iloc[0:0], missing=["tickets"])
    aft = monthly.aftersales_section(run_month(no_tickets, p, "2026-10", previous_decisions=NO_STORE)).html
    assert "tickets file missing" in aft and "TOO_SMALL" in aft


@pytest.fixture()
def sop_log(tmp_path, month_data):
    """A completion log kept from 2026-10-05 on (Mondays of October done on time)."""
    _, p = month_data
    log = tmp_path / "sop_log.csv"
    rows = [("aftersales_analysis", d, f"{d}T08:00:00Z") for d in
            ("2026-10-05", "2026-10-12", "2026-10-19", "2026-10-26")]
    pd.DataFrame(rows, columns=["task", "due_date", "done_at"]).to_csv(log, index=False)
    p["review"]["sop_log"] = str(log)
    return log


def test_sop_after_the_data_is_judged_as_of_the_last_data_day(month_data, sop_log):
    data, p = month_data
    m = run_month(data, p, "2026-11", previous_decisions=NO_STORE)
    assert len(m.sop_status) and (m.sop_status["status"] == "open").all()    # nothing overdue after the data
    assert "as of 2026-10-31" in monthly.sop_section(m).html
    assert not any(d.rule == "R7.3.sop_overdue" for d in m.problems)


def test_sop_before_the_log_starts_is_not_judged(month_data, sop_log):
    data, p = month_data
    m = run_month(data, p, "2019-01", previous_decisions=NO_STORE)
    assert m.sop_status.empty and "starts on 2026-10-05" in monthly.sop_section(m).html
    assert not any(d.rule == "R7.3.sop_overdue" for d in m.problems)
