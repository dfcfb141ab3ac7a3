"""Cumulative step lines by side to the data's end; totals resting on lower bounds end in an
arrow; published totals as diamonds and the part the ledger does not itemise as a band."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import polars as pl
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Patch

from analysis.charts import points
from analysis.charts.chart import Chart
from analysis.charts.i18n import count, day, figure, label, number, t
from analysis.charts.kinds.common import (
    bound_arrow,
    check_unit,
    date_axis,
    days_columns,
    keywords,
    legend_above,
    partial_fill,
    present,
    side_handles,
    sides,
    thousands,
    with_coverage,
)
from analysis.charts.labels import end_labels
from analysis.charts.presets import Preset
from analysis.charts.scaffold import ChartText, Drawn, Layout, Sources, draw
from analysis.charts.style import MUTED, side_colour
from analysis.series.periods import period_qualifier


def _line(ax: object, rows: pl.DataFrame, side: str, p: Preset) -> tuple[list, list, object]:
    """One side's step line, extended to the last day covered (`through`), its band of figures
    not itemised (when `reconciled` is known) and the dot at the end; (x, y, band top)."""
    colour = side_colour(side)
    x, y = rows["period"].to_list(), rows["cumulative"].to_list()
    end = rows["through"][-1] if "through" in rows.columns else None
    if end is not None and end > x[-1]:  # the line runs to the data's end, not the period's start
        x.append(end)
        y.append(y[-1])
    ax.step(x, y, where="post", color=colour, label=label("side", side), gid=f"line-{side}")  # type: ignore[attr-defined]
    top = None
    if "reconciled" in rows.columns and rows["not_itemised"].fill_null(0).max():
        top = rows["reconciled"].to_list()
        top += top[-1:] * (len(x) - len(top))
        ax.fill_between(x, y, top, step="post", color=partial_fill(colour), lw=0,  # type: ignore[attr-defined]
                        gid=f"not-itemised-{side}")  # fmt: skip
    ax.plot(x[-1], y[-1], "o", color=colour, markersize=5 * p.font_scale,  # type: ignore[attr-defined]
            gid=f"point-{side}")  # fmt: skip
    return x, y, top


def _marks(ax: object, marks: pl.DataFrame, side: str, p: Preset) -> None:
    """The published totals of one side as hollow diamonds (an arrow on lower bounds)."""
    rows = marks.filter(pl.col("received_by") == side)
    if not rows.height:
        return
    colour = side_colour(side)
    ax.scatter(rows["period"].to_list(), rows["published_total"].to_list(), marker="D",  # type: ignore[attr-defined]
               s=28 * p.font_scale**2, facecolor="white", edgecolor=colour, zorder=4,
               linewidths=1.4 * p.font_scale,
               gid=f"published-{side}")  # fmt: skip
    for row in rows.filter(pl.col("qualifier") == "at_least").iter_rows(named=True):
        bound_arrow(ax, row["period"], row["published_total"], colour, up=True, scale=p.font_scale)  # type: ignore[arg-type]


def _end_label(rows: pl.DataFrame) -> str:
    """The label at a line's end: the total, "data to 6 Mar 2026", the part not itemised."""
    parts = [count(rows["cumulative"][-1], rows["qualifier"][-1])]
    if "through" in rows.columns and rows["through"][-1] is not None:
        parts.append(t("data_to.short", date=day(rows["through"][-1], short=True)))
    gap = rows["not_itemised"][-1] if "not_itemised" in rows.columns else None
    if gap:
        parts.append(t("not_itemised", n=number(round(gap, -2 if gap >= 1000 else -1))))
    return "\n".join(parts)


def _point(side: str, rows: pl.DataFrame, x: list, y: list, events: pl.DataFrame | None,
           sources: Sources) -> dict:  # fmt: skip
    """The end point of a side's line with its tooltip: the total, who gave the figures, the
    first source."""
    behind = events.filter(pl.col("received_by") == side) if events is not None else None
    who, publisher, url = points.cited(behind, points.lookup(sources)) if behind is not None \
        else ("", None, None)  # fmt: skip
    return {"gid": f"point-{side}", "date": x[-1], "when": day(x[-1]), "url": url,
            "value": figure(y[-1], rows["qualifier"][-1]),
            "who": who or label("side", side), "source": publisher}  # fmt: skip


def _plot(data: pl.DataFrame, marks: pl.DataFrame, events: pl.DataFrame | None, sources: Sources,
          fig: Figure, axes: list, p: Preset) -> Drawn:  # fmt: skip
    """A step line per side to the coverage end, ending in a dot and labelled with its total and
    the data's end; published totals as diamonds, the part not itemised as a band."""
    ax = axes[0][0]
    drawn = present(data)
    labels, ends = [], []
    for side in drawn:
        rows = data.filter(pl.col("received_by") == side)
        x, y, _ = _line(ax, rows, side, p)
        ends.append(_point(side, rows, x, y, events, sources))
        _marks(ax, marks, side, p)
        bound = rows["lower_bound"][-1]
        if bound:
            bound_arrow(ax, x[-1], y[-1], side_colour(side), up=True, scale=p.font_scale)
        labels.append(ax.annotate(_end_label(rows), (x[-1], y[-1]),
                                  xytext=(6 * p.font_scale, 0), textcoords="offset points",
                                  va="center", color=side_colour(side), fontweight="bold"))  # fmt: skip
    ax.set_ylim(bottom=0)
    date_axis(ax)
    thousands(ax.yaxis)
    handles = side_handles(drawn, marker=None) if len(drawn) > 1 else []
    if marks.height:
        handles.append(Line2D([], [], marker="D", linestyle="none", markerfacecolor="white",
                              markeredgecolor=MUTED, label=t("legend.published_total")))  # fmt: skip
    if "not_itemised" in data.columns and data["not_itemised"].fill_null(0).max():
        handles.append(Patch(color=partial_fill(MUTED), label=t("legend.not_itemised")))
    if handles:
        legend_above(ax, handles)
    note = t("note.lower_bound") if data["lower_bound"].any() else ""
    return Drawn(note, labels, lambda: end_labels(ax, labels), points.make(ends))


def _published_rows(published: pl.DataFrame | None, end: object) -> pl.DataFrame:
    """Published totals as chart rows (period = the day a total speaks for), up to the data's end."""
    if published is None or not published.height:
        return pl.DataFrame(schema=MARKS)
    rows = published.filter(pl.col("date") <= end) if end is not None else published
    return rows.select(period="date", received_by="received_by", published_total="value",
                       qualifier="qualifier", claimant="claimant", source_id="source_id")  # fmt: skip


def cumulative(
    frame: pl.DataFrame,
    *,
    published: pl.DataFrame | None = None,
    unit: str = "people",
    events: pl.DataFrame | None = None,
    sources: Sources = None,
    preset: str | Preset = "web",
    title: str | None = None,
    subtitle: str | None = None,
    as_of: dt.date | None = None,
    credit: str = "",
    logo: Path | None = None,
    lang: str = "en",
    published_on: dt.date | None = None,
) -> Chart:
    """Cumulative lines by side (step lines) to the data's end; totals resting on lower bounds
    end in an arrow. `published`: the matching published totals (series.published), drawn as
    diamonds; a frame from series.reconciled adds the part not itemised as a band.
    The data (CSV) has the ledger rows, then one row per published total with its claimant.
    `unit`: living "people" or "bodies", never both; `events` (headline figures) gives the end
    points their claimants and source page. The subtitle says when the sum starts."""
    check_unit(unit)
    frame = with_coverage(frame)
    extra = [c for c in ("not_itemised", "reconciled") if c in frame.columns]
    data = (
        sides(frame.sort("period"))
        .with_columns(qualifier=period_qualifier(running=True))
        .with_columns(lower_bound=pl.col("qualifier") == "at_least")
        .filter(pl.col("cumulative").is_not_null())
        .select("period", "received_by", "cumulative", "qualifier", "lower_bound", "partial",
                *days_columns(frame), *extra)  # fmt: skip
    )
    first = data["period"].min()
    title = title or t(f"cumulative.{unit}.title", lang)
    subtitle = subtitle or t("cumulative.subtitle", lang, what=t(f"unit.{unit}", lang),
                             date=day(first, lang) if first else "")  # fmt: skip
    text = ChartText(sources, preset, title, subtitle, as_of, credit, logo, lang, published_on)
    marks = _published_rows(published, data["through"].max() if "through" in data.columns else None)
    table = data.with_columns(line=pl.lit("ledger"))
    if marks.height:
        table = pl.concat([table, marks.with_columns(line=pl.lit("published"))],
                          how="diagonal_relaxed")  # fmt: skip
    layout = Layout(table, x="period", y="cumulative", group="received_by", unit=unit,
                    rows=events if events is not None else frame)  # fmt: skip
    return draw("cumulative", text, layout, lambda *a: _plot(data, marks, events, sources, *a),
                lambda again: cumulative(frame, published=published, unit=unit, events=events,
                                         **keywords(again)))  # fmt: skip


MARKS = {"period": pl.Date, "received_by": pl.String, "published_total": pl.Float64,
         "qualifier": pl.String, "claimant": pl.String, "source_id": pl.String}  # fmt: skip
