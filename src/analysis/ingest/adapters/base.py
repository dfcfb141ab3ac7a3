"""The one adapter shape: what every source adapter returns, and the bookkeeping they share.

An adapter reads files into `FileRead`s (series rows, refused rows, candidate rows counted) and
`assemble`s them into a `SourceResult`. `_file` and quarantine `file` hold each path as the
adapter opened it; ingest makes them relative to the project root once (`relativise`).
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import polars as pl

from analysis import schema
from analysis.errors import InputError
from analysis.files import read_bytes, read_error, relative_name, sha256_file


@dataclass
class SourceResult:
    """Rows an adapter read: frames per table (with _file/_line), its own quarantine, its inputs.

    `rows_read[file]` counts the candidate rows read from a file for its table `primary[file]`;
    ingest checks rows_read = rows written to that table + rows applied + rows quarantined from
    that file, where `applied[file]` counts rows that change other rows (e.g. signed corrections)
    instead of becoming rows themselves. `main` is the file a dataset's `sources` row cites.
    `held[table]` maps the ids of rows the adapter quarantined to their (file, line), so a
    correction of such a row is quarantined too.
    """

    tables: dict[str, pl.DataFrame] = field(default_factory=dict)
    quarantine: pl.DataFrame = field(default_factory=schema.empty_quarantine)
    inputs: list[Path] = field(default_factory=list)
    rows_read: dict[str, int] = field(default_factory=dict)
    primary: dict[str, str] = field(default_factory=dict)
    applied: dict[str, int] = field(default_factory=dict)
    held: dict[str, dict[str, tuple[str, int | None]]] = field(default_factory=dict)
    main: Path | None = None


@dataclass
class FileRead:
    """What an adapter made of one file: series rows (None when another read holds them), the
    quarantine rows, the candidate rows read and the rows applied to other rows."""

    path: Path
    series: pl.DataFrame | None
    quarantine: pl.DataFrame
    rows_read: int
    applied: int = 0


def assemble(
    reads: Sequence[FileRead], main: Path | None = None, extra_inputs: Sequence[Path] = (),
    quarantine: Sequence[pl.DataFrame] = (),
) -> SourceResult:  # fmt: skip
    """The SourceResult of an upstream adapter: series rows and quarantine of every read (after
    `quarantine`), per-file accounting, inputs (reads, then `extra_inputs`); main: the first read."""
    result = SourceResult(main=main or reads[0].path)
    result.tables["series"] = pl.concat([r.series for r in reads if r.series is not None])
    result.quarantine = pl.concat([*quarantine, *(r.quarantine for r in reads)])
    for read in reads:
        name = str(read.path)
        result.inputs.append(read.path)
        result.rows_read[name] = read.rows_read
        result.primary[name] = "series"
        if read.applied:
            result.applied[name] = read.applied
    result.inputs.extend(extra_inputs)
    return result


def relativise(result: SourceResult, root: Path) -> SourceResult:
    """`result` with every file name (provenance, quarantine, accounting) relative to `root`."""
    def rel(name: str) -> str:
        return relative_name(Path(name), root)

    def frame(table: pl.DataFrame, columns: tuple[str, ...]) -> pl.DataFrame:
        names = [c for c in columns if c in table.columns and table.height]
        return table.with_columns(
            pl.col(c).replace({v: rel(v) for v in table[c].drop_nulls().unique()}) for c in names
        )

    result.tables = {n: frame(t, ("_file", "raw_path")) for n, t in result.tables.items()}
    result.quarantine = frame(result.quarantine, ("file",))
    for counts in (result.rows_read, result.primary, result.applied):
        renamed = {rel(k): v for k, v in counts.items()}
        counts.clear()
        counts.update(renamed)
    return result


def column_error(source: str, path: Path, found: list[str], expected: list[str]) -> InputError:
    """An InputError naming the source, file, unexpected and missing columns (or keys)."""
    unexpected = [c for c in found if c not in expected]
    missing = [c for c in expected if c not in found]
    parts = [f"unexpected column(s) {', '.join(unexpected)}"] if unexpected else []
    parts += [f"missing column(s) {', '.join(missing)}"] if missing else []
    return InputError(path, f"source {source}: {'; '.join(parts)} (expected {', '.join(expected)})")


def check_columns(source: str, path: Path, found: list[str], expected: list[str]) -> None:
    """Raise `column_error` when `found` has a column not `expected` or lacks one (any order)."""
    if set(found) != set(expected):
        raise column_error(source, path, found, expected)


def require_file(source: str, path: Path) -> Path:
    """`path` when it exists, else an InputError naming the source."""
    if not path.is_file():
        raise InputError(path, f"source {source}: file not found in the snapshot")
    return path


def quarantine_rows(rows: list[dict[str, object]]) -> pl.DataFrame:
    """A quarantine frame from dicts with table, file, line, column, value, reason."""
    if not rows:
        return schema.empty_quarantine()
    return pl.DataFrame(rows, schema=schema.QUARANTINE.polars_schema)


def quarantine_frame(
    frame: pl.DataFrame, column: str, value: pl.Expr, reason: pl.Expr, table: str = "series"
) -> pl.DataFrame:
    """Quarantine rows from refused records carrying _file/_line."""
    return frame.select(
        pl.lit(table).alias("table"),
        pl.col("_file").alias("file"),
        pl.col("_line").cast(pl.Int64).alias("line"),
        pl.lit(column).alias("column"),
        value.cast(pl.String).alias("value"),
        reason.cast(pl.String).alias("reason"),
    )


def url_source_id(url: str) -> str:
    """A stable, readable source id for a URL: host plus a short hash, e.g. tass.com-1a2b3c4d."""
    host = (urlsplit(url).hostname or "local").removeprefix("www.")
    host = re.sub(r"[^a-z0-9.\-]", "-", host.lower())
    return f"{host}-{hashlib.sha256(url.encode()).hexdigest()[:8]}"


__all__ = [  # file helpers re-exported for adapters
    "FileRead", "SourceResult", "assemble", "check_columns", "column_error", "quarantine_frame",
    "quarantine_rows", "read_bytes", "read_error", "relative_name", "relativise", "require_file",
    "sha256_file", "url_source_id",
]  # fmt: skip
