"""Pilot fixtures: the demo world's categories when the demo generator is installed."""

from __future__ import annotations

from pathlib import Path

import pytest

DEMO_ROOT = Path(__file__).resolve().parents[2] / "data" / "demo"


def demo_category(slug: str, tmp_path_factory):
    """(params, data) for a demo category; skip when demo/sources are not installed yet."""
    from seller_lab.params import load_params

    try:
        from seller_lab.sources import load_category
    except ImportError:
        pytest.skip("seller_lab.sources.load_category not installed yet")
    folder = DEMO_ROOT / slug
    if not folder.exists():
        try:
            from seller_lab.demo import generate
        except ImportError:
            pytest.skip("demo generator not installed yet")
        out = tmp_path_factory.getbasetemp() / "demo"
        if not (out / slug).exists():
            generate(out, seed=7, scale=1.0, categories=[slug])
        folder = out / slug
    p = load_params(slug)
    p["category"]["data_dir"] = str(folder)
    p["paths"]["store"] = str(tmp_path_factory.getbasetemp() / "no-store.duckdb")
    return p, load_category(p)
