"""Bars per period by side: mirrored (Ukraine up, Russia down) or grouped side by side."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import polars as pl
from matplotlib.axes import Axes
from matplotlib.patches import Patch

from analysis.charts.chart import Chart
from analysis.charts.kinds.common import (
    bound_arrow,
    coverage_marks,
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
from analysis.charts.presets import Preset
from analysis.charts.scaffold import ChartText, Drawn, Layout, Sources, draw
from analysis.charts.style import MUTED, UNDISCLOSED_HATCH, side_colour, side_label

MIRRORED = "People and bodies received in each period: Ukraine above the line, Russia below"
GROUPED = "Number of people and bodies received in each period, by receiving side"


def _bars(ax: Axes, rows: pl.DataFrame, x: list, side: str, width: float, p: Preset) -> None:
    """One side's bars, a hatched square on periods with undisclosed counts and an arrow on sums
    resting on lower bounds."""
    colour = side_colour(side)
    heights = rows["plotted"].cast(pl.Float64).fill_null(float("nan")).to_list()  # nan: no bar
    part = rows["partial"].to_list()
    ax.bar(x, heights, width=width, color=colour, label=side_label(side), gid=f"bars-{side}",
           edgecolor=[colour if p else "none" for p in part],
           facecolor=[partial_fill(colour) if p else colour for p in part])  # fmt: skip
    hidden = rows.with_columns(x=pl.Series(x)).filter(pl.col("undisclosed_events") > 0)
    if hidden.height:
        ax.scatter(hidden["x"].to_list(), hidden["plotted"].to_list(),
                   s=60 * p.font_scale**2, marker="s", facecolor="white",
                   edgecolor=colour, hatch=UNDISCLOSED_HATCH, zorder=3, clip_on=False)  # fmt: skip
    bounded = rows.with_columns(x=pl.Series(x)).filter(pl.col("lower_bound_events") > 0)
    for row in bounded.iter_rows(named=True):
        bound_arrow(ax, row["x"], row["plotted"], colour, up=row["plotted"] >= 0,
                    scale=p.font_scale)  # fmt: skip


def _plot(data: pl.DataFrame, mirrored: bool, width: float, offset: float, axes: list,
          p: Preset, step: dt.timedelta) -> Drawn:  # fmt: skip
    """Every side's bars, the zero line (mirrored) and the legend."""
    ax = axes[0][0]
    drawn = present(data)
    for i, side in enumerate(drawn):
        rows = data.filter(pl.col("received_by") == side)
        shift = dt.timedelta(days=(i - (len(drawn) - 1) / 2) * 2 * offset)
        _bars(ax, rows, [d + shift for d in rows["period"].to_list()], side, width, p)
    if mirrored:
        ax.axhline(0, color="#222222", linewidth=0.8)
    else:
        ax.set_ylim(bottom=0)
    date_axis(ax)
    thousands(ax.yaxis, absolute=True)
    handles = side_handles(drawn) + coverage_marks(ax, data, step)
    if (data["undisclosed_events"] > 0).any():
        handles.append(Patch(facecolor="white", edgecolor=MUTED, hatch=UNDISCLOSED_HATCH,
                             label="Undisclosed counts"))  # fmt: skip
    legend_above(ax, handles)
    note = ""
    if (data["lower_bound_events"] > 0).any():
        note = "↑ At least: the period includes counts stated as 'at least'."
    return Drawn(note)


def per_period(
    frame: pl.DataFrame,
    *,
    mirrored: bool = True,
    sources: Sources = None,
    preset: str | Preset = "web",
    title: str = "People returned, by period",
    subtitle: str | None = None,
    as_of: dt.date | None = None,
    credit: str = "",
    logo: Path | None = None,
    published_on: dt.date | None = None,
) -> Chart:
    """Bars per period by side: mirrored (Ukraine up, Russia down) or grouped side by side.

    Periods with undisclosed counts get a hatched mark; sums resting on lower bounds an arrow.
    Periods outside the data's coverage (`covered` false, no events) are not drawn and are
    shaded "No data"; partial periods (`partial`) are drawn lighter.
    """
    subtitle = subtitle or (MIRRORED if mirrored else GROUPED)
    text = ChartText(sources, preset, title, subtitle, as_of, credit, logo, published_on)
    periods = frame["period"].unique().sort()
    step = periods.diff().drop_nulls().min() if periods.len() > 1 else dt.timedelta(days=30)
    width = step.days * (0.8 if mirrored else 0.4)
    sign = pl.when(pl.col("received_by") == "russia").then(-1).otherwise(1) if mirrored else 1
    offset = 0.0 if mirrored else width / 2
    frame = with_coverage(frame)
    data = sides(frame.sort("period")).select(
        "period", "received_by", "count", "undisclosed_events", "lower_bound_events",
        "covered", "partial", *days_columns(frame),
        plotted=pl.when(pl.col("covered") | pl.col("count").is_not_null())
        .then(pl.col("count").fill_null(0) * sign),
    )  # fmt: skip
    layout = Layout(data, x="period", y="count", group="received_by", rows=frame)
    return draw("per_period", text, layout,
                lambda fig, axes, p: _plot(data, mirrored, width, offset, axes, p, step),
                lambda t: per_period(frame, mirrored=mirrored, **keywords(t)))  # fmt: skip
