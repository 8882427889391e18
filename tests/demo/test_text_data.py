"""The demo's customer-text and competitor exports (seller_lab.demo.text_data): real layouts
that load through the importers with no rejected row, deterministic bytes, volumes that follow
``scale``, varied text, and the planted research truths visible in the files themselves."""

from __future__ import annotations

import copy
import hashlib
import json
import re
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from seller_lab.demo.text_data import write_text
from seller_lab.errors import ParamsError
from seller_lab.params import load_params
from seller_lab.sources import load_file
from seller_lab.text import lexicon

SLUGS = ["kitchen-organizer-de", "camping-chair-de", "kids-toy-us"]
LAYOUTS = {
    "helium10_blackbox.csv": "helium10_blackbox",
    "reviews_competitors.jsonl": "amazon_reviews_2023_jsonl",
    "reviews_own.jsonl": "amazon_reviews_2023_jsonl",
    "qa_competitors.jsonl": "amazon_qa_jsonl",
    "qa_competitors_dictlines.json": "amazon_qa_dictlines",
    "reddit_submissions.jsonl": "reddit_submissions",
    "reddit_comments.jsonl": "reddit_comments",
    "tiktok_comments.csv": "tiktok_comments_csv",
    "forum_posts.csv": "forum_posts",
}
PILOT_START = pd.Timestamp("2026-09-01", tz="UTC")


def _write(root: Path, seed: int, scale: float) -> dict:
    out = {}
    for i, slug in enumerate(SLUGS):
        params = load_params(slug)
        res = write_text(params, root / slug, np.random.default_rng(seed + i), scale)
        out[slug] = (params, res)
    return out


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    root = tmp_path_factory.mktemp("text_demo")
    written = _write(root, 7, 1.0)
    out = {}
    for slug, (params, res) in written.items():
        loaded = {Path(f).name: load_file(f, params=params) for f in res["files"]}
        out[slug] = {"params": params, "truths": res["truths"], "files": res["files"],
                     "loaded": loaded, "dir": root / slug}
    return out


def _digest(paths) -> dict:
    return {Path(p).name: hashlib.sha256(Path(p).read_bytes()).hexdigest() for p in paths}


def test_same_seed_same_bytes_other_seed_other_text(demo, tmp_path):
    again = _write(tmp_path / "a", 7, 1.0)
    other = _write(tmp_path / "b", 8, 1.0)
    for slug in SLUGS:
        first = _digest(demo[slug]["files"])
        assert first == _digest(again[slug][1]["files"]), slug
        assert json.dumps(demo[slug]["truths"], sort_keys=True) == \
            json.dumps(again[slug][1]["truths"], sort_keys=True)
        changed = _digest(other[slug][1]["files"])
        assert changed["reviews_competitors.jsonl"] != first["reviews_competitors.jsonl"]


@pytest.mark.parametrize("slug", SLUGS)
def test_every_file_loads_through_its_importer_without_rejects(demo, slug):
    d = demo[slug]
    names = set(d["loaded"])
    expected = {n for n in LAYOUTS if n != "forum_posts.csv" or slug.endswith("-de")}
    assert names == expected
    for name, res in d["loaded"].items():
        assert res.layout == LAYOUTS[name], name
        assert len(res.frame) > 0, name
        assert len(res.rejected) == 0, (name, res.rejected.head())


def test_reddit_dump_shape_deleted_rows_and_threads(demo):
    d = demo["kitchen-organizer-de"]
    raw_s = pd.read_json(d["dir"] / "reddit_submissions.jsonl", lines=True, dtype=False)
    raw_c = pd.read_json(d["dir"] / "reddit_comments.jsonl", lines=True, dtype=False)
    assert {"id", "name", "subreddit", "author", "title", "selftext", "created_utc", "score",
            "num_comments", "permalink"} <= set(raw_s.columns)
    assert {"link_id", "parent_id", "body"} <= set(raw_c.columns)
    assert set(raw_s["subreddit"]) <= set(d["params"]["category"]["subreddits"])
    removed = int((raw_s["title"] == "[removed]").sum())
    deleted = int((raw_c["body"] == "[deleted]").sum())
    assert removed >= 1 and deleted >= 1
    assert len(d["loaded"]["reddit_submissions.jsonl"].frame) == len(raw_s) - removed
    assert len(d["loaded"]["reddit_comments.jsonl"].frame) == len(raw_c) - deleted
    # every comment hangs in an existing thread; replies point at an existing comment
    assert set(raw_c["link_id"]) <= set(raw_s["name"])
    parents = raw_c["parent_id"]
    assert parents.isin(set(raw_s["name"]) | set("t1_" + raw_c["id"])).all()
    assert (parents.str.startswith("t1_")).any()
    per_thread = raw_c.groupby("link_id").size()
    assert (raw_s.set_index("name")["num_comments"].reindex(per_thread.index) == per_thread).all()


@pytest.mark.parametrize("slug", SLUGS)
def test_review_text_is_varied_and_in_the_market_language(demo, slug):
    d = demo[slug]
    r = d["loaded"]["reviews_competitors.jsonl"].frame
    assert r["text"].nunique() / len(r) > 0.9
    words = r["text"].str.split().str.len()
    assert 20 <= words.median() <= 60 and words.quantile(0.95) >= 50 and (words < 8).mean() < 0.1
    stars = r["rating"].value_counts(normalize=True)
    assert stars.loc[[4.0, 5.0]].sum() >= 0.7 and stars.loc[[1.0, 2.0]].sum() >= 0.05
    tokens = pd.Series(r["text"].str.lower().str.findall(r"[^\W\d_]+").explode().dropna())
    de, en = tokens.isin(lexicon.stopwords("de")).mean(), tokens.isin(lexicon.stopwords("en")).mean()
    if d["params"]["category"]["language"] == "de":
        assert de > 2 * en
    else:
        assert en > 2 * de
    # typos and chat-style lower case exist, but are the exception
    lower = (r["text"] == r["text"].str.lower()).mean()
    assert 0.0 < lower < 0.1


def test_volumes_follow_scale(demo, tmp_path):
    small = _write(tmp_path, 7, 0.25)
    for slug in SLUGS:
        big_t, small_t = demo[slug]["truths"], small[slug][1]["truths"]
        assert small_t["competitor_reviews"] == round(0.25 * big_t["competitor_reviews"])
        assert 0.2 < small_t["posts"]["comments"] / big_t["posts"]["comments"] < 0.3
        assert 0.15 < small_t["qa_questions"] / big_t["qa_questions"] < 0.35
        assert small_t["listings"] == big_t["listings"] == 40   # the Black Box export does not scale


@pytest.mark.parametrize("slug", SLUGS)
def test_blackbox_header_segments_and_price_band(demo, slug):
    d = demo[slug]
    raw = (d["dir"] / "helium10_blackbox.csv").read_bytes()
    cur = "€" if slug.endswith("-de") else "$"
    assert raw.startswith(b"\xef\xbb\xbf")
    head = raw.decode("utf-8-sig").splitlines()[0]
    assert f"Price  {cur}" in head and "Number of Active Sellers" in head and "ASIN Sales" in head
    assert re.search(r'"\d{1,3}(,\d{3})+"', raw.decode("utf-8-sig"))    # quoted thousands
    lst = d["loaded"]["helium10_blackbox.csv"].frame
    t = d["truths"]
    assert len(lst) == 40
    band = lst[lst["review_count"].between(100, 500) & lst["rating"].between(4.0, 4.5)]
    assert 10 <= len(band) <= 15
    assert sorted(band["asin"]) == sorted(t["in_band_asins"])
    assert band.sort_values("est_monthly_sales", ascending=False)["asin"].head(10).tolist() == t["competitor_asins"]
    assert (lst["review_count"] > 1000).sum() >= 5 and (lst["review_count"] < 100).sum() >= 5
    assert ((lst["rating"] < 4.0) | (lst["rating"] > 4.5)).sum() >= 5
    q25, q75 = band["price"].quantile([0.25, 0.75])
    assert [round(q25, 2), round(q75, 2)] == t["price_band_in_band"]
    lo, hi = {"kitchen-organizer-de": (16, 45), "camping-chair-de": (25, 90), "kids-toy-us": (15, 60)}[slug]
    assert lst["price"].between(lo, hi).all()
    if slug == "kids-toy-us":     # the pilot's test price 34.99 sits above the competitors' band
        assert 19 <= q25 and q75 <= 31 and lst["price"].quantile(0.75) < 34.99
    if slug == "kitchen-organizer-de":
        assert band["price"].between(20, 32).mean() >= 0.6


def test_kitchen_listings_answer_dishwasher_and_size_but_never_voltage_or_plates(demo):
    d = demo["kitchen-organizer-de"]
    lst = d["loaded"]["helium10_blackbox.csv"].frame
    text = (lst["title"].fillna("") + " " + lst["bullets"].fillna("")).str.lower()
    assert not text.str.contains(r"volt|230|stecker|steckdose|strom|plug|teller|plate", regex=True).any()
    top = text[lst["asin"].isin(d["truths"]["competitor_asins"])]
    assert top.str.contains("spülmaschinenfest").sum() >= 3 and top.str.contains("maße").sum() >= 3
    assert d["truths"]["listing_mentions"]["power"] == d["truths"]["listing_mentions"]["plate"] == 0


def test_kitchen_qa_plants_230v_and_large_plate_questions(demo):
    d = demo["kitchen-organizer-de"]
    t = d["truths"]
    q = pd.concat([d["loaded"]["qa_competitors.jsonl"].frame,
                   d["loaded"]["qa_competitors_dictlines.json"].frame], ignore_index=True)
    assert set(q["asin"]) == set(t["competitor_asins"]) | set(t["top10_overall_asins"])
    for asins, counts in ((t["competitor_asins"], t["qa_theme_counts"]),
                          (t["top10_overall_asins"], t["qa_theme_counts_top10_overall"])):
        mine = q[q["asin"].isin(asins)]["text"].str.lower()
        power = mine.str.contains(r"230|volt|stecker|steckdose|adapter", regex=True).sum()
        plate = mine.str.contains("teller").sum()
        assert power == counts["power"] and 25 <= power <= 35
        assert plate == counts["plate"] and 15 <= plate <= 25
        assert mine.str.contains("spülmaschine").sum() >= 8 and mine.str.contains("maße|abmessungen").sum() >= 8
    # most 230 V questions have no answer or an unsure one
    from seller_lab.text import uncertain_answers

    pw = q[q["text"].str.contains(r"230|Volt|Stecker|Steckdose", regex=True)]
    assert uncertain_answers(pw["answer"]).mean() >= 0.6


def test_kitchen_demand_gaps_recovered_from_these_files(demo):
    from seller_lab import text

    d = demo["kitchen-organizer-de"]
    q = pd.concat([d["loaded"]["qa_competitors.jsonl"].frame,
                   d["loaded"]["qa_competitors_dictlines.json"].frame], ignore_index=True)
    gaps = text.demand_gaps(q, d["loaded"]["helium10_blackbox.csv"].frame, d["params"])
    top = gaps.head(4)
    for key in ("power", "plate"):
        row = top[top["theme_key"].str.contains(key)].iloc[0]
        assert row["gap"] and row["listings_answering"] == 0
    answered = gaps[gaps["theme_key"].str.contains("dishwasher|dimensions")]
    assert len(answered) == 2 and not answered["gap"].any()


@pytest.mark.parametrize("slug,needles", [
    ("kitchen-organizer-de", [r"teller|plate", r"rost|rust", r"arbeitsplatte|counter"]),
    ("camping-chair-de", [r"naht|nähte|seam|stitching", r"niedrig|\blow\b", r"schwer|heavy"]),
    ("kids-toy-us", [r"magnets? (?:fell|fall|pop|came|come)|(?:fell|pop|came) out", r"weak"]),
])
def test_posts_carry_the_planted_pain_points(demo, slug, needles):
    d = demo[slug]
    posts = pd.concat([r.frame for n, r in d["loaded"].items() if r.kind == "posts"], ignore_index=True)
    low = posts["text"].str.lower()
    shares = [low.str.contains(n, regex=True).mean() for n in needles]
    assert all(s >= 0.12 for s in shares), shares
    assert set(d["truths"]["pain_point_counts"]) == set(d["truths"]["pain_points"])
    assert min(d["truths"]["pain_point_counts"].values()) >= 100
    assert {"reddit", "tiktok"} <= set(posts["source"])


def test_kitchen_negative_reviews_thin_wobbly_then_rust(demo):
    d = demo["kitchen-organizer-de"]
    r = d["loaded"]["reviews_competitors.jsonl"].frame
    neg = r[r["rating"] <= 2]
    low = (neg["title"] + " " + neg["text"]).str.lower()
    thin = low.str.contains("dünn|wackel", regex=True).mean()
    rust = low.str.contains("rost", regex=False).mean()
    water = low.str.contains("tropf|pfütze", regex=True).mean()
    assert thin > rust > water and thin >= 0.35
    assert d["truths"]["negative_reasons"][:2] == ["thin", "rust"]
    pos = r[r["rating"] >= 4]
    low = pos["text"].str.lower()
    assert low.str.contains("aufzubauen|aufgebaut|aufbau", regex=True).mean() >= 0.35
    assert low.str.contains("stabil", regex=False).mean() >= 0.3
    assert d["truths"]["positive_keywords"] == ["einfach aufzubauen", "stabil"]


def test_our_reviews_in_the_pilot_window(demo):
    ko = demo["kitchen-organizer-de"]
    r = ko["loaded"]["reviews_own.jsonl"].frame
    win = r[(r["asin"] == "B0DKR2T7Q1") & (r["ds"] >= PILOT_START)]
    t = ko["truths"]["our_reviews"]["KO-RACK-2T"]
    assert len(win) == t["reviews_in_window"] and 60 <= len(win) <= 120
    assert (win["rating"] <= 2).sum() == t["negative_in_window"]
    assert 0.01 <= (win["rating"] <= 2).mean() <= 0.05
    assert win["ds"].max() < pd.Timestamp("2026-11-01", tz="UTC")
    assert (r["ds"] < PILOT_START).sum() > 0          # older reviews too
    pos = win[win["rating"] >= 4]["text"]
    # every preset selling point appears in >= 15 % of the positive reviews
    for pattern in (r"große teller", r"230 v", r"edelstahl", r"ohne werkzeug"):
        assert pos.str.lower().str.contains(pattern, regex=True).mean() >= 0.15, pattern
    assert all(s >= 0.15 for s in t["selling_point_share"].values())
    assert list(t["selling_point_share"]) == list(ko["params"]["category"]["selling_points"])

    kt = demo["kids-toy-us"]
    r = kt["loaded"]["reviews_own.jsonl"].frame
    win = r[(r["asin"] == "B0KT60M4R2") & (r["ds"] >= PILOT_START)]
    t = kt["truths"]["our_reviews"]["KT-TILES-60"]
    neg = win[win["rating"] <= 2]
    assert len(win) == t["reviews_in_window"] and 0 < len(neg) <= 0.05 * len(win)
    # the few negative reviews are about price / delivery, not about the function
    assert not neg["text"].str.lower().str.contains(r"magnet|broke|crack|fell|weak|sharp", regex=True).any()
    assert neg["text"].str.lower().str.contains(r"price|\$|dollars|pricey|overpriced|cheaper|weeks|shipping", regex=True).all()


def test_write_text_refuses_an_unknown_category(tmp_path):
    params = copy.deepcopy(load_params("kids-toy-us"))
    params["category"]["slug"] = "garden-hose-fr"
    with pytest.raises(ParamsError, match="garden-hose-fr"):
        write_text(params, tmp_path, np.random.default_rng(1))


def test_tiny_scale_still_writes_every_file_with_rows(tmp_path):
    for slug, (params, res) in _write(tmp_path, 5, 0.02).items():
        names = {Path(f).name for f in res["files"]}
        assert "qa_competitors_dictlines.json" in names and "reviews_own.jsonl" in names
        for f in res["files"]:
            loaded = load_file(f, params=params)
            assert len(loaded.frame) > 0 and len(loaded.rejected) == 0, (slug, Path(f).name)
