"""Time of the report step: the demo's reports, and 20 categories with --jobs 2.

Prints seconds per report and per batch (targets from issue 2: <= 15 s per report,
<= 2 min for 20 categories with --jobs 2). Works in a temporary project so the real
reports/ folder is untouched.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from seller_lab.params import list_categories  # noqa: E402
from seller_lab.report.batch import run_batch  # noqa: E402


def _project(tmp: Path, copies: int) -> list[str]:
    """A throw-away project: params, notebooks, and `copies` clones of each demo category."""
    shutil.copytree(ROOT / "params", tmp / "params")
    shutil.copytree(ROOT / "notebooks", tmp / "notebooks")
    from seller_lab.demo import generate

    generate(tmp / "data" / "demo", seed=7)
    base = list_categories(tmp / "params")
    slugs = list(base)
    for i in range(1, copies):
        for slug in base:
            text = (tmp / "params/categories" / f"{slug}.yaml").read_text(encoding="utf-8")
            (tmp / "params/categories" / f"{slug}-{i}.yaml").write_text(text, encoding="utf-8")
            slugs.append(f"{slug}-{i}")
    return slugs


def _time(kind: str, slugs: list[str], period: str, jobs: int, pdir: Path) -> None:
    t0 = time.perf_counter()
    res = run_batch(kind, slugs, period, jobs=jobs, params_dir=pdir, progress=False)
    wall = time.perf_counter() - t0
    per = [r.seconds for r in res]
    ok = sum(r.status == "ok" for r in res)
    print(f"{kind:8} {len(slugs):3} categories, --jobs {jobs}: {wall:6.1f} s wall, "
          f"{ok}/{len(res)} ok, per report min/median/max "
          f"{min(per):.1f}/{sorted(per)[len(per) // 2]:.1f}/{max(per):.1f} s")


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="bench_reports_") as tmp:
        tmp = Path(tmp)
        slugs = _project(tmp, copies=7)
        pdir = tmp / "params"
        demo = slugs[:3]
        _time("research", demo, "2026-11", 2, pdir)
        _time("monthly", demo, "2026-10", 2, pdir)
        _time("research", slugs[:20], "2026-11", 2, pdir)
        _time("monthly", slugs[:20], "2026-10", 2, pdir)


if __name__ == "__main__":
    main()
