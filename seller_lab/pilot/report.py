"""The pilot step for a report, computed once: the small-batch test's verdict (R2.2) when
a pilot file exists, otherwise the test plan that applies (R2.1).

:func:`run_pilot` returns a frozen :class:`PilotReview`; the research page renders it with
:func:`seller_lab.report.sections.pilot.pilot_section`; this module's :func:`pilot_section` is
the one-call form (compute, then render) for a template cell.

Examples
--------
>>> from types import SimpleNamespace
>>> import pandas as pd
>>> from seller_lab.params import load_params
>>> p = load_params("camping-chair-de")
>>> empty = SimpleNamespace(pilot=pd.DataFrame(), traffic=None, reviews=None, listings=None)
>>> r = run_pilot(empty, p)
>>> r.result is None, r.plan.units > 0
(True, True)
>>> "test plan" in pilot_section(empty, p).html
True
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from ..report.render import HTML
from ..report.sections import pilot as pilot_sections
from ..report.sections import source_files
from ..research.testplan import TestPlan, small_batch_plan
from ..stock.planning import first_order_readings
from .evaluate import PilotResult, evaluate_pilot
from .settings import PilotSettings


@dataclass(frozen=True)
class PilotReview:
    """The pilot as a page shows it: ``result`` (None without a pilot file), the R2.1
    ``plan`` that applies, and on pass the first-order readings from the pilot's daily
    sales (``first_order``, ``daily_units``)."""

    period: str
    settings: PilotSettings
    plan: TestPlan
    result: PilotResult | None = None
    source_file: str = ""
    daily_units: float = float("nan")
    first_order: pd.DataFrame = field(default_factory=pd.DataFrame)

    def decisions_frame(self) -> pd.DataFrame:
        return self.result.decisions_frame() if self.result is not None else pd.DataFrame()

    def _repr_html_(self) -> str:
        return pilot_sections.pilot_section(self).html


def run_pilot(data, params: dict, period: str = "") -> PilotReview:
    """Evaluate the pilot file of ``data`` (if any) against the R2.2 thresholds."""
    base = dict(period=str(period), settings=PilotSettings.from_params(params),
                plan=small_batch_plan(params))
    pilot = getattr(data, "pilot", None)
    if pilot is None or len(pilot) == 0:
        return PilotReview(**base)
    src = source_files(data, "pilot")
    r = evaluate_pilot(pilot, params, traffic=getattr(data, "traffic", None),
                       reviews=getattr(data, "reviews", None), listings=getattr(data, "listings", None),
                       period=period, source_file=src)
    if r.verdict != "pass":
        return PilotReview(**base, result=r, source_file=src)
    daily = float(r.metrics.loc[r.metrics["sku"] == "TOTAL", "units_per_day"].iloc[0])
    return PilotReview(**base, result=r, source_file=src, daily_units=daily,
                       first_order=first_order_readings(daily, params))


def pilot_section(data, params: dict, period: str = "", lang: str | None = None) -> HTML:
    """Compute and render the pilot in one call (a template's one-line cell); the
    renderer alone is :func:`seller_lab.report.sections.pilot.pilot_section`. ``lang``
    (the report's ``--lang``) overrides ``report.language``."""
    return pilot_sections.pilot_section(run_pilot(data, params, period), lang=lang)
