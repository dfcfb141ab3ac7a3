"""CSV exports defuse spreadsheet formulas."""

from __future__ import annotations

from pathlib import Path

import polars as pl

from analysis.ingest import safecsv


def test_formula_cells_are_prefixed(tmp_path: Path) -> None:
    frame = pl.DataFrame({
        "note": ["=cmd|' /C calc'!A0", "+1,184 since May", "-5", "@SUM(A1)", "\tx", "plain", None],
        "value": [1.0, -2.0, 3.0, 4.0, 5.0, 6.0, 7.0],
    })  # fmt: skip
    path = tmp_path / "out.csv"
    safecsv.write_csv(frame, path)
    back = pl.read_csv(path)
    assert back["note"].to_list() == [
        "'=cmd|' /C calc'!A0", "'+1,184 since May", "'-5", "'@SUM(A1)", "'\tx", "plain", None,
    ]  # fmt: skip
    assert back["value"].to_list() == [1.0, -2.0, 3.0, 4.0, 5.0, 6.0, 7.0]
