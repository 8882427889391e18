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

import re

import numpy as np
import pandas as pd

from ...i18n import N_

#: time-zone abbreviations Seller Central writes after a time ('Jun 8, 2025 10:23:05 PM PDT',
#: '01.06.2025 22:23:05 UTC'), as UTC offsets; IST is India's (Amazon.in)
_TZ_ABBREVIATIONS = {"UTC": "+00:00", "GMT": "+00:00", "PST": "-08:00", "PDT": "-07:00",
                     "MST": "-07:00", "MDT": "-06:00", "CST": "-06:00", "CDT": "-05:00",
                     "EST": "-05:00", "EDT": "-04:00", "BST": "+01:00", "CET": "+01:00",
                     "CEST": "+02:00", "IST": "+05:30", "JST": "+09:00", "AEST": "+10:00",
                     "AEDT": "+11:00"}
_TZ_ABBR_RE = re.compile(r"\s(" + "|".join(_TZ_ABBREVIATIONS) + r")$")
_TZ_ABBR_END = re.compile(r"\s(?:" + "|".join(_TZ_ABBREVIATIONS) + r")$")

# two-digit years: the Business Report by date writes '01.10.25' (de) and '10/1/25' (us)
_TS_FORMATS = ["ISO8601", "%Y-%m-%d %H:%M:%S %z", "%d.%m.%Y %H:%M:%S", "%d.%m.%Y %H:%M",
               "%d.%m.%Y", "%d.%m.%y", "%m/%d/%Y %H:%M:%S", "%m/%d/%Y %H:%M", "%m/%d/%Y",
               "%m/%d/%y", "%d/%m/%Y %H:%M:%S", "%d/%m/%Y %H:%M", "%d/%m/%Y", "%d/%m/%y",
               "%Y/%m/%d %H:%M:%S",
               "%Y/%m/%d %H:%M", "%Y/%m/%d", "%b %d, %Y", "%d %b %Y", "%Y年%m月%d日",
               "%m-%d-%Y %H:%M:%S", "%m-%d-%Y", "%d-%m-%Y %H:%M:%S", "%d-%m-%Y",
               "%m.%d.%Y %H:%M:%S", "%m.%d.%Y"]
_DM_RE = r"^\s*(\d{1,2})[./-](\d{1,2})[./-]\d{2,4}(?:\D|$)"
# Excel stores dates as days since 1899-12-30; 20000-80000 is 1954-09 .. 2119-01
_EXCEL_MIN, _EXCEL_MAX = 20_000, 80_000
_EPOCH_MS = 1e11   # an epoch above this is milliseconds (1e11 s would be the year 5138)
_WHOLE_RE = r"[+-]?(?:\d{1,3}(?:([,.\s\u00a0\u202f'])\d{3})(?:\1\d{3})*|\d+)(?:[.,]0+)?"
#: ISO codes and symbols a price cell may carry ('$12.99', '12,99 €', 'USD 12.99')
CURRENCY_MARKS = {"US$": "USD", "C$": "CAD", "CA$": "CAD", "A$": "AUD", "AU$": "AUD",
                  "$": "USD", "€": "EUR", "£": "GBP", "¥": "JPY", "￥": "JPY", "₹": "INR",
                  "zł": "PLN", "kr": "SEK", "CHF": "CHF", "RMB": "CNY", "元": "CNY"}
#: symbols several currencies write the same way
SHARED_MARKS = {"$": ("USD", "CAD", "AUD", "NZD", "SGD", "HKD", "MXN"),
                "¥": ("JPY", "CNY"), "￥": ("JPY", "CNY"), "kr": ("SEK", "NOK", "DKK")}
#: Why a cell is not a whole number (message ids: a report says them in its own language).
NOT_WHOLE = N_("not a whole number")
NOT_WHOLE_NOTATION = N_("not a whole number (exponent or hex notation)")
NOT_WHOLE_TEXT = N_("not a whole number (text in the cell)")
#: ISO codes a cell or a report's notes may name its currency by ('USD 12.99', 'All amounts in USD')
ISO_CURRENCIES = ("USD", "EUR", "GBP", "JPY", "CNY", "CAD", "AUD", "CHF", "PLN", "SEK", "INR", "MXN",
                  "BRL", "TRY", "AED", "SAR", "EGP", "SGD", "HKD", "NOK", "DKK", "CZK")


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
    return number_and_text_cells(s, decimal_comma)[0]


def number_and_text_cells(s: pd.Series,
                          decimal_comma: bool = False) -> tuple[pd.Series, np.ndarray]:
    """:func:`parse_number`, plus a mask of the cells that were not plain numbers (only
    those can carry a currency symbol or code: see :func:`row_currency`)."""
    if s.dtype.kind in "fiu":
        return s.astype("float64"), np.zeros(len(s), dtype=bool)
    s = s.fillna("").astype(str)
    out = pd.to_numeric(s, errors="coerce") if not decimal_comma else pd.Series(
        np.nan, index=s.index)
    na = out.isna()
    if not na.any():
        return out.astype("float64"), np.zeros(len(s), dtype=bool)
    text_cells = na.to_numpy()
    t = s[na].str.strip()
    todo = pd.Series(False, index=s.index)
    todo.loc[t.index[(t != "").to_numpy()]] = True
    if not todo.any():
        return out.astype("float64"), text_cells
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
    return out.astype("float64"), text_cells & todo.to_numpy()


def epoch_to_ts(num: pd.Series) -> pd.Series:
    """Unix epochs to UTC, seconds or milliseconds decided per value by magnitude.

    >>> epoch_to_ts(pd.Series([1700000000, 1700000000000, 1.52309e12])).astype(str).tolist()
    ['2023-11-14 22:13:20+00:00', '2023-11-14 22:13:20+00:00', '2018-04-07 08:33:20+00:00']
    """
    num = pd.to_numeric(num, errors="coerce").astype("float64")
    secs = num.where(num.abs() <= _EPOCH_MS, num / 1000.0)
    ok = secs.abs() < 9.2e9   # beyond 2261 pandas' nanosecond timestamps overflow
    ns = (secs.where(ok) * 1e9).round()
    return pd.to_datetime(ns, unit="ns", utc=True, errors="coerce").astype(
        "datetime64[ns, UTC]")


def date_order(s: pd.Series) -> str:
    """Which of 'dd/mm/yyyy' and 'mm/dd/yyyy' a text column of dates uses, decided from all
    its values: 'day_first' (a first field > 12), 'month_first' (a second field > 12),
    'both' (the column mixes them), 'ambiguous' (every value fits both) or '' (not such
    dates). Dots ('01.10.2026') count the same way.

    >>> date_order(pd.Series(["03/04/2026", "25/04/2026"])), date_order(pd.Series(["03/04/2026"]))
    ('day_first', 'ambiguous')
    """
    sample = text(s.iloc[:50])
    sample = sample[sample != ""]
    if not len(sample) or not sample.str.match(_DM_RE).mean() >= 0.5:
        return ""
    days = pd.Series(pd.unique(text(s).str.slice(0, 10)))
    parts = days.str.extract(_DM_RE).dropna().astype("int64")
    if not len(parts):
        return ""
    first, second = bool((parts[0] > 12).any()), bool((parts[1] > 12).any())
    if first and second:
        return "both"
    return "day_first" if first else "month_first" if second else "ambiguous"


def _formats(dayfirst: bool | None) -> list[str]:
    if dayfirst is None:
        return _TS_FORMATS
    drop = ("%m/", "%m-", "%m.") if dayfirst else ("%d/", "%d-", "%d.")
    return [f for f in _TS_FORMATS if not f.startswith(drop)]


def parse_ts(s: pd.Series, tz: str = "UTC", dayfirst: bool | None = None) -> pd.Series:
    """Timestamps to tz-aware UTC. Naive values are local time in ``tz`` (DST gaps shift
    forward, repeated autumn hours count as summer time); values with an offset keep it;
    all-digit values are Unix epochs (seconds or milliseconds by magnitude, per value) or,
    with five digits, Excel serial day numbers. ``dayfirst`` settles 'dd/mm' vs 'mm/dd'
    (see :func:`date_order`). Unreadable -> NaT.

    >>> parse_ts(pd.Series(["45566", "45566.5"])).astype(str).tolist()
    ['2024-10-01 00:00:00+00:00', '2024-10-01 12:00:00+00:00']
    >>> parse_ts(pd.Series(["03/04/2026"]), dayfirst=True).dt.month.tolist()
    [4]
    >>> parse_ts(pd.Series(["Jun 8, 2025 10:23:05 PM PDT", "01.06.2025 22:23:05 UTC"]), dayfirst=True
    ...          ).astype(str).tolist()
    ['2025-06-09 05:23:05+00:00', '2025-06-01 22:23:05+00:00']
    """
    if isinstance(s.dtype, pd.DatetimeTZDtype):
        return s.dt.tz_convert("UTC").astype("datetime64[ns, UTC]")
    if s.dtype.kind == "M":
        return _localize(s, tz)
    if s.dtype.kind in "fiu":
        return epoch_to_ts(s)
    s = text(s)
    out = pd.Series(pd.NaT, index=s.index, dtype="datetime64[ns, UTC]")
    nonempty = s != ""
    if not nonempty.any():
        return out
    vals = s[nonempty] if not nonempty.all() else s
    if vals.iloc[:50].str.fullmatch(r"\d{9,13}(\.\d+)?").all() and \
            vals.str.fullmatch(r"\d{9,13}(\.\d+)?").all():
        out.loc[nonempty] = epoch_to_ts(vals)
        return out
    if vals.iloc[:50].str.fullmatch(r"\d{5}(\.\d+)?").all():
        num = pd.to_numeric(vals, errors="coerce")
        serial = num.where((num >= _EXCEL_MIN) & (num <= _EXCEL_MAX))
        days = pd.to_timedelta(serial, unit="D").dt.round("s")
        out.loc[nonempty] = _localize(pd.Timestamp("1899-12-30") + days, tz)
        return out
    if vals.iloc[:50].str.contains(_TZ_ABBR_END).any():   # 'PDT', 'UTC': the offset it stands for
        vals = vals.str.replace(_TZ_ABBR_RE, lambda m: " " + _TZ_ABBREVIATIONS[m.group(1)], regex=True)
    sample = vals.iloc[: min(len(vals), 50)]
    parsed = None
    for fmt in _formats(dayfirst):
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
        parsed = pd.to_datetime(vals, format="mixed", dayfirst=bool(dayfirst), errors="coerce", utc=True)
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


def parse_date(s: pd.Series, tz: str = "UTC", dayfirst: bool | None = None) -> pd.Series:
    """Calendar dates (naive, midnight). Timestamps with an offset are taken in ``tz``.

    >>> parse_date(pd.Series(["01.10.2026", ""])).dt.strftime("%Y-%m-%d").tolist()
    ['2026-10-01', nan]
    >>> parse_date(pd.Series(["01.10.25", "02.10.25"])).dt.strftime("%Y-%m-%d").tolist()
    ['2025-10-01', '2025-10-02']
    """
    if s.dtype.kind == "M" and not isinstance(s.dtype, pd.DatetimeTZDtype):
        return s.astype("datetime64[ns]").dt.normalize()
    raw = s.fillna("").astype(str).str.strip()
    has_offset = raw.str.contains(r"[T ]\d\d:\d\d.*(?:[+-]\d\d:?\d\d|Z)$", regex=True).any()
    if has_offset:
        ts = parse_ts(raw, tz, dayfirst).dt.tz_convert(tz or "UTC").dt.tz_localize(None)
    else:
        ts = parse_ts(raw, "UTC", dayfirst).dt.tz_localize(None)
    return ts.dt.normalize().astype("datetime64[ns]")


def parse_bool(s: pd.Series, mapping: dict) -> pd.Series:
    """Booleans from words ('TRUE', 'ja', '通过', ...); unknown -> NA (pandas 'boolean')."""
    key = s.fillna("").astype(str).str.strip().str.lower()
    m = {str(k).lower(): bool(v) for k, v in mapping.items()}
    return key.map(m).astype("boolean")


def parse_whole(s: pd.Series, decimal_comma: bool = False) -> tuple[pd.Series, pd.Series]:
    """Whole numbers (quantities, counts) as floats, and why the cells that are not one
    are refused (a Series holding only those rows): '1,5', '3.7', '1e3', '0x10' and
    '2 Stk' are refused, not read as 2, 4, 1000, 0, 2. Thousands separators ('1,234',
    '1.234' in a decimal-comma file) and a zero decimal part ('2.00') are fine; empty cells
    give NaN without a problem.

    >>> v, why = parse_whole(pd.Series(["2", "1,234", "2.00", "1,5", "3.7", "1e3", "0x10", "2 Stk", ""]))
    >>> v.tolist()[:3], why.index.tolist()
    ([2.0, 1234.0, 2.0], [3, 4, 5, 6, 7])
    >>> why[7]
    'not a whole number (text in the cell)'
    """
    none = pd.Series([], index=s.index[:0], dtype="str")
    if s.dtype.kind in "iu":
        return s.astype("float64"), none
    if s.dtype.kind == "f":
        frac = (s.notna() & (s != s.round())).to_numpy()
        return s.astype("float64"), pd.Series(NOT_WHOLE, index=s.index[frac],
                                              dtype="str")
    try:   # fast path: every cell a plain integer
        num = pd.to_numeric(s, errors="raise")
        if num.dtype.kind in "iu":
            return num.astype("float64"), none
    except (ValueError, TypeError):
        pass
    s = s.fillna("").astype(str)
    out = pd.to_numeric(s, errors="coerce").astype("float64")
    plain = s.str.fullmatch(r"[+-]?\d+").fillna(False)
    todo = ~plain
    if not todo.any():
        return out, none
    t = s[todo].str.strip()
    empty = t == ""
    shape_ok = t.str.fullmatch(_WHOLE_RE).fillna(False)
    v = parse_number(t, decimal_comma)
    whole = v.notna() & (v == v.round())
    ok = (empty | (shape_ok & whole)).to_numpy()
    out.loc[t.index] = v.where(~empty)
    t = t[~ok]
    problem = np.where(t.str.contains(r"[eExX]", regex=True) & t.str.match(r"[+-]?\d"),
                       NOT_WHOLE_NOTATION,
                       np.where(t.str.contains(r"[A-Za-z\u00c0-\uffff]", regex=True),
                                NOT_WHOLE_TEXT, NOT_WHOLE))
    out.loc[t.index] = np.nan
    return out, pd.Series(problem, index=t.index, dtype="str")


def row_currency(s: pd.Series, text_cells: np.ndarray | None = None,
                 home: str = "") -> pd.Series:
    """ISO currency named inside money cells ('$12.99' -> USD, '12,99 €' -> EUR,
    'GBP 9.50' -> GBP), for the cells that name one (a Series holding only those rows).
    Plain numbers are not looked at (``text_cells``, from :func:`number_and_text_cells`,
    says which cells are not, else one numeric parse finds them). A symbol several
    currencies share ('$', '¥', 'kr') means the ``home`` currency when it is one of them
    (a Canadian shop's '$' is CAD, a Chinese ERP's '¥' is CNY).

    >>> row_currency(pd.Series(["$12.99", "12,99 €", "GBP 9.50", "29.90", "¥1200"])).to_dict()
    {0: 'USD', 1: 'EUR', 2: 'GBP', 4: 'JPY'}
    >>> row_currency(pd.Series(["¥29.90", "$5"]), home="CNY").tolist()
    ['CNY', 'USD']
    """
    out = pd.Series([], index=s.index[:0], dtype="str")
    if s.dtype.kind in "fiu":
        return out
    if text_cells is None:
        text_cells = pd.to_numeric(s, errors="coerce").isna().to_numpy()
    if not text_cells.any():
        return out
    t = s[text_cells]
    t = t[t.notna().to_numpy()].astype(str)
    t = t[t.str.contains(r"[^\d\s.,+\-]", regex=True).to_numpy()]
    if not len(t):
        return out
    iso = t.str.extract(r"(?<![A-Za-z])(" + "|".join(ISO_CURRENCIES) + r")(?![A-Za-z])", expand=False)
    marks = sorted(CURRENCY_MARKS, key=len, reverse=True)
    sym = t.str.extract("(" + "|".join(re.escape(m) for m in marks) + ")", expand=False)
    marks_of = {m: (home if home in SHARED_MARKS.get(m, ()) else code)
                for m, code in CURRENCY_MARKS.items()}
    code = iso.fillna(sym.map(marks_of)).dropna()
    return code.astype("str")
