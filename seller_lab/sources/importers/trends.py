"""Google Trends ``multiTimeline.csv`` (English or German UI, with or without the
'Category: ...' preamble): one column per ``<keyword>: (<region>)``, '<1' read as 0.5.

Examples
--------
>>> import tempfile, pathlib
>>> p = pathlib.Path(tempfile.mkdtemp()) / "multiTimeline.csv"
>>> _ = p.write_text("Kategorie: Alle Kategorien\\n\\nWoche,abtropfgestell: (Deutschland)\\n"
...                  "2026-11-15,<1\\n2026-11-22,100\\n", encoding="utf-8")
>>> f = load_trends(p).frame
>>> f[["unique_id", "y", "is_partial"]].values.tolist()
[['abtropfgestell|DE', 0.5, False], ['abtropfgestell|DE', 100.0, True]]
"""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd

from ...errors import InputFileError
from .. import readers
from ..base import REJECTED_COLUMNS, LoadResult
from . import parse
from .tabular import aliases, conform

_HEADER = re.compile(r"^(?P<kw>.*?):\s*\((?P<geo>[^)]*)\)\s*$")
_PREAMBLE = re.compile(r"^\s*(category|kategorie|类别|catégorie|categoría|categoria)\s*:",
                       re.IGNORECASE)


def is_trends_header(headers: list[str], preamble: bool = False) -> bool:
    """First column Week/Day/Month/Time (any UI language) and the others
    '<kw>: (<region>)' -- or plain keywords when Google's 'Category: ...' line precedes."""
    if len(headers) < 2:
        return False
    first = str(headers[0]).strip().strip('"').lower()
    return first in aliases()["trends_period"] and (preamble or all(
        _HEADER.match(str(h)) for h in headers[1:]))


def has_preamble(head: str) -> bool:
    """Google's export starts with 'Category: All categories' (localised)."""
    return bool(_PREAMBLE.match(head.lstrip("\ufeff").splitlines()[0] if head else ""))


def preamble_rows(head: str) -> int:
    """Lines before the table ('Category: All categories' and the blank line)."""
    lines = head.splitlines()
    for i, ln in enumerate(lines[:5]):
        cells = ln.split(",")
        if cells and cells[0].strip().strip('"').lower() in aliases()["trends_period"] \
                and len(cells) > 1:
            return i
    return 0


def load_trends(path, sniffed=None, params=None) -> LoadResult:
    """Read one multiTimeline.csv into the canonical ``trends`` frame."""
    path = Path(path)
    s = sniffed or readers.sniff(path)
    skip = preamble_rows(s.head)
    table = readers.read_table(path, s, skiprows=skip)
    raw = table.frame
    if not is_trends_header(list(raw.columns), has_preamble(s.head)):
        raise InputFileError(path, "not a Google Trends multiTimeline.csv header",
                             fix="export 'Interest over time' as CSV from trends.google.com")
    geo_map = aliases()["geo_names"]
    period = raw.columns[0]
    ds = parse.parse_date(raw[period])
    parts, rejected = [], []
    bad = ds.isna()
    if bad.any():
        rows = bad[bad].index + 1
        rejected.append(pd.DataFrame({"row": rows, "column": period,
                                      "value": raw.loc[bad, period].to_numpy(),
                                      "problem": "expected a date (YYYY-MM-DD)"}))
    for h in raw.columns[1:]:
        m = _HEADER.match(h)
        if m:
            kw, geo_name = m.group("kw").strip(), m.group("geo").strip()
            geo = geo_map.get(geo_name.lower(),
                              geo_name.upper() if len(geo_name) <= 3 else geo_name)
        else:   # no region in the header: the category's Trends geo
            kw = h.strip()
            geo = (((params or {}).get("category") or {}).get("trends_geo") or "WORLD").upper()
        y = parse.parse_number(raw[h])
        parts.append(pd.DataFrame({"unique_id": f"{kw}|{geo}", "keyword": kw, "geo": geo,
                                   "ds": ds, "y": y}))
    frame = pd.concat(parts, ignore_index=True) if parts else pd.DataFrame()
    frame = frame[frame["ds"].notna()]
    # Google's export always ends with the running (incomplete) period
    last = frame.groupby("unique_id")["ds"].transform("max")
    frame["is_partial"] = frame["ds"] == last
    rej = (pd.concat(rejected, ignore_index=True) if rejected
           else pd.DataFrame(columns=REJECTED_COLUMNS))
    return LoadResult(conform("trends", frame), "trends", "google_trends_multitimeline",
                      str(path), s.encoding, rej)
