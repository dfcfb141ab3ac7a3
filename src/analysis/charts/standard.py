"""The standard charts of the reports, built from the processed tables for a period, with the
choices `analysis export` offers: event types, side, frequency, title, subtitle and language.

Living people and bodies are never summed in one bar or line: a chart counts one or the other.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

import polars as pl

from analysis import schema
from analysis.charts.chart import Chart
from analysis.charts.finalise import source_names
from analysis.charts.i18n import check_language
from analysis.charts.kinds import (
    MILITARY,
    asymmetry,
    claims_vs_independent,
    cumulative,
    delivery,
    per_period,
    personnel_vs_named,
    timeline,
)
from analysis.charts.presets import Preset
from analysis.errors import MissingDataError
from analysis.schema import SIDES

STANDARD = (
    "cumulative", "cumulative_bodies", "per_period", "timeline", "asymmetry", "delivery", "claims",
    "personnel_vs_named",
)  # fmt: skip
CLAIM_METRICS = ("killed", "names_identified")
PEOPLE, BODIES = schema.PEOPLE_TYPES, schema.BODY_TYPES
FREQS = ("week", "month", "quarter", "year")


@dataclass(frozen=True)
class Choice:
    """What to chart: a period, event types (living people or bodies, never both), one side,
    the frequency of period charts, own title and subtitle, the language."""

    start: dt.date | None = None
    end: dt.date | None = None
    event_types: tuple[str, ...] | None = None
    side: str | None = None
    freq: str = "month"
    title: str | None = None
    subtitle: str | None = None
    lang: str = "en"
    published_on: dt.date | None = None  # the day the chart is published, never the data's end

    def __post_init__(self) -> None:
        check_language(self.lang)
        if self.freq not in FREQS:
            raise ValueError(f"unknown frequency {self.freq!r}; frequencies are {', '.join(FREQS)}")
        if self.side is not None and self.side not in SIDES:
            raise ValueError(f"unknown side {self.side!r}; sides are {', '.join(SIDES)}")
        unknown = sorted(set(self.event_types or ()) - set(PEOPLE) - set(BODIES))
        if unknown:
            raise ValueError(f"unknown event type(s) {', '.join(unknown)}; event types are "
                             f"{', '.join(PEOPLE + BODIES)}")  # fmt: skip
        if self.event_types and set(self.event_types) & set(BODIES) and set(self.event_types) - set(BODIES):
            raise ValueError("a chart counts living people or bodies, not both: choose event "
                             f"types among {', '.join(PEOPLE)} or {', '.join(BODIES)}")  # fmt: skip

    def types(self, default: Sequence[str]) -> tuple[str, tuple[str, ...]]:
        """The unit ("people" or "bodies") and event types to chart (`default` when none given)."""
        types = tuple(self.event_types or default)
        return ("bodies" if set(types) <= set(BODIES) else "people"), types

    def text(self) -> dict[str, object]:
        """Own title and subtitle (when given), the language and the publication day, as chart
        keywords."""
        given = {"title": self.title, "subtitle": self.subtitle}
        return {k: v for k, v in given.items() if v} | {"lang": self.lang,
                                                        "published_on": self.published_on}


def _within(
    frame: pl.DataFrame, column: str, start: dt.date | None, end: dt.date | None
) -> pl.DataFrame:
    """Rows whose `column` lies in [start, end] (open ends allowed)."""
    keep = pl.lit(True)
    if start:
        keep &= pl.col(column) >= start
    if end:
        keep &= pl.col(column) <= end
    return frame.filter(keep)


def _period(start: dt.date | None, end: dt.date | None) -> str:
    """A period as text for error messages."""
    return f"between {start or 'the start'} and {end or 'the end'}"


def _one_side(frame: pl.DataFrame, side: str | None) -> pl.DataFrame:
    """Rows received by `side` (all rows when None)."""
    return frame if side is None else frame.filter(pl.col("received_by") == side)


def _claims(tables: dict[str, pl.DataFrame], choice: Choice, preset: str | Preset,
            subjects: Sequence[str]) -> Chart:  # fmt: skip
    """The claims chart: deaths as stated by claimants and counted by upstream series."""
    like = pl.col("metric").is_in(CLAIM_METRICS)  # compare like with like: deaths
    start, end = choice.start, choice.end
    claims = _within(tables["claims"].filter(pl.col("is_current") & like), "claim_date", start, end)
    upstream = _within(tables["series"].filter(like), "date", start, end)
    if not claims.height and not upstream.height:
        raise MissingDataError(f"no claims or upstream series {_period(start, end)}")
    return claims_vs_independent(claims, upstream, subjects=subjects, sources=tables["sources"],
                                 preset=preset, **choice.text())  # fmt: skip


def _personnel(tables: dict[str, pl.DataFrame], choice: Choice, preset: str | Preset) -> Chart:
    """The General Staff's claimed Russian personnel losses against the named-dead counts."""
    start, end = choice.start, choice.end
    upstream = _within(tables["series"], "date", start, end)
    if not upstream.filter((pl.col("source") == "petroivaniuk_genstaff")
                           & (pl.col("metric") == "personnel")).height:  # fmt: skip
        raise MissingDataError(f"no General Staff personnel series {_period(start, end)} "
                               "(ingest the upstream snapshots first)")  # fmt: skip
    claims = _within(tables["claims"].filter(pl.col("is_current")), "claim_date", start, end)
    return personnel_vs_named(upstream, claims, sources=tables["sources"], preset=preset,
                              **choice.text())  # fmt: skip


def _cumulative(tables: dict[str, pl.DataFrame], current: pl.DataFrame, types: tuple[str, ...],
                choice: Choice, **keywords: object) -> Chart:  # fmt: skip
    """A cumulative chart to the data's end; from the first event with published totals and the
    part not itemised when totals count exactly these event types (series.published.MATCHING)."""
    from analysis import series
    from analysis.series import published

    coverage = tables.get("coverage")
    names = published.matching(types)
    if names and choice.start is None and "totals" in tables:
        frame = published.reconciled(current, tables["totals"], choice.freq, types, choice.end,
                                     coverage)  # fmt: skip
        marks = _one_side(published.published(tables["totals"], names, choice.end), choice.side)
        return cumulative(_one_side(frame, choice.side), published=marks, **keywords)  # type: ignore[arg-type]
    frame = series.cumulative(current, freq=choice.freq, event_types=types, start=choice.start,
                              end=choice.end, coverage=coverage)  # fmt: skip
    return cumulative(_one_side(frame, choice.side), **keywords)  # type: ignore[arg-type]


def _periodic(name: str, tables: dict[str, pl.DataFrame], events: pl.DataFrame, choice: Choice,
              preset: str | Preset) -> Chart:  # fmt: skip
    """A cumulative or per-period chart of living people or bodies, one side or both."""
    from analysis import series  # time-series work lives in analysis.series

    unit, types = choice.types(BODIES if name == "cumulative_bodies" else PEOPLE)
    start, end = choice.start, choice.end
    figures = _one_side(_within(series.headline(events.filter(pl.col("status") == "completed")),
                                "date", start, end), choice.side).filter(
        pl.col("event_type").is_in(types))  # fmt: skip
    if not figures.height:
        raise MissingDataError(f"no completed {', '.join(types)} events {_period(start, end)}")
    keywords = {"unit": unit, "events": figures, "sources": tables["sources"], "preset": preset,
                **choice.text()}  # fmt: skip
    if tables.get("coverage") is None:  # no coverage days: the data ends on its last event
        keywords["as_of"] = min(figures["date"].max(), end) if end else figures["date"].max()
    if name == "per_period":
        frame = series.per_period(events, freq=choice.freq, event_types=types, start=start,
                                  end=end, coverage=tables.get("coverage"))  # fmt: skip
        return per_period(_one_side(frame, choice.side), **keywords)  # type: ignore[arg-type]
    return _cumulative(tables, events, types, choice, **keywords)


def standard_chart(
    name: str,
    tables: dict[str, pl.DataFrame],
    *,
    start: dt.date | None = None,
    end: dt.date | None = None,
    preset: str | Preset = "web",
    subjects: Sequence[str] = MILITARY,
    choice: Choice | None = None,
    published_on: dt.date | None = None,
) -> Chart:
    """One standard chart (see STANDARD) from the tables events, claims, series and sources.

    `choice` (default: `start` and `end` only) picks event types, side, frequency, title,
    subtitle, language and publication day (`published_on`: printed as "Published …"; `end` only
    bounds the data). `subjects`: the claims chart's subjects (each side's military by default);
    figures about other subjects are left out and named in its note."""
    from analysis import series  # time-series work lives in analysis.series

    if name not in STANDARD:
        raise ValueError(f"unknown chart {name!r}; charts are {', '.join(STANDARD)}")
    choice = choice or Choice(start=start, end=end, published_on=published_on)
    start, end = choice.start, choice.end
    sources = tables["sources"]
    current = tables["events"].filter(pl.col("is_current"))
    if name == "claims":
        return _claims(tables, choice, preset, subjects)
    if name == "personnel_vs_named":
        return _personnel(tables, choice, preset)
    if name in ("cumulative", "cumulative_bodies", "per_period"):
        return _periodic(name, tables, _within(current, "date", start, end), choice, preset)
    completed = _within(current, "date", start, end).filter(pl.col("status") == "completed")
    if not completed.height:
        raise MissingDataError(f"no completed events {_period(start, end)}")
    if name == "timeline":
        figures = _one_side(series.headline(completed), choice.side)
        return timeline(figures.filter(pl.col("status") == "completed"), sources=sources,
                        preset=preset, **choice.text())  # fmt: skip
    if name == "asymmetry":
        return asymmetry(series.asymmetry(_within(current, "date", start, end)),
                         sources=source_names(completed, sources), preset=preset,
                         **choice.text())  # fmt: skip
    delivering = completed["agreement_id"].drop_nulls().unique().sort().to_list()
    if not delivering:
        raise MissingDataError(f"no deliveries on an agreement {_period(start, end)}")
    frame = _within(
        pl.concat([series.delivery(current, a) for a in delivering], how="vertical_relaxed"),
        "date", start, end,
    )  # fmt: skip
    return delivery(_one_side(frame, choice.side), sources=source_names(completed, sources),
                    preset=preset, **choice.text())  # fmt: skip


def standard_charts(
    tables: dict[str, pl.DataFrame],
    *,
    start: dt.date | None = None,
    end: dt.date | None = None,
    preset: str | Preset = "web",
    choice: Choice | None = None,
    published_on: dt.date | None = None,
) -> dict[str, Chart]:
    """Every standard chart that has data in the period, by name."""
    charts: dict[str, Chart] = {}
    for name in STANDARD:
        try:
            charts[name] = standard_chart(name, tables, start=start, end=end, preset=preset,
                                          choice=choice, published_on=published_on)  # fmt: skip
        except MissingDataError:
            continue
    return charts
