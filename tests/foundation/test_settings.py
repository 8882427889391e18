"""Typed frozen settings: every field comes from params (defaults.yaml wins), errors name the key,
one object built at the edge serves every analysis function below it."""

from __future__ import annotations

import copy
import dataclasses

import pandas as pd
import pytest

from seller_lab.errors import ParamsError
from seller_lab.fulfilment import order_dispatch, outbound_decisions
from seller_lab.params import load_defaults, load_params
from seller_lab.review.settings import MonthSettings
from seller_lab.settings import (
    AftersalesSettings,
    CategorySettings,
    CompetitionSettings,
    ComplianceSettings,
    FulfilmentSettings,
    PilotPlanSettings,
    ReviewTargets,
    Settings,
    StockPlanSettings,
    research_settings,
)
from seller_lab.stock.settings import ForecastSettings, IterationSettings, StockSettings
from seller_lab.text.settings import PainPointSettings, QASettings, TextSettings, text_settings


def _every_settings_class(base=Settings):
    for cls in base.__subclasses__():
        if cls.SECTION:
            yield cls
        yield from _every_settings_class(cls)


def _key_of(cls, f) -> str:
    return f.metadata.get("key") or f"{cls.SECTION}.{f.name}"


def _lookup(tree: dict, dotted: str):
    for part in dotted.split("."):
        if not isinstance(tree, dict) or part not in tree:
            return KeyError
        tree = tree[part]
    return tree


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
    classes = list(_every_settings_class())
    assert {TextSettings, StockPlanSettings, ReviewTargets, FulfilmentSettings, ForecastSettings} <= set(classes)
    for cls in classes:
        missing = [_key_of(cls, f) for f in dataclasses.fields(cls) if _lookup(defaults, _key_of(cls, f)) is KeyError]
        assert not missing, f"{cls.__name__}: {missing} not in params/defaults.yaml"


def test_each_params_key_is_declared_by_one_settings_class_only():
    owner: dict[str, str] = {}
    for cls in _every_settings_class():
        for f in dataclasses.fields(cls):
            key = _key_of(cls, f)
            if f.metadata.get("key"):
                continue            # a value borrowed from another section (the page language)
            assert key not in owner, f"{key} declared by {owner[key]} and {cls.__name__}"
            owner[key] = cls.__name__
    assert owner["stock.cover_days"] == "StockPlanSettings"   # the stock page reads the plan's


def test_one_month_settings_object_serves_every_section_and_group(params):
    s = MonthSettings.from_params(params)
    assert FulfilmentSettings.of(s) is s.fulfilment and ReviewTargets.of(s) is s.targets
    assert StockSettings.of(s) is s.stock and StockPlanSettings.of(s) is s.stock.plan
    assert IterationSettings.of(s) is s.iteration and CategorySettings.of(s) is s.category
    assert FulfilmentSettings.of(params) == s.fulfilment          # a params dict is converted
    with pytest.raises(LookupError, match="MonthSettings holds no CompetitionSettings"):
        CompetitionSettings.of(s)


def test_analysis_functions_give_the_same_result_from_params_or_from_settings(params):
    ts = lambda x: pd.to_datetime(x, utc=True)  # noqa: E731
    orders = pd.DataFrame({"order_id": ["1", "2", "3"], "sku": ["A", "A", "B"], "units": [1, 2, 1],
                           "ds": ts(["2026-10-05 08:00", "2026-10-05 09:00", "2026-10-06 10:00"]),
                           "warehouse": ["DE-FRA", "FR-PAR", "FR-PAR"],
                           "shipped_at": ts(["2026-10-05 20:00", "2026-10-07 09:00", "2026-10-07 09:59"]),
                           "status": "shipped", "delay_reason": ["", "缺货", ""]})
    s = MonthSettings.from_params(params)
    by_params, by_settings = order_dispatch(orders, params, "2026-10"), order_dispatch(orders, s, "2026-10")
    pd.testing.assert_frame_equal(by_params, by_settings)
    assert by_settings.loc[by_settings["late"], "reason"].tolist() == ["no stock"]   # ERP alias from settings
    assert outbound_decisions(by_params, params) == outbound_decisions(by_settings, s)


def test_review_sections_name_a_missing_nested_or_mistyped_key(params):
    p = copy.deepcopy(params)
    del p["review"]["targets"]["response_1h_rate_min"]
    with pytest.raises(ParamsError, match=r"'review\.targets\.response_1h_rate_min': missing"):
        MonthSettings.from_params(p)
    p = copy.deepcopy(params)
    p["fulfilment"]["outbound_sla_hours"] = "24 h"
    with pytest.raises(ParamsError, match=r"'fulfilment\.outbound_sla_hours': expected float"):
        MonthSettings.from_params(p)
    p = copy.deepcopy(params)
    p["forecast"]["selection_metric"] = "mape"
    with pytest.raises(ParamsError, match=r"'forecast\.selection_metric'.*not one of mase, rmsse"):
        StockSettings.from_params(p)


def test_a_key_left_empty_in_yaml_is_empty_text_but_a_number_must_be_written(params):
    p = copy.deepcopy(params)
    p["review"]["sop_as_of"], p["aftersales"]["holidays_subdiv"], p["category"]["timezone"] = None, None, None
    p["aftersales"]["return_playbook_extra"] = None
    s = MonthSettings.from_params(p)
    assert (s.sop.sop_as_of, s.aftersales.holidays_subdiv, s.category.timezone) == ("", "", "UTC")
    assert s.aftersales.return_playbook_extra == {}
    p["fulfilment"]["outbound_sla_hours"] = None
    with pytest.raises(ParamsError, match=r"'fulfilment\.outbound_sla_hours': expected float, got None"):
        MonthSettings.from_params(p)


def test_documented_empty_values_are_spelled_out_once(params):
    p = copy.deepcopy(params)
    p["aftersales"]["holidays_country"], p["category"]["timezone"] = "", ""
    assert AftersalesSettings.from_params(p).holidays_country == params["category"]["market"] == "DE"
    assert CategorySettings.from_params(p).timezone == "UTC"
    p["aftersales"]["holidays_country"] = "AT"
    assert AftersalesSettings.from_params(p).holidays_country == "AT"


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
