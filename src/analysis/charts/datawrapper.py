"""Chart data ready for Datawrapper or a spreadsheet: a wide CSV (one date column, one readable
column per side or series, positive values, undisclosed figures left empty and explained in a
notes column) and a JSON sidecar with title, subtitle, source line, notes, unit and two dates.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import polars as pl

from analysis import escape
from analysis.charts.chart import Chart
from analysis.charts.finalise import source_line
from analysis.charts.i18n import day, has, label, t, using
from analysis.ingest import safecsv


def column_name(group: str, value: object) -> str:
    """A readable column header for one series: "Received by Ukraine", "Russia's military
    losses"; other values as they are."""
    for key in (f"{group}.{value}", f"losses.{value}"):
        if has(key):
            return t(key)
    return label("side", str(value)) if group == "received_by" else str(value)


def _unit(chart: Chart) -> str:
    """The chart's unit in its language (people, bodies) or as it is."""
    return t(f"unit.{chart.unit}") if has(f"unit.{chart.unit}") else chart.unit


def _notes(chart: Chart, rows: pl.DataFrame) -> str:
    """What a date's empty or bounded values mean: undisclosed figures and lower bounds."""
    notes = []
    for row in rows.iter_rows(named=True):
        who = column_name(chart.group or "", row[chart.group]) if chart.group else ""
        if row.get("undisclosed_events"):
            notes.append(t("notes.undisclosed", side=who, n=row["undisclosed_events"]))
        if row.get("lower_bound_events") or row.get("lower_bound"):
            notes.append(t("notes.at_least", side=who))
    return "; ".join(notes)


def wide(chart: Chart) -> pl.DataFrame:
    """One row per date, one column per series (positive values; undisclosed empty), notes."""
    data = chart.data.filter(pl.col(chart.x).is_not_null())
    group = chart.group
    keys = data[group].unique(maintain_order=True).to_list() if group else [None]
    dates = data[chart.x].unique().sort()
    out = pl.DataFrame({t("column.date"): dates})
    for key in keys:
        rows = data.filter(pl.col(group) == key) if group else data
        values = rows.group_by(chart.x).agg(pl.col(chart.y).last().cast(pl.Float64).abs().round(0).cast(pl.Int64))
        name = column_name(group, key) if group else _unit(chart)
        out = out.join(values.rename({chart.x: t("column.date"), chart.y: name}),
                       on=t("column.date"), how="left")  # fmt: skip
    notes = [_notes(chart, data.filter(pl.col(chart.x) == d)) for d in dates.to_list()]
    return out.with_columns(pl.Series(t("column.notes"), notes, dtype=pl.String)).sort(t("column.date"))


def sidecar(chart: Chart, published: dt.date) -> dict[str, object]:
    """Title, subtitle, source line, notes, unit and the two dates, for the CSV's reader."""
    note = next((x.get_text().replace("\n", " ") for x in chart.fig.texts
                 if x.get_gid() == "chart-note"), "")  # fmt: skip
    return {
        "title": chart.title,
        "subtitle": chart.subtitle,
        "source": escape.svg(source_line(chart.sources)),  # data text: hidden characters shown
        "notes": note,
        "unit": _unit(chart),
        "data_to": chart.as_of.isoformat() if chart.as_of else None,
        "published": published.isoformat(),
        "data_to_text": t("data_to", date=day(chart.as_of)) if chart.as_of else "",
        "published_text": t("published", date=day(published)),
        "language": chart.lang,
    }


def write(chart: Chart, folder: Path, name: str, published: dt.date | None = None) -> dict[str, Path]:
    """Write `<name>.datawrapper.csv` and `<name>.datawrapper.json`; returns both paths."""
    with using(chart.lang):
        csv, meta = folder / f"{name}.datawrapper.csv", folder / f"{name}.datawrapper.json"
        safecsv.write_csv(wide(chart), csv)
        info = sidecar(chart, published or dt.date.today())
        meta.write_text(json.dumps(info, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return {"datawrapper": csv, "datawrapper_json": meta}
