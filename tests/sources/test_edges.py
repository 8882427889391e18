"""Edges a new user hits (issue 10): an unknown ``--kind``, ``fetch`` with no network, a
piped command whose reader stops early; and what the tool writes: CSVs a spreadsheet
opens without running formulas, files with normal permissions."""

from __future__ import annotations

import csv
import os
import shutil
import stat
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import pytest
import responses

from seller_lab.cli import main
from seller_lab.errors import InputFileError
from seller_lab.params import load_params
from seller_lab.report.publish import atomic_write_text as publish_atomic_write_text
from seller_lab.sources import load_file
from seller_lab.sources.write import atomic_write_text, write_csv

ROOT = Path(__file__).resolve().parents[2]
NO_NETWORK_LIMIT_S = 15.0   # issue 10: fail with a clear message in under 15 s


@pytest.fixture()
def params_dir(tmp_path):
    """A project whose params are the shipped ones (its data/cache lives in tmp_path)."""
    shutil.copytree(ROOT / "params", tmp_path / "params")
    return tmp_path / "params"


def test_load_file_with_unknown_kind_names_the_valid_kinds(tmp_path):
    p = tmp_path / "orders.csv"
    p.write_text("order id,sku,quantity,purchase date\nA-1,KO-1,2,2026-10-01\n", "utf-8")
    with pytest.raises(InputFileError) as err:
        load_file(p, kind="bogus")
    msg = str(err.value)
    assert str(p) in msg and "unknown kind 'bogus'" in msg
    for kind in ("orders", "reviews", "trends", "tickets"):
        assert kind in msg


@pytest.mark.parametrize("source", ["trends", "reddit"])
def test_fetch_without_network_fails_in_seconds_with_one_clear_line(
        params_dir, tmp_path, monkeypatch, capsys, source):
    monkeypatch.chdir(tmp_path)  # no stray praw.ini
    monkeypatch.setenv("praw_client_id", "fake-client-id")
    monkeypatch.setenv("praw_client_secret", "fake-client-secret")
    defaults = load_params("kids-toy-us", params_dir)["live"]
    assert defaults["max_tries"] * defaults["backoff_base_s"] > NO_NETWORK_LIMIT_S  # 429 path
    start = time.monotonic()
    with responses.RequestsMock(assert_all_requests_are_fired=False):  # -> ConnectionError
        code = main(["fetch", source, "kids-toy-us", "--params-dir", str(params_dir)])
    elapsed = time.monotonic() - start
    err = capsys.readouterr().err
    assert code == 2
    assert elapsed < NO_NETWORK_LIMIT_S, f"took {elapsed:.1f} s"
    lines = err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: ")
    assert "cannot be reached" in lines[0] and "Fix:" in lines[0]
    assert "Traceback" not in err
    assert not list(tmp_path.rglob("multiTimeline*.csv")) and not list(tmp_path.rglob("*.jsonl"))


def test_piped_command_whose_reader_stops_early_exits_quietly(tmp_path):
    # a Trends file with thousands of bad cells: `inspect --json` writes far more than a
    # pipe buffer, so the writer meets a closed pipe
    rows = "".join(f"2020-01-{i % 28 + 1:02d},x{i}\n" for i in range(6000))
    p = tmp_path / "multiTimeline.csv"
    good = "".join(f"{d.date()},{i % 101}\n" for i, d in enumerate(
        pd.date_range("2018-01-07", periods=60, freq="W")))
    p.write_text("Week,dish rack: (United States)\n" + good + rows, encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.Popen(
        [sys.executable, "-c", "import sys; from seller_lab.cli import main; sys.exit(main())",
         "inspect", "--json", "--max-rejected", "100000", str(p)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, cwd=tmp_path)
    first = proc.stdout.readline()
    proc.stdout.close()              # the reader goes away, like `| head -1`
    err = proc.stderr.read().decode()
    code = proc.wait(timeout=60)
    proc.stderr.close()
    assert first.strip() == b"{"
    assert "Traceback" not in err and "BrokenPipeError" not in err, err
    assert code == 0


# ------------------------------------------------------------------ what the tool writes
def _cells(path: Path) -> list[list[str]]:
    with open(path, newline="", encoding="utf-8") as fh:
        return list(csv.reader(fh))


def test_written_csv_neutralises_formula_cells_but_keeps_numbers(tmp_path):
    frame = pd.DataFrame({
        "sku": ["=HYPERLINK(\"http://x\",\"click\")", "+49 30 1234", "-2+3+cmd|' /C calc'!A0",
                "@SUM(A1:A9)", "\tTAB", "\rCR", "KO-RACK-2T", "-7", "+3.5"],
        "y": [-1.5, 2.0, -3.0, 4.0, 5.0, 6.0, 7.0, 8.0, 9.0],
        "units": [-1, 0, 1, 2, 3, 4, 5, 6, 7],
    })
    path = write_csv(frame, tmp_path / "out.csv")
    rows = _cells(path)
    assert rows[0] == ["sku", "y", "units"]
    sku = [r[0] for r in rows[1:]]
    assert sku[:6] == ["'=HYPERLINK(\"http://x\",\"click\")", "'+49 30 1234",
                       "'-2+3+cmd|' /C calc'!A0", "'@SUM(A1:A9)", "'\tTAB", "'\rCR"]
    assert sku[6:] == ["KO-RACK-2T", "-7", "+3.5"]     # plain text and plain numbers
    assert [r[1] for r in rows[1:4]] == ["-1.5", "2.0", "-3.0"]   # numbers stay numbers
    assert [r[2] for r in rows[1:3]] == ["-1", "0"]
    assert frame.loc[0, "sku"].startswith("=")          # the caller's frame is untouched


def test_forecast_cli_output_neutralises_a_formula_sku(tmp_path, capsys):
    days = pd.date_range("2026-08-01", periods=70, freq="D")
    sales = pd.DataFrame({"sku": ["=1+1"] * 70 + ["KO-1"] * 70,
                          "date": list(days.strftime("%Y-%m-%d")) * 2,
                          "units": [3, 5, 4, 6, 2, 7, 5] * 20})
    src, out = tmp_path / "sales.csv", tmp_path / "fc.csv"
    sales.to_csv(src, index=False)
    assert main(["forecast", str(src), "--horizon", "7", "--out", str(out)]) == 0
    ids = {r[0] for r in _cells(out)[1:]}
    assert ids == {"'=1+1", "KO-1"}


@pytest.mark.parametrize("umask, mode", [(0o022, 0o644), (0o002, 0o664), (0o077, 0o600)])
def test_atomic_writes_get_the_mode_a_normal_file_would_get(tmp_path, umask, mode):
    old = os.umask(umask)
    try:
        paths = [atomic_write_text(tmp_path / "a" / "report.html", "<p>ok</p>"),
                 publish_atomic_write_text(tmp_path / "b" / "index.json", "{}"),
                 write_csv(pd.DataFrame({"a": [1]}), tmp_path / "c" / "out.csv")]
    finally:
        os.umask(old)
    for p in paths:
        assert stat.S_IMODE(p.stat().st_mode) == mode, p
        assert not [q for q in p.parent.iterdir() if q.name.endswith(".tmp")]


def test_atomic_write_keeps_the_mode_of_the_file_it_replaces(tmp_path):
    p = tmp_path / "shared.html"
    p.write_text("old", encoding="utf-8")
    p.chmod(0o664)
    atomic_write_text(p, "new")
    assert p.read_text(encoding="utf-8") == "new" and stat.S_IMODE(p.stat().st_mode) == 0o664


def test_live_trends_saved_csv_is_readable_by_others(tmp_path):
    from seller_lab.sources.live_trends import save_trends_csv

    params = {"category": {"data_dir": str(tmp_path / "data")}, "paths": {}}
    frame = pd.DataFrame({"unique_id": ["=cmd|DE"] * 2, "keyword": "=cmd", "geo": "DE",
                          "ds": pd.to_datetime(["2026-11-15", "2026-11-22"]),
                          "y": [0.5, 100.0], "is_partial": [False, True]})
    old = os.umask(0o022)
    try:
        path = save_trends_csv(params, frame, name="multiTimeline.csv")
    finally:
        os.umask(old)
    assert stat.S_IMODE(path.stat().st_mode) == 0o644
    assert _cells(path)[2] == ["Week", "'=cmd: (Germany)"]
