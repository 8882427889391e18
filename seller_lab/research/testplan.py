"""R2.1 the small-batch test plan: how many units, what they cost against the budget, the
test price, the channel and the expected shipping time.

* units: as many as the sample budget allows, between ``pilot.units_min`` and
  ``pilot.units_max`` (100–200);
* sample cost = units × ``category.unit_economics.landed_cost``; its share of the total budget
  (``pilot.total_budget``, 0 = landed cost × expected first-year units) must stay
  <= ``pilot.sample_budget_share_max`` (10 %) — a Decision, with the arithmetic shown;
* test price = planned price × (1 + ``pilot.test_price_markup``), rounded to the nearest
  price point ending in ``pilot.price_endings`` (seed: 29.90 → 34.89 → 34.90 EUR);
* channel ``pilot.channel`` (FBM / Shopify self-fulfilment) with ``pilot.shipping_days_min``–
  ``max`` days shipping.

Examples
--------
>>> from seller_lab.params import load_params
>>> plan = small_batch_plan(load_params("kitchen-organizer-de"))
>>> plan.test_price, plan.units, plan.channel
(34.9, 200, 'FBM')
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from ..decisions import Decision, threshold_rule
from ..i18n import N_
from ..settings import PilotPlanSettings
from .phrase import Phrase

__all__ = ["TestPlan", "price_point", "small_batch_plan"]

#: The R2.1 gate: its metric and reasons (catalog templates; the report shows them translated).
METRIC = N_("sample cost / total budget")
BUDGET_OK = N_("{units} test units cost {sample_cost:,.0f} {currency}, {value:.1%} of the budget (<= {threshold:.0%})")
BUDGET_BAD = N_("even {units} test units cost {sample_cost:,.0f} {currency}, {value:.1%} of the budget "
                "(> {threshold:.0%}): raise the budget or lower the unit cost")
BUDGET_MISSING = N_("no budget: set pilot.total_budget or category.unit_economics")
UNSET = N_("{what} not planned: set {keys} in the category's params (now 0)")


def price_point(price: float, endings=(0.90, 0.99)) -> float:
    """The price point nearest to ``price`` whose cents are one of ``endings``.

    >>> price_point(34.893), price_point(29.16), price_point(0.5)
    (34.9, 28.99, 0.9)
    """
    if price is None or math.isnan(price) or price <= 0:
        return float("nan")
    base = math.floor(price)
    cands = [b + e for b in (base - 1, base, base + 1) for e in endings if b + e > 0]
    return round(min(cands, key=lambda c: (abs(c - price), -c)), 2)


@dataclass
class TestPlan:
    """The R2.1 plan; ``arithmetic`` holds the lines a reader can check by hand."""

    __test__ = False  # not a pytest test class

    units: int
    unit_cost: float
    sample_cost: float
    total_budget: float
    sample_budget_share: float
    planned_price: float
    test_price: float
    currency: str
    channel: str
    shipping_days_min: int
    shipping_days_max: int
    arithmetic: list[str] = field(default_factory=list)
    decisions: list[Decision] = field(default_factory=list)
    #: the params the plan needs and the category leaves at 0 ('category.unit_economics.landed_cost', ...): the
    #: figures that rest on them are NaN (units 0), and the report says what to set instead of showing them
    missing: tuple[str, ...] = ()

    def as_dict(self) -> dict:
        return {k: getattr(self, k) for k in ("units", "unit_cost", "sample_cost", "total_budget",
                                              "sample_budget_share", "planned_price", "test_price", "currency",
                                              "channel", "shipping_days_min", "shipping_days_max", "arithmetic",
                                              "missing")}


def small_batch_plan(params: dict, *, period: str = "") -> TestPlan:
    """The small-batch test plan from params (pure: no data needed).

    Parameters
    ----------
    params : loaded params (``pilot`` and ``category.unit_economics``)
    period : recorded in the Decision

    Returns
    -------
    TestPlan with the ``R2.1.sample_budget_share`` Decision (pass when the sample cost is
    within ``pilot.sample_budget_share_max`` of the total budget, else watch).
    """
    pp = PilotPlanSettings.from_params(params)
    cat = params["category"]
    ue = cat["unit_economics"]
    cur = cat.get("currency", "")
    slug = cat.get("slug", "")
    unit_cost = float(ue["landed_cost"])
    planned = float(ue["planned_price"])
    expected = int(ue["expected_units_first_year"])
    # a new category's params leave the unit economics at 0: nothing can be planned from them, and the plan says so
    missing = tuple(f"category.unit_economics.{k}" for k, v in (
        ("landed_cost", unit_cost), ("planned_price", planned),
        ("expected_units_first_year", expected if not pp.total_budget else 1)) if v <= 0)
    if unit_cost <= 0 or (not pp.total_budget and expected <= 0):
        return _unplanned(pp, cur, slug, period, planned, missing)
    budget = pp.total_budget or unit_cost * float(expected)
    share_max = pp.sample_budget_share_max
    lo, hi = pp.units_min, pp.units_max
    affordable = math.floor(share_max * budget / unit_cost + 1e-9)
    units = max(lo, min(hi, affordable))
    sample_cost = units * unit_cost
    share = sample_cost / budget if budget > 0 else float("nan")
    raw = planned * (1 + pp.test_price_markup)
    test_price = price_point(raw, pp.price_endings)
    budget_src = (Phrase("pilot.total_budget") if pp.total_budget else
                  Phrase(N_("landed cost {unit_cost:,.2f} × {expected:,} expected first-year units"),
                         unit_cost=unit_cost, expected=expected))
    arithmetic = [
        Phrase(N_("total budget = {budget:,.2f} {currency} ({source})"), budget=budget, currency=cur,
               source=budget_src),
        Phrase(N_("sample budget = {share_max:.0%} × {budget:,.2f} = {sample_budget:,.2f} {currency} → "
                  "{affordable:,} units at {unit_cost:,.2f} {currency} landed cost"), share_max=share_max,
               budget=budget, sample_budget=share_max * budget, currency=cur, affordable=affordable,
               unit_cost=unit_cost),
        Phrase(N_("units = {affordable:,} kept within {lo}–{hi} → {units}"), affordable=affordable, lo=lo, hi=hi,
               units=units),
        Phrase(N_("sample cost = {units} × {unit_cost:,.2f} = {sample_cost:,.2f} {currency} = {share:.1%} of the "
                  "budget"), units=units, unit_cost=unit_cost, sample_cost=sample_cost, currency=cur, share=share),
        Phrase(N_("test price = {planned:,.2f} × (1 + {markup:.1%}) = {raw:,.2f} → price point {test_price:,.2f} "
                  "{currency}"), planned=planned, markup=pp.test_price_markup, raw=raw, test_price=test_price,
               currency=cur) if planned > 0 else Phrase(UNSET, keys="category.unit_economics.planned_price",
                                                        what=Phrase(N_("The test price"))),
    ]
    d = _budget_gate(pp, share, slug, period, {"units": units, "unit_cost": unit_cost, "total_budget": budget,
                                                "sample_cost": sample_cost, "currency": cur})
    return TestPlan(units=units, unit_cost=unit_cost, sample_cost=sample_cost, total_budget=budget,
                    sample_budget_share=share, planned_price=planned, test_price=test_price, currency=cur,
                    channel=pp.channel, shipping_days_min=pp.shipping_days_min,
                    shipping_days_max=pp.shipping_days_max, arithmetic=arithmetic, decisions=[d], missing=missing)


def _budget_gate(pp: PilotPlanSettings, share: float, slug: str, period: str, inputs: dict) -> Decision:
    """The R2.1 gate: the sample cost's share of the budget against ``pilot.sample_budget_share_max``
    (unknown when the share is NaN)."""
    return threshold_rule("category", "R2.1.sample_budget_share", METRIC, value=share, params=pp.as_params(),
                          key="pilot.sample_budget_share_max", op="<=", ok_verdict="pass", bad_verdict="watch",
                          reason_ok=BUDGET_OK, reason_bad=BUDGET_BAD, reason_missing=BUDGET_MISSING, category=slug,
                          period=period, inputs=inputs)


def _unplanned(pp: PilotPlanSettings, cur: str, slug: str, period: str, planned: float,
               missing: tuple[str, ...]) -> TestPlan:
    """The plan of a category whose landed cost (or budget) is not set: no units, no sample cost, the R2.1 gate
    unknown, one line naming the params to set (a new category's params leave them at 0)."""
    nan = float("nan")
    test_price = price_point(planned * (1 + pp.test_price_markup), pp.price_endings) if planned > 0 else nan
    d = _budget_gate(pp, nan, slug, period, {"units": 0, "unit_cost": nan, "total_budget": nan, "sample_cost": nan,
                                             "currency": cur})
    return TestPlan(units=0, unit_cost=nan, sample_cost=nan, total_budget=nan, sample_budget_share=nan,
                    planned_price=planned if planned > 0 else nan, test_price=test_price, currency=cur,
                    channel=pp.channel, shipping_days_min=pp.shipping_days_min, shipping_days_max=pp.shipping_days_max,
                    arithmetic=[Phrase(UNSET, keys=", ".join(missing), what=Phrase(N_("The test units and their cost")))],
                    decisions=[d], missing=missing)
