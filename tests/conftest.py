"""Shared fixtures: the ../shared data (required under CI) and throwaway project trees."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from analysis.config import Paths

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
LEDGER = REPO / "data" / "raw" / "ledger"


def _require(path: Path) -> Path:
    """Return `path`; fail under CI and skip elsewhere when it is missing."""
    if not path.exists():
        message = f"{path} is missing (the tests read ../shared beside the checkout)"
        if os.environ.get("CI", "").lower() in {"1", "true", "yes"}:
            pytest.fail(message)
        pytest.skip(message)
    return path


@pytest.fixture
def shared_upstream() -> Path:
    """../shared/data/upstream (fails under CI when missing)."""
    return _require(SHARED / "data" / "upstream")


@pytest.fixture
def shared_reference() -> Path:
    """../shared/reference (fails under CI when missing)."""
    return _require(SHARED / "reference")


SEED_LEDGER = Path(__file__).resolve().parent / "data" / "seed_ledger"


def _project_tree(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, ledger: Path) -> Paths:
    """A throwaway project tree holding a copy of `ledger`; ANALYSIS_ROOT points at it."""
    root = tmp_path / "project"
    shutil.copytree(ledger, root / "data" / "raw" / "ledger")
    (root / "data" / "raw" / "upstream").mkdir()
    monkeypatch.setenv("ANALYSIS_ROOT", str(root))
    for name in ("ANALYSIS_PROCESSED", "ANALYSIS_UPSTREAM", "ANALYSIS_REPORTS"):
        monkeypatch.delenv(name, raising=False)
    return Paths.at(root)


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Paths:
    """A throwaway project holding the small fixed seed ledger (tests/data/seed_ledger, 15 events)."""
    return _project_tree(tmp_path, monkeypatch, SEED_LEDGER)


@pytest.fixture
def bundled_project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Paths:
    """A throwaway project holding a copy of the real bundled ledger (data/raw/ledger)."""
    return _project_tree(tmp_path, monkeypatch, LEDGER)
