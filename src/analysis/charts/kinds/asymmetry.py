"""Butterfly bars per event or period: what Ukraine and what Russia received."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import polars as pl
from matplotlib.axes import Axes

from analysis.charts.chart import Chart
from analysis.charts.i18n import count, day, label, t, using
from analysis.charts.kinds.common import legend_above, rows_that_fit, side_handles, sides, thousands
from analysis.charts.labels import make_room, place
from analysis.charts.presets import Preset, get_preset
from analysis.charts.scaffold import ChartText, Drawn, Layout, Sources, draw
from analysis.charts.style import (
    SIDES,
    UNDISCLOSED_HATCH,
    side_colour,
)

STUB = 0.04  # share of the largest figure drawn as a hatched stub for an undisclosed one


def _wide(frame: pl.DataFrame, max_rows: int, date_col: str) -> pl.DataFrame:
    """The latest `max_rows` rows with a row label (date and event type, or period; disputed
    rows starred) and a row number counting down to 0."""
    row_label = (
        pl.col("date").map_elements(lambda d: day(d, short=True), return_dtype=pl.String) + " "
        + pl.col("event_type").replace_strict(
            {e: label("event", e).lower() for e in frame["event_type"].unique().to_list()}
        )
        if "event_type" in frame.columns
        else pl.col("period").cast(pl.String)
    )  # fmt: skip
    return (
        frame.sort(date_col)
        .tail(max_rows)
        .with_columns(
            label=row_label + pl.when(pl.col("disputed")).then(pl.lit(" *")).otherwise(pl.lit("")),
            row=pl.int_range(pl.len(), 0, -1) - 1,
        )
    )


def _long(wide: pl.DataFrame, date_col: str) -> pl.DataFrame:
    """One row per row label and side: the count, the drawn value (Ukraine negative, a stub for
    undisclosed figures) and why a figure is missing."""
    stub = STUB * (max(wide["to_ukraine"].max() or 0, wide["to_russia"].max() or 0) or 1)
    return (
        wide.unpivot(["to_ukraine", "to_russia"], index=["label", date_col, "row"],
                     variable_name="received_by", value_name="count")  # fmt: skip
        .with_columns(received_by=pl.col("received_by").str.strip_prefix("to_"))
        .join(wide.select("row", "ratio_note"), on="row", how="left")
        .join(_qualifiers(wide), on=["row", "received_by"], how="left")
        .with_columns(
            missing=pl.when(pl.col("count").is_not_null())
            .then(None)
            .when(pl.col("ratio_note") == pl.format("no figure for {}", "received_by"))
            .then(pl.lit(t("figure.no_figure")))
            .otherwise(pl.lit(t("figure.undisclosed")))
        )
        .with_columns(
            plotted=pl.col("count").cast(pl.Float64).fill_null(stub)
            * pl.when(pl.col("received_by") == "ukraine").then(-1).otherwise(1)
        )
        .pipe(sides)
        .sort("row", descending=True, maintain_order=True)
        .rename({date_col: "date"})
        .select("label", "date", "received_by", "count", "qualifier", "plotted", "row", "missing")
    )


def _qualifiers(wide: pl.DataFrame) -> pl.DataFrame:
    """Each row and side's qualifier (exact when the frame has no qualifier columns)."""
    return wide.select(
        "row",
        *(
            pl.col(f"{side}_qualifier").fill_null("exact").alias(side)
            if f"{side}_qualifier" in wide.columns
            else pl.lit("exact").alias(side)
            for side in SIDES
        ),
    ).unpivot(list(SIDES), index="row", variable_name="received_by", value_name="qualifier")


def _bars(ax: Axes, data: pl.DataFrame, p: Preset) -> list:
    """Each side's bars (undisclosed ones hatched) with a value label at the end."""
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
            text = count(row["count"], row["qualifier"]) if row["missing"] is None else row["missing"]
            labels.append(ax.annotate(
                text, (row["plotted"], row["row"]),
                xytext=(3 * p.font_scale * (1 if side == "russia" else -1), 0),
                textcoords="offset points", va="center",
                ha="left" if side == "russia" else "right", fontsize="small", color=colour,
            ))  # fmt: skip
    return labels


def _note(frame: pl.DataFrame, wide: pl.DataFrame, data: pl.DataFrame, max_rows: int) -> str:
    """Rows left out, what the star means, what hatching means."""
    notes = [t("note.latest_rows", n=max_rows, of=frame.height)] if frame.height > max_rows else []
    if wide["disputed"].any():
        notes.append(t("note.disputed"))
    if data["count"].is_null().any():
        notes.append(t("note.hatched"))
    return " ".join(notes)


def _plot(data: pl.DataFrame, wide: pl.DataFrame, note: str, axes: list, p: Preset) -> Drawn:
    """Bars, the centre line, row labels, a symmetric value axis and the legend."""
    ax = axes[0][0]
    labels = _bars(ax, data, p)
    ax.axvline(0, color="#222222", linewidth=0.8)
    rows = wide.select("row", "label").sort("row")
    ax.set_yticks(rows["row"].to_list(), rows["label"].to_list())
    ax.tick_params(axis="y", length=0)
    thousands(ax.xaxis, absolute=True)
    limit = max(abs(v) for v in data["plotted"].to_list()) * 1.25
    ax.set_xlim(-limit, limit)
    legend_above(ax, side_handles(SIDES))

    def finish() -> None:
        make_room(ax, labels)
        widest = max(abs(v) for v in ax.get_xlim())
        ax.set_xlim(-widest, widest)  # Ukraine and Russia on the same scale
        place(ax, labels)  # a safety net: rows are sized so that labels do not collide

    return Drawn(note, labels, finish)


def asymmetry(
    frame: pl.DataFrame,
    *,
    max_rows: int = 12,
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
    """Butterfly bars per event or period: Ukraine to the left, Russia to the right, ratio at
    the end; undisclosed figures are hatched stubs, disputed rows are starred."""
    title, subtitle = title or t("asymmetry.title", lang), subtitle or t("asymmetry.subtitle", lang)
    text = ChartText(sources, preset, title, subtitle, as_of, credit, logo, lang, published_on)
    rows = min(max_rows, rows_that_fit(get_preset(preset)))
    date_col = "date" if "date" in frame.columns else "period"
    with using(lang):
        wide = _wide(frame, rows, date_col)
        data = _long(wide, date_col)
        note = _note(frame, wide, data, rows)
    layout = Layout(data, x="date", y="count", group="received_by", rows=frame, grid_axis="x")
    return draw("asymmetry", text, layout, lambda fig, axes, p: _plot(data, wide, note, axes, p),
                lambda again: asymmetry(frame, max_rows=rows, **again.keywords()))  # fmt: skip
