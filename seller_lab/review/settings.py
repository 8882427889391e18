"""Typed, frozen settings of the monthly review, built once from the validated params.

Every threshold the monthly page reads (24 h dispatch, 1 h first reply, turnover > 2/month,
KPI targets, SOP, stock cover ...) comes from these objects, never from a literal in code.
Each section is a :class:`seller_lab.settings.Settings` (one typed field per key, a missing
or mistyped key raises :class:`seller_lab.errors.ParamsError` naming it) and
:class:`MonthSettings` groups them: :func:`seller_lab.review.run_month` builds it once and
hands it to every analysis function below it (they accept the params too, and convert them).

Examples
--------
>>> from seller_lab.params import load_params
>>> s = MonthSettings.from_params(load_params("kitchen-organizer-de"))
>>> s.fulfilment.outbound_sla_hours, s.aftersales.response_sla_minutes, s.iteration.turnover_fast_per_month
(24.0, 60.0, 2.0)
>>> s.targets.response_1h_rate_min, s.aftersales.holidays_country
(0.9, 'DE')
>>> FulfilmentSettings.of(s) is s.fulfilment
True
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from ..pilot.settings import PilotSettings
from ..settings import (
    AftersalesSettings,
    CategorySettings,
    FulfilmentSettings,
    ReviewTargets,
    Settings,
    SettingsGroup,
)
from ..stock.settings import ForecastSettings, IterationSettings, StockSettings

__all__ = ["MonthSettings", "CategorySettings", "ReviewTargets", "ReviewSettings", "FulfilmentSettings",
           "AftersalesSettings", "IterationSettings", "StockSettings", "ForecastSettings", "PilotSettings",
           "SopSettings"]


@dataclass(frozen=True)
class ReviewSettings(Settings):
    """R7.3 KPI definitions of the review (``review.*``)."""

    SECTION: ClassVar[str] = "review"
    stockout_on_hand_max: float


@dataclass(frozen=True)
class SopSettings(Settings):
    """R7.2 SOP judging (``review.sop_*``) and the fallback owner per step."""

    SECTION: ClassVar[str] = "review"
    sop_file: str
    sop_log: str
    sop_as_of: str
    step_owners: dict               # step -> owner role


@dataclass(frozen=True)
class MonthSettings(SettingsGroup):
    """Every settings section the monthly review reads, built once per run."""

    category: CategorySettings
    targets: ReviewTargets
    review: ReviewSettings
    fulfilment: FulfilmentSettings
    aftersales: AftersalesSettings
    iteration: IterationSettings
    stock: StockSettings
    pilot: PilotSettings
    sop: SopSettings
