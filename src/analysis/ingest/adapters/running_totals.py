"""Shared steps of the upstream adapters that build `series` rows: the one delta rule, final shape.

The rule (`delta_rule`), used by every adapter and by `series.deltas`: `delta` is the change since
the previous date of the same series, after sorting by date (and after a listed signed correction,
for the General Staff); a change below zero is never a delta: delta null and flag "correction".
A listed correction is flagged "correction" too. Other flags (gap, catch_all, ...) are kept unless
the row is a correction, and a flag named in `keep` (series.deltas keeps "gap") is kept even then.
"""

from __future__ import annotations

from collections.abc import Sequence

import polars as pl

from analysis import schema

SERIES_KEYS = [k for k in schema.SERIES.key if k != "date"]  # one series: source … vintage
FRAME_SCHEMA = {**schema.SERIES.polars_schema, "_file": pl.String(), "_line": pl.Int64()}


def delta_rule(
    change: pl.Expr, flag: pl.Expr, corrected: pl.Expr | None = None, keep: Sequence[str] = ()
) -> tuple[pl.Expr, pl.Expr]:
    """(delta, flag) from a row's `change` since the previous one: a negative change gives delta
    null and flag "correction", as does a `corrected` row (its delta kept); flags in `keep` stay."""
    fall = change < 0
    marked = fall if corrected is None else fall | corrected
    kept = flag.is_in(list(keep)).fill_null(False) if keep else pl.lit(False)
    delta = pl.when(fall).then(None).otherwise(change)
    return delta, pl.when(marked & ~kept).then(pl.lit("correction")).otherwise(flag)


def with_deltas(frame: pl.DataFrame, keys: Sequence[str] = tuple(SERIES_KEYS)) -> pl.DataFrame:
    """Add `delta` from `cumulative` per series (`keys`) by the one rule; the first row's is null."""
    delta, flag = delta_rule(pl.col("change"), pl.col("flag"))
    return (
        frame.sort([*keys, "date"], nulls_last=True)
        .with_columns(pl.col("cumulative").diff().over(list(keys)).alias("change"))
        .with_columns(flag.alias("flag"), delta.alias("delta"))
        .drop("change")
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
