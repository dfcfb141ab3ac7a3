"""A grid of cumulative step lines by side, one panel per value of a column."""

from __future__ import annotations

import datetime as dt
import math
from pathlib import Path

import polars as pl

from analysis.charts.chart import Chart
from analysis.charts.i18n import label, t
from analysis.charts.kinds.common import date_axis, present, side_handles, sides, thousands
from analysis.charts.presets import Preset
from analysis.charts.scaffold import ChartText, Drawn, Layout, Sources, draw
from analysis.charts.style import SIDES, side_colour


def _plot(data: pl.DataFrame, by: str, panels: list, fig: object, axes: list, p: Preset) -> Drawn:
    """A panel per value (titled), spare axes removed, the sides' legend in the first panel."""
    flat = [ax for row in axes for ax in row]
    for ax, value in zip(flat, panels, strict=False):
        rows = data.filter(pl.col(by) == value)
        for side in SIDES:
            line = rows.filter(pl.col("received_by") == side)
            if line.height:
                x, y = line["period"].to_list(), line["cumulative"].to_list()
                ax.step(x, y, where="post", color=side_colour(side), linewidth=1.6 * p.font_scale)
                ax.plot(x[-1], y[-1], "o", color=side_colour(side), markersize=4 * p.font_scale)
        ax.set_title(label("event", value) if by == "event_type" else str(value))
        ax.set_ylim(bottom=0)
        date_axis(ax)
        thousands(ax.yaxis)
    for ax in flat[len(panels) :]:
        fig.delaxes(ax)
    flat[0].legend(handles=side_handles(present(data)), loc="upper left")
    return Drawn()


def small_multiples(
    frame: pl.DataFrame,
    *,
    by: str = "event_type",
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
    """A grid of cumulative step lines by side, one panel per value of `by`, on a shared scale."""
    title = title or t("small_multiples.title", lang)
    subtitle = subtitle or t("small_multiples.subtitle", lang)
    text = ChartText(sources, preset, title, subtitle, as_of, credit, logo, lang, published_on)
    panels = frame[by].unique(maintain_order=True).to_list()  # in the order of the input
    data = sides(frame.sort("period")).select(by, "period", "received_by", "cumulative")
    ncols = min(3, len(panels))
    layout = Layout(data, x="period", y="cumulative", group="received_by", rows=frame,
                    grid=(math.ceil(len(panels) / ncols), ncols),
                    shared={"sharex": True, "sharey": True})  # fmt: skip
    return draw("small_multiples", text, layout,
                lambda fig, axes, p: _plot(data, by, panels, fig, axes, p),
                lambda again: small_multiples(frame, by=by, **again.keywords()))  # fmt: skip
