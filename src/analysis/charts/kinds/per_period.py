"""Bars per period by side: mirrored (Ukraine up, Russia down) or grouped side by side."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import polars as pl
from matplotlib.axes import Axes
from matplotlib.patches import Patch
from matplotlib.transforms import ScaledTranslation

from analysis.charts import points
from analysis.charts.chart import Chart
from analysis.charts.i18n import figure, label, period, t
from analysis.charts.kinds.common import (
    bound_arrow,
    check_unit,
    coverage_marks,
    date_axis,
    days_columns,
    legend_above,
    partial_fill,
    present,
    side_handles,
    sides,
    thousands,
    with_coverage,
)
from analysis.charts.presets import POINTS_PER_INCH, Preset
from analysis.charts.scaffold import ChartText, Drawn, Layout, Sources, draw
from analysis.charts.style import MUTED, UNDISCLOSED_HATCH, side_colour
from analysis.series.periods import period_qualifier

FREQ_DAYS = ((7, "week"), (31, "month"), (92, "quarter"))  # longest step of each frequency


def frequency(step: dt.timedelta) -> str:
    """The frequency whose periods are `step` apart: week, month, quarter or year."""
    return next((name for days, name in FREQ_DAYS if step.days <= days), "year")


def _bars(ax: Axes, rows: pl.DataFrame, x: list, side: str, width: float, p: Preset,
          mirrored: bool) -> list:  # fmt: skip
    """One side's bars (returned), a hatched square on periods with undisclosed counts and an
    arrow on sums resting on lower bounds."""
    colour = side_colour(side)
    heights = rows["plotted"].cast(pl.Float64).fill_null(float("nan")).to_list()  # nan: no bar
    part = rows["partial"].to_list()
    bars = ax.bar(x, heights, width=width, color=colour, label=label("side", side),
                  gid=f"bars-{side}", edgecolor=[colour if q else "none" for q in part],
                  facecolor=[partial_fill(colour) if q else colour for q in part])  # fmt: skip
    hidden = rows.with_columns(x=pl.Series(x)).filter(pl.col("undisclosed_events") > 0)
    if hidden.height:  # beside the bar's foot, on its side of the axis: never over a bar
        size = 60 * p.font_scale**2
        lift = (size**0.5 / 2 + 1) * (-1 if side == "russia" and mirrored else 1)
        shift = ScaledTranslation(0, lift / POINTS_PER_INCH, ax.figure.dpi_scale_trans)
        base = [v if v else 0 for v in hidden["plotted"].to_list()]
        ax.scatter(hidden["x"].to_list(), base, s=size, marker="s", facecolor="white",
                   edgecolor=colour, hatch=UNDISCLOSED_HATCH, zorder=3, clip_on=False,
                   transform=ax.transData + shift)  # fmt: skip
    bounded = rows.with_columns(x=pl.Series(x)).filter(pl.col("lower_bound_events") > 0)
    for row in bounded.iter_rows(named=True):
        bound_arrow(ax, row["x"], row["plotted"], colour, up=row["plotted"] >= 0,
                    scale=p.font_scale)  # fmt: skip
    return list(bars)


def _points(data: pl.DataFrame, bars: dict, events: pl.DataFrame | None, freq: str,
            sources: Sources) -> pl.DataFrame:  # fmt: skip
    """A point per bar: its period, the sum with its qualifier, who gave the figures and the
    first source of the period's events; each bar gets the point's gid."""
    table, rows = points.lookup(sources), []
    every = {"week": "1w", "month": "1mo", "quarter": "1q", "year": "1y"}[freq]
    for side, patches in bars.items():
        side_rows = data.filter(pl.col("received_by") == side)
        for i, (row, patch) in enumerate(zip(side_rows.iter_rows(named=True), patches, strict=True)):
            behind = events.filter((pl.col("received_by") == side)
                                   & (pl.col("date").dt.truncate(every) == row["period"])) \
                if events is not None else pl.DataFrame({"claimant": [], "source_id": []})  # fmt: skip
            who, publisher, url = points.cited(behind, table)
            value = figure(row["count"], row["qualifier"]) if row["plotted"] is not None else t("figure.no_data")
            gid = f"point-{side}-{i}"
            patch.set_gid(gid)
            rows.append({"gid": gid, "date": row["period"], "value": value,
                         "who": who or label("side", side), "source": publisher, "url": url,
                         "when": period(row["period"], freq)})  # fmt: skip
    return points.make(rows)


def _plot(data: pl.DataFrame, mirrored: bool, width: float, offset: float, axes: list,
          p: Preset, step: dt.timedelta) -> tuple[Drawn, dict]:  # fmt: skip
    """Every side's bars, the zero line (mirrored) and the legend; returns the bars by side."""
    ax = axes[0][0]
    drawn, bars = present(data), {}
    for i, side in enumerate(drawn):
        rows = data.filter(pl.col("received_by") == side)
        shift = dt.timedelta(days=(i - (len(drawn) - 1) / 2) * 2 * offset)
        bars[side] = _bars(ax, rows, [d + shift for d in rows["period"].to_list()], side, width, p,
                           mirrored)  # fmt: skip
    if mirrored:
        ax.axhline(0, color="#222222", linewidth=0.8)
    else:
        ax.set_ylim(bottom=0)
    date_axis(ax)
    thousands(ax.yaxis, absolute=True)
    handles = (side_handles(drawn) if len(drawn) > 1 else []) + coverage_marks(ax, data, step)
    if (data["undisclosed_events"] > 0).any():
        handles.append(Patch(facecolor="white", edgecolor=MUTED, hatch=UNDISCLOSED_HATCH,
                             label=t("legend.undisclosed_counts")))  # fmt: skip
    if handles:
        legend_above(ax, handles)
    note = t("note.period_at_least") if (data["lower_bound_events"] > 0).any() else ""
    return Drawn(note), bars


def _subtitle(data: pl.DataFrame, unit: str, mirrored: bool, freq: str, lang: str) -> str:
    """Default subtitle: what was received each period, and how the sides are drawn."""
    what, each = t(f"{unit}.what", lang), t(f"freq.{freq}", lang)
    drawn = present(data)
    if len(drawn) == 1:
        return t("per_period.one_side", lang, what=what, side=label("side", drawn[0], lang), freq=each)
    return t("per_period.mirrored" if mirrored else "per_period.grouped", lang, what=what, freq=each)


def per_period(
    frame: pl.DataFrame,
    *,
    mirrored: bool = True,
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
    """Bars per period by side: mirrored (Ukraine up, Russia down) or grouped side by side.
    Periods outside the data's coverage (`covered` false, no events) are not drawn and are
    shaded "No data"; partial periods (`partial`) are drawn lighter.

    `unit` says what the bars count, "people" (alive) or "bodies": never both in one bar.
    `events` (headline figures) gives each bar's tooltip its claimants and source page. Periods
    with undisclosed counts get a hatched mark; sums resting on lower bounds an arrow.
    """
    check_unit(unit)
    periods = frame["period"].unique().sort()
    step = periods.diff().drop_nulls().min() if periods.len() > 1 else dt.timedelta(days=30)
    freq = frequency(step)
    width = step.days * (0.8 if mirrored else 0.4)
    sign = pl.when(pl.col("received_by") == "russia").then(-1).otherwise(1) if mirrored else 1
    offset = 0.0 if mirrored else width / 2
    frame = with_coverage(frame)
    data = sides(frame.sort("period")).select(
        "period", "received_by", "count", "undisclosed_events", "lower_bound_events",
        "covered", "partial", *days_columns(frame), qualifier=period_qualifier(),
        plotted=pl.when(pl.col("covered") | pl.col("count").is_not_null())
        .then(pl.col("count").fill_null(0) * sign),
    )  # fmt: skip
    title = title or t(f"{unit}.title", lang, freq=t(f"freq.{freq}", lang))
    subtitle = subtitle or _subtitle(data, unit, mirrored, freq, lang)
    text = ChartText(sources, preset, title, subtitle, as_of, credit, logo, lang, published_on)

    def plot(fig: object, axes: list, p: Preset) -> Drawn:
        drawn, bars = _plot(data, mirrored, width, offset, axes, p, step)
        drawn.points = _points(data, bars, events, freq, sources)
        return drawn

    layout = Layout(data, x="period", y="count", group="received_by", unit=unit,
                    rows=events if events is not None else frame)  # fmt: skip
    return draw("per_period", text, layout, plot,
                lambda again: per_period(frame, mirrored=mirrored, unit=unit, events=events,
                                         **again.keywords()))  # fmt: skip
