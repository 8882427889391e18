"""Research periods are "as of" (R1, R7): a research page for period P reads only what was
knowable at the end of P, a period before every input says from when data exists (verdict
unknown, no figures), and re-running past periods gives the verdicts of the time."""

from __future__ import annotations

import html as _html
import json
import re
import shutil
import warnings
from dataclasses import replace

import pandas as pd
import pytest

from seller_lab.errors import SellerLabError
from seller_lab.report.publish import publish
from seller_lab.report.sections import research as sections
from seller_lab.research.pipeline import HISTORY_COLUMNS, run_research, verdict_history
from seller_lab.sources.category import CategoryData

SLUG = "kitchen-organizer-de"


def _text(block) -> str:
    """Visible text of a rendered block (tags dropped, entities decoded, spaces collapsed)."""
    return re.sub(r"\s+", " ", _html.unescape(re.sub(r"<[^>]+>", " ", block.html))).strip()


def _days(frame: pd.DataFrame) -> pd.Series:
    return pd.to_datetime(frame["ds"], utc=True).dt.tz_localize(None)


@pytest.fixture(scope="module")
def demo(demo_data):
    return demo_data(SLUG)


@pytest.fixture(scope="module")
def r_2025_06(demo):
    params, data = demo
    return run_research(data, params, "2025-06")


@pytest.fixture(scope="module")
def r_2026_11(demo):
    params, data = demo
    return run_research(data, params, "2026-11")


@pytest.fixture(scope="module")
def text_dates(demo):
    """doc_id -> day of every post, review and question of the demo."""
    data = demo[1]
    frames = [f[["doc_id"]].assign(day=_days(f)) for f in (data.posts, data.reviews, data.questions)]
    both = pd.concat(frames, ignore_index=True)
    return dict(zip(both["doc_id"].astype(str), both["day"]))


def _doc_ids(r) -> set[str]:
    """Every post, review and question id the page quotes or counts in a theme."""
    ids = {str(i) for ids in r.pain_points.get("quote_doc_ids", []) for i in ids}
    ids |= {str(i) for ids in r.themes.get("doc_ids", []) for i in ids}
    return ids


# ------------------------------------------------------------------------------------
# before any data: no verdict on nothing
# ------------------------------------------------------------------------------------
def test_a_period_before_any_data_gives_an_unknown_verdict_that_says_from_when_data_exists(demo):
    params, data = demo
    first_trend = pd.to_datetime(data.trends["ds"]).min()
    first_review = _days(data.reviews).min().normalize()
    r = run_research(data, params, "2019-01")
    assert r.no_data and r.verdict.verdict == "unknown"
    assert str(r.as_of.date()) == "2019-01-31"
    assert f"no research data up to 2019-01-31; data exists from {first_trend:%Y-%m-%d}" in r.verdict.reason
    assert f"competitor reviews from {first_review:%Y-%m-%d}" in r.verdict.reason
    # nothing was analysed: the undated listings export is not used either
    assert set(r.missing) == {"trends", "posts", "questions", "reviews", "listings"}
    assert r.competition is None and r.pain_points.empty and r.themes.empty and not r.trend_row
    assert r.missing_text("trends") == ("the Google Trends export (multiTimeline.csv) has no rows up to 2019-01-31: "
                                        f"they start {first_trend:%Y-%m-%d}")
    assert "carries no date" in r.missing_text("listings")
    assert {g.verdict for g in r.verdict.gates} == {"unknown"}


def test_the_no_data_page_and_its_published_record_carry_no_figures(demo):
    params, data = demo
    r = run_research(data, params, "2019-01")
    first = _text(sections.first_screen(r))
    assert "There is no research data for 2019-01: no input has a row up to 2019-01-31." in first
    assert "The data starts 2021-11-28; run the research for a period from 2021-11 on." in first
    assert "%" not in first and "comparable competitors" not in first   # no key numbers of later data
    assert "Google Trends 2021-11-28 2026-11-22 783 0" in first           # the coverage table row
    record = publish("", kind="research", category=SLUG, period="2019-01", decisions=r.decisions, **r.summary)
    assert record["verdict"] == "unknown" and "%" not in record["headline"]
    gates = [d for d in record["decisions"] if d["rule"].startswith(("R1.1", "R1.2", "R1.4"))]
    assert gates and all(d["verdict"] == "unknown" and d["value"] in ("", "None", "nan") for d in gates)
    assert "no research data for 2019-01" in _text(sections.page(r))   # every section renders


# ------------------------------------------------------------------------------------
# mid-history: only what was knowable then
# ------------------------------------------------------------------------------------
def test_a_mid_history_period_reads_nothing_dated_after_its_end(r_2025_06, r_2026_11, text_dates):
    end = pd.Timestamp("2025-06-30")
    r = r_2025_06
    assert not r.no_data and str(r.as_of.date()) == "2025-06-30"
    assert pd.to_datetime(r.trends.components["ds"]).max() <= end
    assert (pd.to_datetime(r.trends.frame["last"]) <= end).all()
    ids = _doc_ids(r)
    assert len(ids) > 50
    assert max(text_dates[i] for i in ids) < end + pd.Timedelta(days=1)
    # the same page for 2026-11 does quote later posts and reviews: the cut is what keeps them out
    assert max(text_dates[i] for i in _doc_ids(r_2026_11)) > end + pd.Timedelta(days=1)


def test_a_mid_history_verdict_is_computed_from_the_rows_up_to_its_end(demo, r_2025_06):
    data = demo[1]
    r = r_2025_06
    used = r.coverage.set_index("kind")["rows_as_of"]
    for kind in ("posts", "reviews", "questions"):
        frame = getattr(data, kind)
        assert used[kind] == int((_days(frame) <= pd.Timestamp("2025-06-30 23:59:59")).sum()) < len(frame), kind
    trend = next(g for g in r.verdict.gates if g.rule == "R1.1.trend")
    assert trend.value == pytest.approx(r.trend_row["growth"])
    assert r.verdict.verdict == "go" and "+16% vs a year ago" in r.verdict.reason
    first = _text(sections.first_screen(r))
    assert "Data as of 2025-06-30: only what was knowable by the end of 2025-06 is used." in first
    assert "competitor listings export carries no date and is used as it is" in first


def test_a_period_after_the_data_says_where_the_data_ends(demo):
    params, data = demo
    only_trends = CategoryData(params=params, trends=data.trends, missing=["posts", "questions", "reviews", "listings"])
    r = run_research(only_trends, params, "2026-12")
    assert not r.no_data and r.data_end == pd.Timestamp("2026-11-22")
    first = _text(sections.first_screen(r))
    assert "Data as of 2026-12-31" in first and "The data runs to 2026-11-22; nothing after it is known." in first


def test_a_later_period_gives_the_uncut_page_and_numbers(demo, r_2026_11):
    """2026-11 lies after every research input: the cut changes no number of the page."""
    params, data = demo
    uncut = run_research(data, params, "2026-11", as_of=lambda d, _period: d)
    note = _text(sections.as_of_note(r_2026_11))
    assert note.startswith("Data as of 2026-11-30")
    assert _text(sections.first_screen(r_2026_11)).replace(note + " ", "") == \
        _text(sections.first_screen(uncut)).replace(note + " ", "")
    assert r_2026_11.verdict.reason == uncut.verdict.reason and "+20% vs a year ago" in uncut.verdict.reason
    pd.testing.assert_frame_equal(r_2026_11.decisions, uncut.decisions)


# ------------------------------------------------------------------------------------
# verdict backtest
# ------------------------------------------------------------------------------------
def test_verdict_history_changes_as_data_accrues(demo):
    params, data = demo
    h = verdict_history(data, params, ["2019-01", "2022-06", "2024-01"])
    assert list(h.columns) == HISTORY_COLUMNS and h["period"].tolist() == ["2019-01", "2022-06", "2024-01"]
    assert h["verdict"].tolist() == ["unknown", "unknown", "go"]
    before, early, later = (h.iloc[i] for i in range(3))
    assert "no research data up to 2019-01-31" in before["reason"] and pd.isna(before["growth"])
    # 2022-06: seven months of Trends, no text yet — seasonality and differentiation cannot be judged
    assert "not enough history to judge seasonality" in early["reason"]
    assert early["posts_rows"] == early["reviews_rows"] == early["questions_rows"] == 0
    assert later["reviews_rows"] > 0 and later["differentiators"] > early["differentiators"]
    assert later["growth"] > 0.10 and later["trend_call"].startswith("rising")
    rows = h[["trends_rows", "posts_rows", "reviews_rows", "questions_rows"]]
    assert (rows.diff().dropna() >= 0).all().all() and (h["as_of"].diff().dropna() > pd.Timedelta(0)).all()


def test_a_period_that_is_no_period_is_refused_with_the_forms_it_may_take(demo):
    params, data = demo
    with pytest.raises(SellerLabError, match=r"period '2019-13' has no such month or day.*YYYY-MM"):
        run_research(data, params, "2019-13")


def test_a_one_row_trends_series_is_cut_without_a_pandas_warning(demo):
    params, data = demo
    one = data.trends.groupby("unique_id").head(1)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        r = run_research(replace(data, trends=pd.concat([data.trends, one.assign(unique_id="solo|DE")])),
                         params, "2022-06")
    assert r.as_of == pd.Timestamp("2022-06-30")


# ------------------------------------------------------------------------------------
# the command line: one papermill render
# ------------------------------------------------------------------------------------
@pytest.fixture()
def project(demo_root, tmp_path, params_dir, project_root, monkeypatch):
    """A project folder: a copy of params/, the real notebooks, the demo category's data."""
    shutil.copytree(params_dir, tmp_path / "params")
    (tmp_path / "notebooks").symlink_to(project_root / "notebooks", target_is_directory=True)
    (tmp_path / "data" / "demo").mkdir(parents=True)
    (tmp_path / "data" / "demo" / SLUG).symlink_to(demo_root / SLUG, target_is_directory=True)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_research_command_for_a_period_before_any_data_exits_0_with_the_no_data_page(project):
    from seller_lab.cli import main

    assert main(["research", SLUG, "--period", "2019-01", "--params-dir", str(project / "params")]) == 0
    page = (project / "reports" / "research" / SLUG / "2019-01.html").read_text(encoding="utf-8")
    first = re.sub(r"\s+", " ", _html.unescape(re.sub(r"<[^>]+>", " ", page.split("<h2", 1)[0])))
    assert "There is no research data for 2019-01" in first and "The data starts 2021-11-28" in first
    assert "UNKNOWN" in first.upper() and "+20%" not in page and "Traceback" not in page
    entry = json.loads((project / "reports" / "index.json").read_text(encoding="utf-8"))["reports"]
    rec = entry[f"research/{SLUG}/2019-01"]
    assert rec["verdict"] == "unknown" and "%" not in rec["headline"]


def test_verdicts_command_prints_the_verdict_as_of_each_period(project, capsys):
    from seller_lab.cli import main

    pdir = str(project / "params")
    assert main(["verdicts", SLUG, "2019-01", "2022-06", "--params-dir", pdir]) == 0
    out = capsys.readouterr().out
    assert "2019-01 (data as of 2019-01-31): UNKNOWN" in out and "no research data up to 2019-01-31" in out
    assert "2022-06 (data as of 2022-06-30): UNKNOWN" in out and "not enough history to judge seasonality" in out
    assert "rows knowable then: trends 0, posts 0" in out
    assert main(["verdicts", SLUG, "2022-06", "--json", "--params-dir", pdir]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert [(r["period"], r["as_of"], r["verdict"]) for r in rows] == [("2022-06", "2022-06-30", "unknown")]
    assert rows[0]["trends_rows"] > 0 and rows[0]["posts_rows"] == 0
    assert main(["verdicts", SLUG, "2019-13", "--params-dir", pdir]) == 2   # named, before any data is read
    assert "period '2019-13' has no such month or day" in capsys.readouterr().err
