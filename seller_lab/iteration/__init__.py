"""Iteration (R6): product changes from concentrated negative themes (R6.1), the stock
step's turnover decisions (R6.2) and service benchmarks / survey (R6.3)."""

from .product import negative_feedback, negative_themes, product_suggestions
from .service import service_benchmark, survey_improvements
from .stocking import turnover_review

__all__ = ["negative_feedback", "negative_themes", "product_suggestions", "service_benchmark",
           "survey_improvements", "turnover_review"]
