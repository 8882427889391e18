"""The bundled demo world: ``generate`` writes every input a seller has, for the three demo
categories, in the real export layouts (so the demo goes through the same importers as a
seller's own files), with the planted truths documented in ``seller_lab/demo/TRUTHS.md``
and machine-readable in :mod:`seller_lab.demo.truths`.

Per category ``data/demo/<slug>/`` gets the operations exports (:mod:`.ops`), the texts
(reviews, Q&A, posts, competitor listings: :mod:`.text_data`, when installed) and the
market exports (Google Trends, Business Reports, pilot: :mod:`.market`); the shared SOP
completion log goes to ``data/demo/sop_log.csv`` and what was planted to
``data/demo/_truths.json`` (names starting with '_' are not read by ingest).

Examples
--------
>>> import tempfile, pathlib
>>> out = pathlib.Path(tempfile.mkdtemp())
>>> res = generate(out, seed=1, scale=0.1, categories=["camping-chair-de"])
>>> (out / "camping-chair-de" / "multiTimeline.csv").exists(), sorted(res)
(True, ['camping-chair-de', 'sop_log'])
"""

from __future__ import annotations

import difflib
import importlib
import json
import os
import shutil
import time
import zlib
from pathlib import Path

import numpy as np

from ..errors import ParamsError
from ..params import load_params
from . import market, ops

DEMO_CATEGORIES = ("kitchen-organizer-de", "camping-chair-de", "kids-toy-us")
TRUTHS_FILE = "_truths.json"
SOP_LOG = "sop_log.csv"

__all__ = ["DEMO_CATEGORIES", "generate", "category_rngs"]


def category_rngs(seed: int, slug: str) -> dict[str, np.random.Generator]:
    """Independent generators per part (ops, text, market, sop) of one category, derived
    from (seed, slug) only: a category's bytes do not depend on which other categories
    are generated, and a missing part does not shift the others.

    >>> a = category_rngs(7, "kids-toy-us")["market"].integers(0, 10**9)
    >>> b = category_rngs(7, "kids-toy-us")["market"].integers(0, 10**9)
    >>> bool(a == b), bool(a == category_rngs(8, "kids-toy-us")["market"].integers(0, 10**9))
    (True, False)
    """
    ss = np.random.SeedSequence([int(seed), zlib.crc32(slug.encode("utf-8"))])
    names = ("ops", "text", "market", "sop")
    return {n: np.random.default_rng(s) for n, s in zip(names, ss.spawn(len(names)))}


def _text_module():
    """seller_lab.demo.text_data when installed (written by another part), else None."""
    try:
        text_data = importlib.import_module(f"{__name__}.text_data")
    except ModuleNotFoundError as exc:
        if exc.name in (f"{__name__}.text_data", "text_data"):
            return None
        raise
    return text_data if hasattr(text_data, "write_text") else None


def _json_default(obj):
    if isinstance(obj, np.integer):
        return int(obj)
    if isinstance(obj, np.floating):
        return float(obj)
    if isinstance(obj, np.bool_):
        return bool(obj)
    if isinstance(obj, np.ndarray):
        return obj.tolist()
    if isinstance(obj, (set, tuple)):
        return list(obj)
    return str(obj)


def _replace_dir(new: Path, final: Path) -> None:
    """Move the finished folder ``new`` to ``final``, replacing an older one. The old
    folder is first renamed away, so ``final`` is either the old or the new complete
    folder (or briefly absent), never half written."""
    trash = final.with_name(f".{final.name}.old-{os.getpid()}")
    if final.exists():
        if trash.exists():
            shutil.rmtree(trash)
        final.rename(trash)
    new.rename(final)
    if trash.exists():
        shutil.rmtree(trash, ignore_errors=True)


def _relocate(paths, tmp_root: Path, out_dir: Path) -> list[str]:
    out = []
    for p in paths:
        p = Path(p)
        try:
            out.append(str(out_dir / p.relative_to(tmp_root)))
        except ValueError:
            out.append(str(p))
    return out


def generate(out_dir, seed: int = 7, scale: float = 1.0, categories=None) -> dict:
    """Write the demo world into ``out_dir`` (one folder per category + shared files).

    Parameters
    ----------
    out_dir : folder of the demo (the project's ``data/demo`` from the CLI)
    seed : same seed -> byte-identical files
    scale : multiplies volumes (orders, reviews, ...); 1 = the realistic demo
    categories : slugs to (re)write, default all three demo categories; other category
        folders already in ``out_dir`` are kept

    Returns
    -------
    dict ``{slug: {"files": [paths], "truths": {"ops":..., "text":..., "market":...},
    "seconds": time taken}, "sop_log": path}``

    Each category is written into a hidden temporary folder inside ``out_dir`` and renamed
    into place when complete, so a crash never leaves a half-written category folder.

    Examples
    --------
    >>> import tempfile, pathlib, hashlib
    >>> def digest(d):
    ...     return hashlib.sha256(b"".join(p.read_bytes() for p in sorted(d.rglob("*"))
    ...                                    if p.is_file())).hexdigest()
    >>> a, b = pathlib.Path(tempfile.mkdtemp()), pathlib.Path(tempfile.mkdtemp())
    >>> _ = generate(a, seed=3, scale=0.05, categories=["kids-toy-us"])
    >>> _ = generate(b, seed=3, scale=0.05, categories=["kids-toy-us"])
    >>> digest(a) == digest(b)
    True
    """
    slugs = list(DEMO_CATEGORIES if categories is None else categories)
    if not slugs:
        raise ParamsError("categories", "categories", "no category to generate",
                          fix=f"name one or more of {', '.join(DEMO_CATEGORIES)}")
    if float(scale) <= 0:
        raise ParamsError("--scale", "scale", f"scale must be > 0, got {scale}",
                          fix="use e.g. --scale 1 (demo) or --scale 0.2 (fast tests)")
    for slug in slugs:
        if slug not in DEMO_CATEGORIES:
            close = difflib.get_close_matches(slug, DEMO_CATEGORIES, n=1)
            raise ParamsError("--categories", "categories",
                              f"'{slug}' is not a demo category"
                              + (f" (did you mean '{close[0]}'?)" if close else ""),
                              fix=f"use one of {', '.join(DEMO_CATEGORIES)}; your own categories "
                              "read your exports from their data_dir instead")
    params = {slug: load_params(slug) for slug in slugs}
    text_data = _text_module()
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    tmp_root = out_dir / f".generate-{os.getpid()}"
    if tmp_root.exists():
        shutil.rmtree(tmp_root)
    tmp_root.mkdir()
    result: dict = {}
    try:
        for slug in slugs:
            t0 = time.perf_counter()
            p = params[slug]
            rngs = category_rngs(seed, slug)
            folder = tmp_root / slug
            folder.mkdir()
            files: list[str] = []
            truths: dict = {}
            res = ops.write_ops(p, folder, rngs["ops"], scale)
            files += [f for f in res["files"] if Path(f).parent == folder]
            truths["ops"] = res["truths"]
            if text_data is not None:
                res = text_data.write_text(p, folder, rngs["text"], scale)
                files += list(res["files"])
                truths["text"] = res["truths"]
            res = market.write_market(p, folder, rngs["market"], scale)
            files += list(res["files"])
            truths["market"] = res["truths"]
            result[slug] = {"files": sorted(set(files)), "truths": truths,
                            "seconds": round(time.perf_counter() - t0, 2)}
        # the shared SOP log (one for the seller, not per category)
        sop_rng = category_rngs(seed, "sop_log")["sop"]
        sop_tmp = ops.write_sop_log(tmp_root, sop_rng)
        # everything written: move into place, category by category
        for slug in slugs:
            _replace_dir(tmp_root / slug, out_dir / slug)
            result[slug]["files"] = _relocate(result[slug]["files"], tmp_root, out_dir)
        os.replace(sop_tmp, out_dir / SOP_LOG)
        result["sop_log"] = str(out_dir / SOP_LOG)
        _write_truths(out_dir, result, slugs, seed, scale)
    finally:
        shutil.rmtree(tmp_root, ignore_errors=True)
    return result


def _write_truths(out_dir: Path, result: dict, slugs, seed: int, scale: float) -> Path:
    """``_truths.json``: what was planted, per category (kept for categories not rewritten)."""
    path = out_dir / TRUTHS_FILE
    old: dict = {}
    if path.exists():
        try:
            old = json.loads(path.read_text(encoding="utf-8")).get("categories", {})
        except (ValueError, AttributeError):
            old = {}
    cats = {s: old[s] for s in DEMO_CATEGORIES if s in old and s not in slugs}
    for s in slugs:
        cats[s] = {"seed": int(seed), "scale": float(scale), **result[s]["truths"]}
    order = {s: i for i, s in enumerate(DEMO_CATEGORIES)}
    cats = {s: cats[s] for s in sorted(cats, key=lambda s: (order.get(s, len(order)), s))}
    doc = {"about": "planted truths of the demo world (seller_lab/demo/TRUTHS.md)",
           "sop_log": SOP_LOG, "categories": cats}
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_text(json.dumps(doc, ensure_ascii=False, indent=1, default=_json_default) + "\n",
                   encoding="utf-8")
    os.replace(tmp, path)
    return path
