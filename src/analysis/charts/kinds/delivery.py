"""Delivery against an agreement: delivered bars inside open bars of the number agreed."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import polars as pl
from babel.numbers import format_percent
from matplotlib.axes import Axes
from matplotlib.patches import Patch

from analysis.charts.chart import Chart
from analysis.charts.i18n import current, day, label, number, t
from analysis.charts.kinds.common import (
    SIDE_ORDER,
    legend_above,
    present,
    sides,
    thousands,
    trim_ticks,
)
from analysis.charts.labels import make_room, place
from analysis.charts.presets import Preset
from analysis.charts.scaffold import ChartText, Drawn, Layout, Sources, draw
from analysis.charts.style import MUTED, side_colour
from analysis.wording import EVENT_TYPE_LABELS

AGREEMENT_ID = re.compile(r"(?P<date>\d{4}-\d{2}-\d{2})-(?P<type>[a-z_]+)-(?P<name>.+)")


def agreement_label(agreement_id: str, lang: str | None = None) -> str:
    """An agreement id of the form <date>-<event type>-<name> as words ("POW exchange, 16 May
    2025"); any other id as it is."""
    match = AGREEMENT_ID.fullmatch(agreement_id)
    if match is None or match["type"] not in EVENT_TYPE_LABELS:
        return agreement_id
    when = day(dt.date.fromisoformat(match["date"]), lang, short=True)
    return f"{label('event', match['type'], lang)}, {when}"


def _bar_text(row: dict) -> str:
    """A bar's label: delivered, of agreed (share), and undisclosed deliveries."""
    delivered = number(row["delivered"] or 0)
    if row["agreed"]:
        share = format_percent(row["share"], "#,##0%" if row["share"] >= 0.1 else "#,##0.0%",
                               locale=current())  # fmt: skip
        text = t("delivery.of", delivered=delivered, agreed=number(row["agreed"]), share=share)
    else:
        text = t("delivery.none_agreed", delivered=delivered)
    if row["undisclosed_events"]:
        text += " " + t("delivery.undisclosed", n=row["undisclosed_events"])
    return text


def _bars(ax: Axes, data: pl.DataFrame, p: Preset) -> list:
    """Per row an open bar of the agreed number, the delivered bar inside and its label."""
    texts = []
    for row in data.iter_rows(named=True):
        colour = side_colour(row["received_by"])
        if row["agreed"] is not None:
            ax.barh(row["row"], row["agreed"], height=0.6, facecolor="white",
                    edgecolor=colour, linewidth=1.2)  # fmt: skip
        ax.barh(row["row"], row["delivered"] or 0, height=0.6, color=colour,
                gid=f"delivered-{row['received_by']}")  # fmt: skip
        end = max(row["agreed"] or 0, row["delivered"] or 0)
        texts.append(ax.annotate(_bar_text(row), (end, row["row"]), xytext=(4 * p.font_scale, 0),
                                 textcoords="offset points", va="center", fontsize="small",
                                 color=colour))  # fmt: skip
    return texts


def _plot(data: pl.DataFrame, several: bool, note: str, axes: list, p: Preset) -> Drawn:
    """Bars, row labels (sides, or one per agreement when there are several) and the legend."""
    ax = axes[0][0]
    texts = _bars(ax, data, p)
    if several:  # one label per agreement, between its bars; the legend names the sides
        pairs = data.group_by("agreement_id", maintain_order=True).agg(pl.col("row").mean())
        ax.set_yticks(pairs["row"].to_list(),
                      [agreement_label(a) for a in pairs["agreement_id"].to_list()])  # fmt: skip
    else:
        ax.set_yticks(data["row"].to_list(),
                      [t(f"received_by.{s}") for s in data["received_by"].to_list()])  # fmt: skip
    ax.tick_params(axis="y", length=0)
    ax.set_xlim(0, max(data["agreed"].max() or 0, data["delivered"].max() or 0) * 1.05 or 1)
    ax.set_ylim(-0.7, data.height - 0.3)
    thousands(ax.xaxis)
    handles = [Patch(facecolor=MUTED, label=t("legend.delivered")),
               Patch(facecolor="white", edgecolor=MUTED, linewidth=1.2, label=t("legend.agreed"))]  # fmt: skip
    if several:
        handles = [Patch(color=side_colour(s), label=t(f"received_by.{s}"))
                   for s in present(data)] + handles  # fmt: skip
    legend_above(ax, handles)
    def finish() -> None:
        make_room(ax, texts)
        trim_ticks(ax, max(data["agreed"].max() or 0, data["delivered"].max() or 0))
        place(ax, texts)  # a safety net: bar-end labels sit beside their bars

    return Drawn(note, texts, finish)


def delivery(
    frame: pl.DataFrame,
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
    """Per side (and agreement, when the frame has agreement_id), the latest delivered count as a
    solid bar inside an open bar of the agreed number, labelled with the share."""
    title, subtitle = title or t("delivery.title", lang), subtitle or t("delivery.subtitle", lang)
    text = ChartText(sources, preset, title, subtitle, as_of, credit, logo, lang, published_on)
    keys = ["agreement_id", "received_by"] if "agreement_id" in frame.columns else ["received_by"]
    data = (
        sides(frame.sort("date").group_by(keys, maintain_order=True).last())
        .sort(*keys[:-1], SIDE_ORDER, maintain_order=True)
        .with_columns(row=pl.int_range(pl.len(), 0, -1) - 1)
        .select(
            *keys, "date", "agreed", "delivered", "remaining", "share", "undisclosed_events", "row"
        )  # fmt: skip
    )
    several = len(keys) == 2 and data["agreement_id"].n_unique() > 1
    one = len(keys) == 2 and not several
    note = t("note.agreement", lang, name=agreement_label(data["agreement_id"][0], lang)) if one else ""
    layout = Layout(data, x="date", y="delivered", group="received_by", rows=frame, grid_axis="x")
    return draw("delivery", text, layout, lambda fig, axes, p: _plot(data, several, note, axes, p),
                lambda again: delivery(frame, **again.keywords()))  # fmt: skip
