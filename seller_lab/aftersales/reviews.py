"""Monthly positive-review keywords -> selling points to strengthen and leads for the
next research round (R5.2: "easy to install" -> a tool-free model).

Examples
--------
>>> import pandas as pd
>>> from seller_lab.params import load_params
>>> p = load_params("kitchen-organizer-de")
>>> rv = pd.DataFrame({"ds": pd.to_datetime(["2026-10-02"] * 4, utc=True), "rating": [5.0, 5, 4, 1],
...     "asin": "B0X", "text": ["Sehr stabil und einfach aufzubauen", "einfach aufzubauen, stabil",
...                          "Wirklich einfach aufzubauen.", "rostet"]})
>>> positive_keywords_month(rv, p, "2026-10")[["keyword", "mentions", "selling_point"]].values.tolist()
[['einfach aufzubauen', 3, 'easy to install without tools']]
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..i18n import N_
from ..periods import in_month, to_local
from ..pilot.settings import PilotSettings
from ..settings import AftersalesSettings, CategorySettings, SettingsGroup
from ..text.matching import phrases_to_selling_points, review_themes

KEYWORD_COLUMNS = ["keyword", "mentions", "share_of_positive", "selling_point", "suggestion"]


def month_reviews(reviews: pd.DataFrame, params: dict | SettingsGroup, period: str | None,
                  our_asins=None) -> pd.DataFrame:
    """Reviews written in ``period`` (local month), restricted to ``our_asins`` when given.
    ``params``: the loaded params, or settings built from them (``category``)."""
    if reviews is None or reviews.empty:
        return pd.DataFrame(columns=list(reviews.columns) if reviews is not None else [])
    r = reviews
    if our_asins is not None and len(our_asins) and "asin" in r:
        mine = r[r["asin"].astype("str").isin(set(map(str, our_asins)))]
        r = mine if len(mine) else r
    if period is not None:
        r = r[in_month(to_local(r["ds"], CategorySettings.of(params).timezone), period)]
    return r.reset_index(drop=True)


#: What to do with a praise keyword (catalog messages: a report shows them translated).
STRENGTHEN = N_("strengthen this selling point on the listing")
CARRY_INTO_RESEARCH = N_("carry into the next research round (customers value it)")


def _keywords(month: pd.DataFrame, params: dict, top_n: int) -> pd.DataFrame:
    """Keyword -> positive reviews mentioning it: the praise themes of the month's reviews, each
    named by a phrase from the reviews ("einfach aufzubauen", "steht sehr stabil"), never a lone
    adjective or a filler word (``text.review_themes``)."""
    themes = review_themes(month, params, top_n=top_n)
    return pd.DataFrame({"keyword": themes["theme"].astype("str"), "mentions": themes["reviews"]})


def positive_keywords_month(reviews: pd.DataFrame, params: dict, period: str | None, *,
                            our_asins=None) -> pd.DataFrame:
    """Top keywords of the month's positive reviews (rating >= ``pilot.positive_rating_min``).

    Each keyword is a praise theme named by a phrase from the reviews; it is matched against the
    preset ``category.selling_points`` by shared concepts, across languages: a match is a selling
    point to **strengthen** on the listing; a keyword no selling point covers is a lead to
    **carry into the next research round**. ``params``: the loaded params (the text step
    mines the reviews with them).
    """
    top_n = AftersalesSettings.of(params).positive_keywords_top
    r = month_reviews(reviews, params, period, our_asins)
    if r.empty:
        return pd.DataFrame(columns=KEYWORD_COLUMNS)
    pos = r[pd.to_numeric(r["rating"], errors="coerce") >= PilotSettings.of(params).positive_rating_min]
    if pos.empty:
        return pd.DataFrame(columns=KEYWORD_COLUMNS)
    kw = _keywords(r, params, top_n)
    if kw.empty:
        return pd.DataFrame(columns=KEYWORD_COLUMNS)
    kw["share_of_positive"] = pd.to_numeric(kw["mentions"], errors="coerce") / len(pos)
    kw["selling_point"] = phrases_to_selling_points(kw["keyword"], list(CategorySettings.of(params).selling_points),
                                                  params)
    kw["suggestion"] = np.where(kw["selling_point"] != "", STRENGTHEN, CARRY_INTO_RESEARCH)
    return kw[KEYWORD_COLUMNS]
