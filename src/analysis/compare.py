"""`analysis compare-sources`: reconcile two publishers of the same claims, day by day.

For every metric and date both publish, the running totals either agree, are one day apart (the
left figure appears in the right source one day later or earlier — the two publishers date the
same post differently in early 2022), or disagree.
"""

from __future__ import annotations

from dataclasses import dataclass

import polars as pl

from analysis.ingest.adapters.genstaff import LOD_DB, PETROIVANIUK

PAIRS: dict[str, tuple[str, str]] = {"general_staff": (PETROIVANIUK, LOD_DB)}
STATUSES = ("agree", "offset", "disagree")


def resolve_pair(names: list[str]) -> tuple[str, str]:
    """Two source ids from a pair name (e.g. general_staff) or from two source ids."""
    if len(names) == 1 and names[0] in PAIRS:
        return PAIRS[names[0]]
    if len(names) == 2:
        return names[0], names[1]
    raise ValueError(f"give a pair ({', '.join(PAIRS)}) or two source ids, not {' '.join(names)!r}")


def _values(series: pl.DataFrame, source: str, name: str, shift_days: int = 0) -> pl.DataFrame:
    """metric, date, cumulative (as `name`) of one source's live rows, dates moved by `shift_days`."""
    return series.filter((pl.col("source") == source) & pl.col("vintage").is_null()).select(
        "metric",
        (pl.col("date") + pl.duration(days=shift_days)).alias("date"),
        pl.col("cumulative").alias(name),
    )


def compare(series: pl.DataFrame, left: str, right: str) -> pl.DataFrame:
    """One row per metric and date both sources publish: values, difference, status, offset_days.

    offset_days is +1 when the right source carries the left figure one day later, -1 one day
    earlier, 0 when they agree on the date, null when they disagree.
    """
    key = ["metric", "date"]
    both = (
        _values(series, left, "left")
        .join(_values(series, right, "right"), on=key, how="inner")
        .join(_values(series, right, "right_next", -1), on=key, how="left")
        .join(_values(series, right, "right_previous", 1), on=key, how="left")
        .join(_values(series, left, "left_next", -1), on=key, how="left")
        .join(_values(series, left, "left_previous", 1), on=key, how="left")
    )
    later = (pl.col("left") == pl.col("right_next")) | (pl.col("right") == pl.col("left_previous"))
    earlier = (pl.col("left") == pl.col("right_previous")) | (
        pl.col("right") == pl.col("left_next")
    )
    offset = (
        pl.when(pl.col("left") == pl.col("right"))
        .then(0)
        .when(later.fill_null(False))
        .then(1)
        .when(earlier.fill_null(False))
        .then(-1)
    )
    return both.select(
        "metric",
        "date",
        "left",
        "right",
        (pl.col("right") - pl.col("left")).alias("difference"),
        pl.when(offset == 0)
        .then(pl.lit("agree"))
        .when(offset.is_not_null())
        .then(pl.lit("offset"))
        .otherwise(pl.lit("disagree"))
        .alias("status"),
        offset.alias("offset_days"),
    ).sort("date", "metric")


def disagreements(comparison: pl.DataFrame) -> pl.DataFrame:
    """The rows of a comparison where the two sources do not agree on the same date."""
    return comparison.filter(pl.col("status") != "agree")


@dataclass(frozen=True)
class Summary:
    """Counts of a comparison: per metric and date, and per day (all metrics together)."""

    by_metric: pl.DataFrame  # metric, agree, offset, disagree
    days: dict[str, int]  # agree / offset / disagree: days where every metric agrees, ...
    biggest: pl.DataFrame  # the largest disagreements by absolute difference


def summarise(comparison: pl.DataFrame, top: int = 10) -> Summary:
    """Agreeing, offset and disagreeing counts, and the biggest disagreements."""
    by_metric = (
        comparison.group_by("metric")
        .agg(*(pl.col("status").eq(s).sum().alias(s) for s in STATUSES))
        .sort("metric")
    )
    day_status = comparison.group_by("date").agg(
        pl.when(pl.col("status").eq("disagree").any())
        .then(pl.lit("disagree"))
        .when(pl.col("status").eq("offset").any())
        .then(pl.lit("offset"))
        .otherwise(pl.lit("agree"))
        .alias("status")
    )
    counts = dict(day_status.group_by("status").len().iter_rows())
    biggest = (
        comparison.filter(pl.col("status") == "disagree")
        .sort(pl.col("difference").abs(), "date", descending=[True, False])
        .head(top)
    )
    return Summary(by_metric, {s: int(counts.get(s, 0)) for s in STATUSES}, biggest)
