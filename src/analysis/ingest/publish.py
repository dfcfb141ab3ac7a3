"""Write a processed version (Parquet + CSV, datapackage, manifest) and publish it atomically.

data/processed is a symlink to a complete version folder in data/.processed-versions/<fingerprint>;
a new version is written and fsynced beside the old one and the link is swapped with one rename,
so readers and crashes only ever see a complete old or a complete new version.
"""

from __future__ import annotations

import fcntl
import json
import os
import re
import shutil
import time
from collections.abc import Callable
from contextlib import AbstractContextManager
from pathlib import Path

import polars as pl

from analysis import schema, schema_export
from analysis.config import KEEP_VERSIONS, Paths
from analysis.errors import AnalysisError
from analysis.files import exclusive_lock, fsync_dir, fsync_tree, sha256_file, swap_link
from analysis.ingest import changes, freshness, safecsv
from analysis.ingest.collect import IngestResult

Progress = Callable[[str], None]


def datapackage(
    result: IngestResult, files: dict[str, str] | None = None, version: int | None = None
) -> dict[str, object]:
    """The Frictionless data package descriptor of the processed tables and the files beside them."""
    from analysis.release import CREDIT, extras  # lazily, as in write_tables

    resources = []
    for name, frame in {**result.tables, "quarantine": result.quarantine}.items():
        table = schema.ALL_TABLES[name]
        resources.append({
            "name": name,
            "path": f"{name}.csv",
            "profile": "tabular-data-resource",
            "format": "csv",
            "mediatype": "text/csv",
            "encoding": "utf-8",
            "description": table.description,
            "rows": frame.height,
            **extras.resource_licence(name, frame),
            "schema": schema_export.frictionless_schema(table),
        })  # fmt: skip
    return {
        "profile": "data-package",
        "name": "war-toll",
        "title": "Human toll of the Russia–Ukraine war: exchanges, repatriations, casualty claims",
        "version": freshness.package_version(),
        "data_version": version,
        "licenses": [extras.LEDGER_LICENCE],
        "credit": CREDIT,
        "resources": [*resources, *extras.file_resources(files or {})],
    }


def _write_json(path: Path, payload: object) -> None:
    """Write JSON deterministically."""
    path.write_text(
        json.dumps(payload, indent=2, ensure_ascii=False, sort_keys=False, default=str) + "\n"
    )


def _link_or_copy(previous: Path, folder: Path, name: str) -> None:
    """Carry a table's unchanged files from the previous version (hard link, else copy)."""
    for suffix in ("parquet", "csv"):
        source, target = previous / f"{name}.{suffix}", folder / f"{name}.{suffix}"
        try:
            os.link(source, target)
        except OSError:
            shutil.copy2(source, target)


def write_tables(
    folder: Path, result: IngestResult, progress: Progress, previous: dict | None = None
) -> None:
    """Write Parquet + CSV per table, summary.json, the SQLite file, datapackage.json and
    manifest.json (with the data version, one more than `previous` manifest's when content changed)
    into `folder`."""
    from analysis.release import extras  # lazily: the summary needs series and reconcile

    folder.mkdir(parents=True)
    tables = {**result.tables, "quarantine": result.quarantine}
    summary: dict[str, object] = {}
    frames: dict[str, pl.DataFrame] = {}
    for name, frame in tables.items():
        frame = frame.select(schema.ALL_TABLES[name].polars_schema.keys()).cast(
            schema.ALL_TABLES[name].polars_schema  # type: ignore[arg-type]
        )
        if name in result.reused:
            _link_or_copy(result.reused[name], folder, name)
        else:
            frame.write_parquet(folder / f"{name}.parquet", compression="zstd", statistics=True)
            safecsv.write_csv(frame, folder / f"{name}.csv")
        summary[name] = {
            "rows": frame.height,
            "parquet_sha256": sha256_file(folder / f"{name}.parquet"),
            "csv_sha256": sha256_file(folder / f"{name}.csv"),
        }
        frames[name] = frame
        progress(f"wrote {name}: {frame.height:,} rows")
    if "changes" in result.tables:
        changes.write_notes(folder, result.tables["changes"])
    version = extras.data_version(previous, summary)
    files = extras.write(folder, frames, version)
    progress(f"wrote summary.json and {extras.SQLITE_FILE} (data version {version})")
    _write_json(folder / "datapackage.json", datapackage(result, files, version))
    _write_json(folder / "manifest.json", {
        "package_version": freshness.package_version(),
        "data_version": version,
        "schema": schema.fingerprint(),
        "fingerprint": result.fingerprint,
        "parts": result.parts,
        "inputs": result.inputs,
        "tables": summary,
        "recheck_on": recheck_on(result.quarantine),
        "files": files,
    })  # fmt: skip
    fsync_tree(folder)


def recheck_on(quarantine: pl.DataFrame) -> str | None:
    """The first day a row quarantined for a future date may become valid (ISO), or None:
    from that day on, `ingest` reads the inputs again even when they did not change."""
    future = quarantine.filter(pl.col("reason").str.contains("date after today", literal=True))
    days = future["value"].str.to_date("%Y-%m-%d", strict=False).drop_nulls()
    return days.min().isoformat() if days.len() else None  # type: ignore[union-attr]


def write_error(folder: Path, exc: BaseException) -> AnalysisError:
    """The one-line error of a failed write (full disk, file-size limit), naming the folder."""
    text = str(exc)
    code = getattr(exc, "errno", None) or next(
        (int(m) for m in re.findall(r"os error (\d+)", text)), None
    )
    reason = os.strerror(code) if code else (text.splitlines() or [type(exc).__name__])[0]
    return AnalysisError(f"{folder}: cannot write ({reason}); the previous version is kept")


def publish(paths: Paths, version_dir: Path) -> None:
    """Point data/processed at `version_dir` with one atomic rename."""
    link = paths.processed
    if link.exists() and not link.is_symlink():
        legacy = paths.versions / f"legacy-{int(time.time())}"
        link.rename(legacy)
    swap_link(link, os.path.relpath(version_dir, link.parent))
    fsync_dir(link.parent)


def remove_stale_temp(paths: Paths) -> None:
    """Delete temp folders left by a killed ingest (safe: called while holding the lock)."""
    if paths.versions.is_dir():
        for tmp in paths.versions.glob(".tmp-*"):
            shutil.rmtree(tmp, ignore_errors=True)


def prune(paths: Paths, keep: int = KEEP_VERSIONS) -> None:
    """Delete old version folders beyond the newest `keep` (never the current one)."""
    current = paths.processed.resolve() if paths.processed.is_symlink() else None
    folders = sorted(
        (p for p in paths.versions.iterdir() if p.is_dir()),
        key=lambda p: p.stat().st_mtime,
        reverse=True,
    )
    for folder in folders[keep:]:
        if folder.resolve() != current:
            _remove_unless_read(folder)


def _remove_unless_read(folder: Path) -> None:
    """Delete a version folder unless a reader holds it (tables.pinned: a running report)."""
    fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        shutil.rmtree(folder, ignore_errors=True)
    except BlockingIOError:
        pass  # in use: a later ingest prunes it
    finally:
        os.close(fd)


def lock(paths: Paths, wait: bool = False) -> AbstractContextManager[None]:
    """Hold the ingest lock (data/.ingest.lock); raise LockedError when another ingest holds it."""
    return exclusive_lock(
        paths.processed.parent / ".ingest.lock", wait,
        "another ingest is running", "try again or use --wait",
    )  # fmt: skip
