"""One plot style for every report: a title that states the finding, axis units, a
source line, no chart junk, readable on a laptop and in print.

Examples
--------
>>> fig, ax = new_figure()
>>> _ = ax.plot([1, 2, 3], [1, 4, 9])
>>> finish(ax, title="Interest tripled since March", ylabel="interest (0-100)",
...        source="Google Trends export multiTimeline.csv")
>>> ax.get_title(loc="left")
'Interest tripled since March'
"""

from __future__ import annotations

import logging
import sys

import matplotlib

if "ipykernel" not in sys.modules:  # batch/CLI: no display; notebooks keep their inline backend
    matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

from ..i18n import register_cjk_font  # noqa: E402

__all__ = ["PALETTE", "close", "finish", "hbar", "new_figure"]

PALETTE = ["#0969da", "#cf222e", "#1a7f37", "#9a6700", "#8250df", "#57606a"]


def _configure() -> None:
    # DejaVu Sans first (Latin keeps its look), then the shipped Noto Sans CJK SC:
    # matplotlib falls back glyph by glyph, so Chinese titles and product names get real
    # glyphs instead of boxes (PITFALLS) on any machine, without a system font.
    cjk = register_cjk_font()
    # the shipped CJK font has one weight: bold titles use it as regular; matplotlib logs
    # that on every bold Chinese title ("Failed to find font weight bold")
    logging.getLogger("matplotlib.font_manager").setLevel(logging.ERROR)
    matplotlib.rcParams.update({
        "figure.dpi": 100, "savefig.dpi": 100, "figure.figsize": (9, 4),
        "font.size": 10, "axes.titlesize": 12, "axes.titleweight": "bold",
        "axes.spines.top": False, "axes.spines.right": False,
        "axes.prop_cycle": matplotlib.cycler(color=PALETTE),
        "axes.grid": True, "grid.alpha": 0.3, "legend.frameon": False,
        "font.family": ["DejaVu Sans", cjk],
    })


_configure()


def new_figure(width: float = 9, height: float = 4, ncols: int = 1):
    """A figure with the house style; returns (fig, ax) or (fig, axes) for ncols > 1."""
    fig, ax = plt.subplots(1, ncols, figsize=(width, height), layout="constrained")
    return fig, ax


def finish(ax, *, title: str, xlabel: str = "", ylabel: str = "", source: str = "",
           source_label: str = "Source") -> None:
    """Title (the finding), axis labels with units, and a source line under the chart
    (``source_label`` is the word 'Source' in the report's language)."""
    ax.set_title(title, loc="left")
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    if source:
        ax.figure.text(0.01, -0.02, f"{source_label}: {source}", fontsize=8, color="#57606a",
                       ha="left", va="top", transform=ax.figure.transFigure)


def hbar(labels, values, *, title: str, xlabel: str, source: str = "", max_label: int = 40,
         source_label: str = "Source"):
    """Horizontal bar chart, biggest on top, long labels shortened; returns the figure."""
    labels = [str(s) if len(str(s)) <= max_label else str(s)[: max_label - 1] + "…" for s in labels]
    n = len(labels)
    fig, ax = new_figure(height=max(2.0, 0.35 * n + 1.0))
    ax.barh(range(n)[::-1], list(values), color=PALETTE[0])
    ax.set_yticks(range(n)[::-1], labels)
    ax.grid(axis="y", visible=False)
    finish(ax, title=title, xlabel=xlabel, source=source, source_label=source_label)
    return fig


def close(fig):
    """Detach a finished figure from pyplot and return it.

    Section functions return ``close(fig)``: the notebook then shows the figure once (as
    the cell's value) instead of twice, and batch memory stays flat.
    """
    plt.close(fig)
    return fig
