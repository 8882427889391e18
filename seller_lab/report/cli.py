"""``seller-lab research`` and ``seller-lab monthly``: batch report runs."""

from __future__ import annotations

import atexit
import gc
import re
import sys
from datetime import date
from functools import cache

from ..errors import SellerLabError
from ..params import category_file, list_categories, load_params

__all__ = ["register"]

_MONTH = re.compile(r"^\d{4}-(0[1-9]|1[0-2])$")


def _categories(args) -> list[str]:
    if args.all:
        cats = list_categories(args.params_dir)
        if not cats:
            raise SellerLabError("no category params files under params/categories/. Fix: copy "
                                 "one of the demo files and edit it")
        return cats
    if not args.categories:
        raise SellerLabError("name at least one category or pass --all")
    for c in args.categories:
        category_file(c, args.params_dir)  # a typo fails here, with the closest slug
    return args.categories


def _start_kernel_early(kind: str, args, cats: list[str]) -> None:
    """When the reports run in this process (one category, or ``--jobs 1``), launch the
    kernel now: it starts and preloads the template's imports on one core while this
    process imports papermill and nbconvert and ingests the store on the other."""
    if args.cluster or (args.jobs > 1 and len(cats) > 1):
        return
    from .kernel import start_kernel  # jupyter_client: only when a report runs

    start_kernel(load_params(cats[0], args.params_dir), kind)


def _stop_early_kernel() -> None:
    from .kernel import shutdown_process_kernel  # jupyter_client: only when a report runs

    shutdown_process_kernel()


@cache  # once per process, however many commands a test runs in it
def _freeze_at_exit() -> None:
    """Skip the interpreter's final garbage collections when this process ends.

    A report command's process holds ~150k tracked objects (pandas, papermill, nbconvert,
    the store); the collections Python runs over them while it shuts down took 2.1-2.5 s
    on a loaded machine (load 13) after the results were printed, 0.2 s with this. Frozen
    objects are skipped by them; everything else (atexit handlers, the kernel's shutdown,
    objects freed by reference counting, closing files) still runs.
    Registered first, so it runs after the handlers registered later (atexit is LIFO).
    """
    atexit.register(gc.freeze)


def _run(kind: str, args) -> int:
    _freeze_at_exit()
    # papermill, nbconvert and the analysis stack load when a report runs, not when any
    # `seller-lab` command starts
    period = args.month if kind == "monthly" else (args.period or date.today().strftime("%Y-%m"))
    if kind == "monthly" and not _MONTH.match(period or ""):
        raise SellerLabError(f"--month '{period}' is not YYYY-MM. Fix: e.g. --month 2026-10")
    cats = _categories(args)
    _start_kernel_early(kind, args, cats)
    # after the kernel's launch: these imports (pandas, papermill, nbconvert) run beside it
    from ..asof import period_end
    from ..i18n import SUPPORTED_LANGUAGES
    from .batch import make_executor, run_batch

    if args.lang is not None and args.lang not in SUPPORTED_LANGUAGES:
        _stop_early_kernel()
        raise SellerLabError(f"--lang '{args.lang}' is not a report language. Fix: one of "
                             f"{', '.join(SUPPORTED_LANGUAGES)}")
    if kind == "research":
        try:
            period_end(period)  # a label that is no period fails here, before any report runs
        except SellerLabError:
            _stop_early_kernel()
            raise
    if args.cluster:
        with make_executor(cluster=args.cluster) as ex:
            results = run_batch(kind, cats, period, executor=ex, params_dir=args.params_dir, lang=args.lang)
    else:
        results = run_batch(kind, cats, period, jobs=args.jobs, params_dir=args.params_dir, lang=args.lang)
    failed = [r for r in results if r.status != "ok"]
    for r in results:
        line = f"{r.status:6} {r.category:28} {r.seconds:6.1f}s  "
        line += r.html if r.status == "ok" else r.error
        print(line, file=sys.stdout if r.status == "ok" else sys.stderr)
    index = "reports/index.html" if (args.lang or "en") == "en" else f"reports/index.{args.lang}.html"
    print(f"{len(results) - len(failed)} ok, {len(failed)} failed; index: {index}")
    return 1 if failed else 0


def register(sub) -> None:
    for kind, helptext in (("research", "per-category research reports (R1, R2.1)"),
                           ("monthly", "monthly review reports (R3-R7)")):
        p = sub.add_parser(kind, help=helptext)
        p.add_argument("categories", nargs="*", metavar="CATEGORY")
        p.add_argument("--all", action="store_true", help="every category under params/categories")
        if kind == "monthly":
            p.add_argument("--month", required=True, help="YYYY-MM")
        else:
            p.add_argument("--period", default=None,
                           help="YYYY-MM (or YYYY-Qn, YYYY): the research uses only data up to its end; "
                                "default this month")
        p.add_argument("--jobs", type=int, default=1, help="parallel worker processes")
        p.add_argument("--cluster", default=None, metavar="ADDRESS",
                       help="run on a Dask distributed scheduler (seller_lab[cluster])")
        p.add_argument("--params-dir", default=None)
        # checked in _run: the language table loads pandas and babel, which would delay the
        # kernel's launch
        p.add_argument("--lang", default=None, metavar="LANG",
                       help="report language: en | zh (default: each category's report.language, else en); "
                            "English keeps <period>.html, another language is written beside it as "
                            "<period>.<lang>.html")
        p.set_defaults(func=lambda a, k=kind: _run(k, a))
