"""Reports: papermill runs the templates, nbconvert writes one self-contained HTML each.

Display helpers for templates live in :mod:`seller_lab.report.render` and the one plot
style in :mod:`seller_lab.report.plots`; each report's sections live in
:mod:`seller_lab.report.sections` (``sections.research`` renders a ``Research``).

Import cost: papermill and nbconvert import nbformat, which imports jsonschema, whose
optional "iri" format checker imports ``rfc3987_syntax``; that module compiles 38 Lark
grammars when imported (~0.9 s of every report process). Notebook validation never checks
that format (nbformat's schemas use none, and jsonschema checks formats only when asked),
so unless jsonschema is loaded already this package tells Python the module is absent:
jsonschema then simply goes without the "iri" checker.
"""

import sys

if "jsonschema" not in sys.modules:
    sys.modules.setdefault("rfc3987_syntax", None)

__all__ = ["batch", "cli", "index", "kernel", "plots", "publish", "render", "runner", "sections"]
