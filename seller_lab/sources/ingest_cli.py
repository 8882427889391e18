"""``seller-lab ingest <category…|--all>``: load each category's data folder into the store;
``seller-lab fetch trends|reddit <category…|--all>``: live answers into the data folder.

The importers' ``seller_lab/sources/cli.py`` calls :func:`register_ingest` from its
``register(subparsers)``. Ingest is the one writer of the store (DuckDB allows one
read-write process per file); run it before the reports, not while a notebook holds the
store open for writing. The summary is written in the first category's ``report.language``
(``--lang`` overrides it); ``--json`` stays English (keys, statuses, messages).

Examples
--------
>>> import argparse
>>> parser = argparse.ArgumentParser(prog="seller-lab")
>>> register_ingest(parser.add_subparsers(dest="command"))
>>> args = parser.parse_args(["ingest", "kitchen-organizer-de", "--json"])
>>> args.categories, args.all, args.json, args.force, args.lang
(['kitchen-organizer-de'], False, True, False, None)
"""

from __future__ import annotations

import json
import sys
import unicodedata

import pandas as pd

from ..errors import SellerLabError
from ..i18n import N_, NC_, SUPPORTED_LANGUAGES, report_language, translator
from ..i18n.phrase import say
from ..params import list_categories, load_params
from . import live_reddit, live_trends
from .base import rejected_rows

#: A file's status in the ingest summary, marked for the catalog (``--json`` keeps the
#: English values); said with ``tr.pgettext("ingest status", status)``.
INGEST_STATUSES = (NC_("ingest status", "loaded"), NC_("ingest status", "replaced"),
                   NC_("ingest status", "unchanged"), NC_("ingest status", "removed"),
                   NC_("ingest status", "not recognised"), NC_("ingest status", "error"))
#: Statuses whose message is printed under the file's line: why a file failed, or the notes of
#: a file just read ('every date fits both day/month orders ...', rows left out, prices converted)
_EXPLAINED = ("error", "not recognised", "loaded", "replaced")
#: Rejected rows shown under a file just read (``seller-lab inspect`` and the report's inputs overview
#: list them all)
REJECTED_SHOWN = 3


def register_ingest(subparsers) -> None:
    """Add the ``ingest`` sub-command to ``seller-lab``."""
    p = subparsers.add_parser(
        "ingest", help="load every export of a category's data folder into the local store",
        description="Load every file of each category's data folder (category.data_dir) into "
                    "the DuckDB store (paths.store). Unchanged files are skipped, corrected "
                    "files replace their rows, all in one transaction per category.")
    p.add_argument("categories", nargs="*", metavar="CATEGORY", help="category slug(s)")
    p.add_argument("--all", action="store_true", help="every category under params/categories")
    p.add_argument("--params-dir", default=None, help="params folder (default: ./params)")
    p.add_argument("--json", action="store_true",
                   help="print the per-file summary as JSON (English keys, statuses and messages)")
    p.add_argument("--lang", default=None, choices=list(SUPPORTED_LANGUAGES),
                   help="language of the summary (default: the first category's report.language, else en)")
    p.add_argument("--force", action="store_true",
                   help="re-load every file even if unchanged (e.g. after an importer update)")
    p.set_defaults(func=run_ingest)
    register_fetch(subparsers)


def register_fetch(subparsers) -> None:
    """Add ``fetch trends|reddit <category…|--all>``: live answers saved into the data folder
    in the real export layouts (multiTimeline.csv, Arctic-Shift-style JSONL), so that
    ``ingest`` and the reports read them like any export."""
    p = subparsers.add_parser(
        "fetch", help="fetch Google Trends / Reddit live into a category's data folder",
        description="Live Google Trends (pytrends) or Reddit (praw; credentials only from "
                    "the praw_* environment variables or praw.ini). The answer is written into "
                    "the category's data folder in the export layout (multiTimeline.csv / "
                    "JSONL); run 'seller-lab ingest' afterwards. When the service refuses, "
                    "the error names the manual export to use instead.")
    p.add_argument("source", choices=["trends", "reddit"])
    p.add_argument("categories", nargs="*", metavar="CATEGORY")
    p.add_argument("--all", action="store_true", help="every category under params/categories")
    p.add_argument("--params-dir", default=None)
    p.set_defaults(func=run_fetch)


def run_ingest(args) -> int:
    """Handler: exit 0 when every file loaded (or was unchanged), 1 when a file failed."""
    from .store import ingest_categories, store_path  # duckdb: loaded when ingest runs

    slugs = list(args.categories)
    if args.all:
        slugs = list_categories(args.params_dir)
    if not slugs:
        raise SellerLabError("ingest: name at least one category or use --all. "
                             "Fix: seller-lab ingest kitchen-organizer-de")
    summary = ingest_categories(slugs, args.params_dir, force=args.force)
    params = load_params(slugs[0], args.params_dir)
    # --json is for programs: English keys, statuses and messages, whatever the language
    tr = translator("en" if args.json else report_language(params, args.lang))
    if args.json:
        sys.stdout.write(json.dumps(summary.to_dict(orient="records"), indent=2, default=str) + "\n")
    else:
        sys.stdout.write(summary_text(summary, store_path(params), lang=tr.lang,
                                      rejected=_rejected_of(summary, args.params_dir)))
    failed = summary[summary["status"] == "error"]
    if len(failed):
        sys.stderr.write(tr(N_("error: {n} file(s) could not be loaded (their previous rows are kept); "
                               "see the messages above"), n=len(failed)) + "\n")
        return 1
    return 0


def _rejected_of(summary: pd.DataFrame, params_dir) -> pd.DataFrame | None:
    """The store's rejected rows of the categories where a file just read had some, or None."""
    from .store import open_store, read_rejected

    fresh = summary[summary["status"].isin(["loaded", "replaced"]) & (summary["rejected"] > 0)]
    if fresh.empty:
        return None
    parts = []
    for slug in dict.fromkeys(fresh["category"]):
        params = load_params(slug, params_dir)
        con = open_store(params, read_only=True, wait_s=float(params["sources"]["store_lock_wait_s"]))
        try:
            parts.append(read_rejected(con, slug).assign(category=slug))
        finally:
            con.close()
    return pd.concat(parts, ignore_index=True)


def summary_text(summary: pd.DataFrame, store, lang: str = "en", rejected: pd.DataFrame | None = None) -> str:
    """The per-file ingest summary as ``seller-lab ingest`` prints it, in ``lang``: per
    category the count of each status, then one line per file (status, kind, layout, rows,
    rejected rows, file name) and under it why a file failed or was not recognised, or the
    notes of a file just read (said in ``lang`` when the importer phrased it, else as
    written), and its first :data:`REJECTED_SHOWN` rejected rows from ``rejected`` (the
    store's :func:`~seller_lab.sources.store.read_rejected` frame with a ``category`` column).
    Columns line up in terminal cells, a CJK character taking two.

    Examples
    --------
    >>> s = pd.DataFrame({"category": ["toy-us"] * 2, "file": ["/d/reviews.csv", "/d/notes.csv"],
    ...                   "kind": ["reviews", ""], "layout": ["amazon_reviews_csv", ""],
    ...                   "status": ["loaded", "not recognised"], "rows": [1200, 0],
    ...                   "rejected": [3, 0], "message": ["", "a plain message"]})
    >>> print(summary_text(s, "store.duckdb", lang="zh"), end="")  # doctest: +NORMALIZE_WHITESPACE
    数据库：store.duckdb
    <BLANKLINE>
    toy-us: 已导入 1 个、无法识别 1 个
      已导入          评论       amazon_reviews_csv               1,200 行      3 行被拒绝  reviews.csv
      无法识别        -          -                                    0 行      0 行被拒绝  notes.csv
          a plain message
    """
    tr = translator(lang)
    lines = [tr(N_("store: {path}"), path=store)]
    for slug, part in summary.groupby("category", sort=False):
        counts = part["status"].value_counts().to_dict()
        lines += ["", f"{slug}: " + tr(", ").join(
            tr.pgettext("ingest summary", "{n} {status}", n=n, status=tr.pgettext("ingest status", s))
            for s, n in counts.items())]
        for row in part.itertuples():
            name = row.file.rsplit("/", 1)[-1]
            lines.append(f"  {_cells_ljust(tr.pgettext('ingest status', row.status), 15)} "
                         f"{_cells_ljust(tr.pgettext('input kind', row.kind) if row.kind else '-', 10)} "
                         f"{_cells_ljust(row.layout or '-', 28)} "
                         + tr(N_("{n} rows"), n=f"{row.rows:>9,}") + "  "
                         + tr(N_("{n} rejected"), n=f"{row.rejected:>6,}") + f"  {name}")
            if row.message and row.status in _EXPLAINED:
                lines.append(f"      {say(row.message, tr)}")
            if rejected is not None and row.rejected and row.status in _EXPLAINED:
                lines += _rejected_lines(rejected[(rejected["category"] == slug) & (rejected["file"] == row.file)],
                                         slug, row.file, int(row.rejected), tr)
    return "\n".join(lines) + "\n"


def _rejected_lines(rows: pd.DataFrame, slug: str, path: str, n: int, tr) -> list[str]:
    """The first rejected rows of the file ``path``, a line each (data row, column, value as written, why),
    and how many more."""
    out = []
    for r in rejected_rows(rows, tr, REJECTED_SHOWN).itertuples():
        why = r.problem
        where = tr(N_("data row {row}"), row=r.row) if pd.notna(r.row) else ""
        if r.column:
            where += (tr(", ") if where else "") + tr(N_("column '{column}'"), column=r.column)
        value = f" '{r.value}'" if r.value else ""
        out.append("      " + tr(N_("{where}{value}: {why}"), where=where, value=value, why=why))
    if n > min(len(rows), REJECTED_SHOWN):
        out.append("      " + tr(N_("... and {n} more rejected row(s): 'seller-lab inspect {file} --category {slug} "
                                    "--max-rejected {total}' lists them all"),
                                 n=n - min(len(rows), REJECTED_SHOWN), file=path, slug=slug, total=n))
    return out


def _cells(text: str) -> int:
    """Terminal cells ``text`` takes: two for a wide (CJK) character, none for a combining mark."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 0 if unicodedata.combining(c) else 1
               for c in text)


def _cells_ljust(text: str, width: int) -> str:
    """``text`` padded with spaces to ``width`` terminal cells (``str.ljust`` counts characters)."""
    return text + " " * max(0, width - _cells(text))


def run_fetch(args) -> int:
    """Handler of ``fetch``: exit 0 when every category was fetched and saved."""
    slugs = list_categories(args.params_dir) if args.all else list(args.categories)
    if not slugs:
        raise SellerLabError("fetch: name at least one category or use --all. "
                             "Fix: seller-lab fetch trends kitchen-organizer-de")
    out = sys.stdout
    for slug in slugs:
        params = load_params(slug, args.params_dir)
        if args.source == "trends":
            frame = live_trends.fetch_trends(params)
            paths = [live_trends.save_trends_csv(params, frame)] if len(frame) else []
        else:
            frame = live_reddit.fetch_reddit(params)
            paths = live_reddit.save_reddit_jsonl(params, frame) if len(frame) else []
        where = ", ".join(str(p) for p in paths) or "nothing written (empty answer)"
        out.write(f"{slug}: {len(frame):,} {args.source} rows -> {where}\n")
    return 0
