"""Shared steps of the upstream adapters that build `series` rows: deltas, flags, accounting, checks.

Rules kept here once: `delta` is the change since the previous date of the same series after
sorting by date; a fall in a running total is flagged "correction" with delta null (never a
negative delta); an existing flag (gap, catch_all, ...) is kept unless the row is a correction.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import polars as pl

from analysis import schema
from analysis.errors import InputError
from analysis.ingest.adapters.base import relative_name, sha256_file

SERIES_KEYS = ["source", "subject", "metric", "vintage"]
FRAME_SCHEMA = {**schema.SERIES.polars_schema, "_file": pl.String(), "_line": pl.Int64()}


def check_columns(source: str, path: Path, found: list[str], expected: list[str]) -> None:
    """Raise an InputError naming the source, file, unexpected and missing columns (or keys)."""
    unexpected = [c for c in found if c not in expected]
    missing = [c for c in expected if c not in found]
    if unexpected or missing:
        parts = []
        if unexpected:
            parts.append(f"unexpected column(s) {', '.join(unexpected)}")
        if missing:
            parts.append(f"missing column(s) {', '.join(missing)}")
        raise InputError(
            path, f"source {source}: {'; '.join(parts)} (expected {', '.join(expected)})"
        )


def with_deltas(frame: pl.DataFrame) -> pl.DataFrame:
    """Add `delta` from `cumulative` per series; a fall becomes flag 'correction' with delta null."""
    change = pl.col("cumulative").diff().over(SERIES_KEYS)
    return (
        frame.sort([*SERIES_KEYS, "date"], nulls_last=True)
        .with_columns(change.alias("delta"))
        .with_columns(
            pl.when(pl.col("delta") < 0)
            .then(pl.lit("correction"))
            .otherwise(pl.col("flag"))
            .alias("flag"),
            pl.when(pl.col("delta") < 0).then(None).otherwise(pl.col("delta")).alias("delta"),
        )
    )


def from_counts(frame: pl.DataFrame) -> pl.DataFrame:
    """Per-period counts (column `count`) → cumulative running sum per series, delta = count."""
    return frame.sort([*SERIES_KEYS, "date"], nulls_last=True).with_columns(
        pl.col("count").cum_sum().over(SERIES_KEYS).alias("cumulative"),
        pl.col("count").alias("delta"),
    )


def finish(frame: pl.DataFrame) -> pl.DataFrame:
    """Exactly the SERIES columns + _file/_line, with the declared dtypes, sorted by key."""
    return (
        frame.select(list(FRAME_SCHEMA))
        .cast(FRAME_SCHEMA)  # type: ignore[arg-type]
        .sort([*SERIES_KEYS, "date"], nulls_last=True)
    )


def quarantine_frame(
    frame: pl.DataFrame, column: str, value: pl.Expr, reason: pl.Expr
) -> pl.DataFrame:
    """Quarantine rows (table 'series') from refused records carrying _file/_line."""
    return frame.select(
        pl.lit("series").alias("table"),
        pl.col("_file").alias("file"),
        pl.col("_line").cast(pl.Int64).alias("line"),
        pl.lit(column).alias("column"),
        value.cast(pl.String).alias("value"),
        reason.cast(pl.String).alias("reason"),
    )


def sources_frame(source_id: str, main_file: Path, root: Path) -> pl.DataFrame:
    """The one `sources` row of a registered upstream (its metadata lives in the registry)."""
    from analysis.ingest.adapters.registry import UPSTREAMS  # the registry imports the adapters

    upstream = UPSTREAMS[source_id]
    name = relative_name(main_file, root)
    return pl.DataFrame(
        [
            {
                "source_id": upstream.id,
                "kind": "dataset",
                "url": upstream.homepage,
                "publisher": upstream.publisher,
                "title": upstream.title,
                "published": None,
                "raw_path": name,
                "sha256": sha256_file(main_file),
                "_file": name,
                "_line": None,
            }
        ],  # fmt: skip
        schema={**schema.SOURCES.polars_schema, "_file": pl.String(), "_line": pl.Int64()},
    )


def require_file(source: str, path: Path) -> Path:
    """`path` when it exists, else an InputError naming the source."""
    if not path.is_file():
        raise InputError(path, f"source {source}: file not found in the snapshot")
    return path


def upper_date() -> dt.date:
    """The latest acceptable date (today), as in schema validation."""
    return schema.today()
