"""Sections every template shares: the title block and the overview of inputs."""

from __future__ import annotations

import html

import pandas as pd

from ..render import HTML, note, table

KIND_TITLES = {"research": "Category research", "monthly": "Monthly review"}


def title(params: dict, kind: str, period: str) -> HTML:
    """Report heading: category, market, period (all escaped)."""
    cat = params["category"]
    return HTML(f"<h1>{html.escape(KIND_TITLES.get(kind, kind))}: "
                f"{html.escape(cat['display_name'])}</h1>"
                f"<div class='meta'>{html.escape(cat['marketplace'] or cat['market'])} · "
                f"period {html.escape(str(period))} · currency {html.escape(cat['currency'])} · "
                f"time zone {html.escape(cat['timezone'])}</div>")


def inputs_overview(data) -> HTML:
    """Which files fed this report (kind, layout, encoding, rows, rejected, dates) and
    which inputs are missing — so a reader knows what every number rests on."""
    files = getattr(data, "files", None)
    parts = []
    if files is None or len(files) == 0:
        parts.append(note("No input file was found in the category's data folder "
                          f"({data.params['category']['data_dir']}).", "warn"))
    else:
        parts.append(table(pd.DataFrame(files), max_rows=40, caption="Input files"))
    missing = list(getattr(data, "missing", []) or [])
    if missing:
        parts.append(note("Missing inputs (sections that need them say so): " + ", ".join(missing), "warn"))
    rejected = getattr(data, "rejected", None)
    if rejected is not None and len(rejected):
        parts.append(table(pd.DataFrame(rejected), max_rows=10,
                           caption=f"Rejected rows ({len(rejected)}) — fix them in the source file"))
    return HTML("".join(p.html for p in parts))


def source_files(data, kind: str) -> str:
    """File names (no folders) that fed one frame kind, comma-separated; '' when none.
    The source line of every chart and table names them.

    >>> from types import SimpleNamespace
    >>> d = SimpleNamespace(files=pd.DataFrame({"file": ["data/x/multiTimeline.csv", "C:\\\\y\\\\o.csv"],
    ...                                         "kind": ["trends", "orders"]}))
    >>> source_files(d, "orders"), source_files(d, "posts")
    ('o.csv', '')
    """
    files = getattr(data, "files", None)
    if files is None or len(files) == 0 or "kind" not in files:
        return ""
    return ", ".join(str(f).replace("\\", "/").rsplit("/", 1)[-1]
                     for f in files.loc[files["kind"] == kind, "file"])
