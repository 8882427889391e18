"""Typed, frozen R2.2 settings the pilot page reads, built once from the validated params
(re-exported by :mod:`seller_lab.review.settings`).

>>> from seller_lab.params import load_params
>>> PilotSettings.from_params(load_params("camping-chair-de")).conversion_pass
0.02
"""

from __future__ import annotations

from dataclasses import dataclass

from ..i18n import report_language


@dataclass(frozen=True)
class PilotSettings:
    """R2.2 pass/stop thresholds (``pilot.*``)."""

    conversion_pass: float
    conversion_fail: float
    negative_rate_pass_max: float
    negative_rate_fail: float
    confidence: float
    negative_rating_max: float
    report_language: str = "en"  # the page's language (report.language, R7)

    @classmethod
    def from_params(cls, params: dict) -> PilotSettings:
        p = params["pilot"]
        return cls(**{f: float(p[f]) for f in cls.__dataclass_fields__ if f != "report_language"},
                   report_language=report_language(params))
