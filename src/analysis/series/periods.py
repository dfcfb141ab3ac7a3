"""Per-period and cumulative counts of completed events, by receiving side."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

import polars as pl

from analysis.schema import SIDES
from analysis.series.common import FREQS, _check_choice, _n, _side_order, qualifier_of_sum
from analysis.series.coverage import Window, period_flags, window
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


def _calendar_end(figures: pl.DataFrame, end: dt.date | None, win: Window) -> dt.date | None:
    """The calendar's last day: `end`, else the later of the last figure and the coverage end."""
    if end is not None:
        return end
    last = figures["date"].max() if figures.height else None
    ends = [d for d in (last, win.last) if isinstance(d, dt.date)]
    return max(ends) if ends else None


ZERO = ("events", "undisclosed_events", "lower_bound_events", "approximate_events", "capped_events",
        "approx_dates")
FLAGS = ("covered", "partial", "since", "through")


def per_period(
    events: pl.DataFrame,
    freq: str = "month",
    event_types: Sequence[str] | None = None,
    start: dt.date | None = None,
    end: dt.date | None = None,
    coverage: pl.DataFrame | None = None,
) -> pl.DataFrame:
    """Completed headline figures per period (week, month, quarter or year) and receiving side.

    Every period between the first and last (or start and end) appears for both sides. `count`
    sums disclosed figures and is null when a period's events are all undisclosed; `period` is
    the period's first day (weeks start on Monday). Month-precision dates are stored as the 1st
    of the month: weekly, they fall in the week holding the 1st, and `approx_dates` counts them.
    With `coverage` (the coverage table) a period without events is 0 only inside coverage and
    null outside it; `covered`, `partial` (the coverage or [start, end] begins or ends inside the
    period), `since` and `through` (first and last day counted) say which. Without it [start, end] alone bounds them.
    """
    _check_choice("freq", freq, tuple(FREQS))
    every = FREQS[freq]
    types = list(event_types) if event_types is not None else None
    win = window(coverage, "events", types, start, end)
    figures = _completed(events, event_types, start, end).with_columns(
        period=pl.col("date").dt.truncate(every)
    )
    counted = figures.group_by("period", "received_by").agg(
        count=pl.when(pl.col("count").is_not_null().any()).then(pl.col("count").sum()),
        events=pl.len().cast(pl.Int64),
        undisclosed_events=_n(pl.col("count").is_null()),
        lower_bound_events=_n(pl.col("qualifier") == "at_least"),
        approximate_events=_n(pl.col("qualifier") == "about"),
        capped_events=_n(pl.col("qualifier") == "at_most"),
        approx_dates=_n(pl.col("date_precision") != "day"),
    )
    calendar = _calendar(figures, every, start, _calendar_end(figures, end, win))
    none = pl.col("events").is_null()
    return (
        calendar.join(counted, on=["period", "received_by"], how="left")
        .with_columns(period_flags(every, win))
        .with_columns(
            pl.when(none & pl.col("covered")).then(0).otherwise(pl.col("count")).alias("count"),
            *(
                pl.when(none & pl.col("covered")).then(0).otherwise(pl.col(c)).alias(c)
                for c in ZERO
            ),
        )
        .sort("period", _side_order())
        .select("period", "received_by", "count", *ZERO, *FLAGS)
    )


def cumulative(
    events: pl.DataFrame,
    freq: str = "month",
    event_types: Sequence[str] | None = None,
    start: dt.date | None = None,
    end: dt.date | None = None,
    coverage: pl.DataFrame | None = None,
) -> pl.DataFrame:
    """per_period plus running totals per side: `cumulative` (disclosed figures only, a lower
    bound when undisclosed events exist), `cumulative_undisclosed_events` and
    `cumulative_qualifier` (period_qualifier); all null in periods outside coverage that have no
    events (the line ends at the coverage end)."""
    frame = per_period(events, freq, event_types, start, end, coverage)
    known = pl.col("covered") | pl.col("events").is_not_null()
    running = {
        "cumulative": pl.col("count").fill_null(0),
        "cumulative_undisclosed_events": pl.col("undisclosed_events").fill_null(0),
    }
    return (
        frame.with_columns(
            pl.when(known).then(value.cum_sum().over("received_by", order_by="period")).alias(name)
            for name, value in running.items()
        )
        .with_columns(pl.when(known).then(period_qualifier(running=True)).alias("cumulative_qualifier"))
        .sort("period", _side_order())
    )


def period_qualifier(running: bool = False) -> pl.Expr:
    """The qualifier of each period's sum (or, `running`, of each side's running total) from the
    per-period counts of undisclosed, "at least", "about" and "up to" figures."""

    def any_of(*columns: str) -> pl.Expr:
        total = sum((pl.col(c).fill_null(0) for c in columns), pl.lit(0))
        return (total.cum_sum().over("received_by", order_by="period") if running else total) > 0

    return qualifier_of_sum(
        any_of("undisclosed_events", "lower_bound_events"),
        any_of("approximate_events"),
        any_of("capped_events"),
    )
