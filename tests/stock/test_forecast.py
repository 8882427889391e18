"""Forecasting (R3.2): hand-computed methods, vectorised == per-series reference,
backtest choice, intervals, daily series and the forecast CLI."""

from __future__ import annotations

import copy

import numpy as np
import pandas as pd
import pytest

from seller_lab.cli import main as cli_main
from seller_lab.stock.forecast import (
    MODELS,
    accuracy_summary,
    daily_series,
    forecast,
    run_models,
    to_matrix,
)


def one_grid(params, **over):
    p = copy.deepcopy(params)
    p["forecast"].update({"ses_alphas": [0.5], "seasonal_es_alphas": [0.5], "season_gammas": [0.1],
                          "croston_alphas": [0.1],
                          "tsb_alphas": [0.1], "tsb_prob_alphas": [0.2], **over})
    return p


def frame(values, start="2026-01-01", uid="A"):
    return pd.DataFrame({"unique_id": uid, "ds": pd.date_range(start, periods=len(values)),
                         "y": np.asarray(values, float)})


def final(params, values, model, h=3):
    ids, dates, Y, valid = to_matrix(frame(values))
    return run_models(Y, valid, [Y.shape[1]], h, params, (model,))[model][0, 0]


def test_croston_and_sba_match_hand_computation(params):
    p = one_grid(params)
    # demand 3 after 2 periods (z=3, p=2), then 6 after 3 periods: z=3.3, p=2.1
    y = [0, 3, 0, 0, 6]
    assert final(p, y, "CrostonClassic") == pytest.approx([3.3 / 2.1] * 3)
    assert final(p, y, "CrostonSBA") == pytest.approx([3.3 / 2.1 * 0.95] * 3)


def test_ses_matches_hand_computation(params):
    p = one_grid(params)
    # l=2, then 2+0.5*(4-2)=3, then 3+0.5*(3-3)=3, then 3+0.5*(1-3)=2
    assert final(p, [2, 4, 3, 1], "SES") == pytest.approx([2.0] * 3)


def test_tsb_matches_hand_computation(params):
    p = one_grid(params)
    # first demand at day 2 of 2: z=4, d=1/2; day 3 no demand: d=0.5+0.2*(0-0.5)=0.4;
    # day 4 demand 2: d=0.4+0.2*(1-0.4)=0.52, z=4+0.1*(2-4)=3.8
    assert final(p, [0, 4, 0, 2], "TSB") == pytest.approx([0.52 * 3.8] * 3)


def test_seasonal_naive_repeats_last_week(params):
    week = [1, 2, 3, 4, 5, 6, 7]
    assert final(params, week * 3, "SeasonalNaive", h=9).tolist() == week + week[:2]


def test_seasonal_es_learns_a_pure_weekly_pattern(params):
    week = [0, 0, 1, 1, 2, 8, 8]
    got = final(params, week * 20, "SeasonalES", h=7)
    assert got == pytest.approx(week, abs=1e-6)


# --- per-series reference loops (plain Python) -----------------------------------------
def ref_ses(y, alphas):
    best = None
    for a in alphas:
        level, sse = None, 0.0
        for v in y:
            if level is None:
                level = v
                continue
            sse += (v - level) ** 2
            level += a * (v - level)
        if best is None or sse < best[0]:
            best = (sse, level)
    return best[1]


def ref_croston(y, alphas, sba=False):
    best = None
    for a in alphas:
        z = p = None
        q, sse = 0, 0.0
        for v in y:
            q += 1
            sse += (v - (z / p if z is not None else 0.0)) ** 2
            if v > 0:
                if z is None:
                    z, p = v, q
                else:
                    z += a * (v - z)
                    p += a * (q - p)
                q = 0
        f = (z / p if z is not None else 0.0) * ((1 - a / 2) if sba else 1)
        if best is None or sse < best[0]:
            best = (sse, f)
    return best[1]


def ref_tsb(y, alphas, prob_alphas):
    best = None
    for a in alphas:
        for b in prob_alphas:
            z = d = None
            q, sse = 0, 0.0
            for v in y:
                q += 1
                sse += (v - (z * d if z is not None else 0.0)) ** 2
                if z is not None:
                    d += b * ((v > 0) - d)
                    if v > 0:
                        z += a * (v - z)
                elif v > 0:
                    z, d = v, 1.0 / q
            f = z * d if z is not None else 0.0
            if best is None or sse < best[0]:
                best = (sse, f)
    return best[1]


def ref_seasonal_es(y, alphas, gammas, m, offset):
    """Additive level + season, error-correction form; the first m days initialise;
    the phase is the day's position on the shared calendar grid (offset = first day)."""
    best = None
    for a in alphas:
        for g in gammas:
            warm, season, level, sse = {}, None, None, 0.0
            for i, v in enumerate(y):
                ph = (offset + i) % m
                if season is None:
                    warm[ph] = v
                    if len(warm) == m:
                        level = sum(warm.values()) / m
                        season = {k: w - level for k, w in warm.items()}
                    continue
                e = v - level - season[ph]
                sse += e * e
                level += a * e
                season[ph] += g * e
            if best is None or sse < best[0]:
                best = (sse, level + season[(offset + len(y)) % m])
    return best[1]


def test_vectorised_models_equal_per_series_reference(params):
    rng = np.random.default_rng(11)
    fc = params["forecast"]
    series = []
    for i in range(25):
        n = int(rng.integers(40, 120))                          # different starts
        y = rng.poisson(rng.uniform(0.2, 3), n) * (rng.random(n) < rng.uniform(0.1, 0.9))
        series.append(frame(y, start=pd.Timestamp("2026-01-01") + pd.Timedelta(days=120 - n),
                            uid=f"S{i:02d}"))
    s = pd.concat(series, ignore_index=True)
    ids, dates, Y, valid = to_matrix(s)
    out = run_models(Y, valid, [Y.shape[1]], 1, params)
    for i, sid in enumerate(ids):
        y = s.loc[s["unique_id"] == sid, "y"].tolist()
        assert out["SES"][i, 0, 0] == pytest.approx(max(ref_ses(y, fc["ses_alphas"]), 0))
        assert out["CrostonClassic"][i, 0, 0] == pytest.approx(ref_croston(y, fc["croston_alphas"]))
        assert out["CrostonSBA"][i, 0, 0] == pytest.approx(ref_croston(y, fc["croston_alphas"], sba=True))
        assert out["TSB"][i, 0, 0] == pytest.approx(ref_tsb(y, fc["tsb_alphas"], fc["tsb_prob_alphas"]))
        offset = Y.shape[1] - len(y)
        want = ref_seasonal_es(y, fc["seasonal_es_alphas"], fc["season_gammas"], fc["season_length"],
                               offset)
        assert out["SeasonalES"][i, 0, 0] == pytest.approx(max(want, 0.0))


def test_backtest_uses_only_data_before_each_origin(params):
    # a series whose last 10 days jump: the forecast made 10 days earlier cannot know
    y = [1.0] * 100 + [50.0] * 10
    ids, dates, Y, valid = to_matrix(frame(y))
    out = run_models(Y, valid, [100, 110], 5, params, ("SES", "SeasonalNaive"))
    assert out["SES"][0, 0] == pytest.approx([1.0] * 5)
    assert out["SeasonalNaive"][0, 0].tolist() == [1.0] * 5
    assert out["SES"][0, 1, 0] > 10


def test_weekly_seasonal_sku_picks_a_seasonal_method_and_intervals_bracket(params):
    rng = np.random.default_rng(5)
    week = np.array([1, 1, 2, 2, 3, 12, 12], float)
    seasonal = frame(np.tile(week, 30) + rng.poisson(0.3, 210), uid="WEEKLY")
    lumpy = frame(rng.poisson(4, 210) * (rng.random(210) < 0.15), uid="LUMPY")
    res = forecast(pd.concat([seasonal, lumpy]), params, horizon=14)
    chosen = res.chosen.set_index("unique_id")["method"]
    assert chosen["WEEKLY"] in ("SeasonalNaive", "SeasonalES")
    f = res.forecasts
    assert list(f.columns[:6]) == ["unique_id", "ds", "forecast", "forecast-lo-80", "forecast-hi-80", "method"]
    assert (f["forecast-lo-80"] <= f["forecast"] + 1e-9).all() and (f["forecast"] <= f["forecast-hi-80"] + 1e-9).all()
    assert set(MODELS) <= set(f.columns)
    assert f["ds"].min() == pd.Timestamp("2026-07-30")          # day after the history
    acc = res.accuracy.set_index(["unique_id", "model"])
    assert acc.loc[("WEEKLY", "SeasonalES"), "mase"] < acc.loc[("WEEKLY", "SES"), "mase"]
    assert accuracy_summary(res)["chosen_by"].sum() == 2


def test_80_percent_intervals_cover_about_80_percent_of_poisson_demand(params):
    rng = np.random.default_rng(2)
    Y = rng.poisson(3.0, (300, 200)).astype(float)
    s = pd.DataFrame({"unique_id": np.repeat([f"P{i}" for i in range(300)], 172),
                      "ds": np.tile(pd.date_range("2026-01-01", periods=172).to_numpy(), 300),
                      "y": Y[:, :172].ravel()})
    res = forecast(s, params, horizon=28)
    actual = Y[:, 172:].ravel()
    inside = (actual >= res.forecasts["forecast-lo-80"]) & (actual <= res.forecasts["forecast-hi-80"])
    assert 0.7 <= inside.mean() <= 0.95


def test_daily_series_local_days_zero_fill_and_cancelled(params):
    o = pd.DataFrame({"sku": ["A", "A", "A", "B"], "units": [2, 1, 5, 1],
                      "status": ["shipped", "shipped", "Cancelled", "shipped"],
                      "ds": pd.to_datetime(["2026-03-01 23:30", "2026-03-03 09:00",
                                            "2026-03-02 09:00", "2026-03-03 10:00"], utc=True)})
    s = daily_series(o, timezone="Europe/Berlin")
    a = s[s["unique_id"] == "A"]
    # 23:30 UTC on 1 March is 00:30 on 2 March in Berlin (CET); the cancelled order does not count
    assert a["ds"].dt.strftime("%m-%d").tolist() == ["03-02", "03-03"]
    assert a["y"].tolist() == [2.0, 1.0]
    assert s[s["unique_id"] == "B"]["y"].tolist() == [1.0]


def test_forecast_cli_on_plain_sku_date_units_csv(tmp_path, capsys):
    rng = np.random.default_rng(1)
    days = pd.date_range("2026-01-01", "2026-10-31")
    rows = [(sku, d.date().isoformat(), int(u)) for sku in ("KO-RACK-2T", "KO-DRAWER-S")
            for d, u in zip(days, rng.poisson(2, len(days))) if u]
    src = tmp_path / "sales.csv"
    pd.DataFrame(rows, columns=["sku", "date", "units"]).to_csv(src, index=False)
    out = tmp_path / "fc.csv"
    rc = cli_main(["forecast", str(src), "--horizon", "14", "--out", str(out)])
    assert rc == 0
    text = capsys.readouterr().out
    assert "KO-RACK-2T" in text and "mean backtest accuracy" in text
    fc = pd.read_csv(out)
    assert len(fc) == 28 and fc["method"].isin(MODELS).all()
    assert fc["ds"].min() == "2026-11-01"


def test_forecast_cli_names_the_missing_column(tmp_path, capsys):
    src = tmp_path / "bad.csv"
    src.write_text("sku,when,units\nA,2026-01-01,3\n")
    assert cli_main(["forecast", str(src)]) == 2
    assert "date" in capsys.readouterr().err
