"""Edges of the command line a new user hits (issue 10): an unknown ``--kind``, ``fetch``
with no network, a piped command whose reader stops early."""

from __future__ import annotations

import os
import shutil
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
from seller_lab.sources import load_file

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
