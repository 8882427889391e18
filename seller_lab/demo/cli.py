"""``seller-lab demo [--out data/demo] [--seed 7] [--scale 1] [--categories ...] [--lang en zh]``:
write the bundled demo world (every input a seller has, in the real export layouts) and print
per category the files and rows written and the time taken; with ``--lang`` also render the
demo's research and monthly reports in each language (what ``make demo`` runs)."""

from __future__ import annotations

import gzip
import sys
import time
from pathlib import Path

from ..errors import SellerLabError
from ..i18n import SUPPORTED_LANGUAGES

#: The periods the demo data covers: research in November, monthly reviews of Sep and Oct 2026.
DEMO_RESEARCH_PERIOD = "2026-11"
DEMO_MONTHS = ("2026-09", "2026-10")


def register(sub) -> None:
    p = sub.add_parser("demo", help="write the demo data (3 categories, real export layouts)",
                       description="Generate the demo world deterministically from a seed: "
                       "per category data/demo/<slug>/ with Google Trends, reviews, Q&A, posts, "
                       "Helium 10, Business Report, orders, stock, shipments, returns, tickets "
                       "and the pilot; planted truths in seller_lab/demo/TRUTHS.md and "
                       "<out>/_truths.json.")
    p.add_argument("--out", default=None,
                   help="output folder (default: the project's data/demo)")
    p.add_argument("--seed", type=int, default=7, help="random seed (same seed -> same bytes)")
    p.add_argument("--scale", type=float, default=1.0,
                   help="multiply volumes (orders, reviews, ...); benchmarks use e.g. 20")
    p.add_argument("--categories", nargs="+", default=None, metavar="SLUG",
                   help="only these demo categories (default: all three)")
    p.add_argument("--lang", nargs="+", default=None, choices=list(SUPPORTED_LANGUAGES),
                   help="also render the demo's research and monthly reports in these languages "
                        "(English keeps <period>.html, Chinese is <period>.zh.html; reports/index*.html link them)")
    p.add_argument("--research-period", default=DEMO_RESEARCH_PERIOD, help="research period of the reports")
    p.add_argument("--months", nargs="+", default=list(DEMO_MONTHS), metavar="YYYY-MM",
                   help="months of the monthly reviews (oldest first: a review compares last month's decisions)")
    p.add_argument("--jobs", type=int, default=1, help="parallel report workers")
    p.set_defaults(func=_demo)


def default_out() -> Path:
    """The project's ``data/demo`` (``paths.data_root`` of the params, project root)."""
    from ..params import load_params, resolve

    params = load_params()
    return resolve(params, Path(params["paths"]["data_root"]) / "demo")


def count_rows(path: Path) -> int | None:
    """Data rows of an export file (lines after the header; JSON Lines: lines; XLSX: sheet
    rows after the header); None when not countable."""
    path = Path(path)
    name = path.name.lower()
    try:
        if name.endswith(".xlsx"):
            from openpyxl import load_workbook

            wb = load_workbook(path, read_only=True)
            try:
                return max(sum(ws.max_row or 0 for ws in wb.worksheets) - len(wb.worksheets), 0)
            finally:
                wb.close()
        opener = gzip.open if name.endswith(".gz") else open
        with opener(path, "rb") as fh:
            lines = sum(chunk.count(b"\n") for chunk in iter(lambda: fh.read(1 << 20), b""))
        base = name[:-3] if name.endswith(".gz") else name
        if base.endswith((".jsonl", ".ndjson")):
            return lines
        if base.endswith(".json"):       # McAuley dict lines: one record per line
            with opener(path, "rt", encoding="utf-8", errors="replace") as fh:
                head = [fh.readline().lstrip() for _ in range(2)]
            return lines if all(h.startswith("{") for h in head) else None
        if base.startswith("multitimeline"):
            return max(lines - 3, 0)     # 'Category: ...', blank line, header
        return max(lines - 1, 0)
    except OSError:
        return None


def _demo(args) -> int:
    from . import generate

    out = Path(args.out) if args.out else default_out()
    if args.lang and out.resolve() != default_out().resolve():
        raise SellerLabError(f"--lang renders the demo categories' reports, whose params read "
                             f"{default_out()}; --out {out} would not be what they show. Fix: drop --out, "
                             "or run seller-lab research/monthly --lang on your own params")
    t0 = time.perf_counter()
    res = generate(out, seed=args.seed, scale=args.scale, categories=args.categories)
    took = time.perf_counter() - t0
    print(f"demo written to {out} (seed {args.seed}, scale {args.scale:g}) in {took:.1f} s")
    for slug, info in res.items():
        if slug == "sop_log":
            continue
        print(f"\n{slug} ({info.get('seconds', 0):.1f} s):")
        total = 0
        for f in info["files"]:
            n = count_rows(Path(f))
            total += n or 0
            shown = "-" if n is None else f"{n:,}"
            print(f"  {Path(f).name:42} {shown:>10} rows")
        print(f"  {'(all files)':42} {total:>10,} rows")
    print(f"\nshared SOP log: {res['sop_log']}")
    print(f"planted truths: {out / '_truths.json'} (documented in seller_lab/demo/TRUTHS.md)")
    if not args.lang:
        return 0
    return _reports([s for s in res if s != "sop_log"], args)


def _reports(slugs: list[str], args) -> int:
    """The demo's research and monthly reports in every language asked for."""
    from ..report.batch import run_batch  # papermill and the analysis stack load only here

    failed = 0
    for lang in args.lang:
        runs = [("research", args.research_period)] + [("monthly", m) for m in args.months]
        for kind, period in runs:
            for r in run_batch(kind, slugs, period, jobs=args.jobs, lang=lang, progress=False):
                failed += r.status != "ok"
                print(f"{r.status:6} {lang} {kind:8} {period} {r.category:24} {r.seconds:6.1f}s  "
                      f"{r.html if r.status == 'ok' else r.error}", file=sys.stdout if r.status == "ok" else sys.stderr)
    print("index: reports/index.html" + (" and reports/index.zh.html" if "zh" in args.lang else ""))
    return 1 if failed else 0
