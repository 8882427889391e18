"""Google Trends ``multiTimeline.csv`` from the web page in any UI language, and a saved
pytrends frame (``date, kw1, kw2, ..., isPartial``).

The file is recognised by its SHAPE, not by English words: an optional preamble line
(``Category: All categories``, ``Catégorie : Toutes catégories``, ``类别：所有类别`` ...) and
blank line, then a header whose value columns read ``<keyword>: (<region>)`` (full-width
``：（）`` too), a first column of dates (``2026-11-15``, ``2026-11``, ``2026-11-15T14``, or
``15.11.2026`` after an Excel re-save) and cells that are 0-100 or ``<1`` (``< 1`` with a
no-break space in the French export). Comma, semicolon or tab; CRLF or LF; BOM; UTF-8 or
the code page Excel re-saves it in (GBK, Big5, Shift-JIS, cp1251, cp1254 ...). Region names
map to ISO codes: Google's worldwide phrase of each UI language (``trends_locales.yaml``)
is ``WORLD``, a country is found by its CLDR name in the UI languages (Babel); a region
below country level keeps its name. A time with an offset (``2024-10-21T08:28:00+07:00``,
the 'past day' export) is read as UTC.

Two more shapes of the same data: a value header ``Geo: <region>`` (a category explored
without a search term: the category of the preamble is the keyword), and value headers
without a region (the file's author trimmed them; the region is then
``category.trends_geo`` or ``WORLD``, said in the notes) - accepted when the first header
is a period word of a UI language and the values peak at exactly 100, as Google scales
them. A cell that is not 0-100 / ``<1`` is rejected with its row and column; the rest of
the file loads.

Examples
--------
>>> import tempfile, pathlib
>>> p = pathlib.Path(tempfile.mkdtemp()) / "multiTimeline.csv"
>>> _ = p.write_text("Catégorie\\u00a0: Toutes catégories\\n\\nSemaine,abtropfgestell: (Allemagne)\\n"
...                  "2026-11-15,<\\u00a01\\n2026-11-22,100\\n", encoding="utf-8")
>>> res = load_trends(p)
>>> res.frame[["unique_id", "y", "is_partial"]].values.tolist()
[['abtropfgestell|DE', 0.5, False], ['abtropfgestell|DE', 100.0, True]]
>>> describe(p).language, describe(p).granularity
('French', 'W')
"""

from __future__ import annotations

import codecs
import csv
import io
import re
from dataclasses import dataclass, field, replace
from functools import cache, lru_cache
from importlib import resources
from pathlib import Path

import numpy as np
import pandas as pd
import yaml
from babel import Locale, UnknownLocaleError

from ...errors import InputFileError, LayoutNotRecognisedError
from ...i18n import N_
from ...i18n.phrase import Phrase
from .. import readers
from ..base import LoadResult
from .rows import rejected_frame
from .tabular import conform

#: Why a row or cell is rejected (message ids: a report says them in its own language).
CELL_COUNT = N_("expected {expected} cells, found {found}")
NOT_A_PERIOD = N_("expected a date (YYYY-MM-DD or YYYY-MM)")
NOT_INTEREST = N_("expected an interest value 0-100 or '<1'")

LAYOUT = "google_trends_multitimeline"
PYTRENDS_LAYOUT = "pytrends_interest_over_time"
LESS_THAN_ONE = 0.5          # the canonical reading of '<1' (schemas.TRENDS 'y')
_SNIFF_ROWS = 40             # data rows looked at to recognise the shape
_SNIFF_CHARS = 64 * 1024     # ... within the first characters of the file
_MAX_HEADER_LINE = 8         # preamble lines above the header, at most
_BAD_ROW_SHARE = 0.2         # sampled data rows that may break the Trends shape
_DELIMS = (",", ";", "\t")
_FULLWIDTH = str.maketrans({"：": ":", "（": "(", "）": ")", "\u00a0": " ", "\u202f": " ",
                            "\ufeff": ""})
_HEADER = re.compile(r"^(?P<kw>.*\S)\s*:\s*\((?P<geo>[^()]*)\)\s*$")
_GEO_ONLY = re.compile(r"^geo\s*:\s*(?P<geo>[^()]*\S)\s*$", re.IGNORECASE)
_DATE = re.compile(r"^(\d{4}-\d{2}(-\d{2})?([T ]\d{2}(:\d{2}){0,2}([+-]\d{2}:?\d{2}|Z)?)?"
                   r"|\d{1,2}[./]\d{1,2}[./]\d{2,4}( \d{1,2}:\d{2}(:\d{2})?)?"
                   r"|\d{1,2}-\d{1,2}-\d{2,4}"
                   r"|\d{4}/\d{1,2}/\d{1,2}( \d{1,2}:\d{2}(:\d{2})?)?"
                   r"|[A-Za-z]{3}[- ]\d{2}(\d{2})?)$")
_VALUE = re.compile(r"^(<\s*1|\d{1,3}|)$")
_BOOL = {"true": True, "false": False, "1": True, "0": False}


@lru_cache(maxsize=1)
def locales() -> dict:
    """The Trends UI vocabulary (package data ``seller_lab/sources/trends_locales.yaml``),
    indexed: ``period`` word -> (granularity, languages), ``preamble`` text -> languages,
    ``category`` label -> languages, ``regions`` name -> (ISO code, languages or ()),
    ``names`` / ``cldr`` / ``encoding`` per language code."""
    text = resources.files("seller_lab.sources").joinpath("trends_locales.yaml").read_text(
        "utf-8")
    doc = yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))   # libyaml: faster
    period: dict[str, tuple[str, set]] = {}
    preamble: dict[str, set] = {}
    category: dict[str, set] = {}
    regions: dict[str, tuple[str, set]] = {}
    names, cldr, encoding = {}, {}, {}
    for code, lang in doc["languages"].items():
        names[code] = lang["name"]
        cldr[code] = lang.get("cldr") or code.replace("-", "_")
        encoding[code] = lang.get("encoding") or ""
        for word, gran in lang["period"].items():
            period.setdefault(_norm(word), (gran, set()))[1].add(code)
        for line in lang["preamble"]:
            preamble.setdefault(_norm(line), set()).add(code)
        for word in lang.get("category", ()):
            category.setdefault(_norm(word), set()).add(code)
        for word in lang["worldwide"]:
            regions.setdefault(_region_norm(word), ("WORLD", set()))[1].add(code)
    for iso, words in doc["regions"].items():
        for word in words:
            regions.setdefault(_region_norm(word), (iso, set()))
    return {"period": period, "preamble": preamble, "category": category, "regions": regions,
            "names": names, "cldr": cldr, "encoding": encoding}


def _norm(text: str) -> str:
    """Lower case, full-width punctuation and no-break spaces as ASCII, blanks collapsed."""
    t = str(text).translate(_FULLWIDTH).strip().strip('"').lower()
    t = re.sub(r"\s*:\s*", ": ", t)
    return re.sub(r"\s+", " ", t).strip()


def _region_norm(text: str) -> str:
    """A region name compared the way CLDR and Google both spell it ('&' as 'and',
    typographic apostrophes as ASCII)."""
    t = _norm(text).replace("\u2019", "'").replace("&", " and ")
    return re.sub(r"\s+", " ", t).strip()


@cache
def _cldr_regions(locale: str) -> dict[str, str]:
    """Country names of one CLDR locale (Babel) -> ISO code; the world ('001') is WORLD."""
    try:
        names = Locale.parse(locale).territories
    except (ValueError, UnknownLocaleError):
        return {}
    out = {}
    for code, name in names.items():
        if code == "001":
            out[_region_norm(name)] = "WORLD"
        elif len(code) == 2 and code.isalpha() and code not in ("EU", "EZ", "UN", "ZZ", "QO"):
            out.setdefault(_region_norm(name), code)
    return out


def _region(name: str, languages=()) -> tuple[str, set]:
    """(ISO code or '', UI languages the name belongs to) of a region name: the vocabulary
    first, then CLDR's country names in ``languages``, then in every UI language."""
    key = _region_norm(name)
    loc = locales()
    hit = loc["regions"].get(key)
    if hit:
        return hit[0], set(hit[1])
    for scope in (list(languages), [c for c in loc["names"] if c not in languages]):
        found = {c: _cldr_regions(loc["cldr"][c]).get(key) for c in scope}
        found = {c: v for c, v in found.items() if v}
        if found:
            code = next(iter(found.values()))
            return code, {c for c, v in found.items() if v == code}
    return "", set()


@dataclass
class TrendsShape:
    """What the first lines of a file say about it as a Trends export."""

    layout: str                 # google_trends_multitimeline | pytrends_interest_over_time
    header_line: int            # 0-based line index of the header row
    sep: str
    headers: list[str]
    granularity: str = ""       # W | D | M | H | '' (unknown)
    languages: list[str] = field(default_factory=list)   # UI language codes, best first

    @property
    def language(self) -> str:
        """Readable UI language ('French', 'Spanish or Portuguese', 'unknown')."""
        names = locales()["names"]
        return " or ".join(names.get(c, c) for c in self.languages) or "unknown"


def _split(line: str, sep: str) -> list[str]:
    return next(csv.reader([line], delimiter=sep), [])


def _is_value(cell: str) -> bool:
    c = cell.translate(_FULLWIDTH).strip()
    return bool(_VALUE.match(c)) and (not c.isdigit() or int(c) <= 100)


def sniff_shape(text: str) -> TrendsShape | None:
    """The Trends shape of a decoded file head, or None when it is not a Trends export.

    >>> sniff_shape("周,口罩: (全球)\\n2026-01-04,12\\n").languages
    ['zh-CN', 'zh-TW']
    >>> sniff_shape("date,sku,qty\\n2026-01-04,A-1,2\\n") is None
    True
    """
    cut = len(text) > _SNIFF_CHARS or len(text) >= readers.HEAD_BYTES - 4
    lines = text[:_SNIFF_CHARS].lstrip("\ufeff").splitlines()
    if cut and len(lines) > 1:
        lines = lines[:-1]   # the head may cut its last line
    for i, line in enumerate(lines[:_MAX_HEADER_LINE]):
        if not line.strip():
            continue
        for sep in _DELIMS:
            if sep not in line:
                continue
            shape = _try_header(lines, i, sep)
            if shape is not None:
                return shape
    return None


def _try_header(lines: list[str], i: int, sep: str) -> TrendsShape | None:
    headers = [h.translate(_FULLWIDTH).strip() for h in _split(lines[i], sep)]
    if len(headers) < 2 or not headers[0]:
        return None
    rows = []
    for ln in lines[i + 1:]:
        if not ln.strip():
            continue
        rows.append(_split(ln, sep))
        if len(rows) >= _SNIFF_ROWS:
            break
    if not rows:   # a cut-off download: the header alone still says what it is
        first = _norm(headers[0])
        if first in locales()["period"] and all(_geo_header(h) for h in headers[1:]):
            preamble = [ln for ln in lines[:i] if ln.strip()]
            geos = [_geo_header(h).group("geo") for h in headers[1:]]
            return TrendsShape(LAYOUT, i, sep, headers, locales()["period"][first][0],
                               _languages(preamble, first, geos))
        return None
    # a few bad rows are rejected later, not a reason to miss the layout
    if not _mostly(len(r) == len(headers) for r in rows):
        return None
    rows = [r for r in rows if len(r) == len(headers)]
    if not _mostly(_DATE.match(r[0].strip()) for r in rows):
        return None
    loc = locales()
    first = _norm(headers[0])
    pytrends = first == "date" and _norm(headers[-1]) == "ispartial"
    values = headers[1:-1] if pytrends else headers[1:]
    if not values:
        return None
    cols = range(1, len(headers) - 1 if pytrends else len(headers))
    if not _mostly(all(_is_value(r[c]) for c in cols) for r in rows):
        return None
    if pytrends:
        if not _mostly(r[-1].strip().lower() in _BOOL for r in rows):
            return None
        return TrendsShape(PYTRENDS_LAYOUT, i, sep, headers, _step_granularity(rows), [])
    geo_headers = [_geo_header(h) for h in values]
    preamble = [ln for ln in lines[:i] if ln.strip()]
    period = loc["period"].get(first)
    # plain keyword headers (no region) only under a period word and either Google's
    # preamble or values that peak at exactly 100 (Google scales the file so)
    if not all(geo_headers) and not (period and (preamble or _peaks_at_100(lines, i, sep, cols))):
        return None
    langs = _languages(preamble, first, [m.group("geo") for m in geo_headers if m])
    # the spacing of the dates first: a generic first header ('Date', 'Datum') says nothing
    # of the step, and a header renamed by hand may say the wrong one
    gran = _step_granularity(rows) or (period[0] if period else "")
    return TrendsShape(LAYOUT, i, sep, headers, gran, langs)


def _geo_header(header: str) -> re.Match | None:
    """The ``<keyword>: (<region>)`` or ``Geo: <region>`` match of a value header."""
    h = header.translate(_FULLWIDTH).strip()
    return _HEADER.match(h) or _GEO_ONLY.match(h)


def _peaks_at_100(lines: list[str], i: int, sep: str, cols) -> bool:
    """Whether the value cells below header line ``i`` (as far as the head goes) reach
    exactly 100: Google scales every export so that its highest point is 100 (a cell above
    100 is a bad cell, rejected on loading, not a reason to miss the file).

    >>> _peaks_at_100(["Week,visits", "2026-11-01,40", "2026-11-08,100", "2026-11-15,150"], 0, ",", [1])
    True
    >>> _peaks_at_100(["Week,visits", "2026-11-01,40", "2026-11-08,38"], 0, ",", [1])
    False
    """
    peak = -1
    for ln in lines[i + 1:]:
        r = _split(ln, sep)
        for c in cols:
            v = r[c].strip() if c < len(r) else ""
            if v.isdigit() and int(v) <= 100:
                peak = max(peak, int(v))
    return peak == 100


def _mostly(flags) -> bool:
    """True when the sampled rows pass but for one or ``_BAD_ROW_SHARE`` of them."""
    f = [bool(x) for x in flags]
    bad = len(f) - sum(f)
    return bool(f) and sum(f) >= 1 and bad <= max(1, _BAD_ROW_SHARE * len(f))


def _step_granularity(rows: list[list[str]]) -> str:
    """W / D / M / H from the spacing of the sampled dates ('' when it cannot tell)."""
    ds = parse_period(pd.Series([r[0] for r in rows])).dropna()
    if len(ds) < 2:
        return "M" if len(ds) and re.match(r"^\d{4}-\d{2}$", rows[0][0].strip()) else ""
    hours = float(ds.diff().dropna().median() / pd.Timedelta(hours=1))
    for limit, gran in ((6, "H"), (36, "D"), (8 * 24, "W"), (32 * 24, "M")):
        if hours <= limit:
            return gran
    return ""


def _languages(preamble: list[str], period_word: str, geos: list[str]) -> list[str]:
    """UI language codes that explain the preamble, the period word and the region names,
    best first (ties kept: 'Semana' + 'Brasil' is Portuguese, 'Semana' alone is es or pt).

    >>> _languages(["Kategori: Tüm kategoriler"], "hafta", ["Türkiye"])
    ['tr']
    >>> _languages(["Kategori: Finans"], "minggu", ["Indonesia"])
    ['id', 'ms']
    """
    loc = locales()
    score: dict[str, int] = {}
    for line in preamble[:1]:
        label = _norm(line).split(":")[0].strip()
        for code in loc["category"].get(label, ()):
            score[code] = score.get(code, 0) + 3
        for code in loc["preamble"].get(_norm(line), ()):   # 'all categories', word for word
            score[code] = score.get(code, 0) + 1
    for code in loc["period"].get(period_word, ("", ()))[1]:
        score[code] = score.get(code, 0) + 2
    candidates = list(score)
    for g in set(geos):
        for code in _region(g, candidates)[1]:
            score[code] = score.get(code, 0) + 1
    if not score:
        return []
    best = max(score.values())
    return [c for c in loc["names"] if score.get(c) == best]


# ------------------------------------------------------------------ encodings
def legacy_encodings() -> tuple[str, ...]:
    """The code pages Excel writes when a Trends export is re-saved on a localised Windows
    (each UI language's ``encoding`` in ``trends_locales.yaml``), most widely used first.

    >>> legacy_encodings()[:5]
    ('gb18030', 'big5', 'cp932', 'cp949', 'cp1252')
    """
    first = ("gb18030", "big5", "cp932", "cp949", "cp1252")
    rest = [e for e in locales()["encoding"].values() if e and e not in first]
    return first + tuple(dict.fromkeys(rest))


def redecode(path, sniffed: readers.Sniffed) -> readers.Sniffed:
    """The reading of a non-UTF Trends export under which its words make sense.

    The byte-level guess cannot tell a Big5 (Taiwan) or Shift-JIS (Japan) file from
    GB18030 or cp1252, nor a Turkish cp1254 file from cp1252, but the Trends vocabulary
    can: the period word, the region names and the preamble are recognised only under the
    right encoding, and when two readings recognise as much (``Ay``, ``Türkiye`` read alike
    in cp1252 and cp1254) the code page of the UI language they name wins. Files that are
    UTF-8/16, or not Trends-shaped at all, are returned unchanged (no cost for other
    exports).
    """
    if sniffed.container != "text" or sniffed.encoding.startswith(("utf-8", "utf-16")):
        return sniffed
    if sniff_shape(sniffed.head) is None:
        return sniffed
    with open(path, "rb") as fh:
        raw = fh.read(readers.HEAD_BYTES)
    best, best_score = sniffed, _vocabulary_score(sniffed.head, sniffed.encoding)
    for enc in legacy_encodings():
        text = _strict_decode(raw, enc)
        if text is None or _codec(enc) == _codec(sniffed.encoding):
            continue
        score = _vocabulary_score(text, enc)
        if score > best_score:
            best, best_score = replace(sniffed, encoding=enc, head=text), score
    return best


def _strict_decode(raw: bytes, enc: str) -> str | None:
    for cut in range(4):   # the head may end inside a multi-byte character
        try:
            return raw[:len(raw) - cut].decode(enc)
        except UnicodeDecodeError:
            continue
    return None


def _vocabulary_score(text: str, encoding: str = "") -> tuple[int, bool]:
    """(how many Trends words of a head are recognised, whether ``encoding`` is the code
    page of the UI language they name); (-1, False) when it is not Trends-shaped."""
    shape = sniff_shape(text)
    if shape is None:
        return -1, False
    loc = locales()
    lines = text.lstrip("\ufeff").splitlines()
    preamble = [ln for ln in lines[:shape.header_line] if ln.strip()]
    label = _norm(preamble[0]).split(":")[0].strip() if preamble else ""
    score = 3 * bool(label in loc["category"])
    score += 2 * (_norm(shape.headers[0]) in loc["period"])
    for h in shape.headers[1:]:
        m = _HEADER.match(h) or _GEO_ONLY.match(h)
        score += bool(m and _region(m.group("geo"), shape.languages)[0])
    own = bool(encoding) and any(loc["encoding"][c] and _codec(loc["encoding"][c]) == _codec(encoding)
                                 for c in shape.languages)
    return score, own


def _codec(encoding: str) -> str:
    """The canonical name of an encoding ('cp1254' for 'windows-1254'), or the name as given."""
    try:
        return codecs.lookup(encoding).name
    except LookupError:
        return encoding


# ------------------------------------------------------------------ regions
def geo_code(name: str, languages=()) -> str:
    """ISO code of a Trends region name in any UI language ('WORLD' for worldwide; a
    country by its CLDR name, looked up first in ``languages``); an unknown 2-3 letter name
    is taken as a code, other names (regions below country level) are kept.

    >>> geo_code("Dans tous les pays"), geo_code("美国"), geo_code("Vereinigte Staaten"), geo_code("de")
    ('WORLD', 'US', 'US', 'DE')
    >>> geo_code("Dünya Genelinde"), geo_code("Hoa Kỳ"), geo_code("Tyskland", ["nb"]), geo_code("Sicilia")
    ('WORLD', 'US', 'DE', 'Sicilia')
    """
    code = _region(name, languages)[0]
    if code:
        return code
    n = str(name).strip()
    return n.upper() if len(n) <= 3 and n.isalpha() else n


# ------------------------------------------------------------------ loading
def describe(path, sniffed: readers.Sniffed | None = None) -> TrendsShape:
    """The Trends shape of a file (layout, delimiter, granularity, UI language)."""
    path = Path(path)
    s = redecode(path, sniffed or readers.sniff(path))
    shape = sniff_shape(s.head) if s.container in ("text", "gzip", "zstd") else None
    if shape is None and s.container in ("text", "gzip", "zstd"):
        why = diagnose(s.head)
        if why is not None:
            raise LayoutNotRecognisedError(path, why["problem"], row=why["row"],
                                           column=why["column"], fix=why["fix"])
    if shape is None:
        raise LayoutNotRecognisedError(
            path, Phrase(N_("not a Google Trends export (expected a date column, 0-100 or '<1' values "
                            "and '<keyword>: (<region>)' headers)")),
            fix=Phrase(N_("export 'Interest over time' as CSV from trends.google.com")))
    return shape


def diagnose(text: str) -> dict | None:
    """Why a head that looks like a Trends table (a header over a column of dates) is not
    read as one: the first cell that is not an interest value, or a region-less header whose
    first column is not a period word. None when the head has no such table. Keys:
    ``problem``, ``fix`` (phrases), ``row`` (1-based data row or None), ``column``.

    >>> why = diagnose("Week,covid booster\\n2020-12-13,3\\n2020-12-20,0.1\\n")
    >>> why["row"], why["column"], str(why["problem"])[28:62]
    (2, 'covid booster', "'0.1' is not an interest value (wh")
    >>> str(diagnose("weeks,bitcoin\\n2014-05-04,2\\n2014-05-11,100\\n")["problem"])[28:62]
    "the first column 'weeks' is not a "
    >>> str(diagnose("2020-01-05,0\\n2020-01-12,1\\n2020-01-19,100\\n")["problem"])[28:52]
    'it has no header line (l'
    """
    lines = text[:_SNIFF_CHARS].lstrip("\ufeff").splitlines()
    for i, line in enumerate(lines[:_MAX_HEADER_LINE]):
        for sep in _DELIMS:
            if sep not in line:
                continue
            headers = [h.translate(_FULLWIDTH).strip() for h in _split(line, sep)]
            body = [_split(ln, sep) for ln in lines[i + 1:] if ln.strip()][:_SNIFF_ROWS]
            numbered = [(k, r) for k, r in enumerate(body, start=1) if len(r) == len(headers)]
            if len(headers) < 2 or not numbered or not _mostly(
                    _DATE.match(r[0].strip()) for _, r in numbered):
                continue
            if _DATE.match(headers[0]):
                return {"problem": Phrase(N_("not a Google Trends export: it has no header line "
                                             "(line {line} is already data: '{text}')"),
                                          line=i + 1, text=line.strip()),
                        "fix": Phrase(N_("put back the header line of the export ('Week,<keyword>: "
                                         "(<region>)'), or export 'Interest over time' again")),
                        "row": None, "column": None}
            for k, r in numbered:
                for c in range(1, len(headers)):
                    if not _is_value(r[c]):
                        return {"problem": Phrase(N_("not a Google Trends export: '{value}' is not "
                                                     "an interest value (whole numbers 0-100 or "
                                                     "'<1')"), value=r[c]),
                                "fix": Phrase(N_("export 'Interest over time' again from "
                                                 "trends.google.com; do not edit its values")),
                                "row": k, "column": headers[c]}
            plain = [h for h in headers[1:] if not _geo_header(h)]
            if plain and _norm(headers[0]) not in locales()["period"]:
                return {"problem": Phrase(N_("not a Google Trends export: the first column "
                                             "'{first}' is not a period header of the Trends page "
                                             "(Week, Day, Month, Time or their translation) and "
                                             "column(s) {columns} name no region"),
                                          first=headers[0], columns=", ".join(map(repr, plain))),
                        "fix": Phrase(N_("rename the first column to 'Week', 'Day', 'Month' or "
                                         "'Time', or export 'Interest over time' again")),
                        "row": None, "column": headers[0]}
            if plain:
                return {"problem": Phrase(N_("not a Google Trends export: column(s) {columns} name "
                                             "no region and no value reaches 100 (Google scales "
                                             "every export to 100)"),
                                          columns=", ".join(map(repr, plain))),
                        "fix": Phrase(N_("export 'Interest over time' again; its headers read "
                                         "'<keyword>: (<region>)'")),
                        "row": None, "column": plain[0]}
    return None


def load_trends(path, sniffed=None, params=None) -> LoadResult:
    """Read one multiTimeline.csv (any UI language) or saved pytrends frame into the
    canonical ``trends`` frame; bad cells are listed in ``rejected``."""
    path = Path(path)
    s = redecode(path, sniffed or readers.sniff(path))
    shape = describe(path, s)
    with readers.open_text(path, s) as fh:
        text = fh.read()
    lines = text.lstrip("\ufeff").splitlines()
    body = "\n".join(lines[shape.header_line + 1:])
    rows = [r for r in csv.reader(io.StringIO(body), delimiter=shape.sep) if any(
        c.strip() for c in r)]
    if not rows:
        raise InputFileError(path, Phrase(N_("a Google Trends export without data rows (only its header, "
                                             "line {line})"), line=shape.header_line + 1),
                             fix=Phrase(N_("download 'Interest over time' again; the file was cut off")))
    category = _category(lines[:shape.header_line])
    uids = [_uid(h, "", shape.languages, category) for h in shape.headers[1:]]
    twice = [h for h, u in zip(shape.headers[1:], uids) if uids.count(u) > 1]
    if twice:
        raise InputFileError(path, Phrase(N_("columns {columns} (header line {line}) hold the same keyword and "
                                             "region twice"), columns=str(twice), line=shape.header_line + 1),
                             fix=Phrase(N_("keep one of them (export each keyword once)")))
    n_cols = len(shape.headers)
    rejected = []
    short = [k for k, r in enumerate(rows, start=1) if len(r) != n_cols]
    for k in short:
        rejected.append({"row": k, "column": "", "value": shape.sep.join(rows[k - 1]),
                         "problem": Phrase(CELL_COUNT, expected=n_cols, found=len(rows[k - 1]))})
    keep = [r for r in rows if len(r) == n_cols]
    data_rows = [k for k, r in enumerate(rows, start=1) if len(r) == n_cols]
    raw = pd.DataFrame(keep, columns=range(n_cols), dtype=str) if keep else pd.DataFrame(
        columns=range(n_cols), dtype=str)
    raw.index = data_rows
    period_col = shape.headers[0]
    ds = parse_period(raw[0]) if len(raw) else pd.Series(dtype="datetime64[ns]")
    bad_ds = ds.isna()
    for k, v in raw.loc[bad_ds, 0].items():
        rejected.append({"row": int(k), "column": period_col, "value": v,
                         "problem": Phrase(NOT_A_PERIOD)})
    pytrends = shape.layout == PYTRENDS_LAYOUT
    value_idx = range(1, n_cols - 1) if pytrends else range(1, n_cols)
    default_geo = (((params or {}).get("category") or {}).get("trends_geo") or "").strip()
    default_geo = default_geo.upper() or "WORLD"
    parts = []
    for c in value_idx:
        header = shape.headers[c]
        kw, geo = _uid(header, default_geo, shape.languages, category)
        y, bad = parse_interest(raw[c])
        for k, v in raw.loc[bad & ~bad_ds, c].items():
            rejected.append({"row": int(k), "column": header, "value": v,
                             "problem": Phrase(NOT_INTEREST)})
        ok = ~bad & ~bad_ds
        parts.append(pd.DataFrame({"unique_id": f"{kw}|{geo}", "keyword": kw, "geo": geo,
                                   "ds": ds[ok].to_numpy(), "y": y[ok].to_numpy(),
                                   "_row": raw.index[ok]}))
    frame = pd.concat(parts, ignore_index=True) if parts else pd.DataFrame(
        columns=["unique_id", "keyword", "geo", "ds", "y", "_row"])
    if pytrends:
        flag = raw[n_cols - 1].str.strip().str.lower().map(_BOOL).fillna(False).astype(bool)
        frame["is_partial"] = frame["_row"].map(flag).fillna(False).astype(bool)
    elif len(frame):
        # Google's export always ends with the running (incomplete) period
        frame["is_partial"] = frame["ds"] == frame.groupby("unique_id")["ds"].transform("max")
    else:
        frame["is_partial"] = pd.Series(dtype=bool)
    notes = []
    plain = [shape.headers[c] for c in value_idx if not _geo_header(shape.headers[c])]
    if plain and not pytrends:
        notes.append(Phrase(N_("column(s) {columns} name no region; their region is taken as "
                               "{geo} (set category.trends_geo in params if it is another)"),
                            columns=", ".join(repr(h) for h in plain), geo=default_geo))
    rejected.sort(key=lambda r: r["row"])   # stable: a row's cells keep their order
    rej = rejected_frame([r["row"] for r in rejected], [r["column"] for r in rejected],
                         [r["value"] for r in rejected], [r["problem"] for r in rejected])
    return LoadResult(conform("trends", frame.drop(columns="_row")), "trends", shape.layout,
                      str(path), s.encoding, rej, notes=notes)


def _category(preamble: list[str]) -> str:
    """The category named by the preamble line (``Kategori: Finans`` -> ``Finans``), '' if
    there is none."""
    lines = [ln for ln in preamble if ln.strip()]
    if not lines:
        return ""
    _, _, name = lines[0].translate(_FULLWIDTH).partition(":")
    return name.strip()


def _uid(header: str, default_geo: str, languages=(), category: str = "") -> tuple[str, str]:
    """(keyword, ISO geo) of a value header; a plain keyword gets ``default_geo``; a
    ``Geo: <region>`` column (a category explored without a search term) is the category.

    >>> _uid("Geo: 대한민국", "WORLD", ["ko"], "게임")
    ('게임', 'KR')
    """
    h = header.translate(_FULLWIDTH).strip()
    m = _HEADER.match(h)
    if m:
        return m.group("kw").strip(), geo_code(m.group("geo"), languages)
    m = _GEO_ONLY.match(h)
    if m:
        return (category or h), geo_code(m.group("geo"), languages)
    return header.strip(), default_geo


def parse_interest(s: pd.Series) -> tuple[pd.Series, pd.Series]:
    """(values, bad mask): 0-100 whole numbers, '<1' (any spacing) -> 0.5; anything
    else (text, 150, -3, 1.5) is bad. An empty cell is a missing point, not an error.

    >>> v, bad = parse_interest(pd.Series(["7", "< 1", "150", "", "x"]))
    >>> v.tolist(), bad.tolist()
    ([7.0, 0.5, nan, nan, nan], [False, False, True, True, True])
    """
    t = s.fillna("").astype(str).str.translate(_FULLWIDTH).str.strip()
    lt1 = t.str.fullmatch(r"<\s*1")
    num = pd.to_numeric(t.where(t.str.fullmatch(r"\d{1,3}"), None), errors="coerce")
    num = num.where(num <= 100)
    y = num.astype("float64").where(~lt1, LESS_THAN_ONE)
    return y, y.isna()


def parse_period(s: pd.Series) -> pd.Series:
    """Dates of the first column. ISO (``2026-11-15``, ``2026-11``, ``2026-11-15T14``)
    directly; an Excel re-save (``15.11.2026``, ``11/15/2026``) is read day-first or
    month-first as the whole column says: a field above 12 decides, otherwise the reading
    whose periods are evenly spaced.

    >>> parse_period(pd.Series(["08/11/2026", "08/18/2026"])).dt.strftime("%Y-%m-%d").tolist()
    ['2026-08-11', '2026-08-18']
    >>> parse_period(pd.Series(["01.02.2026", "01.03.2026"])).dt.strftime("%Y-%m-%d").tolist()
    ['2026-02-01', '2026-03-01']
    """
    t = s.fillna("").astype(str).str.strip()
    iso = pd.to_datetime(t.where(t.str.match(r"^\d{4}-\d{2}")), format="ISO8601",
                         errors="coerce", utc=True).dt.tz_convert(None)
    rest = iso.isna() & t.ne("")
    if not rest.any():
        return iso
    r = t[rest].str.replace(r"\s+\d{1,2}:\d{2}(:\d{2})?$", "", regex=True)
    candidates = []
    for fmt in ("%d.%m.%Y", "%d/%m/%Y", "%m/%d/%Y", "%Y/%m/%d", "%d.%m.%y", "%d/%m/%y",
                "%m/%d/%y", "%d-%m-%Y", "%m-%d-%Y", "%d-%m-%y", "%m-%d-%y",
                "%b-%y", "%b %y", "%b-%Y", "%b %Y"):
        d = pd.to_datetime(r, format=fmt, errors="coerce")
        if d.notna().any():
            candidates.append(d)
    if candidates:
        best = max(candidates, key=lambda d: (d.notna().sum(), _regularity(d)))
        iso = iso.copy()
        iso[rest] = best
    return iso


def _regularity(d: pd.Series) -> float:
    """How much a reading looks like a time axis: in order (+1) and evenly spaced (share
    of the most common step between consecutive dates)."""
    v = d.dropna()
    if len(v) < 2:
        return 0.0
    steps = pd.Series(np.diff(v.to_numpy().astype("datetime64[D]").astype("int64")))
    return float(v.is_monotonic_increasing) + float(steps.value_counts(normalize=True).iloc[0])

