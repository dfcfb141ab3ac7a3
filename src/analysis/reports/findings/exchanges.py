"""What the exchanges report states: busiest period, totals by side, mediators, asymmetry, stages."""

from __future__ import annotations

import polars as pl

from analysis.reports.findings.common import Scope as Scope
from analysis.reports.findings.common import data_to_note, figure, side, with_sources
from analysis.reports.findings.common import scope as scope


def busiest_period(per_period: pl.DataFrame, freq: str, window: str) -> str:
    """The period in which most people were returned, both sides together."""
    busiest = per_period.group_by("period").agg(pl.col("count").sum()).sort(
        "count", "period", descending=[True, False]
    )
    if not busiest["count"].max():
        return f"No exchange with a disclosed number from {window}."
    top = busiest.row(0, named=True)
    return (
        f"From {window}, the busiest {freq} began on {top['period']:%-d %B %Y}: "
        f"{top['count']:,} people were returned to both sides together."
    )


def side_totals(cumulative: pl.DataFrame, window: str) -> str:
    """What each side received in the window, with the events that gave no number."""
    known = cumulative.drop_nulls("cumulative")  # periods outside coverage have no running total
    latest = known.group_by("received_by").agg(pl.all().sort_by("period").last())
    sentences = []
    for code in ("ukraine", "russia"):
        rows = latest.filter(pl.col("received_by") == code)
        if rows.height:
            row = rows.row(0, named=True)
            hidden = row["cumulative_undisclosed_events"]
            note = f" ({hidden} event(s) without a number)" if hidden else ""
            sentences.append(
                f"{side(code)} received {figure(row['cumulative'], row['cumulative_qualifier'])} people{note}"
            )
    return f"From {window}: " + "; ".join(sentences) + "." + data_to_note(cumulative)


def by_mediator(figures: pl.DataFrame) -> pl.DataFrame:
    """Events per mediator, most first ("none named" for events naming none)."""
    return (
        figures.unique("event_id").with_columns(pl.col("mediator").fill_null("none named"))
        .group_by("mediator").agg(events=pl.len()).sort("events", "mediator", descending=[True, False])
    )  # fmt: skip


def mediators(counts: pl.DataFrame, figures: pl.DataFrame, window: str) -> str:
    """How many events name a mediator, and who is named most often."""
    named = counts.filter(pl.col("mediator") != "none named")
    if not named.height:
        return f"No event from {window} names a mediator."
    top = named.row(0, named=True)
    return (
        f"{named['events'].sum()} of the {figures['event_id'].n_unique()} events from {window} "
        f"name a mediator; **{top['mediator']}** is named most often ({top['events']})."
    )


def disputed(figures: pl.DataFrame, sources: pl.DataFrame) -> pl.DataFrame:
    """The handovers for which the two sides' statements give different figures, with sources."""
    rows = figures.filter(pl.col("disputed")).select(
        "date", "received_by", "count", "claimant", "alt_count", "alt_claimant", "source_id"
    )
    return with_sources(rows, sources)


def asymmetry(table: pl.DataFrame, figures: pl.DataFrame) -> str:
    """How often both sides gave numbers, how often they differ, and the disputed handovers."""
    both = table.filter(pl.col("to_ukraine").is_not_null() & pl.col("to_russia").is_not_null())
    uneven = both.filter(pl.col("difference") != 0)
    argued = figures.filter(pl.col("disputed"))["event_id"].n_unique()
    return (
        f"Of {table.height} events, {both.height} have numbers from both sides; in {uneven.height} "
        f"of them the two sides received different numbers. In {argued} event(s) Ukrainian and "
        "Russian statements give different figures for the same handover; the receiving side's "
        "own figure is used."
    )


def staged(figures: pl.DataFrame) -> pl.DataFrame:
    """The exchanges carried out in stages: first and last day, stages, people to each side."""
    to = {code: pl.col("count").filter(pl.col("received_by") == code).sum() for code in ("ukraine", "russia")}
    return (
        figures.filter(pl.col("stage").is_not_null()).group_by("event_id")
        .agg(first=pl.col("date").min(), last=pl.col("date").max(),
             stages=pl.col("stage").n_unique(), to_ukraine=to["ukraine"], to_russia=to["russia"])
        .sort("first")
    )  # fmt: skip


def stages(table: pl.DataFrame, window: str) -> str:
    """How many exchanges were carried out in stages."""
    if table.height:
        return f"{table.height} exchange(s) from {window} were carried out in stages."
    return f"No exchange from {window} was carried out in stages."
