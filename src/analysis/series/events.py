"""Headline figures per event, exchange asymmetry and delivery against agreements."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

import polars as pl

from analysis.schema import SIDES
from analysis.series.common import (
    EVENT_COLUMNS,
    FREQS,
    HEADLINE_KEY,
    _check_choice,
    _n,
    _side_order,
    sum_qualifier,
)


def _preferred(frame: pl.DataFrame) -> pl.DataFrame:
    """The row with the lowest (_score, figure_id) per headline key."""
    key = list(HEADLINE_KEY)
    top = frame.filter(pl.col("_score") == pl.col("_score").min().over(key))
    return top.filter(pl.col("figure_id") == pl.col("figure_id").min().over(key))


def _headline(events: pl.DataFrame) -> pl.DataFrame:
    """headline() without the final sort (row order unspecified).

    The choice runs on a narrow frame (keys, score, count) and the chosen rows are then
    gathered by row number: much faster on millions of rows than filtering every column.
    """
    own = pl.col("claimant_side") == pl.col("received_by")
    side_rank = pl.when(own).then(0).when(pl.col("claimant_side").is_in(SIDES)).then(1).otherwise(2)
    key = list(HEADLINE_KEY)
    ranked = (
        events.with_row_index("_row")
        .filter(pl.col("is_current"))
        .select(
            "_row", "event_id", "received_by", "status", "figure_id", "count", "claimant",
            _stage=pl.col("stage").fill_null(""),
            _score=pl.col("count").is_null().cast(pl.Int8) * 3 + side_rank,
        )
    )  # fmt: skip
    chosen = _preferred(ranked)
    others = ranked.join(chosen.select(*key, _chosen="count"), on=key, how="left").filter(
        pl.col("count") != pl.col("_chosen")
    )
    alternatives = _preferred(others).select(*key, alt_count="count", alt_claimant="claimant")
    picks = chosen.join(alternatives, on=key, how="left").select(
        "_row", "alt_count", "alt_claimant"
    )
    return events[picks["_row"]].with_columns(
        picks["alt_count"],
        picks["alt_claimant"],
        disputed=picks["alt_count"].is_not_null(),
        _stage=pl.col("stage").fill_null(""),
    )


def headline(events: pl.DataFrame) -> pl.DataFrame:
    """One figure per (event_id, stage, received_by, status) among current rows.

    Preference: a disclosed count over an undisclosed one; then the receiving side's own claimant,
    the other side, third parties; then the lowest figure_id. `disputed` marks keys where another
    claimant gave a different count, `alt_count`/`alt_claimant` the preferred such other figure.
    """
    return (
        _headline(events)
        .sort("date", "event_id", "_stage", _side_order(), "status")
        .select(*EVENT_COLUMNS, "disputed", "alt_count", "alt_claimant")
    )


def _completed(
    events: pl.DataFrame,
    event_types: Sequence[str] | None,
    start: dt.date | None,
    end: dt.date | None,
) -> pl.DataFrame:
    """Headline figures of completed events, optionally of some types within [start, end]."""
    frame = _headline(events.filter(pl.col("status") == "completed"))
    if event_types is not None:
        frame = frame.filter(pl.col("event_type").is_in(list(event_types)))
    if start is not None:
        frame = frame.filter(pl.col("date") >= start)
    if end is not None:
        frame = frame.filter(pl.col("date") <= end)
    return frame


def _side_columns() -> list[pl.Expr]:
    """Per side: its count where the row is that side's, and flags for its rows and nulls."""
    exprs = []
    for side in SIDES:
        mine = pl.col("received_by") == side
        exprs += [
            pl.when(mine).then(pl.col("count")).alias(f"_{side}_count"),
            mine.alias(f"_{side}_rows"),
            (mine & pl.col("count").is_null()).alias(f"_{side}_nulls"),
        ]
    return exprs


def _ratio_note() -> pl.Expr:
    """Why ratio is null (or null when it is not)."""
    return (
        pl.when(pl.col("_russia_rows") == 0)
        .then(pl.lit("no figure for russia"))
        .when(pl.col("to_russia").is_null())
        .then(pl.lit("russia figure undisclosed"))
        .when(pl.col("to_russia") == 0)
        .then(pl.lit("russia received 0"))
        .when(pl.col("_ukraine_rows") == 0)
        .then(pl.lit("no figure for ukraine"))
        .when(pl.col("to_ukraine").is_null())
        .then(pl.lit("ukraine figure undisclosed"))
    )


def asymmetry(
    events: pl.DataFrame,
    freq: str | None = None,
    event_types: Sequence[str] | None = None,
) -> pl.DataFrame:
    """Received by Ukraine vs by Russia per completed event (freq None) or per period and type.

    to_ukraine/to_russia are null when that side's figure is missing or undisclosed (per event)
    or when all its figures in the period are undisclosed; ratio_note says why ratio is null;
    ukraine_qualifier/russia_qualifier qualify each side's figure (at_least when a period
    also holds undisclosed figures).
    """
    if freq is not None:
        _check_choice("freq", freq, tuple(FREQS))
    figures = _completed(events, event_types, None, None).with_columns(_side_columns())
    if freq is None:  # a side's total needs every one of its figures
        keys, first = ["event_id"], [pl.col("date").min(), pl.col("event_type").first()]
        known = {side: pl.col(f"_{side}_nulls") == 0 for side in SIDES}
    else:  # a period's total is the sum of the disclosed figures, null when there are none
        figures = figures.with_columns(period=pl.col("date").dt.truncate(FREQS[freq]))
        keys, first = ["period", "event_type"], [pl.col("period").first().alias("date")]
        known = {side: pl.col(f"_{side}_nulls") < pl.col(f"_{side}_rows") for side in SIDES}
    grouped = (
        figures.group_by(keys)
        .agg(
            *first,
            *(
                pl.col(f"_{side}_{part}").sum()
                for side in SIDES
                for part in ("count", "rows", "nulls")
            ),
            *(
                sum_qualifier(
                    pl.when(pl.col("count").is_not_null()).then(pl.col("qualifier"))
                    .filter(pl.col("received_by") == side)
                ).alias(f"_{side}_qualifier")
                for side in SIDES
            ),
            undisclosed_figures=_n(pl.col("count").is_null()),
            disputed=pl.col("disputed").any(),
        )
        .with_columns(
            (
                pl.when((pl.col(f"_{side}_rows") > 0) & known[side]).then(pl.col(f"_{side}_count"))
            ).alias(f"to_{side}")
            for side in SIDES
        )
        .with_columns(
            pl.when(pl.col(f"to_{side}").is_not_null()).then(pl.col(f"_{side}_qualifier"))
            .alias(f"{side}_qualifier")
            for side in SIDES
        )
    )
    return _compared(grouped).sort("date", *keys).select(*keys[:1], *ASYMMETRY_COLUMNS)


ASYMMETRY_COLUMNS = ("date", "event_type", "to_ukraine", "to_russia", "difference", "ratio",
                     "ratio_note", "disputed", "undisclosed_figures", "ukraine_qualifier",
                     "russia_qualifier")  # fmt: skip


def _compared(grouped: pl.DataFrame) -> pl.DataFrame:
    """Difference, ratio and the reason a ratio is null, from to_ukraine and to_russia."""
    return grouped.with_columns(
        difference=pl.col("to_ukraine") - pl.col("to_russia"),
        ratio=pl.when(pl.col("to_russia") != 0).then(pl.col("to_ukraine") / pl.col("to_russia")),
        ratio_note=_ratio_note(),
    )


def delivery(events: pl.DataFrame, agreement_id: str) -> pl.DataFrame:
    """How much of an agreement's numbers each side has received by each later delivery date.

    One row per (received_by, date of a completed event delivering on the agreement); sides and
    dates form a full grid so each side has a running total at every delivery date.
    """
    figures = _headline(events)
    agreed = (
        figures.filter((pl.col("event_id") == agreement_id) & (pl.col("status") == "agreed"))
        .group_by("received_by")
        .agg(
            agreed=pl.when(pl.col("count").null_count() == 0).then(pl.col("count").sum()),
            agreed_on=pl.col("date").min(),
        )
    )
    if agreed.height == 0:
        known = figures.filter(pl.col("status") == "agreed")["event_id"].unique().sort()
        listed = ", ".join(known) or "none"
        raise ValueError(f"unknown agreement id {agreement_id!r}; agreements are: {listed}")
    delivered = (
        figures.filter((pl.col("agreement_id") == agreement_id) & (pl.col("status") == "completed"))
        .group_by("received_by", "date")
        .agg(
            received=pl.col("count").sum(),
            undisclosed=_n(pl.col("count").is_null()),
        )
    )
    grid = delivered.select("date").unique().join(agreed, how="cross")
    return (
        grid.filter(pl.col("date") >= pl.col("agreed_on"))
        .join(delivered, on=["received_by", "date"], how="left")
        .with_columns(
            delivered=pl.col("received")
            .fill_null(0)
            .cum_sum()
            .over("received_by", order_by="date"),
            undisclosed_events=pl.col("undisclosed")
            .fill_null(0)
            .cum_sum()
            .over("received_by", order_by="date"),
        )
        .with_columns(
            remaining=pl.col("agreed") - pl.col("delivered"),
            share=pl.when(pl.col("agreed") > 0).then(pl.col("delivered") / pl.col("agreed")),
            agreement_id=pl.lit(agreement_id),
        )
        .sort(_side_order(), "date")
        .select(
            "agreement_id",
            "received_by",
            "date",
            "agreed",
            "delivered",
            "remaining",
            "share",
            "undisclosed_events",
        )
    )
