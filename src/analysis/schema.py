"""The tidy tables: columns, dtypes, vocabularies and rules, declared once.

Each `Table` drives three things: the polars dtypes of the processed files, row validation
(bad rows go to quarantine with a reason) and the Frictionless table schema in datapackage.json.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, field

import polars as pl

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


@dataclass(frozen=True)
class Field:
    """One column: dtype, meaning and the rules its values keep."""

    name: str
    dtype: pl.DataType
    description: str
    required: bool = True
    enum: tuple[str, ...] | None = None
    minimum: float | None = None
    is_date: bool = False


@dataclass(frozen=True)
class RowRule:
    """A rule over several columns; `ok` is a polars expression true for valid rows."""

    column: str
    ok: pl.Expr
    reason: str


@dataclass(frozen=True)
class Table:
    """A tidy table: its fields, primary key and the column that refers to `sources`."""

    name: str
    description: str
    fields: tuple[Field, ...]
    key: tuple[str, ...]
    source_column: str | None = "source_id"
    rules: tuple[RowRule, ...] = field(default_factory=tuple)

    @property
    def columns(self) -> list[str]:
        """Column names in declared order."""
        return [f.name for f in self.fields]

    @property
    def polars_schema(self) -> dict[str, pl.DataType]:
        """Column name → polars dtype."""
        return {f.name: f.dtype for f in self.fields}

    @property
    def date_column(self) -> str | None:
        """The first date column (used for summaries)."""
        return next((f.name for f in self.fields if f.is_date), None)


def _str(name: str, description: str, **kw: object) -> Field:
    return Field(name, pl.String(), description, **kw)  # type: ignore[arg-type]


def _date(name: str, description: str, **kw: object) -> Field:
    return Field(name, pl.Date(), description, is_date=True, **kw)  # type: ignore[arg-type]


def _checked_fields() -> tuple[Field, Field]:
    """checked_on and the derived evidence grade, carried by every ledger table."""
    return (
        _date("checked_on", "Day the figure was last re-checked on its pages", required=False),
        _str(
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
        _str("figure_id", "Ledger id of this figure (row), e.g. E0042"),
        _str("event_id", "Stable id of the event, e.g. 2025-06-11-body_repatriation"),
        _str("stage", "Stage of a staged event (1, 2, ...), null when not staged", required=False),
        _date("date", "Day the transfer happened (first day of the month for month precision)"),
        _str("date_precision", "day, approx (day inferred), month or year", enum=DATE_PRECISIONS),
        _str("event_type", "Kind of event", enum=EVENT_TYPES),
        _str("received_by", "Side that received the people or bodies", enum=SIDES),
        Field(
            "count",
            pl.Int64(),
            "People or bodies received; null if undisclosed",
            required=False,
            minimum=0,
        ),
        _str("qualifier", "How the count was stated", enum=EVENT_QUALIFIERS),
        _str("status", "completed, or agreed (planned numbers of a deal)", enum=STATUSES),
        _str("mediator", "Mediating country or body, null if none/unknown", required=False),
        _str("claimant", "Who stated this figure"),
        _str(
            "claimant_side",
            "Side the claimant speaks for (ukraine, russia, third_party)",
            enum=CLAIMANT_SIDES,
        ),
        _str("source_id", "Key into sources (first cited source)"),
        _str("source_ids", "All cited sources, space separated"),
        _str("agreement_id", "event_id of the agreement this event delivers on", required=False),
        _str("supersedes", "figure_id of the row this row corrects", required=False),
        *_checked_fields(),
        Field("is_current", pl.Boolean(), "False when a later row supersedes this one"),
        _str("notes", "Free-text notes", required=False),
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
        _str("claim_id", "Ledger id of this statement, e.g. C0042"),
        _date("claim_date", "When it was said"),
        _str("claim_date_precision", "day, approx, month or year", enum=DATE_PRECISIONS),
        _date(
            "as_of", "The date the figure refers to (first day of the month for month precision)"
        ),
        _str("as_of_precision", "day, approx, month or year", enum=DATE_PRECISIONS),
        _str("subject", "Whose losses", enum=SUBJECTS),
        _str("metric", "What is counted", enum=METRICS),
        Field(
            "value",
            pl.Float64(),
            "Point value, the bound for at_least/at_most, the low end of a range",
            minimum=0,
        ),
        Field("value_low", pl.Float64(), "Low end of a range", required=False, minimum=0),
        Field("value_high", pl.Float64(), "High end of a range", required=False, minimum=0),
        _str("qualifier", "How the value was stated", enum=CLAIM_QUALIFIERS),
        _str("claimant", "Who made the statement"),
        _str("claim_kind", "Kind of claimant", enum=CLAIM_KINDS),
        _str(
            "period",
            "Null for cumulative since 2022-02-24; else the period covered, e.g. 2025",
            required=False,
        ),
        _str("source_id", "Key into sources (first cited source)"),
        _str("source_ids", "All cited sources, space separated"),
        _str("supersedes", "claim_id of the row this row corrects", required=False),
        *_checked_fields(),
        Field("is_current", pl.Boolean(), "False when a later row supersedes this one"),
        _str("notes", "Free-text notes", required=False),
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
        _str("total_id", "Ledger id of this total, e.g. T0042"),
        _date("as_of", "Date the total refers to"),
        _str("as_of_precision", "day, approx, month or year", enum=DATE_PRECISIONS),
        _str("series", "What is counted, e.g. returned_to_ukraine"),
        Field("value", pl.Float64(), "Published value (the bound for at_least/at_most)", minimum=0),
        Field("value_high", pl.Float64(), "High end of a range", required=False, minimum=0),
        _str("qualifier", "How the value was stated", enum=CLAIM_QUALIFIERS),
        _str("claimant", "Who published it"),
        _str("source_id", "Key into sources (first cited source)"),
        _str("source_ids", "All cited sources, space separated"),
        *_checked_fields(),
        _str("notes", "Free-text notes", required=False),
    ),
    key=("total_id",),
)

SERIES = Table(
    name="series",
    description="Regular time series from upstream datasets, one row per source, subject, metric and date.",
    fields=(
        _str("source", "Upstream id, key into sources"),
        _str("subject", "Whose losses (ukraine_military, russia_military, ...)"),
        _str("metric", "What is counted (personnel, tanks, pow, killed, ...)"),
        _date("date", "Publication date of the running total"),
        Field("cumulative", pl.Float64(), "Running total as published", required=False, minimum=0),
        Field(
            "delta",
            pl.Float64(),
            "Change since the previous published date (derived)",
            required=False,
        ),
        _str("kind", "claim, confirmed_lower_bound or estimate", enum=SERIES_KINDS),
        _str("flag", "correction, gap, imputed, ... null when none", required=False),
        _str("vintage", "Release or snapshot the row comes from", required=False),
    ),
    key=("source", "subject", "metric", "date", "vintage"),
    source_column="source",
)

SOURCES = Table(
    name="sources",
    description="One row per source: a web page, a dataset file or a document.",
    fields=(
        _str("source_id", "Stable id"),
        _str("kind", "url, dataset or document", enum=SOURCE_KINDS),
        _str("url", "Where it was published", required=False),
        _str("publisher", "Who published it", required=False),
        _str("title", "Title", required=False),
        _date("published", "Publication date", required=False),
        _str(
            "tier",
            "primary (the claimant's own channel), outlet (newsroom with editorial standards), "
            "aggregator (reposts, syndication) or blocked (never cited); null for datasets",
            required=False,
            enum=SOURCE_TIERS,
        ),
        _str("raw_path", "Raw file it was read from, relative to the project root", required=False),
        _str("sha256", "Checksum of the raw file (datasets)", required=False),
    ),
    key=("source_id",),
    source_column=None,
)

QUARANTINE = Table(
    name="quarantine",
    description="Rows that failed validation, with where they came from and why.",
    fields=(
        _str("table", "Table the row was meant for"),
        _str("file", "Raw file"),
        Field("line", pl.Int64(), "Line (CSV) or record number in the raw file", required=False),
        _str("column", "Offending column", required=False),
        _str("value", "Offending value", required=False),
        _str("reason", "What is wrong"),
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
        _str("table", "Table the coverage is about", enum=COVERED_TABLES),
        _str("scope", "Event type (events), 'all' (claims, totals) or upstream source (series)"),
        _date("complete_from", "First day believed complete"),
        _date("complete_to", "Last day believed complete (the data's end)"),
        _date("searched", "Day the sources were last searched (ledger only)", required=False),
        _str("basis", "declared (data/raw/ledger/coverage.csv) or observed (first to last "
             "observation)", enum=COVERAGE_BASES),
        _str("notes", "Free-text notes", required=False),
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
        _str("version", "Fingerprint of the version the change entered"),
        _str(
            "previous_version",
            "Fingerprint of the version compared against (null: the first version)",
            required=False,
        ),
        _date("ingested", "Day of the ingest that made the version"),
        _str("table", "Table of the row"),
        _str("row_key", "The row's key values joined by ' | '"),
        _str("change", "What happened to the row", enum=CHANGE_KINDS),
        _str("column", "Changed column (change = changed)", required=False),
        _str("old", "Value before (changed)", required=False),
        _str("new", "Value after (changed)", required=False),
        Field("date", pl.Date(), "The row's date (events date, claims claim_date, ...)",
              required=False),
        _str("label", "The row in words, for release notes"),
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


def _field_problems(f: Field, upper: dt.date) -> list[tuple[pl.Expr, str]]:
    """(bad-row expression, reason) pairs for one field's own rules."""
    col = pl.col(f.name)
    problems: list[tuple[pl.Expr, str]] = []
    if f.required:
        problems.append((col.is_null(), "required value is missing"))
    if f.enum is not None:
        problems.append(
            (col.is_not_null() & ~col.is_in(list(f.enum)), f"not one of {', '.join(f.enum)}")
        )
    if f.minimum is not None:
        problems.append((col < f.minimum, f"must be >= {f.minimum:g}"))
    if f.dtype.is_numeric():
        problems.append((col.cast(pl.Float64).is_nan(), f"must be at most {MAX_NUMBER:,}"))
        problems.append((col.abs() > MAX_NUMBER, f"must be within ±{MAX_NUMBER:,}"))
    if f.is_date:
        problems.append((col < MIN_DATE, f"date before {MIN_DATE.isoformat()}"))
        problems.append((col > upper, f"date after today ({upper.isoformat()})"))
    return problems


def validate(
    table: Table,
    frame: pl.DataFrame,
    source_ids: set[str] | None = None,
    upper: dt.date | None = None,
    keep: tuple[str, ...] = (),
) -> tuple[pl.DataFrame, pl.DataFrame]:
    """Split `frame` (table columns + _file/_line) into valid rows and quarantine rows.

    `keep` names extra columns (e.g. the provenance) to keep on the valid rows.
    """
    upper = upper or today()
    df = frame.with_row_index("_row")
    checks: list[tuple[str, pl.Expr, str | pl.Expr]] = []
    for f in table.fields:
        checks += [(f.name, bad, reason) for bad, reason in _field_problems(f, upper)]
    checks += [(r.column, ~r.ok.fill_null(True), r.reason) for r in table.rules]
    if table.source_column and source_ids is not None:
        checks.append(
            (
                table.source_column,
                pl.col(table.source_column).is_not_null()
                & ~pl.col(table.source_column).is_in(sorted(source_ids)),
                "source not listed in sources",
            )
        )
    key = list(table.key)
    checks.append(
        (
            table.key[-1],
            ~pl.struct(key).is_first_distinct(),
            pl.format(
                f"duplicate key ({', '.join(key)}), first at line {{}}",
                pl.col("_line").first().over(key),
            ),
        )
    )

    masks = df.select(bad.fill_null(False).alias(str(i)) for i, (_, bad, _) in enumerate(checks))
    failing = [i for i, hits in enumerate(masks.sum().row(0)) if hits]
    if not failing:
        return df.select(*table.columns, *keep), empty_quarantine()
    failures = []
    for i in failing:  # failure rows only for the checks that fail; reasons see the whole frame
        col, _, reason = checks[i]
        columns = ["_row", pl.lit(col).alias("column"), pl.col(col).cast(pl.String).alias("value")]
        if isinstance(reason, pl.Expr):
            rows = df.select(*columns, reason.alias("reason")).filter(masks.get_column(str(i)))
        else:
            rows = df.filter(masks.get_column(str(i))).select(
                *columns, pl.lit(reason).alias("reason")
            )
        failures.append(rows)
    bad_rows = pl.concat(failures).sort("_row", maintain_order=True)
    first = bad_rows.group_by("_row", maintain_order=True).agg(
        pl.col("column").first(),
        pl.col("value").first(),
        pl.format("{}: {}", pl.col("column"), pl.col("reason")).str.join("; ").alias("reason"),
    )
    quarantine = (
        first.join(df.select("_row", *PROVENANCE), on="_row", how="left")
        .sort("_row")
        .select(
            pl.lit(table.name).alias("table"),
            pl.col("_file").alias("file"),
            pl.col("_line").cast(pl.Int64).alias("line"),
            "column",
            "value",
            "reason",
        )
    )
    good = df.select(*table.columns, *keep).filter(~pl.any_horizontal(masks))
    return good, quarantine


def frictionless_schema(table: Table) -> dict[str, object]:
    """The table's Frictionless Table Schema (for datapackage.json)."""
    types = {
        pl.String: "string",
        pl.Int64: "integer",
        pl.Float64: "number",
        pl.Date: "date",
        pl.Boolean: "boolean",
    }
    fields = []
    for f in table.fields:
        spec: dict[str, object] = {
            "name": f.name,
            "type": types[type(f.dtype)],
            "description": f.description,
        }
        constraints: dict[str, object] = {}
        if f.required:
            constraints["required"] = True
        if f.enum:
            constraints["enum"] = list(f.enum)
        if f.minimum is not None:
            constraints["minimum"] = f.minimum
        if constraints:
            spec["constraints"] = constraints
        fields.append(spec)
    schema: dict[str, object] = {"fields": fields, "primaryKey": list(table.key)}
    if table.source_column:
        schema["foreignKeys"] = [
            {
                "fields": table.source_column,
                "reference": {"resource": "sources", "fields": "source_id"},
            }
        ]
    return schema


def pandera_schema(table: Table):  # noqa: ANN201 - pandera is imported lazily
    """A pandera DataFrameSchema for a processed table (for users who validate in their own code)."""
    import pandera.polars as pa

    columns = {}
    for f in table.fields:
        checks = []
        if f.enum:
            checks.append(pa.Check.isin(list(f.enum)))
        if f.minimum is not None:
            checks.append(pa.Check.ge(f.minimum))
        if f.is_date:
            checks.append(pa.Check.ge(MIN_DATE))
        columns[f.name] = pa.Column(f.dtype, checks=checks, nullable=not f.required)
    return pa.DataFrameSchema(columns, unique=list(table.key), strict=True, name=table.name)
