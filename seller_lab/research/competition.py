"""R1.2 competition: which competitors to face, price bands, selling points, why buyers
complain, and the local-brand benchmark.

On the canonical ``listings`` frame (a Helium 10 Black Box / Xray or Jungle Scout export):

* :func:`filter_competitors` keeps listings with ``competition.review_count_min``–``max``
  reviews and ``rating_min``–``rating_max`` stars and lists every other listing with the
  reason ("1,204 reviews > 500: a head-on fight with an established listing");
* :func:`price_bands` cuts prices into ``competition.price_bands`` quantile bands with
  listings, estimated sales and review density per band (sales are Helium 10 / Jungle
  Scout **estimates**, not measurements) and marks the suggested entry band;
* :func:`core_selling_points` finds what titles and bullets stress (text-mining aspects);
* :func:`differentiation` turns negative-review reasons (``seller_lab.text.negative_reasons``)
  into "differentiate by …" suggestions (``research.differentiation``);
* :func:`local_brands` is the benchmark table from ``category.local_brands``.

Examples
--------
>>> import pandas as pd
>>> lst = pd.DataFrame({"asin": ["A", "B", "C"], "title": ["x", "y", "z"], "brand": ["", "", ""],
...                     "price": [20.0, 25.0, 30.0], "rating": [4.2, 4.7, 4.3],
...                     "review_count": [250, 300, 1204]})
>>> from seller_lab.params import load_params
>>> f = filter_competitors(lst, load_params())
>>> f.kept["asin"].tolist(), f.excluded["reason"].tolist()[0]
(['A'], '1,204 reviews > 500: a head-on fight with an established listing')
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

import numpy as np
import pandas as pd

from .. import text
from ..decisions import Decision, threshold_rule
from ..i18n import N_
from ..settings import CompetitionSettings
from ..text import lexicon
from .phrase import Phrase

__all__ = [
    "BAND_COLUMNS", "ESTIMATE_LABEL", "EXCLUDED_COLUMNS", "CompetitionAnalysis", "CompetitorFilter",
    "analyse_competition", "competitor_reviews", "concept_of", "core_selling_points", "differentiation",
    "entry_band_decision", "filter_competitors", "local_brands", "negative_reasons", "price_bands",
    "reasons_by_competitor",
]

ESTIMATE_LABEL = N_("Helium 10 / Jungle Scout estimate, not a measurement")
#: Reasons of the ``R1.2.competitors_in_band`` gate (catalog templates).
IN_BAND_OK = N_("{value} of {listings} listings have {review_min}–{review_max} reviews and "
                "{rating_min:.1f}–{rating_max:.1f}★ (>= {threshold}): comparable competitors to learn from and to beat")
IN_BAND_BAD = N_("only {value} of {listings} listings have {review_min}–{review_max} reviews and "
                 "{rating_min:.1f}–{rating_max:.1f}★ (< {threshold}); {above_review_max} have more than "
                 "{review_max} reviews")
#: Why a listing is outside the review/rating band (catalog templates).
NO_REVIEW_COUNT = N_("no review count in the export")
TOO_MANY_REVIEWS = N_("{count:,} reviews > {limit}: a head-on fight with an established listing")
TOO_FEW_REVIEWS = N_("{count:,} reviews < {limit}: too new to show what buyers reward")
NO_RATING = N_("no rating in the export")
RATING_TOO_HIGH = N_("{rating:.1f}★ > {limit:.1f}★: buyers are already very satisfied, hard to beat")
RATING_TOO_LOW = N_("{rating:.1f}★ < {limit:.1f}★: the product disappoints buyers (learn from it, don't copy it)")
#: Metrics and thresholds of the R1.2 decisions (catalog templates).
IN_BAND_METRIC = N_("competitors in the review/rating band")
ENTRY_METRIC = N_("suggested entry price band")
ENTRY_THRESHOLD = N_("a band with in-filter competitors")
#: A differentiation suggestion from 1-2★ reviews; its proposal is params text (research.differentiation).
DIFFERENTIATE_BY = N_("differentiate by {what} ({n} negative reviews mention “{keyword}”)")
UNMAPPED_REASON = N_("fixing what buyers mean by '{keyword}' (read the quotes)")
OUR_PLAN = N_("us (plan)")
YES, NO = N_("yes"), N_("no")
IN_BAND_MISSING = N_("no competitor listings export (Helium 10 Black Box / Jungle Scout) in the data folder")
EXCLUDED_COLUMNS = ["asin", "brand", "title", "price", "review_count", "rating", "reason"]
BAND_COLUMNS = ["band", "price_from", "price_to", "listings", "in_filter", "est_monthly_sales",
                "est_sales_per_listing", "est_sales_per_competitor", "median_reviews", "reviews_per_monthly_sale",
                "entry"]


@dataclass
class CompetitorFilter:
    """Result of :func:`filter_competitors`: ``kept`` listings (canonical columns),
    ``excluded`` (``EXCLUDED_COLUMNS``, one reason per listing) and the gate Decision."""

    kept: pd.DataFrame
    excluded: pd.DataFrame
    decisions: list[Decision] = field(default_factory=list)


def filter_competitors(listings: pd.DataFrame, params: dict, *, category: str = "",
                       period: str = "", source_file: str = "") -> CompetitorFilter:
    """Competitors in the review-count and rating band; the others with their reason.

    Parameters
    ----------
    listings : canonical listings frame
    params : loaded params (``competition`` section)
    category, period, source_file : recorded in the Decision

    Returns
    -------
    CompetitorFilter with the ``R1.2.competitors_in_band`` Decision (>= ``competition.min_in_band``
    competitors in the band -> pass, else watch: no comparable competitor to learn from / the
    niche is owned by big listings).
    """
    s = CompetitionSettings.from_params(params)
    lo, hi = s.review_count_min, s.review_count_max
    rlo, rhi = s.rating_min, s.rating_max
    lst = listings.reset_index(drop=True)
    n = len(lst)
    rc = pd.to_numeric(lst.get("review_count", pd.Series(np.nan, index=lst.index)), errors="coerce")
    rt = pd.to_numeric(lst.get("rating", pd.Series(np.nan, index=lst.index)), errors="coerce")
    counts, ratings = rc.fillna(0).astype(int), rt.astype(float)
    checks = [(rc.isna(), NO_REVIEW_COUNT, {}), (rc > hi, TOO_MANY_REVIEWS, {"count": counts, "limit": hi}),
              (rc < lo, TOO_FEW_REVIEWS, {"count": counts, "limit": lo}), (rt.isna(), NO_RATING, {}),
              (rt > rhi, RATING_TOO_HIGH, {"rating": ratings, "limit": rhi}),
              (rt < rlo, RATING_TOO_LOW, {"rating": ratings, "limit": rlo})]
    found = np.column_stack([mask.to_numpy() for mask, _, _ in checks]) if n else np.zeros((0, len(checks)), bool)
    out = pd.Series(found.any(axis=1), index=lst.index)
    reason = pd.Series([""] * n, index=lst.index, dtype=object)
    for i in np.flatnonzero(out.to_numpy()):  # the excluded listings only: each reason a catalog template
        said = [Phrase(template, **{k: v.iloc[i] if isinstance(v, pd.Series) else v for k, v in values.items()})
                for (_, template, values), hit in zip(checks, found[i], strict=True) if hit]
        reason.iloc[i] = Phrase("{reasons}", reasons=said)
    kept = lst.loc[~out].reset_index(drop=True)
    ex = lst.loc[out].assign(reason=reason[out])
    for c in EXCLUDED_COLUMNS:
        if c not in ex:
            ex[c] = ""
    excluded = ex[EXCLUDED_COLUMNS].sort_values("review_count", ascending=False, na_position="last").reset_index(drop=True)
    too_big = int((rc > hi).sum())
    d = threshold_rule(
        "category", "R1.2.competitors_in_band", IN_BAND_METRIC,
        value=len(kept) if n else None, params=s.as_params(), key="competition.min_in_band", op=">=",
        ok_verdict="pass", bad_verdict="watch",
        reason_ok=IN_BAND_OK, reason_bad=IN_BAND_BAD, reason_missing=IN_BAND_MISSING,
        source_file=source_file, category=category, period=period,
        inputs={"listings": n, "above_review_max": too_big, "below_review_min": int((rc < lo).sum()),
                "rating_out_of_band": int(((rt < rlo) | (rt > rhi)).sum()), "review_min": lo, "review_max": hi,
                "rating_min": rlo, "rating_max": rhi})
    return CompetitorFilter(kept=kept, excluded=excluded, decisions=[d])


def price_bands(listings: pd.DataFrame, params: dict, *, kept: pd.DataFrame | None = None) -> pd.DataFrame:
    """Quantile price bands with listings, estimated sales and review density per band.

    ``est_monthly_sales``, ``est_sales_per_listing`` and ``est_sales_per_competitor`` are
    Helium 10 / Jungle Scout **estimates** (:data:`ESTIMATE_LABEL`). ``in_filter`` counts the
    competitors that pass :func:`filter_competitors` (``kept``). The suggested **entry band**
    (``entry`` True) is the band where a comparable competitor sells most: the highest
    estimated sales per in-filter competitor among the bands holding at least
    ``competition.entry_min_in_band`` of them (big brands' sales do not count, we would not
    get them); ties go to the band with fewer reviews per listing.

    >>> lst = pd.DataFrame({"asin": list("ABCDEF"), "price": [10, 12, 20, 22, 30, 32.0],
    ...     "est_monthly_sales": [100, 120, 400, 380, 50, 40.0], "review_count": [150, 200, 300, 250, 120, 900],
    ...     "rating": 4.3})
    >>> from seller_lab.params import load_params
    >>> p = load_params()
    >>> p["competition"]["price_bands"] = 3
    >>> b = price_bands(lst, p)
    >>> b.loc[b["entry"], "price_from"].item(), b["listings"].tolist()
    (20.0, [2, 2, 2])
    >>> b["est_sales_per_competitor"].tolist()
    [110.0, 390.0, 50.0]
    """
    s = CompetitionSettings.from_params(params)
    price = pd.to_numeric(listings.get("price", pd.Series(dtype=float)), errors="coerce")
    lst = listings.loc[price.notna()].copy()
    lst["price"] = price[price.notna()].astype(float)
    if lst.empty:
        return pd.DataFrame(columns=BAND_COLUMNS)
    n_bands = max(1, min(s.price_bands, lst["price"].nunique()))
    cats = pd.qcut(lst["price"], q=n_bands, duplicates="drop")
    lst["band_i"] = cats.cat.codes.to_numpy()
    if kept is None:
        kept = filter_competitors(listings, params).kept
    lst["in_filter"] = lst["asin"].astype(str).isin(set(kept["asin"].astype(str))) if "asin" in lst else False
    sales = pd.to_numeric(lst.get("est_monthly_sales", pd.Series(np.nan, index=lst.index)), errors="coerce")
    reviews = pd.to_numeric(lst.get("review_count", pd.Series(np.nan, index=lst.index)), errors="coerce")
    lst["sales"], lst["reviews"] = sales, reviews
    g = lst.groupby("band_i")
    out = pd.DataFrame({"price_from": g["price"].min(), "price_to": g["price"].max(), "listings": g.size(),
                        "in_filter": g["in_filter"].sum().astype(int),
                        "est_monthly_sales": g["sales"].sum(min_count=1), "median_reviews": g["reviews"].median(),
                        "reviews_total": g["reviews"].sum(min_count=1)}).reset_index(drop=True)
    out["est_sales_per_listing"] = out["est_monthly_sales"] / out["listings"]
    lst["sales_in"] = lst["sales"].where(lst["in_filter"])
    out["est_sales_per_competitor"] = (lst.groupby("band_i")["sales_in"].sum(min_count=1).reset_index(drop=True)
                                       / out["in_filter"].where(out["in_filter"] > 0))
    out["reviews_per_monthly_sale"] = out["reviews_total"] / out["est_monthly_sales"].where(out["est_monthly_sales"] > 0)
    cur = str(listings["currency"].dropna().iloc[0]) if "currency" in listings and listings["currency"].notna().any() else ""
    out["band"] = [f"{a:,.2f}–{b:,.2f} {cur}".strip() for a, b in zip(out["price_from"], out["price_to"])]
    need = s.entry_min_in_band
    cand = out[(out["in_filter"] >= need) & out["est_sales_per_competitor"].notna()]
    out["entry"] = False
    if len(cand):
        best = cand.sort_values(["est_sales_per_competitor", "median_reviews"], ascending=[False, True]).index[0]
        out.loc[best, "entry"] = True
    return out[BAND_COLUMNS]


def entry_band_decision(bands: pd.DataFrame, *, category: str = "", period: str = "",
                        source_file: str = "") -> Decision:
    """``R1.2.entry_band``: pass when a price band with in-filter competitors exists (the
    suggested entry band), watch when every comparable competitor is missing, unknown
    without listings.

    >>> entry_band_decision(pd.DataFrame(columns=BAND_COLUMNS)).verdict
    'unknown'
    """
    cur = ""
    if bands is None or bands.empty:
        return Decision("category", "R1.2.entry_band", ENTRY_METRIC, None, Phrase(ENTRY_THRESHOLD),
                        "unknown", Phrase(N_("no listings export with prices: price bands cannot be judged")),
                        source_file, category, period, "competition.price_bands")
    e = bands[bands["entry"]]
    if e.empty:
        return Decision("category", "R1.2.entry_band", ENTRY_METRIC, None,
                        Phrase(ENTRY_THRESHOLD), "watch",
                        Phrase(N_("no price band holds a competitor inside the review/rating band: no reachable "
                                  "entry band")),
                        source_file, category, period, "competition.price_bands")
    r = e.iloc[0]
    return Decision("category", "R1.2.entry_band", ENTRY_METRIC, r["band"],
                    Phrase(ENTRY_THRESHOLD), "pass",
                    Phrase(N_("enter at {band}: a comparable competitor sells ~{units:,.0f} units/month there "
                              "({n} comparable competitors, median {reviews:,.0f} reviews; Helium 10 / Jungle Scout "
                              "estimates)"), band=f"{r['band']}{cur}", units=r["est_sales_per_competitor"],
                           n=int(r["in_filter"]), reviews=r["median_reviews"]),
                    source_file, category, period, "competition.price_bands",
                    {"price_from": float(r["price_from"]), "price_to": float(r["price_to"]),
                     "est_sales_per_competitor": float(r["est_sales_per_competitor"])})


def core_selling_points(listings: pd.DataFrame, params: dict, *, top_n: int = 10) -> pd.DataFrame:
    """What competitor titles and bullets stress: text-mining aspects of the listing texts.

    Returns ``selling_point, concept, listings, share_of_listings, example, example_asins``
    (``listings`` = how many listings mention it), most mentioned first.
    """
    cols = ["selling_point", "concept", "listings", "share_of_listings", "example", "example_asins"]
    if listings is None or listings.empty:
        return pd.DataFrame(columns=cols)
    title = listings.get("title", pd.Series("", index=listings.index)).fillna("").astype(str)
    bullets = listings.get("bullets", pd.Series("", index=listings.index)).fillna("").astype(str)
    body = (title + ". " + bullets.str.replace(" | ", ". ", regex=False)).str.strip(". ")
    docs = pd.DataFrame({"doc_id": listings.get("asin", pd.Series(range(len(listings)))).astype(str).to_numpy(),
                         "text": body.to_numpy(), "rating": np.nan})
    min_df = max(2, min(int(params["text"]["aspect_min_df"]), len(docs) // 5 or 2))
    asp = text.review_aspects(docs, params, top_n=top_n, min_df=min_df)
    if asp.empty:
        return pd.DataFrame(columns=cols)
    out = pd.DataFrame({"selling_point": asp["aspect"], "concept": asp["concept"], "listings": asp["reviews"],
                        "share_of_listings": asp["share_of_reviews"],
                        "example": [q[0] if len(q) else "" for q in asp["quotes"]],
                        "example_asins": asp["quote_doc_ids"]})
    return out.reset_index(drop=True)


@lru_cache(maxsize=1)
def _concept_words() -> dict[str, str]:
    words: dict[str, str] = {}
    for concept, langs in lexicon.CONCEPTS.items():
        for ws in langs.values():
            for w in ws:
                words.setdefault(w.lower(), concept)
    return words


def concept_of(keyword: str, lang: str = "en", wanted=None) -> str:
    """The lexicon concept a keyword names ('dünnes material' -> 'thin'), '' when none.

    Tokens are looked up exactly, then by Snowball stem; with ``wanted`` the first concept
    in that collection wins (e.g. the concepts that have a suggestion).

    >>> concept_of("dünnes material", "de"), concept_of("rostet", "de"), concept_of("colour")
    ('thin', 'rust', 'colour')
    """
    words = _concept_words()
    found = []
    for tok in text.tokenize(str(keyword)):
        c = words.get(tok)
        if c is None:
            st = text.stem(tok, lang)
            c = next((words[w] for w in (st, st + "e", st + "en", st + "s") if w in words), None)
        if c:
            found.append(c)
    if wanted is not None:
        found = [c for c in found if c in wanted] or found
    return found[0] if found else ""


def differentiation(reasons: pd.DataFrame, params: dict, *, top_n: int | None = None) -> pd.DataFrame:
    """Negative-review reasons -> "differentiate by …" suggestions.

    Parameters
    ----------
    reasons : :func:`seller_lab.text.negative_reasons` output (``keyword, reviews_negative,
        share_negative_reviews, quotes``)
    params : ``research.differentiation`` maps a lexicon concept to what to offer instead
    top_n : keep this many reasons (default ``competition.top_negative_reasons``), strongest
        first; they are listed by the number of negative reviews mentioning them

    Returns
    -------
    DataFrame ``reason, concept, negative_reviews, share_negative_reviews, suggestion, quote``

    >>> r = pd.DataFrame({"keyword": ["dünnes material"], "reviews_negative": [34],
    ...                   "share_negative_reviews": [0.3], "quotes": [["Sehr dünnes Material."]]})
    >>> differentiation(r, {"research": {"differentiation": {"thin": "thicker material"}},
    ...                     "category": {"language": "de"}}, top_n=5)["suggestion"].iloc[0]
    'differentiate by thicker material (34 negative reviews mention “dünnes material”)'
    """
    cols = ["reason", "concept", "negative_reviews", "share_negative_reviews", "suggestion", "quote"]
    if reasons is None or reasons.empty:
        return pd.DataFrame(columns=cols)
    if top_n is None:
        top_n = CompetitionSettings.from_params(params).top_negative_reasons
    table = ((params.get("research") or {}).get("differentiation") or {})
    lang = str((params.get("category") or {}).get("language") or "en")
    # the strongest reasons (z), ordered by how many negative reviews mention them (what most buyers hit)
    r = reasons.head(top_n).sort_values("reviews_negative", ascending=False, kind="stable").reset_index(drop=True)
    quotes = [q[0] if isinstance(q, (list, tuple, np.ndarray)) and len(q) else "" for q in r.get("quotes", [[]] * len(r))]
    concepts = []
    for k, q in zip(r["keyword"], quotes):
        c = concept_of(k, lang, wanted=table)
        if c not in table and q:  # 'wochen' -> its quote "rostet nach drei Wochen" names the concept
            c = concept_of(q, lang, wanted=table)
        concepts.append(c if c in table else "")
    sugg = []
    for k, c, n in zip(r["keyword"], concepts, r["reviews_negative"]):
        what = Phrase(table[c]) if table.get(c) else Phrase(UNMAPPED_REASON, keyword=k)  # params text, as written
        sugg.append(Phrase(DIFFERENTIATE_BY, what=what, n=int(n), keyword=k))          # unless the catalog has it
    return pd.DataFrame({"reason": r["keyword"], "concept": concepts, "negative_reviews": r["reviews_negative"],
                         "share_negative_reviews": r.get("share_negative_reviews", np.nan), "suggestion": sugg,
                         "quote": quotes})[cols]


def competitor_reviews(reviews: pd.DataFrame, listings: pd.DataFrame) -> pd.DataFrame:
    """Reviews of the listed competitors (all reviews when none match the listings' ASINs).

    >>> rv = pd.DataFrame({"asin": ["A", "OWN"], "text": ["x", "y"]})
    >>> competitor_reviews(rv, pd.DataFrame({"asin": ["A"]}))["asin"].tolist()
    ['A']
    """
    if reviews is None or reviews.empty or listings is None or listings.empty or "asin" not in reviews:
        return reviews
    mask = reviews["asin"].astype(str).isin(set(listings["asin"].astype(str)))
    return reviews[mask] if mask.any() else reviews


def negative_reasons(reviews: pd.DataFrame | None, params: dict, *, by_competitor: bool = True):
    """Top negative-review reasons overall and per competitor (one text analysis).

    Returns ``(overall, per_competitor)``: ``seller_lab.text.negative_reasons`` and the
    negative side of ``seller_lab.text.keywords_by(by='asin')`` (3 per competitor, keywords
    without quotes: :func:`reasons_by_competitor` shows the keywords only).
    """
    empty_by = pd.DataFrame(columns=["asin", "keyword", "reviews_negative", "share_negative_reviews", "quotes"])
    if reviews is None or reviews.empty or "rating" not in reviews:
        return pd.DataFrame(columns=["keyword", "z", "reviews_negative", "share_negative_reviews", "quotes"]), empty_by
    top = CompetitionSettings.from_params(params).top_negative_reasons
    reviews, _ = text.preprocess.drop_duplicate_documents(reviews)
    analysed = text.analyse_reviews(reviews, params)  # one tokenisation for both tables
    overall = text.review_keywords(reviews, params, top_n=top, analysed=analysed, sides=("negative",))
    overall = overall[overall["side"] == "negative"].drop(columns="side").reset_index(drop=True)
    if not by_competitor or "asin" not in reviews:
        return overall, empty_by
    # the per-competitor table shows the keywords only: no quotes chosen per competitor
    by = text.keywords_by(reviews, params, by="asin", top_n=3, analysed=analysed, sides=("negative",),
                          quotes=False)
    by = by[by["side"] == "negative"].drop(columns="side").reset_index(drop=True)
    return overall, by


def reasons_by_competitor(by: pd.DataFrame, listings: pd.DataFrame | None, params: dict | None = None) -> pd.DataFrame:
    """One row per competitor: brand, its top negative reasons and the first suggestion.

    >>> by = pd.DataFrame({"asin": ["A", "A"], "keyword": ["rostet", "wackelig"]})
    >>> p = {"research": {"differentiation": {"rust": "stainless steel"}}, "category": {"language": "de"}}
    >>> reasons_by_competitor(by, None, p).iloc[0].tolist()
    ['A', '', 'rostet, wackelig', 'stainless steel']
    """
    cols = ["asin", "brand", "negative_reasons", "differentiate_by"]
    if by is None or by.empty:
        return pd.DataFrame(columns=cols)
    lang = str(((params or {}).get("category") or {}).get("language") or "en")
    table = (((params or {}).get("research") or {}).get("differentiation") or {})
    g = by.groupby("asin", sort=False)
    out = pd.DataFrame({"asin": list(g.groups),
                        "negative_reasons": [", ".join(map(str, v)) for v in g["keyword"].agg(list)]})
    firsts = g["keyword"].first()
    out["differentiate_by"] = [Phrase(str(table.get(concept_of(firsts[a], lang, wanted=table), "")))
                               for a in out["asin"]]
    brands = {}
    if listings is not None and len(listings) and "brand" in listings:
        brands = dict(zip(listings["asin"].astype(str), listings["brand"].astype(str)))
    out["brand"] = [brands.get(str(a), "") for a in out["asin"]]
    return out[cols]


def local_brands(params: dict) -> pd.DataFrame:
    """Benchmark table of the market's local brands (``category.local_brands``) plus our plan.

    >>> p = {"category": {"local_brands": [{"brand": "WMF", "design": "18/10 steel", "warranty_years": 2}],
    ...                   "our_service": {"warranty_years": 1}}}
    >>> local_brands(p)[["brand", "warranty_years"]].values.tolist()
    [['WMF', 2], ['us (plan)', 1]]
    """
    cols = ["brand", "design", "packaging", "service", "warranty_years"]
    cat = (params or {}).get("category") or {}
    rows = [dict(r) for r in cat.get("local_brands") or []]
    ours = cat.get("our_service") or {}
    if rows or ours:
        items = [Phrase("{key}: {value}", key=Phrase(k.replace("_", " ")),  # a known key/yes/no via the catalog
                        value=Phrase(YES if v else NO) if isinstance(v, bool) else v)
                 for k, v in ours.items() if k != "warranty_years"]
        svc = Phrase(", ".join(f"{{s{i}}}" for i in range(len(items))), **{f"s{i}": x for i, x in enumerate(items)})
        rows.append({"brand": Phrase(OUR_PLAN), "service": svc, "warranty_years": ours.get("warranty_years", "")})
    df = pd.DataFrame(rows)
    for c in cols:
        if c not in df:
            df[c] = ""
    df = df[cols + [c for c in df.columns if c not in cols]]
    return df.fillna("")


@dataclass
class CompetitionAnalysis:
    """Everything R1.2 produces for one category (see :func:`analyse_competition`)."""

    filter: CompetitorFilter
    bands: pd.DataFrame
    selling_points: pd.DataFrame
    negatives: pd.DataFrame
    negatives_by_competitor: pd.DataFrame
    differentiation: pd.DataFrame
    local_brands: pd.DataFrame
    decisions: list[Decision]


def analyse_competition(listings: pd.DataFrame, reviews: pd.DataFrame | None, params: dict, *,
                        category: str = "", period: str = "", listings_file: str = "",
                        with_text: bool = True) -> CompetitionAnalysis:
    """Filter, price bands and entry band, selling points, negative reasons -> differentiation,
    local brands, with the ``R1.2.competitors_in_band`` and ``R1.2.entry_band`` Decisions."""
    f = filter_competitors(listings, params, category=category, period=period, source_file=listings_file)
    bands = price_bands(listings, params, kept=f.kept)
    entry = entry_band_decision(bands, category=category, period=period, source_file=listings_file)
    sp = core_selling_points(listings, params) if with_text else pd.DataFrame()
    rv = competitor_reviews(reviews, listings)
    if with_text and rv is not None and len(rv):
        overall, by = negative_reasons(rv, params)
    else:
        overall, by = negative_reasons(None, params)
    return CompetitionAnalysis(filter=f, bands=bands, selling_points=sp, negatives=overall,
                               negatives_by_competitor=reasons_by_competitor(by, listings, params),
                               differentiation=differentiation(overall, params), local_brands=local_brands(params),
                               decisions=[*f.decisions, entry])
