"""Oryx visually confirmed equipment losses, both sides → `series` (kind confirmed_lower_bound).

Two upstreams scrape the same Oryx pages:

* `oryx_scarnecchia` — `daily_count.csv`: running totals per country × equipment type at each
  scrape date, one row written when a type changed. Each CSV record gives five candidate series
  rows: metric `<category>` (type_total) and `<category>:<status>` for the four Oryx statuses
  (destroyed, damaged, abandoned, captured). `event_<status>.csv`: one record per item; counted
  per country and `date_recorded` (the day the scraper first saw the item, not the loss date)
  into metric `items_recorded:<status>` (a cumulative count of item records).
* `oryx_mauforonda_log` — `log.csv`: signed deltas per country × category × status, stamped with
  the UTC time a change was detected. Summed per UTC day into `<category>:<status>` with the
  running total as `cumulative` (no `<category>` totals: the log has none).

Categories are canonicalised through `oryx_categories.csv` (one table, both upstreams; labels are
matched after NBSP → space, whitespace collapse and lower-casing). An unknown label stops the
read with an InputError: add it to the table. Labels with role `aggregate` (All Types, subtotal
headings) are kept as their own metrics and must not be added to categories.

Scraper failures of the change log (mauforonda) are documented in oryx_log.py.

Accounting (rows read = rows written + quarantined, per file): for daily_count, five candidate
rows per record; for item-level or delta files that are summed per day, the candidate rows are
one per (series, day) plus one per refused record, so every input record is either inside a
written row's count or quarantined with its reason (tests check the record totals too).
`_line` is the 1-based record number counting the header as 1 (the line number unless a quoted
field spans lines); an aggregated row points at its first record.
`vintage` is null for these files (the snapshot as fetched); older `<name>__<commit>.csv`
versions are read by the same functions in tests but are not part of the ingest.
"""

from __future__ import annotations

from collections.abc import Callable
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
from analysis.ingest.adapters.csvfile import read_string_frame
from analysis.ingest.adapters.registry import SCARNECCHIA

KIND = "confirmed_lower_bound"
STATUSES = ("destroyed", "damaged", "abandoned", "captured")
CATEGORIES_FILE = Path(__file__).with_name("oryx_categories.csv")
HEADING = "Losses of Armoured Combat Vehicles [Tanks, AFVs, IFVs, APCs, and MRAPs]"
COUNTRIES = {"Russia": "russia_military", "Ukraine": "ukraine_military", HEADING: "russia_military"}
INFERRED_COUNTRIES = (HEADING,)

DAILY_BASE = ["country", "equipment_type", "destroyed", "abandoned", "captured", "damaged",
              "type_total", "date_recorded"]  # fmt: skip
DAILY_DIFF = [f"{c}_diff" for c in ("destroyed", "abandoned", "captured", "damaged", "type_total")]
DAILY_LAYOUTS = {  # explicit layouts: the first version (2022-03-27) has no *_diff_diff columns
    "current": DAILY_BASE + DAILY_DIFF + [f"{c}_diff" for c in DAILY_DIFF],
    "2022-03": DAILY_BASE + DAILY_DIFF,
}
EVENT_COLUMNS = ["country", "origin", "system", "status", "url", "date_recorded", "sysID",
                 "imageID", "statusID", "matID"]  # fmt: skip
SYSTEM_COLUMNS = ["country", "system", "destroyed", "captured", "abandoned", "damaged", "total"]
SUBTOTAL = r"^(?<label>.*?) - (?<total>\d+), of which: (?<rest>.*)$"


def clean_text(expr: pl.Expr) -> pl.Expr:
    """NBSP → space, whitespace runs collapsed, trimmed."""
    return (
        expr.str.replace_all("\u00a0", " ", literal=True)
        .str.replace_all(r"\s+", " ")
        .str.strip_chars()
    )


def normalise_label(expr: pl.Expr) -> pl.Expr:
    """A label as matched against the category table: clean text, lower case."""
    return clean_text(expr).str.to_lowercase()


def per_value(column: str, derive: Callable[[pl.Expr], pl.Expr]) -> pl.Expr:
    """`derive(column)` computed once per distinct value and mapped back (labels repeat a lot)."""
    values = pl.col(column).unique(maintain_order=True).drop_nulls()
    return pl.col(column).replace_strict(values, derive(values), default=None)


def subject(column: str = "country") -> pl.Expr:
    """The series subject for a country label (null when it is not a known one)."""
    return per_value(column, lambda c: clean_text(c).replace_strict(COUNTRIES, default=None))


def inferred(column: str = "country") -> pl.Expr:
    """True for a country label whose subject is inferred (a heading in the country column)."""
    return per_value(column, lambda c: clean_text(c).is_in(INFERRED_COUNTRIES))


def categories() -> pl.DataFrame:
    """The category mapping table: label (normalised), category, role, note."""
    return pl.read_csv(CATEGORIES_FILE, glob=False, schema=dict.fromkeys(
        ("label", "category", "role", "note"), pl.String()))  # fmt: skip


def map_categories(frame: pl.DataFrame, source: str, path: Path, column: str) -> pl.DataFrame:
    """Join `canonical`/`role`/`note` on the normalised `label`; unknown labels raise an InputError."""
    table = categories().rename({"category": "canonical"})
    unknown = frame.join(table, on="label", how="anti")["label"].unique().sort().to_list()
    if unknown:
        shown = ", ".join(repr(u) for u in unknown[:5])
        raise InputError(
            path,
            f"source {source}: unknown category label(s) in {column}: {shown} "
            f"(add them to {CATEGORIES_FILE.name})",
        )
    return frame.join(table, on="label", how="left")


def read_csv(path: Path) -> pl.DataFrame:
    """All columns as strings, with `_line` (record number, header = 1)."""
    require_file(path.parent.name, path)
    return read_string_frame(path)


def _daily_layout(source: str, path: Path, header: list[str]) -> str:
    """Which known daily_count layout `header` is; an InputError when it is none of them."""
    for name, columns in DAILY_LAYOUTS.items():
        if sorted(header) == sorted(columns):
            return name
    check_columns(source, path, header, DAILY_LAYOUTS["current"])
    return "current"  # pragma: no cover - check_columns raised


def _daily_reason() -> pl.Expr:
    """Why a daily_count candidate row is refused (null when it is good)."""
    return (
        pl.when(pl.col("subject").is_null())
        .then(pl.format("country {} is not Russia or Ukraine", pl.col("country")))
        .when(pl.col("date").is_null())
        .then(pl.lit("date_recorded is not a YYYY-MM-DD date"))
        .when(pl.col("number").is_null() | (pl.col("number") < 0))
        .then(pl.lit("not a whole number >= 0"))
        .when(pl.col("label_value").is_not_null() & (pl.col("label_value").cast(pl.Int64) != pl.col("number")))
        .then(pl.format("the subtotal heading says {}, the column says {} (label and value disagree)",
                        pl.col("label_value"), pl.col("value")))  # fmt: skip
        .when(pl.col("_line") < pl.col("_line").max().over("subject", "metric", "date"))
        .then(pl.format("an earlier record for this category and date; line {} holds the "
                        "day's last value", pl.col("_line").max().over("subject", "metric", "date")))
    )  # fmt: skip


def read_daily_count(path: Path) -> FileRead:
    """daily_count.csv → series rows, quarantine, candidate rows read."""
    raw = read_csv(path)
    _daily_layout(SCARNECCHIA, path, [c for c in raw.columns if c != "_line"])
    name = str(path)
    parts = pl.col("equipment_type").str.extract_groups(SUBTOTAL)
    frame = raw.with_columns(
        pl.lit(name).alias("_file"),
        parts.struct.field("label").fill_null(pl.col("equipment_type")).alias("raw_label"),
        parts.struct.field("total").alias("label_type_total"),
        *[
            parts.struct.field("rest").str.extract(f"{s}: (\\d+)").alias(f"label_{s}")
            for s in STATUSES
        ],
    ).with_columns(per_value("raw_label", normalise_label).alias("label"))
    frame = map_categories(frame, SCARNECCHIA, path, "equipment_type")
    columns = ["type_total", *STATUSES]
    long = frame.unpivot(
        on=columns,
        index=[
            "_file",
            "_line",
            "country",
            "date_recorded",
            "canonical",
            "label",
            *[f"label_{c}" for c in columns],
        ],  # fmt: skip
        variable_name="column",
        value_name="value",
    ).with_columns(
        pl.coalesce(
            [pl.when(pl.col("column") == c).then(pl.col(f"label_{c}")) for c in columns]
        ).alias("label_value"),
        pl.col("value").str.strip_chars().cast(pl.Int64, strict=False).alias("number"),
        pl.col("date_recorded").str.to_date("%Y-%m-%d", strict=False).alias("date"),
        subject().alias("subject"),
        pl.when(pl.col("column") == "type_total")
        .then(pl.col("canonical"))
        .otherwise(pl.format("{}:{}", pl.col("canonical"), pl.col("column")))
        .alias("metric"),
    )
    long = long.sort("_line", "column").with_columns(_daily_reason().alias("reason"))
    bad = long.filter(pl.col("reason").is_not_null())
    good = long.filter(pl.col("reason").is_null()).with_columns(
        pl.lit(SCARNECCHIA).alias("source"),
        pl.col("number").cast(pl.Float64).alias("cumulative"),
        pl.lit(KIND).alias("kind"),
        pl.lit(None, pl.String).alias("flag"),
        pl.lit(None, pl.String).alias("vintage"),
    )
    quarantine = quarantine_frame(
        bad, "value", pl.col("value"), pl.format("{}: {}", pl.col("column"), pl.col("reason"))
    )
    return FileRead(path, rt.finish(rt.with_deltas(good)), quarantine, long.height)


def _per_day(records: pl.DataFrame, source: str, metric: pl.Expr) -> pl.DataFrame:
    """Accepted records (subject, date, `count`, _file/_line, inferred) → daily count rows."""
    return (
        records.with_columns(metric.alias("metric"))
        .group_by("subject", "metric", "date")
        .agg(
            pl.col("count").sum(),
            pl.col("_file").first(),
            pl.col("_line").min(),
            pl.col("inferred").any(),
        )
        .with_columns(
            pl.lit(source).alias("source"),
            pl.lit(KIND).alias("kind"),
            pl.when(pl.col("inferred")).then(pl.lit("country_inferred")).alias("flag"),
            pl.lit(None, pl.String).alias("vintage"),
        )
    )


def read_events(path: Path) -> FileRead:
    """event_<status>.csv (one record per item) → daily `items_recorded:<status>` series."""
    raw = read_csv(path)
    check_columns(SCARNECCHIA, path, [c for c in raw.columns if c != "_line"], EVENT_COLUMNS)
    expected = path.stem.split("__")[0].removeprefix("event_")
    frame = raw.with_columns(
        pl.lit(str(path)).alias("_file"),
        pl.col("date_recorded").str.to_date("%Y-%m-%d", strict=False).alias("date"),
        subject().alias("subject"),
        pl.lit(1, pl.Int64).alias("count"),
        pl.lit(False).alias("inferred"),
    )
    reason = (
        pl.when(inferred() | pl.col("subject").is_null())
        .then(pl.format("country {} is not Russia or Ukraine", pl.col("country")))
        .when(pl.col("date").is_null())
        .then(pl.lit("date_recorded is not a YYYY-MM-DD date"))
        .when(pl.col("status") != expected)
        .then(pl.format("status {} in the file of {} items", pl.col("status"), pl.lit(expected)))
    )
    frame = frame.with_columns(reason.alias("reason"))
    bad = frame.filter(pl.col("reason").is_not_null())
    daily = _per_day(
        frame.filter(pl.col("reason").is_null()), SCARNECCHIA, pl.lit(f"items_recorded:{expected}")
    )
    series = rt.with_deltas(rt.from_counts(daily))
    quarantine = quarantine_frame(bad, "country", pl.col("country"), pl.col("reason"))
    return FileRead(path, rt.finish(series), quarantine, series.height + bad.height)


def read_system_totals(path: Path) -> pl.DataFrame:
    """totals_by_system_wide.csv → country, system, status, value (columns read by name)."""
    raw = read_csv(path)
    check_columns(SCARNECCHIA, path, [c for c in raw.columns if c != "_line"], SYSTEM_COLUMNS)
    return raw.unpivot(
        on=list(STATUSES), index=["country", "system"], variable_name="status", value_name="value"
    ).with_columns(pl.col("value").str.strip_chars().cast(pl.Int64))


def read_scarnecchia(snapshot: Path) -> SourceResult:
    """The scarnecchia/oryx_data snapshot: daily_count.csv and the four event files."""
    daily = read_daily_count(snapshot / "daily_count.csv")
    return assemble([daily, *(read_events(snapshot / f"event_{s}.csv") for s in STATUSES)])
