"""Ukraine's General Staff claimed Russian personnel losses against the independent counts of
named dead (Mediazona/BBC, UALosses), with the caveat that the two measure different things."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import polars as pl
from matplotlib.axes import Axes
from matplotlib.lines import Line2D

from analysis.charts import points
from analysis.charts.chart import Chart
from analysis.charts.i18n import count, day, figure, t
from analysis.charts.kinds.common import date_axis, legend_above, thousands
from analysis.charts.labels import end_labels
from analysis.charts.presets import Preset
from analysis.charts.scaffold import ChartText, Drawn, Layout, Sources, draw
from analysis.charts.style import MUTED, NEUTRAL, SIDE_COLOURS
from analysis.wording import source_label

CLAIM = ("petroivaniuk_genstaff", "personnel")  # (source, metric) of the General Staff's claim
NAMED = "names_identified"
SUBJECT = "russia_military"
NAMED_COLOUR = NEUTRAL


def latest_vintage(rows: pl.DataFrame) -> pl.DataFrame:
    """Each series' rows of its freshest vintage (latest date, then the most rows)."""
    if "vintage" not in rows.columns:
        return rows
    best = (rows.group_by("source", "subject", "metric", "vintage").agg(last=pl.col("date").max(), n=pl.len())
            .sort("last", "n", descending=True)
            .unique(["source", "subject", "metric"], keep="first", maintain_order=True))  # fmt: skip
    keys = ["source", "subject", "metric", "vintage"]
    return rows.join(best.select(keys), on=keys, how="semi",
                     nulls_equal=True)  # fmt: skip


def frame(series: pl.DataFrame, claims: pl.DataFrame | None = None) -> pl.DataFrame:
    """One row per plotted point: series (claim or named dead), label, date, value, qualifier,
    kind (claim, named) and source."""
    rows = series.filter(pl.col("subject") == SUBJECT)
    claimed = rows.filter((pl.col("source") == CLAIM[0]) & (pl.col("metric") == CLAIM[1]))
    named = latest_vintage(rows.filter(pl.col("metric") == NAMED))
    parts = [part.select(series=pl.col("source"), date="date", value=pl.col("cumulative"),
                         qualifier=pl.lit("exact") if kind == "claim" else pl.lit("at_least"),
                         kind=pl.lit(kind), source=pl.col("source"))
             for part, kind in ((claimed, "claim"), (named, "named")) if part.height]  # fmt: skip
    if claims is not None and claims.height:
        mine = claims.filter((pl.col("subject") == SUBJECT) & (pl.col("metric") == NAMED))
        parts.append(mine.select(series=pl.col("claimant"), date=pl.coalesce("as_of", "claim_date"),
                                 value=pl.col("value"), qualifier="qualifier",
                                 kind=pl.lit("named"), source=pl.col("source_id")))  # fmt: skip
    if not parts:
        return pl.DataFrame(schema={"series": pl.String, "date": pl.Date, "value": pl.Float64,
                                    "qualifier": pl.String, "kind": pl.String, "source": pl.String})  # fmt: skip
    readable = pl.col("series").map_elements(source_label, return_dtype=pl.String)  # no ids
    return (pl.concat(parts, how="vertical_relaxed").with_columns(series=readable)
            .sort("series", "date", maintain_order=True))  # fmt: skip


def _name(series_id: str) -> str:
    """A series' reader-facing name: the upstream's publisher, or the claimant as written."""
    return source_label(series_id)


def _line(ax: Axes, rows: pl.DataFrame, name: str, kind: str, p: Preset, markers: bool) -> object:
    """One series as a line (dashed for the claim; markers for statements) labelled at its end."""
    colour = SIDE_COLOURS["russia"] if kind == "claim" else NAMED_COLOUR
    ax.plot(rows["date"].to_list(), rows["value"].to_list(), color=colour,
            linestyle="--" if kind == "claim" else "-", linewidth=1.6 * p.font_scale,
            marker="o" if markers else None, markersize=3.5 * p.font_scale,
            markerfacecolor="white" if kind == "claim" else colour)  # fmt: skip
    last = rows.row(-1, named=True)
    return ax.annotate(f"{name}: {count(last['value'], last['qualifier'])}", (last["date"], last["value"]),
                       xytext=(4 * p.font_scale, 0), textcoords="offset points", va="center",
                       fontsize="x-small", color=colour)  # fmt: skip


def _plot(data: pl.DataFrame, sources: Sources, axes: list, p: Preset) -> Drawn:
    """The claim and each named-dead series as lines labelled at their end; end points sourced."""
    ax = axes[0][0]
    labels, rows, table = [], [], points.lookup(sources)
    for i, ((series_id, kind), part) in enumerate(data.group_by("series", "kind", maintain_order=True)):
        name = _name(series_id)
        labels.append(_line(ax, part, name, kind, p, markers=part.height < 40))
        last = part.row(-1, named=True)
        publisher, url = table.get(points.first_id(last["source"]) or "", (None, None))
        ax.plot(last["date"], last["value"], "o", color=MUTED, markersize=2 * p.font_scale,
                gid=f"point-{i}")  # fmt: skip
        rows.append({"gid": f"point-{i}", "date": last["date"], "when": day(last["date"]),
                     "value": figure(last["value"], last["qualifier"]), "who": name,
                     "source": publisher or name, "url": url})  # fmt: skip
    if not data.height:
        ax.text(0.5, 0.5, t("no_figures"), transform=ax.transAxes, ha="center", color=MUTED)
    ax.set_ylim(bottom=0, top=max(data["value"].max() or 0, 1) * 1.1)
    date_axis(ax)
    thousands(ax.yaxis)
    legend_above(ax, [
        Line2D([], [], color=SIDE_COLOURS["russia"], linestyle="--", label=t("metric.personnel")),
        Line2D([], [], color=NAMED_COLOUR, label=t("metric.names_identified")),
    ])  # fmt: skip
    return Drawn(t("note.personnel"), labels, lambda: end_labels(ax, labels), points.make(rows))


def personnel_vs_named(
    series: pl.DataFrame,
    claims: pl.DataFrame | None = None,
    *,
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
    """The General Staff's claimed Russian personnel losses (killed, wounded and captured; a
    dashed line) against the counts of Russian military dead identified by name (the upstream
    series' freshest vintage and the ledger's statements), each labelled at its end; the note
    says the two measure different things."""
    data = frame(series, claims)
    title = title or t("personnel.title", lang)
    subtitle = subtitle or t("personnel.subtitle", lang)
    text = ChartText(sources, preset, title, subtitle, as_of, credit, logo, lang, published_on)
    layout = Layout(data, x="date", y="value", group="series",
                    rows=[data.select(source_id="source")])  # fmt: skip
    return draw("personnel_vs_named", text, layout, lambda fig, axes, p: _plot(data, sources, axes, p),
                lambda again: personnel_vs_named(series, claims, **again.keywords()))  # fmt: skip
