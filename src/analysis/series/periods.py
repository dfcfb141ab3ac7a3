"""Per-period and cumulative counts of completed events, by receiving side."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

import polars as pl

from analysis.schema import SIDES
from analysis.series.common import FREQS, _check_choice, _n, _side_order
from analysis.series.events import _completed


def _calendar(
    frame: pl.DataFrame, every: str, start: dt.date | None, end: dt.date | None
) -> pl.DataFrame:
    """Every period from the first to the last (or start..end) × both sides."""
    first = pl.lit(start).dt.truncate(every) if start else pl.col("period").min()
    last = pl.lit(end).dt.truncate(every) if end else pl.col("period").max()
    periods = frame.select(period=pl.date_ranges(first, last, every)).explode("period")
    sides = pl.DataFrame({"received_by": list(SIDES)})
    return periods.drop_nulls().join(sides, how="cross")


def per_period(
    events: pl.DataFrame,
    freq: str = "month",
    event_types: Sequence[str] | None = None,
    start: dt.date | None = None,
    end: dt.date | None = None,
) -> pl.DataFrame:
    """Completed headline figures per period (week, month, quarter or year) and receiving side.

    Every period between the first and last (or start and end) appears for both sides. `count`
    sums disclosed figures and is null when a period's events are all undisclosed; `period` is
    the period's first day (weeks start on Monday). Month-precision dates are stored as the 1st
    of the month: weekly, they fall in the week holding the 1st, and `approx_dates` counts them.
    """
    _check_choice("freq", freq, tuple(FREQS))
    every = FREQS[freq]
    figures = _completed(events, event_types, start, end).with_columns(
        period=pl.col("date").dt.truncate(every)
    )
    counted = figures.group_by("period", "received_by").agg(
        count=pl.when(pl.col("count").is_not_null().any()).then(pl.col("count").sum()),
        events=pl.len().cast(pl.Int64),
        undisclosed_events=_n(pl.col("count").is_null()),
        lower_bound_events=_n(pl.col("qualifier") == "at_least"),
        approx_dates=_n(pl.col("date_precision") != "day"),
    )
    calendar = _calendar(figures, every, start, end)
    zero = ("events", "undisclosed_events", "lower_bound_events", "approx_dates")
    return (
        calendar.join(counted, on=["period", "received_by"], how="left")
        .with_columns(
            pl.when(pl.col("events").is_null()).then(0).otherwise(pl.col("count")).alias("count"),
            *(pl.col(c).fill_null(0) for c in zero),
        )
        .sort("period", _side_order())
        .select("period", "received_by", "count", *zero)
    )


def cumulative(
    events: pl.DataFrame,
    freq: str = "month",
    event_types: Sequence[str] | None = None,
    start: dt.date | None = None,
    end: dt.date | None = None,
) -> pl.DataFrame:
    """per_period plus running totals per side: `cumulative` (disclosed figures only, a lower
    bound when undisclosed events exist) and `cumulative_undisclosed_events`."""
    frame = per_period(events, freq, event_types, start, end)
    return frame.with_columns(
        cumulative=pl.col("count").fill_null(0).cum_sum().over("received_by", order_by="period"),
        cumulative_undisclosed_events=pl.col("undisclosed_events")
        .cum_sum()
        .over("received_by", order_by="period"),
    ).sort("period", _side_order())
