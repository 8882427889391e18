"""``seller-lab mine reviews FILE`` and ``seller-lab mine posts FILE``: ranked aspects,
keywords and pain-point themes with counts and one quote each, for any file ``inspect`` reads."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pandas as pd

from ..errors import InputFileError
from ..params import load_params
from ..sources import LoadResult, load_file
from .aspects import mine_reviews
from .common import small_pages
from .painpoints import pain_points
from .preprocess import DUPLICATE_KEYS, drop_duplicate_documents


def _load(path: str, kind: str, params: dict | None) -> LoadResult:
    """Read a file into the canonical frame of `kind` (seller_lab.sources.load_file); the
    result also counts the exact duplicate records the importer collapsed."""
    p = Path(path)
    if not p.exists():
        raise InputFileError(str(p), "file not found", fix="check the path")
    return load_file(p, kind=kind, params=params)


def _rejected(loaded: LoadResult, path: str) -> int:
    """Say on stderr how many rows the importer rejected and why the first one was (stdout
    stays the table or the JSON); a file of which no row could be read is an error naming
    the row, the column and the fix. Returns the number rejected."""
    rej = loaded.rejected
    n = 0 if rej is None else len(rej)
    if not n:
        return 0
    r = rej.iloc[0]
    what = f"{r['problem']} (value {str(r['value'])!r})"
    if loaded.frame.empty:
        raise InputFileError(path, f"no row could be read: all {n} rejected, the first for {what}",
                             row=int(r["row"]), column=str(r["column"]) or None,
                             fix=f"correct the rows; `seller-lab inspect {path}` lists every rejected row")
    col = f", column {r['column']}" if str(r["column"]) else ""
    print(f"{path}: {n} row(s) rejected, e.g. row {int(r['row'])}{col}: {what}; "
          f"`seller-lab inspect {path}` lists them all", file=sys.stderr)
    return n


def _params(slug: str | None):
    return load_params(slug) if slug else None


def _short(q: list, n: int = 160) -> str:
    if not q:
        return ""
    s = str(q[0]).replace("\n", " ")
    return s if len(s) <= n else s[: n - 1] + "…"


# the columns `mine reviews` reads: the duplicate test's keys and writer, the texts, the stars and the
# review id of each quote (no per competitor / per month breakdowns are printed)
_MINED_COLUMNS = (*DUPLICATE_KEYS, "user_id", "author", "doc_id")


def _mined_reviews(path: str, params: dict | None, counts: dict) -> pd.DataFrame:
    """The review frame `mine reviews` mines: only the columns it reads, so that the file's other
    columns (a million reviews' ids, URLs and dates are ~0.2 GB of strings) are freed right after
    reading. Fills ``counts`` with the rows rejected and the duplicates collapsed on import.

    The frame is returned for the caller to hand straight to :func:`mine_reviews` without keeping
    it: the miner then frees the texts once they are tokenised."""
    loaded = _load(path, "reviews", params)
    counts["rejected"] = _rejected(loaded, path)
    counts["duplicates"] = loaded.duplicates
    frame = loaded.frame
    return frame[[c for c in frame.columns if c in _MINED_COLUMNS]]


def _reviews(args) -> int:
    params = _params(args.category)
    counts: dict = {}
    # no name keeps the frame here: mine_reviews frees the review texts once it has tokenised them
    with small_pages():  # (a big export: no waits for the kernel's compaction behind each fresh array)
        m = mine_reviews(_mined_reviews(args.file, params, counts), params, top_n=args.top, breakdowns=False)
    n_rejected = counts["rejected"]
    n_dup = counts["duplicates"] + m.duplicates_dropped  # collapsed on import + dropped by the miner
    top = args.top or sys.maxsize
    if args.json:
        out = {"reviews": m.n_reviews, "duplicates_dropped": n_dup, "rejected": n_rejected,
               "languages": m.languages.to_dict(),
               "aspects": m.aspects.head(top).to_dict(orient="records"),
               "keywords": m.keywords.groupby("side").head(top).to_dict(orient="records")}
        json.dump(out, sys.stdout, ensure_ascii=False, indent=1, default=str)
        print()
        return 0
    dup = f" ({n_dup} exact duplicates counted once)" if n_dup else ""
    print(f"{m.n_reviews} reviews{dup}; languages: {', '.join(f'{k} {v}' for k, v in m.languages.items())}")
    print("\nAspects (reviews mentioning | avg stars | share negative)  quote")
    for r in m.aspects.head(top).itertuples(index=False):
        print(f"  {r.aspect:24} {r.reviews:7d} | {r.avg_rating:4.2f} | {r.share_negative:4.0%}   {_short(r.quotes)}")
    for side in ("negative", "positive"):
        k = m.keywords[m.keywords["side"] == side].head(top)
        print(f"\nKeywords of {'1-2' if side == 'negative' else '4-5'} star reviews (z, reviews)  quote")
        for r in k.itertuples(index=False):
            n = r.reviews_negative if side == "negative" else r.reviews_positive
            print(f"  {r.keyword:24} {abs(r.z):6.1f} {n:7d}   {_short(r.quotes)}")
    return 0


def _posts(args) -> int:
    params = _params(args.category)
    loaded = _load(args.file, "posts", params)
    n_rejected = _rejected(loaded, args.file)
    frame, n_dup = drop_duplicate_documents(loaded.frame)
    n_dup += loaded.duplicates
    pp = pain_points(frame, params, top_n=args.top or sys.maxsize)
    if args.json:
        out = {"posts": len(frame), "duplicates_dropped": n_dup, "rejected": n_rejected, "themes": pp.to_dict(orient="records")}
        json.dump(out, sys.stdout, ensure_ascii=False, indent=1, default=str)
        print()
        return 0
    dup = f" ({n_dup} exact duplicates counted once)" if n_dup else ""
    print(f"{len(frame)} posts{dup} -> {len(pp)} pain-point themes (statements | sources | score)  quote")
    for r in pp.itertuples(index=False):
        print(f"  {r.rank:2d}. {r.theme:36} {r.statements:5d} | {','.join(r.sources):18} | {r.score:7.1f}   "
              f"{_short(r.quotes)}")
    return 0


def register(sub) -> None:
    """Add ``mine reviews`` and ``mine posts``."""
    p = sub.add_parser("mine", help="mine review/post files: aspects, keywords, pain points")
    msub = p.add_subparsers(dest="mine_command", required=True)
    for name, handler, helptext in (("reviews", _reviews, "ranked review aspects and keywords"),
                                    ("posts", _posts, "ranked pain-point themes")):
        q = msub.add_parser(name, help=helptext)
        q.add_argument("file", help="export file (any layout `seller-lab inspect` reads)")
        q.add_argument("--json", action="store_true", help="print JSON instead of a table")
        q.add_argument("--top", type=int, default=10, help="rows per table (default 10; 0 = every aspect/theme above the floors)")
        q.add_argument("--category", default=None, help="category slug (its params: language, keywords)")
        q.set_defaults(func=handler)
