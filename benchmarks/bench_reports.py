"""Time of the report step: one report alone, the demo's reports, and 20 categories with --jobs 2.

Prints, per report kind:

* ``single``: one report in a fresh process (kernel start and imports included: what one
  ``seller-lab research CATEGORY`` costs);
* ``warm``: seconds per report once a worker's kernel is up (min/median/max of a batch);
* ``batch``: the wall time of 20 categories with ``--jobs 2`` (the store ingest included).

Targets (issue 14): one research report <= 5 s, 20 categories <= 60 s per report kind with
--jobs 2 on 2 cores. Works in a temporary project so the real reports/ folder is untouched.
Timings depend on the machine's load: give ``uptime`` with them.
"""

from __future__ import annotations

import os
import shutil
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

PERIODS = {"research": "2026-11", "monthly": "2026-10"}
SINGLE = """
import sys, time
t0 = time.perf_counter()
from seller_lab.report.runner import run_report
r = run_report(sys.argv[1], sys.argv[2], sys.argv[3], params_dir=sys.argv[4])
print(r.status, round(time.perf_counter() - t0, 2), r.error)
"""


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


def _single(kind: str, slug: str, pdir: Path) -> None:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")])}
    t0 = time.perf_counter()
    out = subprocess.run([sys.executable, "-c", SINGLE, kind, slug, PERIODS[kind], str(pdir)],
                         capture_output=True, text=True, env=env, cwd=pdir.parent)
    wall = time.perf_counter() - t0
    line = (out.stdout.strip().splitlines() or ["failed " + out.stderr[-300:]])[-1]
    print(f"{kind:8} single report {slug}: {wall:5.1f} s wall (interpreter start included; run_report: {line})")


def _batch(kind: str, slugs: list[str], jobs: int, pdir: Path) -> None:
    t0 = time.perf_counter()
    res = run_batch(kind, slugs, PERIODS[kind], jobs=jobs, params_dir=pdir, progress=False)
    wall = time.perf_counter() - t0
    per = sorted(r.seconds for r in res)
    ok = sum(r.status == "ok" for r in res)
    print(f"{kind:8} {len(slugs):3} categories, --jobs {jobs}: {wall:6.1f} s wall, {ok}/{len(res)} ok; "
          f"per report min/median/max {per[0]:.1f}/{per[len(per) // 2]:.1f}/{per[-1]:.1f} s")


def main() -> None:
    print("load:", os.getloadavg())
    with tempfile.TemporaryDirectory(prefix="bench_reports_") as tmp:
        tmp = Path(tmp)
        slugs = _project(tmp, copies=7)
        pdir = tmp / "params"
        for kind in ("research", "monthly"):
            _batch(kind, slugs[:3], 2, pdir)           # ingest the store once; warms the font cache
            _single(kind, slugs[0], pdir)
            _batch(kind, slugs[:20], 2, pdir)
    print("load:", os.getloadavg())


if __name__ == "__main__":
    main()
