"""``seller_lab.demo.generate`` and ``seller-lab demo``: byte-deterministic, atomic per
category, real export layouts, and the market truths (Trends growth / seasonality, pilot,
Business Report) recoverable from the files as the importers read them."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from statsmodels.tsa.seasonal import STL

from seller_lab.demo import DEMO_CATEGORIES, generate, market, truths
from seller_lab.demo.ops import SKUS
from seller_lab.params import load_params
from seller_lab.sources import load_file

SCALE = 0.2


def digests(root: Path) -> dict[str, str]:
    return {str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(root.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def runs(tmp_path_factory):
    a, b, c = (tmp_path_factory.mktemp(n) for n in ("seed7a", "seed7b", "seed8"))
    res = generate(a, seed=7, scale=SCALE)
    generate(b, seed=7, scale=SCALE)
    generate(c, seed=8, scale=SCALE)
    return {"a": a, "b": b, "c": c, "res": res}


def test_same_seed_gives_identical_bytes_for_every_file(runs):
    da, db = digests(runs["a"]), digests(runs["b"])
    assert len(da) >= 3 * 8 + 2                       # 3 category folders + sop log + truths
    assert da == db
    assert {Path(k).parts[0] for k in da} >= set(DEMO_CATEGORIES) | {"sop_log.csv", "_truths.json"}
    assert not [k for k in da if Path(k).name.startswith(".")]   # no temp leftovers


def test_other_seed_changes_the_files(runs):
    da, dc = digests(runs["a"]), digests(runs["c"])
    assert da.keys() == dc.keys()
    same = [k for k in da if da[k] == dc[k]]
    assert not same, same


def test_returned_files_exist_inside_their_category_folder(runs):
    res, root = runs["res"], runs["a"]
    assert Path(res["sop_log"]) == root / "sop_log.csv"
    for slug in DEMO_CATEGORIES:
        files = [Path(f) for f in res[slug]["files"]]
        assert files and all(f.exists() and f.parent == root / slug for f in files)
        names = {f.name for f in files}
        assert {"multiTimeline.csv", "business_report_child_asin.csv",
                "business_report_by_date.csv"} <= names
        assert ("pilot_test_sessions.csv" in names) == (slug != "camping-chair-de")
    doc = json.loads((root / "_truths.json").read_text(encoding="utf-8"))
    assert list(doc["categories"]) == list(DEMO_CATEGORIES)
    assert doc["categories"]["kids-toy-us"]["market"]["pilot"]["price"] == 34.99


def _has_text_part() -> bool:
    from seller_lab.demo import _text_module

    return _text_module() is not None


def test_planted_truth_ranges_hold(runs):
    rows = truths.check(truths.load(runs["a"]))
    checked = {(r["category"], r["id"]) for r in rows}
    parts = {"market", "ops"} | ({"text"} if _has_text_part() else set())
    expected = {(s, t["id"]) for s, ts in truths.TRUTHS.items() for t in ts
                if "check" in t and t["check"]["path"].split(".")[0] in parts}
    assert expected <= checked                        # no check silently lost its number
    assert [r for r in rows if not r["ok"]] == []


def test_truths_md_documents_every_truth():
    text = (Path(truths.__file__).parent / "TRUTHS.md").read_text(encoding="utf-8")
    missing = [f"{s}:{t['id']}" for s, ts in truths.TRUTHS.items() for t in ts
               if f"`{t['id']}`" not in text]
    assert not missing, missing


def test_category_subset_keeps_other_categories_and_replaces_its_own(tmp_path):
    generate(tmp_path, seed=1, scale=0.1, categories=["kids-toy-us"])
    assert sorted(p.name for p in tmp_path.iterdir() if p.is_dir()) == ["kids-toy-us"]
    kids_before = digests(tmp_path / "kids-toy-us")
    (tmp_path / "camping-chair-de").mkdir()
    (tmp_path / "camping-chair-de" / "stale_export.csv").write_text("old\n")
    generate(tmp_path, seed=1, scale=0.1, categories=["camping-chair-de"])
    assert digests(tmp_path / "kids-toy-us") == kids_before
    assert not (tmp_path / "camping-chair-de" / "stale_export.csv").exists()   # replaced
    assert (tmp_path / "camping-chair-de" / "multiTimeline.csv").exists()
    doc = json.loads((tmp_path / "_truths.json").read_text(encoding="utf-8"))
    assert sorted(doc["categories"]) == ["camping-chair-de", "kids-toy-us"]


def test_crash_mid_run_leaves_the_old_demo_complete(tmp_path, monkeypatch):
    generate(tmp_path, seed=2, scale=0.1, categories=["kids-toy-us", "camping-chair-de"])
    before = digests(tmp_path)

    def boom(params, out_dir, rng, scale=1.0):
        if params["category"]["slug"] == "camping-chair-de":
            raise RuntimeError("disk full")
        return real(params, out_dir, rng, scale)

    real = market.write_market
    monkeypatch.setattr(market, "write_market", boom)
    with pytest.raises(RuntimeError, match="disk full"):
        generate(tmp_path, seed=3, scale=0.1, categories=["kids-toy-us", "camping-chair-de"])
    assert digests(tmp_path) == before                # nothing half-replaced, no temp folder


def test_unknown_category_is_a_params_error(tmp_path):
    from seller_lab.errors import ParamsError

    with pytest.raises(ParamsError, match="did you mean 'kitchen-organizer-de'"):
        generate(tmp_path, categories=["kitchen-organiser-de"])
    assert list(tmp_path.iterdir()) == []


def test_cli_reports_a_wrong_category_in_one_line(tmp_path, capsys):
    from seller_lab.cli import main

    assert main(["demo", "--out", str(tmp_path), "--categories", "kids-toys-us"]) == 2
    err = capsys.readouterr().err
    assert "not a demo category" in err and "kids-toy-us" in err and "Traceback" not in err


def test_cli_writes_the_folders_and_prints_rows(tmp_path, capsys):
    from seller_lab.cli import main

    code = main(["demo", "--out", str(tmp_path), "--seed", "5", "--scale", "0.1",
                 "--categories", "kids-toy-us"])
    out = capsys.readouterr().out
    assert code == 0
    assert (tmp_path / "kids-toy-us" / "pilot_test_sessions.csv").exists()
    assert (tmp_path / "sop_log.csv").exists()
    line = next(ln for ln in out.splitlines() if "pilot_test_sessions.csv" in ln)
    assert line.split()[-2] == "61"                   # 61 daily rows 2026-09-01..10-31
    assert "kids-toy-us (" in out and " s):" in out


def test_cli_default_out_is_the_projects_data_demo():
    from seller_lab.demo.cli import default_out

    p = load_params()
    assert default_out() == Path(p["paths"]["project_root"]) / "data" / "demo"


# --------------------------------------------------------------------------- Trends
def _trends(root: Path, slug: str):
    res = load_file(root / slug / "multiTimeline.csv", params=load_params(slug))
    return res


def _growth(s: pd.Series) -> float:
    last = s.index.max()
    start = last - pd.DateOffset(months=3)
    now = s[(s.index > start) & (s.index <= last)].mean()
    ago = s[(s.index > start - pd.DateOffset(years=1)) & (s.index <= last - pd.DateOffset(years=1))].mean()
    return float(now / ago - 1)


def _strength(s: pd.Series, robust: bool) -> float:
    r = STL(s.to_numpy(float), period=52, robust=robust).fit()
    return max(0.0, 1 - float(np.var(r.resid)) / float(np.var(r.seasonal + r.resid)))


@pytest.mark.parametrize("slug,growth,seasonal", [
    ("kitchen-organizer-de", (0.15, 0.25), (None, 0.35)),
    ("camping-chair-de", (-0.05, 0.05), (0.6, None)),
    ("kids-toy-us", (0.08, 0.16), (None, 0.40)),
])
def test_trends_truths_from_the_loaded_export(runs, slug, growth, seasonal):
    res = _trends(runs["a"], slug)
    assert res.layout == "google_trends_multitimeline" and len(res.rejected) == 0
    f = res.frame
    assert f["keyword"].nunique() == len(load_params(slug)["category"]["keywords"])
    full = f[~f["is_partial"]]
    cat = full.pivot_table(index="ds", columns="keyword", values="y").sum(axis=1)
    cat.index = pd.DatetimeIndex(cat.index).tz_localize(None)
    g = _growth(cat)
    for robust in (False, True):
        st = _strength(cat, robust)
        assert seasonal[0] is None or st > seasonal[0], (robust, st)
        assert seasonal[1] is None or st < seasonal[1], (robust, st)
    assert growth[0] < g < growth[1], g
    measured = truths.load(runs["a"])[slug]["market"]["trends"]
    assert measured["growth_recent_3m"] == pytest.approx(g, abs=1e-3)
    if slug == "camping-chair-de":
        by_month = cat.groupby(cat.index.month).mean()
        assert set(by_month.nlargest(3).index) == {5, 6, 7}


@pytest.mark.parametrize("slug,preamble,period,geo", [
    ("kitchen-organizer-de", "Kategorie: Alle Kategorien", "Woche", "(Deutschland)"),
    ("kids-toy-us", "Category: All categories", "Week", "(United States)"),
])
def test_trends_file_is_googles_layout(runs, slug, preamble, period, geo):
    text = (runs["a"] / slug / "multiTimeline.csv").read_text(encoding="utf-8-sig")
    lines = text.splitlines()
    assert lines[0] == preamble and lines[1] == ""
    header = lines[2].split(",")
    assert header[0] == period and all(h.endswith(f": {geo}") for h in header[1:])
    rows = [ln.split(",") for ln in lines[3:]]
    weeks = pd.to_datetime([r[0] for r in rows])
    assert len(rows) == 261 and (weeks.day_of_week == 6).all()       # Sundays, 5 years
    assert weeks[-1] == pd.Timestamp("2026-11-22")
    cells = [c for r in rows for c in r[1:]]
    nums = [int(c) for c in cells if c != "<1"]
    assert max(nums) == 100 and min(nums) >= 0
    main = [int(r[1]) for r in rows]
    assert main[-1] < 0.7 * np.mean(main[-14:-1])    # the running week is partial (low)


def test_near_zero_trends_values_read_less_than_one(runs):
    lines = (runs["a"] / "camping-chair-de" / "multiTimeline.csv").read_text(
        encoding="utf-8-sig").splitlines()[3:]
    below = sum(c == "<1" for ln in lines for c in ln.split(",")[1:])
    assert below >= 5
    f = _trends(runs["a"], "camping-chair-de").frame
    assert int((f["y"] == 0.5).sum()) == below


# --------------------------------------------------------------------------- pilot / BR
@pytest.mark.parametrize("slug,sku,price,cur,conv", [
    ("kitchen-organizer-de", "KO-RACK-2T", 34.90, "EUR", (0.025, 0.035)),
    ("kids-toy-us", "KT-TILES-60", 34.99, "USD", (0.004, 0.009)),
])
def test_pilot_file_loads_with_the_planted_totals(runs, slug, sku, price, cur, conv):
    res = load_file(runs["a"] / slug / "pilot_test_sessions.csv", params=load_params(slug))
    assert res.layout == "pilot_daily" and res.kind == "pilot" and len(res.rejected) == 0
    f = res.frame
    assert len(f) == 61 and set(f["sku"]) == {sku} and set(f["channel"]) == {"FBM"}
    assert pd.Timestamp(f["ds"].min()).strftime("%Y-%m-%d") == "2026-09-01"
    assert pd.Timestamp(f["ds"].max()).strftime("%Y-%m-%d") == "2026-10-31"
    assert set(f["price"]) == {price} and set(f["currency"]) == {cur}
    assert price > load_params(slug)["category"]["unit_economics"]["planned_price"]
    c = f["orders"].sum() / f["sessions"].sum()
    assert conv[0] < c < conv[1]
    assert (f["orders"] <= f["sessions"]).all() and (f["units"] >= f["orders"]).all()


def test_pilot_totals_do_not_depend_on_seed_or_scale(runs):
    a = pd.read_csv(runs["a"] / "kids-toy-us" / "pilot_test_sessions.csv")
    c = pd.read_csv(runs["c"] / "kids-toy-us" / "pilot_test_sessions.csv")
    assert a["sessions"].sum() == c["sessions"].sum() == 2500
    assert a["orders"].sum() == c["orders"].sum() == 18
    assert not a["sessions"].equals(c["sessions"])   # the daily split is random


@pytest.mark.parametrize("slug", DEMO_CATEGORIES)
def test_business_reports_load_with_our_asins(runs, slug):
    params = load_params(slug)
    child = load_file(runs["a"] / slug / "business_report_child_asin.csv", params=params)
    by_date = load_file(runs["a"] / slug / "business_report_by_date.csv", params=params)
    assert (child.layout, by_date.layout) == ("business_report_child", "business_report_by_date")
    assert len(child.rejected) == 0 and len(by_date.rejected) == 0
    f = child.frame
    world = set(market.ops._WORLD[slug]["skus"])
    assert set(f["sku"]) == world
    assert dict(zip(f["sku"], f["asin"])) == {s: SKUS[s][0] for s in world}
    assert (f["conversion"].between(0.03, 0.2)).all()
    assert np.allclose(f["conversion"], f["units_ordered"] / f["sessions"], atol=6e-5)
    assert set(f["currency"]) == {params["category"]["currency"]}
    d = by_date.frame
    assert len(d) == 61 and d["sessions"].sum() == pytest.approx(f["sessions"].sum())
    assert d["units_ordered"].sum() == pytest.approx(f["units_ordered"].sum())
    raw = (runs["a"] / slug / "business_report_child_asin.csv").read_text(encoding="utf-8")
    if slug.endswith("-de"):
        assert raw.startswith('"(Übergeordnete) ASIN";') and " %" in raw and " €" in raw
    else:
        assert raw.startswith('"(Parent) ASIN","(Child) ASIN"') and '"$' in raw


def test_without_the_text_part_ops_and_market_are_written_unchanged(tmp_path, monkeypatch):
    import sys

    with_text = tmp_path / "with"
    generate(with_text, seed=4, scale=0.1, categories=["kids-toy-us"])
    monkeypatch.setitem(sys.modules, "seller_lab.demo.text_data", None)   # not installed
    without = tmp_path / "without"
    res = generate(without, seed=4, scale=0.1, categories=["kids-toy-us"])
    assert "text" not in res["kids-toy-us"]["truths"]
    a, b = digests(with_text / "kids-toy-us"), digests(without / "kids-toy-us")
    assert b and set(b) <= set(a)
    assert all(a[k] == b[k] for k in b)        # own generators: the other parts' bytes hold
