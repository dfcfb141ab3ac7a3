"""Run every adapter, validate its rows into clean tables + quarantine, and account for each row."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import polars as pl

from analysis import corrections, schema
from analysis.config import Paths
from analysis.errors import AnalysisError
from analysis.ingest import freshness
from analysis.ingest.adapters.base import (
    SourceResult,
    quarantine_rows,
    relative_name,
    relativise,
    sha256_file,
)
from analysis.ingest.adapters.ledger import read_ledger
from analysis.ingest.adapters.upstream import read_upstream
from analysis.schema import PROVENANCE
from analysis.validate import validate


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


def collect_ledger(paths: Paths) -> SourceResult:
    """Run the ledger adapter; file names relative to the project root."""
    return relativise(read_ledger(paths.ledger), paths.root)


def collect(paths: Paths, upstream: Path | None = None) -> list[SourceResult]:
    """Run the ledger adapter and every upstream adapter, file names relative to the project root
    (after checking that the input folders hold only readable regular files, as `ingest`'s
    fingerprint does)."""
    freshness.watched_files(paths.ledger)
    freshness.watched_files(upstream or paths.upstream)
    ledger = collect_ledger(paths)
    return [ledger, *(relativise(r, paths.root) for r in read_upstream(upstream or paths.upstream))]


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
    sources, bad = validate(
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
        good, bad = validate(table, raw, source_ids, keep=PROVENANCE)
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
    sources = read_processed(previous / "sources.parquet").filter(pl.col("kind") == "dataset")
    held = read_processed(previous / "quarantine.parquet").filter(pl.col("file").is_in(files))
    result.tables["series"] = read_processed(previous / "series.parquet")
    every = pl.concat([result.tables["sources"], sources], how="diagonal_relaxed")  # older columns
    result.tables["sources"] = every.select(result.tables["sources"].columns).sort("source_id")
    result.quarantine = sort_quarantine(pl.concat([result.quarantine, held]))
    result.inputs = sorted([*result.inputs, *carried], key=lambda i: str(i["path"]))
    result.reused["series"] = previous


def read_processed(path: Path) -> pl.DataFrame:
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
