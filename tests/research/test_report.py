"""The research step and its page on small frames: escaping, safe links, missing inputs, one analysis per run."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from seller_lab.params import load_params
from seller_lab.report.sections import research as page
from seller_lab.research.pipeline import run_research
from seller_lab.schemas import empty_frame
from seller_lab.sources.category import CategoryData

SECTIONS = ["first_screen", "trends", "pain_points", "questions", "competition", "compliance", "verdict", "test_plan"]


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
    r = run_research(_data(params, posts=_posts()), params, "2026-11")
    html = page.pain_points(r).html + page.first_screen(r).html
    assert "<script>" not in html
    assert "javascript:" not in html
    assert 'href="https://www.reddit.com/r/de/comments/' in html


def test_every_section_renders_without_any_input_and_names_the_missing_files(params):
    r = run_research(_data(params), params, "2026-11")
    html = {s: getattr(page, s)(r).html for s in SECTIONS}
    assert "no Google Trends export (multiTimeline.csv) in data/test-kitchen" in html["trends"]
    assert "no competitor listings export" in html["competition"]
    assert "no Amazon Q&amp;A export" in html["questions"]
    assert r.verdict.verdict in {"unknown", "reject", "watch"}  # never 'go' on no data
    unknown = {g.rule for g in r.verdict.gates if g.verdict == "unknown"}
    assert {"R1.1.trend", "R1.2.competitors_in_band", "R1.4.differentiation"} <= unknown
    assert r.summary["verdict"] == r.verdict.verdict


def test_every_analysis_runs_once_and_rendering_recomputes_nothing(params, monkeypatch):
    from seller_lab import text
    from seller_lab.research import compliance, pipeline

    calls = {"pain_points": 0, "compliance_check": 0}
    real_pp, real_cc = text.pain_points, compliance.compliance_check

    def count(name, real):
        def wrapped(*a, **k):
            calls[name] += 1
            return real(*a, **k)
        return wrapped

    monkeypatch.setattr(text, "pain_points", count("pain_points", real_pp))
    monkeypatch.setattr(pipeline.vd, "compliance_check", count("compliance_check", real_cc))
    r = run_research(_data(params, posts=_posts()), params, "2026-11")
    assert calls == {"pain_points": 1, "compliance_check": 1}
    for s in SECTIONS:
        getattr(page, s)(r)
    r._repr_html_()
    _ = r.decisions, r.summary
    assert calls == {"pain_points": 1, "compliance_check": 1}  # the compliance rule is evaluated once per page


def test_result_is_frozen_and_shows_the_whole_page_in_jupyter(params):
    import dataclasses

    r = run_research(_data(params, posts=_posts()), params, "2026-11")
    with pytest.raises(dataclasses.FrozenInstanceError):
        r.period = "2026-12"
    with pytest.raises(dataclasses.FrozenInstanceError):
        r.verdict.verdict = "go"
    html = r._repr_html_()
    for title in ("research verdict", "Demand: search interest (R1.1)", "Compliance (R1.3)",
                  "Small-batch test plan (R2.1)"):
        assert title in html
    assert "Teller" in html and "<script>" not in html
    assert r.verdict.verdict in repr(r)


def test_as_of_hook_is_the_one_place_the_data_is_cut(params):
    seen = []

    def cut(data, period):
        seen.append(period)
        return _data(params)  # e.g. everything after the period end removed: here, every post

    r = run_research(_data(params, posts=_posts()), params, "2026-11", as_of=cut)
    assert seen == ["2026-11"]
    assert "posts" in r.missing and r.pain_points.empty


def test_decisions_frame_is_canonical_and_unique(params):
    from seller_lab.schemas import columns

    frame = run_research(_data(params, posts=_posts()), params, "2026-11").decisions
    assert list(frame.columns) == columns("decisions")
    assert not frame.duplicated(["unique_id", "rule"]).any()
    assert (frame["period"] == "2026-11").all()


def test_trends_export_with_only_a_partial_week_gives_unknown_demand(params):
    tr = empty_frame("trends").reindex(range(1)).assign(
        unique_id="geschirrabtropfgestell|DE", keyword="geschirrabtropfgestell", geo="DE",
        ds=pd.Timestamp("2026-11-22"), y=64.0, is_partial=True)
    r = run_research(_data(params, trends=tr), params, "2026-11")
    demand = [g for g in r.verdict.gates if g.rule in ("R1.1.trend", "R1.1.seasonality")]
    assert len(demand) == 2 and {g.verdict for g in demand} == {"unknown"}
    assert "no complete period" in demand[0].reason


def _with_trends(params, tmp_path, trends_csv, weeks, seasonal) -> CategoryData:
    from seller_lab.sources import load_file

    path = tmp_path / "multiTimeline.csv"
    trends_csv(path, {"abtropfgestell": seasonal}, weeks)
    return _data(params, posts=_posts(), trends=load_file(path, kind="trends").frame)


def test_trend_analysis_in_a_helper_process_gives_the_same_research(params, tmp_path, monkeypatch, capfd,
                                                                   trends_csv, weeks, seasonal):
    import os
    import warnings

    from seller_lab.research import pipeline

    data = _with_trends(params, tmp_path, trends_csv, weeks, seasonal)
    pids = tmp_path / "pids"
    real = pipeline.tr.analyse_trends
    here = os.getpid()

    def recorded(*a, **k):
        with open(pids, "a") as f:
            f.write(f"{os.getpid()}\n")
        if os.getpid() != here:  # the helper's output goes nowhere (its streams are the kernel's)
            print("said by the helper")
            warnings.warn("warned by the helper", stacklevel=1)
        return real(*a, **k)

    monkeypatch.setattr(pipeline.tr, "analyse_trends", recorded)
    alone = run_research(data, params, "2026-11")
    helped = run_research(data, params, "2026-11", jobs=2)
    ran_in = pids.read_text().split()
    assert ran_in[0] == str(os.getpid()) and ran_in[1] != str(os.getpid())  # jobs=2: another process
    assert helped.trend_row["call"] == alone.trend_row["call"] and "unknown" not in helped.trend_row["call"]
    pd.testing.assert_frame_equal(helped.trends.frame, alone.trends.frame)
    pd.testing.assert_frame_equal(helped.decisions, alone.decisions)
    assert (helped.verdict.verdict, helped.verdict.reason) == (alone.verdict.verdict, alone.verdict.reason)
    assert page.trends(helped).html == page.trends(alone).html
    out, err = capfd.readouterr()
    assert "by the helper" not in out + err


def test_a_failing_helper_process_changes_nothing_the_work_is_done_here(params, tmp_path, monkeypatch, trends_csv,
                                                                        weeks, seasonal):
    import os

    from seller_lab.research import pipeline

    data = _with_trends(params, tmp_path, trends_csv, weeks, seasonal)
    here = os.getpid()
    real = pipeline.tr.analyse_trends

    def dies_in_a_helper(*a, **k):
        if os.getpid() != here:
            os._exit(3)  # the helper process dies without a word
        return real(*a, **k)

    monkeypatch.setattr(pipeline.tr, "analyse_trends", dies_in_a_helper)
    helped = run_research(data, params, "2026-11", jobs=2)
    pd.testing.assert_frame_equal(helped.decisions, run_research(data, params, "2026-11").decisions)

    def broken(*a, **k):
        raise ValueError("multiTimeline.csv: no usable week")

    monkeypatch.setattr(pipeline.tr, "analyse_trends", broken)
    with pytest.raises(ValueError, match="no usable week"):  # the error of the analysis, as with jobs=1
        run_research(data, params, "2026-11", jobs=2)


def test_a_stuck_helper_process_never_hangs_the_report(params, tmp_path, monkeypatch, trends_csv, weeks, seasonal):
    import os
    import time

    from seller_lab.research import pipeline

    data = _with_trends(params, tmp_path, trends_csv, weeks, seasonal)
    here = os.getpid()
    real = pipeline.tr.analyse_trends

    def stuck_in_a_helper(*a, **k):
        if os.getpid() != here:
            time.sleep(600)  # e.g. a lock held by a kernel thread when the process forked
        return real(*a, **k)

    monkeypatch.setattr(pipeline.tr, "analyse_trends", stuck_in_a_helper)
    waiting = {**params, "research": {**params["research"], "helper_wait_s": 0.5}}
    started = time.monotonic()
    helped = run_research(data, waiting, "2026-11", jobs=2)
    assert time.monotonic() - started < 60
    pd.testing.assert_frame_equal(helped.decisions, run_research(data, params, "2026-11").decisions)
