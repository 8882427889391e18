"""R1.1 trend calls on Google Trends exports (through the real importer)."""

from __future__ import annotations

import copy
import math

import numpy as np
import pandas as pd
import pytest

from seller_lab.params import load_params
from seller_lab.research.trends import (
    CATEGORY_ID,
    analyse_trends,
    category_summary,
    mann_kendall,
    series_stats,
)
from seller_lab.sources import load_file


@pytest.fixture(scope="module")
def params():
    return load_params("kitchen-organizer-de")


def _analyse(path, params):
    return analyse_trends(load_file(path, kind="trends").frame, params, category="kitchen-organizer-de",
                          period="2026-11", source_file=str(path))


def test_export_with_less_than_one_gap_and_partial_week_is_read_and_cleaned(tmp_path, trends_csv, weeks, rising, params):
    f = tmp_path / "multiTimeline.csv"
    trends_csv(f, {"geschirrabtropfgestell": rising}, weeks, less_than_one_at={30}, drop_weeks={100, 101})
    frame = load_file(f, kind="trends").frame
    assert (frame["y"] == 0.5).sum() == 1  # '<1' read as 0.5 by the importer
    assert frame["is_partial"].iloc[-1]
    a = _analyse(f, params)
    row = a.frame.iloc[0]
    assert row["dropped_partial"] == 1
    assert row["last"] == weeks[-2]  # the partial last week is not judged
    assert row["gaps"] == 2
    assert row["trend_call"] == "rising" and row["seasonal_call"] == "not seasonal"
    assert 0.12 < row["growth"] < 0.30  # planted +20 % a year
    assert row["mk_p"] < 0.001 and row["slope_pct_per_year"] > 0.1


def test_seasonal_flat_series_recovers_its_call_and_peak_months(tmp_path, trends_csv, weeks, seasonal, params):
    f = tmp_path / "multiTimeline.csv"
    trends_csv(f, {"campingstuhl": seasonal}, weeks)
    row = _analyse(f, params).frame.iloc[0]
    assert row["trend_call"] == "flat"
    assert row["seasonal_call"] == "seasonal" and row["seasonal_strength"] > 0.8
    assert {"Jun"} <= set(row["peak_months"]) <= {"May", "Jun", "Jul"}
    assert abs(row["growth"]) < 0.10


def test_one_year_history_says_not_enough_history_for_seasonality(tmp_path, trends_csv, weeks, seasonal, params):
    f = tmp_path / "multiTimeline.csv"
    trends_csv(f, {"campingstuhl": seasonal[-53:]}, weeks[-53:])
    a = _analyse(f, params)
    row = a.frame.iloc[0]
    assert row["seasonal_call"] == "not enough history to judge seasonality"
    assert math.isnan(row["seasonal_strength"]) and row["peak_months"] == []
    season = [d for d in a.decisions if d.rule == "R1.1.seasonality"][0]
    assert season.verdict == "unknown" and "not enough history" in season.reason


def test_falling_series_is_falling_and_rejected_by_the_demand_rule(weeks, params):
    rng = np.random.default_rng(5)
    y = 80 * 0.75 ** (np.arange(weeks.size) / 52) + rng.normal(0, 2, weeks.size)
    tr = pd.DataFrame({"unique_id": "x|DE", "keyword": "x", "geo": "DE", "ds": weeks, "y": y, "is_partial": False})
    a = analyse_trends(tr, params)
    assert a.frame.iloc[0]["trend_call"] == "falling"
    trend = [d for d in a.decisions if d.rule == "R1.1.trend"][0]
    assert trend.verdict == params["research"]["trend_verdicts"]["falling"]
    assert trend.params_key == "trends.growth_rising_min"


def test_thresholds_come_from_params(weeks, rising, params):
    tr = pd.DataFrame({"unique_id": "x|DE", "keyword": "x", "geo": "DE", "ds": weeks, "y": rising, "is_partial": False})
    strict = copy.deepcopy(params)
    strict["trends"]["growth_rising_min"] = 0.5  # +20 % is no longer 'rising'
    assert analyse_trends(tr, strict).frame.iloc[0]["trend_call"] == "flat"


def test_category_level_combines_keywords(tmp_path, trends_csv, weeks, rising, seasonal, params):
    f = tmp_path / "multiTimeline.csv"
    trends_csv(f, {"geschirrabtropfgestell": rising, "tellerregal": rising * 0.5}, weeks)
    a = _analyse(f, params)
    assert a.frame["unique_id"].tolist()[-1] == CATEGORY_ID
    s = category_summary(a)
    assert s["keywords"] == 2 and s["rising"] == 2 and s["trend_call"] == "rising"
    cat = [d for d in a.decisions if d.unique_id == CATEGORY_ID]
    assert {d.rule for d in cat} == {"R1.1.trend", "R1.1.seasonality"}
    assert all(d.category == "kitchen-organizer-de" and d.source_file == str(f) for d in cat)


def test_short_export_fixture_gives_unknown_not_a_guess(params):
    a = analyse_trends(load_file("tests/data/sources/multiTimeline.csv").frame, params)
    assert set(a.frame["trend_call"]) == {"unknown"}
    assert {d.verdict for d in a.decisions} == {"unknown"}


def test_mann_kendall_matches_scipy_kendalltau_on_time():
    from scipy import stats

    rng = np.random.default_rng(3)
    y = np.round(rng.normal(0, 1, 80).cumsum(), 1)  # with ties
    tau, p = mann_kendall(y)
    ref = stats.kendalltau(np.arange(y.size), y)
    assert p == pytest.approx(ref.pvalue, rel=0.05)
    assert np.sign(tau) == np.sign(ref.statistic)


def test_monthly_series_uses_period_12():
    ds = pd.date_range("2021-01-01", periods=60, freq="MS")
    y = 50 + 20 * np.sin(2 * np.pi * (ds.month.to_numpy() - 4) / 12) + np.random.default_rng(2).normal(0, 1, 60)
    row, comp = series_stats(pd.Series(y, ds))
    assert row["frequency"] == "monthly" and row["seasonal_call"] == "seasonal"
    assert "Jul" in row["peak_months"] and comp["seasonal"].notna().all()


def test_cli_prints_the_call_and_its_numbers(tmp_path, trends_csv, weeks, seasonal, capsys):
    import json

    from seller_lab.cli import main

    f = tmp_path / "multiTimeline.csv"
    trends_csv(f, {"campingstuhl": seasonal}, weeks)
    assert main(["trends", str(f), "--params", "camping-chair-de"]) == 0
    out = capsys.readouterr().out
    assert "campingstuhl [DE] — flat, seasonal" in out and "peak months" in out and "Mann–Kendall" in out
    assert main(["trends", str(f), "--json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    row = doc["series"][0]
    assert row["seasonal_call"] == "seasonal" and row["dropped_partial"] == 1
    assert {d["rule"] for d in doc["decisions"]} == {"R1.1.trend", "R1.1.seasonality"}


def test_cli_missing_file_is_a_clear_error(capsys):
    from seller_lab.cli import main

    assert main(["trends", "no/such/multiTimeline.csv"]) == 2
    assert "file not found" in capsys.readouterr().err
