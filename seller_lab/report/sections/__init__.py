"""Report sections: renderers that only read what a step computed.

This module holds what every template shares (the title block, the overview of inputs, the
source line of a chart); each page has its own module of renderers of its result object:
:mod:`.research` renders a :class:`seller_lab.research.pipeline.Research`
(``sections.research.trends(r)``), :mod:`.monthly` (with :mod:`.stock` and :mod:`.pilot`) a
:class:`seller_lab.review.MonthReview` (``sections.monthly.first_screen(m)``).
"""

from __future__ import annotations

import html

import pandas as pd

from ...i18n import N_, NC_, translator
from ...i18n.phrase import say
from ...sources.base import rejected_rows
from ..render import HTML, note, table

__all__ = ["KIND_TITLES", "inputs_overview", "monthly", "pilot", "research", "source_files", "stock",
           "title"]

KIND_TITLES = {"research": N_("Category research"), "monthly": N_("Monthly review")}
#: Column headers of the inputs overview, marked for the catalog.
INPUT_COLUMNS = (N_("file"), N_("kind"), N_("layout"), N_("encoding"), N_("rows"), N_("rejected"), N_("first"),
                 N_("last"), N_("line"), N_("row"), N_("column"), N_("value"), N_("reason"), N_("problem"),
                 N_("fix"), N_("status"), N_("message"))
#: Input kinds as the inputs overview and ``seller-lab ingest`` name them: ``tr.pgettext("input kind", kind)``
#: ('listings' and 'questions' are also column headers that count, 'listing 数', '问题数').
INPUT_KINDS = (NC_("input kind", "orders"), NC_("input kind", "inventory"), NC_("input kind", "shipments"),
               NC_("input kind", "returns"), NC_("input kind", "reviews"), NC_("input kind", "listings"),
               NC_("input kind", "trends"), NC_("input kind", "posts"), NC_("input kind", "questions"),
               NC_("input kind", "tickets"), NC_("input kind", "traffic"), NC_("input kind", "pilot"))
#: File statuses as the inputs overview shows them (message ids).
INPUT_WORDS = (N_("loaded"), N_("not recognised"), N_("failed"))


def _period_text(period, tr) -> str:
    text = str(period)
    return tr.month(text) if len(text) == 7 and text[4] == "-" and text[:4].isdigit() else text


def title(params: dict, kind: str, period: str, lang: str = "en") -> HTML:
    """Report heading: category, market, period (all escaped), in the report's language."""
    tr = translator(lang)
    cat = params["category"]
    meta = tr("{market} · period {period} · currency {currency} · time zone {tz}",
              market=cat["marketplace"] or cat["market"], period=_period_text(period, tr),
              currency=cat["currency"], tz=cat["timezone"])
    return HTML(f"<h1>{html.escape(tr(KIND_TITLES.get(kind, kind)))}: {html.escape(cat['display_name'])}</h1>"
                f"<div class='meta'>{html.escape(meta)}</div>")


def inputs_overview(data, lang: str = "en") -> HTML:
    """Which files fed this report (kind, layout, encoding, rows, rejected, dates) and
    which inputs are missing — so a reader knows what every number rests on."""
    tr = translator(lang)
    files = getattr(data, "files", None)
    parts = []
    if files is None or len(files) == 0:
        parts.append(note(tr("No input file was found in the category's data folder ({folder}).",
                            folder=data.params["category"]["data_dir"]), "warn"))
    else:
        shown = pd.DataFrame(files)
        if "kind" in shown:
            shown["kind"] = [tr.pgettext("input kind", str(v)) if v else v for v in shown["kind"]]
        if "status" in shown:
            shown["status"] = [tr(str(v)) if v else v for v in shown["status"]]
        if "message" in shown:   # the importer's notes ('read as day/month …') in the page's language
            shown["message"] = [say(v, tr) for v in shown["message"]]
        parts.append(table(shown, max_rows=40, caption=tr("Input files"), t=tr))
    missing = list(getattr(data, "missing", []) or [])
    if missing:
        sep = "、" if tr.lang == "zh" else ", "   # the kinds as the overview's kind column names them
        names = sep.join(tr.pgettext("input kind", str(k)) for k in missing)
        parts.append(note(tr("Missing inputs (sections that need them say so): {inputs}", inputs=names), "warn"))
    rejected = getattr(data, "rejected", None)
    if rejected is not None and len(rejected):
        parts.append(table(rejected_rows(rejected, tr, REJECTED_SHOWN), max_rows=REJECTED_SHOWN, t=tr,
                           caption=tr("Rejected rows ({n}) — fix them in the source file", n=len(rejected))))
    return HTML("".join(p.html for p in parts))


#: Rejected rows the inputs overview lists (the count says how many there are in all).
REJECTED_SHOWN = 10


def source_files(data, kind: str) -> str:
    """File names (no folders) that fed one frame kind, comma-separated; '' when none.
    The source line of every chart and table names them.

    >>> from types import SimpleNamespace
    >>> d = SimpleNamespace(files=pd.DataFrame({"file": ["data/x/multiTimeline.csv", "C:\\\\y\\\\o.csv"],
    ...                                         "kind": ["trends", "orders"]}))
    >>> source_files(d, "orders"), source_files(d, "posts")
    ('o.csv', '')
    """
    files = getattr(data, "files", None)
    if files is None or len(files) == 0 or "kind" not in files:
        return ""
    return ", ".join(str(f).replace("\\", "/").rsplit("/", 1)[-1]
                     for f in files.loc[files["kind"] == kind, "file"])
