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
