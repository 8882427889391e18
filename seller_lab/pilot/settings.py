"""Typed, frozen R2.2 settings the pilot page reads, built once from the validated params
(re-exported by :mod:`seller_lab.review.settings`). The R2.1 plan's keys of the same
section are :class:`seller_lab.settings.PilotPlanSettings`.

>>> from seller_lab.params import load_params
>>> s = PilotSettings.from_params(load_params("camping-chair-de"))
>>> s.conversion_pass, s.positive_rating_min, s.report_language
(0.02, 4.0, 'en')
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from ..i18n import report_language
from ..settings import Settings, key_field

__all__ = ["PilotSettings"]


@dataclass(frozen=True)
class PilotSettings(Settings):
    """R2.2 pass/stop thresholds and review star bands (``pilot.*``)."""

    SECTION: ClassVar[str] = "pilot"
    conversion_pass: float
    conversion_fail: float
    negative_rate_pass_max: float
    negative_rate_fail: float
    confidence: float
    negative_rating_max: float
    positive_rating_min: float
    power: float
    category_avg_conversion: float
    selling_point_confirm_share: float
    selling_points_confirmed_min: float
    price_band_quantiles: tuple
    report_language: str = key_field("report.language")  # the page's language (R7)

    @classmethod
    def resolve(cls, values: dict, params: dict) -> dict:
        return {**values, "report_language": report_language(params)}
