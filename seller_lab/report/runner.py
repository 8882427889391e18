"""Run one report template with papermill and write one self-contained HTML.

papermill's sharp edges are covered here (PITFALLS): it only *logs* an unknown
parameter, so the injected names are checked against the template's ``parameters``
cell before any kernel starts; one named kernel is pinned (installed into this
environment when missing); a kernel *start* that fails is retried once, a failing
cell is not. Outputs are written atomically: a failed run never replaces the last
good report, and its notebook is kept under ``failed/`` for diagnosis.

Speed: the kernel is started, preloaded and reused by :mod:`seller_lab.report.kernel`
(one kernel per process, cleared between reports). The HTML exporter is built once per
thread.
"""

from __future__ import annotations

import html as _html
import logging
import tempfile
import threading
import time
import traceback
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import nbformat
import papermill
from nbconvert import HTMLExporter
from papermill.exceptions import PapermillExecutionError

from ..errors import ReportError, SellerLabError
from ..i18n import report_language
from ..i18n.catalog import translate_notebook
from ..params import load_params, resolve
from .kernel import (
    TEMPLATES,
    ReusedKernel,
    ensure_kernel,
    preload_code,
    process_kernel,
    shutdown_process_kernel,
    template_path,
)
from .publish import atomic_write_text, read_sidecar

__all__ = ["BASE_LANGUAGE", "INJECTED", "OPTIONAL_INJECTED", "TEMPLATES", "ReportResult", "ReusedKernel", "check_template_parameters", "ensure_kernel",
           "notebook_to_html", "process_kernel", "report_paths", "run_report", "shutdown_process_kernel",
           "template_path"]

log = logging.getLogger(__name__)

INJECTED = ("category", "period", "params_dir", "sidecar")
#: Injected only when the template's parameters cell declares it: the report language, and
#: the processes its analysis may use (``run_research(..., jobs=jobs)``).
OPTIONAL_INJECTED = ("lang", "jobs")
#: The language whose reports keep the plain paths (``<period>.html``, ``index.html``);
#: a report in another language is written beside it as ``<period>.<lang>.html``.
BASE_LANGUAGE = "en"


@dataclass
class ReportResult:
    """Outcome of one report run (picklable: crosses process and Dask boundaries)."""

    kind: str
    category: str
    period: str
    status: str = "failed"          # ok | failed
    lang: str = BASE_LANGUAGE       # the report's language (en | zh)
    html: str = ""                  # path of the (last good) HTML, '' if none
    notebook: str = ""              # executed notebook of this run
    error: str = ""                 # one line: where and what
    seconds: float = 0.0
    record: dict = field(default_factory=dict)  # what the template published

    def as_dict(self) -> dict:
        return asdict(self)


def report_paths(reports_root: Path, kind: str, category: str, period: str,
                 lang: str = BASE_LANGUAGE) -> dict[str, Path]:
    """Where a report's files live: the English report at ``<period>.html`` (links stay
    stable), another language beside it at ``<period>.<lang>.html``.

    >>> sorted(report_paths(Path("reports"), "research", "toy", "2026-11"))
    ['failed', 'html', 'notebook']
    >>> report_paths(Path("reports"), "research", "toy", "2026-11", "zh")["html"].as_posix()
    'reports/research/toy/2026-11.zh.html'
    """
    base = reports_root / kind / category
    stem = period if lang == BASE_LANGUAGE else f"{period}.{lang}"
    return {"html": base / f"{stem}.html", "notebook": base / f"{stem}.ipynb",
            "failed": reports_root / "failed" / kind / category / f"{stem}.ipynb"}


def check_template_parameters(template: Path, names=INJECTED) -> dict:
    """Refuse to run when an injected name is not in the template's parameters cell;
    returns the declared parameters."""
    declared = papermill.inspect_notebook(str(template))
    if not declared and not _has_parameters_cell(template):
        raise ReportError(f"{template}: no cell tagged 'parameters'. Fix: tag the first code "
                          f"cell 'parameters' and define {', '.join(names)} in it")
    missing = [n for n in names if n not in declared]
    if missing:
        raise ReportError(
            f"{template}: the parameters cell does not define {', '.join(missing)}; papermill "
            f"would only log this and run with defaults. Fix: add "
            + ", ".join(f"{n} = ''" for n in missing) + " to the parameters cell")
    return declared


def _has_parameters_cell(template: Path) -> bool:
    nb = nbformat.read(str(template), as_version=4)
    return any("parameters" in c.get("metadata", {}).get("tags", []) for c in nb.cells)


def _execute(template: Path, out: Path, parameters: dict, params: dict) -> None:
    rep = params["report"]
    tries = int(rep["kernel_start_retries"]) + 1
    for attempt in range(tries):
        kernel = None
        try:
            kernel = process_kernel(rep["kernel_name"], str(params["paths"]["project_root"]),
                                    int(rep["start_timeout_s"]), preload=preload_code(template))
            kernel.fresh = False  # the next report resets the namespace, even if this one fails
            papermill.execute_notebook(
                str(template), str(out), parameters=parameters, km=kernel.km,
                kernel_name=rep["kernel_name"], progress_bar=False, log_output=False,
                # written once at the end (and on a failing cell), not twice per cell: each
                # save serialises and validates the whole notebook, images included
                request_save_on_cell_execute=False,
                cwd=params["paths"]["project_root"], start_timeout=int(rep["start_timeout_s"]),
                execution_timeout=int(rep["cell_timeout_s"]))
            kernel.runs += 1
            return
        except PapermillExecutionError:
            raise
        except Exception as exc:  # kernel start problems: ZMQError, "didn't respond", ...
            shutdown_process_kernel()
            if attempt + 1 >= tries or not _is_kernel_start_problem(exc):
                raise
            log.warning("kernel start failed (%s); retrying once", exc)
            time.sleep(1.0)
        finally:
            if kernel is not None:
                kernel.km.close_clients()


def _is_kernel_start_problem(exc: BaseException) -> bool:
    text = f"{type(exc).__name__}: {exc}"
    return any(s in text for s in ("ZMQError", "Address already in use", "didn't respond",
                                   "Kernel died", "TimeoutError"))


def run_report(kind: str, category: str, period: str, *, params_dir: str | Path | None = None,
               reports_root: str | Path | None = None, lang: str | None = None,
               analysis_jobs: int = 1) -> ReportResult:
    """Run one template for one category and period in one language (``lang``, else the
    category's ``report.language``, else English); never raises for a report failure
    (the result says ``failed`` with the cell and error), only for a setup mistake in
    the caller's arguments.

    The kernel runs a copy of the template whose markdown cells are translated
    (:func:`seller_lab.i18n.catalog.translate_notebook`) and gets the language as the
    ``lang`` parameter when the template declares one.

    ``analysis_jobs``: processes the template's analysis may use (its ``jobs`` parameter, when
    it declares one): 2 when this report has a second core to itself (it runs alone), 1 when
    other reports run at the same time. The page is the same either way."""
    t0 = time.perf_counter()
    result = ReportResult(kind=kind, category=category, period=period, lang=lang or BASE_LANGUAGE)
    try:
        params = load_params(category, params_dir)
        result.lang = lang = report_language(params, lang)
        root = Path(reports_root) if reports_root else resolve(params, params["paths"]["reports_root"])
        paths = report_paths(root, kind, category, period, lang)
        if paths["html"].exists():
            result.html = str(paths["html"])
        template = template_path(params, kind)
        declared = check_template_parameters(template)
        ensure_kernel(params["report"]["kernel_name"])
        paths["html"].parent.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryDirectory(prefix="seller_lab_run_") as tmp:
            out_nb = Path(tmp) / "out.ipynb"
            sidecar = Path(tmp) / "published.json"
            parameters = {"category": category, "period": period,
                          "params_dir": params["paths"]["params_dir"], "sidecar": str(sidecar)}
            if "lang" in declared:
                parameters["lang"] = lang
            if "jobs" in declared:
                parameters["jobs"] = max(1, int(analysis_jobs))
            if lang != BASE_LANGUAGE:
                source = Path(tmp) / template.name
                nb = nbformat.read(str(template), as_version=4)
                nbformat.write(nbformat.from_dict(translate_notebook(nb, lang)), str(source))
            else:
                source = template
            _exporter()  # built while a kernel that was just launched starts
            try:
                _execute(source, out_nb, parameters, params)
            except PapermillExecutionError as exc:
                _keep_failed(out_nb, paths["failed"])
                result.error = (f"cell {exc.exec_count}: {exc.ename}: {str(exc.evalue)[:300]} "
                                f"(notebook kept at {paths['failed']})")
                return result
            html = notebook_to_html(out_nb, title=f"{params['category']['display_name']} — "
                                                  f"{kind} {period}", lang=lang)
            nb_text = out_nb.read_text(encoding="utf-8")
            atomic_write_text(paths["notebook"], nb_text)
            atomic_write_text(paths["html"], html)
            paths["failed"].unlink(missing_ok=True)
            result.record = read_sidecar(sidecar) or {}
        result.status, result.html, result.notebook = "ok", str(paths["html"]), str(paths["notebook"])
    except SellerLabError as exc:
        result.error = str(exc)
    except Exception as exc:  # a batch must go on: report, don't crash
        result.error = f"{type(exc).__name__}: {exc}"
        log.debug("report failed:\n%s", traceback.format_exc())
    finally:
        result.seconds = round(time.perf_counter() - t0, 2)
    return result


def _keep_failed(out_nb: Path, failed: Path) -> None:
    if out_nb.exists():
        atomic_write_text(failed, out_nb.read_text(encoding="utf-8"))


_PAGE = """<!DOCTYPE html>
<html lang="{lang}"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title>
<style>
body {{ font-family: -apple-system, "Segoe UI", Roboto, "Noto Sans", "Helvetica Neue", Arial,
       "Noto Sans CJK SC", "PingFang SC", "Microsoft YaHei", sans-serif;
       max-width: 1100px; margin: 24px auto; padding: 0 16px; color: #1f2328; line-height: 1.45; }}
h1 {{ font-size: 1.6em; margin-bottom: .2em; }} h2 {{ border-bottom: 1px solid #d0d7de; padding-bottom: 4px; margin-top: 1.6em; }}
table {{ border-collapse: collapse; margin: 6px 0 12px; font-size: .9em; }}
th, td {{ border-bottom: 1px solid #d0d7de; padding: 4px 8px; text-align: left; vertical-align: top; }}
th {{ background: #f6f8fa; }}
img {{ max-width: 100%; height: auto; }}
pre {{ white-space: pre-wrap; }}
.meta {{ color: #57606a; font-size: .85em; }}
@media print {{ body {{ max-width: none; }} h2 {{ page-break-after: avoid; }} }}
</style></head><body>
<div class="meta">{meta}</div>
{body}
</body></html>
"""


_EXPORTERS = threading.local()


def _exporter() -> HTMLExporter:
    """One HTML exporter per thread, its templates compiled (building one costs ~0.2 s; one
    is not shared between threads running reports at once)."""
    exporter = getattr(_EXPORTERS, "html", None)
    if exporter is None:
        exporter = _EXPORTERS.html = HTMLExporter(template_name="basic", exclude_input=True,
                                                  exclude_input_prompt=True, exclude_output_prompt=True)
        exporter.from_notebook_node(nbformat.v4.new_notebook())  # compiles its templates now (~0.2 s)
    return exporter


def notebook_to_html(nb_path: str | Path, *, title: str, lang: str = BASE_LANGUAGE) -> str:
    """Executed notebook -> one self-contained HTML page: no code cells, no prompts,
    no stderr noise, images embedded as data URIs, no external scripts or fonts (Chinese
    text uses the reader's system CJK font; the charts carry their own glyphs)."""
    nb = nbformat.read(str(nb_path), as_version=4)
    for cell in nb.cells:
        if cell.cell_type == "code":
            cell.outputs = [o for o in cell.get("outputs", [])
                            if not (o.get("output_type") == "stream" and o.get("name") == "stderr")]
    body, _ = _exporter().from_notebook_node(nb)
    stamp = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    return _PAGE.format(title=_html.escape(title), body=body, lang=_html.escape(lang),
                        meta=f"seller_lab · generated {stamp}")
