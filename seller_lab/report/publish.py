"""What a template hands back to the batch runner: headline, verdict, KPIs, Decisions.

A template ends with one ``publish(...)`` call. Under papermill the runner injects a
``sidecar`` path and reads the JSON after the run (the parent process alone writes
the store and the index: DuckDB allows one writer). In JupyterLab ``sidecar`` is ''
and ``publish`` just returns the record.

Examples
--------
>>> rec = publish("", kind="research", category="x", period="2026-11",
...               verdict="go", headline="demand rising, no compliance blocker")
>>> rec["verdict"]
'go'
"""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd

from ..sources import write

__all__ = ["atomic_write_text", "publish", "read_sidecar"]


def atomic_write_text(path: str | Path, text: str, encoding: str = "utf-8") -> Path:
    """Write ``text`` to ``path`` via a temp file in the same folder and ``os.replace``:
    readers see the old file or the new one, never half of one; the file gets a normal
    mode from the umask (see :func:`seller_lab.sources.write.atomic_write_text`)."""
    return write.atomic_write_text(path, text, encoding)


def publish(sidecar: str | Path, *, kind: str, category: str, period: str, verdict: str,
            headline: str, kpis: dict | None = None,
            decisions: pd.DataFrame | None = None) -> dict:
    """Record the report's outcome for the runner (no-op write when ``sidecar`` is '')."""
    record = {
        "kind": kind, "category": category, "period": period, "verdict": verdict,
        "headline": headline,
        "kpis": {str(k): (None if v is None else str(v)) for k, v in (kpis or {}).items()},
        "decisions": [] if decisions is None else
        json.loads(decisions.astype(str).to_json(orient="records", force_ascii=False)),
    }
    if sidecar:
        atomic_write_text(sidecar, json.dumps(record, ensure_ascii=False, indent=1))
    return record


def read_sidecar(path: str | Path) -> dict | None:
    """The record a template published, or None when it published nothing."""
    path = Path(path)
    if not path.exists():
        return None
    return json.loads(path.read_text(encoding="utf-8"))
