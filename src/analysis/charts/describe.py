"""Alt text: a plain-language description of a chart generated from its plotted data."""

from __future__ import annotations

import polars as pl

from analysis import escape
from analysis.charts.chart import Chart
from analysis.charts.finalise import source_line
from analysis.schema import SUBJECTS
from analysis.wording import SIDE_LABELS, dates_line, day, format_count, subject_label

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


def _when(row: dict[str, object], chart: Chart) -> str:
    """The day of a plotted row, and for a partial period the last day it covers."""
    when = day(row[chart.x])  # type: ignore[arg-type]
    if row.get("partial") and row.get("through"):
        when += f", a partial period: {_span(row)}"
    return when


def _span(row: dict[str, object]) -> str:
    """The days a partial period covers: "1 to 6 March 2026", "31 January 2024 only"."""
    since, through = row.get("since") or row["through"], row["through"]
    if since == through:
        return f"{day(through)} only"  # type: ignore[arg-type]
    return f"{day(since)} to {day(through)}"  # type: ignore[arg-type]


def _coverage(chart: Chart, plotted: pl.DataFrame, outside: pl.DataFrame) -> list[str]:
    """Sentences on the periods outside the data's coverage and the partial periods."""
    parts = []
    if outside.height:
        periods = outside[chart.x].n_unique()
        parts.append(f"{periods} period(s) from {day(outside[chart.x].min())} to "
                     f"{day(outside[chart.x].max())} are outside the data's coverage and not "
                     "drawn: no data, not zero.")  # fmt: skip
    if "partial" in plotted.columns:
        partial = plotted.filter(pl.col("partial").fill_null(False))
        ends = partial.unique(chart.x, maintain_order=True).iter_rows(named=True)
        named = [_span(r) for r in ends if r.get("through")]
        if named:
            parts.append(f"Partial period(s), not every day covered: {', '.join(named)}.")
    return parts


def _published(chart: Chart, marks: pl.DataFrame, plotted: pl.DataFrame) -> list[str]:
    """Sentences on the published totals drawn beside the ledger and the part not itemised."""
    if not marks.height:
        return []
    said = [
        f"{_name(chart, r['received_by'])} {format_count(r['published_total'], r['qualifier'])} "
        f"on {day(r[chart.x])} ({r['claimant']})"
        for r in marks.iter_rows(named=True)
    ]
    parts = [f"Published totals, drawn as diamonds: {'; '.join(said)}."]
    if "not_itemised" in plotted.columns:
        last = plotted.group_by(chart.group, maintain_order=True).agg(pl.all().last())
        for row in last.filter(pl.col("not_itemised").fill_null(0) > 0).iter_rows(named=True):
            gap = row["not_itemised"]
            parts.append(f"{_name(chart, row[chart.group])}: about {round(gap, -2 if gap >= 1000 else -1):,} "
                         "published but not itemised in the ledger, drawn as a band above its line.")  # fmt: skip
    return parts


def alt_text(chart: Chart) -> str:
    """What is shown, the period, the highest and lowest values and the latest value per series;
    periods outside the data's coverage, partial periods, published totals, the two dates."""
    data = chart.data.filter(pl.col(chart.x).is_not_null())
    marks = data.filter(pl.col("line") == "published") if "line" in data.columns else data[:0]
    data = data.filter(pl.col("line") != "published") if "line" in data.columns else data
    outside = (
        data.filter(~pl.col("covered") & pl.col(chart.y).is_null())
        if "covered" in data.columns else data[:0]
    )  # fmt: skip
    data = data.join(outside.select(chart.x).unique(), on=chart.x, how="anti")
    parts = [f"{chart.title}. {chart.subtitle}."]
    if data.height:
        ends = data["through"] if "through" in data.columns else data[chart.x]
        last = ends.drop_nulls().max() or data[chart.x].max()
        parts.append(f"The chart covers {day(data[chart.x].min())} to {day(last)}.")  # type: ignore[arg-type]
    known = data.filter(pl.col(chart.y).is_not_null())
    if known.height:
        group = [chart.group] if chart.group else []
        high = known.sort(chart.y, descending=True, maintain_order=True).row(0, named=True)
        low = known.sort(chart.y, maintain_order=True).row(0, named=True)
        for word, row in (("Highest", high), ("Lowest", low)):
            who = f"{_name(chart, row[chart.group])}, " if chart.group else ""
            parts.append(f"{word}: {_value(row, chart)} ({who}{_when(row, chart)}).")
        latest = known.group_by(group or pl.lit(1), maintain_order=True).agg(
            pl.all().sort_by(chart.x).last()
        )
        items = [
            f"{_name(chart, row[chart.group]) + ' ' if chart.group else ''}{_value(row, chart)} "
            f"on {_when(row, chart)}"
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
    parts += _coverage(chart, data, outside) + _published(chart, marks, data)
    if chart.sources:
        parts.append(f"{source_line(chart.sources, limit=SOURCES_NAMED)}.")
    if chart.as_of or chart.published:
        parts.append(f"{dates_line(chart.as_of, chart.published)}.")
    return escape.plain(" ".join(parts))
