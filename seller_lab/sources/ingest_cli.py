"""``seller-lab ingest <category…|--all>``: load each category's data folder into the store;
``seller-lab fetch trends|reddit <category…|--all>``: live answers into the data folder.

The importers' ``seller_lab/sources/cli.py`` calls :func:`register_ingest` from its
``register(subparsers)``. Ingest is the one writer of the store (DuckDB allows one
read-write process per file); run it before the reports, not while a notebook holds the
store open for writing.

Examples
--------
>>> import argparse
>>> parser = argparse.ArgumentParser(prog="seller-lab")
>>> register_ingest(parser.add_subparsers(dest="command"))
>>> args = parser.parse_args(["ingest", "kitchen-organizer-de", "--json"])
>>> args.categories, args.all, args.json, args.force
(['kitchen-organizer-de'], False, True, False)
"""

from __future__ import annotations

import json
import sys

from ..errors import SellerLabError
from ..params import list_categories, load_params
from . import live_reddit, live_trends


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
    p.add_argument("--json", action="store_true", help="print the per-file summary as JSON")
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
    out = sys.stdout
    if args.json:
        out.write(json.dumps(summary.to_dict(orient="records"), indent=2, default=str) + "\n")
    else:
        out.write(f"store: {store_path(load_params(slugs[0], args.params_dir))}\n")
        for slug, part in summary.groupby("category", sort=False):
            counts = part["status"].value_counts().to_dict()
            out.write(f"\n{slug}: " + ", ".join(f"{n} {s}" for s, n in counts.items()) + "\n")
            for row in part.itertuples():
                name = row.file.rsplit("/", 1)[-1]
                line = (f"  {row.status:<15} {row.kind or '-':<10} {row.layout or '-':<28} "
                        f"{row.rows:>9,} rows  {row.rejected:>6,} rejected  {name}")
                out.write(line + "\n")
                if row.message and row.status in ("error", "not recognised"):
                    out.write(f"      {row.message}\n")
    failed = summary[summary["status"] == "error"]
    if len(failed):
        sys.stderr.write(f"error: {len(failed)} file(s) could not be loaded (their previous "
                         "rows are kept); see the messages above\n")
        return 1
    return 0


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
