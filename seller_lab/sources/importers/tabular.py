"""Every delimited/XLSX export: header aliases -> canonical columns -> typed canonical frame.

The layouts (Helium 10 Black Box / Xray, Jungle Scout, Business Report, FBA returns,
Manage Inventory / inventory health / restock, ERP orders / stock / shipments in Chinese,
German and English, Zendesk tickets, pilot, reviews / TikTok / forum CSV) are *data* in
``seller_lab/sources/aliases.yaml``; the per-kind rules that are not a rename (currency from
'Price  $', percent strings to fractions, FBA reason codes, Zendesk first reply time) live
in :func:`finish`.

Examples
--------
>>> norm_header("Price  $")
'price'
>>> name, spec, mapping = match_layout(["ASIN", "Title", "Price  $", "ASIN Revenue"])
>>> name, mapping["price"]
('helium10_blackbox', 'Price  $')
"""

from __future__ import annotations

import os
import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

import numpy as np
import pandas as pd
import yaml

from ... import schemas
from ...errors import InputFileError, LayoutNotRecognisedError
from ...i18n import N_
from ...i18n.phrase import Phrase
from ..readers import encoding_label
from . import parse, rows

_CURRENCY_CHARS = "$€£¥₹"
_QUOTES = "\"'`“”‘’„«»"
#: hyphen, en dash, em dash, minus sign and the other dashes headers are written with
_DASHES = "\\-\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d"


@lru_cache(maxsize=1)
def aliases() -> dict:
    """The alias table (package data ``seller_lab/sources/aliases.yaml``)."""
    text = resources.files("seller_lab.sources").joinpath("aliases.yaml").read_text("utf-8")
    return yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))   # libyaml: faster


def norm_header(h: str) -> str:
    """Header as compared with the alias table: case, BOMs, quotes, currency symbols,
    full-width forms (NFKC: '（子）ASIN' is '(子)ASIN') and the difference between spaces,
    underscores, hyphens and dashes do not count (Seller Central writes 'Sessions – Total'
    with an en dash in the UK, Canadian and German reports, 'Sessions - Total' elsewhere).

    >>> norm_header("created_at") == norm_header("Created at") == norm_header('"CREATED-AT"')
    True
    >>> norm_header("Sessions – Total – B2B"), norm_header("（子）ASIN")
    ('sessions total b2b', '(子)asin')
    """
    h = unicodedata.normalize("NFKC", str(h)).replace("\ufeff", "").replace("\u200b", "")
    h = "".join(ch for ch in h if ch not in _CURRENCY_CHARS and ch not in _QUOTES)
    h = re.sub(r"[_\s" + _DASHES + r"]+", " ", h)
    return h.strip().lower()


def check_duplicate_columns(headers: list[str], mapping: dict, path) -> None:
    """Two columns of the file that both map to one canonical field (two 'SKU' columns,
    'SKU' and 'sku', 'Created at' and 'created_at') are an error naming both: which one is
    meant cannot be guessed."""
    by_norm: dict[str, list[int]] = {}
    for i, h in enumerate(headers):
        base = re.sub(r"\.\d+$", "", str(h)) if re.search(r"\.\d+$", str(h)) and \
            re.sub(r"\.\d+$", "", str(h)) in headers else str(h)   # pandas' 'SKU.1'
        by_norm.setdefault(norm_header(base), []).append(i)
    for canon, h in mapping.items():
        pos = by_norm.get(norm_header(h), [])
        if len(pos) > 1:
            a, b = pos[:2]
            shown = [re.sub(r"\.\d+$", "", str(headers[i])) if i != a else str(headers[i])
                     for i in (a, b)]
            raise InputFileError(path, Phrase(N_("two columns map to the field '{field}': {first} (column {a}) "
                                                 "and {second} (column {b})"), field=canon, first=repr(shown[0]),
                                              a=a + 1, second=repr(shown[1]), b=b + 1), column=shown[0],
                                 fix=Phrase(N_("delete or rename one of them in the export, or name the right one "
                                               "under sources.columns in the params")))


def header_currency(headers) -> str:
    """ISO currency named by a currency symbol in any header ('Price  $' -> 'USD')."""
    sym = aliases()["currency_symbols"]
    for h in headers:
        for ch, code in sym.items():
            if ch in str(h):
                return code
    return ""


_NOTE_CURRENCY_RE = re.compile(r"\b(" + "|".join(parse.ISO_CURRENCIES) + r")\b")


def title_currency(head: str, title_lines: int) -> str:
    """The one currency the notes above a table's header name, else ''.

    >>> title_currency('"Includes Amazon Marketplace transactions"\\n"All amounts in GBP, unless specified"\\n'
    ...                'date/time,type\\n', 2)
    'GBP'
    >>> title_currency("Report in USD or EUR\\nid,sku\\n", 1), title_currency("id,sku\\n", 0)
    ('', '')
    """
    if title_lines <= 0:
        return ""
    found = set(_NOTE_CURRENCY_RE.findall("\n".join(head.splitlines()[:title_lines])))
    return found.pop() if len(found) == 1 else ""


def _map(headers: list[str], columns: dict) -> dict:
    """{canonical: header}: each field takes its first alias the file has; a header already
    taken by a field earlier in the layout is not given to a second one (Helium 10's
    'Ratings' is the star rating when the file also has 'Review Count', the count otherwise).

    >>> _map(["Ratings", "Review Count"], {"rating": ["reviews rating", "ratings"],
    ...                                    "review_count": ["review count", "ratings"]})
    {'rating': 'Ratings', 'review_count': 'Review Count'}
    """
    normed = {}
    for h in headers:
        normed.setdefault(norm_header(h), h)
    mapping: dict = {}
    taken: set = set()
    for canon, variants in columns.items():
        for v in variants:
            h = normed.get(norm_header(v))
            if h is not None and h not in taken:
                mapping[canon] = h
                taken.add(h)
                break
    return mapping


def match_layout(headers: list[str], kind: str | None = None,
                 user_columns: dict | None = None):
    """Best layout for a header row: ``(name, spec, {canonical: header})`` or None.

    ``user_columns`` ({kind: {canonical: header}}, params ``sources.columns``) adds the
    user's headers in front of the aliases of every layout of that kind, and a 'mapped'
    layout made only of them. The mapped layout wins, except over a known export (one with a
    marker header) that maps every column the user mapped: that layout's rules (a Shopify
    order's fields on its first line only) still apply to the file.
    """
    user_columns = user_columns or {}
    normed = {norm_header(h) for h in headers}
    best, best_score = None, 0.0
    layouts = dict(aliases()["layouts"])
    for k, cols in user_columns.items():
        if cols:
            layouts[f"mapped_{k}"] = {"kind": k, "require": list(cols), "marker": [],
                                      "columns": {c: [h] for c, h in cols.items()}}
    known_covers: set[str] = set()   # kinds for which a known export maps all the user's columns
    for name, spec in sorted(layouts.items(), key=lambda kv: kv[0].startswith("mapped_")):
        if kind and spec["kind"] != kind:
            continue
        cols = dict(spec["columns"])
        user = user_columns.get(spec["kind"]) or {}
        for c, h in user.items():
            cols[c] = [h, *cols.get(c, [])]
        mapping = _map(headers, cols)
        if not all(r in mapping for r in spec.get("require", [])):
            continue
        markers = sum(norm_header(m) in normed for m in spec.get("marker", []))
        if spec.get("need_marker") and not markers:
            continue   # generic required columns ('id', 'created at') alone say too little
        score = len(mapping) / max(len(cols), 1) + len(mapping) * 0.1 + markers
        if name.startswith("mapped_"):
            score += 0 if spec["kind"] in known_covers else 100
        elif user and markers and all(norm_header(mapping.get(c, "")) == norm_header(h) for c, h in user.items()):
            known_covers.add(spec["kind"])
        if score > best_score:
            best, best_score = (name, {**spec, "columns": cols}, mapping), score
    return best


def _decimal_comma(raw: pd.DataFrame, mapping: dict, sep: str, kind: str) -> bool:
    if sep == ";":
        return True
    num_cols = [mapping[c] for c, (t, _) in schemas.FRAMES[kind].items()
                if t in ("float", "int") and c in mapping]
    sample = raw[num_cols].head(200).astype(str) if num_cols else pd.DataFrame()
    if sample.empty:
        return False
    flat = pd.Series(sample.to_numpy().ravel())
    return bool(flat.str.strip().str.fullmatch(r"-?\d{1,3}(\.\d{3})*,\d{1,2}\s*[^\d\s,.]{0,3}").mean() > 0.3)


def _comma_groups_only(values: pd.Series, sample: int = 500) -> bool:
    """A column whose commas only ever separate groups of three digits ('1,234', '12,905')
    and never a one- or two-digit decimal part ('29,90', '5,5 %'): its comma is a thousands
    separator even in a decimal-comma file. The German Business Report writes its counts
    as '1,234' next to money as '1.999,55 €' and shares as '16,40%'.

    >>> _comma_groups_only(pd.Series(["1,234", "834", "12,905"]))
    True
    >>> _comma_groups_only(pd.Series(["1,234", "29,90"])), _comma_groups_only(pd.Series(["834"]))
    (False, False)
    """
    t = parse.text(values.iloc[:sample])
    with_comma = t[t.str.contains(",", regex=False)]
    if with_comma.empty:
        return False
    return bool(with_comma.str.fullmatch(r"[^\d,]*\d{1,3}(?:,\d{3})+[^\d,]*").all())


@dataclass
class Built:
    """What :func:`build_frame` made of an all-text export frame."""

    frame: pd.DataFrame          # canonical frame (bad rows dropped)
    rejected: pd.DataFrame       # row (1-based data row), column, value, problem
    notes: list[str] = field(default_factory=list)
    row_numbers: np.ndarray | None = None   # data row of each frame row


_EXPECTED = {"str": N_("a value"), "float": N_("a number"), "int": N_("a whole number"),
             "ts": N_("a date/time"), "date": N_("a date")}
#: Why a row is rejected (message ids: a report says them in its own language).
EMPTY_EXPECTED = N_("empty, expected {expected}")
UNREADABLE_EXPECTED = N_("expected {expected}")
NEGATIVE_QUANTITY = N_("negative quantity (sources.rows.negative_quantity_ok lists where a negative count "
                       "is allowed)")
HUGE_QUANTITY = N_("quantity larger than {max:,} (sources.rows.max_quantity): an overflow or a typo")
CURRENCY_CLASH = N_("the price names {cell} but the currency column says {column}")
HEADER_REPEATED = N_("the row repeats the header row (two exports pasted into one file?)")
_MONEY = ("price", "est_monthly_revenue", "ordered_product_sales")


def _repeats_header(raw: pd.DataFrame, share: float = 0.8) -> np.ndarray:
    """Rows whose cells are the column names again (at least ``share`` of the filled cells):
    a second export pasted below the first, header and all.

    >>> _repeats_header(pd.DataFrame({"sku": ["sku", "A-1"], "qty": ["qty", "2"]})).tolist()
    [True, False]
    """
    out = np.zeros(len(raw), dtype=bool)
    if raw.empty or raw.shape[1] < 2:
        return out
    names = [str(c).strip() for c in raw.columns]
    # only rows repeating one of the first two names are looked at (a million rows: cheap)
    first = parse.text(raw.iloc[:, 0]).to_numpy()
    second = parse.text(raw.iloc[:, 1]).to_numpy()
    cand = np.flatnonzero((first == names[0]) | (second == names[1]))
    if not len(cand):
        return out
    cells = raw.iloc[cand].fillna("").astype(str).apply(lambda c: c.str.strip()).to_numpy()
    filled = (cells != "").sum(axis=1)
    same = (cells == np.array(names, dtype=object)[None, :]).sum(axis=1)
    out[cand] = (filled > 1) & (same >= np.maximum(2, share * filled))
    return out


def _only_rows(raw: pd.DataFrame, row_no: np.ndarray, only: dict | None,
               notes: list) -> tuple[pd.DataFrame, np.ndarray]:
    """The rows of the kind the layout loads, in an export that mixes kinds: ``only`` names
    the column (``header``: its aliases) and the values to keep (``keep``, any letter case).
    The other rows (a Date Range Report's refunds, fees and transfers beside its orders) are
    not errors: they are left out and a note counts them by value.

    >>> raw = pd.DataFrame({"type": ["Order", "Refund", "Order", "Transfer"], "sku": list("ABCD")})
    >>> notes = []
    >>> kept, rows_kept = _only_rows(raw, np.arange(1, 5), {"header": ["type"], "keep": ["order"]}, notes)
    >>> kept["sku"].tolist(), rows_kept.tolist(), len(notes)
    (['A', 'C'], [1, 3], 1)
    """
    if not only:
        return raw, row_no
    col = _map(list(raw.columns), {"only": only["header"]}).get("only")
    if col is None:
        return raw, row_no
    values = parse.text(raw[col])
    keep = values.str.lower().isin({str(k).lower() for k in only["keep"]}).to_numpy()
    if keep.all():
        return raw, row_no
    counts = values[~keep].replace("", "(empty)").value_counts()
    notes.append(Phrase(N_("{n} row(s) whose '{column}' is not one of {keep} were left out: {counts}"),
                        n=int((~keep).sum()), column=col,
                        keep=", ".join(str(k) or "(empty)" for k in only["keep"]),
                        counts=", ".join(f"{v} {c}" for v, c in counts.head(6).items())))
    return raw[keep], row_no[keep]


def _order_lines(raw: pd.DataFrame, spec: dict, mapping: dict) -> tuple[pd.DataFrame, np.ndarray]:
    """An export of one row per line item that writes the order's own fields on its first line only
    (Shopify: 'Fulfilled at', 'Currency', 'Shipping Country', 'Cancelled at'). ``order_lines``:
    ``key`` (the order's column), ``fill`` (canonical columns whose empty cells take the value of
    the order's first line that has one) and ``cancelled_by`` (headers of a cancellation time).
    Returns the filled frame and, per row, whether its order is cancelled.

    >>> raw = pd.DataFrame({"Name": ["#1", "#1", "#2", "#2"], "Currency": ["ZAR", "", "ZAR", ""],
    ...                     "Cancelled at": ["", "", "2021-05-13 11:01:12 +0200", ""]})
    >>> filled, cancelled = _order_lines(raw, {"order_lines": {"key": "order_id", "fill": ["currency"],
    ...     "cancelled_by": ["cancelled at"]}}, {"order_id": "Name", "currency": "Currency"})
    >>> filled["Currency"].tolist(), cancelled.tolist()
    (['ZAR', 'ZAR', 'ZAR', 'ZAR'], [False, False, True, True])
    """
    lines = spec.get("order_lines")
    none = np.zeros(len(raw), dtype=bool)
    if not lines or mapping.get(lines["key"]) is None or raw.empty:
        return raw, none
    key = parse.text(raw[mapping[lines["key"]]])
    cancel = _map(list(raw.columns), {"c": lines.get("cancelled_by") or []}).get("c")
    heads = [mapping[c] for c in lines.get("fill") or [] if c in mapping] + ([cancel] if cancel else [])
    raw = raw.copy()
    for h in heads:
        v = parse.text(raw[h])
        first = v.where(v != "").groupby(key, sort=False).transform("first").fillna("")
        raw[h] = v.where(v != "", first)
    if cancel is None:
        return raw, none
    return raw, (parse.text(raw[cancel]) != "").to_numpy()


def _empty_from(raw: pd.DataFrame, spec: dict, mapping: dict, notes: list) -> pd.DataFrame:
    """``empty_from: {canonical: [headers]}``: an empty cell of that column takes the value of the first of
    those headers the file has (a Shopify line item without a SKU is keyed by its 'Lineitem name'); a
    note counts the rows.

    >>> raw = pd.DataFrame({"Lineitem sku": ["LD4522", ""], "Lineitem name": ["Cot", "Gift wrap"]})
    >>> notes = []
    >>> _empty_from(raw, {"empty_from": {"sku": ["lineitem name"]}}, {"sku": "Lineitem sku"}, notes
    ...             )["Lineitem sku"].tolist(), len(notes)
    (['LD4522', 'Gift wrap'], 1)
    """
    for col, alts in (spec.get("empty_from") or {}).items():
        src = mapping.get(col)
        alt = _map(list(raw.columns), {"a": alts}).get("a")
        if src is None or alt is None:
            continue
        v, other = parse.text(raw[src]), parse.text(raw[alt])
        use = (v == "") & (other != "")
        if use.any():
            raw = raw.copy()
            raw[src] = v.where(~use, other)
            notes.append(Phrase(N_("{n} row(s) without a value in '{column}' take the one in '{other}'"),
                                n=int(use.sum()), column=src, other=alt))
    return raw


def _dates(values: pd.Series, typ: str, tz: str, src: str, rules: rows.RowRules,
           notes: list[str]) -> pd.Series:
    """Parse one date column, deciding dd/mm vs mm/dd for the whole column."""
    order = parse.date_order(values)
    dayfirst = {"day_first": True, "month_first": False}.get(order)
    if order == "ambiguous":
        first = parse.text(values)
        first = first[first != ""].iloc[0][:10]
        if "." in first:   # dotted dates are day-first wherever they are written
            dayfirst, why = True, Phrase(N_("the reading of dotted dates (dd.mm.yyyy)"))
        elif rules.market:
            dayfirst = not rules.month_first()
            why = Phrase(N_("the convention of market {market} (sources.rows.month_first_markets)"),
                         market=rules.market)
        else:   # no market given: the separator's usual reading (10/01 US, 10-01 European)
            dayfirst = "/" not in first
            why = Phrase(N_("the usual reading of '/' dates (no category market given)") if "/" in first
                         else N_("the usual reading of '-' dates (no category market given)"))
        conv = Phrase(N_("day/month") if dayfirst else N_("month/day"))
        notes.append(Phrase(N_("column '{src}': every date fits both day/month orders (e.g. {first}); "
                               "read as {conv}, {why}"), src=src, first=first, conv=conv, why=why))
    elif order in ("day_first", "month_first"):
        notes.append(Phrase(N_("column '{src}': read as day/month (a first field above 12 decides)")
                            if dayfirst else
                            N_("column '{src}': read as month/day (a second field above 12 decides)"), src=src))
    elif order == "both":
        notes.append(Phrase(N_("column '{src}': the dates mix day/month and month/day order; read in the "
                               "order most rows allow, the others are rejected"), src=src))
    if typ == "date":
        return parse.parse_date(values, tz, dayfirst)
    zone = "UTC" if re.search(r"\butc\b|\bgmt\b", src.lower()) else tz
    return parse.parse_ts(values, zone, dayfirst)


def build_frame(raw: pd.DataFrame, kind: str, layout: str, spec: dict, mapping: dict, *,
                path, sep: str = ",", market_tz: str = "UTC", currency: str = "",
                timezone: str | None = None, rules: rows.RowRules | None = None,
                bad_lines: list | None = None) -> Built:
    """Typed canonical frame + rejected rows (+ notes) from an all-text export frame.

    A row is rejected, with its reason, for an empty/unreadable required value, a quantity
    that is not a whole number (or negative, or implausibly large), or a price in a
    currency it cannot be converted from; the other rows load.
    """
    rules = rules or rows.RowRules.from_params(
        {"category": {"currency": currency}} if currency else None)
    tz = timezone or spec.get("timezone") or "market"
    tz = market_tz if tz == "market" else tz
    dec = _decimal_comma(raw, mapping, sep, kind)
    a = aliases()
    n = len(raw)
    out: dict[str, pd.Series] = {}
    problems: list[pd.DataFrame] = []
    notes: list[str] = []
    text_cells: dict[str, np.ndarray] = {}   # per number column: cells that were not plain
    required = set(spec.get("require", []))
    # data row of each frame row: lines the parser had to skip keep their numbers
    skipped = sorted(r for r, _ in bad_lines or [])
    row_no = np.arange(1, n + len(skipped) + 1)
    if skipped:
        row_no = row_no[~np.isin(row_no, skipped)]
        problems.append(rows.rejected_frame(np.array(skipped), "", "",
                                            [p for _, p in sorted(bad_lines)]))

    raw, cancelled = _order_lines(raw, spec, mapping)   # before rows are left out: an order's first line may go
    kept_index = raw.index
    raw, row_no = _only_rows(raw, row_no, spec.get("only_rows"), notes)
    cancelled = cancelled[kept_index.get_indexer(raw.index)]
    raw = _empty_from(raw, spec, mapping, notes)
    n = len(raw)
    repeated = _repeats_header(raw)
    if repeated.any():
        problems.append(rows.rejected_frame(row_no[repeated], "", "", Phrase(HEADER_REPEATED)))

    def reject(mask: np.ndarray, src: str, values: pd.Series, problem) -> None:
        """``problem``: a phrase for every row, or a function of the mask giving the
        :class:`rows.Reasons` of the rejected rows (phrased for those rows only)."""
        if mask.any():
            v = parse.text(values).to_numpy()[mask]
            problems.append(rows.rejected_frame(
                row_no[mask], src, pd.Series(v).str.slice(0, 80).to_numpy(),
                problem if isinstance(problem, str) else problem(mask)))

    for col, (typ, _meaning) in schemas.FRAMES[kind].items():
        src = mapping.get(col)
        sums = (spec.get("sum") or {}).get(col)
        if sums:
            cols = [h for h in raw.columns if norm_header(h) in {norm_header(x) for x in sums}]
            if cols:
                out[col] = sum(parse.parse_number(raw[h], dec and not _comma_groups_only(raw[h])).fillna(0)
                               for h in cols)
                continue
        if src is None:
            out[col] = _default(typ, n, raw.index)
            continue
        values = raw[src]
        if typ == "str":
            v = parse.text(values)
        elif typ == "int":
            v, why = parse.parse_whole(values, dec and not _comma_groups_only(values))
            not_whole = np.zeros(n, dtype=bool)
            if len(why):
                pos = raw.index.get_indexer(why.index)
                not_whole[pos] = True
                problem = np.empty(n, dtype=object)
                problem[pos] = why.to_numpy()
                reject(not_whole, src, values, lambda m, p=problem: rows.Reasons.each(p[m]))
            neg_ok = f"{kind}.{col}" in rules.negative_quantity_ok
            num = v.to_numpy()
            with np.errstate(invalid="ignore"):
                neg = ~not_whole & (num < 0) if not neg_ok else np.zeros(n, dtype=bool)
                huge = ~not_whole & (np.abs(num) > rules.max_quantity)
            reject(neg, src, values, Phrase(NEGATIVE_QUANTITY))
            reject(huge, src, values, Phrase(HUGE_QUANTITY, max=rules.max_quantity))
            if huge.any():
                v = v.where(~huge)
        elif typ == "float":
            v, text_cells[col] = parse.number_and_text_cells(values, dec and not _comma_groups_only(values))
        elif typ in ("ts", "date"):
            v = _dates(values, typ, tz, src, rules, notes)
            if col not in required:  # a date that is given but unreadable ('2015-13-45') dates its row nowhere
                # (ERPs write a time not yet known as '0000-00-00 00:00:00': no date, like an empty cell)
                given = parse.text(values).str.contains(r"[1-9]", regex=True).to_numpy()
                unread = given & v.isna().to_numpy()
                reject(unread, src, values, lambda m, t=typ: rows.Reasons.of(
                    int(m.sum()), UNREADABLE_EXPECTED, expected=Phrase(_EXPECTED[t])))
        else:  # bool
            v = parse.parse_bool(values, a["booleans"])
        out[col] = v
        if col in required:
            bad = ((v == "") if typ == "str" else v.isna()).to_numpy()
            if bad.any():
                expected = Phrase(_EXPECTED.get(typ, typ))
                empty = parse.text(values).to_numpy() == ""
                reject(bad, src, values, lambda m, e=empty, x=expected: rows.Reasons.choose(
                    e[m], rows.Reasons.of(int(m.sum()), EMPTY_EXPECTED, expected=x),
                    rows.Reasons.of(int(m.sum()), UNREADABLE_EXPECTED, expected=x)))
    for col, qty in (spec.get("line_total") or {}).items():
        if col in mapping and qty in out:   # the price of the whole line: per unit, none for 0 units
            units = out[qty].astype("float64")
            out[col] = (out[col] / units).where(units > 0)
    for col, value in (spec.get("constant") or {}).items():
        out[col] = out[col].where(out[col] != "", value)
    if cancelled.any():   # an order cancelled as a whole, whatever its lines say
        out["status"] = out["status"].where(~cancelled, "cancelled")
    frame = pd.DataFrame(out, index=raw.index)
    frame = finish(kind, frame, raw, mapping, currency=currency, path=path)
    money = [c for c in _MONEY if c in mapping and c in frame]
    if money and "currency" in frame:
        frame, notes_cur = _row_currencies(frame, raw, mapping, money, rules, row_no, problems,
                                           reject, text_cells)
        notes += notes_cur
    rejected = (pd.concat(problems, ignore_index=True).drop_duplicates("row")
                .sort_values("row", kind="stable").reset_index(drop=True)
                if problems else rows.empty_rejected())
    if len(rejected):
        keep = ~np.isin(row_no, rejected["row"].to_numpy(dtype="int64"))
        frame = frame[keep]
        row_no = row_no[keep]
    return Built(conform(kind, frame), rejected, notes, row_no)


def _currency_codes(s: pd.Series, home: str = "") -> np.ndarray:
    """A currency column's values as ISO codes ('€' -> EUR, 'rmb' -> CNY, 'usd' -> USD;
    a shared symbol like '¥' -> ``home`` when it is one of its currencies), looked up once
    per distinct value."""
    marks = {k.upper(): (home if home in parse.SHARED_MARKS.get(k, ()) else v)
             for k, v in parse.CURRENCY_MARKS.items()}
    codes, uniq = pd.factorize(s, use_na_sentinel=True)
    norm = np.array([marks.get(str(u).strip().upper(), str(u).strip().upper())
                     for u in uniq] + [""], dtype=object)
    return norm[codes]   # -1 (missing) -> the trailing ''


def _row_currencies(frame, raw, mapping, money, rules, row_no, problems, reject, text_cells):
    """Each row's currency from its price cell ('$12.99') or the currency column; a row
    whose cell and column disagree is rejected; other currencies than the category's are
    converted or rejected (:func:`rows.convert_prices`)."""
    n = len(raw)
    cell = np.full(n, "", dtype=object)
    for c in reversed(money):   # the first money column wins
        found = parse.row_currency(raw[mapping[c]], text_cells.get(c), home=rules.currency)
        if len(found):
            cell[raw.index.get_indexer(found.index)] = found.to_numpy()
    has_cell = cell != ""
    if "currency" in mapping:
        col = _currency_codes(raw[mapping["currency"]], rules.currency)
        has_col = col != ""
        clash = has_cell & has_col & (cell != col)
        if clash.any():
            reject(clash, mapping[money[0]], raw[mapping[money[0]]],
                   lambda m: rows.Reasons.of(int(m.sum()), CURRENCY_CLASH, cell=cell[m], column=col[m]))
        cur = np.where(has_col, col, np.where(has_cell, cell, frame["currency"].to_numpy()))
    elif has_cell.any():
        cur = np.where(has_cell, cell, frame["currency"].to_numpy())
    else:
        cur = frame["currency"].to_numpy()
    if len(pd.unique(cur)) > 1 or (len(cur) and cur[0] != frame["currency"].iloc[0]):
        frame = frame.copy()
        frame["currency"] = pd.Series(cur, index=frame.index, dtype="str")
    judge = cur
    if problems:   # rows already rejected are not converted (nor counted)
        gone = np.isin(row_no, pd.concat(problems)["row"].to_numpy())
        judge = np.where(gone, "", cur)
    frame, _bad, rej, notes = rows.convert_prices(
        frame, money, judge, rules, row_no, {c: mapping[c] for c in money},
        raw[mapping[money[0]]])
    if len(rej):
        problems.append(rej)
    return frame, notes


def _default(typ: str, n: int, index) -> pd.Series:
    if typ == "str":
        return pd.Series("", index=index, dtype="str")
    if typ == "ts":
        return pd.Series(pd.NaT, index=index, dtype="datetime64[ns, UTC]")
    if typ == "date":
        return pd.Series(pd.NaT, index=index, dtype="datetime64[ns]")
    if typ == "bool":
        return pd.Series(pd.NA, index=index, dtype="boolean")
    return pd.Series(np.nan, index=index, dtype="float64")


def conform(kind: str, frame: pd.DataFrame) -> pd.DataFrame:
    """Canonical column order and dtypes (ints: missing -> 0; bools: missing -> False)."""
    template = schemas.empty_frame(kind)
    cols = {}
    for col, dtype in template.dtypes.items():
        s = frame[col] if col in frame else pd.Series(index=frame.index, dtype="object")
        d = str(dtype)
        if d == "int64":
            s = pd.to_numeric(s, errors="coerce").fillna(0).round().astype("int64")
        elif d == "bool":
            s = s.astype("boolean").fillna(False).astype("bool")
        elif d == "float64":
            s = pd.to_numeric(s, errors="coerce").astype("float64")
        elif d == "str":
            s = s.fillna("").astype("str")
        elif d.startswith("datetime64[ns, UTC]"):
            s = pd.to_datetime(s, utc=True, errors="coerce").astype("datetime64[ns, UTC]")
        elif d.startswith("datetime64"):
            s = pd.to_datetime(s, errors="coerce").astype("datetime64[ns]")
        cols[col] = s
    return pd.DataFrame(cols, index=frame.index).reset_index(drop=True)


# ------------------------------------------------------------------ per-kind finishing
_REASON_RE = r"^\s*(?:CR[-_ ]?)?([A-Z][A-Z0-9_]+)"


def canonical_reason(raw: pd.Series) -> pd.Series:
    """FBA return reason codes: 'DEFECTIVE(存在瑕疵)' -> DEFECTIVE, 'CR-TOO_SMALL' -> TOO_SMALL,
    localised text through the alias table ('尺寸太小' -> TOO_SMALL), unknown text kept.

    >>> canonical_reason(pd.Series(["DEFECTIVE(存在瑕疵)", "CR-TOO_SMALL", "尺寸太小",
    ...                              "Zu klein", "Kratzer"])).tolist()
    ['DEFECTIVE', 'TOO_SMALL', 'TOO_SMALL', 'TOO_SMALL', 'Kratzer']
    """
    raw = parse.text(raw)
    code = raw.str.extract(_REASON_RE, expand=False)
    missing = code.isna()
    if missing.any():   # localised text only ('尺寸太小', 'Zu klein'): the alias table
        table = {str(k).lower(): v for k, v in aliases()["return_reasons"].items()}
        uniq = pd.unique(raw[missing])
        inner = {u: re.sub(r"^.*[(（](.*)[)）]\s*$", r"\1", str(u)).strip().lower() for u in uniq}
        lut = {u: table.get(str(u).strip().lower(), table.get(inner[u], u)) for u in uniq}
        code = code.where(~missing, raw.map(lut))
    return code.astype("str")


def finish(kind: str, frame: pd.DataFrame, raw: pd.DataFrame, mapping: dict, *,
           currency: str = "", path=None) -> pd.DataFrame:
    """Rules beyond renaming, per kind (pure: returns a new frame)."""
    f = frame.copy()
    a = aliases()
    cur = header_currency(raw.columns) or _value_currency(raw, mapping) or currency
    if "currency" in f:
        f["currency"] = f["currency"].where(f["currency"] != "", cur)
    if kind == "traffic":
        for col in ("conversion", "buy_box_share"):
            src = mapping.get(col)
            if src is not None:
                pct = parse.text(raw[src]).str.endswith("%") | (f[col] > 1)
                f[col] = f[col].where(~pct, f[col] / 100.0)
        f["period_end"] = f["period_end"].fillna(f["period_start"])
    elif kind == "returns":
        f["reason_raw"] = f["reason"]
        f["reason"] = canonical_reason(f["reason"])
        f["quantity"] = f["quantity"].fillna(1)
    elif kind == "orders":
        f["status"] = _map_words(f["status"], a["status"])
        f["units"] = f["units"].fillna(0)
    elif kind == "shipments":
        f["mode"] = _map_words(f["mode"], a["mode"])
    elif kind == "tickets":
        f["first_reply_at"] = f["created_at"] + pd.to_timedelta(f["first_reply_minutes"],
                                                                unit="m")
        f["satisfaction"] = f["satisfaction"].str.lower().where(
            f["satisfaction"].str.lower().isin(["good", "bad"]), "")
        f["channel"] = f["channel"].str.lower()
    elif kind == "inventory":
        if "ds" not in mapping and path is not None:   # Manage Inventory has no date column

            mtime = pd.Timestamp(os.path.getmtime(path), unit="s").normalize()
            f["ds"] = mtime
        if "warehouse" not in mapping:
            f["warehouse"] = "FBA"
    elif kind == "listings":
        f["source_file"] = str(path) if path is not None else ""
        fb = f["fulfillment"].str.upper()
        f["fulfillment"] = np.where(fb.str.contains("AMZ|AMAZON", regex=True), "AMZ",
                                    np.where(fb.str.contains("FBA"), "FBA",
                                             np.where(fb.str.contains("FBM|MFN|MERCHANT",
                                                                      regex=True), "FBM", "")))
    elif kind in ("reviews", "posts"):
        source = "review" if kind == "reviews" else ("tiktok" if "score" in mapping and
                                                     "parent_id" in mapping else "forum")
        f["source"] = source
        if kind == "reviews":   # the product: its ASIN, else its name (a file without ASINs)
            f["unique_id"] = f["asin"].where(f["asin"] != "", f["unique_id"])
            title = f["title"].fillna("")
            f["doc_id"] = f["doc_id"].where(f["doc_id"] != "", _hash_ids(f, "unique_id", "user_id", "ds", "rating"))
            f["title"] = title
        else:
            f["kind"] = "video_comment" if source == "tiktok" else "forum_post"
            if source == "forum":
                t = f["title"].fillna("")
                f["text"] = np.where(t != "", t + "\n\n" + f["text"], f["text"])
            else:
                f["unique_id"] = f["unique_id"].where(f["unique_id"] != "", f["parent_id"])
            f["doc_id"] = f["doc_id"].where(f["doc_id"] != "", _hash_ids(f, "text", "author"))
    elif kind == "pilot":
        f["units"] = f["units"].fillna(f["orders"])
    return f


def _value_currency(raw: pd.DataFrame, mapping: dict) -> str:
    """Currency named by a symbol inside the money values ('"$12,905.25"', '1.234,56 €')."""
    for col in ("price", "ordered_product_sales", "est_monthly_revenue"):
        if col in mapping:
            sample = raw[mapping[col]].head(100).astype(str)
            code = header_currency(sample.tolist())
            if code:
                return code
    return ""


def _map_words(s: pd.Series, table: dict) -> pd.Series:
    """Map words case-insensitively through ``table`` (unknown: lower-cased as given);
    works on the distinct values only, so a million rows cost one dict lookup each."""
    uniq = pd.unique(s)
    lut = {u: table.get(str(u).lower(), str(u).lower()) for u in uniq}
    return s.map(lut).astype("str")


def _hash_ids(f: pd.DataFrame, *cols: str) -> pd.Series:
    """An id for records the export gives none, from ``cols`` and the text's start: the same
    record gets the same id in every load of the file."""
    key = f["text"].astype(str).str.slice(0, 200)
    for c in reversed(cols):
        key = f[c].astype(str).fillna("") + "|" + key   # NaT / NaN: empty, not a missing key
    return pd.util.hash_pandas_object(key, index=False).astype("uint64").astype(str)


# a layout is named as the one the file looks like only when two or more of its columns or markers are there: one
# shared word proves nothing (a seller's 'SKU, 周, 销量' sales sheet "looked like the helium10_xray export" through
# '销量', the monthly sales column of X-Ray, and the closest of several one-column ties was the first listed)
_LOOKS_LIKE_MIN_HITS = 2


def check_columns(headers: list[str], path, kind: str | None = None,
                  encoding: str = "") -> InputFileError:
    """The most helpful error for a header row no layout matches: the closest layout and
    its missing columns, and the encoding the file was read with (garbled headers mean the
    file is in another one).

    >>> e = check_columns(["Foo", "Bar"], "x.csv", encoding="cp932")
    >>> "Shift-JIS (CP932)" in str(e)
    True
    """
    normed = {norm_header(h) for h in headers}
    best, best_hits, missing = None, -1, []
    for name, spec in aliases()["layouts"].items():
        if kind and spec["kind"] != kind:
            continue
        mapping = _map(headers, spec["columns"])
        hits = len(mapping) + sum(norm_header(m) in normed for m in spec.get("marker", []))
        if hits > best_hits:
            best, best_hits = name, hits
            missing = [r for r in spec.get("require", []) if r not in mapping]

    shown = ", ".join(repr(h) for h in headers[:12])
    if best is not None and best_hits >= _LOOKS_LIKE_MIN_HITS and missing:
        spec = aliases()["layouts"][best]
        want = [Phrase(N_("{column} (one of: {names})"), column=m, names=", ".join(spec["columns"][m][:4]))
                for m in missing]
        problem = Phrase(N_("looks like the {layout} export (kind {kind}) but required column(s) are missing: "
                            "{missing}; found headers {headers}"), layout=best, kind=spec["kind"],
                         missing=want, headers=shown)
        fix = Phrase(N_("export the report with all columns, or map your headers in params under "
                        "sources.columns.{kind} (e.g. {example})"), kind=spec["kind"],
                     example=f'{{{missing[0]}: "<your header>"}}')
        return LayoutNotRecognisedError(path, _with_encoding(problem, encoding), column=missing[0],
                                        fix=_encoding_fix(fix, encoding))
    problem = Phrase(N_("no known export layout has these headers: {headers}"), headers=shown)
    fix = Phrase(N_("check that this is one of the supported exports (see `seller-lab inspect --help`) "
                    "or map your headers in params under sources.columns.<kind>"))
    return LayoutNotRecognisedError(path, _with_encoding(problem, encoding),
                                    fix=_encoding_fix(fix, encoding))


def _with_encoding(problem: Phrase, encoding: str) -> Phrase:
    if not encoding:
        return problem
    return Phrase(N_("{problem} (the file was read as {encoding})"), problem=problem,
                  encoding=encoding_label(encoding))


def _encoding_fix(fix: Phrase, encoding: str) -> Phrase:
    if not encoding:
        return fix
    return Phrase(N_("{fix}; if those headers look garbled, the file is not in {encoding}: save it again "
                     "as CSV UTF-8"), fix=fix, encoding=encoding_label(encoding))
