"""Shared fixtures: the ../shared data (required under CI) and throwaway project trees."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from analysis.config import Paths

# `make test-fast` runs `-m "not slow"`. Marked here, once, with the reason: subprocesses, servers
# and timeouts, kernels, and renders of every standard chart (a test file or one test by name).
SLOW = {
    "test_compare_sources.py": "runs the command in subprocesses on ../shared data",
    "test_fetch.py": "an HTTPS server on 127.0.0.1, openssl, a 2 s timeout",
    "test_concurrency.py": "ingests in subprocesses, with sleeps",
    "test_report_crash.py": "kills report runs in subprocesses",
    "test_charts_layout.py": "renders every standard chart at every preset",
    "test_charts_pack.py": "renders every standard chart into a PDF",
    "test_cli.py::test_console_script_runs": "the console script in a subprocess",
    "test_charts_cli.py::test_export_pack_holds_every_standard_chart": "renders every chart",
    "test_charts_export.py::test_exports_are_byte_stable": "renders and exports twice",
    "test_charts_style.py::test_ukrainian_title_renders_without_missing_glyphs": "font fallback scan",
    "test_upstream_faults.py": "ingests copies of the full ../shared snapshots, one fault each",
    "test_ingest.py::test_ledger_edit_reuses_upstream_tables_with_identical_result": "full ../shared ingest, twice",
    "test_named_dead.py::test_ingest_end_to_end": "ingests the full ../shared snapshots",
    "test_ledger_faults.py": "ingests a project per hostile ledger input",
    "test_charts_export.py": "renders and exports charts at every preset and format",
    "test_charts_newsroom.py": "exports every language, HTML checked in Chromium",
    "test_charts_cli.py": "ingests, then renders standard charts through the command",
    "test_staleness.py": "report runs with notebook kernels",
    "test_release.py": "ingests, builds SQLite and archives; DuckDB and Frictionless checks",
    "test_ledger_integrity.py": "ingests the whole bundled ledger",
    "test_verify.py": "an HTTPS server on 127.0.0.1",
    "test_cli.py::test_output_piped_to_a_file_is_never_cut": "the command in subprocesses",
    "test_charts_kinds.py::test_chart_matches_baseline": "renders every chart kind, compares images",
    "test_report_versions.py": "report runs racing ingests, with waits",
    "test_extract_dev.py": "scores extraction on the whole development corpus",
}


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark the tests named in SLOW as slow."""
    for item in items:
        name = item.nodeid.rsplit("/", 1)[-1].split("[")[0]
        if item.path.name in SLOW or name in SLOW:
            item.add_marker(pytest.mark.slow)


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
