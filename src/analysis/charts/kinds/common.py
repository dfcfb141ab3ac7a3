"""Pieces the chart kinds share: the sides in order, date and thousands axes, bound arrows and
legends placed above the plot."""

from __future__ import annotations

from collections.abc import Sequence

import matplotlib as mpl
import matplotlib.dates as mdates
import polars as pl
from matplotlib.axes import Axes
from matplotlib.axis import Axis
from matplotlib.font_manager import font_scalings
from matplotlib.lines import Line2D
from matplotlib.patches import Patch
from matplotlib.ticker import FuncFormatter
from matplotlib.transforms import ScaledTranslation, blended_transform_factory

from analysis import schema
from analysis.charts.finalise import PAD
from analysis.charts.i18n import current, day, label, month, number, t
from analysis.charts.presets import POINTS_PER_INCH, Preset
from analysis.charts.style import SIDES, side_colour

SIDE_ORDER = pl.col("received_by").replace_strict({s: i for i, s in enumerate(SIDES)}, default=9)
ARROW = 12.0  # points, length of the arrows drawn on lower and upper bounds
ROW_LINES = 1.6  # a row of bars is this many label heights tall
PLOT_SHARE = 0.5  # share of a figure's height the plot gets, for sizing rows
NARROW = 4.0  # inches: figures narrower than this (print-column) get smaller legends


def _date_tick(value: float, lang: str) -> str:
    """A date tick in words: the year on 1 January, the month's short name on the 1st, else the
    day and month."""
    date = mdates.num2date(value).date()
    if date.day == 1:
        return str(date.year) if date.month == 1 else month(date, lang)
    return day(date, lang, short=True).rsplit(" ", 1)[0]


def date_axis(ax: Axes, most: int = 7) -> None:
    """Concise date ticks on the x axis (at most `most` of them), in the chart's language."""
    locator = mdates.AutoDateLocator(minticks=2, maxticks=most)
    ax.xaxis.set_major_locator(locator)
    lang = current()
    if lang == "en":
        ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator))
    else:
        ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _: _date_tick(v, lang)))


def thousands(axis: Axis, absolute: bool = False) -> None:
    """Tick labels with the language's digit grouping (absolute values for mirrored charts)."""
    lang = current()
    axis.set_major_formatter(FuncFormatter(lambda v, _: number(abs(v) if absolute else v, lang)))


def bound_arrow(ax: Axes, x: object, y: float, colour: str, up: bool, scale: float) -> None:
    """An arrow from a point away from it: up for lower bounds, down for upper bounds."""
    ax.annotate("", xy=(x, y), xytext=(0, (ARROW if up else -ARROW) * scale),
                textcoords="offset points",
                arrowprops={"arrowstyle": "<-", "color": colour, "lw": 1.2 * scale,
                            "shrinkA": 0, "shrinkB": 3 * scale})  # fmt: skip


def legend_above(ax: Axes, handles: list, ncols: int | None = None, above: float = 2.0,
                 fontsize: str | None = None) -> None:  # fmt: skip
    """A frameless legend in rows `above` points over the plot, left-aligned with the title, as
    many columns as fit the figure's width (measured); `fontsize` for long legends."""
    ncols = ncols or len(handles)
    fig = ax.figure
    if fig.get_size_inches()[0] < NARROW:  # a column: long legends in a smaller size
        fontsize = fontsize or "small"
    pad = PAD * fig.dpi / POINTS_PER_INCH
    room = fig.bbox.width - 2 * pad
    lift = ScaledTranslation(0, above / POINTS_PER_INCH, fig.dpi_scale_trans)
    where = blended_transform_factory(fig.transFigure, ax.transAxes + lift)
    while True:
        legend = ax.legend(handles=handles, loc="lower left", ncols=ncols, borderaxespad=0,
                           bbox_to_anchor=(pad / fig.bbox.width, 1), bbox_transform=where,
                           fontsize=fontsize)  # fmt: skip
        if ncols == 1 or legend.get_window_extent(fig.canvas.get_renderer()).width <= room:
            return
        ncols -= 1


def side_handles(sides: Sequence[str], marker: str | None = None) -> list:
    """Legend entries for the sides, Ukraine first, in the chart's language."""
    if marker:
        return [Line2D([], [], color=side_colour(s), marker=marker, linestyle="",
                       label=label("side", s)) for s in sides]  # fmt: skip
    return [Patch(color=side_colour(s), label=label("side", s)) for s in sides]


def rows_that_fit(preset: Preset) -> int:
    """How many rows of bars with small labels fit the plot of a preset (about half its height)."""
    small = mpl.rcParams["font.size"] * preset.font_scale * font_scalings["small"]
    return max(3, int(preset.points[1] * PLOT_SHARE / (ROW_LINES * small)))


def trim_ticks(ax: Axes, last: float) -> None:
    """No x ticks past `last` (the room made for labels beyond the data is not an axis range);
    kept when fewer than two ticks would remain."""
    limits = ax.get_xlim()
    kept = [t for t in ax.get_xticks() if limits[0] <= t <= last]
    if len(kept) >= 2:
        ax.set_xticks(kept)
        ax.set_xlim(*limits)  # setting ticks may widen the view


def sides(frame: pl.DataFrame) -> pl.DataFrame:
    """Rows of Ukraine and Russia, Ukraine first."""
    return frame.filter(pl.col("received_by").is_in(SIDES)).sort(SIDE_ORDER, maintain_order=True)


def present(data: pl.DataFrame) -> list[str]:
    """The sides that have rows in `data`, Ukraine first."""
    found = data["received_by"].to_list()
    return [s for s in SIDES if s in found]


def partial_fill(colour: str) -> tuple[float, float, float, float]:
    """The fill of a bar or mark for a partial period: the side's colour, lighter."""
    from matplotlib.colors import to_rgba

    return to_rgba(colour, 0.35)


def with_coverage(frame: pl.DataFrame) -> pl.DataFrame:
    """`frame` with covered and partial columns (every period covered and whole when the series
    frame was made without coverage; its since/through columns are then absent too)."""
    missing = {"covered": pl.lit(True), "partial": pl.lit(False)}
    return frame.with_columns(v.alias(k) for k, v in missing.items() if k not in frame.columns)


def coverage_marks(ax: Axes, data: pl.DataFrame, step: object) -> list:
    """Shade the periods outside the data's coverage (not drawn, not zero) with a "No data" label;
    the legend entries for that shade and for partial periods (none when there are none)."""
    from matplotlib.colors import to_rgba

    outside = data.filter(~pl.col("covered") & pl.col("count").is_null())["period"].unique().sort()
    handles = []
    if outside.len():
        start, stop = outside.min(), outside.max() + step  # type: ignore[operator]
        ax.axvspan(start, stop, color=to_rgba("#000000", 0.06), lw=0, gid="no-data")  # type: ignore[arg-type]
        ax.text(start, 0.98, t("coverage.no_data"), transform=ax.get_xaxis_transform(), ha="left",
                va="top", color="#555555", fontsize="small", gid="no-data-label")  # type: ignore[arg-type]  # fmt: skip
        handles.append(Patch(color=to_rgba("#000000", 0.06), label=t("coverage.legend")))
    if data["partial"].any():
        handles.append(Patch(facecolor=to_rgba("#777777", 0.35), edgecolor="#777777",
                             label=t("coverage.partial")))  # fmt: skip
    return handles


def keywords(text: object) -> dict[str, object]:
    """A ChartText's fields as a kind's keyword arguments (its `published` as `published_on`)."""
    return text.keywords()  # type: ignore[attr-defined]


def days_columns(frame: pl.DataFrame) -> list[str]:
    """The columns naming the days each period covers (since, through), when the frame has them."""
    return [c for c in ("since", "through") if c in frame.columns]


def check_unit(unit: str) -> None:
    """Raise ValueError unless `unit` is people or bodies (the two are never summed)."""
    if unit not in schema.UNITS:
        raise ValueError(f"unit must be one of {', '.join(schema.UNITS)}, not {unit!r}")
