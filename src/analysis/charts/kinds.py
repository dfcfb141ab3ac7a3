"""The chart types of the reports. Each takes frames from `analysis.series` (or the tidy tables)
and returns a finished `Chart` whose `data` holds exactly the plotted points.

Common keywords: `sources` (the `sources` table or a list of names) for the source line,
`preset` (name or `Preset`), `title`, `subtitle`, `as_of` (default: the latest plotted date),
`credit` and `logo` (bottom right).
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Sequence
from functools import partial
from pathlib import Path

import matplotlib as mpl
import matplotlib.dates as mdates
import polars as pl
from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.font_manager import font_scalings
from matplotlib.lines import Line2D
from matplotlib.patches import Patch
from matplotlib.ticker import FuncFormatter, MaxNLocator
from matplotlib.transforms import ScaledTranslation, blended_transform_factory

from analysis.charts.chart import Chart
from analysis.charts.finalise import LINE, PAD, finalise, source_names, wrap_text
from analysis.charts.labels import make_room, place, unplaced
from analysis.charts.presets import LOGICAL_DPI, POINTS_PER_INCH, Preset, get_preset
from analysis.charts.style import (
    CLAIM_KIND_STYLES,
    EVENT_TYPE_MARKERS,
    MUTED,
    SERIES_KIND_STYLES,
    SIDES,
    SUBTLE,
    TEXT,
    UNDISCLOSED_HATCH,
    event_type_label,
    format_count,
    house_style,
    metric_label,
    side_colour,
    side_label,
    source_label,
    subject_label,
)

Sources = pl.DataFrame | Sequence[str] | None
SIDE_ORDER = pl.col("received_by").replace_strict({s: i for i, s in enumerate(SIDES)}, default=9)
MILITARY = ("ukraine_military", "russia_military")
MAX_MARKER_AREA = 700.0  # points², the area of the largest event's dot
CROWD = 30  # events per side above which the dots shrink in proportion
AGREEMENT_ID = re.compile(r"(?P<date>\d{4}-\d{2}-\d{2})-(?P<type>[a-z_]+)-(?P<name>.+)")
ARROW = 12.0
PANEL_SHARE = 0.75  # share of a figure's width per panel that a panel title may take
PLOT_SHARE = 0.5  # share of a figure's height the plot gets, for sizing rows
DAILY_MARKS = {  # flag: (marker, legend entry) for the days without a daily value
    "correction": ("v", "correction (total fell; no daily value)"),
    "gap": ("o", "gap (no daily value)"),
    "missing": ("o", "missing day (no value)"),
}
ROW_LINES = 1.6  # a row of bars is this many label heights tall  # points, length of the arrows drawn on lower and upper bounds


def _figure(preset: Preset, nrows: int = 1, ncols: int = 1, **kw: object) -> tuple[Figure, object]:
    """A figure of the preset's size with an Agg canvas and a grid of axes."""
    fig = Figure(figsize=preset.inches, dpi=LOGICAL_DPI)
    FigureCanvasAgg(fig)
    return fig, fig.subplots(nrows, ncols, squeeze=False, **kw)


def _date_axis(ax: Axes, most: int = 7) -> None:
    """Concise date ticks on the x axis (at most `most` of them)."""
    locator = mdates.AutoDateLocator(minticks=2, maxticks=most)
    ax.xaxis.set_major_locator(locator)
    ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator))


def _thousands(axis: object, absolute: bool = False) -> None:
    """Tick labels with thousands separators (absolute values for mirrored charts)."""
    axis.set_major_formatter(FuncFormatter(lambda v, _: f"{abs(v) if absolute else v:,.0f}"))


def _bound_arrow(ax: Axes, x: object, y: float, colour: str, up: bool, scale: float) -> None:
    """An arrow from a point away from it: up for lower bounds, down for upper bounds."""
    ax.annotate("", xy=(x, y), xytext=(0, (ARROW if up else -ARROW) * scale),
                textcoords="offset points",
                arrowprops={"arrowstyle": "<-", "color": colour, "lw": 1.2 * scale,
                            "shrinkA": 0, "shrinkB": 3 * scale})  # fmt: skip


def _legend_above(ax: Axes, handles: list, ncols: int | None = None, above: float = 2.0) -> None:
    """A frameless legend in rows `above` points over the plot, left-aligned with the title, as
    many columns as fit the figure's width (measured)."""
    ncols = ncols or len(handles)
    fig = ax.figure
    pad = PAD * fig.dpi / POINTS_PER_INCH
    room = fig.bbox.width - 2 * pad
    lift = ScaledTranslation(0, above / POINTS_PER_INCH, fig.dpi_scale_trans)
    where = blended_transform_factory(fig.transFigure, ax.transAxes + lift)
    while True:
        legend = ax.legend(handles=handles, loc="lower left", ncols=ncols, borderaxespad=0,
                           bbox_to_anchor=(pad / fig.bbox.width, 1), bbox_transform=where)  # fmt: skip
        if ncols == 1 or legend.get_window_extent(fig.canvas.get_renderer()).width <= room:
            return
        ncols -= 1


def _side_handles(sides: Sequence[str], marker: str | None = None) -> list:
    """Legend entries for the sides, Ukraine first."""
    if marker:
        return [Line2D([], [], color=side_colour(s), marker=marker, linestyle="", label=side_label(s))
                for s in sides]  # fmt: skip
    return [Patch(color=side_colour(s), label=side_label(s)) for s in sides]


def _rows_that_fit(preset: Preset) -> int:
    """How many rows of bars with small labels fit the plot of a preset (about half its height)."""
    small = mpl.rcParams["font.size"] * preset.font_scale * font_scalings["small"]
    return max(3, int(preset.points[1] * PLOT_SHARE / (ROW_LINES * small)))


def agreement_label(agreement_id: str) -> str:
    """An agreement id of the form <date>-<event type>-<name> as words ("POW exchange, 16 May
    2025"); any other id as it is."""
    match = AGREEMENT_ID.fullmatch(agreement_id)
    if match is None or match["type"] not in EVENT_TYPE_MARKERS:
        return agreement_id
    day = dt.date.fromisoformat(match["date"])
    return f"{event_type_label(match['type'])}, {day:%-d %b %Y}"


def _as_of(given: dt.date | None, dates: pl.Series) -> dt.date | None:
    """The as-of date: the given one, else the latest plotted date."""
    return given if given is not None else dates.drop_nulls().max()


def _sides(frame: pl.DataFrame) -> pl.DataFrame:
    """Rows of Ukraine and Russia, Ukraine first."""
    return frame.filter(pl.col("received_by").is_in(SIDES)).sort(SIDE_ORDER, maintain_order=True)


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
    p = get_preset(preset)
    data = (
        _sides(frame.sort("period"))
        .with_columns(
            lower_bound=(
                (pl.col("lower_bound_events") + pl.col("undisclosed_events"))
                .cum_sum()
                .over("received_by")
                > 0
            )
        )
        .select("period", "received_by", "cumulative", "lower_bound")
    )
    with house_style(p.font_scale):
        fig, axes = _figure(p)
        ax = axes[0][0]
        present = [s for s in SIDES if s in data["received_by"].to_list()]
        labels = []
        for side in present:
            rows = data.filter(pl.col("received_by") == side)
            colour = side_colour(side)
            x, y = rows["period"].to_list(), rows["cumulative"].to_list()
            ax.step(x, y, where="post", color=colour, label=side_label(side), gid=f"line-{side}")
            bound = rows["lower_bound"][-1]
            ax.plot(x[-1], y[-1], "o", color=colour, markersize=5 * p.font_scale)
            if bound:
                _bound_arrow(ax, x[-1], y[-1], colour, up=True, scale=p.font_scale)
            labels.append(ax.annotate(format_count(y[-1], "at_least" if bound else "exact"),
                                      (x[-1], y[-1]), xytext=(6 * p.font_scale, 0),
                                      textcoords="offset points", va="center", color=colour,
                                      fontweight="bold"))  # fmt: skip
        ax.set_ylim(bottom=0)
        _date_axis(ax)
        _thousands(ax.yaxis)
        _legend_above(ax, _side_handles(present, marker=None))
        note = ""
        if data["lower_bound"].any():
            note = "↑ A lower bound: some counts were stated as 'at least' or not disclosed."
        names = source_names(frame, sources)
        as_of = _as_of(as_of, data["period"])
        unplaced(labels)
        finalise(fig, title=title, subtitle=subtitle, sources=names, as_of=as_of, preset=p,
                 note=note, credit=credit, logo=logo)  # fmt: skip
        place(ax, labels)
    redraw = partial(cumulative, frame, sources=sources, title=title, subtitle=subtitle,
                     as_of=as_of, credit=credit, logo=logo)  # fmt: skip
    return Chart(fig, data, "cumulative", title, subtitle, names, as_of, p, x="period",
                 y="cumulative", group="received_by", redraw=lambda q: redraw(preset=q))  # fmt: skip


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
) -> Chart:
    """Bars per period by side: mirrored (Ukraine up, Russia down) or grouped side by side.

    Periods with undisclosed counts get a hatched mark; sums resting on lower bounds an arrow.
    """
    p = get_preset(preset)
    subtitle = subtitle or (
        "People and bodies received in each period: Ukraine above the line, Russia below"
        if mirrored
        else "Number of people and bodies received in each period, by receiving side"
    )
    periods = frame["period"].unique().sort()
    step = periods.diff().drop_nulls().min() if periods.len() > 1 else dt.timedelta(days=30)
    width = step.days * (0.8 if mirrored else 0.4)
    sign = pl.when(pl.col("received_by") == "russia").then(-1).otherwise(1) if mirrored else 1
    offset = 0.0 if mirrored else width / 2
    data = _sides(frame.sort("period")).select(
        "period", "received_by", "count", "undisclosed_events", "lower_bound_events",
        plotted=pl.col("count").fill_null(0) * sign,
    )  # fmt: skip
    with house_style(p.font_scale):
        fig, axes = _figure(p)
        ax = axes[0][0]
        present = [s for s in SIDES if s in data["received_by"].to_list()]
        for i, side in enumerate(present):
            rows = data.filter(pl.col("received_by") == side)
            colour = side_colour(side)
            shift = dt.timedelta(days=(i - (len(present) - 1) / 2) * 2 * offset)
            x = [d + shift for d in rows["period"].to_list()]
            ax.bar(x, rows["plotted"].to_list(), width=width, color=colour, label=side_label(side),
                   gid=f"bars-{side}")  # fmt: skip
            hidden = rows.with_columns(x=pl.Series(x)).filter(pl.col("undisclosed_events") > 0)
            if hidden.height:
                ax.scatter(hidden["x"].to_list(), hidden["plotted"].to_list(),
                           s=60 * p.font_scale**2, marker="s", facecolor="white",
                           edgecolor=colour, hatch=UNDISCLOSED_HATCH, zorder=3, clip_on=False)  # fmt: skip
            for row in (
                rows.with_columns(x=pl.Series(x))
                .filter(pl.col("lower_bound_events") > 0)
                .iter_rows(named=True)
            ):
                _bound_arrow(ax, row["x"], row["plotted"], colour, up=row["plotted"] >= 0,
                             scale=p.font_scale)  # fmt: skip
        if mirrored:
            ax.axhline(0, color="#222222", linewidth=0.8)
        else:
            ax.set_ylim(bottom=0)
        _date_axis(ax)
        _thousands(ax.yaxis, absolute=True)
        handles = _side_handles(present)
        if (data["undisclosed_events"] > 0).any():
            handles.append(Patch(facecolor="white", edgecolor=MUTED, hatch=UNDISCLOSED_HATCH,
                                 label="Undisclosed counts"))  # fmt: skip
        _legend_above(ax, handles)
        note = ""
        if (data["lower_bound_events"] > 0).any():
            note = "↑ At least: the period includes counts stated as 'at least'."
        names = source_names(frame, sources)
        as_of = _as_of(as_of, data["period"])
        finalise(fig, title=title, subtitle=subtitle, sources=names, as_of=as_of, preset=p,
                 note=note, credit=credit, logo=logo)  # fmt: skip
    redraw = partial(per_period, frame, mirrored=mirrored, sources=sources, title=title,
                     subtitle=subtitle, as_of=as_of, credit=credit, logo=logo)  # fmt: skip
    return Chart(fig, data, "per_period", title, subtitle, names, as_of, p, x="period",
                 y="count", group="received_by", redraw=lambda q: redraw(preset=q))  # fmt: skip


def timeline(
    events: pl.DataFrame,
    *,
    label_top: int = 6,
    sources: Sources = None,
    preset: str | Preset = "web",
    title: str = "Exchanges and repatriations",
    subtitle: str = "One dot per event and receiving side; area shows the number of people or bodies",
    as_of: dt.date | None = None,
    credit: str = "",
    logo: Path | None = None,
) -> Chart:
    """A dot per event and side, area proportional to the count; open dots are bounds or
    approximations, hatched dots undisclosed counts, dashed rings the other side's figure."""
    p = get_preset(preset)
    largest = events["count"].max() or 1
    crowd = events.group_by("received_by").len()["len"].max() or 1
    area = MAX_MARKER_AREA * p.font_scale**2 * min(1.0, CROWD / crowd) / largest
    data = _sides(events.sort("date")).select(
        "event_id", "date", "event_type", "received_by", "count", "qualifier", "disputed",
        "alt_count",
        marker_area=pl.when(pl.col("count").is_null()).then(60.0 * p.font_scale**2)
        .otherwise((pl.col("count") * area).clip(lower_bound=8.0)),
        encoding=pl.when(pl.col("count").is_null()).then(pl.lit("undisclosed"))
        .when(pl.col("qualifier") == "exact").then(pl.lit("exact")).otherwise(pl.lit("bound")),
    )  # fmt: skip
    rows_y = {s: len(SIDES) - 1 - i for i, s in enumerate(SIDES)}
    with house_style(p.font_scale):
        fig, axes = _figure(p)
        ax = axes[0][0]
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
            y = [rows_y[side]] * group.height
            ax.scatter(group["date"].to_list(), y, s=group["marker_area"].to_list(),
                       marker=EVENT_TYPE_MARKERS.get(event_type, "o"), alpha=0.9, zorder=3,
                       **style)  # fmt: skip
        rings = data.filter(pl.col("disputed") & pl.col("alt_count").is_not_null())
        for side, group in rings.group_by("received_by", maintain_order=True):
            ax.scatter(group["date"].to_list(), [rows_y[side[0]]] * group.height,
                       s=(group["alt_count"] * area).clip(lower_bound=8.0).to_list(),
                       facecolor="none", edgecolor=side_colour(side[0]), linestyle="--",
                       linewidths=1.0, zorder=4)  # fmt: skip
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
            labels.append(ax.annotate(format_count(row["count"], row["qualifier"]),
                                      (row["date"], rows_y[row["received_by"]]),
                                      xytext=(0, radius + 3 * p.font_scale),
                                      textcoords="offset points", ha="center", va="bottom",
                                      fontsize="small", color=side_colour(row["received_by"])))  # fmt: skip
        ax.set_yticks(list(rows_y.values()), [f"Received by {side_label(s)}" for s in rows_y])
        ax.set_ylim(-0.7, len(SIDES) - 0.3)
        ax.tick_params(axis="y", length=0)
        _date_axis(ax)
        handles = [
            Line2D([], [], marker="o", linestyle="", color=MUTED, label="Exact"),
            Line2D([], [], marker="o", linestyle="", markerfacecolor="white",
                   markeredgecolor=MUTED, label="At least / about"),
            Patch(facecolor="white", edgecolor=MUTED, hatch=UNDISCLOSED_HATCH, label="Undisclosed"),
        ]  # fmt: skip
        if rings.height:
            handles.append(Line2D([], [], marker="o", linestyle="", markerfacecolor="none",
                                  markeredgecolor=MUTED, label="Other side's figure"))  # fmt: skip
        types = data["event_type"].unique(maintain_order=True).to_list()
        handles += [Line2D([], [], marker=EVENT_TYPE_MARKERS.get(t, "o"), linestyle="",
                           color=SUBTLE, label=event_type_label(t)) for t in types]  # fmt: skip
        _legend_above(ax, handles, ncols=min(len(handles), 3))
        names = source_names(events, sources)
        as_of = _as_of(as_of, data["date"])
        unplaced(labels)
        finalise(fig, title=title, subtitle=subtitle, sources=names, as_of=as_of, preset=p,
                 credit=credit, logo=logo)  # fmt: skip
        place(ax, labels)
    redraw = partial(timeline, events, label_top=label_top, sources=sources, title=title,
                     subtitle=subtitle, as_of=as_of, credit=credit, logo=logo)  # fmt: skip
    return Chart(fig, data, "timeline", title, subtitle, names, as_of, p, x="date", y="count",
                 group="received_by", redraw=lambda q: redraw(preset=q))  # fmt: skip


def asymmetry(
    frame: pl.DataFrame,
    *,
    max_rows: int = 12,
    sources: Sources = None,
    preset: str | Preset = "web",
    title: str = "What each side received",
    subtitle: str = "People or bodies received per event: Ukraine (left) and Russia (right)",
    as_of: dt.date | None = None,
    credit: str = "",
    logo: Path | None = None,
) -> Chart:
    """Butterfly bars per event or period: Ukraine to the left, Russia to the right, ratio at
    the end; undisclosed figures are hatched stubs, disputed rows are starred."""
    p = get_preset(preset)
    max_rows = min(max_rows, _rows_that_fit(p))
    label = (
        pl.col("date").dt.strftime("%-d %b %Y") + " " + pl.col("event_type").replace_strict(
            {t: event_type_label(t).lower() for t in frame["event_type"].unique().to_list()}
        )
        if "event_type" in frame.columns
        else pl.col("period").cast(pl.String)
    )  # fmt: skip
    date_col = "date" if "date" in frame.columns else "period"
    wide = (
        frame.sort(date_col)
        .tail(max_rows)
        .with_columns(
            label=label + pl.when(pl.col("disputed")).then(pl.lit(" *")).otherwise(pl.lit("")),
            row=pl.int_range(pl.len(), 0, -1) - 1,
        )
    )
    stub = 0.04 * (max(wide["to_ukraine"].max() or 0, wide["to_russia"].max() or 0) or 1)
    data = (
        wide.unpivot(
            ["to_ukraine", "to_russia"],
            index=["label", date_col, "row"],
            variable_name="received_by",
            value_name="count",
        )  # fmt: skip
        .with_columns(received_by=pl.col("received_by").str.strip_prefix("to_"))
        .join(wide.select("row", "ratio_note"), on="row", how="left")
        .with_columns(
            missing=pl.when(pl.col("count").is_not_null())
            .then(None)
            .when(pl.col("ratio_note") == pl.format("no figure for {}", "received_by"))
            .then(pl.lit("no figure"))
            .otherwise(pl.lit("undisclosed"))
        )
        .with_columns(
            plotted=pl.col("count").cast(pl.Float64).fill_null(stub)
            * pl.when(pl.col("received_by") == "ukraine").then(-1).otherwise(1)
        )
        .pipe(_sides)
        .sort("row", descending=True, maintain_order=True)
        .rename({date_col: "date"})
        .select("label", "date", "received_by", "count", "plotted", "row", "missing")
    )
    with house_style(p.font_scale):
        fig, axes = _figure(p)
        ax = axes[0][0]
        labels = []
        for side in SIDES:
            rows = data.filter(pl.col("received_by") == side)
            colour = side_colour(side)
            known = rows.filter(pl.col("count").is_not_null())
            hidden = rows.filter(pl.col("count").is_null())
            ax.barh(known["row"].to_list(), known["plotted"].to_list(), color=colour, height=0.7,
                    gid=f"bars-{side}")  # fmt: skip
            if hidden.height:
                ax.barh(hidden["row"].to_list(), hidden["plotted"].to_list(), height=0.7,
                        facecolor="white", edgecolor=colour, hatch=UNDISCLOSED_HATCH,
                        linewidth=0.8)  # fmt: skip
            for row in rows.iter_rows(named=True):
                text = format_count(row["count"]) if row["missing"] is None else row["missing"]
                labels.append(ax.annotate(
                    text, (row["plotted"], row["row"]),
                    xytext=(3 * p.font_scale * (1 if side == "russia" else -1), 0),
                    textcoords="offset points", va="center",
                    ha="left" if side == "russia" else "right", fontsize="small", color=colour,
                ))  # fmt: skip
        ax.axvline(0, color="#222222", linewidth=0.8)
        rows = wide.select("row", "label").sort("row")
        ax.set_yticks(rows["row"].to_list(), rows["label"].to_list())
        ax.tick_params(axis="y", length=0)
        _thousands(ax.xaxis, absolute=True)
        limit = max(abs(v) for v in data["plotted"].to_list()) * 1.25
        ax.set_xlim(-limit, limit)
        _legend_above(ax, _side_handles(SIDES))
        note = f"The latest {max_rows} of {frame.height} rows." if frame.height > max_rows else ""
        if wide["disputed"].any():
            note += " * The two sides gave different figures; the chart shows the receiving side's."
        if data["count"].is_null().any():
            note += " Hatched: figure not disclosed."
        note = note.strip()
        names = source_names(frame, sources)
        as_of = _as_of(as_of, data["date"])
        unplaced(labels)
        finalise(fig, title=title, subtitle=subtitle, sources=names, as_of=as_of, preset=p,
                 note=note, credit=credit, logo=logo, grid_axis="x")  # fmt: skip
        make_room(ax, labels)
        widest = max(abs(v) for v in ax.get_xlim())
        ax.set_xlim(-widest, widest)  # Ukraine and Russia on the same scale
        place(ax, labels)  # a safety net: rows are sized so that labels do not collide
    redraw = partial(asymmetry, frame, max_rows=max_rows, sources=sources, title=title, subtitle=subtitle,
                     as_of=as_of, credit=credit, logo=logo)  # fmt: skip
    return Chart(fig, data, "asymmetry", title, subtitle, names, as_of, p, x="date", y="count",
                 group="received_by", redraw=lambda q: redraw(preset=q))  # fmt: skip


def delivery(
    frame: pl.DataFrame,
    *,
    sources: Sources = None,
    preset: str | Preset = "web",
    title: str = "Delivery of the agreed exchanges",
    subtitle: str = "People or bodies delivered against the number agreed, by receiving side",
    as_of: dt.date | None = None,
    credit: str = "",
    logo: Path | None = None,
) -> Chart:
    """Per side (and agreement, when the frame has agreement_id), the latest delivered count as a
    solid bar inside an open bar of the agreed number, labelled with the share."""
    p = get_preset(preset)
    keys = ["agreement_id", "received_by"] if "agreement_id" in frame.columns else ["received_by"]
    data = (
        _sides(frame.sort("date").group_by(keys, maintain_order=True).last())
        .sort(*keys[:-1], SIDE_ORDER, maintain_order=True)
        .with_columns(row=pl.int_range(pl.len(), 0, -1) - 1)
        .select(
            *keys, "date", "agreed", "delivered", "remaining", "share", "undisclosed_events", "row"
        )  # fmt: skip
    )
    several = len(keys) == 2 and data["agreement_id"].n_unique() > 1
    note = f"Agreement: {data['agreement_id'][0]}" if len(keys) == 2 and not several else ""
    with house_style(p.font_scale):
        fig, axes = _figure(p)
        ax = axes[0][0]
        labels: list[str] = []
        texts = []
        for row in data.iter_rows(named=True):
            colour = side_colour(row["received_by"])
            if row["agreed"] is not None:
                ax.barh(row["row"], row["agreed"], height=0.6, facecolor="white",
                        edgecolor=colour, linewidth=1.2)  # fmt: skip
            ax.barh(row["row"], row["delivered"] or 0, height=0.6, color=colour,
                    gid=f"delivered-{row['received_by']}")  # fmt: skip
            text = f"{row['delivered'] or 0:,.0f}"
            if row["agreed"]:
                share = f"{row['share']:.0%}" if row["share"] >= 0.1 else f"{row['share']:.1%}"
                text += f" of {row['agreed']:,.0f} ({share})"
            else:
                text += " (none agreed)"
            if row["undisclosed_events"]:
                text += f" + {row['undisclosed_events']} undisclosed"
            end = max(row["agreed"] or 0, row["delivered"] or 0)
            texts.append(ax.annotate(text, (end, row["row"]), xytext=(4 * p.font_scale, 0),
                                     textcoords="offset points", va="center", fontsize="small",
                                     color=colour))  # fmt: skip
            labels.append(f"Received by {side_label(row['received_by'])}")
        if several:  # one label per agreement, between its bars; the legend names the sides
            pairs = data.group_by("agreement_id", maintain_order=True).agg(pl.col("row").mean())
            ax.set_yticks(pairs["row"].to_list(),
                          [agreement_label(a) for a in pairs["agreement_id"].to_list()])  # fmt: skip
        else:
            ax.set_yticks(data["row"].to_list(), labels)
        ax.tick_params(axis="y", length=0)
        ax.set_xlim(0, max(data["agreed"].max() or 0, data["delivered"].max() or 0) * 1.05 or 1)
        ax.set_ylim(-0.7, data.height - 0.3)
        _thousands(ax.xaxis)
        handles = [Patch(facecolor=MUTED, label="Delivered"),
                   Patch(facecolor="white", edgecolor=MUTED, linewidth=1.2, label="Agreed")]  # fmt: skip
        if several:
            present = [s for s in SIDES if s in data["received_by"].to_list()]
            handles = [Patch(color=side_colour(s), label=f"Received by {side_label(s)}")
                       for s in present] + handles  # fmt: skip
        _legend_above(ax, handles)
        names = source_names(frame, sources)
        as_of = _as_of(as_of, data["date"])
        unplaced(texts)
        finalise(fig, title=title, subtitle=subtitle, sources=names, as_of=as_of, preset=p,
                 note=note, credit=credit, logo=logo, grid_axis="x")  # fmt: skip
        make_room(ax, texts)
    redraw = partial(delivery, frame, sources=sources, title=title, subtitle=subtitle,
                     as_of=as_of, credit=credit, logo=logo)  # fmt: skip
    return Chart(fig, data, "delivery", title, subtitle, names, as_of, p, x="date",
                 y="delivered", group="received_by", redraw=lambda q: redraw(preset=q))  # fmt: skip


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
) -> Chart:
    """One panel per subject in `subjects` (default: each side's military), so that military and
    civilian figures never share a panel: claims as points styled by claim kind, bounds as arrows,
    ranges as bars; upstream series as lines styled by kind. Figures about other subjects are left
    out and counted in the note. Labelled: each series' latest point and the latest point of the
    `label_top` largest claimants, where they fit."""
    p = get_preset(preset)
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
        names = {s: source_label(s, sources) for s in series["source"].unique().to_list()}
        frames.append(series.select(
            panel=pl.col("subject"), date="date",
            value=pl.col("cumulative"), value_low=pl.lit(None, pl.Float64),
            value_high=pl.lit(None, pl.Float64), qualifier=pl.lit("exact"),
            label=pl.col("source").replace_strict(names), kind=pl.col("kind"),
            metric=pl.col("metric"), source=pl.col("source"),
        ))  # fmt: skip
    every = pl.concat(frames, how="vertical_relaxed")
    data = every.filter(pl.col("panel").is_in(list(subjects))).sort(
        pl.col("panel").replace_strict({s: i for i, s in enumerate(subjects)}),
        "date",
        maintain_order=True,
    )
    omitted = every.filter(~pl.col("panel").is_in(list(subjects)))["panel"].unique().sort()
    with house_style(p.font_scale):
        fig, axes = _figure(p, 1, len(subjects), sharex=True)
        size, panel_pt = mpl.rcParams["axes.titlesize"], p.points[0] * PANEL_SHARE / len(subjects)
        titles = {s: wrap_text(subject_label(s), size, panel_pt) for s in subjects}
        kinds_seen: list[str] = []
        labels: dict[Axes, list] = {}
        for ax, subject in zip(axes[0], subjects, strict=True):
            colour = side_colour(subject.partition("_")[0])
            panel = data.filter(pl.col("panel") == subject)
            ax.set_title(titles[subject], color=colour)
            labels[ax] = []
            lines = panel.filter(pl.col("kind").is_in(list(SERIES_KIND_STYLES)))
            for (label, metric, kind), rows in lines.group_by("label", "metric", "kind",
                                                              maintain_order=True):  # fmt: skip
                ax.plot(rows["date"].to_list(), rows["value"].to_list(), color=colour,
                        linestyle=SERIES_KIND_STYLES[kind]["linestyle"], linewidth=1.5 * p.font_scale)  # fmt: skip
                labels[ax].append(ax.annotate(
                    f"{label} ({metric_label(metric)})", (rows["date"][-1], rows["value"][-1]),
                    xytext=(3 * p.font_scale, 0), textcoords="offset points", fontsize="x-small",
                    va="center", color=colour,
                ))  # fmt: skip
                kinds_seen.append(kind)
            points = panel.filter(pl.col("kind").is_in(list(CLAIM_KIND_STYLES)))
            latest = (
                points.group_by("label", "metric").agg(pl.all().sort_by("date").last())
                .sort("value", descending=True).head(label_top)
            )  # fmt: skip
            for row in points.iter_rows(named=True):
                style = CLAIM_KIND_STYLES[row["kind"]]
                kinds_seen.append(row["kind"])
                x = row["date"]
                if row["qualifier"] == "range" and row["value_high"] is not None:
                    ax.vlines(x, row["value_low"], row["value_high"], color=colour, alpha=0.35,
                              linewidth=6 * p.font_scale)  # fmt: skip
                y = row["value"]
                ax.plot(x, y, marker=style["marker"], linestyle="",
                        markerfacecolor=colour if style["filled"] else "white",
                        markeredgecolor=colour, markeredgewidth=1.5, zorder=3)  # fmt: skip
                if row["qualifier"] in ("at_least", "at_most"):
                    _bound_arrow(ax, x, y, colour, up=row["qualifier"] == "at_least",
                                 scale=p.font_scale)  # fmt: skip
            for row in latest.iter_rows(named=True):
                labels[ax].append(ax.annotate(
                    f"{row['label']} ({metric_label(row['metric'])})", (row["date"], row["value"]),
                    xytext=(6 * p.font_scale, 0), textcoords="offset points",
                    fontsize="x-small", va="center", color=SUBTLE,
                ))  # fmt: skip
            if not panel.height:
                ax.text(0.5, 0.5, "no figures", transform=ax.transAxes, ha="center", color=MUTED)
            ax.set_ylim(bottom=0, top=max(panel["value_high"].max() or 0,
                                          panel["value"].max() or 0, 1) * 1.2)  # fmt: skip
            _date_axis(ax, most=4)
            _thousands(ax.yaxis)
        handles = []
        for kind in dict.fromkeys(kinds_seen):
            style = {**CLAIM_KIND_STYLES, **SERIES_KIND_STYLES}[kind]
            filled = style.get("filled", True)
            handles.append(Line2D([], [], color=MUTED, linestyle=style["linestyle"],
                                  marker=style.get("marker"), markerfacecolor=MUTED if filled else "white",
                                  label=style["label"]))  # fmt: skip
        if handles:
            title_pt = size * LINE * (1 + max(t.count("\n") for t in titles.values()))
            _legend_above(axes[0][0], handles, ncols=2,
                          above=title_pt + mpl.rcParams["axes.titlepad"] + 2)  # fmt: skip
        note = "↑ at least · ↓ at most · bar: stated range"
        if omitted.len():
            note += f" · not shown: {', '.join(subject_label(s) for s in omitted.to_list())}"
        names = source_names([claims] + ([series] if series is not None else []), sources)
        as_of = _as_of(as_of, data["date"])
        unplaced([label for placed in labels.values() for label in placed])
        finalise(fig, title=title, subtitle=subtitle, sources=names, as_of=as_of, preset=p,
                 note=note, credit=credit, logo=logo)  # fmt: skip
        for ax, placed in labels.items():
            place(ax, placed)
    redraw = partial(claims_vs_independent, claims, series, subjects=subjects, label_top=label_top,
                     sources=sources, title=title, subtitle=subtitle, as_of=as_of, credit=credit,
                     logo=logo)  # fmt: skip
    return Chart(fig, data, "claims", title, subtitle, names, as_of, p, x="date", y="value",
                 group="panel", redraw=lambda q: redraw(preset=q))  # fmt: skip


def small_multiples(
    frame: pl.DataFrame,
    *,
    by: str = "event_type",
    sources: Sources = None,
    preset: str | Preset = "web",
    title: str = "Returns by kind of event",
    subtitle: str = "Cumulative number of people and bodies received, by receiving side",
    as_of: dt.date | None = None,
    credit: str = "",
    logo: Path | None = None,
) -> Chart:
    """A grid of cumulative step lines by side, one panel per value of `by`, on a shared scale."""
    p = get_preset(preset)
    panels = frame[by].unique(maintain_order=True).to_list()  # in the order of the input
    data = _sides(frame.sort("period")).select(by, "period", "received_by", "cumulative")
    ncols = min(3, len(panels))
    nrows = math.ceil(len(panels) / ncols)
    with house_style(p.font_scale):
        fig, axes = _figure(p, nrows, ncols, sharex=True, sharey=True)
        flat = [ax for row in axes for ax in row]
        for ax, value in zip(flat, panels, strict=False):
            rows = data.filter(pl.col(by) == value)
            for side in SIDES:
                line = rows.filter(pl.col("received_by") == side)
                if line.height:
                    x, y = line["period"].to_list(), line["cumulative"].to_list()
                    ax.step(
                        x, y, where="post", color=side_colour(side), linewidth=1.6 * p.font_scale
                    )
                    ax.plot(x[-1], y[-1], "o", color=side_colour(side), markersize=4 * p.font_scale)
            ax.set_title(event_type_label(value) if by == "event_type" else str(value))
            ax.set_ylim(bottom=0)
            _date_axis(ax)
            _thousands(ax.yaxis)
        for ax in flat[len(panels) :]:
            fig.delaxes(ax)
        flat[0].legend(handles=_side_handles(SIDES), loc="upper left")
        names = source_names(frame, sources)
        as_of = _as_of(as_of, data["period"])
        finalise(fig, title=title, subtitle=subtitle, sources=names, as_of=as_of, preset=p,
                 credit=credit, logo=logo)  # fmt: skip
    redraw = partial(small_multiples, frame, by=by, sources=sources, title=title,
                     subtitle=subtitle, as_of=as_of, credit=credit, logo=logo)  # fmt: skip
    return Chart(fig, data, "small_multiples", title, subtitle, names, as_of, p, x="period",
                 y="cumulative", group="received_by", redraw=lambda q: redraw(preset=q))  # fmt: skip


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
) -> Chart:
    """One upstream series day by day: thin bars of `value`, a line per `rolling` column, and
    the days without a value (corrections, gaps, missing days) marked at the baseline.

    `frame` is `series.rolling(series.deltas(rows))` for one (source, subject, metric). Nulls are
    never drawn as zero: they break the lines and get no bar. Claims are lighter, means dashed.
    """
    p = get_preset(preset)
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
    title = title or f"{source_label(source, sources)}: {metric_label(metric)}, day by day"
    style = SERIES_KIND_STYLES.get(kind, SERIES_KIND_STYLES["confirmed_lower_bound"])
    subtitle = subtitle or (
        f"{subject_label(subject)}: daily {metric_label(metric)} ({str(style['label']).lower()}) "
        f"and {', '.join(_window_label(c) for c in means)}"
    )
    colour = side_colour(subject.partition("_")[0])
    claim = kind == "claim"
    with house_style(p.font_scale):
        fig, axes = _figure(p)
        ax = axes[0][0]
        bars = data.filter(pl.col("series") == labels[value])
        dates = ordered["date"].drop_nulls()
        days = (dates.max() - dates.min()).days + 1 if dates.len() else 1
        width = min(6.0, max(0.4, 0.7 * p.points[0] * 0.85 / days)) * p.font_scale
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
        for flag, (marker, label) in DAILY_MARKS.items():
            marked = data.filter(pl.col("series") == flag)
            if marked.height:
                ax.scatter(marked["date"].to_list(), [0.0] * marked.height, marker=marker,
                           s=30 * p.font_scale**2, facecolor="white" if flag != "correction" else TEXT,
                           edgecolor=TEXT if flag == "correction" else SUBTLE, linewidths=1.2, zorder=3,
                           clip_on=False, gid=f"marks-{flag}")  # fmt: skip
                handles.append(Line2D([], [], marker=marker, linestyle="", color=TEXT,
                                      markerfacecolor="white" if flag != "correction" else TEXT,
                                      markeredgecolor=TEXT if flag == "correction" else SUBTLE,
                                      label=label))  # fmt: skip
        ax.set_ylim(
            bottom=min(0.0, data["value"].min() or 0.0), top=(data["value"].max() or 1) * 1.1
        )
        if dates.len():
            pad = dt.timedelta(days=max(1, days // 60))
            ax.set_xlim(dates.min() - pad, dates.max() + pad)
        _date_axis(ax)
        ax.yaxis.set_major_locator(MaxNLocator(nbins="auto", integer=True))
        _thousands(ax.yaxis)
        _legend_above(ax, handles)
        names = source_names(frame, sources)
        as_of = _as_of(as_of, data["date"])
        finalise(fig, title=title, subtitle=subtitle, sources=names, as_of=as_of, preset=p,
                 credit=credit, logo=logo)  # fmt: skip
    redraw = partial(daily, frame, value=value, rolling=rolling, sources=sources, title=title,
                     subtitle=subtitle, as_of=as_of, credit=credit, logo=logo)  # fmt: skip
    return Chart(fig, data, "daily", title, subtitle, names, as_of, p, x="date", y="value",
                 group="series", unit=metric_label(metric), redraw=lambda q: redraw(preset=q))  # fmt: skip
