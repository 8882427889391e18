"""Research report sections on small frames: escaping, safe links, missing inputs, one analysis per period."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from seller_lab.params import load_params
from seller_lab.research import report
from seller_lab.schemas import empty_frame
from seller_lab.sources.category import CategoryData

SECTIONS = ["first_screen", "trends_section", "pain_points_section", "questions_section", "competition_section",
            "compliance_section", "verdict_section", "test_plan_section"]


@pytest.fixture(scope="module")
def params():
    p = load_params("kitchen-organizer-de")
    p["category"]["data_dir"] = "data/test-kitchen"
    return p


def _posts() -> pd.DataFrame:
    texts = ['Meine großen Teller passen nicht rein <script>alert("x")</script>',
             "Große Teller passen leider in kein Gestell, die Abstände sind zu eng.",
             "Leider passen unsere großen Teller (30 cm) nicht in das Abtropfgestell.",
             "Ich suche ein Gestell, in das große Teller passen.",
             "Die großen Teller passen nicht, total ärgerlich.",
             "Große Teller stehen schief und passen nicht."] * 2
    n = len(texts)
    f = empty_frame("posts").reindex(range(n))
    return f.assign(doc_id=[f"p{i}" for i in range(n)], source="reddit", unique_id="de", text=texts,
                    ds=pd.Timestamp("2026-10-01", tz="UTC") + pd.to_timedelta(np.arange(n), unit="D"),
                    url=["javascript:alert(1)"] + [f"https://www.reddit.com/r/de/comments/p{i}" for i in range(1, n)],
                    kind="submission", title="", author="", score=5.0, num_comments=1.0, parent_id="")


def _data(params, **frames) -> CategoryData:
    missing = [k for k in ("trends", "posts", "reviews", "questions", "listings", "traffic", "orders", "inventory",
                           "shipments", "returns", "tickets", "pilot") if k not in frames]
    return CategoryData(params=params, missing=missing, **frames)


def test_customer_text_is_escaped_and_only_http_links_are_rendered(params):
    data = _data(params, posts=_posts())
    html = report.pain_points_section(data, params, "2026-11").html + report.first_screen(data, params, "2026-11").html
    assert "<script>" not in html
    assert "javascript:" not in html
    assert 'href="https://www.reddit.com/r/de/comments/' in html


def test_every_section_renders_without_any_input_and_names_the_missing_files(params):
    data = _data(params)
    html = {s: getattr(report, s)(data, params, "2026-11").html for s in SECTIONS}
    assert "no Google Trends export (multiTimeline.csv) in data/test-kitchen" in html["trends_section"]
    assert "no competitor listings export" in html["competition_section"]
    assert "no Amazon Q&amp;A export" in html["questions_section"]
    r = report.analyse(data, params, "2026-11")
    assert r.verdict.verdict in {"unknown", "reject", "watch"}  # never 'go' on no data
    unknown = {g.rule for g in r.verdict.gates if g.verdict == "unknown"}
    assert {"R1.1.trend", "R1.2.competitors_in_band", "R1.4.differentiation"} <= unknown
    assert report.summary(data, params, "2026-11")["verdict"] == r.verdict.verdict


def test_analysis_runs_once_per_data_and_period(params, monkeypatch):
    data = _data(params, posts=_posts())
    calls = []
    from seller_lab import text

    real = text.pain_points
    monkeypatch.setattr(text, "pain_points", lambda *a, **k: calls.append(1) or real(*a, **k))
    for s in SECTIONS:
        getattr(report, s)(data, params, "2026-11")
    report.decisions(data, params, "2026-11")
    assert len(calls) == 1
    report.first_screen(data, params, "2026-12")
    assert len(calls) == 2


def test_decisions_frame_is_canonical_and_unique(params):
    from seller_lab.schemas import columns

    frame = report.decisions(_data(params, posts=_posts()), params, "2026-11")
    assert list(frame.columns) == columns("decisions")
    assert not frame.duplicated(["unique_id", "rule"]).any()
    assert (frame["period"] == "2026-11").all()


def test_trends_export_with_only_a_partial_week_gives_unknown_demand(params):
    tr = empty_frame("trends").reindex(range(1)).assign(
        unique_id="geschirrabtropfgestell|DE", keyword="geschirrabtropfgestell", geo="DE",
        ds=pd.Timestamp("2026-11-22"), y=64.0, is_partial=True)
    r = report.analyse(_data(params, trends=tr), params, "2026-11")
    demand = [g for g in r.verdict.gates if g.rule in ("R1.1.trend", "R1.1.seasonality")]
    assert len(demand) == 2 and {g.verdict for g in demand} == {"unknown"}
    assert "no complete period" in demand[0].reason
