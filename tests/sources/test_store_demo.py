"""The demo data through the real importers into the store and back (no side door).

Uses the session demo (``demo_root`` in tests/conftest.py, ``seller_lab.demo.generate``).
"""

from __future__ import annotations

import time

import pandas as pd
import pytest

from seller_lab.params import load_params
from seller_lab.sources import store
from seller_lab.sources.category import load_category

SLUG = "kitchen-organizer-de"


@pytest.fixture(scope="module")
def demo_params(demo_root, tmp_path_factory):
    p = load_params(SLUG)
    p["category"]["data_dir"] = str(demo_root / SLUG)
    p["paths"]["store"] = str(tmp_path_factory.mktemp("store") / "store.duckdb")
    return p


def test_demo_category_ingests_and_reads_back_identically(demo_params, demo_data):
    _, direct = demo_data(SLUG)            # load_category(..., use_store=False) of the same folder
    summary = store.ingest_category(demo_params)
    assert not (summary["status"] == "error").any(), summary[["file", "message"]]
    assert (summary["status"] == "loaded").sum() >= 5
    t0 = time.perf_counter()
    data = load_category(demo_params)
    elapsed = time.perf_counter() - t0
    assert data.origin == "store"
    for kind in store.INPUT_KINDS:
        pd.testing.assert_frame_equal(data[kind], direct[kind], obj=kind)
    assert data.missing == direct.missing
    for kind in ("orders", "returns", "tickets", "inventory", "shipments"):
        assert len(data[kind]) > 0, kind
    assert elapsed < 2.0, f"load_category from the store took {elapsed:.2f} s"
    again = store.ingest_category(demo_params)
    assert set(again["status"]) <= {"unchanged", "not recognised"}
