"""What the tool writes: atomic files with normal permissions, and CSVs a spreadsheet can
open safely.

* :func:`atomic_write_text` / :func:`atomic_write_bytes` write through a temp file in the
  same folder and ``os.replace``: a reader sees the old file or the new one, never half
  of one. ``tempfile.mkstemp`` creates its file 0600; the result gets the mode a plain
  ``open()`` would give (``0666`` minus the umask), or keeps the mode of the file it
  replaces, so a shared reports folder stays readable.
* :func:`write_csv` neutralises cells a spreadsheet would run as a formula (OWASP CSV
  injection): a text cell starting with ``=``, ``+``, ``-``, ``@``, tab or CR gets a
  leading ``'``. Numbers are left alone: a numeric column is never touched, and a text
  cell that is just a number (``-3.5``, ``+49``) stays as it is.

Examples
--------
>>> import pandas as pd
>>> f = pd.DataFrame({"sku": ["=HYPERLINK(\\"x\\")", "KO-1", "-2+3", "-7"], "y": [-1.5, 2, 3, 4]})
>>> neutralise_formulas(f)["sku"].tolist()
['\\'=HYPERLINK("x")', 'KO-1', "'-2+3", '-7']
>>> neutralise_formulas(f)["y"].tolist()
[-1.5, 2.0, 3.0, 4.0]
"""

from __future__ import annotations

import os
import re
import tempfile
from pathlib import Path

import numpy as np
import pandas as pd

__all__ = ["atomic_write_text", "atomic_write_bytes", "write_csv", "neutralise_formulas",
           "csv_text"]

#: first characters that make a spreadsheet read a cell as a formula (OWASP)
FORMULA_START = r"^[=+\-@\t\r]"
_PLAIN_NUMBER = r"[+-]?(\d+([.,]\d*)?|[.,]\d+)([eE][+-]?\d+)?%?"


def _new_file_mode(path: Path) -> int:
    """The mode of the file being replaced, else what ``open()`` would create."""
    try:
        return path.stat().st_mode & 0o777
    except OSError:
        mask = os.umask(0)
        os.umask(mask)
        return 0o666 & ~mask


def atomic_write_bytes(path: str | Path, data: bytes) -> Path:
    """Write ``data`` to ``path`` atomically, with a normal file mode."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    mode = _new_file_mode(path)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            os.fchmod(fh.fileno(), mode)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path


def atomic_write_text(path: str | Path, text: str, encoding: str = "utf-8") -> Path:
    """Write ``text`` to ``path`` atomically, with a normal file mode.

    >>> import tempfile, pathlib, os, stat
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "report.html"
    >>> old = os.umask(0o022); _ = atomic_write_text(p, "<p>ok</p>"); _ = os.umask(old)
    >>> oct(stat.S_IMODE(p.stat().st_mode)), p.read_text()
    ('0o644', '<p>ok</p>')
    """
    return atomic_write_bytes(path, text.encode(encoding))


def neutralise_formulas(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy of ``frame`` whose text cells (and column names) cannot run as spreadsheet
    formulas; numeric columns and text that is just a number are unchanged. Each distinct
    value is checked once (a forecast file repeats every SKU for each period)."""
    out = frame.copy()
    for col in out.columns:
        s = out[col]
        if pd.api.types.is_numeric_dtype(s) or pd.api.types.is_datetime64_any_dtype(s) or \
                pd.api.types.is_bool_dtype(s):
            continue
        codes, uniq = pd.factorize(s, use_na_sentinel=True)
        text = pd.Series(uniq, dtype="string")
        risky = (text.str.contains(FORMULA_START, regex=True)
                 & ~text.str.fullmatch(_PLAIN_NUMBER)).fillna(False).to_numpy(bool)
        if risky.any():
            safe = np.asarray(uniq, dtype=object).copy()
            safe[risky] = ["'" + str(v) for v in safe[risky]]
            values = np.where(codes >= 0, safe[np.maximum(codes, 0)], None)
            out[col] = pd.Series(values, index=s.index, dtype=object)
    out.columns = [_neutral_name(c) for c in out.columns]
    if out.index.name is not None:
        out.index.name = _neutral_name(out.index.name)
    return out


def _neutral_name(name):
    if isinstance(name, str) and re.match(FORMULA_START, name) and not re.fullmatch(
            _PLAIN_NUMBER, name):
        return "'" + name
    return name


def csv_text(frame: pd.DataFrame, **to_csv_kwargs) -> str:
    """``frame.to_csv`` text after :func:`neutralise_formulas` (no index unless asked).
    Lines end with LF; when a text cell holds a bare CR, with CRLF (RFC 4180), because
    Python's csv writer quotes a cell only for characters of the line terminator and an
    unquoted CR would split the row for every reader."""
    safe = neutralise_formulas(frame)
    has_cr = any(pd.Series(pd.unique(safe[c].dropna()), dtype=object).astype(str)
                 .str.contains("\r", regex=False).any()
                 for c in safe.columns if pd.api.types.is_object_dtype(safe[c])
                 or pd.api.types.is_string_dtype(safe[c]))
    kwargs = {"index": False, "lineterminator": "\r\n" if has_cr else "\n",
              **to_csv_kwargs}
    return safe.to_csv(**kwargs)


def write_csv(frame: pd.DataFrame, path: str | Path, *, encoding: str = "utf-8",
              **to_csv_kwargs) -> Path:
    """Write ``frame`` as CSV, formula cells neutralised, atomically with a normal mode."""
    return atomic_write_text(path, csv_text(frame, **to_csv_kwargs), encoding=encoding)
