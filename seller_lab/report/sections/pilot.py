"""The pilot section (R2.1 / R2.2): a renderer of one
:class:`seller_lab.pilot.report.PilotReview` (``run_pilot(data, params, period)``).

It reads the result object only and imports nothing from the pilot package.
"""

from __future__ import annotations

import numpy as np

from ...decisions import translated_values
from ...i18n import CJK_FAMILY, register_cjk_font
from .. import plots
from ..render import HTML, figure_html, heading, join, key_numbers, note, table
from .localized import banner, decisions_table, translated_cells, translator_of


def _plan_note(p, tr) -> HTML:
    pl, plan = p.settings, p.plan
    if plan.units <= 0:  # the category's unit economics are not set: no units or price to run the test with
        return note(tr(
            "No pilot file yet, and no test plan: set {keys} in the category's params to plan the small-batch "
            "test (R2.1), then drop its sessions/orders export into the category's data folder.",
            keys=", ".join(plan.missing)), "warn")
    return note(tr(
        "No pilot file yet: run the small-batch test plan (R2.1): {units} units at {price} {currency} "
        "(planned {planned}), {channel} with {ship_min}-{ship_max}-day shipping, then drop its "
        "sessions/orders export into the category's data folder. The pilot passes at >= {conv_pass} "
        "conversion (or the category average) with <= {neg_pass} negative reviews and stops below "
        "{conv_fail} or above {neg_fail}.", units=plan.units, price=tr.number(plan.test_price, 2),
        currency=plan.currency, planned=tr.number(plan.planned_price, 2), channel=tr(str(plan.channel)),
        ship_min=plan.shipping_days_min, ship_max=plan.shipping_days_max,
        conv_pass=tr.percent(pl.conversion_pass, 0), neg_pass=tr.percent(pl.negative_rate_pass_max, 0),
        conv_fail=tr.percent(pl.conversion_fail, 0), neg_fail=tr.percent(pl.negative_rate_fail, 0)))


def _cause_and_change(r, tr) -> dict:
    """The verdict's cause and change in the page's language: the R2.2 decision keeps them
    as catalog parts (see :class:`seller_lab.decisions.Parts`); plain text otherwise."""
    verdict = next((d for d in r.decisions if d.rule == "R2.2.pilot"), None)
    values = {"cause": r.cause, "change": r.change}
    if verdict is not None:
        values.update({k: v for k, v in verdict.values.items() if k in values})
    return translated_values(values, tr)


def pilot_section(p, lang: str | None = None) -> HTML:
    """Pilot verdict (pass / iterate / stop with cause and change), conversion with its
    interval, negative reviews, selling points and, on pass, the first order readings;
    the test plan when there is no pilot file. ``lang`` overrides ``report.language``."""
    tr = translator_of(p.settings, lang)
    r = p.result
    if r is None:
        return _plan_note(p, tr)
    pl = p.settings
    tot = r.metrics[r.metrics["sku"] == "TOTAL"].iloc[0]
    neg = tr("n/a") if np.isnan(tot["negative_rate"]) else tr.percent(tot["negative_rate"], 1)
    lines = [tr("conversion {conv} ({confidence} interval {low}-{high}) from {sessions} sessions",
               conv=tr.percent(tot["conversion"], 2), confidence=tr.percent(pl.confidence, 0),
               low=tr.percent(tot["conversion_low"], 2), high=tr.percent(tot["conversion_high"], 2),
               sessions=f"{tot['sessions']:.0f}"),
             tr("negative reviews {rate} of {n}", rate=neg,
               n=0 if np.isnan(tot["reviews"]) else int(tot["reviews"])),
             tr("selling points confirmed: {n} of {total}",
               n=int(r.selling_points["confirmed"].sum()) if len(r.selling_points) else 0,
               total=len(r.selling_points)),
             tr("{n} sessions tell {conv_pass} from {conv_fail}", n=r.sessions_needed,
               conv_pass=tr.percent(pl.conversion_pass, 0), conv_fail=tr.percent(pl.conversion_fail, 0))]
    if r.verdict != "pass":
        lines.append(tr("likely cause: {cause}; change: {change}", **_cause_and_change(r, tr)))
    band = (tr("n/a") if np.isnan(r.price_band[0]) else
            f"{tr.number(r.price_band[0], 2)}-{tr.number(r.price_band[1], 2)}")
    parts = [banner(tr, tr("Small-batch test"), r.verdict, lines),
             key_numbers([(tr("sessions"), tr.number(tot["sessions"]), tr("{n} days", n=f"{tot['days']:.0f}")),
                          (tr("orders"), tr.number(tot["orders"]), tr("{n} units", n=tr.number(tot["units"]))),
                          (tr("conversion"), tr.percent(tot["conversion"], 2),
                           tr("pass >= {conv_pass}", conv_pass=tr.percent(pl.conversion_pass, 0))),
                          (tr("test price"), f"{tr.number(tot['price'], 2)} {tot['currency']}",
                           tr("competitors' band {band}", band=band))])]
    parts.append(HTML(figure_html(_conversion_figure(r, pl, tr))))
    cols = ["sku", "sessions", "orders", "units", "conversion", "conversion_low", "conversion_high",
            "price", "reviews", "negative_reviews", "negative_rate"]
    parts.append(table(translated_cells(r.metrics[cols], tr, ["sku"]), caption=tr("Pilot per SKU"),
                       float_format="{:,.4f}", t=tr))
    if len(r.selling_points):
        parts.append(table(translated_cells(r.selling_points, tr, ["confirmed"]),
                           caption=tr("Preset selling points in positive reviews"), float_format="{:,.2f}", t=tr))
    parts.append(decisions_table(r.decisions, tr))
    if r.verdict == "pass":
        parts.append(heading(tr("Pass -> stocking: first order from the pilot daily sales")))
        parts.append(table(translated_cells(p.first_order, tr, ["reading"]), float_format="{:,.1f}",
                           caption=tr("{daily} units/day in the pilot", daily=tr.number(p.daily_units, 2)), t=tr))
    return join(*parts)


def _conversion_figure(r, pl, tr):
    register_cjk_font()
    family = plots.matplotlib.rcParams["font.family"]
    if CJK_FAMILY not in family:
        plots.matplotlib.rcParams["font.family"] = [*family, CJK_FAMILY]
    m = r.metrics
    fig, ax = plots.new_figure(height=max(2.5, 0.5 * len(m) + 1.2))
    y = np.arange(len(m))[::-1]
    conv = m["conversion"].to_numpy(float) * 100
    err = np.vstack([conv - m["conversion_low"].to_numpy(float) * 100,
                     m["conversion_high"].to_numpy(float) * 100 - conv])
    ax.errorbar(conv, y, xerr=err, fmt="o", color=plots.PALETTE[0], capsize=4)
    ax.axvline(pl.conversion_pass * 100, color=plots.PALETTE[2], ls="--", lw=1, label=tr("pass"))
    ax.axvline(pl.conversion_fail * 100, color=plots.PALETTE[1], ls="--", lw=1, label=tr("stop"))
    ax.set_yticks(y, m["sku"].astype("str").tolist())
    ax.legend(loc="lower right")
    ax.grid(axis="y", visible=False)
    tot = m[m["sku"] == "TOTAL"].iloc[0]
    plots.finish(ax, title=tr("Pilot converts {conv}: verdict {verdict}", conv=tr.percent(tot["conversion"], 1),
                             verdict=tr(str(r.verdict))),
                 xlabel=tr("conversion, % of sessions ({confidence} Wilson interval)",
                          confidence=tr.percent(pl.confidence, 0)),
                 source=tr("pilot sessions and orders"))
    return fig
