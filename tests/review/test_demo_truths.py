"""On the demo data (month 2026-10) each planted operations event is visible in the
monthly report's sections (seller_lab/demo/TRUTHS.md)."""

from __future__ import annotations

import pandas as pd
import pytest

from seller_lab.report.sections import monthly
from seller_lab.review import run_month

PERIOD = "2026-10"


def _reviewed(load_demo, slug):
    """(params, data, month review of PERIOD): computed once per category."""
    p, data = load_demo(slug)
    return p, data, run_month(data, p, PERIOD)


@pytest.fixture(scope="module")
def kitchen(load_demo):
    return _reviewed(load_demo, "kitchen-organizer-de")


@pytest.fixture(scope="module")
def camping(load_demo):
    return _reviewed(load_demo, "camping-chair-de")


@pytest.fixture(scope="module")
def toys(load_demo):
    return _reviewed(load_demo, "kids-toy-us")


@pytest.mark.parametrize("which", ["kitchen", "camping", "toys"])
def test_24h_breaches_mostly_secondary_warehouse_no_stock(which, request):
    p, data, m = request.getfixturevalue(which)
    late = m.late_orders
    assert len(late) >= 3
    secondary = {"kitchen": "FR-PAR", "camping": "FR-PAR", "toys": "US-EAST"}[which]
    assert late["warehouse"].value_counts().index[0] == secondary
    assert late["reason"].value_counts().index[0] == "no stock"
    assert "picking error" in set(late["reason"])
    html = monthly.fulfilment_section(m).html
    assert str(late["order_id"].iloc[0]) in html


def test_inbound_booked_3_days_and_unbooked_are_flagged(kitchen):
    p, data, m = kitchen
    flagged = m.inbound[~m.inbound["booking_ok"]]
    leads = flagged["booking_lead_days"]
    assert leads.isna().sum() >= 1                                   # no booking at all
    assert ((leads > 2) & (leads < 4)).sum() >= 1                    # booked ~3 days before
    html = monthly.fulfilment_section(m).html
    for sid in flagged["shipment_id"]:
        assert str(sid) in html


@pytest.mark.parametrize("which", ["kitchen", "toys"])
def test_ticket_edge_cases_and_breaches(which, request):
    p, data, m = request.getfixturevalue(which)
    r = m.response.set_index(m.response["created_local"].dt.strftime("%Y-%m-%d %H:%M"))
    friday = r.loc["2026-10-16 17:50"]
    friday = friday.iloc[0] if isinstance(friday, pd.DataFrame) else friday
    assert friday["business_minutes"] == 30 and not friday["breach"]
    assert m.response["breach"].sum() >= 1
    html = monthly.aftersales_section(m).html
    for tid in m.response.loc[m.response["breach"], "ticket_id"].head(5):
        assert str(tid) in html
    if which == "kitchen":
        dst = r.loc["2026-10-23 17:40"]
        dst = dst.iloc[0] if isinstance(dst, pd.DataFrame) else dst
        assert dst["business_minutes"] == 45 and not dst["breach"]
        assert r.loc["2026-10-20 10:00", "breach"] if not isinstance(r.loc["2026-10-20 10:00"], pd.DataFrame) \
            else r.loc["2026-10-20 10:00", "breach"].any()


def test_too_small_week_leads_with_size_action(kitchen):
    p, data, m = kitchen
    wk = m.top_returns[m.top_returns["week"] == pd.Timestamp("2026-10-12")]
    top = wk.iloc[0]
    assert top["reason"] == "TOO_SMALL" and "KO-DRAWER-S" in top["skus"]
    assert "size" in top["action"]
    others = m.top_returns[(m.top_returns["rank"] == 1) & (m.top_returns["week"] != pd.Timestamp("2026-10-12"))]
    assert (others["reason"] != "TOO_SMALL").all()
    assert "TOO_SMALL" in monthly.aftersales_section(m).html


def test_fast_and_slow_movers_in_iteration_and_plan(kitchen, camping):
    p, data, m = kitchen
    html = monthly.iteration_section(m).html
    assert "KO-RACK-2T" in html and "INCREASE" in html.upper()
    assert any(a.startswith("KO-RACK-2T") for a in m.plan["action"])
    p2, data2, m2 = camping
    html2 = monthly.iteration_section(m2).html
    assert "CC-CHAIR-XL" in html2 and "DECREASE" in html2.upper()


def test_overdue_sop_task_monday_19th(kitchen):
    p, data, m = kitchen
    st = m.sop_status
    row = st[(st["task_id"] == "aftersales_analysis") & (st["due_date"] == pd.Timestamp("2026-10-19"))]
    assert row["status"].tolist() == ["overdue"]
    html = monthly.sop_section(m).html
    assert "overdue" in html and "Mon 2026-10-19" in html
    first = monthly.first_screen(m).html
    assert "CS lead" in first


def test_label_check_failures_on_the_way_are_listed(toys):
    p, data, m = toys
    failed = m.inbound[~m.inbound["checklist_ok"]]
    assert len(failed) >= 1 and (failed["status"] == "in transit").all()
    assert all(str(s) in monthly.fulfilment_section(m).html for s in failed["shipment_id"])
