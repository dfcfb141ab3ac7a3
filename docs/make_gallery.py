"""Regenerate docs/gallery.md and docs/gallery/*.png from the bundled ledger data.

Run from the checkout after `analysis ingest`:  .venv/bin/python docs/make_gallery.py
"""

from __future__ import annotations

from pathlib import Path

import polars as pl

from analysis import charts, series
from analysis.charts.standard import standard_charts
from analysis.tables import load_all

DOCS = Path(__file__).resolve().parent
GALLERY = charts.Preset("gallery", 640, 450, "px", scale=1)  # web layout at 1× to keep files small

INTRO = """# Chart gallery

Every chart type of `analysis.charts`, drawn from the bundled ledger (`data/raw/ledger`) at the
`web` layout (640 × 450 logical pixels; the `web` preset itself writes them at 2×, 1280 × 900).
Regenerate with `.venv/bin/analysis ingest && .venv/bin/python docs/make_gallery.py`.
Each image sits beside its plotted data (`.csv`) and generated alt text (`.alt.txt`).

Encodings used throughout: Ukraine blue `#0072B2`, Russia vermillion `#D55E00` (Okabe–Ito,
readable with the common colour-vision deficiencies), always in that order. Lower bounds carry an
upward arrow or an open marker, undisclosed figures are hatched rather than dropped, claims by a
warring party are hollow and dashed, confirmed and independent counts filled and solid, stated
ranges are bars.
"""

CAPTIONS = {
    "cumulative": ("Cumulative lines by side", "`charts.cumulative(series.cumulative(events))`"),
    "per_period": ("Per-period bars, mirrored", "`charts.per_period(series.per_period(events))`"),
    "per_period_grouped": ("Per-period bars, grouped", "`charts.per_period(frame, mirrored=False)`"),
    "timeline": ("Event timeline", "`charts.timeline(series.headline(events))`"),
    "asymmetry": ("Asymmetry per event", "`charts.asymmetry(series.asymmetry(events))`"),
    "delivery": ("Agreement delivery", "`charts.delivery(series.delivery(events, agreement_id))`"),
    "claims": ("Claims vs independent counts", "`charts.claims_vs_independent(claims, series_rows)`"),
    "small_multiples": ("Small multiples by event type", "`charts.small_multiples(frame, by=\"event_type\")`"),
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
        series.per_period(tables["events"]), mirrored=False, sources=names, preset=GALLERY
    )
    made["small_multiples"] = charts.small_multiples(
        by_event_type(tables["events"]), sources=names, preset=GALLERY
    )
    folder = DOCS / "gallery"
    sections = [INTRO]
    for name, (heading, call) in CAPTIONS.items():
        if name not in made:
            continue
        written = charts.export(made[name], name, folder, formats=("png",))
        alt = written["alt"].read_text(encoding="utf-8").strip()
        sections.append(
            f"## {heading}\n\n{call}\n\n![{alt}](gallery/{name}.png)\n\n"
            f"Alt text: {alt}\n\nData: [gallery/{name}.csv](gallery/{name}.csv)\n"
        )
    (DOCS / "gallery.md").write_text("\n".join(sections), encoding="utf-8")


if __name__ == "__main__":
    main()
