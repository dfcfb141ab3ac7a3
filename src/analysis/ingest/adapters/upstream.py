"""Upstream datasets → `series`: finds each registered source's newest snapshot, runs its adapter
and adds the source's `sources` row from its registry entry.

A snapshot folder is either `<folder>/<source>/<YYYY-MM-DD...>/` (as written by `analysis fetch`;
the newest date wins) or `<folder>/<source>/` itself (a folder laid out like ../shared/data/upstream).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from pathlib import Path

import polars as pl

from analysis import schema
from analysis.errors import InputError
from analysis.ingest.adapters import genstaff, named_dead, oryx, oryx_log, registry
from analysis.ingest.adapters.base import SourceResult, sha256_file
from analysis.ingest.adapters.registry import UPSTREAMS, Upstream

DATED = re.compile(r"^\d{4}-\d{2}-\d{2}")
Reader = Callable[[Path], SourceResult]  # snapshot folder -> rows (series, quarantine, accounting)
READERS: dict[str, Reader] = {
    registry.PETROIVANIUK: genstaff.read_petroivaniuk,
    registry.LOD_DB: genstaff.read_lod_db,
    registry.SCARNECCHIA: oryx.read_scarnecchia,
    registry.MAUFORONDA: oryx_log.read_mauforonda,
    registry.BESSUDNOV: named_dead.read_bessudnov,
    registry.UKRWARLOSSES: named_dead.read_ukrwarlosses,
}


def snapshot_dir(folder: Path, source_id: str) -> Path | None:
    """The newest snapshot folder of a source under `folder`, or None when there is none."""
    base = folder / source_id
    if not base.is_dir():
        return None
    dated = sorted(d for d in base.iterdir() if d.is_dir() and DATED.match(d.name))
    for folder in dated:  # a date-like name that is not a date (a backup) would sort newest
        try:
            dt.date.fromisoformat(folder.name)
        except ValueError:
            raise InputError(folder, "not a snapshot folder (expected YYYY-MM-DD, as written by "
                             "`analysis fetch`); move it out of the upstream folder") from None  # fmt: skip
    return dated[-1] if dated else base


def sources_row(entry: Upstream, main_file: Path) -> pl.DataFrame:
    """The one `sources` row of a registered upstream, citing its main file (with provenance)."""
    return pl.DataFrame(
        [{
            "source_id": entry.id, "kind": "dataset", "url": entry.homepage,
            "publisher": entry.publisher, "title": entry.title, "published": None,
            "raw_path": str(main_file), "sha256": sha256_file(main_file), "label": entry.label,
            "licence": entry.licence, "citation": entry.citation,
            "_file": str(main_file), "_line": None,
        }],
        schema={**schema.SOURCES.polars_schema, "_file": pl.String(), "_line": pl.Int64()},
    )  # fmt: skip


def read_source(source_id: str, snapshot: Path) -> SourceResult:
    """Run one registered source's adapter on `snapshot` and add its `sources` row."""
    result = READERS[source_id](snapshot)
    result.tables["sources"] = sources_row(UPSTREAMS[source_id], result.main or result.inputs[0])
    return result


def read_upstream(folder: Path | None) -> list[SourceResult]:
    """One SourceResult per registered source with a snapshot under `folder`."""
    if folder is None or not folder.is_dir():
        return []
    results = []
    for source_id in UPSTREAMS:
        snapshot = snapshot_dir(folder, source_id)
        if snapshot is not None:
            results.append(read_source(source_id, snapshot))
    return results
