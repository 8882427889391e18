"""The front door: an analyst's names come from ``import seller_lab`` in a fresh interpreter,
and importing the package alone does not load the analysis stack (the command line stays fast)."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

ANALYST_NAMES = ["load_params", "load_category", "run_research", "forecast", "daily_series", "pain_points",
                 "question_themes", "demand_gaps", "filter_competitors", "compliance_check", "small_batch_plan",
                 "evaluate_pilot", "Decision", "publish", "sections", "Research"]


def _fresh(code: str, project_root) -> str:
    env = {**os.environ, "PYTHONPATH": str(project_root)}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env,
                         cwd=project_root, timeout=120)
    assert out.returncode == 0, out.stderr
    return out.stdout


def test_front_door_names_import_in_a_fresh_interpreter(project_root):
    code = (f"from seller_lab import {', '.join(ANALYST_NAMES)}\n"
            "import json, seller_lab\n"
            f"names = {ANALYST_NAMES!r}\n"
            "print(json.dumps({n: callable(getattr(seller_lab, n)) or hasattr(getattr(seller_lab, n), 'research')"
            " for n in names}))")
    found = json.loads(_fresh(code, project_root).strip().splitlines()[-1])
    assert all(found.values()), found


def test_run_month_comes_from_the_review_step(project_root):
    out = _fresh("from seller_lab import run_month; print(run_month.__module__)", project_root)
    assert out.strip().startswith("seller_lab.review")


def test_importing_the_package_does_not_load_the_analysis_stack(project_root):
    code = ("import sys, seller_lab, seller_lab.errors, seller_lab.params\n"
            "print(sorted(m for m in ('scipy', 'sklearn', 'matplotlib', 'nltk', 'papermill') if m in sys.modules))")
    assert _fresh(code, project_root).strip() == "[]"


def test_an_unknown_name_is_an_attribute_error():
    import seller_lab

    with pytest.raises(AttributeError, match="no attribute 'run_reserch'"):
        seller_lab.run_reserch  # noqa: B018


def test_the_front_door_runs_the_research_step_end_to_end(demo_data):
    import seller_lab

    params, data = demo_data("kids-toy-us")
    r = seller_lab.run_research(data, params, "2026-11")
    assert isinstance(r, seller_lab.Research) and r.verdict.verdict == "reject"
    assert "R1.3.cert_cost_share" in set(r.decisions["rule"])
    assert ">REJECT<" in seller_lab.sections.research.first_screen(r).html
