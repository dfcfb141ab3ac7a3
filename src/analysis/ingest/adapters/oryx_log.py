"""Oryx equipment losses from the change log (`oryx_mauforonda_log`, log.csv) → `series`.

`log.csv` holds signed deltas per country × category × status, stamped with the UTC time a change
was detected. Summed per UTC day into `<category>:<status>` with the running total as
`cumulative` (no `<category>` totals: the log has none). Labels are canonicalised as in oryx.py.

Scraper failures handled (mauforonda):
* From 2024-08-31 01:22:09 `country` holds the heading "Losses of Armoured Combat Vehicles
  [...]". Since 2022-04-20 the scraper follows only the Russian page, and at that moment every
  Russian total is reset (e.g. tanks destroyed −2292) and re-added in full under the heading, so
  the heading rows are attributed to Russia (see COUNTRIES) and the day's rows carry flag
  `country_inferred` (a later correction flag takes precedence). The per-day sums net the reset.
* Ukrainian losses leave the page on 2022-04-20 18:24:46: the log removes every Ukrainian total
  then. Generally, records at a series' last timestamp that bring its running total to exactly
  zero are the upstream ceasing to report a series (a page move, a label renamed or split), not
  losses: they are quarantined ("discontinued"), so a series ends at its last real total and a
  stop is a gap, never zeros.
* Parsing debris (state `optic`/`tured`, category `tured: 569)`) is quarantined.
"""

from __future__ import annotations

from pathlib import Path

import polars as pl

from analysis.errors import InputError
from analysis.ingest.adapters import running_totals as rt
from analysis.ingest.adapters.base import (
    FileRead,
    SourceResult,
    assemble,
    check_columns,
    quarantine_frame,
    require_file,
)
from analysis.ingest.adapters.oryx import (
    KIND,
    STATUSES,
    inferred,
    map_categories,
    normalise_label,
    read_csv,
    subject,
)
from analysis.ingest.adapters.registry import MAUFORONDA

LOG_COLUMNS = ["timestamp", "country", "category", "state", "value"]
# The label columns have few distinct values: read as Categorical, normalised once per value.
LOG_LABELS = dict.fromkeys(LOG_COLUMNS[1:], pl.Categorical())
SUMMARY_COLUMNS = ["country", "category", "state", "value"]
DISCONTINUED = (
    "discontinued: this record removes the series' whole running total at its last timestamp "
    "(page moved, label renamed or split), not a loss; the series ends at its last real total"
)


def _scan_log(path: Path) -> pl.DataFrame:
    """log.csv records: `_line`, `time` and the label columns as Categorical (few distinct values)."""
    require_file(path.parent.name, path)
    try:
        header = pl.read_csv(path, n_rows=0, infer_schema=False, raise_if_empty=False, glob=False)
        check_columns(MAUFORONDA, path, [c for c in header.columns if c != "_line"], LOG_COLUMNS)
        return (
            pl.scan_csv(path, infer_schema=False, schema_overrides=LOG_LABELS, glob=False)
            .with_row_index("_line", offset=2)
            .select(
                pl.col("_line").cast(pl.Int64),
                pl.col("timestamp").str.to_datetime("%Y-%m-%d %H:%M:%S", strict=False).alias("time"),
                *LOG_LABELS,
            )
            .collect(engine="streaming")
        )
    except pl.exceptions.PolarsError as exc:  # a truncated or damaged log: name the file
        first = (str(exc).strip().splitlines() or [type(exc).__name__])[0]
        raise InputError(path, f"unreadable CSV ({first})") from None


def _log_labels(records: pl.DataFrame, path: Path) -> pl.DataFrame:
    """One row per distinct (country, category, state, value) of the log, normalised once.

    Columns: the four labels (Categorical, to join on), `label_id`, `count`, `subject`, `metric`,
    `inferred`, `series` (the series' rank in (subject, metric) order, nulls last), `note`-based
    `problem` (the record's reason unless its timestamp is bad; null for a good record).
    """
    keys = _streamed(records.lazy().select(list(LOG_LABELS)).unique()).with_row_index("label_id")
    text = keys.select(pl.col(list(LOG_LABELS)).cast(pl.String)).with_columns(
        normalise_label(pl.col("category")).alias("label")
    )
    text = map_categories(text.with_row_index("label_id"), MAUFORONDA, path, "category")
    text = text.sort("label_id").with_columns(
        pl.col("value").str.strip_chars().cast(pl.Int64, strict=False).alias("count"),
        subject().alias("subject"),
        inferred().alias("inferred"),
        normalise_label(pl.col("state")).alias("status"),
    )
    problem = (
        pl.when(pl.col("count").is_null())
        .then(pl.lit("value: not a whole number"))
        .when(pl.col("subject").is_null())
        .then(pl.format("country: {} is not Russia or Ukraine", pl.col("country")))
        .when(pl.col("role") == "debris")
        .then(pl.format("category: {}", pl.col("note")))
        .when(~pl.col("status").is_in(STATUSES))
        .then(
            pl.format(
                "state: {} is not an Oryx status ({}); scraping debris",
                pl.col("state"),
                pl.lit(", ".join(STATUSES)),
            )
        )  # fmt: skip
    )
    text = text.with_columns(
        pl.format("{}:{}", pl.col("canonical"), pl.col("status")).alias("metric"),
        problem.alias("problem"),
    )
    series = (
        text.select("subject", "metric").unique().sort("subject", "metric", nulls_last=True)
        .with_row_index("series")
    )  # fmt: skip
    text = text.join(series, on=["subject", "metric"], how="left", nulls_equal=True)
    return keys.join(
        text.select("label_id", "count", "subject", "metric", "inferred", "series", "problem"),
        on="label_id",
    )


def read_log(path: Path) -> FileRead:
    """log.csv (timestamped signed deltas) → daily `<category>:<status>` running totals."""
    records = _scan_log(path)
    labels = _log_labels(records, path)
    records = _streamed(  # row order is not kept: only sums, extremes and `_line` are used
        records.lazy()
        .join(labels.lazy(), on=list(LOG_LABELS), how="left", nulls_equal=True)
        .select(
            "_line", "time", "label_id", "count", "series", "inferred",
            (pl.col("problem").is_null() & pl.col("time").is_not_null()).alias("good"),
        )
    )  # fmt: skip
    good = records.lazy().filter("good")
    falls = _discontinued(good)
    at_fall = good.join(falls.lazy(), on="series", how="left")
    ends = _streamed(at_fall.filter(pl.col("time") == pl.col("last")).select("_line", "label_id"))
    daily = (
        _streamed(
            at_fall.filter(pl.col("last").is_null() | (pl.col("time") != pl.col("last")))
            .group_by("series", pl.col("time").dt.date().alias("date"))
            .agg(pl.col("count").sum(), pl.col("_line").min(), pl.col("inferred").any())
        )
        .sort("series", "date")
        .join(labels.select("series", "subject", "metric").unique("series"), on="series",
              how="left", maintain_order="left")
        .with_columns(
            pl.lit(str(path)).alias("_file"),
            pl.lit(MAUFORONDA).alias("source"),
            pl.lit(KIND).alias("kind"),
            pl.lit(None, pl.String).alias("vintage"),
            pl.col("count").cum_sum().over("series").alias("cumulative"),
            pl.when(pl.col("inferred")).then(pl.lit("country_inferred")).alias("flag"),
        )
    )  # fmt: skip
    daily = rt.with_deltas(daily, keys=("series",))
    series = daily.select(list(rt.FRAME_SCHEMA)).cast(rt.FRAME_SCHEMA)  # type: ignore[arg-type]
    refused = _streamed(
        records.lazy()
        .filter(~pl.col("good"))
        .select("_line", "label_id", pl.col("time").is_null().alias("bad_time"))
    )
    bad = (
        pl.concat([refused, ends.with_columns(pl.lit(None, pl.Boolean).alias("bad_time"))])
        .sort("_line")
        .join(labels.select("label_id", "value", "problem"), on="label_id", how="left",
              maintain_order="left")
        .with_columns(
            pl.lit(str(path)).alias("_file"),
            pl.when(pl.col("bad_time").is_null()).then(pl.lit(DISCONTINUED))
            .when(pl.col("bad_time")).then(pl.lit("timestamp: not YYYY-MM-DD HH:MM:SS"))
            .otherwise(pl.col("problem"))
            .alias("reason"),
        )
    )  # fmt: skip
    quarantine = quarantine_frame(bad, "value", pl.col("value"), pl.col("reason"))
    return FileRead(path, series, quarantine, series.height + bad.height)


def _streamed(query: pl.LazyFrame) -> pl.DataFrame:
    """Collect with the streaming engine (bounded memory; row order not kept)."""
    return query.collect(engine="streaming")


def _discontinued(good: pl.LazyFrame) -> pl.DataFrame:
    """`series`, `last`: series whose records at their last timestamp bring the running total to zero.

    The running total at the last timestamp is the sum of all the series' counts: no sort needed.
    """
    ends = _streamed(
        good.group_by("series")
        .agg(pl.col("count").sum().alias("total"), pl.col("time").max().alias("last"))
        .filter(pl.col("total") == 0)
    )
    return _streamed(
        good.join(ends.lazy(), on="series")
        .filter(pl.col("time") == pl.col("last"))
        .group_by("series", "last")
        .agg(pl.col("count").sum().alias("net"))
        .filter(pl.col("net") < 0)
        .select("series", "last")
    )


def read_summary(path: Path) -> pl.DataFrame:
    """summary.csv (current totals, long) → subject, category, status, value (no dates: a check)."""
    raw = read_csv(path)
    check_columns(MAUFORONDA, path, [c for c in raw.columns if c != "_line"], SUMMARY_COLUMNS)
    frame = raw.with_columns(normalise_label(pl.col("category")).alias("label"))
    return map_categories(frame, MAUFORONDA, path, "category").select(
        subject().alias("subject"),
        pl.col("canonical").alias("category"),
        normalise_label(pl.col("state")).alias("status"),
        pl.col("value").str.strip_chars().cast(pl.Int64).alias("value"),
    )


def read_mauforonda(snapshot: Path) -> SourceResult:
    """The mauforonda/ukraine snapshot: log.csv."""
    return assemble([read_log(snapshot / "log.csv")])
