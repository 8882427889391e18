"""Store benchmark (R7.1): ingest 1M canonical order rows into DuckDB, re-ingest
unchanged, and read the category back through ``load_category`` (store path).

The importer is bypassed (a loader returns a prepared canonical frame) so this measures
the store alone; ``bench_sources.py`` measures the importers. Prints rows/s, seconds
and peak RSS. Usage: ``python benchmarks/bench_store.py [ROWS]`` (default 1000000).
"""

from __future__ import annotations

import resource
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd

from seller_lab.params import load_params
from seller_lab.sources import store
from seller_lab.sources.base import LoadResult
from seller_lab.sources.category import load_category


def orders_frame(n: int, seed: int = 7) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    ds = pd.Timestamp("2024-11-01", tz="UTC") + pd.to_timedelta(
        rng.integers(0, 730 * 86400, n), unit="s")
    skus = np.array(["KO-RACK-2T", "KO-RACK-1T", "KO-DRAWER-S"])
    return pd.DataFrame({
        "order_id": pd.Series(np.char.add("302-", np.arange(n).astype(str))).astype("str"),
        "sku": pd.Series(skus[rng.integers(0, 3, n)]).astype("str"),
        "ds": ds, "units": rng.integers(1, 4, n).astype("int64"),
        "price": rng.choice([29.9, 24.9, 14.99], n), "currency": "EUR", "channel": "amazon",
        "warehouse": pd.Series(np.where(rng.random(n) < 0.8, "DE-FRA", "FR-PAR")).astype("str"),
        "region": "DE", "country": "DE", "shipped_at": ds + pd.Timedelta(hours=20),
        "status": "shipped", "delay_reason": ""})


def main() -> int:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000
    tmp = Path(tempfile.mkdtemp())
    folder = tmp / "kitchen-organizer-de"
    folder.mkdir()
    (folder / "orders.csv").write_text("placeholder: the loader below returns the frame\n")
    frame = orders_frame(n)
    p = load_params("kitchen-organizer-de")
    p["category"]["data_dir"] = str(folder)
    p["paths"]["store"] = str(tmp / "store.duckdb")

    def loader(path, kind=None, params=None):
        return LoadResult(frame, "orders", "bench", str(path), "utf-8")

    t0 = time.perf_counter()
    store.ingest_category(p, loader=loader)
    t_ingest = time.perf_counter() - t0
    t0 = time.perf_counter()
    again = store.ingest_category(p, loader=loader)
    t_again = time.perf_counter() - t0
    t0 = time.perf_counter()
    data = load_category(p, loader=loader)
    t_read = time.perf_counter() - t0
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    size_mb = (tmp / "store.duckdb").stat().st_size / 1e6
    print(f"rows: {n:,}")
    print(f"ingest (one transaction):   {t_ingest:6.2f} s  {n / t_ingest:12,.0f} rows/s")
    print(f"re-ingest unchanged:        {t_again:6.2f} s  ({again['status'].iloc[0]})")
    print(f"load_category from store:   {t_read:6.2f} s  {n / t_read:12,.0f} rows/s "
          f"(origin={data.origin}, rows={len(data.orders):,})")
    print(f"store file: {size_mb:.0f} MB; peak RSS {peak_mb:.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
