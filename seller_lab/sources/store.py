"""The one local store (R7.1): an embedded DuckDB file holding every ingested export.

Layout of the database file (``paths.store``, default ``data/seller_lab.duckdb``):

* one table per canonical input kind (``trends``, ``posts``, ``reviews``, ``questions``,
  ``listings``, ``traffic``, ``orders``, ``inventory``, ``shipments``, ``returns``,
  ``tickets``, ``pilot``): the canonical columns of :mod:`seller_lab.schemas` plus the
  lineage columns ``category`` (slug), ``source_file`` (absolute path of the export) and
  ``row_no`` (0-based position of the row in its file's canonical frame, keeps order);
* ``files``: one row per file of a category's data folder -- ``category``, ``file``
  (absolute path), ``name`` (path inside the data folder), ``sha256``, ``size_bytes``,
  ``kind``, ``layout``, ``encoding``, ``status`` (``loaded`` or ``not recognised``),
  ``message``, ``loaded_at`` (UTC), ``rows``, ``rejected``, ``load_key``,
  ``message_phrase`` (the message as phrase JSON, said in a report's language);
* ``rejected``: the rows an importer refused (``category``, ``source_file``, ``row``,
  ``column``, ``value``, ``problem`` and ``phrase``, the reason as phrase JSON);
* ``decisions``: every Decision record a report produced (:data:`schemas.DECISIONS`
  columns + ``report_kind`` + ``run_at``).

Ingest is idempotent (a file whose SHA-256 is unchanged is skipped; a changed file at the
same path replaces its rows; a file that left the folder loses its rows) and runs in one
transaction per category, so a process killed mid-ingest leaves the previous state.

DuckDB allows ONE read-write process per database file (PITFALLS): only the parent /
batch process writes (``seller-lab ingest``, the report batch saving decisions);
notebooks and workers open the store read-only (:func:`open_store` defaults to it).

Examples
--------
>>> import tempfile, pandas as pd
>>> from seller_lab.decisions import Decision, to_frame
>>> db = Path(tempfile.mkdtemp()) / "store.duckdb"
>>> d = to_frame([Decision(unique_id="KO-RACK-2T", rule="R6.turnover", metric="turnover",
...     value="2.4", threshold=">= 2.0", verdict="alert", reason="fast mover",
...     category="kitchen-organizer-de", period="2026-10")])
>>> save_decisions(db, d, report_kind="monthly", period="2026-10")
1
>>> read_decisions(db, category="kitchen-organizer-de")[["unique_id", "verdict", "report_kind"]]
    unique_id verdict report_kind
0  KO-RACK-2T   alert     monthly
"""

from __future__ import annotations

import datetime as _dt
import fnmatch
import hashlib
import json
import logging
import time
from collections.abc import Callable, Iterable
from pathlib import Path

import duckdb
import pandas as pd

from .. import schemas
from ..errors import InputFileError, LayoutNotRecognisedError, SellerLabError, StoreError
from ..i18n import N_
from ..i18n.phrase import Phrase, joined, phrase_json
from ..params import load_params, resolve
from .base import error_message, error_phrase
from .importers.jsontext import quiet
from .load import load_file

log = logging.getLogger("seller_lab.sources.store")

#: canonical kinds a category's data folder can hold (series/decisions are outputs)
INPUT_KINDS: list[str] = [k for k in schemas.FRAMES if k not in ("series", "decisions")]
LINEAGE_COLUMNS = ["category", "source_file", "row_no"]

_DUCK_TYPES = {"str": "VARCHAR", "int": "BIGINT", "float": "DOUBLE", "bool": "BOOLEAN",
               "ts": "TIMESTAMPTZ", "date": "TIMESTAMP"}

FILES_COLUMNS = {
    "category": "VARCHAR", "file": "VARCHAR", "name": "VARCHAR", "sha256": "VARCHAR",
    "size_bytes": "BIGINT", "kind": "VARCHAR", "layout": "VARCHAR", "encoding": "VARCHAR",
    "status": "VARCHAR", "message": "VARCHAR", "loaded_at": "TIMESTAMPTZ",
    "rows": "BIGINT", "rejected": "BIGINT", "load_key": "VARCHAR",
    # the importer's notes as a phrase (i18n.phrase.phrase_json): a report says them in its language
    "message_phrase": "VARCHAR",
}
REJECTED_COLUMNS = {"category": "VARCHAR", "source_file": "VARCHAR", "row": "BIGINT",
                    "column": "VARCHAR", "value": "VARCHAR", "problem": "VARCHAR",
                    # the reason as a phrase (i18n.phrase.phrase_json): a report says it in its language
                    "phrase": "VARCHAR"}
DECISION_EXTRA = {"report_kind": "VARCHAR", "report_period": "VARCHAR", "run_at": "TIMESTAMPTZ"}

SUMMARY_COLUMNS = ["category", "file", "kind", "layout", "status", "rows", "rejected",
                   "sha256", "message"]
#: The message of a file whose importer crashed (the file is named first, as in ``str(err)``).
IMPORTER_FAILED = N_("{file}: importer failed ({error}). Fix: report this file to the seller_lab maintainers")

_LOCK_FIX = ("only one process may write the store at a time: wait for the running "
             "'seller-lab ingest' / report batch to finish, or restart the notebook kernel "
             "that holds it; notebooks should open it read-only")


# --------------------------------------------------------------------------------------
# paths, hashing, folder listing
# --------------------------------------------------------------------------------------
def store_path(params_or_path) -> Path:
    """Path of the store file: from params (``paths.store``) or as given.

    >>> store_path("/tmp/x.duckdb")
    PosixPath('/tmp/x.duckdb')
    """
    if isinstance(params_or_path, dict):

        return resolve(params_or_path, params_or_path["paths"]["store"])
    return Path(params_or_path)


_HASH_CACHE: dict[tuple[str, int, int], str] = {}


def file_sha256(path: str | Path) -> str:
    """SHA-256 of a file's bytes (cached per path/size/mtime within the process).

    >>> import tempfile
    >>> p = Path(tempfile.mkdtemp()) / "a.csv"; _ = p.write_text("x\\n1\\n")
    >>> file_sha256(p)[:12]
    'daff832f8020'
    """
    path = Path(path)
    st = path.stat()
    key = (str(path.resolve()), st.st_size, st.st_mtime_ns)
    if key in _HASH_CACHE:
        return _HASH_CACHE[key]
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    _HASH_CACHE[key] = h.hexdigest()
    return _HASH_CACHE[key]


def data_dir(params: dict) -> Path:
    """The category's data folder (``category.data_dir`` resolved against the project)."""

    rel = params["category"].get("data_dir") or ""
    if not rel:
        raise StoreError(f"category '{params['category'].get('slug', '')}' has no data_dir. "
                         "Fix: set category.data_dir in its params file")
    return resolve(params, rel)


def list_input_files(params: dict) -> list[tuple[Path, str | None]]:
    """Files of a category's data folder to load, as ``(absolute path, kind or None)``.

    Every regular file below ``category.data_dir`` (sorted, recursive) except those
    matching ``sources.ignore`` (README, notes, hidden files, ...). A file named under
    ``sources.files.<kind>`` (a name or a list of names inside the data folder) is loaded
    as that kind; the others are recognised from their header/shape.
    """
    folder = data_dir(params)
    if not folder.is_dir():
        raise StoreError(f"{folder}: data folder not found for category "
                         f"'{params['category'].get('slug', '')}'. Fix: create it and drop the "
                         "exports there, or correct category.data_dir in the params file")
    src = params.get("sources", {})
    ignore = list(src.get("ignore", []))
    declared: dict[Path, str] = {}
    for kind, names in (src.get("files") or {}).items():
        for name in [names] if isinstance(names, str) else list(names or []):
            declared[(folder / name).resolve()] = kind
    out = []
    for path in sorted(folder.rglob("*")):
        if not path.is_file():
            continue
        rel = path.relative_to(folder)
        if any(part.startswith((".", "_")) for part in rel.parts[:-1]):
            continue
        if any(fnmatch.fnmatch(path.name, pat) for pat in ignore):
            continue
        resolved = path.resolve()
        out.append((resolved, declared.get(resolved)))
    return out


# --------------------------------------------------------------------------------------
# connection
# --------------------------------------------------------------------------------------
def _is_lock_error(exc: Exception) -> bool:
    text = str(exc)
    return ("lock" in text.lower() and "conflicting" in text.lower()) or \
        "Could not set lock" in text or "different configuration" in text


def open_store(path, read_only: bool = True, *, wait_s: float = 0.0):
    """Open the store (a ``duckdb`` connection with time zone UTC).

    Parameters
    ----------
    path : store file, or params (``paths.store``)
    read_only : notebooks and workers read; only the batch / ingest process writes
    wait_s : keep retrying that long while another process holds the lock

    Raises
    ------
    StoreError
        the file is locked by another writer, or (read-only) does not exist yet.

    >>> import tempfile
    >>> con = open_store(Path(tempfile.mkdtemp()) / "s.duckdb", read_only=False)
    >>> sorted(t for (t,) in con.execute("SHOW TABLES").fetchall())[:3]
    ['decisions', 'files', 'inventory']
    >>> con.close()
    """
    path = store_path(path)
    if read_only and not path.exists():
        raise StoreError(f"{path}: no store yet. Fix: run 'seller-lab ingest <category>' first "
                         "(or load the files directly with load_category)")
    if not read_only:
        path.parent.mkdir(parents=True, exist_ok=True)
    deadline = time.monotonic() + max(wait_s, 0.0)
    while True:
        try:
            con = duckdb.connect(str(path), read_only=read_only)
            break
        except (duckdb.IOException, duckdb.ConnectionException) as exc:
            if not _is_lock_error(exc):
                raise StoreError(f"{path}: cannot open the store: {exc}. Fix: check the file is a "
                                 "DuckDB database (delete it and re-run ingest if it is "
                                 "corrupt)") from None
            if time.monotonic() >= deadline:
                raise StoreError(f"{path}: the store is locked by another process ({exc}). "
                                 f"Fix: {_LOCK_FIX}") from None
            time.sleep(0.2)
    con.execute("SET TimeZone='UTC'")
    quiet(con)
    if not read_only:
        ensure_schema(con)
    return con


def ensure_schema(con) -> None:
    """Create missing tables/columns (new canonical columns are added in place)."""
    existing = {t for (t,) in con.execute("SHOW TABLES").fetchall()}
    wanted: dict[str, dict[str, str]] = {}
    for kind in INPUT_KINDS:
        cols = {c: _DUCK_TYPES[t] for c, (t, _) in schemas.FRAMES[kind].items()}
        cols.setdefault("category", "VARCHAR")
        cols.setdefault("source_file", "VARCHAR")
        cols["row_no"] = "BIGINT"
        wanted[kind] = cols
    wanted["files"] = FILES_COLUMNS
    wanted["rejected"] = REJECTED_COLUMNS
    wanted["decisions"] = {**{c: "VARCHAR" for c in schemas.columns("decisions")},
                           **DECISION_EXTRA}
    for table, cols in wanted.items():
        if table not in existing:
            body = ", ".join(f'"{c}" {t}' for c, t in cols.items())
            con.execute(f'CREATE TABLE "{table}" ({body})')
            continue
        have = {r[0] for r in con.execute(f'DESCRIBE "{table}"').fetchall()}
        for c, t in cols.items():
            if c not in have:
                con.execute(f'ALTER TABLE "{table}" ADD COLUMN "{c}" {t}')


def _tables(con) -> set[str]:
    return {t for (t,) in con.execute("SHOW TABLES").fetchall()}


# --------------------------------------------------------------------------------------
# frame <-> table
# --------------------------------------------------------------------------------------
def _prepare(kind: str, frame: pd.DataFrame, category: str, source_file: str) -> pd.DataFrame:
    """Canonical columns in order (missing ones as nulls) + lineage columns."""
    n = len(frame)
    data = {c: (frame[c].reset_index(drop=True) if c in frame
                else pd.Series([None] * n, dtype="object"))
            for c in schemas.columns(kind)}
    data["category"] = pd.Series([category] * n, dtype="object")
    data["source_file"] = pd.Series([source_file] * n, dtype="object")
    data["row_no"] = pd.Series(range(n), dtype="int64")
    return pd.DataFrame(data)


def canonical(kind: str, frame: pd.DataFrame) -> pd.DataFrame:
    """Coerce a frame read back from the store to the canonical columns and dtypes."""
    template = schemas.empty_frame(kind)
    out = {}
    for c in template.columns:
        s = frame[c] if c in frame else pd.Series([None] * len(frame), dtype="object")
        want = template[c].dtype
        try:
            if str(want).startswith("datetime64[ns, UTC]"):
                s = pd.to_datetime(s, utc=True).astype(want)
            elif str(want).startswith("datetime64"):
                s = pd.to_datetime(s).astype(want)
            else:
                s = s.astype(want)
        except (TypeError, ValueError):
            pass  # e.g. an int column with gaps: keep what the store holds
        out[c] = s.reset_index(drop=True)
    return pd.DataFrame(out, columns=list(template.columns))


def read_kind(con, kind: str, category: str | None = None) -> pd.DataFrame:
    """All rows of one kind (optionally one category) as a canonical frame, in file order."""
    if kind not in INPUT_KINDS:
        raise StoreError(f"unknown kind '{kind}'; the store holds {', '.join(INPUT_KINDS)}")
    sel = ", ".join(f'"{c}"' for c in schemas.columns(kind))
    where, args = ("WHERE category = ?", [category]) if category else ("", [])
    df = con.execute(f'SELECT {sel} FROM "{kind}" {where} ORDER BY source_file, row_no',
                     args).df()
    return canonical(kind, df)


def read_files(con, category: str | None = None) -> pd.DataFrame:
    """The ``files`` lineage table (optionally one category), sorted by file."""
    where, args = ("WHERE category = ?", [category]) if category else ("", [])
    df = con.execute(f"SELECT * FROM files {where} ORDER BY category, file", args).df()
    return df


def read_rejected(con, category: str | None = None) -> pd.DataFrame:
    """Rejected input rows with their file: file, row, column, value, problem (English) and
    phrase (the reason as phrase JSON; '' in a store written before it was kept)."""
    where, args = ("WHERE category = ?", [category]) if category else ("", [])
    have = {r[0] for r in con.execute('DESCRIBE "rejected"').fetchall()}
    phrase = "coalesce(phrase, '')" if "phrase" in have else "''"
    return con.execute(f'SELECT source_file AS file, "row", "column", value, problem, '
                       f"{phrase} AS phrase FROM rejected {where} "
                       f'ORDER BY source_file, "row"', args).df()


# --------------------------------------------------------------------------------------
# ingest
# --------------------------------------------------------------------------------------
Loader = Callable[..., object]


def _default_loader() -> Loader:
    return load_file


def _delete_file_rows(con, category: str, file: str) -> None:
    for kind in INPUT_KINDS:
        con.execute(f'DELETE FROM "{kind}" WHERE category = ? AND source_file = ?',
                    [category, file])
    con.execute("DELETE FROM rejected WHERE category = ? AND source_file = ?", [category, file])
    con.execute("DELETE FROM files WHERE category = ? AND file = ?", [category, file])


def _insert(con, table: str, frame: pd.DataFrame) -> None:
    if frame.empty:
        return
    name = f"_src_{table}"
    con.register(name, frame)
    try:
        con.execute(f'INSERT INTO "{table}" BY NAME SELECT * FROM {name}')
    finally:
        con.unregister(name)


def _files_row(category, path: Path, folder: Path, sha, kind, layout, encoding, status,
               message, rows, rejected, now, key) -> pd.DataFrame:
    try:
        name = str(path.relative_to(folder))
    except ValueError:
        name = path.name
    return pd.DataFrame([{
        "category": category, "file": str(path), "name": name, "sha256": sha,
        "size_bytes": path.stat().st_size, "kind": kind, "layout": layout,
        "encoding": encoding, "status": status, "message": str(message), "loaded_at": now,
        "rows": rows, "rejected": rejected, "load_key": key, "message_phrase": phrase_json(message)}])


#: category settings an importer may use (currency, time zone, ...) -- not keywords etc.
_LOAD_CATEGORY_KEYS = ("market", "marketplace", "language", "currency", "timezone")


#: What the store keeps of a loaded file; part of every :func:`load_key`, so a store written
#: by an older version reloads each file once (2: the importers' notes kept as phrases;
#: 3: the reasons of rejected rows kept as phrases, and a file's error as a phrase; 4: the importers read rows
#: an older version rejected: JSON lines writing an apostrophe as \', an ERP's zero date). Bump it when an importer
#: change alters what an unchanged file loads to.
STORE_FORMAT = 4


def load_key(params: dict, kind_hint: str | None) -> str:
    """Hash of what, besides the file's bytes, decides how a file loads (the store's format,
    the declared kind, ``sources.*``, the market settings): a change re-loads the file.

    >>> p = {"sources": {"on_bad_rows": "skip"}, "category": {"currency": "EUR"}}
    >>> load_key(p, None) == load_key(p, "orders")
    False
    """
    cat = params.get("category", {})
    doc = {"format": STORE_FORMAT, "kind": kind_hint or "", "sources": params.get("sources", {}),
           "category": {k: cat.get(k) for k in _LOAD_CATEGORY_KEYS}}
    blob = json.dumps(doc, sort_keys=True, default=str).encode("utf-8")
    return hashlib.sha256(blob).hexdigest()[:16]


def ingest_category(params: dict, *, loader: Loader | None = None, con=None,
                    force: bool = False) -> pd.DataFrame:
    """Load every file of the category's data folder into the store, idempotently.

    One transaction for the whole category: either every change lands or none.

    Parameters
    ----------
    params : category params (``load_params(slug)``); ``paths.store`` names the store
    loader : ``load_file(path, kind=None, params=None) -> LoadResult`` (default: the
        importers' :func:`seller_lab.sources.load_file`)
    con : an open read-write connection to reuse (``ingest --all``); else one is opened
    force : re-load every file even when its hash and load settings are unchanged
        (e.g. after an importer update)

    Returns
    -------
    DataFrame
        one row per file: category, file, kind, layout, status (``loaded``,
        ``replaced``, ``unchanged``, ``removed``, ``not recognised``, ``error``), rows,
        rejected, sha256, message. A file in ``error`` keeps its previous rows. A message
        the importer phrased (its notes, why a file failed) is a
        :class:`~seller_lab.i18n.phrase.Phrase`: the English text, said in another language
        by ``seller-lab ingest --lang``.
    """
    category = params["category"]["slug"]
    folder = data_dir(params).resolve()
    files = list_input_files(params)
    own = con is None
    if own:
        con = open_store(params, read_only=False,
                         wait_s=float(params["sources"]["store_lock_wait_s"]))
    summary = []
    try:
        known = read_files(con, category).set_index("file")
        now = pd.Timestamp.now(tz="UTC")
        con.execute("BEGIN TRANSACTION")
        try:
            seen = set()
            for path, kind_hint in files:
                file = str(path)
                seen.add(file)
                sha = file_sha256(path)
                prev = known.loc[file] if file in known.index else None
                key = load_key(params, kind_hint)
                if (prev is not None and not force and prev["sha256"] == sha
                        and prev["load_key"] == key):
                    summary.append(dict(category=category, file=file, kind=prev["kind"],
                                        layout=prev["layout"], status="unchanged",
                                        rows=int(prev["rows"]), rejected=int(prev["rejected"]),
                                        sha256=sha, message=""))
                    continue
                try:
                    if loader is None:
                        loader = _default_loader()
                    res = loader(path, kind=kind_hint, params=params)
                except LayoutNotRecognisedError as exc:
                    _delete_file_rows(con, category, file)
                    _insert(con, "files", _files_row(category, path, folder, sha, "", "", "",
                                                     "not recognised", error_phrase(exc), 0, 0,
                                                     now, key))
                    summary.append(dict(category=category, file=file, kind="", layout="",
                                        status="not recognised", rows=0, rejected=0,
                                        sha256=sha, message=error_message(exc)))
                    continue
                except (InputFileError, SellerLabError) as exc:
                    summary.append(dict(category=category, file=file,
                                        kind=kind_hint or "", layout="", status="error",
                                        rows=0, rejected=0, sha256=sha,
                                        message=error_message(exc)))
                    continue
                except Exception as exc:  # an importer bug must not stop the other files
                    log.exception("importer failed on %s", file)
                    summary.append(dict(category=category, file=file,
                                        kind=kind_hint or "", layout="", status="error",
                                        rows=0, rejected=0, sha256=sha,
                                        message=Phrase(IMPORTER_FAILED, file=file,
                                                       error=f"{type(exc).__name__}: {exc}")))
                    continue
                _delete_file_rows(con, category, file)
                _insert(con, res.kind, _prepare(res.kind, res.frame, category, file))
                rej = res.rejected
                if rej is not None and len(rej):
                    _insert(con, "rejected", _rejected_rows(rej, category, file))
                n_rej = 0 if rej is None else len(rej)
                said = joined(getattr(res, "notes", None))
                _insert(con, "files", _files_row(category, path, folder, sha, res.kind,
                                                 res.layout, res.encoding, "loaded", said,
                                                 len(res.frame), n_rej, now, key))
                summary.append(dict(category=category, file=file, kind=res.kind,
                                    layout=res.layout,
                                    status="replaced" if prev is not None else "loaded",
                                    rows=len(res.frame), rejected=n_rej, sha256=sha,
                                    message=said))
            for file in known.index:
                if file not in seen:
                    prev = known.loc[file]
                    _delete_file_rows(con, category, file)
                    summary.append(dict(category=category, file=file, kind=prev["kind"],
                                        layout=prev["layout"], status="removed", rows=0,
                                        rejected=0, sha256=prev["sha256"],
                                        message="file no longer in the data folder"))
            con.execute("COMMIT")
        except BaseException:
            con.execute("ROLLBACK")
            raise
    finally:
        if own:
            con.close()
    return pd.DataFrame(summary, columns=SUMMARY_COLUMNS)


def _rejected_rows(rej: pd.DataFrame, category: str, file: str) -> pd.DataFrame:
    n = len(rej)

    def col(name):
        if name not in rej:
            return [""] * n
        return rej[name].astype("object").map(_text).to_numpy()

    rows = (pd.to_numeric(rej["row"], errors="coerce") if "row" in rej
            else pd.Series([None] * n, dtype="float64"))
    return pd.DataFrame({"category": category, "source_file": file,
                         "row": rows.astype("Int64").to_numpy(), "column": col("column"),
                         "value": col("value"), "problem": col("problem"),
                         "phrase": col("phrase")})


def _text(v) -> str:
    return "" if v is None or (isinstance(v, float) and pd.isna(v)) else str(v)


def ingest_categories(slugs: Iterable[str], params_dir=None, *,
                      loader: Loader | None = None, force: bool = False) -> pd.DataFrame:
    """Ingest several categories with one write connection (each its own transaction)."""

    all_params = [load_params(s, params_dir) for s in slugs]
    if not all_params:
        return pd.DataFrame(columns=SUMMARY_COLUMNS)
    p0 = all_params[0]
    con = open_store(p0, read_only=False,
                     wait_s=float(p0["sources"]["store_lock_wait_s"]))
    try:
        parts = []
        for p in all_params:
            if store_path(p) != store_path(p0):
                parts.append(ingest_category(p, loader=loader, force=force))
            else:
                parts.append(ingest_category(p, loader=loader, con=con, force=force))
    finally:
        con.close()
    return pd.concat(parts, ignore_index=True)


# --------------------------------------------------------------------------------------
# decisions
# --------------------------------------------------------------------------------------
def save_decisions(params_or_store_path, decisions: pd.DataFrame, report_kind: str,
                   period: str, *, wait_s: float | None = None) -> int:
    """Keep a report's Decision records in the store (replacing that run's earlier ones).

    Rows of the same (category, report_kind, report period) are replaced, so re-running a
    report does not duplicate its decisions (a row may carry a finer ``period``, e.g. an
    ISO week; ``report_period`` keeps the run's period). Only the batch parent should call this
    (one writer per store file).

    Parameters
    ----------
    params_or_store_path : params (``paths.store``) or the store file
    decisions : frame with the :data:`schemas.DECISIONS` columns (``decisions.to_frame``)
    report_kind : 'research' | 'monthly' | ...
    period : 'YYYY-MM' (or 'YYYY-MM-DD'); also fills an empty ``period`` column

    Returns
    -------
    int : rows written
    """
    if wait_s is None:
        wait_s = (float(params_or_store_path["sources"]["store_lock_wait_s"])
                  if isinstance(params_or_store_path, dict) else 10.0)
    cols = schemas.columns("decisions")
    missing = [c for c in ("unique_id", "rule", "verdict") if c not in decisions]
    if missing:
        raise StoreError(f"decisions frame lacks column(s) {missing}. Fix: build it with "
                         "seller_lab.decisions.to_frame(...)")
    frame = pd.DataFrame(index=range(len(decisions)))
    for c in cols:
        frame[c] = decisions[c].astype("object").map(_text).to_numpy() if c in decisions else ""
    frame["period"] = frame["period"].where(frame["period"] != "", str(period))
    if isinstance(params_or_store_path, dict):
        slug = params_or_store_path.get("category", {}).get("slug", "")
        if slug:
            frame["category"] = frame["category"].where(frame["category"] != "", slug)
    frame["report_kind"] = report_kind
    frame["report_period"] = str(period)
    frame["run_at"] = pd.Timestamp.now(tz="UTC")
    con = open_store(params_or_store_path, read_only=False, wait_s=wait_s)
    try:
        con.execute("BEGIN TRANSACTION")
        try:
            for cat in sorted(set(frame["category"])):
                con.execute("DELETE FROM decisions WHERE category = ? AND report_kind = ? "
                            "AND coalesce(report_period, period) = ?",
                            [cat, report_kind, str(period)])
            _insert(con, "decisions", frame)
            con.execute("COMMIT")
        except BaseException:
            con.execute("ROLLBACK")
            raise
    finally:
        con.close()
    return len(frame)


def read_decisions(params_or_store_path, category: str | None = None,
                   period: str | None = None, report_kind: str | None = None) -> pd.DataFrame:
    """Decision records kept in the store (empty frame if there is no store yet).

    Columns: :data:`schemas.DECISIONS` + ``report_kind`` + ``report_period`` + ``run_at``
    (UTC). ``period`` filters on the report's period.
    """
    cols = schemas.columns("decisions") + list(DECISION_EXTRA)
    path = store_path(params_or_store_path)
    if not path.exists():
        return _empty_decisions()
    con = open_store(path, read_only=True)
    try:
        if "decisions" not in _tables(con):
            return _empty_decisions()
        conds, args = [], []
        for col, val in (("category", category), ("coalesce(report_period, period)", period),
                         ("report_kind", report_kind)):
            if val is not None:
                conds.append(f"{col} = ?")
                args.append(str(val))
        where = ("WHERE " + " AND ".join(conds)) if conds else ""
        have = {r[0] for r in con.execute("DESCRIBE decisions").fetchall()}
        if "report_period" not in have:  # a store written before that column existed
            conds = [c.replace("coalesce(report_period, period)", "period") for c in conds]
            where = ("WHERE " + " AND ".join(conds)) if conds else ""
        sel = ", ".join(f'"{c}"' if c in have else f'NULL AS "{c}"' for c in cols)
        df = con.execute(f"SELECT {sel} FROM decisions {where} "
                         "ORDER BY run_at, category, period", args).df()
    finally:
        con.close()
    df["report_period"] = df["report_period"].fillna(df["period"])
    for c in schemas.columns("decisions") + ["report_kind", "report_period"]:
        df[c] = df[c].fillna("").astype("str")
    df["run_at"] = pd.to_datetime(df["run_at"], utc=True)
    return df.reset_index(drop=True)


def _empty_decisions() -> pd.DataFrame:
    df = schemas.empty_frame("decisions")
    df["report_kind"] = pd.Series(dtype="str")
    df["report_period"] = pd.Series(dtype="str")
    df["run_at"] = pd.Series(dtype="datetime64[ns, UTC]")
    return df


def last_ingest(params: dict) -> _dt.datetime | None:
    """When the category was last ingested (None when never / no store)."""
    path = store_path(params)
    if not path.exists():
        return None
    con = open_store(path, read_only=True)
    try:
        if "files" not in _tables(con):
            return None
        (ts,) = con.execute("SELECT max(loaded_at) FROM files WHERE category = ?",
                            [params["category"]["slug"]]).fetchone()
    finally:
        con.close()
    return ts
