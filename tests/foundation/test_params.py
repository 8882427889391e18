from pathlib import Path

import pytest

from seller_lab import params as P
from seller_lab.errors import ParamsError


def _write(tmp_path: Path, name: str, text: str, params_dir: Path) -> Path:
    pdir = tmp_path / "params"
    (pdir / "categories").mkdir(parents=True, exist_ok=True)
    (pdir / "defaults.yaml").write_text((params_dir / "defaults.yaml").read_text(encoding="utf-8"),
                                       encoding="utf-8")
    (pdir / "categories" / f"{name}.yaml").write_text(text, encoding="utf-8")
    return pdir


GOOD = """
category:
  display_name: Test
  market: DE
  currency: EUR
  timezone: Europe/Berlin
  data_dir: data/x
"""


def test_category_overrides_are_deep_merged_over_defaults(tmp_path, params_dir):
    pdir = _write(tmp_path, "t", GOOD + "competition:\n  rating_max: 4.6\n", params_dir)
    p = P.load_params("t", pdir)
    assert p["competition"]["rating_max"] == 4.6
    assert p["competition"]["rating_min"] == 4.0  # untouched sibling kept
    assert p["category"]["slug"] == "t"
    assert P.resolve(p, "data/x") == (pdir.parent / "data/x").resolve()


def test_typo_key_names_file_key_and_closest_valid_key(tmp_path, params_dir):
    pdir = _write(tmp_path, "t", GOOD + "competition:\n  rating_mx: 4.6\n", params_dir)
    with pytest.raises(ParamsError) as e:
        P.load_params("t", pdir)
    msg = str(e.value)
    assert "t.yaml" in msg and "competition.rating_mx" in msg and "competition.rating_max" in msg


def test_wrong_type_is_refused_with_the_expected_type(tmp_path, params_dir):
    pdir = _write(tmp_path, "t", GOOD + "pilot:\n  conversion_pass: two percent\n", params_dir)
    with pytest.raises(ParamsError, match=r"pilot.conversion_pass.*expected a number"):
        P.load_params("t", pdir)


def test_missing_category_file_suggests_closest(params_dir):
    with pytest.raises(ParamsError, match="did you mean 'kitchen-organizer-de'"):
        P.load_params("kitchen-organiser-de", params_dir)


def test_a_params_folder_without_the_defaults_says_where_they_are(tmp_path, params_dir):
    # a new user's own folder ('--params-dir params' holding only categories/appl-us.yaml) was told to "copy an
    # existing file under params/categories/", which it had
    pdir = _write(tmp_path, "t", GOOD, params_dir)
    (pdir / "defaults.yaml").unlink()
    with pytest.raises(ParamsError) as e:
        P.load_params("t", pdir)
    assert "defaults.yaml: file not found" in str(e.value)
    assert f"copy {params_dir / 'defaults.yaml'} into {pdir}" in str(e.value), str(e.value)


def test_missing_required_key_and_bad_timezone(tmp_path, params_dir):
    pdir = _write(tmp_path, "t", GOOD.replace("  market: DE\n", ""), params_dir)
    with pytest.raises(ParamsError, match="category.market"):
        P.load_params("t", pdir)
    pdir = _write(tmp_path, "u", GOOD.replace("Europe/Berlin", "Europe/Berln"), params_dir)
    with pytest.raises(ParamsError, match="unknown time zone"):
        P.load_params("u", pdir)


def test_invalid_yaml_names_the_line(tmp_path, params_dir):
    pdir = _write(tmp_path, "t", GOOD + "pilot:\n conversion_pass: [0.02\n", params_dir)
    with pytest.raises(ParamsError, match="not valid YAML at line"):
        P.load_params("t", pdir)


def test_yaml_dates_become_iso_strings(tmp_path, params_dir):
    # an unquoted YAML date on a string-typed key arrives as the ISO string, not a date
    pdir = _write(tmp_path, "t", GOOD + "review:\n  sop_as_of: 2026-10-01\n", params_dir)
    assert P.load_params("t", pdir)["review"]["sop_as_of"] == "2026-10-01"


def test_every_shipped_category_loads(params_dir):
    assert len(P.check_all(params_dir)) >= 3


# ------------------------------------------------------------------ params are data (issue 10)
BOMB = "\n".join(["lol0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]"] + [
    f"lol{i}: &l{i} [" + ", ".join([f"*l{i - 1}"] * 9) + "]" for i in range(1, 10)]) + "\n"


def test_alias_bomb_is_refused_at_once_without_expanding(tmp_path, params_dir):
    import time
    import tracemalloc

    pdir = _write(tmp_path, "t", GOOD + BOMB.replace("lol", "x"), params_dir)
    tracemalloc.start()
    start = time.monotonic()
    with pytest.raises(ParamsError, match="alias bomb") as e:
        P.load_params("t", pdir)
    elapsed = time.monotonic() - start
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert "t.yaml" in str(e.value)
    assert elapsed < 2.0 and peak < 50 * 2**20   # 9**10 values were never built


def test_many_aliases_are_refused_even_when_small(tmp_path, params_dir):
    text = GOOD + "x: &a 1\n" + "".join(f"y{i}: *a\n" for i in range(P.MAX_YAML_ALIASES + 1))
    pdir = _write(tmp_path, "t", text, params_dir)
    with pytest.raises(ParamsError, match=f"more than {P.MAX_YAML_ALIASES} YAML aliases"):
        P.load_params("t", pdir)


def test_a_few_anchors_still_work(tmp_path, params_dir):
    text = GOOD.replace("data_dir: data/x", "data_dir: &d data/x") + \
        "paths:\n  data_root: *d\n"
    pdir = _write(tmp_path, "t", text, params_dir)
    assert P.load_params("t", pdir)["paths"]["data_root"] == "data/x"


@pytest.mark.parametrize("tag", ["!!python/object/apply:os.system ['echo hi']",
                                 "!!python/name:os.system", "!custom 3"])
def test_language_tags_are_refused_naming_the_line(tmp_path, params_dir, tag):
    pdir = _write(tmp_path, "t", GOOD + f"pilot:\n  conversion_pass: {tag}\n", params_dir)
    with pytest.raises(ParamsError) as e:
        P.load_params("t", pdir)
    msg = str(e.value)
    assert "t.yaml" in msg and "line 9" in msg and "not allowed" in msg


@pytest.mark.parametrize("override, key, words", [
    ("stock:\n  cover_days: -3\n", "stock.cover_days", ["-3 is negative", ">= 0"]),
    ("competition:\n  review_count_min: -100\n", "competition.review_count_min",
     ["is negative"]),
    ("pilot:\n  conversion_pass: 2\n", "pilot.conversion_pass", ["outside 0-1", "share"]),
    ("pilot:\n  conversion_pass: -0.02\n", "pilot.conversion_pass", ["outside 0-1"]),
    ("review:\n  targets:\n    return_rate_max: 5\n", "review.targets.return_rate_max",
     ["outside 0-1"]),
    ("trends:\n  trend_p_max: .nan\n", "trends.trend_p_max", ["is not a number"]),
    ("live:\n  backoff_base_s: .inf\n", "live.backoff_base_s", ["is not a number"]),
    ("live:\n  jitter: 1.5\n", "live.jitter", ["outside 0-1"]),
])
def test_values_outside_their_meaning_are_refused_naming_key_and_range(
        tmp_path, params_dir, override, key, words):
    pdir = _write(tmp_path, "t", GOOD + override, params_dir)
    with pytest.raises(ParamsError) as e:
        P.load_params("t", pdir)
    msg = str(e.value)
    assert "t.yaml" in msg and f"key '{key}'" in msg
    for w in words:
        assert w in msg


@pytest.mark.parametrize("rows, key, words", [
    ("rating_min: 5\n    rating_max: 1", "sources.rows.rating_min",
     ["5 is above sources.rows.rating_max (1)", "rating_min <= rating_max"]),
    ("rating_max: 0.5", "sources.rows.rating_min", ["1.0 is above sources.rows.rating_max"]),
    ("max_quantity: 0", "sources.rows.max_quantity", ["0 is not above 0", "> 0"]),
    ("max_quantity: -5", "sources.rows.max_quantity", ["negative"]),
    ("future_days: -1", "sources.rows.future_days", ["negative", ">= 0"]),
    ('fx_rates: {"USD/EUR": 0}', "sources.rows.fx_rates.USD/EUR",
     ["rate 0 is not a number above 0", "how many EUR one USD buys"]),
    ('fx_rates: {"USD/EUR": -0.9}', "sources.rows.fx_rates.USD/EUR", ["above 0"]),
    ('fx_rates: {"USD/EUR": .nan}', "sources.rows.fx_rates.USD/EUR", ["above 0"]),
    ('fx_rates: {"USD/EUR": "0.92"}', "sources.rows.fx_rates.USD/EUR", ["above 0"]),
    ('fx_rates: {"dollar": 0.92}', "sources.rows.fx_rates.dollar",
     ["not a currency pair", "FROM/TO"]),
])
def test_row_check_params_outside_their_range_are_refused_naming_key_and_range(
        tmp_path, params_dir, rows, key, words):
    pdir = _write(tmp_path, "t", GOOD + f"sources:\n  rows:\n    {rows}\n", params_dir)
    with pytest.raises(ParamsError) as e:
        P.load_params("t", pdir)
    msg = str(e.value)
    assert "t.yaml" in msg and f"key '{key}'" in msg, msg
    for w in words:
        assert w in msg, msg


def test_row_check_params_at_their_bounds_are_accepted(tmp_path, params_dir):
    pdir = _write(tmp_path, "t", GOOD + "sources:\n  rows:\n    rating_min: 3\n"
                  "    rating_max: 3\n    future_days: 0\n    max_quantity: 1\n"
                  '    fx_rates: {"usd/eur": 0.92, "GBP/EUR": 1}\n', params_dir)
    rows = P.load_params("t", pdir)["sources"]["rows"]
    assert (rows["rating_min"], rows["future_days"], rows["fx_rates"]["GBP/EUR"]) == (3, 0, 1)


@pytest.mark.parametrize("override", [
    "trends:\n  growth_falling_max: -0.2\n",       # a decline threshold is negative
    "iteration:\n  slow_order_change: -0.3\n",
    "live:\n  trends_tz: -360\n",                   # UTC offset of a US market
    "review:\n  targets:\n    sales_change_min: -0.1\n",
    "pilot:\n  conversion_pass: 0\n",
])
def test_signed_and_boundary_values_that_make_sense_are_accepted(tmp_path, params_dir,
                                                                 override):
    pdir = _write(tmp_path, "t", GOOD + override, params_dir)
    P.load_params("t", pdir)


@pytest.mark.parametrize("override, key, words", [
    ("pilot:\n  units_min: 300\n", "pilot.units_min", ["300 is above units_max 200", "Fix: set pilot.units_min"]),
    ("competition:\n  review_count_min: 600\n", "competition.review_count_min", ["600 is above review_count_max"]),
    ("forecast:\n  selection_metric: mape\n", "forecast.selection_metric", ["'mape' is not one of mase"]),
])
def test_params_check_runs_the_settings_checks_naming_the_category_file(tmp_path, params_dir, capsys,
                                                                       override, key, words):
    from seller_lab.cli import main

    pdir = _write(tmp_path, "t", GOOD + override, params_dir)
    P.load_params("t", pdir)                       # the schema alone lets these through
    assert main(["params", "check", "--params-dir", str(pdir)]) == 2
    err = capsys.readouterr().err
    assert "t.yaml" in err and f"key '{key}'" in err, err
    for w in words:
        assert w in err, err


def test_params_check_cli_still_reports_every_category(capsys, params_dir):
    from seller_lab.cli import main

    assert main(["params", "check", "--params-dir", str(params_dir)]) == 0
    assert "params OK: defaults + 3 categories" in capsys.readouterr().out
