"""Helpers for the adapter tests: one file read as a tuple, snapshots run as ingest runs them."""

from __future__ import annotations

from pathlib import Path

import polars as pl

from analysis.ingest.adapters.base import FileRead, SourceResult, relativise
from analysis.ingest.adapters.upstream import read_source


def parts(read: FileRead, root: Path | None = None) -> tuple[pl.DataFrame, pl.DataFrame, int]:
    """(series rows, quarantine rows, candidate rows read) of one adapter file read; file names
    relative to `root` when given (as ingest writes them)."""
    assert read.series is not None
    if root is None:
        return read.series, read.quarantine, read.rows_read
    result = relativise(SourceResult({"series": read.series}, read.quarantine), root)
    return result.tables["series"], result.quarantine, read.rows_read


def run_snapshot(source_id: str, folder: Path, snapshot: Path | None = None) -> SourceResult:
    """A registered source's adapter on `folder/<source_id>` (or `snapshot`), sources row added,
    file names relative to `folder`: what ingest gets from it."""
    return relativise(read_source(source_id, snapshot or folder / source_id), folder)
