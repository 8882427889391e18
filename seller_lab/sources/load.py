"""Reading one export: :func:`load_file` detects its layout, reads it into the canonical
frame, applies the row checks and validates the result (bad rows are rejected with their
reason, never the whole file).

It lives in its own module (not in ``seller_lab.sources``) so the store, which ingests
files with it, imports it at the top without going through the package's ``__init__``.

Examples
--------
>>> import tempfile, pathlib
>>> p = pathlib.Path(tempfile.mkdtemp()) / "orders.csv"
>>> _ = p.write_text("订单号,SKU,数量,付款时间\\nA-1,KO-RACK-2T,2,2026-10-01 09:00:00\\n",
...                  encoding="gbk")
>>> res = load_file(p)
>>> res.layout, res.encoding, res.frame.loc[0, "ds"].isoformat()
('erp_orders_cn', 'gb18030', '2026-10-01T01:00:00+00:00')
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from ..errors import InputFileError
from ..i18n import N_
from ..i18n.phrase import Phrase, from_phrase_json
from . import detect as _detect
from . import readers
from .base import REJECTED_COLUMNS, LoadResult
from .importers import jsontext, rows, tabular, trends
from .validate import validate_frame

__all__ = ["apply_row_rules", "load_file"]


def _on_bad_rows(params: dict | None, kind: str) -> str:
    src = (params or {}).get("sources") or {}
    return (src.get("on_bad_rows_by_kind") or {}).get(kind) or src.get("on_bad_rows") or "skip"


def load_file(path, kind: str | None = None, params: dict | None = None) -> LoadResult:
    """Load one export into its canonical frame.

    Parameters
    ----------
    path : the file (CSV/TSV/TXT/XLSX/JSON/JSONL/.gz/.zst; the name is not used to detect)
    kind : expected canonical kind ('orders', ...) or None to accept whatever it is
    params : category params (``sources.columns``, ``sources.on_bad_rows[_by_kind]``,
        ``sources.rows`` row checks, ``category.timezone`` for naive ERP timestamps,
        ``category.currency`` / ``category.market``)

    Returns
    -------
    LoadResult (frame validated against the canonical schema; bad rows in ``rejected``,
    what was decided for the reader in ``notes``, collapsed duplicates counted)

    Raises
    ------
    InputFileError / LayoutNotRecognisedError
        unreadable file (missing, a folder, a symlink loop, no permission, a web page, a
        cut-off compressed stream), unknown layout, or (strict mode) the first bad row.
    """
    path = Path(path)
    readers.check_path(path)
    rules = rows.RowRules.from_params(params)
    d = _detect.detect(path, params, kind)
    readers.reset_mixed_count()   # count the pieces of the full read only
    cat = (params or {}).get("category") or {}
    if cat.get("slug") == "":   # the project defaults alone: no category's currency/zone
        cat = {}
    if d.mode == "trends":
        res = trends.load_trends(path, d.sniffed, params)
    elif d.mode in ("json", "jsonl", "dictlines"):
        res = jsontext.load_json(path, d.layout, d.mode, d.sniffed, params)
    else:
        table = readers.read_table(path, d.sniffed)
        tabular.check_duplicate_columns(list(table.frame.columns), d.mapping, path)
        tz_over = (((params or {}).get("sources") or {}).get("timezones") or {}).get(d.kind)
        # the file's own word on its currency ('All amounts in USD' above the header) before the category's
        stated = tabular.title_currency(d.sniffed.head, table.skiprows)
        built = tabular.build_frame(
            table.frame, d.kind, d.layout, d.spec, d.mapping, path=str(path), sep=table.sep,
            market_tz=cat.get("timezone") or "UTC", currency=stated or cat.get("currency") or "",
            timezone=tz_over or None, rules=rules, bad_lines=table.bad_lines)
        if stated:
            built.notes.append(Phrase(N_("amounts in {currency}, as the notes above the header say"),
                                      currency=stated))
        res = LoadResult(built.frame, d.kind, d.layout, str(path), table.encoding,
                         built.rejected, notes=built.notes, row_numbers=built.row_numbers,
                         source_columns=dict(d.mapping))
    res = apply_row_rules(res, rules)
    if readers.MIXED_COUNT:
        names = {"gb18030": "GBK", "cp1252": "Windows-1252"}   # as the lines' writers know them
        pieces = ", ".join(f"{n} in {names.get(e) or readers.encoding_label(e)}"
                           for e, n in sorted(readers.MIXED_COUNT.items()))
        res.notes.append(Phrase(N_("lines in more than one encoding: some were not UTF-8 ({pieces}); each "
                                   "line was decoded on its own"), pieces=pieces))
    if len(res.rejected) and _on_bad_rows(params, res.kind) == "strict":
        r = res.rejected.iloc[0]
        problem = from_phrase_json(r["phrase"] if isinstance(r.get("phrase"), str) else "", str(r["problem"]))
        raise InputFileError(path, Phrase(N_("{problem} (found {value}; {n} bad row(s) in total)"),
                                          problem=problem, value=repr(str(r["value"])), n=len(res.rejected)),
                             row=int(r["row"]), column=str(r["column"]) or None,
                             fix=Phrase(N_("correct the row(s) in the export, or set "
                                           "sources.on_bad_rows_by_kind.{kind}: skip to load the good rows"),
                                        kind=res.kind))
    validate_frame(res.kind, res.frame, str(path))
    return res


def apply_row_rules(res: LoadResult, rules: rows.RowRules) -> LoadResult:
    """The value checks of :mod:`seller_lab.sources.importers.rows` on a loaded file:
    bad rows move to ``rejected``, exact duplicates are collapsed and counted."""
    frame = res.frame
    row_no = (np.asarray(res.row_numbers, dtype="int64") if res.row_numbers is not None
              and len(res.row_numbers) == len(frame) else np.arange(1, len(frame) + 1))
    frame, bad, rej = rows.check_frame(res.kind, frame, row_no, rules,
                                       names=res.source_columns)
    rejected = res.rejected
    if bad.any():
        frame = frame[~bad].reset_index(drop=True)
        row_no = row_no[~bad]
        rejected = (pd.concat([rejected, rej], ignore_index=True) if len(rejected) else rej)
        rejected = rejected.sort_values("row", kind="stable").reset_index(drop=True)
    frame, keep = rows.collapse_duplicates(res.kind, frame, rules)
    dups = int((~keep).sum())
    notes = list(res.notes)
    if dups:
        row_no = row_no[keep]
        notes.append(Phrase(N_("{n} exact duplicate record(s) (same author, product, time and text) "
                               "collapsed into one (sources.rows.drop_duplicates)"), n=dups))
    if rejected is None or not len(rejected):
        rejected = pd.DataFrame(columns=REJECTED_COLUMNS)
    return LoadResult(frame, res.kind, res.layout, res.source_file, res.encoding, rejected,
                      notes=notes, duplicates=res.duplicates + dups, row_numbers=row_no,
                      source_columns=res.source_columns)

