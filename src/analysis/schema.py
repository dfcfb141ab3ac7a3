"""The tidy tables: columns, dtypes, vocabularies and rules, declared once.

Each `Table` drives three things: the polars dtypes of the processed files, row validation
(bad rows go to quarantine with a reason) and the Frictionless table schema in datapackage.json.
"""

from __future__ import annotations

import datetime as dt
import hashlib

import polars as pl

from analysis.schema_types import Field, RowRule, Table, date_field, str_field

MIN_DATE = dt.date(2014, 1, 1)

SIDES = ("ukraine", "russia")
CLAIMANT_SIDES = ("ukraine", "russia", "third_party")
EVENT_TYPES = (
    "pow_exchange",
    "body_repatriation",
    "civilian_return",
    "wounded_transfer",
    "child_return",
    "agreement",
    "other",
)
PEOPLE_TYPES = ("pow_exchange", "civilian_return", "wounded_transfer", "child_return")  # alive
BODY_TYPES = ("body_repatriation",)  # never summed with living people
UNITS = ("people", "bodies")  # what a count of events counts
EVENT_QUALIFIERS = ("exact", "at_least", "about", "at_most", "undisclosed")
CLAIM_QUALIFIERS = ("exact", "at_least", "about", "at_most", "range")
STATUSES = ("completed", "agreed")
DATE_PRECISIONS = ("day", "approx", "month", "year")
SUBJECTS = (
    "ukraine_military",
    "russia_military",
    "ukraine_civilian",
    "russia_civilian",
    "ukraine_total",
    "russia_total",
)
METRICS = ("killed", "wounded", "missing", "captured", "casualties", "names_identified")
CLAIM_KINDS = ("official_claim", "independent_count", "intelligence_estimate", "monitoring")
SERIES_KINDS = ("claim", "confirmed_lower_bound", "estimate")
SOURCE_KINDS = ("url", "dataset", "document")
# How far a source can be trusted (sources.tier) and how well a ledger figure is attested (evidence,
# derived in analysis.evidence from the tiers and publishers of the sources a row cites).
SOURCE_TIERS = ("primary", "outlet", "aggregator", "blocked")
EVIDENCE_GRADES = ("primary", "corroborated", "single_outlet")

PROVENANCE = ("_file", "_line")  # carried by every adapter row until validation
MAX_NUMBER = 1_000_000_000  # every count and value: finite and within ±MAX_NUMBER


def number_problem(value: float | int) -> str | None:
    """Why a number cannot enter a table (not finite, beyond ±MAX_NUMBER), or None when it can.

    Adapters call it on each parsed number before building a frame, so an oversized value is
    quarantined at its file, line and column instead of overflowing the frame (or becoming inf)."""
    if value != value or value > MAX_NUMBER:  # NaN, +inf and anything too large
        return f"must be at most {MAX_NUMBER:,}"
    if value < -MAX_NUMBER:
        return f"must be at least {-MAX_NUMBER:,}"
    return None


def today() -> dt.date:
    """Today's date (the upper bound of every date column)."""
    return dt.date.today()


def _checked_fields() -> tuple[Field, Field]:
    """checked_on and the derived evidence grade, carried by every ledger table."""
    return (
        date_field("checked_on", "Day the figure was last re-checked on its pages", required=False),
        str_field(
            "evidence",
            "Derived: primary (a cited source is the claimant's own channel), corroborated "
            "(two outlets with distinct publishers state it) or single_outlet",
            enum=EVIDENCE_GRADES,
        ),
    )


EVENTS = Table(
    name="events",
    description="One row per sourced figure about an exchange or repatriation event and one receiving side.",
    fields=(
        str_field("figure_id", "Ledger id of this figure (row), e.g. E0042"),
        str_field("event_id", "Stable id of the event, e.g. 2025-06-11-body_repatriation"),
        str_field("stage", "Stage of a staged event (1, 2, ...), null when not staged", required=False),
        date_field("date", "Day the transfer happened (first day of the month for month precision)"),
        str_field("date_precision", "day, approx (day inferred), month or year", enum=DATE_PRECISIONS),
        str_field("event_type", "Kind of event", enum=EVENT_TYPES),
        str_field("received_by", "Side that received the people or bodies", enum=SIDES),
        Field(
            "count",
            pl.Int64(),
            "People or bodies received; null if undisclosed",
            required=False,
            minimum=0,
        ),
        str_field("qualifier", "How the count was stated", enum=EVENT_QUALIFIERS),
        str_field("status", "completed, or agreed (planned numbers of a deal)", enum=STATUSES),
        str_field("mediator", "Mediating country or body, null if none/unknown", required=False),
        str_field("claimant", "Who stated this figure"),
        str_field(
            "claimant_side",
            "Side the claimant speaks for (ukraine, russia, third_party)",
            enum=CLAIMANT_SIDES,
        ),
        str_field("source_id", "Key into sources (first cited source)"),
        str_field("source_ids", "All cited sources, space separated"),
        str_field("agreement_id", "event_id of the agreement this event delivers on", required=False),
        str_field("supersedes", "figure_id of the row this row corrects", required=False),
        *_checked_fields(),
        Field("is_current", pl.Boolean(), "False when a later row supersedes this one"),
        str_field("notes", "Free-text notes", required=False),
    ),
    key=("figure_id",),
    rules=(
        RowRule(
            "count",
            (pl.col("qualifier") == "undisclosed") == pl.col("count").is_null(),
            "count must be empty exactly when qualifier is 'undisclosed'",
        ),
        RowRule(
            "event_id",
            pl.col("event_id").str.contains(r"^\d{4}-\d{2}(-\d{2})?-[a-z0-9_\-]+$"),
            "event_id must look like YYYY-MM-DD-name",
        ),
    ),
)

CLAIMS = Table(
    name="claims",
    description="One row per public casualty statement.",
    fields=(
        str_field("claim_id", "Ledger id of this statement, e.g. C0042"),
        date_field("claim_date", "When it was said"),
        str_field("claim_date_precision", "day, approx, month or year", enum=DATE_PRECISIONS),
        date_field(
            "as_of", "The date the figure refers to (first day of the month for month precision)"
        ),
        str_field("as_of_precision", "day, approx, month or year", enum=DATE_PRECISIONS),
        str_field("subject", "Whose losses", enum=SUBJECTS),
        str_field("metric", "What is counted", enum=METRICS),
        Field(
            "value",
            pl.Float64(),
            "Point value, the bound for at_least/at_most, the low end of a range",
            minimum=0,
        ),
        Field("value_low", pl.Float64(), "Low end of a range", required=False, minimum=0),
        Field("value_high", pl.Float64(), "High end of a range", required=False, minimum=0),
        str_field("qualifier", "How the value was stated", enum=CLAIM_QUALIFIERS),
        str_field("claimant", "Who made the statement"),
        str_field("claim_kind", "Kind of claimant", enum=CLAIM_KINDS),
        str_field(
            "period",
            "Null for cumulative since 2022-02-24; else the period covered, e.g. 2025",
            required=False,
        ),
        str_field("source_id", "Key into sources (first cited source)"),
        str_field("source_ids", "All cited sources, space separated"),
        str_field("supersedes", "claim_id of the row this row corrects", required=False),
        *_checked_fields(),
        Field("is_current", pl.Boolean(), "False when a later row supersedes this one"),
        str_field("notes", "Free-text notes", required=False),
    ),
    key=("claim_id",),
    rules=(
        RowRule(
            "value_low",
            pl.col("value_low").is_null() | (pl.col("value_low") <= pl.col("value")),
            "value_low must not exceed value",
        ),
        RowRule(
            "value_high",
            pl.col("value_high").is_null() | (pl.col("value") <= pl.col("value_high")),
            "value must not exceed value_high",
        ),
        RowRule(
            "value_high",
            (pl.col("qualifier") == "range") == pl.col("value_high").is_not_null(),
            "value_high must be given exactly when qualifier is 'range'",
        ),
        RowRule(
            "as_of", pl.col("as_of") <= pl.col("claim_date"), "as_of must not be after claim_date"
        ),
    ),
)

TOTALS = Table(
    name="totals",
    description="One row per published running total, for reconciling the ledger.",
    fields=(
        str_field("total_id", "Ledger id of this total, e.g. T0042"),
        date_field("as_of", "Date the total refers to"),
        str_field("as_of_precision", "day, approx, month or year", enum=DATE_PRECISIONS),
        str_field("series", "What is counted, e.g. returned_to_ukraine"),
        Field("value", pl.Float64(), "Published value (the bound for at_least/at_most)", minimum=0),
        Field("value_high", pl.Float64(), "High end of a range", required=False, minimum=0),
        str_field("qualifier", "How the value was stated", enum=CLAIM_QUALIFIERS),
        str_field("claimant", "Who published it"),
        str_field("source_id", "Key into sources (first cited source)"),
        str_field("source_ids", "All cited sources, space separated"),
        *_checked_fields(),
        str_field("notes", "Free-text notes", required=False),
    ),
    key=("total_id",),
)

SERIES = Table(
    name="series",
    description="Regular time series from upstream datasets, one row per source, subject, metric and date.",
    fields=(
        str_field("source", "Upstream id, key into sources"),
        str_field("subject", "Whose losses (ukraine_military, russia_military, ...)"),
        str_field("metric", "What is counted (personnel, tanks, pow, killed, ...)"),
        date_field("date", "Publication date of the running total"),
        Field("cumulative", pl.Float64(), "Running total as published", required=False, minimum=0),
        Field(
            "delta",
            pl.Float64(),
            "Change since the previous published date (derived)",
            required=False,
        ),
        str_field("kind", "claim, confirmed_lower_bound or estimate", enum=SERIES_KINDS),
        str_field("flag", "correction, gap, imputed, ... null when none", required=False),
        str_field("vintage", "Release or snapshot the row comes from", required=False),
    ),
    key=("source", "subject", "metric", "date", "vintage"),
    source_column="source",
)

SOURCES = Table(
    name="sources",
    description="One row per source: a web page, a dataset file or a document.",
    fields=(
        str_field("source_id", "Stable id"),
        str_field("kind", "url, dataset or document", enum=SOURCE_KINDS),
        str_field("url", "Where it was published", required=False),
        str_field("publisher", "Who published it", required=False),
        str_field("title", "Title", required=False),
        date_field("published", "Publication date", required=False),
        str_field(
            "tier",
            "primary (the claimant's own channel), outlet (newsroom with editorial standards), "
            "aggregator (reposts, syndication) or blocked (never cited); null for datasets",
            required=False,
            enum=SOURCE_TIERS,
        ),
        str_field("raw_path", "Raw file it was read from, relative to the project root", required=False),
        str_field("sha256", "Checksum of the raw file (datasets)", required=False),
        str_field("label", "Short reader-facing name: who the figures come from (datasets)", required=False),
        str_field("licence", "Licence of the dataset, as its publisher states it", required=False),
        str_field("citation", "How the dataset asks to be cited", required=False),
    ),
    key=("source_id",),
    source_column=None,
)

QUARANTINE = Table(
    name="quarantine",
    description="Rows that failed validation, with where they came from and why.",
    fields=(
        str_field("table", "Table the row was meant for"),
        str_field("file", "Raw file"),
        Field("line", pl.Int64(), "Line (CSV) or record number in the raw file", required=False),
        str_field("column", "Offending column", required=False),
        str_field("value", "Offending value", required=False),
        str_field("reason", "What is wrong"),
    ),
    key=("table", "file", "line", "column"),
    source_column=None,
)

COVERED_TABLES = ("events", "claims", "totals", "series")
COVERAGE_BASES = ("declared", "observed")
CHANGE_KINDS = ("ingest", "added", "changed", "superseded", "removed", "quarantined")

COVERAGE = Table(
    name="coverage",
    description="What each table covers: per table and scope (event type, ledger table or "
    "upstream source) the first and last day believed complete, and the day last searched.",
    fields=(
        str_field("table", "Table the coverage is about", enum=COVERED_TABLES),
        str_field("scope", "Event type (events), 'all' (claims, totals) or upstream source (series)"),
        date_field("complete_from", "First day believed complete"),
        date_field("complete_to", "Last day believed complete (the data's end)"),
        date_field("searched", "Day the sources were last searched (ledger only)", required=False),
        str_field("basis", "declared (data/raw/ledger/coverage.csv) or observed (first to last "
             "observation)", enum=COVERAGE_BASES),
        str_field("notes", "Free-text notes", required=False),
    ),
    key=("table", "scope"),
    source_column=None,
    rules=(
        RowRule("complete_to", pl.col("complete_from") <= pl.col("complete_to"),
                "complete_to must not be before complete_from"),
        RowRule("searched", pl.col("searched") >= pl.col("complete_to"),
                "searched must not be before complete_to"),
    ),
)  # fmt: skip

CHANGES = Table(
    name="changes",
    description="Row-level changes between processed versions: one row per ingest (change "
    "'ingest'), per added, removed, superseded or newly quarantined row and per changed cell "
    "(analysis.ingest.changes).",
    fields=(
        Field("sequence", pl.Int64(), "Ingest number: 1 for the first version compared", minimum=1),
        str_field("version", "Fingerprint of the version the change entered"),
        str_field(
            "previous_version",
            "Fingerprint of the version compared against (null: the first version)",
            required=False,
        ),
        date_field("ingested", "Day of the ingest that made the version"),
        str_field("table", "Table of the row"),
        str_field("row_key", "The row's key values joined by ' | '"),
        str_field("change", "What happened to the row", enum=CHANGE_KINDS),
        str_field("column", "Changed column (change = changed)", required=False),
        str_field("old", "Value before (changed)", required=False),
        str_field("new", "Value after (changed)", required=False),
        Field("date", pl.Date(), "The row's date (events date, claims claim_date, ...)",
              required=False),
        str_field("label", "The row in words, for release notes"),
    ),
    key=("sequence", "table", "row_key", "change", "column"),
    source_column=None,
)  # fmt: skip

TABLES: dict[str, Table] = {t.name: t for t in (EVENTS, CLAIMS, TOTALS, SERIES, SOURCES)}
ALL_TABLES: dict[str, Table] = {
    **TABLES,
    "quarantine": QUARANTINE,
    "coverage": COVERAGE,
    "changes": CHANGES,
}


def fingerprint() -> str:
    """A short hash of every table's columns and dtypes: a version written under another
    schema is rebuilt whole, never carried forward."""
    text = ";".join(
        f"{name}:" + ",".join(f"{f.name}={f.dtype}" for f in table.fields)
        for name, table in ALL_TABLES.items()
    )
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def empty(table: Table) -> pl.DataFrame:
    """An empty frame with the table's columns and dtypes."""
    return pl.DataFrame(schema=table.polars_schema)


def empty_quarantine() -> pl.DataFrame:
    """An empty quarantine frame."""
    return empty(QUARANTINE)
