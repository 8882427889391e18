"""Service iteration (R6.3): local brands' warranty and service vs ours, and the
quarterly satisfaction survey's weak questions.

Examples
--------
>>> from seller_lab.params import load_params
>>> table, ds = service_benchmark(load_params("kitchen-organizer-de"))
>>> table["brand"].tolist()[-1], ds[0].verdict
('ours', 'iterate')
"""

from __future__ import annotations

import math

import pandas as pd

from ..decisions import Decision
from ..i18n import N_
from ..i18n.phrase import Phrase
from ..settings import CategorySettings, SettingsGroup
from ..stock.settings import IterationSettings


def service_benchmark(params: dict | SettingsGroup, *, category: str = "", period: str = ""
                      ) -> tuple[pd.DataFrame, list[Decision]]:
    """Local brands (``category.local_brands``) beside ``category.our_service``, and the
    warranty rule: when ours is not above the brands' median warranty, offer that
    median + ``iteration.warranty_extra_years`` (seed: 1 year -> 2 years + local repair)."""
    cat = CategorySettings.of(params)
    extra = IterationSettings.of(params).warranty_extra_years
    brands = pd.DataFrame(list(cat.local_brands),
                          columns=["brand", "design", "packaging", "service", "warranty_years"])
    ours = dict(cat.our_service)
    our_years = float(ours.get("warranty_years", float("nan")))
    our_row = {"brand": "ours", "design": "", "packaging": "",
               "service": "local repair" if ours.get("local_repair") else "no local repair",
               "warranty_years": our_years}
    table = pd.concat([brands, pd.DataFrame([our_row])], ignore_index=True)
    warranties = pd.to_numeric(brands["warranty_years"], errors="coerce").dropna()
    if warranties.empty or math.isnan(our_years):
        return table, []
    bench = math.ceil(float(warranties.median()))
    target = bench + extra
    ok = our_years > bench
    values = {"ours": our_years, "bench": bench, "brands": ", ".join(brands["brand"]), "target": target}
    reason = (Phrase(N_("our {ours:g}-year warranty beats the local median of {bench} years"), **values) if ok else
              Phrase(N_("local brands give {bench} years (median of {brands}); offer {target} years"), **values)
              if ours.get("local_repair") else
              Phrase(N_("local brands give {bench} years (median of {brands}); offer {target} years and local "
                        "repair"), **values))
    d = Decision(
        unique_id=category or cat.slug, rule="R6.3.warranty_benchmark",
        metric=N_("our warranty years vs local brands' median"), value=our_years,
        threshold=f"> {bench}", verdict="ok" if ok else "iterate",
        reason=reason,
        category=category, period=period, params_key="iteration.warranty_extra_years",
        inputs={"target_years": target})
    return table, [d]


def survey_improvements(survey: pd.DataFrame | None, params: dict | SettingsGroup) -> pd.DataFrame:
    """Questions of the quarterly survey scoring below ``iteration.survey_score_min``
    (mean of 1-5 answers), worst first. ``survey`` has columns ``question, score``
    (one row per answer); None/empty -> empty table (no survey export yet).

    >>> from seller_lab.params import load_params
    >>> s = pd.DataFrame({"question": ["speed", "speed", "politeness"], "score": [3, 4, 5]})
    >>> survey_improvements(s, load_params())[["question", "mean_score"]].values.tolist()
    [['speed', 3.5]]
    """
    cols = ["question", "answers", "mean_score", "action"]
    if survey is None or len(survey) == 0 or not {"question", "score"} <= set(survey.columns):
        return pd.DataFrame(columns=cols)
    floor = IterationSettings.of(params).survey_score_min
    g = (survey.assign(score=pd.to_numeric(survey["score"], errors="coerce"))
         .groupby("question")["score"].agg(answers="count", mean_score="mean").reset_index())
    g = g[g["mean_score"] < floor].sort_values("mean_score")
    g["action"] = "put on the service improvement list (owner: CS lead)"
    return g[cols].reset_index(drop=True)
