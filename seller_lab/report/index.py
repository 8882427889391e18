"""``reports/index.html``: the management landing page.

Every report with its category, period, status and headline verdict, and (for the
monthly kind) the KPIs of all categories side by side. Built from a manifest
(``reports/index.json``) that each batch updates, so categories run at different
times still share one page.

A row older than the newest period of its kind is marked stale, and a portfolio row
whose latest figures are from an older month says so: a reader never takes last
month's numbers for this month's. A month without data publishes no KPIs, so the
portfolio keeps the latest month that has figures (labelled with that month).

>>> e = lambda cat, period, kpis: {"kind": "monthly", "category": cat, "period": period,
...                                "status": "ok", "kpis": kpis}
>>> page = render_index({"reports": {"a": e("a", "2026-10", {"Sales": "1"}), "b": e("b", "2026-09", {"Sales": "2"}),
...                                  "c": e("a", "2026-11", {})}})
>>> "b (2026-09, stale: newest is 2026-11)" in page, "a (2026-10, stale: newest is 2026-11)" in page
(True, True)

Each report language has its own page (:data:`INDEX_FILES`: ``index.html`` in English,
``index.zh.html`` in Chinese) listing the reports written in that language, with a
language switch between them; a manifest entry without a language is English.

>>> zh = render_index({"reports": {"a": {**e("a", "2026-10", {"销售额": "1"}), "lang": "zh"}}}, lang="zh")
>>> "月度复盘" in zh, '<a href="index.html">English</a>' in zh, "2026年10月" in zh
(True, True, True)
"""

from __future__ import annotations

import html
import json
import os
from datetime import UTC, datetime
from pathlib import Path

from ..i18n import N_, SUPPORTED_LANGUAGES, Translator, translator
from .publish import atomic_write_text
from .render import VERDICT_COLOURS

MANIFEST = "index.json"
#: The landing page of each report language (links stay stable: English is index.html).
INDEX_FILES = {"en": "index.html", "zh": "index.zh.html"}
#: How the language switch names each language (in that language).
LANGUAGE_NAMES = {"en": "English", "zh": "中文"}
KIND_LABELS = {"research": N_("Category research"), "monthly": N_("Monthly reviews")}
VERDICT_WORDS = {"go": N_("GO"), "pass": N_("PASS"), "ok": N_("OK"), "watch": N_("WATCH"),
                 "iterate": N_("ITERATE"), "alert": N_("ALERT"), "unknown": N_("UNKNOWN"),
                 "reject": N_("REJECT"), "stop": N_("STOP"), "fail": N_("FAIL")}


def load_manifest(reports_root: Path) -> dict:
    path = Path(reports_root) / MANIFEST
    if not path.exists():
        return {"reports": {}}
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError:
        return {"reports": {}}  # a damaged manifest is rebuilt from the next runs


def update_index(reports_root: str | Path, results, display_names: dict[str, str] | None = None,
                 lang: str = "en") -> Path:
    """Merge report results (written in ``lang``) into the manifest and rewrite every
    language's landing page (atomically); returns the page of ``lang``.

    A failed run keeps the previous good report's link and headline and adds the error.
    """
    root = Path(reports_root)
    manifest = load_manifest(root)
    now = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    for r in results:
        key = f"{r.kind}/{r.category}/{r.period}" + ("" if lang == "en" else f"/{lang}")  # old manifests: English
        entry = manifest["reports"].get(key, {})
        entry.update({"kind": r.kind, "category": r.category, "period": r.period, "lang": lang,
                      "display_name": (display_names or {}).get(r.category, entry.get("display_name", r.category)),
                      "status": r.status, "last_run": now, "error": r.error})
        if r.status == "ok":
            rec = r.record or {}
            entry.update({"html": os.path.relpath(r.html, root), "verdict": rec.get("verdict", ""),
                          "headline": rec.get("headline", ""), "kpis": rec.get("kpis", {}),
                          "generated": now})
        elif r.html and not entry.get("html"):
            entry["html"] = os.path.relpath(r.html, root)
        manifest["reports"][key] = entry
    atomic_write_text(root / MANIFEST, json.dumps(manifest, ensure_ascii=False, indent=1))
    for other in SUPPORTED_LANGUAGES:
        if other != lang and any(e.get("lang", "en") == other for e in manifest["reports"].values()):
            atomic_write_text(root / INDEX_FILES[other], render_index(manifest, lang=other))
    return atomic_write_text(root / INDEX_FILES[lang], render_index(manifest, lang=lang))


def _badge(verdict: str, tr: Translator) -> str:
    key = str(verdict).lower()
    word = tr(VERDICT_WORDS[key]) if key in VERDICT_WORDS else str(verdict).upper()
    return (f'<span style="background:{VERDICT_COLOURS.get(key, "#57606a")};color:#fff;padding:2px 8px;'
            f'border-radius:4px;font-weight:600">{html.escape(word)}</span>')


def _period(period: str, tr: Translator) -> str:
    """A report's period as the page's language writes a month (``2026-10`` / ``2026年10月``)."""
    try:
        return tr.period(period)
    except ValueError:  # not a month (a free-form period label): shown as it is
        return period


def render_index(manifest: dict, lang: str = "en") -> str:
    """The landing page HTML of one report language (every value escaped)."""
    tr = translator(lang)
    entries = sorted((e for e in manifest.get("reports", {}).values() if e.get("lang", "en") == lang),
                     key=lambda e: (e["kind"], e["category"], e["period"]))
    sections = []
    for kind, label in KIND_LABELS.items():
        rows = [e for e in entries if e["kind"] == kind]
        if not rows:
            continue
        newest = max(e["period"] for e in rows)
        sections.append(f"<h2>{html.escape(tr(label))}</h2>" + _report_table(rows, newest, tr))
        if kind == "monthly":
            sections.append(_portfolio(rows, newest, tr))
    body = "".join(sections) or (
        "<p>" + html.escape(tr("No report has been run yet:")) + " <code>seller-lab research --all</code>.</p>")
    stamp = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    switch = " | ".join(f'<a href="{INDEX_FILES[code]}">{LANGUAGE_NAMES[code]}</a>'
                        for code in SUPPORTED_LANGUAGES if code != lang)
    updated = html.escape(tr("updated {stamp}", stamp=stamp))
    title, h1 = html.escape(tr("seller_lab reports")), html.escape(tr("seller_lab — reports"))
    return f"""<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8">
<title>{title}</title><style>
body {{ font-family: -apple-system, "Segoe UI", Roboto, Arial, "Noto Sans CJK SC", "PingFang SC", "Microsoft YaHei", sans-serif; max-width: 1200px; margin: 24px auto; padding: 0 16px; color:#1f2328 }}
table {{ border-collapse: collapse; font-size: .92em }} th, td {{ border-bottom: 1px solid #d0d7de; padding: 5px 9px; text-align: left; vertical-align: top }}
th {{ background:#f6f8fa }} .err {{ color:#cf222e; font-size:.85em }} .meta {{ color:#57606a; font-size:.85em }}
</style></head><body><h1>{h1}</h1><div class="meta">{updated} · {switch}</div>{body}</body></html>"""


def _stale(period: str, newest: str, tr: Translator) -> str:
    """'' for the newest period, else the label marking an older row."""
    return "" if period >= newest else tr("stale: newest is {newest}", newest=_period(newest, tr))


def _report_table(rows, newest: str, tr: Translator) -> str:
    head = "".join(f"<th>{html.escape(tr(h))}</th>"
                   for h in (N_("Category"), N_("Period"), N_("Verdict"), N_("Headline"), N_("Status")))
    out = [f"<table><tr>{head}</tr>"]
    for e in rows:
        name = html.escape(e.get("display_name") or e["category"])
        link = f'<a href="{html.escape(e["html"])}">{name}</a>' if e.get("html") else name
        verdict = _badge(e["verdict"], tr) if e.get("verdict") else ""
        status = html.escape(tr("ok")) if e["status"] == "ok" else (
            '<span class="err">' + html.escape(tr("failed {when}: {error}", when=e.get("last_run", ""),
                                                  error=e.get("error", ""))) + "</span>"
            + (html.escape(tr(" — showing the last good report")) if e.get("html") else ""))
        stale = _stale(e["period"], newest, tr)
        period = html.escape(_period(e["period"], tr)) + (
            f' <span class="meta">({html.escape(stale)})</span>' if stale else "")
        out.append(f"<tr><td>{link}</td><td>{period}</td><td>{verdict}</td>"
                   f"<td>{html.escape(e.get('headline', ''))}</td><td>{status}</td></tr>")
    out.append("</table>")
    return "".join(out)


def _portfolio(rows, newest: str, tr: Translator) -> str:
    latest: dict[str, dict] = {}
    for e in rows:
        if e.get("kpis") and (e["category"] not in latest or e["period"] > latest[e["category"]]["period"]):
            latest[e["category"]] = e
    if not latest:
        return ""
    names = list(dict.fromkeys(k for e in latest.values() for k in e["kpis"]))
    head = "".join(f"<th>{html.escape(n)}</th>" for n in names)

    def label(e) -> str:
        stale = _stale(e["period"], newest, tr)
        return _period(e["period"], tr) + (tr(", {stale}", stale=stale) if stale else "")

    body = "".join(
        f"<tr><td>{html.escape(e.get('display_name') or c)} ({html.escape(label(e))})</td>"
        + "".join(f"<td>{html.escape(str(e['kpis'].get(n, '')))}</td>" for n in names) + "</tr>"
        for c, e in sorted(latest.items()))
    title, category = html.escape(tr("Portfolio — latest month per category")), html.escape(tr("Category"))
    return f"<h3>{title}</h3><table><tr><th>{category}</th>{head}</tr>{body}</table>"
