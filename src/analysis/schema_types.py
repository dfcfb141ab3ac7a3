"""The language the schema is declared in: a Table of Fields (dtype, meaning, rules) and RowRules.
The declarations themselves are in schema.py."""

from __future__ import annotations

from dataclasses import dataclass, field

import polars as pl


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


def str_field(name: str, description: str, **kw: object) -> Field:
    """A text column."""
    return Field(name, pl.String(), description, **kw)  # type: ignore[arg-type]


def date_field(name: str, description: str, **kw: object) -> Field:
    """A date column (checked against MIN_DATE and today)."""
    return Field(name, pl.Date(), description, is_date=True, **kw)  # type: ignore[arg-type]
