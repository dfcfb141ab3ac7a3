"""Commands on charts: export (files, data CSV, alt text, or a PDF chart pack)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from analysis.cli.common import date_option, iso_date, out
from analysis.config import default_paths

app = typer.Typer()


@app.command("export")
def export_command(
    chart: Annotated[
        str,
        typer.Argument(
            help="cumulative, cumulative_bodies, per_period, timeline, asymmetry, delivery, claims, all or pack."
        ),
    ],
    preset: Annotated[
        str, typer.Option(help="Size preset: web, social, print-column or print-page.")
    ] = "web",
    fmt: Annotated[
        list[str] | None,
        typer.Option("--format", help="svg, pdf or png; repeat for several (default all)."),
    ] = None,
    to: Annotated[
        Path | None, typer.Option("--out", help="Output folder (default reports/charts).")
    ] = None,
    start: Annotated[str | None, date_option(help="First day (YYYY-MM-DD).")] = None,
    end: Annotated[str | None, date_option(help="Last day (YYYY-MM-DD).")] = None,
) -> None:
    """Export standard charts (files, data CSV, alt text), or all of them as one PDF chart pack."""
    from analysis.charts import PRESETS, chart_pack, export
    from analysis.charts.export import FORMATS
    from analysis.charts.standard import STANDARD, standard_chart, standard_charts
    from analysis.tables import load_all

    if chart not in (*STANDARD, "all", "pack"):
        raise typer.BadParameter(f"{chart!r} is not one of {', '.join(STANDARD)}, all, pack")
    if preset not in PRESETS:
        raise typer.BadParameter(f"{preset!r} is not one of {', '.join(PRESETS)}")
    unknown = [f for f in fmt or () if f not in FORMATS]
    if unknown:
        raise typer.BadParameter(f"{', '.join(unknown)}: formats are {', '.join(FORMATS)}")
    first, last = iso_date(start, "--start"), iso_date(end, "--end")
    folder = to or default_paths().reports / "charts"
    tables = load_all()
    if chart in ("all", "pack"):
        made = standard_charts(tables, start=first, end=last, preset=preset)
    else:
        made = {chart: standard_chart(chart, tables, start=first, end=last, preset=preset)}
    if chart == "pack":
        path = chart_pack(list(made.values()), folder / "chart-pack.pdf")
        out.print(f"wrote {path} ({len(made)} pages: {', '.join(made)})")
        return
    for name, figure in made.items():
        written = export(figure, name, folder, formats=fmt or FORMATS)
        out.print(f"wrote {', '.join(str(p) for p in written.values())}")
