"""The report pipeline on a small template: parameters check, HTML without code,
embedded images, escaping, atomic outputs, failure isolation in a batch."""

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

from seller_lab.errors import ReportError
from seller_lab.params import load_params
from seller_lab.report.batch import run_batch
from seller_lab.report.kernel import preload_code, start_kernel
from seller_lab.report.runner import (
    check_template_parameters,
    process_kernel,
    run_report,
    shutdown_process_kernel,
)

CATEGORY = """
category:
  display_name: "{name}"
  market: DE
  marketplace: amazon.de
  currency: EUR
  timezone: Europe/Berlin
  data_dir: data/{slug}
"""

CELLS = [
    ("markdown", "# Test report"),
    ("parameters", 'category = ""\nperiod = ""\nparams_dir = ""\nsidecar = ""'),
    ("code", "from seller_lab.params import load_params\nfrom seller_lab.report import plots, render\n"
             "from seller_lab.report.publish import publish\n"
             "params = load_params(category, params_dir)"),
    ("code", "if params['category']['display_name'].startswith('BROKEN'):\n"
             "    raise ValueError('planted failure for ' + category)"),
    ("code", "render.table(__import__('pandas').DataFrame({'quote': ['<script>alert(1)</script>']}))"),
    ("code", "fig, ax = plots.new_figure(); ax.plot([1, 2, 3]); "
             "plots.finish(ax, title='Up and to the right', source='test'); plots.close(fig)"),
    ("code", "import warnings; warnings.warn('noise on stderr')"),
    ("code", "assert 'planted_state' not in globals(), 'a variable leaked from the previous report'\n"
             "planted_state = category"),
    ("code", "publish(sidecar, kind='research', category=category, period=period, verdict='go', "
             "headline='planted headline for ' + category);"),
]


def _template(path: Path, cells=CELLS) -> None:
    nb = nbformat.v4.new_notebook()
    for kind, src in cells:
        if kind == "markdown":
            nb.cells.append(nbformat.v4.new_markdown_cell(src))
        else:
            c = nbformat.v4.new_code_cell(src)
            if kind == "parameters":
                c.metadata["tags"] = ["parameters"]
            nb.cells.append(c)
    nb.metadata["kernelspec"] = {"name": "seller-lab", "display_name": "seller_lab", "language": "python"}
    path.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(nb, str(path))


@pytest.fixture()
def project(tmp_path, params_dir):
    pdir = tmp_path / "params"
    (pdir / "categories").mkdir(parents=True)
    shutil.copy(params_dir / "defaults.yaml", pdir / "defaults.yaml")
    for slug, name in (("good-a", "Good A"), ("good-b", "Good B"), ("bad-c", "Good C")):
        (pdir / "categories" / f"{slug}.yaml").write_text(
            CATEGORY.format(name=name, slug=slug), encoding="utf-8")
    _template(tmp_path / "notebooks" / "category_research.ipynb")
    return tmp_path


def test_report_html_has_no_code_embeds_images_and_escapes_data(project):
    r = run_report("research", "good-a", "2026-11", params_dir=project / "params")
    assert r.status == "ok", r.error
    html = Path(r.html).read_text(encoding="utf-8")
    assert Path(r.html) == project / "reports/research/good-a/2026-11.html"
    assert "load_params(category" not in html and "plots.new_figure" not in html  # no code
    assert html.count('src="data:image/png;base64,') == 1                       # embedded, once
    assert "<script>alert(1)</script>" not in html and "&lt;script&gt;" in html   # escaped
    assert "noise on stderr" not in html
    assert "<script src=" not in html and "https://" not in html                 # offline
    assert r.record["headline"] == "planted headline for good-a"
    assert Path(r.notebook).exists()


def test_unknown_injected_name_is_refused_before_a_kernel_starts(tmp_path):
    tpl = tmp_path / "t.ipynb"
    _template(tpl, [("parameters", 'category = ""\nperiod = ""')])
    with pytest.raises(ReportError, match=r"does not define params_dir, sidecar"):
        check_template_parameters(tpl)


def test_batch_isolates_a_failing_category_and_keeps_its_last_good_report(project):
    pdir = project / "params"
    first = run_batch("research", ["good-a", "bad-c"], "2026-11", params_dir=pdir, progress=False)
    assert [r.status for r in first] == ["ok", "ok"]
    good_html = (project / "reports/research/bad-c/2026-11.html").read_bytes()
    # the category breaks: its next run fails, the others still render
    (pdir / "categories" / "bad-c.yaml").write_text(
        CATEGORY.format(name="BROKEN C", slug="bad-c"), encoding="utf-8")
    second = run_batch("research", ["good-a", "bad-c", "good-b"], "2026-11", jobs=2,
                       params_dir=pdir, progress=False)
    status = {r.category: r for r in second}
    assert status["good-a"].status == "ok" and status["good-b"].status == "ok"
    assert status["bad-c"].status == "failed"
    assert "ValueError" in status["bad-c"].error and "planted failure" in status["bad-c"].error
    assert (project / "reports/research/bad-c/2026-11.html").read_bytes() == good_html
    assert (project / "reports/failed/research/bad-c/2026-11.ipynb").exists()
    manifest = json.loads((project / "reports/index.json").read_text(encoding="utf-8"))
    entry = manifest["reports"]["research/bad-c/2026-11"]
    assert entry["status"] == "failed" and entry["html"].endswith("2026-11.html")
    index = (project / "reports/index.html").read_text(encoding="utf-8")
    assert "Good B" in index and "planted headline for good-a" in index and "failed" in index


def test_cli_exit_code_is_nonzero_when_a_category_fails(project):
    from seller_lab.cli import main

    (project / "params/categories/bad-c.yaml").write_text(
        CATEGORY.format(name="BROKEN C", slug="bad-c"), encoding="utf-8")
    assert main(["research", "good-a", "--params-dir", str(project / "params")]) == 0
    assert main(["research", "--all", "--params-dir", str(project / "params")]) == 1


def test_batch_runs_on_a_local_dask_cluster(project):
    distributed = pytest.importorskip("distributed")
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address=None) as cluster, \
            distributed.Client(cluster) as client:
        results = run_batch("research", ["good-a", "good-b"], "2026-11",
                            executor=client.get_executor(), params_dir=project / "params",
                            progress=False)
    assert [r.status for r in results] == ["ok", "ok"], [r.error for r in results]
    assert (project / "reports/research/good-b/2026-11.html").exists()


def test_reports_of_one_process_reuse_its_kernel_without_sharing_variables(project):
    shutdown_process_kernel()
    pdir = project / "params"
    first = run_report("research", "good-a", "2026-11", params_dir=pdir)
    second = run_report("research", "good-b", "2026-11", params_dir=pdir)
    assert (first.status, second.status) == ("ok", "ok"), (first.error, second.error)
    kernel = process_kernel("seller-lab", str(project))
    assert kernel.runs == 2  # one kernel served both reports
    # a kernel that died is replaced, and the next report still renders
    kernel.km.shutdown_kernel(now=True)
    third = run_report("research", "good-a", "2026-11", params_dir=pdir)
    assert third.status == "ok", third.error
    assert process_kernel("seller-lab", str(project)) is not kernel
    shutdown_process_kernel()


def test_report_in_another_language_runs_a_translated_template_beside_the_english_file(project):
    cells = [("markdown", "## Inputs\nEvery number above rests on these files. Missing inputs are listed; the "
                          "sections that need them say so instead of guessing."),
             ("parameters", 'category = ""\nperiod = ""\nparams_dir = ""\nsidecar = ""\nlang = "en"'),
             ("code", "from seller_lab.report.publish import publish\n"
                      "publish(sidecar, kind='research', category=category, period=period, verdict='go', "
                      "headline='written in ' + lang);")]
    _template(project / "notebooks" / "category_research.ipynb", cells)
    en = run_report("research", "good-a", "2026-11", params_dir=project / "params")
    zh = run_report("research", "good-a", "2026-11", params_dir=project / "params", lang="zh")
    assert (en.status, zh.status) == ("ok", "ok"), (en.error, zh.error)
    assert Path(en.html) == project / "reports/research/good-a/2026-11.html"
    assert Path(zh.html) == project / "reports/research/good-a/2026-11.zh.html"
    assert (en.record["headline"], zh.record["headline"]) == ("written in en", "written in zh")
    zh_page, en_page = Path(zh.html).read_text(encoding="utf-8"), Path(en.html).read_text(encoding="utf-8")
    assert "输入数据" in zh_page and '<html lang="zh">' in zh_page        # the markdown cell, translated
    assert "## Inputs" not in zh_page and "Inputs" in en_page
    assert json.loads(Path(zh.notebook).read_text(encoding="utf-8"))["cells"][1]["cell_type"] == "code"


def test_template_without_a_lang_parameter_still_runs_in_chinese(project):
    r = run_report("research", "good-a", "2026-11", params_dir=project / "params", lang="zh")
    assert r.status == "ok", r.error                 # lang is injected only where declared
    assert r.record["headline"] == "planted headline for good-a"


def test_a_report_running_alone_lets_its_analysis_use_a_second_core(project):
    cells = [("parameters", 'category = ""\nperiod = ""\nparams_dir = ""\nsidecar = ""\njobs = 1'),
             ("code", "from seller_lab.report.publish import publish\n"
                      "publish(sidecar, kind='research', category=category, period=period, verdict='go', "
                      "headline=f'analysis jobs {jobs}');")]
    _template(project / "notebooks" / "category_research.ipynb", cells)
    pdir = project / "params"
    alone = run_batch("research", ["good-a"], "2026-11", params_dir=pdir, progress=False)[0]
    assert alone.status == "ok", alone.error
    assert alone.record["headline"] == f"analysis jobs {min(2, os.cpu_count() or 1)}"
    # run_report on its own (a batch worker) leaves the analysis to one process
    assert run_report("research", "good-b", "2026-11", params_dir=pdir).record["headline"] == "analysis jobs 1"


def test_unknown_report_language_is_a_clear_error(project):
    r = run_report("research", "good-a", "2026-11", params_dir=project / "params", lang="fr")
    assert r.status == "failed" and "report.language" in r.error and "en or zh" in r.error


def test_demo_reports_in_a_language_refuse_an_out_folder_their_params_do_not_read(tmp_path, capsys):
    from seller_lab.cli import main

    assert main(["demo", "--out", str(tmp_path / "elsewhere"), "--lang", "zh"]) == 2
    assert "--lang renders the demo categories' reports" in capsys.readouterr().err
    assert not (tmp_path / "elsewhere").exists()      # refused before anything is generated


def _kernel_children() -> list[int]:
    """Pids of this process's child processes that are Jupyter kernels (Linux /proc)."""
    me, found = str(os.getpid()), []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            if stat.read_text().rsplit(")", 1)[1].split()[1] == me and \
                    b"ipykernel" in (stat.parent / "cmdline").read_bytes():
                found.append(int(stat.parent.name))
        except OSError:  # the process ended meanwhile
            continue
    return found


def test_cli_refuses_an_unknown_language_and_leaves_no_kernel_behind(project, capsys):
    from seller_lab.cli import main

    shutdown_process_kernel()
    assert main(["research", "good-a", "--lang", "fr", "--params-dir", str(project / "params")]) == 2
    assert "--lang 'fr' is not a report language" in capsys.readouterr().err
    assert not _kernel_children()                      # the kernel launched early was stopped
    assert not (project / "reports/research/good-a").exists()


PRELOAD_CELLS = [
    ("parameters", 'category = ""\nperiod = ""\nparams_dir = ""\nsidecar = ""'),
    # runs before the cell that imports plots: the kernel imported it while starting, and the
    # preload left no name in the namespace
    ("code", "import sys\nassert 'seller_lab.report.plots' in sys.modules, 'plots was not preloaded'\n"
             "assert 'plots' not in globals() and not any('preload' in n for n in globals())"),
    ("code", "from seller_lab.report import plots\nfrom seller_lab.report.publish import publish\n"
             "publish(sidecar, kind='research', category=category, period=period, verdict='go', "
             "headline='preloaded');"),
]


def test_kernel_launched_early_preloads_the_template_imports_and_serves_the_report(project):
    shutdown_process_kernel()
    _template(project / "notebooks" / "category_research.ipynb", PRELOAD_CELLS)
    pdir = project / "params"
    early = start_kernel(load_params("good-a", pdir), "research")
    assert early is not None and not early.ready      # launched, not waited for
    r = run_report("research", "good-a", "2026-11", params_dir=pdir)
    assert r.status == "ok", r.error
    assert r.record["headline"] == "preloaded"
    assert process_kernel("seller-lab", str(project)) is early and early.runs == 1
    shutdown_process_kernel()


def test_preload_holds_only_the_template_imports_never_its_other_code(tmp_path):
    tpl = tmp_path / "t.ipynb"
    _template(tpl, [("parameters", 'category = ""'),
                    ("code", "import json\nfrom pathlib import Path as P\nx = json.dumps([1])\n"
                             "def f():\n    import os\n    return os"),
                    ("code", "%matplotlib inline\nimport math"),
                    ("code", "import json")])
    code = preload_code(tpl)
    assert "import json" in code and "from pathlib import Path as P" in code
    assert code.count("import json") == 1             # once, though two cells import it
    assert "x =" not in code and "os" not in code     # no other code, no nested imports
    assert "math" not in code                         # a cell with magics is not Python
    assert "category" not in code                     # the parameters cell is never preloaded
    namespace: dict = {}
    exec(code, namespace)                             # runs, and leaves only builtins behind
    assert set(namespace) == {"__builtins__"}
    assert preload_code(tmp_path / "missing.ipynb") == ""


def test_report_command_in_a_fresh_process_writes_everything_and_leaves_no_kernel(project):
    # the real command: kernel launched before papermill is imported, the interpreter's final
    # collections skipped at exit; nothing it wrote may be lost on the way out
    root = Path(__file__).resolve().parents[2]
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(root), os.environ.get("PYTHONPATH", "")])}
    out = subprocess.run([sys.executable, "-m", "seller_lab.cli", "research", "good-a", "--period", "2026-11",
                          "--params-dir", str(project / "params")],
                         capture_output=True, text=True, cwd=project, env=env, timeout=300)
    assert out.returncode == 0, out.stderr
    assert out.stdout.startswith("ok ") and "good-a" in out.stdout
    html = (project / "reports/research/good-a/2026-11.html").read_text(encoding="utf-8")
    assert html.rstrip().endswith("</html>") and "Test report" in html
    manifest = json.loads((project / "reports/index.json").read_text(encoding="utf-8"))
    assert manifest["reports"]["research/good-a/2026-11"]["status"] == "ok"
    leftover = [p for p in Path("/proc").glob("[0-9]*/cwd") if _same_dir(p, project)]
    assert not leftover, "a kernel outlived its command"


def _same_dir(link: Path, folder: Path) -> bool:
    try:
        return link.resolve() == folder.resolve()
    except OSError:  # the process ended meanwhile, or is not ours to read
        return False


def test_a_project_folder_without_templates_is_told_where_the_shipped_ones_are(tmp_path):
    # a new user's own folder (params/, data/ and nothing else) was told to 'git checkout' a template it never had
    from seller_lab.report.kernel import template_path

    params = load_params("kitchen-organizer-de")
    params["paths"] = {**params["paths"], "project_root": str(tmp_path)}
    with pytest.raises(ReportError) as e:
        template_path(params, "research")
    shipped = Path(__file__).resolve().parents[2] / "notebooks"
    assert f"set paths.notebooks: {shipped}" in str(e.value) and str(tmp_path / "notebooks") in str(e.value)
    params["paths"]["notebooks"] = str(shipped)
    assert template_path(params, "research") == shipped / "category_research.ipynb"
