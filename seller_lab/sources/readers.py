"""Low-level reading: what kind of bytes a file holds (XLSX, gzip, zstd, text), which text
encoding and which delimiter it uses, and reading it into an all-text frame.

Detection never trusts the file name: a '.csv' that is really an XLSX workbook is read as
a workbook, a UTF-16 'CSV' from Excel is decoded as UTF-16, a GBK export from a Chinese
ERP is decoded as GB18030 (a superset of GBK).

Examples
--------
>>> import tempfile, pathlib
>>> p = pathlib.Path(tempfile.mkdtemp()) / "x.csv"
>>> _ = p.write_bytes("订单号;数量\\nA1;2\\n".encode("gbk"))
>>> sniff(p).encoding, sniff(p).sep
('gb18030', ';')
>>> read_table(p).frame.columns.tolist()
['订单号', '数量']
"""

from __future__ import annotations

import codecs
import gzip
import io
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from ..errors import InputFileError

HEAD_BYTES = 256 * 1024
_DELIMS = [",", ";", "\t", "|"]


@dataclass
class Sniffed:
    """What the first bytes of a file say about it."""

    container: str          # 'xlsx' | 'gzip' | 'zstd' | 'text' | 'empty' | 'binary'
    encoding: str = ""      # text encoding ('' for binary containers)
    sep: str = ""           # delimiter of a delimited text ('' when not tabular / JSON)
    head: str = ""          # decoded beginning of the (decompressed) text
    header_line: int = 0    # lines above the header row (title/banner lines)


def _raw_head(path: Path, n: int = HEAD_BYTES) -> bytes:
    with open(path, "rb") as fh:
        return fh.read(n)


def decode_head(raw: bytes) -> tuple[str, str]:
    """Guess the encoding of text bytes; returns (encoding, decoded text).

    >>> decode_head("a,b".encode("utf-16"))
    ('utf-16', 'a,b')
    >>> decode_head("Größe".encode("cp1252"))[0]
    'cp1252'
    """
    if raw.startswith(codecs.BOM_UTF8):
        return "utf-8-sig", raw[3:].decode("utf-8", errors="ignore")
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16", raw.decode("utf-16", errors="ignore")
    # UTF-16 without BOM: every other byte NUL on ASCII text
    if len(raw) >= 4 and raw[1:40:2].count(0) > 15:
        return "utf-16-le", raw.decode("utf-16-le", errors="ignore")
    for enc in ("utf-8", "gb18030"):
        try:
            text = raw.decode(enc)
            if enc == "gb18030" and not _gb_plausible(text):
                continue
            return enc, text
        except UnicodeDecodeError as exc:
            # the head may cut a multi-byte character at its end: that is not an error
            if exc.start >= len(raw) - 3 and exc.reason.startswith(("unexpected end",
                                                                    "incomplete")):
                text = raw[:exc.start].decode(enc, errors="replace")
                if enc == "utf-8" or _gb_plausible(text):
                    return enc, text
            continue
    return "cp1252", raw.decode("cp1252", errors="replace")


def _looks_binary(text: str) -> bool:
    if not text:
        return False
    bad = sum(1 for ch in text[:4000] if (ord(ch) < 32 and ch not in "\r\n\t\f") or ch == "\ufffd")
    return bad > max(3, len(text[:4000]) * 0.02)


def _gb_plausible(text: str) -> bool:
    """GB18030 decodes almost anything: accept it only if it yields CJK text that looks
    Chinese (CJK runs), not Latin words with one odd CJK character inside (cp1252 umlauts)."""
    t = text[:4000]
    cjk = [i for i, ch in enumerate(t) if "\u4e00" <= ch <= "\u9fff"]
    if not cjk:
        return False
    odd = sum(1 for ch in t if ord(ch) > 0x9fff or "\u3400" <= ch < "\u4e00")
    inside_word = sum(1 for i in cjk if 0 < i < len(t) - 1
                      and t[i - 1].isascii() and t[i - 1].isalpha()
                      and t[i + 1].isascii() and t[i + 1].isalpha())
    return odd <= len(cjk) * 0.2 and inside_word <= len(cjk) * 0.3


def sniff_delimiter(text: str) -> str:
    """Delimiter of a delimited text: the candidate that splits most lines into the same
    (largest) number of fields.

    >>> sniff_delimiter("a;b;c\\n1,5;2;3\\n")
    ';'
    >>> sniff_delimiter("just one column\\nvalue\\n")
    ''
    """
    return sniff_table(text)[0]


def sniff_table(text: str) -> tuple[str, int]:
    """(delimiter, line index of the header row). Title lines above the table (an ERP's
    'Order report 2026-10', a tool's export banner) have fewer fields and are skipped.

    >>> sniff_table("Order report\\n\\nid;sku;qty\\n1;A;2\\n2;B;1\\n")
    (';', 2)
    """
    lines = text.splitlines()[:30]
    if len(lines) > 1 and len(text) >= HEAD_BYTES - 4:
        lines = lines[:-1]   # the head may cut the last line
    nonblank = [ln for ln in lines if ln.strip()]
    if not nonblank:
        return "", 0
    best, best_n, best_line = "", 0, 0
    for d in _DELIMS:
        counts = [_split_count(ln, d) for ln in lines]
        pos = [c for c, ln in zip(counts, lines) if ln.strip() and c > 0]
        if not pos:
            continue
        mode = max(set(pos), key=lambda c: (pos.count(c), c))
        if pos.count(mode) >= max(1, len(nonblank) / 2) and mode > best_n:
            best, best_n, best_line = d, mode, counts.index(mode)
    return best, best_line


def _split_count(line: str, d: str) -> int:
    # count delimiters outside double quotes
    n, quoted = 0, False
    for ch in line:
        if ch == '"':
            quoted = not quoted
        elif ch == d and not quoted:
            n += 1
    return n


def sniff(path: str | Path) -> Sniffed:
    """Container, encoding and delimiter of a file from its first bytes."""
    path = Path(path)
    raw = _raw_head(path)
    if not raw.strip():
        return Sniffed("empty")
    if raw.startswith(b"PK\x03\x04"):
        return Sniffed("xlsx")
    if raw.startswith(b"\xd0\xcf\x11\xe0"):
        return Sniffed("xls")
    if raw.startswith(b"\x1f\x8b"):
        with gzip.open(path, "rb") as fh:
            enc, text = decode_head(fh.read(HEAD_BYTES))
        return Sniffed("gzip", enc, "", text)
    if raw.startswith(b"\x28\xb5\x2f\xfd"):
        import zstandard

        with open(path, "rb") as fh:
            reader = zstandard.ZstdDecompressor(max_window_size=2**31).stream_reader(fh)
            enc, text = decode_head(reader.read(HEAD_BYTES))
        return Sniffed("zstd", enc, "", text)
    enc, text = decode_head(raw)
    if _looks_binary(text):
        return Sniffed("binary", enc, "", text)
    stripped = text.lstrip()
    if stripped[:1] in "[{":
        return Sniffed("text", enc, "", text)
    sep, line = sniff_table(text)
    return Sniffed("text", enc, sep, text, line)


def open_text(path: str | Path, sniffed: Sniffed | None = None) -> io.TextIOBase:
    """A text stream over the (decompressed) file in its detected encoding."""
    path = Path(path)
    s = sniffed or sniff(path)
    enc = s.encoding or "utf-8"
    if s.container == "gzip":
        return io.TextIOWrapper(gzip.open(path, "rb"), encoding=enc, errors="replace")
    if s.container == "zstd":
        import zstandard

        fh = open(path, "rb")  # noqa: SIM115 - closed with the wrapper
        reader = zstandard.ZstdDecompressor(max_window_size=2**31).stream_reader(fh,
                                                                               closefd=True)
        return io.TextIOWrapper(reader, encoding=enc, errors="replace")
    return open(path, encoding=enc, errors="replace", newline="")  # noqa: SIM115


class _nullctx:
    """``with`` over a plain path (pandas opens and decodes the file itself: faster)."""

    def __init__(self, path):
        self.path = path

    def __enter__(self):
        return self.path

    def __exit__(self, *exc):
        return False


@dataclass
class Table:
    """An all-text frame read from a delimited file or a workbook."""

    frame: pd.DataFrame
    encoding: str
    sep: str
    skiprows: int = 0
    sheet: str = ""


def read_table(path: str | Path, sniffed: Sniffed | None = None, *, skiprows: int = 0,
               nrows: int | None = None) -> Table:
    """Read a CSV/TSV/XLSX export as strings (no NA guessing: '' stays '').

    Raises
    ------
    InputFileError
        empty file, binary garbage, or a table the parser cannot split.
    """
    path = Path(path)
    s = sniffed or sniff(path)
    if s.container == "empty":
        raise InputFileError(path, "the file is empty (0 bytes or only blank lines)",
                             fix="export the report again; a download may have been cut off")
    if s.container == "xls":
        raise InputFileError(path, "this is an old Excel 97-2003 (.xls) workbook, which cannot "
                             "be read without the xlrd package",
                             fix="open it in Excel/LibreOffice and save it as .xlsx or CSV (UTF-8)")
    if s.container == "binary":
        raise InputFileError(path, "the file is not text (binary content in the first bytes), "
                             "and it is not an XLSX workbook either",
                             fix="export the report as CSV (UTF-8) or XLSX")
    if s.container == "xlsx":
        return _read_xlsx(path, skiprows, nrows)
    sep = s.sep or ","
    try:
        with (open_text(path, s) if s.container != "text" else _nullctx(path)) as fh:
            frame = pd.read_csv(fh, sep=sep, dtype=str, keep_default_na=False,
                                encoding=s.encoding or "utf-8", encoding_errors="replace",
                                skiprows=skiprows or s.header_line, nrows=nrows,
                                skipinitialspace=False,
                                on_bad_lines="error", engine="c")
    except pd.errors.EmptyDataError:
        raise InputFileError(path, "the file has no header row",
                             fix="export the report again with its header row") from None
    except pd.errors.ParserError as exc:
        raise InputFileError(path, f"the table cannot be split into columns with delimiter "
                             f"{sep!r} ({exc})",
                             fix="check that the file is one complete export (not cut off) and "
                             "uses one delimiter throughout") from None
    frame.columns = [str(c).lstrip("\ufeff").strip() for c in frame.columns]
    return Table(frame, s.encoding, sep, skiprows or s.header_line)


def _read_xlsx(path: Path, skiprows: int, nrows: int | None) -> Table:
    try:
        book = pd.read_excel(path, sheet_name=None, dtype=str, header=None, engine="openpyxl")
    except Exception as exc:  # zip that is no workbook, corrupt workbook
        raise InputFileError(path, f"the file starts like an XLSX workbook but cannot be read "
                             f"as one ({type(exc).__name__}: {exc})",
                             fix="open it in Excel and save it again as .xlsx or CSV (UTF-8)") from None
    # the first sheet with data
    for name, sheet in book.items():  # noqa: B007 - name used after the loop
        sheet = sheet.dropna(how="all").dropna(axis=1, how="all")
        if len(sheet):
            break
    else:
        raise InputFileError(path, "the workbook has no sheet with data",
                             fix="export the report again")
    sheet = sheet.iloc[skiprows:].fillna("").astype(str)
    filled = (sheet != "").sum(axis=1).to_numpy()
    if len(filled) and filled.max() > 1:   # title rows above the header have <= 1 cell
        first = int((filled >= max(2, int(filled.max() * 0.5))).argmax())
        sheet = sheet.iloc[first:]
    header = [str(c).strip() for c in sheet.iloc[0]]
    frame = sheet.iloc[1:].reset_index(drop=True)
    if nrows is not None:
        frame = frame.iloc[:nrows]
    frame.columns = header
    # Excel stores dates as datetimes: openpyxl gives 'YYYY-MM-DD 00:00:00' strings
    return Table(frame, "", "", skiprows, str(name))
