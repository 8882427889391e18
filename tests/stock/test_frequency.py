"""Frequencies (R3.2): daily, weekly on any weekday, monthly and quarterly sales are
inferred from their dates and forecast in their own periods, never spread over days."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from seller_lab.errors import SellerLabError
from seller_lab.stock.forecast import forecast, frequency_settings, to_matrix
from seller_lab.stock.frequency import horizon_periods, infer_frequency, snap
from seller_lab.stock.planning import daily_rate, stock_plan

M3 = Path(__file__).resolve().parents[1] / "data" / "demand_m3_sample" / "m3_sample.csv"

# (alias, pandas frequency to generate with, first date) for every calendar a seller exports
CALENDARS = [
    ("D", "D", "2025-01-01"),
    ("W-SUN", "W-SUN", "2024-01-07"),
    ("W-MON", "W-MON", "2024-01-01"),
    ("MS", "MS", "2019-01-01"),
    ("ME", "ME", "2019-01-31"),
    ("QS-JAN", "QS-JAN", "2012-01-01"),
    ("QE-DEC", "QE-DEC", "2012-03-31"),
]


def sales(freq, start, periods, n_skus=4, seed=0, p_sale=0.9, drop_zero_rows=True):
    """Poisson sales per SKU on a calendar; zero periods left out as an ERP export does."""
    rng = np.random.default_rng(seed)
    dates = pd.date_range(start, periods=periods, freq=freq)
    rows = []
    for i in range(n_skus):
        y = rng.poisson(5 + 3 * i, periods) * (rng.random(periods) < p_sale)
        rows.append(pd.DataFrame({"unique_id": f"SKU-{i}", "ds": dates, "y": y.astype(float)}))
    s = pd.concat(rows, ignore_index=True)
    return s[s["y"] > 0].reset_index(drop=True) if drop_zero_rows else s


@pytest.mark.parametrize("alias,gen,start", CALENDARS)
def test_every_calendar_is_inferred_and_forecast_in_its_own_periods(params, alias, gen, start):
    periods = 60 if alias[0] in "DWM" else 40
    s = sales(gen, start, periods, p_sale=0.8)
    assert infer_frequency(s, params).freq == alias
    res = forecast(s, params, horizon=5)
    assert res.freq == alias
    history = pd.date_range(start, periods=periods, freq=gen)
    want = pd.date_range(history[-1], periods=6, freq=gen)[1:]
    for _, f in res.forecasts.groupby("unique_id"):
        assert f["ds"].tolist() == want.tolist()          # real period dates, 5 periods
        assert np.isfinite(f["forecast"]).all()
    # the grid has one column per period: no days were invented between the periods
    ids, dates, Y, valid = to_matrix(s, alias)
    assert Y.shape[1] == periods
    assert res.chosen["history_periods"].max() <= periods


def test_season_length_follows_the_frequency(params):
    assert [frequency_settings(params, f)["season_length"] for f in ("D", "W-MON", "MS", "QS-JAN")] \
        == [7, 52, 12, 4]


def test_weekly_horizon_counts_weeks_and_accepts_days(params):
    s = sales("W-SUN", "2024-01-07", 70)
    assert len(forecast(s, params, horizon=8).forecasts.query("unique_id == 'SKU-0'")) == 8
    f = forecast(s, params, horizon="56d").forecasts.query("unique_id == 'SKU-0'")
    assert len(f) == 8 and (f["ds"].dt.day_of_week == 6).all()
    assert horizon_periods("56d", "MS") == 2 and horizon_periods("6m", "W-MON") == 27
    with pytest.raises(SellerLabError, match="at least 1"):
        horizon_periods(0, "D")


def test_backtest_windows_are_sized_in_periods(params):
    # 80 weeks, horizon 8 weeks: three 8-week windows fit after the 26-week minimum
    s = sales("W-MON", "2024-01-01", 80)
    res = forecast(s, params, horizon=8)
    assert res.accuracy["mase"].notna().any()
    short = sales("W-MON", "2024-01-01", 30)                 # 30 - 26 < 8: no window
    assert forecast(short, params, horizon=8).accuracy["mase"].isna().all()


def test_yearly_seasonal_weekly_sku_repeats_last_years_week(params):
    # three years of a weekly pattern with a Christmas peak: SeasonalNaive is 52 weeks back
    weeks = pd.date_range("2022-01-02", periods=156, freq="W-SUN")
    base = np.where(weeks.isocalendar().week.to_numpy() >= 48, 40.0, 5.0)
    s = pd.DataFrame({"unique_id": "XMAS", "ds": weeks, "y": base})
    res = forecast(s, params, horizon=8, models=("SeasonalNaive",))
    assert res.forecasts["SeasonalNaive"].tolist() == base[-52:-44].tolist()


def test_monthly_seasonal_naive_uses_the_same_month_last_year(params):
    months = pd.date_range("2020-01-01", periods=48, freq="MS")
    y = (10 + 20 * (months.month == 12)).astype(float)
    s = pd.DataFrame({"unique_id": "A", "ds": months, "y": y})
    f = forecast(s, params, horizon=12, models=("SeasonalNaive",)).forecasts
    assert f.loc[f["ds"].dt.month == 12, "SeasonalNaive"].tolist() == [30.0]
    assert f.loc[f["ds"].dt.month != 12, "SeasonalNaive"].eq(10.0).all()


def test_intermittent_weekly_series_get_every_week_forecast_and_not_all_zero(params):
    rng = np.random.default_rng(7)
    weeks = pd.date_range("2023-01-02", periods=104, freq="W-MON")
    rows = []
    for i in range(30):
        y = rng.poisson(3, 104) * (rng.random(104) < rng.uniform(0.1, 0.4))
        rows.append(pd.DataFrame({"unique_id": f"SPARE-{i}", "ds": weeks, "y": y.astype(float)}))
    s = pd.concat(rows)
    s = s[s["y"] > 0]                                        # an export lists sale weeks only
    assert infer_frequency(s, params).freq == "W-MON"
    res = forecast(s, params, horizon=8)
    f = res.forecasts
    assert len(f) == 30 * 8 and np.isfinite(f["forecast"]).all()
    assert (f["ds"].dt.day_of_week == 0).all()
    mean_weekly = s.groupby("unique_id")["y"].sum() / 104
    got = res.chosen.set_index("unique_id")["period_mean"]
    # the level stays near each SKU's mean weekly demand, never a zero forecast
    assert (got > 0).all()
    assert np.median(got / mean_weekly.reindex(got.index)) == pytest.approx(1.0, abs=0.35)


def test_weekly_rate_becomes_a_daily_rate_with_its_basis(params):
    weeks = pd.date_range("2024-01-07", periods=60, freq="W-SUN")
    s = pd.DataFrame({"unique_id": "A", "ds": weeks, "y": 70.0})
    res = forecast(s, params, horizon=4)
    c = res.chosen.iloc[0]
    assert c["period_mean"] == pytest.approx(70.0) and c["daily_mean"] == pytest.approx(10.0)
    assert "7 days per period" in c["rate_basis"]
    plan = stock_plan(res.chosen, params)
    assert plan["daily_forecast"].iloc[0] == pytest.approx(10.0)
    assert "weekly" in plan["rate_basis"].iloc[0]
    # per-period figures alone are converted by the plan itself
    bare = res.chosen[["unique_id", "method", "period_mean", "freq"]]
    assert stock_plan(bare, params)["daily_forecast"].iloc[0] == pytest.approx(10.0)


def test_monthly_daily_rate_uses_the_real_days_of_the_months(params):
    months = pd.date_range("2022-01-01", periods=48, freq="MS")
    s = pd.DataFrame({"unique_id": "A", "ds": months, "y": 300.0})
    res = forecast(s, params, horizon=2)                      # Jan + Feb 2026 = 59 days
    assert res.chosen["daily_mean"].iloc[0] == pytest.approx(600 / 59)
    assert daily_rate(300.0, "MS", period_dates=pd.DatetimeIndex(["2026-02-01"]))[0] \
        == pytest.approx(300 / 28)


def test_weekly_rows_in_a_daily_file_are_an_error_naming_the_skus(params):
    daily = sales("D", "2025-01-01", 120, n_skus=3)
    weekly = sales("W-SUN", "2025-01-05", 17, n_skus=2)
    weekly["unique_id"] = weekly["unique_id"].str.replace("SKU", "WEEKLY")
    with pytest.raises(SellerLabError, match=r"mixed frequencies.*WEEKLY-0, WEEKLY-1") as err:
        infer_frequency(pd.concat([daily, weekly]), params, file="sales.csv")
    assert "sales.csv" in str(err.value) and "--freq" in str(err.value)


def test_sunday_and_monday_weeks_in_one_file_are_mixed(params):
    sun = sales("W-SUN", "2024-01-07", 30, n_skus=1)
    mon = sales("W-MON", "2024-01-01", 30, n_skus=1)
    mon["unique_id"] = "MON-SKU"
    with pytest.raises(SellerLabError, match="mixed frequencies") as err:
        infer_frequency(pd.concat([sun, mon]), params)
    assert "Sundays): SKU-0" in str(err.value) and "Mondays): MON-SKU" in str(err.value)


def test_quarterly_totals_in_a_monthly_file_are_mixed(params):
    monthly = sales("MS", "2020-01-01", 36, n_skus=2)
    quarterly = sales("QS-JAN", "2020-01-01", 12, n_skus=1, drop_zero_rows=False)
    quarterly["unique_id"] = "Q-TOTAL"
    with pytest.raises(SellerLabError, match="quarterly.*Q-TOTAL"):
        infer_frequency(pd.concat([monthly, quarterly]), params)


def test_a_daily_sku_that_sold_on_a_few_mondays_is_not_called_weekly(params):
    daily = sales("D", "2025-01-01", 120, n_skus=3)
    mondays = pd.DataFrame({"unique_id": "RARE", "y": 1.0,
                            "ds": pd.to_datetime(["2025-01-06", "2025-02-10", "2025-03-03"])})
    assert infer_frequency(pd.concat([daily, mondays]), params).freq == "D"


def test_freq_override_sums_daily_rows_into_weeks(params):
    s = sales("D", "2025-01-06", 140, n_skus=2, drop_zero_rows=False)   # Monday start
    res = forecast(s, params, horizon=4, freq="weekly")
    assert res.freq == "W-MON"
    ids, dates, Y, valid = to_matrix(s, "W-MON")
    assert Y.shape[1] == 20 and np.nansum(Y) == s["y"].sum()
    assert snap(pd.Series(pd.to_datetime(["2025-01-12"])), "W-MON").iloc[0] == pd.Timestamp("2025-01-06")
    with pytest.raises(SellerLabError, match="unknown frequency"):
        forecast(s, params, freq="fortnightly")


@pytest.mark.parametrize("period,alias,h", [("MONTHLY", "ME", 18), ("QUARTERLY", "QS-JAN", 8),
                                            ("YEARLY", "YS-JAN", 6)])
def test_real_m3_series_calendars_are_inferred_and_beat_no_change_forecasts(params, period, alias, h):
    m3 = pd.read_csv(M3, parse_dates=["date"])
    part = m3[m3["period"] == period]
    train = part[part["split"] == "train"].rename(columns={"series": "unique_id", "date": "ds",
                                                           "value": "y"})
    test = part[part["split"] == "test"].pivot(index="series", columns="date", values="value")
    assert infer_frequency(train, params).freq == alias
    smape_ours, smape_naive = [], []
    # M3 series end on different dates: each is forecast from its own end
    for sid, hist in train.groupby("unique_id"):
        actual = test.loc[sid].dropna()
        res = forecast(hist, params, horizon=h, freq=alias)
        assert res.forecasts["ds"].tolist() == actual.index[:h].tolist()   # the hidden periods
        ours = res.forecasts["forecast"].to_numpy()
        naive = np.full(h, hist.sort_values("ds")["y"].iloc[-1])
        a = actual.to_numpy()[:h]
        smape_ours.append(np.mean(200 * np.abs(a - ours) / (np.abs(a) + np.abs(ours))))
        smape_naive.append(np.mean(200 * np.abs(a - naive) / (np.abs(a) + np.abs(naive))))
    # smooth business series: about as good as repeating the last value, by sMAPE
    assert np.mean(smape_ours) <= np.mean(smape_naive) * 1.10
