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
