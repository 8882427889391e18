"""Fixtures of the research tests: synthetic Google Trends exports in the web UI's CSV layout."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest


def write_trends_csv(path, series: dict[str, np.ndarray], ds: pd.DatetimeIndex, *, geo_name: str = "Germany",
                     less_than_one_at=(), drop_weeks=()) -> None:
    """A multiTimeline.csv as Google Trends exports it ('Category' line, blank line, 'Week' header)."""
    lines = ["Category: All categories", "", "Week," + ",".join(f"{k}: ({geo_name})" for k in series)]
    for i, d in enumerate(ds):
        if i in drop_weeks:
            continue
        cells = []
        for y in series.values():
            v = int(round(float(np.clip(y[i], 0, 100))))
            cells.append("<1" if i in less_than_one_at else str(v))
        lines.append(f"{d:%Y-%m-%d}," + ",".join(cells))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


@pytest.fixture
def trends_csv():
    """The :func:`write_trends_csv` writer (a fixture: tests cannot import conftest)."""
    return write_trends_csv


@pytest.fixture
def weeks():
    """Five years of Sunday weeks through the week of 2026-11-22 (the demo's Trends end)."""
    return pd.date_range(end="2026-11-22", periods=5 * 52 + 1, freq="W-SUN")


@pytest.fixture
def rising(weeks):
    rng = np.random.default_rng(11)
    t = np.arange(weeks.size)
    return 40 * 1.2 ** (t / 52) + rng.normal(0, 2.5, weeks.size)


@pytest.fixture
def seasonal(weeks):
    rng = np.random.default_rng(12)
    doy = weeks.day_of_year.to_numpy()
    return 25 + 60 * np.exp(-(((doy - 165) / 40.0) ** 2)) + rng.normal(0, 3, weeks.size)
