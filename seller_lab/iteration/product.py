"""Product iteration (R6.1): negative feedback concentrated on one theme -> a product change.

Negative feedback of the month = our negative reviews (rating <= ``pilot.negative_rating_max``)
plus customer return comments. Each is tagged with themes (``iteration.theme_concepts``:
text-mining concepts from :mod:`seller_lab.text.lexicon` and return reason codes). A theme
carried by at least ``iteration.negative_theme_share_min`` of the negative feedback (and
at least ``iteration.negative_min_documents`` documents in all) is concentrated -> the
action of ``iteration.theme_actions`` (single colour -> add 2-3 locally popular colours;
size/function mismatch -> change the spec with the supplier, clear old stock at a discount).

Examples
--------
>>> import pandas as pd
>>> from seller_lab.params import load_params
>>> p = load_params("kitchen-organizer-de")
>>> neg = pd.DataFrame({"text": ["nur eine Farbe, schade", "Farbe passt nicht zur Küche",
...     "gibt es nur in einer Farbe", "zu klein", "Farbe langweilig"], "sku": "KO-RACK-2T",
...     "reason": ""})
>>> themes = negative_themes(neg, p)
>>> themes[["theme", "documents", "concentrated"]].values.tolist()[0]
['colour', 4, True]
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

from ..decisions import Decision, Parts
from ..i18n import N_
from ..i18n.phrase import Phrase
from ..periods import in_month, to_local
from ..pilot.settings import PilotSettings
from ..settings import CategorySettings, SettingsGroup
from ..stock.settings import IterationSettings
from ..text.lexicon import CONCEPTS

THEME_COLUMNS = ["theme", "documents", "share", "concentrated", "top_skus", "example"]


def _concept_words(concept: str, language: str) -> list[str]:
    entry = CONCEPTS.get(concept, {})
    words = list(entry.get(language, [])) + (list(entry.get("en", [])) if language != "en" else [])
    return words


def negative_feedback(reviews: pd.DataFrame, returns: pd.DataFrame, params: dict | SettingsGroup,
                      period: str | None, *, our_asins=None) -> pd.DataFrame:
    """The month's negative documents: ``source`` (review | return), ``sku``, ``text``,
    ``reason`` (return code, '' for reviews). ``params``: the loaded params, or settings built
    from them (``category``, ``pilot``; e.g. MonthSettings)."""
    tz = CategorySettings.of(params).timezone
    parts = []
    if reviews is not None and len(reviews):
        rv = reviews
        if our_asins is not None and len(our_asins):
            mine = rv[rv["asin"].astype("str").isin(set(map(str, our_asins)))]
            rv = mine if len(mine) else rv
        rv = rv[pd.to_numeric(rv["rating"], errors="coerce") <= PilotSettings.of(params).negative_rating_max]
        if period is not None:
            rv = rv[in_month(to_local(rv["ds"], tz), period)]
        asin_sku = {}
        if returns is not None and len(returns):
            pairs = returns[["asin", "sku"]].astype("str").drop_duplicates("asin")
            asin_sku = dict(zip(pairs["asin"], pairs["sku"]))
        parts.append(pd.DataFrame({"source": "review", "sku": rv["asin"].astype("str").replace(asin_sku),
                                   "text": rv["text"].fillna("").astype("str"), "reason": ""}))
    if returns is not None and len(returns):
        rt = returns
        if period is not None:
            rt = rt[in_month(to_local(rt["ds"], tz), period)]
        parts.append(pd.DataFrame({"source": "return", "sku": rt["sku"].astype("str"),
                                   "text": rt["customer_comments"].fillna("").astype("str"),
                                   "reason": rt["reason"].fillna("").astype("str")}))
    if not parts:
        return pd.DataFrame(columns=["source", "sku", "text", "reason"])
    out = pd.concat(parts, ignore_index=True)
    keep = (out["text"].str.strip() != "") | (out["reason"] != "")
    return out[keep].reset_index(drop=True)


def negative_themes(negative: pd.DataFrame, params: dict | SettingsGroup) -> pd.DataFrame:
    """Share of negative documents per theme, with ``concentrated`` per the params rule."""
    it = IterationSettings.of(params)
    lang = CategorySettings.of(params).language
    if negative.empty:
        return pd.DataFrame(columns=THEME_COLUMNS)
    low = negative["text"].fillna("").astype("str").str.lower()
    reason = negative["reason"].fillna("").astype("str").str.upper()
    rows = []
    total = len(negative)
    for theme, concepts in it.theme_concepts.items():  # a handful of themes, vectorised
        codes = [c for c in concepts if c.isupper()]
        words = [w for c in concepts if not c.isupper() for w in _concept_words(c, lang)]
        hit = reason.isin(codes)
        if words:
            pattern = r"\b(?:" + "|".join(re.escape(w) for w in words) + r")\w*"
            hit = hit | low.str.contains(pattern, regex=True)
        n = int(hit.sum())
        if not n:
            continue
        skus = negative.loc[hit, "sku"].value_counts().index[:3]
        example = negative.loc[hit & (low != ""), "text"]
        rows.append({"theme": theme, "documents": n, "share": n / total,
                     "top_skus": ", ".join(map(str, skus)),
                     "example": "" if example.empty else str(example.iloc[0])[:200]})
    if not rows:
        return pd.DataFrame(columns=THEME_COLUMNS)
    t = pd.DataFrame(rows)
    t["concentrated"] = ((t["share"] >= it.negative_theme_share_min)
                         & (total >= it.negative_min_documents))
    return t.sort_values(["documents", "theme"], ascending=[False, True])[THEME_COLUMNS].reset_index(drop=True)


def product_suggestions(themes: pd.DataFrame, params: dict | SettingsGroup, *, sales_change: float = float("nan"),
                        category: str = "", period: str = "", source_file: str = ""
                        ) -> tuple[pd.DataFrame, list[Decision]]:
    """R6.1 suggestions for the concentrated themes (table + Decisions, verdict
    'iterate'); ``sales_change`` (month over month) says whether sales are stable."""
    it = IterationSettings.of(params)
    market = CategorySettings.of(params).market
    n = it.colours_to_add
    colours = list(it.local_popular_colours.get(market, []))[:n]
    stable_max = it.stable_sales_change_max
    stable = bool(np.isfinite(sales_change) and abs(sales_change) <= stable_max)
    sales_txt = (N_("sales stable") if stable else
                 N_("sales change unknown") if not np.isfinite(sales_change) else
                 Parts.of(N_("sales {change:+.0%} vs last month"), change=sales_change))
    rows, decisions = [], []
    conc = themes[themes["concentrated"]] if len(themes) else themes
    for r in conc.itertuples(index=False):  # a few themes at most
        template = it.theme_actions.get(r.theme, "look at the complaints and decide a product change")
        action = template.format(n=len(colours) or n, colours=", ".join(colours) or "popular local colours")
        rows.append({"theme": r.theme, "share": r.share, "documents": r.documents,
                     "skus": r.top_skus, "sales": sales_txt, "suggestion": action, "example": r.example})
        decisions.append(Decision(
            unique_id=r.top_skus.split(", ")[0] if r.top_skus else category, rule="R6.1.negative_theme",
            metric=Phrase(N_("share of negative feedback about '{theme}'"), theme=str(r.theme)),
            value=round(float(r.share), 3),
            threshold=f">= {it.negative_theme_share_min:g}", verdict="iterate",
            reason=Phrase(N_("{share:.0%} of negative feedback is about {theme} ({sales}): {action}"),
                          share=float(r.share), theme=str(r.theme), sales=sales_txt, action=action),
            category=category, period=period, source_file=source_file,
            params_key="iteration.negative_theme_share_min",
            inputs={"documents": int(r.documents), "sales_change": sales_change}))
    cols = ["theme", "share", "documents", "skus", "sales", "suggestion", "example"]
    return pd.DataFrame(rows, columns=cols), decisions
