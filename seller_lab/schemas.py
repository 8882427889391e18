"""The canonical tidy frames that flow between every stage (defined once, here).

Like statsforecast's ``unique_id, ds, y``: importers and live clients produce these
frames, analysis functions consume them, nobody reshapes in between. Each frame is
described by an ordered mapping ``column -> (dtype, meaning)``. Timestamps are tz-aware
UTC (``datetime64[ns, UTC]``); local time is derived from the market's time zone in
params when a rule needs it. Money columns carry their currency in a ``currency`` column.

Dtype vocabulary: ``str``, ``int``, ``float``, ``bool``, ``ts`` (tz-aware UTC timestamp),
``date`` (naive calendar date, ``datetime64[ns]`` at midnight).

Examples
--------
>>> columns("series")
['unique_id', 'ds', 'y']
>>> "text" in columns("reviews")
True
"""

from __future__ import annotations

import pandas as pd

from .errors import SellerLabError

Spec = dict[str, tuple[str, str]]

# --- generic long frames --------------------------------------------------------------
SERIES: Spec = {
    "unique_id": ("str", "series id (SKU, keyword|geo, ...)"),
    "ds": ("date", "period start (day or week)"),
    "y": ("float", "value of the series in that period"),
}

DOCUMENT_BASE: Spec = {
    "doc_id": ("str", "stable id of the text within its source"),
    "source": ("str", "reddit | tiktok | forum | review | qa"),
    "unique_id": ("str", "what the text is about: ASIN for reviews/Q&A, subreddit/hashtag/forum for posts"),
    "ds": ("ts", "when it was written (UTC)"),
    "text": ("str", "the text itself (title + body for posts)"),
    "rating": ("float", "star rating 1-5 for reviews, NaN elsewhere"),
    "url": ("str", "link to the original, '' when unknown"),
}

# --- R1.1 demand ------------------------------------------------------------------------
TRENDS: Spec = {
    "unique_id": ("str", "'<keyword>|<geo>'"),
    "keyword": ("str", "search term as shown by Google Trends"),
    "geo": ("str", "ISO country (or region) code, 'WORLD' for worldwide"),
    "ds": ("date", "period start (week starts Sunday in Google's export)"),
    "y": ("float", "interest 0-100 relative to the peak; '<1' is read as 0.5"),
    "is_partial": ("bool", "the period is not complete yet (last row of a live answer)"),
}

POSTS: Spec = {
    **DOCUMENT_BASE,
    "kind": ("str", "submission | comment | video_comment | forum_post"),
    "title": ("str", "title of the submission/thread, '' for comments"),
    "author": ("str", "author handle, '' if deleted"),
    "score": ("float", "engagement: Reddit score, TikTok likes, forum likes"),
    "num_comments": ("float", "replies under it (NaN when unknown)"),
    "parent_id": ("str", "id of the submission/video it belongs to, '' for top level"),
}

REVIEWS: Spec = {
    **DOCUMENT_BASE,
    "asin": ("str", "reviewed (child) ASIN"),
    "parent_asin": ("str", "parent ASIN ('' when unknown)"),
    "title": ("str", "review headline"),
    "user_id": ("str", "reviewer id ('' when unknown)"),
    "helpful_vote": ("int", "helpful votes"),
    "verified_purchase": ("bool", "verified purchase flag"),
}

QUESTIONS: Spec = {
    **DOCUMENT_BASE,  # text = the question
    "asin": ("str", "ASIN the question was asked on"),
    "answer": ("str", "answer text(s) joined by ' || ', '' when unanswered"),
    "answer_ds": ("ts", "time of the (first) answer, NaT when unknown"),
    "question_type": ("str", "yes/no | open-ended | '' when unknown"),
}

# --- R1.2 competition -------------------------------------------------------------------
LISTINGS: Spec = {
    "asin": ("str", "competitor ASIN"),
    "title": ("str", "listing title"),
    "brand": ("str", "brand ('' when unknown)"),
    "price": ("float", "current price in `currency`"),
    "currency": ("str", "ISO currency code"),
    "rating": ("float", "average star rating"),
    "review_count": ("int", "number of ratings/reviews"),
    "est_monthly_sales": ("float", "estimated units/month (H10/JS estimate, not a measurement)"),
    "est_monthly_revenue": ("float", "estimated revenue/month in `currency` (estimate)"),
    "bsr": ("float", "best-seller rank (NaN when unknown)"),
    "seller_count": ("float", "number of active sellers"),
    "fulfillment": ("str", "FBA | FBM | AMZ | ''"),
    "bullets": ("str", "bullet points / description joined by ' | ', '' when not exported"),
    "source_file": ("str", "export the row came from"),
}

# --- Seller Central / ERP / help desk ------------------------------------------------------
TRAFFIC: Spec = {
    "asin": ("str", "child ASIN"),
    "parent_asin": ("str", "parent ASIN"),
    "sku": ("str", "seller SKU ('' when the report has none)"),
    "period_start": ("date", "first day covered by the report row"),
    "period_end": ("date", "last day covered by the report row"),
    "sessions": ("float", "sessions (total)"),
    "page_views": ("float", "page views (total)"),
    "units_ordered": ("float", "units ordered"),
    "ordered_product_sales": ("float", "sales in `currency`"),
    "currency": ("str", "ISO currency code"),
    "conversion": ("float", "unit session percentage (units / sessions) as a fraction: 0.0563 for 5.63%, "
                             "above 1 when orders hold several units"),
    "buy_box_share": ("float", "featured offer (buy box) percentage as a fraction"),
}

#: Order statuses that mean the order was called off: it sold nothing and ships nothing (the importer writes
#: 'cancelled', sources/aliases.yaml: status; frames built in code may spell it the American way).
ORDER_CANCELLED = ("cancelled", "canceled")

ORDERS: Spec = {
    "order_id": ("str", "order id"),
    "sku": ("str", "seller SKU"),
    "ds": ("ts", "purchase time (UTC)"),
    "units": ("int", "quantity"),
    "price": ("float", "item price per unit in `currency`"),
    "currency": ("str", "ISO currency code"),
    "channel": ("str", "amazon | shopify | ... ('' when unknown)"),
    "warehouse": ("str", "fulfilling warehouse code"),
    "region": ("str", "ship-to region (e.g. US-West, DE)"),
    "country": ("str", "ship-to ISO country"),
    "shipped_at": ("ts", "time the order left the warehouse (UTC), NaT if not yet"),
    "status": ("str", "shipped | pending | cancelled | ..."),
    "delay_reason": ("str", "ERP's reason for a late dispatch ('' when none given)"),
}

INVENTORY: Spec = {
    "ds": ("date", "snapshot date"),
    "sku": ("str", "seller SKU"),
    "warehouse": ("str", "warehouse code"),
    "on_hand": ("int", "sellable units"),
    "inbound": ("int", "units in transit to this warehouse"),
    "reserved": ("int", "reserved/unfulfillable units"),
}

SHIPMENTS: Spec = {
    "shipment_id": ("str", "first-leg shipment id"),
    "sku": ("str", "seller SKU"),
    "units": ("int", "units shipped"),
    "warehouse": ("str", "destination warehouse"),
    "mode": ("str", "sea | air | rail | express"),
    "departed_at": ("ts", "departure from origin"),
    "eta": ("ts", "expected arrival at the warehouse"),
    "arrived_at": ("ts", "actual arrival, NaT if not yet"),
    "appointment_booked_at": ("ts", "when the inbound appointment was booked, NaT if not"),
    "carton_labels_ok": ("bool", "carton labels checked against the warehouse's rules"),
    "sku_labels_ok": ("bool", "SKU labels checked"),
}

RETURNS: Spec = {
    "ds": ("ts", "return date (UTC)"),
    "order_id": ("str", "order id"),
    "sku": ("str", "seller SKU"),
    "asin": ("str", "ASIN"),
    "product_name": ("str", "product name"),
    "quantity": ("int", "units returned"),
    "fulfillment_center_id": ("str", "FC / warehouse"),
    "detailed_disposition": ("str", "SELLABLE | DEFECTIVE | CUSTOMER_DAMAGED | ..."),
    "reason": ("str", "canonical reason code (e.g. TOO_SMALL, DAMAGED_BY_CARRIER); unknown codes kept as given"),
    "reason_raw": ("str", "reason as exported (localised text kept)"),
    "status": ("str", "return status"),
    "customer_comments": ("str", "free-text comment ('' when none)"),
}

TICKETS: Spec = {
    "ticket_id": ("str", "help-desk ticket id"),
    "created_at": ("ts", "creation time (UTC)"),
    "first_reply_minutes": ("float", "calendar minutes to first reply as exported (NaN if none)"),
    "first_reply_at": ("ts", "created_at + first reply (UTC), NaT if none"),
    "channel": ("str", "email | chat | web | ..."),
    "subject": ("str", "subject"),
    "sku": ("str", "SKU mentioned (tag/field), '' when unknown"),
    "status": ("str", "status"),
    "satisfaction": ("str", "good | bad | '' (offered/unoffered)"),
}

PILOT: Spec = {
    "sku": ("str", "pilot SKU"),
    "ds": ("date", "day"),
    "sessions": ("float", "sessions/visits that day"),
    "orders": ("float", "orders that day"),
    "units": ("float", "units that day"),
    "price": ("float", "test price in `currency`"),
    "currency": ("str", "ISO currency code"),
    "channel": ("str", "FBM | shopify | ..."),
}

# --- outputs -----------------------------------------------------------------------------
FORECAST_BASE: Spec = {
    "unique_id": ("str", "series id"),
    "ds": ("date", "forecast date"),
}  # + one column per model, and '<model>-lo-80' / '<model>-hi-80'

DECISIONS: Spec = {
    "unique_id": ("str", "what was judged: category slug, SKU, ASIN, shipment ..."),
    "rule": ("str", "rule id, e.g. 'R1.3.cert_cost_share'"),
    "metric": ("str", "what was measured"),
    "value": ("str", "measured value (as text, numbers formatted)"),
    "threshold": ("str", "threshold from params, with its comparison, e.g. '<= 0.30'"),
    "verdict": ("str", "outcome, e.g. pass | fail | go | watch | reject | alert"),
    "reason": ("str", "one sentence a manager understands"),
    "source_file": ("str", "input file(s) behind the value"),
    "category": ("str", "category slug"),
    "period": ("str", "report period (YYYY-MM or YYYY-MM-DD)"),
    "params_key": ("str", "params key of the threshold, e.g. 'compliance.max_cert_cost_share'"),
    "reason_template": ("str", "the reason's catalog template ('' for a rule that keeps text only)"),
    "reason_values": ("str", "the values that fill the template, as JSON (a later report "
                             "re-renders the stored reason in its own language)"),
}

FRAMES: dict[str, Spec] = {
    "series": SERIES,
    "trends": TRENDS,
    "posts": POSTS,
    "reviews": REVIEWS,
    "questions": QUESTIONS,
    "listings": LISTINGS,
    "traffic": TRAFFIC,
    "orders": ORDERS,
    "inventory": INVENTORY,
    "shipments": SHIPMENTS,
    "returns": RETURNS,
    "tickets": TICKETS,
    "pilot": PILOT,
    "decisions": DECISIONS,
}


def columns(kind: str) -> list[str]:
    """Column names of a canonical frame, in order.

    >>> columns("decisions")[:3]
    ['unique_id', 'rule', 'metric']
    """
    try:
        return list(FRAMES[kind])
    except KeyError:

        raise SellerLabError(
            f"unknown frame kind '{kind}'; known: {', '.join(sorted(FRAMES))}"
        ) from None


def empty_frame(kind: str):
    """An empty canonical frame with the right columns and dtypes.

    >>> empty_frame("series").dtypes.astype(str).to_dict()
    {'unique_id': 'str', 'ds': 'datetime64[ns]', 'y': 'float64'}
    """

    dtypes = {"str": "str", "int": "int64", "float": "float64", "bool": "bool",
              "ts": "datetime64[ns, UTC]", "date": "datetime64[ns]"}
    return pd.DataFrame({c: pd.Series(dtype=dtypes[t]) for c, (t, _) in FRAMES[kind].items()})


# value checks beyond dtypes (pandera); canonical columns not listed only check the dtype
_CHECKS = {
    ("reviews", "rating"): ("in_range", 1.0, 5.0),
    ("trends", "y"): ("in_range", 0.0, 100.0),
    ("traffic", "conversion"): ("ge", 0.0),   # units / sessions: 1.15 for 23 units in 20 sessions
    ("traffic", "buy_box_share"): ("in_range", 0.0, 1.0),
    ("orders", "units"): ("ge", 0),
    ("inventory", "on_hand"): ("ge", -10**9),
    ("returns", "quantity"): ("ge", 0),
    ("tickets", "first_reply_minutes"): ("ge", 0),
}
_PANDERA_DTYPES = {"str": "str", "int": "int64", "float": "float64", "bool": "bool",
                   "ts": "datetime64[ns, UTC]", "date": "datetime64[ns]"}


def pandera_schema(kind: str):
    """pandera ``DataFrameSchema`` generated from :data:`FRAMES` (dtypes, nullability of
    timestamps/floats, value ranges).

    >>> pandera_schema("series").columns["y"].dtype.type.name
    'float64'
    """
    import pandera.pandas as pa

    cols = {}
    for col, (typ, meaning) in FRAMES[kind].items():
        checks = []
        spec = _CHECKS.get((kind, col))
        if spec and spec[0] == "in_range":
            checks.append(pa.Check.in_range(spec[1], spec[2]))
        elif spec and spec[0] == "ge":
            checks.append(pa.Check.ge(spec[1]))
        dtype = _PANDERA_DTYPES[typ]
        if typ == "str":
            dtype = None   # pandas 3 'str' vs object: checked via the Check below
            # ignore_na=False: pandera would otherwise look for nulls in every text column once more
            # (0.02-0.03 s per column per 1M rows) to drop them; a null is the not-nullable check's
            checks.append(pa.Check(lambda s: s.map(lambda v: isinstance(v, str) or pd.isna(v)).all()
                                   if s.dtype == object else True, element_wise=False,
                                   name="is_text", ignore_na=False))
        cols[col] = pa.Column(dtype, checks=checks, nullable=typ in ("float", "ts", "date"),
                              description=meaning)
    return pa.DataFrameSchema(cols, strict=False, name=kind, coerce=False)
