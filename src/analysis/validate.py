"""Validation against the one schema declaration: a frame splits into valid rows and quarantine
rows (file, line, column, value, reason), never dropping a row silently."""

from __future__ import annotations

import datetime as dt

import polars as pl

from analysis import schema
from analysis.schema import (
    MAX_NUMBER,
    MIN_DATE,
    PROVENANCE,
    Field,
    Table,
    empty_quarantine,
)


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
    if f.dtype.is_numeric():  # every number finite and within ±MAX_NUMBER (schema.number_problem)
        problems.append((col.cast(pl.Float64).is_nan(), f"must be at most {MAX_NUMBER:,}"))
        problems.append((col.abs() > MAX_NUMBER, f"must be within ±{MAX_NUMBER:,}"))
    if f.is_date:
        problems.append((col < MIN_DATE, f"date before {MIN_DATE.isoformat()}"))
        problems.append((col > upper, f"date after today ({upper.isoformat()})"))
    return problems


Check = tuple[str, pl.Expr, "str | pl.Expr"]  # column, bad-row expression, reason


def checks_of(table: Table, source_ids: set[str] | None, upper: dt.date) -> list[Check]:
    """Every check of `table`: field rules, row rules, the source foreign key, the unique key."""
    checks: list[Check] = []
    for f in table.fields:
        checks += [(f.name, bad, reason) for bad, reason in _field_problems(f, upper)]
    checks += [(r.column, ~r.ok.fill_null(True), r.reason) for r in table.rules]
    if table.source_column and source_ids is not None:
        source = pl.col(table.source_column)
        unknown = source.is_not_null() & ~source.is_in(sorted(source_ids))
        checks.append((table.source_column, unknown, "source not listed in sources"))
    key = list(table.key)
    first = pl.col("_line").first().over(key)
    duplicate = pl.format(f"duplicate key ({', '.join(key)}), first at line {{}}", first)
    checks.append((table.key[-1], ~pl.struct(key).is_first_distinct(), duplicate))
    return checks


def _quarantine(table: Table, df: pl.DataFrame, checks: list[Check], masks: pl.DataFrame,
                failing: list[int]) -> pl.DataFrame:  # fmt: skip
    """Quarantine rows (one per bad row, its reasons joined) for the checks that fail."""
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
    return (
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
    df = frame.with_row_index("_row")
    checks = checks_of(table, source_ids, upper or schema.today())  # one clock: schema.today
    masks = df.select(bad.fill_null(False).alias(str(i)) for i, (_, bad, _) in enumerate(checks))
    failing = [i for i, hits in enumerate(masks.sum().row(0)) if hits]
    if not failing:
        return df.select(*table.columns, *keep), empty_quarantine()
    good = df.select(*table.columns, *keep).filter(~pl.any_horizontal(masks))
    return good, _quarantine(table, df, checks, masks, failing)
