"""load_category: canonical frames from the store when fresh, else from the files."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pandas as pd
import pytest

from seller_lab import schemas
from seller_lab.sources import store
from seller_lab.sources.category import CategoryData, load_category

_spec = importlib.util.spec_from_file_location(
    "_store_tests", Path(__file__).with_name("test_store.py"))
_t = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_t)
fake_load_file, ORDERS_CSV = _t.fake_load_file, _t.ORDERS_CSV
cat = _t.cat  # the fixture


def test_files_path_gives_canonical_frames_and_missing(cat):
    data = load_category(cat, loader=fake_load_file)
    assert isinstance(data, CategoryData) and data.origin == "files"
    assert list(data.orders.columns) == schemas.columns("orders")
    assert len(data.orders) == 3 and len(data.returns) == 1
    assert str(data.orders["ds"].dtype) == "datetime64[ns, UTC]"
    for kind in ("reviews", "trends", "tickets", "pilot"):
        assert kind in data.missing
        assert list(data[kind].columns) == schemas.columns(kind) and data[kind].empty
    assert "orders" not in data.missing and "returns" not in data.missing
    assert data.files["kind"].tolist() == ["returns", "orders"]  # sorted by file name
    assert data.files.set_index("kind").loc["orders", "rejected"] == 1
    assert data.rejected[["column", "value"]].values.tolist() == [["qty", "x"]]
    assert data.rejected["file"].str.endswith("orders_2026-10.csv").all()
    assert data.files_of("orders")[0].endswith("orders_2026-10.csv")
    assert "orders=3" in repr(data)


def test_store_and_files_give_the_same_frames(cat):
    direct = load_category(cat, loader=fake_load_file)
    store.ingest_category(cat, loader=fake_load_file)
    via_store = load_category(cat, loader=fake_load_file)
    assert via_store.origin == "store"
    for kind in store.INPUT_KINDS:
        pd.testing.assert_frame_equal(via_store[kind], direct[kind], check_dtype=True)
    assert via_store.missing == direct.missing
    pd.testing.assert_frame_equal(
        via_store.files[["file", "kind", "layout", "rows", "rejected"]],
        direct.files[["file", "kind", "layout", "rows", "rejected"]], check_dtype=False)
    assert via_store.rejected["value"].tolist() == ["x"]


def test_changed_file_after_ingest_reads_files_not_stale_store(cat):
    store.ingest_category(cat, loader=fake_load_file)
    folder = Path(cat["category"]["data_dir"])
    (folder / "orders_2026-10.csv").write_text(ORDERS_CSV.replace(",x,", ",4,"),
                                               encoding="utf-8")
    data = load_category(cat, loader=fake_load_file)
    assert data.origin == "files" and len(data.orders) == 4
    (folder / "extra.csv").write_text(ORDERS_CSV, encoding="utf-8")  # a new file too
    store.ingest_category(cat, loader=fake_load_file)
    data = load_category(cat, loader=fake_load_file)
    assert data.origin == "store" and len(data.orders) == 7


def test_load_category_never_writes(cat):
    load_category(cat, loader=fake_load_file)
    assert not Path(cat["paths"]["store"]).exists()


def test_missing_data_dir_is_a_clear_error(cat, tmp_path):
    cat["category"]["data_dir"] = str(tmp_path / "nope")
    with pytest.raises(store.StoreError, match="data folder not found"):
        load_category(cat, loader=fake_load_file)


def test_parsed_files_are_cached_between_calls(cat):
    calls = []

    def counting(path, kind=None, params=None):
        calls.append(Path(path).name)
        return fake_load_file(path, kind, params)

    load_category(cat, loader=counting, use_store=False)
    load_category(cat, loader=counting, use_store=False)
    assert len(calls) == 2  # two files, parsed once each
