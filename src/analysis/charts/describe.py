"""Alt text: a plain-language description of a chart generated from its plotted data."""

from __future__ import annotations

import polars as pl

from analysis import escape
from analysis.charts.chart import Chart
from analysis.charts.finalise import source_line
from analysis.schema import SUBJECTS
from analysis.wording import SIDE_LABELS, day, format_count, subject_label

SOURCES_NAMED = 5  # alt text names this many sources, then "and N more"


def _name(chart: Chart, group: object) -> str:
    """The display name of a series of the chart: a side, a subject or the group value as is."""
    if group is None:
        return chart.unit
    return (
        subject_label(str(group)) if group in SUBJECTS else SIDE_LABELS.get(str(group), str(group))
    )


def _value(row: dict[str, object], chart: Chart) -> str:
    """A plotted value with its qualifier (at least, about, ...) when the data has one."""
    qualifier = "at_least" if row.get("lower_bound") else str(row.get("qualifier") or "exact")
    if qualifier == "range" and row.get("value_high") is not None:
        return f"{row.get('value_low') or row[chart.y]:,.0f} to {row['value_high']:,.0f}"
    return format_count(row[chart.y], qualifier)


def alt_text(chart: Chart) -> str:
    """What is shown, the period, the highest and lowest values and the latest value per series."""
    data = chart.data.filter(pl.col(chart.x).is_not_null())
    parts = [f"{chart.title}. {chart.subtitle}."]
    if data.height:
        parts.append(
            f"The chart covers {day(data[chart.x].min())} to {day(data[chart.x].max())}."
        )
    known = data.filter(pl.col(chart.y).is_not_null())
    if known.height:
        group = [chart.group] if chart.group else []
        high = known.sort(chart.y, descending=True, maintain_order=True).row(0, named=True)
        low = known.sort(chart.y, maintain_order=True).row(0, named=True)
        for word, row in (("Highest", high), ("Lowest", low)):
            who = f"{_name(chart, row[chart.group])}, " if chart.group else ""
            parts.append(f"{word}: {_value(row, chart)} ({who}{day(row[chart.x])}).")
        latest = known.group_by(group or pl.lit(1), maintain_order=True).agg(
            pl.all().sort_by(chart.x).last()
        )
        items = [
            f"{_name(chart, row[chart.group]) + ' ' if chart.group else ''}{_value(row, chart)} "
            f"on {day(row[chart.x])}"
            for row in latest.iter_rows(named=True)
        ]
        parts.append(f"Latest value: {'; '.join(items)}.")
    unknown = data.filter(pl.col(chart.y).is_null())
    flagged = (
        unknown.filter(pl.col("flag").is_not_null()) if "flag" in data.columns else unknown[:0]
    )
    if flagged.height:
        flags = ", ".join(flagged["flag"].unique(maintain_order=True).to_list())
        parts.append(
            f"{flagged.height} day(s) without a value ({flags}) are marked at the baseline."
        )
    hidden = unknown.height - flagged.height
    if hidden:
        parts.append(f"{hidden} plotted figure(s) were not disclosed and are shown hatched.")
    if chart.sources:
        parts.append(f"{source_line(chart.sources, limit=SOURCES_NAMED)}.")
    if chart.as_of:
        parts.append(f"Data as of {day(chart.as_of)}.")
    return escape.plain(" ".join(parts))
