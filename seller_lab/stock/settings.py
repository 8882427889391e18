"""Typed, frozen settings of the stock step (R3, R3.2, R6.2), built once from the validated
params.

The stock plan's thresholds are :class:`seller_lab.settings.StockPlanSettings` (params
``stock``); this module adds the forecast (:class:`ForecastSettings`), the R6 rules
(:class:`IterationSettings`) and :class:`StockSettings`, everything the stock step reads, in
one group. They live
beside the stock code (not in :mod:`seller_lab.review.settings`, which re-exports them) so
that the stock step never imports the review package.

Examples
--------
>>> from seller_lab.params import load_params
>>> s = StockSettings.from_params(load_params("kitchen-organizer-de"))
>>> s.plan.cover_days_alt, s.forecast.horizon_days, s.iteration.fast_cycle_months, s.report_language
(90.0, 28, 2, 'en')
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from ..errors import ParamsError
from ..settings import CategorySettings, ReportSettings, Settings, SettingsGroup, StockPlanSettings

__all__ = ["ForecastSettings", "IterationSettings", "SELECTION_METRICS", "StockSettings"]

#: how the forecast picks a method per SKU (``forecast.selection_metric``)
SELECTION_METRICS = ("mase", "rmsse", "mase+rmsse")


@dataclass(frozen=True)
class IterationSettings(Settings):
    """R6 thresholds and actions (``iteration.*``): product themes (R6.1), turnover (R6.2),
    service (R6.3)."""

    SECTION: ClassVar[str] = "iteration"
    turnover_fast_per_month: float
    fast_order_change: float
    fast_cycle_months: int
    base_cycle_months: float
    turnover_slow_per_month: float
    slow_order_change: float
    bundle_candidates: int
    negative_theme_share_min: float
    negative_min_documents: int
    stable_sales_change_max: float
    colours_to_add: int
    local_popular_colours: dict
    theme_actions: dict
    theme_concepts: dict
    warranty_extra_years: int
    survey_score_min: float


@dataclass(frozen=True)
class ForecastSettings(Settings):
    """R3.2 forecast: horizon, backtest, model selection and smoothing candidates, the
    calendar of non-daily inputs (``forecast``)."""

    SECTION: ClassVar[str] = "forecast"
    horizon_days: int
    season_length: int
    backtest_windows: int
    interval_level: int
    min_train_days: int
    selection_metric: str
    mase_lag: int
    default_model: str
    selection_margin: float
    ses_alphas: tuple
    seasonal_es_alphas: tuple
    season_gammas: tuple
    croston_alphas: tuple
    tsb_alphas: tuple
    tsb_prob_alphas: tuple
    cli_rows_shown: int
    freq_regular_min_rows: int
    freq_regular_share: float
    by_frequency: dict

    def check(self) -> None:
        if self.selection_metric not in SELECTION_METRICS:
            raise ParamsError("params", "forecast.selection_metric",
                              f"'{self.selection_metric}' is not one of {', '.join(SELECTION_METRICS)}",
                              fix=f"set forecast.selection_metric to {' or '.join(SELECTION_METRICS)}")


@dataclass(frozen=True)
class StockSettings(SettingsGroup):
    """Everything the stock step reads: the category, the plan (``stock``), the forecast it states
    (``forecast``), the R6.2 turnover rule (``iteration``) and the page language."""

    category: CategorySettings
    plan: StockPlanSettings
    forecast: ForecastSettings
    iteration: IterationSettings
    report: ReportSettings

    @property
    def report_language(self) -> str:
        """The page's language (``report.language``, R7)."""
        return self.report.language
