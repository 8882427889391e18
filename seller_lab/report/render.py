"""What report templates display: escaped text, compact tables, verdict banners.

Customer text is data, never markup: everything shown passes through :func:`escape`
(or pandas' escaping ``to_html``), so no HTML/JS from an export ever runs in a report.

Examples
--------
>>> escape("<script>alert(1)</script> *wow*")
'&lt;script&gt;alert(1)&lt;/script&gt; \\\\*wow\\\\*'
"""

from __future__ import annotations

import base64
import html
import io
import re

import pandas as pd

from ..i18n import N_
from . import plots

__all__ = ["HTML", "VERDICT_COLOURS", "banner", "decisions_table", "escape", "figure_html", "heading", "join",
           "key_numbers", "note", "table", "verdict_badge"]

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]#|~>])")

VERDICT_COLOURS = {"go": "#1a7f37", "pass": "#1a7f37", "ok": "#1a7f37",
                   "watch": "#9a6700", "iterate": "#9a6700", "alert": "#9a6700",
                   "unknown": "#57606a",
                   "reject": "#cf222e", "stop": "#cf222e", "fail": "#cf222e"}
#: Verdict words as the catalog knows them (a badge shows ``t(word)``).
VERDICT_WORDS = (N_("go"), N_("pass"), N_("ok"), N_("watch"), N_("iterate"), N_("alert"), N_("unknown"),
                 N_("reject"), N_("stop"), N_("fail"))
NO_RULE_EVALUATED = N_("No rule was evaluated.")
MORE_ROWS = N_("… {n} more rows")
#: Column headers of the decisions table.
DECISION_COLUMNS = {"unique_id": N_("unique_id"), "rule": N_("rule"), "metric": N_("metric"), "value": N_("value"),
                    "threshold": N_("threshold"), "verdict": N_("verdict"), "reason": N_("reason")}


def escape(text) -> str:
    """HTML-escape and neutralise Markdown in a piece of data text."""
    if text is None or (isinstance(text, float) and pd.isna(text)):
        return ""
    return _MD_SPECIAL.sub(r"\\\1", html.escape(str(text), quote=True))


class HTML:
    """A trusted HTML fragment built by seller_lab (data inside it already escaped)."""

    def __init__(self, html_text: str):
        self.html = html_text

    def _repr_html_(self) -> str:
        return self.html

    def __repr__(self) -> str:  # plain-text fallback
        return re.sub(r"<[^>]+>", "", self.html)


def verdict_badge(verdict: str, t=None) -> str:
    """Coloured inline badge for a verdict (HTML string), in the report's language when a
    translator ``t`` is given."""
    colour = VERDICT_COLOURS.get(str(verdict).lower(), "#57606a")
    word = t(str(verdict).lower()) if t is not None else str(verdict)
    return (f'<span style="background:{colour};color:#fff;padding:2px 8px;'
            f'border-radius:4px;font-weight:600">{html.escape(word.upper())}</span>')


def banner(title: str, verdict: str, lines: list[str], t=None) -> HTML:
    """The first-screen block: a big verdict and a few bullet lines (lines are escaped)."""
    items = "".join(f"<li>{html.escape(str(line))}</li>" for line in lines)
    return HTML(f'<div style="border-left:6px solid {VERDICT_COLOURS.get(str(verdict).lower(), "#57606a")};'
                f'padding:8px 16px;margin:8px 0;background:#f6f8fa">'
                f'<div style="font-size:1.4em;font-weight:700">{html.escape(title)} '
                f'{verdict_badge(verdict, t)}</div><ul style="margin:6px 0">{items}</ul></div>')


def key_numbers(items: list[tuple[str, str, str]]) -> HTML:
    """A row of big numbers: (label, value, note) each; all escaped."""
    cells = "".join(
        f'<div style="display:inline-block;min-width:170px;margin:4px 12px 4px 0;vertical-align:top">'
        f'<div style="color:#57606a;font-size:.85em">{html.escape(str(label))}</div>'
        f'<div style="font-size:1.6em;font-weight:700">{html.escape(str(value))}</div>'
        f'<div style="color:#57606a;font-size:.8em">{html.escape(str(note))}</div></div>'
        for label, value, note in items)
    return HTML(f"<div>{cells}</div>")


def table(df: pd.DataFrame, *, max_rows: int = 15, caption: str = "",
          float_format: str = "{:,.2f}", t=None) -> HTML:
    """A compact, escaped HTML table of at most ``max_rows`` rows (says how many more);
    with a translator ``t`` the column headers and the footer are in its language and the
    numbers follow its locale."""
    shown = df.head(max_rows)
    if t is not None:
        shown = shown.rename(columns=lambda c: t(str(c)))
        digits = 2 if float_format == "{:,.2f}" else None
        fmt = (lambda x: t.number(x, digits)) if digits is not None else float_format.format
    else:
        fmt = float_format.format
    body = shown.to_html(index=False, escape=True, border=0, na_rep="", float_format=fmt)
    more = len(df) - len(shown)
    more_text = t(MORE_ROWS, n=more) if t is not None else MORE_ROWS.format(n=more)
    foot = f'<div style="color:#57606a;font-size:.8em">{html.escape(more_text)}</div>' if more > 0 else ""
    cap = f'<div style="font-weight:600;margin-top:6px">{html.escape(caption)}</div>' if caption else ""
    return HTML(f"{cap}{body}{foot}")


def note(text: str, kind: str = "info") -> HTML:
    """A short escaped notice, e.g. 'No Reddit data in data/… — pain points from reviews only'."""
    colour = {"info": "#0969da", "warn": "#9a6700", "error": "#cf222e"}.get(kind, "#0969da")
    return HTML(f'<div style="border-left:4px solid {colour};padding:4px 10px;margin:6px 0">'
                f"{html.escape(text)}</div>")


def decisions_table(decisions: pd.DataFrame, max_rows: int = 30, t=None) -> HTML:
    """Decision records as a table with coloured verdicts (every field escaped); with a
    translator ``t`` the headers and verdicts are in its language (the caller passes the
    reasons already in that language)."""
    if decisions is None or decisions.empty:
        return note(t(NO_RULE_EVALUATED) if t is not None else NO_RULE_EVALUATED)
    cols = list(DECISION_COLUMNS)
    rows = []
    for rec in decisions[cols].head(max_rows).itertuples(index=False):
        cells = [html.escape(str(x)) for x in rec]
        cells[5] = verdict_badge(rec.verdict, t)
        rows.append("<tr>" + "".join(f"<td>{c}</td>" for c in cells) + "</tr>")
    head = "".join(f"<th>{html.escape(t(DECISION_COLUMNS[c]) if t is not None else c)}</th>" for c in cols)
    return HTML(f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>")


def join(*parts) -> HTML:
    """One HTML block from fragments (HTML objects or trusted strings; None is skipped).

    >>> join(note("a"), None, "<hr>").html.endswith("<hr>")
    True
    """
    return HTML("".join(p.html if isinstance(p, HTML) else str(p) for p in parts if p is not None))


def heading(text: str) -> str:
    """A sub-heading of a section (escaped).

    >>> heading("Returns <week>")
    '<h3>Returns &lt;week&gt;</h3>'
    """
    return f"<h3>{html.escape(text)}</h3>"


def figure_html(fig, alt: str = "chart") -> str:
    """A matplotlib figure as an embedded PNG ``<img>`` (the page stays one offline file);
    the figure is closed.

    >>> from seller_lab.report import plots
    >>> fig, ax = plots.new_figure(); _ = ax.plot([1, 2])
    >>> figure_html(fig).startswith('<img style="max-width:100%" alt="chart" src="data:image/png;base64,')
    True
    """
    buf = io.BytesIO()
    fig.savefig(buf, format="png", bbox_inches="tight")
    plots.close(fig)
    return (f'<img style="max-width:100%" alt="{html.escape(alt)}" src="data:image/png;base64,'
            f'{base64.b64encode(buf.getvalue()).decode("ascii")}"/>')
