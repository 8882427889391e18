"""R4.1 inbound appointment/ETA/labels; R4.2 every order not shipped within 24 h."""

from __future__ import annotations

import pandas as pd
import pytest

from seller_lab.fulfilment import (
    inbound_decisions,
    inbound_shipments,
    order_dispatch,
    outbound_decisions,
    outbound_late_share,
    outbound_sla_breaches,
)
from seller_lab.params import load_params


@pytest.fixture(scope="module")
def p():
    return load_params("kitchen-organizer-de")


def _ts(values):
    return pd.to_datetime(values, utc=True)


def test_booking_three_days_before_and_no_booking_are_flagged(p):
    sh = pd.DataFrame({
        "shipment_id": ["S1", "S1", "S2", "S3", "S4"], "sku": ["KO-RACK-2T", "KO-RACK-1T", "KO-RACK-2T",
                                                              "KO-RACK-1T", "KO-RACK-1T"],
        "units": [200, 100, 300, 50, 80], "warehouse": "DE-FRA", "mode": "sea",
        "departed_at": _ts(["2026-09-01"] * 5),
        "eta": _ts(["2026-10-08", "2026-10-08", "2026-10-15", "2026-10-22", "2026-11-20"]),
        "arrived_at": _ts(["2026-10-08", "2026-10-08", "2026-10-19", None, None]),
        "appointment_booked_at": _ts(["2026-09-25", "2026-09-25", "2026-10-16", None, None]),
        "carton_labels_ok": [True, True, True, False, True], "sku_labels_ok": True})
    t = inbound_shipments(sh, p, "2026-10", as_of=pd.Timestamp("2026-10-31", tz="UTC"))
    assert t["shipment_id"].tolist() == ["S1", "S2", "S3", "S4"]         # S4 still on the way
    assert t["units"].tolist() == [300, 300, 50, 80]
    assert t["booking_lead_days"].tolist()[:2] == [13.0, 3.0]
    assert t["booking_ok"].tolist() == [True, False, False, True]
    assert t["booking"].tolist() == ["ok", "booked late", "not booked", "book by 2026-11-13"]
    assert t["status"].tolist() == ["on time", "late", "overdue", "in transit"]
    assert t["labels_missing"].tolist() == ["", "", "carton_labels_ok", ""]
    ds = inbound_decisions(t, p, category="kitchen-organizer-de", period="2026-10")
    alerts = {(d.unique_id, d.rule) for d in ds if d.verdict == "alert"}
    assert alerts == {("S2", "R4.1.appointment_booking"), ("S2", "R4.1.eta"),
                      ("S3", "R4.1.appointment_booking"), ("S3", "R4.1.eta"),
                      ("S3", "R4.1.label_checklist")}
    s3 = next(d for d in ds if d.unique_id == "S3" and d.rule == "R4.1.appointment_booking")
    assert "no warehouse appointment" in s3.reason


def _orders():
    return pd.DataFrame({
        "order_id": ["1", "2", "2", "3", "4", "5", "6"],
        "sku": ["A", "A", "B", "A", "B", "A", "A"], "units": 1,
        "ds": _ts(["2026-10-05 08:00", "2026-10-05 09:00", "2026-10-05 09:00", "2026-10-06 10:00",
                   "2026-10-13 10:00", "2026-10-30 10:00", "2026-10-14 10:00"]),
        "warehouse": ["DE-FRA", "FR-PAR", "FR-PAR", "FR-PAR", "DE-FRA", "FR-PAR", "DE-FRA"],
        "shipped_at": _ts(["2026-10-05 20:00", "2026-10-07 09:00", "2026-10-07 09:00",
                           "2026-10-07 09:59", "2026-10-14 12:00", None, None]),
        "status": ["shipped"] * 5 + ["pending", "cancelled"],
        "delay_reason": ["", "no stock", "", "", "picking error", "", ""]})


def test_every_order_over_24h_listed_with_reason(p):
    late = outbound_sla_breaches(_orders(), p, "2026-10", as_of=pd.Timestamp("2026-10-31 23:00", tz="UTC"))
    assert late["order_id"].tolist() == ["2", "5", "4"]
    assert late["reason"].tolist() == ["no stock", "not shipped yet", "picking error"]
    assert late["skus"].iloc[0] == "A +1"
    assert late["hours_to_ship"].tolist() == [48.0, 37.0, 26.0]


def test_23h59_is_not_late_and_cancelled_is_ignored(p):
    d = order_dispatch(_orders(), p, "2026-10")
    assert "6" not in set(d["order_id"])
    assert not d.set_index("order_id").loc["3", "late"]        # 23.98 h


def test_late_share_by_warehouse_and_week_and_decisions(p):
    d = order_dispatch(_orders(), p, "2026-10", as_of=pd.Timestamp("2026-10-31 23:00", tz="UTC"))
    share = outbound_late_share(d)
    fr = share[(share["warehouse"] == "FR-PAR") & (share["week"] == pd.Timestamp("2026-10-05"))]
    assert (fr["orders"].iloc[0], fr["late"].iloc[0]) == (2, 1)
    ds = outbound_decisions(d, p, category="c", period="2026-10")
    per_order = [x.unique_id for x in ds if x.rule == "R4.2.outbound_24h"]
    assert sorted(per_order) == ["2", "4", "5"]
    wh = {x.unique_id: x.verdict for x in ds if x.rule == "R4.2.outbound_late_share"}
    assert wh == {"DE-FRA": "alert", "FR-PAR": "alert"}
