"""`analysis ingest`: run every source, validate, quarantine bad rows, write processed tables atomically.

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
from dataclasses import dataclass, field
from pathlib import Path

import polars as pl

from analysis import corrections, freshness, safecsv, schema
from analysis.errors import AnalysisError
from analysis.files import exclusive_lock, fsync_dir, fsync_tree
from analysis.paths import Paths
from analysis.schema import PROVENANCE
from analysis.sources.base import SourceResult, quarantine_rows, relative_name, sha256_file
from analysis.sources.ledger import read_ledger
from analysis.sources.upstream import read_upstream

KEEP_VERSIONS = 3
Progress = Callable[[str], None]


@dataclass
class IngestResult:
    """What one ingest produced: clean tables, quarantine, per-input accounting, its fingerprint."""

    tables: dict[str, pl.DataFrame]
    quarantine: pl.DataFrame
    inputs: list[dict[str, object]]
    fingerprint: str
    version_dir: Path | None = None
    unchanged: bool = False
    parts: dict[str, str] = field(default_factory=dict)
    reused: dict[str, Path] = field(
        default_factory=dict
    )  # table -> version folder it was carried from

    @property
    def quarantined(self) -> int:
        """Number of quarantined rows."""
        return self.quarantine.height


def collect(paths: Paths, upstream: Path | None = None) -> list[SourceResult]:
    """Run the ledger adapter and every upstream adapter (after checking that the input folders
    hold only readable regular files, as `ingest`'s fingerprint does)."""
    freshness.watched_files(paths.ledger)
    freshness.watched_files(upstream or paths.upstream)
    return [
        read_ledger(paths.ledger, paths.root),
        *read_upstream(upstream or paths.upstream, paths.root),
    ]


def _concat(frames: list[pl.DataFrame]) -> pl.DataFrame:
    """Concatenate frames with the same columns (diagonal for safety)."""
    frames = [f for f in frames if f.width]
    return pl.concat(frames, how="diagonal_relaxed") if frames else pl.DataFrame()


def input_checksums(results: list[SourceResult], root: Path) -> list[dict[str, object]]:
    """Path and sha256 of every file the adapters read, sorted by path."""
    files = {relative_name(p, root): p for r in results for p in r.inputs}
    return [{"path": name, "sha256": sha256_file(files[name])} for name in sorted(files)]


def build(results: list[SourceResult], root: Path, digest: str = "") -> IngestResult:
    """Validate the adapters' rows into clean tables + quarantine, and check nothing was lost."""
    quarantines = [r.quarantine for r in results]
    sources_raw = _concat([r.tables["sources"] for r in results if "sources" in r.tables])
    sources, bad = schema.validate(
        schema.SOURCES, sources_raw if sources_raw.width else _blank("sources"), keep=PROVENANCE
    )
    quarantines.append(bad)
    provenance: dict[str, pl.DataFrame] = {"sources": sources.select("_file")}
    sources = sources.drop(PROVENANCE)
    source_ids = set(sources["source_id"].to_list())
    tables: dict[str, pl.DataFrame] = {"sources": sources.sort("source_id")}
    for name, table in schema.TABLES.items():
        if name == "sources":
            continue
        raw = _concat([r.tables[name] for r in results if name in r.tables])
        raw = raw if raw.width else _blank(name)
        good, bad = schema.validate(table, raw, source_ids, keep=PROVENANCE)
        quarantines.append(bad)
        if "supersedes" in table.columns:
            good, found = _resolve(name, raw, good, results)
            quarantines.append(quarantine_rows(found))
        provenance[name] = good.select("_file")
        tables[name] = good.drop(PROVENANCE).sort(list(table.key), nulls_last=True)
    quarantine = (
        _concat(quarantines) if any(q.height for q in quarantines) else schema.empty_quarantine()
    )
    quarantine = sort_quarantine(quarantine)
    inputs = input_checksums(results, root)
    accounting = _account(results, provenance, quarantine)
    for item in inputs:
        item.update(accounting.get(str(item["path"]), {}))
    return IngestResult(tables, quarantine, inputs, digest)


def _resolve(
    name: str, raw: pl.DataFrame, good: pl.DataFrame, results: list[SourceResult]
) -> tuple[pl.DataFrame, list[dict[str, object]]]:
    """Resolve a validated table's corrections (analysis.corrections), knowing every row held
    in quarantine by an adapter or by validation."""
    id_col = schema.TABLES[name].key[0]
    held = {k: v for r in results for k, v in r.held.get(name, {}).items()}
    held.update(corrections.held_ids(raw, good, id_col))
    return corrections.resolve(name, good, id_col, held)


def sort_quarantine(frame: pl.DataFrame) -> pl.DataFrame:
    """Quarantine rows in a total order (file, line, table, column, reason)."""
    return frame.sort(["file", "line", "table", "column", "reason"], nulls_last=True)


def carry_upstream(result: IngestResult, previous: Path, manifest: dict[str, object]) -> None:
    """Add the previous version's upstream rows (series, dataset sources, their quarantine) to `result`."""
    ledger_files = {str(i["path"]) for i in result.inputs}
    carried = [i for i in manifest["inputs"] if str(i["path"]) not in ledger_files]  # type: ignore[union-attr]
    files = [str(i["path"]) for i in carried]
    sources = _read(previous / "sources.parquet").filter(pl.col("kind") == "dataset")
    held = _read(previous / "quarantine.parquet").filter(pl.col("file").is_in(files))
    result.tables["series"] = _read(previous / "series.parquet")
    result.tables["sources"] = pl.concat([result.tables["sources"], sources]).sort("source_id")
    result.quarantine = sort_quarantine(pl.concat([result.quarantine, held]))
    result.inputs = sorted([*result.inputs, *carried], key=lambda i: str(i["path"]))
    result.reused["series"] = previous


def _read(path: Path) -> pl.DataFrame:
    """A processed Parquet file, its path taken literally (never as a glob pattern)."""
    return pl.read_parquet(path, glob=False)


def _blank(name: str) -> pl.DataFrame:
    """An empty table frame with provenance columns."""
    return schema.empty(schema.TABLES[name]).with_columns(
        pl.lit(None, pl.String).alias("_file"), pl.lit(None, pl.Int64).alias("_line")
    )


def _account(
    results: list[SourceResult], provenance: dict[str, pl.DataFrame], quarantine: pl.DataFrame
) -> dict[str, dict[str, object]]:
    """Per input file: rows read, written and quarantined; raises if any row went missing."""
    accounting: dict[str, dict[str, object]] = {}
    for result in results:
        for name, read in result.rows_read.items():
            table = result.primary.get(name, "series")
            written = provenance[table].filter(pl.col("_file") == name).height
            held = quarantine.filter((pl.col("file") == name) & (pl.col("table") == table)).height
            applied = result.applied.get(name, 0)
            if read != written + applied + held:
                raise AnalysisError(
                    f"{name}: {read} rows read but {written} written + {applied} applied"
                    f" + {held} quarantined (internal error)"
                )
            accounting[name] = {
                "table": table,
                "rows_read": read,
                "rows_written": written + applied,
                "rows_quarantined": held,
            }
    return accounting


def datapackage(result: IngestResult) -> dict[str, object]:
    """The Frictionless data package descriptor of the processed tables."""
    resources = []
    for name, frame in {**result.tables, "quarantine": result.quarantine}.items():
        table = schema.ALL_TABLES[name]
        resources.append({
            "name": name,
            "path": f"{name}.csv",
            "format": "csv",
            "mediatype": "text/csv",
            "encoding": "utf-8",
            "description": table.description,
            "rows": frame.height,
            "schema": schema.frictionless_schema(table),
        })  # fmt: skip
    return {
        "profile": "tabular-data-package",
        "name": "war-toll",
        "title": "Human toll of the Russia–Ukraine war: exchanges, repatriations, casualty claims",
        "version": freshness.package_version(),
        "licenses": [{"name": "CC-BY-4.0", "path": "https://creativecommons.org/licenses/by/4.0/"}],
        "resources": resources,
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


def write_tables(folder: Path, result: IngestResult, progress: Progress) -> None:
    """Write Parquet + CSV per table, datapackage.json and manifest.json into `folder`."""
    folder.mkdir(parents=True)
    tables = {**result.tables, "quarantine": result.quarantine}
    summary: dict[str, object] = {}
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
        progress(f"wrote {name}: {frame.height:,} rows")
    _write_json(folder / "datapackage.json", datapackage(result))
    _write_json(folder / "manifest.json", {
        "package_version": freshness.package_version(),
        "fingerprint": result.fingerprint,
        "parts": result.parts,
        "inputs": result.inputs,
        "tables": summary,
        "recheck_on": recheck_on(result.quarantine),
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
    tmp_link = link.with_name(f".{link.name}.tmp-{os.getpid()}")
    tmp_link.unlink(missing_ok=True)
    tmp_link.symlink_to(os.path.relpath(version_dir, link.parent))
    os.replace(tmp_link, link)
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


def ingest(
    paths: Paths,
    upstream: Path | None = None,
    force: bool = False,
    wait: bool = False,
    progress: Progress = lambda _: None,
) -> IngestResult:
    """Read, validate and publish a new processed version; a no-op when the inputs are unchanged."""
    with lock(paths, wait=wait):
        remove_stale_temp(paths)
        same, parts, manifest = freshness.unchanged(paths, upstream)
        digest = freshness.combine(parts)
        if same and not force and manifest:
            quarantine = _read(paths.processed / "quarantine.parquet")
            inputs = list(manifest.get("inputs", []))  # type: ignore[call-overload]
            return IngestResult(
                {}, quarantine, inputs, digest, paths.processed.resolve(), True, parts
            )
        previous = paths.processed.resolve()
        old_parts = (manifest or {}).get("parts") or {}
        if not force and manifest and old_parts.get("upstream") == parts["upstream"]:  # type: ignore[union-attr]
            progress("upstream snapshots unchanged: reusing the series table")
            result = build([read_ledger(paths.ledger, paths.root)], paths.root, digest)
            carry_upstream(result, previous, manifest)
        else:
            results = collect(paths, upstream)
            rows = sum(sum(r.rows_read.values()) for r in results)
            progress(f"read {rows:,} rows from {sum(len(r.inputs) for r in results)} files")
            result = build(results, paths.root, digest)
        result.parts = parts
        paths.versions.mkdir(parents=True, exist_ok=True)
        final = paths.versions / digest[:16]
        if final.exists():  # a forced rebuild: never touch a folder that may be in use
            final = paths.versions / f"{digest[:16]}-{time.time_ns()}"
        tmp = paths.versions / f".tmp-{digest[:16]}-{os.getpid()}"
        shutil.rmtree(tmp, ignore_errors=True)
        try:
            write_tables(tmp, result, progress)
            tmp.rename(final)
        except (OSError, pl.exceptions.PolarsError) as exc:
            shutil.rmtree(tmp, ignore_errors=True)
            raise write_error(tmp, exc) from None
        publish(paths, final)
        prune(paths)
        result.version_dir = final
        return result
