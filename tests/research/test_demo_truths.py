"""The demo world's research truths come out of the library and the rendered report
(seller_lab/demo/TRUTHS.md): kitchen organizer -> go with 230 V and large plates among the gaps,
camping chair -> watch on seasonality, toy -> reject on compliance cost; a category with no
posts and no Q&A still renders every section and says what is missing."""

from __future__ import annotations

import copy
import shutil

import pytest

from seller_lab.decisions import worst
from seller_lab.report.sections import research as page
from seller_lab.research.pipeline import run_research

PERIOD = "2026-11"
SECTIONS = ["first_screen", "trends", "pain_points", "questions", "competition", "compliance", "verdict", "test_plan"]


@pytest.fixture(scope="session")
def demo(demo_data):
    """``get(slug, folder=None)``: the shared demo, or (params, data) read from ``folder``."""
    from seller_lab.sources.category import load_category

    def get(slug: str, folder=None):
        if folder is None:
            return demo_data(slug)
        params, _ = demo_data(slug)
        params = copy.deepcopy(params)
        params["category"]["data_dir"] = str(folder)
        return params, load_category(params, use_store=False)

    return get


def _research(demo, slug, folder=None):
    params, data = demo(slug, folder)
    return params, data, run_research(data, params, PERIOD)


def test_kitchen_organizer_is_go_with_230v_and_large_plates_among_the_gaps(demo):
    params, data, r = _research(demo, "kitchen-organizer-de")
    assert r.trend_row["trend_call"] == "rising" and r.trend_row["seasonal_call"] == "not seasonal"
    assert 0.10 < r.trend_row["growth"] < 0.35
    keys = " ".join(r.gaps["theme_key"])
    assert "power" in keys and "plate" in keys
    proposals = " | ".join(r.verdict.selling_points["proposal"])
    assert "230 V" in proposals and "large plates" in proposals
    assert 10 <= len(r.competition.filter.kept) <= 15
    assert r.competition.differentiation["concept"].iloc[0] in {"thin", "wobbly"}  # thin material / wobbly first
    others = [g.verdict for g in r.verdict.gates if not g.rule.startswith("R1.3")]
    assert worst(others) in {"go", "pass"}
    html = page.first_screen(r).html
    assert "230 V" in html or "Voltzahl" in html
    assert r.verdict.verdict == "go", r.verdict.reason
    assert ">GO<" in html


def test_camping_chair_is_watch_on_seasonality(demo):
    params, data, r = _research(demo, "camping-chair-de")
    assert r.trend_row["seasonal_call"] == "seasonal" and r.trend_row["trend_call"] == "flat"
    assert set(r.trend_row["peak_months"]) <= {"Apr", "May", "Jun", "Jul", "Aug"}
    assert "Jun" in r.trend_row["peak_months"]
    assert r.verdict.verdict == "watch" and "seasonal" in r.verdict.reason
    season = [g for g in r.verdict.gates if g.rule == "R1.1.seasonality"][0]
    assert season.verdict == "watch"
    html = page.verdict(r).html
    assert ">WATCH<" in html and "seasonal" in html


def test_kids_toy_is_rejected_on_compliance_cost(demo):
    params, data, r = _research(demo, "kids-toy-us")
    assert r.verdict.verdict == "reject", r.verdict.reason
    rejecting = [g for g in r.verdict.gates if g.verdict == "reject"]
    assert rejecting and all(g.rule.startswith("R1.3") for g in rejecting)
    assert ">REJECT<" in page.first_screen(r).html


def test_category_without_posts_and_qa_renders_every_section_saying_what_is_missing(demo, demo_root, tmp_path):
    src = demo_root / "camping-chair-de"
    for f in src.iterdir():
        name = f.name.lower()
        if not any(k in name for k in ("reddit", "tiktok", "forum", "qa_")):
            shutil.copy(f, tmp_path / f.name)
    params, data = demo("camping-chair-de", tmp_path)
    assert {"posts", "questions"} <= set(data.missing)
    r = run_research(data, params, PERIOD)
    html = {name: getattr(page, name)(r).html for name in SECTIONS}
    assert "no Amazon Q&amp;A export of the top competitors in" in html["questions"]
    assert "no Reddit / TikTok / forum posts export in" in html["pain_points"]
    assert "no Amazon Q&amp;A export" in html["first_screen"]
    assert all(len(h) > 0 for h in html.values())
    frame = r.decisions
    assert {"R1.1.trend", "R1.2.competitors_in_band", "R1.4.differentiation", "R2.1.sample_budget_share"} <= set(frame["rule"])
    s = r.summary
    assert s["verdict"] in {"watch", "unknown"} and s["headline"]


def test_without_competitor_listings_the_questions_are_shown_but_no_gap_is_claimed_either_way(demo, demo_root,
                                                                                               tmp_path):
    # a new user's first folder held Amazon Q&A and no Black Box export: the first screen said "No demand gap: every
    # recurring question theme is answered by a competitor listing" - of 0 listings
    for f in (demo_root / "kitchen-organizer-de").iterdir():
        if "helium10" not in f.name:
            shutil.copy(f, tmp_path / f.name)
    params, data = demo("kitchen-organizer-de", tmp_path)
    assert "listings" in data.missing and "questions" not in data.missing
    r = run_research(data, params, PERIOD)
    assert len(r.themes) >= 3
    first, questions = page.first_screen(r).html, page.questions(r).html
    assert "Demand gaps not judged: no competitor listings export" in first
    assert "answered by a competitor listing" not in first and "answered by a listing" not in questions
    assert "not judged" in questions and "of 0 listings" not in questions
    assert "未判断需求缺口" in page.first_screen(r, "zh").html
    # ... and with the Q&A as the only text, no selling point can be found: the differentiation gate does not know,
    # it did not find "only 0" (WATCH)
    only_qa = tmp_path / "only_qa"
    only_qa.mkdir()
    for f in (demo_root / "kitchen-organizer-de").glob("qa_*"):
        shutil.copy(f, only_qa / f.name)
    params, data = demo("kitchen-organizer-de", only_qa)
    gate = next(g for g in run_research(data, params, PERIOD).verdict.gates if g.rule == "R1.4.differentiation")
    assert gate.verdict == "unknown" and "competitor listings export" in str(gate.reason), gate


def test_customer_text_is_escaped_in_the_report(demo):
    import dataclasses

    params, data = demo("kitchen-organizer-de")
    listings = data.listings.copy()
    listings.loc[listings.index[0], "title"] = '<script>alert("x")</script> Abtropfgestell'
    listings.loc[listings.index[0], "review_count"] = 5000
    evil = dataclasses.replace(data, listings=listings)
    html = page.competition(run_research(evil, params, PERIOD)).html
    assert "<script>" not in html and "&lt;script&gt;" in html
