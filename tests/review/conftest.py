"""A small but complete month of one category's operations (Sep + Oct 2026)."""

from __future__ import annotations

import copy

import numpy as np
import pandas as pd
import pytest

from seller_lab import schemas
from seller_lab.params import load_params
from seller_lab.sources.category import CategoryData


def _utc(values):
    return pd.to_datetime(values, utc=True)


def _frame(kind, **cols):
    n = len(next(iter(cols.values())))
    base = schemas.empty_frame(kind)
    out = pd.DataFrame({c: cols.get(c, [""] * n if base[c].dtype == "str" else [np.nan] * n)
                        for c in base.columns})
    return out


@pytest.fixture()
def month_data(tmp_path):
    p = load_params("kitchen-organizer-de")
    p["paths"]["store"] = str(tmp_path / "none.duckdb")
    days_sep = pd.date_range("2026-09-01 09:00", "2026-09-30 09:00", freq="D", tz="UTC")
    days_oct = pd.date_range("2026-10-01 09:00", "2026-10-31 09:00", freq="D", tz="UTC")
    ds = days_sep.append(days_oct)
    n = len(ds)
    # FAST: 3/day both months; SLOW: 1 every 3rd day
    o_fast = pd.DataFrame({"order_id": [f"F{i}" for i in range(n)], "sku": "FAST", "units": 3,
                           "ds": ds, "warehouse": "DE-FRA"})
    slow_ds = ds[::3]
    o_slow = pd.DataFrame({"order_id": [f"S{i}" for i in range(len(slow_ds))], "sku": "SLOW",
                           "units": 1, "ds": slow_ds, "warehouse": "FR-PAR"})
    o = pd.concat([o_fast, o_slow], ignore_index=True)
    o["price"] = 29.9
    o["currency"] = "EUR"
    o["shipped_at"] = o["ds"] + pd.Timedelta(hours=5)
    o["status"] = "shipped"
    o["delay_reason"] = ""
    late = o["order_id"].isin(["F40", "F41", "S12"])      # October orders shipped late
    o.loc[late, "shipped_at"] = o.loc[late, "ds"] + pd.Timedelta(hours=40)
    o.loc[o["order_id"] == "F40", "delay_reason"] = "no stock"
    o.loc[o["order_id"] == "F41", "delay_reason"] = "no stock"
    o.loc[o["order_id"] == "S12", "delay_reason"] = "picking error"
    orders = _frame("orders", **{c: o[c].tolist() for c in o.columns})
    orders["ds"] = _utc(o["ds"])
    orders["shipped_at"] = _utc(o["shipped_at"])
    orders["units"] = o["units"].astype("int64")
    days = pd.date_range("2026-09-01", "2026-10-31", freq="D")
    fast_on_hand = np.r_[np.linspace(60, 30, 30).round(), np.linspace(30, 0, 31).round()]
    fast_on_hand[-5:] = 0                                            # 5 stock-out days in October
    inv = pd.DataFrame({"ds": np.r_[days, days], "sku": ["FAST"] * 61 + ["SLOW"] * 61,
                        "warehouse": ["DE-FRA"] * 61 + ["FR-PAR"] * 61,
                        "on_hand": np.r_[fast_on_hand, np.full(61, 200.0)].astype("int64"),
                        "inbound": 0, "reserved": 0})
    inv["ds"] = pd.to_datetime(inv["ds"])
    shipments = _frame("shipments", shipment_id=["SH1", "SH2"], sku=["FAST", "SLOW"], units=[90, 100],
                       warehouse=["DE-FRA", "FR-PAR"], mode=["sea", "sea"])
    shipments["units"] = shipments["units"].astype("int64")
    shipments["departed_at"] = _utc(["2026-08-20", "2026-09-01"])
    shipments["eta"] = _utc(["2026-10-05", "2026-10-12"])
    shipments["arrived_at"] = _utc(["2026-10-05", "2026-10-13"])
    shipments["appointment_booked_at"] = _utc(["2026-10-02", None])
    shipments["carton_labels_ok"] = True
    shipments["sku_labels_ok"] = True
    returns = _frame("returns", order_id=["F35", "F36", "F37", "F50"], sku=["FAST"] * 4,
                     asin=["B0FAST"] * 4, reason=["TOO_SMALL", "TOO_SMALL", "NO_REASON_GIVEN", "DAMAGED_BY_CARRIER"],
                     customer_comments=["zu klein", "", "viel zu klein für Teller", "Karton kaputt"])
    returns["ds"] = _utc(["2026-10-12 10:00", "2026-10-13 10:00", "2026-10-14 10:00", "2026-10-20 10:00"])
    returns["quantity"] = np.array([1, 1, 1, 1], dtype="int64")
    tickets = _frame("tickets", ticket_id=["T1", "T2", "T3", "T4"], channel=["email"] * 4,
                     subject=["Frage"] * 4, sku=["FAST", "FAST", "SLOW", "FAST"])
    tickets["created_at"] = _utc(["2026-10-16 15:50", "2026-10-14 08:00", "2026-10-14 09:00",
                                  "2026-09-14 09:00"])
    tickets["first_reply_at"] = _utc(["2026-10-19 07:20", "2026-10-14 08:30", "2026-10-14 12:00",
                                      "2026-09-14 09:20"])
    reviews = _frame("reviews", doc_id=["r1", "r2", "r3", "r4", "r5"], asin=["B0FAST"] * 5,
                     text=["stabil und einfach aufzubauen", "einfach aufzubauen, stabil", "stabil",
                           "zu klein für große Teller", "Teller passen nicht, zu klein"])
    reviews["rating"] = [5.0, 5.0, 4.0, 1.0, 2.0]
    reviews["ds"] = _utc(["2026-10-03"] * 5)
    data = CategoryData(params=p, orders=orders, inventory=inv, shipments=shipments, returns=returns,
                        tickets=tickets, reviews=reviews, missing=[])
    return data, p


# --- the demo world (planted truths): the session demo of tests/conftest.py ------------------
@pytest.fixture(scope="session")
def load_demo(demo_data, demo_root):
    """``get(slug) -> (params, data)`` on the shared demo, with ``review.sop_log`` set to the
    demo's shared SOP completion log (params are a copy: the shared ones stay untouched)."""
    def get(slug: str):
        params, data = demo_data(slug)
        p = copy.deepcopy(params)
        p["review"]["sop_log"] = str(demo_root / "sop_log.csv")
        return p, data

    return get
