"""Claims and independent counts: one panel per subject, claims as points, series as lines."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path

import matplotlib as mpl
import polars as pl
from matplotlib.axes import Axes
from matplotlib.lines import Line2D

from analysis.charts import points
from analysis.charts.chart import Chart
from analysis.charts.finalise import LINE, wrap_text
from analysis.charts.i18n import count, day, figure, label, t, using
from analysis.charts.kinds.common import NARROW, bound_arrow, date_axis, legend_above, thousands
from analysis.charts.kinds.personnel import latest_vintage
from analysis.charts.labels import place
from analysis.charts.presets import Preset
from analysis.charts.scaffold import ChartText, Drawn, Layout, Sources, draw
from analysis.charts.style import (
    CLAIM_KIND_STYLES,
    MUTED,
    SERIES_KIND_STYLES,
    side_colour,
    source_label,
)
from analysis.series.claims import running_claims

MILITARY = ("ukraine_military", "russia_military")
PANEL_SHARE = 0.75  # share of a figure's width per panel that a panel title may take


def _rows(claims: pl.DataFrame, series: pl.DataFrame | None, sources: Sources = None) -> pl.DataFrame:
    """Claims and upstream series in one frame: panel (metric), subject, date, value, range,
    qualifier, label (claimant or publisher), kind, metric and source."""
    claim_rows = claims.select(
        panel=pl.col("metric"),
        subject=pl.col("subject"),
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
        series = latest_vintage(series)
        names = {s: source_label(s, sources) for s in series["source"].unique().to_list()}
        frames.append(series.select(
            panel=pl.col("metric"), subject=pl.col("subject"), date="date",
            value=pl.col("cumulative"), value_low=pl.lit(None, pl.Float64),
            value_high=pl.lit(None, pl.Float64), qualifier=pl.lit("exact"),
            label=pl.col("source").replace_strict(names), kind=pl.col("kind"),
            metric=pl.col("metric"), source=pl.col("source"),
        ))  # fmt: skip
    return pl.concat(frames, how="vertical_relaxed")


def _line(ax: Axes, rows: pl.DataFrame, colour: str, p: Preset) -> None:
    """One claimant's statements (or one series) over time: a line, markers for statements
    styled by claim kind (warring-party claims hollow), ranges as bars, bounds as arrows."""
    kind = rows["kind"][0]
    style = {**SERIES_KIND_STYLES, **CLAIM_KIND_STYLES}.get(kind, SERIES_KIND_STYLES["estimate"])
    marker = style.get("marker") if kind in CLAIM_KIND_STYLES else None
    ax.plot(rows["date"].to_list(), rows["value"].to_list(), color=colour,
            linestyle=style["linestyle"], linewidth=(1.0 if marker else 1.5) * p.font_scale,
            marker=marker, markersize=4.5 * p.font_scale, markeredgewidth=1.2,
            markerfacecolor=colour if style.get("filled", True) else "white",
            markeredgecolor=colour, zorder=3)  # fmt: skip
    for row in rows.iter_rows(named=True):
        if row["qualifier"] == "range" and row["value_high"] is not None:
            ax.vlines(row["date"], row["value_low"], row["value_high"], color=colour, alpha=0.35,
                      linewidth=5 * p.font_scale)  # fmt: skip
        if row["qualifier"] in ("at_least", "at_most") and marker:
            bound_arrow(ax, row["date"], row["value"], colour, up=row["qualifier"] == "at_least",
                        scale=p.font_scale)  # fmt: skip


def _points(ax: Axes, rows: pl.DataFrame, table: dict, start: int) -> list[dict]:
    """Invisible hit marks on each statement, with the tooltip's text and source link."""
    found = []
    for i, row in enumerate(rows.iter_rows(named=True), start=start):
        gid = f"point-{i}"
        ax.plot(row["date"], row["value"], marker="o", markersize=6, alpha=0.0, gid=gid)
        publisher, url = table.get(points.first_id(row["source"]) or "", (None, None))
        found.append({"gid": gid, "date": row["date"], "when": day(row["date"]), "url": url,
                      "value": figure(row["value"], row["qualifier"], high=row["value_high"],
                                      low=row["value_low"]),
                      "who": row["label"], "source": publisher or row["label"]})  # fmt: skip
    return found


def _panel(ax: Axes, panel: pl.DataFrame, label_top: int, table: dict, p: Preset,
           start: int) -> tuple[list, list[dict]]:  # fmt: skip
    """One metric's panel: a line per claimant or series and subject, the `label_top` largest
    labelled at their end; returns the labels and the points."""
    labels, found = [], []
    groups = panel.group_by("label", "subject", maintain_order=True)
    ends = []
    for (_who, subject), rows in groups:
        colour = side_colour(str(subject).partition("_")[0])
        _line(ax, rows, colour, p)
        if rows["kind"][0] in CLAIM_KIND_STYLES:
            found += _points(ax, rows, table, start + len(found))
        ends.append((rows.row(-1, named=True), colour))
    for row, colour in sorted(ends, key=lambda e: -(e[0]["value"] or 0))[:label_top]:
        labels.append(ax.annotate(
            t("claims.latest", who=row["label"], value=count(row["value_low"] or row["value"],
                                                             row["qualifier"], high=row["value_high"])),
            (row["date"], row["value"]), xytext=(4 * p.font_scale, 0), textcoords="offset points",
            fontsize="x-small", va="center", color=colour,
        ))  # fmt: skip
    if not panel.height:
        ax.text(0.5, 0.5, t("no_figures"), transform=ax.transAxes, ha="center", color=MUTED)
    ax.set_ylim(bottom=0, top=max(panel["value_high"].max() or 0,
                                  panel["value"].max() or 0, 1) * 1.15)  # fmt: skip
    date_axis(ax, most=4)
    thousands(ax.yaxis)
    return labels, found


def _legend(ax: Axes, data: pl.DataFrame, titles: dict[str, str], size: float) -> None:
    """Whose losses (colour) and the kinds of claim or series drawn, above the panel titles."""
    handles = [Line2D([], [], color=side_colour(s.partition("_")[0]), linewidth=3,
                      label=label("losses", s)) for s in data["subject"].unique(maintain_order=True).to_list()]  # fmt: skip
    narrow = ax.figure.get_size_inches()[0] < NARROW  # a column: the subtitle explains the marks
    for kind in [] if narrow else data["kind"].unique(maintain_order=True).to_list():
        style = {**CLAIM_KIND_STYLES, **SERIES_KIND_STYLES}.get(kind)
        if style is None:
            continue
        handles.append(Line2D([], [], color=MUTED, linestyle=style["linestyle"],
                              marker=style.get("marker"), label=label("kind", kind),
                              markerfacecolor=MUTED if style.get("filled", True) else "white"))  # fmt: skip
    if handles:
        title_pt = size * LINE * (1 + max(x.count("\n") for x in titles.values()))
        legend_above(ax, handles, ncols=2, above=title_pt + mpl.rcParams["axes.titlepad"] + 2,
                     fontsize="small" if len(handles) > 4 else None)  # fmt: skip


def _plot(data: pl.DataFrame, metrics: Sequence[str], label_top: int, note: str,
          sources: Sources, axes: list, p: Preset) -> Drawn:  # fmt: skip
    """A panel per metric under its title, the legend, labels placed per panel, every
    statement a sourced point."""
    size, panel_pt = mpl.rcParams["axes.titlesize"], p.points[0] * PANEL_SHARE / len(metrics)
    titles = {m: wrap_text(label("metric", m), size, panel_pt) for m in metrics}
    labels: dict[Axes, list] = {}
    found: list[dict] = []
    table = points.lookup(sources)
    for ax, metric in zip(axes[0], metrics, strict=True):
        ax.set_title(titles[metric])
        labels[ax], more = _panel(ax, data.filter(pl.col("panel") == metric), label_top, table,
                                  p, len(found))  # fmt: skip
        found += more
    _legend(axes[0][0], data, titles, size)

    def finish() -> None:
        for ax, placed in labels.items():  # panels share their dates: no room made per panel
            place(ax, placed)

    return Drawn(note, [x for placed in labels.values() for x in placed], finish, points.make(found))


def claims_vs_independent(
    claims: pl.DataFrame,
    series: pl.DataFrame | None = None,
    *,
    subjects: Sequence[str] = MILITARY,
    label_top: int = 5,
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
    """One panel per metric (killed, names identified, ...), so that different measures never
    share an axis; in each, one claimant's statements over time (or one upstream series) as a
    line coloured by whose losses, with markers styled by claim kind (warring-party claims
    hollow), ranges as bars and bounds as arrows; the `label_top` largest lines labelled at
    their end. Only `subjects` are drawn (each side's military by default); figures about
    other subjects, and figures for a single period (not running totals), are left out and
    named in the note."""
    title, subtitle = title or t("claims.title", lang), subtitle or t("claims.subtitle", lang)
    text = ChartText(sources, preset, title, subtitle, as_of, credit, logo, lang, published_on)
    every = _rows(running_claims(claims), series, sources)
    per_period = claims.height - running_claims(claims).height
    data = every.filter(pl.col("subject").is_in(list(subjects))).sort("panel", "label", "date",
                                                                      maintain_order=True)  # fmt: skip
    metrics = data["panel"].unique(maintain_order=True).to_list() or ["killed"]
    omitted = every.filter(~pl.col("subject").is_in(list(subjects)))["subject"].unique().sort()
    with using(lang):
        note = t("note.bounds")
        if omitted.len():
            what = ", ".join(label("losses", s) for s in omitted.to_list())
            note += " · " + t("note.not_shown", what=what)
        if per_period:
            note += " · " + t("note.per_period_left_out", n=per_period)
    rows = [claims] + ([series] if series is not None else [])
    layout = Layout(data, x="date", y="value", group="label", rows=rows, grid=(1, len(metrics)),
                    shared={"sharex": True})  # fmt: skip
    return draw("claims", text, layout,
                lambda fig, axes, p: _plot(data, metrics, label_top, note, sources, axes, p),
                lambda again: claims_vs_independent(claims, series, subjects=subjects,
                                                    label_top=label_top, **again.keywords()))  # fmt: skip
