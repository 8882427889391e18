"""Small realistic stock frames: two SKUs, two warehouses, daily orders and snapshots."""

from __future__ import annotations

from types import SimpleNamespace

import numpy as np
import pandas as pd
import pytest

from seller_lab.params import load_params
from seller_lab.schemas import empty_frame


@pytest.fixture
def params():
    return load_params("kitchen-organizer-de")


def make_orders(seed: int = 3, end: str = "2026-10-31", days: int = 800) -> pd.DataFrame:
    """FAST sells ~10/day (80 % from DE-FRA), SLOW ~0.5/day (DE-FRA); one order id per line,
    plus some baskets with both SKUs."""
    rng = np.random.default_rng(seed)
    dates = pd.date_range(end=end, periods=days, freq="D")
    rows = []
    for sku, lam in (("FAST", 10.0), ("SLOW", 0.5)):
        units = rng.poisson(lam, days)
        for d, u in zip(dates, units):
            for k in range(int(u)):
                wh = "DE-FRA" if (sku == "SLOW" or rng.random() < 0.8) else "FR-PAR"
                rows.append((f"{sku}-{d:%Y%m%d}-{k}", sku, d + pd.Timedelta(hours=10), 1, wh))
    o = pd.DataFrame(rows, columns=["order_id", "sku", "ds", "units", "warehouse"])
    # a few baskets: SLOW bought together with FAST
    o.loc[o["sku"] == "SLOW", "order_id"] = o.loc[o["sku"] == "FAST", "order_id"].iloc[: (o["sku"] == "SLOW").sum()].to_numpy()
    o["ds"] = o["ds"].dt.tz_localize("Europe/Berlin").dt.tz_convert("UTC")
    base = empty_frame("orders")
    for c in base.columns:
        if c not in o:
            o[c] = "" if base[c].dtype == "str" or base[c].dtype == object else np.nan
    o["status"] = "shipped"
    o["region"] = np.where(o["warehouse"] == "FR-PAR", "FR", "DE")
    return o


def make_inventory(end: str = "2026-10-31") -> pd.DataFrame:
    days = pd.date_range(end=end, periods=61, freq="D")
    rows = []
    for d in days:
        rows += [(d, "FAST", "DE-FRA", 100, 0, 0), (d, "FAST", "FR-PAR", 30, 0, 0),
                 (d, "SLOW", "DE-FRA", 400, 0, 0)]
    return pd.DataFrame(rows, columns=["ds", "sku", "warehouse", "on_hand", "inbound", "reserved"])


@pytest.fixture
def orders():
    return make_orders()


@pytest.fixture
def inventory():
    return make_inventory()


@pytest.fixture
def data(orders, inventory):
    return SimpleNamespace(orders=orders, inventory=inventory, shipments=empty_frame("shipments"),
                           files=pd.DataFrame(columns=["file", "kind"]), pilot=empty_frame("pilot"))
