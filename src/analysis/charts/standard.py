"""The standard charts of the reports, built from the processed tables for a period."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

import polars as pl

from analysis.charts.chart import Chart
from analysis.charts.finalise import source_names
from analysis.charts.kinds import (
    MILITARY,
    asymmetry,
    claims_vs_independent,
    cumulative,
    delivery,
    per_period,
    timeline,
)
from analysis.charts.presets import Preset
from analysis.errors import MissingDataError

STANDARD = (
    "cumulative", "cumulative_bodies", "per_period", "timeline", "asymmetry", "delivery", "claims",
)  # fmt: skip
CLAIM_METRICS = ("killed", "names_identified")
PEOPLE = ("pow_exchange", "civilian_return", "wounded_transfer", "child_return")  # living people
BODIES = ("body_repatriation",)
CUMULATIVE = {  # chart name: (event types, title, subtitle)
    "cumulative": (
        PEOPLE,
        "People returned alive in exchanges",
        "Cumulative number of prisoners of war, civilians and children received, by receiving "
        "side (bodies not included)",
    ),
    "cumulative_bodies": (
        BODIES,
        "Bodies repatriated",
        "Cumulative number of bodies of the fallen received, by receiving side",
    ),
}


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


def _claims(
    tables: dict[str, pl.DataFrame],
    start: dt.date | None,
    end: dt.date | None,
    preset: str | Preset,
    subjects: Sequence[str],
) -> Chart:
    """The claims chart: deaths as stated by claimants and counted by upstream series."""
    like = pl.col("metric").is_in(CLAIM_METRICS)  # compare like with like: deaths
    claims = _within(tables["claims"].filter(pl.col("is_current") & like), "claim_date", start, end)
    upstream = _within(tables["series"].filter(like), "date", start, end)
    if not claims.height and not upstream.height:
        raise MissingDataError(f"no claims or upstream series {_period(start, end)}")
    return claims_vs_independent(
        claims, upstream, subjects=subjects, sources=tables["sources"], preset=preset, published_on=end,
        subtitle=f"{'Military dead' if set(subjects) <= set(MILITARY) else 'Dead'} as stated, "
        "by whose losses: claims by warring parties are hollow",
    )  # fmt: skip


def _cumulative(
    tables: dict[str, pl.DataFrame], events: pl.DataFrame, types: Sequence[str],
    start: dt.date | None, end: dt.date | None, preset: str | Preset, **text: object,
) -> Chart:  # fmt: skip
    """A cumulative chart to the data's end; from the first event with published totals and the
    part not itemised when totals count exactly these event types (series.published.MATCHING)."""
    from analysis import series
    from analysis.series import published

    coverage = tables.get("coverage")
    names = published.matching(types)
    if names and start is None and "totals" in tables:
        frame = published.reconciled(events, tables["totals"], "month", types, end, coverage)
        marks = published.published(tables["totals"], names, end)
        return cumulative(frame, published=marks, preset=preset, published_on=end, **text)  # type: ignore[arg-type]
    frame = series.cumulative(events, event_types=types, start=start, end=end, coverage=coverage)
    return cumulative(frame, preset=preset, published_on=end, **text)  # type: ignore[arg-type]


def standard_chart(
    name: str,
    tables: dict[str, pl.DataFrame],
    *,
    start: dt.date | None = None,
    end: dt.date | None = None,
    preset: str | Preset = "web",
    subjects: Sequence[str] = MILITARY,
) -> Chart:
    """One standard chart (see STANDARD) from the tables events, claims, series and sources.

    `subjects`: the claims chart's panels, one per subject (each side's military by default);
    figures about other subjects are left out and named in its note."""
    from analysis import series  # time-series work lives in analysis.series

    if name not in STANDARD:
        raise ValueError(f"unknown chart {name!r}; charts are {', '.join(STANDARD)}")
    sources = tables["sources"]
    current = tables["events"].filter(pl.col("is_current"))
    events = _within(current, "date", start, end)
    completed = events.filter(pl.col("status") == "completed")
    if name == "claims":
        return _claims(tables, start, end, preset, subjects)
    if not completed.height:
        raise MissingDataError(f"no completed events {_period(start, end)}")
    if name in CUMULATIVE:
        types, title, subtitle = CUMULATIVE[name]
        chosen = completed.filter(pl.col("event_type").is_in(types))
        if not chosen.height:
            raise MissingDataError(f"no completed {', '.join(types)} events {_period(start, end)}")
        return _cumulative(tables, events, types, start, end, preset,
                           sources=source_names(chosen, sources), title=title, subtitle=subtitle)  # fmt: skip
    names = source_names(completed, sources)
    if name == "per_period":
        frame = series.per_period(events, start=start, end=end, coverage=tables.get("coverage"))
        return per_period(frame, sources=names, preset=preset, published_on=end)
    if name == "timeline":
        figures = series.headline(completed)
        return timeline(
            figures.filter(pl.col("status") == "completed"), sources=sources, preset=preset,
            published_on=end,
        )
    if name == "asymmetry":
        return asymmetry(series.asymmetry(events), sources=names, preset=preset, published_on=end)
    delivering = completed["agreement_id"].drop_nulls().unique().sort().to_list()
    if not delivering:
        raise MissingDataError(f"no deliveries on an agreement {_period(start, end)}")
    frame = _within(
        pl.concat([series.delivery(current, a) for a in delivering], how="vertical_relaxed"),
        "date", start, end,
    )  # fmt: skip
    return delivery(frame, sources=names, preset=preset, published_on=end)


def standard_charts(
    tables: dict[str, pl.DataFrame],
    *,
    start: dt.date | None = None,
    end: dt.date | None = None,
    preset: str | Preset = "web",
) -> dict[str, Chart]:
    """Every standard chart that has data in the period, by name."""
    charts: dict[str, Chart] = {}
    for name in STANDARD:
        try:
            charts[name] = standard_chart(name, tables, start=start, end=end, preset=preset)
        except MissingDataError:
            continue
    return charts
