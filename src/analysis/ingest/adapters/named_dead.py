"""Name-based tallies of the dead → `series` (kind confirmed_lower_bound, metric names_identified).

The metric is `names_identified` (people identified by name as dead), the same metric the claims
ledger uses for name lists; `missing_identified` holds named missing people where a file has them.

* `bbc_mediazona_bessudnov` — one record per named Russian dead (anonymised research extract of
  the BBC News Russian / Mediazona list). Counted per `deathConfirmedDate`, the day the death was
  publicly confirmed (the file has no date of death). Two releases with different columns are
  recognised by their layout (RELEASES) and kept apart by `vintage` (the release date). Records
  with a blank or impossible date (after the release) are quarantined.
* `ukrwarlosses_name_counts` — JSON objects keyed by day (`YYYY-MM-DD`), ISO week (`YYYY-Www`,
  dated on its Monday) or month (`YYYY-MM`, dated on the 1st), one file per side, granularity,
  variant and snapshot: `<side>__<granularity>[-<variant>]_<YYYY-MM-DD>.json`. `vintage` is
  `<snapshot date>/<granularity>[-<variant>]`. Daily files are sparse by design (a day without
  records is absent); weekly and monthly periods missing inside the range are flagged `gap`
  on the next row. The Ukrainian catch-all key 2022-02-23 (undated or pre-invasion records) is
  kept in the running total with flag `catch_all` and delta null. A file whose `missing` is 0 on
  every key does not carry missing counts (the monthly pipeline leaves it at 0) and gets no
  `missing_identified` rows. Provenance: the README credits UALosses for Ukraine, but the
  repository's own totals file names lostarmour.info/ukr200 (a Russian-side list of Ukrainian
  dead and missing), so nothing here is labelled UALosses.

Accounting: for bessudnov the unit is one candidate row per (vintage, day) plus one per refused
record, so every record is counted inside a written day or quarantined (the final cumulative +
quarantined records = records in the file; tests check it). For ukrwarlosses one key gives one
candidate row per metric. `_line` is the record number (header = 1) or the key's position.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import polars as pl

from analysis.errors import InputError
from analysis.ingest.adapters import running_totals as rt
from analysis.ingest.adapters.base import (
    FileRead,
    SourceResult,
    assemble,
    check_columns,
    column_error,
    quarantine_frame,
    require_file,
)
from analysis.ingest.adapters.csvfile import read_string_frame
from analysis.ingest.adapters.registry import BESSUDNOV, UKRWARLOSSES

KIND = "confirmed_lower_bound"
METRIC = "names_identified"
MISSING_METRIC = "missing_identified"
INVASION = dt.date(2022, 2, 24)

BESSUDNOV_MAIN = "dfFatalitiesAnonymised.csv"
BESSUDNOV_OLDER = ("dfCasualtiesAnonymised__*.csv", "dfFatalitiesAnonymised__*.csv")
RELEASES = {  # release (vintage) → its column layout; the release date bounds its death dates
    "2023-05-04": ["id", "first_name", "last_name", "impliedEthnicity", "birthYear",
                   "deathConfirmedDate", "unitType", "age", "region", "source"],
    "2022-12-11": ["id", "firstName", "lastName", "region", "birthYear", "deathConfirmedDate",
                   "source"],
}  # fmt: skip

COUNT_FILE = re.compile(
    r"^(?P<side>russia|ukraine)__(?P<granularity>daily|weekly|monthly)(?:-(?P<variant>raw|deduplicated))?"
    r"_(?P<snapshot>\d{4}-\d{2}-\d{2})\.json$"
)
SUBJECTS = {"russia": "russia_military", "ukraine": "ukraine_military"}
KEYS = {  # granularity → key pattern
    "daily": r"^\d{4}-\d{2}-\d{2}$",
    "weekly": r"^(?<year>\d{4})-W(?<week>\d{2})$",
    "monthly": r"^\d{4}-\d{2}$",
}


def _release(path: Path, header: list[str]) -> str:
    """The release whose layout `header` is; an InputError naming the columns otherwise."""
    for release, columns in RELEASES.items():
        if sorted(header) == sorted(columns):
            return release
    raise column_error(BESSUDNOV, path, header, next(iter(RELEASES.values())))


def read_bessudnov_file(path: Path) -> FileRead:
    """One release file → daily series rows, quarantine, candidate rows read."""
    require_file(BESSUDNOV, path)
    raw = read_string_frame(path)
    release = _release(path, [c for c in raw.columns if c != "_line"])
    cutoff = dt.date.fromisoformat(release)
    frame = raw.with_columns(
        pl.lit(str(path)).alias("_file"),
        pl.col("deathConfirmedDate").str.strip_chars().alias("value"),
    ).with_columns(pl.col("value").str.to_date("%Y-%m-%d", strict=False).alias("date"))
    reason = (
        pl.when(pl.col("value").is_null() | (pl.col("value") == ""))
        .then(pl.lit("deathConfirmedDate is blank"))
        .when(pl.col("date").is_null())
        .then(pl.lit("deathConfirmedDate is not a YYYY-MM-DD date"))
        .when(pl.col("date") > cutoff)
        .then(pl.lit(f"deathConfirmedDate is after the release date {release}"))
    )
    frame = frame.with_columns(reason.alias("reason"))
    bad = frame.filter(pl.col("reason").is_not_null())
    daily = (
        frame.filter(pl.col("reason").is_null())
        .group_by("date")
        .agg(pl.len().cast(pl.Int64).alias("count"), pl.col("_file").first(), pl.col("_line").min())
        .with_columns(
            pl.lit(BESSUDNOV).alias("source"),
            pl.lit("russia_military").alias("subject"),
            pl.lit(METRIC).alias("metric"),
            pl.lit(KIND).alias("kind"),
            pl.lit(None, pl.String).alias("flag"),
            pl.lit(release).alias("vintage"),
        )
    )
    quarantine = quarantine_frame(bad, "deathConfirmedDate", pl.col("value"), pl.col("reason"))
    return FileRead(path, rt.finish(rt.from_counts(daily)), quarantine, daily.height + bad.height)


def read_bessudnov(snapshot: Path) -> SourceResult:
    """The Bessudnov snapshot: the current release plus any older release saved beside it."""
    paths = [snapshot / BESSUDNOV_MAIN]
    paths += sorted(p for pattern in BESSUDNOV_OLDER for p in snapshot.glob(pattern))
    return assemble([read_bessudnov_file(p) for p in paths])


def _count_frame(path: Path, data: object, fields: list[str]) -> pl.DataFrame:
    """JSON object key → {field: int} as a frame: key, _line and one column per field."""
    if not isinstance(data, dict) or not all(isinstance(v, dict) for v in data.values()):
        raise InputError(
            path, f"source {UKRWARLOSSES}: expected an object of key → {{{', '.join(fields)}}}"
        )
    found = list(dict.fromkeys(k for v in data.values() for k in v))
    check_columns(UKRWARLOSSES, path, found, fields)
    return pl.DataFrame(
        {"key": list(data.keys()), **{f: [v.get(f) for v in data.values()] for f in fields}},
        schema={"key": pl.String(), **dict.fromkeys(fields, pl.Int64())},
        strict=False,
    ).with_row_index("_line", offset=1)


def read_ukrwarlosses_file(path: Path) -> FileRead:
    """One `<side>__<granularity>[-<variant>]_<date>.json` file → series, quarantine, rows read."""
    match = COUNT_FILE.match(path.name)
    if match is None:
        raise InputError(
            path,
            f"source {UKRWARLOSSES}: file name is not <side>__<granularity>[-raw|-deduplicated]_<YYYY-MM-DD>.json",
        )
    side, granularity = match["side"], match["granularity"]
    try:
        data = json.loads(require_file(UKRWARLOSSES, path).read_text(encoding="utf-8"))
    except ValueError as exc:
        raise InputError(path, f"source {UKRWARLOSSES}: not valid JSON ({exc})") from None
    present = sorted({k for v in data.values() for k in v}) if isinstance(data, dict) else []
    fields = ["deaths", "missing", "total"] if "missing" in present else ["deaths", "total"]
    frame = _count_frame(path, data, fields)
    if "missing" not in fields or (frame["missing"].fill_null(0) == 0).all():
        frame = frame.with_columns(pl.lit(None, pl.Int64).alias("missing"))
        metrics = {METRIC: "deaths"}
    else:
        metrics = {METRIC: "deaths", MISSING_METRIC: "missing"}
    vintage = f"{match['snapshot']}/{path.stem.split('__')[1].rsplit('_', 1)[0]}"
    frame = frame.with_columns(
        pl.lit(str(path)).alias("_file"),
        pl.col("_line").cast(pl.Int64),
        key_date(granularity).alias("date"),
    )
    long = pl.concat([
        frame.with_columns(pl.lit(metric).alias("metric"), pl.col(field).alias("count"),
                           pl.lit(field).alias("field"))
        for metric, field in metrics.items()
    ])  # fmt: skip
    reason = (
        pl.when(pl.col("date").is_null())
        .then(pl.format("key {} is not a {} key", pl.col("key"), pl.lit(granularity)))
        .when(pl.col("count").is_null() | (pl.col("count") < 0))
        .then(pl.format("{} is not a whole number >= 0", pl.col("field")))
        .when(pl.col("total") != pl.col("deaths") + pl.col("missing").fill_null(0))
        .then(pl.format("total {} is not deaths + missing", pl.col("total")))
    )
    long = long.with_columns(reason.alias("reason"))
    bad = long.filter(pl.col("reason").is_not_null())
    good = long.filter(pl.col("reason").is_null()).with_columns(
        pl.lit(UKRWARLOSSES).alias("source"),
        pl.lit(SUBJECTS[side]).alias("subject"),
        pl.lit(KIND).alias("kind"),
        pl.lit(vintage).alias("vintage"),
        pl.lit(None, pl.String).alias("flag"),
    )
    series = _flag_periods(rt.from_counts(good), granularity)
    quarantine = quarantine_frame(bad, "key", pl.col("key"), pl.col("reason"))
    return FileRead(path, rt.finish(series), quarantine, long.height)


def key_date(granularity: str) -> pl.Expr:
    """The first day of the period a key names; null for a malformed key.

    Weekly keys are not ISO weeks (2022-W53 exists): they count Sunday-to-Saturday weeks from
    the one holding 1 January (W01), so 2022-W09 is 24–26 Feb 2022, matching the daily file.
    """
    key = pl.col("key")
    if granularity == "daily":
        return pl.when(key.str.contains(KEYS["daily"])).then(
            key.str.to_date("%Y-%m-%d", strict=False)
        )
    if granularity == "monthly":
        return pl.when(key.str.contains(KEYS["monthly"])).then(
            (key + "-01").str.to_date("%Y-%m-%d", strict=False)
        )
    parts = key.str.extract_groups(KEYS["weekly"])
    year, week = (
        parts.struct.field("year").cast(pl.Int32),
        parts.struct.field("week").cast(pl.Int64),
    )
    jan1 = pl.date(year, 1, 1)
    start = jan1 - pl.duration(days=jan1.dt.weekday() % 7) + pl.duration(weeks=week - 1)
    first = pl.max_horizontal(start, jan1)
    return pl.when((week >= 1) & (first.dt.year() == year)).then(first)


def _flag_periods(frame: pl.DataFrame, granularity: str) -> pl.DataFrame:
    """Flag the catch-all (daily keys before the invasion) and rows after a missing week/month."""
    previous = pl.col("date").shift(1).over(rt.SERIES_KEYS)
    if granularity == "weekly":
        skipped = (pl.col("date") - previous).dt.total_days() > 7
    elif granularity == "monthly":
        months = pl.col("date").dt.year() * 12 + pl.col("date").dt.month()
        skipped = (months - months.shift(1).over(rt.SERIES_KEYS)) > 1
    else:
        skipped = pl.lit(False)
    catch_all = pl.lit(granularity == "daily") & (pl.col("date") < INVASION)
    return frame.with_columns(
        pl.when(catch_all).then(pl.lit("catch_all")).when(skipped).then(pl.lit("gap"))
        .otherwise(pl.col("flag")).alias("flag"),
        pl.when(catch_all).then(None).otherwise(pl.col("delta")).alias("delta"),
    )  # fmt: skip


def read_ukrwarlosses(snapshot: Path) -> SourceResult:
    """Every `<side>__*.json` count file of the ukrwarlosses snapshot, each its own vintage."""
    paths = sorted(p for p in snapshot.glob("*__*.json"))
    if not paths:
        raise InputError(
            snapshot, f"source {UKRWARLOSSES}: no <side>__<granularity>_<date>.json files"
        )
    main = max(paths, key=lambda p: (p.stem.rsplit("_", 1)[-1], p.name))
    return assemble([read_ukrwarlosses_file(p) for p in paths], main=main)
