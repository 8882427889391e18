"""The planted truths of the demo world (seller_lab/demo/TRUTHS.md) come
out at the top of the text miners' rankings (the shared demo: ``demo_data`` in tests/conftest.py)."""

from __future__ import annotations

import pandas as pd
import pytest

from seller_lab import text

SLUGS = ["kitchen-organizer-de", "camping-chair-de", "kids-toy-us"]


def _joined(frame: pd.DataFrame, col: str, n: int) -> str:
    return " | ".join(map(str, frame[col].head(n))).lower()


def test_kitchen_organizer_qa_gaps_are_230v_and_large_plates(demo_data):
    params, data = demo_data("kitchen-organizer-de")
    gaps = text.demand_gaps(data.questions, data.listings, params)
    assert not gaps.empty
    top = gaps.head(4)
    keys = " ".join(top["theme_key"])
    assert "power" in keys and "plate" in keys
    for key in ("power", "plate"):
        row = gaps[gaps["theme_key"].str.contains(key)].iloc[0]
        assert row["gap"] and row["listings_answering"] == 0 and row["questions"] >= 10
    answered = gaps[gaps["theme_key"].str.contains("dishwasher|dimensions")]
    assert len(answered) >= 1 and not answered["gap"].any()


def test_kitchen_organizer_pain_points_plates_rust_water_on_top(demo_data):
    params, data = demo_data("kitchen-organizer-de")
    pp = text.pain_points(data.posts, params, reviews=data.reviews, questions=data.questions)
    top = " ".join(" ".join(t) for t in pp["terms"].head(5)).lower()
    assert ("teller" in top or "plate" in top) and ("rost" in top or "rust" in top)
    assert any(w in top for w in ("wasser", "water", "tropf", "drip", "arbeitsplatte", "counter"))
    assert all(len(q) >= 1 for q in pp["quotes"].head(3))


def test_kitchen_organizer_negative_reasons_thin_material_first(demo_data):
    params, data = demo_data("kitchen-organizer-de")
    neg = text.negative_reasons(data.reviews, params)
    top2 = _joined(neg, "keyword", 2)
    assert "dünn" in top2 or "wackel" in top2
    assert "rost" in _joined(neg, "keyword", 6)


def test_kitchen_organizer_positive_keywords_easy_assembly_stable(demo_data):
    params, data = demo_data("kitchen-organizer-de")
    pos = text.positive_keywords(data.reviews, params)
    top = _joined(pos, "keyword", 3)
    assert "aufzubauen" in top or "aufbau" in top or "einfach" in top
    assert "stabil" in _joined(pos, "keyword", 6)


@pytest.mark.parametrize("slug,needles", [
    ("camping-chair-de", [("naht", "nähte", "seam", "gerissen", "riss"), ("niedrig", "low", "tief"),
                          ("schwer", "heavy", "gewicht")]),
    ("kids-toy-us", [("magnet",), ]),
])
def test_other_categories_pain_points(demo_data, slug, needles):
    params, data = demo_data(slug)
    pp = text.pain_points(data.posts, params, reviews=data.reviews, questions=data.questions)
    top = " ".join(" ".join(t) for t in pp["terms"].head(6)).lower() + " " + " ".join(pp["theme"].head(6)).lower()
    for alternatives in needles:
        assert any(a in top for a in alternatives), (alternatives, top)


@pytest.fixture(scope="session")
def ko_returns(demo_data):
    """Returns of the kitchen-organizer demo."""
    params, data = demo_data("kitchen-organizer-de")
    return params, data.returns


def test_kitchen_organizer_returns_too_small_tops_week_of_oct_12(ko_returns):
    params, returns = ko_returns
    r = text.classify_return_comments(returns, params)
    local = pd.to_datetime(r["ds"], utc=True).dt.tz_convert("Europe/Berlin").dt.tz_localize(None)
    week = r[(local >= "2026-10-12") & (local < "2026-10-19")]
    assert not week.empty
    reason = week["comment_reason"].where(week["comment_reason"] != "", week["reason"])
    assert reason.value_counts().index[0] == "TOO_SMALL"
    known = r.dropna(subset=["agrees_with_code"])
    assert known["agrees_with_code"].astype(bool).mean() >= 0.6


@pytest.mark.parametrize("slug,problems", [
    ("camping-chair-de", [("naht", "nähte", "seam"), ("low", "niedrig", "tief"), ("heavy", "schwer")]),
    ("kids-toy-us", [("weak",), ("fell out", "fall out", "falls out")]),
])
def test_each_planted_problem_is_its_own_top_theme_with_a_phrase_label(demo_data, slug, problems):
    params, data = demo_data(slug)
    pp = text.pain_points(data.posts, params, reviews=data.reviews, questions=data.questions)
    top = [t.lower() for t in pp["theme"].head(len(problems))]
    for alternatives in problems:  # one theme per problem among the top ones, each named by a phrase
        hits = [t for t in top if any(a in t for a in alternatives)]
        assert len(hits) == 1, (alternatives, top)
    assert all(len(t.split()) >= 2 and " · " not in t for t in top), top
