"""Import speed: 1M reviews (Amazon Reviews 2023 JSONL) and 1M ERP order rows (Chinese
headers, GBK, comma) through ``seller_lab.sources.load_file``.

The inputs are generated here with a fixed seed (realistic field mix, skewed review
lengths) into a temp folder; each import runs in its own subprocess so its peak RSS
(``VmHWM`` from /proc/self/status) is that import's alone. Prints rows/s and peak memory.
Target (issues 3 and 10): >= 200k rows/s and < 2 GB peak for 1M reviews and for 1M GBK
order rows on 2 cores, with every row check of ``seller_lab.sources.importers.rows`` on.
A third file, the same orders with 5 % of the rows broken (quantities 'zwei', '1,5', '-2',
empty), measures the rejected rows' path: each reason is phrased once per distinct value.

Usage: ``python benchmarks/bench_import.py [rows] [folder]`` -- with a folder the generated
files are kept there and reused by the next run (measure again when the machine is quiet);
each line shows the 1-minute load average at its start, since rows/s on a shared machine
depend on it, and the CPU seconds used (all threads), which depend on it much less.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd

SEED = 7
WORDS = ("stable easy assemble rust thin wobbly plate large fits counter water drips "
         "stabil einfach aufzubauen rostet dünn wackelig Teller groß passt Wasser tropft "
         "great quality price value would buy again magnets weak fall out kids love").split()


def write_reviews(path: Path, n: int, rng: np.random.Generator) -> None:
    vocab = np.array(WORDS)
    lengths = np.minimum(rng.lognormal(3.0, 0.9, size=n).astype(int) + 3, 400)
    words = vocab[rng.integers(0, len(vocab), size=int(lengths.sum()))]
    cuts = np.cumsum(lengths)[:-1]
    texts = [" ".join(w) for w in np.split(words, cuts)]  # generator only, not the importer
    asins = np.array([f"B0{i:08d}" for i in range(2000)])
    a = asins[rng.integers(0, len(asins), size=n)]
    frame = pd.DataFrame({
        "rating": rng.choice([1.0, 2.0, 3.0, 4.0, 5.0], p=[.08, .06, .1, .26, .5], size=n),
        "title": np.array(["Gut", "Rostet", "Great", "Too small", "Wackelig"])[
            rng.integers(0, 5, size=n)],
        "text": texts, "images": [[] for _ in range(n)], "asin": a, "parent_asin": a,
        "user_id": pd.Series(rng.integers(10**12, 10**13, size=n)).map("A{:X}".format),
        "timestamp": rng.integers(1_600_000_000_000, 1_761_998_400_000, size=n),
        "helpful_vote": rng.poisson(0.7, size=n),
        "verified_purchase": rng.random(n) < 0.85})
    step = 200_000
    with open(path, "w", encoding="utf-8") as fh:
        for i in range(0, n, step):
            fh.write(frame.iloc[i:i + step].to_json(orient="records", lines=True,
                                                    force_ascii=False))
            fh.write("\n")


def write_orders(path: Path, n: int, rng: np.random.Generator) -> None:
    t0 = pd.Timestamp("2024-11-01").value // 10**9
    ts = pd.to_datetime(t0 + rng.integers(0, 730 * 86400, size=n), unit="s")
    frame = pd.DataFrame({
        "订单号": pd.Series(rng.integers(10**6, 10**7, size=n)).map("302-{}".format),
        "SKU": np.array(["KO-RACK-2T", "KO-RACK-1T", "KO-DRAWER-S"])[rng.integers(0, 3, n)],
        "数量": rng.integers(1, 4, size=n), "单价": 29.9, "币种": "EUR",
        "付款时间": ts.strftime("%Y-%m-%d %H:%M:%S"),
        "发货时间": (ts + pd.to_timedelta(rng.integers(3600, 40 * 3600, size=n), unit="s"))
        .strftime("%Y-%m-%d %H:%M:%S"),
        "仓库": np.array(["DE-FRA", "FR-PAR"])[rng.integers(0, 2, n)],
        "国家": np.array(["DE", "AT", "FR"])[rng.integers(0, 3, n)],
        "订单状态": np.array(["已发货", "待发货", "已取消"])[rng.choice(3, p=[.95, .03, .02],
                                                              size=n)],
        "延迟原因": ""})
    frame.to_csv(path, index=False, encoding="gbk")


BAD_SHARE = 0.05
BAD_QUANTITIES = np.array(["zwei", "1,5", "-2", "", "3 Stk", "1e3"])


def write_bad_orders(src: Path, path: Path, rng: np.random.Generator) -> None:
    """The generated orders with ``BAD_SHARE`` of the rows given a quantity no importer may read."""
    frame = pd.read_csv(src, dtype=str, encoding="gbk", keep_default_na=False)
    bad = rng.random(len(frame)) < BAD_SHARE
    frame.loc[bad, "数量"] = BAD_QUANTITIES[rng.integers(0, len(BAD_QUANTITIES), int(bad.sum()))]
    frame.to_csv(path, index=False, encoding="gbk")


CHILD = """
def peak_mb():
    # VmHWM: this process's peak resident memory (ru_maxrss survives exec on Linux and
    # would report the parent's peak)
    for line in open("/proc/self/status"):
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")
import json, sys, time
t0, c0 = time.perf_counter(), time.process_time()
from seller_lab.sources import load_file
res = load_file(sys.argv[1])
dt, cpu = time.perf_counter() - t0, time.process_time() - c0
print(json.dumps({"layout": res.layout, "rows": res.rows, "rejected": len(res.rejected),
                  "duplicates": res.duplicates, "seconds": dt, "cpu_seconds": cpu,
                  "peak_mb": peak_mb()}))
"""


def run(path: Path) -> dict:
    out = subprocess.run([sys.executable, "-c", CHILD, str(path)], capture_output=True,
                         text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def measure(folder: Path, n: int) -> None:
    marker = folder / f"generated_{n}"
    if not marker.exists():
        rng = np.random.default_rng(SEED)
        t = time.perf_counter()
        write_reviews(folder / "reviews.jsonl", n, rng)
        write_orders(folder / "orders.csv", n, rng)
        marker.touch()
        print(f"generated {n:,} reviews + {n:,} orders in {time.perf_counter() - t:.1f} s "
              f"({(folder / 'reviews.jsonl').stat().st_size / 1e6:.0f} MB JSONL, "
              f"{(folder / 'orders.csv').stat().st_size / 1e6:.0f} MB CSV)")
    if not (folder / "orders_bad.csv").exists():
        write_bad_orders(folder / "orders.csv", folder / "orders_bad.csv", np.random.default_rng(SEED))
    for name in ("reviews.jsonl", "orders.csv", "orders_bad.csv"):
        load = os.getloadavg()[0]
        r = run(folder / name)
        print(f"{name:14s} layout={r['layout']:26s} rows={r['rows']:,} "
              f"rejected={r['rejected']} duplicates={r['duplicates']} "
              f"time={r['seconds']:.1f} s "
              f"rate={r['rows'] / r['seconds']:,.0f} rows/s "
              f"cpu={r['cpu_seconds']:.1f} s (all threads) peak={r['peak_mb']:,.0f} MB "
              f"(incl. interpreter + imports) load={load:.1f}")


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000
    if len(sys.argv) > 2:
        folder = Path(sys.argv[2])
        folder.mkdir(parents=True, exist_ok=True)
        measure(folder, n)
        return
    with tempfile.TemporaryDirectory() as tmp:
        measure(Path(tmp), n)


if __name__ == "__main__":
    main()
