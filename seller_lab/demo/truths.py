"""The planted truths of the demo world, machine-readable (the same list as ``TRUTHS.md``).

:data:`TRUTHS` maps each demo category to its truths. Every truth has an ``id``, the
``area`` (research, pilot, stock, fulfilment, aftersales, review), a ``statement`` in plain
words, what must recover it (``recovered_by``: issue and test), and -- where the generator
measures it -- a ``check``: the dotted path of the number in the generator's truths
(``generate()[slug]["truths"]`` or ``<out>/_truths.json``) with its allowed range or value.

:func:`check` evaluates those ranges on a generated demo, so a change of a generator that
breaks a planted truth fails a test (``tests/demo/test_generate.py``).

Examples
--------
>>> sorted(TRUTHS)
['camping-chair-de', 'kids-toy-us', 'kitchen-organizer-de']
>>> truth("camping-chair-de", "trends_seasonal")["check"]["min"]
0.6
>>> value({"market": {"trends": {"growth_recent_3m": 0.2}}}, "market.trends.growth_recent_3m")
0.2
"""

from __future__ import annotations

import json
from pathlib import Path

_T_GEN = "tests/demo/test_generate.py"
_T_TEXT = "tests/text/test_demo_truths.py"
_T_PILOT = "tests/pilot/test_demo_truths.py"
_T_STOCK = "tests/stock/test_demo_truths.py"
_T_REVIEW = "tests/review/test_demo_truths.py"
_T_SRC = "tests/sources/test_demo_files.py"
_T_OPS = "tests/demo/test_ops.py"
_T_REPORTS = "tests/foundation/test_demo_reports.py"


def _t(id_, area, statement, recovered_by, check=None):
    out = {"id": id_, "area": area, "statement": statement, "recovered_by": recovered_by}
    if check:
        out["check"] = check
    return out


def _rng(path, lo=None, hi=None):
    c = {"path": path}
    if lo is not None:
        c["min"] = lo
    if hi is not None:
        c["max"] = hi
    return c


def _eq(path, expected):
    return {"path": path, "equals": expected}


_TRENDS_BY = f"issue 5 R1.1 (seller_lab.research.trends.analyse_trends); {_T_GEN}"

TRUTHS: dict[str, list[dict]] = {
    "kitchen-organizer-de": [
        _t("trends_rising", "research",
           "Google Trends (multiTimeline.csv, 3 keywords, DE) rising: mean of the last 3 months "
           "(complete weeks through 2026-11-15) ~+20 % vs the same months a year earlier",
           _TRENDS_BY, _rng("market.trends.growth_recent_3m", 0.15, 0.25)),
        _t("trends_not_seasonal", "research",
           "not seasonal: STL (period 52) seasonal strength well below 0.4",
           _TRENDS_BY, _rng("market.trends.seasonal_strength", None, 0.35)),
        _t("trends_partial_week", "research",
           "the last row (week of 2026-11-22) is the running, partial week (low value) and is "
           "dropped before measuring", _TRENDS_BY, _eq("market.trends.last_week", "2026-11-22")),
        _t("qa_gaps_power_plates", "research",
           "Q&A on the top-10 competitors: '230 V / EU-Stecker / Steckdose / Volt' (~30 questions) "
           "and 'große Teller, 30 cm' (~20); no competitor listing mentions voltage or plate size "
           "-> both are demand gaps; dishwasher-safe (spülmaschinenfest) and dimensions (Maße) are "
           "answered by listings", f"issue 4 (text.demand_gaps); {_T_TEXT}",
           _eq("text.qa_gaps", ["power", "plate"])),
        _t("qa_power_questions", "research",
           "~30 Q&A questions about 230 V / plug and ~20 about large plates on the top-10 "
           "competitors at scale 1 (text.qa_theme_counts)",
           f"issue 4; {_T_TEXT}"),   # scales with --scale: no fixed range
        _t("listings_silent_on_power_and_plates", "research",
           "no competitor listing (Helium 10 titles) mentions voltage/plug or plate size",
           f"issue 4; {_T_TEXT}", _eq("text.listing_mentions.power", 0)),
        _t("pain_points", "research",
           "posts: large plates do not fit, rust after weeks, water drips onto the counter",
           f"issue 4 (text.pain_points); {_T_TEXT}"),
        _t("negative_reasons", "research",
           "competitor negative reviews: thin material / wobbly (dünnes Material, wackelig) first, "
           "then rust", f"issue 4 (text.negative_reasons); {_T_TEXT}",
           _eq("text.negative_reasons.0", "thin")),
        _t("positive_keywords", "research",
           "positive review keywords: easy to assemble (einfach aufzubauen), stable (stabil)",
           f"issue 4; {_T_TEXT}"),
        _t("compliance_pass", "research",
           "food contact (LFGB / EU 1935/2004) test cost small vs expected profit -> pass; "
           "research verdict go", f"issue 5; {_T_REPORTS}"),
        _t("pilot_passes", "pilot",
           "pilot KO-RACK-2T 2026-09-01..10-31, FBM, test price 34.90 EUR (planned 29.90): exactly "
           "3,200 sessions and 96 orders (3.0 %) -> pass (with ~3 % negative own reviews)",
           f"issue 6 R2.2 (pilot.evaluate_pilot); {_T_PILOT}",
           _rng("market.pilot.conversion", 0.025, 0.035)),
        _t("pilot_reviews_ok", "pilot",
           "own KO-RACK-2T reviews in the pilot window: ~100, ~3 % negative (<= 2 stars), every "
           "preset selling point confirmed by >= 15 % of the positive ones",
           f"issue 6 R2.2; {_T_PILOT}",
           _rng("text.our_reviews.KO-RACK-2T.negative_rate", None, 0.05)),
        _t("pilot_sessions", "pilot", "pilot sessions enough to tell 2 % from 1 % (>= 979)",
           f"issue 6; {_T_PILOT}", _eq("market.pilot.sessions", 3200)),
        _t("fast_mover", "stock",
           "KO-RACK-2T turnover in 2026-10 > 2 / month (units sold / average on-hand) -> +30 %",
           f"issue 6/7; {_T_STOCK}, {_T_SRC}",
           _rng("ops.turnover_2026_10.KO-RACK-2T", 2.0, None)),
        _t("too_small_week", "aftersales",
           "'too small' (TOO_SMALL, 'zu klein') is the top FBA return reason in the ISO week "
           "starting Monday 2026-10-12 (SKU KO-DRAWER-S); other weeks led by other reasons",
           f"issue 7; {_T_TEXT}, {_T_REVIEW}",
           _eq("ops.weekly_top_return_reason.2026-10-12", "TOO_SMALL")),
        _t("late_orders", "fulfilment",
           "orders in 2026-10 not shipped within 24 h, mostly at FR-PAR (secondary) with 'no "
           "stock' (stock-out of KO-RACK-2T at FR-PAR), a few 'picking error'",
           f"issue 7; {_T_REVIEW}, {_T_SRC}", _rng("ops.late_orders_2026_10_total", 5, None)),
        _t("inbound_booking", "fulfilment",
           "first-leg shipment KO20260930-01 arriving 2026-10-06 booked only 3 days before, "
           "KO20260827-01 (arrived 2026-10-07) never booked -> both flagged (< 7 days)",
           f"issue 7; {_T_REVIEW}",
           _eq("ops.shipments_planted.booked_3_days_before", "KO20260930-01")),
        _t("ticket_edges", "aftersales",
           "Zendesk first replies judged in business hours (09:00-18:00 Europe/Berlin Mon-Fri "
           "without holidays): Friday 17:50 answered Monday 09:20 = 30 min (no breach), holiday / "
           "Saturday / DST edge cases no breach; 2 planted breaches (95 and 75 business minutes); "
           "ticket ids in _truths.json ops.tickets", f"issue 7; {_T_REVIEW}, {_T_SRC}",
           _eq("ops.tickets.friday_1750.business_minutes", 30)),
        _t("sop_overdue", "review",
           "SOP 'after-sales analysis every Monday - CS lead' has no completion for Monday "
           "2026-10-19 (data/demo/sop_log.csv) -> overdue in the 2026-10 report",
           f"issue 7; {_T_REVIEW}", _eq("ops.sop_missing.due_date", "2026-10-19")),
    ],
    "camping-chair-de": [
        _t("trends_flat", "research",
           "Google Trends flat: |growth of the last 3 months vs a year earlier| < 5 %",
           _TRENDS_BY, _rng("market.trends.growth_recent_3m", -0.05, 0.05)),
        _t("trends_seasonal", "research",
           "strongly seasonal: STL seasonal strength > 0.6, peak May-July -> research verdict "
           "watch (seasonality)", _TRENDS_BY, _rng("market.trends.seasonal_strength", 0.6, None)),
        _t("trends_peak", "research", "peak months of the interest: May, June, July",
           _TRENDS_BY, _eq("market.trends.peak_months", [5, 6, 7])),
        _t("trends_below_one", "research",
           "the long-tail keyword (anglerstuhl) reads '<1' in winter weeks (importer: 0.5)",
           f"issue 3; {_T_GEN}", _rng("market.trends.below_one_cells", 1, None)),
        _t("pain_points", "research", "posts: seam tears, too low to sit down / stand up, heavy",
           f"issue 4; {_T_TEXT}"),
        _t("no_pilot", "pilot", "no pilot file: the report shows the test plan instead",
           f"issue 6; {_T_PILOT}", _eq("market.pilot", None)),
        _t("slow_mover", "stock",
           "CC-CHAIR-XL turnover in 2026-10 < 1 / month -> -50 % and a bundle",
           f"issue 6/7; {_T_STOCK}", _rng("ops.turnover_2026_10.CC-CHAIR-XL", None, 1.0)),
        _t("orders_seasonal", "stock",
           "camping chair orders strongly seasonal (peak May-Aug), >= 2 years of daily orders "
           "per SKU; the plan ships before the peak", f"issue 6; {_T_STOCK}"),
        _t("late_orders", "fulfilment",
           "orders in 2026-10 not shipped within 24 h, mostly FR-PAR 'no stock' (stock-out of "
           "CC-CHAIR-STD at FR-PAR)", f"issue 7; {_T_REVIEW}",
           _rng("ops.late_orders_2026_10_total", 3, None)),
    ],
    "kids-toy-us": [
        _t("trends_rising", "research",
           "Google Trends (US) mildly rising: ~+12 % last 3 months vs a year earlier",
           _TRENDS_BY, _rng("market.trends.growth_recent_3m", 0.08, 0.16)),
        _t("trends_not_seasonal", "research",
           "a weak Christmas bump (peak December) but seasonal strength below 0.4",
           _TRENDS_BY, _rng("market.trends.seasonal_strength", None, 0.4)),
        _t("compliance_reject", "research",
           "children's toys US: CPC + CPSC-accepted lab testing (ASTM F963) cost > 30 % of the "
           "expected profit (~USD 7.2k from params unit economics) -> research verdict reject",
           f"issue 5; {_T_REPORTS}"),
        _t("pain_points", "research", "posts: magnets fall out, weak magnets", f"issue 4; {_T_TEXT}"),
        _t("pilot_fails_price", "pilot",
           "pilot KT-TILES-60 2026-09-01..10-31, FBM, test price 34.99 USD above the competitors' "
           "25-75 % price band (~USD 20-30, Helium 10): exactly 2,500 sessions and 18 orders "
           "(0.72 %) -> stop, cause 'price'", f"issue 6 R2.2; {_T_PILOT}",
           _rng("market.pilot.conversion", None, 0.009)),
        _t("price_band_below_test_price", "pilot",
           "the in-band competitors' 25-75 % price band (Helium 10) ends below the toy pilot's "
           "34.99 USD", f"issue 6 (pilot.price_band); {_T_PILOT}",
           _rng("text.price_band_in_band.1", None, 34.0)),
        _t("pilot_price", "pilot", "the pilot's test price 34.99 USD",
           f"issue 6; {_T_PILOT}", _eq("market.pilot.price", 34.99)),
        _t("stock_transfer", "stock",
           "KT-TILES-60 low at US-EAST while US-WEST has excess -> transfer suggestion",
           f"issue 6; {_T_STOCK}", _rng("ops.on_hand_2026_10_31.KT-TILES-60|US-EAST", None, 10)),
        _t("late_orders", "fulfilment",
           "orders in 2026-10 not shipped within 24 h, mostly US-EAST 'no stock'",
           f"issue 7; {_T_REVIEW}", _rng("ops.late_orders_2026_10_total", 3, None)),
        _t("label_checks", "fulfilment",
           "some first-leg shipments fail the carton/SKU label check (ids in "
           "ops.label_check_failed)", f"issue 7; {_T_REVIEW}"),
    ],
}


def truth(slug: str, truth_id: str) -> dict:
    """One truth by category and id (KeyError naming the known ids otherwise)."""
    for t in TRUTHS[slug]:
        if t["id"] == truth_id:
            return t
    raise KeyError(f"{slug} has no truth {truth_id!r}; known: "
                   f"{', '.join(t['id'] for t in TRUTHS[slug])}")


def value(measured: dict, path: str):
    """The value at a dotted ``path`` of a category's generator truths (keys may contain
    '-' and '|'; a path segment is matched greedily against the keys; a number indexes
    a list)."""
    node = measured
    parts = path.split(".")
    i = 0
    while i < len(parts):
        for j in range(len(parts), i, -1):   # keys such as '2026-10-12' or 'KT-TILES-60|US-WEST'
            key = ".".join(parts[i:j])
            if isinstance(node, dict) and key in node:
                node = node[key]
                i = j
                break
            if isinstance(node, list) and key.isdigit() and int(key) < len(node):
                node = node[int(key)]
                i = j
                break
        else:
            raise KeyError(f"no {'.'.join(parts[:i + 1])!r} in the demo truths")
    return node


def check(measured_by_slug: dict) -> list[dict]:
    """Evaluate every truth with a ``check`` on the generator's truths.

    Parameters
    ----------
    measured_by_slug : ``{slug: truths}``, e.g. ``{s: r["truths"] for s, r in
        generate(...).items() if s != "sop_log"}`` or ``load(out_dir)``

    Returns
    -------
    list of ``{"category", "id", "path", "value", "ok"}`` (categories not generated are left out)

    >>> rows = check({"camping-chair-de": {"market": {"trends": {"growth_recent_3m": 0.01}}}})
    >>> [(r["id"], r["ok"]) for r in rows][:1]
    [('trends_flat', True)]
    """
    rows = []
    for slug, measured in measured_by_slug.items():
        for t in TRUTHS.get(slug, []):
            c = t.get("check")
            if not c:
                continue
            try:
                v = value(measured, c["path"])
            except KeyError:
                continue
            if "equals" in c:
                ok = v == c["equals"]
            else:
                ok = (v is not None and ("min" not in c or v >= c["min"])
                      and ("max" not in c or v <= c["max"]))
            rows.append({"category": slug, "id": t["id"], "path": c["path"], "value": v,
                         "ok": bool(ok)})
    return rows


def load(out_dir) -> dict:
    """``{slug: truths}`` from ``<out_dir>/_truths.json`` written by ``generate``."""
    doc = json.loads((Path(out_dir) / "_truths.json").read_text(encoding="utf-8"))
    return doc.get("categories", {})
