"""What changed, by version: a row-level diff of every ingest against the previous processed version.

API (used by `analysis ingest`, the brief and `analysis release`); all but record/write_notes
are pure functions on frames:

- `diff_tables(old, new)` → one row per row added, removed or superseded (an events/claims row
  whose is_current went true → false), per changed cell (change "changed", with column, old and
  new as text) and per newly quarantined row: columns table, row_key (key values joined by
  " | "), change, column, old, new, date (the row's date: an event's day, a claim's date),
  label (the row in words). Rows are matched on each table's key (schema.Table.key); quarantine
  rows on (table, file, column, value, reason), so a shifted line number is not a new problem.
- `release_notes(changes, heading)` → Markdown: `# heading`, then per table and kind of change
  the rows (at most LISTED each, the rest counted), text from the data escaped.
- `record(previous_folder, tables, version, ingested)` → the processed `changes` table of a new
  version: the previous version's history, one row for this ingest (change "ingest", numbered
  by `sequence` 1, 2, ...; previous_version null for a first version) and its diff_tables rows.
- `since(changes, version)` → the row changes that entered after `version` (a fingerprint or
  the version folder's 16-character name, e.g. the version a previous report read), or None
  when the history does not hold it.
- `version_notes(changes, sequence=None)` / `write_notes(folder, changes)` → the release notes
  of one ingest (default the newest), written to RELEASE_NOTES.md in the version folder.

Columns of `changes` (schema.CHANGES): sequence, version, previous_version, ingested, then the
diff_tables columns. Late-entered rows have a `date` before `ingested`.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import polars as pl

from analysis import escape, schema

if TYPE_CHECKING:
    from analysis.config import Paths
    from analysis.ingest.collect import IngestResult

COMPARED = ("events", "claims", "totals", "series", "sources")
QUARANTINE_KEY = ("table", "file", "column", "value", "reason")
SUPERSEDABLE = ("events", "claims")
NOTES_FILE = "RELEASE_NOTES.md"
LISTED = 50  # rows listed per table and kind of change in the notes; the rest are counted
DATES = {"events": "date", "claims": "claim_date", "totals": "as_of", "series": "date",
         "sources": "published"}  # fmt: skip
LABELS = {
    "events": ("figure_id", ": ", "date", " ", "event_type", " received by ", "received_by",
               ": ", "count", " (", "claimant", ")"),
    "claims": ("claim_id", ": ", "claim_date", " ", "claimant", ": ", "subject", " ", "metric",
               " ", "value"),
    "totals": ("total_id", ": ", "as_of", " ", "series", " ", "value", " (", "claimant", ")"),
    "series": ("source", " ", "subject", " ", "metric", " ", "date", ": ", "cumulative"),
    "sources": ("source_id", ": ", "publisher", " ", "url"),
    "quarantine": ("file", ":", "line", " ", "reason"),
    "ingest": ("label",),
}  # fmt: skip
KINDS = {"added": "Added", "changed": "Changed", "superseded": "Superseded", "removed": "Removed",
         "quarantined": "Newly quarantined"}  # fmt: skip


@dataclass(frozen=True)
class Stamp:
    """Which ingest a diff belongs to."""

    sequence: int
    version: str
    previous_version: str | None
    ingested: dt.date


def _label(table: str) -> pl.Expr:
    """The row in words: literal text and column values (missing ones shown as '—')."""
    parts = [
        pl.col(p).cast(pl.String).fill_null("—") if i % 2 == 0 else pl.lit(p)
        for i, p in enumerate(LABELS[table])
    ]
    return pl.concat_str(parts).alias("label")


def _key(columns: tuple[str, ...]) -> pl.Expr:
    """The key values joined by ' | '."""
    return pl.concat_str([pl.col(c).cast(pl.String).fill_null("") for c in columns],
                         separator=" | ").alias("row_key")  # fmt: skip


def _date(table: str, frame: pl.DataFrame) -> pl.Expr:
    """The row's date column (null when the table has none)."""
    column = DATES.get(table)
    return (pl.col(column) if column in frame.columns else pl.lit(None, pl.Date)).alias("date")


def _rows(frame: pl.DataFrame, table: str, key: tuple[str, ...], change: str) -> pl.DataFrame:
    """Whole-row changes (added, removed, superseded, quarantined) of `frame`'s rows."""
    return frame.select(
        pl.lit(table).alias("table"), _key(key), pl.lit(change).alias("change"),
        pl.lit(None, pl.String).alias("column"), pl.lit(None, pl.String).alias("old"),
        pl.lit(None, pl.String).alias("new"), _date(table, frame), _label(table),
    )  # fmt: skip


def _cells(old: pl.DataFrame, new: pl.DataFrame, table: str, key: tuple[str, ...]) -> pl.DataFrame:
    """One row per changed cell of rows in both versions; is_current going false is superseded."""
    both = new.join(old, on=list(key), how="inner", suffix="__old", nulls_equal=True)
    values = [c for c in new.columns if c not in key and c in old.columns]
    text = lambda c: pl.col(c).cast(pl.String)  # noqa: E731
    parts = []
    for column in values:
        moved = ~text(column).eq_missing(text(f"{column}__old"))
        kind = "superseded" if column == "is_current" and table in SUPERSEDABLE else "changed"
        rows = both.filter(moved)
        if kind == "superseded":
            rows = rows.filter(~pl.col("is_current"))
        parts.append(rows.select(
            pl.lit(table).alias("table"), _key(key), pl.lit(kind).alias("change"),
            pl.lit(None if kind == "superseded" else column, pl.String).alias("column"),
            text(f"{column}__old").alias("old"), text(column).alias("new"),
            _date(table, rows), _label(table),
        ))  # fmt: skip
    return pl.concat(parts) if parts else _empty()


def _empty() -> pl.DataFrame:
    """No changes (the diff columns, without the stamp)."""
    return schema.empty(schema.CHANGES).drop("sequence", "version", "previous_version", "ingested")


def _table_diff(old: pl.DataFrame, new: pl.DataFrame, table: str) -> pl.DataFrame:
    """Added, removed, superseded and changed rows of one table."""
    key = schema.ALL_TABLES[table].key
    on = list(key)
    return pl.concat([
        _rows(new.join(old, on=on, how="anti", nulls_equal=True), table, key, "added"),
        _cells(old, new, table, key),
        _rows(old.join(new, on=on, how="anti", nulls_equal=True), table, key, "removed"),
    ])  # fmt: skip


def diff_tables(old: Mapping[str, pl.DataFrame], new: Mapping[str, pl.DataFrame]) -> pl.DataFrame:
    """The row changes from `old` to `new` (tables by name, quarantine included): table, row_key,
    change, column, old, new (text), date and label; a pure function of the two sets."""
    parts = [
        _table_diff(old[name], new[name], name) for name in COMPARED if name in old and name in new
    ]
    if "quarantine" in new:
        before = old.get("quarantine", schema.empty_quarantine())
        held = new["quarantine"].join(before, on=list(QUARANTINE_KEY), how="anti", nulls_equal=True)
        parts.append(_rows(held, "quarantine", ("file", "line", "column"), "quarantined"))
    frame = pl.concat(parts) if parts else _empty()
    return frame.sort("table", "change", "row_key", "column", nulls_last=True)


def diff(
    previous: Mapping[str, pl.DataFrame], current: Mapping[str, pl.DataFrame], stamp: Stamp
) -> pl.DataFrame:
    """diff_tables stamped with the ingest it belongs to (the `changes` table's columns)."""
    return (
        diff_tables(previous, current)
        .with_columns(
            sequence=pl.lit(stamp.sequence, pl.Int64),
            version=pl.lit(stamp.version),
            previous_version=pl.lit(stamp.previous_version, pl.String),
            ingested=pl.lit(stamp.ingested, pl.Date),
        )
        .select(schema.CHANGES.columns)
    )


def _read(folder: Path, name: str) -> pl.DataFrame | None:
    """A table of a version folder, None when the folder has no such table."""
    path = folder / f"{name}.parquet"
    return pl.read_parquet(path, glob=False) if path.is_file() else None


def _marker(stamp: Stamp, changed: int) -> pl.DataFrame:
    """The row that records an ingest itself (change "ingest"), so every version is findable."""
    what = f"{changed:,} row change(s)" if stamp.previous_version else "first version"
    return _rows(pl.DataFrame({"version": [stamp.version], "label": [what]}), "ingest",
                 ("version",), "ingest").with_columns(
        table=pl.lit("all"), label=pl.lit(what), sequence=pl.lit(stamp.sequence, pl.Int64),
        version=pl.lit(stamp.version), previous_version=pl.lit(stamp.previous_version, pl.String),
        ingested=pl.lit(stamp.ingested, pl.Date),
    ).select(schema.CHANGES.columns)  # fmt: skip


def record(
    previous: Path | None,
    current: dict[str, pl.DataFrame],
    version: str,
    ingested: dt.date,
    carried: tuple[str, ...] = (),
) -> pl.DataFrame:
    """The `changes` table of a new version: the previous history, a row for this ingest and
    its diff against the previous version (none for a first version). A rebuild of the same
    inputs (the previous version has this fingerprint) keeps the previous history as it is;
    `carried` names tables taken unchanged from the previous version (not compared)."""
    if previous is None or not (previous / "manifest.json").is_file():
        return _marker(Stamp(1, version, None, ingested), 0)
    history = _read(previous, "changes")
    fingerprint = json.loads((previous / "manifest.json").read_text()).get("fingerprint")
    if history is not None and fingerprint == version:  # a rebuild of the same inputs
        return history
    history = history if history is not None else schema.empty(schema.CHANGES)
    names = [n for n in (*COMPARED, "quarantine") if n not in carried]  # carried: unchanged
    old = {n: t for n in names if (t := _read(previous, n)) is not None}
    sequence = int(history["sequence"].max() or 0) + 1
    stamp = Stamp(sequence, version, previous.name, ingested)
    changes = diff(old, current, stamp)
    frames = [history, _marker(stamp, changes.height), changes]
    return pl.concat([f.cast(schema.CHANGES.polars_schema) for f in frames])  # type: ignore[arg-type]


def since(changes: pl.DataFrame, version: str) -> pl.DataFrame | None:
    """Row changes that entered after `version` (a fingerprint, or its first 16 characters as in
    the version folder's name); None when the history does not hold that version."""
    short = version[:16]
    marks = changes.filter(pl.col("change") == "ingest")
    entered = marks.filter(pl.col("version").str.slice(0, 16) == short)["sequence"]
    if not entered.len():
        return None
    return changes.filter(pl.col("sequence") > entered.max(), pl.col("change") != "ingest")


def _md(text: object) -> str:
    """Text from the data as literal Markdown (escape.markdown; line breaks as spaces)."""
    return escape.markdown(" ".join(str(text).split()))


def _section(rows: pl.DataFrame, table: str) -> list[str]:
    """The notes of one table: a heading, then per kind of change up to LISTED rows."""
    lines = [f"### {table}", ""]
    for kind, title in KINDS.items():
        chosen = rows.filter(pl.col("change") == kind)
        if not chosen.height:
            continue
        lines.append(f"{title}: {chosen['row_key'].n_unique():,} row(s)")
        for row in chosen.head(LISTED).iter_rows(named=True):
            cell = (
                f" — {_md(row['column'])}: {_md(row['old'])} → {_md(row['new'])}"
                if row["column"]
                else ""
            )
            lines.append(f"- {_md(row['label'])}{cell}")
        if chosen.height > LISTED:
            lines.append(f"- … and {chosen.height - LISTED:,} more (see the changes table)")
        lines.append("")
    return lines


def release_notes(changes: pl.DataFrame, heading: str) -> str:
    """Markdown notes of the row changes in `changes` (diff_tables or `changes` rows; ingest rows
    are skipped): `# heading` (the caller's Markdown), then per table and kind of change the
    rows, data text escaped; "No row changed." when there are none."""
    rows = changes.filter(pl.col("change") != "ingest") if "change" in changes.columns else changes
    lines = [f"# {heading}", ""]
    if not rows.height:
        return "\n".join([*lines, "No row changed.", ""])
    for table in sorted(set(rows["table"])):
        lines += _section(rows.filter(pl.col("table") == table), table)
    return "\n".join(lines)


def version_notes(history: pl.DataFrame, sequence: int | None = None) -> str:
    """The release notes of one ingest in a `changes` history (default the newest)."""
    marks = history.filter(pl.col("change") == "ingest").sort("sequence")
    if sequence is not None:
        marks = marks.filter(pl.col("sequence") == sequence)
    if not marks.height:
        raise ValueError(f"no ingest {sequence} in the changes table")
    mark = marks.row(-1, named=True)
    heading = f"Release notes: version {str(mark['version'])[:16]}"
    if mark["previous_version"] is None:
        return (f"# {heading}\n\nIngested on {mark['ingested']}. First version: there is no "
                "previous processed version to compare with.\n")  # fmt: skip
    notes = release_notes(history.filter(pl.col("sequence") == mark["sequence"]), heading)
    said = (f"Ingest {mark['sequence']} on {mark['ingested']}, compared with version "
            f"{str(mark['previous_version'])[:16]}.")  # fmt: skip
    return notes.replace("\n\n", f"\n\n{said}\n\n", 1)


def add_time_tables(result: IngestResult, paths: Paths, previous: Path | None) -> None:
    """Add to an ingest's result the coverage table (its bad rows quarantined) and the changes
    since the `previous` version (its history carried)."""
    from analysis.ingest import coverage
    from analysis.ingest.collect import sort_quarantine

    table, held = coverage.build(paths.ledger, paths.root, result.tables)
    result.tables["coverage"] = table
    result.quarantine = sort_quarantine(pl.concat([result.quarantine, held]))
    current = {**result.tables, "quarantine": result.quarantine}
    carried = tuple(result.reused)  # tables carried from the previous version have no changes
    result.tables["changes"] = record(
        previous, current, result.fingerprint, dt.date.today(), carried
    )


def write_notes(folder: Path, changes: pl.DataFrame) -> Path:
    """Write the newest ingest's release notes to `folder`/RELEASE_NOTES.md."""
    path = folder / NOTES_FILE
    path.write_text(version_notes(changes), encoding="utf-8")
    return path
