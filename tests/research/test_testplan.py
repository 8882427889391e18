"""R2.1 the small-batch test plan reproduces the seed's 29.9 -> 34.9 EUR."""

from __future__ import annotations

import copy

import pytest

from seller_lab.params import load_params
from seller_lab.research.testplan import price_point, small_batch_plan


def test_seed_price_29_90_becomes_34_90():
    plan = small_batch_plan(load_params("kitchen-organizer-de"))
    assert plan.planned_price == 29.9 and plan.test_price == 34.9 and plan.currency == "EUR"


def test_units_follow_the_sample_budget_within_100_to_200():
    p = load_params("kitchen-organizer-de")
    plan = small_batch_plan(p)
    assert p["pilot"]["units_min"] <= plan.units <= p["pilot"]["units_max"]
    assert plan.sample_cost == pytest.approx(plan.units * p["category"]["unit_economics"]["landed_cost"])
    assert plan.sample_budget_share <= p["pilot"]["sample_budget_share_max"]
    assert plan.decisions[0].verdict == "pass"
    assert any("34.89" in line and "34.90" in line for line in plan.arithmetic)
    assert plan.channel == "FBM" and (plan.shipping_days_min, plan.shipping_days_max) == (10, 15)


def test_small_budget_is_flagged_not_hidden():
    p = copy.deepcopy(load_params("kitchen-organizer-de"))
    p["pilot"]["total_budget"] = 5000.0  # 100 units x 8 EUR = 16 % > 10 %
    plan = small_batch_plan(p)
    assert plan.units == p["pilot"]["units_min"]
    assert plan.sample_budget_share == pytest.approx(0.16)
    assert plan.decisions[0].verdict == "watch" and "raise the budget" in plan.decisions[0].reason


@pytest.mark.parametrize("raw, expected", [(34.893, 34.9), (29.16, 28.99), (46.56, 46.9), (19.97, 19.99)])
def test_price_points_end_in_90_or_99(raw, expected):
    assert price_point(raw) == expected


def test_a_category_without_unit_economics_gets_no_plan_of_zeros_but_the_params_to_set():
    # a new category's params leave the unit economics at 0: the plan was "200 units" (from a budget of 0) at a
    # test price of NaN
    p = copy.deepcopy(load_params("kitchen-organizer-de"))
    p["category"]["unit_economics"].update(landed_cost=0.0, planned_price=0.0, expected_units_first_year=0)
    plan = small_batch_plan(p)
    assert plan.units == 0 and plan.missing == ("category.unit_economics.landed_cost",
                                                "category.unit_economics.planned_price",
                                                "category.unit_economics.expected_units_first_year")
    assert plan.decisions[0].verdict == "unknown" and len(plan.arithmetic) == 1
    assert "not planned: set category.unit_economics.landed_cost" in plan.arithmetic[0]
    # a price without a landed cost: the price is planned, the units are not
    p["category"]["unit_economics"].update(planned_price=29.9, expected_units_first_year=3000)
    plan = small_batch_plan(p)
    assert plan.test_price == 34.9 and plan.units == 0 and plan.missing == ("category.unit_economics.landed_cost",)
    # a total budget stands in for the expected units
    p["category"]["unit_economics"].update(landed_cost=8.0, planned_price=0.0, expected_units_first_year=0)
    p["pilot"]["total_budget"] = 24000.0
    plan = small_batch_plan(p)
    assert plan.units == 200 and plan.missing == ("category.unit_economics.planned_price",)
    assert any("The test price not planned" in line for line in plan.arithmetic)
