"""Claims and independent counts: one panel per subject, claims as points, series as lines."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path

import matplotlib as mpl
import polars as pl
from matplotlib.axes import Axes
from matplotlib.lines import Line2D

from analysis.charts.chart import Chart
from analysis.charts.finalise import LINE, wrap_text
from analysis.charts.kinds.common import bound_arrow, date_axis, keywords, legend_above, thousands
from analysis.charts.labels import place
from analysis.charts.presets import Preset
from analysis.charts.scaffold import ChartText, Drawn, Layout, Sources, draw
from analysis.charts.style import (
    CLAIM_KIND_STYLES,
    MUTED,
    SERIES_KIND_STYLES,
    SUBTLE,
    metric_label,
    side_colour,
    source_label,
    subject_label,
)
from analysis.wording import latest

MILITARY = ("ukraine_military", "russia_military")
PANEL_SHARE = 0.75  # share of a figure's width per panel that a panel title may take


def _rows(claims: pl.DataFrame, series: pl.DataFrame | None) -> pl.DataFrame:
    """Claims and upstream series in one frame: panel (subject), date, value, range, qualifier,
    label (claimant or publisher), kind, metric and source."""
    claim_rows = claims.select(
        panel=pl.col("subject"),
        date=pl.coalesce("as_of", "claim_date"),
        value=pl.col("value"),
        value_low=pl.when(pl.col("qualifier") == "range")
        .then(pl.coalesce("value_low", "value")).otherwise(None),
        value_high=pl.col("value_high"),
        qualifier=pl.col("qualifier"),
        label=pl.col("claimant"),
        kind=pl.col("claim_kind"),
        metric=pl.col("metric"),
        source=pl.col("source_id"),
    )  # fmt: skip
    frames = [claim_rows]
    if series is not None and series.height:
        names = {s: source_label(s) for s in series["source"].unique().to_list()}
        frames.append(series.select(
            panel=pl.col("subject"), date="date",
            value=pl.col("cumulative"), value_low=pl.lit(None, pl.Float64),
            value_high=pl.lit(None, pl.Float64), qualifier=pl.lit("exact"),
            label=pl.col("source").replace_strict(names), kind=pl.col("kind"),
            metric=pl.col("metric"), source=pl.col("source"),
        ))  # fmt: skip
    return pl.concat(frames, how="vertical_relaxed")


def _series_lines(ax: Axes, panel: pl.DataFrame, colour: str, p: Preset) -> tuple[list, list]:
    """The panel's upstream series as lines styled by kind, each labelled at its end; returns
    the labels and the kinds drawn."""
    labels, kinds = [], []
    lines = panel.filter(pl.col("kind").is_in(list(SERIES_KIND_STYLES)))
    for (label, metric, kind), rows in lines.group_by("label", "metric", "kind",
                                                      maintain_order=True):  # fmt: skip
        ax.plot(rows["date"].to_list(), rows["value"].to_list(), color=colour,
                linestyle=SERIES_KIND_STYLES[kind]["linestyle"], linewidth=1.5 * p.font_scale)  # fmt: skip
        labels.append(ax.annotate(
            f"{label} ({metric_label(metric)})", (rows["date"][-1], rows["value"][-1]),
            xytext=(3 * p.font_scale, 0), textcoords="offset points", fontsize="x-small",
            va="center", color=colour,
        ))  # fmt: skip
        kinds.append(kind)
    return labels, kinds


def _claim_points(ax: Axes, points: pl.DataFrame, colour: str, p: Preset) -> list:
    """Claims as markers styled by claim kind, ranges as bars, bounds as arrows; returns the
    kinds drawn."""
    kinds = []
    for row in points.iter_rows(named=True):
        style = CLAIM_KIND_STYLES[row["kind"]]
        kinds.append(row["kind"])
        x = row["date"]
        if row["qualifier"] == "range" and row["value_high"] is not None:
            ax.vlines(x, row["value_low"], row["value_high"], color=colour, alpha=0.35,
                      linewidth=6 * p.font_scale)  # fmt: skip
        y = row["value"]
        ax.plot(x, y, marker=style["marker"], linestyle="",
                markerfacecolor=colour if style["filled"] else "white",
                markeredgecolor=colour, markeredgewidth=1.5, zorder=3)  # fmt: skip
        if row["qualifier"] in ("at_least", "at_most"):
            bound_arrow(ax, x, y, colour, up=row["qualifier"] == "at_least", scale=p.font_scale)
    return kinds


def _panel(ax: Axes, panel: pl.DataFrame, subject: str, label_top: int, p: Preset) -> tuple[list, list]:
    """One subject's panel: series lines, claim points and the latest point of the `label_top`
    largest claimants labelled; returns the labels and the kinds drawn."""
    colour = side_colour(subject.partition("_")[0])
    labels, kinds = _series_lines(ax, panel, colour, p)
    points = panel.filter(pl.col("kind").is_in(list(CLAIM_KIND_STYLES)))
    top = latest(points, ["label", "metric"], "date").sort("value", descending=True).head(label_top)
    kinds += _claim_points(ax, points, colour, p)
    for row in top.iter_rows(named=True):
        labels.append(ax.annotate(
            f"{row['label']} ({metric_label(row['metric'])})", (row["date"], row["value"]),
            xytext=(6 * p.font_scale, 0), textcoords="offset points",
            fontsize="x-small", va="center", color=SUBTLE,
        ))  # fmt: skip
    if not panel.height:
        ax.text(0.5, 0.5, "no figures", transform=ax.transAxes, ha="center", color=MUTED)
    ax.set_ylim(bottom=0, top=max(panel["value_high"].max() or 0,
                                  panel["value"].max() or 0, 1) * 1.2)  # fmt: skip
    date_axis(ax, most=4)
    thousands(ax.yaxis)
    return labels, kinds


def _legend(ax: Axes, kinds: list[str], titles: dict[str, str], size: float) -> None:
    """One legend entry per kind of claim or series drawn, above the panel titles."""
    handles = []
    for kind in dict.fromkeys(kinds):
        style = {**CLAIM_KIND_STYLES, **SERIES_KIND_STYLES}[kind]
        filled = style.get("filled", True)
        handles.append(Line2D([], [], color=MUTED, linestyle=style["linestyle"],
                              marker=style.get("marker"), markerfacecolor=MUTED if filled else "white",
                              label=style["label"]))  # fmt: skip
    if handles:
        title_pt = size * LINE * (1 + max(t.count("\n") for t in titles.values()))
        legend_above(ax, handles, ncols=2, above=title_pt + mpl.rcParams["axes.titlepad"] + 2)


def _plot(data: pl.DataFrame, subjects: Sequence[str], label_top: int, note: str, axes: list,
          p: Preset) -> Drawn:  # fmt: skip
    """A panel per subject under its title, the legend, and the labels placed per panel."""
    size, panel_pt = mpl.rcParams["axes.titlesize"], p.points[0] * PANEL_SHARE / len(subjects)
    titles = {s: wrap_text(subject_label(s), size, panel_pt) for s in subjects}
    kinds: list[str] = []
    labels: dict[Axes, list] = {}
    for ax, subject in zip(axes[0], subjects, strict=True):
        ax.set_title(titles[subject], color=side_colour(subject.partition("_")[0]))
        labels[ax], drawn = _panel(ax, data.filter(pl.col("panel") == subject), subject,
                                   label_top, p)  # fmt: skip
        kinds += drawn
    _legend(axes[0][0], kinds, titles, size)

    def finish() -> None:
        for ax, placed in labels.items():
            place(ax, placed)

    return Drawn(note, [label for placed in labels.values() for label in placed], finish)


def claims_vs_independent(
    claims: pl.DataFrame,
    series: pl.DataFrame | None = None,
    *,
    subjects: Sequence[str] = MILITARY,
    label_top: int = 4,
    sources: Sources = None,
    preset: str | Preset = "web",
    title: str = "Claims and independent counts",
    subtitle: str = "Military losses as stated, by whose losses: claims by warring parties are hollow and dashed",
    as_of: dt.date | None = None,
    credit: str = "",
    logo: Path | None = None,
    published_on: dt.date | None = None,
) -> Chart:
    """One panel per subject in `subjects` (default: each side's military), so that military and
    civilian figures never share a panel: claims as points styled by claim kind, bounds as arrows,
    ranges as bars; upstream series as lines styled by kind. Figures about other subjects are left
    out and counted in the note. Labelled: each series' latest point and the latest point of the
    `label_top` largest claimants, where they fit."""
    text = ChartText(sources, preset, title, subtitle, as_of, credit, logo, published_on)
    every = _rows(claims, series)
    order = pl.col("panel").replace_strict({s: i for i, s in enumerate(subjects)})
    data = every.filter(pl.col("panel").is_in(list(subjects))).sort(order, "date", maintain_order=True)
    omitted = every.filter(~pl.col("panel").is_in(list(subjects)))["panel"].unique().sort()
    note = "↑ at least · ↓ at most · bar: stated range"
    if omitted.len():
        note += f" · not shown: {', '.join(subject_label(s) for s in omitted.to_list())}"
    rows = [claims] + ([series] if series is not None else [])
    layout = Layout(data, x="date", y="value", group="panel", rows=rows, grid=(1, len(subjects)),
                    shared={"sharex": True})  # fmt: skip
    return draw("claims", text, layout,
                lambda fig, axes, p: _plot(data, subjects, label_top, note, axes, p),
                lambda t: claims_vs_independent(claims, series, subjects=subjects,
                                                label_top=label_top, **keywords(t)))  # fmt: skip
