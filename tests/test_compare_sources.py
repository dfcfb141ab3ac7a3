"""End to end: ingest the shared upstream snapshots, then compare the two General Staff publishers."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from pathlib import Path

import polars as pl
import pytest

from analysis import compare, tables
from analysis.config import Paths

PETRO, LOD = "petroivaniuk_genstaff", "lod_db_orc_losses"


def _analysis(*args: str) -> subprocess.CompletedProcess[str]:
    """Run the `analysis` command in a subprocess (ANALYSIS_ROOT comes from the `project` fixture)."""
    code = "from analysis.cli import main; main()"
    return subprocess.run(
        [sys.executable, "-c", code, *args], capture_output=True, text=True, check=False
    )


@pytest.fixture
def ingested(project: Paths, shared_upstream: Path) -> Paths:
    """The project after `analysis ingest --upstream ../shared/data/upstream`."""
    run = _analysis("ingest", "--upstream", str(shared_upstream), "--allow-quarantine")
    assert run.returncode == 0, run.stderr
    return project


def test_ingest_accounts_for_every_general_staff_row(
    ingested: Paths, shared_upstream: Path
) -> None:
    manifest = json.loads((ingested.processed / "manifest.json").read_text())
    inputs = {Path(i["path"]).name: i for i in manifest["inputs"]}
    for name, read in {
        "russia_losses_equipment.json": 20687,
        "russia_losses_personnel.json": 1688,
        "russian-losses.json": 19667,
    }.items():
        item = inputs[name]
        assert item["rows_read"] == read
        assert item["rows_read"] == item["rows_written"] + item["rows_quarantined"]
        assert item["rows_quarantined"] == 0
    assert "russia_losses_equipment_correction.json" in inputs
    series = tables.load("series", ingested.processed.resolve())
    counts = dict(series.group_by("source").len().iter_rows())
    assert counts[PETRO] == 22375 and counts[LOD] == 19667
    sources = tables.load("sources", ingested.processed.resolve())
    assert set(sources.filter(pl.col("kind") == "dataset")["source_id"]) >= {PETRO, LOD}


def test_compare_general_staff(ingested: Paths) -> None:
    series = tables.load("series", ingested.processed.resolve())
    comparison = compare.compare(series, *compare.resolve_pair(["general_staff"]))
    summary = compare.summarise(comparison)
    assert dict(comparison.group_by("status").len().iter_rows()) == {
        "agree": 19302, "offset": 51, "disagree": 63,
    }  # fmt: skip
    assert summary.days == {"agree": 1336, "offset": 38, "disagree": 61}
    # PetroIvaniuk dates 4,300 on 2022-02-26 ("as of"), lod-db on 2022-02-27 (published).
    first = comparison.filter(
        (pl.col("metric") == "personnel") & (pl.col("date") == dt.date(2022, 2, 27))
    ).row(0, named=True)
    assert (first["left"], first["right"], first["status"], first["offset_days"]) == (
        4500, 4300, "offset", 1,
    )  # fmt: skip
    worst = summary.biggest.row(0, named=True)
    assert (worst["metric"], worst["date"], worst["difference"]) == (
        "personnel", dt.date(2025, 10, 28), -900,
    )  # fmt: skip
    # lod-db repeating the previous day's total counts as one day behind, not a disagreement.
    stale = comparison.filter(
        (pl.col("metric") == "personnel") & (pl.col("date") == dt.date(2024, 11, 3))
    ).row(0, named=True)
    assert (stale["difference"], stale["offset_days"]) == (-1410, 1)
    assert compare.disagreements(comparison).height == 51 + 63


def test_compare_sources_command(ingested: Paths) -> None:
    run = _analysis("compare-sources", "general_staff", "--top", "1")
    assert run.returncode == 0, run.stderr
    lines = run.stdout.splitlines()
    assert lines[0] == (
        "petroivaniuk_genstaff vs lod_db_orc_losses: 19,416 metric-days compared over 1,435 days"
    )
    assert lines[1] == "days: 1,336 agree, 38 one day apart, 61 disagree"
    assert lines[-1] == "  2025-10-28 personnel: 1,138,750 vs 1,137,850 (-900)"


def test_compare_sources_needs_processed_tables(project: Paths) -> None:
    run = _analysis("compare-sources")
    assert run.returncode == 8
    assert run.stderr.strip().startswith("error: no processed tables in")
