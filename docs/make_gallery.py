"""Regenerate docs/gallery.md and docs/gallery/*.png from the bundled ledger data.

Run from the checkout after `analysis ingest`:  .venv/bin/python docs/make_gallery.py
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import polars as pl

from analysis import charts, series
from analysis.charts.standard import PEOPLE, Choice, standard_chart, standard_charts
from analysis.tables import load_all

DOCS = Path(__file__).resolve().parent
GALLERY = charts.Preset("gallery", 640, 450, "px", scale=1)  # web layout at 1× to keep files small

INTRO = """# Chart gallery

Every chart type of `analysis.charts`, drawn from the bundled ledger (`data/raw/ledger`) at the
`web` layout (640 × 450 logical pixels; the `web` preset itself writes them at 2×, 1280 × 900).
Regenerate with `.venv/bin/analysis ingest && .venv/bin/python docs/make_gallery.py`.
Each image sits beside its plotted data (`.csv`) and generated alt text (`.alt.txt`); the
Ukrainian example also has its Datawrapper-ready CSV and sidecar. Chart text comes in English,
Ukrainian and Russian (`--lang`), every point of an SVG or HTML export has a tooltip and a link
to its source page, and the personnel chart needs the upstream snapshots ingested
(`analysis ingest --upstream ../shared/data/upstream`).

Encodings used throughout: Ukraine blue `#0072B2`, Russia vermillion `#D55E00` (Okabe–Ito,
readable with the common colour-vision deficiencies), always in that order. Lower bounds carry an
upward arrow or an open marker, undisclosed figures are hatched rather than dropped, claims by a
warring party are hollow and dashed, confirmed and independent counts filled and solid, stated
ranges are bars.
"""

CAPTIONS = {
    "cumulative": ("Cumulative lines by side: living people", "`charts.cumulative(series.cumulative(events, event_types=PEOPLE))`"),
    "cumulative_bodies": ("Cumulative lines by side: bodies", "`charts.cumulative(series.cumulative(events, event_types=BODIES))`"),
    "per_period": ("Per-period bars, mirrored", "`charts.per_period(series.per_period(events))`"),
    "per_period_grouped": ("Per-period bars, grouped", "`charts.per_period(series.per_period(events, event_types=PEOPLE), mirrored=False)`"),
    "timeline": ("Event timeline", "`charts.timeline(series.headline(events))`"),
    "asymmetry": ("Asymmetry per event", "`charts.asymmetry(series.asymmetry(events))`"),
    "delivery": ("Agreement delivery", "`charts.delivery(series.delivery(events, agreement_id))`"),
    "claims": ("Claims vs independent counts, one panel per subject (military by default)", "`charts.claims_vs_independent(claims, series_rows, subjects=MILITARY)`"),
    "small_multiples": ("Small multiples by event type", "`charts.small_multiples(frame, by=\"event_type\")`"),
    "personnel_vs_named": ("General Staff personnel losses against the named dead", "`charts.personnel_vs_named(series_rows, claims)` · `analysis export personnel_vs_named`"),
    "bodies_2025_uk": ("Bodies returned to Ukraine per month in 2025, in Ukrainian, print column", "`analysis export per_period --event-type body_repatriation --side ukraine --start 2025-01-01 --end 2025-12-31 --published 2026-12-01 --preset print-column --lang uk --format svg --format datawrapper --format html`"),
    "claims_ru": ("Claims and independent counts, in Russian", "`analysis export claims --lang ru`"),
}


def by_event_type(events: pl.DataFrame) -> pl.DataFrame:
    """Cumulative counts by side for each event type, stacked with an event_type column."""
    current = events.filter(pl.col("is_current") & (pl.col("status") == "completed"))
    types = current["event_type"].unique().sort().to_list()
    return pl.concat([
        series.cumulative(events, event_types=[t]).with_columns(event_type=pl.lit(t)) for t in types
    ])  # fmt: skip


def main() -> None:
    """Draw every chart type, export the PNGs and write gallery.md."""
    tables = load_all()
    made = standard_charts(tables, preset=GALLERY)
    names = charts.source_names(tables["events"].filter(pl.col("status") == "completed"), tables["sources"])
    made["per_period_grouped"] = charts.per_period(
        series.per_period(tables["events"], event_types=PEOPLE), mirrored=False, sources=names,
        preset=GALLERY,
    )  # living people only: bodies are never summed with them
    made["small_multiples"] = charts.small_multiples(
        by_event_type(tables["events"]), sources=names, preset=GALLERY
    )
    bodies = Choice(start=dt.date(2025, 1, 1), end=dt.date(2025, 12, 31), side="ukraine",
                    event_types=("body_repatriation",), lang="uk",
                    title="Тіла, повернені в Україну, 2025",
                    published_on=dt.date(2026, 12, 1))  # fmt: skip
    made["bodies_2025_uk"] = standard_chart("per_period", tables, preset="print-column", choice=bodies)
    made["claims_ru"] = standard_chart("claims", tables, preset=GALLERY, choice=Choice(lang="ru"))
    folder = DOCS / "gallery"
    sections = [INTRO]
    for name, (heading, call) in CAPTIONS.items():
        if name not in made:
            continue
        formats = ("png", "datawrapper") if name == "bodies_2025_uk" else ("png",)
        written = charts.export(made[name], name, folder, formats=formats)
        alt = written["alt"].read_text(encoding="utf-8").strip()
        sections.append(
            f"## {heading}\n\n{call}\n\n![{alt}](gallery/{name}.png)\n\n"
            f"Alt text: {alt}\n\nData: [gallery/{name}.csv](gallery/{name}.csv)\n"
        )
    (DOCS / "gallery.md").write_text("\n".join(sections), encoding="utf-8")


if __name__ == "__main__":
    main()
