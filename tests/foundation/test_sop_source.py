"""The SOP files are read by sources (the edge); the monthly review judges what it is given."""

from __future__ import annotations

import copy
from types import MappingProxyType

import pandas as pd
import pytest

from seller_lab.params import load_params
from seller_lab.review import run_month
from seller_lab.sources.category import CategoryData
from seller_lab.sources.sop import SopFiles, load_sop

MONDAYS = ["2026-10-05", "2026-10-12", "2026-10-19", "2026-10-26"]


@pytest.fixture()
def params(tmp_path):
    p = copy.deepcopy(load_params("kitchen-organizer-de"))
    p["paths"]["store"] = str(tmp_path / "none.duckdb")
    return p


def test_a_log_without_its_columns_is_reported_not_raised(params, tmp_path):
    log = tmp_path / "sop_log.csv"
    log.write_text("task,when\naftersales_analysis,2026-10-05\n", encoding="utf-8")
    params["review"]["sop_log"] = str(log)
    s = load_sop(params)
    assert s.error.startswith(str(log)) and "due_date, done_at" in s.error and "Fix:" in s.error
    assert s.log.empty and not s.log_found


def test_the_log_is_read_with_where_it_came_from(params, tmp_path):
    log = tmp_path / "sop_log.csv"
    pd.DataFrame({"task": ["aftersales_analysis"], "due_date": ["2026-10-05"],
                  "done_at": ["2026-10-05T08:00:00Z"]}).to_csv(log, index=False)
    params["review"]["sop_log"] = str(log)
    s = load_sop(params)
    assert (s.error, s.log_found, s.log_file) == ("", True, str(log))
    assert s.log["task"].tolist() == ["aftersales_analysis"]
    assert {t["id"] for t in s.tasks["tasks"]} >= {"research", "aftersales_analysis"}


def test_run_month_judges_the_sop_it_is_given_without_reading_files(params):
    params["review"]["sop_file"] = "no-such-sop.yaml"     # reading it would say 'SOP not evaluated'
    tasks = {"timezone": "Europe/Berlin", "tasks": [
        {"id": "aftersales_analysis", "task": "After-sales analysis", "step": "aftersales",
         "owner_role": "CS lead", "deadline": {"weekly_on": "monday"}}]}
    log = pd.DataFrame({"task": "aftersales_analysis", "due_date": MONDAYS[:2],
                        "done_at": ["2026-10-05T08:00:00Z", "2026-10-14T08:00:00Z"]})
    given = SopFiles(tasks=MappingProxyType(tasks), log=log, log_file="sop_log.csv", log_found=True)
    m = run_month(CategoryData(params=params), params, "2026-10", previous_decisions=pd.DataFrame(), sop=given)
    assert m.sop_status["status"].tolist() == ["done", "late", "overdue", "overdue"]
    assert m.sop_log_file == "sop_log.csv" and not m.notes
    default = run_month(CategoryData(params=params), params, "2026-10", previous_decisions=pd.DataFrame())
    assert default.sop_status.empty and "SOP file not found" in default.notes[0]


@pytest.mark.parametrize("how", ["gbk", "xlsx", "utf16"])
def test_a_log_kept_in_excel_on_a_chinese_windows_is_read(params, tmp_path, how):
    # the ops team keeps the log in Excel: saved as CSV it is GBK ('by' holds Chinese names), or kept as a workbook;
    # before, only UTF-8 was read and a GBK log made the SOP section 'not evaluated'
    frame = pd.DataFrame({"task": ["aftersales_analysis", "aftersales_analysis"], "period": ["2026-W41", "2026-W42"],
                          "due_date": MONDAYS[:2], "done_at": ["2026-10-05T08:00:00Z", "2026-10-14T08:00:00Z"],
                          "by": ["王芳", "李强"]})
    log = tmp_path / ("sop_log.xlsx" if how == "xlsx" else "sop_log.csv")
    if how == "xlsx":
        frame.to_excel(log, index=False)
    elif how == "gbk":
        log.write_bytes(frame.to_csv(index=False).encode("gbk"))
    else:
        frame.to_csv(log, index=False, sep="\t", encoding="utf-16")
    params["review"]["sop_log"] = str(log)
    s = load_sop(params)
    assert s.error == "" and s.log_found, s.error
    assert s.log["by"].tolist() == ["王芳", "李强"] and s.log["due_date"].tolist() == MONDAYS[:2]
