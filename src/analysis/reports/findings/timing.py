"""What the brief says about time: the data's end and the report's date, whether the period is
covered at all (no data is not "nothing happened"), which tables are old, and what entered the
data since the previous brief (by data version, so a row entered late still shows).
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from pathlib import Path

import polars as pl

from analysis.config import default_paths
from analysis.ingest import changes as history
from analysis.reports.findings.common import day, label
from analysis.series import coverage
from analysis.wording import dates_line

LISTED = 20  # rows of "what entered" named in the sentence's table


def dates(data: dict[str, pl.DataFrame], first: dt.date, last: dt.date) -> str:
    """The two named dates, "**Data to 6 March 2026 · Published 1 December 2026.**", and
    whether the period [first, last] is covered (see coverage_note)."""
    end = coverage.data_end(data["coverage"], "events")
    note = coverage_note(data, first, last)
    return f"**{dates_line(end, last)}.**" + (f" {note}" if note else "")


def coverage_note(data: dict[str, pl.DataFrame], first: dt.date, last: dt.date) -> str | None:
    """Whether the ledger covers the period [first, last]; None when it covers all of it."""
    end = coverage.data_end(data["coverage"], "events")
    if end is None or end >= last:
        return None
    if end < first:
        return (f"**Not covered.** The ledger's exchanges and repatriations are complete to "
                f"{day(end)}; this period ({day(first)} – {day(last)}) lies after that, so this "
                "brief cannot say whether any happened in it.")  # fmt: skip
    return (f"**Partly covered.** The ledger's exchanges and repatriations are complete to "
            f"{day(end)} only: the rest of the period, to {day(last)}, is not covered.")  # fmt: skip


def happened(
    new: pl.DataFrame, data: dict[str, pl.DataFrame], first: dt.date, last: dt.date
) -> str:
    """How many events of each kind are dated in the period; with none, whether that means a
    quiet period (covered) or no data (not covered)."""
    end = coverage.data_end(data["coverage"], "events")
    if not new.height:
        if end is not None and end < last:
            return (f"The ledger has no event dated in this period, and it covers only up to "
                    f"{day(end)}: that is no data for the days after, not a quiet period.")  # fmt: skip
        return "No exchange or repatriation was recorded in this period."
    kinds = new.group_by("event_type").agg(pl.col("event_id").n_unique()).sort("event_type")
    said = ", ".join(f"{n} {label(k)} event(s)" for k, n in kinds.iter_rows())
    return f"New in this period: {said}."


def staleness(data: dict[str, pl.DataFrame], last: dt.date, max_age_days: int,
              tables: tuple[str, ...] = ("events", "claims", "totals", "series")) -> str:  # fmt: skip
    """Which tables the brief reads end more than `max_age_days` before the period's end (the
    same measure as the report guard: each table's data end in the coverage table)."""
    if max_age_days <= 0:
        return "The age of the data was not checked: this run set no age limit."
    ages = coverage.ages(data["coverage"], tables, last, max_age_days)
    said = coverage.describe(ages, last, "the end of the period")
    if said:
        return f"**Stale data** (older than {max_age_days} days): {said}"
    return f"Every table the brief reads has data within {max_age_days} days of {day(last)}."


@dataclass(frozen=True)
class Previous:
    """The previous brief: its date and the data version it read."""

    as_of: dt.date
    version: str


def previous_brief(as_of: dt.date, reports: Path | None = None) -> Previous | None:
    """The newest brief dated before `as_of` that ran, in `reports` (default the reports folder),
    and the data version it read (from its run's index.json); None when there is none."""
    reports = reports or default_paths().reports
    found = []
    for index in reports.glob("*/index.json") if reports.is_dir() else ():
        try:
            facts = json.loads(index.read_text(encoding="utf-8"))
            when = dt.date.fromisoformat(facts["as_of"])
        except (OSError, ValueError, KeyError):
            continue
        briefs = [
            r
            for r in facts.get("reports", [])
            if r.get("name") == "brief" and r.get("status") == "ok"
        ]
        if when < as_of and briefs:
            read = briefs[0].get("data") or [facts.get("fingerprint", "")]
            found.append(Previous(when, str(read[0])))
    return max(found, key=lambda p: p.as_of) if found else None


def _entered(data: dict[str, pl.DataFrame], previous: Previous) -> pl.DataFrame | None:
    """Ledger rows added, superseded or removed after the previous brief's version (None: the
    change history does not reach that version)."""
    rows = history.since(data["changes"], previous.version)
    if rows is None:
        return None
    kept = rows.filter(pl.col("table").is_in(["events", "claims", "totals"]),
                       pl.col("change").is_in(["added", "superseded", "removed"]))  # fmt: skip
    return kept.sort("date", "table", "row_key").select("date", "table", "change", row="label")


def entered(
    data: dict[str, pl.DataFrame], as_of: dt.date, reports: Path | None = None
) -> pl.DataFrame:
    """The ledger rows that entered the data since the previous brief before `as_of` (date,
    table, change, row); empty when there is no previous brief or its version is unknown."""
    previous = previous_brief(as_of, reports)
    rows = _entered(data, previous) if previous else None
    return rows if rows is not None else pl.DataFrame(schema={"date": pl.Date, "table": pl.String,
                                                              "change": pl.String, "row": pl.String})  # fmt: skip


def entered_note(data: dict[str, pl.DataFrame], first: dt.date, as_of: dt.date,
                 reports: Path | None = None) -> str:  # fmt: skip
    """What entered the data since the previous brief, in one sentence (late entries counted)."""
    previous = previous_brief(as_of, reports)
    if previous is None:
        return "There is no previous brief in this reports folder, so there is nothing to compare with."
    rows = _entered(data, previous)
    since = f"the previous brief ({day(previous.as_of)}, data version {previous.version[:12]})"
    if rows is None:
        return f"Since {since}: its data version is not in this data's change history, so what entered cannot be listed."
    if not rows.height:
        return f"Since {since}, no ledger row entered the data."
    late = rows.filter(pl.col("date") < first).height
    return (f"Since {since}: {rows.height} ledger row(s) entered the data, {late} of them dated "
            "before this period (entered late).")  # fmt: skip
