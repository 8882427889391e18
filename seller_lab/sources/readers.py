"""Low-level reading: what kind of bytes a file holds (XLSX, gzip, zstd, text), which text
encoding and which delimiter it uses, and reading it into an all-text frame.

Detection never trusts the file name: a '.csv' that is really an XLSX workbook is read as
a workbook, a UTF-16 'CSV' from Excel is decoded as UTF-16, a GBK export from a Chinese
ERP is decoded as GB18030 (a superset of GBK), a login/error page saved as '.csv' is called
a web page.

A file that is mostly UTF-8 with a few lines in Windows-1252 or GBK (an export someone
appended to in Excel) is read as UTF-8 and only the undecodable pieces are decoded on their
own (error handler :data:`MIXED_ERRORS`), so umlauts and Chinese survive; a clean file never
pays for it. A compressed file that ends early says so instead of loading half of it.

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
import errno
import gzip
import io
import os
import re
import warnings
import zlib
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
import zstandard

from ..errors import InputFileError
from ..i18n import N_
from ..i18n.phrase import Phrase

HEAD_BYTES = 256 * 1024
_DELIMS = [",", ";", "\t", "|"]

#: name of the codecs error handler that decodes the non-UTF-8 pieces of a mostly-UTF-8
#: file as GBK (when that gives Chinese) or Windows-1252
MIXED_ERRORS = "seller_lab_mixed"
#: pieces decoded by the handler since the last :func:`reset_mixed_count` (per encoding)
MIXED_COUNT: dict[str, int] = {}

TRUNCATED = Phrase(N_("the file is cut off (compressed stream ends early)"))
_TRUNCATED_FIX = Phrase(N_("download or copy the file again; the transfer stopped before the end"))
_LINK_FIX = Phrase(N_("point the link at the real export file"))
_FOLDER = Phrase(N_("is a folder, not a file"))
_FOLDER_FIX = Phrase(N_("give one export file (or use load_category for a folder)"))
_UNREADABLE = Phrase(N_("permission denied (this user may not read the file)"))
_UNREADABLE_FIX = Phrase(N_("ask the owner to share it (chmod +r), or copy it somewhere you can read"))
_HTML_RE = re.compile(r"\A\s*(?:<!doctype\s+html|<html[\s>]|<head[\s>]|<\?xml[^>]*>\s*<html)",
                      re.IGNORECASE)


_CJK = re.compile("[\u4e00-\u9fff]")
_CJK_RUN = re.compile("[\u4e00-\u9fff]{2,}")
_KANA = re.compile("[\u3040-\u30ff]")          # hiragana and (full-width) katakana
_KANA_RUN = re.compile("[\u3040-\u30ff]{2,}")
#: readable names of the encodings a file can be read with (for messages)
ENCODING_NAMES = {"utf-8": "UTF-8", "utf-8-sig": "UTF-8 (with BOM)", "utf-16": "UTF-16",
                  "utf-16-le": "UTF-16 LE", "gb18030": "GB18030 (GBK)",
                  "cp932": "Shift-JIS (CP932)", "cp1252": "Windows-1252"}
_LATIN_WORD = re.compile("[A-Za-z][\u00c0-\u00ff]|[\u00c0-\u00ff][A-Za-z]")


def encoding_label(encoding: str) -> str:
    """The name of an encoding as a person knows it.

    >>> encoding_label("cp932"), encoding_label("gb18030")
    ('Shift-JIS (CP932)', 'GB18030 (GBK)')
    """
    return ENCODING_NAMES.get(encoding, encoding or "?")


def reads_as_japanese(raw: bytes, min_kana_share: float = 0.1) -> str | None:
    """The CP932 (Shift-JIS) text of ``raw`` when the bytes say it is Japanese, else None.

    Japanese writes kana: CP932 bytes of hiragana/katakana decode to runs of U+3040-U+30FF,
    while the same bytes read as GB18030 give rare, unrelated ideographs. A GBK (Chinese)
    file read as CP932 gives half-width katakana and odd kanji, not full-width kana runs.
    So: the bytes decode as CP932 without error (a cut multi-byte character at the end of
    a head is fine), show a run of two kana, and kana are at least ``min_kana_share`` of
    the non-ASCII characters.

    >>> reads_as_japanese("注文された商品点数,セッション数 - 合計".encode("cp932"))
    '注文された商品点数,セッション数 - 合計'
    >>> reads_as_japanese("订单号,数量,双层沥水架".encode("gbk")) is None
    True
    """
    text = None
    for cut in range(3):
        try:
            text = raw[:len(raw) - cut].decode("cp932")
            break
        except UnicodeDecodeError:
            continue
    if text is None:
        return None
    sample = text[:20000]
    wide = sum(1 for ch in sample if ord(ch) > 0x7f)
    kana = len(_KANA.findall(sample))
    if not _KANA_RUN.search(sample) or kana < max(2, min_kana_share * wide):
        return None
    return text


def _decode_foreign(piece: bytes, before: str = "") -> tuple[str, str]:
    """(text, encoding) of bytes that are not UTF-8: Shift-JIS (CP932) when that yields
    Japanese (kana), GBK when that yields Chinese, else Windows-1252. ``before`` is the text
    just before the piece on its line."""
    japanese = reads_as_japanese(piece)
    if japanese is not None:
        return japanese, "cp932"
    latin = piece.decode("cp1252", errors="replace")
    try:
        gb = piece.decode("gb18030")
    except UnicodeDecodeError:
        gb = ""
    # Chinese comes in runs of characters; a Windows-1252 umlaut sits inside a Latin word
    # (a lone 'CJK' character between letters is an umlaut decoded the wrong way)
    if gb and (_CJK_RUN.search(gb) or (_CJK.search(gb)
                                       and not _LATIN_WORD.search(before + latin))):
        return gb, "gb18030"
    return latin, "cp1252"


def _decode_piece(exc: UnicodeDecodeError) -> tuple[str, int]:
    """Codecs error handler: decode the rest of the line (or field) that UTF-8 could not
    read as GBK when that yields Chinese, else as Windows-1252."""
    obj = exc.object
    end = obj.find(b"\n", exc.start)
    end = len(obj) if end < 0 else end
    start = obj.rfind(b"\n", 0, exc.start) + 1
    before = bytes(obj[start:exc.start]).decode("utf-8", errors="ignore")[-1:]
    text, enc = _decode_foreign(bytes(obj[exc.start:end]), before)
    MIXED_COUNT[enc] = MIXED_COUNT.get(enc, 0) + 1
    return text, end


def decode_lines(raw: bytes) -> str:
    """Text of a mostly-UTF-8 file decoded line by line: a line that is not UTF-8 is read
    whole as GBK or Windows-1252 (counted in :data:`MIXED_COUNT`). Unlike the error
    handler, a GBK line whose first character happens to be valid UTF-8 bytes ('双' is
    0xCB 0xAB) is not split between two encodings.

    >>> reset_mixed_count()
    >>> decode_lines("a,Tür\\n".encode("cp1252") + "b,双层沥水架\\n".encode("gbk") + b"c,ok\\n")
    'a,Tür\\nb,双层沥水架\\nc,ok\\n'
    >>> sorted(MIXED_COUNT.items())
    [('cp1252', 1), ('gb18030', 1)]
    """
    reset_mixed_count()
    out = []
    for line in raw.splitlines(keepends=True):
        try:
            out.append(line.decode("utf-8"))
        except UnicodeDecodeError:
            text, enc = _decode_foreign(line)
            MIXED_COUNT[enc] = MIXED_COUNT.get(enc, 0) + 1
            out.append(text)
    return "".join(out)


codecs.register_error(MIXED_ERRORS, _decode_piece)


def reset_mixed_count() -> None:
    """Forget the pieces counted by the mixed-encoding handler (call before one load)."""
    MIXED_COUNT.clear()


def check_path(path: str | Path) -> Path:
    """A readable regular file, or an :class:`InputFileError` in one line that says why
    not (missing, a folder, a symlink loop, permission denied).

    >>> import tempfile
    >>> try:
    ...     check_path(tempfile.mkdtemp())
    ... except InputFileError as e:
    ...     print(str(e).split(": ", 1)[1][:26])
    is a folder, not a file. F
    """
    path = Path(path)
    try:
        path.stat()
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise InputFileError(path, Phrase(N_("is a symbolic link that points back to itself (a symlink loop)")),
                                 fix=_LINK_FIX) from None
        if exc.errno in (errno.EACCES, errno.EPERM):
            raise InputFileError(path, Phrase(N_("permission denied (a folder on the way cannot be opened by "
                                                 "this user)")),
                                 fix=Phrase(N_("ask the owner to share it, or copy the file somewhere you can "
                                               "read"))) from None
        if path.is_symlink():
            raise InputFileError(path, Phrase(N_("is a symbolic link to a file that does not exist")),
                                 fix=_LINK_FIX) from None
        raise InputFileError(path, Phrase(N_("file not found")), fix=Phrase(N_("check the path"))) from None
    if os.path.isdir(path):
        raise InputFileError(path, _FOLDER, fix=_FOLDER_FIX)
    if not os.path.isfile(path):   # reading a pipe or a device would wait or never end
        raise InputFileError(path, Phrase(N_("is not a regular file (a named pipe, device or socket)")),
                             fix=Phrase(N_("save the export as a file and give its path")))
    if not os.access(path, os.R_OK):
        raise InputFileError(path, _UNREADABLE, fix=_UNREADABLE_FIX)
    return path


@dataclass
class Sniffed:
    """What the first bytes of a file say about it."""

    container: str          # 'xlsx' | 'gzip' | 'zstd' | 'text' | 'empty' | 'binary'
    encoding: str = ""      # text encoding ('' for binary containers)
    sep: str = ""           # delimiter of a delimited text ('' when not tabular / JSON)
    head: str = ""          # decoded beginning of the (decompressed) text
    header_line: int = 0    # lines above the header row (title/banner lines)


def _raw_head(path: Path, n: int = HEAD_BYTES) -> bytes:
    try:
        with open(path, "rb") as fh:
            return fh.read(n)
    except IsADirectoryError:
        raise InputFileError(path, _FOLDER, fix=_FOLDER_FIX) from None
    except PermissionError:
        raise InputFileError(path, _UNREADABLE, fix=_UNREADABLE_FIX) from None


class _ZstdStream(io.RawIOBase):
    """Decompressed zstd bytes (concatenated frames too) that raise :data:`TRUNCATED`
    instead of ending quietly when the last frame is incomplete."""

    def __init__(self, path: Path):
        self._path = path
        self._fh = open(path, "rb")  # noqa: SIM115 - closed in close()
        self._dctx = zstandard.ZstdDecompressor(max_window_size=2**31)
        self._dobj = self._dctx.decompressobj()
        self._buf = b""
        self._done = False

    def readable(self) -> bool:
        return True

    def readinto(self, b) -> int:
        while not self._buf and not self._done:
            chunk = self._fh.read(1 << 20)
            if not chunk:
                if not self._dobj.eof:
                    raise InputFileError(self._path, TRUNCATED, fix=_TRUNCATED_FIX)
                self._done = True
                break
            try:
                out = self._dobj.decompress(chunk)
                while self._dobj.eof and self._dobj.unused_data:
                    rest = self._dobj.unused_data
                    self._dobj = self._dctx.decompressobj()
                    out += self._dobj.decompress(rest)
            except zstandard.ZstdError as exc:
                raise InputFileError(self._path, Phrase(N_("the zstd stream is damaged ({detail})"), detail=str(exc)),
                                     fix=_TRUNCATED_FIX) from None
            self._buf = out
        n = min(len(b), len(self._buf))
        b[:n] = self._buf[:n]
        self._buf = self._buf[n:]
        return n

    def close(self) -> None:
        self._fh.close()
        super().close()


class _GzipStream(io.RawIOBase):
    """gzip bytes that raise :data:`TRUNCATED` (not ``EOFError``) when the file ends early."""

    def __init__(self, path: Path):
        self._path = path
        self._gz = gzip.open(path, "rb")

    def readable(self) -> bool:
        return True

    def readinto(self, b) -> int:
        try:
            return self._gz.readinto(b)
        except EOFError:
            raise InputFileError(self._path, TRUNCATED, fix=_TRUNCATED_FIX) from None
        except (gzip.BadGzipFile, zlib.error) as exc:
            raise InputFileError(self._path, Phrase(N_("the gzip stream is damaged ({detail})"), detail=str(exc)),
                                 fix=_TRUNCATED_FIX) from None

    def close(self) -> None:
        self._gz.close()
        super().close()


def open_binary(path: str | Path, container: str) -> io.BufferedReader:
    """Decompressed bytes of a gzip/zstd file (plain bytes otherwise); a cut-off stream
    raises :class:`InputFileError` with :data:`TRUNCATED`."""
    path = Path(path)
    if container == "gzip":
        return io.BufferedReader(_GzipStream(path), 1 << 20)
    if container == "zstd":
        return io.BufferedReader(_ZstdStream(path), 1 << 20)
    return open(path, "rb")  # noqa: SIM115


def verify_complete(path: str | Path, container: str) -> None:
    """Read a zstd file to its end once (fast, nothing kept) so a cut-off stream is
    reported before DuckDB, which stops quietly at a cut between two lines, reads it.
    (DuckDB refuses a gzip file without its trailer by itself.)"""
    if container != "zstd":
        return
    with open_binary(path, container) as fh:
        while fh.read(1 << 22):
            pass


def decode_head(raw: bytes) -> tuple[str, str]:
    """Guess the encoding of text bytes; returns (encoding, decoded text).

    >>> decode_head("a,b".encode("utf-16"))
    ('utf-16', 'a,b')
    >>> decode_head("Größe".encode("cp1252"))[0]
    'cp1252'
    >>> decode_head("日付,注文された商品点数\\n".encode("cp932"))
    ('cp932', '日付,注文された商品点数\\n')
    """
    if raw.startswith(codecs.BOM_UTF8):
        return "utf-8-sig", raw[3:].decode("utf-8", errors="ignore")
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16", raw.decode("utf-16", errors="ignore")
    # UTF-16 without BOM: every other byte NUL on ASCII text
    if len(raw) >= 4 and raw[1:40:2].count(0) > 15:
        return "utf-16-le", raw.decode("utf-16-le", errors="ignore")
    if _mostly_utf8(raw):
        return "utf-8", raw.decode("utf-8", errors=MIXED_ERRORS)
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        cut_only = exc.start >= len(raw) - 3 and exc.reason.startswith(("unexpected end",
                                                                        "incomplete"))
        japanese = None if cut_only else reads_as_japanese(raw)
        if japanese is not None:
            return "cp932", japanese
    for enc in ("utf-8", "gb18030"):
        try:
            text = raw.decode(enc)
            if enc == "gb18030" and not _gb_over_latin(text, raw):
                continue
            return enc, text
        except UnicodeDecodeError as exc:
            # the head may cut a multi-byte character at its end: that is not an error
            if exc.start >= len(raw) - 3 and exc.reason.startswith(("unexpected end",
                                                                    "incomplete")):
                text = raw[:exc.start].decode(enc, errors="replace")
                if enc == "utf-8" or _gb_over_latin(text, raw[:exc.start]):
                    return enc, text
            continue
    return "cp1252", raw.decode("cp1252", errors="replace")


def _mostly_utf8(raw: bytes) -> bool:
    """The bytes are not clean UTF-8, but lines of it are: at least as many non-ASCII lines
    are valid UTF-8 as not (a few Windows-1252/GBK lines appended to a UTF-8 export), or a
    UTF-8 line reads as real text (Chinese, or an accented letter in a Latin word) among
    GBK lines (a line pasted from a UTF-8 sheet into a GBK export). A whole GBK or
    Windows-1252 file has (almost) no valid UTF-8 non-ASCII line, and where a short GBK
    line happens to be valid UTF-8 it reads as stray symbols, not as text.

    >>> gbk = "订单号,SKU\\n1,双层沥水架\\n".encode("gbk")
    >>> _mostly_utf8(gbk), _mostly_utf8(gbk + "2,厨房置物架\\n".encode("utf-8") + gbk)
    (False, True)
    >>> _mostly_utf8("a,双\\nb,沥水架\\nc,置物架\\n".encode("gbk"))   # GBK '双' is valid UTF-8
    False
    """
    try:
        raw.decode("utf-8")
        return False
    except UnicodeDecodeError as exc:
        if exc.start >= len(raw) - 3 and exc.reason.startswith(("unexpected end",
                                                                "incomplete")):
            return False   # only the cut at the end of the head: clean UTF-8
    good = bad = 0
    reads = False
    for line in raw.split(b"\n")[:-1] or [raw]:
        if line.isascii():
            continue
        try:
            text = line.decode("utf-8")
            good += 1
            reads = reads or bool(_CJK_RUN.search(text) or _LATIN_WORD.search(text))
        except UnicodeDecodeError:
            bad += 1
    return good >= max(1, bad) or (reads and bad > 0)


def _looks_binary(text: str) -> bool:
    if not text:
        return False
    bad = sum(1 for ch in text[:4000] if (ord(ch) < 32 and ch not in "\r\n\t\f") or ch == "\ufffd")
    return bad > max(3, len(text[:4000]) * 0.02)


def _gb_over_latin(text: str, raw: bytes) -> bool:
    """GB18030 is the better reading of ``raw`` than Windows-1252: it looks Chinese, and
    either has runs of Chinese characters or the Windows-1252 reading shows no umlaut
    inside a Latin word ('Tür' would be 'T黵' in GB18030)."""
    if not _gb_plausible(text):
        return False
    return bool(_CJK_RUN.search(text[:4000])) or not _LATIN_WORD.search(
        raw[:4000].decode("cp1252", errors="replace"))


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

    A table of few rows under many lines of notes (Amazon's Date Range Report opens with
    seven) is still found: from its header to the end, every line has the same fields.

    >>> sniff_table("\\n".join(["note"] * 7 + ["date,type,sku", "1,Order,A"]) + "\\n")
    (',', 7)
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
        first = counts.index(mode)
        # the table: most lines, or (a short one under notes) every line from its header on
        tail = [c for c, ln in zip(counts[first:], lines[first:]) if ln.strip()]
        table = pos.count(mode) >= max(1, len(nonblank) / 2) or (len(tail) >= 2 and set(tail) == {mode})
        if table and mode > best_n:
            best, best_n, best_line = d, mode, first
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
    if raw.startswith(b"\x1f\x8b") or raw.startswith(b"\x28\xb5\x2f\xfd"):
        container = "gzip" if raw[:1] == b"\x1f" else "zstd"
        with open_binary(path, container) as fh:
            enc, text = decode_head(fh.read(HEAD_BYTES))
        # a compressed CSV/TSV export (orders.csv.gz) is read like the plain one
        if text.lstrip()[:1] in ("[", "{"):
            return Sniffed(container, enc, "", text)
        if _looks_binary(text):
            return Sniffed("binary", enc, "", text)
        if _HTML_RE.match(text[:2000]):
            return Sniffed("html", enc, "", text)
        sep, line = sniff_table(text)
        return Sniffed(container, enc, sep, text, line)
    enc, text = decode_head(raw)
    if _looks_binary(text):
        return Sniffed("binary", enc, "", text)
    if _HTML_RE.match(text[:2000]):
        return Sniffed("html", enc, "", text)
    stripped = text.lstrip()
    if stripped[:1] in "[{":
        return Sniffed("text", enc, "", text)
    sep, line = sniff_table(text)
    return Sniffed("text", enc, sep, text, line)


class _Utf8Lines(io.RawIOBase):
    """The bytes of a mostly-UTF-8 stream as clean UTF-8: read in blocks that end at a line
    break; a block that is valid UTF-8 passes unchanged (fast), another one is decoded line
    by line (:func:`decode_lines`) so a GBK or Windows-1252 line is read whole."""

    def __init__(self, raw: io.BufferedIOBase):
        self._raw = raw
        self._buf = b""

    def readable(self) -> bool:
        return True

    def readinto(self, b) -> int:
        if not self._buf:
            block = self._raw.read(1 << 20)
            if block and not block.endswith(b"\n"):
                block += self._raw.readline()
            try:
                block.decode("utf-8")
            except UnicodeDecodeError:
                counts = dict(MIXED_COUNT)
                block = decode_lines(block).encode("utf-8")
                for enc, n in counts.items():
                    MIXED_COUNT[enc] = MIXED_COUNT.get(enc, 0) + n
            self._buf = block
        n = min(len(b), len(self._buf))
        b[:n] = self._buf[:n]
        self._buf = self._buf[n:]
        return n

    def close(self) -> None:
        self._raw.close()
        super().close()


def open_text(path: str | Path, sniffed: Sniffed | None = None) -> io.TextIOBase:
    """A text stream over the (decompressed) file in its detected encoding (a UTF-8 file's
    stray GBK/Windows-1252 lines decoded whole, see :func:`decode_lines`)."""
    path = Path(path)
    s = sniffed or sniff(path)
    enc = s.encoding or "utf-8"
    errors = decode_errors(enc)
    raw = open_binary(path, s.container)
    if errors == MIXED_ERRORS:
        raw = io.BufferedReader(_Utf8Lines(raw), 1 << 20)
    return io.TextIOWrapper(raw, encoding=enc, errors=errors, newline="")


def decode_errors(encoding: str) -> str:
    """Error handler for reading text in ``encoding``: UTF-8 files get the mixed-encoding
    handler (a stray Windows-1252/GBK line keeps its letters), others 'replace'."""
    return MIXED_ERRORS if encoding.replace("-sig", "") in ("utf-8", "utf8") else "replace"


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
    bad_lines: list = field(default_factory=list)   # (data row, problem) of skipped lines


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
        raise InputFileError(path, Phrase(N_("the file is empty (0 bytes or only blank lines)")),
                             fix=Phrase(N_("export the report again; a download may have been cut off")))
    if s.container == "xls":
        raise InputFileError(path, Phrase(N_("this is an old Excel 97-2003 (.xls) workbook, which cannot "
                                             "be read without the xlrd package")),
                             fix=Phrase(N_("open it in Excel/LibreOffice and save it as .xlsx or CSV (UTF-8)")))
    if s.container == "binary":
        raise InputFileError(path, Phrase(N_("the file is not text (binary content in the first bytes), "
                                             "and it is not an XLSX workbook either")),
                             fix=Phrase(N_("export the report as CSV (UTF-8) or XLSX")))
    if s.container == "html":
        raise_web_page(path, s.head)
    if s.container == "xlsx":
        return _read_xlsx(path, skiprows, nrows)
    sep = s.sep or ","
    skip = skiprows or s.header_line
    try:
        before = sum(MIXED_COUNT.values())
        frame, caught = _read_csv(path, s, sep, skip, nrows)
        if s.container == "text" and decode_errors(s.encoding) == MIXED_ERRORS and \
                sum(MIXED_COUNT.values()) > before:
            # some lines are not UTF-8: read again, deciding each such line as a whole
            with open(path, "rb") as fh:
                text = decode_lines(fh.read())
            frame, caught = _read_csv(io.StringIO(text), s, sep, skip, nrows)
    except pd.errors.EmptyDataError:
        raise InputFileError(path, Phrase(N_("the file has no header row")),
                             fix=Phrase(N_("export the report again with its header row"))) from None
    except pd.errors.ParserError as exc:
        raise InputFileError(path, Phrase(N_("the table cannot be split into columns with delimiter "
                                             "{sep} ({detail})"), sep=repr(sep), detail=str(exc)),
                             fix=Phrase(N_("check that the file is one complete export (not cut off) and "
                                           "uses one delimiter throughout"))) from None
    frame.columns = [str(c).lstrip("\ufeff").strip() for c in frame.columns]
    bad = []
    for w in caught:
        m = re.search(r"Skipping line (\d+): expected (\d+) fields, saw (\d+)", str(w.message))
        if m:   # file line -> data row (lines above the header and the header itself)
            bad.append((int(m.group(1)) - skip - 1,
                        Phrase(N_("the line has {found} fields where the header has {expected} (an unquoted "
                                  "{sep} inside a value?)"), found=int(m.group(3)),
                               expected=int(m.group(2)), sep=repr(sep))))
    if s.container == "text" and nrows is None and len(frame) and \
            not s.encoding.startswith("utf-16"):
        short = _cut_last_line(path, sep, len(frame.columns))
        if short:   # the file ends inside its last row: that row is incomplete
            bad.append((len(frame) + len(bad), short))
            frame = frame.iloc[:-1]
    return Table(frame, s.encoding, sep, skip, bad_lines=bad)


def _read_csv(source, s: Sniffed, sep: str, skip: int, nrows: int | None):
    """(all-text frame, parser warnings) of a delimited text: a path (pandas decodes it),
    a decompressing text stream or a StringIO."""
    with (open_text(source, s) if s.container != "text" else _nullctx(source)) as fh, \
            warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", pd.errors.ParserWarning)
        frame = pd.read_csv(fh, sep=sep, dtype=str, keep_default_na=False,
                            encoding=s.encoding or "utf-8",
                            encoding_errors=decode_errors(s.encoding or "utf-8"),
                            skiprows=skip, nrows=nrows,
                            skipinitialspace=False,
                            on_bad_lines="warn", engine="c")
    return frame, caught


def _cut_last_line(path: Path, sep: str, n_columns: int) -> str:
    """Why the last line is incomplete ('' when it is not): the file does not end with a
    line break and its last line has fewer fields than the header."""
    with open(path, "rb") as fh:
        fh.seek(0, os.SEEK_END)
        size = fh.tell()
        fh.seek(max(0, size - 65536))
        tail = fh.read()
    if not tail or tail.endswith((b"\n", b"\r")):
        return ""
    last = tail.rsplit(b"\n", 1)[-1].decode("latin-1")
    fields = _split_count(last, sep) + 1
    if fields >= n_columns:
        return ""
    return Phrase(N_("the file ends inside this row ({fields} of {columns} fields, no line break after it): "
                     "the export was cut off"), fields=fields, columns=n_columns)


def raise_web_page(path, head: str):
    """The one-line error for an HTML page saved under an export's name."""
    title = re.search(r"<title[^>]*>(.*?)</title>", head, re.IGNORECASE | re.DOTALL)
    problem = (Phrase(N_("this is a web page (HTML titled {title}), not an export: probably a login or error "
                         "page that the browser saved instead of the report"),
                      title=repr(" ".join(title.group(1).split())[:60])) if title else
               Phrase(N_("this is a web page (HTML), not an export: probably a login or error page that the "
                         "browser saved instead of the report")))
    raise InputFileError(path, problem,
                         fix=Phrase(N_("log in to the seller account and download the report again")))


def _read_xlsx(path: Path, skiprows: int, nrows: int | None) -> Table:
    try:
        book = pd.read_excel(path, sheet_name=None, dtype=str, header=None, engine="openpyxl")
    except Exception as exc:  # zip that is no workbook, corrupt workbook
        raise InputFileError(path, Phrase(N_("the file starts like an XLSX workbook but cannot be read "
                                             "as one ({detail})"), detail=f"{type(exc).__name__}: {exc}"),
                             fix=Phrase(N_("open it in Excel and save it again as .xlsx or CSV (UTF-8)"))) from None
    # the first sheet with data
    for name, sheet in book.items():  # noqa: B007 - name used after the loop
        sheet = sheet.dropna(how="all").dropna(axis=1, how="all")
        if len(sheet):
            break
    else:
        raise InputFileError(path, Phrase(N_("the workbook has no sheet with data")),
                             fix=Phrase(N_("export the report again")))
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
