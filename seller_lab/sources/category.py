"""Everything one category has, as canonical frames: ``load_category(params)``.

The data access contract of the notebooks and analysis steps: ``data.reviews``,
``data.orders``, ... are always canonical frames (empty when the category has no such
export), ``data.files`` lists what was read, ``data.missing`` the kinds without input and
``data.rejected`` the rows the importers refused.

Where the frames come from: the DuckDB store when the category was ingested
(``seller-lab ingest``) and every file in its data folder still has the SHA-256 recorded
at ingest; otherwise the files are read directly with the importers. Nothing is ever
written from here (notebooks must not hold a write lock on the store).

Examples
--------
>>> import tempfile
>>> from seller_lab.params import load_params
>>> p = load_params("kitchen-organizer-de")
>>> p["category"]["data_dir"] = tempfile.mkdtemp()          # an empty folder
>>> p["paths"]["store"] = tempfile.mkdtemp() + "/none.duckdb"
>>> data = load_category(p)
>>> len(data.reviews), "reviews" in data.missing, data.origin
(0, True, 'files')
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from .. import schemas
from ..errors import InputFileError, LayoutNotRecognisedError, StoreError
from ..i18n.phrase import from_phrase_json, joined
from ..params import load_params
from . import store as _store
from .base import error_phrase
from .store import INPUT_KINDS, Loader

FILES_COLUMNS = ["file", "kind", "layout", "encoding", "rows", "rejected", "status", "message"]
#: ``problem`` is the English reason, ``phrase`` the same as phrase JSON (see
#: :data:`seller_lab.sources.base.REJECTED_COLUMNS`)
REJECTED_COLUMNS = ["file", "row", "column", "value", "problem", "phrase"]


def _empty(kind: str):
    return field(default_factory=lambda: schemas.empty_frame(kind))


def _texts(frame: pd.DataFrame, column: str) -> list[str]:
    """A text column of a store table ('' for nulls, and for a column an older store lacks)."""
    if column not in frame:
        return [""] * len(frame)
    return frame[column].fillna("").astype(str).tolist()


@dataclass
class CategoryData:
    """One category's inputs as canonical frames (see the module docstring).

    Attributes
    ----------
    trends, posts, reviews, questions, listings, traffic, orders, inventory, shipments,
    returns, tickets, pilot : canonical frames (``seller_lab.schemas``), empty if no input
    files : DataFrame file, kind, layout, encoding, rows, rejected, status, message
        (status 'not recognised' for a file no importer knows; message says why)
    missing : kinds without any input file
    rejected : DataFrame file, row, column, value, problem, phrase
    params : the params the data was loaded with
    origin : 'store' (read from the DuckDB store) or 'files' (read the exports directly)
    """

    params: dict = field(default_factory=dict, repr=False)
    files: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=FILES_COLUMNS))
    missing: list[str] = field(default_factory=lambda: list(INPUT_KINDS))
    rejected: pd.DataFrame = field(
        default_factory=lambda: pd.DataFrame(columns=REJECTED_COLUMNS))
    origin: str = "files"
    trends: pd.DataFrame = _empty("trends")
    posts: pd.DataFrame = _empty("posts")
    reviews: pd.DataFrame = _empty("reviews")
    questions: pd.DataFrame = _empty("questions")
    listings: pd.DataFrame = _empty("listings")
    traffic: pd.DataFrame = _empty("traffic")
    orders: pd.DataFrame = _empty("orders")
    inventory: pd.DataFrame = _empty("inventory")
    shipments: pd.DataFrame = _empty("shipments")
    returns: pd.DataFrame = _empty("returns")
    tickets: pd.DataFrame = _empty("tickets")
    pilot: pd.DataFrame = _empty("pilot")

    def __getitem__(self, kind: str) -> pd.DataFrame:
        if kind not in INPUT_KINDS:
            raise KeyError(f"unknown kind '{kind}'; known: {', '.join(INPUT_KINDS)}")
        return getattr(self, kind)

    def files_of(self, kind: str) -> list[str]:
        """Files behind one kind (for ``Decision.source_file``)."""
        f = self.files
        return f.loc[f["kind"] == kind, "file"].astype(str).tolist()

    def __repr__(self) -> str:
        slug = self.params.get("category", {}).get("slug", "?")
        have = ", ".join(f"{k}={len(getattr(self, k))}" for k in INPUT_KINDS
                         if k not in self.missing)
        return (f"CategoryData({slug!r}, origin={self.origin!r}, {have or 'no data'}; "
                f"missing: {', '.join(self.missing) or 'none'})")


# in-process cache of parsed files: notebooks call load_category repeatedly
_PARSED: dict[tuple, object] = {}
_PARSED_MAX = 256


def _params_key(params: dict) -> str:
    keep = {k: params.get(k) for k in ("category", "sources")}
    return hashlib.sha1(json.dumps(keep, sort_keys=True, default=str).encode()).hexdigest()


def _default_loader() -> Loader:
    return _store._default_loader()


def load_category(params: dict | str, *, use_store: bool = True,
                  loader: Loader | None = None) -> CategoryData:
    """Every input of one category as canonical frames (read-only).

    Parameters
    ----------
    params : ``load_params(slug)`` (or just the slug)
    use_store : read the DuckDB store when it is up to date (default); False forces
        reading the exports
    loader : ``load_file``-compatible callable (default: the importers)

    Returns
    -------
    CategoryData
    """
    if isinstance(params, str):  # a slug, for a quick look in a notebook

        params = load_params(params)
    files = _store.list_input_files(params)
    if use_store:
        data = _from_store(params, files)
        if data is not None:
            return data
    if files and loader is None:
        loader = _default_loader()
    return _from_files(params, files, loader)


def _from_store(params: dict, files: list[tuple[Path, str | None]]) -> CategoryData | None:
    path = _store.store_path(params)
    if not path.exists():
        return None
    try:
        con = _store.open_store(path, read_only=True)
    except StoreError:  # locked by a writer right now: the files are the truth anyway
        return None
    slug = params["category"]["slug"]
    try:
        if "files" not in _store._tables(con):
            return None
        known = _store.read_files(con, slug)
        if len(known) != len(files) or not len(files) or "load_key" not in known:
            return None
        recorded = dict(zip(known["file"], zip(known["sha256"], known["load_key"])))
        for p, kind in files:
            if recorded.get(str(p)) != (_store.file_sha256(p), _store.load_key(params, kind)):
                return None
        frames = {k: _store.read_kind(con, k, slug) for k in INPUT_KINDS}
        rejected = _store.read_rejected(con, slug)
    finally:
        con.close()
    info = pd.DataFrame({
        "file": known["file"].astype(str), "kind": known["kind"].fillna("").astype(str),
        "layout": known["layout"].fillna("").astype(str),
        "encoding": known["encoding"].fillna("").astype(str),
        "rows": known["rows"].astype("int64"), "rejected": known["rejected"].astype("int64"),
        "status": known["status"].fillna("").astype(str),
        # the notes as phrases again (a store written before kept text only: shown as kept)
        "message": [from_phrase_json(j, m) for j, m in zip(_texts(known, "message_phrase"),
                                                           _texts(known, "message"), strict=True)]})
    return _assemble(params, frames, info, rejected, origin="store")


def _load_one(path: Path, kind: str | None, params: dict, loader: Loader):
    # the loader itself is part of the key (a strong reference: unlike id(), it cannot be
    # reused by another function once this one is gone)
    key = (str(path), _store.file_sha256(path), kind, _params_key(params), loader)
    if key not in _PARSED:
        if len(_PARSED) >= _PARSED_MAX:
            _PARSED.pop(next(iter(_PARSED)))
        _PARSED[key] = loader(path, kind=kind, params=params)
    return _PARSED[key]


def _from_files(params: dict, files, loader: Loader) -> CategoryData:
    parts: dict[str, list[pd.DataFrame]] = {k: [] for k in INPUT_KINDS}
    info, rejected = [], []
    for path, kind in files:
        try:
            res = _load_one(path, kind, params, loader)
        except InputFileError as exc:   # listed with its reason; the other files still load
            status = "not recognised" if isinstance(exc, LayoutNotRecognisedError) else "failed"
            info.append(dict(file=str(path), kind="", layout="", encoding="", rows=0,
                             rejected=0, status=status, message=error_phrase(exc)))
            continue
        if res.kind in parts:
            parts[res.kind].append(res.frame)
        rej = res.rejected if res.rejected is not None else pd.DataFrame()
        if len(rej):
            r = pd.DataFrame({c: rej[c] if c in rej else "" for c in REJECTED_COLUMNS[1:]})
            r.insert(0, "file", str(path))
            rejected.append(r)
        info.append(dict(file=str(path), kind=res.kind, layout=res.layout,
                         encoding=res.encoding, rows=len(res.frame), rejected=len(rej),
                         status="loaded", message=joined(getattr(res, "notes", None))))
    frames = {}
    for k, lst in parts.items():
        lst = [f for f in lst if len(f)]
        frames[k] = (_store.canonical(k, pd.concat(lst, ignore_index=True)) if lst
                     else schemas.empty_frame(k))
    rej = (pd.concat(rejected, ignore_index=True) if rejected
           else pd.DataFrame(columns=REJECTED_COLUMNS))
    return _assemble(params, frames, pd.DataFrame(info, columns=FILES_COLUMNS), rej,
                     origin="files")


def _assemble(params, frames, info, rejected, origin) -> CategoryData:
    have = set(info.loc[info["status"] == "loaded", "kind"]) if len(info) else set()
    missing = [k for k in INPUT_KINDS if k not in have]
    return CategoryData(params=params, files=info.reset_index(drop=True), missing=missing,
                        rejected=rejected.reset_index(drop=True), origin=origin, **frames)
