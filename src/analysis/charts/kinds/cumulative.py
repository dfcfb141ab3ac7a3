"""Cumulative step lines by side; totals resting on lower bounds end in an arrow."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import polars as pl

from analysis.charts import points
from analysis.charts.chart import Chart
from analysis.charts.i18n import count, day, figure, label, t
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
from analysis.charts.style import side_colour

UNITS = ("people", "bodies")


def _end(ax: object, side: str, rows: pl.DataFrame, events: pl.DataFrame | None,
         sources: Sources, p: Preset) -> tuple[object, dict]:  # fmt: skip
    """A side's step line and its end: a dot (a point with its tooltip), an arrow when the total
    rests on a lower bound, the total as a label; returns the label and the point."""
    colour = side_colour(side)
    x, y = rows["period"].to_list(), rows["cumulative"].to_list()
    ax.step(x, y, where="post", color=colour, label=label("side", side), gid=f"line-{side}")
    bound = rows["lower_bound"][-1]
    ax.plot(x[-1], y[-1], "o", color=colour, markersize=5 * p.font_scale, gid=f"point-{side}")
    if bound:
        bound_arrow(ax, x[-1], y[-1], colour, up=True, scale=p.font_scale)
    text = ax.annotate(count(y[-1], "at_least" if bound else "exact"), (x[-1], y[-1]),
                       xytext=(6 * p.font_scale, 0), textcoords="offset points", va="center",
                       color=colour, fontweight="bold")  # fmt: skip
    behind = events.filter(pl.col("received_by") == side) if events is not None else None
    who, publisher, url = points.cited(behind, points.lookup(sources)) if behind is not None \
        else ("", None, None)  # fmt: skip
    point = {"gid": f"point-{side}", "date": x[-1], "when": day(x[-1]), "url": url,
             "value": figure(y[-1], "at_least" if bound else "exact"),
             "who": who or label("side", side), "source": publisher}  # fmt: skip
    return text, point


def _plot(data: pl.DataFrame, events: pl.DataFrame | None, sources: Sources, axes: list,
          p: Preset) -> Drawn:  # fmt: skip
    """A step line per side ending in a dot, an arrow when the total rests on a lower bound, and
    the total labelled at the end."""
    ax = axes[0][0]
    drawn = present(data)
    labels, rows = [], []
    for side in drawn:
        text, point = _end(ax, side, data.filter(pl.col("received_by") == side), events, sources, p)
        labels.append(text)
        rows.append(point)
    ax.set_ylim(bottom=0)
    date_axis(ax)
    thousands(ax.yaxis)
    if len(drawn) > 1:
        legend_above(ax, side_handles(drawn, marker=None))
    note = t("note.lower_bound") if data["lower_bound"].any() else ""
    return Drawn(note, labels, lambda: place(ax, labels), points.make(rows))


def cumulative(
    frame: pl.DataFrame,
    *,
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
) -> Chart:
    """Cumulative lines by side (step lines) of living people or bodies (`unit`), never both;
    totals resting on lower bounds end in an arrow. The subtitle says when the sum starts.
    `events` (headline figures) gives the end points their claimants and source page."""
    if unit not in UNITS:
        raise ValueError(f"unit must be one of {', '.join(UNITS)}, not {unit!r}")
    hidden = pl.col("lower_bound_events") + pl.col("undisclosed_events")
    data = (
        sides(frame.sort("period"))
        .with_columns(lower_bound=hidden.cum_sum().over("received_by") > 0)
        .select("period", "received_by", "cumulative", "lower_bound")
    )
    first = data["period"].min()
    title = title or t(f"cumulative.{unit}.title", lang)
    subtitle = subtitle or t("cumulative.subtitle", lang, what=t(f"unit.{unit}", lang),
                             date=day(first, lang) if first else "")  # fmt: skip
    text = ChartText(sources, preset, title, subtitle, as_of, credit, logo, lang)
    layout = Layout(data, x="period", y="cumulative", group="received_by", unit=unit,
                    rows=events if events is not None else frame)  # fmt: skip
    return draw("cumulative", text, layout, lambda fig, axes, p: _plot(data, events, sources, axes, p),
                lambda again: cumulative(frame, unit=unit, events=events, **again.keywords()))  # fmt: skip
