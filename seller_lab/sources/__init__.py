"""Data sources: every real export a seller has, read into canonical frames.

Public API
----------
- :func:`load_file` -- one file, layout detected from its header/shape -> ``LoadResult``
- :func:`seller_lab.sources.detect.detect` -- only the layout
- :func:`seller_lab.sources.validate.validate_frame` -- pandera check of a canonical frame
- ``load_category`` (``seller_lab.sources.category``) -- every file of a category

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

from ..errors import InputFileError
from .base import LoadResult

__all__ = ["LoadResult", "load_file", "load_category"]


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
        ``category.timezone`` for naive ERP timestamps, ``category.currency``)

    Returns
    -------
    LoadResult (frame validated against the canonical schema)

    Raises
    ------
    InputFileError / LayoutNotRecognisedError
        unreadable file, unknown layout, or (strict mode) the first bad row.
    """
    from . import detect as _detect
    from .importers import jsontext, tabular, trends
    from .validate import validate_frame

    path = Path(path)
    d = _detect.detect(path, params, kind)
    cat = (params or {}).get("category") or {}
    if d.mode == "trends":
        res = trends.load_trends(path, d.sniffed, params)
    elif d.mode in ("json", "jsonl", "dictlines"):
        res = jsontext.load_json(path, d.layout, d.mode, d.sniffed, params)
    else:
        from . import readers

        table = readers.read_table(path, d.sniffed)
        tz_over = (((params or {}).get("sources") or {}).get("timezones") or {}).get(d.kind)
        frame, rejected = tabular.build_frame(
            table.frame, d.kind, d.layout, d.spec, d.mapping, path=str(path), sep=table.sep,
            market_tz=cat.get("timezone") or "UTC", currency=cat.get("currency") or "",
            timezone=tz_over or None)
        res = LoadResult(frame, d.kind, d.layout, str(path), table.encoding, rejected)
    if len(res.rejected) and _on_bad_rows(params, res.kind) == "strict":
        r = res.rejected.iloc[0]
        raise InputFileError(path, f"{r['problem']} (found {str(r['value'])!r}; "
                             f"{len(res.rejected)} bad row(s) in total)",
                             row=int(r["row"]), column=str(r["column"]) or None,
                             fix="correct the row(s) in the export, or set "
                             f"sources.on_bad_rows_by_kind.{res.kind}: skip to load the good rows")
    validate_frame(res.kind, res.frame, str(path))
    return res


def load_category(params, **kwargs):
    """Every input of one category (see :mod:`seller_lab.sources.category`)."""
    from .category import load_category as _lc

    return _lc(params, **kwargs)
