"""Upstream running totals: deltas from cumulative values and resampling to a calendar."""

from __future__ import annotations

from collections.abc import Sequence

import polars as pl

from analysis.ingest.adapters.running_totals import delta_rule
from analysis.series.common import (
    FILLS,
    NO_BASE_FLAGS,
    NO_DELTA_FLAGS,
    RESAMPLE_FREQS,
    _check_choice,
    _series_keys,
    _sorted,
)


def _same_series(keys: Sequence[str]) -> pl.Expr:
    """True where a row continues the series of the row above (frame sorted by keys)."""
    if not keys:
        return pl.int_range(pl.len()) > 0
    return pl.all_horizontal(pl.col(k).eq_missing(pl.col(k).shift(1)) for k in keys)


def _with_deltas(frame: pl.DataFrame, keys: list[str]) -> pl.DataFrame:
    """Recompute delta and flag falls as corrections; `frame` must be sorted by keys, date."""
    same = _same_series(keys)
    previous = pl.when(same).then(pl.col("cumulative").shift(1))
    previous_flag = pl.when(same).then(pl.col("flag").shift(1))
    blocked = pl.col("flag").is_in(NO_DELTA_FLAGS).fill_null(False)
    delta, flag = delta_rule(pl.col("cumulative") - previous, pl.col("flag"), keep=("gap",))
    return frame.with_columns(
        delta=pl.when(~blocked & ~previous_flag.is_in(NO_BASE_FLAGS).fill_null(False))
        .then(delta)
        .cast(pl.Float64),
        flag=flag,
    )


def deltas(series_frame: pl.DataFrame) -> pl.DataFrame:
    """Per-period values from running totals, per (source, subject, metric, vintage) by date.

    A fall in the running total gets a null delta and flag "correction"; rows flagged gap (or
    correction, missing, imputed) keep a null delta, as does the first row of each series.
    """
    keys = _series_keys(series_frame)
    columns = [c for c in series_frame.columns if c != "delta"]
    frame = series_frame.with_columns(pl.col("flag").cast(pl.String))
    out = _with_deltas(_sorted(frame, keys, "date"), keys)
    at = columns.index("cumulative") + 1
    return out.select(*columns[:at], "delta", *columns[at:])


def resample(
    series_frame: pl.DataFrame, freq: str = "day", fill: str | None = None
) -> pl.DataFrame:
    """Each series on a regular calendar (day, week or month), one row per period.

    A period takes the last running total published in it (`observed` is that publication's
    date; `date` is the period start). Periods with no publication get a null cumulative and
    flag "missing"; with fill="forward" they carry the last value and flag "imputed" instead.
    """
    _check_choice("freq", freq, tuple(RESAMPLE_FREQS))
    _check_choice("fill", fill, FILLS)
    every = RESAMPLE_FREQS[freq]
    keys = _series_keys(series_frame)
    group = [*keys, "kind"] if "kind" in series_frame.columns else keys
    observed = (
        series_frame.with_columns(period=pl.col("date").dt.truncate(every))
        .group_by(*group, "period")
        .agg(
            pl.col("cumulative", "flag").get(pl.col("date").arg_max()),
            observed=pl.col("date").max(),
        )
        .with_columns(pl.col("flag").cast(pl.String))
    )
    calendar = (
        observed.group_by(group)
        .agg(period=pl.date_ranges(pl.col("period").min(), pl.col("period").max(), every))
        .explode("period")
    )
    frame = calendar.join(
        observed, on=[*group, "period"], how="left", nulls_equal=True
    ).with_columns(
        flag=pl.when(pl.col("observed").is_null()).then(pl.lit("missing")).otherwise("flag")
    )
    if fill == "forward":
        filled = pl.col("flag") == "missing"
        frame = frame.with_columns(
            pl.col("cumulative", "observed").forward_fill().over(keys, order_by="period"),
        ).with_columns(flag=pl.when(filled).then(pl.lit("imputed")).otherwise("flag"))
    frame = frame.rename({"period": "date"})
    out = _with_deltas(_sorted(frame, keys, "date"), keys)
    columns = [
        "source",
        "subject",
        "metric",
        "date",
        "cumulative",
        "delta",
        "kind",
        "flag",
        "vintage",
    ]
    return out.select(*(c for c in columns if c in out.columns), "observed")
