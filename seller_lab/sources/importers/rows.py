"""Row checks every importer's canonical frame passes (params ``sources.rows``): a bad
value rejects its row with file row, column and reason; the rest of the file loads.

* star ratings of reviews outside ``rating_min``..``rating_max`` (0, 6, NaN, 'five');
* malformed ASINs (an ASIN is 10 letters/digits; lower case is upper-cased);
* rows dated more than ``future_days`` after today (an expected arrival may be later);
* prices in another currency than the category's: converted with ``fx_rates`` (and said
  in the notes) or rejected -- never relabelled;
* exact duplicate records (same author, product, time and text) collapsed and counted.

Whole-number quantities are checked where the text is still at hand
(:func:`seller_lab.sources.importers.parse.parse_whole`, used by the tabular importer).
Everything is vectorised over the frame (ASINs over their distinct values).

Examples
--------
>>> import pandas as pd
>>> rules = RowRules.from_params({"sources": {"rows": {"fx_rates": {"USD/EUR": 0.9}}},
...                               "category": {"currency": "EUR"}})
>>> rules.rate("USD"), rules.rate("GBP"), rules.currency
(0.9, None, 'EUR')
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import numpy as np
import pandas as pd

from ... import schemas
from ...i18n import N_
from ...i18n.phrase import Phrase, phrase_json
from ...params import DEFAULTS_FILE, default_params_dir, load_defaults
from ..base import REJECTED_COLUMNS

ASIN_RE = r"[A-Z0-9]{10}"
_ASIN_COLUMNS = ("asin", "parent_asin")
#: canonical timestamp/date columns that may lie in the future
FUTURE_OK = frozenset({"shipments.eta"})
#: per kind, the columns that make two records the same statement
DUPLICATE_KEYS = {
    "reviews": ["user_id", "asin", "unique_id", "ds", "text", "rating"],
    "posts": ["author", "unique_id", "ds", "text", "kind"],
    "questions": ["asin", "ds", "text", "answer"],
}


@dataclass(frozen=True)
class RowRules:
    """The thresholds of ``sources.rows`` plus the category's currency and market."""

    rating_min: float = 1.0
    rating_max: float = 5.0
    max_quantity: int = 10_000_000
    negative_quantity_ok: frozenset = frozenset()
    future_days: int = 1
    month_first_markets: frozenset = frozenset()
    fx_rates: dict = field(default_factory=dict)
    drop_duplicates: bool = True
    currency: str = ""
    market: str = ""

    @classmethod
    def from_params(cls, params: dict | None) -> RowRules:
        """Rules from (category) params, the project defaults filling what is not set."""
        params = params or {}
        given = ((params.get("sources") or {}).get("rows")) or {}
        base = dict(given) if _REQUIRED_KEYS <= set(given) else {**default_rows(), **given}
        cat = params.get("category") or {}
        if cat.get("slug") == "":   # the project defaults alone: no category was chosen,
            cat = {}                # so no category currency to convert to or market
        return cls(
            rating_min=float(base["rating_min"]), rating_max=float(base["rating_max"]),
            max_quantity=int(base["max_quantity"]),
            negative_quantity_ok=frozenset(base.get("negative_quantity_ok") or []),
            future_days=int(base["future_days"]),
            month_first_markets=frozenset(str(m).upper()
                                          for m in base.get("month_first_markets") or []),
            fx_rates={str(k).upper().replace(" ", ""): float(v)
                      for k, v in (base.get("fx_rates") or {}).items()},
            drop_duplicates=bool(base.get("drop_duplicates", True)),
            currency=str(cat.get("currency") or "").upper(),
            market=str(cat.get("market") or "").upper())

    def rate(self, currency: str) -> float | None:
        """Units of the category currency per unit of ``currency`` (None: no rate)."""
        cur = currency.upper()
        if cur == self.currency:
            return 1.0
        if f"{cur}/{self.currency}" in self.fx_rates:
            return self.fx_rates[f"{cur}/{self.currency}"]
        inverse = self.fx_rates.get(f"{self.currency}/{cur}")
        return 1.0 / inverse if inverse else None

    def month_first(self) -> bool:
        """The market's convention for a date column that fits both orders."""
        return self.market in self.month_first_markets


_REQUIRED_KEYS = {"rating_min", "rating_max", "max_quantity", "future_days"}


def default_rows() -> dict:
    """``sources.rows`` of the project defaults (read once per defaults file version)."""
    path = default_params_dir() / DEFAULTS_FILE
    return dict(_defaults_rows(str(path), path.stat().st_mtime_ns))


@lru_cache(maxsize=4)
def _defaults_rows(path: str, mtime_ns: int) -> dict:
    return dict((load_defaults(Path(path).parent).get("sources") or {}).get("rows") or {})


@dataclass(frozen=True)
class Reasons:
    """Why rows are rejected, one per row: the English sentences (``problem``) and the same
    reasons as phrase JSON (``phrase``: template + values, so a report says them in its own
    language), aligned object arrays. Built once per distinct reason, not once per row, so
    a million bad rows cost a few array operations.

    >>> r = Reasons.of(3, N_("expected {n} cells, found {m}"), n=4, m=np.array([3, 5, 3]))
    >>> r.text.tolist()
    ['expected 4 cells, found 3', 'expected 4 cells, found 5', 'expected 4 cells, found 3']
    >>> from seller_lab.i18n.phrase import from_phrase_json
    >>> from_phrase_json(r.phrase[1], "").values
    {'n': 4, 'm': 5}
    """

    text: np.ndarray
    phrase: np.ndarray

    @classmethod
    def of(cls, n: int, template: str, /, **values) -> Reasons:
        """``n`` reasons said by one ``N_`` template; a value is a scalar or an array of
        ``n`` (an ndarray or Series; each distinct combination of them is phrased once)."""
        arrays = {k: np.asarray(v) for k, v in values.items()
                  if isinstance(v, np.ndarray | pd.Series)}
        if not arrays:
            p = Phrase(template, **values)
            return cls(filled(n, str(p)), filled(n, phrase_json(p)))
        keys = list(arrays)
        if len(keys) == 1:
            codes, uniq = pd.factorize(arrays[keys[0]])
            combos = [(u,) for u in uniq]
        else:
            codes, uniq = pd.factorize(pd.MultiIndex.from_arrays([arrays[k] for k in keys]))
            combos = list(uniq)
        text, phrase = [], []
        for combo in combos:
            p = Phrase(template, **{**values, **{k: _plain(v) for k, v in zip(keys, combo)}})
            text.append(str(p))
            phrase.append(phrase_json(p))
        return cls(np.array(text, dtype=object)[codes], np.array(phrase, dtype=object)[codes])

    @classmethod
    def listed(cls, reasons) -> Reasons:
        """Reasons given one by one (phrases or plain text), e.g. the few lines a parser skipped."""
        reasons = list(reasons)
        return cls(np.array([str(r) for r in reasons], dtype=object),
                   np.array([phrase_json(r) for r in reasons], dtype=object))

    @classmethod
    def each(cls, templates) -> Reasons:
        """One ``N_`` template without values per row (an array of them), e.g. the reasons
        :func:`seller_lab.sources.importers.parse.parse_whole` gives."""
        codes, uniq = pd.factorize(np.asarray(templates, dtype=object))
        listed = cls.listed(Phrase(str(u)) for u in uniq)
        return listed[codes]

    @staticmethod
    def choose(cond, yes: Reasons, no: Reasons) -> Reasons:
        """Per row, ``yes`` where ``cond`` holds, else ``no`` (``np.where`` on both arrays)."""
        cond = np.asarray(cond, dtype=bool)
        return Reasons(np.where(cond, yes.text, no.text), np.where(cond, yes.phrase, no.phrase))

    def __getitem__(self, mask) -> Reasons:
        return Reasons(self.text[mask], self.phrase[mask])

    def __len__(self) -> int:
        return len(self.text)


def filled(n: int, value) -> np.ndarray:
    """An object array of ``n`` references to one value (``np.full`` would copy a string
    into a new object per element: 90 MB instead of 8 for a million rows)."""
    out = np.empty(n, dtype=object)
    out[:] = value
    return out


def _plain(v):
    """A numpy scalar as the Python value (phrase JSON holds plain values)."""
    return v.item() if isinstance(v, np.generic) else v


def rejected_frame(rows, column, values, problems) -> pd.DataFrame:
    """A ``rejected`` frame from aligned arrays (or scalars for column/value). ``problems``
    is one reason for every row (a :class:`~seller_lab.i18n.phrase.Phrase` or plain text),
    :class:`Reasons` aligned with ``rows``, or a list of phrases, one per row."""
    rows = np.asarray(rows)
    n = len(rows)

    def arr(x):
        return np.asarray(x, dtype=object) if not isinstance(x, str) else filled(n, x)
    if isinstance(problems, str):
        problems = Reasons(filled(n, str(problems)), filled(n, phrase_json(problems)))
    elif not isinstance(problems, Reasons):
        problems = Reasons.listed(problems)
    return pd.DataFrame({"row": rows.astype("int64"), "column": arr(column),
                         "value": arr(values), "problem": problems.text,
                         "phrase": problems.phrase}, columns=REJECTED_COLUMNS)


def empty_rejected() -> pd.DataFrame:
    """A ``rejected`` frame without rows."""
    return pd.DataFrame(columns=REJECTED_COLUMNS)


#: Reasons a row check gives (message ids: a report says them in its own language).
RATING_OUTSIDE = N_("star rating outside {lo:g}-{hi:g} (sources.rows.rating_min/rating_max)")
RATING_MISSING = N_("no star rating (empty or not a number)")
ASIN_MALFORMED = N_("malformed ASIN (an ASIN is 10 letters or digits, e.g. B0DKR2T7Q1)")
DATED_AHEAD = N_("dated after {date} (more than {days} day(s) ahead of today; sources.rows.future_days)")
NO_FX_RATE = N_("price in {code}, but the category's currency is {currency} and sources.rows.fx_rates "
                "has no '{code}/{currency}' rate")


def check_frame(kind: str, frame: pd.DataFrame, rows: np.ndarray, rules: RowRules, *,
                names: dict | None = None,
                now: pd.Timestamp | None = None) -> tuple[pd.DataFrame, np.ndarray, pd.DataFrame]:
    """Apply the value rules to a canonical frame.

    Returns ``(frame, bad, rejected)``: the frame (ASINs upper-cased), a boolean mask of
    the rows to reject and the ``rejected`` records (source row from ``rows``, column named
    as in the file through ``names``).
    """
    names = names or {}
    bad = np.zeros(len(frame), dtype=bool)
    parts: list[pd.DataFrame] = []

    def reject(mask, col, values, problem):
        """``problem``: a phrase, or a function of the rejected values giving
        :class:`Reasons`, one each."""
        mask = np.asarray(mask, dtype=bool) & ~bad
        if mask.any():
            picked = np.asarray(values)[mask]
            vals = pd.Series(picked).astype(str).str.slice(0, 80).to_numpy()
            parts.append(rejected_frame(rows[mask], names.get(col, col), vals,
                                        problem if isinstance(problem, str)
                                        else problem(picked)))
            bad[mask] = True

    spec = schemas.FRAMES[kind]
    if "rating" in spec and kind in ("reviews", "listings") and len(frame):
        r = frame["rating"].to_numpy(dtype="float64")
        lo = rules.rating_min if kind == "reviews" else 0.0
        with np.errstate(invalid="ignore"):
            out = (r < lo) | (r > rules.rating_max)
        if kind == "reviews":
            out |= np.isnan(r)
        shown = r.astype(object)
        shown[out] = [f"{x:g}" for x in r[out]]  # '9', not '9.0'
        reject(out, "rating", shown, lambda v: Reasons.choose(
            np.isnan(v.astype("float64")), Reasons.of(len(v), RATING_MISSING),
            Reasons.of(len(v), RATING_OUTSIDE, lo=lo, hi=rules.rating_max)))
    copied = False
    for col in _ASIN_COLUMNS:
        if col not in spec or col not in frame or not len(frame):
            continue
        s = frame[col] if frame[col].dtype == "str" else frame[col].astype(str)
        uniq = pd.Series(pd.unique(s))
        norm = uniq.str.strip().str.upper()
        ok = (norm == "") | norm.str.fullmatch(ASIN_RE)
        if not (norm == uniq).all():
            if not copied:
                frame, copied = frame.copy(), True
            frame[col] = s.map(dict(zip(uniq, norm))).astype("str")
        if not ok.all():
            wrong = s.isin(set(uniq[~ok.to_numpy()])).to_numpy()
            reject(wrong, col, s.to_numpy(), Phrase(ASIN_MALFORMED))
    now = now if now is not None else pd.Timestamp.now(tz="UTC")
    limit = (now + pd.Timedelta(days=rules.future_days)).normalize() + pd.Timedelta(days=1)
    for col, (typ, _m) in spec.items():
        if typ not in ("ts", "date") or f"{kind}.{col}" in FUTURE_OK or col not in frame:
            continue
        v = frame[col]
        if not len(v):
            continue
        lim = limit if typ == "ts" else limit.tz_localize(None)
        late = (v >= lim).fillna(False).to_numpy(dtype=bool)
        if late.any():
            reject(late, col, v.astype(str).to_numpy(),
                   Phrase(DATED_AHEAD, date=str((lim - pd.Timedelta(days=1)).date()),
                          days=rules.future_days))
    rejected = pd.concat(parts, ignore_index=True) if parts else empty_rejected()
    return frame, bad, rejected


def collapse_duplicates(kind: str, frame: pd.DataFrame,
                        rules: RowRules) -> tuple[pd.DataFrame, np.ndarray]:
    """Drop exact repeats of a record (first kept). Returns ``(frame, keep mask)``.

    Cheap on a million reviews: the full key is only compared among rows whose time
    already repeats.
    """
    keys = DUPLICATE_KEYS.get(kind)
    keep = np.ones(len(frame), dtype=bool)
    if not rules.drop_duplicates or not keys or len(frame) < 2:
        return frame, keep
    # first the time alone (one int64 column: hashing it is cheap); only rows that repeat
    # it can be duplicates
    if "ds" in keys and frame["ds"].dtype.kind == "M":
        stamp = pd.Series(frame["ds"].array.asi8)
        cand = stamp.duplicated(keep=False).to_numpy()
    else:
        cand = frame.duplicated(keys, keep=False).to_numpy()
    if not cand.any():
        return frame, keep
    sub = frame.loc[cand, keys]
    dup = sub.duplicated(keys, keep="first").to_numpy()
    keep[np.flatnonzero(cand)[dup]] = False
    if keep.all():
        return frame, keep
    return frame[keep].reset_index(drop=True), keep


def convert_prices(frame: pd.DataFrame, money: list[str], row_cur,
                   rules: RowRules, rows: np.ndarray, names: dict,
                   raw_values: pd.Series) -> tuple[pd.DataFrame, np.ndarray, pd.DataFrame, list[str]]:
    """Rows priced in another currency than the category's: converted with
    ``sources.rows.fx_rates`` (said in the notes) or rejected.

    ``row_cur`` is each row's currency (array or Series; ''/unknown rows are left alone);
    ``raw_values`` the price cells as written (shown in ``rejected``).
    """
    bad = np.zeros(len(frame), dtype=bool)
    notes: list[str] = []
    none = empty_rejected()
    if not rules.currency or not len(frame):
        return frame, bad, none, notes
    cur = np.asarray(row_cur, dtype=object)
    codes = [str(c) for c in pd.unique(cur) if c and str(c) != "nan"]
    others = sorted({c.upper() for c in codes} - {rules.currency})
    if not others:
        return frame, bad, none, notes
    cur = np.array([str(c).upper() for c in cur], dtype=object) if any(
        c != c.upper() for c in codes) else cur
    frame = frame.copy()
    parts = []
    for code in others:
        rows_of = cur == code
        rate = rules.rate(code)
        if rate is None:
            parts.append(rejected_frame(
                rows[rows_of], names.get(money[0], money[0]),
                raw_values[rows_of].astype(str).str.slice(0, 80).to_numpy(),
                Phrase(NO_FX_RATE, code=code, currency=rules.currency)))
            bad |= rows_of
            continue
        for col in money:
            frame.loc[rows_of, col] = frame.loc[rows_of, col] * rate
        frame.loc[rows_of, "currency"] = rules.currency
        notes.append(Phrase(N_("{n} row(s) priced in {code} converted to {currency} at {rate:g} "
                               "(sources.rows.fx_rates)"), n=int(rows_of.sum()), code=code,
                            currency=rules.currency, rate=rate))
    rej = pd.concat(parts, ignore_index=True) if parts else empty_rejected()
    return frame, bad, rej, notes
