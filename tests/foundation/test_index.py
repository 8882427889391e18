"""reports/index.html never passes off an older month's figures as the newest month's."""

from __future__ import annotations

import re

from seller_lab.report.index import update_index
from seller_lab.report.runner import ReportResult


def _ok(tmp_path, kind, category, period, **record):
    page = tmp_path / kind / category / f"{period}.html"
    page.parent.mkdir(parents=True, exist_ok=True)
    page.write_text("<html></html>", encoding="utf-8")
    return ReportResult(kind, category, period, status="ok", html=str(page),
                        record={"verdict": "alert", "headline": "h", "kpis": {}, **record})


def _rows(page: str) -> list[str]:
    return [re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", r)) for r in re.findall(r"<tr>.*?</tr>", page)]


def test_rows_older_than_the_newest_period_of_their_kind_are_marked_stale(tmp_path):
    update_index(tmp_path, [
        _ok(tmp_path, "research", "alpha", "2026-11", verdict="go"),
        _ok(tmp_path, "monthly", "alpha", "2026-10", kpis={"Sales": "1,000 EUR"}),
        _ok(tmp_path, "monthly", "beta", "2026-10", kpis={"Sales": "2,000 EUR"}),
    ])
    # a later run: alpha's November has no orders yet (no KPIs), beta was not run again
    page = update_index(tmp_path, [
        _ok(tmp_path, "monthly", "alpha", "2026-11", verdict="unknown",
            headline="no orders in 2026-11; data runs to 2026-10-31"),
    ]).read_text(encoding="utf-8")
    reports, portfolio = page.split("Portfolio", 1)
    rows = _rows(reports)
    beta_oct = next(r for r in rows if "beta" in r)
    assert "2026-10 (stale: newest is 2026-11)" in beta_oct
    alpha_nov = next(r for r in rows if "alpha" in r and "no orders" in r)
    assert "stale" not in alpha_nov
    research = next(r for r in rows if "GO" in r)
    assert "stale" not in research                        # research has its own newest period
    # portfolio: alpha keeps October's figures, labelled with their month
    assert "alpha (2026-10, stale: newest is 2026-11)" in portfolio and "1,000 EUR" in portfolio
    assert "beta (2026-10, stale: newest is 2026-11)" in portfolio and "2,000 EUR" in portfolio
