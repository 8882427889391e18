"""Which export layout a file is, from its bytes, header and shape -- never its name.

Order: container (XLSX / gzip / zstd / text / binary; a gzip/zstd file is read as the text
it holds, so `orders.csv.gz` loads like `orders.csv`), then JSON records (keys of the
first object), then Google Trends (``<kw>: (<region>)`` headers after an optional
preamble), then the alias table of every tabular export (best-scoring layout whose
required columns are all present).

Examples
--------
>>> import tempfile, pathlib
>>> p = pathlib.Path(tempfile.mkdtemp()) / "export.txt"
>>> _ = p.write_text("Id,Created at,First reply time in minutes,Via,Subject,Requester\\n",
...                  encoding="utf-8")
>>> d = detect(p)
>>> d.layout, d.kind
('zendesk_tickets', 'tickets')
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..errors import InputFileError, LayoutNotRecognisedError
from ..i18n import N_
from ..i18n.phrase import Phrase
from . import readers
from .importers import jsontext, tabular, trends


@dataclass
class Detected:
    """The layout of one file."""

    layout: str
    kind: str
    sniffed: readers.Sniffed
    mode: str = ""                      # json | jsonl | dictlines | table | trends
    mapping: dict = field(default_factory=dict)
    spec: dict = field(default_factory=dict)


def known_kinds() -> list[str]:
    """The canonical kinds some export layout loads into (the valid ``kind`` values).

    >>> "orders" in known_kinds() and "trends" in known_kinds()
    True
    """
    kinds = {"trends", *jsontext.JSON_LAYOUTS.values()}
    kinds.update(spec["kind"] for spec in tabular.aliases()["layouts"].values())
    return sorted(kinds)


def detect(path, params: dict | None = None, kind: str | None = None) -> Detected:
    """Detect the layout of ``path`` (``kind`` restricts the candidates)."""
    path = Path(path)
    if kind is not None and kind not in known_kinds():
        raise InputFileError(path, f"unknown kind '{kind}'",
                             fix=f"use one of: {', '.join(known_kinds())}")
    readers.check_path(path)
    s = readers.sniff(path)
    if s.container in ("empty", "binary", "xls"):
        readers.read_table(path, s)  # raises the clear message
    if s.container in ("text", "gzip", "zstd") and s.head.lstrip()[:1] in ("{", "["):
        first = jsontext.first_record(path, s)
        if first is None:
            raise LayoutNotRecognisedError(path, Phrase(N_("the file starts like JSON but its first record "
                                                          "cannot be parsed (truncated or not JSON)")),
                                           row=1, fix=Phrase(N_("export the data again as JSON Lines")))
        rec, mode = first
        layout = jsontext.detect_json_layout(rec)
        if layout is None or (kind and jsontext.JSON_LAYOUTS[layout] != kind):
            raise LayoutNotRecognisedError(
                path, Phrase(N_("JSON records with keys {keys} match no known layout"),
                             keys=str(sorted(rec)[:12])),
                fix=Phrase(N_("supported: Amazon Reviews 2023 JSONL, Amazon Q&A, Reddit/Arctic-Shift "
                              "submissions/comments, TikTok comments, Zendesk tickets")))
        return Detected(layout, jsontext.JSON_LAYOUTS[layout], s, mode)
    if kind in (None, "trends"):
        shape = trends.sniff_shape(s.head)
        if shape is not None:
            return Detected(shape.layout, "trends", trends.redecode(path, s), "trends")
        if kind == "trends":
            trends.describe(path, s)  # raises the message saying what a Trends export is
    table = readers.read_table(path, s, nrows=50)
    headers = list(table.frame.columns)
    user_cols = ((params or {}).get("sources") or {}).get("columns") or {}
    if len(headers) <= 1 and s.container in ("text", "gzip", "zstd"):
        raise LayoutNotRecognisedError(
            path, Phrase(N_("only one column found (header {header}); the delimiter could not be detected"),
                         header=repr(headers[:1])),
            fix=Phrase(N_("export with comma, semicolon or tab as delimiter")))
    m = tabular.match_layout(headers, kind, user_cols)
    if m is None:
        raise tabular.check_columns(headers, path, kind, encoding=table.encoding)
    name, spec, mapping = m
    return Detected(name, spec["kind"], s, "table", mapping, spec)
