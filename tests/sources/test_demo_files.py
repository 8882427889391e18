"""The demo exports go through the same importers as a seller's files (no side door):
every file loads with zero rejected rows, ``inspect`` names its layout, and the planted
operations truths are recoverable from the loaded canonical frames."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from seller_lab.demo import ops
from seller_lab.params import load_params
from seller_lab.sources import load_file

EXPECTED = {
    "kitchen-organizer-de": {"erp_orders_dianxiaomi.csv": "erp_orders_cn",
                             "erp_stock_dianxiaomi.csv": "erp_stock_cn",
                             "first_leg_shipments.xlsx": "erp_shipments_cn",
                             "fba_customer_returns.txt": "fba_customer_returns",
                             "zendesk_tickets_export.csv": "zendesk_tickets"},
    "camping-chair-de": {"erp_bestellungen.csv": "erp_orders_de",
                         "erp_lagerbestand.csv": "erp_stock_de",
                         "first_leg_shipments.csv": "erp_shipments_de",
                         "fba_customer_returns.txt": "fba_customer_returns",
                         "zendesk_tickets_export.csv": "zendesk_tickets"},
    "kids-toy-us": {"erp_orders_export.csv": "erp_orders",
                    "erp_inventory_snapshot.csv": "erp_stock",
                    "first_leg_shipments.csv": "erp_shipments",
                    "fba_customer_returns.txt": "fba_customer_returns",
                    "zendesk_tickets_export.csv": "zendesk_tickets"},
}


@pytest.fixture(scope="module")
def demo_ops(tmp_path_factory):
    root = tmp_path_factory.mktemp("demo")
    out = {}
    for i, slug in enumerate(EXPECTED):
        params = load_params(slug)
        res = ops.write_ops(params, root / slug, np.random.default_rng(10 + i), 0.3)
        loaded = {Path(f).name: load_file(f, params=params) for f in res["files"]
                  if Path(f).parent == root / slug}
        out[slug] = (params, res["truths"], loaded)
    return out


@pytest.mark.parametrize("slug", sorted(EXPECTED))
def test_every_demo_file_loads_clean(demo_ops, slug):
    _, _, loaded = demo_ops[slug]
    assert {n: r.layout for n, r in loaded.items()} == EXPECTED[slug]
    for name, res in loaded.items():
        assert len(res.frame) > 0, name
        assert len(res.rejected) == 0, (name, res.rejected.head())


@pytest.mark.parametrize("slug", sorted(EXPECTED))
def test_turnover_and_late_orders_recovered(demo_ops, slug):
    params, truths, loaded = demo_ops[slug]
    by_kind = {r.kind: r.frame for r in loaded.values()}
    orders, inv = by_kind["orders"], by_kind["inventory"]
    tv = ops.turnover(orders, inv, "2026-10").round(2)
    assert tv.to_dict() == pytest.approx(truths["turnover_2026_10"], abs=0.011)
    local = orders["ds"].dt.tz_convert(params["category"]["timezone"])   # the market's month
    o = orders[(local.dt.strftime("%Y-%m") == "2026-10") & (orders["status"] != "cancelled")]
    assert len(o) == truths["orders_2026_10"]
    late = (o["shipped_at"] - o["ds"]) > pd.Timedelta(hours=24)
    assert int(late.sum()) == truths["late_orders_2026_10_total"]
    assert set(orders["status"]) <= {"shipped", "pending", "cancelled"}


def test_kitchen_returns_week_shipments_tickets(demo_ops):
    _, truths, loaded = demo_ops["kitchen-organizer-de"]
    by_kind = {r.kind: r.frame for r in loaded.values()}
    ret = by_kind["returns"]
    week = ret["ds"].dt.tz_convert(None).dt.normalize()
    week = week - pd.to_timedelta(week.dt.day_of_week, unit="D")
    wk = ret[week == pd.Timestamp(truths["too_small_week"]["week_start"])]
    assert wk["reason"].value_counts().to_dict() == truths["too_small_week"]["reasons"]
    assert ret["reason_raw"].str.contains("(", regex=False).any()   # localised codes seen
    sh = by_kind["shipments"].set_index("shipment_id")
    for sid, d in truths["shipments_planted_detail"].items():
        row = sh.loc[sid]
        row = row.iloc[0] if isinstance(row, pd.DataFrame) else row
        assert row["arrived_at"].strftime("%Y-%m-%d %H:%M") == d["arrived_utc"]
        booked = row["appointment_booked_at"]
        assert ("" if pd.isna(booked) else booked.strftime("%Y-%m-%d %H:%M")) == d["booked_utc"]
        assert row["mode"] == d["mode"]
    tk = by_kind["tickets"].set_index("ticket_id")
    for edge in truths["tickets"].values():
        if not isinstance(edge, dict) or "ticket_id" not in edge:
            continue
        t = tk.loc[str(edge["ticket_id"])]
        assert t["created_at"].strftime("%Y-%m-%d %H:%M") == edge["created_utc"]
        if edge.get("first_reply_utc"):
            assert t["first_reply_at"].strftime("%Y-%m-%d %H:%M") == edge["first_reply_utc"]


def test_full_demo_generate_loads_through_importers(demo_root):
    """The whole generated demo (the session demo): every file in every category folder loads."""
    files = [p for p in demo_root.rglob("*") if p.is_file() and not p.name.startswith((".", "_"))
             and p.suffix not in (".md", ".yaml", ".yml", ".duckdb")]
    assert files
    failures = {}
    for p in files:
        if p.name == "sop_log.csv":   # not an export: read by the review step itself
            continue
        try:
            res = load_file(p)
            if len(res.rejected):
                failures[str(p.relative_to(demo_root))] = res.rejected.head(3).to_dict("records")
        except Exception as exc:  # noqa: BLE001 - collect all for one clear assertion
            failures[str(p.relative_to(demo_root))] = str(exc)[:300]
    assert not failures, failures
