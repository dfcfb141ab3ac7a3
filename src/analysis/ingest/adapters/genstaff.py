"""Ukrainian General Staff daily claims of Russian losses, from two publishers → `series`.

* `petroivaniuk_genstaff` (PetroIvaniuk/2022-Ukraine-Russia-War-Dataset): cumulative figures per
  "as of" date in a personnel file and an equipment file, plus a file of signed corrections.
* `lod_db_orc_losses` (lod-db/orc-losses): one record per Ministry of Defence post, newest first,
  with the upstream's JSON Schema beside it.

Every raw key is mapped explicitly in METRIC_NAMES (genstaff_keys.py); an unknown key stops the read with an error
naming the source, the file, the unexpected and the missing keys. A value that cannot be read (NaN,
text, a fraction) or a repeated date sends that record's rows to quarantine. `delta` is the change
since the previous published date of the same metric, with corrections applied: on a date listed in
the corrections file delta = change − correction; a running total that falls (or a corrected change
that stays negative) is flagged "correction" with delta null, never a negative daily loss.
`vintage` is null for the live files and the commit (`<name>__<commit>.json`) for saved older ones.
"""

from __future__ import annotations

import datetime as dt
import json
import math
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import polars as pl

from analysis import schema
from analysis.errors import InputError
from analysis.ingest.adapters import running_totals as rt
from analysis.ingest.adapters.base import FileRead, SourceResult, assemble, read_bytes
from analysis.ingest.adapters.genstaff_keys import (
    IGNORED_KEYS,
    METRIC_NAMES,
    QUALIFIER_KEYS,
    QUALIFIERS,
)
from analysis.ingest.adapters.registry import LOD_DB, PETROIVANIUK

SUBJECT = "russia_military"
KIND = "claim"
WAR_DAY_ZERO = dt.date(2022, 2, 23)  # war day 1 = 2022-02-24


@dataclass(frozen=True)
class FileKind:
    """One raw file format: its publisher, record keys that are not metrics, what must be there."""

    source: str
    meta: tuple[str, ...]
    required: tuple[str, ...]  # canonical metrics (any spelling) and meta keys every file has


PERSONNEL = FileKind(PETROIVANIUK, ("date", "day", *QUALIFIER_KEYS), ("date", "day", "personnel"))
EQUIPMENT = FileKind(
    PETROIVANIUK,
    ("date", "day"),
    ("date", "day", "aircraft", "helicopters", "tanks", "afv", "artillery", "mlrs", "uav",
     "ships", "anti_aircraft"),
)  # fmt: skip
CORRECTION = FileKind(PETROIVANIUK, ("date", "day"), ("date",))
LOD_RECORDS = FileKind(
    LOD_DB,
    ("date", "sourceUri"),
    ("date", "sourceUri", *sorted(set(METRIC_NAMES[LOD_DB].values()))),
)
PETROIVANIUK_FILES = {
    "russia_losses_personnel": PERSONNEL,
    "russia_losses_equipment": EQUIPMENT,
    "russia_losses_equipment_correction": CORRECTION,
}
LOD_DB_FILE, LOD_DB_SCHEMA = "russian-losses.json", "russian-losses.en.schema.json"

ROW_SCHEMA = {
    "_file": pl.String(),
    "_line": pl.Int64(),
    "date_text": pl.String(),
    "day": pl.String(),
    "key": pl.String(),
    "metric": pl.String(),
    "value": pl.Float64(),
    "problem": pl.String(),
    "raw": pl.String(),
    "qualifier": pl.String(),
}


@dataclass
class Parsed:
    """Candidate rows of one raw file (one per record and metric) and the rows refused."""

    rows: pl.DataFrame  # _file, _line, date, day, key, metric, value, qualifier
    quarantine: pl.DataFrame
    read: int
    vintage: str | None


def load_json(path: Path, source: str) -> Any:
    """Parse a JSON file (bare NaN is read as NaN); invalid JSON raises an error with its position."""
    data = read_bytes(path)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(path, f"{source}: not valid UTF-8 at byte {exc.start}") from None
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(
            path, f"{source}: invalid JSON at line {exc.lineno} column {exc.colno}: {exc.msg}"
        ) from None


def records_of(data: Any, path: Path, source: str) -> list[dict[str, Any]]:
    """The list of record objects: a top-level list, or `{"data": [...]}` (PetroIvaniuk 5dd7ee4)."""
    if isinstance(data, dict) and set(data) == {"data"}:
        data = data["data"]
    if not isinstance(data, list):
        raise InputError(path, f"{source}: expected a list of records at the top level")
    bad = next((i for i, r in enumerate(data, 1) if not isinstance(r, dict)), None)
    if bad is not None:
        raise InputError(path, f"{source}: record {bad} is not an object")
    return data


def check_keys(records: list[dict[str, Any]], kind: FileKind, path: Path) -> None:
    """Raise when a record has a key the adapter does not map, or a required key is absent."""
    names = METRIC_NAMES[kind.source]
    known = set(names) | set(kind.meta) | IGNORED_KEYS[kind.source]
    seen: set[str] = set().union(*(r.keys() for r in records)) if records else set()
    present = {names.get(k, k) for k in seen}
    unexpected = sorted(seen - known)
    missing = [k for k in kind.required if k not in present]
    if unexpected or missing:
        raise InputError(
            path,
            f"{kind.source}: unexpected key(s) {', '.join(unexpected) or 'none'}; "
            f"missing key(s) {', '.join(missing) or 'none'}",
        )


def _value(value: Any) -> tuple[float | None, str | None]:
    """A count as float, or a problem text (NaN, text, fractions, booleans are refused)."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None, f"not a number ({type(value).__name__})"
    if isinstance(value, float) and math.isnan(value):
        return None, "NaN is not a number"
    if isinstance(value, float) and not value.is_integer():
        return None, "not a whole number"
    return float(value), None


def _qualifier(record: dict[str, Any]) -> str | None:
    """The record's personnel qualifier text, if any."""
    return next((str(record[k]) for k in QUALIFIER_KEYS if k in record), None)


def _candidates(records: list[dict[str, Any]], kind: FileKind, name: str) -> pl.DataFrame:
    """One row per record and mapped key with a non-null value (nulls mean 'not tracked')."""
    names = METRIC_NAMES[kind.source]
    rows = [
        {
            "_file": name,
            "_line": line,
            "date_text": None if record.get("date") is None else str(record["date"]),
            "day": None if record.get("day") is None else str(record["day"]),
            "key": key,
            "metric": names[key],
            "value": (parsed := _value(value))[0],
            "problem": parsed[1],
            "raw": str(value),
            "qualifier": _qualifier(record) if names[key] == "personnel" else None,
        }
        for line, record in enumerate(records, 1)
        for key, value in record.items()
        if key in names and value is not None
    ]
    return pl.DataFrame(rows, schema=ROW_SCHEMA)


BAD_DATE = "date is not YYYY-MM-DD"


def _problems(frame: pl.DataFrame) -> pl.DataFrame:
    """Add `reason` (null when the row is good): bad value, bad date, unknown qualifier, repeated date."""
    date = pl.col("date_text").str.to_date("%Y-%m-%d", strict=False)
    implied = pl.lit(WAR_DAY_ZERO) + pl.duration(
        days=pl.col("day").str.strip_chars().cast(pl.Int64, strict=False)
    )
    first = pl.col("_line").first().over("metric", "date")
    repeated = pl.format(
        "date {} repeats record {} (its day {} implies {})",
        pl.col("date_text"),
        first,
        pl.col("day").fill_null("?"),
        implied.cast(pl.String).fill_null("?"),
    )
    frame = frame.with_columns(date.alias("date")).sort("_line", maintain_order=True)
    return frame.with_columns(
        pl.when(pl.col("problem").is_not_null())
        .then(pl.col("problem"))
        .when(pl.col("date").is_null())
        .then(pl.lit(BAD_DATE))
        .when(pl.col("qualifier").is_not_null() & ~pl.col("qualifier").is_in(list(QUALIFIERS)))
        .then(pl.format("unknown qualifier {}", pl.col("qualifier")))
        .when(pl.col("_line") != first)
        .then(repeated)
        .alias("reason")
    )


def _quarantine(bad: pl.DataFrame) -> pl.DataFrame:
    """Quarantine rows for refused candidates."""
    return bad.select(
        pl.lit("series").alias("table"),
        pl.col("_file").alias("file"),
        pl.col("_line").alias("line"),
        pl.when(pl.col("reason") == BAD_DATE)
        .then(pl.lit("date"))
        .otherwise(pl.col("key"))
        .alias("column"),
        pl.when(pl.col("reason").str.starts_with("date"))
        .then(pl.col("date_text"))
        .otherwise(pl.col("raw"))
        .alias("value"),
        pl.when(pl.col("reason") == BAD_DATE)
        .then(pl.format("{} (for {})", pl.col("reason"), pl.col("key")))
        .otherwise(pl.col("reason"))
        .alias("reason"),
    ).cast(schema.QUARANTINE.polars_schema)  # type: ignore[arg-type]


def vintage_of(path: Path) -> str | None:
    """The commit of a saved older version (`<name>__<commit>.json`), None for a live file."""
    _, sep, commit = path.stem.partition("__")
    return commit if sep else None


def parse_file(path: Path, kind: FileKind) -> Parsed:
    """Read one raw file into candidate rows, refusing bad records to quarantine."""
    records = records_of(load_json(path, kind.source), path, kind.source)
    check_keys(records, kind, path)
    frame = _problems(_candidates(records, kind, str(path)))
    good = frame.filter(pl.col("reason").is_null())
    return Parsed(
        rows=good.drop("problem", "raw", "reason", "date_text"),
        quarantine=_quarantine(frame.filter(pl.col("reason").is_not_null())),
        read=frame.height,
        vintage=vintage_of(path),
    )


def petroivaniuk_kind(path: Path) -> FileKind:
    """The format of a PetroIvaniuk file, from its name (older versions carry `__<commit>`)."""
    base = path.stem.partition("__")[0]
    if base not in PETROIVANIUK_FILES:
        raise InputError(path, f"{PETROIVANIUK}: not one of {', '.join(PETROIVANIUK_FILES)}")
    return PETROIVANIUK_FILES[base]


def series_rows(
    parsed: list[Parsed], source: str, corrections: pl.DataFrame | None = None
) -> pl.DataFrame:
    """SERIES rows (+ _file/_line) from candidate rows: sorted by date, deltas, flags."""
    rows = pl.concat([p.rows.with_columns(pl.lit(p.vintage, pl.String).alias("vintage"))
                      for p in parsed])  # fmt: skip
    start = rows["date"].min()
    fixes = corrections if corrections is not None else _no_corrections()
    rows = rows.join(
        fixes.select("date", "metric", "correction"), on=["date", "metric"], how="left"
    )
    rows = rows.sort("metric", "date").with_columns(
        pl.col("value").shift(1).over("metric").alias("previous"),
        pl.col("date").shift(1).over("metric").alias("previous_date"),
    )
    change = pl.col("value") - pl.col("previous") - pl.col("correction").fill_null(0)
    first = pl.col("previous").is_null()
    late_start = first & (pl.col("date") != start)
    flag = (
        pl.when(late_start).then(pl.lit("series_start"))
        .when((pl.col("date") - pl.col("previous_date")).dt.total_days() > 1).then(pl.lit("gap"))
        .otherwise(pl.col("qualifier").replace_strict(QUALIFIERS, default=None))
    )  # fmt: skip
    delta, flag = rt.delta_rule(change, flag, corrected=pl.col("correction").is_not_null())
    return rows.select(
        pl.lit(source).alias("source"),
        pl.lit(SUBJECT).alias("subject"),
        "metric",
        "date",
        pl.col("value").alias("cumulative"),
        pl.when(first)  # the first published day is the whole total, unless the series starts late
        .then(pl.when(late_start).then(None).otherwise(pl.col("value")))
        .otherwise(delta)
        .alias("delta"),
        pl.lit(KIND).alias("kind"),
        flag.alias("flag"),
        "vintage",
        "_file",
        "_line",
    ).sort("metric", "date")


def _no_corrections() -> pl.DataFrame:
    """An empty corrections frame."""
    return pl.DataFrame(
        schema={"date": pl.Date(), "metric": pl.String(), "correction": pl.Float64()}
    )


def corrections_of(parsed: Parsed) -> pl.DataFrame:
    """Non-zero signed corrections (date, metric, correction, _file, _line) from the corrections file."""
    return parsed.rows.filter(pl.col("value") != 0).select(
        "date", "metric", pl.col("value").alias("correction"), "_file", "_line", "key"
    )


def unmatched_corrections(corrections: pl.DataFrame, series: pl.DataFrame) -> pl.DataFrame:
    """Quarantine rows for corrections on a date/metric the series has no figure for."""
    lost = corrections.join(series.select("date", "metric"), on=["date", "metric"], how="anti")
    return lost.select(
        pl.lit("series").alias("table"),
        pl.col("_file").alias("file"),
        pl.col("_line").alias("line"),
        pl.col("key").alias("column"),
        pl.col("correction").cast(pl.Int64).cast(pl.String).alias("value"),
        pl.format("correction for {} on {} has no figure to correct", "metric", "date").alias(
            "reason"
        ),
    ).cast(schema.QUARANTINE.polars_schema)  # type: ignore[arg-type]


def read_petroivaniuk(snapshot: Path) -> SourceResult:
    """Adapter for a PetroIvaniuk snapshot: personnel + equipment, corrections applied."""
    equipment = snapshot / "russia_losses_equipment.json"
    personnel = snapshot / "russia_losses_personnel.json"
    correction = snapshot / "russia_losses_equipment_correction.json"
    parsed = [parse_file(p, petroivaniuk_kind(p)) for p in (equipment, personnel)]
    corrections = parse_file(correction, CORRECTION)
    fixes = corrections_of(corrections)
    series = series_rows(parsed, PETROIVANIUK, fixes)
    lost = unmatched_corrections(fixes, series)
    applied = corrections.rows.height - lost.height  # zero corrections apply as no-ops
    return assemble([
        FileRead(equipment, series, parsed[0].quarantine, parsed[0].read),
        FileRead(personnel, None, parsed[1].quarantine, parsed[1].read),
        FileRead(correction, None, corrections.quarantine, corrections.read, applied),
    ], quarantine=[lost])  # fmt: skip


def read_petroivaniuk_file(path: Path) -> FileRead:
    """SERIES rows of one PetroIvaniuk personnel or equipment file alone (no corrections)."""
    parsed = parse_file(path, petroivaniuk_kind(path))
    return FileRead(path, series_rows([parsed], PETROIVANIUK), parsed.quarantine, parsed.read)


def check_lod_schema(path: Path) -> None:
    """Raise when the upstream JSON Schema lists fields the adapter does not map (or drops some)."""
    data = load_json(path, LOD_DB)
    try:
        fields = set(data["items"]["properties"])
    except (KeyError, TypeError):
        raise InputError(path, f"{LOD_DB}: no items.properties in the JSON Schema") from None
    check_keys([dict.fromkeys(fields)], LOD_RECORDS, path)


def read_lod_file(path: Path) -> FileRead:
    """SERIES rows of one lod-db records file."""
    parsed = parse_file(path, LOD_RECORDS)
    return FileRead(path, series_rows([parsed], LOD_DB), parsed.quarantine, parsed.read)


def read_lod_db(snapshot: Path) -> SourceResult:
    """Adapter for a lod-db/orc-losses snapshot: the records file, checked against its schema."""
    records, schema_file = snapshot / LOD_DB_FILE, snapshot / LOD_DB_SCHEMA
    check_lod_schema(schema_file)
    return assemble([read_lod_file(records)], extra_inputs=[schema_file])
