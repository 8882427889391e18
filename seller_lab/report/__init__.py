"""Reports: papermill runs the templates, nbconvert writes one self-contained HTML each.

Display helpers for templates live in :mod:`seller_lab.report.render` and the one plot
style in :mod:`seller_lab.report.plots`; each report's sections live in
:mod:`seller_lab.report.sections` (``sections.research`` renders a ``Research``).
"""

__all__ = ["batch", "cli", "index", "plots", "publish", "render", "runner", "sections"]
