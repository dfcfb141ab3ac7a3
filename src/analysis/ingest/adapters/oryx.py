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
from analysis.ingest.adapters.base import SourceResult, relative_name
from analysis.ingest.adapters.csvfile import read_string_frame

SCARNECCHIA = "oryx_scarnecchia"
MAUFORONDA = "oryx_mauforonda_log"
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
LOG_COLUMNS = ["timestamp", "country", "category", "state", "value"]
# The label columns have few distinct values: read as Categorical, normalised once per value.
LOG_LABELS = dict.fromkeys(LOG_COLUMNS[1:], pl.Categorical())
SUMMARY_COLUMNS = ["country", "category", "state", "value"]
SYSTEM_COLUMNS = ["country", "system", "destroyed", "captured", "abandoned", "damaged", "total"]
SCARNECCHIA_FILES = ("daily_count.csv", *(f"event_{s}.csv" for s in STATUSES))
MAUFORONDA_FILES = ("log.csv",)
DISCONTINUED = (
    "discontinued: this record removes the series' whole running total at its last timestamp "
    "(page moved, label renamed or split), not a loss; the series ends at its last real total"
)
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


def _read_csv(path: Path) -> pl.DataFrame:
    """All columns as strings, with `_line` (record number, header = 1)."""
    rt.require_file(path.parent.name, path)
    return read_string_frame(path)


def _daily_layout(source: str, path: Path, header: list[str]) -> str:
    """Which known daily_count layout `header` is; an InputError when it is none of them."""
    for name, columns in DAILY_LAYOUTS.items():
        if sorted(header) == sorted(columns):
            return name
    rt.check_columns(source, path, header, DAILY_LAYOUTS["current"])
    return "current"  # pragma: no cover - check_columns raised


def read_daily_count(path: Path, root: Path) -> tuple[pl.DataFrame, pl.DataFrame, int]:
    """daily_count.csv → (series frame, quarantine, candidate rows read)."""
    raw = _read_csv(path)
    _daily_layout(SCARNECCHIA, path, [c for c in raw.columns if c != "_line"])
    name = relative_name(path, root)
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
    reason = (
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
    long = long.sort("_line", "column").with_columns(reason.alias("reason"))
    bad = long.filter(pl.col("reason").is_not_null())
    good = long.filter(pl.col("reason").is_null()).with_columns(
        pl.lit(SCARNECCHIA).alias("source"),
        pl.col("number").cast(pl.Float64).alias("cumulative"),
        pl.lit(KIND).alias("kind"),
        pl.lit(None, pl.String).alias("flag"),
        pl.lit(None, pl.String).alias("vintage"),
    )
    quarantine = rt.quarantine_frame(
        bad, "value", pl.col("value"), pl.format("{}: {}", pl.col("column"), pl.col("reason"))
    )
    return rt.finish(rt.with_deltas(good)), quarantine, long.height


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


def read_events(path: Path, root: Path) -> tuple[pl.DataFrame, pl.DataFrame, int]:
    """event_<status>.csv (one record per item) → daily `items_recorded:<status>` series."""
    raw = _read_csv(path)
    rt.check_columns(SCARNECCHIA, path, [c for c in raw.columns if c != "_line"], EVENT_COLUMNS)
    expected = path.stem.split("__")[0].removeprefix("event_")
    frame = raw.with_columns(
        pl.lit(relative_name(path, root)).alias("_file"),
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
    quarantine = rt.quarantine_frame(bad, "country", pl.col("country"), pl.col("reason"))
    return rt.finish(series), quarantine, series.height + bad.height


def _scan_log(path: Path) -> pl.DataFrame:
    """log.csv records: `_line`, `time` and the label columns as Categorical (few distinct values)."""
    rt.require_file(path.parent.name, path)
    try:
        header = pl.read_csv(path, n_rows=0, infer_schema=False, raise_if_empty=False, glob=False)
        rt.check_columns(MAUFORONDA, path, [c for c in header.columns if c != "_line"], LOG_COLUMNS)
        return (
            pl.scan_csv(path, infer_schema=False, schema_overrides=LOG_LABELS, glob=False)
            .with_row_index("_line", offset=2)
            .select(
                pl.col("_line").cast(pl.Int64),
                pl.col("timestamp")
                .str.to_datetime("%Y-%m-%d %H:%M:%S", strict=False)
                .alias("time"),
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


def read_log(path: Path, root: Path) -> tuple[pl.DataFrame, pl.DataFrame, int]:
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
            pl.lit(relative_name(path, root)).alias("_file"),
            pl.lit(MAUFORONDA).alias("source"),
            pl.lit(KIND).alias("kind"),
            pl.lit(None, pl.String).alias("vintage"),
            pl.col("count").cum_sum().over("series").alias("cumulative"),
        )
        .with_columns(pl.col("cumulative").diff().over("series").alias("delta"))
        .with_columns(
            pl.when(pl.col("delta") < 0).then(pl.lit("correction"))
            .when(pl.col("inferred")).then(pl.lit("country_inferred"))
            .alias("flag"),
            pl.when(pl.col("delta") < 0).then(None).otherwise(pl.col("delta")).alias("delta"),
        )
    )  # fmt: skip
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
            pl.lit(relative_name(path, root)).alias("_file"),
            pl.when(pl.col("bad_time").is_null()).then(pl.lit(DISCONTINUED))
            .when(pl.col("bad_time")).then(pl.lit("timestamp: not YYYY-MM-DD HH:MM:SS"))
            .otherwise(pl.col("problem"))
            .alias("reason"),
        )
    )  # fmt: skip
    quarantine = rt.quarantine_frame(bad, "value", pl.col("value"), pl.col("reason"))
    return series, quarantine, series.height + bad.height


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
    raw = _read_csv(path)
    rt.check_columns(MAUFORONDA, path, [c for c in raw.columns if c != "_line"], SUMMARY_COLUMNS)
    frame = raw.with_columns(normalise_label(pl.col("category")).alias("label"))
    return map_categories(frame, MAUFORONDA, path, "category").select(
        subject().alias("subject"),
        pl.col("canonical").alias("category"),
        normalise_label(pl.col("state")).alias("status"),
        pl.col("value").str.strip_chars().cast(pl.Int64).alias("value"),
    )


def read_system_totals(path: Path) -> pl.DataFrame:
    """totals_by_system_wide.csv → country, system, status, value (columns read by name)."""
    raw = _read_csv(path)
    rt.check_columns(SCARNECCHIA, path, [c for c in raw.columns if c != "_line"], SYSTEM_COLUMNS)
    return raw.unpivot(
        on=list(STATUSES), index=["country", "system"], variable_name="status", value_name="value"
    ).with_columns(pl.col("value").str.strip_chars().cast(pl.Int64))


def _result(
    source: str, snapshot: Path, root: Path, main: str, parts: list[tuple[Path, tuple]]
) -> SourceResult:
    """Assemble a SourceResult from per-file (path, (series, quarantine, rows read))."""
    result = SourceResult()
    result.tables["series"] = pl.concat([p[1][0] for p in parts])
    result.tables["sources"] = rt.sources_frame(source, snapshot / main, root)
    result.quarantine = pl.concat([p[1][1] for p in parts])
    for path, (_, _, read) in parts:
        result.inputs.append(path)
        result.rows_read[relative_name(path, root)] = read
        result.primary[relative_name(path, root)] = "series"
    return result


def read_scarnecchia(snapshot: Path, root: Path) -> SourceResult:
    """The scarnecchia/oryx_data snapshot: daily_count.csv and the four event files."""
    daily = snapshot / "daily_count.csv"
    parts = [(daily, read_daily_count(daily, root))]
    for status in STATUSES:
        path = snapshot / f"event_{status}.csv"
        parts.append((path, read_events(path, root)))
    return _result(SCARNECCHIA, snapshot, root, "daily_count.csv", parts)


def read_mauforonda(snapshot: Path, root: Path) -> SourceResult:
    """The mauforonda/ukraine snapshot: log.csv."""
    log = snapshot / "log.csv"
    return _result(MAUFORONDA, snapshot, root, "log.csv", [(log, read_log(log, root))])
