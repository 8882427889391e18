"""Time of the report step: one report alone, the demo's reports, and 20 categories with --jobs 2.

Prints, per report kind:

* ``single``: one report as an analyst runs it, ``seller-lab research CATEGORY --period P``
  in a fresh process (interpreter, imports, kernel start, store check, HTML, index: all
  included; the store is ingested already, as on a second run);
* ``warm``: seconds per report once a worker's kernel is up (min/median/max of a batch);
* ``batch``: the wall time of 20 categories with ``--jobs 2`` (the store ingest included);
* ``kernel``: CPU seconds of a new kernel running one report as a command that runs it alone
  does (a second core for the analysis): the kernel's own CPU (start, preloaded imports, every
  cell: the report's critical path) and, apart, its helper process's (beside it);
* ``cpu``: CPU seconds per report (this process + its kernel), reports run one after another
  in this process: on a machine shared with other work the wall times above stretch with the
  load, the CPU seconds much less.

Targets (issue 14): one research report <= 5 s, 20 categories <= 60 s per report kind with
--jobs 2 on 2 cores. Works in a temporary project so the real reports/ folder is untouched.
Timings depend on the machine's load: give ``uptime`` with them.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from seller_lab.demo import generate  # noqa: E402
from seller_lab.params import list_categories  # noqa: E402
from seller_lab.report.batch import run_batch  # noqa: E402
from seller_lab.report.runner import process_kernel, run_report, shutdown_process_kernel  # noqa: E402

PERIODS = {"research": "2026-11", "monthly": "2026-10"}


def _project(tmp: Path, copies: int) -> list[str]:
    """A throw-away project: params, notebooks, and `copies` clones of each demo category."""
    shutil.copytree(ROOT / "params", tmp / "params")
    shutil.copytree(ROOT / "notebooks", tmp / "notebooks")
    generate(tmp / "data" / "demo", seed=7)
    base = list_categories(tmp / "params")
    slugs = list(base)
    for i in range(1, copies):
        for slug in base:
            text = (tmp / "params/categories" / f"{slug}.yaml").read_text(encoding="utf-8")
            (tmp / "params/categories" / f"{slug}-{i}.yaml").write_text(text, encoding="utf-8")
            slugs.append(f"{slug}-{i}")
    return slugs


def _single(kind: str, slug: str, pdir: Path, lang: str | None = None, quiet: bool = False) -> tuple[float, float]:
    """``seller-lab research|monthly SLUG [--lang LANG]`` in a fresh process, from the project's folder:
    ``(wall, CPU)`` seconds of the process and its kernel."""
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")])}
    cli = [sys.executable, "-m", "seller_lab.cli", kind, slug, "--params-dir", str(pdir),
           "--period" if kind == "research" else "--month", PERIODS[kind]] + (["--lang", lang] if lang else [])
    t0, r0 = time.perf_counter(), resource.getrusage(resource.RUSAGE_CHILDREN)
    out = subprocess.run(cli, capture_output=True, text=True, env=env, cwd=pdir.parent)
    wall, r1 = time.perf_counter() - t0, resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (r1.ru_utime - r0.ru_utime) + (r1.ru_stime - r0.ru_stime)  # the process and its kernel
    status = "ok" if out.returncode == 0 else f"failed (exit {out.returncode}): {out.stderr.strip()[-300:]}"
    if not quiet or out.returncode:
        print(f"{kind:8} single report {slug}: {wall:5.1f} s wall, {cpu:5.1f} CPU s (`seller-lab {kind}` in a fresh "
              f"process: interpreter, imports, kernel, HTML, index) {status}")
    return wall, cpu


def _languages(kind: str, slug: str, pdir: Path, repeat: int) -> None:
    """R7: a Chinese report against the English one, cold, run alternately ``repeat`` times each."""
    runs = {"en": [], "zh": []}
    for _ in range(repeat):
        for lang in runs:
            runs[lang].append(_single(kind, slug, pdir, lang=lang, quiet=True))
    med = {lang: (statistics.median(w for w, _ in r), statistics.median(c for _, c in r)) for lang, r in runs.items()}
    print(f"{kind:8} zh against en, {repeat} cold reports each, medians: wall {med['zh'][0]:.2f} / {med['en'][0]:.2f} s "
          f"= {med['zh'][0] / med['en'][0]:.3f}x, CPU {med['zh'][1]:.2f} / {med['en'][1]:.2f} s "
          f"= {med['zh'][1] / med['en'][1]:.3f}x (target <= 1.10x)")


def _kernel_cpu(kind: str, slug: str, pdir: Path, repeat: int) -> None:
    """CPU seconds of a new kernel running one report (kernel start and preload included)."""
    own, helper = [], []
    for _ in range(repeat):
        shutdown_process_kernel()
        r = run_report(kind, slug, PERIODS[kind], params_dir=pdir, analysis_jobs=2)
        assert r.status == "ok", r.error
        fields = Path(f"/proc/{process_kernel('seller-lab', str(pdir.parent.resolve())).km.provisioner.process.pid}"
                      "/stat").read_text().rsplit(")", 1)[1].split()
        tick = os.sysconf("SC_CLK_TCK")
        own.append((int(fields[11]) + int(fields[12])) / tick)       # utime + stime
        helper.append((int(fields[13]) + int(fields[14])) / tick)    # its finished children
        shutdown_process_kernel()
    print(f"{kind:8} kernel of one cold report: {', '.join(f'{c:.2f}' for c in own)} CPU s (critical path: "
          f"start, preload, cells); helper beside it {', '.join(f'{c:.2f}' for c in helper)} CPU s")


def _cpu_total() -> float:
    """CPU seconds of this process and of every finished child (workers and their kernels)."""
    own, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


def _batch(kind: str, slugs: list[str], jobs: int, pdir: Path) -> None:
    t0, c0 = time.perf_counter(), _cpu_total()
    res = run_batch(kind, slugs, PERIODS[kind], jobs=jobs, params_dir=pdir, progress=False)
    wall, cpu = time.perf_counter() - t0, _cpu_total() - c0
    per = sorted(r.seconds for r in res)
    ok = sum(r.status == "ok" for r in res)
    print(f"{kind:8} {len(slugs):3} categories, --jobs {jobs}: {wall:6.1f} s wall, {ok}/{len(res)} ok; "
          f"per report min/median/max {per[0]:.1f}/{per[len(per) // 2]:.1f}/{per[-1]:.1f} s; "
          f"{cpu:.1f} CPU s in all ({cpu / max(jobs, 1):.1f} s per core)")


def _proc_cpu(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")  # utime + stime


def _serial_cpu(kind: str, slugs: list[str], pdir: Path) -> None:
    """CPU seconds of each report run in this process's (warm) kernel."""
    shutdown_process_kernel()
    run_report(kind, slugs[0], PERIODS[kind], params_dir=pdir)  # warm: kernel up, imports done
    kernel = process_kernel("seller-lab", str(pdir.parent.resolve()))
    pid = kernel.km.provisioner.process.pid
    cpu, wall = [], []
    for slug in slugs:
        c0, k0, t0 = time.process_time(), _proc_cpu(pid), time.perf_counter()
        r = run_report(kind, slug, PERIODS[kind], params_dir=pdir)
        assert r.status == "ok", r.error
        cpu.append(time.process_time() - c0 + _proc_cpu(pid) - k0)
        wall.append(time.perf_counter() - t0)
    shutdown_process_kernel()
    cpu.sort()
    print(f"{kind:8} cpu per warm report ({len(slugs)} run one after another): min/median/max "
          f"{cpu[0]:.1f}/{cpu[len(cpu) // 2]:.1f}/{cpu[-1]:.1f} CPU s (wall median {sorted(wall)[len(wall) // 2]:.1f} s)")


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--kinds", nargs="+", default=["research", "monthly"], choices=list(PERIODS))
    ap.add_argument("--single-only", action="store_true",
                    help="only the single cold report (run --repeat times), not the batches")
    ap.add_argument("--repeat", type=int, default=1, help="single cold reports per kind")
    ap.add_argument("--languages", action="store_true",
                    help="also a Chinese single report against the English one, --repeat times each (R7)")
    args = ap.parse_args(argv)
    print("load:", os.getloadavg())
    with tempfile.TemporaryDirectory(prefix="bench_reports_") as tmp:
        tmp = Path(tmp)
        slugs = _project(tmp, copies=7)
        pdir = tmp / "params"
        for kind in args.kinds:
            _batch(kind, slugs[:3], 2, pdir)           # ingest the store once; warms the font cache
            for _ in range(args.repeat):
                _single(kind, slugs[0], pdir)
            _kernel_cpu(kind, slugs[0], pdir, args.repeat)
            if args.languages:
                _languages(kind, slugs[0], pdir, max(args.repeat, 3))
            if not args.single_only:
                _batch(kind, slugs[:20], 2, pdir)
                _serial_cpu(kind, slugs[:6], pdir)
    print("load:", os.getloadavg())


if __name__ == "__main__":
    main()
