"""Typed, frozen settings of the monthly review, built once from the validated params.

Every threshold the monthly page reads (24 h dispatch, 1 h first reply, turnover > 2/month,
KPI targets, SOP, stock cover ...) comes from these objects, never from a literal in code.
Each class has ``from_params(params)``: the params are already deep-merged over
``params/defaults.yaml`` and validated (``load_params``), so every key exists; a missing
key is a bug in the params loader and raises ``KeyError`` naming it.

Examples
--------
>>> from seller_lab.params import load_params
>>> s = MonthSettings.from_params(load_params("kitchen-organizer-de"))
>>> s.fulfilment.outbound_sla_hours, s.aftersales.response_sla_minutes, s.iteration.turnover_fast_per_month
(24.0, 60.0, 2.0)
>>> s.targets.response_1h_rate_min
0.9
"""

from __future__ import annotations

from dataclasses import dataclass
from types import MappingProxyType
from typing import Any

from ..i18n import report_language
from ..pilot.settings import PilotSettings
from ..stock.settings import IterationSettings, StockSettings

__all__ = ["MonthSettings", "CategorySettings", "ReviewTargets", "FulfilmentSettings",
           "AftersalesSettings", "IterationSettings", "StockSettings", "PilotSettings", "SopSettings"]


def _frozen_map(d: dict | None) -> MappingProxyType:
    return MappingProxyType(dict(d or {}))


@dataclass(frozen=True)
class CategorySettings:
    """Who and where (``category.*``)."""

    slug: str
    display_name: str
    market: str
    marketplace: str
    currency: str
    timezone: str
    report_language: str = "en"  # the page's language (report.language, R7), not the customers'
    language: str = "en"  # the customers' main language (category.language): quotes are tagged with theirs

    @classmethod
    def from_params(cls, params: dict) -> CategorySettings:
        c = params["category"]
        return cls(slug=str(c["slug"]), display_name=str(c["display_name"]), market=str(c["market"]),
                   marketplace=str(c["marketplace"]), currency=str(c["currency"]),
                   timezone=str(c["timezone"] or "UTC"), report_language=report_language(params),
                   language=str(c["language"]))


@dataclass(frozen=True)
class ReviewTargets:
    """R7.3 monthly KPI targets (``review.targets``)."""

    return_rate_max: float
    turnover_min: float
    stockout_days_max: float
    outbound_24h_breach_rate_max: float
    response_1h_rate_min: float
    sales_change_min: float

    @classmethod
    def from_params(cls, params: dict) -> ReviewTargets:
        t = params["review"]["targets"]
        return cls(**{f: float(t[f]) for f in cls.__dataclass_fields__})


@dataclass(frozen=True)
class FulfilmentSettings:
    """R4 thresholds (``fulfilment.*``)."""

    outbound_sla_hours: float
    inbound_booking_min_days: int
    delay_reason_steps: Any  # read-only mapping canonical delay reason -> step that went wrong

    @classmethod
    def from_params(cls, params: dict) -> FulfilmentSettings:
        f = params["fulfilment"]
        return cls(outbound_sla_hours=float(f["outbound_sla_hours"]),
                   inbound_booking_min_days=int(f["inbound_booking_min_days"]),
                   delay_reason_steps=_frozen_map(f["delay_reason_steps"]))


@dataclass(frozen=True)
class AftersalesSettings:
    """R5 thresholds (``aftersales.*``) and the business calendar they are judged in."""

    response_sla_minutes: float
    business_hours_start: str
    business_hours_end: str
    business_weekdays: tuple[str, ...]
    holidays_country: str
    top_return_reasons: int

    @classmethod
    def from_params(cls, params: dict) -> AftersalesSettings:
        a = params["aftersales"]
        return cls(response_sla_minutes=float(a["response_sla_minutes"]),
                   business_hours_start=str(a["business_hours_start"]),
                   business_hours_end=str(a["business_hours_end"]),
                   business_weekdays=tuple(str(d) for d in a["business_weekdays"]),
                   holidays_country=str(a["holidays_country"] or params["category"]["market"]),
                   top_return_reasons=int(a["top_return_reasons"]))


@dataclass(frozen=True)
class SopSettings:
    """R7.2 SOP judging (``review.sop_*``) and the fallback owner per step."""

    sop_file: str
    sop_log: str
    sop_as_of: str
    step_owners: Any  # read-only mapping step -> owner role

    @classmethod
    def from_params(cls, params: dict) -> SopSettings:
        r = params["review"]
        return cls(sop_file=str(r["sop_file"]), sop_log=str(r["sop_log"] or ""),
                   sop_as_of=str(r["sop_as_of"] or ""), step_owners=_frozen_map(r["step_owners"]))


@dataclass(frozen=True)
class MonthSettings:
    """Every settings group the monthly review reads, built once per run."""

    category: CategorySettings
    targets: ReviewTargets
    fulfilment: FulfilmentSettings
    aftersales: AftersalesSettings
    iteration: IterationSettings
    stock: StockSettings
    pilot: PilotSettings
    sop: SopSettings
    stockout_on_hand_max: float

    @classmethod
    def from_params(cls, params: dict) -> MonthSettings:
        return cls(category=CategorySettings.from_params(params), targets=ReviewTargets.from_params(params),
                   fulfilment=FulfilmentSettings.from_params(params),
                   aftersales=AftersalesSettings.from_params(params),
                   iteration=IterationSettings.from_params(params), stock=StockSettings.from_params(params),
                   pilot=PilotSettings.from_params(params), sop=SopSettings.from_params(params),
                   stockout_on_hand_max=float(params["review"]["stockout_on_hand_max"]))
