"""Wording shared by the findings modules, on top of analysis.wording (dates, figures with their
qualifier, labels, the latest row per group): bounds of sums, windows, the counted scope."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

import polars as pl

from analysis import charts, series, wording
from analysis.wording import day as day


def span(start: dt.date, end: dt.date) -> str:
    """A window in words: 24 February 2022 to 1 December 2026."""
    return f"{day(start)} to {day(end)}"


def figure(value: float, qualifier: str = "exact", high: float | None = None, low: float | None = None) -> str:
    """A number with its qualifier in words: at least 7,982 · about 350,000 · 1,245 · 1 to 2."""
    return wording.figure_text(value, qualifier, low=low, high=high)


def bound(undisclosed: int | None) -> str:
    """"at least " when some events behind a sum gave no number, else nothing."""
    return "at least " if undisclosed else ""


def label(code: str) -> str:
    """A code as words: pow_exchange → pow exchange."""
    return code.replace("_", " ")


def side(code: str) -> str:
    """A side as a name: ukraine → Ukraine."""
    return code.title()


def with_sources(frame: pl.DataFrame, sources: pl.DataFrame) -> pl.DataFrame:
    """The frame with each row's source address and publisher (tables link one to the other)."""
    return frame.join(sources.select("source_id", "url", "publisher"), on="source_id", how="left")


def latest(frame: pl.DataFrame, by: Sequence[str], on: str) -> pl.DataFrame:
    """The last row (by `on`) of each group, groups sorted."""
    return frame.sort(on).group_by(*by).agg(pl.all().last()).sort(*by)


@dataclass(frozen=True)
class Scope:
    """The events a report counts: up to `end`, completed, of the chosen types, from `start`."""

    events: pl.DataFrame  # every event up to end (series functions pick their own rows)
    figures: pl.DataFrame  # headline figures counted: completed, chosen types, start..end
    names: tuple[str, ...]  # the publishers cited, for the charts' source lines
    start: dt.date
    end: dt.date
    event_types: tuple[str, ...]

    @property
    def window(self) -> str:
        """The window in words."""
        return span(self.start, self.end)

    @property
    def kinds(self) -> str:
        """The event types in words."""
        return ", ".join(label(t) for t in self.event_types)


def scope(
    data: dict[str, pl.DataFrame], start: dt.date, end: dt.date | None, event_types: list[str]
) -> Scope:
    """The counted events (end: the newest event when None)."""
    end = end or data["events"]["date"].max()
    events = data["events"].filter(pl.col("date") <= end)
    figures = series.headline(events).filter(
        pl.col("status") == "completed", pl.col("event_type").is_in(event_types),
        pl.col("date") >= start,
    )  # fmt: skip
    names = charts.source_names(figures, data["sources"])
    return Scope(events, figures, names, start, end, tuple(event_types))


def data_to_note(frame: pl.DataFrame) -> str:
    """" The figures are complete to 6 March 2026 only." when a cumulative frame's data ends
    before its last period does (a partial last period, or periods outside coverage), else ""."""
    if "through" not in frame.columns:
        return ""
    known = frame.drop_nulls("cumulative").sort("period")
    if not known.height:
        return ""
    last = known.row(-1, named=True)
    cut = bool(last.get("partial")) or frame["period"].max() > last["period"]
    return f" The figures are complete to {day(last['through'])} only." if cut else ""
