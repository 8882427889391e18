"""One exception family for everything a user can get wrong.

Every message names *where* (file, row/line, column or key), *what* was expected and
*the fix*, so an analyst never has to read a traceback.

Examples
--------
>>> err = InputFileError("orders.csv", "column 'qty' is missing",
...                      row=None, column="qty", fix="map it under sources.columns.orders")
>>> print(err)
orders.csv, column 'qty': column 'qty' is missing. Fix: map it under sources.columns.orders
"""

from __future__ import annotations

from pathlib import Path


class SellerLabError(Exception):
    """Base class: a problem the user can fix. ``str(err)`` is the whole message."""


def _where(file: str | Path | None, row: int | None, column: str | None) -> str:
    parts = []
    if file is not None:
        parts.append(str(file))
    if row is not None:
        parts.append(f"row {row}")
    if column is not None:
        parts.append(f"column '{column}'")
    return ", ".join(parts)


class InputFileError(SellerLabError):
    """A data file cannot be read or has bad rows/columns.

    Parameters
    ----------
    file : path of the offending file
    problem : what is wrong (what was found vs. what was expected)
    row : 1-based data row (or line) number, if the problem sits on one row
    column : the column concerned, if any
    fix : one sentence telling the user what to do
    """

    def __init__(self, file, problem: str, *, row: int | None = None,
                 column: str | None = None, fix: str = ""):
        self.file, self.problem, self.row, self.column, self.fix = file, problem, row, column, fix
        where = _where(file, row, column)
        msg = f"{where}: {problem}" if where else problem
        if fix:
            msg += f". Fix: {fix}"
        super().__init__(msg)


class ParamsError(SellerLabError):
    """A params file is missing, malformed, has an unknown key or a wrong type."""

    def __init__(self, file, key: str | None, problem: str, *, fix: str = ""):
        self.file, self.key, self.problem, self.fix = file, key, problem, fix
        where = str(file) + (f", key '{key}'" if key else "")
        msg = f"{where}: {problem}"
        if fix:
            msg += f". Fix: {fix}"
        super().__init__(msg)


class LayoutNotRecognisedError(InputFileError):
    """No known export layout matches the file's header/shape."""


class SourceUnavailableError(SellerLabError):
    """A live source (Google Trends, Reddit) refused or failed; the message names the
    file-import twin to use instead."""


class ReportError(SellerLabError):
    """A report could not be produced (template/parameter mismatch, failed cell)."""


class StoreError(SellerLabError):
    """The local store cannot be opened or written (e.g. locked by another process)."""
