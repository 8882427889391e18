"""Run one report kind for many categories: parallel, isolated, with a progress bar.

The batch takes any ``concurrent.futures`` executor: a process pool by default, or a
Dask distributed cluster's executor (``--cluster ADDRESS``). One failing category is
reported (cell, error) and never stops the others. The parent process alone writes the
store (ingest before, Decisions after), because DuckDB allows one writer per file.
"""

from __future__ import annotations

import inspect
import logging
import os
from concurrent.futures import Executor, ProcessPoolExecutor, as_completed
from contextlib import contextmanager
from pathlib import Path

import pandas as pd
from tqdm.auto import tqdm

from ..errors import SellerLabError
from ..params import load_params, resolve
from ..sources.store import ingest_category, save_decisions
from .index import update_index
from .runner import ReportResult, run_report

__all__ = ["make_executor", "run_batch"]

log = logging.getLogger(__name__)


@contextmanager
def make_executor(jobs: int = 1, cluster: str | None = None):
    """A process pool of ``jobs`` workers, or the executor of the Dask cluster at
    ``cluster`` (needs the optional extra ``seller_lab[cluster]``)."""
    if cluster:
        try:
            from distributed import Client  # optional extra seller_lab[cluster]
        except ImportError:
            raise SellerLabError("--cluster needs Dask: pip install 'seller_lab[cluster]'") from None
        client = Client(cluster)
        try:
            yield client.get_executor()
        finally:
            client.close()
    else:
        with ProcessPoolExecutor(max_workers=max(1, jobs)) as pool:
            yield pool


def _prepare(category: str, params_dir) -> tuple[dict | None, str]:
    """Load params and ingest the category's files into the store (parent process)."""
    try:
        params = load_params(category, params_dir)
    except SellerLabError as exc:
        return None, str(exc)
    try:
        ingest_category(params)
    except SellerLabError as exc:
        return params, f"ingest: {exc}"
    except Exception as exc:  # keep the batch going; the notebook will read the files
        log.warning("ingest of %s failed: %s", category, exc)
    return params, ""


def _save_decisions(params: dict, result: ReportResult) -> None:
    decisions = (result.record or {}).get("decisions") or []
    if not decisions:
        return
    save_decisions(params, pd.DataFrame(decisions), result.kind, result.period)


def run_batch(kind: str, categories: list[str], period: str, *, jobs: int = 1,
              executor: Executor | None = None, params_dir: str | Path | None = None,
              reports_root: str | Path | None = None, progress: bool = True,
              lang: str | None = None) -> list[ReportResult]:
    """Run ``kind`` for every category; returns one result per category (input order).

    ``lang`` (``en`` | ``zh``) writes every report in that language (``--lang``); without it
    each category's ``report.language`` decides.

    Each category is ingested into the store (by this process, the store's only writer) and
    its report handed to a worker at once, so the workers render while the next categories
    are ingested.
    """
    prepared: dict[str, tuple[dict | None, str]] = {}
    results: dict[str, ReportResult] = {}

    def prepare(c: str) -> bool:
        params, err = prepared[c] = _prepare(c, params_dir)
        if params is None:
            results[c] = ReportResult(kind=kind, category=c, period=period, error=err)
        return params is not None

    def _run_all(ex: Executor):
        bar = tqdm(total=len(categories), desc=f"{kind} {period}", unit="report", disable=not progress)
        futures = {}
        for c in categories:
            if prepare(c):
                futures[ex.submit(run_report, kind, c, period, params_dir=params_dir,
                                  reports_root=reports_root, lang=lang)] = c
            else:
                bar.update(1)
        for fut in as_completed(futures):
            c = futures[fut]
            try:
                results[c] = fut.result()
            except Exception as exc:  # worker died
                results[c] = ReportResult(kind=kind, category=c, period=period,
                                          error=f"worker failed: {type(exc).__name__}: {exc}")
            bar.set_postfix_str(f"{c}: {results[c].status}")
            bar.update(1)
        bar.close()

    if executor is not None:
        _run_all(executor)
    elif jobs <= 1 or len(categories) == 1:
        # one report at a time: this process only waits for its kernel, so the analysis may
        # use a second core
        for c in categories:
            if prepare(c):
                results[c] = run_report(kind, c, period, params_dir=params_dir, reports_root=reports_root,
                                        lang=lang, analysis_jobs=min(2, os.cpu_count() or 1))
    else:
        with make_executor(jobs) as ex:
            _run_all(ex)

    ordered = [results[c] for c in categories]
    names = {}
    for c, (params, _) in prepared.items():
        if params is None:
            continue
        names[c] = params["category"]["display_name"]
        if results[c].status == "ok":
            try:
                _save_decisions(params, results[c])
            except SellerLabError as exc:
                log.warning("decisions of %s not saved: %s", c, exc)
    root = _reports_root(reports_root, prepared)
    if root is not None:
        _update_indexes(root, ordered, names)
    return ordered


def _update_indexes(root: Path, results: list[ReportResult], names: dict) -> None:
    """The landing page(s): results of each language go to that language's index when the
    index knows languages, else every result to the one index."""
    if "lang" not in inspect.signature(update_index).parameters:
        update_index(root, results, names)
        return
    for lang in dict.fromkeys(r.lang for r in results):
        update_index(root, [r for r in results if r.lang == lang], names, lang=lang)


def _reports_root(reports_root, prepared) -> Path | None:
    if reports_root:
        return Path(reports_root)
    for params, _ in prepared.values():
        if params is not None:
            return resolve(params, params["paths"]["reports_root"])
    return None
