"""The pilot section (R2.1 / R2.2): a renderer of one
:class:`seller_lab.pilot.report.PilotReview` (``run_pilot(data, params, period)``).

It reads the result object only and imports nothing from the pilot package.
"""

from __future__ import annotations

import html

import numpy as np

from .. import plots
from ..render import HTML, banner, decisions_table, figure_html, join, key_numbers, note, table


def _plan_note(p) -> HTML:
    pl, plan = p.settings, p.plan
    return note(
        f"No pilot file yet: run the small-batch test plan (R2.1): {plan.units} units at "
        f"{plan.test_price:.2f} {plan.currency} (planned {plan.planned_price:.2f}), {plan.channel} with "
        f"{plan.shipping_days_min}-{plan.shipping_days_max}-day shipping, then drop its sessions/orders "
        f"export into the category's data folder. The pilot passes at >= {pl.conversion_pass:.0%} "
        f"conversion (or the category average) with <= {pl.negative_rate_pass_max:.0%} negative "
        f"reviews and stops below {pl.conversion_fail:.0%} or above {pl.negative_rate_fail:.0%}.")


def pilot_section(p) -> HTML:
    """Pilot verdict (pass / iterate / stop with cause and change), conversion with its
    interval, negative reviews, selling points and, on pass, the first order readings;
    the test plan when there is no pilot file."""
    r = p.result
    if r is None:
        return _plan_note(p)
    pl = p.settings
    tot = r.metrics[r.metrics["sku"] == "TOTAL"].iloc[0]
    neg = "n/a" if np.isnan(tot["negative_rate"]) else f"{tot['negative_rate']:.1%}"
    lines = [f"conversion {tot['conversion']:.2%} ({pl.confidence:.0%} interval "
             f"{tot['conversion_low']:.2%}-{tot['conversion_high']:.2%}) from {tot['sessions']:.0f} sessions",
             f"negative reviews {neg} of {0 if np.isnan(tot['reviews']) else int(tot['reviews'])}",
             f"selling points confirmed: {int(r.selling_points['confirmed'].sum()) if len(r.selling_points) else 0}"
             f" of {len(r.selling_points)}",
             f"{r.sessions_needed} sessions tell {pl.conversion_pass:.0%} from {pl.conversion_fail:.0%}"]
    if r.verdict != "pass":
        lines.append(f"likely cause: {r.cause}; change: {r.change}")
    parts = [banner("Small-batch test", r.verdict, lines),
             key_numbers([("sessions", f"{tot['sessions']:,.0f}", f"{tot['days']:.0f} days"),
                          ("orders", f"{tot['orders']:,.0f}", f"{tot['units']:,.0f} units"),
                          ("conversion", f"{tot['conversion']:.2%}", f"pass >= {pl.conversion_pass:.0%}"),
                          ("test price", f"{tot['price']:.2f} {tot['currency']}",
                           "competitors' band " + ("n/a" if np.isnan(r.price_band[0]) else
                                                   f"{r.price_band[0]:.2f}-{r.price_band[1]:.2f}"))])]
    parts.append(HTML(figure_html(_conversion_figure(r, pl))))
    cols = ["sku", "sessions", "orders", "units", "conversion", "conversion_low", "conversion_high",
            "price", "reviews", "negative_reviews", "negative_rate"]
    parts.append(table(r.metrics[cols], caption="Pilot per SKU", float_format="{:,.4f}"))
    if len(r.selling_points):
        parts.append(table(r.selling_points, caption="Preset selling points in positive reviews",
                           float_format="{:,.2f}"))
    parts.append(decisions_table(r.decisions_frame()))
    if r.verdict == "pass":
        parts.append(HTML(f"<h3>{html.escape('Pass -> stocking: first order from the pilot daily sales')}</h3>"))
        parts.append(table(p.first_order, float_format="{:,.1f}",
                           caption=f"{p.daily_units:.2f} units/day in the pilot"))
    return join(*parts)


def _conversion_figure(r, pl):
    m = r.metrics
    fig, ax = plots.new_figure(height=max(2.5, 0.5 * len(m) + 1.2))
    y = np.arange(len(m))[::-1]
    conv = m["conversion"].to_numpy(float) * 100
    err = np.vstack([conv - m["conversion_low"].to_numpy(float) * 100,
                     m["conversion_high"].to_numpy(float) * 100 - conv])
    ax.errorbar(conv, y, xerr=err, fmt="o", color=plots.PALETTE[0], capsize=4)
    ax.axvline(pl.conversion_pass * 100, color=plots.PALETTE[2], ls="--", lw=1, label="pass")
    ax.axvline(pl.conversion_fail * 100, color=plots.PALETTE[1], ls="--", lw=1, label="stop")
    ax.set_yticks(y, m["sku"].astype("str").tolist())
    ax.legend(loc="lower right")
    ax.grid(axis="y", visible=False)
    tot = m[m["sku"] == "TOTAL"].iloc[0]
    plots.finish(ax, title=f"Pilot converts {tot['conversion']:.1%}: verdict {r.verdict}",
                 xlabel=f"conversion, % of sessions ({pl.confidence:.0%} Wilson interval)",
                 source="pilot sessions and orders")
    return fig
