"""``seller-lab ingest``: per-file summary, exit codes, --all, --json."""

from __future__ import annotations

import argparse
import importlib.util
import json
import shutil
from pathlib import Path

import pytest
import yaml

from seller_lab.errors import SellerLabError
from seller_lab.sources import store
from seller_lab.sources.ingest_cli import register_ingest

_spec = importlib.util.spec_from_file_location(
    "_store_tests_cli", Path(__file__).with_name("test_store.py"))
_t = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_t)


@pytest.fixture()
def project(tmp_path, params_dir, monkeypatch):
    """A params folder with two categories whose data folders and store live in tmp."""
    pdir = tmp_path / "params"
    (pdir / "categories").mkdir(parents=True)
    shutil.copy(params_dir / "defaults.yaml", pdir / "defaults.yaml")
    for slug in ("kitchen-organizer-de", "camping-chair-de"):
        cat = yaml.safe_load((params_dir / "categories" / f"{slug}.yaml").read_text("utf-8"))
        folder = tmp_path / "data" / slug
        folder.mkdir(parents=True)
        (folder / "orders.csv").write_text(_t.ORDERS_CSV, encoding="utf-8")
        cat["category"]["data_dir"] = str(folder)
        cat["paths"] = {"store": str(tmp_path / "data" / "store.duckdb")}
        (pdir / "categories" / f"{slug}.yaml").write_text(yaml.safe_dump(cat), "utf-8")
    monkeypatch.setattr(store, "_default_loader", lambda: _t.fake_load_file)
    return tmp_path


def run(argv) -> int:
    parser = argparse.ArgumentParser(prog="seller-lab")
    register_ingest(parser.add_subparsers(dest="command", required=True))
    args = parser.parse_args(argv)
    return args.func(args)


def test_ingest_all_twice_is_idempotent(project, capsys):
    pdir = str(project / "params")
    assert run(["ingest", "--all", "--params-dir", pdir]) == 0
    out = capsys.readouterr().out
    assert "kitchen-organizer-de: 1 loaded" in out and "camping-chair-de: 1 loaded" in out
    assert "1 rejected" in out and "orders.csv" in out
    assert run(["ingest", "--all", "--params-dir", pdir, "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert {r["status"] for r in rows} == {"unchanged"} and len(rows) == 2
    con = store.open_store(project / "data" / "store.duckdb")
    try:
        n = con.execute("SELECT category, count(*) FROM orders GROUP BY 1 ORDER BY 1").fetchall()
    finally:
        con.close()
    assert n == [("camping-chair-de", 3), ("kitchen-organizer-de", 3)]


def test_ingest_exit_code_1_when_a_file_fails(project, capsys, monkeypatch):
    from seller_lab.errors import InputFileError

    def failing(path, kind=None, params=None):
        raise InputFileError(path, "expected column 'qty'", column="qty",
                             fix="map it under sources.columns.orders")

    monkeypatch.setattr(store, "_default_loader", lambda: failing)
    code = run(["ingest", "kitchen-organizer-de", "--params-dir", str(project / "params")])
    captured = capsys.readouterr()
    assert code == 1
    assert "column 'qty'" in captured.out and "could not be loaded" in captured.err


def test_ingest_without_category_is_a_user_error(project):
    with pytest.raises(SellerLabError, match="--all"):
        run(["ingest", "--params-dir", str(project / "params")])


def test_fetch_without_reddit_credentials_is_a_clear_user_error(project, monkeypatch):
    from seller_lab.errors import SourceUnavailableError

    for var in ("praw_client_id", "praw_client_secret"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.chdir(project)
    with pytest.raises(SourceUnavailableError, match="Arctic-Shift"):
        run(["fetch", "reddit", "kitchen-organizer-de", "--params-dir",
             str(project / "params")])


def test_fetch_trends_writes_multitimeline_into_the_data_folder(project, monkeypatch, capsys):
    import pandas as pd

    from seller_lab.sources import live_trends

    def fake_fetch(params, **kw):
        kws = params["category"]["keywords"][:2]
        ds = pd.to_datetime(["2026-11-08", "2026-11-15", "2026-11-22"])
        return pd.DataFrame({"unique_id": [f"{k}|DE" for k in kws for _ in ds],
                             "keyword": [k for k in kws for _ in ds], "geo": "DE",
                             "ds": list(ds) * 2, "y": [40.0, 100, 0.5, 10, 12, 0],
                             "is_partial": [False, False, True] * 2})

    monkeypatch.setattr(live_trends, "fetch_trends", fake_fetch)
    assert run(["fetch", "trends", "kitchen-organizer-de", "--params-dir",
                str(project / "params")]) == 0
    assert "6 trends rows" in capsys.readouterr().out
    (path,) = (project / "data" / "kitchen-organizer-de").glob("multiTimeline_live_*.csv")
    lines = path.read_text(encoding="utf-8").splitlines()
    assert lines[:3] == ["Category: All categories", "",
                         "Week,geschirrabtropfgestell: (Germany),küchen organizer: (Germany)"]
    assert lines[3:] == ["2026-11-08,40,10", "2026-11-15,100,12", "2026-11-22,<1,0"]
