"""``seller-lab inspect FILE [--json]``: which export a file is and what loading it gives.

Also registers ``ingest`` and ``fetch`` from :mod:`seller_lab.sources.ingest_cli`.
"""

from __future__ import annotations

import argparse
import json
import sys

from ..params import load_params
from . import load_file
from .detect import known_kinds
from .importers import trends
from .importers.jsontext import JSON_LAYOUTS
from .importers.tabular import aliases
from .ingest_cli import register_ingest

_GRANULARITY = {"W": "weekly", "D": "daily", "M": "monthly", "H": "hourly"}


def register(sub) -> None:
    p = sub.add_parser("inspect", help="detect a file's export layout and load it",
                       description="Detect which export layout FILE is (from its header and "
                       "shape, not its name), load it and show kind, layout, encoding, rows "
                       "loaded/rejected (with reasons), columns and date range.",
                       epilog=supported_layouts(),
                       formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("file")
    p.add_argument("--json", action="store_true", help="machine-readable output")
    p.add_argument("--kind", default=None, choices=known_kinds(), metavar="KIND",
                   help=f"expected kind, one of: {', '.join(known_kinds())}")
    p.add_argument("--category", default=None,
                   help="category slug whose params apply (column mapping, time zone)")
    p.add_argument("--max-rejected", type=int, default=10, help="rejected rows to list")
    p.set_defaults(func=_inspect)
    register_ingest(sub)


def supported_layouts() -> str:
    """The layouts ``inspect`` knows, grouped by kind (for ``--help``)."""
    by_kind: dict[str, list[str]] = {"trends": [trends.LAYOUT, trends.PYTRENDS_LAYOUT]}
    for name, kind in JSON_LAYOUTS.items():
        by_kind.setdefault(kind, []).append(name)
    for name, spec in aliases()["layouts"].items():
        by_kind.setdefault(spec["kind"], []).append(name)
    lines = ["supported layouts (kind: layouts):"]
    lines += [f"  {k}: {', '.join(v)}" for k, v in sorted(by_kind.items())]
    lines.append("unknown headers: map them in params under sources.columns.<kind>")
    return "\n".join(lines)


def _inspect(args) -> int:
    params = None
    if args.category:
        params = load_params(args.category)
    res = load_file(args.file, kind=args.kind, params=params)
    info = res.summary()
    layout_note = ""
    if res.kind == "trends":
        shape = trends.describe(args.file)
        info["ui_language"] = shape.language
        info["granularity"] = _GRANULARITY.get(shape.granularity, "unknown")
        source = ("saved pytrends frame" if shape.layout == trends.PYTRENDS_LAYOUT
                  else f"{shape.language} UI")
        layout_note = f" ({source}, {info['granularity']}, delimiter {shape.sep!r})"
    rej = res.rejected.head(args.max_rejected)
    info["rejected"] = [{k: (int(v) if k == "row" else str(v)) for k, v in r.items()}
                        for r in rej.to_dict(orient="records")]
    if args.json:
        json.dump(info, sys.stdout, ensure_ascii=False, indent=2, default=str)
        print()
        return 0
    print(f"file:      {info['file']}")
    print(f"kind:      {info['kind']}")
    print(f"layout:    {info['layout']}{layout_note}")
    print(f"encoding:  {info['encoding'] or '(binary workbook)'}")
    dups = (f", {info['duplicates_collapsed']} exact duplicates collapsed"
            if info["duplicates_collapsed"] else "")
    print(f"rows:      {info['rows_loaded']} loaded, {info['rows_rejected']} rejected{dups}")
    if "date_min" in info:
        print(f"dates:     {info['date_min']} .. {info['date_max']}")
    print(f"columns:   {', '.join(info['columns'])}")
    for note in info["notes"]:
        print(f"note:      {note}")
    for r in info["rejected"]:
        print(f"  rejected data row {r['row']}: {r['column'] or '-'}: {r['problem']} "
              f"(value {r['value']!r})")
    if info["rows_rejected"] > len(info["rejected"]):
        print(f"  ... {info['rows_rejected'] - len(info['rejected'])} more")
    return 0
