"""Forecast accuracy on real SKU demand nobody here wrote (R3.2), as a new user would check
it: hide the last periods of a real weekly and a real monthly file, forecast them from the
rest, score MASE and RMSSE.

The statsforecast figures below are measured by ``benchmarks/bench_forecast.py`` (section
"real demand") on the same files and the same split: statsforecast 2.1.1, CrostonOptimized,
TSB(0.1, 0.1), ADIDA, IMAPA, AutoETS and SeasonalNaive, MASE/RMSSE scaled by the in-sample
one-step naive error from each series' first sale, averaged over series with a non-zero
scale. statsforecast is not installed with the project; re-run the benchmark to re-measure.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from seller_lab.params import load_params
from seller_lab.stock.forecast import holdout_accuracy, holdout_scores, to_matrix

DATA = Path(__file__).resolve().parents[1] / "data"

# best statsforecast model per metric on the same split (bench_forecast.py, real demand)
PEERS = {
    "weekly": {"mase": ("IMAPA", 1.5739), "rmsse": ("IMAPA", 1.4386)},
    "monthly": {"mase": ("IMAPA", 0.6249), "rmsse": ("IMAPA", 0.4818)},
}
SETS = {
    "weekly": ("demand_online_retail_weekly/weekly_units.csv", "sku", "week", 8, "W-MON"),
    "monthly": ("demand_carparts_monthly/monthly_units.csv", "part", "month", 6, "MS"),
}


def load(name):
    path, sku, date, hide, freq = SETS[name]
    raw = pd.read_csv(DATA / path)
    s = pd.DataFrame({"unique_id": raw[sku].astype(str), "ds": pd.to_datetime(raw[date]),
                      "y": raw["units"].astype(float)})
    return s, hide, freq


def baselines(s, hide, freq):
    """Zero and last-value (naive) forecasts of the hidden periods, scored the same way."""
    ids, dates, Y, valid = to_matrix(s, freq)
    T = Y.shape[1]
    hist, actual = Y[:, : T - hide], np.nan_to_num(Y[:, T - hide:])
    keep = ~np.isnan(hist).all(axis=1)
    hist, actual = hist[keep], actual[keep]
    last = np.nan_to_num(hist[:, -1:])
    zero = holdout_scores(actual, np.zeros_like(actual), hist)
    naive = holdout_scores(actual, np.repeat(last, hide, axis=1), hist)
    return zero.dropna().mean(), naive.dropna().mean()


@pytest.fixture(scope="module")
def scored():
    params = load_params()
    out = {}
    for name in SETS:
        s, hide, freq = load(name)
        out[name] = (holdout_accuracy(s, params, hide=hide), s, hide, freq)
    return out


@pytest.mark.parametrize("name", ["weekly", "monthly"])
def test_real_demand_every_hidden_period_is_forecast_on_its_own_calendar(scored, name):
    r, s, hide, freq = scored[name]
    assert len(r) == s["unique_id"].nunique()
    assert (r["periods_forecast"] == hide).all()


@pytest.mark.parametrize("name", ["weekly", "monthly"])
def test_real_demand_beats_statsforecasts_best_model_on_mase_and_rmsse(scored, name):
    r, *_ = scored[name]
    ok = r[["mase", "rmsse"]].notna().all(axis=1)
    ours = r.loc[ok, ["mase", "rmsse"]].mean()
    for metric in ("mase", "rmsse"):
        model, peer = PEERS[name][metric]
        assert ours[metric] <= peer, f"{metric} {ours[metric]:.4f} > statsforecast {model} {peer}"


@pytest.mark.parametrize("name", ["weekly", "monthly"])
def test_real_demand_beats_the_last_value_and_is_not_a_zero_forecast(scored, name):
    r, s, hide, freq = scored[name]
    zero, naive = baselines(s, hide, freq)
    ours = r[["mase", "rmsse"]].dropna().mean()
    assert ours["mase"] < naive["mase"] and ours["rmsse"] < naive["rmsse"]
    # not won by forecasting nothing: every SKU gets demand, the total is of the right size
    assert (r["forecast_units"] > 0).all()
    assert 0.5 <= r["forecast_units"].sum() / r["actual_units"].sum() <= 2.0
    if name == "weekly":
        assert ours["mase"] < zero["mase"] and ours["rmsse"] < zero["rmsse"]


def test_on_very_intermittent_car_parts_zero_wins_mase_so_rmsse_is_judged_too(scored):
    # 73 % of the hidden part-months are 0: forecasting nothing wins MAE-based MASE (the
    # known trap; at h = 6 it even edges RMSSE, against every statsforecast model too).
    # The selection must not drift to zero: the forecast keeps each part's demand rate.
    r, s, hide, freq = scored["monthly"]
    zero, _ = baselines(s, hide, freq)
    ours = r[["mase", "rmsse"]].dropna().mean()
    assert zero["mase"] < ours["mase"]
    hist_rate = s[s["ds"] < s["ds"].max() - pd.DateOffset(months=hide - 1)].groupby("unique_id")["y"].sum()
    assert (r.set_index("unique_id")["forecast_units"] > 0).all() and hist_rate.gt(0).all()
