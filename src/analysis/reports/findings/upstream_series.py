"""What the upstream-series report states: the running totals, the rolling means, corrections."""

from __future__ import annotations

import datetime as dt

import polars as pl

from analysis import wording
from analysis.reports.findings.common import bound, day, label, latest


def select(
    upstream: pl.DataFrame, source: str, metrics: list[str], start: dt.date, end: dt.date | None
) -> pl.DataFrame:
    """One source's values (only `metrics` when given) from `start` to `end`."""
    return upstream.filter(
        pl.col("source") == source,
        pl.col("metric").is_in(metrics) if metrics else pl.lit(True),
        pl.col("date") >= start,
        pl.col("date") <= end if end else pl.lit(True),
    )


def no_data(source: str, metrics: list[str], present: list[str]) -> str:
    """Why the report is empty, and how to get the data."""
    which = f" and metrics {', '.join(metrics)}" if metrics else ""
    names = ", ".join(wording.source_label(p) for p in present)
    there = f"Sources present: {names}. " if present else "No upstream snapshot has been ingested. "
    return (
        f"**No upstream data from {wording.source_label(source)}{which}.** {there}Fetch a snapshot with "
        "`analysis fetch` (or drop one into `data/raw/upstream/`), then run `analysis ingest`."
    )


def panels(values: pl.DataFrame) -> pl.DataFrame:
    """The running totals as chart lines: one panel per metric, one line per side."""
    return values.select(
        pl.col("metric").alias("panel"), pl.col("date").alias("period"),
        pl.col("subject").str.split("_").list.first().alias("received_by"), "cumulative",
    ).drop_nulls("cumulative")  # fmt: skip


def running_totals(values: pl.DataFrame) -> list[str]:
    """The last running total of each subject and metric, a lower bound where the source says so."""
    kind = label(values["kind"][0])
    return [
        f"{row['metric']} ({label(row['subject'])}): "
        f"{bound(row['kind'] == 'confirmed_lower_bound')}{row['cumulative']:,.0f} "
        f"by {day(row['date'])} ({kind})."
        for row in latest(values, ["subject", "metric"], "date").iter_rows(named=True)
    ]


def first_series(daily: pl.DataFrame, values: pl.DataFrame, metrics: list[str]) -> pl.DataFrame:
    """The one series the daily chart shows: the first metric asked for (else the first by name),
    its first subject, its newest vintage."""
    order = {m: i for i, m in enumerate(metrics)}
    keys = values.select("subject", "metric").unique()
    first = keys.sort(pl.col("metric").replace_strict(order, default=len(order)), "metric", "subject").row(0, named=True)  # fmt: skip
    one = daily.filter(pl.col("subject") == first["subject"], pl.col("metric") == first["metric"])
    if "vintage" in one.columns and one["vintage"].n_unique() > 1:
        one = one.filter(pl.col("vintage") == one.sort("date")["vintage"][-1])
    return one


def rolling_means(daily: pl.DataFrame, window: int) -> list[str]:
    """The latest rolling mean of each subject and metric."""
    mean = f"delta_mean_{window}d"
    recent = latest(daily, ["subject", "metric"], "date").filter(pl.col(mean).is_not_null())
    return [
        f"{row['metric']} ({label(row['subject'])}): {row[mean]:,.1f} a day on average over the "
        f"{window} days to {day(row['date'])}."
        for row in recent.iter_rows(named=True)
    ]


def corrections(values: pl.DataFrame) -> pl.DataFrame:
    """The days the running total fell."""
    return values.filter(pl.col("flag") == "correction").sort("date")


def correction_note(fell: pl.DataFrame, start: dt.date) -> str:
    """How often the running total fell, and what is done with those days."""
    if not fell.height:
        return "The running total never fell: no corrections."
    return (
        f"The running total fell {fell.height} time(s) from {day(start)}: those days are flagged "
        "as corrections and their daily value is left out."
    )
