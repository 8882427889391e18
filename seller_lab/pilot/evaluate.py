"""The small-batch test's verdict (R2.2): pass -> stocking, iterate, or stop and why.

Measures conversion (orders / sessions) with a Wilson interval, the negative-review
rate and how many positive reviews confirm each preset selling point, then decides:

- **stop** when conversion < ``pilot.conversion_fail`` (its whole Wilson interval below
  it, or the point estimate with enough sessions) or negative rate >
  ``pilot.negative_rate_fail``; the likely cause (``price`` when the test price sits
  above the competitors' price band, ``function`` when more than
  ``pilot.negative_rate_pass_max`` of reviews are negative, else ``sample size``,
  ``no reviews yet``, ``selling points`` (positive reviews do not confirm them) or
  ``unclear``) and what
  to change;
- **pass** when conversion >= ``pilot.conversion_pass`` or the category average,
  negative rate <= ``pilot.negative_rate_pass_max`` and the selling points are confirmed;
- **iterate** otherwise, including "not enough sessions yet to tell 2 % from 1 %"
  (the sample size comes from ``pilot.confidence`` and ``pilot.power``).

Examples
--------
>>> low, high = wilson_interval(96, 3200)
>>> round(low, 4), round(high, 4)
(0.0246, 0.0365)
>>> sessions_needed(0.01, 0.02, confidence=0.95, power=0.80)
979
"""

from __future__ import annotations

from dataclasses import dataclass, field
from statistics import NormalDist

import numpy as np
import pandas as pd

from ..decisions import Decision, Parts, to_frame
from ..i18n import N_
from ..i18n.phrase import Phrase
from ..settings import CategorySettings
from ..text import match_selling_points
from .settings import PilotSettings

#: The R2.2 verdict's likely causes, their separator and the change each one asks for
#: (catalog templates: a report shows the verdict sentence in its own language).
CAUSE_PRICE, CAUSE_FUNCTION = N_("price"), N_("function")
CAUSE_SAMPLE, CAUSE_NO_REVIEWS = N_("sample size"), N_("no reviews yet")
CAUSE_SELLING_POINTS, CAUSE_UNCLEAR = N_("selling points"), N_("unclear")
CAUSE_SEP = N_(" and ")
CHANGE_PRICE = N_("lower the test price {price:.2f} {currency} into the competitors' band {low:.2f}-{high:.2f} "
                  "{currency} and re-test")
CHANGE_FUNCTION = N_("fix the function ({rate:.0%} of reviews are negative): read them, change the spec with "
                     "the supplier, then re-test")
CHANGE_SELLING_POINTS = N_("buyers do not confirm {points}: check the product delivers them or change the "
                           "listing's selling points")
CHANGE_SAMPLE = N_("keep the test running: ~{more:.0f} more sessions")
CHANGE_NO_REVIEWS = N_("demand holds so far; collect reviews of the pilot units (request a review, Vine) to "
                       "judge negative reviews and the selling points")
CHANGE_UNCLEAR = N_("demand looks weak at a fair price with fine reviews: test another variant or drop the "
                    "product")
VERDICT_PASS = N_("demand holds ({conv:.2%} conversion on {sessions:.0f} sessions, {neg} negative reviews, "
                  "selling points confirmed): go to stocking")
VERDICT_STOP = N_("stop the product: {conv:.2%} conversion, {neg} negative reviews; likely cause: {cause}; "
                  "{change}")
VERDICT_ITERATE = N_("not yet decided ({cause}): {change}")


@dataclass(frozen=True)
class PilotResult:
    """Outcome of :func:`evaluate_pilot`.

    Attributes
    ----------
    verdict : str
        ``pass | iterate | stop | unknown``.
    cause : str
        ``price``, ``function``, ``price and function``, ``sample size``,
        ``no reviews yet``, ``selling points``, ``unclear`` or ''.
    change : str
        What to change (one sentence), '' on pass.
    metrics : DataFrame
        One row per pilot SKU and a ``TOTAL`` row: sessions, orders, units, conversion,
        conversion_low/high, test price, reviews, negative reviews and rate.
    selling_points : DataFrame
        ``selling_point, mentions, positive_reviews, share, confirmed``.
    decisions : list of Decision
    sessions_needed : int
    price_band : tuple
        Competitors' (low, high) price band, NaN when no listings.
    """

    verdict: str
    cause: str
    change: str
    metrics: pd.DataFrame
    selling_points: pd.DataFrame
    decisions: list = field(default_factory=list)
    sessions_needed: int = 0
    price_band: tuple = (float("nan"), float("nan"))

    def decisions_frame(self) -> pd.DataFrame:
        return to_frame(self.decisions)


def wilson_interval(successes, trials, confidence: float = 0.95):
    """Wilson score interval of a proportion (vectorised); NaN for 0 trials.

    >>> [round(x, 4) for x in wilson_interval(1, 50)]
    [0.0035, 0.105]
    """
    x = np.asarray(successes, dtype=float)
    n = np.asarray(trials, dtype=float)
    z = NormalDist().inv_cdf(1 - (1 - confidence) / 2)
    with np.errstate(invalid="ignore", divide="ignore"):
        p = x / n
        denom = 1 + z * z / n
        centre = (p + z * z / (2 * n)) / denom
        half = z / denom * np.sqrt(p * (1 - p) / n + z * z / (4 * n * n))
        low = np.where(n > 0, np.clip(centre - half, 0, 1), np.nan)
        high = np.where(n > 0, np.clip(centre + half, 0, 1), np.nan)
    if low.ndim == 0:
        return float(low), float(high)
    return low, high


def sessions_needed(p_fail: float, p_pass: float, *, confidence: float, power: float) -> int:
    """Sessions for a two-sided test at ``confidence`` to tell ``p_pass`` from ``p_fail``
    with probability ``power`` (normal approximation).

    >>> sessions_needed(0.01, 0.02, confidence=0.95, power=0.8)
    979
    """
    za = NormalDist().inv_cdf(1 - (1 - confidence) / 2)
    zb = NormalDist().inv_cdf(power)
    num = za * np.sqrt(p_fail * (1 - p_fail)) + zb * np.sqrt(p_pass * (1 - p_pass))
    return int(np.ceil((num / (p_pass - p_fail)) ** 2))


def pilot_metrics(pilot: pd.DataFrame, *, confidence: float = 0.95) -> pd.DataFrame:
    """Sessions, orders, conversion and its Wilson interval per SKU plus a TOTAL row.

    Conversion = orders / sessions (units when the file has no orders).

    >>> p = pd.DataFrame({"sku": ["A", "A"], "ds": pd.to_datetime(["2026-06-01", "2026-06-02"]),
    ...     "sessions": [100.0, 100.0], "orders": [2.0, 4.0], "units": [2.0, 5.0],
    ...     "price": [34.9, 34.9], "currency": "EUR", "channel": "FBM"})
    >>> pilot_metrics(p)[["sku", "sessions", "orders", "conversion"]].values.tolist()
    [['A', 200.0, 6.0, 0.03], ['TOTAL', 200.0, 6.0, 0.03]]
    """
    p = pilot.assign(sku=pilot["sku"].astype("str"))
    orders = p["orders"].where(p["orders"].notna(), p["units"])
    p = p.assign(orders=orders, revenue=p["units"] * p["price"])
    agg = dict(sessions=("sessions", "sum"), orders=("orders", "sum"), units=("units", "sum"),
               revenue=("revenue", "sum"), first_day=("ds", "min"), last_day=("ds", "max"),
               price=("price", "median"), currency=("currency", "first"))
    by = p.groupby("sku").agg(**agg).reset_index()
    tot = p.assign(sku="TOTAL").groupby("sku").agg(**agg).reset_index()
    m = pd.concat([by, tot], ignore_index=True)
    m["days"] = (pd.to_datetime(m["last_day"]) - pd.to_datetime(m["first_day"])).dt.days + 1
    with np.errstate(invalid="ignore", divide="ignore"):
        m["conversion"] = np.where(m["sessions"] > 0, m["orders"] / m["sessions"], np.nan)
        m["units_per_day"] = m["units"] / m["days"]
    m["conversion_low"], m["conversion_high"] = wilson_interval(m["orders"], m["sessions"], confidence)
    return m


def category_average_conversion(traffic: pd.DataFrame | None, params: dict,
                                exclude_skus=()) -> float:
    """``pilot.category_avg_conversion`` when set (> 0), else units ordered / sessions of
    the Business Report rows that are not the pilot SKUs; NaN when unknown."""
    set_value = PilotSettings.of(params).category_avg_conversion
    if set_value > 0:
        return set_value
    if traffic is None or len(traffic) == 0:
        return float("nan")
    t = traffic[~traffic["sku"].astype("str").isin([str(s) for s in exclude_skus])]
    sessions = t["sessions"].sum()
    return float(t["units_ordered"].sum() / sessions) if sessions > 0 else float("nan")


def price_band(listings: pd.DataFrame | None, params: dict) -> tuple[float, float]:
    """Competitors' price band: the ``pilot.price_band_quantiles`` of listing prices.

    >>> from seller_lab.params import load_params
    >>> price_band(pd.DataFrame({"price": [10.0, 20.0, 30.0, 40.0, 50.0]}), load_params())
    (20.0, 40.0)
    """
    if listings is None or len(listings) == 0:
        return float("nan"), float("nan")
    q_lo, q_hi = PilotSettings.of(params).price_band_quantiles
    prices = pd.to_numeric(listings["price"], errors="coerce").dropna()
    if prices.empty:
        return float("nan"), float("nan")
    return float(prices.quantile(q_lo)), float(prices.quantile(q_hi))


def our_reviews(reviews: pd.DataFrame | None, pilot: pd.DataFrame,
                traffic: pd.DataFrame | None = None) -> pd.DataFrame:
    """Reviews of the pilot SKUs written from the pilot's first day on.

    Our ASINs come from the Business Report (sku -> asin); a review whose ASIN equals a
    pilot SKU also counts.
    """
    if reviews is None or len(reviews) == 0:
        return reviews.iloc[0:0] if reviews is not None else pd.DataFrame()
    skus = set(pilot["sku"].astype("str"))
    asins = set(skus)
    if traffic is not None and len(traffic):
        asins |= set(traffic.loc[traffic["sku"].astype("str").isin(skus), "asin"].astype("str"))
    mask = reviews["asin"].astype("str").isin(asins) | reviews["unique_id"].astype("str").isin(asins)
    start = pd.Timestamp(pd.to_datetime(pilot["ds"]).min()).tz_localize("UTC")
    mask &= pd.to_datetime(reviews["ds"], utc=True) >= start
    return reviews[mask]


def selling_point_confirmation(reviews: pd.DataFrame, params: dict) -> pd.DataFrame:
    """Share of positive reviews (>= ``pilot.positive_rating_min`` stars) that confirm
    each preset selling point (``category.selling_points``).

    Uses :func:`seller_lab.text.match_selling_points` (multilingual concept matching).
    """
    pl = PilotSettings.of(params)
    points = list(CategorySettings.of(params).selling_points)
    cols = ["selling_point", "mentions", "positive_reviews", "share", "confirmed"]
    if not points:
        return pd.DataFrame(columns=cols)
    rating = pd.to_numeric(reviews["rating"], errors="coerce") if len(reviews) else pd.Series([], dtype=float)
    n_pos = int((rating >= pl.positive_rating_min).sum())
    counts = _mentions(reviews, points, params) if n_pos else {p: 0 for p in points}
    out = pd.DataFrame({"selling_point": points,
                        "mentions": [int(counts.get(p, 0)) for p in points],
                        "positive_reviews": n_pos})
    with np.errstate(invalid="ignore", divide="ignore"):
        out["share"] = np.where(n_pos > 0, out["mentions"] / max(n_pos, 1), np.nan)
    out["confirmed"] = out["share"] >= pl.selling_point_confirm_share
    return out[cols]


def _mentions(reviews: pd.DataFrame, points: list[str], params: dict) -> dict:
    """Positive reviews confirming each point (the text step's matcher)."""

    m = match_selling_points(reviews.reset_index(drop=True), points, params)
    return dict(zip(m["selling_point"].astype("str"), m["confirming_reviews"].astype(int)))


def evaluate_pilot(pilot: pd.DataFrame, params: dict, *, traffic: pd.DataFrame | None = None,
                   reviews: pd.DataFrame | None = None, listings: pd.DataFrame | None = None,
                   period: str = "", source_file: str = "") -> PilotResult:
    """Judge the small-batch test (R2.2) and return the verdict with its Decisions.

    Parameters
    ----------
    pilot : DataFrame
        Canonical ``pilot`` frame (sessions, orders, units, test price per SKU and day).
    params : dict
        ``pilot`` thresholds, ``category.selling_points``.
    traffic, reviews, listings : DataFrame, optional
        Business Report (category average, sku -> ASIN), reviews (negative rate,
        selling points) and competitor listings (price band).

    Examples
    --------
    >>> from seller_lab.params import load_params
    >>> p = load_params()
    >>> days = pd.date_range("2026-06-01", periods=30)
    >>> orders = ([1.0] + [0.0] * 9) * 3                  # 3 orders from 300 sessions
    >>> pilot = pd.DataFrame({"sku": "A", "ds": days, "sessions": 10.0, "orders": orders,
    ...     "units": orders, "price": 34.9, "currency": "EUR", "channel": "FBM"})
    >>> r = evaluate_pilot(pilot, p)
    >>> r.verdict, r.cause
    ('iterate', 'sample size')
    """
    pl = PilotSettings.of(params)
    cat = CategorySettings.of(params).slug or "category"
    conf = pl.confidence
    p_pass, p_fail = pl.conversion_pass, pl.conversion_fail
    neg_pass, neg_fail = pl.negative_rate_pass_max, pl.negative_rate_fail
    metrics = pilot_metrics(pilot, confidence=conf)
    skus = metrics.loc[metrics["sku"] != "TOTAL", "sku"].tolist()
    revs = our_reviews(reviews, pilot, traffic) if reviews is not None else pd.DataFrame()
    rating = pd.to_numeric(revs["rating"], errors="coerce") if len(revs) else pd.Series([], dtype=float)
    neg = rating <= pl.negative_rating_max
    n_rev, n_neg = int(rating.notna().sum()), int(neg.sum())
    neg_rate = n_neg / n_rev if n_rev else float("nan")
    metrics["reviews"] = np.nan
    metrics["negative_reviews"] = np.nan
    if len(revs):
        rmap = dict(zip(traffic["asin"].astype("str"), traffic["sku"].astype("str"))) \
            if traffic is not None and len(traffic) else {}
        rsku = revs["asin"].astype("str").map(lambda a: rmap.get(a, a))
        per = pd.DataFrame({"sku": rsku, "neg": neg.to_numpy()}).groupby("sku")["neg"].agg(["size", "sum"])
        metrics["reviews"] = metrics["sku"].map(per["size"]).astype(float)
        metrics["negative_reviews"] = metrics["sku"].map(per["sum"]).astype(float)
    total = metrics["sku"] == "TOTAL"
    metrics.loc[total, "reviews"] = float(n_rev)
    metrics.loc[total, "negative_reviews"] = float(n_neg)
    with np.errstate(invalid="ignore", divide="ignore"):
        metrics["negative_rate"] = metrics["negative_reviews"] / metrics["reviews"]

    tot = metrics[total].iloc[0]
    conv, lo, hi, sessions = float(tot["conversion"]), float(tot["conversion_low"]), \
        float(tot["conversion_high"]), float(tot["sessions"])
    avg = category_average_conversion(traffic, params, exclude_skus=skus)
    needed = sessions_needed(p_fail, p_pass, confidence=conf, power=pl.power)
    band = price_band(listings, params)
    test_price = float(tot["price"])
    currency = str(tot["currency"])
    sp = selling_point_confirmation(revs, params) if len(revs) else \
        selling_point_confirmation(pd.DataFrame(columns=["rating", "title", "text"]), params)
    sp_share = float(sp["confirmed"].mean()) if len(sp) else float("nan")
    sp_ok = bool(len(sp) == 0 or sp_share >= pl.selling_points_confirmed_min)
    src = dict(source_file=source_file, category=cat, period=period)

    decisions: list[Decision] = []
    enough = sessions >= needed
    pass_line = p_pass if np.isnan(avg) else min(p_pass, avg)
    conv_verdict = ("stop" if (hi < p_fail or (enough and conv < p_fail)) else
                    "pass" if (lo >= pass_line or (enough and conv >= pass_line)) else "iterate")
    decisions.append(Decision(
        unique_id=cat, rule="R2.2.conversion", metric=N_("pilot conversion (orders / sessions)"),
        value=round(conv, 4),
        threshold=(Phrase(">= {conv:g}", conv=p_pass) if np.isnan(avg) else
                   Phrase(N_(">= {conv:g} or >= category average {avg:.3g}"), conv=p_pass, avg=avg)),
        verdict=conv_verdict, params_key="pilot.conversion_pass",
        reason=Phrase(N_("{orders:.0f} orders from {sessions:.0f} sessions = {conv:.2%} ({conf:.0%} interval "
                         "{lo:.2%}-{hi:.2%}); pass at {pass_line:.2%}, stop below {p_fail:.0%}"),
                      orders=float(tot["orders"]), sessions=sessions, conv=conv, conf=conf, lo=lo, hi=hi,
                      pass_line=pass_line, p_fail=p_fail),
        inputs={"sessions": sessions, "orders": float(tot["orders"]), "low": lo, "high": hi,
                "category_average": avg}, **src))
    decisions.append(Decision(
        unique_id=cat, rule="R2.2.sample_size", metric=N_("pilot sessions"),
        value=int(sessions), threshold=f">= {needed}",
        verdict="pass" if enough else "iterate", params_key="pilot.power",
        reason=Phrase(N_("{sessions:.0f} sessions are enough to tell {p_pass:.0%} from {p_fail:.0%} conversion")
                      if enough else
                      N_("needs ~{more:.0f} more sessions to tell {p_pass:.0%} from {p_fail:.0%} conversion ({needed} "
                         "in all at {conf:.0%} confidence, {power:.0%} power)"),
                      sessions=sessions, p_pass=p_pass, p_fail=p_fail, more=needed - sessions, needed=needed,
                      conf=conf, power=pl.power),
        **src))
    if n_rev:
        rlo, rhi = wilson_interval(n_neg, n_rev, conf)
        neg_verdict = "stop" if neg_rate > neg_fail else ("pass" if neg_rate <= neg_pass else "iterate")
        neg_reason = Phrase(N_("{neg} of {n} reviews of the pilot SKUs have <= {stars} stars = {rate:.1%} "
                               "({conf:.0%} interval {lo:.1%}-{hi:.1%})"), neg=n_neg, n=n_rev,
                            stars=pl.negative_rating_max, rate=neg_rate, conf=conf, lo=rlo, hi=rhi)
    else:
        neg_verdict = "unknown"
        neg_reason = Phrase(N_("no review of the pilot SKUs yet: negative rate unknown"))
    decisions.append(Decision(
        unique_id=cat, rule="R2.2.negative_rate", metric=N_("negative-review rate"),
        value=round(neg_rate, 4) if n_rev else float("nan"),
        threshold=Phrase(N_("<= {max:g} (stop > {stop:g})"), max=neg_pass, stop=neg_fail), verdict=neg_verdict,
        params_key="pilot.negative_rate_pass_max", reason=neg_reason,
        inputs={"reviews": n_rev, "negative": n_neg}, **src))
    for r in sp.itertuples(index=False):
        decisions.append(Decision(
            unique_id=cat, rule="R2.2.selling_point",
            metric=Phrase(N_("positive reviews confirming '{point}'"), point=str(r.selling_point)),
            value=round(float(r.share), 3) if r.positive_reviews else float("nan"),
            threshold=f">= {pl.selling_point_confirm_share:g}",
            verdict=("pass" if r.confirmed else "iterate") if r.positive_reviews else "unknown",
            params_key="pilot.selling_point_confirm_share",
            reason=(Phrase(N_("{mentions} of {n} positive reviews mention '{point}'"), mentions=r.mentions,
                           n=r.positive_reviews, point=r.selling_point)
                    if r.positive_reviews else Phrase(N_("no positive review yet"))), **src))

    # overall verdict, cause and what to change
    price_high = bool(np.isfinite(band[1]) and test_price > band[1])
    function_bad = bool(n_rev and neg_rate > neg_pass)
    if conv_verdict == "stop" or neg_verdict == "stop":
        verdict = "stop"
    elif (conv_verdict == "pass" and neg_verdict == "pass" and sp_ok):
        verdict = "pass"
    else:
        verdict = "iterate"
    cause, change = Parts(sep=CAUSE_SEP), Parts()
    if verdict != "pass":
        if price_high and conv_verdict != "pass":
            cause += Parts.of(CAUSE_PRICE)
        if function_bad:
            cause += Parts.of(CAUSE_FUNCTION)
        if not cause:
            cause = Parts.of(CAUSE_SAMPLE if not enough and conv_verdict == "iterate" else
                             CAUSE_NO_REVIEWS if n_rev == 0 else
                             CAUSE_SELLING_POINTS if not sp_ok else CAUSE_UNCLEAR)
        causes = [template for template, _values in cause.parts]
        if CAUSE_PRICE in causes:
            change += Parts.of(CHANGE_PRICE, price=test_price, currency=currency, low=band[0], high=band[1])
        if CAUSE_FUNCTION in causes:
            change += Parts.of(CHANGE_FUNCTION, rate=neg_rate)
        if causes == [CAUSE_SELLING_POINTS]:
            missing = sp.loc[~sp["confirmed"], "selling_point"].tolist()
            change += Parts.of(CHANGE_SELLING_POINTS, points=", ".join(repr(m) for m in missing))
        if causes == [CAUSE_SAMPLE]:
            change += Parts.of(CHANGE_SAMPLE, more=max(needed - sessions, 0))
        if causes == [CAUSE_NO_REVIEWS]:
            change += Parts.of(CHANGE_NO_REVIEWS)
        if causes == [CAUSE_UNCLEAR]:
            change += Parts.of(CHANGE_UNCLEAR)
    neg = N_("n/a") if not n_rev else f"{neg_rate:.1%}"
    reason = Phrase({"pass": VERDICT_PASS, "stop": VERDICT_STOP, "iterate": VERDICT_ITERATE}[verdict],
                    conv=conv, sessions=sessions, neg=neg, cause=cause, change=change)
    decisions.append(Decision(
        unique_id=cat, rule="R2.2.pilot", metric=N_("small-batch test verdict"), value=verdict,
        threshold=Phrase(N_("conversion >= {conv:g}, negative <= {neg:g}; stop < {conv_stop:g} or > {neg_stop:g}"),
                         conv=p_pass, neg=neg_pass, conv_stop=p_fail, neg_stop=neg_fail),
        verdict=verdict, reason=reason, params_key="pilot.conversion_pass",
        inputs={"cause": str(cause), "change": str(change), "test_price": test_price,
                "price_band": band}, **src))
    return PilotResult(verdict=verdict, cause=str(cause), change=str(change), metrics=metrics,
                       selling_points=sp, decisions=decisions, sessions_needed=needed,
                       price_band=band)
