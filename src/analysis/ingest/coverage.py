"""The processed `coverage` table: what each table covers, declared for the ledger, observed upstream.

data/raw/ledger/coverage.csv declares, per ledger table and scope (an event type for `events`,
`all` for `claims` and `totals`), the first and last day the ledger is believed complete and the
day its sources were last searched. Scopes the file does not declare (an event type with rows but
no line, and every upstream source) cover their first to last observation (basis `observed`).
Series operations, charts and reports read the table to tell "no data" from "nothing happened"
(analysis.series.coverage).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import polars as pl

from analysis import schema
from analysis.ingest.adapters.base import quarantine_rows, relative_name
from analysis.ingest.adapters.csvfile import read_records
from analysis.schema import COVERAGE, EVENT_TYPES, PROVENANCE
from analysis.validate import validate

FILE = "coverage.csv"
REQUIRED = ("table", "scope", "complete_from", "complete_to", "searched")
OPTIONAL = ("notes",)
DATES = ("complete_from", "complete_to", "searched")
LEDGER_TABLES = {"events": "date", "claims": "claim_date", "totals": "as_of"}
ALL = "all"  # the scope of a whole ledger table


def _scope_problem(table: str, scope: str) -> str | None:
    """Why (table, scope) cannot be declared, or None."""
    if table == "events" and scope not in EVENT_TYPES:
        return f"scope: not an event type ({', '.join(EVENT_TYPES)})"
    if table in ("claims", "totals") and scope != ALL:
        return f"scope: must be '{ALL}' for {table}"
    if table == "series":
        return "table: upstream coverage is observed from the series, not declared"
    return None


def _parse_row(row: dict[str, str]) -> tuple[dict[str, object], str | None]:
    """One coverage.csv row as typed values, or the first problem (column: reason)."""
    values: dict[str, object] = {
        k: (row.get(k) or "").strip() or None for k in (*REQUIRED, *OPTIONAL)
    }
    for column in DATES:
        text = values[column]
        if text is None:
            continue
        try:
            values[column] = dt.date.fromisoformat(str(text))
        except ValueError:
            return values, f"{column}: not a date (expected YYYY-MM-DD, e.g. 2026-03-06)"
    problem = _scope_problem(str(values["table"]), str(values["scope"]))
    return values, problem if values["table"] in schema.COVERED_TABLES else None


def read_declared(ledger: Path, root: Path) -> tuple[pl.DataFrame, pl.DataFrame]:
    """coverage.csv → (valid declared rows, quarantine); no file → no declared rows."""
    path = ledger / FILE
    empty = schema.empty(COVERAGE)
    if not path.is_file():
        return empty, schema.empty_quarantine()
    name = relative_name(path, root)
    rows, held = [], []
    for line, row, problem in read_records(path, REQUIRED, OPTIONAL):
        values, problem = (row, problem) if problem else _parse_row(row)
        if problem:
            column, _, reason = problem.partition(": ") if ": " in problem else ("", "", problem)
            held.append({"table": "coverage", "file": name, "line": line, "column": column or None,
                         "value": row.get(column) if column else None, "reason": problem})  # fmt: skip
            continue
        rows.append({**values, "basis": "declared", "_file": name, "_line": line})
    frame = pl.DataFrame(
        rows, schema={**COVERAGE.polars_schema, "_file": pl.String(), "_line": pl.Int64()}
    )
    good, bad = validate(COVERAGE, frame, keep=PROVENANCE)
    return good.drop(PROVENANCE), pl.concat([quarantine_rows(held), bad])


def observed(tables: dict[str, pl.DataFrame]) -> pl.DataFrame:
    """Coverage observed in the data: each event type, ledger table and upstream source from its
    first to its last dated row."""
    parts = []
    if "events" in tables:
        parts.append(
            tables["events"].group_by(scope="event_type").agg(_span("date"), table=pl.lit("events"))
        )
    for name in ("claims", "totals"):
        if name in tables and tables[name].height:
            parts.append(
                tables[name].select(
                    _span(LEDGER_TABLES[name]), table=pl.lit(name), scope=pl.lit(ALL)
                )
            )
    if "series" in tables:
        known = tables["series"].filter(pl.col("cumulative").is_not_null())
        parts.append(known.group_by(scope="source").agg(_span("date"), table=pl.lit("series")))
    frame = pl.concat(parts, how="diagonal_relaxed") if parts else pl.DataFrame()
    if frame.height == 0:
        return schema.empty(COVERAGE)
    return (
        frame.with_columns(
            complete_from=pl.col("_span").struct.field("first"),
            complete_to=pl.col("_span").struct.field("last"),
            searched=pl.lit(None, pl.Date),
            basis=pl.lit("observed"),
            notes=pl.lit("first to last observation"),
        )
        .select(COVERAGE.columns)
        .cast(COVERAGE.polars_schema)
    )  # type: ignore[arg-type]


def _span(column: str) -> pl.Expr:
    """The first and last value of a date column as one struct."""
    return pl.struct(first=pl.col(column).min(), last=pl.col(column).max()).alias("_span")


def build(
    ledger: Path, root: Path, tables: dict[str, pl.DataFrame]
) -> tuple[pl.DataFrame, pl.DataFrame]:
    """The coverage table (declared rows, then observed ones for undeclared scopes) + quarantine."""
    declared, bad = read_declared(ledger, root)
    seen = observed(tables).join(
        declared.select("table", "scope"), on=["table", "scope"], how="anti"
    )
    frame = pl.concat([declared, seen]).filter(pl.col("complete_from").is_not_null())
    return frame.sort("table", "scope"), bad


def outdated(coverage: pl.DataFrame, tables: dict[str, pl.DataFrame]) -> list[str]:
    """One line per declared scope whose rows run past its complete_to (coverage.csv needs its
    end moved forward, or the newer rows are outside what the charts draw as covered)."""
    seen = observed(tables).select("table", "scope", last="complete_to")
    late = coverage.filter(pl.col("basis") == "declared").join(seen, on=["table", "scope"])
    late = late.filter(pl.col("last") > pl.col("complete_to")).sort("table", "scope")
    return [
        f"{FILE}: {r['table']} {r['scope']} is declared complete to {r['complete_to']}, but has "
        f"rows to {r['last']}: move complete_to (and searched) forward"
        for r in late.iter_rows(named=True)
    ]
