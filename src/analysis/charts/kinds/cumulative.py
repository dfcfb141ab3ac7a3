"""Cumulative step lines by side; totals resting on lower bounds end in an arrow."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import polars as pl
from matplotlib.figure import Figure

from analysis.charts.chart import Chart
from analysis.charts.kinds.common import (
    bound_arrow,
    date_axis,
    legend_above,
    present,
    side_handles,
    sides,
    thousands,
)
from analysis.charts.labels import place
from analysis.charts.presets import Preset
from analysis.charts.scaffold import ChartText, Drawn, Layout, Sources, draw
from analysis.charts.style import format_count, side_colour, side_label


def _plot(data: pl.DataFrame, fig: Figure, axes: list, p: Preset) -> Drawn:
    """A step line per side ending in a dot, an arrow when the total rests on a lower bound, and
    the total labelled at the end."""
    ax = axes[0][0]
    drawn = present(data)
    labels = []
    for side in drawn:
        rows = data.filter(pl.col("received_by") == side)
        colour = side_colour(side)
        x, y = rows["period"].to_list(), rows["cumulative"].to_list()
        ax.step(x, y, where="post", color=colour, label=side_label(side), gid=f"line-{side}")
        bound = rows["lower_bound"][-1]
        ax.plot(x[-1], y[-1], "o", color=colour, markersize=5 * p.font_scale)
        if bound:
            bound_arrow(ax, x[-1], y[-1], colour, up=True, scale=p.font_scale)
        labels.append(ax.annotate(format_count(y[-1], "at_least" if bound else "exact"),
                                  (x[-1], y[-1]), xytext=(6 * p.font_scale, 0),
                                  textcoords="offset points", va="center", color=colour,
                                  fontweight="bold"))  # fmt: skip
    ax.set_ylim(bottom=0)
    date_axis(ax)
    thousands(ax.yaxis)
    legend_above(ax, side_handles(drawn, marker=None))
    note = ""
    if data["lower_bound"].any():
        note = "↑ A lower bound: some counts were stated as 'at least' or not disclosed."
    return Drawn(note, labels, lambda: place(ax, labels))


def cumulative(
    frame: pl.DataFrame,
    *,
    sources: Sources = None,
    preset: str | Preset = "web",
    title: str = "People returned in exchanges and repatriations",
    subtitle: str = "Cumulative number of people and bodies received, by receiving side",
    as_of: dt.date | None = None,
    credit: str = "",
    logo: Path | None = None,
) -> Chart:
    """Cumulative lines by side (step lines); totals resting on lower bounds end in an arrow."""
    text = ChartText(sources, preset, title, subtitle, as_of, credit, logo)
    hidden = pl.col("lower_bound_events") + pl.col("undisclosed_events")
    data = (
        sides(frame.sort("period"))
        .with_columns(lower_bound=hidden.cum_sum().over("received_by") > 0)
        .select("period", "received_by", "cumulative", "lower_bound")
    )
    layout = Layout(data, x="period", y="cumulative", group="received_by", rows=frame)
    return draw("cumulative", text, layout, lambda *a: _plot(data, *a),
                lambda t: cumulative(frame, **t.keywords()))  # fmt: skip
