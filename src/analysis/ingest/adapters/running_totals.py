"""Shared steps of the upstream adapters that build `series` rows: deltas, flags, final shape.

Rules kept here once: `delta` is the change since the previous date of the same series after
sorting by date; a fall in a running total is flagged "correction" with delta null (never a
negative delta); an existing flag (gap, catch_all, ...) is kept unless the row is a correction.
"""

from __future__ import annotations

import polars as pl

from analysis import schema

SERIES_KEYS = [k for k in schema.SERIES.key if k != "date"]  # one series: source … vintage
FRAME_SCHEMA = {**schema.SERIES.polars_schema, "_file": pl.String(), "_line": pl.Int64()}


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
