"""Demo operations exports: time and size of write_ops at growing scale (1M order rows).

Prints figures, asserts nothing. ``python benchmarks/bench_demo_ops.py [max_scale]``.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

import numpy as np

from seller_lab.demo.ops import write_ops
from seller_lab.params import load_params


def main() -> int:
    max_scale = float(sys.argv[1]) if len(sys.argv) > 1 else 30.0
    params = load_params("kitchen-organizer-de")
    print(f"{'scale':>6} {'order rows':>11} {'seconds':>8} {'rows/s':>10} {'orders MB':>10}")
    for scale in (1.0, 10.0, max_scale):
        with tempfile.TemporaryDirectory() as tmp:
            out = Path(tmp) / "kitchen-organizer-de"
            t0 = time.perf_counter()
            res = write_ops(params, out, np.random.default_rng(7), scale)
            secs = time.perf_counter() - t0
            orders = next(Path(f) for f in res["files"] if "orders" in Path(f).name)
            with orders.open("rb") as fh:
                rows = sum(1 for _ in fh) - 1
            print(f"{scale:>6.0f} {rows:>11,} {secs:>8.1f} {rows / secs:>10,.0f} "
                  f"{orders.stat().st_size / 1e6:>10.1f}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
