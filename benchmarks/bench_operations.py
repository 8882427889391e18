"""Operations benchmark (R4/R5/R7.3): business-minute first response on many tickets, the
24 h dispatch check on many order lines, and the monthly KPIs.

Prints rows/s and seconds; no asserts. Usage:
``python benchmarks/bench_operations.py [TICKETS] [ORDERS]`` (defaults 1000000 / 1000000).
"""

from __future__ import annotations

import resource
import sys
import time

import numpy as np
import pandas as pd

from seller_lab.aftersales import business_minutes_for, first_response
from seller_lab.fulfilment import order_dispatch
from seller_lab.params import load_params


def tickets_frame(n: int, seed: int = 7) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    created = pd.Timestamp("2025-01-01", tz="UTC") + pd.to_timedelta(rng.integers(0, 700 * 86400, n), unit="s")
    reply = created + pd.to_timedelta(rng.exponential(120, n).round(), unit="min")
    return pd.DataFrame({"ticket_id": np.arange(n).astype(str), "created_at": created,
                         "first_reply_minutes": np.nan, "first_reply_at": reply, "channel": "email",
                         "subject": "", "sku": "", "status": "solved", "satisfaction": ""})


def orders_frame(n: int, seed: int = 7) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    ds = pd.Timestamp("2026-10-01", tz="UTC") + pd.to_timedelta(rng.integers(0, 30 * 86400, n), unit="s")
    return pd.DataFrame({"order_id": np.arange(n).astype(str), "sku": "KO-RACK-2T", "units": 1,
                         "ds": ds, "warehouse": np.where(rng.random(n) < 0.8, "DE-FRA", "FR-PAR"),
                         "shipped_at": ds + pd.to_timedelta(rng.exponential(10, n), unit="h"),
                         "status": "shipped", "delay_reason": ""})


def _time(label: str, rows: int, fn):
    t0 = time.perf_counter()
    out = fn()
    dt = time.perf_counter() - t0
    print(f"{label:<42} {rows:>10,} rows  {dt:7.2f} s  {rows / dt:>12,.0f} rows/s")
    return out


def main(argv: list[str]) -> None:
    n_t = int(argv[1]) if len(argv) > 1 else 1_000_000
    n_o = int(argv[2]) if len(argv) > 2 else 1_000_000
    p = load_params("kitchen-organizer-de")
    t = tickets_frame(n_t)
    o = orders_frame(n_o)
    _time("business minutes (holidays, DST)", n_t,
          lambda: business_minutes_for(p, t["created_at"], t["first_reply_at"]))
    _time("first_response (all tickets)", n_t, lambda: first_response(t, p))
    _time("order_dispatch 24 h check (month)", n_o, lambda: order_dispatch(o, p, "2026-10"))
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak RSS {rss:,.0f} MB")


if __name__ == "__main__":
    main(sys.argv)
