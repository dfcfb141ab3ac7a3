"""Alt text: a plain-language description of a chart generated from its plotted data."""

from __future__ import annotations

import polars as pl

from analysis import escape
from analysis.charts.chart import Chart
from analysis.charts.finalise import dates_text, source_line
from analysis.charts.i18n import day, figure, label, number, t, using
from analysis.schema import SIDES, SUBJECTS

SOURCES_NAMED = 5  # alt text names this many sources, then "and N more"


def _name(chart: Chart, group: object) -> str:
    """The display name of a series of the chart: a side, a subject or the group value as is."""
    if group is None:
        return label("unit", chart.unit)
    if group in SUBJECTS:
        return label("losses", str(group))
    return label("side", str(group)) if group in SIDES else str(group)


def _value(row: dict[str, object], chart: Chart) -> str:
    """A plotted value in words with its qualifier (at least, about, a range) when it has one."""
    qualifier = str(row.get("qualifier") or ("at_least" if row.get("lower_bound") else "exact"))
    return figure(row[chart.y], qualifier, high=row.get("value_high"), low=row.get("value_low"))  # type: ignore[arg-type]


def _when(row: dict[str, object], chart: Chart) -> str:
    """The day of a plotted row, and for a partial period the last day it covers."""
    when = day(row[chart.x])  # type: ignore[arg-type]
    if row.get("partial") and row.get("through"):
        return t("alt.partial_when", when=when, span=_span(row))
    return when


def _span(row: dict[str, object]) -> str:
    """The days a partial period covers: "1 to 6 March 2026", "31 January 2024 only"."""
    since, through = row.get("since") or row["through"], row["through"]
    if since == through:
        return t("alt.only", date=day(through))  # type: ignore[arg-type]
    return t("alt.span", since=day(since), through=day(through))  # type: ignore[arg-type]


def _coverage(chart: Chart, plotted: pl.DataFrame, outside: pl.DataFrame) -> list[str]:
    """Sentences on the periods outside the data's coverage and the partial periods."""
    parts = []
    if outside.height:
        periods = outside[chart.x].n_unique()
        parts.append(t("alt.outside", n=periods, start=day(outside[chart.x].min()),
                       end=day(outside[chart.x].max())))  # fmt: skip
    if "partial" in plotted.columns:
        partial = plotted.filter(pl.col("partial").fill_null(False))
        ends = partial.unique(chart.x, maintain_order=True).iter_rows(named=True)
        named = [_span(r) for r in ends if r.get("through")]
        if named:
            parts.append(t("alt.partial", spans=", ".join(named)))
    return parts


def _published(chart: Chart, marks: pl.DataFrame, plotted: pl.DataFrame) -> list[str]:
    """Sentences on the published totals drawn beside the ledger and the part not itemised."""
    if not marks.height:
        return []
    said = [
        t("alt.published_item", who=_name(chart, r["received_by"]), claimant=r["claimant"],
          value=figure(r["published_total"], r["qualifier"]), when=day(r[chart.x]))
        for r in marks.iter_rows(named=True)
    ]  # fmt: skip
    parts = [t("alt.published", items="; ".join(said))]
    if "not_itemised" in plotted.columns:
        last = plotted.group_by(chart.group, maintain_order=True).agg(pl.all().last())
        for row in last.filter(pl.col("not_itemised").fill_null(0) > 0).iter_rows(named=True):
            gap = row["not_itemised"]
            parts.append(t("alt.not_itemised", who=_name(chart, row[chart.group]),
                           n=number(round(gap, -2 if gap >= 1000 else -1))))  # fmt: skip
    return parts


def alt_text(chart: Chart) -> str:
    """What is shown, the period, the highest and lowest values and the latest value per series;
    periods outside the data's coverage, partial periods, published totals, the two dates; in
    the chart's language."""
    with using(chart.lang):
        return escape.plain(" ".join(_sentences(chart)))


def _sentences(chart: Chart) -> list[str]:
    """The alt text's sentences, in the current chart language."""
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
        parts.append(t("alt.covers", start=day(data[chart.x].min()), end=day(last)))  # type: ignore[arg-type]
    parts += _values(chart, data.filter(pl.col(chart.y).is_not_null()))
    parts += _missing(chart, data.filter(pl.col(chart.y).is_null()))
    parts += _coverage(chart, data, outside) + _published(chart, marks, data)
    if chart.sources:
        parts.append(f"{source_line(chart.sources, limit=SOURCES_NAMED)}.")
    if chart.as_of or chart.published:
        parts.append(dates_text(chart.as_of, chart.published).replace("\n", " · ") + ".")
    return parts


def _values(chart: Chart, known: pl.DataFrame) -> list[str]:
    """The highest, the lowest and each series' latest value."""
    if not known.height:
        return []
    high = known.sort(chart.y, descending=True, maintain_order=True).row(0, named=True)
    low = known.sort(chart.y, maintain_order=True).row(0, named=True)
    parts = []
    for key, row in (("alt.highest", high), ("alt.lowest", low)):
        who = f"{_name(chart, row[chart.group])}, " if chart.group else ""
        parts.append(t(key, value=_value(row, chart), when=who + _when(row, chart)))
    group = [chart.group] if chart.group else []
    latest = known.group_by(group or pl.lit(1), maintain_order=True).agg(
        pl.all().sort_by(chart.x).last()
    )
    items = [
        (_name(chart, row[chart.group]) + " " if chart.group else "")
        + t("alt.on", value=_value(row, chart), when=_when(row, chart))
        for row in latest.iter_rows(named=True)
    ]
    return [*parts, t("alt.latest", items="; ".join(items))]


def _missing(chart: Chart, unknown: pl.DataFrame) -> list[str]:
    """Days marked without a value (flags) and figures not disclosed (hatched)."""
    flagged = (
        unknown.filter(pl.col("flag").is_not_null()) if "flag" in unknown.columns else unknown[:0]
    )
    parts = []
    if flagged.height:
        flags = ", ".join(flagged["flag"].unique(maintain_order=True).to_list())
        parts.append(t("alt.flagged", n=flagged.height, flags=flags))
    hidden = unknown.height - flagged.height
    if hidden:
        parts.append(t("alt.hidden", n=hidden))
    return parts
