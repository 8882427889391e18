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
