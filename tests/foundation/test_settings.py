"""Typed frozen settings: every field comes from params (defaults.yaml wins), errors name the key."""

from __future__ import annotations

import copy
import dataclasses

import pytest

from seller_lab.errors import ParamsError
from seller_lab.params import load_defaults, load_params
from seller_lab.settings import (
    CompetitionSettings,
    ComplianceSettings,
    PilotPlanSettings,
    ResearchSettings,
    StockPlanSettings,
    TrendsDisplaySettings,
    research_settings,
)
from seller_lab.text.settings import PainPointSettings, QASettings, TextSettings, text_settings


@pytest.fixture(scope="module")
def params():
    return load_params("kitchen-organizer-de")


def test_settings_carry_the_params_values_with_their_types(params):
    s = research_settings(params)
    assert s.competition == CompetitionSettings(100, 500, 4.0, 4.5, 5, 3, 2, 5)
    assert s.compliance.max_cert_cost_share_of_profit == 0.30 and s.compliance.cost_estimate == "high"
    assert s.pilot.price_endings == (0.90, 0.99) and isinstance(s.pilot.units_min, int)
    assert s.research.differentiation["power"].startswith("an EU 230 V")


def test_a_category_override_reaches_the_settings(params):
    p = copy.deepcopy(params)
    p["competition"]["review_count_max"] = 800
    assert CompetitionSettings.from_params(p).review_count_max == 800


def test_settings_are_frozen(params):
    s = CompetitionSettings.from_params(params)
    with pytest.raises(dataclasses.FrozenInstanceError):
        s.review_count_min = 0


def test_a_missing_key_names_the_dotted_key_and_no_default_is_invented(params):
    p = copy.deepcopy(params)
    del p["compliance"]["max_cert_cost_share_of_profit"]
    with pytest.raises(ParamsError, match=r"key 'compliance\.max_cert_cost_share_of_profit': missing"):
        ComplianceSettings.from_params(p)


def test_wrong_types_and_contradictions_are_refused_with_the_fix(params):
    p = copy.deepcopy(params)
    p["pilot"]["units_min"] = 250
    with pytest.raises(ParamsError, match=r"pilot\.units_min.*above units_max 200.*Fix: set pilot\.units_min"):
        PilotPlanSettings.from_params(p)
    p = copy.deepcopy(params)
    p["compliance"]["cost_estimate"] = "highest"
    with pytest.raises(ParamsError, match="compliance.cost_estimate.*not one of low, mid, high"):
        ComplianceSettings.from_params(p)
    p = copy.deepcopy(params)
    p["competition"]["rating_min"] = "4 stars"
    with pytest.raises(ParamsError, match=r"competition\.rating_min': expected float"):
        CompetitionSettings.from_params(p)


def test_every_settings_field_is_a_key_of_defaults_yaml(params_dir):
    defaults = load_defaults(params_dir)
    for cls in (CompetitionSettings, ComplianceSettings, PilotPlanSettings, ResearchSettings, TrendsDisplaySettings,
                TextSettings, PainPointSettings, QASettings, StockPlanSettings):
        missing = {f.name for f in dataclasses.fields(cls)} - set(defaults[cls.SECTION])
        assert not missing, f"{cls.__name__}: {missing} not in params/defaults.yaml"


def test_text_settings_take_defaults_yaml_where_the_old_code_fallbacks_disagreed(params):
    # the removed fallbacks said 50000, 20000, 1, 0.0, 0.0 and (Q&A) 0.75
    t = text_settings(params)
    assert (t.model_max_docs, t.chunk_docs, t.n_jobs) == (20000, 10000, 2)
    assert t.aspect_min_share == 0.002 and t.negated_clause_valence == -0.8
    assert QASettings.from_params(params).theme_distance == 0.6
    assert t.model_languages == ("en", "de", "fr", "es", "it") and isinstance(t.negative_stars_max, float)


def test_text_settings_name_a_missing_or_mistyped_key(params):
    p = copy.deepcopy(params)
    del p["pain_points"]["confirm_min_sources"]
    with pytest.raises(ParamsError, match=r"'pain_points\.confirm_min_sources': missing"):
        PainPointSettings.from_params(p)
    p = copy.deepcopy(params)
    p["text"]["theme_weights"] = {"concepts": 1.0, "stems": 0.6}
    with pytest.raises(ParamsError, match=r"'text\.theme_weights\.char_ngrams'"):
        text_settings(p)
    p = copy.deepcopy(params)
    p["qa"]["min_theme_count"] = "three"
    with pytest.raises(ParamsError, match=r"'qa\.min_theme_count': expected int"):
        QASettings.from_params(p)


def test_stock_plan_settings_refuse_a_share_written_as_percent_and_crossed_ranges(params):
    p = copy.deepcopy(params)
    p["stock"]["service_level"] = 95
    with pytest.raises(ParamsError, match=r"'stock\.service_level': 95.0 is not between 0 and 1"):
        StockPlanSettings.from_params(p)
    p = copy.deepcopy(params)
    p["stock"]["peak_ship_ahead_months_min"] = 4
    with pytest.raises(ParamsError, match=r"'stock\.peak_ship_ahead_months_min': 4 is above"):
        StockPlanSettings.from_params(p)
