"""The contract every upstream adapter keeps, checked for each registry entry on the committed
mini snapshots (tests/data/upstream_mini, cut from ../shared by its cut.py): runs from a clean clone.

The series rows validate; no delta is negative and every fall in a running total is flagged a
correction; every row read is written, applied or quarantined; the sources row carries the
registry's label, licence and citation. The ../shared tests (test_genstaff, test_oryx,
test_named_dead) stay as golden checks on the full snapshots.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import polars as pl
import pytest

from adapter_reads import run_snapshot
from analysis import schema
from analysis.config import Paths
from analysis.files import sha256_file
from analysis.ingest.adapters.registry import UPSTREAMS
from analysis.ingest.adapters.upstream import READERS
from analysis.ingest.collect import build, collect
from analysis.validate import validate
from conftest import SHARED, _require

MINI = Path(__file__).resolve().parent / "data" / "upstream_mini"
# Files taken whole from ../shared, not cut, so not committed: copied in beside the mini cut.
WHOLE = {"lod_db_orc_losses": ("russian-losses.en.schema.json",)}
# Rows each mini snapshot quarantines: the scraper faults it was cut to keep.
QUARANTINED = {
    "petroivaniuk_genstaff": 9,  # signed corrections for a day outside the cut: nothing to correct
    "lod_db_orc_losses": 0,
    "oryx_scarnecchia": 1,  # a subtotal heading that disagrees with its column
    "oryx_mauforonda_log": 10,  # parsing debris and a discontinued series
    "bbc_mediazona_bessudnov": 72,  # blank dates, dates after the release
    "ukrwarlosses_name_counts": 0,
}


@pytest.fixture(scope="module")
def mini(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The committed mini snapshots plus the files they take whole from ../shared (fails under
    CI when ../shared is missing)."""
    folder = tmp_path_factory.mktemp("adapters") / "upstream_mini"
    shutil.copytree(MINI, folder)
    for source, names in WHOLE.items():
        for name in names:
            shutil.copy(_require(SHARED / "data" / "upstream" / source / name), folder / source)
    return folder


def test_every_registry_entry_has_a_reader_and_a_mini_snapshot() -> None:
    assert list(READERS) == list(UPSTREAMS) == list(QUARANTINED)
    assert sorted(p.name for p in MINI.iterdir() if p.is_dir()) == sorted(UPSTREAMS)


@pytest.mark.parametrize("source_id", list(UPSTREAMS))
def test_series_validate_and_never_fall_unflagged(source_id: str, mini: Path) -> None:
    series = run_snapshot(source_id, mini).tables["series"]
    good, bad = validate(schema.SERIES, series, {source_id}, keep=schema.PROVENANCE)
    assert (bad.height, good.height) == (0, series.height) and series.height > 0
    assert series.filter(pl.col("delta") < 0).height == 0
    keys = [k for k in schema.SERIES.key if k != "date"]
    falls = series.sort([*keys, "date"]).filter(
        pl.col("cumulative") < pl.col("cumulative").shift(1).over(keys)
    )
    assert falls.filter(pl.col("flag") != "correction").height == 0
    explained = falls.filter(pl.col("delta").is_not_null())  # by a listed signed correction
    assert explained.height == 0 or source_id == "petroivaniuk_genstaff"


@pytest.mark.parametrize("source_id", list(UPSTREAMS))
def test_every_row_read_is_written_applied_or_quarantined(source_id: str, mini: Path) -> None:
    result = run_snapshot(source_id, mini)
    series, quarantine = result.tables["series"], result.quarantine
    assert quarantine.height == QUARANTINED[source_id]
    assert set(quarantine["file"]) <= set(result.rows_read)
    for name, read in result.rows_read.items():
        written = series.filter(pl.col("_file") == name).height
        held = quarantine.filter(pl.col("file") == name).height
        assert read == written + result.applied.get(name, 0) + held, name
    assert all(name.startswith(f"{source_id}/") for name in result.rows_read)


@pytest.mark.parametrize("source_id", list(UPSTREAMS))
def test_sources_row_comes_from_the_registry_entry(source_id: str, mini: Path) -> None:
    result = run_snapshot(source_id, mini)
    entry = UPSTREAMS[source_id]
    row = result.tables["sources"].row(0, named=True)
    assert result.tables["sources"].height == 1
    assert (row["source_id"], row["kind"], row["publisher"], row["title"]) == (
        entry.id, "dataset", entry.publisher, entry.title,
    )  # fmt: skip
    assert (row["label"], row["licence"], row["citation"]) == (entry.label, entry.licence, entry.citation)
    assert row["raw_path"] == row["_file"] and row["raw_path"].startswith(f"{source_id}/")
    assert row["sha256"] == sha256_file(mini / row["raw_path"])


def test_ingest_of_the_mini_snapshots_accounts_for_every_file(project: Paths, mini: Path) -> None:
    result = build(collect(project, mini), project.root)
    counts = result.tables["series"].group_by("source").len()
    assert sorted(counts["source"]) == sorted(UPSTREAMS)
    upstream = [i for i in result.inputs if "upstream_mini" in str(i["path"])]
    assert upstream and all(
        i.get("rows_read", 0) == i.get("rows_written", 0) + i.get("rows_quarantined", 0)
        for i in upstream
    )
    assert result.quarantine.filter(pl.col("table") == "series").height == sum(QUARANTINED.values())
    labels = result.tables["sources"].filter(pl.col("kind") == "dataset")
    assert dict(labels.select("source_id", "label").iter_rows()) == {k: v.label for k, v in UPSTREAMS.items()}
