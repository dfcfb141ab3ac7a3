"""Every processed table in one SQLite file, openable in any SQLite browser or Datasette.

Column types are kept: integers as INTEGER, floats as REAL, booleans as BOOLEAN (0/1), dates as
DATE holding ISO text (`'2025-06-11'`, which sorts and compares as dates). `_columns` describes
every column with its declared dtype and meaning. `headline` holds one figure per event and
receiving side (`series.headline`: the receiving side's own count first; `disputed` marks another
claimant's different count), so sums over it do not count a disputed event twice; the views
`returned_by_year`, `latest_claims` and `latest_totals` give the headline figures.
"""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
from collections.abc import Mapping
from pathlib import Path

import polars as pl

from analysis import schema
from analysis.series import headline

SQLITE_FILE = "war-toll.sqlite"

VIEWS = {
    "latest_claims": """
        SELECT c.* FROM claims AS c
        WHERE c.is_current AND c.period IS NULL AND NOT EXISTS (
          SELECT 1 FROM claims AS d
          WHERE d.is_current AND d.period IS NULL AND d.subject = c.subject AND d.claim_kind = c.claim_kind
            AND d.metric = c.metric
            AND (d.claim_date > c.claim_date
                 OR (d.claim_date = c.claim_date AND d.claim_id > c.claim_id)))""",
    "latest_totals": """
        SELECT t.* FROM totals AS t
        WHERE NOT EXISTS (
          SELECT 1 FROM totals AS u
          WHERE u.series = t.series
            AND (u.as_of > t.as_of OR (u.as_of = t.as_of AND u.total_id > t.total_id)))""",
    "returned_by_year": """
        SELECT strftime('%Y', date) AS year, event_type, received_by,
               SUM(count) AS disclosed_count,
               SUM(qualifier = 'undisclosed') AS undisclosed_events,
               SUM(qualifier = 'at_least') AS lower_bound_events,
               COUNT(*) AS events
        FROM headline WHERE status = 'completed' AND event_type != 'agreement'
        GROUP BY year, event_type, received_by""",
}


def _sql_type(dtype: pl.DataType) -> str:
    """The declared SQLite type of a polars dtype."""
    if dtype.is_integer():
        return "INTEGER"
    if dtype.is_float():
        return "REAL"
    if dtype == pl.Boolean:
        return "BOOLEAN"
    if dtype == pl.Date:
        return "DATE"
    return "TEXT"


def _cell(value: object) -> object:
    """A Python value as SQLite stores it (dates as ISO text, booleans as 0/1)."""
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, bool):
        return int(value)
    return value


def _create(db: sqlite3.Connection, name: str, frame: pl.DataFrame) -> None:
    """Create table `name` with the frame's columns and insert every row."""
    columns = ", ".join(f'"{c}" {_sql_type(t)}' for c, t in frame.schema.items())
    db.execute(f'CREATE TABLE "{name}" ({columns})')
    marks = ", ".join("?" for _ in frame.columns)
    rows = ([_cell(v) for v in row] for row in frame.iter_rows())
    db.executemany(f'INSERT INTO "{name}" VALUES ({marks})', rows)


def _describe(db: sqlite3.Connection, frames: Mapping[str, pl.DataFrame]) -> None:
    """The `_columns` table: table, column, dtype and description of every column."""
    db.execute(
        "CREATE TABLE _columns (table_name TEXT, column_name TEXT, dtype TEXT, description TEXT)"
    )
    for name, frame in frames.items():
        table = schema.ALL_TABLES.get(name, schema.ALL_TABLES["events"])
        declared = {f.name: f.description for f in table.fields}
        db.executemany(
            "INSERT INTO _columns VALUES (?, ?, ?, ?)",
            [(name, c, str(t), declared.get(c)) for c, t in frame.schema.items()],
        )


def write_sqlite(folder: Path, frames: Mapping[str, pl.DataFrame]) -> Path:
    """Write every table of `frames` (processed dtypes) into `folder`/war-toll.sqlite."""
    path, tmp = folder / SQLITE_FILE, folder / f".{SQLITE_FILE}.tmp"
    tmp.unlink(missing_ok=True)
    frames = {**frames, "headline": headline(frames["events"])} if "events" in frames else frames
    db = sqlite3.connect(tmp)
    try:
        for name, frame in frames.items():
            _create(db, name, frame)
        _describe(db, frames)
        for view, sql in VIEWS.items():
            if all(t in frames for t in ("claims", "totals", "headline")):
                db.execute(f"CREATE VIEW {view} AS {sql}")
        db.commit()
    finally:
        db.close()
    os.replace(tmp, path)
    return path
