"""What every ingest writes beside the tables: the data version, summary.json, the SQLite file,
and each datapackage resource's licence and sources.

`ingest.publish` calls this lazily (it needs `series` and `reconcile`, which sit above ingest);
nothing here imports ingest back except the upstream registry, a leaf.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

import polars as pl

from analysis.files import sha256_file
from analysis.release.sqlite import SQLITE_FILE, write_sqlite
from analysis.release.summary import SUMMARY_FILE, write_summary

LEDGER_LICENCE = {
    "name": "CC-BY-4.0",
    "path": "https://creativecommons.org/licenses/by/4.0/",
    "title": "Creative Commons Attribution 4.0",
}
LEDGER_SOURCE = {
    "title": "war-toll-analysis ledger (data/raw/ledger): figures checked against the pages "
    "cited in each row's source_urls",
    "path": "data/raw/ledger",
}
FILE_RESOURCES = {
    SUMMARY_FILE: ("summary", "json", "application/json",
                   "Latest figures at a glance: ledger sums of people and bodies returned to each "
                   "side, the latest casualty statement per subject, claimant kind and metric, "
                   "and the latest published running totals; each with qualifier, date, claimant, "
                   "evidence, source URL and coverage end."),
    SQLITE_FILE: ("database", "sqlite", "application/vnd.sqlite3",
                  "Every table of this folder in one SQLite file (dates as ISO text), with the "
                  "`headline` table and the views returned_by_year, latest_claims, latest_totals."),
}  # fmt: skip


HISTORY = ("changes",)  # tables that grow with every ingest, whatever the data: not content


def data_version(previous: Mapping[str, object] | None, tables: Mapping[str, object]) -> int:
    """The previous version's number when no table's content changed, else one more (first: 1).
    The `changes` history gains a row at every ingest, so it does not count as content."""
    if not previous:
        return 1
    number = int(previous.get("data_version") or 0)  # type: ignore[call-overload]
    old = previous.get("tables") or {}
    same = {n: e["parquet_sha256"] for n, e in old.items()} == {  # type: ignore[union-attr]
        n: e["parquet_sha256"]
        for n, e in tables.items()  # type: ignore[index]
    }
    return number if same and number else number + 1


def write(folder: Path, frames: Mapping[str, pl.DataFrame], version: int) -> dict[str, str]:
    """Write summary.json and the SQLite file; return their sha256 by file name."""
    written = [write_summary(folder, frames, version), write_sqlite(folder, frames)]
    return {path.name: sha256_file(path) for path in written}


def _upstream_licences(series: pl.DataFrame) -> tuple[list[dict], list[dict]]:
    """Licences and sources of the upstream datasets present in the series table."""
    from analysis.ingest.adapters.registry import UPSTREAMS

    present = set(series["source"].unique().to_list()) if series.height else set()
    used = [u for key, u in sorted(UPSTREAMS.items()) if key in present]
    licences = [{"name": u.licence, "title": f"{u.title}: {u.licence}"} for u in used]
    sources = [{"title": u.citation, "path": u.homepage} for u in used]
    return licences, sources


def resource_licence(name: str, frame: pl.DataFrame) -> dict[str, object]:
    """The `licenses` and `sources` of one datapackage resource."""
    if name == "series":
        licences, sources = _upstream_licences(frame)
        return {"licenses": licences, "sources": sources}
    return {"licenses": [LEDGER_LICENCE], "sources": [LEDGER_SOURCE]}


def file_resources(files: Mapping[str, str]) -> list[dict[str, object]]:
    """Datapackage resources for the non-table files written beside the tables."""
    out = []
    for file_name, digest in files.items():
        name, fmt, mediatype, description = FILE_RESOURCES[file_name]
        out.append({
            "name": name, "path": file_name, "format": fmt, "mediatype": mediatype,
            "description": description, "hash": f"sha256:{digest}",
            "licenses": [LEDGER_LICENCE], "sources": [LEDGER_SOURCE],
        })  # fmt: skip
    return out
