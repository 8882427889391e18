"""Typed, frozen settings of the stock step as the monthly review reads them (R3, R3.2,
R6.2), built once from the validated params.

They live beside the stock code (not in :mod:`seller_lab.review.settings`, which re-exports
them) so that the stock step never imports the review package.

Examples
--------
>>> from seller_lab.params import load_params
>>> StockSettings.from_params(load_params("kitchen-organizer-de")).cover_days_alt
90.0
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from ..i18n import report_language
from ..settings import Settings


@dataclass(frozen=True)
class IterationSettings(Settings):
    """R6 thresholds (``iteration.*``)."""

    SECTION: ClassVar[str] = "iteration"
    turnover_fast_per_month: float
    turnover_slow_per_month: float
    negative_theme_share_min: float
    negative_min_documents: int
    base_cycle_months: float


@dataclass(frozen=True)
class StockSettings:
    """R3 / R3.2 numbers the stock sections show (``stock.*``, ``forecast.*``)."""

    cover_days: float
    cover_days_alt: float
    service_level: float
    safety_stock_lead_time_days: float
    lead_time_from_shipments: bool
    share_window_days: int
    carton_qty: int
    transfer_excess_days: float
    peak_uplift_min: float
    peak_uplift_max: float
    peak_ship_ahead_months_min: float
    peak_ship_ahead_months_max: float
    horizon_days: int
    backtest_windows: int
    selection_metric: str
    report_language: str = "en"  # the page's language (report.language, R7)

    @classmethod
    def from_params(cls, params: dict) -> StockSettings:
        s, f = params["stock"], params["forecast"]
        return cls(cover_days=float(s["cover_days"]), cover_days_alt=float(s["cover_days_alt"]),
                   service_level=float(s["service_level"]),
                   safety_stock_lead_time_days=float(s["safety_stock_lead_time_days"]),
                   lead_time_from_shipments=bool(s["lead_time_from_shipments"]),
                   share_window_days=int(s["share_window_days"]), carton_qty=int(s["carton_qty"]),
                   transfer_excess_days=float(s["transfer_excess_days"]),
                   peak_uplift_min=float(s["peak_uplift_min"]), peak_uplift_max=float(s["peak_uplift_max"]),
                   peak_ship_ahead_months_min=float(s["peak_ship_ahead_months_min"]),
                   peak_ship_ahead_months_max=float(s["peak_ship_ahead_months_max"]),
                   horizon_days=int(f["horizon_days"]), backtest_windows=int(f["backtest_windows"]),
                   selection_metric=str(f["selection_metric"]), report_language=report_language(params))
