"""Shared fixtures. Area-specific fixtures live in tests/<area>/conftest.py."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def project_root() -> Path:
    return ROOT


@pytest.fixture(scope="session")
def params_dir() -> Path:
    return ROOT / "params"


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    """../shared beside the checkout (fixtures recorded from real services)."""
    return ROOT.parent / "shared"


@pytest.fixture(scope="session")
def demo_root(tmp_path_factory) -> Path:
    """The demo world (``seller_lab.demo.generate``, seed 7, scale 1, all three categories),
    generated once per session and shared read-only by every demo-truth test."""
    from seller_lab.demo import generate

    out = tmp_path_factory.mktemp("demo")
    generate(out, seed=7, scale=1.0)
    return out


@pytest.fixture(scope="session")
def demo_data(demo_root, tmp_path_factory):
    """``get(slug) -> (params, data)`` on the shared demo: ``params["category"]["data_dir"]``
    is the slug's demo folder, ``params["paths"]["store"]`` a session temp file that is never
    written, and ``load_category(params, use_store=False)`` runs once per slug.

    Both are shared by every test of the session: a test that changes params or a frame must
    work on a copy (``copy.deepcopy(params)``, ``dataclasses.replace(data, ...)``)."""
    from seller_lab.params import load_params
    from seller_lab.sources.category import load_category

    store = tmp_path_factory.mktemp("demo_store") / "none.duckdb"
    cache: dict = {}

    def get(slug: str):
        if slug not in cache:
            params = load_params(slug)
            params["category"]["data_dir"] = str(demo_root / slug)
            params["paths"]["store"] = str(store)
            cache[slug] = (params, load_category(params, use_store=False))
        return cache[slug]

    return get
