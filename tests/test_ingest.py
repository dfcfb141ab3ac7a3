"""Ingest: atomic publication, determinism, no-op on unchanged inputs, accounting, locking."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import polars as pl
import pytest

from analysis import ingest as ingest_mod
from analysis import tables
from analysis.config import Paths
from analysis.errors import AnalysisError, LockedError, MissingDataError


def _digests(folder: Path) -> dict[str, str]:
    """sha256 of every file in a folder."""
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir())}


def test_ingest_writes_every_table_and_metadata(project: Paths) -> None:
    result = ingest_mod.ingest(project)
    names = {p.name for p in project.processed.iterdir()}
    for table in ("events", "claims", "totals", "series", "sources", "quarantine"):
        assert {f"{table}.parquet", f"{table}.csv"} <= names
    assert {"datapackage.json", "manifest.json"} <= names
    manifest = json.loads((project.processed / "manifest.json").read_text())
    assert manifest["fingerprint"] == result.fingerprint
    assert (
        manifest["tables"]["events"]["rows"]
        == pl.read_parquet(project.processed / "events.parquet").height
    )
    events_input = next(i for i in manifest["inputs"] if i["path"] == "data/raw/ledger/events.csv")
    assert (
        events_input["rows_read"] == events_input["rows_written"] + events_input["rows_quarantined"]
    )
    assert (
        events_input["sha256"]
        == hashlib.sha256((project.ledger / "events.csv").read_bytes()).hexdigest()
    )
    package = json.loads((project.processed / "datapackage.json").read_text())
    assert [r["name"] for r in package["resources"]] == [
        "sources",
        "events",
        "claims",
        "totals",
        "series",
        "coverage",
        "changes",
        "quarantine",
        "summary",
        "database",
    ]
    assert {"summary.json", "war-toll.sqlite"} <= names
    assert manifest["data_version"] == 1
    assert set(manifest["files"]) == {"summary.json", "war-toll.sqlite"}


def test_processed_is_a_link_to_a_complete_version(project: Paths) -> None:
    ingest_mod.ingest(project)
    assert project.processed.is_symlink()
    assert project.processed.resolve().parent == project.versions.resolve()


def test_two_ingests_give_identical_files(project: Paths, tmp_path: Path) -> None:
    ingest_mod.ingest(project)
    first = _digests(project.processed)
    ingest_mod.ingest(project, force=True)
    assert _digests(project.processed) == first


def test_unchanged_inputs_are_a_no_op(project: Paths) -> None:
    first = ingest_mod.ingest(project)
    second = ingest_mod.ingest(project)
    assert second.unchanged and second.fingerprint == first.fingerprint
    assert second.version_dir == first.version_dir


def test_failure_mid_write_leaves_previous_tables_byte_identical(
    project: Paths, monkeypatch: pytest.MonkeyPatch
) -> None:
    ingest_mod.ingest(project)
    before = _digests(project.processed)
    link_before = project.processed.readlink()
    (project.ledger / "totals.csv").write_text(
        (project.ledger / "totals.csv").read_text()
        + "T0003,2025-06-01,returned_to_ukraine,6000,,exact,X,https://e.org/t,\n"
    )
    calls = {"n": 0}
    real = pl.DataFrame.write_csv

    def flaky(self: pl.DataFrame, *args: object, **kwargs: object) -> None:
        calls["n"] += 1
        if calls["n"] == 3:
            raise OSError(28, "No space left on device")
        return real(self, *args, **kwargs)

    monkeypatch.setattr(pl.DataFrame, "write_csv", flaky)
    with pytest.raises(AnalysisError, match=r"\.tmp-.*: cannot write \(No space left on device\)"):
        ingest_mod.ingest(project)
    assert project.processed.readlink() == link_before
    assert _digests(project.processed) == before
    monkeypatch.undo()
    result = ingest_mod.ingest(project)
    assert not result.unchanged
    assert tables.load("totals", project.processed.resolve()).height == 3


def test_second_ingest_while_locked_is_refused(project: Paths) -> None:
    with ingest_mod.lock(project), pytest.raises(LockedError, match="another ingest is running"):
        ingest_mod.ingest(project)


def test_load_reads_processed_tables(project: Paths) -> None:
    ingest_mod.ingest(project)
    events = tables.load("events")
    assert events.schema["count"] == pl.Int64 and events.schema["date"] == pl.Date
    assert set(tables.load_all()) == {
        "events",
        "claims",
        "totals",
        "series",
        "sources",
        "quarantine",
        "coverage",
        "changes",
    }
    summary = tables.summary()
    assert summary.filter(pl.col("table") == "events")["rows"][0] == events.height


def test_load_without_ingest_says_what_to_do(project: Paths) -> None:
    with pytest.raises(MissingDataError, match="run `analysis ingest` first"):
        tables.load("events")
    with pytest.raises(KeyError, match="unknown table 'casualties'"):
        tables.load("casualties")


def test_old_versions_are_pruned(project: Paths) -> None:
    for _ in range(5):
        ingest_mod.ingest(project, force=True)
    versions = [p for p in project.versions.iterdir() if p.is_dir()]
    assert len(versions) == ingest_mod.KEEP_VERSIONS
    assert project.processed.resolve() in [v.resolve() for v in versions]


def test_ledger_edit_reuses_upstream_tables_with_identical_result(
    project: Paths, shared_upstream: Path
) -> None:
    first = ingest_mod.ingest(project, upstream=shared_upstream)
    series_before = (project.processed / "series.parquet").stat().st_ino
    claims = project.ledger / "claims.csv"
    claims.write_text(claims.read_text().replace("NBC interview", "NBC News interview"))
    edited = ingest_mod.ingest(project, upstream=shared_upstream)
    assert not edited.unchanged and edited.fingerprint != first.fingerprint
    assert set(edited.reused) == {"series"}
    assert (
        project.processed / "series.parquet"
    ).stat().st_ino == series_before  # carried, not rewritten
    incremental = _digests(project.processed)
    full = ingest_mod.ingest(project, upstream=shared_upstream, force=True)
    assert full.reused == {}
    assert _digests(project.processed) == incremental


def test_a_version_written_under_another_schema_is_rebuilt_not_carried(project: Paths) -> None:
    """Inputs unchanged but the tables' declaration changed (an upgrade): the next ingest rebuilds
    every table instead of reusing or concatenating old-shaped ones (a ShapeError before)."""
    import json

    from analysis import schema

    first = ingest_mod.ingest(project)
    manifest_path = first.version_dir / "manifest.json"
    manifest = json.loads(manifest_path.read_text())
    assert manifest["schema"] == schema.fingerprint()
    manifest["schema"] = "written-by-an-older-package"
    manifest_path.write_text(json.dumps(manifest))
    second = ingest_mod.ingest(project)
    assert not second.unchanged and not second.reused
    assert json.loads((project.processed / "manifest.json").read_text())["schema"] == (
        schema.fingerprint()
    )
