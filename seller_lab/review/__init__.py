"""Monthly review (R7): KPIs, what went wrong, plan, last month's decisions, SOP status.

``run_month(data, params, month)`` computes the whole month once and returns a frozen
:class:`MonthReview`; :mod:`seller_lab.report.sections.monthly` renders it.
"""

from .coverage import MonthCoverage, month_coverage
from .month import LastMonth, MonthReview, portfolio_kpis, run_month
from .settings import MonthSettings

__all__ = ["run_month", "MonthReview", "LastMonth", "MonthCoverage", "month_coverage", "MonthSettings",
           "portfolio_kpis"]
