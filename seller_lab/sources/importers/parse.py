"""Vectorised value parsers shared by the importers: numbers in any locale ('"$12,905.25"',
'1.234,56 €', '5.63%', '<1'), timestamps in the formats exports use, booleans in several
languages. No per-row Python loops: fast paths with ``pd.to_numeric``/``pd.to_datetime``,
the slow path only for the rows the fast path could not read.

Examples
--------
>>> parse_number(pd.Series(["$12,905.25", "1.234,56 €", "5.63%", "<1", "", "x"])).tolist()
[12905.25, 1234.56, 5.63, 0.5, nan, nan]
>>> parse_ts(pd.Series(["01.10.2026 09:30:00"]), "Europe/Berlin").astype(str).tolist()
['2026-10-01 07:30:00+00:00']
"""

from __future__ import annotations

import numpy as np
import pandas as pd

_TS_FORMATS = ["ISO8601", "%Y-%m-%d %H:%M:%S %z", "%d.%m.%Y %H:%M:%S", "%d.%m.%Y %H:%M",
               "%d.%m.%Y", "%m/%d/%Y %H:%M:%S", "%m/%d/%Y %H:%M", "%m/%d/%Y",
               "%d/%m/%Y %H:%M:%S", "%d/%m/%Y", "%Y/%m/%d %H:%M:%S", "%Y/%m/%d %H:%M",
               "%Y/%m/%d", "%b %d, %Y", "%d %b %Y", "%Y年%m月%d日"]


def text(s: pd.Series) -> pd.Series:
    """Strings with missing values as '' (surrounding blanks removed only when a sample
    shows any, to keep a million-row column cheap)."""
    s = s.fillna("").astype(str)
    head = s.iloc[:1000]
    if len(head) and (head.str.len() != head.str.strip().str.len()).any():
        return s.str.strip()
    return s


def parse_number(s: pd.Series, decimal_comma: bool = False) -> pd.Series:
    """Numbers from exported text: currency symbols, thousands separators, decimal commas,
    trailing '%' (kept as percent points), Google's '<1' (read as 0.5). Unreadable -> NaN.

    ``decimal_comma`` says the file uses ',' as decimal mark (German exports with ';'), so
    '1.234' is one thousand two hundred thirty-four there.

    >>> parse_number(pd.Series(["1.234", "29,9"]), decimal_comma=True).tolist()
    [1234.0, 29.9]
    >>> parse_number(pd.Series(["12,131", "3,5", "4.0 out of 5 stars", "1 234,50 €"])).tolist()
    [12131.0, 3.5, 4.0, 1234.5]
    """
    if s.dtype.kind in "fiu":
        return s.astype("float64")
    s = s.fillna("").astype(str)
    out = pd.to_numeric(s, errors="coerce") if not decimal_comma else pd.Series(
        np.nan, index=s.index)
    na = out.isna()
    if not na.any():
        return out.astype("float64")
    t = s[na].str.strip()
    todo = pd.Series(False, index=s.index)
    todo.loc[t.index[(t != "").to_numpy()]] = True
    if not todo.any():
        return out.astype("float64")
    t = t[t != ""]
    lt1 = t == "<1"
    neg = t.str.startswith("-") | t.str.startswith("(")
    # the first number in the cell: '$12,905.25', '1.234,56 €', '4.0 out of 5 stars'
    t = t.str.extract(r"(\d(?:[\d,.\s\u00a0\u202f']*\d)?)", expand=False).fillna("")
    t = t.str.replace(r"[\s\u00a0\u202f']", "", regex=True)
    has_c = t.str.contains(",", regex=False)
    has_d = t.str.contains(".", regex=False)
    last_c, last_d = t.str.rfind(","), t.str.rfind(".")
    comma_dec = has_c & (~has_d | (last_c > last_d))
    thousands_c = has_c & ~has_d & t.str.fullmatch(r"\d{1,3}(,\d{3})+")
    thousands_d = has_d & ~has_c & t.str.fullmatch(r"\d{1,3}(\.\d{3})+")
    if decimal_comma:
        dot_thousands = thousands_d
    else:
        comma_dec = comma_dec & ~thousands_c
        dot_thousands = pd.Series(False, index=t.index)
    as_comma = t.str.replace(".", "", regex=False).str.replace(",", ".", regex=False)
    as_dot = t.str.replace(",", "", regex=False)
    as_dot = as_dot.where(~dot_thousands, t.str.replace(".", "", regex=False))
    v = pd.to_numeric(as_comma.where(comma_dec, as_dot), errors="coerce")
    v = v.where(~neg, -v).where(~lt1, 0.5)
    out.loc[todo] = v
    return out.astype("float64")


def parse_ts(s: pd.Series, tz: str = "UTC") -> pd.Series:
    """Timestamps to tz-aware UTC. Naive values are local time in ``tz`` (DST gaps shift
    forward, repeated autumn hours count as summer time); values with an offset keep it;
    all-digit values are Unix epochs (13 digits = milliseconds). Unreadable -> NaT.
    """
    if isinstance(s.dtype, pd.DatetimeTZDtype):
        return s.dt.tz_convert("UTC").astype("datetime64[ns, UTC]")
    if s.dtype.kind == "M":
        return _localize(s, tz)
    if s.dtype.kind in "fiu":
        unit = "ms" if s.dropna().abs().median() > 1e11 else "s"
        return pd.to_datetime(s, unit=unit, utc=True, errors="coerce").astype(
            "datetime64[ns, UTC]")
    s = text(s)
    out = pd.Series(pd.NaT, index=s.index, dtype="datetime64[ns, UTC]")
    nonempty = s != ""
    if not nonempty.any():
        return out
    vals = s[nonempty] if not nonempty.all() else s
    if vals.iloc[:50].str.fullmatch(r"\d{9,13}(\.\d+)?").all() and \
            vals.str.fullmatch(r"\d{9,13}(\.\d+)?").all():
        num = pd.to_numeric(vals)
        unit = "ms" if num.median() > 1e11 else "s"
        out.loc[nonempty] = pd.to_datetime(num, unit=unit, utc=True)
        return out
    sample = vals.iloc[: min(len(vals), 50)]
    parsed = None
    for fmt in _TS_FORMATS:
        try:
            trial = pd.to_datetime(sample, format=fmt, errors="coerce", utc=False)
        except (ValueError, TypeError):
            continue
        if trial.notna().mean() >= 0.9:
            try:
                parsed = pd.to_datetime(vals, format=fmt, errors="coerce", utc=False)
            except (ValueError, TypeError):  # mixed offsets
                parsed = pd.to_datetime(vals, format=fmt, errors="coerce", utc=True)
            break
    if parsed is None:
        parsed = pd.to_datetime(vals, format="mixed", errors="coerce", utc=True)
    if isinstance(parsed.dtype, pd.DatetimeTZDtype):
        parsed = parsed.dt.tz_convert("UTC")
    else:
        parsed = _localize(parsed, tz)
    out.loc[nonempty] = parsed.astype("datetime64[ns, UTC]")
    return out


def _localize(s: pd.Series, tz: str) -> pd.Series:
    n = len(s)
    loc = s.astype("datetime64[ns]").dt.tz_localize(
        tz or "UTC", ambiguous=np.ones(n, dtype=bool), nonexistent="shift_forward")
    return loc.dt.tz_convert("UTC").astype("datetime64[ns, UTC]")


def parse_date(s: pd.Series, tz: str = "UTC") -> pd.Series:
    """Calendar dates (naive, midnight). Timestamps with an offset are taken in ``tz``.

    >>> parse_date(pd.Series(["01.10.2026", ""])).dt.strftime("%Y-%m-%d").tolist()
    ['2026-10-01', nan]
    """
    if s.dtype.kind == "M" and not isinstance(s.dtype, pd.DatetimeTZDtype):
        return s.astype("datetime64[ns]").dt.normalize()
    raw = s.fillna("").astype(str).str.strip()
    has_offset = raw.str.contains(r"[T ]\d\d:\d\d.*(?:[+-]\d\d:?\d\d|Z)$", regex=True).any()
    if has_offset:
        ts = parse_ts(raw, tz).dt.tz_convert(tz or "UTC").dt.tz_localize(None)
    else:
        ts = parse_ts(raw, "UTC").dt.tz_localize(None)
    return ts.dt.normalize().astype("datetime64[ns]")


def parse_bool(s: pd.Series, mapping: dict) -> pd.Series:
    """Booleans from words ('TRUE', 'ja', '通过', ...); unknown -> NA (pandas 'boolean')."""
    key = s.fillna("").astype(str).str.strip().str.lower()
    m = {str(k).lower(): bool(v) for k, v in mapping.items()}
    return key.map(m).astype("boolean")
