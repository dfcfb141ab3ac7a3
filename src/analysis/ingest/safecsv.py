"""CSV files that are safe to open in a spreadsheet: text cells that could run as formulas are defused."""

from __future__ import annotations

from pathlib import Path

import polars as pl

from analysis.escape import FORMULA_PREFIXES, csv_cell  # the one spreadsheet rule


def defuse(frame: pl.DataFrame) -> pl.DataFrame:
    """Prefix an apostrophe to text cells starting with = + - @ tab or CR (OWASP CSV injection rule)."""
    pattern = "^[" + "".join(FORMULA_PREFIXES).replace("-", r"\-") + "]"
    text_columns = [name for name, dtype in frame.schema.items() if dtype == pl.String]
    return frame.with_columns(
        pl.when(pl.col(c).str.contains(pattern))
        .then(pl.lit("'") + pl.col(c))
        .otherwise(pl.col(c))
        .alias(c)
        for c in text_columns
    )


def write_csv(frame: pl.DataFrame, path: Path) -> None:
    """Write `frame` as UTF-8 CSV with formula-like text cells defused, header names too (a
    chart's columns can be named after data, e.g. a claimant)."""
    names = {c: str(csv_cell(c)) for c in frame.columns if csv_cell(c) != c}
    defuse(frame).rename(names).write_csv(path)
