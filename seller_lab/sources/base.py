"""The contract every importer and live client honours.

An importer reads one file of one known layout and returns a :class:`LoadResult` whose
``frame`` is a canonical frame (see :mod:`seller_lab.schemas`); rows it could not read
are listed in ``rejected`` (row number, column, problem) instead of silently dropped;
what it decided on the reader's behalf (a date column read day-first by the market's
convention, prices converted to the category's currency, mixed encodings, duplicates
collapsed) is said in ``notes``.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from ..errors import InputFileError
from ..i18n import N_
from ..i18n.phrase import Phrase, from_phrase_json, say

#: ``problem`` is the English reason; ``phrase`` the same reason as phrase JSON (template +
#: values, :func:`seller_lab.i18n.phrase.phrase_json`; '' when there is none), so a report
#: says it in its own language.
REJECTED_COLUMNS = ["row", "column", "value", "problem", "phrase"]


#: A file's error as the inputs overview says it (the file column names the file).
FILE_ERROR = N_("{problem}. Fix: {fix}")
FILE_ERROR_AT = {(True, False): N_("row {row}: {problem}. Fix: {fix}"),
                 (False, True): N_("column '{column}': {problem}. Fix: {fix}"),
                 (True, True): N_("row {row}, column '{column}': {problem}. Fix: {fix}")}
#: A file's whole error as ``seller-lab ingest`` prints it: the path first, as ``str(err)``
#: writes it (a comma before a row or column, else a colon).
FILE_ERROR_IN = {False: N_("{file}: {error}"), True: N_("{file}, {error}")}


def error_phrase(exc: InputFileError) -> Phrase | str:
    """Why a file could not be loaded, as a report shows it beside the file's name: a phrase
    (row, column, problem and fix) when the importer phrased the problem, so the page says it
    in its own language; else the error's English text as before.

    >>> from seller_lab.i18n import translator
    >>> from seller_lab.i18n.phrase import say
    >>> err = InputFileError("a.csv", Phrase(N_("the file is empty (0 bytes or only blank lines)")),
    ...                      fix=Phrase(N_("export the report again; a download may have been cut off")))
    >>> error_phrase(err)
    'the file is empty (0 bytes or only blank lines). Fix: export the report again; a download may have been cut off'
    >>> error_phrase(InputFileError("a.csv", "plain text"))
    'a.csv: plain text'
    """
    if not isinstance(exc, InputFileError) or not isinstance(exc.problem, Phrase):
        return str(exc)
    if not exc.fix:
        return exc.problem
    at = (exc.row is not None, exc.column is not None)
    return Phrase(FILE_ERROR_AT.get(at, FILE_ERROR), problem=exc.problem, fix=exc.fix,
                  **({"row": exc.row} if at[0] else {}), **({"column": exc.column} if at[1] else {}))


def error_message(exc: Exception) -> Phrase | str:
    """An error's whole message (``str(exc)``: path, row, column, problem and fix) as a phrase
    that a summary says in its own language; the error's text as is when the importer did not
    phrase the problem. The phrase's English is ``str(exc)``, character for character.

    >>> from seller_lab.i18n import translator
    >>> from seller_lab.i18n.phrase import say
    >>> err = InputFileError("a.csv", Phrase(N_("the file is empty (0 bytes or only blank lines)")),
    ...                      fix=Phrase(N_("export the report again; a download may have been cut off")))
    >>> error_message(err) == str(err), say(error_message(err), translator("zh"))
    (True, 'a.csv：文件为空（0 字节或只有空行）。修正方法：重新导出报表；下载可能被中断了')
    >>> error_message(InputFileError("a.csv", "plain text"))
    'a.csv: plain text'
    """
    said = error_phrase(exc)
    if isinstance(said, Phrase) and exc.file is not None:
        at = exc.row is not None or exc.column is not None
        whole = Phrase(FILE_ERROR_IN[at], file=str(exc.file), error=said)
        if whole == str(exc):  # e.g. a row without a fix: error_phrase names no row, keep the text
            return whole
    return str(exc)


def rejected_rows(rejected: pd.DataFrame, tr, limit: int | None = None) -> pd.DataFrame:
    """The first ``limit`` rejected rows as the inputs overview and the ingest summary list them: file, row, column,
    the value as written and the reason in the language of ``tr`` (said from the row's
    ``phrase``; a reason kept as text only is shown as kept).

    >>> from seller_lab.i18n import translator
    >>> from seller_lab.i18n.phrase import Phrase, phrase_json
    >>> p = Phrase("malformed ASIN (an ASIN is 10 letters or digits, e.g. B0DKR2T7Q1)")
    >>> rej = pd.DataFrame({"file": ["a.csv"], "row": [3], "column": ["ASIN"], "value": ["B0X"],
    ...                     "problem": [str(p)], "phrase": [phrase_json(p)]})
    >>> rejected_rows(rej, translator("zh"))["problem"].iloc[0]
    'ASIN 格式错误（ASIN 为 10 位字母或数字，例如 B0DKR2T7Q1）'
    """
    shown = pd.DataFrame(rejected).head(limit) if limit is not None else pd.DataFrame(rejected)
    if "problem" in shown:
        phrases = shown["phrase"] if "phrase" in shown else [""] * len(shown)
        shown = shown.assign(problem=[say(from_phrase_json(j if isinstance(j, str) else "", str(p)), tr)
                                      for j, p in zip(phrases, shown["problem"], strict=True)])
    return shown.drop(columns=["phrase"], errors="ignore")


@dataclass
class LoadResult:
    """What loading one file produced.

    Attributes
    ----------
    frame : canonical frame of ``kind``
    kind : canonical frame kind ('reviews', 'orders', ...)
    layout : the export layout recognised ('amazon_reviews_2023_jsonl', 'helium10_blackbox', ...)
    source_file : path as given
    encoding : text encoding detected ('utf-8-sig', 'gb18030', ...; '' for binary formats)
    rejected : one row per rejected input row: row (1-based data row), column, value, problem
        (the English reason), phrase (the reason as phrase JSON, see ``REJECTED_COLUMNS``)
    notes : sentences about what loading decided for the reader (conventions applied,
        conversions, collapsed duplicates)
    duplicates : exact duplicate records collapsed (not in ``frame``, not rejected)
    row_numbers : source row (1-based data row / JSON line) of each ``frame`` row, when
        the importer knows it (used to report later row checks at the right row)
    source_columns : {canonical column: header or key in the file}
    """

    frame: pd.DataFrame
    kind: str
    layout: str
    source_file: str
    encoding: str = ""
    rejected: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=REJECTED_COLUMNS))
    notes: list[str] = field(default_factory=list)
    duplicates: int = 0
    row_numbers: np.ndarray | None = field(default=None, repr=False)
    source_columns: dict = field(default_factory=dict, repr=False)

    @property
    def rows(self) -> int:
        return len(self.frame)

    def summary(self) -> dict:
        """Plain dict for ``inspect --json`` and the report's input overview."""
        info = {"file": self.source_file, "kind": self.kind, "layout": self.layout,
                "encoding": self.encoding, "rows_loaded": self.rows,
                "rows_rejected": len(self.rejected), "duplicates_collapsed": self.duplicates,
                "notes": list(self.notes), "columns": list(self.frame.columns)}
        for col in ("ds", "created_at", "period_start"):
            if col in self.frame and len(self.frame):
                s = pd.to_datetime(self.frame[col], errors="coerce", utc=True).dropna()
                if len(s):
                    info["date_min"] = s.min().isoformat()
                    info["date_max"] = s.max().isoformat()
                break
        return info
