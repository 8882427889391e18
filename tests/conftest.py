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


@pytest.fixture()
def new_project(tmp_path, params_dir, project_root, monkeypatch):
    """``make(data_dir, files) -> folder``: a new user's project folder in ``tmp_path`` (the shipped
    defaults.yaml, sop.yaml and compliance rules, the real notebooks, no category yet) with ``files`` copied
    into ``data/<data_dir>``; the working directory is that folder."""
    import shutil

    def make(data_dir: str, files) -> Path:
        params = tmp_path / "params"
        (params / "categories").mkdir(parents=True, exist_ok=True)
        for name in ("defaults.yaml", "sop.yaml"):
            shutil.copy(params_dir / name, params / name)
        shutil.copytree(params_dir / "compliance", params / "compliance", dirs_exist_ok=True)
        if not (tmp_path / "notebooks").exists():
            (tmp_path / "notebooks").symlink_to(project_root / "notebooks", target_is_directory=True)
        (tmp_path / "data" / data_dir).mkdir(parents=True, exist_ok=True)
        for f in files:
            shutil.copy(f, tmp_path / "data" / data_dir / Path(f).name)
        monkeypatch.chdir(tmp_path)
        return tmp_path

    return make


@pytest.fixture(scope="session")
def page_text():
    """``read(html) -> str``: a report page as its reader sees the words (no tags, scripts or styles,
    entities decoded, whitespace collapsed)."""
    import html as _html
    import re

    def read(page: str) -> str:
        page = re.sub(r"<(script|style)[^>]*>.*?</\1>", " ", page, flags=re.S)
        return re.sub(r"\s+", " ", _html.unescape(re.sub(r"<[^>]+>", " ", page)))

    return read
