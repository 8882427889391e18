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
"""

from __future__ import annotations

import html
import json
import os
from datetime import UTC, datetime
from pathlib import Path

from .publish import atomic_write_text
from .render import verdict_badge

MANIFEST = "index.json"


def load_manifest(reports_root: Path) -> dict:
    path = Path(reports_root) / MANIFEST
    if not path.exists():
        return {"reports": {}}
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError:
        return {"reports": {}}  # a damaged manifest is rebuilt from the next runs


def update_index(reports_root: str | Path, results, display_names: dict[str, str] | None = None) -> Path:
    """Merge report results into the manifest and rewrite ``index.html`` (atomically).

    A failed run keeps the previous good report's link and headline and adds the error.
    """
    root = Path(reports_root)
    manifest = load_manifest(root)
    now = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    for r in results:
        key = f"{r.kind}/{r.category}/{r.period}"
        entry = manifest["reports"].get(key, {})
        entry.update({"kind": r.kind, "category": r.category, "period": r.period,
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
    return atomic_write_text(root / "index.html", render_index(manifest))


def render_index(manifest: dict) -> str:
    """The landing page HTML (every value escaped)."""
    entries = sorted(manifest.get("reports", {}).values(),
                     key=lambda e: (e["kind"], e["category"], e["period"]))
    sections = []
    for kind, label in (("research", "Category research"), ("monthly", "Monthly reviews")):
        rows = [e for e in entries if e["kind"] == kind]
        if not rows:
            continue
        newest = max(e["period"] for e in rows)
        sections.append(f"<h2>{label}</h2>" + _report_table(rows, newest))
        if kind == "monthly":
            sections.append(_portfolio(rows, newest))
    body = "".join(sections) or "<p>No report has been run yet: <code>seller-lab research --all</code>.</p>"
    stamp = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    return f"""<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<title>seller_lab reports</title><style>
body {{ font-family: -apple-system, "Segoe UI", Roboto, Arial, sans-serif; max-width: 1200px; margin: 24px auto; padding: 0 16px; color:#1f2328 }}
table {{ border-collapse: collapse; font-size: .92em }} th, td {{ border-bottom: 1px solid #d0d7de; padding: 5px 9px; text-align: left; vertical-align: top }}
th {{ background:#f6f8fa }} .err {{ color:#cf222e; font-size:.85em }} .meta {{ color:#57606a; font-size:.85em }}
</style></head><body><h1>seller_lab — reports</h1><div class="meta">updated {stamp}</div>{body}</body></html>"""


def _stale(period: str, newest: str) -> str:
    """'' for the newest period, else the label marking an older row."""
    return "" if period >= newest else f"stale: newest is {newest}"


def _report_table(rows, newest: str) -> str:
    out = ["<table><tr><th>Category</th><th>Period</th><th>Verdict</th><th>Headline</th><th>Status</th></tr>"]
    for e in rows:
        name = html.escape(e.get("display_name") or e["category"])
        link = f'<a href="{html.escape(e["html"])}">{name}</a>' if e.get("html") else name
        verdict = verdict_badge(e["verdict"]) if e.get("verdict") else ""
        status = "ok" if e["status"] == "ok" else (
            f'<span class="err">failed {html.escape(e.get("last_run", ""))}: '
            f'{html.escape(e.get("error", ""))}</span>'
            + (" — showing the last good report" if e.get("html") else ""))
        stale = _stale(e["period"], newest)
        period = html.escape(e["period"]) + (f' <span class="meta">({html.escape(stale)})</span>' if stale else "")
        out.append(f"<tr><td>{link}</td><td>{period}</td><td>{verdict}</td>"
                   f"<td>{html.escape(e.get('headline', ''))}</td><td>{status}</td></tr>")
    out.append("</table>")
    return "".join(out)


def _portfolio(rows, newest: str) -> str:
    latest: dict[str, dict] = {}
    for e in rows:
        if e.get("kpis") and (e["category"] not in latest or e["period"] > latest[e["category"]]["period"]):
            latest[e["category"]] = e
    if not latest:
        return ""
    names = list(dict.fromkeys(k for e in latest.values() for k in e["kpis"]))
    head = "".join(f"<th>{html.escape(n)}</th>" for n in names)
    def label(e) -> str:
        stale = _stale(e["period"], newest)
        return e["period"] + (f", {stale}" if stale else "")

    body = "".join(
        f"<tr><td>{html.escape(e.get('display_name') or c)} ({html.escape(label(e))})</td>"
        + "".join(f"<td>{html.escape(str(e['kpis'].get(n, '')))}</td>" for n in names) + "</tr>"
        for c, e in sorted(latest.items()))
    return f"<h3>Portfolio — latest month per category</h3><table><tr><th>Category</th>{head}</tr>{body}</table>"
