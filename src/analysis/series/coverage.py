"""Reading the `coverage` table: which days a series covers, and how old each table is.

`window(coverage, table, scopes, start, end)` gives the days a series can speak for: the
intersection of the scopes' coverage (e.g. every event type counted) and the requested
[start, end]. Per-period work uses it to mark periods outside coverage (null, never 0) and
partial first and last periods. `ages` and `stale` measure each table against a report date.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

import polars as pl

LEDGER = ("events", "claims", "totals")


@dataclass(frozen=True)
class Window:
    """The days a series covers: first and last day (None: open), and the coverage end itself."""

    first: dt.date | None
    last: dt.date | None
    data_end: dt.date | None = None  # the coverage's own last day (None: no coverage known)

    def __post_init__(self) -> None:
        """An inverted window (first after last) becomes an empty one."""
        if self.first and self.last and self.first > self.last:
            object.__setattr__(self, "last", self.first - dt.timedelta(days=1))  # empty window


def _rows(coverage: pl.DataFrame, table: str, scopes: Sequence[str] | None) -> pl.DataFrame:
    """The coverage rows of a table, optionally only some scopes."""
    rows = coverage.filter(pl.col("table") == table)
    return rows.filter(pl.col("scope").is_in(list(scopes))) if scopes is not None else rows


def window(
    coverage: pl.DataFrame | None,
    table: str,
    scopes: Sequence[str] | None = None,
    start: dt.date | None = None,
    end: dt.date | None = None,
) -> Window:
    """Days covered by every one of `scopes` (default all of the table's) within [start, end].

    Without coverage rows (None, or no row for these scopes) only [start, end] bounds it."""
    rows = _rows(coverage, table, scopes) if coverage is not None else None
    if rows is None or rows.height == 0:
        return Window(start, end)
    first, last = rows["complete_from"].max(), rows["complete_to"].min()
    return Window(
        max(first, start) if start else first,
        min(last, end) if end else last,
        data_end=last,
    )


def data_end(
    coverage: pl.DataFrame | None, table: str, scopes: Sequence[str] | None = None
) -> dt.date | None:
    """The last day covered by every one of `scopes` of `table` (None when unknown)."""
    return window(coverage, table, scopes).data_end


def period_flags(every: str, win: Window) -> list[pl.Expr]:
    """`covered`, `partial`, `since` and `through` for rows with a `period` (its first day):
    covered when the period overlaps the window, partial when the window starts or ends inside
    it, since/through = the first and last day of the period the window includes (null when not
    covered)."""
    start = pl.col("period")
    stop = pl.col("period").dt.offset_by(every).dt.offset_by("-1d")
    first = pl.lit(win.first, pl.Date) if win.first else start
    last = pl.lit(win.last, pl.Date) if win.last else stop
    covered = (stop >= first) & (start <= last)
    partial = covered & ((first > start) | (last < stop))
    since = pl.when(covered).then(pl.max_horizontal(start, first))
    through = pl.when(covered).then(pl.min_horizontal(stop, last))
    return [covered.alias("covered"), partial.alias("partial"), since.alias("since"),
            through.alias("through")]  # fmt: skip


@dataclass(frozen=True)
class Age:
    """How old one table is at a report date: its data end, days before the date, stale or not."""

    table: str
    end: dt.date | None
    days: int | None
    stale: bool


def ages(
    coverage: pl.DataFrame, tables: Sequence[str], as_of: dt.date, max_age_days: int
) -> list[Age]:
    """Each table's age at `as_of`: from its latest covered day (the freshest scope, up to
    as_of) to as_of; stale above `max_age_days`. A table with no coverage up to as_of (no rows)
    has no age and is not stale: there is nothing to be old (its notebook says it has no data)."""
    found = []
    for table in tables:
        ends = _rows(coverage, table, None)["complete_to"]
        end = ends.filter(ends <= as_of).max() if ends.len() else None
        days = (as_of - end).days if isinstance(end, dt.date) else None
        found.append(Age(table, end, days, days is not None and days > max_age_days))  # type: ignore[arg-type]
    return found


def _day(day: dt.date) -> str:
    """A day as '6 March 2026'."""
    return f"{day.day} {day:%B %Y}"


def _groups(items: Sequence[Age]) -> list[tuple[str, Age]]:
    """Stale ledger tables told as one, "the ledger" (dated by events, else the earliest end;
    other ends in brackets), the other tables by name."""
    ledger = [a for a in items if a.table in LEDGER and a.end]
    if len(ledger) < 2:
        return [(f"the {a.table} table", a) for a in items]
    main = next((a for a in ledger if a.table == "events"), min(ledger, key=lambda a: a.days or 0))
    later = [f"{a.table} {_day(a.end)}" for a in ledger if a.end != main.end]  # type: ignore[arg-type]
    name = "the ledger" + (f" ({', '.join(later)})" if later else "")
    grouped = {a.table for a in ledger}
    return [(name, main), *((f"the {a.table} table", a) for a in items if a.table not in grouped)]


def _brackets(name: str) -> str:
    """The bracketed part of a group name (other ends), with its leading space, or ''."""
    return f" ({name.split(' (', 1)[1]}" if " (" in name else ""


def describe(items: Sequence[Age], as_of: dt.date, reader: str = "this report") -> str:
    """The stale tables in one sentence: 'The ledger ends 6 March 2026, 270 days before this
    report.' (empty when none is stale)."""
    stale = [a for a in items if a.stale]
    parts = [
        f"{name.split(' (')[0]} ends {_day(a.end)}{_brackets(name)}, {a.days} days before {reader}"
        if a.end
        else f"{name} has no data up to {_day(as_of)}"
        for name, a in _groups(stale)
    ]  # fmt: skip
    if not parts:
        return ""
    text = "; ".join(parts)
    return text[0].upper() + text[1:] + "."


def stale_error(items: Sequence[Age], as_of: dt.date, max_age_days: int) -> str:
    """The guard's one-line error naming each stale table and its age."""
    named = ", ".join(
        f"{a.table} (ends {a.end}, {a.days} days old)" if a.end else f"{a.table} (no data)"
        for a in items
        if a.stale
    )
    return (
        f"data is stale on {as_of}: {named}; the limit is {max_age_days} days "
        "(ingest newer data, raise --max-age-days, or render with --stale warn)"
    )
