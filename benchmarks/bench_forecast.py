"""Forecast benchmark (R3.2): seller_lab's vectorised models vs statsforecast.

For 1k and 10k SKUs x 365 days of intermittent daily demand (synthetic, seeded: demand
probability, size, weekly pattern and drift vary per SKU), the last 28 days are held out.

- seller_lab: ``seller_lab.stock.forecast.forecast`` = fit 6 models + 3-window rolling-
  origin backtest + per-SKU selection + 28-day forecast with intervals, single process.
- statsforecast (if importable here, or from ``.bench-venv`` / $SELLER_LAB_BENCH_PYTHON,
  it is not a project dependency): AutoETS(season 7), CrostonOptimized, TSB(0.1, 0.1),
  SeasonalNaive(7), fit + forecast only (no backtest), n_jobs=1, after a warm-up call on
  5 series so numba's compilation is not timed.

Prints wall time, peak memory (seller_lab: tracemalloc peak of the forecast call;
statsforecast: peak RSS of its process, imports and data included) and mean holdout MASE
(MAE / in-sample naive MAE). Usage:
``python benchmarks/bench_forecast.py [N ...]`` (default: 1000 10000).
"""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from seller_lab.params import load_params  # noqa: E402
from seller_lab.stock.forecast import forecast  # noqa: E402

DAYS, H, SEASON = 365, 28, 7


def make_demand(n: int, days: int = DAYS, seed: int = 7) -> np.ndarray:
    """Intermittent daily demand, series x days."""
    rng = np.random.default_rng(seed)
    p = rng.uniform(0.05, 0.9, (n, 1))                       # chance of a sale on a day
    size = rng.lognormal(0.0, 0.8, (n, 1))                   # mean units when it sells
    week = 1 + rng.uniform(0, 0.8, (n, 1)) * np.sin(2 * np.pi * (np.arange(days) % 7) / 7 + rng.uniform(0, 6, (n, 1)))
    drift = 1 + rng.normal(0, 0.4, (n, 1)) * np.arange(days) / days
    prob = np.clip(p * week * drift, 0, 1)
    occurs = rng.random((n, days)) < prob
    return (occurs * (1 + rng.poisson(size, (n, days)))).astype(float)


def mase(actual: np.ndarray, pred: np.ndarray, train: np.ndarray) -> float:
    scale = np.abs(np.diff(train, axis=1)).mean(axis=1)
    ok = scale > 0
    return float((np.abs(actual - pred).mean(axis=1)[ok] / scale[ok]).mean())


def long_frame(Y: np.ndarray) -> pd.DataFrame:
    n, t = Y.shape
    ds = pd.date_range("2025-01-01", periods=t, freq="D")
    return pd.DataFrame({"unique_id": np.repeat([f"SKU{i:05d}" for i in range(n)], t),
                         "ds": np.tile(ds.to_numpy(), n), "y": Y.ravel()})


def run_seller_lab(Y: np.ndarray) -> dict:
    params = load_params()
    train, test = Y[:, :-H], Y[:, -H:]
    frame = long_frame(train)
    tracemalloc.start()
    t0 = time.perf_counter()
    res = forecast(frame, params, horizon=H)
    secs = time.perf_counter() - t0
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    # a second, untraced run for the time (tracemalloc slows allocation-heavy code)
    t0 = time.perf_counter()
    res = forecast(frame, params, horizon=H)
    secs = time.perf_counter() - t0
    pred = res.forecasts["forecast"].to_numpy().reshape(len(Y), H)
    out = {"seconds": secs, "peak_mb": peak / 2**20, "mase": mase(test, pred, train)}
    for model in ("TSB", "CrostonSBA", "SES", "SeasonalES", "SeasonalNaive"):
        out[f"mase_{model}"] = mase(test, res.forecasts[model].to_numpy().reshape(len(Y), H), train)
    out["chosen"] = res.chosen["method"].value_counts().to_dict()
    return out


SF_SCRIPT = r"""
import json, resource, sys, time
import numpy as np, pandas as pd
from statsforecast import StatsForecast
from statsforecast.models import AutoETS, CrostonOptimized, TSB, SeasonalNaive
d = np.load(sys.argv[1]); train, test = d["train"], d["test"]; H = test.shape[1]
n, t = train.shape
df = pd.DataFrame({"unique_id": np.repeat([f"SKU{i:05d}" for i in range(n)], t),
                   "ds": np.tile(pd.date_range("2025-01-01", periods=t, freq="D").to_numpy(), n),
                   "y": train.ravel()})
scale = np.abs(np.diff(train, axis=1)).mean(axis=1); ok = scale > 0
models = {"AutoETS": AutoETS(season_length=7), "CrostonOptimized": CrostonOptimized(),
          "TSB": TSB(alpha_d=0.1, alpha_p=0.1), "SeasonalNaive": SeasonalNaive(season_length=7)}
only = sys.argv[2].split(",") if len(sys.argv) > 2 and sys.argv[2] else list(models)
out = {}
warm = df[df["unique_id"].isin(df["unique_id"].unique()[:5])]
for name in only:
    sf = StatsForecast(models=[models[name]], freq="D", n_jobs=1)
    sf.forecast(df=warm, h=H)                     # numba compilation outside the timing
    t0 = time.perf_counter()
    fc = sf.forecast(df=df, h=H)
    secs = time.perf_counter() - t0
    col = [c for c in fc.columns if c not in ("unique_id", "ds")][0]
    fc = fc.sort_values(["unique_id", "ds"])
    pred = fc[col].to_numpy().reshape(n, H)
    m = float((np.abs(test - pred).mean(axis=1)[ok] / scale[ok]).mean())
    out[name] = {"seconds": secs, "mase": m,
                 "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}
print(json.dumps(out))
"""


def statsforecast_python() -> str | None:
    try:
        import statsforecast  # noqa: F401

        return sys.executable
    except ImportError:
        pass
    for cand in (os.environ.get("SELLER_LAB_BENCH_PYTHON", ""), str(ROOT / ".bench-venv/bin/python")):
        if cand and Path(cand).exists():
            ok = subprocess.run([cand, "-c", "import statsforecast"], capture_output=True)
            if ok.returncode == 0:
                return cand
    return None


def run_statsforecast(py: str, Y: np.ndarray, models: str = "") -> dict | None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "demand.npz"
        np.savez(path, train=Y[:, :-H], test=Y[:, -H:])
        script = Path(tmp) / "sf.py"
        script.write_text(SF_SCRIPT)
        proc = subprocess.run([py, str(script), str(path), models], capture_output=True, text=True)
    if proc.returncode:
        print("  statsforecast run failed:", proc.stderr.strip().splitlines()[-1:])
        return None
    return json.loads(proc.stdout.strip().splitlines()[-1])


def main(sizes: list[int]) -> None:
    py = statsforecast_python()
    print(f"machine: {os.cpu_count()} CPU(s); statsforecast: {py or 'not available (skipped)'}")
    for n in sizes:
        Y = make_demand(n)
        zero_share = float((Y == 0).mean())
        print(f"\n{n:,} SKUs x {DAYS} days ({zero_share:.0%} zero days), last {H} days held out")
        ours = run_seller_lab(Y)
        print(f"  seller_lab   fit+backtest+forecast {ours['seconds']:7.2f} s  "
              f"{n / ours['seconds']:9.0f} SKU/s  peak {ours['peak_mb']:7.1f} MB (tracemalloc)  "
              f"mean MASE {ours['mase']:.3f} (per-SKU choice)")
        print("    single models: " + ", ".join(f"{k[5:]} {v:.3f}" for k, v in ours.items()
                                                   if k.startswith("mase_")))
        print(f"    chosen: {ours['chosen']}")
        if py is None:
            continue
        sf = run_statsforecast(py, Y)
        if not sf:
            continue
        for name, r in sf.items():
            print(f"  statsforecast {name:<17} fit+forecast {r['seconds']:7.2f} s  "
                  f"{n / r['seconds']:9.0f} SKU/s  process peak RSS so far {r['peak_rss_mb']:6.0f} MB  "
                  f"mean MASE {r['mase']:.3f}")
        best = min(sf.items(), key=lambda kv: kv[1]["mase"])
        ets = sf.get("AutoETS")
        if ets:
            print(f"  -> throughput vs AutoETS: {ets['seconds'] / ours['seconds']:.1f}x; "
                  f"MASE {ours['mase']:.3f} vs best statsforecast ({best[0]}) {best[1]['mase']:.3f}")
    print(f"\nprocess max RSS {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]] or [1000, 10000])
