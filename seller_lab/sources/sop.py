"""The SOP files (R7.2): the ops team's task list (``review.sop_file`` in the params folder,
``params/sop.yaml``) and its completion log (``review.sop_log`` when set, else the
``log_file`` named in sop.yaml; relative to the project root).

This is where they are read; the monthly review (:func:`seller_lab.review.run_month`) takes
the result, a :class:`SopFiles`, and judges it with the pure functions of
:mod:`seller_lab.review.sop`.

Examples
--------
>>> import tempfile, pathlib
>>> from seller_lab.params import load_params
>>> p = load_params("kitchen-organizer-de")
>>> p["review"]["sop_log"] = str(pathlib.Path(tempfile.mkdtemp()) / "sop_log.csv")   # not kept yet
>>> s = load_sop(p)
>>> len(s.tasks["tasks"]) > 0, s.log_found, s.error
(True, False, '')
>>> p["review"]["sop_file"] = "no-such-sop.yaml"
>>> "SOP file not found" in load_sop(p).error
True
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType

import pandas as pd

from ..errors import InputFileError, ParamsError, SellerLabError
from ..params import read_yaml, resolve
from .readers import read_table

__all__ = ["LOG_COLUMNS", "SopFiles", "load_sop", "read_sop"]

#: columns the completion log must have (``by`` is optional)
LOG_COLUMNS = ["task", "due_date", "done_at"]


@dataclass(frozen=True)
class SopFiles:
    """The SOP as read: ``tasks`` (sop.yaml: ``timezone``, ``tasks``, ``log_file``), the
    completion ``log`` (columns task, period, due_date, done_at UTC, by; empty when the log
    is not kept yet), where the log is (``log_file``) and whether it exists (``log_found``).
    ``error`` says why the SOP could not be read ('' when it was)."""

    tasks: MappingProxyType = field(default_factory=lambda: MappingProxyType({}))
    log: pd.DataFrame = field(default_factory=pd.DataFrame)
    log_file: str = ""
    log_found: bool = False
    error: str = ""


def read_sop(params: dict) -> tuple[dict, pd.DataFrame]:
    """Read the SOP file (``review.sop_file`` in the params folder) and its completion
    log (``review.sop_log`` when set, else ``log_file`` in the SOP file; relative to the
    project root).

    Returns ``(sop, log)``; ``log`` is empty (with a clear column set) when the log file
    does not exist yet (``log.attrs['log_found']`` False, ``log.attrs['log_file']`` its
    path). A missing SOP file is a :class:`ParamsError` naming the fix; a log without its
    columns, or one that cannot be read, an :class:`InputFileError`. The log is a CSV/TSV in any
    encoding the importers read (UTF-8 with or without BOM, GBK, UTF-16) or an .xlsx workbook.
    """
    rv = params["review"]
    sop_path = Path(params["paths"].get("params_dir", "params")) / rv["sop_file"]
    if not sop_path.exists():
        raise ParamsError(sop_path, None, "SOP file not found",
                          fix="create params/sop.yaml with a 'tasks' list (id, task, step, owner_role, deadline)")
    sop = read_yaml(sop_path)
    if not isinstance(sop.get("tasks"), list):
        raise ParamsError(sop_path, "tasks", "missing or not a list",
                          fix="list the recurring tasks under 'tasks:'")
    log_name = rv["sop_log"] or sop.get("log_file") or ""
    if not log_name:
        raise ParamsError(sop_path, "log_file", "no completion log named",
                          fix="add 'log_file: data/<folder>/sop_log.csv' to sop.yaml or set review.sop_log")
    log_path = resolve(params, log_name)
    if not log_path.exists():
        log = pd.DataFrame({c: pd.Series(dtype="str") for c in LOG_COLUMNS + ["by"]})
        log.attrs.update(log_file=str(log_path), log_found=False)
        return sop, log
    # the importers' reader: a log kept in Excel is a GBK or UTF-16 text or an .xlsx as often as UTF-8
    log = read_table(log_path).frame
    log.attrs.update(log_file=str(log_path), log_found=True)
    missing = [c for c in LOG_COLUMNS if c not in log.columns]
    if missing:
        raise InputFileError(log_path, f"missing column(s) {', '.join(missing)}",
                             fix="the log needs task, due_date and done_at (UTC) columns")
    return sop, log


def load_sop(params: dict) -> SopFiles:
    """The SOP and its log as a :class:`SopFiles`; a broken or missing SOP file does not
    raise (a monthly report must not sink with it): ``error`` says what is wrong."""
    try:
        sop, log = read_sop(params)
    except (SellerLabError, OSError, ValueError) as exc:
        return SopFiles(error=str(exc))
    return SopFiles(tasks=MappingProxyType(dict(sop)), log=log, log_file=str(log.attrs.get("log_file", "")),
                    log_found=bool(log.attrs.get("log_found", True)))
