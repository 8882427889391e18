"""Forecast benchmark (R3.2): seller_lab beside statsforecast, on speed and on real demand.

Sections (``--sections``, default all):

- ``cli``: ``seller-lab forecast`` end to end (read a 10k SKU x 365 day ``sku,date,units``
  CSV, infer the frequency, fit 6 models, 3-window rolling-origin backtest, per-SKU choice,
  28-day forecast with intervals, write the CSV) beside a plain statsforecast script on the
  same file (read it with pandas, fill the zero days, AutoETS(7) + CrostonOptimized +
  TSB(0.1, 0.1) + SeasonalNaive(7) with ``n_jobs=1``, no backtest, write the CSV). Both as
  fresh processes, wall time and CPU time. The statsforecast script needs ~9 CPU minutes
  (AutoETS on 10k daily series); ``--cli-skus 1000`` for a quick look.
- ``real``: accuracy on real SKU demand (``tests/data/demand_online_retail_weekly``, 300
  SKUs x 52 weeks, last 8 hidden; ``tests/data/demand_carparts_monthly``, 500 parts x 51
  months, last 6 hidden): our per-SKU choice vs statsforecast's CrostonOptimized,
  TSB(0.1, 0.1), ADIDA, IMAPA, AutoETS and SeasonalNaive on the same split, plus the
  zero and last-value forecasts. MASE and RMSSE scaled by the in-sample one-step naive
  error from each series' first sale, mean over series with a non-zero scale. These are
  the figures ``tests/stock/test_real_demand.py`` holds us to.
- ``m3``: frequency handling on real M3 series (monthly/quarterly/yearly, the sample in
  ``tests/data/demand_m3_sample`` or ``--m3 FILE`` in the same layout): sMAPE and MASE
  (seasonal-naive scale) of our forecast and of the last value.
- ``synthetic``: intermittent daily demand (seeded), last 28 days hidden, ``--sizes`` SKUs:
  seller_lab fit+backtest+forecast vs statsforecast fit+forecast, time and MASE.
- ``read``: reading a seller's plain ``sku, date, units`` sheet (``--read-rows`` rows, seeded) with
  :func:`seller_lab.stock.cli.read_plain_sales` (sniffing, checks of every row, one row per SKU and day) beside
  pandas reading the same three columns and parsing the dates; the CSV, and a 50k-row slice as .xlsx (the
  importers' reader) beside ``pandas.read_excel``. Best of 3, in this process.

statsforecast is not a project dependency: it is used when importable here, or from the
interpreter in $SELLER_LAB_BENCH_PYTHON or ``.bench-venv/bin/python``. Usage:
``python benchmarks/bench_forecast.py [--sections cli,real,m3,synthetic,read] [--sizes 1000]``.
"""

from __future__ import annotations

import argparse
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
from seller_lab.stock.forecast import (  # noqa: E402
    forecast,
    holdout_accuracy,
    holdout_scores,
    to_matrix,
)
from seller_lab.stock.frequency import infer_frequency  # noqa: E402

DAYS, H, SEASON = 365, 28, 7
DATA = ROOT / "tests" / "data"
REAL = {"weekly (UCI Online Retail)": ("demand_online_retail_weekly/weekly_units.csv", "sku", "week", 8),
        "monthly (car parts)": ("demand_carparts_monthly/monthly_units.csv", "part", "month", 6)}


def load_avg() -> str:
    try:
        return " / ".join(f"{x:.2f}" for x in os.getloadavg())
    except OSError:
        return "n/a"


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


def run_script(py: str, script: str, *args: str) -> tuple[dict | None, float, float]:
    """Run a script in a fresh process: (its last JSON line, wall s, CPU s of the child)."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "script.py"
        path.write_text(script)
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        t0 = time.perf_counter()
        proc = subprocess.run([py, str(path), *args], capture_output=True, text=True,
                              env={**os.environ, "PYTHONWARNINGS": "ignore"})
        wall = time.perf_counter() - t0
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    if proc.returncode:
        print("  run failed:", proc.stderr.strip().splitlines()[-1:])
        return None, wall, cpu
    lines = [ln for ln in proc.stdout.strip().splitlines() if ln.startswith("{")]
    return (json.loads(lines[-1]) if lines else {}), wall, cpu


# ------------------------------------------------------------------------------------
# cli: end to end beside a plain statsforecast script
# ------------------------------------------------------------------------------------
SF_CLI = r"""
import json, sys, time
import pandas as pd
from statsforecast import StatsForecast
from statsforecast.models import AutoETS, CrostonOptimized, TSB, SeasonalNaive
t0 = time.perf_counter()
raw = pd.read_csv(sys.argv[1], parse_dates=["date"])
wide = raw.pivot_table(index="sku", columns="date", values="units", aggfunc="sum").fillna(0.0)
wide = wide.reindex(columns=pd.date_range(wide.columns.min(), wide.columns.max(), freq="D"), fill_value=0.0)
df = wide.stack().rename("y").reset_index()
df.columns = ["unique_id", "ds", "y"]
t1 = time.perf_counter()
sf = StatsForecast(models=[AutoETS(season_length=7), CrostonOptimized(), TSB(alpha_d=0.1, alpha_p=0.1),
                           SeasonalNaive(season_length=7)], freq="D", n_jobs=1)
fc = sf.forecast(df=df, h=28)
t2 = time.perf_counter()
fc.to_csv(sys.argv[2], index=False)
print(json.dumps({"read": t1 - t0, "forecast": t2 - t1, "write": time.perf_counter() - t2,
                  "rows": len(fc)}))
"""

OURS_CLI = r"""
import json, sys, time
t0 = time.perf_counter()
from seller_lab.cli import main
rc = main(["forecast", sys.argv[1], "--horizon", "28", "--out", sys.argv[2]])
print(json.dumps({"rc": rc, "in_process": time.perf_counter() - t0}))
"""


def section_cli(py_sf: str | None, n: int = 10_000) -> None:
    print(f"\n-- cli: {n:,} SKUs x {DAYS} days, end to end (load average {load_avg()}, "
          f"{os.cpu_count()} CPUs) --")
    Y = make_demand(n)
    ds = pd.date_range("2025-01-01", periods=DAYS).strftime("%Y-%m-%d").to_numpy()
    i, t = np.nonzero(Y)
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "sales.csv"
        pd.DataFrame({"sku": np.array([f"SKU{k:05d}" for k in range(n)])[i], "date": ds[t],
                      "units": Y[i, t].astype(int)}).to_csv(src, index=False)
        print(f"  input: {len(i):,} rows, {src.stat().st_size / 2**20:.1f} MB")
        env_py = sys.executable
        os.environ["PYTHONPATH"] = str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", "")
        res, wall, cpu = run_script(env_py, OURS_CLI, str(src), str(Path(tmp) / "ours.csv"))
        print(f"  seller-lab forecast (6 models + 3-window backtest + choice): wall {wall:6.2f} s, "
              f"CPU {cpu:6.2f} s")
        if py_sf is None:
            print("  statsforecast script: not available (skipped)")
            return
        res, wall, cpu = run_script(py_sf, SF_CLI, str(src), str(Path(tmp) / "sf.csv"))
        if res:
            print(f"  statsforecast script (4 models, no backtest, n_jobs=1):   wall {wall:6.2f} s, "
                  f"CPU {cpu:6.2f} s (read+fill {res['read']:.2f} s, forecast {res['forecast']:.2f} s, "
                  f"write {res['write']:.2f} s)")


# ------------------------------------------------------------------------------------
# real: accuracy on real weekly and monthly demand
# ------------------------------------------------------------------------------------
SF_REAL = r"""
import json, sys
import numpy as np, pandas as pd
from statsforecast import StatsForecast
from statsforecast.models import AutoETS, CrostonOptimized, TSB, SeasonalNaive, ADIDA, IMAPA
d = np.load(sys.argv[1], allow_pickle=True)
hist, ids, dates, freq, m = d["hist"], d["ids"], pd.DatetimeIndex(d["dates"]), str(d["freq"]), int(d["m"])
h = int(d["h"])
rows = []
for i, sid in enumerate(ids):
    ok = ~np.isnan(hist[i])
    rows.append(pd.DataFrame({"unique_id": sid, "ds": dates[ok], "y": hist[i, ok]}))
df = pd.concat(rows, ignore_index=True)
sf = StatsForecast(models=[CrostonOptimized(), TSB(alpha_d=0.1, alpha_p=0.1), ADIDA(), IMAPA(),
                           AutoETS(season_length=m), SeasonalNaive(season_length=m)], freq=freq, n_jobs=1)
fc = sf.forecast(df=df, h=h)
fc = fc.set_index("unique_id").loc[list(ids)]
out = {c: fc[c].to_numpy().reshape(len(ids), h).tolist() for c in fc.columns if c != "ds"}
print(json.dumps(out))
"""


def section_real(py_sf: str | None) -> None:
    print(f"\n-- real demand, last periods hidden (load average {load_avg()}) --")
    params = load_params()
    for name, (path, sku, date, hide) in REAL.items():
        raw = pd.read_csv(DATA / path)
        s = pd.DataFrame({"unique_id": raw[sku].astype(str), "ds": pd.to_datetime(raw[date]),
                          "y": raw["units"].astype(float)})
        info = infer_frequency(s, params)
        ids, dates, Y, valid = to_matrix(s, info.freq)
        T = Y.shape[1]
        hist, actual = Y[:, :T - hide], np.nan_to_num(Y[:, T - hide:])
        t0 = time.perf_counter()
        ours = holdout_accuracy(s, params, hide=hide)
        secs = time.perf_counter() - t0
        table = {"seller_lab (per-SKU choice)": ours[["mase", "rmsse"]]}
        table["zero forecast"] = holdout_scores(actual, np.zeros_like(actual), hist)
        table["last value"] = holdout_scores(actual, np.repeat(np.nan_to_num(hist[:, -1:]), hide, 1), hist)
        if py_sf:
            m = {"W": 52, "M": 12}[info.kind]
            with tempfile.TemporaryDirectory() as tmp:
                npz = Path(tmp) / "real.npz"
                np.savez(npz, hist=hist, ids=np.asarray(ids, dtype=str), dates=dates[:T - hide].to_numpy(),
                         freq=info.freq, m=m, h=hide)
                res, _, _ = run_script(py_sf, SF_REAL, str(npz))
            for model, pred in (res or {}).items():
                table[f"statsforecast {model}"] = holdout_scores(actual, np.asarray(pred, float), hist)
        print(f"  {name}: {len(ids)} SKUs, {info.note}, last {hide} hidden; "
              f"seller_lab {secs:.2f} s; chosen {ours['method'].value_counts().to_dict()}; "
              f"forecast/actual units {ours['forecast_units'].sum() / ours['actual_units'].sum():.2f}")
        base = table["seller_lab (per-SKU choice)"][["mase", "rmsse"]].notna().all(axis=1).to_numpy()
        for label, sc in table.items():
            sub = sc.loc[base]
            full = sub[["mase", "rmsse"]].notna().all(axis=1).mean()
            note = "" if full == 1 else f"  (forecasts only {full:.0%} of the series)"
            print(f"    {label:<34} MASE {sub['mase'].mean():.4f}  RMSSE {sub['rmsse'].mean():.4f}{note}")
        peers = {k: v.loc[base] for k, v in table.items() if k.startswith("statsforecast")
                 and v.loc[base][["mase", "rmsse"]].notna().all(axis=1).all()}
        if peers:
            for metric in ("mase", "rmsse"):
                best = min(peers, key=lambda k: peers[k][metric].mean())
                mine = table["seller_lab (per-SKU choice)"].loc[base, metric].mean()
                print(f"    -> {metric.upper()}: seller_lab {mine:.4f} vs best {best[14:]} "
                      f"{peers[best][metric].mean():.4f}: {'OK' if mine <= peers[best][metric].mean() else 'WORSE'}")


# ------------------------------------------------------------------------------------
# m3: frequency handling on real monthly/quarterly/yearly series
# ------------------------------------------------------------------------------------
def section_m3(path: Path) -> None:
    print(f"\n-- M3 ({path.name}): frequency handling, sMAPE / MASE (seasonal-naive scale) --")
    m3 = pd.read_csv(path, parse_dates=["date"])
    params = load_params()
    for period, lag in (("MONTHLY", 12), ("QUARTERLY", 4), ("YEARLY", 1)):
        part = m3[m3["period"] == period]
        if part.empty:
            continue
        train = part[part["split"] == "train"]
        test = part[part["split"] == "test"]
        t0 = time.perf_counter()
        res = {"ours": [], "naive": []}
        freqs = set()
        for sid, hist in train.groupby("series"):          # each series from its own end
            s = pd.DataFrame({"unique_id": sid, "ds": hist["date"], "y": hist["value"]})
            actual = test.loc[test["series"] == sid].sort_values("date")["value"].to_numpy()
            r = forecast(s, params, horizon=len(actual))
            freqs.add(r.freq)
            y = hist.sort_values("date")["value"].to_numpy()
            scale = np.mean(np.abs(y[lag:] - y[:-lag])) if len(y) > lag else np.nan
            for key, pred in (("ours", r.forecasts["forecast"].to_numpy()), ("naive", np.full(len(actual), y[-1]))):
                smape = np.mean(200 * np.abs(actual - pred) / (np.abs(actual) + np.abs(pred)))
                res[key].append((smape, np.mean(np.abs(actual - pred)) / scale))
        secs = time.perf_counter() - t0
        o, nv = np.nanmean(res["ours"], axis=0), np.nanmean(res["naive"], axis=0)
        print(f"  {period.lower():<9} {len(res['ours']):4d} series, inferred {sorted(freqs)}: "
              f"ours sMAPE {o[0]:6.2f} MASE {o[1]:.2f}; last value sMAPE {nv[0]:6.2f} MASE {nv[1]:.2f} "
              f"({secs:.1f} s)")
    print("  published over all 3,003 M3 series: Theta sMAPE 12.76 / MASE 1.39, NAIVE2 14.74 / 1.67")


# ------------------------------------------------------------------------------------
# synthetic daily: speed and accuracy of the forecast call itself
# ------------------------------------------------------------------------------------
def mase(actual: np.ndarray, pred: np.ndarray, train: np.ndarray) -> float:
    scale = np.abs(np.diff(train, axis=1)).mean(axis=1)
    ok = scale > 0
    return float((np.abs(actual - pred).mean(axis=1)[ok] / scale[ok]).mean())


def long_frame(Y: np.ndarray) -> pd.DataFrame:
    n, t = Y.shape
    ds = pd.date_range("2025-01-01", periods=t, freq="D")
    return pd.DataFrame({"unique_id": np.repeat([f"SKU{i:05d}" for i in range(n)], t),
                         "ds": np.tile(ds.to_numpy(), n), "y": Y.ravel()})


SF_SYN = r"""
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
out = {}
warm = df[df["unique_id"].isin(df["unique_id"].unique()[:5])]
for name in models:
    sf = StatsForecast(models=[models[name]], freq="D", n_jobs=1)
    sf.forecast(df=warm, h=H)                     # numba compilation outside the timing
    t0 = time.perf_counter()
    fc = sf.forecast(df=df, h=H)
    secs = time.perf_counter() - t0
    col = [c for c in fc.columns if c not in ("unique_id", "ds")][0]
    pred = fc.sort_values(["unique_id", "ds"])[col].to_numpy().reshape(n, H)
    m = float((np.abs(test - pred).mean(axis=1)[ok] / scale[ok]).mean())
    out[name] = {"seconds": secs, "mase": m}
print(json.dumps(out))
"""


def section_synthetic(py_sf: str | None, sizes: list[int]) -> None:
    params = load_params()
    for n in sizes:
        Y = make_demand(n)
        train, test = Y[:, :-H], Y[:, -H:]
        frame = long_frame(train)
        print(f"\n-- synthetic daily: {n:,} SKUs x {DAYS} days ({(Y == 0).mean():.0%} zero days), "
              f"last {H} hidden (load average {load_avg()}) --")
        tracemalloc.start()
        forecast(frame, params, horizon=H)
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        t0 = time.perf_counter()
        res = forecast(frame, params, horizon=H)
        secs = time.perf_counter() - t0
        pred = res.forecasts["forecast"].to_numpy().reshape(n, H)
        print(f"  seller_lab fit+backtest+forecast {secs:6.2f} s  peak {peak / 2**20:6.1f} MB "
              f"(tracemalloc)  MASE {mase(test, pred, train):.3f}  chosen "
              f"{res.chosen['method'].value_counts().to_dict()}")
        if py_sf is None:
            continue
        with tempfile.TemporaryDirectory() as tmp:
            npz = Path(tmp) / "demand.npz"
            np.savez(npz, train=train, test=test)
            sf, _, _ = run_script(py_sf, SF_SYN, str(npz))
        for name, r in (sf or {}).items():
            print(f"  statsforecast {name:<17} fit+forecast {r['seconds']:6.2f} s  MASE {r['mase']:.3f}")


def _best_of(fn, runs: int = 3) -> float:
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return min(times)


def section_read(n: int) -> None:
    from seller_lab.stock.cli import read_plain_sales

    print(f"\n== reading a plain sku,date,units sheet: read_plain_sales vs pandas ({n:,} rows CSV, 50,000 rows XLSX) ==")
    rng = np.random.default_rng(7)
    dates = pd.date_range("2024-01-01", periods=700).strftime("%Y-%m-%d").to_numpy()
    frame = pd.DataFrame({"sku": rng.integers(0, 3000, n).astype(str), "date": dates[rng.integers(0, 700, n)],
                          "units": rng.integers(1, 9, n)})
    params = load_params(None)
    with tempfile.TemporaryDirectory() as tmp:
        csv, xlsx = Path(tmp) / "sales.csv", Path(tmp) / "sales.xlsx"
        frame.to_csv(csv, index=False)
        frame.head(50_000).to_excel(xlsx, index=False)

        def peer(path: Path) -> None:
            f = (pd.read_csv(path, dtype={"sku": str, "date": str}) if path.suffix == ".csv"
                 else pd.read_excel(path, dtype={"sku": str, "date": str}))
            pd.to_datetime(f["date"], format="ISO8601")

        for path in (csv, xlsx):
            ours = _best_of(lambda p=path: read_plain_sales(p, params))
            theirs = _best_of(lambda p=path: peer(p))
            print(f"  {path.suffix[1:]:>4}: read_plain_sales {ours:.2f} s, pandas {theirs:.2f} s")


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sections", default="cli,real,m3,synthetic,read")
    ap.add_argument("--sizes", default="1000", help="synthetic SKU counts, comma-separated")
    ap.add_argument("--cli-skus", type=int, default=10_000)
    ap.add_argument("--m3", default=str(DATA / "demand_m3_sample" / "m3_sample.csv"))
    ap.add_argument("--read-rows", type=int, default=1_000_000)
    args = ap.parse_args(argv)
    sections = args.sections.split(",")
    py = statsforecast_python()
    print(f"machine: {os.cpu_count()} CPU(s), load average {load_avg()}; "
          f"statsforecast: {py or 'not available (skipped)'}")
    if "cli" in sections:
        section_cli(py, args.cli_skus)
    if "real" in sections:
        section_real(py)
    if "m3" in sections:
        section_m3(Path(args.m3))
    if "synthetic" in sections:
        section_synthetic(py, [int(x) for x in args.sizes.split(",") if x])
    if "read" in sections:
        section_read(args.read_rows)
    print(f"\nprocess max RSS {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")


if __name__ == "__main__":
    main()
