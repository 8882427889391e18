"""pandera schemas generated from :data:`seller_lab.schemas.FRAMES`, and
:func:`validate_frame` that reports violations in the :class:`InputFileError` style.

Examples
--------
>>> import pandas as pd
>>> from seller_lab import schemas
>>> validate_frame("series", schemas.empty_frame("series"), "x.csv") is None
True
>>> bad = schemas.empty_frame("series").drop(columns="y")
>>> try:
...     validate_frame("series", bad, "x.csv")
... except Exception as e:
...     print(str(e)[:40])
x.csv, column 'y': the canonical 'series
"""

from __future__ import annotations

from functools import cache

import pandas as pd

from .. import schemas
from ..errors import InputFileError


@cache
def pandera_schema(kind: str):
    """The pandera ``DataFrameSchema`` of a canonical frame kind (delegates to
    :func:`seller_lab.schemas.pandera_schema`)."""
    return schemas.pandera_schema(kind)


def validate_frame(kind: str, df: pd.DataFrame, source_file: str = "", *,
                   raise_errors: bool = True) -> list[InputFileError] | None:
    """Check ``df`` against the canonical schema of ``kind``.

    Returns None when valid. With ``raise_errors=False`` returns the list of problems
    (one :class:`InputFileError` per failed check) instead of raising the first one.
    """
    import pandera.pandas as pa

    try:
        pandera_schema(kind).validate(df, lazy=True)
        return None
    except pa.errors.SchemaErrors as exc:
        errs = []
        for _, r in exc.failure_cases.head(20).iterrows():
            col = r.get("column")
            col = None if col is None or pd.isna(col) else str(col)
            idx = r.get("index")
            row = None if idx is None or pd.isna(idx) else int(idx) + 1
            check = str(r.get("check"))
            if check == "column_in_dataframe":
                problem = (f"the canonical '{kind}' frame needs column '{r.get('failure_case')}'")
                col = str(r.get("failure_case"))
            else:
                problem = (f"canonical '{kind}' check {check} failed for value "
                           f"{str(r.get('failure_case'))[:60]!r}")
            errs.append(InputFileError(source_file or "<frame>", problem, row=row, column=col,
                                       fix="check that value in the file (or, for a frame "
                                       "built in code, build it with the canonical columns "
                                       "and dtypes of seller_lab.schemas)"))
        if raise_errors and errs:
            raise errs[0] from None
        return errs
