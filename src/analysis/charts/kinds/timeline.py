"""A dot per event and side, area proportional to the count."""

from __future__ import annotations

import datetime as dt
import math
from pathlib import Path

import polars as pl
from matplotlib.axes import Axes
from matplotlib.lines import Line2D
from matplotlib.patches import Patch

from analysis.charts.chart import Chart
from analysis.charts.i18n import count, label, t
from analysis.charts.kinds.common import date_axis, legend_above, sides
from analysis.charts.labels import place
from analysis.charts.presets import Preset, get_preset
from analysis.charts.scaffold import ChartText, Drawn, Layout, Sources, draw
from analysis.charts.style import (
    EVENT_TYPE_MARKERS,
    MUTED,
    SIDES,
    SUBTLE,
    UNDISCLOSED_HATCH,
    side_colour,
)

MAX_MARKER_AREA = 700.0  # points², the area of the largest event's dot
CROWD = 30  # events per side above which the dots shrink in proportion
ROWS_Y = {s: len(SIDES) - 1 - i for i, s in enumerate(SIDES)}  # Ukraine on the top row


def _area(events: pl.DataFrame, p: Preset) -> float:
    """Points² of marker per person: the largest event gets MAX_MARKER_AREA, crowds less."""
    largest = events["count"].max() or 1
    crowd = events.group_by("received_by").len()["len"].max() or 1
    return MAX_MARKER_AREA * p.font_scale**2 * min(1.0, CROWD / crowd) / largest


def _dots(ax: Axes, data: pl.DataFrame, area: float) -> pl.DataFrame:
    """The dots by side, event type and encoding, and dashed rings for the other side's figure
    of disputed events; returns the ringed rows."""
    for (side, event_type, encoding), group in data.group_by(
        "received_by", "event_type", "encoding", maintain_order=True
    ):
        colour = side_colour(side)
        style = {
            "exact": {"facecolor": colour, "edgecolor": "white", "linewidths": 0.5},
            "bound": {"facecolor": "white", "edgecolor": colour, "linewidths": 1.6},
            "undisclosed": {"facecolor": "white", "edgecolor": colour,
                            "hatch": UNDISCLOSED_HATCH, "linewidths": 1.0},
        }[encoding]  # fmt: skip
        ax.scatter(group["date"].to_list(), [ROWS_Y[side]] * group.height,
                   s=group["marker_area"].to_list(), marker=EVENT_TYPE_MARKERS.get(event_type, "o"),
                   alpha=0.9, zorder=3, **style)  # fmt: skip
    rings = data.filter(pl.col("disputed") & pl.col("alt_count").is_not_null())
    for side, group in rings.group_by("received_by", maintain_order=True):
        ax.scatter(group["date"].to_list(), [ROWS_Y[side[0]]] * group.height,
                   s=(group["alt_count"] * area).clip(lower_bound=8.0).to_list(),
                   facecolor="none", edgecolor=side_colour(side[0]), linestyle="--",
                   linewidths=1.0, zorder=4)  # fmt: skip
    return rings


def _labels(ax: Axes, data: pl.DataFrame, label_top: int, p: Preset) -> list:
    """Counts above the `label_top` largest dots, skipping dots close to a larger labelled one."""
    labelled = data.filter(pl.col("count").is_not_null()).sort("count", descending=True)
    span = max((data["date"].max() - data["date"].min()).days, 1)
    taken: list[tuple[str, dt.date]] = []
    labels = []
    for row in labelled.iter_rows(named=True):
        near = any(side == row["received_by"] and abs((day - row["date"]).days) < span * 0.08
                   for side, day in taken)  # fmt: skip
        if near or len(taken) == label_top:
            continue  # the larger neighbour is labelled; avoid overprinting
        taken.append((row["received_by"], row["date"]))
        radius = math.sqrt(row["marker_area"]) / 2
        labels.append(ax.annotate(count(row["count"], row["qualifier"]),
                                  (row["date"], ROWS_Y[row["received_by"]]),
                                  xytext=(0, radius + 3 * p.font_scale),
                                  textcoords="offset points", ha="center", va="bottom",
                                  fontsize="small", color=side_colour(row["received_by"])))  # fmt: skip
    return labels


def _handles(data: pl.DataFrame, rings: bool) -> list:
    """Legend entries: the encodings, the other side's ring when drawn, the event types."""
    handles = [
        Line2D([], [], marker="o", linestyle="", color=MUTED, label=t("legend.exact")),
        Line2D([], [], marker="o", linestyle="", markerfacecolor="white",
               markeredgecolor=MUTED, label=t("legend.bound")),
        Patch(facecolor="white", edgecolor=MUTED, hatch=UNDISCLOSED_HATCH, label=t("legend.undisclosed")),
    ]  # fmt: skip
    if rings:
        handles.append(Line2D([], [], marker="o", linestyle="", markerfacecolor="none",
                              markeredgecolor=MUTED, label=t("legend.other_side")))  # fmt: skip
    types = data["event_type"].unique(maintain_order=True).to_list()
    return handles + [Line2D([], [], marker=EVENT_TYPE_MARKERS.get(code, "o"), linestyle="",
                             color=SUBTLE, label=label("event", code)) for code in types]  # fmt: skip


def _plot(data: pl.DataFrame, area: float, label_top: int, axes: list, p: Preset) -> Drawn:
    """Dots, labels, one row per side and the legend."""
    ax = axes[0][0]
    rings = _dots(ax, data, area)
    labels = _labels(ax, data, label_top, p)
    ax.set_yticks(list(ROWS_Y.values()), [t(f"received_by.{s}") for s in ROWS_Y])
    ax.set_ylim(-0.7, len(SIDES) - 0.3)
    ax.tick_params(axis="y", length=0)
    date_axis(ax)
    handles = _handles(data, bool(rings.height))
    legend_above(ax, handles, ncols=min(len(handles), 3))
    return Drawn("", labels, lambda: place(ax, labels))


def timeline(
    events: pl.DataFrame,
    *,
    label_top: int = 6,
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
    """A dot per event and side, area proportional to the count; open dots are bounds or
    approximations, hatched dots undisclosed counts, dashed rings the other side's figure."""
    title, subtitle = title or t("timeline.title", lang), subtitle or t("timeline.subtitle", lang)
    text = ChartText(sources, preset, title, subtitle, as_of, credit, logo, lang, published_on)
    p = get_preset(preset)
    area = _area(events, p)
    undisclosed = pl.col("count").is_null()
    data = sides(events.sort("date")).select(
        "event_id", "date", "event_type", "received_by", "count", "qualifier", "disputed",
        "alt_count",
        marker_area=pl.when(undisclosed).then(60.0 * p.font_scale**2)
        .otherwise((pl.col("count") * area).clip(lower_bound=8.0)),
        encoding=pl.when(undisclosed).then(pl.lit("undisclosed"))
        .when(pl.col("qualifier") == "exact").then(pl.lit("exact")).otherwise(pl.lit("bound")),
    )  # fmt: skip
    layout = Layout(data, x="date", y="count", group="received_by", rows=events)
    return draw("timeline", text, layout,
                lambda fig, axes, p: _plot(data, area, label_top, axes, p),
                lambda again: timeline(events, label_top=label_top, **again.keywords()))  # fmt: skip
