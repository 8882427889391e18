"""The demo data through the real importers into the store and back (no side door).

Uses the demo generator (``seller_lab.demo.generate``), or while that is not installed the
operations exports alone (``seller_lab.demo.ops.write_ops``).
"""

from __future__ import annotations

import time

import pandas as pd
import pytest

from seller_lab.params import load_params

sources = pytest.importorskip("seller_lab.sources")
if not hasattr(sources, "load_file"):
    pytest.skip("importers not installed yet", allow_module_level=True)
demo = pytest.importorskip("seller_lab.demo")

from seller_lab.sources import store  # noqa: E402
from seller_lab.sources.category import load_category  # noqa: E402

SLUG = "kitchen-organizer-de"


@pytest.fixture(scope="module")
def demo_params(tmp_path_factory):
    out = tmp_path_factory.mktemp("demo")
    if hasattr(demo, "generate"):
        demo.generate(out, seed=7, scale=1.0, categories=[SLUG])
    else:
        import numpy as np

        from seller_lab.demo.ops import write_ops

        write_ops(load_params(SLUG), out / SLUG, np.random.default_rng(7), 1.0)
    p = load_params(SLUG)
    p["category"]["data_dir"] = str(out / SLUG)
    p["paths"]["store"] = str(out / "store.duckdb")
    return p


def test_demo_category_ingests_and_reads_back_identically(demo_params):
    direct = load_category(demo_params, use_store=False)
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
