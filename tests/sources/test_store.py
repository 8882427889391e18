"""The DuckDB store: idempotent, transactional ingest with lineage; decisions; locking.

These tests use a small stand-in for the importers (``fake_load_file``) so the store is
tested on its own; tests/sources/test_store_demo.py runs the real importers on the demo.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pandas as pd
import pytest

from seller_lab import schemas
from seller_lab.decisions import Decision, to_frame
from seller_lab.errors import LayoutNotRecognisedError, StoreError
from seller_lab.params import load_params
from seller_lab.sources import store
from seller_lab.sources.base import LoadResult
from seller_lab.sources.category import load_category

HERE = Path(__file__).resolve()

ORDERS_CSV = """order_id,sku,purchase_time,qty,price,warehouse
302-1111111-0000001,KO-RACK-2T,2026-10-01T08:15:00Z,1,29.90,DE-FRA
302-1111111-0000002,KO-RACK-2T,2026-10-01T19:02:00Z,2,29.90,DE-FRA
302-1111111-0000003,KO-DRAWER-S,2026-10-02T11:40:00Z,x,14.99,FR-PAR
302-1111111-0000004,KO-RACK-1T,2026-10-03T06:05:00Z,1,24.90,FR-PAR
"""

RETURNS_CSV = """return-date,order-id,sku,asin,fnsku,product-name,quantity,fulfillment-center-id,detailed-disposition,reason,status,license-plate-number,customer-comments
2026-10-13T10:00:00+00:00,302-1111111-0000003,KO-DRAWER-S,B0TESTASIN,X00TEST,Schubladeneinsatz,1,LEJ1,SELLABLE,TOO_SMALL,Unit returned to inventory,LPN1,zu klein
"""


def fake_load_file(path, kind=None, params=None) -> LoadResult:
    """A minimal importer for two layouts (stands in for seller_lab.sources.load_file)."""
    path = Path(path)
    head = path.read_text(encoding="utf-8").splitlines()[0] if path.stat().st_size else ""
    if head.startswith("order_id,"):
        raw = pd.read_csv(path, dtype=str)
        units = pd.to_numeric(raw["qty"], errors="coerce")
        bad = units.isna()
        ok = raw[~bad]
        frame = schemas.empty_frame("orders").reindex(range(len(ok)))
        frame = pd.DataFrame({
            "order_id": ok["order_id"].to_numpy(), "sku": ok["sku"].to_numpy(),
            "ds": pd.to_datetime(ok["purchase_time"], utc=True).to_numpy(),
            "units": units[~bad].astype("int64").to_numpy(),
            "price": ok["price"].astype(float).to_numpy(), "currency": "EUR",
            "channel": "amazon", "warehouse": ok["warehouse"].to_numpy(), "region": "DE",
            "country": "DE", "shipped_at": pd.NaT, "status": "shipped", "delay_reason": ""})
        frame["ds"] = pd.to_datetime(frame["ds"], utc=True)
        frame["shipped_at"] = pd.to_datetime(frame["shipped_at"], utc=True)
        rejected = pd.DataFrame({"row": (raw.index[bad] + 1).tolist(), "column": "qty",
                                 "value": raw.loc[bad, "qty"].tolist(),
                                 "problem": "expected a whole number"})
        return LoadResult(frame, "orders", "erp_orders_csv", str(path), "utf-8", rejected)
    if head.startswith("return-date,"):
        raw = pd.read_csv(path, dtype=str)
        frame = pd.DataFrame({
            "ds": pd.to_datetime(raw["return-date"], utc=True), "order_id": raw["order-id"],
            "sku": raw["sku"], "asin": raw["asin"], "product_name": raw["product-name"],
            "quantity": raw["quantity"].astype("int64"),
            "fulfillment_center_id": raw["fulfillment-center-id"],
            "detailed_disposition": raw["detailed-disposition"], "reason": raw["reason"],
            "reason_raw": raw["reason"], "status": raw["status"],
            "customer_comments": raw["customer-comments"]})
        return LoadResult(frame, "returns", "fba_customer_returns", str(path), "utf-8")
    raise LayoutNotRecognisedError(path, "no known export layout matches the header",
                                   fix="map it under sources.files")


@pytest.fixture()
def cat(tmp_path):
    """Params of kitchen-organizer-de pointed at a temporary data folder and store."""
    p = load_params("kitchen-organizer-de")
    folder = tmp_path / "kitchen-organizer-de"
    folder.mkdir()
    (folder / "orders_2026-10.csv").write_text(ORDERS_CSV, encoding="utf-8")
    (folder / "fba_returns.csv").write_text(RETURNS_CSV, encoding="utf-8")
    (folder / "README.md").write_text("notes, not an export\n", encoding="utf-8")
    p["category"]["data_dir"] = str(folder)
    p["paths"]["store"] = str(tmp_path / "store.duckdb")
    p["sources"]["store_lock_wait_s"] = 0
    return p


def _count(p, table, where="") -> int:
    con = store.open_store(p, read_only=True)
    try:
        return con.execute(f'SELECT count(*) FROM "{table}" {where}').fetchone()[0]
    finally:
        con.close()


def test_ingest_loads_rows_with_lineage_and_rejects(cat):
    summary = store.ingest_category(cat, loader=fake_load_file)
    assert sorted(summary["status"]) == ["loaded", "loaded"]  # README.md ignored
    orders = summary.set_index("kind").loc["orders"]
    assert (orders["rows"], orders["rejected"]) == (3, 1)
    con = store.open_store(cat, read_only=True)
    try:
        rows = con.execute("SELECT category, source_file, units FROM orders "
                           "ORDER BY row_no").df()
        files = store.read_files(con, "kitchen-organizer-de")
        rej = store.read_rejected(con, "kitchen-organizer-de")
    finally:
        con.close()
    assert set(rows["category"]) == {"kitchen-organizer-de"}
    assert rows["source_file"].str.endswith("orders_2026-10.csv").all()
    assert rows["units"].tolist() == [1, 2, 1]
    assert set(files["kind"]) == {"orders", "returns"}
    assert files["sha256"].str.len().eq(64).all()
    assert files["loaded_at"].notna().all()
    assert rej[["row", "column", "value"]].values.tolist() == [[3, "qty", "x"]]


def test_same_files_twice_add_nothing(cat):
    store.ingest_category(cat, loader=fake_load_file)
    again = store.ingest_category(cat, loader=fake_load_file)
    assert set(again["status"]) == {"unchanged"}
    assert _count(cat, "orders") == 3
    assert _count(cat, "returns") == 1
    assert _count(cat, "files") == 2
    assert _count(cat, "rejected") == 1


def test_corrected_file_replaces_its_rows_and_removed_file_loses_them(cat):
    store.ingest_category(cat, loader=fake_load_file)
    folder = Path(cat["category"]["data_dir"])
    fixed = ORDERS_CSV.replace(",x,14.99", ",3,14.99")  # the analyst fixes the bad row
    (folder / "orders_2026-10.csv").write_text(fixed, encoding="utf-8")
    (folder / "fba_returns.csv").unlink()
    summary = store.ingest_category(cat, loader=fake_load_file).set_index("kind")
    assert summary.loc["orders", "status"] == "replaced"
    assert summary.loc["returns", "status"] == "removed"
    assert _count(cat, "orders") == 4
    assert _count(cat, "orders", "WHERE units = 3") == 1
    assert _count(cat, "rejected") == 0
    assert _count(cat, "returns") == 0
    assert _count(cat, "files") == 1


def test_unrecognised_file_is_listed_not_fatal(cat):
    folder = Path(cat["category"]["data_dir"])
    (folder / "notes.csv").write_text("foo;bar\n1;2\n", encoding="utf-8")
    summary = store.ingest_category(cat, loader=fake_load_file).set_index("status")
    assert "not recognised" in summary.index
    assert "no known export layout" in summary.loc["not recognised", "message"]
    data = load_category(cat, loader=fake_load_file)
    assert data.origin == "store"
    row = data.files.set_index("status").loc["not recognised"]
    assert row["file"].endswith("notes.csv")


def test_failing_file_keeps_previous_rows(cat):
    store.ingest_category(cat, loader=fake_load_file)
    folder = Path(cat["category"]["data_dir"])
    (folder / "orders_2026-10.csv").write_text(ORDERS_CSV + "oops\n", encoding="utf-8")

    def strict_loader(path, kind=None, params=None):
        if "orders" in Path(path).name:
            from seller_lab.errors import InputFileError
            raise InputFileError(path, "expected 6 fields, saw 1", row=5, fix="fix the row")
        return fake_load_file(path, kind, params)

    summary = store.ingest_category(cat, loader=strict_loader).set_index("kind")
    assert summary.loc[summary["status"] == "error", "message"].str.contains("row 5").all()
    assert _count(cat, "orders") == 3  # previous state kept


def test_declared_kind_is_passed_to_the_loader(cat):
    cat["sources"]["files"] = {"orders": "orders_2026-10.csv"}
    seen = {}

    def spy(path, kind=None, params=None):
        seen[Path(path).name] = kind
        return fake_load_file(path, kind, params)

    store.ingest_category(cat, loader=spy)
    assert seen == {"orders_2026-10.csv": "orders", "fba_returns.csv": None}


# The child ingests with a loader that, on the last file of the folder ('zz_pause.csv'),
# says so through a marker file and sleeps: by then the earlier files' rows are deleted and
# inserted inside the open transaction, so killing the child tests the rollback.
KILL_SCRIPT = textwrap.dedent("""
    import importlib.util, json, sys, time
    from pathlib import Path
    spec = importlib.util.spec_from_file_location("t", sys.argv[1])
    t = importlib.util.module_from_spec(spec); spec.loader.exec_module(t)
    from seller_lab.sources import store
    params = json.loads(sys.argv[2])
    marker = Path(sys.argv[3])

    def pausing_loader(path, kind=None, params=None):
        if Path(path).name == "zz_pause.csv":
            marker.write_text("inserted, not committed")
            time.sleep(600)
        return t.fake_load_file(path, kind, params)

    store.ingest_category(params, loader=pausing_loader)
""")


def test_killed_ingest_leaves_previous_state(cat, tmp_path):
    import json

    store.ingest_category(cat, loader=fake_load_file)
    folder = Path(cat["category"]["data_dir"])
    (folder / "orders_2026-10.csv").write_text(
        ORDERS_CSV + "302-1111111-0000005,KO-RACK-2T,2026-10-04T09:00:00Z,5,29.90,DE-FRA\n",
        encoding="utf-8")
    (folder / "fba_returns.csv").unlink()
    pause = folder / "zz_pause.csv"
    pause.write_text("order_id,sku\n", encoding="utf-8")
    marker = tmp_path / "paused"
    proc = subprocess.Popen([sys.executable, "-c", KILL_SCRIPT, str(HERE), json.dumps(cat),
                             str(marker)], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 30
        while not marker.exists():
            assert proc.poll() is None, proc.stderr.read().decode()
            assert time.monotonic() < deadline, "ingest never reached the commit point"
            time.sleep(0.05)
        # the child has deleted + inserted inside its transaction: a writer holds the lock
        with pytest.raises(StoreError, match="locked by another process"):
            store.open_store(cat, read_only=False)
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=10)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    assert proc.returncode == -signal.SIGKILL
    pause.unlink()
    # previous state: 3 orders, the returns file still there, nothing half-written
    assert _count(cat, "orders") == 3
    assert _count(cat, "returns") == 1
    assert _count(cat, "files") == 2
    # and the store is writable again and ingests the change
    summary = store.ingest_category(cat, loader=fake_load_file)
    assert set(summary["status"]) == {"replaced", "removed"}
    assert _count(cat, "orders") == 4


def test_lock_error_is_a_clear_store_error(cat):
    store.ingest_category(cat, loader=fake_load_file)
    code = ("import duckdb, sys, time; c = duckdb.connect(sys.argv[1]); "
            "print('open', flush=True); time.sleep(30)")
    proc = subprocess.Popen([sys.executable, "-c", code, cat["paths"]["store"]],
                            stdout=subprocess.PIPE)
    try:
        assert proc.stdout.readline().strip() == b"open"
        with pytest.raises(StoreError) as err:
            store.ingest_category(cat, loader=fake_load_file)
        assert "locked by another process" in str(err.value)
        assert "read-only" in str(err.value)
        # a notebook still gets its data: load_category falls back to the files
        data = load_category(cat, loader=fake_load_file)
        assert data.origin == "files" and len(data.orders) == 3
    finally:
        proc.kill()
        proc.wait()


def test_read_only_open_of_missing_store_says_what_to_do(tmp_path):
    with pytest.raises(StoreError, match="seller-lab ingest"):
        store.open_store(tmp_path / "nothing.duckdb")


def _decisions(period, verdict="alert"):
    return to_frame([
        Decision(unique_id="KO-RACK-2T", rule="R6.turnover_fast", metric="turnover / month",
                 value=2.4, threshold=">= 2.0", verdict=verdict,
                 reason="fast mover: order +30 %", category="kitchen-organizer-de",
                 period=period, params_key="iteration.turnover_fast_per_month",
                 source_file="orders.csv"),
        Decision(unique_id="CC-CHAIR-XL", rule="R6.turnover_slow", metric="turnover / month",
                 value=0.6, threshold="< 1.0", verdict="alert", reason="slow mover",
                 category="camping-chair-de", period=period,
                 params_key="iteration.turnover_slow_per_month")])


def test_decisions_round_trip_and_rerun_replaces(cat):
    assert store.save_decisions(cat, _decisions("2026-09"), "monthly", "2026-09") == 2
    store.save_decisions(cat, _decisions("2026-10"), "monthly", "2026-10")
    store.save_decisions(cat, _decisions("2026-10", verdict="pass"), "monthly", "2026-10")
    path = cat["paths"]["store"]
    allrows = store.read_decisions(path)
    assert len(allrows) == 4  # the re-run replaced, not duplicated
    oct_ko = store.read_decisions(path, category="kitchen-organizer-de", period="2026-10")
    assert oct_ko[["unique_id", "verdict", "report_kind"]].values.tolist() == [
        ["KO-RACK-2T", "pass", "monthly"]]
    assert list(oct_ko.columns) == schemas.columns("decisions") + [
        "report_kind", "report_period", "run_at"]
    assert str(oct_ko["run_at"].dt.tz) == "UTC"
    sep = store.read_decisions(path, period="2026-09")
    assert sorted(sep["category"]) == ["camping-chair-de", "kitchen-organizer-de"]
    assert sep.set_index("unique_id").loc["KO-RACK-2T", "value"] == "2.4"


def test_decisions_fill_period_and_category(cat):
    d = _decisions("").drop(columns=["category"])
    store.save_decisions(cat, d, "research", "2026-11")
    got = store.read_decisions(cat["paths"]["store"], category="kitchen-organizer-de")
    assert set(got["period"]) == {"2026-11"} and len(got) == 2


def test_read_decisions_without_store_is_empty(tmp_path):
    got = store.read_decisions(tmp_path / "none.duckdb")
    assert got.empty and "verdict" in got.columns


def test_importer_crash_is_reported_per_file(cat):
    def buggy(path, kind=None, params=None):
        if "returns" in Path(path).name:
            raise KeyError("reason")
        return fake_load_file(path, kind, params)

    summary = store.ingest_category(cat, loader=buggy).set_index("status")
    assert "KeyError" in summary.loc["error", "message"]
    assert summary.loc["loaded", "kind"] == "orders"
    assert _count(cat, "orders") == 3


def test_rerun_replaces_decisions_with_finer_periods(cat):
    d = _decisions("2026-W42")  # e.g. weekly rows inside the monthly report
    store.save_decisions(cat, d, "monthly", "2026-10")
    store.save_decisions(cat, d, "monthly", "2026-10")
    got = store.read_decisions(cat["paths"]["store"], period="2026-10")
    assert len(got) == 2 and set(got["period"]) == {"2026-W42"}
    assert set(got["report_period"]) == {"2026-10"}


def test_changed_load_settings_or_force_reload_unchanged_files(cat):
    store.ingest_category(cat, loader=fake_load_file)
    assert set(store.ingest_category(cat, loader=fake_load_file, force=True)["status"]) == {
        "replaced"}
    cat["sources"]["columns"] = {"orders": {"units": "qty"}}  # mapping changed -> reload
    summary = store.ingest_category(cat, loader=fake_load_file)
    assert set(summary["status"]) == {"replaced"}
    assert set(store.ingest_category(cat, loader=fake_load_file)["status"]) == {"unchanged"}
    assert _count(cat, "orders") == 3
    # load_category only trusts the store for the settings it was ingested with
    assert load_category(cat, loader=fake_load_file).origin == "store"
    cat["category"]["currency"] = "USD"
    assert load_category(cat, loader=fake_load_file).origin == "files"


def test_what_loading_decided_is_kept_as_the_files_message(cat):
    def noting_loader(path, kind=None, params=None):
        res = fake_load_file(path, kind, params)
        res.notes = ["column 'purchase_time': read as day/month, the convention of market DE"]
        return res

    summary = store.ingest_category(cat, loader=noting_loader)
    assert summary["message"].str.contains("convention of market DE").all()
    con = store.open_store(cat, read_only=True)
    try:
        files = store.read_files(con, "kitchen-organizer-de")
    finally:
        con.close()
    assert files["message"].str.contains("day/month").all()
