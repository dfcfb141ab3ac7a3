"""One upstream series day by day: bars, rolling means, and the days without a value marked."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from pathlib import Path

import polars as pl
from matplotlib.axes import Axes
from matplotlib.lines import Line2D
from matplotlib.ticker import MaxNLocator

from analysis.charts.chart import Chart
from analysis.charts.kinds.common import date_axis, legend_above, thousands
from analysis.charts.presets import Preset
from analysis.charts.scaffold import ChartText, Drawn, Layout, Sources, draw
from analysis.charts.style import (
    SERIES_KIND_STYLES,
    SUBTLE,
    TEXT,
    metric_label,
    side_colour,
    source_label,
    subject_label,
)

DAILY_MARKS = {  # flag: (marker, legend entry) for the days without a daily value
    "correction": ("v", "correction (total fell; no daily value)"),
    "gap": ("o", "gap (no daily value)"),
    "missing": ("o", "missing day (no value)"),
}


def _one_series(frame: pl.DataFrame) -> tuple[str, str, str, str]:
    """The (source, subject, metric, kind) of a frame holding one series; ValueError otherwise."""
    keys = [c for c in ("source", "subject", "metric", "vintage") if c in frame.columns]
    found = frame.select(*keys, "kind").unique()
    if found.height != 1:
        raise ValueError(f"daily() draws one series; got {found.height} ({', '.join(keys)}, kind)")
    row = found.row(0, named=True)
    return row["source"], row["subject"], row["metric"], row["kind"]


def _window_label(column: str) -> str:
    """A rolling column as words: delta_mean_7d → 7-day mean."""
    match = re.fullmatch(r".+_(?P<how>mean|sum)_(?P<days>\d+)d", column)
    return f"{match['days']}-day {match['how']}" if match else column.replace("_", " ")


def _bars_and_lines(ax: Axes, ordered: pl.DataFrame, bars: pl.DataFrame, means: list[str],
                    labels: dict[str, str], colour: str, kind: str, p: Preset) -> list:  # fmt: skip
    """Thin bars of the daily value and a line per rolling column; returns their legend entries."""
    claim = kind == "claim"
    style = SERIES_KIND_STYLES.get(kind, SERIES_KIND_STYLES["confirmed_lower_bound"])
    dates = ordered["date"].drop_nulls()
    days = (dates.max() - dates.min()).days + 1 if dates.len() else 1
    width = min(6.0, max(0.4, 0.7 * p.points[0] * 0.85 / days)) * p.font_scale
    value = next(iter(labels))
    ax.vlines(bars["date"].to_list(), 0, bars["value"].to_list(), color=colour,
              alpha=0.35 if claim else 0.6, linewidth=width, gid=f"bars-{value}")  # fmt: skip
    handles: list = [Line2D([], [], color=colour, alpha=0.35 if claim else 0.6,
                            linewidth=6 * p.font_scale, label=labels[value].capitalize())]  # fmt: skip
    for i, column in enumerate(means):
        y = ordered[column].cast(pl.Float64).fill_null(float("nan")).to_list()
        line = {"color": colour, "linestyle": style["linestyle"],
                "linewidth": (1.4 + 1.0 * i) * p.font_scale, "alpha": 1.0 if i else 0.85}  # fmt: skip
        ax.plot(ordered["date"].to_list(), y, gid=f"line-{column}", **line)
        handles.append(Line2D([], [], label=labels[column], **line))
    return handles


def _marks(ax: Axes, data: pl.DataFrame, p: Preset) -> list:
    """The days without a value (corrections, gaps, missing days) at the baseline; returns their
    legend entries."""
    handles = []
    for flag, (marker, label) in DAILY_MARKS.items():
        marked = data.filter(pl.col("series") == flag)
        if marked.height:
            face = "white" if flag != "correction" else TEXT
            edge = TEXT if flag == "correction" else SUBTLE
            ax.scatter(marked["date"].to_list(), [0.0] * marked.height, marker=marker,
                       s=30 * p.font_scale**2, facecolor=face, edgecolor=edge, linewidths=1.2,
                       zorder=3, clip_on=False, gid=f"marks-{flag}")  # fmt: skip
            handles.append(Line2D([], [], marker=marker, linestyle="", color=TEXT,
                                  markerfacecolor=face, markeredgecolor=edge, label=label))  # fmt: skip
    return handles


def _plot(ordered: pl.DataFrame, data: pl.DataFrame, means: list[str], labels: dict[str, str],
          colour: str, kind: str, axes: list, p: Preset) -> Drawn:  # fmt: skip
    """Bars, lines, marks, the axes' limits and the legend."""
    ax = axes[0][0]
    bars = data.filter(pl.col("series") == next(iter(labels.values())))
    handles = _bars_and_lines(ax, ordered, bars, means, labels, colour, kind, p)
    handles += _marks(ax, data, p)
    ax.set_ylim(bottom=min(0.0, data["value"].min() or 0.0), top=(data["value"].max() or 1) * 1.1)
    dates = ordered["date"].drop_nulls()
    if dates.len():
        pad = dt.timedelta(days=max(1, ((dates.max() - dates.min()).days + 1) // 60))
        ax.set_xlim(dates.min() - pad, dates.max() + pad)
    date_axis(ax)
    ax.yaxis.set_major_locator(MaxNLocator(nbins="auto", integer=True))
    thousands(ax.yaxis)
    legend_above(ax, handles)
    return Drawn()


def daily(
    frame: pl.DataFrame,
    *,
    value: str = "delta",
    rolling: str | Sequence[str] = "delta_mean_7d",
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
    """One upstream series day by day: thin bars of `value`, a line per `rolling` column, and
    the days without a value (corrections, gaps, missing days) marked at the baseline.

    `frame` is `series.rolling(series.deltas(rows))` for one (source, subject, metric). Nulls are
    never drawn as zero: they break the lines and get no bar. Claims are lighter, means dashed.
    """
    means = [rolling] if isinstance(rolling, str) else list(rolling)
    source, subject, metric, kind = _one_series(frame)
    ordered = frame.sort("date")
    rows = ordered.select("date", "kind", "flag")
    labels = {value: f"daily {metric_label(metric)}"} | {c: _window_label(c) for c in means}
    data = pl.concat([
        *(rows.with_columns(series=pl.lit(name), value=ordered[c].cast(pl.Float64))
          .filter(pl.col("value").is_not_null()) for c, name in labels.items()),
        rows.filter(pl.col("flag").is_in(DAILY_MARKS)).with_columns(
            series=pl.col("flag"), value=pl.lit(None, pl.Float64)),
    ]).select("date", "series", "value", "kind", "flag")  # fmt: skip
    style = SERIES_KIND_STYLES.get(kind, SERIES_KIND_STYLES["confirmed_lower_bound"])
    title = title or f"{source_label(source, sources)}: {metric_label(metric)}, day by day"
    subtitle = subtitle or (
        f"{subject_label(subject)}: daily {metric_label(metric)} ({str(style['label']).lower()}) "
        f"and {', '.join(_window_label(c) for c in means)}"
    )
    text = ChartText(sources, preset, title, subtitle, as_of, credit, logo, lang, published_on)
    layout = Layout(data, x="date", y="value", group="series", unit=metric_label(metric), rows=frame)
    colour = side_colour(subject.partition("_")[0])
    return draw("daily", text, layout,
                lambda fig, axes, p: _plot(ordered, data, means, labels, colour, kind, axes, p),
                lambda again: daily(frame, value=value, rolling=rolling, **again.keywords()))  # fmt: skip
