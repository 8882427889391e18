"""Monthly positive-review keywords -> selling points to strengthen and leads for the
next research round (R5.2: "easy to install" -> a tool-free model).

Examples
--------
>>> import pandas as pd
>>> from seller_lab.params import load_params
>>> p = load_params("kitchen-organizer-de")
>>> rv = pd.DataFrame({"ds": pd.to_datetime(["2026-10-02"] * 4, utc=True), "rating": [5.0, 5, 4, 1],
...     "asin": "B0X", "text": ["Sehr stabil und einfach aufzubauen", "einfach aufzubauen, stabil",
...                          "stabil", "rostet"]})
>>> kw = positive_keywords_month(rv, p, "2026-10")
>>> "stabil" in kw["keyword"].tolist()
True
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

from ..fulfilment.periods import in_month, to_local

KEYWORD_COLUMNS = ["keyword", "mentions", "share_of_positive", "selling_point", "suggestion"]


def month_reviews(reviews: pd.DataFrame, params: dict, period: str | None,
                  our_asins=None) -> pd.DataFrame:
    """Reviews written in ``period`` (local month), restricted to ``our_asins`` when given."""
    if reviews is None or reviews.empty:
        return pd.DataFrame(columns=list(reviews.columns) if reviews is not None else [])
    r = reviews
    if our_asins is not None and len(our_asins) and "asin" in r:
        mine = r[r["asin"].astype("str").isin(set(map(str, our_asins)))]
        r = mine if len(mine) else r
    if period is not None:
        r = r[in_month(to_local(r["ds"], params["category"]["timezone"]), period)]
    return r.reset_index(drop=True)


def _keywords(month: pd.DataFrame, positive: pd.DataFrame, params: dict, top_n: int) -> pd.DataFrame:
    """Keyword -> reviews mentioning it: the text-mining step's ``positive_keywords``
    (4-5 star vs 1-2 star contrast), else (no contrast found) uni/bigram document counts
    of the positive reviews."""
    from seller_lab.text import positive_keywords  # noqa: PLC0415

    try:
        res = positive_keywords(month, params, top_n=top_n)
    except (TypeError, KeyError, ValueError):
        res = None
    if isinstance(res, pd.DataFrame) and len(res) and "keyword" in res:
        n = res["reviews_positive"] if "reviews_positive" in res else np.nan
        return pd.DataFrame({"keyword": res["keyword"].astype("str"),
                             "mentions": pd.to_numeric(n, errors="coerce")}).head(top_n)
    from sklearn.feature_extraction.text import CountVectorizer  # noqa: PLC0415

    from seller_lab.text.lexicon import stopwords  # noqa: PLC0415

    pattern = r"(?u)\b[^\W\d_]{3,}\b"
    # stopwords as the token pattern cuts them ("don't" -> "don"), so sklearn sees one vocabulary
    stop = sorted({t for w in stopwords(params["category"]["language"]) for t in re.findall(pattern, w.lower())})
    vec = CountVectorizer(ngram_range=(1, 2), binary=True, stop_words=stop, min_df=2, token_pattern=pattern)
    try:
        m = vec.fit_transform(positive["text"].fillna("").astype("str"))
    except ValueError:  # no term left
        return pd.DataFrame(columns=["keyword", "mentions"])
    counts = np.asarray(m.sum(axis=0)).ravel()
    kw = pd.DataFrame({"keyword": vec.get_feature_names_out(), "mentions": counts})
    kw["words"] = kw["keyword"].str.count(" ") + 1
    kw = kw.sort_values(["mentions", "words", "keyword"], ascending=[False, False, True])
    return kw[["keyword", "mentions"]].head(top_n).reset_index(drop=True)


def positive_keywords_month(reviews: pd.DataFrame, params: dict, period: str | None, *,
                            our_asins=None) -> pd.DataFrame:
    """Top keywords of the month's positive reviews (rating >= ``pilot.positive_rating_min``).

    Each keyword is matched against the preset ``category.selling_points``: a match is a
    selling point to **strengthen** on the listing; a keyword no selling point covers is
    a lead to **carry into the next research round**.
    """
    top_n = int(params["aftersales"]["positive_keywords_top"])
    r = month_reviews(reviews, params, period, our_asins)
    if r.empty:
        return pd.DataFrame(columns=KEYWORD_COLUMNS)
    pos = r[pd.to_numeric(r["rating"], errors="coerce") >= float(params["pilot"]["positive_rating_min"])]
    if pos.empty:
        return pd.DataFrame(columns=KEYWORD_COLUMNS)
    kw = _keywords(r, pos, params, top_n)
    if kw.empty:
        return pd.DataFrame(columns=KEYWORD_COLUMNS)
    kw["share_of_positive"] = pd.to_numeric(kw["mentions"], errors="coerce") / len(pos)
    points = [str(p) for p in params["category"]["selling_points"]]
    low_points = [p.lower() for p in points]
    kw["selling_point"] = [next((p for p, lp in zip(points, low_points)
                                 if any(w in lp for w in str(k).lower().split() if len(w) > 3)), "")
                           for k in kw["keyword"]]
    kw["suggestion"] = np.where(kw["selling_point"] != "",
                                "strengthen this selling point on the listing",
                                "carry into the next research round (customers value it)")
    return kw[KEYWORD_COLUMNS]
