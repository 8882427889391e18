"""Report-language pieces the monthly, stock and pilot sections share (R7).

A section takes its language from the result object's settings (``report.language``)
unless the caller passes ``lang=``; every fixed text goes through the catalog, so the
English page is the message ids themselves. Data (SKUs, warehouse codes, customer
quotes) is shown as it is.

Examples
--------
>>> tr = translator("zh")
>>> translated_columns(pd.DataFrame(columns=["sku", "units"]), tr).columns.tolist()
['SKU', '件数']
>>> translated_columns(pd.DataFrame(columns=["sku", "units"]), translator("en")).columns.tolist()
['sku', 'units']
"""

from __future__ import annotations

import html
import re

import numpy as np
import pandas as pd

from ...decisions import (
    Parts,
    localized_metric,
    localized_reason,
    localized_threshold,
    translated_values,
)
from ...i18n import N_, Translator, translator
from ...text import detect_language
from ..render import HTML, VERDICT_COLOURS, note, table

#: Verdict words as the badge shows them (message ids; the colour keys stay English).
VERDICT_WORDS = {"go": N_("GO"), "pass": N_("PASS"), "ok": N_("OK"), "watch": N_("WATCH"),
                 "iterate": N_("ITERATE"), "alert": N_("ALERT"), "unknown": N_("UNKNOWN"),
                 "reject": N_("REJECT"), "stop": N_("STOP"), "fail": N_("FAIL"),
                 "increase": N_("INCREASE"), "decrease": N_("DECREASE"), "keep": N_("KEEP")}

#: Column names of the tables the monthly page shows, as message ids (English pages
#: keep the column names; a translated page shows the catalog's words).
COLUMN_WORDS = [N_("sku"), N_("units"), N_("step"), N_("action"), N_("owner"), N_("why"),
                N_("unique_id"), N_("rule"), N_("metric"), N_("value"), N_("threshold"), N_("verdict"),
                N_("reason"), N_("category / SKU"), N_("warehouse"), N_("status"), N_("week"),
                N_("late orders"), N_("kind"), N_("rows"), N_("first"), N_("last"),
                N_('arrival'), N_('avg_on_hand'), N_('avg_stock'), N_('booking_lead_days'), N_('booking_ok'),
                N_('brand'), N_('bundle_with'), N_('business_minutes'), N_('calendar_minutes'), N_('cartons'),
                N_('channel'), N_('chosen_by'), N_('concentrated'), N_('confirming_reviews'), N_('created'),
                N_('cycle_months'), N_('daily'), N_('days'), N_('days_of_cover'), N_('delay_days'),
                N_('demand_units'), N_('design'), N_('documents'), N_('error sd (units/day)'), N_('event'),
                N_('example'), N_('example_comment'), N_('extra_units_max'), N_('extra_units_min'),
                N_('fill_rate'), N_('from_days_of_cover'), N_('from_warehouse'), N_('history_days'),
                N_('hours_to_ship'), N_('inbound'), N_('keyword'), N_('kpi'), N_('labels_missing'),
                N_('late_share'), N_('lead_time_days'), N_('lost_units'), N_('mase'), N_('mean_mase'),
                N_('mean_rmsse'), N_('mentions'), N_('method'), N_('mode'), N_('model'), N_('on_hand'),
                N_('order_change'), N_('order_id'), N_('packaging'), N_('placed'), N_('policy'),
                N_('positive_reviews'), N_('rank'), N_('reorder_point'), N_('replied'), N_('rmsse'),
                N_('role'), N_('selling_point'), N_('service'), N_('share'), N_('share_confirming'), N_('share_of_positive'),
                N_('share_of_week'), N_('ship_by'), N_('ship_from'), N_('shipment_id'), N_('skus'),
                N_('source'), N_('start'), N_('stockout_days'), N_('suggestion'), N_('theme'), N_('ticket_id'),
                N_('to_days_of_cover'), N_('to_warehouse'), N_('top_skus'), N_('turnover'),
                N_('units/day forecast'), N_('units_sold'), N_('uplift_max'), N_('uplift_min'),
                N_('warranty_years'), N_('task_id'), N_('task'), N_('owner_role'), N_('due'), N_('done_at'),
                N_('done_by'), N_('days_late'), N_('conversion_low'), N_('conversion_high'), N_('negative_rate'),
                N_('confirmed'), N_('reading'), N_('daily_sales'), N_('cover_days'), N_('cycle_stock'),
                N_('safety_stock'), N_('order_qty')]


#: Booleans in a table cell.
YES_NO = {True: N_("yes"), False: N_("no")}

#: A threshold written as a comparison, a number and a unit in words.
THRESHOLD_WITH_UNIT = re.compile(r"^(?P<bound>[<>=!]=? ?-?[\d.,]+) (?P<unit>[A-Za-z].*)$")


def translator_of(settings, lang: str | None = None) -> Translator:
    """The translator of a page: ``lang`` when given, else the settings' report language."""
    return translator(lang or getattr(settings, "report_language", "en") or "en")


def text(tr: Translator, english: str, template: str = "", values: dict | None = None) -> str:
    """A text kept as English plus its template: the translated template filled with the
    values when the catalog knows it, else the English text (params text, old rules).

    >>> text(translator("zh"), "look into it", "look into it")
    '查明原因'
    >>> text(translator("zh"), "call the supplier", "call the supplier")
    'call the supplier'
    """
    if not template or not isinstance(template, str):
        return english
    translated = tr(template)
    if translated == template:
        return english
    vals = translated_values(values or {}, tr)
    return translated.format(**vals) if vals or "{" in translated else translated


def badge(tr: Translator, verdict: str) -> str:
    """A coloured verdict badge with the verdict in the page's language."""
    key = str(verdict).lower()
    colour = VERDICT_COLOURS.get(key, "#57606a")
    word = tr(VERDICT_WORDS[key]) if key in VERDICT_WORDS else str(verdict).upper()
    return (f'<span style="background:{colour};color:#fff;padding:2px 8px;'
            f'border-radius:4px;font-weight:600">{html.escape(word)}</span>')


def banner(tr: Translator, title: str, verdict: str, lines: list[str]) -> HTML:
    """The first-screen block (as :func:`seller_lab.report.render.banner`) with a
    translated verdict badge; lines are escaped."""
    items = "".join(f"<li>{html.escape(str(line))}</li>" for line in lines)
    return HTML(f'<div style="border-left:6px solid {VERDICT_COLOURS.get(str(verdict).lower(), "#57606a")};'
                f'padding:8px 16px;margin:8px 0;background:#f6f8fa">'
                f'<div style="font-size:1.4em;font-weight:700">{html.escape(title)} '
                f'{badge(tr, verdict)}</div><ul style="margin:6px 0">{items}</ul></div>')


def translated_columns(df: pd.DataFrame, tr: Translator) -> pd.DataFrame:
    """``df`` with its column names through the catalog (unknown names stay)."""
    return df.rename(columns={c: tr(c) for c in df.columns if isinstance(c, str)})


def threshold_text(threshold: str, tr: Translator) -> str:
    """A decision's threshold with its unit through the catalog (``> 60 days of cover at
    source``: the comparison stays, the words after the number are a message id).

    >>> threshold_text("> 60 days of cover at source", translator("zh"))
    '> 60 调出仓可售天数'
    >>> threshold_text(">= 36", translator("zh")), threshold_text("> 60 days", translator("en"))
    ('>= 36', '> 60 days')
    """
    match = THRESHOLD_WITH_UNIT.match(threshold)
    if not match:
        return threshold
    return f"{match['bound']} {tr(match['unit'])}"


def translated_cells(df: pd.DataFrame, tr: Translator, columns) -> pd.DataFrame:
    """``df`` with the words of ``columns`` through the catalog: True/False as yes/no, a
    known word (a shipment mode, a ticket channel) in the page's language, other values
    (codes, names) as they are; a comma list of known words word by word (a list with
    other text in it stays as written); a composed value (:class:`~seller_lab.decisions.Parts`) part by part.

    >>> df = pd.DataFrame({"mode": ["sea"], "ok": [True], "labels": ["carton_labels_ok, sku_labels_ok"]})
    >>> translated_cells(df, translator("zh"), ["mode", "ok", "labels"]).iloc[0].tolist()
    ['海运', '是', '箱标、SKU 标签']
    >>> translated_cells(pd.DataFrame({"service": ["local hotline, in-store returns"]}), translator("zh"),
    ...                  ["service"]).iloc[0, 0]
    'local hotline, in-store returns'
    """
    def cell(v):
        if isinstance(v, bool | np.bool_):
            return tr(YES_NO[bool(v)])
        if isinstance(v, str) and v:
            whole, parts = tr(v), v.split(", ")
            words = [tr(part) for part in parts]
            if whole != v or len(parts) == 1 or any(w == p for w, p in zip(words, parts, strict=True)):
                return whole  # a known text, one word, or a list with data in it: as the catalog has it
            return tr(", ").join(words)
        if isinstance(v, Parts):  # a composed value (sales -48% vs last month)
            return v.translated(tr)
        return v

    return df.assign(**{c: df[c].map(cell) for c in columns if c in df.columns})


def quote(text: str, lang: str) -> str:
    """A customer's words as HTML: escaped, in their own language and marked with it.

    >>> quote("passt nicht <b>", "de")  # doctest: +ELLIPSIS
    '<q lang="de">passt nicht &lt;b&gt;</q> <span class="lang-tag" ...>DE</span>'
    """
    return (f'<q lang="{html.escape(lang)}">{html.escape(str(text))}</q> '
            f'<span class="lang-tag" title="original language" style="font-size:.75em;color:#57606a;'
            f'border:1px solid #d0d7de;border-radius:3px;padding:0 3px">{html.escape(lang.upper())}</span>')


def quoted_table(df: pd.DataFrame, quote_columns, default_lang: str, **table_args) -> HTML:
    """:func:`seller_lab.report.render.table` whose ``quote_columns`` hold customer text
    (a review, a return comment): each cell is quoted in its own language and tagged with
    it (``default_lang``, the category's language, when a text is too short to tell).

    >>> df = pd.DataFrame({"sku": ["A"], "comment": ["passt leider nicht in die Schublade"]})
    >>> '<q lang="de">passt leider nicht in die Schublade</q>' in quoted_table(df, ["comment"], "en").html
    True
    """
    cols = [c for c in quote_columns if c in df.columns]
    shown = df.copy()  # a few dozen rows at most: every one is marked, render.table shows its first ones
    quotes: dict[str, str] = {}
    for c in cols:
        texts = shown[c].where(shown[c].notna(), "").astype("str")
        langs = detect_language(texts, default=default_lang)
        keys = []
        for text, lang in zip(texts, langs, strict=True):
            key = f"QUOTE{len(quotes)}X" if text else ""
            if text:
                quotes[key] = quote(text, lang)
            keys.append(key)
        shown[c] = keys
    page = table(shown, **table_args).html
    for key, marked in quotes.items():  # keys end in X: QUOTE1X is not inside QUOTE10X
        page = page.replace(f">{key}<", f">{marked}<")
    return HTML(page)


def decisions_table(decisions, tr: Translator, max_rows: int = 30) -> HTML:
    """Decision records (a list of :class:`~seller_lab.decisions.Decision`) as a table
    with coloured verdicts and reasons in the page's language (every field escaped)."""
    decisions = list(decisions)
    if not decisions:
        return note(tr("No rule was evaluated."))
    cols = ["unique_id", "rule", "metric", "value", "threshold", "verdict", "reason"]
    rows = []
    for d in decisions[:max_rows]:
        row = d.as_row()
        cells = [html.escape(str(row[c])) for c in cols[:5]]
        cells[2] = html.escape(localized_metric(d, tr))
        if isinstance(d.value, str) and d.value:  # a verdict word as the value (pass, stop)
            cells[3] = html.escape(tr(d.value))
        cells[4] = html.escape(localized_threshold(d, tr) or threshold_text(str(row["threshold"]), tr))
        cells += [badge(tr, d.verdict), html.escape(localized_reason(d, tr))]
        rows.append("<tr>" + "".join(f"<td>{c}</td>" for c in cells) + "</tr>")
    head = "".join(f"<th>{html.escape(tr(c))}</th>" for c in cols)
    return HTML(f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>")
